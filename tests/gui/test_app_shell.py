"""The application shell: create_app's options, the session kept across restarts, the
About box, and the single-instance server in one process (tests/gui/test_single_instance.py
runs real processes)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from index.library import Library
from reader_app.about import about_html, components
from reader_app.app import build_window, create_app, receive_files, remember_library
from reader_app.main_window import MainWindow
from reader_app.session_state import restore_session, save_session, saved_filters
from reader_app.single_instance import InstanceServer, decode, encode, hand_over, server_name


@pytest.fixture
def restored_app(qapp):
    """create_app changes the one QApplication of the session: put its look back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, sheet, style = app.palette(), app.styleSheet(), app.style().name()
    yield app
    app.setStyleSheet(sheet)
    app.setStyle(style)
    app.setPalette(palette)


def test_create_app_reuses_the_application_and_names_it(restored_app) -> None:
    app = create_app(["--lang", "en", "--theme", "light"])
    assert app is restored_app
    assert app.applicationName() == "Veille" and app.organizationName() == "Veille"
    assert app.desktopFileName() == "veille"
    assert not app.windowIcon().isNull()
    assert app.property("veilleLanguage") == "en"
    assert app.property("veilleTheme") == "light"
    assert "QToolButton" in app.styleSheet()  # the packaged style sheet was read


def test_create_app_refuses_an_unknown_theme(restored_app, capsys) -> None:
    with pytest.raises(SystemExit):
        create_app(["--theme", "purple"])
    assert "purple" in capsys.readouterr().err


def test_session_comes_back_after_a_restart(
    qtbot, window: MainWindow, library: Library, settings: QSettings, article_file: Path
) -> None:
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.import_paths([article_file])
    article_id = library.search("Camara").hits[0].article_id
    window.search_box.setText("Camara")
    window.search_bar.lang.select_value("fr")
    window.search_bar.add_entity("Bamako")
    with qtbot.waitSignal(window.articleShown, timeout=10000):
        window.open_article(article_id)
    save_session(window)

    again = MainWindow(library, settings)
    qtbot.addWidget(again)
    restore_session(again)
    with qtbot.waitSignal(again.articleShown, timeout=15000) as shown:
        again.show()
    assert shown.args == [article_id]
    assert again.search_box.text() == "Camara"
    filters = again.search_bar.filters()
    assert filters is not None and filters.langs == ("fr",) and filters.entities == ("Bamako",)
    assert again.results_model.query == "Camara"  # the first search was the saved one
    again.close()


def test_saved_filters_survive_garbage() -> None:
    assert saved_filters("") is None
    assert saved_filters("{not json") is None
    assert saved_filters('{"langs": ["fr"], "colour": "red"}').langs == ("fr",)
    assert saved_filters('{"langs": 3, "date_from": 5}') is None  # wrong types: dropped
    assert saved_filters("[1, 2]") is None
    assert saved_filters('{"date_to": "2025-08-31"}').date_to == "2025-08-31"


def test_recent_libraries_newest_first_without_duplicates(settings, tmp_path: Path) -> None:
    for name in ("a", "b", "a", *[f"x{i}" for i in range(10)]):
        remember_library(settings, tmp_path / name)
    recent = settings.value("library/recent")
    assert recent[0] == str((tmp_path / "x9").resolve())
    assert len(recent) == 8 and len(set(recent)) == 8
    assert settings.value("library/path") == recent[0]


def test_help_about_opens_the_box_with_the_facts(qtbot, window: MainWindow) -> None:
    window.actions_.about.trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    assert str(window.library.path) in box.text() and "LGPL" in box.text()
    box.close()


def test_about_names_version_library_and_licences(window: MainWindow) -> None:
    text = about_html(str(window.library.path))
    assert str(window.library.path) in text
    names = {name for name, _v, _l in components()}
    assert {"Qt for Python (PySide6)", "Whoosh", "lxml", "spaCy"} <= names
    licences = " ".join(lic for _n, _v, lic in components())
    assert "LGPL" in licences and "BSD" in licences and "MIT" in licences
    from reader_app.about import version

    assert f"Veille {version()}" in text


def test_messages_round_trip_and_are_absolute(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert decode(encode(["a.txt", tmp_path / "b.html"])) == [
        tmp_path / "a.txt", tmp_path / "b.html"]
    assert decode(b"\xff garbage") == []


def test_server_names_differ_by_library_and_are_stable(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert server_name(a) == server_name(tmp_path / "x" / ".." / "a")
    assert server_name(a) != server_name(b)


@pytest.fixture
def runtime_dir(tmp_path_factory, monkeypatch) -> Path:
    """A short private folder for the socket (Unix socket paths are short)."""
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"vt{os.getpid()}"
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()


def test_a_stale_socket_left_by_a_crash_is_replaced(runtime_dir: Path, tmp_path: Path) -> None:
    name = server_name(tmp_path / "lib")
    assert name.startswith(str(runtime_dir))
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(name)  # a crashed window's socket: the file stays, nobody listens
    dead.close()
    assert hand_over(name, []) is False
    server = InstanceServer(name)
    try:
        assert server.listen()
    finally:
        server.close()


def test_second_listener_on_a_live_library_steps_back(runtime_dir: Path, tmp_path: Path) -> None:
    name = server_name(tmp_path / "lib")
    first, second = InstanceServer(name), InstanceServer(name)
    try:
        assert first.listen()
        assert not second.listen()
    finally:
        first.close()
        second.close()


def test_hand_over_reaches_the_window_and_imports(
    qtbot, window: MainWindow, runtime_dir: Path, article_file: Path
) -> None:
    """The client blocks (as a second launch does), so it runs in a process of its own."""
    name = server_name(window.library.path)
    server = InstanceServer(name)
    assert server.listen()
    server.attach(lambda paths: receive_files(window, paths))
    code = ("import sys; from reader_app.single_instance import hand_over; "
            "sys.exit(0 if hand_over(sys.argv[1], sys.argv[2:]) else 5)")
    try:
        with qtbot.waitSignal(window.importFinished, timeout=60000) as done:
            client = subprocess.Popen([sys.executable, "-c", code, name, str(article_file)])
        assert done.args[0].count("imported") == 1
        assert client.wait(30) == 0
    finally:
        server.close()


def test_build_window_remembers_the_library(qtbot, library: Library, tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    window = build_window(library)
    qtbot.addWidget(window)
    try:
        assert window.settings.value("library/path") == str(library.path.resolve())
    finally:
        window.close()
