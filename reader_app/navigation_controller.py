"""The sidebar's behaviour: its counts, opening an entry, and what a watch or a dossier
shows in the result list.

Opening an entry is an ordinary search through the window's search controller (the
box shows the query, the filters are the entry's), so the list, the facets and the
article follow as for any search. Results pass through ``route_results``: a plain
search goes straight to the window; the search of a watch gets its new articles first
(marked), that of a dossier its own order and the notes, arranged on a reader thread.
Counts are read on a reader after every import, every write from the sidebar, and
whenever the library changes under the window (``window.watch.changed``).
"""

from __future__ import annotations

import html
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QDate, QModelIndex, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolButton

from index.errors import VeilleError
from index.models import ImportReport, SearchFilters, SearchResults
from reader_app.i18n import translate as _tr
from reader_app.navigation_edits import NavigationEdits
from reader_app.search_controller import FIRST_PAGE, SearchRequest
from reader_app.views.import_dialog import summary_text
from reader_app.views.list_drag import ListDrag
from reader_app.views.navigation import (
    LIBRARY_KINDS,
    LIBRARY_QUERIES,
    Key,
    NavEntry,
    NavSnapshot,
)
from reader_app.views.search_bar import ANY_DATE
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

HIT_CAP = 500  # rows of a watch or dossier given their marks at once; the rest load lazily
NOTE_CHARS = 300
SETTING_VISIBLE = "view/sidebar"
SETTING_WIDTH = "view/sidebarWidth"
SETTING_ENTRY = "view/sidebarEntry"
SETTING_COLLAPSED = "view/sidebarCollapsed"


def load_snapshot(lib: Any) -> NavSnapshot:
    """Everything the sidebar counts (on a reader thread)."""
    counts: dict[str, int | None] = {"all": int(lib.article_count())}
    for kind in LIBRARY_KINDS[1:]:
        try:
            counts[kind] = int(lib.search(LIBRARY_QUERIES[kind], limit=0).total)
        except VeilleError:  # e.g. the index is being rebuilt: no count for now
            counts[kind] = None
    return NavSnapshot(counts, tuple(lib.watches(totals=False)), tuple(lib.tags()),
                       tuple(lib.dossiers()))


def arrange(lib: Any, kind: str, name: str, query: str, results: SearchResults,
            own_order: bool) -> tuple[SearchResults, dict[str, int]]:
    """A watch's results with its new articles first (marked "New"), or a dossier's in
    its own order with each article's note in the row (on a reader thread)."""
    if kind == "watch":
        fresh = set(lib.watch_new_ids(name))
        new = [i for i in results.ids if i in fresh]
        ids = new + [i for i in results.ids if i not in fresh]
        first = ids[:min(HIT_CAP, max(FIRST_PAGE, len(new)))]
        mark = html.escape(_tr("New"))
        hits = [replace(h, snippet=f"<mark>{mark}</mark> · {h.snippet}")
                if h.article_id in fresh else h for h in lib.hits(query, first)]
        info = {"new": len(new), "total": results.total}
    else:
        present = set(results.ids)
        ids = ([i for i in lib.dossier_articles(name) if i in present] if own_order
               else list(results.ids))
        first = ids[:HIT_CAP]
        notes = lib.notes(first)
        hits = [replace(h, snippet=_note_snippet(notes[h.article_id]))
                if h.article_id in notes else h for h in lib.hits(query, first)]
        info = {"count": len(ids)}
    return replace(results, ids=tuple(ids), hits=tuple(hits)), info


def _note_snippet(note: str) -> str:
    text = " ".join(note.split())
    if len(text) > NOTE_CHARS:
        text = text[:NOTE_CHARS].rstrip() + "…"
    return "✎ " + html.escape(text)


def watch_news(found: dict[str, int], limit: int = 3) -> str:
    """'3 new for Sahel, 1 new for Mali' (the largest first; the rest counted)."""
    items = sorted(found.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    parts = [_tr("%n new for {name}", "", n).format(name=name) for name, n in items[:limit]]
    if len(items) > limit:
        parts.append(_tr("%n more watch(es) with new articles", "", len(items) - limit))
    return ", ".join(parts)


def apply_filters(bar: Any, filters: SearchFilters | None) -> None:
    """Show ``filters`` in the search bar without it emitting a search per control."""
    f = filters or SearchFilters()
    bar.blockSignals(True)
    try:
        for name in bar.entity_filters():
            for chip in bar.findChildren(QToolButton, "chip"):
                if chip.text().startswith(name):
                    bar.remove_entity(name, chip)
                    break
        for edit, value in ((bar.date_from, f.date_from), (bar.date_to, f.date_to)):
            date = QDate.fromString(value[:10], "yyyy-MM-dd") if value else ANY_DATE
            edit.setDate(date if date.isValid() else ANY_DATE)
        for combo, values in ((bar.source, f.sources), (bar.lang, f.langs)):
            if values:
                combo.select_value(values[0])
            else:
                combo.setCurrentIndex(0)
        for name in f.entities:
            bar.add_entity(name)
    finally:
        bar.blockSignals(False)


class NavigationController(QObject):
    """Owns the sidebar's model and the list's dossier drag; see the module docstring."""

    countsShown = Signal()  # the sidebar shows freshly read counts
    viewShown = Signal(str, str)  # kind, name: a watch or dossier is shown in the list

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.sidebar = window.sidebar
        self.model = window.sidebar.model
        self.tree = window.sidebar.tree
        self.view_bar = window.view_bar
        self.settings = window.settings
        self.drag = ListDrag(window.article_list, self)
        self.current: Key | None = None  # the entry whose search the list shows
        self.requested: Key | None = None  # the entry last opened
        self.loaded = False
        self._syncing = False
        self._refreshing = False
        self._refresh_again = False
        self._restore = _key_from(str(self.settings.value(SETTING_ENTRY, "") or ""))
        self._open_next: Key | None = None
        self.edits = NavigationEdits(self)
        self.news = QToolButton(window)  # "3 new for Sahel" after an import; opens it
        self.news.setObjectName("watchNews")
        self.news.setAutoRaise(True)
        self.news.setAccessibleName(_tr("New articles for your watches"))
        self.news.hide()
        self._news_watch = ""
        window.statusBar().addPermanentWidget(self.news)
        self.actions = self._install_actions(window.menuBar())
        self._connect()
        self._restore_view()
        self.refresh()

    # --- construction ---------------------------------------------------------------
    def _connect(self) -> None:
        w, tree = self.window, self.tree
        tree.selectionModel().currentChanged.connect(self._current_changed)
        tree.clicked.connect(self._clicked)
        tree.activated.connect(self._clicked)
        tree.customContextMenuRequested.connect(self.edits.context_menu)
        tree.renameRequested.connect(lambda: self.edits.ask_rename(self.edits.current()))
        tree.deleteRequested.connect(lambda: self.edits.ask_delete(self.edits.current()))
        tree.expanded.connect(lambda _i: self._save_collapsed())
        tree.collapsed.connect(lambda _i: self._save_collapsed())
        self.model.tagDropped.connect(self.edits.tag_dropped)
        self.model.articlesDropped.connect(self.edits.articles_dropped)
        self.sidebar.save_watch.clicked.connect(self.edits.ask_save_watch)
        self.sidebar.new_dossier.clicked.connect(self.edits.ask_new_dossier)
        self.view_bar.mark_seen.clicked.connect(lambda: self.edits.mark_seen(self.view_bar.name))
        self.view_bar.remove.clicked.connect(self.edits.remove_selection_from_dossier)
        self.news.clicked.connect(lambda: self.open_entry(("watch", self._news_watch)))
        self.drag.reorderRequested.connect(self.edits.reorder)
        w.importFinished.connect(self._import_finished)
        w.watch.changed.connect(self.refresh)
        w.splitter.splitterMoved.connect(lambda _p, _i: self._save_width())

    def _install_actions(self, bar: QMenuBar) -> dict[str, QAction]:
        made: dict[str, QAction] = {}
        table = (
            ("toggle", _tr("&Sidebar"), "F9", self.set_sidebar_visible),
            ("save_watch", _tr("Save search as &watch…"), "Ctrl+Shift+S",
             self.edits.ask_save_watch),
            ("load_names", _tr("&Load a list of names…"), "Ctrl+Alt+W", self.edits.ask_watch_list),
            ("mark_all_seen", _tr("&Mark all watches as seen"), "Ctrl+Alt+M",
             lambda: self.edits.mark_seen(None)),
            ("new_dossier", _tr("New &dossier…"), "Ctrl+Alt+D", self.edits.ask_new_dossier),
        )
        for name, text, shortcut, slot in table:
            action = QAction(text, self.window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            if name == "toggle":
                action.setCheckable(True)
                action.setChecked(True)
                action.toggled.connect(slot)
            else:
                action.triggered.connect(lambda _c=False, s=slot: s())
            made[name] = action
        made["toggle"].setStatusTip(_tr("Show or hide the library, watches, tags and dossiers"))
        made["save_watch"].setStatusTip(_tr("Count the new articles of this search at every "
                                            "import"))
        made["load_names"].setStatusTip(_tr("One watch per name of a text or CSV file"))
        menu = QMenu(_tr("&Search"), bar)
        view = _menu(bar, "&View")
        if view is not None:
            if view.actions():
                first = view.actions()[0]
                view.insertAction(first, made["toggle"])
                view.insertSeparator(first)
            else:
                view.addAction(made["toggle"])
        else:
            menu.addAction(made["toggle"])
        for name in ("save_watch", "load_names", "mark_all_seen"):
            menu.addAction(made[name])
        menu.addSeparator()
        menu.addAction(made["new_dossier"])
        help_menu = _menu(bar, "&Help")
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), menu)
        else:
            bar.addMenu(menu)
        return made

    # --- settings -------------------------------------------------------------------
    def _restore_view(self) -> None:
        visible = self.settings.value(SETTING_VISIBLE, True, bool)
        self.actions["toggle"].setChecked(bool(visible))
        self.sidebar.setVisible(bool(visible))
        collapsed = str(self.settings.value(SETTING_COLLAPSED, "") or "")
        for part in collapsed.split(","):
            if part.strip().isdigit():
                self.tree.collapse(self.model.index(int(part), 0))

    def _save_collapsed(self) -> None:
        self.settings.setValue(SETTING_COLLAPSED,
                               ",".join(str(s) for s in sorted(self.sidebar.collapsed)))

    def _save_width(self) -> None:
        if self.sidebar.isVisible() and self.sidebar.width() > 0:
            self.settings.setValue(SETTING_WIDTH, self.sidebar.width())

    def set_sidebar_visible(self, visible: bool) -> None:
        """View > Sidebar (F9): hide or show it at the width it had."""
        splitter = self.window.splitter
        if not visible and self.sidebar.isVisible():
            self._save_width()
            focus = self.window.focusWidget()
            if focus is not None and self.sidebar.isAncestorOf(focus):
                self.window.article_list.setFocus()
        self.sidebar.setVisible(visible)
        if visible:
            width = int(cast(int, self.settings.value(SETTING_WIDTH, 220, int)))
            sizes = splitter.sizes()
            at = splitter.indexOf(self.sidebar)
            if at + 1 < len(sizes) and sizes[at] != width:
                give = width - sizes[at]
                sizes[at] = width
                sizes[at + 1] = max(240, sizes[at + 1] - give)
                splitter.setSizes(sizes)
        self.settings.setValue(SETTING_VISIBLE, visible)
        if self.actions["toggle"].isChecked() != visible:
            self.actions["toggle"].setChecked(visible)

    # --- counts ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the counts again (one read at a time; a request meanwhile runs after)."""
        if self.window._closing:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> NavSnapshot:
            return load_snapshot(lib)

        self.window.readers.start(job, self._snapshot_loaded, self._snapshot_failed)

    def _snapshot_loaded(self, snap: NavSnapshot) -> None:
        self._refreshing = False
        if self.window._closing:
            return
        if not any(w.new for w in snap.watches):
            self.news.hide()  # everything was marked as seen
        self._syncing = True
        try:
            self.model.set_snapshot(snap)
            self._select(self.current)
        finally:
            self._syncing = False
        if not self.loaded:
            self.loaded = True
            self._restore_entry(snap)
        key = self._open_next
        if key is not None and (self.model.find(key) is not None or not self._refresh_again):
            self._open_next = None  # else wait for the read already asked for
            self.open_entry(key)
        self.countsShown.emit()
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _snapshot_failed(self, message: str) -> None:
        self._refreshing = False
        if not self.window._closing:
            self.window.statusBar().showMessage(
                _tr("The sidebar's counts could not be read: {0}").format(message), 10000)

    def _restore_entry(self, snap: NavSnapshot) -> None:
        key, self._restore = self._restore, None
        if key is not None and snap.counts.get("all") and self.model.find(key) is not None:
            self.open_entry(key)

    def _import_finished(self, report: ImportReport) -> None:
        """Say which watches got new articles: in the status bar, and on a button that
        stays (the entity progress soon replaces the message) and opens the first."""
        self.refresh()
        if not report.watches:
            return
        news = watch_news(report.watches)
        self.window.statusBar().showMessage(f"{summary_text(report)} — {news}", 30000)
        self._news_watch = max(report.watches.items(), key=lambda kv: kv[1])[0]
        self.news.setText(news)
        self.news.setToolTip(_tr("Open the watch “{0}”").format(self._news_watch))
        self.news.show()

    def open_after_refresh(self, key: Key) -> None:
        """Open ``key`` once the counts read next list it (e.g. a tag just renamed)."""
        self._open_next = key
        self.refresh()

    # --- opening an entry -------------------------------------------------------------
    def open_entry(self, key: Key) -> None:
        """Run the entry's search: the box shows it, the filters are the entry's."""
        entry = self.model.find(key)
        if entry is None:
            return
        self.requested = entry.key
        self._select(entry.key)
        self._save_entry(entry.key)
        w = self.window
        apply_filters(w.search_bar, entry.filters)
        w.search.filters = entry.filters
        w.search_box.setText(entry.query)
        w.search.search_now(entry.query)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current)
        if not self._syncing and entry is not None:
            self.open_entry(entry.key)

    def _clicked(self, index: QModelIndex) -> None:
        entry = self.model.entry(index)
        if entry is None or self._is_shown(entry):
            return
        self.open_entry(entry.key)

    def _is_shown(self, entry: NavEntry) -> bool:
        search = self.window.search
        return (self.requested == entry.key and search.query.strip() == entry.query
                and search.filters == entry.filters)

    def _select(self, key: Key | None) -> None:
        """Select the entry without opening it (the list already shows its search)."""
        index = self.model.index_of(key) if key is not None else QModelIndex()
        if index == self.tree.currentIndex() and (index.isValid() or
                                                  not self.tree.selectionModel().hasSelection()):
            return
        was, self._syncing = self._syncing, True
        try:
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
            else:
                self.tree.selectionModel().clear()
        finally:
            self._syncing = was

    def _save_entry(self, key: Key | None) -> None:
        self.settings.setValue(SETTING_ENTRY, "\t".join(key) if key else "")

    # --- results of the window's searches ---------------------------------------------
    def route_results(self, request: SearchRequest, results: SearchResults) -> None:
        """The window's searches arrive here; see the module docstring."""
        entry = self.model.match_search(request.query, request.filters, self.requested)
        key = entry.key if entry is not None else None
        if key != self.current:
            self.current = key
            self._select(key)
            self._save_entry(key)
        if entry is None or entry.kind not in ("watch", "dossier"):
            self._show_plain(request, results)
            return
        lib, kind, name = self.library, entry.kind, entry.name
        own_order = kind == "watch" or request.sort == "relevance"

        def job(_p: ProgressFn, _c: threading.Event) -> tuple:
            return (request, kind, name, own_order,
                    *arrange(lib, kind, name, request.query, results, own_order))

        self.window.readers.start(job, self._arranged,
                                  lambda _m: self._show_plain(request, results))

    def _show_plain(self, request: SearchRequest, results: SearchResults) -> None:
        if request.seq != self.window.search.latest_seq:
            return
        self.view_bar.clear()
        self.drag.set_reordering(False)
        self.window._show_results(request, results)

    def _arranged(self, payload: tuple) -> None:
        request, kind, name, own_order, results, info = payload
        if self.window._closing or request.seq != self.window.search.latest_seq:
            return
        self.window._show_results(request, results)
        if kind == "watch":
            self.view_bar.show_watch(name, info["new"], info["total"])
        else:
            self.view_bar.show_dossier(name, info["count"], own_order)
        self.drag.set_reordering(kind == "dossier" and own_order)
        self.viewShown.emit(kind, name)

    def rerun(self) -> None:
        """Search again what the list shows (after a write that changes it)."""
        if not self.window._closing:
            self.window.search.search_now()

    def extend_list_menu(self, menu: QMenu) -> None:
        """The result list's context menu: what the open watch or dossier adds to it."""
        self.edits.extend_list_menu(menu)


def _menu(bar: QMenuBar, title: str) -> QMenu | None:
    """The window's menu with this English title, in any interface language."""
    named = bar.findChild(QMenu, "menu" + title.replace("&", ""))
    if named is not None:
        return named
    for action in bar.actions():
        if action.menu() is not None and action.text() == title:
            return action.menu()  # type: ignore[return-value]
    return None


def _key_from(text: str) -> Key | None:
    kind, _, name = text.partition("\t")
    return (kind, name) if kind else None
