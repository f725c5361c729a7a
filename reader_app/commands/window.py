"""The window from the command line: ``reader-app [--lang L] [--theme T] [FILE...]`` and
``reader-app install-desktop`` (menu entry and icons for this user).

``reader-app FILE...`` has no sub-command: the first word that is not an option is taken
for a file when it names an existing path and no command. No Qt is imported here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index.errors import EXIT_OK
from index.paths import ENV_VAR

LANGUAGES = ("system", "fr", "en")
THEMES = ("system", "light", "dark")
_VALUE_OPTIONS = frozenset({"--library", "--lang", "--theme"})


def add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of the window (default: the preference, else the "
                        "system's)")
    parser.add_argument("--theme", choices=THEMES, default=None,
                        help="colours of the window (default: the preference, else the "
                        "desktop's)")


def register(sub: Any, common: argparse.ArgumentParser, handlers: dict[str, Any]) -> None:
    desk = sub.add_parser(
        "install-desktop", parents=[common],
        help="add Veille to this user's application menu and 'Open with'",
        description="Copy the desktop entry and icons into ~/.local/share (XDG_DATA_HOME) "
        "so that the menu lists Veille and file managers open news files with it.",
    )
    desk.add_argument("--remove", action="store_true", help="remove them again")
    # Runs without opening a library: cli.py calls run_install_desktop.


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # argparse keeps its sub-commands only there
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def opens_files(argv: Sequence[str], parser: argparse.ArgumentParser) -> bool:
    """True for ``[options] FILE...``: the first word is an existing path, no command."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return True
        if word in _VALUE_OPTIONS:
            next(words, None)
            continue
        if word.startswith("-"):
            continue
        return word not in command_names(parser) and Path(word).exists()
    return False


def files_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader-app",
        description="Open the window on the library and import FILEs; with a window already "
        "open on that library, hand them to it.",
    )
    parser.add_argument("--library", type=Path, default=None,
                        help=f"library folder (default: ${ENV_VAR}, else the last one opened)")
    add_window_options(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    return parser


def gui_argv(args: argparse.Namespace) -> list[str]:
    argv = []
    if getattr(args, "lang", None):
        argv += ["--lang", args.lang]
    if getattr(args, "theme", None):
        argv += ["--theme", args.theme]
    return argv


def run_window(argv: Sequence[str]) -> int:
    """``reader-app [options] FILE...``."""
    try:
        args = files_parser().parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    from reader_app.app import run_gui

    return run_gui(args.library, args.files, gui_argv(args))


def run_install_desktop(args: argparse.Namespace) -> int:
    from reader_app import desktop_entry

    if args.remove:
        removed = desktop_entry.uninstall()
        print(f"removed {len(removed)} file(s) from {desktop_entry.data_home()}")
        return EXIT_OK
    done = desktop_entry.install()
    print(f"menu entry: {done.desktop_file}")
    print(f"icons: {len(done.icons)} in {desktop_entry.data_home() / 'icons' / 'hicolor'}")
    if not done.database_updated:
        print("(update-desktop-database not found: the menu picks the entry up at next login)",
              file=sys.stderr)
    return EXIT_OK
