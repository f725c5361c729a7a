"""A small bar chart of articles per month (per year over long spans), drawn with QPainter.

Enough to see when an entity was in the news without pulling in a charting library.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from reader_app.i18n import translate as _tr
from reader_app.theme import colour as theme_colour

MAX_MONTH_BARS = 36  # beyond three years, one bar per year stays legible


def _month_key(date: str | None) -> tuple[int, int] | None:
    if not date or len(date) < 7 or not (date[:4].isdigit() and date[5:7].isdigit()):
        return None
    month = int(date[5:7])
    return (int(date[:4]), month) if 1 <= month <= 12 else None


def bucket_dates(dates: Iterable[str | None]) -> tuple[list[tuple[str, int]], int]:
    """(label, count) per month from the first to the last, gaps included; and undated."""
    keys = [_month_key(d) for d in dates]
    counts = Counter(k for k in keys if k is not None)
    undated = sum(1 for k in keys if k is None)
    if not counts:
        return [], undated
    (y0, m0), (y1, m1) = min(counts), max(counts)
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span > MAX_MONTH_BARS:
        years: Counter[int] = Counter()
        for (y, _m), n in counts.items():
            years[y] += n
        return [(str(y), years.get(y, 0)) for y in range(y0, y1 + 1)], undated
    out = []
    for i in range(span):
        y, m = y0 + (m0 - 1 + i) // 12, (m0 - 1 + i) % 12 + 1
        out.append((f"{y}-{m:02d}", counts.get((y, m), 0)))
    return out, undated


class MonthChart(QWidget):
    """Bars of ``bucket_dates``; the first and last labels and the peak are written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.buckets: list[tuple[str, int]] = []
        self.undated = 0
        self.colour = "chart"  # a colour name of the theme, looked up when painting

    def sizeHint(self) -> QSize:
        return QSize(320, 110)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 110)

    def set_dates(self, dates: Iterable[str | None], colour: str | None = None) -> None:
        self.buckets, self.undated = bucket_dates(dates)
        if colour:
            self.colour = colour
        self._update_tooltip()
        self.update()

    def _update_tooltip(self) -> None:
        lines = [f"{label}: {n}" for label, n in self.buckets if n]
        if self.undated:
            lines.append(_tr("undated: {0}").format(self.undated))
        self.setToolTip("\n".join(lines[-24:]))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        rect = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        line = painter.fontMetrics().height()
        if not self.buckets:
            painter.setPen(text_colour)
            message = _tr("No dated articles") if self.undated else _tr("Select an entity")
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, message)
            painter.end()
            return
        plot = rect.adjusted(0, line, 0, -line - 2)
        peak = max(n for _l, n in self.buckets) or 1
        step = plot.width() / len(self.buckets)
        gap = min(3.0, step * 0.2)
        painter.setPen(Qt.PenStyle.NoPen)
        named = not self.colour.startswith("#")  # a theme's colour, or one given as is
        painter.setBrush(QColor(theme_colour(self.colour) if named else self.colour))
        for i, (_label, n) in enumerate(self.buckets):
            height = plot.height() * n / peak
            left = plot.left() + i * step + gap / 2
            painter.drawRect(QRectF(left, plot.bottom() - height, step - gap, height))
        painter.setPen(text_colour)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        top = QRectF(rect.left(), rect.top(), rect.width(), line)
        unit = "year" if len(self.buckets[0][0]) == 4 else "month"
        caption = (_tr("Articles per month (most: {0})") if unit == "month"
                   else _tr("Articles per year (most: {0})")).format(peak)
        if self.undated:
            caption += " · " + _tr("%n undated", "", self.undated)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft, caption)
        bottom = QRectF(rect.left(), rect.bottom() - line, rect.width(), line)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, self.buckets[0][0])
        if len(self.buckets) > 1:
            painter.drawText(bottom, Qt.AlignmentFlag.AlignRight, self.buckets[-1][0])
        painter.end()
