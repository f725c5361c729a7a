"""A reader opening the index while another process commits waits for that commit's
signature instead of calling the index damaged (found by bench/fault_trials.py: 2 of 249
`reader-app search` runs during two imports exited 3 with "index file _MAIN_9.toc is
missing"). Between Whoosh's commit (which deletes the previous table of contents) and the
new signed manifest, the folder briefly holds a commit that the manifest does not name."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from index.search import IndexDoc, IndexUnusable, SearchIndex
from index.search.schema import doc_fields


def _doc(n: int) -> IndexDoc:
    return IndexDoc(article_id=n, title=f"Dépêche {n}", text=f"Sommet à Bamako numéro{n}.",
                    date="2025-08-01", source="Essai", lang="fr", authors=(), entities=(),
                    url=None)


def _commit_unsigned(index: SearchIndex, n: int) -> None:
    """What another process's ``add`` has done just before it signs the manifest."""
    writer = index._ix.writer()
    writer.update_document(**doc_fields(_doc(n)))
    writer.commit()


def test_open_mid_commit_waits_for_the_signature(tmp_path: Path) -> None:
    writer = SearchIndex.create(tmp_path / "ix", "store-1")
    writer.add([_doc(1)])
    _commit_unsigned(writer, 2)
    signer = threading.Timer(0.3, writer._committed)  # the signature lands a moment later
    signer.start()
    try:
        reader = SearchIndex.open(tmp_path / "ix", "store-1")
    finally:
        signer.join()
    try:
        assert reader.doc_count() == 2
        assert reader.search("bamako").total == 2
    finally:
        reader.close()
        writer.close()


def test_an_unsigned_commit_that_stays_so_is_refused(tmp_path: Path) -> None:
    """A writer killed between commit and signature: refused (rebuilt), after the wait."""
    writer = SearchIndex.create(tmp_path / "ix", "store-1")
    writer.add([_doc(1)])
    _commit_unsigned(writer, 2)
    writer.close()
    with pytest.raises(IndexUnusable):
        SearchIndex.open(tmp_path / "ix", "store-1")


def test_damage_with_no_commit_under_way_is_refused_at_once(tmp_path: Path) -> None:
    index = SearchIndex.create(tmp_path / "ix", "store-1")
    index.add([_doc(1)])
    index.close()
    seg = max((tmp_path / "ix").glob("*.seg"), key=lambda p: p.stat().st_size)
    seg.unlink()
    started = time.monotonic()
    with pytest.raises(IndexUnusable, match="missing"):
        SearchIndex.open(tmp_path / "ix", "store-1")
    assert time.monotonic() - started < 0.5, "waited for a commit nobody is making"
