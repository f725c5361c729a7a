"""Fixtures shared by every test package.

Besides the shared entity model, every test is checked for child processes it leaves
running (``_no_orphan_processes``): a test that starts a parse pool, a Whoosh
sub-writer, the spaCy child or a command and does not see it end fails, naming them.
Children are read from /proc (``task/*/children``), with ``ps`` as the fallback where
there is no /proc (macOS): no extra dependency.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.entities import EntityExtractor

pytest_plugins = ["pytester"]  # tests/index/test_orphans.py runs a leaky test session

_ASCII_FOR = str.maketrans({"’": "'", "«": "<<", "»": ">>", "“": '"', "”": '"', "/": " or ",
                            "\\": "_"})


def node_id(text: str) -> str:
    """Test ids in ASCII without "/": mutmut hands node ids back to pytest, which cannot
    find a parameter id holding "/" or an escaped non-ASCII character
    (docs/mutation-testing.md)."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOR))
    return "".join(c if " " <= c <= "~" else "_" if c.isspace() or c < " " else ""
                   for c in folded)


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    if isinstance(val, bytes):
        val = val.decode("latin-1")
    return node_id(val) if isinstance(val, str) else None


LEFTOVER_WAIT_SECONDS = 5.0
# multiprocessing starts one resource tracker per interpreter, on the first spawned
# child, and keeps it for the rest of the session: it ends by itself when this process
# does (end-of-file on its pipe). It is nobody's leak, whichever test happened to start it.
SESSION_CHILDREN = ("from multiprocessing.resource_tracker import main",)


@pytest.fixture(scope="session")
def shared_extractor() -> EntityExtractor:
    """The default entity extractor, loaded once per test session (spaCy takes seconds)."""
    extractor = EntityExtractor()
    extractor.extract("Sadio Camara est à Bamako.", "fr")  # load the pipeline now
    return extractor


@dataclass(frozen=True, slots=True)
class Child:
    """A live process: ``key`` tells it apart from a later one given the same pid."""

    pid: int
    key: tuple[int, str]
    name: str  # the kernel's short name: "veille-parse", "veille-entities", ...
    cmdline: str

    def describe(self) -> str:
        return f"pid {self.pid} [{self.name}] {self.cmdline}"


class ProcessTable:
    """The live (not zombie) children of a process, and whether one still runs."""

    def children(self, pid: int) -> list[Child]:
        task_dir = Path(f"/proc/{pid}/task")
        if not task_dir.is_dir():
            return self._children_from_ps(pid)
        pids: set[int] = set()
        for task in task_dir.iterdir():
            try:
                pids.update(int(p) for p in (task / "children").read_text().split())
            except FileNotFoundError:  # a thread ended meanwhile
                continue
            except OSError:  # a kernel without CONFIG_PROC_CHILDREN
                return self._children_from_ps(pid)
        found = (self._from_proc(p) for p in sorted(pids))
        return [c for c in found if c is not None]

    def descendants(self, pid: int) -> list[Child]:
        found: list[Child] = []
        for child in self.children(pid):
            found.append(child)
            found.extend(self.descendants(child.pid))
        return found

    def process(self, pid: int) -> Child | None:
        """The process ``pid`` while it runs (whoever its parent is)."""
        if Path("/proc").is_dir():
            return self._from_proc(pid)
        return next((c for c in self._ps_table() if c.pid == pid), None)

    def wait_gone(self, children: list[Child], seconds: float) -> list[Child]:
        """The children still running after up to ``seconds``."""
        deadline = time.monotonic() + seconds
        left = [c for c in children if self.running(c)]
        while left and time.monotonic() < deadline:
            time.sleep(0.05)
            left = [c for c in left if self.running(c)]
        return left

    def running(self, child: Child) -> bool:
        if Path("/proc").is_dir():
            now = self._from_proc(child.pid)
            return now is not None and now.key == child.key
        return any(c.key == child.key for c in self._ps_table() if c.pid == child.pid)

    @staticmethod
    def _from_proc(pid: int) -> Child | None:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return None
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] in ("Z", "X"):  # ended, waiting to be reaped: not running
            return None
        args = cmdline.replace(b"\0", b" ").decode(errors="replace").strip()
        return Child(pid, (pid, fields[19]), name, args)  # fields[19]: start time

    def _children_from_ps(self, pid: int) -> list[Child]:
        return [c for c, ppid in self._ps_rows() if ppid == pid]

    def _ps_table(self) -> list[Child]:
        return [c for c, _ppid in self._ps_rows()]

    @staticmethod
    def _ps_rows() -> list[tuple[Child, int]]:
        out = subprocess.run(["ps", "-A", "-o", "pid=,ppid=,stat=,comm=,args="],
                             capture_output=True, text=True, check=True).stdout
        rows = []
        for line in out.splitlines():
            pid, ppid, state, name, *args = line.split(None, 4)
            if not state.startswith("Z"):
                cmdline = " ".join(args)
                rows.append((Child(int(pid), (int(pid), cmdline), name, cmdline), int(ppid)))
        return rows


@pytest.fixture(scope="session")
def processes() -> ProcessTable:
    return ProcessTable()


@pytest.fixture(autouse=True)
def _no_orphan_processes(processes: ProcessTable) -> Iterator[None]:
    """Fail a test that leaves a child process running. Children that were there before
    it started belong to a wider fixture (a module's process pool) and are not its own."""
    me = os.getpid()
    before = {c.key for c in processes.children(me)}
    yield

    def leftovers() -> list[Child]:
        return [c for c in processes.children(me)
                if c.key not in before and not any(s in c.cmdline for s in SESSION_CHILDREN)]

    left = processes.wait_gone(leftovers(), LEFTOVER_WAIT_SECONDS)
    if left:
        for child in left:  # so that the next tests start clean
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGKILL)
        pytest.fail(
            f"the test left {len(left)} child process(es) running after "
            f"{LEFTOVER_WAIT_SECONDS:.0f} s:\n" + "\n".join(c.describe() for c in left),
            pytrace=False,
        )
