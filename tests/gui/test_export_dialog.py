"""File > Export… and File > Print… (issue 9, point 7): these results, the selection, a
tag or a dossier, written as CSV, JSON Lines, Markdown and PDF and read back (csv,
json, pypdf); printing to a PDF file instead of a printer offscreen."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, QSettings
from PySide6.QtPrintSupport import QPrinter

from index.library import Library
from reader_app.export_controller import ExportCancelled, export_ids
from reader_app.main_window import MainWindow
from reader_app.views.export_dialog import ExportDialog

WAIT = 30000

ARTICLES = [
    ("Sécurité : le marché de Mopti rouvre", "Les commerçants de Mopti ont rouvert le marché.",
     "2025-05-12"),
    ("Fishermen in Dakar report falling catches", "Catches have fallen sharply this season.",
     "2025-09-02"),
    ("À Niamey, un calendrier électoral réclamé", "Des associations demandent un calendrier.",
     "2025-07-21"),
    ("Accra port authority hires guards", "The harbour authority hired forty guards.",
     "2025-06-30"),
]


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps({"title": t, "text": x, "date": d, "source": "Relais",
                                          "lang": "fr"}, ensure_ascii=False)
                              for t, x, d in ARTICLES) + "\n", encoding="utf-8")
    library = Library.open(tmp_path / "lib")
    assert library.import_paths([path]).count("imported") == 1
    ids = {library.article(i).title: i for i in library.search("*", limit=0).ids}
    mopti, _dakar, niamey, accra = (ids[t] for t, _x, _d in ARTICLES)
    library.tag([mopti, niamey], add=["Sahel central"])
    library.add_to_dossier("Rapport juin", [accra, mopti])
    library.set_note(mopti, "Réouverture à confirmer ; voir « Le Relais »", "plain")
    library.add_highlight(mopti, 0, 14, "le marché rouvre")
    yield library
    library.close()


@pytest.fixture
def win(qtbot, lib: Library, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reading/markReadDelayMs", -1)
    window = MainWindow(lib, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.searchFinished, timeout=WAIT):
        window.show()
    qtbot.waitUntil(lambda: window.results_model.rowCount() == len(ARTICLES), timeout=WAIT)
    yield window
    window.close()
    assert window.readers.pool.activeThreadCount() == 0


def titles(lib: Library, ids) -> list[str]:
    return [lib.article(i).title for i in ids]


def open_dialog(qtbot, win: MainWindow) -> ExportDialog:
    win.exports.actions["export"].trigger()
    qtbot.waitUntil(lambda: win.exports.dialog is not None
                    and win.exports.dialog.isVisible(), timeout=WAIT)
    return win.exports.dialog


def run(qtbot, win: MainWindow, dialog: ExportDialog, scope: str, fmt: str,
        out: Path) -> Path:
    dialog.scope_buttons[scope].setChecked(True)
    dialog.set_format(fmt)
    dialog.path.setText(str(out))
    with qtbot.waitSignal(win.exports.exportFinished, timeout=WAIT) as done:
        dialog.export_button.click()
    assert done.args == [out]
    assert "Exported" in dialog.message.text() and dialog.close_button.text() == "Close"
    return out


def test_a_tag_exports_as_csv_read_back_by_the_csv_module(qtbot, win, lib, tmp_path) -> None:
    dialog = open_dialog(qtbot, win)
    assert dialog.tag_combo.itemText(0) == "Sahel central (2)"
    out = run(qtbot, win, dialog, "tag", "csv", tmp_path / "tag.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read French
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["title"] for r in rows] == ["À Niamey, un calendrier électoral réclamé",
                                          "Sécurité : le marché de Mopti rouvre"]  # newest
    assert rows[1]["note"] == "Réouverture à confirmer ; voir « Le Relais »"
    assert rows[1]["tags"] == "Sahel central"


def test_a_dossier_exports_as_json_lines_in_its_own_order(qtbot, win, lib, tmp_path) -> None:
    win.navigation.current = ("dossier", "Rapport juin")  # the sidebar shows the dossier
    dialog = open_dialog(qtbot, win)
    assert dialog.scope() == "dossier"
    assert dialog.dossier_combo.currentData() == "Rapport juin"
    assert Path(dialog.path.text()).name == "veille-dossier-rapport-juin.csv"
    dialog.set_format("jsonl")
    assert Path(dialog.path.text()).name == "veille-dossier-rapport-juin.jsonl"
    out = run(qtbot, win, dialog, "dossier", "jsonl", tmp_path / "dossier.jsonl")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == lib.dossier_articles("Rapport juin")
    mopti = records[1]
    assert mopti["veille"]["highlights"][0]["comment"] == "le marché rouvre"
    assert mopti["veille"]["dossiers"] == ["Rapport juin"]


def test_the_selection_exports_as_a_markdown_brief(qtbot, win, lib, tmp_path) -> None:
    view, model = win.article_list, win.results_model
    view.setCurrentIndex(model.index(0))
    view.selectionModel().select(model.index(2), QItemSelectionModel.SelectionFlag.Select)
    dialog = open_dialog(qtbot, win)
    assert dialog.scope() == "selection"  # several selected: the selection by default
    assert dialog.scope_buttons["selection"].text() == "The selected articles (2)"
    out = run(qtbot, win, dialog, "selection", "md", tmp_path / "brief.md")
    text = out.read_text(encoding="utf-8")
    chosen = titles(lib, [model.article_id(0), model.article_id(2)])
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == [
        t.replace("!", "\\!") for t in chosen]


def test_these_results_export_as_a_pdf_read_back_as_text(qtbot, win, lib, tmp_path) -> None:
    dialog = open_dialog(qtbot, win)
    out = run(qtbot, win, dialog, "results", "pdf", tmp_path / "results.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    for title, _x, _d in ARTICLES:
        assert " ".join(title.split()[:3]) in " ".join(text.split()), title
    assert "Note. Réouverture à" in " ".join(text.split())  # "fi" is a ligature in PDF


def test_a_file_in_a_missing_folder_is_one_sentence(qtbot, win, tmp_path) -> None:
    dialog = open_dialog(qtbot, win)
    dialog.path.setText(str(tmp_path / "nowhere" / "out.csv"))
    dialog.export_button.click()
    assert dialog.message.text() == "Choose a file in an existing folder."
    assert not (tmp_path / "nowhere").exists()


def test_cancel_stops_the_export_and_writes_no_file(qtbot, win, lib, tmp_path) -> None:
    cancel = threading.Event()
    cancel.set()
    out = tmp_path / "cancelled.csv"
    with pytest.raises(ExportCancelled, match="cancelled"):
        export_ids(lib, list(lib.search("*", limit=0).ids), "csv", out, "", lambda *_: None,
                   cancel)
    assert not out.exists() and not list(tmp_path.glob(".cancelled.csv*"))
    with pytest.raises(ExportCancelled):
        export_ids(lib, list(lib.search("*", limit=0).ids), "pdf", tmp_path / "c.pdf", "",
                   lambda *_: None, cancel)
    assert not list(tmp_path.glob("*c.pdf*"))
    # in the dialog, Cancel while it runs cancels the worker's task
    dialog = open_dialog(qtbot, win)
    dialog.path.setText(str(tmp_path / "x.csv"))
    dialog.export_button.click()
    task = win.exports.task
    assert dialog.close_button.text() == "Cancel"
    dialog.close_button.click()
    assert task is not None and task.cancel_event.is_set()
    qtbot.waitUntil(lambda: win.exports.task is None, timeout=WAIT)  # it ended, either way
    if (tmp_path / "x.csv").exists():  # it had written its last article before Cancel
        assert dialog.message.text().startswith("Exported")
    else:
        assert dialog.message.text() == "The export was cancelled; no file was written."
    assert not list(tmp_path.glob(".x.csv*"))


def test_print_writes_the_brief_of_the_selection(qtbot, win, lib, tmp_path) -> None:
    view, model = win.article_list, win.results_model
    view.setCurrentIndex(model.index(1))
    view.selectionModel().select(model.index(3), QItemSelectionModel.SelectionFlag.Select)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(win.exports.printFinished, timeout=WAIT) as printed:
        win.exports.print_brief(printer)
    assert printed.args == [2]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "printed.pdf")
                             .pages).split())
    chosen = titles(lib, [model.article_id(1), model.article_id(3)])
    others = [t for t, _x, _d in ARTICLES if t not in chosen]
    for title in chosen:
        assert " ".join(title.split()[:3]) in text
    for title in others:
        assert " ".join(title.split()[:3]) not in text
    assert win.exports.actions["print"].shortcut().toString() == "Ctrl+P"


def test_ctrl_p_asks_for_a_printer_without_blocking_the_window(qtbot, win) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    win.exports.actions["print"].trigger()
    dialog = win.exports.print_dialog
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Print 4 articles"  # no selection: these results
    with qtbot.assertNotEmitted(win.exports.printFinished, wait=200):
        dialog.reject()  # cancelled: nothing printed
