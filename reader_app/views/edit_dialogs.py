"""Small dialogs of the article list: tags for a selection, and an article's metadata
(title, date, source, language). Tags are typed in the sidebar's ``TagInput``
(reader_app/views/tag_dialogs.py), the one place tags are typed.

They are opened with ``open()`` (window-modal, never a nested event loop) and hand their
answer back through signals, so the window's workers keep running while they show and
tests can fill them in like a person would.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from index.models import Article
from reader_app.i18n import translate as _tr
from reader_app.views.tag_dialogs import TagInput


class TagsDialog(QDialog):
    """Add one or more tags to the selected articles."""

    def __init__(self, count: int, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagsDialog")
        self.setWindowTitle(_tr("Tags"))
        self.input = TagInput(self, names)
        self.input.setObjectName("tagInput")
        self.input.setAccessibleName(_tr("Tags to add"))
        label = QLabel(_tr("Add tags to %n article(s):", "", count), self)
        label.setBuddy(self.input)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_tr("Add tags"))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.input)
        layout.addWidget(buttons)
        self.resize(380, self.sizeHint().height())

    def tags(self) -> list[str]:
        return self.input.tags()

    def _accept(self) -> None:
        if self.tags():
            self.accept()


class EditMetadataDialog(QDialog):
    """Title, date, source and language of one article.

    OK emits ``submitted`` with the changed fields only; the window writes them and
    closes the dialog when the library took them, or shows why not (``show_error``).
    """

    submitted = Signal(dict)  # field -> new value ("" clears it)

    FIELDS = (("title", QT_TRANSLATE_NOOP("", "Title")),
              ("date", QT_TRANSLATE_NOOP("", "Date")),
              ("source", QT_TRANSLATE_NOOP("", "Source")),
              ("lang", QT_TRANSLATE_NOOP("", "Language")))

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editMetadataDialog")
        self.setWindowTitle(_tr("Edit metadata"))
        self.article_id = article.id
        self._old = {"title": article.title, "date": (article.date or "")[:10],
                     "source": article.source or "", "lang": article.lang or ""}
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in self.FIELDS:
            edit = QLineEdit(self._old[key], self)
            edit.setObjectName(f"edit_{key}")
            edit.setAccessibleName(_tr(label))
            form.addRow(_tr(label), edit)
            self.edits[key] = edit
        self.edits["date"].setPlaceholderText(_tr("YYYY-MM-DD"))
        self.edits["lang"].setPlaceholderText(_tr("fr, en, …"))
        self.error = QLabel(self)
        self.error.setObjectName("editError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def changes(self) -> dict[str, str]:
        return {key: " ".join(edit.text().split()) for key, edit in self.edits.items()
                if " ".join(edit.text().split()) != self._old[key]}

    def _submit(self) -> None:
        changes = self.changes()
        if not changes:
            self.accept()
            return
        self.error.hide()
        self.save_button.setEnabled(False)
        self.submitted.emit(changes)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.save_button.setEnabled(True)
