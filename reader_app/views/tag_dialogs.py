"""Typing tags, and the dialogs that rename, merge, colour and delete one.

``TagInput`` is the one place tags are typed (the sidebar's dialogs, the article list's
"Tag…", the article pane): several names separated by commas, each completed from the
tags the library already has, so "Mali" is not typed a second time as "mali ".
The ``ask_*`` functions open a modal dialog and return the person's answer, or None.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from index.store import fold_text
from reader_app.i18n import translate as _tr

_POPUP_KEYS = (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab,
               Qt.Key.Key_Backtab)


def split_tags(text: str) -> list[str]:
    """Names typed with commas between them, spaces squeezed, each name once (case and
    accents ignored, as the library matches tags)."""
    out: list[str] = []
    seen: set[str] = set()
    for part in text.split(","):
        name = " ".join(part.split())
        if name and fold_text(name) not in seen:
            seen.add(fold_text(name))
            out.append(name)
    return out


class TagInput(QLineEdit):
    """A line for one or several comma-separated tags, completing the name being typed.

    ``set_tag_names`` gives the existing tags (e.g. from ``Library.tags()``); ``tags()``
    returns what was typed, cleaned. With ``single=True`` commas are not special.
    """

    def __init__(self, parent: QWidget | None = None, names: Iterable[str] = (),
                 single: bool = False) -> None:
        super().__init__(parent)
        self.single = single
        self._names = QStringListModel(self)
        self.completer_ = QCompleter(self._names, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._insert_completion)
        self.textEdited.connect(self._update_completion)
        self.setPlaceholderText(_tr("Tag name") if single else
                                _tr("Tags, separated by commas"))
        self.setAccessibleName(_tr("Tag") if single else _tr("Tags"))
        self.set_tag_names(names)

    def set_tag_names(self, names: Iterable[str]) -> None:
        self._names.setStringList(sorted(set(names), key=fold_text))

    def tag_names(self) -> list[str]:
        return list(self._names.stringList())

    def tags(self) -> list[str]:
        if self.single:
            name = " ".join(self.text().split())
            return [name] if name else []
        return split_tags(self.text())

    def current_word(self) -> str:
        """The name being typed: the text after the last comma."""
        text = self.text()[: self.cursorPosition()]
        return text if self.single else text.rsplit(",", 1)[-1].lstrip()

    def _popup(self) -> QAbstractItemView:
        popup = self.completer_.popup()
        assert popup is not None  # a QCompleter always has its list
        return popup

    def _update_completion(self, _text: str = "") -> None:
        word = self.current_word()
        if not word.strip():
            self._popup().hide()
            return
        self.completer_.setCompletionPrefix(word)
        if self.completer_.completionCount():
            rect = self.cursorRect()
            rect.setWidth(max(200, self._popup().sizeHintForColumn(0) + 24))
            self.completer_.complete(rect)
        else:
            self._popup().hide()

    def _insert_completion(self, name: str) -> None:
        """Replace the word being typed by the chosen tag (and keep the others)."""
        if self.single:
            self.setText(name)
            return
        pos = self.cursorPosition()
        head, tail = self.text()[:pos], self.text()[pos:]
        before = head.rsplit(",", 1)[0] + ", " if "," in head else ""
        text = before + name + ", "
        self.setText(text + tail.lstrip(", "))
        self.setCursorPosition(len(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys that choose in the open completion list are the list's (as in Qt's
        custom completer example)."""
        if self._popup().isVisible() and event.key() in _POPUP_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)


class NameDialog(QDialog):
    """Asks for a name; says when it is taken, and either refuses it or explains what
    taking it does (renaming a tag onto another merges them)."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, initial: str,
                 taken: Sequence[str] = (), taken_note: str = "", refuse_taken: bool = False,
                 completion: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._taken = {fold_text(n): n for n in taken}
        self._initial = fold_text(initial)
        self._taken_note = taken_note
        self._refuse = refuse_taken
        self.edit = TagInput(self, completion, single=True) if completion else QLineEdit(self)
        self.edit.setText(initial)
        self.edit.selectAll()
        self.edit.setAccessibleName(prompt)
        self.note = QLabel(self)
        self.note.setObjectName("nameNote")
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        label = QLabel(prompt, self)
        label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        for widget in (label, self.edit, self.note, self.buttons):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self._check)
        self._check()
        self.resize(380, self.sizeHint().height())

    def name(self) -> str:
        return " ".join(self.edit.text().split())

    def _check(self, _text: str = "") -> None:
        name = self.name()
        folded = fold_text(name)
        taken = folded in self._taken and folded != self._initial
        ok = bool(name) and len(name) <= 200 and not (taken and self._refuse)
        if taken:
            self.note.setText(self._taken_note.format(name=self._taken[folded]))
        elif len(name) > 200:
            self.note.setText(_tr("A name is limited to 200 characters."))
        self.note.setVisible(taken or len(name) > 200)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def ask_tag_rename(parent: QWidget | None, old: str, names: Sequence[str]) -> str | None:
    """The new name of tag ``old``; renaming onto another tag merges them (said so)."""
    dialog = NameDialog(
        parent, _tr("Rename tag"), _tr("New name of the tag “{0}”:").format(old), old,
        taken=names, taken_note=_tr("A tag “{name}” exists: the two tags will be merged."))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name = dialog.name()
    return name if name and name != old else None


def ask_tag_merge(parent: QWidget | None, source: str, names: Sequence[str]) -> str | None:
    """The tag that ``source`` is merged into (it must exist)."""
    others = [n for n in names if fold_text(n) != fold_text(source)]
    dialog = NameDialog(
        parent, _tr("Merge tag"),
        _tr("Merge “{0}” into the tag:").format(source), "", completion=others)
    known = {fold_text(n): n for n in others}
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def check(_text: str = "") -> None:
        found = known.get(fold_text(dialog.name()))
        ok.setEnabled(found is not None)
        dialog.note.setText(_tr("Its articles get “{0}”; “{1}” goes.").format(found, source)
                            if found else _tr("Choose one of the existing tags."))
        dialog.note.setVisible(bool(dialog.name()))

    dialog.edit.textChanged.connect(check)
    check()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return known.get(fold_text(dialog.name()))


def confirm_tag_merge(parent: QWidget | None, source: str, target: str, count: int) -> bool:
    text = _tr("Merge the tag “{0}” into “{1}”? Its %n article(s) get “{1}”.", "",
        count).format(source, target)
    answer = QMessageBox.question(parent, _tr("Merge tags"), text)
    return answer == QMessageBox.StandardButton.Yes


def confirm_tag_delete(parent: QWidget | None, name: str, count: int) -> bool:
    text = _tr("Delete the tag “{0}”? It is taken off %n article(s); the articles "
        "stay in the library.", "", count).format(name)
    answer = QMessageBox.question(parent, _tr("Delete tag"), text)
    return answer == QMessageBox.StandardButton.Yes


def ask_tag_color(parent: QWidget | None, name: str, current: str | None) -> str | None:
    """A colour as ``#rrggbb``, or None when the person cancelled."""
    initial = QColor(current) if current else QColor()
    colour = QColorDialog.getColor(initial, parent, _tr("Colour of the tag “{0}”").format(name))
    return colour.name() if colour.isValid() else None
