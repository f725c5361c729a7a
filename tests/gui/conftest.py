"""Fixtures for the GUI tests: a real library on disk, a window, our own articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform warns on every shown top-level window; it is not our bug."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "inbox" / "camara-bamako.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(ARTICLE_FR, encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path, spacy_extractor: object) -> Iterator[Library]:
    lib = Library.open(tmp_path / "lib")
    if spacy_extractor is not None:
        # spaCy loads once per session (seconds); each test still has its own library.
        lib._extractor = spacy_extractor  # type: ignore[assignment]
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def spacy_extractor() -> object:
    try:
        from index.entities import EntityExtractor
    except ImportError:  # the entities package is not there yet: the library loads it lazily
        return None
    extractor = EntityExtractor()
    extractor.extract("Sadio Camara est à Bamako.", "fr")  # loads the pipeline (seconds) now
    return extractor


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


def drop_files(target, paths: list[Path]) -> bool:
    """Send the drag-enter and drop events a file manager would (as Dangerzone's tests do)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = target.rect().center()
    enter = QDragEnterEvent(
        QPointF(pos),
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
