"""The gold set is valid, and the extractor stays above a quality floor on it."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from index.entities import EntityExtractor
from index.entities.evaluation import Scores
from index.models import ENTITY_TYPES

GOLD = Path(__file__).resolve().parent / "gold"
FILES = sorted(GOLD.glob("*.json"))


def load(lang: str) -> list[dict]:
    docs = [json.loads(f.read_text(encoding="utf-8")) for f in FILES]
    return [d for d in docs if d["lang"] == lang]


def test_gold_set_size() -> None:
    assert len(load("fr")) >= 20
    assert len(load("en")) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_gold_file_is_valid(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    text = doc["text"]
    assert doc["lang"] in {"fr", "en"}
    assert 150 <= len(text.split()) <= 400
    assert doc["entities"], "an article without entities teaches nothing"
    previous_end = 0
    for ent in doc["entities"]:
        assert ent["label"] in ENTITY_TYPES
        assert text[ent["start"] : ent["end"]] == ent["text"]
        assert ent["text"] == ent["text"].strip()
        assert ent["start"] >= previous_end, "entities overlap or are out of order"
        previous_end = ent["end"]


def test_french_gold_f1_stays_above_floor(extractor: EntityExtractor) -> None:
    docs = load("fr")
    predicted = extractor.extract_batch([(d["text"], "fr") for d in docs])
    scores = Scores()
    for doc, mentions in zip(docs, predicted, strict=True):
        for a, b in pairwise(mentions):
            assert a.end <= b.start
        assert all(doc["text"][m.start : m.end] == m.text for m in mentions)
        gold = [(e["start"], e["end"], e["label"]) for e in doc["entities"]]
        scores.add(gold, [(m.start, m.end, m.label) for m in mentions])
    assert scores.overall.f1 > 0.80, f"French gold F1 fell to {scores.overall.f1:.3f}"


def test_marking_helper_by_string_and_occurrence() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gold_mark", GOLD / "mark.py")
    assert spec and spec.loader
    mark_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mark_module)
    text = "Le Mali et la Chambre de commerce du Mali. Mali, encore. Malien."
    source = (
        f"{text}\n===\nplace: Mali\norganisation: Chambre de commerce du Mali\nnone: Mali #3\n"
    )
    parsed_text, marks = mark_module.parse_source(source)
    entities = mark_module.mark(parsed_text, marks)
    assert [(e["text"], e["label"]) for e in entities] == [
        ("Mali", "place"),
        ("Chambre de commerce du Mali", "organisation"),
    ]
    assert all(text[e["start"] : e["end"]] == e["text"] for e in entities)
    only_second = mark_module.mark(text, [("place", "Mali", 2)])
    assert [e["start"] for e in only_second] == [text.index("Mali", 10)]
