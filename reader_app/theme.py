"""Light and dark themes: the palette, the style sheet's colours, and following the desktop.

``apply_theme(app, "system" | "light" | "dark")`` sets Fusion's palette and fills the
style sheet template (resources/style/veille.qss, ``@name`` tokens) from the table in
reader_app/theme_colours.py. With "system" it follows ``QStyleHints.colorScheme`` and its
``colorSchemeChanged`` signal while running. Views that draw colours themselves (HTML,
delegates, charts) ask ``colour(name)`` when they paint, and those that embed colours in
HTML re-render on ``notifier().changed``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from reader_app.package_data import STYLE_SHEET
from reader_app.theme_colours import THEMES

CHOICES = ("system", "light", "dark")
SETTING = "ui/theme"
PROPERTY = "veilleTheme"  # on the application: the effective "light" or "dark"
_TOKEN = re.compile(r"@([a-z_]+)")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


class ThemeNotifier(QObject):
    """Says when the effective theme changed, for views that embed colours in HTML."""

    changed = Signal(str)  # "light" | "dark"


class VeilleStyle(QProxyStyle):
    """Fusion, with edges that show on a dark palette: Fusion draws the outlines of
    check boxes, radio buttons and text fields a shade darker than the window, which
    vanishes when the window is nearly black."""

    _EDGED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
              QStyle.PrimitiveElement.PE_IndicatorRadioButton,
              QStyle.PrimitiveElement.PE_FrameLineEdit, QStyle.PrimitiveElement.PE_Frame,
              QStyle.PrimitiveElement.PE_FrameGroupBox)

    def __init__(self) -> None:
        super().__init__("Fusion")
        self.setObjectName("veilleStyle")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        pal = option.palette
        if element not in self._EDGED or pal.color(QPalette.ColorRole.Base).lightness() >= 128:
            return
        _edge(painter, option, round_=element == QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        dark = option.palette.color(QPalette.ColorRole.Base).lightness() < 128
        if control == QStyle.ComplexControl.CC_SpinBox and dark:
            _edge(painter, option)


def _edge(painter: QPainter, option: QStyleOption, round_: bool = False) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    rect = option.rect.adjusted(0, 0, -1, -1)
    if round_:
        painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
    else:
        painter.drawRoundedRect(rect, 2, 2)
    painter.restore()


class _State:
    choice = "light"
    scheme = "light"
    following = False  # connected to colorSchemeChanged
    notifier: ThemeNotifier | None = None


def notifier() -> ThemeNotifier:
    if _State.notifier is None:
        _State.notifier = ThemeNotifier()
    return _State.notifier


def current_scheme() -> str:
    """The effective theme: "light" or "dark"."""
    return _State.scheme


def current_choice() -> str:
    return _State.choice


def colours(scheme: str | None = None) -> Mapping[str, str]:
    return THEMES[scheme or _State.scheme]


def colour(name: str) -> str:
    """A colour of the current theme, as ``#rrggbb`` (keys of theme_colours)."""
    return THEMES[_State.scheme][name]


def qcolour(name: str) -> QColor:
    return QColor(colour(name))


def entity_colours(label: str) -> tuple[str, str]:
    """(mention background, strong colour) of an entity type in the current theme."""
    table = THEMES[_State.scheme]
    return table[label], table[f"{label}_strong"]


def system_scheme(app: QGuiApplication | None = None) -> str:
    """What the desktop asks for; light when it says nothing (offscreen, old desktops)."""
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QGuiApplication):
        return "light"
    return "dark" if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def style_tokens(text: str, scheme: str | None = None) -> str:
    """``text`` with each ``@name`` replaced by that colour of the theme."""
    table = THEMES[scheme or _State.scheme]
    return _TOKEN.sub(lambda m: table[m.group(1)], text)


def style_sheet(scheme: str) -> str:
    """The packaged style sheet with the theme's colours filled in ("" when missing)."""
    if not STYLE_SHEET.is_file():
        return ""
    sheet = _COMMENT.sub("", STYLE_SHEET.read_text(encoding="utf-8"))
    return style_tokens(sheet, scheme)


def palette_for(scheme: str) -> QPalette:
    """Fusion's palette in the theme's colours (disabled text dimmer, as Fusion does)."""
    t = THEMES[scheme]
    Role = QPalette.ColorRole
    pal = QPalette(QColor(t["button"]), QColor(t["window"]))
    roles = {
        Role.Window: "window", Role.WindowText: "text", Role.Base: "base",
        Role.AlternateBase: "alt_base", Role.Text: "text", Role.Button: "button",
        Role.ButtonText: "text", Role.BrightText: "on_strong", Role.Highlight: "selection",
        Role.HighlightedText: "selection_text", Role.Link: "link", Role.LinkVisited: "link",
        Role.ToolTipBase: "tooltip", Role.ToolTipText: "tooltip_text",
        Role.PlaceholderText: "muted", Role.Mid: "border_strong", Role.Midlight: "border",
        Role.Accent: "accent",
    }
    for role, name in roles.items():
        pal.setColor(role, QColor(t[name]))
    disabled = QPalette.ColorGroup.Disabled
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        pal.setColor(disabled, role, QColor(t["muted"]))
    pal.setColor(disabled, Role.Highlight, QColor(t["border_strong"]))
    return pal


def resolve(choice: str, app: QGuiApplication | None = None) -> str:
    return choice if choice in ("light", "dark") else system_scheme(app)


def apply_theme(app: QApplication, choice: str) -> str:
    """Set the theme now (and follow the desktop if ``choice`` is "system"); returns the
    effective "light" or "dark". An unknown choice counts as "system"."""
    _State.choice = choice if choice in CHOICES else "system"
    if not _State.following:
        app.styleHints().colorSchemeChanged.connect(_desktop_changed)
        _State.following = True
    return _apply_scheme(app, resolve(_State.choice, app))


def _desktop_changed(scheme: Qt.ColorScheme) -> None:
    """The desktop switched light/dark: follow it unless a theme was chosen."""
    app = QApplication.instance()
    if _State.choice == "system" and isinstance(app, QApplication):
        _apply_scheme(app, "dark" if scheme == Qt.ColorScheme.Dark else "light")


def _apply_scheme(app: QApplication, scheme: str) -> str:
    changed = scheme != _State.scheme
    _State.scheme = scheme
    if app.style().objectName() != "veilleStyle":
        app.setStyle(VeilleStyle())  # Fusion: the palette is honoured the same everywhere
    app.setPalette(palette_for(scheme))
    app.setStyleSheet(style_sheet(scheme))
    app.setProperty(PROPERTY, scheme)
    if changed:
        notifier().changed.emit(scheme)
    return scheme
