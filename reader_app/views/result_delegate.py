"""Paints one search result: bold title, date and source, a two-line snippet.

The snippet arrives as escaped HTML with ``<mark>`` around matched words; it is
turned into plain text plus format ranges and laid out with QTextLayout so the
second line can end with a real ellipsis (a QTextDocument cannot elide).
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from index.models import Hit
from reader_app.models.results_model import HitRole
from reader_app.style import MATCH_BACKGROUND

PAD_X, PAD_Y, GAP = 12.0, 9.0, 3.0
SELECTED_BG = QColor("#dce8fa")
ACCENT = QColor("#1a5fb4")
META_COLOUR = QColor("#5f6368")
SNIPPET_COLOUR = QColor("#3c4043")
_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_TAG = re.compile(r"<[^>]+>")

AnyIndex = QModelIndex | QPersistentModelIndex


def parse_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text of a snippet and the (start, length) of each ``<mark>`` in it."""
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = 0
    size = 0
    for m in _MARK.finditer(snippet):
        before = html.unescape(_TAG.sub("", snippet[pos : m.start()]))
        inside = html.unescape(_TAG.sub("", m.group(1)))
        plain.append(before)
        size += len(before)
        marks.append((size, len(inside)))
        plain.append(inside)
        size += len(inside)
        pos = m.end()
    plain.append(html.unescape(_TAG.sub("", snippet[pos:])))
    text = " ".join("".join(plain).split())  # newlines in a snippet would break the 2 lines
    if text != "".join(plain):
        return text, _remap(("".join(plain)), text, marks)
    return text, marks


def _remap(raw: str, squeezed: str, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Recompute mark offsets after whitespace runs were squeezed to one space."""
    mapping: list[int] = []
    out_pos = 0
    prev_space = True  # leading whitespace is dropped
    for ch in raw:
        is_space = ch.isspace()
        mapping.append(out_pos)
        if not (is_space and prev_space):
            out_pos += 1
        prev_space = is_space
    mapping.append(out_pos)
    return [
        (min(mapping[s], len(squeezed)), max(0, min(mapping[s + n], len(squeezed)) - mapping[s]))
        for s, n in marks
    ]


class ResultDelegate(QStyledItemDelegate):
    """Three-part row; the height is fixed so the view can use uniform item sizes.

    ``compact`` rows (related articles) show the title and date line only.
    """

    def __init__(self, parent: QObject | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self.compact = compact

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.08)
        meta = QFont(base)
        meta.setPointSizeF(base.pointSizeF() * 0.9)
        return title, meta, base

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        title, meta, body = self._fonts(option)
        h = QFontMetricsF(title).height() + QFontMetricsF(meta).height() + GAP
        if self.compact:
            h += PAD_Y
        else:
            h += 2 * QFontMetricsF(body).lineSpacing() + 2 * PAD_Y + GAP
        return QSize(200, int(h + 0.5))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        rect = QRectF(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, SELECTED_BG)
            painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), ACCENT)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#f1f3f4"))
        painter.setPen(QColor("#e0e0e0"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        hit = index.data(HitRole)
        self._paint_hit(
            painter,
            option,
            rect.adjusted(PAD_X, PAD_Y / (2 if self.compact else 1), -PAD_X, -PAD_Y),
            hit,
        )
        painter.restore()

    def _paint_hit(
        self, painter: QPainter, option: QStyleOptionViewItem, box: QRectF, hit: Hit | None
    ) -> None:
        title_f, meta_f, body_f = self._fonts(option)
        y = box.top()
        tm = QFontMetricsF(title_f)
        painter.setFont(title_f)
        painter.setPen(QColor("#202124"))
        title = hit.title if hit else "Loading…"
        elided = tm.elidedText(title or "(untitled)", Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(QPointF(box.left(), y + tm.ascent()), elided)
        y += tm.height() + GAP
        if hit is None:
            return
        mm = QFontMetricsF(meta_f)
        painter.setFont(meta_f)
        painter.setPen(META_COLOUR)
        parts = ((hit.date or "")[:10], hit.source, (hit.lang or "").upper())
        meta = " · ".join(p for p in parts if p)
        painter.drawText(
            QPointF(box.left(), y + mm.ascent()),
            mm.elidedText(meta, Qt.TextElideMode.ElideRight, box.width()),
        )
        y += mm.height() + GAP
        if self.compact:
            return
        snippet_box = QRectF(box.left(), y, box.width(), box.bottom() - y)
        self._paint_snippet(painter, body_f, snippet_box, hit.snippet)

    def _paint_snippet(self, painter: QPainter, font: QFont, box: QRectF, snippet: str) -> None:
        text, marks = parse_snippet(snippet)
        if not text:
            return
        fm = QFontMetricsF(font)
        first = _layout(text, marks, font, box.width())
        line = first.lineAt(0) if first.lineCount() else None
        painter.setPen(SNIPPET_COLOUR)
        first.draw(painter, box.topLeft())
        if line is None or line.textLength() >= len(text):
            return
        cut = line.textStart() + line.textLength()
        rest = text[cut:]
        rest_marks = [(s - cut, n) for s, n in marks if s + n > cut]
        rest_marks = [(max(0, s), n + min(0, s)) for s, n in rest_marks]
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        elided = QFontMetricsF(bold).elidedText(rest, Qt.TextElideMode.ElideRight, box.width() - 4)
        second = _layout(elided, rest_marks, font, box.width(), one_line=True)
        second.draw(painter, QPointF(box.left(), box.top() + fm.lineSpacing()))


def _layout(
    text: str, marks: list[tuple[int, int]], font: QFont, width: float, one_line: bool = False
) -> QTextLayout:
    """One line of ``text`` with highlighted marks (the first line when not ``one_line``)."""
    layout = QTextLayout(text, font)
    ranges = []
    for start, length in marks:
        if start >= len(text) or length <= 0:
            continue
        fr = QTextLayout.FormatRange()
        fr.start, fr.length = start, min(length, len(text) - start)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(MATCH_BACKGROUND))
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fr.format = fmt
        ranges.append(fr)
    layout.setFormats(ranges)
    layout.beginLayout()
    line = layout.createLine()
    if line.isValid():
        line.setLineWidth(width if not one_line else max(width, 1.0) * 4)
        line.setPosition(QPointF(0, 0))
    layout.endLayout()
    return layout
