"""Fixtures for the GUI tests: a real library on disk, a window, our own articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from index.entities import EntityExtractor
from index.library import Library
from reader_app.main_window import MainWindow

# Written by the team for these tests (seed format: " date YYYY-MM-DD " + first paragraph).
ARTICLE_FR = (
    " date 2025-08-14 Le ministre malien de la Défense, Sadio Camara, a reçu mercredi à Bamako "
    "une délégation de l'Alliance des États du Sahel venue préparer le prochain sommet.\n"
    "Selon un communiqué du gouvernement, les deux parties ont évoqué la sécurité des routes "
    "commerciales entre Gao, Niamey et Ouagadougou.\n"
    "Sadio Camara a insisté sur la coopération avec le Niger et le Burkina Faso. « Nos armées "
    "avancent ensemble », a-t-il déclaré devant la presse à Bamako.\n"
    "L'Union africaine a salué une réunion « constructive » et appelé au dialogue avec la CEDEAO."
)
ARTICLE_EN = (
    " date 2025-09-02 Fishermen in Dakar say catches have fallen sharply this season, and the "
    "Senegalese fisheries ministry has promised an inquiry.\n"
    "Aminata Diop, who leads a cooperative in the port, said the boats now go twice as far out."
)


@pytest.fixture(scope="session", autouse=True)
def english_interface(qapp: QApplication) -> None:
    """English as a launch on an English desktop speaks it, plural forms included ("1
    article", "2 articles"); the .qm are compiled from resources/i18n on the fly when no
    build made them. tests/gui/test_i18n_french.py switches to French and back."""
    from reader_app.i18n import install_translations

    install_translations(qapp, "en")


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "inbox" / "camara-bamako.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(ARTICLE_FR, encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path, shared_extractor: EntityExtractor) -> Iterator[Library]:
    """Each test its own library; spaCy loaded once per session (it takes seconds)."""
    lib = Library.open(tmp_path / "lib", extractor=shared_extractor)
    yield lib
    lib.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, library: Library, settings: QSettings) -> Iterator[MainWindow]:
    """A shown window whose first count of the library has landed; closed and drained after."""
    win = MainWindow(library, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.libraryCounted, timeout=10000):
        win.show()
    yield win
    win.close()
    assert not win.readers.busy() or win.readers.pool.activeThreadCount() == 0
    assert win.writer.pool.activeThreadCount() == 0


def drag_event(cls, pos, *args):
    """A drag event: PySide6 6.11 takes a QPoint for drag-enter and drag-move, later
    versions a QPointF (the QPoint form is deprecated there)."""
    try:
        return cls(QPointF(pos), *args)
    except TypeError:
        return cls(pos, *args)


def drop_files(target, paths: list[Path]) -> bool:
    """Send the drag-enter and drop events a file manager would (as Dangerzone's tests do)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = target.rect().center()
    enter = drag_event(
        QDragEnterEvent,
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()
