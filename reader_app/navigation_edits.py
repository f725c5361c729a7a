"""What a person changes from the sidebar: tags, dossiers, watches (writes on the
window's writer, then the counts and the list are read again), and the menus and
dialogs that ask for them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from index import watches as watch_lists
from index.models import SearchFilters
from index.store import fold_text
from index.user_state import StateError
from reader_app.i18n import translate as _tr
from reader_app.views import dossier_dialogs, tag_dialogs, watch_dialogs
from reader_app.views.list_drag import move_ids
from reader_app.views.navigation import DOSSIERS, TAGS, WATCHES, Key, NavEntry
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.navigation_controller import NavigationController

MAX_LIST_BYTES = 20 * 1024 * 1024


def read_name_list(path: Path) -> str:
    """The text of a list of names (UTF-8, else Windows-1252, as spreadsheets save it)."""
    data = path.read_bytes()
    if len(data) > MAX_LIST_BYTES or b"\x00" in data[:4096]:
        raise StateError(_tr("the file {0} is not a text or CSV list of names").format(
            path.name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


class NavigationEdits(QObject):
    """The sidebar's writes; each emits ``writeDone`` (or ``writeFailed``) once landed."""

    writeDone = Signal(str, object)  # what ("rename_tag"...), the library's answer
    writeFailed = Signal(str, str)  # what, one sentence

    def __init__(self, nav: NavigationController) -> None:
        super().__init__(nav)
        self.nav = nav
        self.window = nav.window

    # --- running a write ------------------------------------------------------------
    def _write(self, what: str, job: Callable[[Any], Any],
               after: Callable[[Any], None] | None = None,
               message: Callable[[Any], str] | None = None) -> None:
        lib = self.window.library

        def run(_p: ProgressFn, _c: threading.Event) -> Any:
            return job(lib)

        def done(result: Any) -> None:
            if self.window._closing:
                return
            if message is not None:
                self.window.statusBar().showMessage(message(result), 10000)
            if after is not None:
                after(result)
            self.nav.refresh()
            self.writeDone.emit(what, result)

        def failed(text: str) -> None:
            if not self.window._closing:
                self.window.statusBar().showMessage(text, 15000)
                self.writeFailed.emit(what, text)

        self.window.writer.start(run, done, failed)

    def _shown(self, kind: str, name: str) -> bool:
        current = self.nav.current
        return current is not None and current[0] == kind and fold_text(
            current[1]) == fold_text(name)

    def _then_open(self, key: Key, when_shown: Key | None = None) -> Callable[[Any], None]:
        """After a write: open ``key`` once the sidebar lists it (only if ``when_shown``
        was the open entry, when given)."""
        if when_shown is not None and not self._shown(*when_shown):
            return lambda _r: self.nav.rerun()
        return lambda _r: self.nav.open_after_refresh(key)

    # --- tags -----------------------------------------------------------------------
    def rename_tag(self, old: str, new: str) -> None:
        self._write("rename_tag", lambda lib: lib.rename_tag(old, new),
                    self._then_open(("tag", new), ("tag", old)))

    def merge_tags(self, source: str, target: str) -> None:
        self._write("merge_tags", lambda lib: lib.merge_tags(source, target),
                    self._then_open(("tag", target), ("tag", source)),
                    lambda _r: _tr("“{0}” merged into “{1}”.").format(source, target))

    def delete_tag(self, name: str) -> None:
        self._write("delete_tag", lambda lib: lib.delete_tag(name),
                    self._then_open(("all", ""), ("tag", name)))

    def set_tag_color(self, name: str, color: str | None) -> None:
        self._write("tag_color", lambda lib: lib.set_tag_color(name, color),
                    lambda _r: self.nav.rerun())

    def tag_articles(self, ids: list[int], name: str) -> None:
        self._write("tag", lambda lib: lib.tag(ids, add=[name]),
                    lambda _r: self.nav.rerun(),
                    lambda n: _tr("%n article(s) tagged “{0}”.", "", len(ids)).format(name)
                    if n else _tr("These articles already have the tag “{0}”.").format(name))

    # --- dossiers ---------------------------------------------------------------------
    def new_dossier(self, name: str) -> None:
        self._write("new_dossier", lambda lib: lib.add_to_dossier(name, []),
                    self._then_open(("dossier", name)))

    def add_to_dossier(self, name: str, ids: list[int]) -> None:
        self._write("add_to_dossier", lambda lib: lib.add_to_dossier(name, ids),
                    lambda _r: self.nav.rerun(),
                    lambda n: _tr("%n article(s) added to “{0}”.", "", n).format(name))

    def remove_from_dossier(self, name: str, ids: list[int]) -> None:
        self._write("remove_from_dossier", lambda lib: lib.remove_from_dossier(name, ids),
                    lambda _r: self.nav.rerun(),
                    lambda n: _tr("%n article(s) removed from “{0}”.", "", n).format(name))

    def rename_dossier(self, old: str, new: str) -> None:
        self._write("rename_dossier", lambda lib: lib.rename_dossier(old, new),
                    self._then_open(("dossier", new), ("dossier", old)))

    def delete_dossier(self, name: str) -> None:
        self._write("delete_dossier", lambda lib: lib.delete_dossier(name),
                    self._then_open(("all", ""), ("dossier", name)))

    def reorder(self, moved: list[int], target: int, after: bool) -> None:
        """A drag inside the open dossier: the moved articles go next to ``target``."""
        if self.nav.current is None or self.nav.current[0] != "dossier":
            return
        name = self.nav.current[1]

        def job(lib: Any) -> list[int]:
            order = move_ids(lib.dossier_articles(name), moved, target, after)
            lib.reorder_dossier(name, order)
            return order

        self._write("reorder", job, lambda _r: self.nav.rerun())

    # --- watches ----------------------------------------------------------------------
    def save_watch(self, name: str, query: str, filters: SearchFilters | None) -> None:
        self._write("save_watch", lambda lib: lib.add_watch(name, query, filters),
                    self._then_open(("watch", name)),
                    lambda _w: _tr("Watch “{0}” saved: new articles of this search are "
                                   "counted at every import.").format(name))

    def load_watch_list(self, path: Path) -> None:
        """One watch per name of a text or CSV file (names already watched are kept)."""
        def job(lib: Any) -> tuple[int, int]:
            text = read_name_list(path)
            return len(lib.add_watch_list(text)), len(watch_lists.parse_list(text))

        def said(counts: tuple[int, int]) -> str:
            added, listed = counts
            if not listed:
                return _tr("No names found in {0}.").format(path.name)
            text = _tr("%n watch(es) added from {0}", "", added).format(path.name)
            if listed > added:
                text += _tr(" (%n name(s) were already watched)", "", listed - added)
            return text + "."

        self._write("load_watch_list", job, message=said)

    def mark_seen(self, name: str | None) -> None:
        """Forget which articles are new for the watch (every watch when None)."""
        def after(_r: Any) -> None:
            if self.nav.current is not None and self.nav.current[0] == "watch":
                self.nav.rerun()

        self._write("mark_seen", lambda lib: lib.watch_seen(name), after)

    def remove_watch(self, name: str) -> None:
        self._write("remove_watch", lambda lib: lib.remove_watch(name),
                    lambda _r: self.nav.rerun())

    # --- dialogs ----------------------------------------------------------------------
    def ask_save_watch(self) -> None:
        search = self.window.search
        query, filters = search.query.strip(), search.filters
        if not query and filters is None:
            self.window.statusBar().showMessage(
                _tr("Search first: a watch saves the current query and filters."), 8000)
            return
        answer = watch_dialogs.ask_save_watch(self.window, query, filters,
                                              self.nav.model.names(WATCHES))
        if answer is not None:
            self.save_watch(answer[0], answer[1], filters)

    def ask_watch_list(self) -> None:
        path = watch_dialogs.choose_watch_list(self.window)
        if path is not None:
            self.load_watch_list(path)

    def ask_new_dossier(self) -> None:
        name = dossier_dialogs.ask_new_dossier(self.window, self.nav.model.names(DOSSIERS))
        if name:
            self.new_dossier(name)

    def tag_dropped(self, source: str, target: str) -> None:
        """A tag dropped on another: confirm, then merge (after the drop has ended)."""
        entry = self.nav.model.find(("tag", source))
        count = entry.count or 0 if entry is not None else 0

        def ask() -> None:
            if tag_dialogs.confirm_tag_merge(self.window, source, target, count):
                self.merge_tags(source, target)

        QTimer.singleShot(0, ask)

    def articles_dropped(self, kind: str, name: str, ids: list[int]) -> None:
        if kind == "tag":
            self.tag_articles(ids, name)
        elif kind == "dossier":
            self.add_to_dossier(name, ids)

    def selected_ids(self) -> list[int]:
        w = self.window
        rows = sorted(i.row() for i in w.article_list.selectionModel().selectedRows())
        ids = [w.results_model.article_id(r) for r in rows]
        out = [i for i in ids if i is not None]
        if not out and w.current_article is not None:
            out = [w.current_article.id]
        return out

    def remove_selection_from_dossier(self) -> None:
        ids = self.selected_ids()
        if self.nav.view_bar.kind == "dossier" and ids:
            self.remove_from_dossier(self.nav.view_bar.name, ids)

    # --- menus ------------------------------------------------------------------------
    def context_menu(self, pos: QPoint) -> None:
        tree = self.nav.tree
        index = tree.indexAt(pos)
        entry = self.nav.model.entry(index)
        menu = QMenu(tree)
        if entry is not None:
            menu.addAction(_tr("Open"), lambda: self.nav.open_entry(entry.key))
            menu.addSeparator()
            if entry.kind == "watch":
                self._watch_menu(menu, entry)
            elif entry.kind == "tag":
                self._tag_menu(menu, entry)
            elif entry.kind == "dossier":
                self._dossier_menu(menu, entry)
        else:
            section = -1
            if index.isValid():
                section = index.row() if index.internalId() == 0 else index.internalId() - 1
            self._section_menu(menu, section)
        if not menu.isEmpty():
            menu.popup(tree.viewport().mapToGlobal(pos))

    def _section_menu(self, menu: QMenu, section: int) -> None:
        actions = self.nav.actions
        if section in (WATCHES, -1):
            menu.addAction(actions["save_watch"])
            menu.addAction(actions["load_names"])
            menu.addAction(actions["mark_all_seen"])
        if section in (DOSSIERS, -1):
            menu.addAction(actions["new_dossier"])

    def _watch_menu(self, menu: QMenu, entry: NavEntry) -> None:
        seen = menu.addAction(_tr("Mark as seen"), lambda: self.mark_seen(entry.name))
        seen.setEnabled(entry.new > 0)
        remove = menu.addAction(_tr("Remove watch…"), lambda: self.ask_delete(entry))
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))

    def _tag_menu(self, menu: QMenu, entry: NavEntry) -> None:
        name = entry.name
        rename = menu.addAction(_tr("Rename…"), lambda: self.ask_rename(entry))
        rename.setShortcut(QKeySequence("F2"))
        merge = menu.addAction(_tr("Merge into…"), lambda: self.ask_merge(entry))
        merge.setEnabled(len(self.nav.model.names(TAGS)) > 1)
        menu.addAction(_tr("Colour…"), lambda: self.ask_colour(entry))
        if entry.color:
            menu.addAction(_tr("Remove colour"), lambda: self.set_tag_color(name, None))
        menu.addSeparator()
        delete = menu.addAction(_tr("Delete tag…"), lambda: self.ask_delete(entry))
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))

    def _dossier_menu(self, menu: QMenu, entry: NavEntry) -> None:
        rename = menu.addAction(_tr("Rename…"), lambda: self.ask_rename(entry))
        rename.setShortcut(QKeySequence("F2"))
        delete = menu.addAction(_tr("Delete dossier…"), lambda: self.ask_delete(entry))
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        menu.addSeparator()
        menu.addAction(self.nav.actions["new_dossier"])

    def current(self) -> NavEntry | None:
        return self.nav.model.entry(self.nav.tree.currentIndex())

    def ask_rename(self, entry: NavEntry | None) -> None:
        if entry is None:
            return
        if entry.kind == "tag":
            new = tag_dialogs.ask_tag_rename(self.window, entry.name,
                                             self.nav.model.names(TAGS))
            if new:
                self.rename_tag(entry.name, new)
        elif entry.kind == "dossier":
            new = dossier_dialogs.ask_dossier_rename(self.window, entry.name,
                                                     self.nav.model.names(DOSSIERS))
            if new:
                self.rename_dossier(entry.name, new)

    def ask_merge(self, entry: NavEntry) -> None:
        target = tag_dialogs.ask_tag_merge(self.window, entry.name, self.nav.model.names(TAGS))
        if target:
            self.merge_tags(entry.name, target)

    def ask_colour(self, entry: NavEntry) -> None:
        chosen = tag_dialogs.ask_tag_color(self.window, entry.name, entry.color)
        if chosen:
            self.set_tag_color(entry.name, chosen)

    def ask_delete(self, entry: NavEntry | None) -> None:
        if entry is None:
            return
        count = entry.count or 0
        if entry.kind == "tag":
            if tag_dialogs.confirm_tag_delete(self.window, entry.name, count):
                self.delete_tag(entry.name)
        elif entry.kind == "dossier":
            if dossier_dialogs.confirm_dossier_delete(self.window, entry.name, count):
                self.delete_dossier(entry.name)
        elif entry.kind == "watch" and watch_dialogs.confirm_remove_watch(self.window,
                                                                          entry.name):
            self.remove_watch(entry.name)

    def extend_list_menu(self, menu: QMenu) -> None:
        bar = self.nav.view_bar
        if bar.kind == "dossier":
            ids = self.selected_ids()
            menu.addSeparator()
            action = menu.addAction(
                _tr("Remove from dossier “{0}”").format(bar.name),
                lambda: self.remove_from_dossier(bar.name, ids))
            action.setEnabled(bool(ids))
        elif bar.kind == "watch":
            menu.addSeparator()
            menu.addAction(_tr("Mark watch “{0}” as seen").format(bar.name),
                           lambda name=bar.name: self.mark_seen(name))  # type: ignore[misc]
