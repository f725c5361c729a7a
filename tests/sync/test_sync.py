"""Two desktops and a real PostgreSQL server: what one does reaches the other.

Each test gets a fresh, empty archive database (``pg_url``, tests/sync/conftest.py) on a
server started for the session; the desktops are real libraries (SQLite + Whoosh).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Library
from index.sync.apply import CONFLICT_LINE
from index.sync.history import history
from index.sync.session import sync

FRENCH = ("Le Mali et le Niger renforcent leur force commune\n\n"
          "Niamey, 3 mars 2026. Le Mali et le Niger annoncent une force commune de l'Alliance "
          "des États du Sahel pour la sécurité des frontières.\n")
ENGLISH = ("Drones seen over Niamey\n\n"
           "NIAMEY, March 4 (Reuters) - Niger's military government said on Tuesday that "
           "drones had flown over the capital during the night.\n")
THIRD = ("Sommet de l'AES à Bamako\n\n"
         "Bamako, 5 mars 2026. Les chefs d'État de l'Alliance des États du Sahel se réunissent "
         "pour un sommet consacré à la monnaie commune.\n")


@pytest.fixture()
def desks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Library, Library]]:
    """Desktop A holds a French article, desktop B an English one."""
    monkeypatch.setenv("VEILLE_CONFIG_DIR", str(tmp_path / "config"))
    files = tmp_path / "files"
    files.mkdir()
    (files / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (files / "en.txt").write_text(ENGLISH, encoding="utf-8")
    with Library.open(tmp_path / "A") as a, Library.open(tmp_path / "B") as b:
        a.import_paths([files / "fr.txt"])
        b.import_paths([files / "en.txt"])
        yield a, b


def _id(lib: Library, words: str) -> int:
    hits = lib.search(words).hits
    assert hits, f"{words!r} not found"
    return hits[0].article_id


def _state(lib: Library, article_id: int) -> tuple[bool, bool, tuple[str, ...], str]:
    article = lib.with_state(lib.article(article_id))  # type: ignore[arg-type]
    return article.read, article.starred, tuple(sorted(article.tags)), article.note


def _round(url: str, *libs: Library) -> None:
    """Everyone syncs, twice: after it, all have seen all."""
    for _ in range(2):
        for lib in libs:
            sync(lib, url)


def test_articles_and_work_reach_the_other_desktop(desks: tuple[Library, Library],
                                                  pg_url: str) -> None:
    a, b = desks
    fr = _id(a, "Niger")
    a.mark_read([fr])
    a.set_starred([fr])
    a.tag([fr], add=["Sahel", "À lire"])
    a.set_note(fr, "**À suivre** : la force commune")
    a.add_highlight(fr, 0, 6, "lieu")
    a.add_to_dossier("Rapport AES", [fr])
    a.add_watch("Sahel", "sahel")
    first = sync(a, pg_url)
    assert first.sent_articles == 1 and first.sent_changes >= 7
    report = sync(b, pg_url)
    assert report.received_articles == 1 and report.sent_articles == 1
    on_b = _id(b, "Niger")  # found offline, in B's own index
    assert _state(b, on_b) == (True, True, ("Sahel", "À lire"),
                               "**À suivre** : la force commune")
    assert [h.comment for h in b.with_state(b.article(on_b)).highlights] == ["lieu"]  # type: ignore[arg-type]
    assert b.dossier_articles("Rapport AES") == [on_b]
    assert [w.name for w in b.watches()] == ["Sahel"]
    sync(a, pg_url)
    assert a.search("drones").total == 1  # B's article came to A


def test_tags_merge_as_sets_and_the_later_removal_wins(desks: tuple[Library, Library],
                                                      pg_url: str) -> None:
    a, b = desks
    _round(pg_url, a, b)
    on_a, on_b = _id(a, "Niger"), _id(b, "Niger")
    a.tag([on_a], add=["Sahel"])
    b.tag([on_b], add=["Défense", "Brouillon"])  # offline, at the same time
    _round(pg_url, a, b)
    assert _state(a, on_a)[2] == _state(b, on_b)[2] == ("Brouillon", "Défense", "Sahel")
    time.sleep(0.01)
    b.tag([on_b], remove=["Brouillon"])
    a.set_starred([on_a])
    _round(pg_url, a, b)
    assert _state(a, on_a) == _state(b, on_b)
    assert _state(a, on_a)[1:3] == (True, ("Défense", "Sahel"))


def test_the_later_change_wins_whatever_order_it_arrives_in(desks: tuple[Library, Library],
                                                           pg_url: str) -> None:
    a, b = desks
    _round(pg_url, a, b)
    on_a, on_b = _id(a, "Niger"), _id(b, "Niger")
    b.set_starred([on_b], True)
    time.sleep(0.01)
    a.set_starred([on_a], True)
    time.sleep(0.01)
    a.set_starred([on_a], False)  # A's is the later change, and A syncs first
    sync(a, pg_url)
    sync(b, pg_url)
    sync(a, pg_url)
    assert _state(a, on_a)[1] is False and _state(b, on_b)[1] is False


def test_a_note_edited_on_two_desktops_keeps_both(desks: tuple[Library, Library],
                                                  pg_url: str) -> None:
    a, b = desks
    _round(pg_url, a, b)
    on_a, on_b = _id(a, "Niger"), _id(b, "Niger")
    a.set_note(on_a, "Version de départ")
    _round(pg_url, a, b)
    b.set_note(on_b, "Version d'Ana, hors ligne")
    time.sleep(0.01)
    a.set_note(on_a, "Version de Marc, plus tard")
    _round(pg_url, a, b)
    note_a, note_b = _state(a, on_a)[3], _state(b, on_b)[3]
    assert note_a == note_b
    later, copy = note_a.split("\n\n", 1)
    assert later == "Version de Marc, plus tard"  # the later one first
    assert copy.startswith(CONFLICT_LINE.split("{")[0])
    assert copy.endswith("Version d'Ana, hors ligne")
    b.set_note(on_b, "Réconciliée")  # an edit after the merge is an ordinary change
    _round(pg_url, a, b)
    assert _state(a, on_a)[3] == "Réconciliée"


def test_a_delete_reaches_the_others_and_can_be_undone(desks: tuple[Library, Library],
                                                       pg_url: str) -> None:
    a, b = desks
    _round(pg_url, a, b)
    batch, moved = a.delete_articles([_id(a, "drones")])
    assert moved
    _round(pg_url, a, b)
    assert b.search("drones").total == 0 and b.article_count() == 1
    a.undo_delete(batch)
    _round(pg_url, a, b)
    assert b.search("drones").total == 1 and a.search("drones").total == 1


def test_a_desktop_that_joins_later_gets_no_deleted_article(desks: tuple[Library, Library],
                                                           pg_url: str, tmp_path: Path) -> None:
    a, b = desks
    _round(pg_url, a, b)
    a.delete_articles([_id(a, "drones")])
    sync(a, pg_url)
    with Library.open(tmp_path / "C") as c:
        report = sync(c, pg_url)
        assert report.received_articles == 1 and c.search("drones").total == 0


def test_history_says_who_did_what_and_when(desks: tuple[Library, Library],
                                            pg_url: str) -> None:
    a, b = desks
    _round(pg_url, a, b)
    a.tag([_id(a, "Niger")], add=["Sahel"])
    sync(a, pg_url, author="Marc")
    sync(b, pg_url, author="Ana")
    entries = history(b, _id(b, "Niger"))
    assert [(e.author, e.what, e.here) for e in entries] == [("Marc", "tagged \u201cSahel\u201d",
                                                               False)]
    assert entries[0].when[:4].isdigit()


def test_entity_curation_reaches_the_other_desktop(desks: tuple[Library, Library],
                                                   pg_url: str, tmp_path: Path) -> None:
    a, b = desks
    _round(pg_url, a, b)
    a.extract_pending()
    before = {e.name: e.id for e in a.entities()}
    assert "Niamey" in before and "Mali" in before
    a.rename_entity(before["Niamey"], "Niamey (capitale)")
    a.hide_entity(before["Mali"])
    sync(a, pg_url)
    sync(b, pg_url)  # B has not extracted its entities yet: the edits wait for them
    b.extract_pending()
    report = sync(b, pg_url)
    assert report.waiting == 0
    names = {e.name: e for e in b.entities(include_hidden=True)}
    assert "Niamey (capitale)" in names and "Niamey" not in names
    assert names["Mali"].hidden
    a.undo_entity_edit()  # Mali shown again on A: and on B
    _round(pg_url, a, b)
    assert not {e.name: e for e in b.entities(include_hidden=True)}["Mali"].hidden


def test_the_same_article_on_two_desktops_is_one_on_the_server(
        desks: tuple[Library, Library], pg_url: str, tmp_path: Path) -> None:
    a, b = desks
    (tmp_path / "files" / "again.txt").write_text(ENGLISH, encoding="utf-8")
    a.import_paths([tmp_path / "files" / "again.txt"])
    _round(pg_url, a, b)
    import psycopg

    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        blobs = pg.execute("SELECT count(*) FROM blobs").fetchone()[0]
    assert blobs == 2  # the same file imported twice is one original across the team
    assert a.article_count() == b.article_count() == 2


def test_dossiers_created_and_deleted_reach_the_other_desktop(desks: tuple[Library, Library],
                                                              pg_url: str) -> None:
    a, b = desks
    _round(pg_url, a, b)
    a.add_to_dossier("Rapport AES", [_id(a, "Niger")])
    a.add_to_dossier("Vide pour l'instant", [_id(a, "Niger")])
    a.remove_from_dossier("Vide pour l'instant", [_id(a, "Niger")])
    _round(pg_url, a, b)
    assert {d.name for d in b.dossiers()} == {"Rapport AES", "Vide pour l'instant"}
    b.delete_dossier("Rapport AES")
    _round(pg_url, a, b)
    assert {d.name for d in a.dossiers()} == {"Vide pour l'instant"}
