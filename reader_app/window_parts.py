"""What the main window is made of, declared for type checkers.

``window_layout.build_widgets`` creates these widgets on the window, and helpers such as
``ImportMixin`` and the controllers use them through the window: declaring them once here
lets mypy check every use without making the layout code a class of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolButton,
)

if TYPE_CHECKING:
    from index.library import Library
    from index.models import ImportReport
    from reader_app.facets_controller import FacetsController
    from reader_app.import_controller import ImportController
    from reader_app.models.results_model import ResultsModel
    from reader_app.search_controller import SearchController
    from reader_app.views.article_pane import ArticlePane
    from reader_app.views.article_view import ArticleView
    from reader_app.views.empty_state import DropOverlay, EmptyState, NoResults
    from reader_app.views.entity_panel import EntityPanel
    from reader_app.views.import_dialog import ImportSummaryDialog
    from reader_app.views.navigation import NavigationSidebar, ViewBar
    from reader_app.views.search_bar import SearchBar, SearchBox
    from reader_app.views.timeline import TimelineChart


class WindowParts(QMainWindow):
    """Never instantiated: the base type checkers see for the window and its mixins."""

    library: Library
    settings: QSettings
    search: SearchController
    facets: FacetsController
    jobs: ImportController
    import_dialog: ImportSummaryDialog | None
    last_report: ImportReport | None
    library_size: int
    _closing: bool
    importFinished = Signal(object)  # ImportReport

    search_bar: SearchBar
    search_box: SearchBox
    sidebar: NavigationSidebar
    view_bar: ViewBar
    banner: QLabel
    results_model: ResultsModel
    article_list: QListView
    empty_state: EmptyState
    no_results: NoResults
    timeline: TimelineChart
    list_stack: QStackedWidget
    article_pane: ArticlePane
    article_view: ArticleView
    entity_panel: EntityPanel
    progress: QProgressBar
    cancel_button: QToolButton
    report_button: QToolButton
    splitter: QSplitter
    drop_overlay: DropOverlay

    def _update_title(self) -> None: ...
