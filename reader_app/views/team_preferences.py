"""Preferences > Team server: the archive's address and the person's name on the team.

Saved when the field is left (like every preference, no OK button). A password typed in
the address is handed to ``credentials.remember`` on a worker (the keyring may be slow)
and taken out of the field before anything is saved: QSettings never holds it.
"""

from __future__ import annotations

import getpass
import os
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from index.sync import ENV_REMOTE
from index.sync.credentials import is_url, remember, without_password
from reader_app.team_settings import (
    AUTHOR_KEY,
    SERVER_KEY,
    shown_server,
    stored_server,
)
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class TeamSection(QGroupBox):
    """The "Team server" group of the Preferences dialog."""

    serverChanged = Signal(str)  # the saved URL (without password), "" when cleared
    passwordKept = Signal()  # the typed password is stored outside the preferences

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Team server"), parent)
        self.setObjectName("teamSection")
        self.window_ = window
        self.settings = window.settings
        form = QFormLayout(self)
        self.server = QLineEdit(self)
        self.server.setObjectName("teamServer")
        self.server.setPlaceholderText("postgresql://user@host/database")
        self.server.setClearButtonEnabled(True)
        form.addRow(self.tr("Server a&ddress:"), self.server)
        self.problem = QLabel("", self)
        self.problem.setObjectName("teamServerProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form.addRow(self.problem)
        self.author = QLineEdit(self)
        self.author.setObjectName("teamAuthor")
        self.author.setPlaceholderText(_login())
        form.addRow(self.tr("Your &name on the team:"), self.author)
        form.addRow(self._note(self._note_text()))
        self.server.setAccessibleName(self.tr("Team server address"))
        self.author.setAccessibleName(self.tr("Your name on the team"))
        self.server.setText(stored_server(self.settings))
        author = self.settings.value(AUTHOR_KEY, "")
        self.author.setText(author if isinstance(author, str) else "")
        self.server.editingFinished.connect(self.save_server)
        self.author.editingFinished.connect(self._save_author)
        team = getattr(window, "team_sync", None)  # reader_app/sync_controller.py
        if team is not None:
            self.serverChanged.connect(team.server_changed)

    def _note(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("preferencesNote")
        label.setWordWrap(True)
        return label

    def _note_text(self) -> str:
        text = self.tr(
            "File > Sync with team server sends your articles and work and brings back "
            "everyone else's. A password typed in the address is kept in the system keyring "
            "(or a private file), never in the preferences. Your changes carry your name.")
        env = os.environ.get(ENV_REMOTE, "").strip()
        if env and is_url(env):
            text += " " + self.tr("With no address here, {0} is used ({1}).").format(
                ENV_REMOTE, shown_server(env))
        return text

    def focus_server(self) -> None:
        self.server.setFocus()
        self.server.selectAll()

    def save_server(self) -> None:
        text = self.server.text().strip()
        if text and not is_url(text):
            self.problem.setText(self.tr("Not saved: the address starts with postgresql:// "
                                         "(postgresql://user@host/database)."))
            self.problem.show()
            return
        self.problem.hide()
        plain = without_password(text)
        if plain != text:
            self.server.setText(plain)
            self._keep_password(text)
        if plain == stored_server(self.settings):
            return
        if plain:
            self.settings.setValue(SERVER_KEY, plain)
        else:
            self.settings.remove(SERVER_KEY)
        self.serverChanged.emit(plain)

    def _keep_password(self, url: str) -> None:
        def job(_p: ProgressFn, _c: threading.Event) -> str:
            return remember(url)

        def failed(message: str) -> None:
            self.problem.setText(self.tr("The password could not be kept: {0}").format(message))
            self.problem.show()

        self.window_.readers.start(job, lambda _u: self.passwordKept.emit(), failed)

    def _save_author(self) -> None:
        name = self.author.text().strip()
        if name:
            self.settings.setValue(AUTHOR_KEY, name)
        else:
            self.settings.remove(AUTHOR_KEY)
