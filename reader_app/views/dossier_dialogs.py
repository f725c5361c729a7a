"""Choosing, naming and deleting dossiers.

``choose_dossier(parent, names)`` is what "Add selection to dossier…" calls: a list of
the existing dossiers (filtered as one types) with "New dossier…" first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from index.store import fold_text
from reader_app.i18n import translate as _tr
from reader_app.views.tag_dialogs import NameDialog


class _KeepFirst(QSortFilterProxyModel):
    """Filters the dossiers as one types; "New dossier…" (row 0) always stays."""

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return row == 0 or super().filterAcceptsRow(row, parent)


class DossierChooser(QDialog):
    """Pick a dossier, or "New dossier…" and type its name."""

    def __init__(self, parent: QWidget | None, names: Sequence[str], count: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Add to dossier"))
        self._names = sorted(set(names), key=fold_text)
        self._model = QStringListModel([_tr("New dossier…"), *self._names], self)
        self._proxy = _KeepFirst(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(_tr("Find a dossier"))
        self.filter.setAccessibleName(_tr("Find a dossier"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListView(self)
        self.list.setModel(self._proxy)
        self.list.setAccessibleName(_tr("Dossiers"))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(_tr("Name of the new dossier"))
        self.new_name.setAccessibleName(_tr("Name of the new dossier"))
        self.note = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        heading = _tr("Add %n article(s) to:", "", count) if count else _tr("Add to:")
        layout = QVBoxLayout(self)
        for widget in (QLabel(heading, self), self.filter, self.list, self.new_name,
                       self.note, self.buttons):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._filter)
        self.list.selectionModel().currentChanged.connect(lambda _c, _p: self._check())
        self.list.doubleClicked.connect(lambda _i: self.accept() if self._ok() else None)
        self.new_name.textChanged.connect(lambda _t: self._check())
        self.list.setCurrentIndex(self._proxy.index(1 if self._names else 0, 0))
        self._check()
        self.resize(360, 380)

    def _filter(self, text: str) -> None:
        self._proxy.setFilterFixedString(text)
        rows = self._proxy.rowCount()
        self.list.setCurrentIndex(self._proxy.index(1 if rows > 1 else 0, 0))
        if rows <= 1:  # nothing found: the typed words are the new dossier's name
            self.new_name.setText(text)

    def is_new(self) -> bool:
        index = self.list.currentIndex()
        return not index.isValid() or self._source_row(index) == 0

    def _source_row(self, index: QModelIndex) -> int:
        return self._proxy.mapToSource(index).row()

    def name(self) -> str:
        if self.is_new():
            return " ".join(self.new_name.text().split())
        return self._names[self._source_row(self.list.currentIndex()) - 1]

    def choose(self, name: str) -> None:
        """Select an existing dossier by name, or "New dossier…" with that name."""
        found = {fold_text(n): i for i, n in enumerate(self._names)}
        row = found.get(fold_text(name))
        self.filter.clear()
        if row is None:
            self.list.setCurrentIndex(self._proxy.index(0, 0))
            self.new_name.setText(name)
        else:
            self.list.setCurrentIndex(self._proxy.index(row + 1, 0))

    def _ok(self) -> bool:
        name = self.name()
        return bool(name) and len(name) <= 200

    def _check(self) -> None:
        new = self.is_new()
        self.new_name.setVisible(new)
        if new and fold_text(self.name()) in {fold_text(n) for n in self._names}:
            self.note.setText(_tr("That dossier exists: the articles are added to it."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._ok())
        if new:
            self.new_name.setFocus()


def choose_dossier(parent: QWidget | None, library_names: Sequence[str],
                   count: int = 0) -> str | None:
    """The dossier to add ``count`` articles to (an existing one, or a new name)."""
    dialog = DossierChooser(parent, library_names, count)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name() or None


def ask_new_dossier(parent: QWidget | None, names: Sequence[str]) -> str | None:
    dialog = NameDialog(parent, _tr("New dossier"), _tr("Name of the new dossier:"), "",
                        taken=names, taken_note=_tr("There is already a dossier “{name}”."),
                        refuse_taken=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name() or None


def ask_dossier_rename(parent: QWidget | None, old: str, names: Sequence[str]) -> str | None:
    dialog = NameDialog(parent, _tr("Rename dossier"),
                        _tr("New name of the dossier “{0}”:").format(old), old, taken=names,
                        taken_note=_tr("There is already a dossier “{name}”."),
                        refuse_taken=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name = dialog.name()
    return name if name and name != old else None


def confirm_dossier_delete(parent: QWidget | None, name: str, count: int) -> bool:
    text = _tr("Delete the dossier “{0}”? Its %n article(s) stay in the library; "
        "their order in the dossier is lost.", "", count).format(name)
    answer = QMessageBox.question(parent, _tr("Delete dossier"), text)
    return answer == QMessageBox.StandardButton.Yes
