"""The main window's widgets and how they are laid out (kept apart from its behaviour)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader_app.i18n import translate as _tr
from reader_app.models.results_model import ResultsModel
from reader_app.style import SAMPLES, icon_path
from reader_app.views.article_pane import ArticlePane
from reader_app.views.empty_state import DropOverlay, EmptyState, NoResults
from reader_app.views.entity_panel import EntityPanel
from reader_app.views.navigation import NavigationSidebar, ViewBar
from reader_app.views.result_delegate import ResultDelegate
from reader_app.views.search_bar import SearchBar
from reader_app.views.timeline import TimelineChart

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow


def build_widgets(self: MainWindow) -> None:
    self.search_bar = SearchBar(self)
    self.search_box = self.search_bar.box
    self.sidebar = NavigationSidebar(self)  # before the list: the tab order follows
    self.view_bar = ViewBar(self)
    self.banner = QLabel(self)
    self.banner.setObjectName("banner")
    self.banner.setWordWrap(True)
    self.banner.hide()
    self.results_model = ResultsModel(self)
    self.article_list = QListView(self)
    self.article_list.setObjectName("articleList")
    self.article_list.setModel(self.results_model)
    self.article_list.setItemDelegate(ResultDelegate(self.article_list))
    self.article_list.setUniformItemSizes(True)
    self.article_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    self.article_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    self.article_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    self.article_list.setMouseTracking(True)
    self.article_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    self.empty_state = EmptyState(self)
    self.empty_state.set_samples_available(SAMPLES.is_dir())
    self.no_results = NoResults(self)
    self.timeline = TimelineChart(self)  # results per month, above the list
    self.list_stack = QStackedWidget(self)
    for page in (self.article_list, self.empty_state, self.no_results):
        self.list_stack.addWidget(page)
    self.article_pane = ArticlePane(self)
    self.article_view = self.article_pane.view
    self.entity_panel = EntityPanel(self)
    self.progress = QProgressBar(self)
    self.progress.setObjectName("importProgress")
    self.progress.setTextVisible(True)
    self.cancel_button = QToolButton(self)
    self.cancel_button.setObjectName("cancelButton")
    self.cancel_button.setText(_tr("Cancel"))
    self.cancel_button.setToolTip(_tr("Stop the import or the entity search; what is done stays"))
    self.cancel_button.setIcon(QIcon(icon_path("cancel")))
    self.cancel_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    self.report_button = QToolButton(self)
    self.report_button.setText(_tr("Import details…"))
    self.report_button.setAutoRaise(True)
    self.report_button.hide()
    for widget, name in (
        (self.search_box, _tr("Search the library")),
        (self.article_list, _tr("Articles found")),
        (self.article_view, _tr("Article")),
        (self.entity_panel.tree, _tr("Entities")),
        (self.progress, _tr("Background work progress")),
        (self.cancel_button, _tr("Cancel")),
        (self.report_button, _tr("Import details")),
    ):
        widget.setAccessibleName(name)

def build_layout(self: MainWindow) -> None:
    left = QWidget(self)
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.setSpacing(0)
    left_layout.addWidget(self.banner)
    left_layout.addWidget(self.view_bar)
    left_layout.addWidget(self.timeline)
    left_layout.addWidget(self.list_stack, 1)
    self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
    self.splitter.setObjectName("mainSplitter")
    left.setMinimumWidth(240)
    self.article_pane.setMinimumWidth(320)
    self.splitter.addWidget(self.sidebar)
    self.splitter.addWidget(left)
    self.splitter.addWidget(self.article_pane)
    self.splitter.addWidget(self.entity_panel)
    self.splitter.setStretchFactor(2, 1)
    self.splitter.setChildrenCollapsible(False)
    self.splitter.setSizes([210, 400, 580, 320])
    central = QWidget(self)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(self.search_bar)
    layout.addWidget(self.splitter, 1)
    self.setCentralWidget(central)
    self.drop_overlay = DropOverlay(central)
    status = self.statusBar()
    status.addPermanentWidget(self.report_button)
    status.addPermanentWidget(self.progress)
    status.addPermanentWidget(self.cancel_button)
    self.resize(1280, 800)
