"""The search box, sort order, result count, filters and banners above the list."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from index.models import SearchFilters, SearchResults
from reader_app.style import icon_path

PLACEHOLDER = 'Search your library — e.g. alliance sahel, "Sadio Camara", date:2025-08'
SORTS = (("Relevance", "relevance"), ("Newest first", "newest"), ("Oldest first", "oldest"))
ANY_DATE = QDate(1800, 1, 1)
LANG_NAMES = {"fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian"}


def banner_html(results: SearchResults) -> str:
    """What the engine did to the query, in words; empty when it ran it as typed."""
    if results.corrected and results.corrected != results.query:
        return (
            f"Showing results for <b>{escape(results.corrected)}</b> — no article has "
            f"<i>{escape(results.query)}</i>. <a href='keep'>Search exactly what I typed</a>"
        )
    if results.partial:
        return "No article has all the words; showing articles with most of them."
    return ""


class SearchBox(QLineEdit):
    """A line edit that hands Up/Down/PageUp/PageDown to the result list."""

    navigate = Signal(QKeyEvent)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.addAction(QIcon(icon_path("search")), QLineEdit.ActionPosition.LeadingPosition)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Files dropped here are for importing, not for typing their path."""
        if event.mimeData().hasUrls():
            event.ignore()
            return
        super().dragEnterEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_PageUp,
            Qt.Key.Key_PageDown,
        ):
            self.navigate.emit(event)
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


def _date_edit(parent: QWidget, tip: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("Any date")
    edit.setDate(ANY_DATE)
    edit.setToolTip(tip)
    return edit


class FacetCombo(QComboBox):
    """ "All …" then the facet values with their counts; keeps the choice across updates."""

    def __init__(self, all_text: str, names: dict[str, str] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._all = all_text
        self._names = names or {}
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(10)
        self.addItem(all_text, None)

    def value(self) -> str | None:
        return self.currentData()

    def select_value(self, value: str) -> None:
        """Choose a value even before the facets listed it (emits the change)."""
        index = self.findData(value)
        if index < 0:
            self.addItem(self._names.get(value, value), value)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def set_counts(self, counts: list[tuple[str, int]]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._all, None)
        values = {v for v, _ in counts}
        for value, n in counts:
            self.addItem(f"{self._names.get(value, value)} ({n})", value)
        if current is not None and current not in values:
            self.addItem(f"{self._names.get(current, current)} (0)", current)
        self.setCurrentIndex(max(0, self.findData(current)) if current is not None else 0)
        self.blockSignals(False)


class SearchBar(QWidget):
    """Emits ``filtersChanged`` whenever a filter control changes."""

    filtersChanged = Signal()
    sortChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBar")
        self.box = SearchBox(self)
        self.sort = QComboBox(self)
        self.sort.setObjectName("sortCombo")
        for text, key in SORTS:
            self.sort.addItem(text, key)
        self.sort.setToolTip("Order of the results")
        self.sort.currentIndexChanged.connect(lambda _i: self.sortChanged.emit(self.sort_key()))
        self.count = QLabel(self)
        self.count.setObjectName("resultCount")
        self.date_from = _date_edit(self, "Only articles from this date")
        self.date_to = _date_edit(self, "Only articles up to this date")
        self.source = FacetCombo("All sources", None, self)
        self.source.setObjectName("sourceFilter")
        self.lang = FacetCombo("All languages", LANG_NAMES, self)
        self.lang.setObjectName("langFilter")
        self._entities: list[str] = []
        self.chips = QHBoxLayout()
        self.chips.setSpacing(4)
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(lambda _d: self.filtersChanged.emit())
        for c in (self.source, self.lang):
            c.currentIndexChanged.connect(lambda _i: self.filtersChanged.emit())
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.box, 1)
        top.addWidget(self.sort)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(QLabel("From", self))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("to", self))
        filters.addWidget(self.date_to)
        filters.addWidget(self.source)
        filters.addWidget(self.lang)
        filters.addLayout(self.chips)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(filters)

    def sort_key(self) -> str:
        return str(self.sort.currentData())

    # --- filters ----------------------------------------------------------------
    def filters(self) -> SearchFilters | None:
        """The filters as the search index takes them; None when nothing is set."""
        d_from = self.date_from.date()
        d_to = self.date_to.date()
        filters = SearchFilters(
            date_from=None if d_from == ANY_DATE else d_from.toString("yyyy-MM-dd"),
            date_to=None if d_to == ANY_DATE else d_to.toString("yyyy-MM-dd"),
            sources=(self.source.value(),) if self.source.value() else (),
            langs=(self.lang.value(),) if self.lang.value() else (),
            entities=tuple(self._entities),
        )
        return None if filters == SearchFilters() else filters

    def add_entity(self, name: str) -> None:
        if name in self._entities:
            return
        self._entities.append(name)
        chip = QToolButton(self)
        chip.setObjectName("chip")
        chip.setText(f"{name}  ✕")
        chip.setToolTip(f"Only articles mentioning {name}: click to remove")
        chip.clicked.connect(lambda: self.remove_entity(name, chip))
        self.chips.addWidget(chip)
        self.filtersChanged.emit()

    def remove_entity(self, name: str, chip: QWidget) -> None:
        if name in self._entities:
            self._entities.remove(name)
        self.chips.removeWidget(chip)
        chip.deleteLater()
        self.filtersChanged.emit()

    def entity_filters(self) -> list[str]:
        return list(self._entities)

    def set_facets(self, facets: dict[str, list[tuple[str, int]]]) -> None:
        self.source.set_counts(facets.get("source", []))
        self.lang.set_counts(facets.get("lang", []))

    def set_count(self, shown: int, total: int) -> None:
        if total == 0:
            self.count.setText("No articles")
        elif total == 1:
            self.count.setText("1 article")
        else:
            self.count.setText(f"{total:,} articles".replace(",", " "))
