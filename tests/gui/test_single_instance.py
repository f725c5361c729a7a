"""One window per library, with real processes: ``reader-app --library DIR FILE`` beside an
open window hands the file over and exits 0, and the window imports it; a window killed
outright leaves its socket behind, and the next launch takes its place."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader_app.single_instance import server_name

START_SECONDS = 60  # a window's start on a loaded two-core machine (spaCy loads later)


@pytest.fixture
def env(tmp_path: Path, monkeypatch) -> dict[str, str]:
    """Every per-user folder below the test's (settings, index key, logs, socket)."""
    runtime = Path(os.environ.get("TMPDIR", "/tmp")) / f"vs{os.getpid()}"
    runtime.mkdir(mode=0o700, exist_ok=True)
    values = {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("VEILLE_LIBRARY", raising=False)
    yield dict(os.environ)
    for leftover in runtime.iterdir():
        leftover.unlink()
    runtime.rmdir()


def launch(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reader_app", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def article_count(library: Path) -> int:
    try:
        with sqlite3.connect(f"file:{library / 'library.sqlite3'}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def wait_until(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def listening(name: str) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    probe = QLocalSocket()
    probe.connectToServer(name)
    if probe.waitForConnected(200):
        probe.abort()
        return True
    return False


@pytest.fixture
def windows() -> Iterator[list[subprocess.Popen]]:
    """Windows started by a test: ended (SIGTERM, then SIGKILL) whatever happens."""
    started: list[subprocess.Popen] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def write_article(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_second_launch_hands_over_and_a_crashed_window_is_replaced(
    env: dict[str, str], tmp_path: Path, windows: list[subprocess.Popen]
) -> None:
    library = tmp_path / "lib"
    inbox = tmp_path / "inbox"
    first_file = write_article(inbox, "camara.txt", " date 2025-08-14 Sadio Camara a reçu à "
                               "Bamako une délégation de l'Alliance des États du Sahel.\n")
    second_file = write_article(inbox, "dakar.txt", " date 2025-09-02 Fishermen in Dakar say "
                                "catches have fallen sharply this season.\n")
    name = server_name(library)

    first = launch(env, "--library", str(library))
    windows.append(first)
    wait_until(lambda: listening(name) or first.poll() is not None, START_SECONDS, "window")
    assert first.poll() is None, first.communicate()

    second = launch(env, "--library", str(library), str(first_file))
    _out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    wait_until(lambda: article_count(library) == 1, 60, "the window to import the file")

    first.kill()  # a crash: the socket file stays, nobody answers on it
    first.wait(10)
    assert not listening(name)

    replacement = launch(env, "--library", str(library))
    windows.append(replacement)
    wait_until(lambda: listening(name) or replacement.poll() is not None, START_SECONDS,
               "the replacement window")
    assert replacement.poll() is None, replacement.communicate()
    third = launch(env, str(second_file), "--library", str(library))
    _out, err = third.communicate(timeout=60)
    assert third.returncode == 0, err
    wait_until(lambda: article_count(library) == 2, 60, "the second file's import")

    replacement.send_signal(signal.SIGTERM)  # closes like the close button: exit 0
    assert replacement.wait(30) == 0


def test_open_another_library_starts_its_own_window(
    env: dict[str, str], tmp_path: Path, windows: list[subprocess.Popen]
) -> None:
    from PySide6.QtCore import QSettings

    from reader_app.app import open_library_window

    other = tmp_path / "other library"
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    proc = open_library_window(other, store)
    assert proc is not None
    windows.append(proc)
    wait_until(lambda: listening(server_name(other)) or proc.poll() is not None,
               START_SECONDS, "the other library's window")
    assert proc.poll() is None
    assert store.value("library/path") == str(other.resolve())
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0
