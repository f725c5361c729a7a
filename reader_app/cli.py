"""``reader-app``: the window with no sub-command; import, search, show, entities, ...

Exit codes (README): 0 all good, 1 some input failed (each failure named with its
reason), 2 wrong usage, 3 the library cannot do this now (damaged, read-only, disk full,
index being rebuilt), 4 an internal error (a bug: one line here, details in the log).
Every error is one line on stderr, never a traceback. Qt is imported only when the
window is asked for, so the command line works on machines without a display.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sqlite3
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index.errors import EXIT_UNUSABLE, VeilleError
from index.paths import ENV_VAR, default_library_dir
from reader_app.commands import articles, entities, state, team, window

EXIT_INTERNAL = 4
# Commands that only read: they start no child process, so they do not even import
# multiprocessing (a command-line search is a fresh process each time: issue 12).
READ_ONLY_COMMANDS = frozenset({"search", "show"})
BLAS_THREADS = "OPENBLAS_NUM_THREADS"


def _common_options(suppress: bool) -> argparse.ArgumentParser:
    """--library and --json, accepted before and after the sub-command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        type=Path,
        default=argparse.SUPPRESS if suppress else None,
        help=f"library folder (default: ${ENV_VAR} or the per-user data directory)",
    )
    common.add_argument("--json", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="machine-readable output")
    return common


def _parser() -> tuple[argparse.ArgumentParser, dict[str, Any]]:
    # The sub-commands' copies leave the value alone when not given (SUPPRESS): otherwise
    # their default would undo `reader-app --library DIR search ...`.
    common = _common_options(suppress=True)
    parser = argparse.ArgumentParser(
        prog="reader-app",
        description="Veille: an offline reader for saved news.",
        epilog="With no command, the window. `reader-app [--library DIR] FILE...` opens it "
        "and imports the FILEs, or hands them to the window already open on that library.",
        parents=[_common_options(suppress=False)],
    )
    window.add_window_options(parser)  # --lang, --theme: the window's
    sub = parser.add_subparsers(dest="command")
    handlers: dict[str, Any] = {}
    for module in (articles, entities, state, team, window):
        module.register(sub, common, handlers)
    return parser, handlers


def use_spawn() -> None:
    """Child processes (parsers, entity model, index writers) start fresh, never forked:
    forking a process that runs Qt or worker threads can deadlock the child."""
    import multiprocessing

    with contextlib.suppress(RuntimeError):  # already chosen by the embedding program
        multiprocessing.set_start_method("spawn")


def load_numpy_single_threaded() -> None:
    """Loads numpy with one BLAS thread: a search's numpy work is element-wise and
    sorting, never BLAS, yet OpenBLAS starts a thread per core when numpy loads, which
    costs a one-query process 40-50 ms on a busy machine (issue 12). The environment is
    put back at once, so nothing started later inherits the setting. (Remove this once
    the search path does without numpy.)"""
    if "numpy" in sys.modules or BLAS_THREADS in os.environ:
        return
    os.environ[BLAS_THREADS] = "1"
    try:
        import numpy  # noqa: F401
    finally:
        del os.environ[BLAS_THREADS]


def main(argv: Sequence[str] | None = None) -> int:
    """The program (``argv`` None: the console script, ``python -m reader_app``); called
    with a list, a command run in-process (tests, other programs)."""
    configure_logging()
    try:
        return _run(argv)
    except BrokenPipeError:
        _silence_stdout()  # `reader-app search x | head`: the reader left; say nothing
        return 0
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except VeilleError as exc:
        _error(str(exc))
        return exc.exit_code
    except sqlite3.DatabaseError as exc:
        _error(f"the library store cannot be read ({exc}); run `reader-app check --repair`")
        return EXIT_UNUSABLE
    except OSError as exc:
        _error(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        return EXIT_UNUSABLE
    except Exception as exc:  # a bug: one line, the details in a log file
        log = _write_crash_log()
        _error(f"internal error ({type(exc).__name__}: {exc}); details in {log}")
        return EXIT_INTERNAL
    finally:
        if argv is None:
            # The process exits next. Its last garbage collections would walk every
            # container still alive (the lemma tables, the index's columns): 30-50 ms of
            # a 200 ms command-line search (issue 12); memory is given back at exit anyway.
            gc.freeze()


def _run(argv: Sequence[str] | None) -> int:
    program = argv is None  # this process runs one command and exits
    parser, handlers = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if window.opens_files(argv, parser):  # `reader-app [--library DIR] FILE...`
        use_spawn()
        return window.run_window(argv)
    try:
        args, extra = parser.parse_known_args(argv)
        # argparse takes an optional positional only before the options: `note 1 --markdown
        # TEXT` leaves TEXT over. Give it its place rather than refuse what people type.
        if extra and args.command == "note" and args.text is None and len(extra) == 1:
            args.text = extra[0]
        elif extra:
            parser.error("unrecognized arguments: " + " ".join(extra))
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    library_dir = args.library or default_library_dir()
    if args.command not in READ_ONLY_COMMANDS:
        use_spawn()  # commands that may start children (parsers, spaCy, index writers)
    else:
        if program:
            # One query, then exit: cyclic garbage collection would only walk what the
            # search loads (15 ms of passes over the index's columns and lemma tables).
            gc.disable()
        load_numpy_single_threaded()
    if args.command is None:
        from reader_app.app import run_gui

        return run_gui(args.library, argv=window.gui_argv(args))
    if args.command == "check":
        return articles.run_check(library_dir, args)
    if args.command == "install-desktop":
        return window.run_install_desktop(args)
    from index import Library

    with Library.open(library_dir) as lib:
        code: int = handlers[args.command](lib, args)
        return code


def log_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("Veille", appauthor=False))


def configure_logging() -> None:
    """Warnings go to a log file, never to the terminal or the window as a trace."""
    root = logging.getLogger()
    if root.handlers:
        return  # the embedding program (or pytest) decides
    handler: logging.Handler
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "veille.log", encoding="utf-8", delay=True)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s "
                                           "%(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.WARNING)


def _error(message: str) -> None:
    with contextlib.suppress(OSError):
        sys.stderr.write(f"reader-app: {message}\n")
        sys.stderr.flush()


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _write_crash_log() -> Path:
    folder = log_folder()
    path = folder / "veille.log"
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(traceback.format_exc())
    logging.getLogger(__name__).debug("internal error logged to %s", path)
    return path


if __name__ == "__main__":
    raise SystemExit(main())
