"""The whole-name entity field keeps presence only (issue 12, "lean"): no per-posting
value, which whoosh3 pickled at about 50 bytes for each name's postings. Indexes written
before, with a frequency per posting, are not rebuilt: they answer the same, and a merge
rewrites their postings in the lean format.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh.fields import KEYWORD, Schema

from index.search import IndexDoc, SearchIndex, engine, schema
from index.search.analysis import FieldValueTokenizer

DOCS = [
    IndexDoc(1, "Tony Blair à Paris", "Tony Blair a rencontré Emmanuel Macron à Paris.",
             lang="fr", entities=("Tony Blair", "Emmanuel Macron", "Paris")),
    IndexDoc(2, "The Tony Blair Institute", "The Tony Blair Institute published a report.",
             lang="en", entities=("Tony Blair Institute",)),
    IndexDoc(3, "Blair in London", "Mr Blair spoke in London on Monday.",
             lang="en", entities=("Blair", "London")),
    IndexDoc(4, "Sommet à Genève", "Emmanuel Macron et Tony Blair se sont vus à Genève.",
             lang="fr", entities=("Emmanuel Macron", "Tony Blair", "Genève")),
    IndexDoc(5, "Élection à São Paulo", "Le scrutin de São Paulo a été suivi à Paris.",
             lang="fr", entities=("São Paulo", "Paris")),
]
QUERIES = ['entity:"Tony Blair"', "entity:Paris", 'entity:"Sao Paulo"', "entity:blair",
           '"Tony Blair"', "blair", 'entity:"Emmanuel Macron" paris', "macron"]


def _frequency_schema() -> Schema:
    """The schema as Veille wrote it before: the entity field with Whoosh's default
    (frequency) postings."""
    old = schema.build_schema()
    old.remove("entity")
    old.add("entity", KEYWORD(analyzer=FieldValueTokenizer()))
    return old


def _answers(ix: SearchIndex) -> list[list[tuple[int, float]]]:
    return [[(h.article_id, round(h.score, 9)) for h in ix.search(q).hits] for q in QUERIES]


def _entity_values(ix: SearchIndex, name: str) -> list[object]:
    """The raw value part of the posting blocks of a whole-name term, per segment."""
    found = []
    reader = ix._searcher.reader()
    for leaf, _ in reader.leaf_readers():
        if ("entity", name.encode()) not in leaf:
            continue
        m = leaf.postings("entity", name)
        m._read_data()
        found.append(m._data[2])
    return found


@pytest.fixture
def lean(tmp_path: Path) -> Iterator[SearchIndex]:
    ix = SearchIndex.create(tmp_path / "lean")
    ix.add(DOCS[:3])
    ix.add(DOCS[3:])
    yield ix
    ix.close()


def test_entity_postings_carry_no_value(lean: SearchIndex) -> None:
    values = _entity_values(lean, "tony blair")
    assert values == [None, None]  # one per segment


def test_entity_phrase_still_finds_a_longer_name(lean: SearchIndex) -> None:
    """``entity:"Tony Blair"`` is the whole name or a phrase inside a longer one."""
    assert set(lean.search('entity:"Tony Blair"').ids) == {1, 2, 4}
    assert set(lean.search("entity:Blair").ids) == {1, 2, 3, 4}
    assert set(lean.search('entity:"Sao Paulo"').ids) == {5}


def test_index_of_the_older_format_answers_the_same_and_merges_lean(
        tmp_path: Path, lean: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(engine, "build_schema", _frequency_schema)
        old = SearchIndex.create(tmp_path / "old")
        old.add(DOCS[:3])
        old.add(DOCS[3:])
        old.close()
    old = SearchIndex.open(tmp_path / "old")  # opened by this version: not refused
    try:
        assert all(_entity_values(old, "tony blair"))  # still the frequency format
        expected = _answers(lean)
        assert any(expected) and _answers(old) == expected
        old.optimize()  # a merge, as compaction does
        assert _entity_values(old, "tony blair") == [None]
        assert _answers(old) == expected
    finally:
        old.close()
