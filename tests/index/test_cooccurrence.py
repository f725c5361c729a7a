"""Entities seen together: counted in articles, hidden ones left out (index/cooccurrence.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index import Library, entity_store
from index.models import Mention

PEOPLE = {  # article -> the entities it names (person or place), some twice
    1: ["Sadio Camara", "Bamako", "Niamey", "Sadio Camara"],
    2: ["Sadio Camara", "Niamey", "Assimi Goïta"],
    3: ["Assimi Goïta", "Bamako", "Bamako"],
    4: ["Niamey"],
}


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    feed = tmp_path / "a.jsonl"
    feed.write_text("".join(json.dumps({"title": f"Article {n}", "text": f"Texte {n} " * 20})
                            + "\n" for n in PEOPLE), encoding="utf-8")
    library = Library.open(tmp_path / "lib")
    library.import_paths([feed])
    with library.store.transaction() as conn:
        for article, names in PEOPLE.items():
            entity_store.save_mentions(conn, article, [
                Mention(i, i + 1, "place" if n in ("Bamako", "Niamey") else "person", n, n)
                for i, n in enumerate(names)])
    yield library
    library.close()


def _id(lib: Library, name: str) -> int:
    return next(e.id for e in lib.entities(include_hidden=True) if e.name == name)


def test_companions_are_counted_in_articles(lib: Library) -> None:
    got = [(c.name, c.label, c.articles) for c in lib.companions(_id(lib, "Sadio Camara"))]
    assert got == [("Niamey", "place", 2), ("Assimi Goïta", "person", 1), ("Bamako", "place", 1)]
    got = [(c.name, c.articles) for c in lib.companions(_id(lib, "Bamako"), limit=1)]
    assert got == [("Assimi Goïta", 1)]  # ties by name; the limit holds


def test_hidden_and_merged_entities_are_not_companions(lib: Library) -> None:
    lib.hide_entity(_id(lib, "Niamey"))
    assert "Niamey" not in [c.name for c in lib.companions(_id(lib, "Sadio Camara"))]
    lib.merge_entities(_id(lib, "Assimi Goïta"), _id(lib, "Bamako"))
    assert [(c.name, c.articles) for c in lib.companions(_id(lib, "Sadio Camara"))] == [
        ("Bamako", 2)]


def test_the_network_of_some_articles(lib: Library) -> None:
    network = lib.entity_network([1, 2, 3], size=4)
    assert [(n.name, n.articles) for n in network.nodes] == [  # ties by name
        ("Assimi Goïta", 2), ("Bamako", 2), ("Niamey", 2), ("Sadio Camara", 2)]
    ids = {n.name: n.entity_id for n in network.nodes}
    edges = {(a, b): n for a, b, n in network.edges}
    assert edges[tuple(sorted((ids["Sadio Camara"], ids["Niamey"])))] == 2
    assert edges[tuple(sorted((ids["Sadio Camara"], ids["Bamako"])))] == 1
    assert len(edges) == 6 and network.edges[0][2] == 2  # strongest first
    smaller = lib.entity_network([1, 2, 3], size=3)
    assert "Sadio Camara" not in [n.name for n in smaller.nodes]
    assert all(ids["Sadio Camara"] not in (a, b) for a, b, _n in smaller.edges)
    assert lib.entity_network([4]).edges == ()
