"""The team archive from the window (issue 13), against a real PostgreSQL server.

Two desktops: the window's library, and a second library (in a second window or driven
through the core as another person's desktop would be). Each test gets an empty archive
database on a server started once for this module (tests/pg_cluster.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from index.library import Library
from index.sync.session import sync
from reader_app.main_window import MainWindow
from reader_app.team_settings import SERVER_KEY
from tests.gui.conftest import ARTICLE_EN
from tests.pg_cluster import PgCluster, server_for_tests

_numbers = itertools.count(1)
UNREACHABLE = "postgresql://veille@127.0.0.1:1/archive"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgCluster]:
    with server_for_tests(tmp_path_factory.mktemp("postgres-gui")) as server:
        yield server


@pytest.fixture
def archive(cluster: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An empty archive's URL, with its password; passwords are kept in the test's folder."""
    monkeypatch.setenv("VEILLE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("VEILLE_REMOTE", raising=False)
    name = f"gui_archive_{next(_numbers)}"
    yield cluster.create_database(name)
    cluster.drop_database(name)


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Library]:
    """Another person's desktop, holding the English article."""
    path = tmp_path / "other-inbox" / "dakar-fishermen.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE_EN, encoding="utf-8")
    lib = Library.open(tmp_path / "other")
    lib.import_paths([path])
    yield lib
    lib.close()


def configure(qtbot, window: MainWindow, url: str, author: str = "") -> None:
    """Type the address (with its password) and the name in Preferences > Team server."""
    dialog = window.preferences.show()
    section = dialog.team
    section.server.setText(url)
    with qtbot.waitSignal(section.passwordKept, timeout=10000):
        section.server.editingFinished.emit()
    if author:
        section.author.setText(author)
        section.author.editingFinished.emit()
    dialog.close()


def run_sync(qtbot, window: MainWindow, *, ok: bool = True) -> object:
    control = window.team_sync
    signal = control.syncFinished if ok else control.syncFailed
    with qtbot.waitSignal(signal, timeout=60000) as blocker:
        window.findChild(type(control.action), "syncTeam").trigger()
    return blocker.args[0]


def import_into(qtbot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.importFinished, timeout=20000):
        window.import_paths([path])


def listed_titles(window: MainWindow) -> list[str]:
    model = window.results_model
    return [str(model.data(model.index(row))) for row in range(model.rowCount())]


def test_preferences_keep_the_password_out_of_the_settings(qtbot, window: MainWindow,
                                                            archive: str, tmp_path: Path) -> None:
    assert not window.team_search.switch.isEnabled()  # no server yet
    configure(qtbot, window, archive, author="Ana")
    password = archive.split(":")[2].split("@")[0]
    stored = str(window.settings.value(SERVER_KEY))
    assert stored.startswith("postgresql://veille@127.0.0.1:") and password not in stored
    window.settings.sync()
    assert password not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert password in (tmp_path / "config" / "pgpass").read_text(encoding="utf-8")
    assert window.team_search.switch.isEnabled()


def test_sync_from_two_windows_brings_the_other_article(qtbot, window: MainWindow,
                                                        archive: str, other: Library,
                                                        tmp_path: Path) -> None:
    second = MainWindow(other, QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.libraryCounted, timeout=10000):
        second.show()
    try:
        configure(qtbot, second, archive, author="Ana")
        sent = run_sync(qtbot, second)
        assert sent.sent_articles == 1
    finally:
        second.close()
    configure(qtbot, window, archive, author="Bruno")
    window.watch.stop()  # no polling: the sync itself must refresh the window
    with (qtbot.waitSignal(window.team_sync.lastSyncedShown, timeout=10000,
                           check_params_cb=lambda text: "Last" in text) as line,
          qtbot.waitSignal(window.searchFinished, timeout=20000)):
        report = run_sync(qtbot, window)
    assert report.received_articles == 1
    qtbot.waitUntil(lambda: any("Fishermen" in t for t in listed_titles(window)), timeout=20000)
    assert window.library_size == 1
    assert window.windowTitle() == "Veille — 1 article"
    text = line.args[0]
    assert text.startswith("Last synced: ") and "127.0.0.1" in text and "veille@" in text
    assert window.team_sync.line.isVisible() and window.team_sync.line.text() == text
    assert not window.team_sync.bar.isVisible()


def test_an_unreachable_server_is_one_sentence(qtbot, window: MainWindow, archive: str,
                                               article_file: Path) -> None:
    import_into(qtbot, window, article_file)
    window.settings.setValue(SERVER_KEY, UNREACHABLE)
    window.team_sync.server_changed()
    message = run_sync(qtbot, window, ok=False)
    assert message.startswith(f"Cannot reach the team server {UNREACHABLE}: ")
    assert "\n" not in message and "Traceback" not in message
    assert window.statusBar().currentMessage() == message
    assert not window.team_sync.running() and not window.team_sync.bar.isVisible()
    assert window.team_sync.button.text() == "Sync"
    assert not window.team_sync.line.text().startswith("Last synced")
    with qtbot.waitSignal(window.searchFinished, timeout=10000):  # the window still searches
        window.search.search_now("Camara")
    assert any("Camara" in t or "ministre" in t for t in listed_titles(window))


def test_history_shows_a_tag_added_on_the_other_desktop(qtbot, window: MainWindow,
                                                        archive: str, other: Library,
                                                        article_file: Path) -> None:
    import_into(qtbot, window, article_file)
    configure(qtbot, window, archive, author="Bruno")
    run_sync(qtbot, window)
    sync(other, archive, author="Ana")  # the other desktop receives the French article
    article = other.search("Camara").hits[0].article_id
    other.tag([article], add=["Sahel"])
    sync(other, archive, author="Ana")
    mine = window.library.search("Camara").hits[0].article_id
    with qtbot.waitSignal(window.article_history.historyShown, timeout=10000):
        window.open_article(mine)
    assert not window.article_history.section.isVisibleTo(window)  # no change yet
    with qtbot.waitSignal(window.article_history.historyShown, timeout=30000,
                          check_params_cb=lambda _i, n: n > 0):
        run_sync(qtbot, window)
    section = window.article_history.section
    assert section.isVisibleTo(window)
    assert "Ana: tagged \u201cSahel\u201d" in section.text()
    assert section.toggle.text() == "History (1 change)"
    assert "Sahel" in window.library.with_state(window.library.article(mine)).tags


def test_team_archive_switch_lists_and_fetches_a_remote_article(qtbot, window: MainWindow,
                                                                archive: str, other: Library,
                                                                article_file: Path) -> None:
    sync(other, archive, author="Ana")  # the archive holds the English article
    import_into(qtbot, window, article_file)
    configure(qtbot, window, archive)
    team = window.team_search
    assert team.switch.isEnabled()
    with qtbot.waitSignal(window.searchFinished, timeout=10000):
        window.search.search_now("fishermen")
    assert listed_titles(window) == []
    with qtbot.waitSignal(team.remoteShown, timeout=20000):
        team.switch.setChecked(True)
    panel = team.panel
    assert panel.isVisibleTo(window)
    assert panel.header.text() == "In the team archive: 1 article not in your library"
    row = str(panel.model.data(panel.model.index(0)))
    assert row.startswith("Fishermen in Dakar") and "imported by Ana" in row
    with (qtbot.waitSignal(window.articleShown, timeout=30000) as shown,
          qtbot.waitSignal(team.fetched, timeout=30000) as fetched):
        panel.list.activated.emit(panel.model.index(0))
    article_id = fetched.args[0]
    assert shown.args[0] == article_id
    assert window.current_article is not None and window.current_article.id == article_id
    assert window.library.article(article_id).title.startswith("Fishermen in Dakar")
    qtbot.waitUntil(lambda: any("Fishermen" in t for t in listed_titles(window)), timeout=20000)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0 and panel.header.text()
                    == "In the team archive: 1 match, already in your library",
                    timeout=20000)
    team.switch.setChecked(False)
    assert not panel.isVisibleTo(window)
    QApplication.processEvents()


def test_team_texts_speak_french(qapp) -> None:
    """The history's words, the server's one sentence and the sync summary, in French
    (no server needed)."""
    from PySide6.QtCore import QLocale

    from index.errors import VeilleError
    from index.sync.session import SyncReport
    from reader_app import i18n
    from reader_app.sync_controller import summary_text
    from reader_app.views.history_section import what_text
    from reader_app.workers import user_message

    before = QLocale()
    i18n.install_translations(qapp, "fr")
    try:
        assert what_text("tagged \u201cSahel\u201d") == "a ajouté l’étiquette «\u202fSahel\u202f»"
        assert what_text("edited the title") == "a modifié le titre"
        error = VeilleError(f"cannot reach the team server {UNREACHABLE}: connection refused")
        assert user_message(error) == ("Impossible de joindre le serveur d’équipe "
                                       f"{UNREACHABLE}\u00a0: connection refused")
        report = SyncReport(server="postgresql://ana@h/archive", sent_articles=2,
                            received_changes=1)
        assert summary_text(report) == (
            "Synchronisé avec ana@h/archive\u00a0: envoyé 2 articles et 0 modification"
            "\u202f; reçu 0 article et 1 modification.")
    finally:
        i18n.install_translations(qapp, "en")
        QLocale.setDefault(before)
