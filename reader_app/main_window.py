"""The main window: search box on top, then results | article | entities.

Every library call runs on a worker (readers: search, articles, facets; the writer:
imports and entity extraction). Answers come back as signals tagged with sequence
numbers so that a late answer for an old request never replaces a newer one.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QIcon,
    QKeyEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QToolButton,
    QWidget,
)

from index.models import Article, ImportReport, SearchResults
from reader_app.entity_hub import EntityHub
from reader_app.export_controller import ExportController
from reader_app.facets_controller import FacetsController
from reader_app.font_size import set_font_delta, stored_delta
from reader_app.help_dialogs import show_about, show_search_syntax
from reader_app.import_controller import ImportController
from reader_app.library_watch import LibraryWatch
from reader_app.list_menu import build_result_menu
from reader_app.menus import build_menus
from reader_app.models.entity_model import rows_from_mentions
from reader_app.navigation_controller import NavigationController
from reader_app.notes_controller import NotesController
from reader_app.search_controller import SearchController, SearchRequest
from reader_app.shortcuts import install_keyboard
from reader_app.state_controller import StateController
from reader_app.style import icon_path
from reader_app.team_window import install_team
from reader_app.timeline_controller import TimelineController
from reader_app.views.entity_panel import RESULTS_MODE
from reader_app.views.import_dialog import ImportSummaryDialog
from reader_app.views.preferences import install_preferences
from reader_app.views.search_bar import banner_html
from reader_app.window_import import ImportMixin
from reader_app.window_layout import build_layout, build_widgets
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from index.library import Library

PAGE_LIST, PAGE_EMPTY, PAGE_NONE = 0, 1, 2
RELATED_LIMIT = 8


def default_settings() -> QSettings:
    return QSettings("Veille", "Veille")


class MainWindow(ImportMixin, QMainWindow):
    """Signals let tests (and other windows) wait for background work to land."""

    importFinished = Signal(object)  # ImportReport
    searchFinished = Signal(object)  # SearchResults, once shown in the list
    articleShown = Signal(int)  # article id, once rendered
    entitiesRefreshed = Signal(int)  # article id whose entities were re-read
    facetsShown = Signal(object)  # dict from Library.facets
    relatedShown = Signal(object)  # SearchResults of related articles
    libraryCounted = Signal(int)

    def __init__(
        self, library: Library, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings if settings is not None else default_settings()
        self.readers = TaskRunner(3, self)
        self.writer = TaskRunner(1, self)
        self.search = SearchController(library, self.readers, self)
        self.facets = FacetsController(library, self.readers, self.search, self)
        self.current_article: Article | None = None
        self.last_report: ImportReport | None = None
        self.import_dialog: ImportSummaryDialog | None = None
        self._article_seq = 0
        self._shown: SearchResults | None = None  # the results on screen (for the banner)
        self._closing = False
        self.library_size = 0
        self.setWindowTitle("Veille")
        self.setWindowIcon(QIcon(icon_path("veille")))
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_layout()
        self.actions_ = build_menus(self, self._menu_slots())
        self.jobs = ImportController(
            library, self.writer, self.progress, self.cancel_button, self.statusBar(), self
        )
        self.entity_hub = EntityHub(self)
        self.watch = LibraryWatch(library, self.readers, self.statusBar(), self)
        self._watching = False
        self.navigation = NavigationController(self)  # sidebar: library, watches, tags...
        self._connect()
        self.states = StateController(self)  # read, star, tag, delete... (list)
        self.notes = NotesController(self)  # the open article's note and highlights
        self.timeline_control = TimelineController(self)  # the histogram above the list
        self.exports = ExportController(self)  # File > Export…, File > Print…
        self.preferences = install_preferences(self)  # Edit > Preferences (Ctrl+,)
        self.keyboard = install_keyboard(self)  # Ctrl+F find bar, tab order, shortcuts
        # File > Sync, the article's history, the team archive switch (issue 13)
        self.team_sync, self.team_search, self.article_history = install_team(self)
        self._restore_settings()
        self._count_library()

    # --- construction --------------------------------------------------------------
    def _build_widgets(self) -> None:
        build_widgets(self)

    def _build_layout(self) -> None:
        build_layout(self)

    def _menu_slots(self) -> dict:
        return {
            "import_files": self.choose_files,
            "import_folder": self.choose_folder,
            "load_samples": self.load_samples,
            "last_report": self.show_last_report,
            "focus_search": self.focus_search,
            "find_in_article": lambda: self.keyboard.find_bar.open_bar(),
            "next_match": lambda: self.step_match(True),
            "prev_match": lambda: self.step_match(False),
            "article_entities": lambda: self.entity_panel.set_mode(0),
            "results_entities": lambda: self.entity_panel.set_mode(RESULTS_MODE),
            "toggle_related": self._toggle_related,
            "zoom_in": lambda: self.zoom_article(1),
            "zoom_out": lambda: self.zoom_article(-1),
            "reset_filters": self.reset_filters,
            "undo_entity_edit": lambda: self.entity_hub.curator.undo(),
            "entity_browser": lambda: self.entity_hub.show_browser(),
            "extract_entities": lambda: self.jobs.extract_entities(),
            "search_syntax": lambda: show_search_syntax(self),
            "about": lambda: show_about(self),
        }

    def _connect(self) -> None:
        sb = self.search_bar
        sb.box.textEdited.connect(self.search.set_query)
        sb.box.returnPressed.connect(lambda: self.search.search_now(sb.box.text()))
        sb.box.textChanged.connect(self._text_changed)
        sb.box.navigate.connect(self._navigate_list)
        sb.sortChanged.connect(self.search.set_sort)
        sb.groupingChanged.connect(self.search.set_by_story)
        sb.filtersChanged.connect(lambda: self.search.set_filters(sb.filters()))
        self.search.resultsReady.connect(self.navigation.route_results)  # -> _show_results
        self.facets.facetsReady.connect(self._facets_done)
        self.facets.entitiesReady.connect(self.entity_panel.set_result_entities)
        self.facets.failed.connect(self._facets_failed)
        self.search.searchFailed.connect(self._search_failed)
        self.watch.changed.connect(self._library_changed)
        self.results_model.rowsWanted.connect(self._fetch_rows)
        self.article_list.customContextMenuRequested.connect(self._list_menu)
        self.article_list.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.article_pane.stepMatch.connect(self.step_match)
        self.article_view.linkRefused.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.article_pane.relatedActivated.connect(self.open_article)
        self.entity_panel.entityActivated.connect(self._focus_entity)
        self.entity_panel.filterRequested.connect(sb.add_entity)
        self.entity_panel.modeChanged.connect(lambda _m: self._refresh_facets())
        self.empty_state.loadSamplesRequested.connect(self.load_samples)
        self.empty_state.importRequested.connect(self.choose_files)
        self.banner.linkActivated.connect(self._banner_link)
        self.report_button.clicked.connect(self.show_last_report)
        self.article_pane.related_toggle.toggled.connect(self.actions_.show_related.setChecked)
        self.jobs.importFinished.connect(self._import_finished)
        self.jobs.entitiesProgress.connect(lambda _d, _t: self._entities_arrived())
        self.jobs.entitiesFinished.connect(lambda _n: self._entities_arrived(final=True))

    # --- settings ------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/panes")  # four panes since the sidebar
        self._sized = isinstance(state, QByteArray) and self.splitter.restoreState(state)
        sort = self.settings.value("search/sort", "relevance")
        index = self.search_bar.sort.findData(sort)
        if index >= 0:
            self.search_bar.sort.blockSignals(True)
            self.search_bar.sort.setCurrentIndex(index)
            self.search_bar.sort.blockSignals(False)
            self.search.sort = str(sort)
        if self.settings.value("view/entityMode", 0, int) == RESULTS_MODE:
            self.entity_panel.set_mode(RESULTS_MODE)
        self._zoom = 0
        self.zoom_article(stored_delta(self.settings))  # ui/fontDelta
        related = bool(self.settings.value("view/related", True, bool))
        self.actions_.show_related.setChecked(related)
        self.article_pane.set_related_visible(related)

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/panes", self.splitter.saveState())
        self.settings.setValue("search/sort", self.search_bar.sort_key())
        self.settings.setValue("view/entityMode", self.entity_panel.mode)
        self.settings.setValue("view/related", self.actions_.show_related.isChecked())
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        """First run: share the real width 16 / 26 / 40 / 18 rather than squeeze the article."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = self.splitter.width()
            self.splitter.setSizes([int(width * f) for f in (0.16, 0.26, 0.40, 0.18)])

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop background work and wait for it, so no thread outlives the window."""
        self._closing = True
        self._save_settings()
        if self.import_dialog is not None:
            self.import_dialog.close()
        self.entity_hub.close()
        self.search.stop()
        self.watch.stop()
        self.hide()  # the window goes at once; an entity batch may take a moment to stop
        self.article_view.wait_idle()  # a long article's slice builder
        self.readers.shutdown()
        self.writer.shutdown()
        self.notes.close()  # saves a note being typed, waits for its write
        self.states.close()  # its writes, then purge this window's deleted articles
        super().closeEvent(event)

    # --- library state ---------------------------------------------------------------
    def _count_library(self) -> None:
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, int]:
            return int(lib.article_count()), int(lib.pending_entities())

        self.readers.start(job, self._library_counted)

    def _library_counted(self, counts: tuple[int, int]) -> None:
        if self._closing:
            return
        count, pending = counts
        if pending and not self._watching:
            self.jobs.extract_automatically()  # a previous session stopped before finishing
        if not self._watching:
            self._watching = True
            self.watch.start()  # upkeep after the window shows; then follow other processes
        self.library_size = count
        self._update_title()
        if count == 0:
            self.list_stack.setCurrentIndex(PAGE_EMPTY)
            self.search_bar.set_count(0, 0)
        else:
            self.search.search_now()
        self.libraryCounted.emit(count)

    def _library_changed(self) -> None:
        """Another process (or upkeep) changed the library: show its new state."""
        if self._closing:
            return
        self.facets.invalidate()
        self._count_library()
        if self.current_article is not None:
            self.open_article(self.current_article.id, refresh_only=True)

    def _search_failed(self, message: str) -> None:
        if self._closing:
            return
        self.banner.setText(message[:1].upper() + message[1:])
        self.banner.setVisible(True)

    def _update_title(self) -> None:
        n = self.library_size
        self.setWindowTitle(self.tr("Veille — %Ln article(s)", "", n) if n else "Veille")

    # --- search ----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _text_changed(self, text: str) -> None:
        if not text and not self.search_box.isModified():
            self.search.set_query("")  # the clear button: show everything again

    def _navigate_list(self, event: QKeyEvent) -> None:
        copy = QKeyEvent(event.type(), event.key(), event.modifiers())
        QApplication.sendEvent(self.article_list, copy)

    def _show_results(self, request: SearchRequest, results: SearchResults) -> None:
        if self._closing:
            return
        same_query = (results.corrected or results.query) == self.results_model.query
        scroll = self.article_list.verticalScrollBar().value()
        self.results_model.set_results(results)
        self.search_bar.set_count(self.results_model.rowCount(), results.total, results.articles)
        self._show_banner(results)
        if self.results_model.rowCount():
            self.list_stack.setCurrentIndex(PAGE_LIST)
        elif self.library_size == 0 and not request.query and request.filters is None:
            self.list_stack.setCurrentIndex(PAGE_EMPTY)
        else:
            self.no_results.show_query(request.query, request.filters is not None)
            self.list_stack.setCurrentIndex(PAGE_NONE)
        if same_query:
            self.article_list.verticalScrollBar().setValue(scroll)  # a refresh, not a new search
        self._keep_reading(same_query)
        self._refresh_facets()
        self.searchFinished.emit(results)

    def _keep_reading(self, same_query: bool) -> None:
        """Keep the open article selected; re-render it only when the matches changed."""
        if self.current_article is None:
            return
        row = self.results_model.row_of(self.current_article.id)
        if row >= 0:
            selection = self.article_list.selectionModel()
            selection.blockSignals(True)
            self.article_list.setCurrentIndex(self.results_model.index(row))
            selection.blockSignals(False)
            self.article_list.viewport().update()
        if not same_query:
            self.open_article(self.current_article.id)

    def _show_banner(self, results: SearchResults) -> None:
        self._shown = results
        text = banner_html(results)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _banner_link(self, link: str) -> None:
        """"Did you mean": run the suggestion. "Search exactly what I typed": quoted words
        are taken as written (the engine does not correct them)."""
        if link == "suggest":
            suggestion = self._shown.suggestion if self._shown is not None else None
            if suggestion:
                self.search_box.setText(suggestion)
                self.search.search_now(suggestion)
            return
        words = self.search.query.split()
        if words and not any(c in self.search.query for c in '"«“:()'):
            self.search_box.setText(" ".join(f'"{w}"' for w in words))
            self.search.search_now(self.search_box.text())
    def _list_menu(self, pos: QPoint) -> None:
        menu = build_result_menu(self.article_list, pos, self.search_bar, self.current_article,
                                 self.states.actions)
        if menu is not None:
            self.navigation.extend_list_menu(menu)  # e.g. "Remove from dossier"
            menu.popup(self.article_list.viewport().mapToGlobal(pos))

    def _fetch_rows(self, generation: int, ids: list[int]) -> None:
        lib, query = self.library, self.results_model.query

        def job(_p: ProgressFn, _c: threading.Event) -> tuple:
            return generation, lib.hits(query, ids)

        self.readers.start(job, lambda r: self.results_model.add_hits(*r))

    def reset_filters(self) -> None:
        bar = self.search_bar
        for name in bar.entity_filters():
            for chip in bar.findChildren(QToolButton, "chip"):
                if chip.text().startswith(name):
                    bar.remove_entity(name, chip)
        bar.date_from.setDate(bar.date_from.minimumDate())
        bar.date_to.setDate(bar.date_to.minimumDate())
        bar.source.setCurrentIndex(0)
        bar.lang.setCurrentIndex(0)

    def _refresh_facets(self) -> None:
        """Source and language counts, and the sidebar's 'all results' entities."""
        if not self._closing:
            self.facets.refresh(with_entities=self.entity_panel.mode == RESULTS_MODE)

    def _facets_failed(self, message: str) -> None:
        if not self._closing and self.entity_panel.mode == RESULTS_MODE:
            self.entity_panel.set_hint(
                self.tr("Could not count the entities of these results ({0}).").format(message)
            )

    def _facets_done(self, facets: dict) -> None:
        if not self._closing:
            self.search_bar.set_facets(facets)
            self.facetsShown.emit(facets)

    # --- reading ---------------------------------------------------------------------
    def _select_row(self, row: int) -> None:
        index = self.results_model.index(row)
        self.article_list.setCurrentIndex(index)
        self.article_list.scrollTo(index)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.results_model.article_id(current.row()) if current.isValid() else None
        if article_id is not None:
            self.open_article(article_id)

    def open_article(self, article_id: int, refresh_only: bool = False) -> None:
        """Load an article (and the query's matches in it) on a worker, then show it."""
        self._article_seq += 1
        seq, lib, query = self._article_seq, self.library, self.results_model.query

        def job(_p: ProgressFn, _c: threading.Event) -> tuple:
            article = lib.article(article_id)
            spans = lib.match_spans(query, article.text) if article and query else []
            # the sidebar's rows read the whole text: 2.7 s on the GUI thread at 60 MB
            rows = rows_from_mentions(article.mentions, article.text) if article else []
            return seq, article, spans, refresh_only, rows

        self.readers.start(job, self._article_loaded)

    def _article_loaded(self, payload: tuple) -> None:
        seq, article, spans, refresh_only, rows = payload
        if self._closing or seq != self._article_seq or article is None:
            return
        same = self.current_article is not None and self.current_article.id == article.id
        self.current_article = article
        if refresh_only and same:
            self.article_view.update_mentions(article)
        else:
            self.article_view.show_article(article, spans)
            self._load_related(article.id)
        self.entity_panel.set_article_entities(rows, pending=not article.entities_done)
        if refresh_only:
            self.entitiesRefreshed.emit(article.id)
        else:
            self.articleShown.emit(article.id)

    def _load_related(self, article_id: int) -> None:
        """Related articles and the article's other versions, on a reader."""
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple:
            return article_id, lib.related(article_id, RELATED_LIMIT), \
                lib.story_comparison(article_id)

        self.readers.start(job, self._related_loaded)

    def _related_loaded(self, payload: tuple) -> None:
        article_id, results, story = payload
        if self._closing or self.current_article is None or self.current_article.id != article_id:
            return
        self.article_pane.story_panel.set_story(article_id, story)
        self.article_pane.set_related(results)
        self.relatedShown.emit(results)

    def _toggle_related(self) -> None:
        self.article_pane.set_related_visible(self.actions_.show_related.isChecked())

    def zoom_article(self, steps: int) -> None:
        """Larger or smaller text (article, list, sidebars), remembered across sessions."""
        self._zoom = set_font_delta(self, self._zoom + steps, self._zoom)

    def step_match(self, forward: bool = True) -> None:
        self.article_view.step_match(forward)

    def _focus_entity(self, label: str, name: str) -> None:
        current, total = self.article_view.focus_entity(label, name)  # type: ignore[arg-type]
        if total:
            self.statusBar().showMessage(
                self.tr("{0}: mention {1} of {2}").format(name, current, total), 5000)

    def _entities_arrived(self, final: bool = False) -> None:
        """Re-read the open article when its entities may just have been stored."""
        self.facets.invalidate()
        article = self.current_article
        if article is not None and not article.entities_done and not self._closing:
            self.open_article(article.id, refresh_only=True)
        if final:
            self._refresh_facets()
