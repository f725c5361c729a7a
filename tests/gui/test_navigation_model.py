"""The sidebar's model under Qt's model tester, and the dialogs on their own."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox

from index.models import DossierInfo, SearchFilters, TagInfo, Watch
from reader_app.navigation_controller import apply_filters, watch_news
from reader_app.views.dossier_dialogs import DossierChooser
from reader_app.views.navigation import (
    ARTICLES_MIME,
    DOSSIERS,
    TAGS,
    WATCHES,
    NavigationModel,
    NavSnapshot,
    articles_mime,
    dossier_query,
    mime_articles,
    tag_query,
)
from reader_app.views.search_bar import SearchBar
from reader_app.views.tag_dialogs import NameDialog, TagInput, split_tags
from reader_app.views.watch_dialogs import SaveWatchDialog, default_watch_name

SAHEL = Watch(1, "Sahel", "sahel", None, 0, 3)
MALI = Watch(2, "Mali", "mali", SearchFilters(langs=("fr",)), 0, 0)


def _snapshot(**changes: object) -> NavSnapshot:
    base = {
        "counts": {"all": 12, "unread": 5, "starred": 1, "note": 2},
        "watches": (MALI, SAHEL),
        "tags": (TagInfo(1, "Défense", "#3b7dd8", 4), TagInfo(2, "à relire", None, 1)),
        "dossiers": (DossierInfo(1, "Brief Sahel", 3),),
    }
    base.update(changes)
    return NavSnapshot(**base)  # type: ignore[arg-type]


def test_model_passes_the_model_tester_through_updates(qtmodeltester) -> None:
    model = NavigationModel()
    qtmodeltester.check(model, force_py=True)
    model.set_snapshot(_snapshot())
    kept = QPersistentModelIndex(model.index_of(("dossier", "Brief Sahel")))
    model.set_snapshot(_snapshot(counts={"all": 13, "unread": 6, "starred": 1, "note": 2}))
    assert kept.isValid() and kept.data() == "Brief Sahel"  # unchanged entries stay put
    model.set_snapshot(_snapshot(tags=(), dossiers=()))  # hints replace the entries
    assert not kept.isValid()  # the views were told the row went away
    model.set_snapshot(_snapshot(watches=(SAHEL,)))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4
    assert model.names(WATCHES) == ["Sahel"]
    assert [model.index(r, 0).data() for r in range(4)] == ["Library", "Watches", "Tags",
                                                            "Dossiers"]


def test_entries_carry_their_search_counts_and_marks() -> None:
    model = NavigationModel()
    model.set_snapshot(_snapshot())
    sahel = model.index_of(("watch", "Sahel"))
    assert model.index(sahel.row(), 1, sahel.parent()).data() == "3"
    assert sahel.data(Qt.ItemDataRole.FontRole).bold()
    mali = model.index_of(("watch", "mali"))  # found ignoring case
    assert mali.data(Qt.ItemDataRole.FontRole) is None
    assert model.index(WATCHES, 1).data() == "3"  # the section sums the new articles
    assert model.names(TAGS) == ["à relire", "Défense"]  # by name, accents folded
    assert model.find(("tag", "defense")).color == "#3b7dd8"
    assert model.find(("dossier", "Brief Sahel")).query == 'dossier:"Brief Sahel"'
    assert model.match_search("mali", SearchFilters(langs=("fr",))).key == ("watch", "Mali")
    assert model.match_search("mali", None) is None  # same words, other filters
    assert model.match_search("", None).key == ("all", "")
    assert model.match_search("is:unread", None).key == ("unread", "")
    assert tag_query('Sahel "central"') == 'tag:"Sahel central"'
    assert dossier_query("Brief") == 'dossier:"Brief"'


def test_drops_land_on_tags_and_dossiers_only() -> None:
    model = NavigationModel()
    model.set_snapshot(_snapshot())
    tag, dossier = model.index_of(("tag", "Défense")), model.index_of(("dossier", "Brief Sahel"))
    other_tag, unread = model.index_of(("tag", "à relire")), model.index_of(("unread", ""))
    tag_mime = model.mimeData([tag])
    move = Qt.DropAction.MoveAction
    assert model.canDropMimeData(tag_mime, move, -1, -1, other_tag)
    assert not model.canDropMimeData(tag_mime, move, -1, -1, tag)  # onto itself
    assert not model.canDropMimeData(tag_mime, move, -1, -1, dossier)
    assert not model.canDropMimeData(tag_mime, move, 0, 0, model.index(TAGS, 0))  # between
    ids = articles_mime([3, 1, 2])
    assert mime_articles(ids) == [3, 1, 2]
    assert model.canDropMimeData(ids, move, -1, -1, dossier)
    assert not model.canDropMimeData(ids, move, -1, -1, unread)
    assert not model.canDropMimeData(QMimeData(), move, -1, -1, dossier)
    dropped: list[tuple] = []
    model.articlesDropped.connect(lambda *args: dropped.append(args))
    model.tagDropped.connect(lambda *args: dropped.append(args))
    assert model.dropMimeData(ids, move, -1, -1, dossier)
    assert model.dropMimeData(tag_mime, move, -1, -1, other_tag)
    assert dropped == [("dossier", "Brief Sahel", [3, 1, 2]), ("Défense", "à relire")]
    assert ARTICLES_MIME in model.mimeTypes()
    assert not model.flags(model.index(DOSSIERS, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert model.entry(QModelIndex()) is None


def test_tag_input_completes_the_name_being_typed_and_keeps_the_others(qtbot) -> None:
    edit = TagInput(names=["Sahel central", "Sécurité", "Mali"])
    qtbot.addWidget(edit)
    edit.setText("Mali, séc")
    edit.setCursorPosition(len(edit.text()))
    assert edit.current_word() == "séc"
    edit._insert_completion("Sécurité")
    assert edit.text() == "Mali, Sécurité, "
    assert edit.tags() == ["Mali", "Sécurité"]
    assert split_tags(" mali ,  MALI, Sahel   central,,") == ["mali", "Sahel central"]
    single = TagInput(names=["Mali"], single=True)
    qtbot.addWidget(single)
    single.setText("  Sahel,  central ")
    assert single.tags() == ["Sahel, central"]


def test_renaming_onto_an_existing_tag_says_it_merges(qtbot) -> None:
    dialog = NameDialog(None, "Rename tag", "New name:", "Mali", taken=["Mali", "Sahel"],
                        taken_note="A tag “{name}” exists: the two tags will be merged.")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.edit.setText("sahel")
    assert ok.isEnabled() and "“Sahel” exists" in dialog.note.text()
    assert not dialog.note.isHidden()
    dialog.edit.setText("   ")
    assert not ok.isEnabled()
    refusing = NameDialog(None, "New dossier", "Name:", "", taken=["Brief"], refuse_taken=True)
    qtbot.addWidget(refusing)
    refusing.edit.setText("BRIEF")
    assert not refusing.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_choose_dossier_offers_new_dossier_and_the_existing_ones(qtbot) -> None:
    dialog = DossierChooser(None, ["Brief Sahel", "Archives"], count=3)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.is_new() and dialog.name() == "Archives"  # first existing, by name
    dialog.filter.setText("sahel")
    assert dialog.name() == "Brief Sahel" and ok.isEnabled()
    dialog.filter.setText("Brief Niger")  # nothing found: the words name a new dossier
    assert dialog.is_new() and dialog.name() == "Brief Niger" and ok.isEnabled()
    dialog.choose("brief sahel")
    assert not dialog.is_new() and dialog.name() == "Brief Sahel"
    dialog.choose("")
    assert dialog.is_new() and not ok.isEnabled()  # "New dossier…" needs a name
    empty = DossierChooser(None, [])
    qtbot.addWidget(empty)
    assert empty.is_new()


def test_watch_dialog_defaults_and_the_status_sentence(qtbot) -> None:
    assert default_watch_name('"Sadio Camara" OR sahel', None) == "Sadio Camara OR sahel"
    assert default_watch_name("", SearchFilters(sources=("Le Monde",))) == "source Le Monde"
    dialog = SaveWatchDialog(None, "", None, [])
    qtbot.addWidget(dialog)
    assert dialog.problem() == "A watch needs a name."
    dialog.name_edit.setText("Rien")
    assert dialog.problem() == "A watch needs a query or filters."
    assert watch_news({"Sahel": 3, "Mali": 1}) == "3 new for Sahel, 1 new for Mali"
    many = watch_news({f"W{i}": i + 1 for i in range(5)})
    assert many.startswith("5 new for W4") and many.endswith("2 more watches with new articles")


def test_apply_filters_shows_a_watchs_filters_without_searching(qtbot) -> None:
    bar = SearchBar()
    qtbot.addWidget(bar)
    emitted: list[int] = []
    bar.filtersChanged.connect(lambda: emitted.append(1))
    filters = SearchFilters(date_from="2025-01-01", sources=("Le Monde",), langs=("fr",),
                            entities=("Sadio Camara",))
    apply_filters(bar, filters)
    assert bar.filters() == filters and not emitted
    apply_filters(bar, None)
    assert bar.filters() is None and not emitted
