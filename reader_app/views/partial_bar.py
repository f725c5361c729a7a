"""The bar above a long article: how much of it is shown, and a button for the rest.

Also where the pane says plainly that the current match or mention lies in the part
not shown yet, next to the button that shows it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from reader_app.i18n import translate as _tr

# Its look (partialBar, partialText, showAll) is in resources/style/veille.qss, in the
# theme's colours.


def size_label(n_bytes: float) -> str:
    """12.4 MB, 980 KB: the size a person compares with the files they imported."""
    if n_bytes >= 1_000_000:
        return _tr("{0} MB").format(QLocale().toString(n_bytes / 1_000_000, "f", 1))
    return _tr("{0} KB").format(QLocale().toString(max(1, round(n_bytes / 1000))))


class PartialBar(QFrame):
    """Hidden while the whole article is shown and there is nothing to say."""

    showAllClicked = Signal()
    stopClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partialBar")
        self.text = QLabel(self)
        self.text.setObjectName("partialText")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self)
        self.button.setObjectName("showAll")
        self.button.clicked.connect(self._clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._appending = False
        self._status = ""
        self._notice = ""
        self.setVisible(False)

    def set_progress(self, shown: int, total: int, appending: bool, text_bytes: int) -> None:
        """``shown`` and ``total`` in characters; sizes are told in bytes of text."""
        self._appending = appending
        if total == 0 or shown >= total:
            self._status = ""
        else:
            ratio = text_bytes / total if total else 1.0
            done, whole = size_label(shown * ratio), size_label(text_bytes)
            if appending:
                self._status = _tr("Showing {0} of {1}…").format(done, whole)
                self.button.setText(_tr("Stop"))
                self.button.setToolTip(_tr("Stop adding text; what is shown stays"))
            else:
                self._status = _tr("Showing the first {0} of {1}.").format(done, whole)
                self.button.setText(_tr("Show the whole article ({0})").format(whole))
                self.button.setToolTip(_tr("Adds the rest a little at a time; you can keep "
                                           "reading meanwhile"))
            if self.button.property("quiet") != appending:
                self.button.setProperty("quiet", appending)  # Stop is the lesser action
                self.button.style().unpolish(self.button)
                self.button.style().polish(self.button)
        self._refresh()

    def notice(self) -> str:
        return self._notice

    def set_notice(self, notice: str) -> None:
        self._notice = notice
        self._refresh()

    def _refresh(self) -> None:
        parts = [f"<b>{html.escape(self._notice)}</b>"] if self._notice else []
        if self._status:
            if self._notice or self._appending:
                parts.append(self._status)
            else:
                status = self._status[:1].lower() + self._status[1:]
                parts.append(_tr("A long article: {0}").format(status))
        self.text.setText(" ".join(parts))
        self.button.setVisible(bool(self._status))
        self.setVisible(bool(parts))

    def _clicked(self) -> None:
        if self._appending:
            self.stopClicked.emit()
        else:
            self.showAllClicked.emit()
