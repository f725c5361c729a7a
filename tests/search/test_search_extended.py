"""Real French news (Wikinews, CC BY 2.5) from ../shared/data: skipped when it is absent."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.search import IndexDoc, SearchIndex

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
WIKINEWS = DATA / "news-fr" / "wikinews-fr.jsonl.gz"

pytestmark = [
    pytest.mark.extended,
    pytest.mark.skipif(not WIKINEWS.exists(), reason="../shared/data is not available"),
]


@pytest.fixture(scope="module")
def wikinews(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    ix = SearchIndex.create(tmp_path_factory.mktemp("wikinews"))
    ix.add([IndexDoc(i + 1, r["title"], r["text"], r.get("date"), r.get("source"), "fr")
            for i, r in enumerate(rows)])
    yield ix
    ix.close()


def test_accents_elisions_and_forms_on_real_news(wikinews: SearchIndex) -> None:
    accented = wikinews.search("fusée")
    assert accented.total > 0
    assert set(wikinews.search("fusee").ids) == set(accented.ids)
    assert set(accented.ids) <= set(wikinews.search("fusées").ids)
    hit = wikinews.search("lancement", limit=5).hits[0]
    assert "<mark>" in hit.snippet


def test_every_snippet_marks_are_balanced_and_text_escaped(wikinews: SearchIndex) -> None:
    for query in ("gouvernement", '"premier ministre"', "élect*", "président~"):
        for hit in wikinews.search(query, limit=50).hits:
            assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>")
            body = hit.snippet.replace("<mark>", "").replace("</mark>", "")
            assert "<" not in body and ">" not in body


def test_phrase_results_contain_the_phrase(wikinews: SearchIndex) -> None:
    results = wikinews.search('"premier ministre"', limit=100)
    assert results.total > 0
    for hit in results.hits:
        assert "premier ministre" in hit.snippet.lower().replace("<mark>", "").replace(
            "</mark>", "") or "premier ministre" in hit.title.lower()
