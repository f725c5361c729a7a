"""The numpy paths of the search engine: bulk position decoding, date ordering, phrase
checks on long and far-apart position lists, prefix expansion over several segments."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from whoosh import query as wq
from whoosh.formats import Positions

from index.search import IndexDoc, SearchIndex
from index.search.engine import sort_by_date
from index.search.query_build import QueryBuilder
from index.search.scoring import SetScorer, _positions, decode_positions


def test_bulk_decoding_matches_one_by_one() -> None:
    fmt = Positions()
    lists = [[3], [0], [5, 9], [0, 1, 2], [7, 300], [10, 900, 70_000], list(range(0, 2500, 2)),
             list(range(1500)), [255, 511]]
    values = [fmt.encode(p) for p in lists]
    values.append(values[2][:-1])  # Whoosh may trim the final STOP opcode
    docs = np.arange(len(values), dtype=np.int64) * 7
    doc, pos = decode_positions(values, docs)
    got: dict[int, list[int]] = {}
    for d, p in zip(doc.tolist(), pos.tolist(), strict=True):
        got.setdefault(d, []).append(p)
    expected = {int(d): _positions(v) for d, v in zip(docs, values, strict=True)}
    assert {d: sorted(p) for d, p in got.items()} == expected
    assert expected[14] == [5, 9] and expected[42] == list(range(0, 2500, 2))


def test_date_order_newest_oldest_then_undated() -> None:
    days = np.array([20240101, -1, 20250301, 20240101, -1, 20250300], dtype=np.int64)
    docs = np.arange(6)
    assert sort_by_date(docs, days, newest=True).tolist() == [2, 5, 3, 0, 1, 4]
    assert sort_by_date(docs, days, newest=False).tolist() == [0, 3, 5, 2, 1, 4]


def test_phrase_over_long_texts_agrees_with_whoosh(tmp_path: Path) -> None:
    """Far-apart positions (multi-byte deltas) and long lists leave the numpy fast path."""
    filler = " ".join(["mot"] * 400)
    texts = [f"le premier ministre a parlé. {filler} le premier ministre est parti.",
             f"premier {filler} ministre, puis le ministre premier",
             "premier ministre " * 600,
             "ministre premier"]
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(i + 1, f"Article {i}", t, lang="fr") for i, t in enumerate(texts)])
    ix.add([IndexDoc(9, "Suite", "le premier ministre", lang="fr")])  # a second segment
    with ix._reading() as (searcher, table):
        scorer = SetScorer(searcher, table)
        for words in (["premier", "ministre"], ["ministre", "premier"], ["le", "premier"]):
            for slop in (1, 2, 5):
                q = wq.Phrase("body", words, slop=slop)
                assert scorer.docs(q) == set(searcher.docs_for_query(q)), (words, slop)
    assert set(ix.search('"premier ministre"').ids) == {1, 3, 9}
    ix.close()


def test_prefix_keeps_the_most_frequent_terms_of_all_segments(tmp_path: Path) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(i, f"T{i}", "rare rarement", lang="fr") for i in range(1, 3)])
    ix.add([IndexDoc(i, f"T{i}", "raisin", lang="fr") for i in range(3, 9)])  # other segment
    with ix._reading() as (searcher, table):
        builder = QueryBuilder(searcher.reader(), table.variants)
        assert builder.expand("body", "ra*")[0] == "raisin"
    assert ix.search("rai*").total == 6
    assert ix.search("ra*").total == 8
    ix.close()


def test_language_and_source_terms_from_columns_skip_replaced_versions(tmp_path: Path) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(1, "Un", "pétrole", lang="fr", source="RFI"),
            IndexDoc(2, "Deux", "pétrole", lang="en", source="BBC News")])
    ix.add([IndexDoc(1, "Un", "pétrole", lang="en", source="BBC News")])  # replaces 1
    assert ix.search("pétrole lang:fr").total == 0
    assert set(ix.search("pétrole lang:en").ids) == {1, 2}
    assert ix.search("pétrole -lang:en").total == 0
    with ix._reading() as (searcher, table):
        scorer = SetScorer(searcher, table)
        for q in (wq.Term("src", "BBC News"), wq.Term("src", "RFI"), wq.Term("lang", "de")):
            assert scorer.docs(q) == set(searcher.docs_for_query(q)), q
    ix.close()


def test_replaced_and_deleted_articles_leave_phrases_and_dates(tmp_path: Path) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(1, "Un", "le premier ministre parle", date="2024-05-01", lang="fr"),
            IndexDoc(2, "Deux", "le premier ministre part", date="2024-06-01", lang="fr"),
            IndexDoc(3, "Trois", "un autre sujet", lang="fr")])
    ix.add([IndexDoc(1, "Un", "le ministre premier parle", date="2023-01-01", lang="fr")])
    ix.delete([2])
    assert ix.search('"premier ministre"').total == 0
    assert ix.search('"ministre premier"').ids == (1,)
    assert ix.search("date:2024").total == 0
    assert ix.search("", sort="newest").ids == (1, 3)
    assert ix.search("", sort="oldest").ids == (1, 3)
    ix.close()


def test_source_and_language_filters_from_padded_column_values(tmp_path: Path) -> None:
    """``src``/``lang`` codes are read per segment from padded raw bytes
    (doc_table._distinct): values that share a prefix, accented ones and empty ones stay
    apart, and segments that hold different values agree on one code per value."""
    sources = ["RFI", "RFI Afrique", "", "Le Monde", "L'Événement", "RF", "RFI"]
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(i + 1, f"Titre {i}", "Niamey sécurité", source=s, lang="fr")
            for i, s in enumerate(sources[:4])])
    ix.add([IndexDoc(i + 1, f"Title {i}", "Niamey security", source=s, lang="en")
            for i, s in enumerate(sources[4:], start=4)])  # a second segment
    try:
        for query, expected in {"lang:fr": {1, 2, 3, 4}, "lang:en": {5, 6, 7}}.items():
            assert set(ix.search(f"{query} Niamey").ids) == expected, query
        sources_of = {"RFI": [0, 6], "RFI Afrique": [1], "": [2], "Le Monde": [3],
                      "L'Événement": [4], "RF": [5], "Absent": []}
        with ix._reading() as (_searcher, table):
            for source, docnums in sources_of.items():
                assert np.flatnonzero(table.value_mask("src", source)).tolist() == docnums
    finally:
        ix.close()


def test_position_records_outlive_a_merge_of_their_segments(tmp_path: Path) -> None:
    """A table holds each segment's position records (``DocTable.records``): merging the
    segments away while it holds them, then closing, neither fails nor changes what it
    holds or a phrase's matches."""
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(1, "Niger", "le premier ministre du Niger", lang="fr"),
            IndexDoc(2, "Mali", "ministre premier, puis premier ministre", lang="fr")])
    ix.add([IndexDoc(3, "Tchad", "un ministre, le premier", lang="fr"),
            IndexDoc(4, "Sahel", "Le Premier ministre est arrivé", lang="fr")])
    try:
        before = set(ix.search('"premier ministre"').ids)
        with ix._reading() as (_searcher, table):
            held = table.records("cpos")
            checksum = [int(recs.sum()) for _, recs, _ in held]
            assert sum(checksum) > 0
            ix.optimize()  # the two segments merged into one, the old files closed
            assert set(ix.search('"premier ministre"').ids) == before == {1, 2, 4}
            assert [int(recs.sum()) for _, recs, _ in held] == checksum  # still readable
    finally:
        ix.close()
    ix = SearchIndex.open(tmp_path / "ix")
    try:
        assert len(ix.live_segments()) == 1
        assert set(ix.search('"premier ministre"').ids) == {1, 2, 4}
    finally:
        ix.close()
