"""The entity browser: every entity of the library, searchable, curatable, over time.

A non-modal dialog so it can stay open beside the reader. Every library call runs on
the readers' pool; answers carry a sequence number and stale ones are dropped.
"""

from __future__ import annotations

import html
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from index.models import ENTITY_TYPES, Article, EntityInfo
from reader_app.entity_curation import EntityCurator
from reader_app.i18n import entity_type_name, format_date
from reader_app.i18n import translate as _tr
from reader_app.models.entity_browser_model import EntityTableModel
from reader_app.views.curation_menu import MergePicker, add_curation_actions
from reader_app.views.entity_companions import CompanionList
from reader_app.views.entity_network import EntityNetwork
from reader_app.views.month_chart import MonthChart
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from index.cooccurrence import Companion, Network
    from index.library import Library

TYPING_DELAY_MS = 150
ArticleIdRole = Qt.ItemDataRole.UserRole + 30


class EntityBrowser(QDialog):
    """Search field, type and sort filters, the table; the chosen entity's articles below."""

    openArticle = Signal(int)
    filterRequested = Signal(str)
    entitiesLoaded = Signal(int)  # rows shown
    articlesLoaded = Signal(int)  # entity id whose articles are shown
    companionsLoaded = Signal(int)  # entity id whose companions are shown
    networkLoaded = Signal(object)  # Network of the current results

    def __init__(
        self,
        library: Library,
        readers: TaskRunner,
        curator: EntityCurator,
        merge_picker: MergePicker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entityBrowser")
        self.setWindowTitle(_tr("Entities — Veille"))
        self.setModal(False)
        self._library, self._readers = library, readers
        self._curator, self._merge = curator, merge_picker
        self._seq = self._articles_seq = self._network_seq = 0
        self.results_ids: Callable[[], Sequence[int]] = lambda: ()  # set by the window
        self._all: list[EntityInfo] = []
        self.current: EntityInfo | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self._build_filters()
        self._build_table()
        self._build_details()
        self._build_layout()
        for widget, name in (
            (self.search, _tr("Filter entities by name")),
            (self.type_filter, _tr("Entity type")),
            (self.sort, _tr("Sort entities")),
            (self.table, _tr("Entities of the library")),
            (self.chart, _tr("Articles per month")),
            (self.article_list, _tr("Articles mentioning the entity")),
            (self.tabs, _tr("Articles, companions and network of the entity")),
            (self.tabs.tabBar(), _tr("Articles, companions and network of the entity")),
            (self.network, _tr("Network of the entities of the current results")),
        ):
            widget.setAccessibleName(name)
        self.resize(1000, 620)

    # --- construction ----------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("entitySearch")
        self.search.setPlaceholderText(_tr("Filter entities by name…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.type_filter = QComboBox(self)
        self.type_filter.addItem(_tr("All types"), None)
        for kind in ENTITY_TYPES:
            self.type_filter.addItem(entity_type_name(kind), kind)
        self.type_filter.currentIndexChanged.connect(lambda _i: self._apply_type_filter())
        self.sort = QComboBox(self)
        self.sort.addItem(_tr("Most articles first"), "frequency")
        self.sort.addItem(_tr("By name"), "name")
        self.sort.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_hidden = QCheckBox(_tr("Show hidden"), self)
        self.show_hidden.setToolTip(_tr("List hidden entities too, to show them again"))
        self.show_hidden.toggled.connect(lambda _c: self.reload())
        self.count = QLabel(self)

    def _build_table(self) -> None:
        self.model = EntityTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("entityTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 200)  # names matter most; aliases take what is left
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    def _build_details(self) -> None:
        self.title = QLabel(_tr("Select an entity to see its articles over time."), self)
        self.title.setObjectName("paneTitle")
        self.title.setWordWrap(True)
        self.chart = MonthChart(self)
        self.articles = QStandardItemModel(self)
        self.article_list = QListView(self)
        self.article_list.setObjectName("entityArticles")
        self.article_list.setModel(self.articles)
        self.article_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.article_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.article_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.article_list.setUniformItemSizes(True)
        self.article_list.setToolTip(_tr("Double-click to read an article in the main window"))
        self.article_list.doubleClicked.connect(self._article_activated)
        self.article_list.activated.connect(self._article_activated)
        self.filter_button = QPushButton(_tr("Filter search by this entity"), self)
        self.filter_button.setEnabled(False)
        self.filter_button.clicked.connect(self._filter_clicked)
        self.companions = CompanionList(self)
        self.companions.filterBoth.connect(self._filter_both)
        self.network = EntityNetwork(self)
        self.network.entityClicked.connect(self._network_clicked)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("entityTabs")
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.type_filter)
        filters.addWidget(self.sort)
        filters.addWidget(self.show_hidden)
        details = QWidget(self)
        right = QVBoxLayout(details)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.title)
        articles = QWidget(self)
        column = QVBoxLayout(articles)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.chart)
        column.addWidget(self.article_list, 1)
        self.tabs.addTab(articles, _tr("Articles"))
        self.tabs.addTab(self.companions, _tr("Seen with"))
        self.tabs.addTab(self.network, _tr("Network of the results"))
        right.addWidget(self.tabs, 1)
        right.addWidget(self.filter_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([640, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)

    # --- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Ask the library again (typing, sort, hidden toggle, or after an edit)."""
        self._timer.stop()
        self._seq += 1
        seq, lib = self._seq, self._library
        query = self.search.text().strip() or None
        sort = self.sort.currentData()
        hidden = self.show_hidden.isChecked()

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, list[EntityInfo]]:
            return seq, lib.entities(query=query, sort=sort, include_hidden=hidden)

        self._readers.start(job, self._loaded)

    def _loaded(self, payload: tuple[int, list[EntityInfo]]) -> None:
        seq, rows = payload
        if seq != self._seq:
            return
        self._all = rows
        self._apply_type_filter()

    def _apply_type_filter(self) -> None:
        kind = self.type_filter.currentData()
        rows = [e for e in self._all if kind is None or e.label == kind]
        keep = self.current.id if self.current else None
        self.model.set_entities(rows)
        self.count.setText(_tr("%n entity(ies)", "", len(rows)))
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.table.selectRow(row)
            info = self.model.entity_at(row)
            if info is not None and info != self.current:
                self.show_entity(info)
        elif self.current is not None:
            self._clear_details()
        self.entitiesLoaded.emit(len(rows))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        info = self.model.entity_at(current.row()) if current.isValid() else None
        if info is not None and (self.current is None or info.id != self.current.id):
            self.show_entity(info)

    def show_entity(self, info: EntityInfo) -> None:
        self.current = info
        self.filter_button.setEnabled(not info.hidden)
        self.title.setText(
            _tr("<b>{0}</b> — {1}: %n article(s)", "", info.article_count).format(
                html.escape(info.name), entity_type_name(info.label))
            + ", " + _tr("%n mention(s)", "", info.mention_count)
        )
        self._articles_seq += 1
        seq, lib, entity_id = self._articles_seq, self._library, info.id

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, int, list[Article]]:
            return seq, entity_id, lib.entity_articles(entity_id)

        self._readers.start(job, self._articles_loaded)

        def companions(_p: ProgressFn, _c: threading.Event) -> tuple[int, int, list[Companion]]:
            return seq, entity_id, lib.companions(entity_id)

        self._readers.start(companions, self._companions_loaded)

    def _companions_loaded(self, payload: tuple[int, int, list[Companion]]) -> None:
        seq, entity_id, rows = payload
        if seq != self._articles_seq or self.current is None:
            return
        self.companions.set_companions(self.current.name, rows)
        self.companionsLoaded.emit(entity_id)

    def refresh_network(self) -> None:
        """Draw the current results' network (when its tab is shown, or after a search)."""
        if self.tabs.currentWidget() is not self.network:
            return
        self._network_seq += 1
        seq, lib, ids = self._network_seq, self._library, list(self.results_ids())

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, Network]:
            return seq, lib.entity_network(ids)

        self._readers.start(job, self._network_loaded)

    def _network_loaded(self, payload: tuple[int, Network]) -> None:
        seq, network = payload
        if seq == self._network_seq:
            self.network.set_network(network)
            self.networkLoaded.emit(network)

    def _tab_changed(self) -> None:
        self.refresh_network()

    def _articles_loaded(self, payload: tuple[int, int, list[Article]]) -> None:
        seq, entity_id, articles = payload
        if seq != self._articles_seq or self.current is None:
            return
        self.chart.set_dates([a.date for a in articles], f"{self.current.label}_strong")
        self.articles.clear()
        for article in articles:
            when = format_date(article.date, short=True) or _tr("undated")
            item = QStandardItem(f"{when}  {article.title}")
            item.setToolTip(f"{article.title}\n{article.source or ''}")
            item.setData(article.id, ArticleIdRole)
            self.articles.appendRow(item)
        self.articlesLoaded.emit(entity_id)

    def _clear_details(self) -> None:
        self.current = None
        self.filter_button.setEnabled(False)
        self.title.setText(_tr("Select an entity to see its articles over time."))
        self.chart.set_dates([])
        self.articles.clear()
        self.companions.clear()

    # --- actions ---------------------------------------------------------------------
    def _article_activated(self, index: QModelIndex) -> None:
        article_id = index.data(ArticleIdRole)
        if article_id is not None:
            self.openArticle.emit(int(article_id))

    def _filter_both(self, first: str, second: str) -> None:
        self.filterRequested.emit(first)
        self.filterRequested.emit(second)

    def _network_clicked(self, entity_id: int) -> None:
        """A dot of the network: that entity's details, when the table lists it."""
        row = self.model.row_of(entity_id)
        if row >= 0:
            self.table.selectRow(row)

    def _filter_clicked(self) -> None:
        if self.current is not None:
            self.filterRequested.emit(self.current.name)

    def _context_menu(self, pos: QPoint) -> None:
        info = self.model.entity_at(self.table.indexAt(pos).row())
        if info is None:
            return
        menu = QMenu(self)
        add_curation_actions(
            menu, info.id, info.label, info.name, self._curator, self._merge, info.hidden
        )
        menu.addSeparator()
        menu.addAction(_tr("Filter search by this entity"),
                       lambda: self.filterRequested.emit(info.name))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        super().closeEvent(event)
