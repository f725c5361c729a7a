"""A small drawing of which entities of the current results meet, and how often.

The entities sit on a circle (most present at the top, clockwise), each a dot in its
type's colour sized by the articles it is in; a line joins two that share articles, as
thick as they share. Clicking a dot emits its entity. Painted, not a scene graph: a
dozen nodes need no more.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from index.cooccurrence import Network
from reader_app.i18n import translate as _tr
from reader_app.theme import colour, entity_colours

MIN_RADIUS, MAX_RADIUS = 6.0, 16.0
EDGES_DRAWN = 18  # the strongest links only: every pair of a dozen would be a grey disc


class EntityNetwork(QWidget):
    entityClicked = Signal(int)  # entity id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityNetwork")
        self.setMinimumSize(260, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.network = Network((), ())
        self._spots: list[tuple[int, QPointF, float]] = []

    def set_network(self, network: Network) -> None:
        self.network = network
        names = ", ".join(f"{n.name} ({n.articles})" for n in network.nodes[:5])
        self.setToolTip(_tr("Entities of the current results and how often they meet: {0}")
                        .format(names) if names else "")
        self.update()

    def positions(self) -> list[tuple[int, QPointF, float]]:
        """(entity id, centre, radius) of each dot, for the current size."""
        nodes = self.network.nodes
        if not nodes:
            return []
        area = QRectF(self.rect()).adjusted(70, 24, -70, -24)
        ring = max(10.0, min(area.width(), area.height()) / 2)
        most = max(n.articles for n in nodes)
        spots = []
        for i, node in enumerate(nodes):
            angle = -math.pi / 2 + 2 * math.pi * i / len(nodes)
            centre = QPointF(area.center().x() + ring * math.cos(angle),
                             area.center().y() + ring * math.sin(angle))
            size = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * node.articles / most
            spots.append((node.entity_id, centre, size))
        return spots

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._spots = self.positions()
        if not self._spots:
            painter.setPen(QColor(colour("muted")))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             _tr("No entities in the current results"))
            return
        where = {eid: centre for eid, centre, _r in self._spots}
        strongest = max((n for _a, _b, n in self.network.edges), default=1)
        line = QColor(colour("border_strong"))
        for a, b, n in self.network.edges[:EDGES_DRAWN]:
            pen = QPen(line, 1 + 4 * n / strongest)
            painter.setPen(pen)
            painter.drawLine(where[a], where[b])
        for node, (_eid, centre, radius) in zip(self.network.nodes, self._spots, strict=True):
            fill, strong = entity_colours(node.label)
            painter.setPen(QPen(QColor(strong), 2))
            painter.setBrush(QColor(fill))
            painter.drawEllipse(centre, radius, radius)
            painter.setPen(QColor(colour("text")))
            label = QRectF(centre.x() - 70, centre.y() + radius + 1, 140, 18)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             painter.fontMetrics().elidedText(
                                 node.name, Qt.TextElideMode.ElideRight, 140))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        for entity_id, centre, radius in self._spots or self.positions():
            if math.hypot(point.x() - centre.x(), point.y() - centre.y()) <= radius + 3:
                self.entityClicked.emit(entity_id)
                return
        super().mousePressEvent(event)
