"""The Library facade end to end: real importers, real SQLite, real Whoosh on disk."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from index import Library
from index.errors import IndexRebuilding
from index.library import INDEX_DIR
from index.models import ArticleDraft
from index.store import canonical_url, content_hash

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_aes_bamako.txt"
PAGE = FIXTURES / "uk_ministers.html"


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def _ids(lib: Library, query: str) -> set[int]:
    return set(lib.search(query, limit=50).ids)


def test_seed_and_html_import(lib: Library) -> None:
    report = lib.import_paths([SEED, PAGE])
    assert [f.status for f in report.files] == ["imported", "imported"], report.files
    seed_id, page_id = report.article_ids
    seed = lib.article(seed_id)
    assert seed is not None
    assert seed.date == "2025-08-14"
    assert seed.title.startswith("Les ministres de la Défense de l’Alliance des États du Sahel")
    assert not seed.text.startswith(" date") and "date 2025" not in seed.text
    assert seed.lang == "fr"
    assert seed.text.count("\n") == 2  # three paragraphs
    page = lib.article(page_id)
    assert page is not None
    assert page.title.startswith("Ministers agree new rail funding")
    assert page.date and page.date.startswith("2025-03-02")
    assert page.lang == "en"
    assert "Helen Marsh" in page.authors
    assert "pool money" in page.text
    assert "cookies" not in page.text and "Related stories" not in page.text
    assert lib.original_bytes(seed_id) == SEED.read_bytes()


@pytest.mark.parametrize(
    ("query", "finds_seed", "finds_page"),
    [
        ("securite", True, False),          # accent folding
        ("sécurité", True, False),
        ("alliances", True, False),         # French plural -> l’Alliance, l'Alliance
        ("alliance", True, False),          # elision with the typographic apostrophe
        ("ministers", False, True),         # English plural
        ("minister", False, True),
        ("run", False, True),               # running -> run (snowball)
        ('"sadio camara"', True, False),    # phrase
        ('"camara sadio"', False, False),   # word order matters in a phrase
        ("bamako AND rail", False, False),
        ("bamako OR rail", True, True),
        ("ministres NOT bamako", False, False),
        ("funding NOT bamako", False, True),
        ("ouagadougou", True, False),
        ("tokyo", False, False),
    ],
)
def test_search_rules(lib: Library, query: str, finds_seed: bool, finds_page: bool) -> None:
    seed_id, page_id = lib.import_paths([SEED, PAGE]).article_ids
    found = _ids(lib, query)
    assert (seed_id in found) is finds_seed, query
    assert (page_id in found) is finds_page, query


def test_bad_files_fail_alone(lib: Library, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = lib.import_paths([binary, SEED, empty])
    by_path = {Path(f.path).name: f for f in report.files}
    assert by_path["photo.txt"].status == "failed"
    assert "binary" in by_path["photo.txt"].reason or "PNG" in by_path["photo.txt"].reason
    assert by_path["empty.txt"].status in ("failed", "skipped")
    assert "empty" in by_path["empty.txt"].reason
    assert by_path["seed_aes_bamako.txt"].status == "imported"
    assert lib.article_count() == 1


def test_reimport_reports_duplicates(lib: Library, tmp_path: Path) -> None:
    lib.import_paths([SEED])
    copy = tmp_path / "copy.txt"
    copy.write_text(SEED.read_text(encoding="utf-8").replace(". ", ".   "), encoding="utf-8")
    report = lib.import_paths([SEED, copy])
    assert [f.status for f in report.files] == ["duplicate", "duplicate"]
    assert lib.article_count() == 1


def test_interrupted_import_is_finished_by_upkeep(tmp_path: Path) -> None:
    """A kill between the store commit and the index commit must not hide the article;
    opening does no work (a reader must not), upkeep (any writer) finishes it."""
    lib = Library.open(tmp_path / "lib")
    draft = ArticleDraft(title="Orphelin", text="Un article zanzibarien jamais indexé.")
    with lib.store.transaction():
        lib.store.insert_article(draft, lang="fr", chash=content_hash(draft),
                                 curl=canonical_url(None), blob=None)
    lib.close()
    lib = Library.open(tmp_path / "lib")
    try:
        assert lib.search("zanzibarien").total == 0
        assert any("interrupted" in todo for todo in lib.needs_upkeep())
        done = lib.upkeep()
        assert any("indexed 1 article" in line for line in done)
        assert lib.search("zanzibarien").total == 1
        assert lib.needs_upkeep() == []
    finally:
        lib.close()


def test_damaged_index_is_rebuilt_from_store(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib")
    lib.import_paths([SEED, PAGE])
    lib.close()
    index_dir = tmp_path / "lib" / INDEX_DIR
    for f in index_dir.iterdir():
        if f.is_file():
            f.write_bytes(b"garbage")
    lib = Library.open(tmp_path / "lib")
    try:
        with pytest.raises(IndexRebuilding):
            lib.search("bamako")
        assert lib.upkeep()
        assert lib.search("bamako").total == 1
        assert lib.search("rail").total == 1
    finally:
        lib.close()
    shutil.rmtree(index_dir)
    with Library.open(tmp_path / "lib") as lib2:
        lib2.upkeep()
        assert lib2.search("funding").total == 1


def test_cancel_keeps_whole_articles(lib: Library, tmp_path: Path) -> None:
    import threading

    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(
            f"Article numéro {i} sur le Sahel et la coopération régionale {i * 7}.",
            encoding="utf-8",
        )
    cancel = threading.Event()

    def progress(done: int, total: int | None, current: str) -> None:
        if done == 2:
            cancel.set()

    report = lib.import_paths(sorted(tmp_path.glob("a*.txt")), progress=progress, cancel=cancel)
    assert report.cancelled
    assert lib.article_count() == len(report.article_ids) == 2
    assert lib.search("sahel").total == 2


def test_large_folder_goes_through_worker_processes(lib: Library, tmp_path: Path) -> None:
    """Enough files to use the parse pool: results in order, failures named."""
    from index.parse_pool import POOL_THRESHOLD

    folder = tmp_path / "inbox"
    folder.mkdir()
    count = POOL_THRESHOLD + 6
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(
            f" date 2025-01-{i % 28 + 1:02d} Dépêche {i} : Niamey et Bamako signent "
            f"l'accord numéro {i * 17}.", encoding="utf-8")
    (folder / "broken.txt").write_bytes(random.Random(3).randbytes(2048))
    report = lib.import_paths([folder])
    assert report.count("imported") == count
    assert [Path(f.path).name for f in report.files if f.status == "failed"] == ["broken.txt"]
    assert lib.search("niamey").total == count


def test_own_library_files_are_never_imported(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED])
        report = lib.import_paths([tmp_path])
        assert not any("library.sqlite3" in f.path for f in report.files)


def test_reextract_queues_articles_again(lib: Library) -> None:
    lib.import_paths([SEED])
    assert lib.pending_entities() == 1
    with lib.store.transaction() as conn:
        conn.execute("UPDATE articles SET entities_done = 1")
    assert lib.pending_entities() == 0
    assert lib.reextract() == 1
    assert lib.pending_entities() == 1
