"""Light and dark themes: WCAG AA contrast of every colour pair the style uses, and the
theme switching while the window runs (Preferences, or the desktop's colour scheme)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from index.library import Library
from reader_app import theme
from reader_app.main_window import MainWindow
from reader_app.package_data import STYLE_SHEET
from reader_app.theme_colours import NON_TEXT_PAIRS, TEXT_PAIRS, THEMES, contrast
from reader_app.views.article_view import ArticleView
from reader_app.views.result_delegate import mix, tag_colours

Role = QPalette.ColorRole
REPO = Path(__file__).resolve().parents[2]
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def _ratio(a: QColor, b: QColor) -> float:
    return contrast(a.name(), b.name())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_pair_reaches_aa(scheme: str) -> None:
    table = THEMES[scheme]
    low = [f"{fg} on {bg} ({where}): {contrast(table[fg], table[bg]):.2f} < {need}"
           for fg, bg, need, where in TEXT_PAIRS + NON_TEXT_PAIRS
           if contrast(table[fg], table[bg]) < need]
    assert not low, "\n".join(low)


def test_both_themes_name_the_same_colours() -> None:
    assert set(THEMES["light"]) == set(THEMES["dark"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_roles_reach_aa(scheme: str) -> None:
    pal = theme.palette_for(scheme)
    for fg, bg in ((Role.WindowText, Role.Window), (Role.Text, Role.Base),
                   (Role.Text, Role.AlternateBase), (Role.ButtonText, Role.Button),
                   (Role.HighlightedText, Role.Highlight), (Role.ToolTipText, Role.ToolTipBase),
                   (Role.PlaceholderText, Role.Base), (Role.PlaceholderText, Role.Window),
                   (Role.Link, Role.Base)):
        assert _ratio(pal.color(fg), pal.color(bg)) >= 4.5, (fg, bg)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_result_rows_read_well_selected_and_hovered(scheme: str) -> None:
    """The delegate tints the selected row from the palette (result_delegate.paint)."""
    pal = theme.palette_for(scheme)
    base, text = pal.color(Role.Base), pal.color(Role.Text)
    for back in (mix(base, pal.color(Role.Highlight), 0.18), mix(base, text, 0.05)):
        assert _ratio(text, back) >= 4.5
        assert _ratio(pal.color(Role.PlaceholderText), back) >= 4.5  # date, source
    # the starred star against the list (graphics: 3:1)
    assert _ratio(pal.color(Role.Highlight), base) >= 3.0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tag_labels_read_well_in_every_hue(scheme: str) -> None:
    """Tags without a colour get a hue from their name: 400 names cover the circle."""
    pal = theme.palette_for(scheme)
    worst = min(_ratio(*reversed(tag_colours(f"tag{i}", None, pal))) for i in range(400))
    assert worst >= 4.5
    # a colour a person picked: the better of the theme's two text colours
    for picked in ("#ff0000", "#0000ff", "#ffff00", "#00ff00", "#000000", "#ffffff",
                   "#e53935", "#1e88e5", "#43a047", "#8e24aa"):
        back, fore = tag_colours("x", picked, pal)
        assert _ratio(fore, back) >= 4.5, picked


def test_no_colour_is_written_outside_the_table() -> None:
    """A hex colour in a view would stay the same in both themes."""
    offenders = []
    for path in sorted((REPO / "reader_app").rglob("*.py")):
        if path.name == "theme_colours.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HEX.search(line.split("#", 1)[-1] if line.lstrip().startswith("#") else line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    template = re.sub(r"/\*.*?\*/", "", STYLE_SHEET.read_text(encoding="utf-8"), flags=re.S)
    offenders += [f"veille.qss: {m}" for m in HEX.findall(template)]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_style_sheet_is_filled_in(scheme: str) -> None:
    sheet = theme.style_sheet(scheme)
    assert "@" not in sheet and THEMES[scheme]["banner"] in sheet


# --- switching while running --------------------------------------------------------
@pytest.fixture
def restored_app(qapp: QApplication) -> Iterator[QApplication]:
    """The themes change the whole application: put it back for the other tests."""
    palette, sheet, style = qapp.palette(), qapp.styleSheet(), qapp.style().name()
    yield qapp
    theme.apply_theme(qapp, "light")
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_switching_theme_repaints_the_running_window(
    qtbot, restored_app: QApplication, library: Library, window: MainWindow, article_file: Path
) -> None:
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.import_paths([article_file])
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1)
    window.article_list.setCurrentIndex(window.results_model.index(0))
    qtbot.waitUntil(lambda: window.current_article is not None)
    gone = ArticleView()  # a view deleted before the switch must not be called
    gone.deleteLater()
    qtbot.waitUntil(lambda: not gone.isVisible())
    QApplication.processEvents()

    assert theme.apply_theme(restored_app, "dark") == "dark"
    dark = THEMES["dark"]
    assert restored_app.property("veilleTheme") == "dark"
    assert window.article_list.palette().color(Role.Base) == QColor(dark["base"])
    assert window.article_view.palette().color(Role.Text) == QColor(dark["text"])
    assert dark["muted"] in window.article_view.document().defaultStyleSheet()
    assert dark["person"] in window.article_pane.legend.text()

    assert theme.apply_theme(restored_app, "light") == "light"
    light = THEMES["light"]
    assert window.article_list.palette().color(Role.Base) == QColor(light["base"])
    assert light["person"] in window.article_pane.legend.text()


def test_system_follows_the_desktop_while_running(qtbot, restored_app: QApplication) -> None:
    hints = restored_app.styleHints()
    theme.apply_theme(restored_app, "system")
    with qtbot.waitSignal(theme.notifier().changed, timeout=2000) as changed:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert changed.args == ["dark"] and theme.current_scheme() == "dark"
    assert restored_app.palette().color(Role.Window) == QColor(THEMES["dark"]["window"])
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current_scheme() == "light"
    theme.apply_theme(restored_app, "light")  # a chosen theme stays when the desktop changes
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current_scheme() == "light"
    assert restored_app.palette().color(Role.Window) == QColor(THEMES["light"]["window"])
