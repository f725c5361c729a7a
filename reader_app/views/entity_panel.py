"""The entity sidebar: the open article's entities, or those of the current results.

In article mode a click highlights an entity's mentions (a second click steps to the
next one); in results mode a click adds the entity as a filter on the search.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader_app.i18n import entity_type_name
from reader_app.i18n import translate as _tr
from reader_app.models.entity_model import EntityModel, EntityRow
from reader_app.theme import colour, entity_colours
from reader_app.theme_colours import ENTITY_KEYS

ARTICLE_MODE, RESULTS_MODE = 0, 1


def legend_html() -> str:
    """Colour key shared by the article pane's header and the sidebar."""
    items = [
        f'<span style="background-color:{entity_colours(t)[0]}; color:{entity_colours(t)[1]}">'
        f"&nbsp;{entity_type_name(t)}&nbsp;</span>"
        for t in ENTITY_KEYS
    ]
    match = _tr("Match", "a search match, in the colour key")
    items.append(
        f'<span style="background-color:{colour("match")}; color:{colour("match_text")}">'
        f"&nbsp;<b>{match}</b>&nbsp;</span>")
    return "&nbsp; ".join(items)


class EntityPanel(QWidget):
    """Mode switch, the grouped tree (objectName ``entityPanel``) and a hint line."""

    entityActivated = Signal(str, str)  # label, canonical name (article mode)
    filterRequested = Signal(str)  # canonical name to add as a search filter
    modeChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entitySidebar")
        self.setMinimumWidth(190)
        self.article_model = EntityModel(self)
        self.results_model = EntityModel(self)
        # Adds the curation entries to an entity's context menu (set by the window).
        self.menu_hook: Callable[[QMenu, EntityRow], None] | None = None
        self.tree = QTreeView(self)
        self.tree.setObjectName("entityPanel")
        self.tree.setModel(self.article_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setIndentation(14)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._clicked)
        header = self.tree.header()
        header.hide()  # "Name | count" is obvious; the space goes to long names
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.hint = QLabel(self)
        self.hint.setObjectName("entityHint")
        self.hint.setWordWrap(True)
        self._build_layout()
        self.set_hint(_tr("Open an article to see the people, organisations and places in it."))

    def _build_layout(self) -> None:
        title = QLabel(_tr("Entities"), self)
        title.setObjectName("paneTitle")
        self._buttons = QButtonGroup(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for mode, text, tip in (
            (ARTICLE_MODE, _tr("This article"), _tr("Entities of the open article, by mentions")),
            (RESULTS_MODE, _tr("All results"), _tr("Entities of the current results, by articles")),
        ):
            button = QToolButton(self)
            button.setObjectName("segment")
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setChecked(mode == ARTICLE_MODE)
            self._buttons.addButton(button, mode)
            row.addWidget(button, 1)
        self._buttons.idClicked.connect(self.set_mode)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)

    # --- state ---------------------------------------------------------------
    @property
    def mode(self) -> int:
        return ARTICLE_MODE if self.tree.model() is self.article_model else RESULTS_MODE

    def set_mode(self, mode: int) -> None:
        model = self.article_model if mode == ARTICLE_MODE else self.results_model
        self._buttons.button(mode).setChecked(True)
        if self.tree.model() is not model:
            self.tree.setModel(model)
            self.tree.expandAll()
            self.modeChanged.emit(mode)
        self._update_hint()

    def set_article_entities(self, rows: list[EntityRow], pending: bool = False) -> None:
        self.article_model.set_rows(rows, "Mentions")
        self._pending = pending
        if self.mode == ARTICLE_MODE:
            self.tree.expandAll()
        self._update_hint()

    def set_result_entities(self, rows: list[EntityRow]) -> None:
        self.results_model.set_rows(rows, "Articles")
        if self.mode == RESULTS_MODE:
            self.tree.expandAll()
        self._update_hint()

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def _update_hint(self) -> None:
        if self.mode == RESULTS_MODE:
            empty = self.results_model.entity_count() == 0
            self.set_hint(
                _tr("No entities in these results yet.")
                if empty
                else _tr("Click an entity to show only the articles that mention it.")
            )
        elif getattr(self, "_pending", False):
            self.set_hint(_tr("Finding entities in this article…"))
        elif self.article_model.entity_count() == 0:
            self.set_hint(_tr("No entities found in this article."))
        else:
            self.set_hint(_tr("Click an entity to highlight it; click again for the next "
                              "mention."))

    # --- interaction -----------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        model = self.tree.model()
        assert isinstance(model, EntityModel)
        row = model.entity_at(index)
        if row is None:
            return
        if self.mode == ARTICLE_MODE:
            self.entityActivated.emit(row.label, row.name)
        else:
            self.filterRequested.emit(row.name)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.menu_for(self.tree.indexAt(pos))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def menu_for(self, index: QModelIndex) -> QMenu | None:
        """The context menu of an entity row (None on a group row)."""
        model = self.tree.model()
        assert isinstance(model, EntityModel)
        row = model.entity_at(index)
        if row is None:
            return None
        menu = QMenu(self)
        menu.addAction(
            _tr("Filter results by “{0}”").format(row.name),
            lambda: self.filterRequested.emit(row.name),
        )
        if self.mode == ARTICLE_MODE:
            menu.addAction(
                _tr("Highlight mentions"), lambda: self.entityActivated.emit(row.label, row.name)
            )
        if self.menu_hook is not None:
            self.menu_hook(menu, row)
        return menu
