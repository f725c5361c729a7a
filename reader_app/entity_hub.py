"""Entity curation and the entity browser, wired into the main window.

Kept out of ``main_window.py`` (which stays about the reading flow): after any edit the
open article's highlights, the sidebar, the browser and the current search are all
refreshed, since an entity filter or a highlight may have changed with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMenu, QToolButton

from reader_app.entity_curation import EntityCurator
from reader_app.i18n import translate as _tr
from reader_app.models.entity_model import EntityRow
from reader_app.views.curation_menu import MergePicker, add_curation_actions
from reader_app.views.entity_browser import EntityBrowser

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow


class EntityHub(QObject):
    """Owns the curator, the merge picker and the (lazily made) browser of one window."""

    refreshed = Signal(str)  # the edit's description, once the refreshes are asked for

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.curator = EntityCurator(window.library, window.writer, self)
        self.merge_picker = MergePicker(window.library, window.readers, self.curator, window)
        self.browser: EntityBrowser | None = None
        window.entity_panel.menu_hook = self._sidebar_menu
        self.curator.renamed.connect(self._follow_rename)
        self.curator.edited.connect(self._edited)
        window.jobs.entitiesFinished.connect(lambda _n: self._reload_browser())
        self.curator.failed.connect(
            lambda msg: window.statusBar().showMessage(
                _tr("Entity edit failed: {0}").format(msg), 10000)
        )
        # Ctrl+Z belongs to the search box's text when it has focus: the entity undo
        # answers only where entities are shown (article, sidebar, browser).
        undo = window.actions_.undo_entity_edit
        undo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.article_view.addAction(undo)
        window.entity_panel.addAction(undo)

    def _sidebar_menu(self, menu: QMenu, row: EntityRow) -> None:
        menu.addSeparator()
        ref = (row.label, row.name)
        add_curation_actions(menu, ref, row.label, row.name, self.curator, self.merge_picker)
        menu.addSeparator()
        menu.addAction(self.window.actions_.undo_entity_edit)

    def _follow_rename(self, old: str, new: str) -> None:
        """A filter chip on the old name would now match nothing: it follows the entity."""
        bar = self.window.search_bar
        if old not in bar.entity_filters():
            return
        bar.blockSignals(True)  # one search, run by ``_edited``, not one per chip change
        for chip in bar.findChildren(QToolButton, "chip"):
            if chip.text() == f"{old}  ✕":
                bar.remove_entity(old, chip)
        bar.add_entity(new)
        bar.blockSignals(False)
        self.window.search.filters = bar.filters()

    def _edited(self, message: str) -> None:
        win = self.window
        if win._closing:
            return
        win.statusBar().showMessage(message, 8000)
        win.facets.invalidate()
        if win.current_article is not None:
            win.open_article(win.current_article.id, refresh_only=True)
        win.search.search_now()
        self._reload_browser()
        self.refreshed.emit(message)

    def _reload_browser(self) -> None:
        if self.browser is not None and self.browser.isVisible():
            self.browser.reload()

    def _results_changed(self) -> None:
        if self.browser is not None and self.browser.isVisible():
            self.browser.refresh_network()

    def show_browser(self) -> EntityBrowser:
        """View > Entities…: one browser per window, raised if already open."""
        if self.browser is None:
            win = self.window
            self.browser = EntityBrowser(
                win.library, win.readers, self.curator, self.merge_picker, win
            )
            self.browser.addAction(win.actions_.undo_entity_edit)
            self.browser.openArticle.connect(win.open_article)
            self.browser.filterRequested.connect(win.search_bar.add_entity)
            self.browser.results_ids = win.results_model.ids
            win.searchFinished.connect(lambda _r: self._results_changed())
        if self.browser.isVisible():
            self.browser.raise_()  # already open behind the window: bring it forward
            self.browser.activateWindow()
        else:
            self.browser.show()
        self.browser.reload()
        return self.browser

    def close(self) -> None:
        self.merge_picker.close()
        if self.browser is not None:
            self.browser.close()
