"""Exact-match precision, recall and F1 of entity spans, per type and micro-averaged.

Used by the gold-set benchmark and by the quality test that guards against regressions.
A predicted span counts only when its start, end and type all equal a gold span's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

Span = tuple[int, int, str]


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Scores:
    """Counts per type plus the micro-average over all types."""

    by_type: dict[str, Counts] = field(default_factory=dict)
    overall: Counts = field(default_factory=Counts)

    def add(self, gold: Iterable[Span], predicted: Iterable[Span]) -> None:
        gold_set, pred_set = set(gold), set(predicted)
        for span in pred_set:
            counts = self.by_type.setdefault(span[2], Counts())
            hit = span in gold_set
            counts.tp += hit
            counts.fp += not hit
            self.overall.tp += hit
            self.overall.fp += not hit
        for span in gold_set - pred_set:
            self.by_type.setdefault(span[2], Counts()).fn += 1
            self.overall.fn += 1
