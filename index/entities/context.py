"""What the per-article rules know besides the spans: word lists, gazetteer, language."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from index.entities.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """Shared, read-only inputs of the rules for one article.

    ``common_words`` are lower-case French words (from the model's lemmatizer tables) that
    tell a capitalised sentence opener from a name; ``verbs``/``nouns`` tell "Commission
    de présenter" (a verb glued to a name) from "Chambre de commerce".
    """

    gazetteer: Gazetteer
    common_words: Collection[str] = frozenset()
    stop_words: Collection[str] = frozenset()
    verbs: Collection[str] = frozenset()
    nouns: Collection[str] = frozenset()
    inflected_forms: Collection[str] = frozenset()
    lang: str | None = None
    confidence: float = 1.0

    @property
    def low_confidence(self) -> bool:
        return self.confidence < 1.0

    def is_infinitive(self, word: str) -> bool:
        return word in self.verbs or (word.endswith(("er", "ir")) and word not in self.nouns)
