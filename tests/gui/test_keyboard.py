"""The keyboard: tab order without traps, Ctrl+F's own find bar, shortcuts from any
widget, a shortcut on every menu command, an accessible name on every control."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from reader_app.find_bar import find_spans, fold
from reader_app.main_window import MainWindow
from reader_app.shortcuts import menu_actions
from tests.gui.conftest import ARTICLE_FR


@pytest.fixture
def read_window(qtbot, window: MainWindow, tmp_path: Path) -> Iterator[MainWindow]:
    """The window with the French article open in the reader."""
    path = tmp_path / "inbox" / "camara.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(ARTICLE_FR, encoding="utf-8")
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.import_paths([path])
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=10000)
    with qtbot.waitSignal(window.articleShown, timeout=10000):
        window.article_list.setCurrentIndex(window.results_model.index(0, 0))
    yield window


def focus_on(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget
                    or QApplication.focusWidget() in widget.findChildren(QWidget))


def focused_is(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is widget or (focus is not None and widget.isAncestorOf(focus))


def test_tab_goes_through_the_date_boxes_without_stopping(qtbot, window: MainWindow) -> None:
    bar = window.search_bar
    assert bar.date_from.date() == bar.date_from.minimumDate()  # "Any date": the old trap
    focus_on(qtbot, bar.sort)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_is(bar.date_from)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_is(bar.date_to)  # one Tab per box, not one per day/month/year
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_is(bar.source)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert focused_is(bar.date_to)
    bar.date_to.setDate(bar.date_to.date().addYears(225))  # a real date shows its parts
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_is(bar.source)


def test_tab_order_follows_the_screen(qtbot, read_window: MainWindow) -> None:
    win = read_window
    order = [win.search_box, win.search_bar.sort, win.search_bar.date_from,
             win.search_bar.date_to, win.search_bar.source, win.search_bar.lang,
             win.sidebar.tree, win.article_list, win.article_view]
    positions = []
    widget = win.search_box
    for _ in range(200):
        if widget in order and widget not in positions:
            positions.append(widget)
        widget = widget.nextInFocusChain()
    assert positions == order


def test_ctrl_f_finds_a_word_in_the_article_in_its_own_bar(qtbot, read_window: MainWindow) -> None:
    win = read_window
    bar = win.keyboard.find_bar
    focus_on(qtbot, win.article_view)
    QTest.keyClick(win.article_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and focused_is(bar.field)
    assert win.search_box.text() == ""  # the library search is left alone
    QTest.keyClicks(bar.field, "camara")  # in the title and twice in the text
    assert bar.count.text() == "1 of 3"
    selected = win.article_view.textCursor().selectedText()
    assert selected == "Camara"
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 3"
    QTest.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 3"
    bar.field.setText("securite  des ROUTES")  # accents, case and spacing aside
    assert bar.count.text() == "1 of 1"
    assert win.article_view.textCursor().selectedText() == "sécurité des routes"
    bar.field.setText("Kidal")
    assert bar.count.text() == "No match"
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert focused_is(win.article_view)


def test_find_bar_keeps_f3_while_typing(qtbot, read_window: MainWindow) -> None:
    bar = read_window.keyboard.find_bar
    bar.open_bar()
    bar.field.setText("Bamako")
    focus_on(qtbot, bar.field)
    assert bar.count.text() == "1 of 3"
    QTest.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == "2 of 3"


def test_find_spans_fold_case_and_accents() -> None:
    text = "La Sécurité, puis la\nsécurité des États."
    assert fold(text) == "la securite, puis la\nsecurite des etats."
    assert find_spans(text, "SECURITE") == [(3, 11), (21, 29)]
    assert find_spans(text, "la securite") == [(0, 11), (18, 29)]
    assert find_spans(text, "   ") == []


@pytest.mark.parametrize("keys", ["Ctrl+K", "Ctrl+L"])
def test_ctrl_k_and_l_reach_the_search_box_from_any_widget(qtbot, read_window: MainWindow,
                                                           keys: str) -> None:
    win = read_window
    key = Qt.Key.Key_K if keys == "Ctrl+K" else Qt.Key.Key_L
    note = win.article_pane.note_editor.editor
    for start in (win.article_view, win.article_list, win.sidebar.tree, note):
        if not start.isVisible():
            continue
        focus_on(qtbot, start)
        QTest.keyClick(start, key, Qt.KeyboardModifier.ControlModifier)
        assert focused_is(win.search_box), f"{keys} from {start.objectName()}"
    # typing a letter in the search box types it: single-letter shortcuts stay in the list
    win.search_box.clear()
    QTest.keyClicks(win.search_box, "s")
    assert win.search_box.text() == "s"


def test_every_menu_command_has_a_shortcut_shown_in_its_menu(window: MainWindow) -> None:
    missing = [a.text() for a in menu_actions(window) if a.shortcut().isEmpty()]
    assert not missing
    keys = [a.shortcut().toString() for a in menu_actions(window)]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_every_control_has_an_accessible_name(qtbot, read_window: MainWindow) -> None:
    win = read_window
    win.keyboard.find_bar.open_bar()
    unnamed = [
        f"{type(w).__name__} {w.objectName()}"
        for w in win.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not w.accessibleName() and w.objectName() != "qt_spinbox_lineedit"
    ]
    assert not unnamed


class GreedyField(QLineEdit):
    """A field that claims every key for itself, as a line edit claims Ctrl+K (delete to
    the end of the line) on Linux desktops."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)


def test_window_shortcuts_win_over_a_field_that_claims_the_key(qtbot,
                                                               window: MainWindow) -> None:
    field = GreedyField(window)
    field.setAccessibleName("greedy")
    window.statusBar().addWidget(field)
    field.show()
    focus_on(qtbot, field)
    QTest.keyClick(field, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert focused_is(window.search_box)
    focus_on(qtbot, field)
    QTest.keyClicks(field, "ms")  # letters (M: mark read, S: star) are typed
    assert field.text() == "ms"
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # its own undo
    assert focused_is(field) and field.text() == ""


def test_dialog_controls_have_accessible_names(qtbot, read_window: MainWindow) -> None:
    from reader_app.views.edit_dialogs import TagsDialog
    from reader_app.views.export_dialog import ExportDialog
    from reader_app.views.watch_dialogs import SaveWatchDialog

    win = read_window
    dialogs = [ExportDialog(win, 1, 1, [("Sahel", 1)], [("Brief", 1)], query="sahel"),
               TagsDialog(1, ["Sahel"], win), SaveWatchDialog(win, "sahel", None, []),
               win.entity_hub.show_browser()]
    for dialog in dialogs:
        dialog.show()
        unnamed = [f"{type(w).__name__} {w.objectName()}" for w in dialog.findChildren(QWidget)
                   if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                   and not w.accessibleName() and w.objectName() != "qt_spinbox_lineedit"]
        dialog.close()
        assert not unnamed, f"{dialog.objectName()}: {unnamed}"
