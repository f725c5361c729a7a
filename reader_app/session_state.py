"""The last query, filters and open article, kept across restarts.

Saved when the application quits, restored before the window's first search: the first
results are then those of the last session, and the article that was open opens again.
Keys: ``session/query`` (text), ``session/filters`` (JSON of SearchFilters, "" for none),
``session/articleId`` (int, -1 for none).
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate

from index.models import SearchFilters

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

QUERY, FILTERS, ARTICLE = "session/query", "session/filters", "session/articleId"


def save_session(window: MainWindow) -> None:
    settings = window.settings
    settings.setValue(QUERY, window.search_box.text())
    filters = window.search_bar.filters()
    settings.setValue(FILTERS, json.dumps(asdict(filters)) if filters is not None else "")
    article = window.current_article
    settings.setValue(ARTICLE, article.id if article is not None else -1)
    settings.sync()


def saved_filters(raw: object) -> SearchFilters | None:
    """Filters from their JSON; None for none or for anything unreadable (an old format)."""
    if not isinstance(raw, str) or not raw:
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for field in fields(SearchFilters):
        value = data.get(field.name)
        if field.name.startswith("date_"):
            values[field.name] = value if isinstance(value, str) and value else None
        elif isinstance(value, list):
            values[field.name] = tuple(str(v) for v in value if isinstance(v, str) and v)
    filters = SearchFilters(**values)
    return None if filters == SearchFilters() else filters


def restore_session(window: MainWindow) -> None:
    """Put back the query and filters (without searching: the window's first count does),
    and open the last article once the first results have landed."""
    settings = window.settings
    query = settings.value(QUERY, "")
    query = query if isinstance(query, str) else ""
    filters = saved_filters(settings.value(FILTERS, ""))
    bar = window.search_bar
    bar.blockSignals(True)  # one search when the library is counted, not one per control
    try:
        if query:
            window.search_box.setText(query)  # the state chips follow the text
        if filters is not None:
            _show_filters(window, filters)
    finally:
        bar.blockSignals(False)
    window.search.query = query
    window.search.filters = bar.filters()
    try:
        article_id = int(str(settings.value(ARTICLE, -1)))
    except ValueError:
        article_id = -1
    if article_id >= 0:
        _reopen_after_first_search(window, article_id)


def _show_filters(window: MainWindow, filters: SearchFilters) -> None:
    bar = window.search_bar
    for edit, value in ((bar.date_from, filters.date_from), (bar.date_to, filters.date_to)):
        date = QDate.fromString(value or "", "yyyy-MM-dd")
        if date.isValid():
            edit.setDate(date)
    if filters.sources:
        bar.source.select_value(filters.sources[0])
    if filters.langs:
        bar.lang.select_value(filters.langs[0])
    for name in filters.entities:
        bar.add_entity(name)


def _reopen_after_first_search(window: MainWindow, article_id: int) -> None:
    def reopen(_results: object) -> None:
        window.searchFinished.disconnect(reopen)
        if window.current_article is not None:
            return  # the person already chose another article
        row = window.results_model.row_of(article_id)
        if row >= 0:
            window.article_list.setCurrentIndex(window.results_model.index(row))
            window.article_list.scrollTo(window.results_model.index(row))
        else:
            window.open_article(article_id)  # filtered out since: open it all the same

    window.searchFinished.connect(reopen)
