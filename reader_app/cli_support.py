"""What every command shares: output, progress on stderr, and opening the library.

Commands that write announce, on stderr, any upkeep they do first (an interrupted
import finished, a damaged index rebuilt) and any wait for another process's write;
nothing happens silently.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index import Library

Progress = Callable[[int, int | None, str], None]


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(text)


def say(message: str) -> None:
    """One line on stderr (progress notes, waits, warnings)."""
    sys.stderr.write(f"reader-app: {message}\n")
    sys.stderr.flush()


def progress_printer(label: str) -> Progress:
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int | None, current: str) -> None:
        if interactive:
            of = f"/{total}" if total else ""
            sys.stderr.write(f"\r{label} {done}{of} {current[-60:]:<60}")
            sys.stderr.flush()

    return progress


def end_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\n")


def prepare_writer(lib: Library) -> None:
    """Before a command writes: say what it waits for, and do pending upkeep visibly."""
    lib.lock.on_wait = say
    todo = lib.needs_upkeep()
    if not todo:
        return
    for item in todo:
        say(f"first, {item}")
    for line in lib.upkeep(progress=progress_printer("upkeep")):
        end_progress()
        say(line)


def note_unsearchable(lib: Library) -> None:
    """A reader never finishes another process's work, but says when results may be short."""
    pending = lib.store.unindexed_count()
    if pending:
        say(f"note: {pending} article(s) are not searchable yet (an import in progress or "
            "interrupted); the next import, the window or `reader-app check --repair` "
            "indexes them")
