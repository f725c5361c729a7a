"""The main window against a real library: drop, search, read, entities, empty state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from index.models import ENTITY_TYPES, SearchResults
from reader_app.main_window import PAGE_EMPTY, PAGE_LIST, MainWindow
from reader_app.models.entity_model import EntityModel
from reader_app.style import SAMPLES
from tests.gui.conftest import ARTICLE_EN, drop_files

LONG = 60000  # the first entity batch loads spaCy


def _listed_titles(win: MainWindow) -> list[str]:
    model = win.results_model
    return [model.index(r).data() for r in range(model.rowCount())]


def _entity_names(win: MainWindow) -> set[tuple[str, str]]:
    tree = win.findChild(type(win.entity_panel.tree), "entityPanel")
    model = tree.model()
    assert isinstance(model, EntityModel)
    names = set()
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            row = model.entity_at(model.index(r, 0, group))
            assert row is not None
            names.add((row.label, row.name))
    return names


def test_contract_widgets_exist(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLineEdit, QListView, QProgressBar, QTextBrowser, QTreeView

    assert isinstance(window.findChild(QLineEdit, "searchBox"), QLineEdit)
    assert isinstance(window.findChild(QListView, "articleList"), QListView)
    assert isinstance(window.findChild(QTextBrowser, "articleView"), QTextBrowser)
    assert isinstance(window.findChild(QTreeView, "entityPanel"), QTreeView)
    assert isinstance(window.findChild(QProgressBar, "importProgress"), QProgressBar)
    assert "Search your library" in window.search_box.placeholderText()


def test_drop_search_read_and_entities(qtbot, window: MainWindow, article_file: Path) -> None:
    with qtbot.waitSignal(window.importFinished, timeout=LONG) as imported:
        assert drop_files(window, [article_file])
    assert imported.args[0].count("imported") == 1
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=LONG)
    assert window.list_stack.currentIndex() == PAGE_LIST

    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as searched:
        qtbot.keyClicks(window.search_box, "Camara securite")  # ASCII: QTest asserts on é
    results = searched.args[0]
    assert isinstance(results, SearchResults) and results.total == 1
    assert "<mark>" in results.hits[0].snippet

    with qtbot.waitSignal(window.articleShown, timeout=LONG) as shown:
        window.article_list.setCurrentIndex(window.results_model.index(0))
    assert shown.args[0] == results.hits[0].article_id
    text = window.article_view.toPlainText()
    assert "Sadio Camara a insisté sur la coopération" in text
    assert window.article_view.match_count() >= 2  # "Camara" twice, "sécurité" once

    qtbot.waitUntil(
        lambda: any(
            label in ("person", "organisation", "place") for label, _ in _entity_names(window)
        ),
        timeout=LONG,
    )
    names = {name for _, name in _entity_names(window)}
    assert names & {"Sadio Camara", "Bamako", "Niamey", "Alliance des États du Sahel", "Gao"}


def test_empty_library_offers_samples(qtbot, window: MainWindow) -> None:
    assert window.list_stack.currentIndex() == PAGE_EMPTY
    assert "Drop news files or folders here" in window.empty_state.message.text()
    button = window.empty_state.samples_button
    assert button.isVisibleTo(window)
    with qtbot.waitSignal(window.importFinished, timeout=LONG) as imported:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    n_samples = len([p for p in SAMPLES.iterdir() if not p.name.startswith(".")])
    assert imported.args[0].count("imported") == n_samples >= 6
    qtbot.waitUntil(lambda: window.results_model.rowCount() == n_samples, timeout=LONG)
    assert window.list_stack.currentIndex() == PAGE_LIST
    assert window.search_bar.count.text() == f"{n_samples} articles"


def test_failed_file_shows_reason_and_good_file_is_listed(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    good = tmp_path / "dakar.txt"
    good.write_text(ARTICLE_EN, encoding="utf-8")
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with qtbot.waitSignal(window.importFinished, timeout=LONG) as imported:
        assert drop_files(window, [good, bad])
    report = imported.args[0]
    assert report.count("imported") == 1 and report.count("failed") == 1
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=LONG)
    assert "Fishermen in Dakar" in _listed_titles(window)[0]
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    rows = {Path(path).name: (result, reason) for path, result, reason in dialog.rows()}
    assert rows["photo.png"][0] == "Failed"
    assert "PNG" in rows["photo.png"][1]  # the reason, in plain words
    assert rows["dakar.txt"][0] == "Imported"
    assert "1 failed" in window.report_button.text()  # stays visible after the dialog closes


def test_stale_search_result_never_replaces_newer(qtbot, window: MainWindow, article_file: Path):
    with qtbot.waitSignal(window.importFinished, timeout=LONG):
        window.import_paths([article_file, SAMPLES])
    qtbot.waitUntil(lambda: window.results_model.rowCount() > 1, timeout=LONG)
    controller = window.search
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as first:
        controller.search_now("Camara")
    old_request = controller.current
    old_results = first.args[0]
    assert old_results.total == 1
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as second:
        controller.search_now("sahel")
    newer = second.args[0]
    assert newer.total > 1
    # the old answer arrives late (as a slow search would): it must be dropped
    assert controller.deliver(old_request, old_results) is False
    assert window.results_model.rowCount() == len(newer.ids)
    assert window.results_model.query == "sahel"


def test_typing_is_debounced_into_one_search(qtbot, window: MainWindow, article_file: Path):
    with qtbot.waitSignal(window.importFinished, timeout=LONG):
        window.import_paths([article_file])
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=LONG)
    before = window.search.latest_seq
    with qtbot.waitSignal(window.searchFinished, timeout=LONG):
        qtbot.keyClicks(window.search_box, "Bamako")
    assert window.search.latest_seq == before + 1  # six key presses, one search
    with qtbot.waitSignal(window.searchFinished, timeout=LONG):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.search.latest_seq == before + 2


def test_keyboard_moves_in_results_and_steps_matches(
    qtbot, window: MainWindow, article_file: Path
) -> None:
    with qtbot.waitSignal(window.importFinished, timeout=LONG):
        window.import_paths([article_file, SAMPLES])
    with qtbot.waitSignal(window.searchFinished, timeout=LONG):
        window.search_box.setText("Bamako")
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.results_model.rowCount() >= 2
    window.focus_search()
    with qtbot.waitSignal(window.articleShown, timeout=LONG):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.article_list.currentIndex().row() == 0
    with qtbot.waitSignal(window.articleShown, timeout=LONG):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.article_list.currentIndex().row() == 1
    total = window.article_view.match_count()
    assert total >= 1
    window.actions_.next_match.trigger()
    assert window.article_pane.match_label.text() == f"match 1 of {total}"
    window.actions_.prev_match.trigger()
    assert window.article_pane.match_label.text() == f"match {total} of {total}"


def test_entity_click_highlights_and_steps(qtbot, window: MainWindow, article_file: Path):
    with qtbot.waitSignal(window.importFinished, timeout=LONG):
        window.import_paths([article_file])
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=LONG)
    with qtbot.waitSignal(window.articleShown, timeout=LONG):
        window.article_list.setCurrentIndex(window.results_model.index(0))
    qtbot.waitUntil(lambda: bool(_entity_names(window)), timeout=LONG)
    tree = window.entity_panel.tree
    model = tree.model()
    assert isinstance(model, EntityModel)
    label, name, count = _most_mentioned(model)
    index = model.index(0, 0, model.group_index(label))
    for step in range(1, count + 2):
        tree.clicked.emit(index)
        expected = (step - 1) % count + 1
        assert window.statusBar().currentMessage() == f"{name}: mention {expected} of {count}"
    selections = window.article_view.extraSelections()
    assert any(s.cursor.selectedText() for s in selections)


def _most_mentioned(model: EntityModel) -> tuple[str, str, int]:
    best = None
    for label in ENTITY_TYPES:
        group = model.group_index(label)
        if group.isValid():
            row = model.entity_at(model.index(0, 0, group))
            if row and (best is None or row.count > best[2]):
                best = (row.label, row.name, row.count)
    assert best is not None
    return best


def test_progress_is_determinate_and_cancel_stops_the_import(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(30):
        (folder / f"note-{i:02}.txt").write_text(
            f" date 2025-08-{i % 28 + 1:02} Note numéro {i} sur la situation à Gao.\nSuite {i}.",
            encoding="utf-8",
        )
    maxima: list[int] = []
    window.progress.valueChanged.connect(lambda _v: maxima.append(window.progress.maximum()))
    with qtbot.waitSignal(window.importFinished, timeout=LONG) as imported:
        window.import_paths([folder])
    assert imported.args[0].count("imported") == 30
    assert 30 in maxima  # the bar knew the total
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=LONG)

    again = tmp_path / "more"
    again.mkdir()
    for i in range(30):
        (again / f"autre-{i:02}.txt").write_text(f" date 2025-09-01 Autre note {i}.", "utf-8")
    with qtbot.waitSignal(window.importFinished, timeout=LONG) as cancelled:
        window.import_paths([again])
        assert window.cancel_button.isVisible()
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    report = cancelled.args[0]
    assert report.cancelled and report.count("imported") < 30
    assert "(cancelled)" in window.report_button.text()


def test_an_import_does_not_move_the_article_being_read(
    qtbot, window: MainWindow, article_file: Path
) -> None:
    with qtbot.waitSignal(window.importFinished, timeout=LONG):
        window.import_paths([SAMPLES])
    qtbot.waitUntil(lambda: window.results_model.rowCount() >= 6, timeout=LONG)
    window.resize(900, 500)
    with qtbot.waitSignal(window.articleShown, timeout=LONG) as shown:
        window.article_list.setCurrentIndex(window.results_model.index(2))
    bar = window.article_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    with qtbot.waitSignal(window.importFinished, timeout=LONG):
        window.import_paths([article_file])
    # The list refreshes with one more article (a search already under way when the
    # import landed may answer first, without it).
    qtbot.waitUntil(lambda: window.results_model.rowCount() >= 7, timeout=LONG)
    assert window.current_article is not None and window.current_article.id == shown.args[0]
    assert (
        window.results_model.article_id(window.article_list.currentIndex().row()) == shown.args[0]
    )
    assert bar.value() == position
