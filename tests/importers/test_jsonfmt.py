"""JSON and JSON Lines exports through ``parse()``; the Reuters JSONL when present."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from index.importers import parse

JSON_DIR = Path(__file__).resolve().parent / "fixtures" / "json"


def _parse(name: str):
    path = JSON_DIR / name
    return parse(str(path), path.read_bytes())


def test_list_with_schema_org_and_scraper_field_names() -> None:
    outcome = _parse("list_fr.json")
    assert outcome.status == "ok", outcome.reason
    assert outcome.format == "json"
    tram, salon = outcome.drafts
    assert tram.title == "Bordeaux : le tramway prolongé jusqu'à l'aéroport"
    assert tram.text == (
        "La ligne A du tramway de Bordeaux desservira l'aéroport de Mérignac dès la rentrée.\n"
        "Le chantier a coûté 120 millions d'euros."
    )
    assert tram.source == "Sud Veille"  # nested {"name": ...}
    assert tram.authors == ("Hugo Lefèvre", "Anaïs Roux")
    assert tram.date == "2024-02-20T09:00:00+01:00"
    assert tram.lang == "fr"
    assert tram.origin.endswith("list_fr.json#item-1")
    assert salon.date == "2024-02-21T09:00:00+00:00"  # epoch seconds
    assert salon.authors == ("Marc Olivier", "Julie Petit")
    assert "1 record(s) without article text were left out" in outcome.warnings


def test_object_holding_articles_like_a_news_api() -> None:
    outcome = _parse("object_articles_en.json")
    assert outcome.status == "ok"
    library, bridge = outcome.drafts
    assert library.source == "Northern Ledger"
    assert library.text.startswith("The central library opened")  # content beats description
    assert library.url == "https://ledger.veille.test/library-24h"
    assert library.authors == ("Ruth Okafor",)
    assert bridge.date == "2024-10-06T08:00:00+00:00"


def test_jsonl_bad_line_is_reported_and_the_others_import() -> None:
    outcome = _parse("lines_one_bad.jsonl")
    assert outcome.status == "ok"
    assert [d.title for d in outcome.drafts] == [
        "Nantes : un nouveau pont sur la Loire",
        "Angers lance son budget participatif",
        "Harbour festival returns",
    ]
    assert [d.origin.rsplit("#", 1)[1] for d in outcome.drafts] == ["line-1", "line-4", "line-5"]
    assert any(w.startswith("line 2: invalid JSON") for w in outcome.warnings)
    assert outcome.drafts[0].text == "Le pont reliera l’île de Nantes à Rezé en 2026."


def test_truncated_json_fails_naming_the_position() -> None:
    data = (JSON_DIR / "object_articles_en.json").read_bytes()[:300]
    outcome = parse("/tmp/cut.json", data)
    assert outcome.status == "failed"
    assert "cut short" in outcome.reason
    assert "line " in outcome.reason and "column " in outcome.reason


def test_valid_json_that_holds_no_articles() -> None:
    outcome = parse("/tmp/shape.json", b'[1, 2, "trois", null, {"no_text_field": true}]')
    assert outcome.status == "failed"
    assert outcome.reason.startswith("no articles found")


def test_single_article_object_and_search_engine_dump() -> None:
    single = parse(
        "/tmp/one.json",
        b'{"headline": "Un titre", "body": "Un corps de texte.", "language": "fr-CA"}',
    )
    assert single.drafts[0].origin == "/tmp/one.json"
    assert single.drafts[0].lang == "fr"
    dump = {"hits": {"hits": [{"_id": "1", "_source": {"title": "T", "text": "Corps."}}]}}
    outcome = parse("/tmp/es.json", json.dumps(dump).encode())
    assert outcome.status == "ok"
    assert outcome.drafts[0].text == "Corps."
    keyed = {"a1": {"title": "Un", "body": "Premier."}, "a2": {"title": "Deux", "body": "Second."}}
    outcome = parse("/tmp/keyed.json", json.dumps(keyed).encode())
    assert [d.text for d in outcome.drafts] == ["Premier.", "Second."]


def test_hard_wrapped_wire_text_is_unwrapped_into_paragraphs() -> None:
    body = (
        "Standard Oil Co and BP North America\nInc said they plan to form a venture to manage"
        " the money market\nborrowing and investment activities of both companies.\n"
        "    BP North America is a subsidiary of British Petroleum Co\nPlc, which also owns a"
        " 55 pct interest in Standard Oil."
    )
    outcome = parse("/tmp/w.jsonl", json.dumps({"title": "T", "text": body}).encode())
    assert outcome.drafts[0].text.split("\n") == [
        "Standard Oil Co and BP North America Inc said they plan to form a venture to manage "
        "the money market borrowing and investment activities of both companies.",
        "BP North America is a subsidiary of British Petroleum Co Plc, which also owns a "
        "55 pct interest in Standard Oil.",
    ]


@pytest.mark.extended
def test_reuters_jsonl_imports_every_article(shared_data: Path) -> None:
    path = shared_data / "news-en" / "reuters21578.jsonl.gz"
    data = gzip.decompress(path.read_bytes())
    outcome = parse("reuters21578.jsonl", data)
    assert outcome.status == "ok"
    assert len(outcome.drafts) == 15_235
    first = outcome.drafts[0]
    assert (first.title, first.date, first.source, first.lang) == (
        "BAHIA COCOA REVIEW", "1987-02-26", "Reuters", "en",
    )


@pytest.mark.extended
def test_shared_bad_json_inputs(shared_data: Path) -> None:
    bad = shared_data / "bad-inputs"
    lines = parse("x.jsonl", (bad / "jsonl_one_bad_line.jsonl").read_bytes())
    assert len(lines.drafts) == 5
    assert any(w.startswith("line 3: invalid JSON") for w in lines.warnings)
    truncated = parse("x.json", (bad / "json_truncated.json").read_bytes())
    assert truncated.status == "failed" and "column" in truncated.reason
    shape = parse("x.json", (bad / "json_wrong_shape.json").read_bytes())
    assert shape.status == "failed" and "no articles found" in shape.reason
