"""Help > Search syntax and Help > About."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader_app.style import DOCS

FALLBACK_SYNTAX = """# Search syntax

- `alliance sahel`: articles with both words (accents optional: *securite* finds *sécurité*)
- `"Sadio Camara"`: the exact phrase
- `date:2025-08`: articles of August 2025
- `source:…`, `lang:fr`: one source, one language
"""


def show_search_syntax(parent: QWidget) -> QDialog:
    """Shows docs/search-syntax.md when present (a short built-in summary otherwise)."""
    path = DOCS / "search-syntax.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else FALLBACK_SYNTAX
    dialog = QDialog(parent)
    dialog.setObjectName("searchSyntax")
    dialog.setWindowTitle("Search syntax")
    dialog.resize(640, 560)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(True)
    browser.setMarkdown(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.show()
    return dialog


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Veille",
        "<h3>Veille</h3><p>An offline reader for saved news: import, search, and follow "
        "the people, organisations and places in your articles.</p>"
        "<p>Everything stays on this computer.</p>",
    )
