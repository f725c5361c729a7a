"""Help > Search syntax and Help > About."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader_app.i18n import current_language
from reader_app.i18n import translate as _tr
from reader_app.style import DOCS

FALLBACK_SYNTAX = QT_TRANSLATE_NOOP("", """# Search syntax

- `alliance sahel`: articles with both words (accents optional: *securite* finds *sécurité*)
- `"Sadio Camara"`: the exact phrase
- `date:2025-08`: articles of August 2025
- `source:…`, `lang:fr`: one source, one language
""")


def syntax_page(language: str | None = None) -> str:
    """The search syntax help in the interface language: docs/search-syntax.fr.md in
    French, docs/search-syntax.md otherwise (a short built-in summary when missing)."""
    lang = language or current_language()
    names = ([f"search-syntax.{lang}.md"] if lang != "en" else []) + ["search-syntax.md"]
    for name in names:
        path = DOCS / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return _tr(str(FALLBACK_SYNTAX))


def show_search_syntax(parent: QWidget) -> QDialog:
    """Shows the search syntax page (:func:`syntax_page`) in a non-modal dialog."""
    text = syntax_page()
    dialog = QDialog(parent)
    dialog.setObjectName("searchSyntax")
    dialog.setWindowTitle(_tr("Search syntax"))
    dialog.resize(640, 560)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(True)
    browser.setMarkdown(text)
    browser.setAccessibleName(_tr("Search syntax"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.show()
    return dialog


def show_about(parent: QWidget) -> QMessageBox:
    """Version, library and licences: reader_app/about.py."""
    from reader_app.about import show_about as about_box

    return about_box(parent)
