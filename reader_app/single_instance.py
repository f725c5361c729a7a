"""One window per library: a second launch hands its files to the running window.

The running window listens on a local socket (``QLocalServer``) named from the library's
resolved path and the user, so two people on one machine, or two libraries of one person,
never meet. A second ``reader-app [--library DIR] FILE...`` connects, sends one JSON line
(the files, made absolute against its own working folder), waits for "ok" and exits 0;
the window comes to the front and imports the files. A socket left by a crashed window
answers nobody: it is removed and the new window listens in its place.

The client side imports only QtCore and QtNetwork and needs no QApplication, so a hand-over
costs a fraction of a window's start (``bench/single_instance_handover.py``).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 500  # a live window accepts at once; a stale socket refuses at once
ANSWER_MS = 15000  # a window still starting reads the message once its event loop runs
MAX_MESSAGE = 1 << 20
LOCK_MS = 5000  # two launches at once: the second waits for the first to listen
UNIX_PATH_MAX = 100  # sun_path is 108 bytes on Linux, 104 on macOS


class NoAnswer(Exception):
    """A window holds this library's socket but did not acknowledge the hand-over."""


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return "user"


def server_name(library: Path) -> str:
    """Per user and per library: a hash of the resolved path (no length or character
    trouble). On Unix a full path in the user's private runtime folder when there is one;
    Qt puts a bare name in the temporary folder, where the user id in it keeps it apart."""
    resolved = str(Path(library).expanduser().resolve())
    user = _user()
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()[:24]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform != "win32" and runtime and os.path.isdir(runtime):
        path = os.path.join(runtime, f"veille-{digest}")
        if len(path.encode()) <= UNIX_PATH_MAX:
            return path
    return f"veille-{user}-{digest}"


def encode(files: Sequence[Path | str]) -> bytes:
    paths = [os.path.abspath(os.fspath(f)) for f in files]
    return json.dumps({"files": paths}).encode("utf-8") + b"\n"


def decode(data: bytes) -> list[Path]:
    """The files of one message; an unreadable message carries none (it still raises)."""
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return []
    files = message.get("files", []) if isinstance(message, dict) else []
    return [Path(f) for f in files if isinstance(f, str) and f]


def hand_over(name: str, files: Sequence[Path | str]) -> bool:
    """Give ``files`` to the window listening on ``name``; False when none listens.

    Raises NoAnswer when one listens but does not acknowledge (a hung window).
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(encode(files))
    socket.flush()
    answer = b""
    while b"\n" not in answer:
        if not socket.waitForReadyRead(ANSWER_MS):
            socket.abort()
            raise NoAnswer(name)
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer.startswith(b"ok")


def _lock_path(name: str) -> str:
    folder = "" if os.path.isabs(name) else QDir.tempPath()
    return os.path.join(folder, name + ".lock")


def _answers(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    if not probe.waitForConnected(CONNECT_MS):
        return False
    probe.abort()
    return True


class InstanceServer(QObject):
    """The running window's side: ``filesReceived`` (a list of Paths, possibly empty:
    a bare second launch only asks for the window to come to the front).

    It listens before the library opens (a second launch during the start must find it),
    so what arrives before ``attach`` (a recovery dialog may run an event loop) is kept.
    """

    filesReceived = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._attached = False
        self._early: list[list[Path]] = []

    def attach(self, receiver: Callable[[list[Path]], None]) -> None:
        """Deliver hand-overs to ``receiver`` from now on, the early ones first."""
        self.filesReceived.connect(receiver)
        self._attached = True
        early, self._early = self._early, []
        for files in early:
            self.filesReceived.emit(files)

    def listen(self) -> bool:
        """Listen; False when another window already answers on this library.

        Qt binds a socket with access options in a private folder and renames it into
        place, which would silently take the name from a live window: so ask first, and
        hold a lock file between the question and the listening, against a launch that
        starts at the same moment. A socket nobody answers on was left by a crash."""
        lock = QLockFile(_lock_path(self.name))
        lock.setStaleLockTime(0)  # only a dead holder's lock is stale (Qt checks its pid)
        if not lock.tryLock(LOCK_MS):
            return False  # another launch is settling this library right now
        try:
            if _answers(self.name):
                return False
            QLocalServer.removeServer(self.name)
            return self.server.listen(self.name)
        finally:
            lock.unlock()

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                socket.abort()
            self._buffers[socket] = data
            return
        self._buffers[socket] = b""
        socket.write(b"ok\n")
        socket.flush()
        files = decode(data.split(b"\n", 1)[0])
        if self._attached:
            self.filesReceived.emit(files)
        else:
            self._early.append(files)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
