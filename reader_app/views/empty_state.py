"""What the list area shows when the library has no article yet, or a search finds none."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from reader_app.i18n import translate as _tr
from reader_app.style import icon_path
from reader_app.theme import colour, notifier, style_tokens

EMPTY_LIBRARY = (
    "<p style='font-size:14pt; font-weight:600'>{0}</p><p>{1}</p><p style='color:@muted'>{2}</p>"
)
EMPTY_TEXTS = (
    QT_TRANSLATE_NOOP("", "Your library is empty"),
    QT_TRANSLATE_NOOP("", "Drop news files or folders here, or use <b>File &gt; Import files…</b>"),
    QT_TRANSLATE_NOOP("", "Formats: plain text, HTML pages, RSS/Atom feeds, e-mails (.eml, "
                          ".mbox), news XML and ZIP archives of them."),
)


class EmptyState(QWidget):
    """A plain explanation and a button that loads the bundled sample articles."""

    loadSamplesRequested = Signal()
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        icon = QLabel(self)
        icon.setPixmap(QIcon(icon_path("drop")).pixmap(QSize(64, 64)))
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message = QLabel(self)
        self._theme_changed()
        notifier().changed.connect(self._theme_changed)
        self.message.setObjectName("emptyMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.samples_button = QPushButton(_tr("Load sample articles"), self)
        self.samples_button.setObjectName("loadSamples")
        self.samples_button.setDefault(True)
        self.samples_button.clicked.connect(self.loadSamplesRequested)
        self.import_button = QPushButton(_tr("Import files…"), self)
        self.import_button.setObjectName("secondary")
        self.import_button.clicked.connect(self.importRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(self.message)
        layout.addWidget(self.samples_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def _theme_changed(self, _scheme: str = "") -> None:
        """The hint's colour is in the HTML."""
        self.message.setText(style_tokens(EMPTY_LIBRARY).format(*(_tr(t) for t in EMPTY_TEXTS)))

    def set_samples_available(self, available: bool) -> None:
        self.samples_button.setVisible(available)


class NoResults(QLabel):
    """Shown instead of an empty list when a search finds nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noResults")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setContentsMargins(16, 32, 16, 16)

    def show_query(self, query: str, filtered: bool) -> None:
        from html import escape

        hint = _tr("Try fewer words, or remove a filter.") if filtered else \
            _tr("Try fewer or other words.")
        headline = _tr("No article matches <b>{0}</b>").format(escape(query))
        see = _tr("See Help &gt; Search syntax.")
        self.setText(
            f"<p style='font-size:13pt'>{headline}</p>"
            f"<p style='color:{colour('muted')}'>{hint} {see}</p>"
        )


class DropOverlay(QLabel):
    """Covers the window while files are dragged over it, so the drop target is obvious."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropOverlay")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setText(_tr("Drop to import into your library"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
