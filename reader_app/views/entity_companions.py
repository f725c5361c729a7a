"""Beside an entity in the browser: who and what it is seen with, and the network of the
current results."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from index.cooccurrence import Companion
from reader_app.i18n import entity_type_name
from reader_app.i18n import translate as _tr

CompanionRole = Qt.ItemDataRole.UserRole + 31


class CompanionList(QWidget):
    """The entities most often in the same articles; activating one asks to filter the
    search by both (the selected entity and this one)."""

    filterBoth = Signal(str, str)  # the selected entity's name, the companion's

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel(_tr("Select an entity to see who and what it is seen with."), self)
        self.hint.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.list = QListView(self)
        self.list.setObjectName("entityCompanions")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setToolTip(_tr("Double-click or press Enter: search the articles where "
                                 "both appear"))
        self.list.setAccessibleName(_tr("Entities seen with the selected entity"))
        self.list.activated.connect(self._activated)
        self.list.doubleClicked.connect(self._activated)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.hint)
        box.addWidget(self.list, 1)
        self.entity_name = ""

    def set_companions(self, name: str, companions: list[Companion]) -> None:
        self.entity_name = name
        self.model.clear()
        for c in companions:
            item = QStandardItem(_tr("{0} — {1}, %n article(s) together", "", c.articles)
                                 .format(c.name, entity_type_name(c.label)))
            item.setData(c.name, CompanionRole)
            self.model.appendRow(item)
        self.hint.setText(_tr("Seen with {0}, in the most articles first:").format(name)
                          if companions else _tr("{0} is seen with no other entity.")
                          .format(name))

    def clear(self) -> None:
        self.entity_name = ""
        self.model.clear()
        self.hint.setText(_tr("Select an entity to see who and what it is seen with."))

    def _activated(self, index: QModelIndex) -> None:
        other = index.data(CompanionRole)
        if other and self.entity_name:
            self.filterBoth.emit(self.entity_name, str(other))
