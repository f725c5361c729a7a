"""Shared by the sidebar tests (tests/gui/test_navigation*.py): our own articles, a
window on a filled library, and ways to click, drop and answer questions as a person."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from index.library import Library
from reader_app.main_window import MainWindow
from reader_app.views.navigation import NavEntry
from tests.gui.conftest import drag_event

WAIT = 15000

# Written for these tests (seed format: " date YYYY-MM-DD " + first paragraph).
ARTICLES = {
    "camara.txt": " date 2025-08-14 Sadio Camara reçoit à Bamako une délégation de l'Alliance "
                  "des États du Sahel.\nLe ministre a parlé des routes entre Gao et Niamey.",
    "niamey.txt": " date 2025-07-08 Sommet de l'Alliance des États du Sahel à Niamey.\nLes "
                  "chefs d'État du Mali, du Niger et du Burkina Faso se sont retrouvés.",
    "dakar.txt": " date 2025-09-02 Fishermen in Dakar say catches have fallen sharply.\nThe "
                 "fisheries ministry has promised an inquiry into the trawlers.",
    "bruxelles.txt": " date 2025-06-27 À Bruxelles, les Vingt-Sept s'accordent sur un fonds "
                     "de défense.\nLe fonds doit soutenir l'industrie européenne.",
}
NEWS = {
    "gao.txt": " date 2025-10-03 À Gao, une attaque vise un convoi : le Sahel reste sous "
               "tension.\nL'armée a confirmé l'incident.",
    "tillaberi.txt": " date 2025-10-05 Tillabéri : au Niger, le Sahel fait face à de nouvelles "
                     "violences.\nDes habitants fuient vers Niamey.",
    "lisbon.txt": " date 2025-10-06 Lisbon hosts a conference on Atlantic fisheries.\nNo word "
                  "about West Africa this time.",
}


def write_articles(folder: Path, items: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in items.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def fill_library(library: Library, tmp_path: Path) -> Library:
    library.import_paths([write_articles(tmp_path / "articles", ARTICLES)])
    library.extract_pending()  # so the window starts with no writer work queued
    return library


def open_window(qtbot, library: Library, settings: QSettings) -> MainWindow:
    win = MainWindow(library, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.libraryCounted, timeout=WAIT):
        win.show()
    qtbot.waitUntil(lambda: win.navigation.loaded, timeout=WAIT)
    return win


def article_id(lib: Library, word: str) -> int:
    results = lib.search(word)
    assert results.total == 1, word
    return results.ids[0]


def entry(win: MainWindow, kind: str, name: str = "") -> NavEntry | None:
    return win.navigation.model.find((kind, name))


def shown_ids(win: MainWindow) -> list[int]:
    return win.results_model.ids()


def entry_center(win: MainWindow, kind: str, name: str = "") -> QPoint:
    tree = win.sidebar.tree
    index = win.navigation.model.index_of((kind, name))
    assert index.isValid(), (kind, name)
    tree.scrollTo(index)
    return tree.visualRect(index).center()


def click_entry(qtbot, win: MainWindow, kind: str, name: str = "") -> None:
    """Click an entry as a person would; returns once the list shows its search."""
    pos = entry_center(win, kind, name)
    signal = win.navigation.viewShown if kind in ("watch", "dossier") else win.searchFinished
    with qtbot.waitSignal(signal, timeout=WAIT):
        qtbot.mouseClick(win.sidebar.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def refreshed(qtbot, win: MainWindow) -> None:
    with qtbot.waitSignal(win.navigation.countsShown, timeout=WAIT):
        win.navigation.refresh()


def send_drop(target: QWidget, pos: QPoint, mime: QMimeData) -> bool:
    """Drag-enter, drag-move and drop at ``pos`` (what a drag from another widget sends)."""
    point = QPointF(pos)
    args = (Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, mime,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drag_event(QDragEnterEvent, pos, *args))
    QApplication.sendEvent(target, drag_event(QDragMoveEvent, pos, *args))
    drop = QDropEvent(point, *args)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def answer_question(yes: bool = True) -> None:
    """Answer the next modal question box (Yes or No) as soon as it shows."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
            box.button(button).click()
        else:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
