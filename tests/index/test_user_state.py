"""What a person adds to the archive, through the core API: states, tags, notes,
highlights, dossiers, watches, deletes and edits; searching by them; their survival."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from index import Library
from index.user_state import StateError

REPO = Path(__file__).resolve().parents[2]
ARTICLES = {
    "camara.txt": " date 2025-08-14 Le ministre malien de la Défense, Sadio Camara, a reçu "
                  "à Bamako une délégation de l'Alliance des États du Sahel.",
    "niamey.txt": " date 2025-07-08 Les chefs d'État de l'Alliance des États du Sahel se sont "
                  "retrouvés à Niamey pour leur sommet.",
    "dakar.txt": " date 2025-09-02 Fishermen in Dakar say catches have fallen sharply this "
                 "season.",
    "brussels.txt": " date 2025-06-27 À Bruxelles, les Vingt-Sept s'accordent sur un fonds "
                    "pour l'industrie de défense.",
}


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    library = Library.open(tmp_path / "lib")
    library.import_paths(sorted(folder.iterdir()))
    yield library
    library.close()


def _id(lib: Library, word: str) -> int:
    results = lib.search(word)
    assert results.total == 1, word
    return results.ids[0]


def test_read_star_and_search_by_state(lib: Library) -> None:
    camara, dakar = _id(lib, "camara"), _id(lib, "dakar")
    assert lib.search("is:unread").total == 4
    assert lib.mark_read([camara, dakar]) == 2
    assert lib.mark_read([camara]) == 0  # already read: nothing changes
    assert set(lib.search("is:read").ids) == {camara, dakar}
    assert lib.search("is:unread").total == 2
    assert lib.search("sahel is:unread").total == 1
    assert lib.search("sahel -is:unread").ids == (camara,)
    lib.set_starred([dakar])
    assert lib.search("is:starred OR camara").total == 2
    assert lib.search("is:starred", sort="newest").ids == (dakar,)
    lib.mark_read([dakar], read=False)
    article = lib.article(dakar)
    assert article is not None and not article.read and article.starred


def test_star_filter_combines_with_side_filters_and_dates(lib: Library) -> None:
    from index.models import SearchFilters

    ids = lib.search("*").ids
    lib.set_starred(ids)
    assert lib.search("is:starred", filters=SearchFilters(langs=("en",))).total == 1
    assert lib.search("is:starred date:2025-08").total == 1
    assert lib.search("*").total == 4 and lib.search("* -is:starred").total == 0


def test_tags_fold_case_and_accents_and_can_be_renamed_merged_deleted(lib: Library) -> None:
    camara, niamey = _id(lib, "camara"), _id(lib, "niamey")
    lib.tag([camara, niamey], add=["Sécurité", "Mali"])
    lib.tag([camara], add=["securite"])  # the same tag
    assert [(t.name, t.count) for t in lib.tags()] == [("Mali", 2), ("Sécurité", 2)]
    assert lib.search("tag:SECURITE").total == 2
    lib.rename_tag("mali", "Sahel central")
    assert lib.search('tag:"sahel central"').total == 2 and lib.search("tag:mali").total == 0
    lib.merge_tags("Sécurité", "Sahel central")
    assert [(t.name, t.count) for t in lib.tags()] == [("Sahel central", 2)]
    lib.tag([camara], remove=["sahel central"])
    assert lib.search('tag:"Sahel central"').ids == (niamey,)
    lib.delete_tag("Sahel central")
    assert lib.tags() == [] and lib.article(niamey).tags == ()
    with pytest.raises(StateError):
        lib.rename_tag("nothing", "x")


def test_notes_are_found_by_ordinary_search(lib: Library) -> None:
    camara = _id(lib, "camara")
    lib.set_note(camara, "Piste Wagner : vérifier les contrats miniers.", "markdown")
    assert lib.search("wagner").ids == (camara,)
    assert lib.search("contrat").ids == (camara,)  # a plural in the note
    assert lib.search("has:note").ids == (camara,)
    article = lib.article(camara)
    assert article.note.startswith("Piste Wagner") and article.note_format == "markdown"
    lib.set_note(camara, "")
    assert lib.search("wagner").total == 0 and lib.search("has:note").total == 0


def test_highlights_survive_reindex_and_reextraction(lib: Library, tmp_path: Path) -> None:
    camara = _id(lib, "camara")
    text = lib.article(camara).text
    start = text.index("Sadio Camara")
    hid = lib.add_highlight(camara, start, start + len("Sadio Camara"), "le ministre")
    assert hid and lib.search("has:highlight").ids == (camara,)
    assert lib.search("ministre").total >= 1
    lib.reindex()
    lib.reextract([camara])
    marks = lib.article(camara).highlights
    assert [(h.quote, h.comment) for h in marks] == [("Sadio Camara", "le ministre")]
    with pytest.raises(StateError):
        lib.add_highlight(camara, 5, 5_000_000)


def test_dossiers_keep_their_own_order(lib: Library) -> None:
    ids = [_id(lib, w) for w in ("dakar", "camara", "niamey")]
    assert lib.add_to_dossier("Brief Sahel", ids) == 3
    assert lib.add_to_dossier("brief sahel", ids[:1]) == 0  # same dossier, already there
    assert lib.dossier_articles("Brief Sahel") == ids
    lib.reorder_dossier("Brief Sahel", [ids[2], ids[0]])
    assert lib.dossier_articles("Brief Sahel") == [ids[2], ids[0], ids[1]]
    assert set(lib.search('dossier:"brief sahel"').ids) == set(ids)
    assert lib.article(ids[0]).dossiers == ("Brief Sahel",)
    lib.remove_from_dossier("Brief Sahel", [ids[1]])
    assert [(d.name, d.count) for d in lib.dossiers()] == [("Brief Sahel", 2)]


def test_a_watch_counts_the_new_matches_of_each_import(lib: Library, tmp_path: Path) -> None:
    watch = lib.add_watch("Sahel", "sahel")
    assert (watch.total, watch.new) == (2, 0)
    lib.add_watch("Pêche", "fishermen OR pêcheurs")
    more = tmp_path / "more"
    more.mkdir()
    (more / "a.txt").write_text(" date 2025-10-01 Nouveau sommet de l'AES au Sahel, à Bamako.",
                                encoding="utf-8")
    (more / "b.txt").write_text(" date 2025-10-02 Le Sahel face à la sécheresse.",
                                encoding="utf-8")
    (more / "c.txt").write_text(" date 2025-10-03 Budget voted in Brussels.", encoding="utf-8")
    report = lib.import_paths([more])
    assert report.watches == {"Sahel": 2}
    counts = {w.name: (w.total, w.new) for w in lib.watches()}
    assert counts == {"Pêche": (1, 0), "Sahel": (4, 2)}
    results = lib.watch_results("sahel")
    assert set(results.ids[:2]) == set(report.article_ids[:2])  # the new ones first
    assert lib.watch_seen("Sahel") == 2
    assert {w.name: w.new for w in lib.watches()}["Sahel"] == 0


def test_a_list_of_names_becomes_many_watches(lib: Library) -> None:
    added = lib.add_watch_list("name,query\nSadio Camara,\nAES,\"Alliance des États\"\n"
                               "sadio camara,\n")
    assert added == ["Sadio Camara", "AES"]
    totals = {w.name: (w.query, w.total) for w in lib.watches()}
    assert totals["Sadio Camara"] == ('"Sadio Camara"', 1)
    assert totals["AES"][1] == 2
    assert lib.add_watch_list("Bamako\nNiamey\n") == ["Bamako", "Niamey"]


def test_delete_and_undo_bring_everything_back(lib: Library) -> None:
    camara = _id(lib, "camara")
    lib.tag([camara], add=["Mali"])
    lib.set_note(camara, "note importante")
    lib.add_to_dossier("Brief", [camara])
    before = lib.article(camara)
    batch, deleted = lib.delete_articles([camara, 99999])
    assert deleted == [camara]
    assert lib.article(camara) is None and lib.search("camara").total == 0
    assert lib.search("tag:mali").total == 0
    assert lib.undo_delete(batch) == [camara]
    after = lib.article(camara)
    assert after == before
    assert lib.search("camara").ids == (camara,) and lib.search("tag:mali").ids == (camara,)
    batch, _ = lib.delete_articles([camara])
    lib.purge_deleted([batch])
    assert lib.undo_delete(batch) == []
    assert lib.store.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 3


def test_edits_are_kept_across_reindex_and_reimport(lib: Library, tmp_path: Path) -> None:
    camara = _id(lib, "camara")
    assert lib.edit_article(camara, title="Camara reçoit l'AES", date="2025-08-15", lang="fr")
    assert not lib.edit_article(camara, title="Camara reçoit l'AES")
    assert lib.search('title:"reçoit"').ids == (camara,)
    lib.reindex()
    lib.import_paths([tmp_path / "inbox" / "camara.txt"])  # the same file: a duplicate
    article = lib.article(camara)
    assert (article.title, article.date) == ("Camara reçoit l'AES", "2025-08-15")
    assert [e[0] for e in lib.article_edits(camara)] == ["title", "date"]
    with pytest.raises(StateError):
        lib.edit_article(camara, date="demain")
    with pytest.raises(StateError):
        lib.edit_article(camara, title="  ")


def test_state_survives_restart_and_reindex(tmp_path: Path, lib: Library) -> None:
    camara = _id(lib, "camara")
    lib.mark_read([camara])
    lib.tag([camara], add=["Mali"])
    lib.reindex()
    lib.close()
    with Library.open(tmp_path / "lib") as again:
        article = again.article(camara)
        assert article.read and article.tags == ("Mali",)
        assert again.search("tag:mali is:read").ids == (camara,)




def test_a_kill_in_the_middle_of_a_state_write_leaves_nothing_half_done(lib: Library,
                                                                        tmp_path: Path) -> None:
    """Tagging 4 articles is one transaction: killed inside it, none is tagged."""
    lib.close()
    script = (
        "import os, signal, sys\n"
        "from index import Library\n"
        "from index import user_state\n"
        "lib = Library.open(sys.argv[1])\n"
        "ids = list(lib.search('*', limit=0).ids)\n"
        "real = user_state.add_tags\n"
        "def dying(conn, ids, names):\n"
        "    real(conn, ids[:2], names)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "user_state.add_tags = dying\n"
        "lib.tag(ids, add=['Mali'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "lib")], cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    assert proc.returncode == -signal.SIGKILL
    with Library.open(tmp_path / "lib") as again:
        assert again.tags() == []
        assert again.search("tag:mali").total == 0
        again.tag(list(again.search("*").ids), add=["Mali"])
        assert again.search("tag:mali").total == 4


def test_jsonl_export_round_trips_into_an_empty_library(lib: Library, tmp_path: Path) -> None:
    from index.export import export_articles

    camara, dakar = _id(lib, "camara"), _id(lib, "dakar")
    lib.mark_read([camara])
    lib.set_starred([dakar])
    lib.tag([camara, dakar], add=["Mali", "Sécurité"])
    lib.set_note(camara, "Voir **Wagner**", "markdown")
    text = lib.article(camara).text
    s = text.index("Bamako")
    lib.add_highlight(camara, s, s + 6, "capitale")
    lib.add_to_dossier("Brief", [dakar, camara])
    out = tmp_path / "export.jsonl"
    assert export_articles(lib, list(lib.search("*", sort="oldest").ids), "jsonl", out) == 4
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4 and all("veille" in line for line in lines)
    with Library.open(tmp_path / "other") as fresh:
        report = fresh.import_paths([out])
        assert report.count("imported") == 1 and len(report.article_ids) == 4
        by_title = {fresh.article(i).title: i for i in fresh.search("*").ids}
        for old_id in (camara, dakar):
            old = lib.article(old_id)
            new = fresh.article(by_title[old.title])
            assert (new.title, new.text, new.date, new.lang) == (old.title, old.text, old.date,
                                                                 old.lang)
            assert (new.read, new.starred, new.tags, new.note, new.note_format) == (
                old.read, old.starred, old.tags, old.note, old.note_format)
            assert [(h.start, h.end, h.quote, h.comment) for h in new.highlights] == [
                (h.start, h.end, h.quote, h.comment) for h in old.highlights]
            assert new.dossiers == old.dossiers
        # Importing it again changes nothing: duplicates, state merged as sets.
        again = fresh.import_paths([out])
        assert again.count("duplicate") == 1
        assert [t.count for t in fresh.tags()] == [2, 2]


def test_csv_export_reads_back_with_french_intact(lib: Library, tmp_path: Path) -> None:
    import csv

    from index.export import export_articles

    camara = _id(lib, "camara")
    lib.tag([camara], add=["Sécurité"])
    lib.set_note(camara, "Délégation ; « AES »")
    out = tmp_path / "x.csv"
    export_articles(lib, [camara], "csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets then read UTF-8
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["tags"] == "Sécurité" and rows[0]["note"] == "Délégation ; « AES »"
    assert rows[0]["read"] == "no" and rows[0]["language"] == "fr"
    assert "Défense" in rows[0]["title"] or rows[0]["title"]


def test_states_of_many_ids_in_one_statement(lib: Library) -> None:
    """Reads, stars and tags take any number of ids (sent to SQLite as one JSON list):
    unknown ids and repeats change nothing and are not counted."""
    ids = list(lib.search("*", limit=0).ids)
    many = [*ids, *ids, *range(10_000, 40_000)]  # repeats, and 30,000 ids of no article
    assert lib.mark_read(many) == 4
    assert lib.mark_read(many) == 0
    assert lib.mark_read(many[:2], read=False) == 2
    assert lib.search("is:unread").total == 2
    assert lib.set_starred(many) == 4 and lib.set_starred(many) == 0
    assert lib.tag(many, add=["Revue", "Sahel"]) == 8
    assert lib.tag(many, add=["revue"]) == 0  # same tag, case and accents aside
    assert lib.tag(many[:1], remove=["Sahel"]) == 1
    assert lib.rows_state(ids[:1]) == {ids[0]: (False, True, ("Revue",))}
    assert sorted(lib.search("tag:Sahel").ids) == sorted(ids[1:])
    count = lib.store.conn.execute("SELECT count(*) FROM article_state").fetchone()[0]
    assert count == 4  # no state rows for ids that are not articles


def test_notes_of_many_articles_at_once(lib: Library) -> None:
    """A dossier's rows show each article's note: one read for a page of rows."""
    camara, dakar = _id(lib, "camara"), _id(lib, "dakar")
    lib.set_note(camara, "À citer dans le brief.")
    lib.set_note(dakar, "")  # an emptied note is no note
    everyone = list(lib.search("*", limit=10).ids)
    assert lib.notes(everyone) == {camara: "À citer dans le brief."}
    assert lib.notes([]) == {}
