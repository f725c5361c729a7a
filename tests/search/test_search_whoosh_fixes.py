"""Whoosh-level behaviour we rely on: the whoosh3 corrections in whoosh_fixes.py, and our
own phrase check (scoring.SetScorer) agreeing with Whoosh's."""

from __future__ import annotations

import io
from pathlib import Path

from whoosh import query as wq

from index.search import IndexDoc, SearchIndex
from index.search.scoring import SetScorer
from index.search.whoosh_fixes import _ViewFile


def test_and_not_excludes_when_excluded_list_starts_earlier(tmp_path: Path) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(1, "Un", "pomme", lang="en"), IndexDoc(2, "Deux", "poire", lang="en"),
            IndexDoc(3, "Trois", "poire", lang="fr")])
    q = wq.AndNot(wq.Term("body", "poire"), wq.Term("lang", "en"))
    with ix._reading() as (searcher, table):
        assert table.article_ids(list(searcher.docs_for_query(q))) == [3]
    assert ix.search("poire -lang:en", sort="newest").ids == (3,)
    ix.close()


def test_own_phrase_check_agrees_with_whoosh(fresh_index: SearchIndex) -> None:
    fresh_index.add([IndexDoc(90, "Suite", "de la République. Président, de la France.")],
                    bulk=True)  # a second segment
    phrases = [["president", "de", "la", "republique"], ["de", "la"], ["la", "republique"],
               ["ministre", "de", "la", "defense"], ["de", "president"]]
    with fresh_index._reading() as (searcher, table):
        scorer = SetScorer(searcher, table)
        for words in phrases:
            for slop in (1, 2, 3):
                q = wq.Phrase("body", words, slop=slop)
                assert scorer.docs(q) == set(searcher.docs_for_query(q)), (words, slop)


def test_view_file_reads_like_bytesio() -> None:
    data = b"first line\nsecond\n\x00\x01binary tail"
    view, ref = _ViewFile(memoryview(data)), io.BytesIO(data)
    for op in (lambda f: f.read(5), lambda f: f.readline(), lambda f: f.tell(),
               lambda f: f.seek(3), lambda f: f.readline(4), lambda f: f.seek(-4, 2),
               lambda f: f.read(), lambda f: f.read(3), lambda f: f.seek(0),
               lambda f: list(f)):
        assert op(view) == op(ref)
