"""The text size chosen with View > Larger/Smaller text or in the Preferences.

One number of steps (setting ``ui/fontDelta``, a point per step) applies to the result
list, the sidebars (navigation, entities, related articles) and the article, so a person
who needs larger text gets it everywhere they read, not only in the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

SETTING = "ui/fontDelta"
OLD_SETTING = "view/zoom"  # the article-only zoom of earlier versions
SMALLEST, LARGEST = -4, 8


def stored_delta(settings: QSettings) -> int:
    """The remembered steps (the older article zoom when there is no newer setting)."""
    value = settings.value(SETTING, settings.value(OLD_SETTING, 0))
    try:
        return clamp(int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def clamp(delta: int) -> int:
    return max(SMALLEST, min(LARGEST, delta))


def zoomed_widgets(window: MainWindow) -> list[QWidget]:
    """What follows the text size besides the article (whose document has its own font)."""
    pane = window.article_pane
    return [window.article_list, window.sidebar, window.entity_panel, pane.related_list,
            pane.highlights_list]


def set_font_delta(window: MainWindow, delta: int, previous: int) -> int:
    """Apply ``delta`` steps (``previous`` is what is applied now); returns the clamped
    value, also stored in the settings."""
    delta = clamp(delta)
    if delta != previous:
        window.article_view.zoomIn(delta - previous)
    base = QApplication.font().pointSizeF()
    for widget in zoomed_widgets(window):
        font = QFont(widget.font())
        font.setPointSizeF(max(4.0, base + delta))
        widget.setFont(font)
    window.settings.setValue(SETTING, delta)
    return delta
