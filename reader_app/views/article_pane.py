"""The middle column: legend and match counter, the article, its note and highlights,
and related articles.

The note and the highlights sit under the text, in a panel the person folds away or
resizes (a vertical splitter): a note is written while reading, so it stays in view
beside the passage rather than behind a tab of the entity sidebar, which keeps its
whole height for the entities.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from index.models import SearchResults
from reader_app.models.results_model import ArticleIdRole, ResultsModel
from reader_app.theme import notifier
from reader_app.views.article_links import Opener
from reader_app.views.article_view import ArticleView, count
from reader_app.views.entity_panel import legend_html
from reader_app.views.highlights_list import HighlightsList
from reader_app.views.note_editor import NoteEditor
from reader_app.views.partial_bar import PartialBar
from reader_app.views.result_delegate import ResultDelegate
from reader_app.views.story_panel import StoryPanel

NOTICE_MS = 8000
NOTES_HEIGHT = 170  # the note panel's first height, in pixels


class ArticlePane(QWidget):
    """Wraps the ArticleView (objectName ``articleView``) with its header and footer."""

    relatedActivated = Signal(int)  # article id (a related article or another version)
    stepMatch = Signal(bool)  # forward

    def __init__(self, parent: QWidget | None = None, *, opener: Opener | None = None) -> None:
        super().__init__(parent)
        self.view = ArticleView(self, opener=opener)
        self.view.setAcceptDrops(False)  # drops go to the window (import), not into the text
        self.partial_bar = PartialBar(self)
        self.partial_bar.showAllClicked.connect(self.view.show_all)
        self.partial_bar.stopClicked.connect(self.view.stop_showing)
        self.view.renderProgress.connect(self._show_progress)
        self.view.targetHidden.connect(self.partial_bar.set_notice)
        self.view.linkRefused.connect(self._link_refused)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._forget_link_notice)
        self._link_notice = ""
        self.legend = QLabel(legend_html(), self)
        self.legend.setObjectName("legend")
        notifier().changed.connect(self._theme_changed)  # the key's colours are in its HTML
        self.legend.setWordWrap(True)  # two lines in a narrow pane rather than clipped
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.match_label = QLabel("", self)
        self.match_label.setObjectName("matchLabel")
        self.prev_button = self._tool("▲", self.tr("Previous match (Shift+F3)"), False)
        self.next_button = self._tool("▼", self.tr("Next match (F3)"), True)
        self.story_panel = StoryPanel(self)
        self.story_panel.versionActivated.connect(self.relatedActivated)
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
        self.related_toggle.setAccessibleName(self.tr("Show or hide related articles"))
        self.related_list.setAccessibleName(self.tr("Related articles"))
        self.view.matchChanged.connect(self._show_match)
        self._build_notes(opener)
        self._build_layout()
        self.set_related(None)

    def _tool(self, text: str, tip: str, forward: bool) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self.stepMatch.emit(forward))
        return button

    def _theme_changed(self, _scheme: str) -> None:
        self.legend.setText(legend_html())

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
        layout.addWidget(self.story_panel)
        layout.addWidget(self.partial_bar)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.related_toggle)
        layout.addWidget(self.related_list)
        note, marks = self.note_editor, self.highlights_list
        story = self.story_panel
        chain = (story.toggle, story.details, self.view, self.notes_toggle, note.markdown,
                 note.edit_button, note.editor, note.preview, marks.list, marks.edit_button,
                 marks.remove_button, self.related_toggle, self.related_list)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_notes(self, opener: Opener | None) -> None:
        self.note_editor = NoteEditor(self, opener=opener)
        self.highlights_list = HighlightsList(self)
        self.notes_toggle = QToolButton(self)
        self.notes_toggle.setObjectName("notesToggle")
        self.notes_toggle.setCheckable(True)
        self.notes_toggle.setChecked(True)
        self.notes_toggle.setAutoRaise(True)
        self.notes_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.notes_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.notes_toggle.setAccessibleName(self.tr("Show or hide the note and highlights"))
        self.notes_toggle.toggled.connect(self.set_notes_visible)
        self.notes_area = QSplitter(Qt.Orientation.Horizontal, self)
        self.notes_area.setObjectName("notesArea")
        self.notes_area.addWidget(self.note_editor)
        self.notes_area.addWidget(self.highlights_list)
        self.notes_area.setStretchFactor(0, 3)
        self.notes_area.setStretchFactor(1, 2)
        self.notes_area.setChildrenCollapsible(False)
        self.notes_box = QWidget(self)
        self.notes_box.setObjectName("notesBox")
        box = QVBoxLayout(self.notes_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.notes_toggle)
        box.addWidget(self.notes_area, 1)
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.body.setObjectName("articleBody")
        self.body.addWidget(self.view)
        self.body.addWidget(self.notes_box)
        self.body.setStretchFactor(0, 1)
        self.body.setChildrenCollapsible(False)
        self.body.setSizes([600, NOTES_HEIGHT])
        self._notes_height = NOTES_HEIGHT
        self.set_notes_summary(False, 0)

    def set_notes_visible(self, visible: bool) -> None:
        """Fold the note and highlights down to their title line, or open them again."""
        if self.notes_toggle.isChecked() != visible:
            self.notes_toggle.setChecked(visible)  # comes back here through toggled
            return
        self.notes_toggle.setArrowType(
            Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        if not visible and self.notes_area.isVisible():
            self._notes_height = max(self.body.sizes()[1], 80)
        self.notes_area.setVisible(visible)
        folded = self.notes_toggle.sizeHint().height()
        self.notes_box.setMaximumHeight(16777215 if visible else folded)
        total = sum(self.body.sizes()) or self.body.height()
        shown = self._notes_height if visible else folded
        self.body.setSizes([max(0, total - shown), shown])

    def notes_visible(self) -> bool:
        return self.notes_toggle.isChecked()

    def set_notes_summary(self, has_note: bool, highlights: int) -> None:
        """The fold line says what the article holds, so it shows even when folded."""
        parts = []
        if has_note:
            parts.append(self.tr("✎ has a note"))
        if highlights:
            parts.append(self.tr("%n highlight(s)", "", highlights))
        text = self.tr("Note and highlights")
        self.notes_toggle.setText(f"{text} — {', '.join(parts)}" if parts else text)

    def _show_match(self, current: int, total: int) -> None:
        if total == 0:
            self.match_label.setText("")
        elif current == 0:
            self.match_label.setText(self.tr("%Ln match(es) — F3 to step", "", total))
        elif self.view.current_match_shown():
            self.match_label.setText(self.tr("match {0} of {1}").format(count(current),
                                                                       count(total)))
        else:
            self.match_label.setText(self.tr("match {0} of {1} (not shown yet)").format(
                count(current), count(total)))
        self.prev_button.setEnabled(total > 0)
        self.next_button.setEnabled(total > 0)

    def _link_refused(self, message: str) -> None:
        """Said in the bar above the article for a few seconds (the window may also put
        it in its status bar)."""
        self._link_notice = message
        self.partial_bar.set_notice(message)
        self._notice_timer.start(NOTICE_MS)

    def _forget_link_notice(self) -> None:
        if self.partial_bar.notice() == self._link_notice:  # not replaced by another since
            self.partial_bar.set_notice("")

    def _show_progress(self, shown: int, total: int, appending: bool) -> None:
        self.partial_bar.set_progress(shown, total, appending, self.view.text_bytes)

    def set_related(self, results: SearchResults | None) -> None:
        if results is None:
            self.related_model.clear()
        else:
            self.related_model.set_results(results)
        n = self.related_model.rowCount()
        self.related_toggle.setText(self.tr("Related articles ({0})").format(n) if n
                                    else self.tr("Related articles"))
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
