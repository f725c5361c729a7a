"""The application shell: what ``reader-app`` with no sub-command starts.

``create_app(argv)`` builds the QApplication as a launch does (names, settings, language,
theme, style, icon); a ``MainWindow(library)`` built after it shows what a person sees.
``run_gui`` adds one window per library: a second launch on the same library hands its
files to the running window and exits (reader_app/single_instance.py).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSocketNotifier
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from index.paths import ENV_VAR, default_library_dir
from reader_app.commands.window import LANGUAGES, THEMES
from reader_app.package_data import ICONS
from reader_app.single_instance import InstanceServer, NoAnswer, hand_over, server_name
from reader_app.style import apply_style, icon_path

if TYPE_CHECKING:
    from index.library import Library
    from reader_app.main_window import MainWindow

log = logging.getLogger(__name__)

RECENT_MAX = 8
DESKTOP_ID = "veille"  # resources/desktop/veille.desktop; Wayland's app id


def app_version() -> str:
    try:
        return metadata.version("veille")
    except metadata.PackageNotFoundError:  # run from a bare checkout
        return "0+unknown"


def options_parser() -> argparse.ArgumentParser:
    """The window's own options; ``reader-app`` (cli.py) accepts the same."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--lang", choices=LANGUAGES, default=None)
    parser.add_argument("--theme", choices=THEMES, default=None)
    return parser


def settings() -> QSettings:
    return QSettings("Veille", "Veille")


def app_icon() -> QIcon:
    """The SVG for any size, plus the rendered PNGs that small sizes look better in."""
    icon = QIcon(icon_path("veille"))
    for png in sorted((ICONS / "png").glob("veille-*.png")):
        icon.addFile(str(png))
    return icon


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The application as a launch builds it; reuses the running QApplication if any.

    ``argv`` holds our options (``--lang fr|en|system``, ``--theme system|light|dark``)
    and any of Qt's (``-platform offscreen``); unset options come from the settings
    (``ui/language``, ``ui/theme``), whose default follows the desktop.
    """
    options, qt_args = options_parser().parse_known_args(list(argv or []))
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([sys.argv[0] if sys.argv else "reader-app", *qt_args])
    app.setApplicationName("Veille")
    app.setOrganizationName("Veille")
    app.setApplicationDisplayName("Veille")
    app.setApplicationVersion(app_version())
    QGuiApplication.setDesktopFileName(DESKTOP_ID)
    stored = settings()
    language = options.lang or _choice(stored.value("ui/language"), LANGUAGES)
    theme = options.theme or _choice(stored.value("ui/theme"), THEMES)
    apply_style(app)  # Fusion and the style sheet first; the theme's palette goes over it
    app.setProperty("veilleLanguage", _install_translations(app, language))
    app.setProperty("veilleTheme", _apply_theme(app, theme))
    app.setWindowIcon(app_icon())
    return app


def _choice(value: object, allowed: Sequence[str]) -> str:
    return value if isinstance(value, str) and value in allowed else "system"


def _install_translations(app: QApplication, language: str) -> str:
    """T1's translations (reader_app/i18n.py); English when that module is absent."""
    try:
        from reader_app.i18n import install_translations  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return "en"
    return str(install_translations(app, language))


def _apply_theme(app: QApplication, theme: str) -> str:
    """T2's palettes (reader_app/theme.py); the style's own colours when absent."""
    try:
        from reader_app.theme import apply_theme  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return "light"
    return str(apply_theme(app, theme))


def library_for_launch(library_path: Path | None) -> Path:
    """``--library``, else ``$VEILLE_LIBRARY``, else the last library opened, else the
    per-user default."""
    if library_path is not None:
        return library_path
    if not os.environ.get(ENV_VAR):
        last = settings().value("library/path")
        if isinstance(last, str) and last and Path(last).is_dir():
            return Path(last)
    return default_library_dir()


def remember_library(store: QSettings, path: Path) -> None:
    """``library/path`` and ``library/recent`` (newest first, at most eight)."""
    resolved = str(Path(path).expanduser().resolve())
    stored = store.value("library/recent", [])
    listed = [stored] if isinstance(stored, str) else stored if isinstance(stored, list) else []
    recent = [p for p in listed if isinstance(p, str) and p != resolved]
    store.setValue("library/path", resolved)
    store.setValue("library/recent", [resolved, *recent][:RECENT_MAX])


def open_library_window(
    path: Path | str, store: QSettings | None = None
) -> subprocess.Popen[bytes] | None:
    """"Open another library": a window of its own, in a process of its own (each library
    keeps its single-instance socket; one already open comes to the front instead).
    Returns the process (None when it could not start: said in the log)."""
    path = Path(path).expanduser()
    remember_library(store or settings(), path)
    args = ["-m", "reader_app", "--library", str(path)]
    try:
        return subprocess.Popen(  # our own interpreter and module
            [sys.executable, *args], start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        log.warning("cannot start a window on %s: %s", path, exc)
        return None


def run_gui(
    library_path: Path | None = None,
    files: Sequence[Path] = (),
    argv: Sequence[str] | None = None,
) -> int:
    """Hand ``files`` to a window already open on the library, or open one; exit code."""
    path = library_for_launch(library_path)
    name = server_name(path)
    handed = _hand_over(name, files)
    if handed is not None:
        return handed
    from reader_app.display_check import explain_missing_display

    problem = explain_missing_display()
    if problem:
        sys.stderr.write(f"reader-app: {problem}\n")
        return 1
    app = create_app(argv)
    server = InstanceServer(name)
    if not server.listen():  # another launch won the race: it has the window
        return _hand_over(name, files) or 0
    restore_signals = _close_on_terminate(app)  # from now on a SIGTERM closes cleanly
    try:
        return _show_window(app, path, server, files)
    finally:
        restore_signals()
        server.close()


def _hand_over(name: str, files: Sequence[Path]) -> int | None:
    """0 when a running window took the files, 1 when it did not answer, None when none."""
    try:
        return 0 if hand_over(name, files) else None
    except NoAnswer:
        sys.stderr.write("reader-app: Veille is already open on this library but does not "
                         "answer; close that window and try again\n")
        return 1


def _show_window(app: QApplication, path: Path, server: InstanceServer,
                 files: Sequence[Path]) -> int:
    from reader_app.recovery import open_library
    from reader_app.session_state import save_session

    library = open_library(path)  # a message (and a recovery offer), never a traceback
    if library is None:
        return 1
    try:
        window = build_window(library, server)
        window.show()
        if files:
            window.import_paths([Path(f) for f in files])
        code = int(app.exec())
        save_session(window)  # the window is closed, its widgets still hold the session
        return code
    finally:
        library.close()


def build_window(library: Library, server: InstanceServer | None = None) -> MainWindow:
    """The main window with what a launch adds: the last session back, the library
    remembered, the About box's facts, and files handed over by later launches."""
    from reader_app.main_window import MainWindow
    from reader_app.session_state import restore_session

    window = MainWindow(library)
    remember_library(window.settings, library.path)
    restore_session(window)
    if server is not None:
        server.attach(lambda paths: receive_files(window, paths))
    return window


def receive_files(window: MainWindow, paths: list[Path]) -> None:
    """A second launch's files: to the front, then import them."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    if paths:
        window.import_paths(paths)



def _close_on_terminate(app: QApplication) -> Callable[[], None]:
    """SIGTERM (logout, ``kill``) and Ctrl+C close the windows as the close button does:
    settings and the session are saved, workers stopped. Python sees a signal only when
    it runs, so the signal writes to a socket that Qt watches. Returns what puts the
    previous handlers back (run_gui may run inside another program, e.g. the tests)."""
    if sys.platform == "win32":
        return lambda: None
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = {n: signal.signal(n, lambda _n, _f: None) for n in (signal.SIGTERM, signal.SIGINT)}
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def wake() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        app.closeAllWindows()
        app.quit()

    notifier.activated.connect(wake)

    def restore() -> None:
        notifier.setEnabled(False)
        notifier.deleteLater()
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous.items():
            signal.signal(number, handler)
        reader.close()
        writer.close()

    return restore
