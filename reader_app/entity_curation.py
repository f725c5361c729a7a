"""Curating entities (rename, change type, merge, hide, undo) from any view.

Edits are writes: they run on the window's writer runner (one thread, shared with
imports and entity batches) so they never overlap an import and never block the GUI
thread. The sidebar knows entities by (type, name) only, so a reference is resolved to
the library's entity on the worker, just before the edit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from index.models import EntityInfo, EntityType
from reader_app.i18n import entity_type_name
from reader_app.i18n import translate as _tr
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from index.library import Library

EntityRef = int | tuple[str, str]  # an entity id, or (type, canonical name) from the sidebar
Renaming = tuple[str, str] | None  # (old, new) name when an edit changes the name people see
Edit = Callable[[object, EntityInfo], tuple[str, Renaming]]
UNDO_EARLIER = {  # what an undo of an edit made in an earlier session says
    "rename": QT_TRANSLATE_NOOP("", "Undid a rename of an earlier session"),
    "retype": QT_TRANSLATE_NOOP("", "Undid a type change of an earlier session"),
    "hide": QT_TRANSLATE_NOOP("", "Undid a hide of an earlier session"),
    "merge": QT_TRANSLATE_NOOP("", "Undid a merge of an earlier session"),
}


def resolve_entity(library: Library, ref: EntityRef) -> EntityInfo | None:
    """The library entity a reference names (hidden ones included), or None."""
    if isinstance(ref, int):
        return library.entity(ref)
    label, name = ref
    for info in library.entities(query=name, include_hidden=True):
        if info.name == name and info.label == label:
            return info
    return None


class EntityCurator(QObject):
    """Runs edits on the writer; ``edited`` carries a sentence for the status bar."""

    edited = Signal(str)
    renamed = Signal(str, str)  # old name, new name (a rename, or a merge into another)
    failed = Signal(str)

    def __init__(self, library: Library, writer: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._library = library
        self._writer = writer
        self._done: list[tuple[str, str]] = []  # (kind, description) of this session's edits

    def rename(self, ref: EntityRef, new_name: str) -> None:
        def edit(lib: object, info: EntityInfo) -> tuple[str, Renaming]:
            lib.rename_entity(info.id, new_name)  # type: ignore[attr-defined]
            new = new_name.strip()
            return _tr("Renamed “{0}” to “{1}”").format(info.name, new), (info.name, new)

        self._run("rename", ref, edit)

    def retype(self, ref: EntityRef, label: EntityType) -> None:
        def edit(lib: object, info: EntityInfo) -> tuple[str, Renaming]:
            lib.retype_entity(info.id, label)  # type: ignore[attr-defined]
            return _tr("“{0}” is now of type {1}").format(info.name, entity_type_name(label)), None

        self._run("retype", ref, edit)

    def hide(self, ref: EntityRef, hidden: bool = True) -> None:
        def edit(lib: object, info: EntityInfo) -> tuple[str, Renaming]:
            lib.hide_entity(info.id, hidden)  # type: ignore[attr-defined]
            text = _tr("Hid “{0}”") if hidden else _tr("“{0}” is shown again")
            return text.format(info.name), None

        self._run("hide", ref, edit)

    def merge(self, ref: EntityRef, target_id: int) -> None:
        def edit(lib: object, info: EntityInfo) -> tuple[str, Renaming]:
            target = lib.entity(target_id)  # type: ignore[attr-defined]
            if target is None:
                raise LookupError(_tr("the entity to merge into is no longer in the library"))
            lib.merge_entities(info.id, target_id)  # type: ignore[attr-defined]
            return (_tr("Merged “{0}” into “{1}”").format(info.name, target.name),
                    (info.name, target.name))

        self._run("merge", ref, edit)

    def undo(self) -> None:
        lib = self._library

        def job(_p: ProgressFn, _c: threading.Event) -> str | None:
            return lib.undo_entity_edit()

        self._writer.start(job, self._undone, self.failed.emit)

    def _undone(self, kind: str | None) -> None:
        if kind is None:
            self.edited.emit(_tr("No entity edit to undo"))
            return
        if self._done and self._done[-1][0] == kind:
            self.edited.emit(_tr("Undone: {0}").format(self._done.pop()[1]))
        else:  # an edit of an earlier session
            text = UNDO_EARLIER.get(kind)
            self.edited.emit(_tr(str(text)) if text is not None else _tr("Undone"))

    def _run(self, kind: str, ref: EntityRef, edit: Edit) -> None:
        lib = self._library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[str, str, Renaming]:
            info = resolve_entity(lib, ref)
            if info is None:
                raise LookupError(_tr("this entity is no longer in the library"))
            return kind, *edit(lib, info)

        self._writer.start(job, self._applied, lambda msg: self.failed.emit(msg))

    def _applied(self, payload: tuple[str, str, Renaming]) -> None:
        kind, message, renaming = payload
        self._done.append((kind, message))
        if renaming is not None:
            self.renamed.emit(*renaming)  # before ``edited``: filters first, then the search
        self.edited.emit(message)
