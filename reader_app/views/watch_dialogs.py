"""Saving the current search as a watch, loading a list of names, removing a watch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from index.models import SearchFilters
from index.store import fold_text
from reader_app.i18n import translate as _tr


def filters_summary(filters: SearchFilters | None) -> str:
    """The side filters in words, e.g. "from 2025-01-01 · source Le Monde"."""
    if filters is None:
        return ""
    parts = []
    if filters.date_from:
        parts.append(_tr("from {0}").format(filters.date_from))
    if filters.date_to:
        parts.append(_tr("to {0}").format(filters.date_to))
    if filters.sources:
        parts.append(_tr("source {0}").format(", ".join(filters.sources)))
    if filters.langs:
        parts.append(_tr("language {0}").format(", ".join(filters.langs)))
    if filters.entities:
        parts.append(_tr("mentioning {0}").format(", ".join(filters.entities)))
    return " · ".join(parts)


def default_watch_name(query: str, filters: SearchFilters | None) -> str:
    """The query itself (without quotes), else the filters: what the watch follows."""
    name = " ".join(query.replace('"', " ").split())
    return (name or filters_summary(filters))[:80]


class SaveWatchDialog(QDialog):
    """Name (defaults to the query) and query of a new watch; the filters are shown."""

    def __init__(self, parent: QWidget | None, query: str, filters: SearchFilters | None,
                 names: Sequence[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Save search as watch"))
        self.filters = filters
        self._taken = {fold_text(n) for n in names}
        self.name_edit = QLineEdit(default_watch_name(query, filters), self)
        self.name_edit.setAccessibleName(_tr("Name of the watch"))
        self.name_edit.selectAll()
        self.query_edit = QLineEdit(query, self)
        self.query_edit.setAccessibleName(_tr("Query of the watch"))
        summary = filters_summary(filters)
        self.filters_label = QLabel(summary or _tr("none"), self)
        self.filters_label.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        explain = QLabel(_tr("After every import, Veille counts the new articles this search "
                             "finds and shows them in the sidebar."), self)
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_tr("&Name:"), self.name_edit)
        form.addRow(_tr("&Query:"), self.query_edit)
        form.addRow(_tr("Filters:"), self.filters_label)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._check)
        self.query_edit.textChanged.connect(self._check)
        self._check()
        self.resize(440, self.sizeHint().height())

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def query(self) -> str:
        return self.query_edit.text().strip()

    def problem(self) -> str:
        """Why the watch cannot be saved as it stands, in one sentence; empty when it can."""
        name = self.name()
        if not name:
            return _tr("A watch needs a name.")
        if len(name) > 200:
            return _tr("A name is limited to 200 characters.")
        if fold_text(name) in self._taken:
            return _tr("There is already a watch with this name.")
        if not self.query() and self.filters is None:
            return _tr("A watch needs a query or filters.")
        return ""

    def _check(self, _text: str = "") -> None:
        problem = self.problem()
        self.note.setText(problem)
        self.note.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)


def ask_save_watch(parent: QWidget | None, query: str, filters: SearchFilters | None,
                   names: Sequence[str]) -> tuple[str, str] | None:
    """(name, query) of the watch to save, or None."""
    dialog = SaveWatchDialog(parent, query, filters, names)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name(), dialog.query()


def choose_watch_list(parent: QWidget | None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Load a list of names"), "",
        _tr("Lists of names (*.txt *.csv *.tsv);;All files (*)"))
    return Path(path) if path else None


def confirm_remove_watch(parent: QWidget | None, name: str) -> bool:
    text = _tr("Remove the watch “{0}”? The articles stay in the library.").format(name)
    answer = QMessageBox.question(parent, _tr("Remove watch"), text)
    return answer == QMessageBox.StandardButton.Yes
