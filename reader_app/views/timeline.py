"""The timeline above the result list: the results per month (week, day, year), drawn
with QPainter from the bars a reader thread built (reader_app/views/timeline_buckets).

Dragging across bars, or clicking one, asks for those dates as the search's date filter
(``rangeChosen``); the keyboard does the same (Left/Right move, Shift extends, Enter
chooses). Painting costs the bars, never the results: 100,000 results are a few hundred
bars at most.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolButton, QToolTip, QWidget

from reader_app.i18n import format_date, format_day
from reader_app.views.timeline_buckets import Bucket, Timeline

MARGIN = 6
CHART_HEIGHT = 86



def shown(bucket: Bucket) -> str:
    """A bar's name as the reader's language writes it: "23 juin 2025" for a day or a week
    (its Monday), "juin 2025" for a month; a year stays as it is."""
    label = bucket.label
    if len(label) == 10:
        return format_day(bucket.first, short=True)
    if len(label) == 7:
        return format_date(label, short=True)
    return label

class TimelineChart(QWidget):
    rangeChosen = Signal(object, object)  # first day, last day (datetime.date), inclusive
    clearRequested = Signal()  # "All dates"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Timeline of the results"))
        self.timeline = Timeline("month", ())
        self.undated = 0
        self._anchor: int | None = None  # where a drag (or Shift+arrows) started
        self._cursor: int | None = None  # the bar the keyboard or the drag is on
        self._hover: int | None = None
        self._dragging = False
        self.chosen: tuple[dt.date, dt.date] | None = None  # the search's date filter
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("timelineClear")
        self.clear_button.setText(self.tr("All dates"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(self.tr("Stop filtering the results by date"))
        self.clear_button.setAccessibleName(self.tr("Show all dates again"))
        self.clear_button.clicked.connect(self.clearRequested.emit)
        self.clear_button.hide()

    def sizeHint(self) -> QSize:
        return QSize(320, CHART_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, CHART_HEIGHT)

    # --- content ---------------------------------------------------------------------
    def set_timeline(self, timeline: Timeline, undated: int = 0) -> None:
        self.timeline = timeline
        self.undated = undated
        self._anchor = self._cursor = self._hover = None
        self._dragging = False
        self.setAccessibleDescription(self.summary())
        self.update()

    def set_chosen(self, chosen: tuple[dt.date, dt.date] | None) -> None:
        """The date filter the search bar holds (drawn as a band; "All dates" shows)."""
        self.chosen = chosen
        self.clear_button.setVisible(chosen is not None)
        self.update()

    def buckets(self) -> tuple[Bucket, ...]:
        return self.timeline.buckets

    def caption(self) -> str:
        unit = {"day": self.tr("day"), "week": self.tr("week"), "year": self.tr("year")}.get(
            self.timeline.unit, self.tr("month"))
        text = self.tr("Results per %1 (most: %2)").replace("%1", unit).replace(
            "%2", str(self.timeline.peak))
        if self.chosen is not None:
            first, last = (format_day(d, short=True) if d not in (dt.date.min, dt.date.max) else "…"
                           for d in self.chosen)
            text += " · " + self.tr("%1 to %2").replace("%1", first).replace("%2", last)
        missing = self.undated + self.timeline.imprecise
        if missing:
            text += " · " + self.tr("%n without a precise date", "", missing)
        return text

    def summary(self) -> str:
        """What a screen reader says: the span and the busiest bar."""
        buckets = self.timeline.buckets
        if not buckets:
            return self.tr("No dated results")
        peak = max(buckets, key=lambda b: b.count)
        return self.tr("%1 dated results from %2 to %3; most in %4 (%5)").replace(
            "%1", str(self.timeline.placed)).replace("%2", shown(buckets[0])).replace(
            "%3", shown(buckets[-1])).replace("%4", shown(peak)).replace("%5", str(peak.count))

    # --- geometry ------------------------------------------------------------------------
    def _plot(self) -> QRectF:
        line = self.fontMetrics().height()
        rect = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        return rect.adjusted(0, line + 2, 0, -line - 2)

    def bar_rect(self, i: int) -> QRectF:
        plot = self._plot()
        step = plot.width() / max(1, len(self.timeline.buckets))
        return QRectF(plot.left() + i * step, plot.top(), step, plot.height())

    def bar_at(self, x: float) -> int | None:
        n = len(self.timeline.buckets)
        plot = self._plot()
        if not n or plot.width() <= 0:
            return None
        i = int((x - plot.left()) / (plot.width() / n))
        return max(0, min(n - 1, i))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.clear_button.sizeHint()
        self.clear_button.setGeometry(self.width() - hint.width() - 2, 1, hint.width(),
                                      min(hint.height(), self.fontMetrics().height() + 6))

    # --- painting --------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text_colour = pal.color(QPalette.ColorRole.PlaceholderText)
        rect = QRectF(self.rect()).adjusted(MARGIN, MARGIN - 2, -MARGIN, -MARGIN)
        line = self.fontMetrics().height()
        buckets = self.timeline.buckets
        painter.setPen(text_colour)
        if not buckets:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("No dated results"))
            painter.end()
            return
        room = rect.width() - (self.clear_button.width() + 6 if self.chosen else 0)
        caption = self.fontMetrics().elidedText(self.caption(), Qt.TextElideMode.ElideRight,
                                                int(room))
        painter.drawText(QRectF(rect.left(), rect.top(), room, line),
                         Qt.AlignmentFlag.AlignLeft, caption)
        self._paint_bands(painter, pal)
        self._paint_bars(painter, pal)
        plot = self._plot()
        painter.setPen(text_colour)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        bottom = QRectF(rect.left(), plot.bottom() + 2, rect.width(), line)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, shown(buckets[0]))
        if len(buckets) > 1:
            painter.drawText(bottom, Qt.AlignmentFlag.AlignRight, shown(buckets[-1]))
        if self.hasFocus() and self._cursor is not None:
            painter.setPen(pal.color(QPalette.ColorRole.Highlight))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.bar_rect(self._cursor).adjusted(0, 0, -1, -1))
        painter.end()

    def _paint_bands(self, painter: QPainter, pal: QPalette) -> None:
        """The chosen dates when they are a part of the bars, and a drag in progress."""
        band = QColor(pal.color(QPalette.ColorRole.Highlight))
        band.setAlpha(45)
        span = self._chosen_bars()
        if span == (0, len(self.timeline.buckets) - 1):
            span = None  # the bars are the chosen dates: the caption says which
        if self._anchor is not None and self._cursor is not None:
            span = (min(self._anchor, self._cursor), max(self._anchor, self._cursor))
            band.setAlpha(80)
        if span is not None:
            left, right = self.bar_rect(span[0]), self.bar_rect(span[1])
            painter.fillRect(QRectF(left.topLeft(), right.bottomRight()), band)

    def _chosen_bars(self) -> tuple[int, int] | None:
        if self.chosen is None:
            return None
        first, last = self.chosen
        inside = [i for i, b in enumerate(self.timeline.buckets)
                  if b.last >= first and b.first <= last]
        return (inside[0], inside[-1]) if inside else None

    def _paint_bars(self, painter: QPainter, pal: QPalette) -> None:
        peak = self.timeline.peak or 1
        plot = self._plot()
        colour = pal.color(QPalette.ColorRole.Highlight)
        hover = colour.darker(130) if colour.lightness() > 60 else colour.lighter(140)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, bucket in enumerate(self.timeline.buckets):
            if not bucket.count:
                continue
            cell = self.bar_rect(i)
            gap = min(2.0, cell.width() * 0.2)
            height = max(1.0, plot.height() * bucket.count / peak)
            painter.setBrush(hover if i == self._hover else colour)
            painter.drawRect(QRectF(cell.left() + gap / 2, plot.bottom() - height,
                                    max(1.0, cell.width() - gap), height))

    # --- mouse and keys ------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.timeline.buckets:
            super().mousePressEvent(event)
            return
        self._anchor = self._cursor = self.bar_at(event.position().x())
        self._dragging = True
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position().x())
        if self._dragging:
            self._cursor = bar
        self._hover = bar if self._plot().contains(QPointF(event.position())) else None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._dragging or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._dragging = False
        self._cursor = self.bar_at(event.position().x())
        self._choose()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        n = len(self.timeline.buckets)
        key = event.key()
        if not n or key not in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home,
                                Qt.Key.Key_End, Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                Qt.Key.Key_Space, Qt.Key.Key_Escape):
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self._cursor is not None:
                self._choose()
            return
        if key == Qt.Key.Key_Escape:
            self._anchor = None
            self.update()
            return
        if key == Qt.Key.Key_Home:
            moved = 0
        elif key == Qt.Key.Key_End or (self._cursor is None and key == Qt.Key.Key_Left):
            moved = n - 1
        elif self._cursor is None:
            moved = 0
        else:
            step = -1 if key == Qt.Key.Key_Left else 1
            moved = max(0, min(n - 1, self._cursor + step))
        extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if extend and self._anchor is None:
            self._anchor = self._cursor if self._cursor is not None else moved
        elif not extend:
            self._anchor = None
        self._cursor = moved
        bucket = self.timeline.buckets[moved]
        self.setToolTip("")
        self.setAccessibleDescription(self.tr("%1: %n result(s)", "", bucket.count).replace(
            "%1", shown(bucket)))
        self.update()

    def _choose(self) -> None:
        if self._cursor is None:
            return
        anchor = self._anchor if self._anchor is not None else self._cursor
        first, last = min(anchor, self._cursor), max(anchor, self._cursor)
        buckets = self.timeline.buckets
        self._anchor = None
        self.update()
        self.rangeChosen.emit(buckets[first].first, buckets[last].last)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos().x()) if self.timeline.buckets else None
            if bar is not None:
                b = self.timeline.buckets[bar]
                QToolTip.showText(event.globalPos(), self.tr("%1: %n result(s)", "", b.count)
                                  .replace("%1", shown(b)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
