"""Right-click menu of the article list: copy, and filter by the row's source or language."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QListView, QMenu

from index.models import Article, Hit
from reader_app.models.results_model import HitRole
from reader_app.views.search_bar import LANG_NAMES, SearchBar


def build_result_menu(
    view: QListView, pos: QPoint, bar: SearchBar, current: Article | None
) -> QMenu | None:
    """The menu for the row under ``pos``, or None when there is no row there."""
    index = view.indexAt(pos)
    hit = index.data(HitRole) if index.isValid() else None
    if not isinstance(hit, Hit):
        return None
    menu = QMenu(view)
    clipboard = QGuiApplication.clipboard()
    menu.addAction("Copy title", lambda: clipboard.setText(hit.title))
    if current is not None and current.id == hit.article_id and current.url:
        url = current.url
        menu.addAction("Copy link", lambda: clipboard.setText(url))
    menu.addSeparator()
    if hit.source:
        source = hit.source
        menu.addAction(f"Only articles from “{source}”", lambda: bar.source.select_value(source))
    if hit.lang:
        lang = hit.lang
        name = LANG_NAMES.get(lang, lang)
        menu.addAction(f"Only articles in {name}", lambda: bar.lang.select_value(lang))
    return menu
