"""A surname used alone links to the library's one person of that name; with several it
stays apart, shown as ambiguous; a curation edit is never undone (index/entity_store.py)."""

from __future__ import annotations

import json
from pathlib import Path

from index import Library
from index.entities import EntityExtractor

FULL = ("Le ministre russe de la Défense, Andreï Belooussov, a reçu lundi à Moscou les "
        "ministres de l'Alliance des États du Sahel. Andreï Belooussov a promis des "
        "équipements avant la fin de l'année.")
LONE = ("Selon Belooussov, les livraisons commenceront en mars. Les ministres maliens ont "
        "salué cette annonce à Bamako.")
BROWNS = ["Gordon Brown spoke in Edinburgh on Monday about the economy and public services.",
          "Chris Brown played to a full stadium in London on Saturday night, fans said."]
LONE_BROWN = "On Tuesday, Mr Brown said that the plan would be published next month."


def _import(lib: Library, tmp_path: Path, name: str, rows: list[tuple[str, str]]) -> None:
    feed = tmp_path / name
    feed.write_text("".join(json.dumps({"title": t[:30], "text": t, "lang": lang},
                                       ensure_ascii=False) + "\n" for t, lang in rows),
                    encoding="utf-8")
    lib.import_paths([feed])
    lib.extract_pending()


def test_a_lone_surname_finds_the_one_person_of_the_library(
        tmp_path: Path, shared_extractor: EntityExtractor) -> None:
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        _import(lib, tmp_path, "a.jsonl", [(FULL, "fr")])
        _import(lib, tmp_path, "b.jsonl", [(LONE, "fr")])
        people = {e.name: e for e in lib.entities(label="person")}
        assert "Belooussov" not in people
        assert people["Andreï Belooussov"].article_count == 2
        assert "Belooussov" in people["Andreï Belooussov"].aliases
        assert lib.search('entity:"Andreï Belooussov"').total == 2


def test_a_surname_several_people_bear_stays_apart_and_says_so(
        tmp_path: Path, shared_extractor: EntityExtractor) -> None:
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        _import(lib, tmp_path, "a.jsonl", [(t, "en") for t in BROWNS])
        _import(lib, tmp_path, "b.jsonl", [(LONE_BROWN, "en")])
        people = {e.name: e for e in lib.entities(label="person")}
        assert people["Brown"].ambiguous and people["Brown"].article_count == 1
        assert not people["Gordon Brown"].ambiguous
        assert people["Gordon Brown"].article_count == people["Chris Brown"].article_count == 1


def test_a_hidden_person_is_not_who_a_surname_means(
        tmp_path: Path, shared_extractor: EntityExtractor) -> None:
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        _import(lib, tmp_path, "a.jsonl", [(FULL, "fr")])
        belooussov = next(e for e in lib.entities(label="person")
                          if e.name == "Andreï Belooussov")
        lib.hide_entity(belooussov.id)  # the person's choice stands
        _import(lib, tmp_path, "b.jsonl", [(LONE, "fr")])
        people = {e.name: e for e in lib.entities(label="person")}
        assert "Belooussov" in people and "Andreï Belooussov" not in people


def test_only_real_full_names_can_be_meant() -> None:
    from index.entity_store import surname_of

    assert surname_of("Jean-Yves Le Drian") == "drian"
    assert surname_of("Andreï Belooussov") == "belooussov"
    assert surname_of("John O'Neill") == "o'neill"
    # A model's wrong "person" must not become whom every lone "Closer" or "MPs" means.
    for wrong in ("Mike Nichols' Closer", "Women MPs", "Belooussov", "BBC News Online Staff X",
                  "Col. Sadio Camara", "Sadio camara"):
        assert surname_of(wrong) is None, wrong
