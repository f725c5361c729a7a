"""A place named in several languages is one entity (Royaume-Uni, United Kingdom, UK)."""

from __future__ import annotations

import json
from pathlib import Path

from index import Library
from index.entities import EntityExtractor

ARTICLES = [
    {"title": "Londres et Paris", "lang": "fr", "date": "2026-01-05",
     "text": "Le Royaume-Uni et la France ont signé lundi un accord sur la défense. Le "
             "Premier ministre a salué un partenariat solide avec Paris."},
    {"title": "London and Paris", "lang": "en", "date": "2026-01-06",
     "text": "The United Kingdom and France signed a defence agreement on Monday. The UK "
             "prime minister welcomed a strong partnership with Paris."},
]


def test_one_place_under_its_french_and_english_names(
        tmp_path: Path, shared_extractor: EntityExtractor) -> None:
    feed = tmp_path / "a.jsonl"
    feed.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES),
                    encoding="utf-8")
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        lib.import_paths([feed])
        assert lib.extract_pending() == 2
        places = {e.name: e for e in lib.entities(label="place")}
        uk = places["Royaume-Uni"]  # the name first seen stays the entity's name
        assert "United Kingdom" not in places and uk.article_count == 2
        assert "United Kingdom" in uk.aliases and "UK" in uk.aliases
        assert places["France"].article_count == 2
        assert lib.search('entity:"Royaume-Uni"').total == 2
        # A rename is the person's: later names still land on the renamed entity.
        lib.rename_entity(uk.id, "Royaume-Uni (UK)")
        more = tmp_path / "b.json"
        more.write_text(json.dumps({"title": "Britain", "lang": "en", "text":
                                    "Britain will host the summit next year, officials said "
                                    "in London on Tuesday."}), encoding="utf-8")
        lib.import_paths([more])
        lib.extract_pending()
        names = {e.name: e.article_count for e in lib.entities(label="place")}
        assert names["Royaume-Uni (UK)"] == 3 and "Britain" not in names
