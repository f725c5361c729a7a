"""Whoosh's multi-process writer, with sub-writers that die with the library process.

``ix.writer(procs=2)`` builds a ``whoosh.multiproc.MpWriter`` whose ``SubWriterTask``
children (``multiprocessing.Process`` subclasses) know nothing of their parent: killed,
it left them blocked on their job queue for minutes. Here the task class runs
``child_started`` before Whoosh's own ``run``. The hook lives in the ``Process``
subclass itself because that object is what reaches the child: forked as is, or
pickled and rebuilt by ``spawn`` (which imports this module there).

Two more Whoosh behaviours are fixed on the way: ``MpWriter.cancel`` only flips a flag
in the parent's copy of each task, so the children went on waiting for jobs forever
(and the parent's exit waited for them); here cancelling stops them. And the tasks are
daemons, so an interpreter that exits without commit or cancel ends them too.
"""

from __future__ import annotations

import os
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from index.child_process import child_started, stop_processes

CHILD_NAME = "veille-subwrite"


class SubWriter(SubWriterTask):  # type: ignore[misc]
    """Whoosh's sub-writer process, tied to the process that starts it."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.veille_parent = os.getpid()
        self.daemon = True

    def run(self) -> None:
        child_started(self.veille_parent, CHILD_NAME)
        super().run()


class GuardedMpWriter(MpWriter):  # type: ignore[misc]
    """``MpWriter`` whose sub-writers are ``SubWriter`` processes (started with the
    interpreter's start method, as Whoosh's own default does) and stop on cancel."""

    def _new_task(self) -> SubWriter:
        task = SubWriter(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                         self.subargs, self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    def cancel(self) -> None:
        try:
            stop_processes(self.tasks, grace=1.0)
            self.jobqueue.cancel_join_thread()  # nobody reads it now: exit need not flush it
        finally:
            SegmentWriter.cancel(self)
