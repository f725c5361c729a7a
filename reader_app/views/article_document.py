"""The article pane's QTextDocument: it loads no resource named by the article, and a
big one is freed a piece at a time.

Qt's default ``QTextDocument.loadResource`` reads any local path (absolute, ``file://``
or relative to the working directory) and decodes ``data:`` URLs, even when the
widget's own ``loadResource`` declines; and when a document gives no image for a
name, Qt's image handler reads the file of that name itself. So this document answers
every image with a blank pixel and every style sheet with nothing: an ``<img>`` or a
stylesheet link in article HTML never reads the disk. Resources we add ourselves with
``addResource`` are looked up before this and shown as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QPixmap, QTextCursor, QTextDocument

from reader_app.views.article_html import document_css


class ArticleDocument(QTextDocument):
    """A text document with our style sheet that never loads a resource by name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDefaultStyleSheet(document_css())
        self.setDocumentMargin(18)
        self.setUndoRedoEnabled(False)  # read-only text: an undo history only costs memory
        self.refused: list[str] = []  # names asked for and refused (kept short: for tests)

    def loadResource(self, type: int, name: QUrl | str) -> object:
        if len(self.refused) < 100:
            self.refused.append(name.toString() if isinstance(name, QUrl) else name)
        if type == QTextDocument.ResourceType.ImageResource.value:
            return _blank_pixel()
        if type == QTextDocument.ResourceType.StyleSheetResource.value:
            return ""
        return None


def _blank_pixel() -> QPixmap:
    pixel = QPixmap(1, 1)
    pixel.fill(Qt.GlobalColor.transparent)
    return pixel


RETIRE_STEP_CHARS = 300_000  # about 12 ms of freeing per event-loop turn


def retire(doc: QTextDocument) -> None:
    """Empty ``doc`` from its end a piece per event-loop turn, then delete it: a whole
    60 MB article shown and laid out takes 300 ms to free in one go."""
    timer = QTimer(doc)

    def step() -> None:
        size = doc.characterCount()
        if size <= RETIRE_STEP_CHARS:
            timer.stop()
            doc.deleteLater()
            return
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.setPosition(size - RETIRE_STEP_CHARS, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    timer.timeout.connect(step)
    timer.start(0)
