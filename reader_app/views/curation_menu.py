"""The curation context menu shared by the sidebar and the entity browser, and its
merge picker. Dialogs only ask; the :class:`EntityCurator` does the writing."""

from __future__ import annotations

import threading
import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from index.models import ENTITY_TYPES, EntityInfo
from reader_app.entity_curation import EntityCurator, EntityRef
from reader_app.i18n import entity_type_name
from reader_app.i18n import translate as _tr
from reader_app.theme import entity_colours
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from index.library import Library

EntityIdRole = Qt.ItemDataRole.UserRole + 20
FoldedNameRole = Qt.ItemDataRole.UserRole + 21


def fold(text: str) -> str:
    """Case- and accent-free, so typing "etats" finds "États"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def add_curation_actions(
    menu: QMenu,
    ref: EntityRef,
    label: str,
    name: str,
    curator: EntityCurator,
    pick_merge_target: MergePicker,
    hidden: bool = False,
) -> None:
    """Rename…, Change type ▸, Merge into…, Hide / Show again."""
    parent = menu.parentWidget()
    menu.addAction(_tr("Rename…"), lambda: _ask_rename(parent, ref, name, curator))
    types = menu.addMenu(_tr("Change type"))
    for kind in ENTITY_TYPES:
        action = types.addAction(entity_type_name(kind),
                                 lambda k=kind: curator.retype(ref, k))  # type: ignore[misc]
        action.setCheckable(True)
        action.setChecked(kind == label)
        action.setEnabled(kind != label)
    menu.addAction(_tr("Merge into…"), lambda: pick_merge_target.pick(ref, label, name))
    if hidden:
        menu.addAction(_tr("Show again"), lambda: curator.hide(ref, False))
    else:
        hide = menu.addAction(_tr("Hide (wrong entity)"), lambda: curator.hide(ref, True))
        hide.setToolTip(_tr("Not a real entity: remove it from the sidebar, highlights and "
                            "filters"))


def _ask_rename(parent: QWidget | None, ref: EntityRef, name: str, curator: EntityCurator) -> None:
    text, ok = QInputDialog.getText(
        parent, _tr("Rename entity"), _tr("New name for “{0}”:").format(name),
        QLineEdit.EchoMode.Normal, name
    )
    if ok and text.strip() and text.strip() != name:
        curator.rename(ref, text.strip())


class MergeDialog(QDialog):
    """Pick the entity another one folds into: a searchable list of the library's."""

    loaded = Signal(int)  # number of candidates listed

    def __init__(self, source_label: str, source_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_tr("Merge entity"))
        self.source = (source_label, source_name)
        self.items = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.items)
        self.proxy.setFilterRole(FoldedNameRole)  # the name only, not "— Organisation"
        self.filter = QLineEdit(self)
        self.filter.setObjectName("mergeFilter")
        self.filter.setPlaceholderText(_tr("Type part of a name…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.list = QListView(self)
        self.list.setObjectName("mergeTargets")
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        prompt = _tr("Merge “{0}” into (the one you pick keeps its name):").format(source_name)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(380, 420)

    def set_entities(self, entities: list[EntityInfo]) -> None:
        self.items.clear()
        for info in entities:
            if (info.label, info.name) == self.source:
                continue
            item = QStandardItem(_tr("{0} — {1}, %n article(s)", "", info.article_count).format(
                info.name, entity_type_name(info.label)))
            item.setData(info.id, EntityIdRole)
            item.setData(fold(info.name), FoldedNameRole)
            item.setToolTip(info.name)
            item.setData(QColor(entity_colours(info.label)[0]), Qt.ItemDataRole.DecorationRole)
            self.items.appendRow(item)
        self._filter(self.filter.text())
        self.loaded.emit(self.items.rowCount())

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(fold(text))
        if self.proxy.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def target_id(self) -> int | None:
        index = self.list.currentIndex()
        value = index.data(EntityIdRole) if index.isValid() else None
        return int(value) if value is not None else None


class MergePicker:
    """Opens a :class:`MergeDialog` (non-blocking) and merges when the person picks."""

    def __init__(
        self, library: Library, readers: TaskRunner, curator: EntityCurator, parent: QWidget
    ) -> None:
        self._library = library
        self._readers = readers
        self._curator = curator
        self._parent = parent
        self.dialog: MergeDialog | None = None

    def pick(self, ref: EntityRef, label: str, name: str) -> MergeDialog:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        dialog = MergeDialog(label, name, self._parent)
        self.dialog = dialog
        lib = self._library

        def job(_p: ProgressFn, _c: threading.Event) -> list[EntityInfo]:
            return lib.entities(sort="name")

        self._readers.start(job, lambda rows: self._loaded(dialog, rows))
        dialog.accepted.connect(lambda: self._chosen(dialog, ref))
        dialog.open()
        return dialog

    def _loaded(self, dialog: MergeDialog, rows: list[EntityInfo]) -> None:
        if dialog is self.dialog:
            dialog.set_entities(rows)

    def _chosen(self, dialog: MergeDialog, ref: EntityRef) -> None:
        target = dialog.target_id()
        if target is not None:
            self._curator.merge(ref, target)

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
