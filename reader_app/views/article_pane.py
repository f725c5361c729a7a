"""The middle column: legend and match counter, the article, and related articles."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from index.models import SearchResults
from reader_app.models.results_model import ArticleIdRole, ResultsModel
from reader_app.views.article_view import ArticleView
from reader_app.views.entity_panel import legend_html
from reader_app.views.result_delegate import ResultDelegate


class ArticlePane(QWidget):
    """Wraps the ArticleView (objectName ``articleView``) with its header and footer."""

    relatedActivated = Signal(int)  # article id
    stepMatch = Signal(bool)  # forward

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = ArticleView(self)
        self.view.setAcceptDrops(False)  # drops go to the window (import), not into the text
        self.legend = QLabel(legend_html(), self)
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)  # two lines in a narrow pane rather than clipped
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.match_label = QLabel("", self)
        self.match_label.setObjectName("matchLabel")
        self.prev_button = self._tool("▲", "Previous match (Shift+F3)", False)
        self.next_button = self._tool("▼", "Next match (F3)", True)
        self.related_model = ResultsModel(self)
        self.related_list = QListView(self)
        self.related_list.setObjectName("relatedList")
        self.related_list.setModel(self.related_model)
        self.related_list.setItemDelegate(ResultDelegate(self.related_list, compact=True))
        self.related_list.setUniformItemSizes(True)
        self.related_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.related_list.clicked.connect(self._related_clicked)
        self.related_list.activated.connect(self._related_clicked)
        self.related_toggle = QToolButton(self)
        self.related_toggle.setObjectName("relatedToggle")
        self.related_toggle.setCheckable(True)
        self.related_toggle.setChecked(True)
        self.related_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.related_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.related_toggle.setAutoRaise(True)
        self.related_toggle.toggled.connect(self.set_related_visible)
        self.view.matchChanged.connect(self._show_match)
        self._build_layout()
        self.set_related(None)

    def _tool(self, text: str, tip: str, forward: bool) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self.stepMatch.emit(forward))
        return button

    def _build_layout(self) -> None:
        header = QWidget(self)
        header.setObjectName("articleHeader")
        row = QHBoxLayout(header)
        row.setContentsMargins(10, 5, 10, 5)
        row.addWidget(self.legend, 1)
        row.addWidget(self.match_label)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.related_toggle)
        layout.addWidget(self.related_list)

    def _show_match(self, current: int, total: int) -> None:
        if total == 0:
            self.match_label.setText("")
        elif current == 0:
            self.match_label.setText(f"{total} match{'es' if total != 1 else ''} — F3 to step")
        else:
            self.match_label.setText(f"match {current} of {total}")
        self.prev_button.setEnabled(total > 0)
        self.next_button.setEnabled(total > 0)

    def set_related(self, results: SearchResults | None) -> None:
        if results is None:
            self.related_model.clear()
        else:
            self.related_model.set_results(results)
        n = self.related_model.rowCount()
        self.related_toggle.setText(f"Related articles ({n})" if n else "Related articles")
        self.related_toggle.setEnabled(n > 0)
        self.related_list.setVisible(self.related_toggle.isChecked() and n > 0)
        if n:
            row_h = self.related_list.sizeHintForRow(0)
            self.related_list.setFixedHeight(min(n, 3) * row_h + 2)

    def set_related_visible(self, visible: bool) -> None:
        self.related_toggle.setChecked(visible)
        arrow = Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow
        self.related_toggle.setArrowType(arrow)
        self.related_list.setVisible(visible and self.related_model.rowCount() > 0)

    def _related_clicked(self, index: QModelIndex) -> None:
        article_id = index.data(ArticleIdRole)
        if article_id is not None:
            self.relatedActivated.emit(int(article_id))
