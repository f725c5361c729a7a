"""The search box, sort order, result count, filters and banners above the list."""

from __future__ import annotations

import itertools
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, Qt, Signal
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
from reader_app import state_terms
from reader_app.core_messages import translate_core
from reader_app.i18n import translate as _tr
from reader_app.style import icon_path

PLACEHOLDER = QT_TRANSLATE_NOOP(
    "", 'Search your library — e.g. alliance sahel, "Sadio Camara", date:2025-08')
SORTS = ((QT_TRANSLATE_NOOP("", "Relevance"), "relevance"),
         (QT_TRANSLATE_NOOP("", "Newest first"), "newest"),
         (QT_TRANSLATE_NOOP("", "Oldest first"), "oldest"))
ANY_DATE = QDate(1800, 1, 1)
LANG_NAMES = {"fr": QT_TRANSLATE_NOOP("", "French"), "en": QT_TRANSLATE_NOOP("", "English"),
              "de": QT_TRANSLATE_NOOP("", "German"), "es": QT_TRANSLATE_NOOP("", "Spanish"),
              "it": QT_TRANSLATE_NOOP("", "Italian")}


def banner_html(results: SearchResults) -> str:
    """What the engine did to the query, in words; empty when it ran it as typed."""
    lines = []
    if results.notice:
        lines.append(escape(translate_core(results.notice)))
    if results.corrected and results.corrected != results.query:
        lines.append(_tr("Showing results for <b>{0}</b> — no article has <i>{1}</i>."
                         " <a href='keep'>Search exactly what I typed</a>").format(
            escape(results.corrected), escape(results.query[:200])))
    elif results.suggestion:
        lines.append(_tr("Did you mean <a href='suggest'><b>{0}</b></a>?").format(
            escape(results.suggestion)))
    if results.partial:
        lines.append(_tr("No article has all the words; showing articles with most of them."))
    return "<br>".join(lines)


class SearchBox(QLineEdit):
    """A line edit that hands Up/Down/PageUp/PageDown to the result list."""

    navigate = Signal(QKeyEvent)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setPlaceholderText(_tr(PLACEHOLDER))
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


class DateBox(QDateEdit):
    """Tab leaves the box at once: Qt's own steps through day, month and year first, and
    stays put while the box shows "Any date" (a trap for keyboard users). The arrow keys
    still move between the parts."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def date_format() -> str:
    """The locale's short date with a four-digit year: 15/08/2025 in French."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def _date_edit(parent: QWidget, tip: str) -> QDateEdit:
    edit = DateBox(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_format())
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText(_tr("Any date"))
    edit.setDate(ANY_DATE)
    edit.setToolTip(tip)
    edit.setAccessibleName(tip)
    return edit


class FacetCombo(QComboBox):
    """ "All …" then the facet values with their counts; keeps the choice across updates."""

    def __init__(self, all_text: str, names: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all = all_text
        self._names = names or {}
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(10)
        self.addItem(all_text, None)

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

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


# chip key -> (label, accessible name, tool tip); the term comes from state_terms.CHIP_TERMS
STATE_CHIPS = (
    ("unread", QT_TRANSLATE_NOOP("", "Unread"), QT_TRANSLATE_NOOP("", "Show only unread articles"),
     QT_TRANSLATE_NOOP("", "Only unread articles (is:unread)")),
    ("starred", QT_TRANSLATE_NOOP("", "Starred"),
     QT_TRANSLATE_NOOP("", "Show only starred articles"),
     QT_TRANSLATE_NOOP("", "Only starred articles (is:starred)")),
    ("note", QT_TRANSLATE_NOOP("", "With note"),
     QT_TRANSLATE_NOOP("", "Show only articles with a note"),
     QT_TRANSLATE_NOOP("", "Only articles with a note (has:note)")),
)


# Palette roles only, so a dark theme needs no change here.
CHIP_STYLE = """
QToolButton#stateChip {
    border: 1px solid palette(mid); border-radius: 10px; padding: 2px 9px;
    background: palette(base); color: palette(text);
}
QToolButton#stateChip:hover { border-color: palette(highlight); }
QToolButton#stateChip:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
QToolButton#stateChip:focus { border: 2px solid palette(highlight); padding: 1px 8px; }
"""


class StateChips(QWidget):
    """Quick toggles for the state terms of the query, beside the search box.

    The query text is the only truth: a chip is checked when its term is in the text
    (``sync``), and a click edits the text and emits ``queryChanged`` with it.
    """

    queryChanged = Signal(str)

    def __init__(self, box: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateChips")
        self.setStyleSheet(CHIP_STYLE)
        self._box = box
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for key, label, name, tip in STATE_CHIPS:
            button = QToolButton(self)
            button.setObjectName("stateChip")
            button.setText(_tr(label))
            button.setCheckable(True)
            button.setAccessibleName(_tr(name))
            button.setToolTip(_tr(tip))
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(lambda on, k=key: self._toggle(k, on))
            self.layout_.addWidget(button)
            self.buttons[key] = button
        self.tag_buttons: dict[str, QToolButton] = {}
        box.textChanged.connect(self.sync)

    def _toggle(self, key: str, on: bool) -> None:
        self._apply(state_terms.set_chip(self._box.text(), key, on))

    def _untag(self, name: str) -> None:
        self._apply(state_terms.set_tag(self._box.text(), name, False))

    def _apply(self, query: str) -> None:
        self._box.setText(query)  # sync() follows through textChanged
        self.queryChanged.emit(query)

    def sync(self, query: str) -> None:
        for key, button in self.buttons.items():
            button.setChecked(state_terms.has_chip(query, key))
        names = state_terms.tag_names(query)
        for name in [n for n in self.tag_buttons if n not in names]:
            button = self.tag_buttons.pop(name)
            self.layout_.removeWidget(button)
            button.deleteLater()
        for name in names:
            if name not in self.tag_buttons:
                self.tag_buttons[name] = self._tag_button(name)
        self._order_tabs()

    def _tag_button(self, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("stateChip")
        button.setText(_tr("Tag: %1  ✕").replace("%1", name))
        button.setCheckable(True)
        button.setChecked(True)
        button.setAccessibleName(_tr("Tag %1: click to stop filtering by it").replace("%1", name))
        button.setToolTip(_tr("Only articles tagged %1: click to remove").replace("%1", name))
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda _on=False, n=name: self._untag(n))
        self.layout_.addWidget(button)
        button.show()  # at once, so Tab reaches it right after typing tag:NAME
        return button

    def chain(self) -> list[QWidget]:
        """The chips in tab order."""
        return [*self.buttons.values(), *self.tag_buttons.values()]

    def _order_tabs(self) -> None:
        chain = [self._box, *self.chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        after = getattr(self.parent(), "sort", None)
        if isinstance(after, QWidget):
            QWidget.setTabOrder(chain[-1], after)


class SearchBar(QWidget):
    """Emits ``filtersChanged`` whenever a filter control changes."""

    filtersChanged = Signal()
    sortChanged = Signal(str)
    groupingChanged = Signal(bool)  # one row per story (True) or every version

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBar")
        self.box = SearchBox(self)
        self.sort = QComboBox(self)
        self.state_chips = StateChips(self.box, self)
        self.sort.setObjectName("sortCombo")
        for text, key in SORTS:
            self.sort.addItem(_tr(text), key)
        self.sort.setToolTip(_tr("Order of the results"))
        self.sort.setAccessibleName(_tr("Order of the results"))
        self.sort.currentIndexChanged.connect(lambda _i: self.sortChanged.emit(self.sort_key()))
        self.versions = QToolButton(self)
        self.versions.setObjectName("groupVersions")
        self.versions.setCheckable(True)
        self.versions.setChecked(True)
        self.versions.setText(_tr("One row per story"))
        self.versions.setToolTip(_tr("Versions of one story (updates, cuts, reprints) share "
                                     "a row; uncheck to list every version"))
        self.versions.setAccessibleName(_tr("One row per story"))
        self.versions.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.versions.setStyleSheet(CHIP_STYLE.replace("#stateChip", "#groupVersions"))
        self.versions.toggled.connect(self._grouping_toggled)
        self.count = QLabel(self)
        self.count.setObjectName("resultCount")
        self.date_from = _date_edit(self, _tr("Only articles from this date"))
        self.date_to = _date_edit(self, _tr("Only articles up to this date"))
        self.source = FacetCombo(_tr("All sources"), None, self)
        self.source.setObjectName("sourceFilter")
        self.source.setAccessibleName(_tr("Source"))
        self.lang = FacetCombo(_tr("All languages"), {k: _tr(v) for k, v in LANG_NAMES.items()},
                               self)
        self.lang.setObjectName("langFilter")
        self.lang.setAccessibleName(_tr("Language"))
        self._entities: list[str] = []
        self.chips = QHBoxLayout()
        self.chips.setSpacing(4)
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(lambda _d: self.filtersChanged.emit())
        for c in (self.source, self.lang):
            c.currentIndexChanged.connect(lambda _i: self.filtersChanged.emit())
        self._build_layout()
        self.state_chips.sync("")

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.box, 1)
        top.addWidget(self.state_chips)
        top.addWidget(self.sort)
        top.addWidget(self.versions)
        self.top_row = top  # the team archive switch joins it (reader_app/team_search.py)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(QLabel(_tr("From", "a date"), self))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(_tr("to", "a date"), self))
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
        source, lang = self.source.value(), self.lang.value()
        filters = SearchFilters(
            date_from=None if d_from == ANY_DATE else d_from.toString("yyyy-MM-dd"),
            date_to=None if d_to == ANY_DATE else d_to.toString("yyyy-MM-dd"),
            sources=(source,) if source else (),
            langs=(lang,) if lang else (),
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
        chip.setToolTip(_tr("Only articles mentioning {0}: click to remove").format(name))
        chip.setAccessibleName(_tr("Filter {0}: click to remove it").format(name))
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

    def _grouping_toggled(self, on: bool) -> None:
        self.groupingChanged.emit(on)

    def set_count(self, shown: int, total: int, articles: int = 0) -> None:
        """``articles``: when versions were grouped, the articles behind ``total`` stories."""
        if total == 0:
            self.count.setText(_tr("No articles"))
        elif articles > total:
            self.count.setText(_tr("{0} ({1})").format(_tr("%Ln story(ies)", "", total),
                                                       _tr("%Ln article(s)", "", articles)))
        else:
            self.count.setText(_tr("%Ln article(s)", "", total))
