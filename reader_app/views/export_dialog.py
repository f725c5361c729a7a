"""File > Export…: which articles (these results, the selection, a tag, a dossier), in
which format (CSV, Markdown, JSON Lines, PDF), to which file; then progress and Cancel.

The dialog only asks and shows; reader_app/export_controller.py runs the export on a
worker and reports back through ``set_progress`` / ``finish`` / ``fail``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader_app.i18n import translate as _tr

FORMATS = (
    ("csv", QT_TRANSLATE_NOOP("", "CSV, for spreadsheets")),
    ("md", QT_TRANSLATE_NOOP("", "Markdown brief")),
    ("jsonl", QT_TRANSLATE_NOOP("", "JSON Lines (re-importable)")),
    ("pdf", QT_TRANSLATE_NOOP("", "PDF brief")),
)
SCOPES = ("results", "selection", "tag", "dossier")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class ExportChoice:
    scope: str  # one of SCOPES
    name: str  # the tag or dossier; "" otherwise
    fmt: str  # csv, md, jsonl, pdf
    out: Path


def file_stem(scope: str, name: str, query: str) -> str:
    """veille-tag-sahel, veille-dossier-rapport-mali, veille-search-alliance..."""
    words = {"tag": name, "dossier": name, "results": query}.get(scope, "")
    slug = _UNSAFE.sub("-", words.strip().casefold()).strip("-.")[:40]
    prefix = {"results": "search"}.get(scope, scope)
    return f"veille-{prefix}-{slug}" if slug else f"veille-{prefix}"


class ExportDialog(QDialog):
    exportRequested = Signal(object)  # ExportChoice
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None, results: int, selected: int,
                 tags: Sequence[tuple[str, int]], dossiers: Sequence[tuple[str, int]],
                 query: str = "", folder: Path | None = None, current: tuple[str, str] = ("", "")
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(_tr("Export articles"))
        self.query = query
        self.folder = folder or Path.home()
        self.running = False
        self._build(results, selected, tags, dossiers)
        self._pick_default(selected, current)
        self._update_path()

    # --- building -------------------------------------------------------------------
    def _build(self, results: int, selected: int, tags: Sequence[tuple[str, int]],
               dossiers: Sequence[tuple[str, int]]) -> None:
        box = self._scope_box(results, selected, tags, dossiers)
        form = self._file_form()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setAccessibleName(_tr("Export progress"))
        self.progress.hide()
        self.message = QLabel("", self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(_tr("&Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.scopes.idToggled.connect(lambda _i, _on: self._update_path())
        self.tag_combo.currentIndexChanged.connect(lambda _i: self._combo_used("tag"))
        self.dossier_combo.currentIndexChanged.connect(lambda _i: self._combo_used("dossier"))
        self.format.currentIndexChanged.connect(lambda _i: self._update_path())
        self.browse.clicked.connect(self._browse)
        self.export_button.clicked.connect(self._export_clicked)
        self.close_button.clicked.connect(self._close_clicked)
        self.resize(520, 0)

    def _scope_box(self, results: int, selected: int, tags: Sequence[tuple[str, int]],
                   dossiers: Sequence[tuple[str, int]]) -> QGroupBox:
        box = QGroupBox(_tr("Articles"), self)
        grid = QGridLayout(box)
        self.scopes = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        texts = {
            "results": _tr("These results (%n article(s))", "", results),
            "selection": _tr("The selected articles (%n)", "", selected),
            "tag": _tr("Articles tagged"), "dossier": _tr("The dossier"),
        }
        self.tag_combo = self._combo(tags, _tr("Tag to export"))
        self.dossier_combo = self._combo(dossiers, _tr("Dossier to export"))
        for row, scope in enumerate(SCOPES):
            button = QRadioButton(texts[scope], box)
            button.setObjectName(f"scope-{scope}")
            self.scopes.addButton(button, row)
            self.scope_buttons[scope] = button
            grid.addWidget(button, row, 0)
        grid.addWidget(self.tag_combo, 2, 1)
        grid.addWidget(self.dossier_combo, 3, 1)
        grid.setColumnStretch(1, 1)
        available = {"results": results > 0, "selection": selected > 0, "tag": bool(tags),
                     "dossier": bool(dossiers)}
        for scope, button in self.scope_buttons.items():
            button.setEnabled(available[scope])
        self._available = available
        return box

    def _file_form(self) -> QFormLayout:
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        self.format.setAccessibleName(_tr("Export format"))
        for fmt, text in FORMATS:
            self.format.addItem(_tr(str(text)), fmt)
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        self.path.setAccessibleName(_tr("File to write"))
        self.browse = QPushButton(_tr("Choose…"), self)
        self.browse.setAccessibleName(_tr("Choose the file to write"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(_tr("&Format:"), self.format)
        form.addRow(_tr("F&ile:"), file_row)
        return form

    def _combo(self, items: Sequence[tuple[str, int]], name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for value, count in items:
            combo.addItem(f"{value} ({count})", value)
        combo.setEnabled(bool(items))
        return combo

    def _pick_default(self, selected: int, current: tuple[str, str]) -> None:
        """The open tag or dossier of the sidebar, else the selection when several
        articles are selected, else these results."""
        kind, name = current
        combo = {"tag": self.tag_combo, "dossier": self.dossier_combo}.get(kind)
        if combo is not None and combo.findData(name) >= 0:
            combo.setCurrentIndex(combo.findData(name))
            self.scope_buttons[kind].setChecked(True)
        elif selected > 1:
            self.scope_buttons["selection"].setChecked(True)
        else:
            first = next((b for b in self.scope_buttons.values() if b.isEnabled()), None)
            if first is not None:
                first.setChecked(True)
        self.export_button.setEnabled(self.scopes.checkedButton() is not None)

    # --- choices ----------------------------------------------------------------------
    def scope(self) -> str:
        checked = self.scopes.checkedId()
        return SCOPES[checked] if checked >= 0 else ""

    def choice(self) -> ExportChoice:
        scope = self.scope()
        name = {"tag": self.tag_combo, "dossier": self.dossier_combo}.get(scope)
        fmt = str(self.format.currentData())
        out = Path(self.path.text().strip()).expanduser()
        if out.suffix.lower() != f".{fmt}":
            out = out.with_name(out.name + f".{fmt}") if out.name else out
        return ExportChoice(scope, str(name.currentData()) if name is not None else "", fmt, out)

    def set_format(self, fmt: str) -> None:
        self.format.setCurrentIndex(max(0, self.format.findData(fmt)))

    def _combo_used(self, scope: str) -> None:
        self.scope_buttons[scope].setChecked(True)
        self._update_path()

    def _update_path(self) -> None:
        """Follow the scope and format while the person has not typed a file name."""
        if self.path.isModified():
            current = Path(self.path.text().strip())
            fmt = str(self.format.currentData())
            if current.suffix.lower().lstrip(".") in {f for f, _t in FORMATS}:
                self.path.setText(str(current.with_suffix(f".{fmt}")))
            return
        scope = self.scope()
        name = {"tag": self.tag_combo, "dossier": self.dossier_combo}.get(scope)
        stem = file_stem(scope, str(name.currentData() or "") if name else "", self.query)
        self.path.setText(str(self.folder / f"{stem}.{self.format.currentData()}"))

    def _browse(self) -> None:
        fmt = str(self.format.currentData())
        path, _chosen = QFileDialog.getSaveFileName(
            self, _tr("Export to"), self.path.text(), f"*.{fmt}")
        if path:
            self.path.setText(path)
            self.path.setModified(True)

    # --- running ----------------------------------------------------------------------
    def _export_clicked(self) -> None:
        choice = self.choice()
        if not choice.scope:
            self.fail(_tr("Choose which articles to export."))
            return
        if not choice.out.name or not choice.out.parent.is_dir():
            self.fail(_tr("Choose a file in an existing folder."))
            return
        self.exportRequested.emit(choice)

    def _close_clicked(self) -> None:
        if self.running:
            self.cancelRequested.emit()
        else:
            self.reject()

    def set_running(self, total: int) -> None:
        self.running = True
        for widget in (self.export_button, self.format, self.path, self.browse):
            widget.setEnabled(False)
        for button in self.scope_buttons.values():
            button.setEnabled(False)
        self.close_button.setText(_tr("Cancel"))
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(_tr("Exporting %n article(s)…", "", total))

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def finish(self, text: str) -> None:
        self.running = False
        self.progress.setValue(self.progress.maximum())
        self.message.setText(text)
        self.close_button.setText(_tr("Close"))

    def fail(self, text: str) -> None:
        self.running = False
        self.progress.hide()
        self.message.setText(text)
        self.close_button.setText(_tr("Close"))
        self.export_button.setEnabled(True)
        for widget in (self.format, self.path, self.browse):
            widget.setEnabled(True)
        for scope, button in self.scope_buttons.items():
            button.setEnabled(self._available[scope])
