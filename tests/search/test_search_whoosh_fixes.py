"""The whoosh3 corrections in index/search/whoosh_fixes.py still hold."""

from __future__ import annotations

from pathlib import Path

from whoosh import query as wq

from index.search import IndexDoc, SearchIndex


def test_and_not_excludes_when_excluded_list_starts_earlier(tmp_path: Path) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(1, "Un", "pomme", lang="en"), IndexDoc(2, "Deux", "poire", lang="en"),
            IndexDoc(3, "Trois", "poire", lang="fr")])
    q = wq.AndNot(wq.Term("body", "poire"), wq.Term("lang", "en"))
    with ix._reading() as (searcher, table):
        assert table.article_ids(list(searcher.docs_for_query(q))) == [3]
    assert ix.search("poire -lang:en", sort="newest").ids == (3,)
    ix.close()
