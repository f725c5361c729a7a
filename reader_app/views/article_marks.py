"""A person's highlights in the article pane, drawn as extra selections.

Highlights are drawn on top of the rendered HTML, not written into it, for the same
reason as the focused mention: adding, removing or commenting one never re-renders
the article (nor loses the scroll position of a 60 MB one). A highlight is drawn once
the whole passage is in the document; the view asks again after each appended slice.

The colour is a rose no entity type and no search match uses, with its lightness
taken from the palette's base colour, so it stays readable on a dark theme too; a
highlight with a comment is underlined with dashes, and its comment is its tool tip.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from index.models import Highlight
from reader_app.theme_colours import DARK, LIGHT

Span = tuple[int, int]
HIGHLIGHT_HUE = 335  # rose (theme_colours' "mark"): apart from the entity hues and yellow


def highlight_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(background, underline) for highlights, light or dark after the palette's base."""
    base = palette.color(QPalette.ColorRole.Base)
    table = LIGHT if base.lightness() >= 128 else DARK  # theme_colours' "mark" pair
    return QColor(table["mark"]), QColor(table["mark_line"])


def highlight_format(palette: QPalette) -> QTextCharFormat:
    background, line = highlight_colours(palette)
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(line)
    return fmt


class HighlightMarks:
    """The open article's highlights and the selections drawn for them.

    ``position`` maps an article offset to a document position (None while that part
    is not shown); ``shown_end`` says up to where the text is in the document.
    """

    def __init__(self, document: Callable[[], QTextDocument],
                 position: Callable[[int], int | None]) -> None:
        self._document = document
        self._position = position
        self.items: list[Highlight] = []
        self._drawn: dict[int, QTextEdit.ExtraSelection] = {}  # index in items -> drawn
        self._format = QTextCharFormat()

    def reset(self, highlights: Sequence[Highlight], fmt: QTextCharFormat) -> None:
        self.items = sorted(highlights, key=lambda h: (h.start, h.end))
        self._drawn = {}
        self._format = fmt

    def pending(self) -> bool:
        return len(self._drawn) < len(self.items)

    def draw(self, shown_end: int) -> bool:
        """Draw the highlights that are now wholly shown; returns whether any was."""
        drawn = False
        for i, h in enumerate(self.items):
            if i in self._drawn or h.end > shown_end:
                continue
            sel = self._selection(h)
            if sel is not None:
                self._drawn[i] = sel
                drawn = True
        return drawn

    def _selection(self, h: Highlight) -> QTextEdit.ExtraSelection | None:
        start, end = self._position(h.start), self._position(h.end)
        if start is None or end is None or end <= start:
            return None
        cursor = QTextCursor(self._document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        sel.format = QTextCharFormat(self._format)
        if h.comment.strip():  # a dashed line: hover it to read the comment
            sel.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        return sel

    def selections(self) -> list[QTextEdit.ExtraSelection]:
        return [self._drawn[i] for i in sorted(self._drawn)]

    def at(self, offset: int) -> Highlight | None:
        """The highlight covering an article offset (the innermost when they nest)."""
        starts = [h.start for h in self.items]
        i = bisect.bisect_right(starts, offset)
        covering = [h for h in self.items[max(0, i - 64):i] if h.start <= offset < h.end]
        return min(covering, key=lambda h: h.end - h.start) if covering else None

    def drawn_count(self) -> int:
        return len(self._drawn)
