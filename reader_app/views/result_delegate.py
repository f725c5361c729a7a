"""Paints one search result: title, date and source, a two-line snippet, and what a
person added: unread titles in bold, a star that can be clicked, tags as small labels in
their colours.

The snippet arrives as escaped HTML with ``<mark>`` around matched words; it is
turned into plain text plus format ranges and laid out with QTextLayout so the
second line can end with a real ellipsis (a QTextDocument cannot elide).
Colours come from the view's palette (a tag's own colour when it has one), so a dark
theme only needs another palette.
"""

from __future__ import annotations

import html
import math
import re
import zlib

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from index.models import Hit
from index.store import fold_text
from reader_app.i18n import format_date
from reader_app.i18n import translate as _tr
from reader_app.models.results_model import HitRole, RowState, StateRole
from reader_app.theme import colour as theme_colour
from reader_app.theme_colours import contrast


def story_counts(hit: Hit) -> str:
    """ "3 versions, 2 outlets" when the article's story has other versions."""
    if hit.version_count < 2:
        return ""
    versions = _tr("%n version(s)", "", hit.version_count)
    if hit.outlet_count < 2:
        return versions
    return _tr("{0}, {1}").format(versions, _tr("%n outlet(s)", "", hit.outlet_count))

PAD_X, PAD_Y, GAP = 12.0, 9.0, 3.0
TAG_CONTRAST = 4.5  # WCAG AA for a tag label's text
STAR_GAP = 8.0
MAX_TAGS = 3
_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_TAG = re.compile(r"<[^>]+>")

AnyIndex = QModelIndex | QPersistentModelIndex
Role = QPalette.ColorRole


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


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` of the way towards ``b`` (colours derived from the palette)."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def row_is_bold(state: RowState | None) -> bool:
    """Unread rows are bold; a row whose state is still loading too (most are unread)."""
    return state is None or not state[0]


def tag_colours(name: str, colour: str | None, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a tag label: its own colour, or a soft hue drawn from its
    name with the lightness of the palette's base, so labels stay readable in any theme."""
    base = palette.color(Role.Base)
    if colour and QColor(colour).isValid():
        back = QColor(colour)
    else:
        hue = zlib.crc32(fold_text(name).encode("utf-8")) % 360
        dark = base.lightnessF() < 0.5
        back = QColor.fromHslF(hue / 360, 0.45 if dark else 0.6, 0.3 if dark else 0.86)
    light, dark_text = palette.color(Role.Base), palette.color(Role.Text)
    if light.lightnessF() < dark_text.lightnessF():
        light, dark_text = dark_text, light
    # Whichever text reads better; a picked colour too mid-toned for either (pure red)
    # is softened towards the list's background until it reads at AA (4.5:1).
    softened = back
    for step in range(11):
        softened = mix(back, base, step / 10)
        solid = softened.name()
        best = max(contrast(dark_text.name(), solid), contrast(light.name(), solid))
        if best >= TAG_CONTRAST:
            break
    solid = softened.name()
    pick = contrast(dark_text.name(), solid) >= contrast(light.name(), solid)
    return softened, dark_text if pick else light


def star_path(box: QRectF) -> QPainterPath:
    """A five-pointed star filling ``box`` (drawn, not a glyph: every font has it)."""
    cx, cy = box.center().x(), box.center().y() + box.height() * 0.04
    outer, inner = box.width() / 2, box.width() / 2 * 0.45
    path = QPainterPath()
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        point = QPointF(cx + r * math.cos(angle), cy + r * math.sin(angle))
        if k == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    path.closeSubpath()
    return path


class ResultDelegate(QStyledItemDelegate):
    """Three-part row; the height is fixed so the view can use uniform item sizes.

    ``compact`` rows (related articles) show the title and date line only. ``starClicked``
    fires for a left click on a row's star once ``watch_clicks`` was called for its view.
    """

    starClicked = Signal(int)  # row

    def __init__(self, parent: QObject | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self.compact = compact
        self.tag_colour: dict[str, str | None] = {}  # folded tag name -> stored colour
        self._view: QAbstractItemView | None = None
        self._pressed_star = False

    def set_tag_colours(self, colours: dict[str, str | None]) -> None:
        self.tag_colour = {fold_text(k): v for k, v in colours.items()}

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

    # --- geometry ------------------------------------------------------------------
    def _box(self, rect: QRectF) -> QRectF:
        return rect.adjusted(PAD_X, PAD_Y / (2 if self.compact else 1), -PAD_X, -PAD_Y)

    def star_rect(self, option: QStyleOptionViewItem, rect: QRectF) -> QRectF:
        """Where the star of a row in ``rect`` is drawn (and clicked)."""
        title_f = self._fonts(option)[0]
        size = QFontMetricsF(title_f).height()
        box = self._box(rect)
        return QRectF(box.right() - size, box.top(), size, size)

    # --- painting ------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        pal = option.palette
        rect = QRectF(option.rect)
        base, text = pal.color(Role.Base), pal.color(Role.Text)
        if option.state & QStyle.StateFlag.State_Selected:
            accent = pal.color(Role.Highlight)
            painter.fillRect(rect, mix(base, accent, 0.18))
            painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), accent)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, mix(base, text, 0.05))
        painter.setPen(mix(base, text, 0.12))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        hit = index.data(HitRole)
        state = index.data(StateRole)
        box = self._box(rect)
        if not self.compact:
            self._paint_star(painter, option, rect, state)
            box.setRight(box.right() - QFontMetricsF(self._fonts(option)[0]).height() - STAR_GAP)
        self._paint_hit(painter, option, box, hit, state)
        painter.restore()

    def _paint_star(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRectF,
                    state: RowState | None) -> None:
        star = star_path(self.star_rect(option, rect).adjusted(2, 2, -2, -2))
        pal = option.palette
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if state is not None and state[1]:
            accent = pal.color(Role.Highlight)
            painter.fillPath(star, accent)
            painter.setPen(accent)
        else:
            painter.setPen(pal.color(Role.PlaceholderText))
        painter.drawPath(star)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_hit(self, painter: QPainter, option: QStyleOptionViewItem, box: QRectF,
                   hit: Hit | None, state: RowState | None) -> None:
        title_f, meta_f, body_f = self._fonts(option)
        title_f.setBold(row_is_bold(state))
        pal = option.palette
        y = box.top()
        tm = QFontMetricsF(title_f)
        painter.setFont(title_f)
        painter.setPen(pal.color(Role.Text))
        title = hit.title if hit else _tr("Loading…")
        elided = tm.elidedText(title or _tr("(untitled)"), Qt.TextElideMode.ElideRight,
                               box.width())
        painter.drawText(QPointF(box.left(), y + tm.ascent()), elided)
        y += tm.height() + GAP
        if hit is None:
            return
        mm = QFontMetricsF(meta_f)
        tags = state[2] if state is not None else ()
        meta_width = box.width()
        if tags:
            used = self._paint_tags(painter, option, QRectF(box.left(), y, box.width(),
                                                            mm.height()), tags)
            meta_width = max(0.0, box.width() - used - STAR_GAP)
        painter.setFont(meta_f)
        painter.setPen(pal.color(Role.PlaceholderText))
        parts = (format_date(hit.date, short=True), hit.source, (hit.lang or "").upper(),
                 story_counts(hit))
        meta = " · ".join(p for p in parts if p)
        painter.drawText(
            QPointF(box.left(), y + mm.ascent()),
            mm.elidedText(meta, Qt.TextElideMode.ElideRight, meta_width),
        )
        y += mm.height() + GAP
        if self.compact:
            return
        snippet_box = QRectF(box.left(), y, box.width(), box.bottom() - y)
        painter.setPen(pal.color(Role.Text))
        self._paint_snippet(painter, body_f, snippet_box, hit.snippet)

    def _paint_tags(self, painter: QPainter, option: QStyleOptionViewItem, line: QRectF,
                    tags: tuple[str, ...]) -> float:
        """Tag labels right-aligned on the meta line; returns the width they took."""
        font = QFont(option.font)
        font.setPointSizeF(option.font.pointSizeF() * 0.8)
        fm = QFontMetricsF(font)
        shown = list(tags[:MAX_TAGS])
        labels = shown + ([f"+{len(tags) - MAX_TAGS}"] if len(tags) > MAX_TAGS else [])
        widths = [min(fm.horizontalAdvance(t), 110.0) + 10 for t in labels]
        total = sum(widths) + 4 * (len(widths) - 1)
        if total > line.width() * 0.6:  # a narrow list keeps room for the date and source
            return 0.0
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        x = line.right() - total
        height = min(line.height(), fm.height() + 2)
        top = line.top() + (line.height() - height) / 2
        for label, width in zip(labels, widths, strict=True):
            colour = self.tag_colour.get(fold_text(label)) if label in shown else None
            back, fore = tag_colours(label, colour, option.palette)
            if label not in shown:
                back, fore = option.palette.color(Role.Mid), option.palette.color(Role.Text)
            chip = QRectF(x, top, width, height)
            path = QPainterPath()
            path.addRoundedRect(chip, height / 2, height / 2)
            painter.fillPath(path, back)
            painter.setPen(fore)
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, width - 10)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
            x += width + 4
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        return total

    def _paint_snippet(self, painter: QPainter, font: QFont, box: QRectF, snippet: str) -> None:
        text, marks = parse_snippet(snippet)
        if not text:
            return
        fm = QFontMetricsF(font)
        first = _layout(text, marks, font, box.width())
        line = first.lineAt(0) if first.lineCount() else None
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

    # --- the star as a button ----------------------------------------------------------
    def watch_clicks(self, view: QAbstractItemView) -> None:
        """Let a click on a row's star toggle it, without selecting the row."""
        self._view = view
        view.viewport().installEventFilter(self)

    def star_row_at(self, pos: QPointF) -> int:
        """The row whose star is at ``pos`` (viewport coordinates), or -1."""
        view = self._view
        if view is None or self.compact:
            return -1
        index = view.indexAt(pos.toPoint())
        if not index.isValid():
            return -1
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.font = view.font()
        rect = self.star_rect(option, QRectF(view.visualRect(index)))
        return index.row() if rect.adjusted(-4, -4, 4, 4).contains(pos) else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton:
                row = self.star_row_at(event.position())
                if row >= 0:
                    self._pressed_star = True
                    if kind == QEvent.Type.MouseButtonPress:
                        self.starClicked.emit(row)
                    return True
        elif kind == QEvent.Type.MouseButtonRelease and self._pressed_star:
            self._pressed_star = False
            return True
        return super().eventFilter(watched, event)


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
        fmt.setBackground(QColor(theme_colour("match")))
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
