"""Extended checks on third-party data in ../shared/data; skipped when it is absent."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from index.entities import EntityExtractor
from index.entities.evaluation import Scores

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
WIKINEWS = DATA / "news-fr" / "wikinews-fr.jsonl.gz"
HIPE = DATA / "ner-fr" / "hipe-fr-dev.jsonl.gz"
HIPE_TYPES = {"PER": "person", "pers": "person", "LOC": "place", "loc": "place",
              "ORG": "organisation", "org": "organisation"}

pytestmark = pytest.mark.extended


def rows(path: Path) -> list[dict]:
    if not path.exists():
        pytest.skip(f"{path} not available")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_wikinews_offsets_are_exact(extractor: EntityExtractor) -> None:
    docs = rows(WIKINEWS)
    results = extractor.extract_batch([(d["text"], "fr") for d in docs])
    assert sum(len(r) for r in results) > 20 * len(docs) // 10
    for doc, mentions in zip(docs, results, strict=True):
        for m in mentions:
            assert doc["text"][m.start : m.end] == m.text


def test_hipe_not_worse_than_bare_model(extractor: EntityExtractor) -> None:
    docs = rows(HIPE)[:40]
    bare, ours = Scores(), Scores()
    keep = set(HIPE_TYPES.values())
    results = extractor.extract_batch([(d["text"], "fr") for d in docs])
    for doc, mentions in zip(docs, results, strict=True):
        gold = [(e["start"], e["end"], HIPE_TYPES[e["type"]])
                for e in doc["entities"] if e["type"] in HIPE_TYPES]
        ours.add(gold, [(m.start, m.end, m.label) for m in mentions if m.label in keep])
        bare.add(gold, [s for s in extractor.raw_spans(doc["text"], "fr") if s[2] in keep])
    assert ours.overall.f1 >= bare.overall.f1 - 0.01
