"""Right-click menu of the article list: act on the selected articles (read, star, tags,
dossier, export, edit, delete, originals), copy, and filter by the row's source or
language. The state entries are the Articles menu's own actions, so they show their keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QListView, QMenu

from index.models import Article, Hit
from reader_app.i18n import translate as _tr
from reader_app.models.results_model import HitRole
from reader_app.views.search_bar import LANG_NAMES, SearchBar

if TYPE_CHECKING:
    from reader_app.state_actions import StateActions


def build_result_menu(
    view: QListView, pos: QPoint, bar: SearchBar, current: Article | None,
    actions: StateActions | None = None,
) -> QMenu | None:
    """The menu for the row under ``pos``, or None when there is no row there."""
    index = view.indexAt(pos)
    if not index.isValid():
        return None
    hit = index.data(HitRole)
    menu = QMenu(view)
    if actions is not None:
        _add_state_entries(menu, actions)
    if not isinstance(hit, Hit):
        return menu if actions is not None else None
    clipboard = QGuiApplication.clipboard()
    menu.addAction(_tr("Copy title"), lambda: clipboard.setText(hit.title))
    if current is not None and current.id == hit.article_id and current.url:
        url = current.url
        menu.addAction(_tr("Copy link"), lambda: clipboard.setText(url))
    menu.addSeparator()
    if hit.source:
        source = hit.source
        menu.addAction(_tr("Only articles from “%1”").replace("%1", source),
                       lambda: bar.source.select_value(source))
    if hit.lang:
        lang = hit.lang
        name = _tr(LANG_NAMES[lang]) if lang in LANG_NAMES else lang
        menu.addAction(_tr("Only articles in %1").replace("%1", name),
                       lambda: bar.lang.select_value(lang))
    return menu


def _add_state_entries(menu: QMenu, a: StateActions) -> None:
    c = a.controller
    ids = c.selected_ids()
    many = len(ids) > 1
    a.update_texts()
    if many:  # the selection may mix states: both ways
        for action in (a.mark_read, a.mark_unread, a.star, a.unstar):
            menu.addAction(action)
    else:
        menu.addAction(a.toggle_read)
        menu.addAction(a.toggle_star)
    menu.addAction(a.tags)
    names = c.selection_tags(ids)
    untag = menu.addMenu(_tr("Remove tag"))
    untag.setObjectName("removeTagMenu")
    for name in names:
        untag.addAction(name, lambda n=name: c.remove_tag(ids, n))  # type: ignore[misc]
    untag.setEnabled(bool(names))
    menu.addAction(a.add_to_dossier)
    menu.addSeparator()
    menu.addAction(a.export_selection)
    menu.addAction(a.edit_metadata)
    menu.addAction(a.delete)
    menu.addSeparator()
    for action in (a.open_original, a.save_original, a.show_folder):
        menu.addAction(action)
    menu.addSeparator()
