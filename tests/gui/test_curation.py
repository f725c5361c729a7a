"""Curating entities from the sidebar: rename, type, hide, undo, hover context, ≈ marks.

A real library with our own French and English articles; spaCy runs once per session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu

from index.entities import EntityExtractor
from index.library import Library
from index.models import Mention, SearchFilters
from reader_app.entity_context import mention_sentences, sentence_bounds
from reader_app.main_window import MainWindow
from reader_app.models.entity_model import EntityKeyRole, EntityModel, rows_from_mentions
from tests.gui.conftest import ARTICLE_EN, ARTICLE_FR

# Spanish has no pipeline: its mentions come from the French model, marked less sure.
ARTICLE_ES = (
    " date 2025-09-03 Los pescadores de Dakar dicen que las capturas han caído mucho este "
    "año.\nEl ministerio de pesca ha prometido una investigación sobre los arrastreros que "
    "faenan frente a la costa de Senegal."
)

WAIT = 20000
# Written by the team for these tests: the same minister a few weeks later, in Niamey.
ARTICLE_FR_LATER = (
    " date 2025-10-03 Sadio Camara s'est rendu à Niamey pour rencontrer les responsables de "
    "la Défense nigérienne.\n"
    "À Niamey, il a rappelé que Bamako restait attaché à l'Alliance des États du Sahel."
)


@pytest.fixture
def filled_library(tmp_path: Path, shared_extractor: EntityExtractor) -> Iterator[Library]:
    """Four articles (French, English, Spanish) imported and their entities extracted
    before any window opens."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "camara-bamako.txt").write_text(ARTICLE_FR, encoding="utf-8")
    (inbox / "camara-niamey.txt").write_text(ARTICLE_FR_LATER, encoding="utf-8")
    (inbox / "dakar-fishing.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (inbox / "dakar-pesca.txt").write_text(ARTICLE_ES, encoding="utf-8")
    lib = Library.open(tmp_path / "lib", extractor=shared_extractor)
    assert lib.import_paths([inbox]).count("imported") == 4
    assert lib.extract_pending() == 4
    yield lib
    lib.close()


@pytest.fixture
def reader(qtbot, filled_library: Library, tmp_path: Path) -> Iterator[MainWindow]:
    """A window reading the first French article (the one about Bamako)."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(filled_library, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.show()
    article_id = article_about(filled_library, "Bamako une délégation")
    with qtbot.waitSignal(win.articleShown, timeout=WAIT):
        win.open_article(article_id)
    yield win
    win.close()
    assert win.readers.pool.activeThreadCount() == 0
    assert win.writer.pool.activeThreadCount() == 0


def article_about(lib: Library, words: str) -> int:
    results = lib.search(f'"{words}"')
    assert results.total == 1
    return results.hits[0].article_id


def entity_id(lib: Library, label: str, name: str) -> int:
    found = [e.id for e in lib.entities(include_hidden=True) if (e.label, e.name) == (label, name)]
    assert len(found) == 1
    return found[0]


def sidebar(win: MainWindow) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (shown count, tooltip) of the sidebar's article entities."""
    model = win.entity_panel.article_model
    out = {}
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            index = model.index(r, 0, group)
            key = index.data(EntityKeyRole)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            out[key] = (model.index(r, 1, group).data(), tip)
    return out


def entity_index(win: MainWindow, label: str, name: str):
    model = win.entity_panel.article_model
    group = model.group_index(label)  # type: ignore[arg-type]
    for r in range(model.rowCount(group)):
        if model.index(r, 0, group).data(EntityKeyRole) == (label, name):
            return model.index(r, 0, group)
    raise AssertionError(f"{name} not in the sidebar")


def menu_action(menu: QMenu, *path: str):
    for text in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text() == text)
    return next(a for a in menu.actions() if a.text() == path[-1])


def test_sidebar_menu_offers_curation(reader: MainWindow) -> None:
    menu = reader.entity_panel.menu_for(entity_index(reader, "place", "Bamako"))
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    for wanted in ("Rename…", "Change type", "Merge into…", "Hide (wrong entity)"):
        assert wanted in texts
    assert "Ctrl+Z" in menu_action(menu, "&Undo entity edit").shortcut().toString()
    types = menu_action(menu, "Change type").menu()
    assert [a.text() for a in types.actions()] == ["Person", "Organisation", "Place", "Other"]
    place = menu_action(menu, "Change type", "Place")
    assert place.isChecked() and not place.isEnabled()  # its current type


def test_rename_shows_in_sidebar_and_survives_reindex_and_reextraction(
    qtbot, reader: MainWindow, filled_library: Library
) -> None:
    lib = filled_library
    hub = reader.entity_hub
    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT):
        reader.search_bar.add_entity("Sadio Camara")
    with qtbot.waitSignals([reader.entitiesRefreshed, reader.searchFinished], timeout=WAIT):
        hub.curator.rename(("person", "Sadio Camara"), "Col. Sadio Camara")
    assert reader.search_bar.entity_filters() == ["Col. Sadio Camara"]  # the chip follows
    assert reader.results_model.rowCount() == 2
    names = sidebar(reader)
    assert ("person", "Col. Sadio Camara") in names
    assert ("person", "Sadio Camara") not in names
    assert "Renamed “Sadio Camara” to “Col. Sadio Camara”" in reader.statusBar().currentMessage()
    assert any(m.canonical == "Col. Sadio Camara" for m in reader.article_view.article.mentions)

    renamed = SearchFilters(entities=("Col. Sadio Camara",))
    assert lib.search("", filters=renamed).total == 2
    lib.reindex()
    assert lib.search("", filters=renamed).total == 2
    with lib.store.transaction() as conn:  # as if the articles were read again by spaCy
        conn.execute("UPDATE articles SET entities_done = 0")
    assert lib.extract_pending() == 4
    with qtbot.waitSignal(reader.entitiesRefreshed, timeout=WAIT):
        reader.open_article(reader.current_article.id, refresh_only=True)
    assert ("person", "Col. Sadio Camara") in sidebar(reader)
    assert lib.search("", filters=renamed).total == 2


def test_change_type_from_menu_moves_the_entity(qtbot, reader: MainWindow) -> None:
    menu = reader.entity_panel.menu_for(entity_index(reader, "place", "Gao"))
    assert menu is not None
    with qtbot.waitSignal(reader.entitiesRefreshed, timeout=WAIT):
        menu_action(menu, "Change type", "Other").trigger()
    names = sidebar(reader)
    assert ("other", "Gao") in names and ("place", "Gao") not in names


def test_hide_removes_from_sidebar_and_highlights_then_undo(
    qtbot, reader: MainWindow, filled_library: Library
) -> None:
    menu = reader.entity_panel.menu_for(entity_index(reader, "place", "Bamako"))
    assert menu is not None
    with qtbot.waitSignal(reader.entitiesRefreshed, timeout=WAIT):
        menu_action(menu, "Hide (wrong entity)").trigger()
    assert ("place", "Bamako") not in sidebar(reader)
    assert all(m.canonical != "Bamako" for m in reader.article_view.article.mentions)
    assert "Bamako" not in [e.name for e in filled_library.entities()]

    reader.activateWindow()
    reader.entity_panel.tree.setFocus()
    qtbot.waitUntil(reader.entity_panel.tree.hasFocus, timeout=WAIT)
    with qtbot.waitSignal(reader.entitiesRefreshed, timeout=WAIT):
        qtbot.keyClick(reader.entity_panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ("place", "Bamako") in sidebar(reader)
    assert reader.statusBar().currentMessage() == "Undone: Hid “Bamako”"
    assert any(m.canonical == "Bamako" for m in reader.article_view.article.mentions)

    with qtbot.waitSignal(reader.entitiesRefreshed, timeout=WAIT):
        reader.entity_hub.curator.hide(("place", "Bamako"))
    reader.article_view.setFocus()
    qtbot.waitUntil(reader.article_view.hasFocus, timeout=WAIT)
    with qtbot.waitSignal(reader.entitiesRefreshed, timeout=WAIT):
        qtbot.keyClick(reader.article_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ("place", "Bamako") in sidebar(reader)


def test_undo_with_nothing_to_undo_says_so(qtbot, reader: MainWindow) -> None:
    with qtbot.waitSignal(reader.entity_hub.curator.edited, timeout=WAIT) as done:
        reader.actions_.undo_entity_edit.trigger()
    assert done.args == ["No entity edit to undo"]


def test_search_box_keeps_its_own_ctrl_z(qtbot, reader: MainWindow) -> None:
    """The entity undo must not steal Ctrl+Z from text editing in the search box."""
    reader.activateWindow()
    box = reader.search_box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)
    qtbot.keyClicks(box, "Gao")
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == ""
    assert not reader.writer.busy()


def test_hover_tooltip_shows_sentences_with_the_mention_in_bold(reader: MainWindow) -> None:
    _count, tip = sidebar(reader)[("person", "Sadio Camara")]
    assert "<b>Sadio Camara</b>, a reçu mercredi à Bamako" in tip
    assert "<b>Sadio Camara</b> a insisté sur la coopération" in tip
    assert "Selon un communiqué" not in tip  # a sentence without him


def test_sentences_are_cut_escaped_and_capped() -> None:
    text = "A <b>x</b> met Ana. Ana left! Who is Ana?\nAna again. Ana, fifth."
    starts = [i for i in range(len(text)) if text.startswith("Ana", i)]
    mentions = [Mention(i, i + 3, "person", "Ana", "Ana") for i in starts]
    out = mention_sentences(text, mentions, "person", "Ana")
    assert out == [
        "A &lt;b&gt;x&lt;/b&gt; met <b>Ana</b>.",
        "<b>Ana</b> left!",
        "Who is <b>Ana</b>?",
    ]
    assert len(sentence_bounds("One. Two!\nThree")) == 3


def test_lower_confidence_mentions_are_marked(qtbot, reader: MainWindow, filled_library) -> None:
    with qtbot.waitSignal(reader.articleShown, timeout=WAIT):
        reader.open_article(article_about(filled_library, "pescadores de Dakar"))
    count, tip = sidebar(reader)[("place", "Dakar")]
    assert count == "≈1"
    assert "lower confidence: no model for this language; see docs/entities.md" in tip
    font = entity_index(reader, "place", "Dakar").data(Qt.ItemDataRole.FontRole)
    assert font.italic()


def test_model_without_text_keeps_plain_rows(qtmodeltester) -> None:
    model = EntityModel()
    sure = Mention(0, 4, "place", "Gao", "Gao")
    unsure = Mention(9, 14, "place", "Dakar", "Dakar", confidence=0.5)
    model.set_rows(rows_from_mentions([sure, unsure], "Gao and Dakar"))
    qtmodeltester.check(model, force_py=True)
    group = model.group_index("place")
    shown = {model.index(r, 0, group).data(): model.index(r, 1, group).data() for r in range(2)}
    assert shown == {"Gao": "1", "Dakar": "≈1"}
