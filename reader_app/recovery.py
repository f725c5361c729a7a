"""Opening a library from the window, and recovering a damaged one when asked.

A library that cannot be opened is a message, never a traceback. When its store is
damaged, the person may recover what can be read (``index.checkup``: the damaged file is
kept beside the new one); the recovery runs on a thread behind a progress dialog so the
window system never sees a frozen application.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from index.errors import LibraryUnusable, VeilleError
from reader_app.i18n import translate as _tr

if TYPE_CHECKING:
    from index.library import Library


def open_library(path: Path, parent: QWidget | None = None) -> Library | None:
    """The opened library, or None after telling the person why it cannot be."""
    from index.library import Library

    try:
        return Library.open(path)
    except LibraryUnusable as exc:
        if "damaged" in str(exc) and _ask_recovery(path, str(exc), parent):
            if _recover(path, parent):
                return open_library(path, parent)
            return None
        QMessageBox.critical(parent, "Veille", _tr("Cannot open the library at {0}:\n{1}")
                             .format(path, _sentence(str(exc))))
    except (VeilleError, OSError) as exc:
        QMessageBox.critical(parent, "Veille", _tr("Cannot open the library at {0}:\n{1}")
                             .format(path, _sentence(str(exc))))
    return None


def _ask_recovery(path: Path, reason: str, parent: QWidget | None) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "Veille",
                      _tr("The library at {0} is damaged.").format(path), parent=parent)
    box.setInformativeText(_tr(
        "Veille can recover every article it can still read into a new library file and "
        "rebuild the search index. The damaged file is kept beside it."))
    box.setDetailedText(reason)
    recover = box.addButton(_tr("Recover"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is recover


def _recover(path: Path, parent: QWidget | None) -> bool:
    from index.checkup import check_library

    dialog = QProgressDialog(_tr("Recovering the library…"), "", 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.show()
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["report"] = check_library(path, repair=True)
        except Exception as exc:  # shown to the person below
            outcome["error"] = exc

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    timer.start(50)
    loop.exec()
    timer.stop()
    dialog.close()
    if "error" in outcome:
        QMessageBox.critical(parent, "Veille", _tr("The library could not be recovered: {0}")
                             .format(_sentence(str(outcome["error"]))))
        return False
    report = outcome["report"]
    lines = "\n".join(getattr(report, "repaired", []))
    QMessageBox.information(parent, "Veille", _tr("The library was recovered.") + "\n\n" + lines)
    return True


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
