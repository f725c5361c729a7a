"""The article pane: a QTextBrowser that shows one article with its highlights.

Entity and match colours are in the HTML; the *focused* things (the entity picked in
the sidebar, the current F3 match) are extra selections on top, so stepping through
them never re-renders the article or loses the scroll position.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from index.models import Article, EntityType
from reader_app.style import ENTITY_COLOURS, MATCH_CURRENT
from reader_app.views.article_html import (
    DEFAULT_CSS,
    Paragraph,
    Span,
    article_html,
    split_paragraphs,
)

PLACEHOLDER = (
    "<html><body><p style='color:#80868b; font-size:13pt; margin-top:40px' align='center'>"
    "Select an article in the list to read it here.</p></body></html>"
)


class ArticleView(QTextBrowser):
    """Shows an article; steps through an entity's mentions or the query's matches."""

    matchChanged = Signal(int, int)  # current (1-based, 0 = none), total
    entityFocused = Signal(str, int, int)  # name, current (1-based), total

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setOpenExternalLinks(True)
        self.document().setDefaultStyleSheet(DEFAULT_CSS)
        self.document().setDocumentMargin(18)
        self.article: Article | None = None
        self.matches: list[Span] = []
        self._blocks: list[tuple[Paragraph, int]] = []
        self._match_index = -1
        self._focus: tuple[EntityType, str] | None = None
        self._focus_spans: list[Span] = []
        self._focus_index = -1
        self.setHtml(PLACEHOLDER)

    # --- content -------------------------------------------------------------
    def show_article(self, article: Article | None, matches: Sequence[Span] = ()) -> None:
        """Render ``article`` (None shows the placeholder) and reset focus and matches."""
        self.article = article
        self.matches = sorted(matches)
        self._match_index = -1
        self._focus, self._focus_spans, self._focus_index = None, [], -1
        self._render()
        self.verticalScrollBar().setValue(0)
        self.matchChanged.emit(0, len(self.matches))

    def update_mentions(self, article: Article) -> None:
        """The same article with new entities: re-render, keep the scroll position."""
        if self.article is None or article.id != self.article.id:
            return
        pos = self.verticalScrollBar().value()
        self.article = article
        self._focus, self._focus_spans, self._focus_index = None, [], -1
        self._render()
        self.verticalScrollBar().setValue(pos)

    def _render(self) -> None:
        self.setExtraSelections([])
        if self.article is None:
            self.setHtml(PLACEHOLDER)
            self._blocks = []
            return
        self.setHtml(article_html(self.article, self.matches))
        self._blocks = self._map_blocks(split_paragraphs(self.article.text))

    def _map_blocks(self, paragraphs: list[Paragraph]) -> list[tuple[Paragraph, int]]:
        """Pair each paragraph with its block's document position (the last N blocks)."""
        doc = self.document()
        blocks = []
        block = doc.lastBlock()
        while block.isValid() and len(blocks) < len(paragraphs):
            blocks.append(block)
            block = block.previous()
        blocks.reverse()
        out = []
        for par, blk in zip(paragraphs, blocks, strict=False):
            if blk.text() == par.text:
                out.append((par, blk.position()))
        return out

    def doc_position(self, offset: int) -> int | None:
        """Document position of an article text offset, or None if it is not shown."""
        for par, pos in self._blocks:
            if par.start <= offset <= par.end:
                return pos + offset - par.start
        return None

    # --- matches (F3) ----------------------------------------------------------
    def match_count(self) -> int:
        return len(self.matches)

    def step_match(self, forward: bool = True) -> int:
        """Move to the next (or previous) match, wrapping; returns its 1-based number."""
        if not self.matches:
            self.matchChanged.emit(0, 0)
            return 0
        step = 1 if forward else -1
        if self._match_index < 0:
            self._match_index = 0 if forward else len(self.matches) - 1
        else:
            self._match_index = (self._match_index + step) % len(self.matches)
        self._focus_index = -1
        self._apply_selections(self.matches[self._match_index])
        self.matchChanged.emit(self._match_index + 1, len(self.matches))
        return self._match_index + 1

    # --- entity focus (sidebar clicks) -----------------------------------------
    def focus_entity(self, label: EntityType, name: str) -> tuple[int, int]:
        """Highlight every mention of an entity; a second click steps to the next one."""
        if self.article is None:
            return 0, 0
        if self._focus == (label, name) and self._focus_spans:
            self._focus_index = (self._focus_index + 1) % len(self._focus_spans)
        else:
            self._focus = (label, name)
            self._focus_spans = sorted(
                (m.start, m.end)
                for m in self.article.mentions
                if m.label == label and (m.canonical or m.text) == name
            )
            self._focus_index = 0 if self._focus_spans else -1
        if self._focus_index < 0:
            return 0, 0
        self._apply_selections(self._focus_spans[self._focus_index])
        current, total = self._focus_index + 1, len(self._focus_spans)
        self.entityFocused.emit(name, current, total)
        return current, total

    def focused_entity(self) -> tuple[EntityType, str] | None:
        return self._focus

    # --- drawing the focus -------------------------------------------------------
    def _selection(self, span: Span, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection | None:
        start, end = self.doc_position(span[0]), self.doc_position(span[1])
        if start is None or end is None or end <= start:
            return None
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _apply_selections(self, current: Span) -> None:
        selections = []
        if self._focus is not None:
            strong = QColor(ENTITY_COLOURS[self._focus[0]][1])
            others = QTextCharFormat()
            others.setFontUnderline(True)
            others.setUnderlineColor(strong)
            others.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            for span in self._focus_spans:
                sel = self._selection(span, others)
                if sel is not None:
                    selections.append(sel)
        cur_fmt = QTextCharFormat()
        in_focus = self._focus_index >= 0
        bg = ENTITY_COLOURS[self._focus[0]][1] if in_focus and self._focus else MATCH_CURRENT
        cur_fmt.setBackground(QColor(bg))
        cur_fmt.setForeground(QColor("#ffffff"))
        sel = self._selection(current, cur_fmt)
        if sel is not None:
            selections.append(sel)
            self._scroll_to(sel.cursor)
        self.setExtraSelections(selections)

    def _scroll_to(self, cursor: QTextCursor) -> None:
        """Bring a span to the middle of the pane rather than the very edge."""
        plain = QTextCursor(cursor)
        plain.clearSelection()
        self.setTextCursor(plain)
        rect = self.cursorRect(plain)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)
