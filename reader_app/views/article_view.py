"""The article pane: a QTextBrowser that shows one article with its highlights.

Entity and match colours are in the HTML; the *focused* things (the entity picked in
the sidebar, the current F3 match) are extra selections on top, so stepping through
them never re-renders the article or loses the scroll position.

A long article (up to the 64 MB import limit) must never freeze the window: its first
screens (``first_chars``) are drawn at once, the following text up to ``head_chars``
is appended a slice per event-loop turn, and the rest only when asked
(:meth:`show_all`), the same way; the HTML of the slices is built on a worker
(:mod:`reader_app.views.article_feed`). F3 and entity focus count every match and
mention and say when the current one lies in the part not shown yet.

The pane never navigates: links go through :func:`article_links.refusal` and only web
and e-mail addresses reach the system browser; the document loads no resource named
by the article (:mod:`reader_app.views.article_document`).

A person's highlights are extra selections under the focus ones
(:mod:`reader_app.views.article_marks`); :meth:`selected_span` turns the text selected
in the pane into offsets into ``article.text`` through the same block map.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QLocale,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QHelpEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from index.models import Article, EntityType, Highlight
from reader_app.i18n import translate as _tr
from reader_app.theme import colour, entity_colours, notifier, style_tokens
from reader_app.views.article_blocks import BlockMap, SpanList
from reader_app.views.article_document import ArticleDocument, retire
from reader_app.views.article_feed import (
    MAX_SLICE_CHARS,
    MIN_SLICE_CHARS,
    SliceFeeder,
    SpanIndex,
    index_spans,
)
from reader_app.views.article_html import (
    Span,
    body_html,
    cut_point,
    document_css,
    header_html,
    split_paragraphs,
)
from reader_app.views.article_links import Opener, refusal
from reader_app.views.article_marks import HighlightMarks, highlight_format

PLACEHOLDER = (
    "<html><body><p style='color:@muted; font-size:13pt; margin-top:40px' align='center'>"
    "{0}</p></body></html>"
)
PLACEHOLDER_TEXT = QT_TRANSLATE_NOOP("", "Select an article in the list to read it here.")


def placeholder_html() -> str:
    return style_tokens(PLACEHOLDER).format(_tr(PLACEHOLDER_TEXT))
FIRST_CHARS = 24_000  # drawn in the call itself: the first screens, in ~10 ms
HEAD_CHARS = 200_000  # then appended without being asked; the rest on "Show all"
RETIRE_CHARS = 1_000_000  # a bigger document is swapped out and freed in pieces
SLICE_BUDGET_S = 0.008  # GUI time per appended slice (parse + insert); the slice size follows it
_NEAR_FOCUS = 20  # underlined mentions either side of the current one (a screenful)
_POLL_MS = 5  # while appending, how often to look for the next slice when none is ready
_PROGRESS_EVERY_S = 0.1  # "Showing 3.1 MB of 12.4 MB…" refreshes
_ANY = QTextDocument.ResourceType.UnknownResource
MenuHook = Callable[[QMenu, "Highlight | None"], None]


class _Jobs:
    """Holds the running feeder outside the widget, so ``destroyed`` can stop it."""

    def __init__(self) -> None:
        self.feeder: SliceFeeder | None = None

    def stop(self) -> None:
        if self.feeder is not None:
            self.feeder.cancel()
            self.feeder = None


class ArticleView(QTextBrowser):
    """Shows an article; steps through an entity's mentions or the query's matches."""

    matchChanged = Signal(int, int)  # current (1-based, 0 = none), total
    entityFocused = Signal(str, int, int)  # name, current (1-based), total
    renderProgress = Signal(int, int, bool)  # characters shown, in all; showing the rest
    targetHidden = Signal(str)  # why the current match/mention is not in view ("" if it is)
    linkRefused = Signal(str)  # one sentence, for the status bar
    articleChanged = Signal(int)  # another article is shown (its id; -1: none)

    def __init__(self, parent: QWidget | None = None, *, opener: Opener | None = None,
                 first_chars: int = FIRST_CHARS, head_chars: int = HEAD_CHARS) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setOpenLinks(False)  # a click only emits anchorClicked: we decide
        self.setOpenExternalLinks(False)
        self.setDocument(ArticleDocument(self))
        self.retire_chars = RETIRE_CHARS
        self.anchorClicked.connect(self._link_activated)
        self._opener: Opener = opener or QDesktopServices.openUrl
        self.first_chars, self.head_chars = first_chars, head_chars
        self.article: Article | None = None
        self.matches: Sequence[Span] = []
        self.text_bytes = 0
        self._spans: SpanIndex | None = None
        self._map = BlockMap()
        self._jobs = _Jobs()
        self.destroyed.connect(self._jobs.stop)
        self._want_all = False
        self._pump = QTimer(self)
        self._pump.setSingleShot(True)
        self._pump.timeout.connect(self._append_one)
        self._progress_at = 0.0
        self._match_index = -1
        self._focus: tuple[EntityType, str] | None = None
        self._focus_spans: SpanList = SpanList()
        self._focus_index = -1
        self._hidden_target: Span | None = None  # the current match/mention, not shown yet
        self._marks = HighlightMarks(self.document, self.doc_position)
        self._focus_sels: list[QTextEdit.ExtraSelection] = []
        self.menu_hook: MenuHook | None = None  # adds "Highlight"... to the context menu
        self.setHtml(placeholder_html())
        notifier().changed.connect(self._theme_changed)

    # --- content -------------------------------------------------------------
    def _theme_changed(self, _scheme: str) -> None:
        """The colours are in the HTML: render again in the new ones, where it was."""
        self.document().setDefaultStyleSheet(document_css())
        if self.article is None:
            self.setHtml(placeholder_html())
        else:
            self.update_mentions(self.article)

    def show_article(self, article: Article | None, matches: Sequence[Span] = ()) -> None:
        """Render ``article`` (None shows the placeholder) and reset focus and matches."""
        self._match_index = -1
        self._load(article, matches)
        self.verticalScrollBar().setValue(0)
        self.matchChanged.emit(0, len(self.matches))
        self.articleChanged.emit(article.id if article is not None else -1)

    def update_mentions(self, article: Article) -> None:
        """The same article with new entities: re-render, keep the scroll position."""
        if self.article is None or article.id != self.article.id:
            return
        pos = self.verticalScrollBar().value()
        wanted_all = self._want_all
        self._load(article, self.matches)
        if wanted_all:
            self.show_all()
        self.verticalScrollBar().setValue(pos)

    def _load(self, article: Article | None, matches: Sequence[Span],
              index: SpanIndex | None = None) -> None:
        self._jobs.stop()
        self._pump.stop()
        self._want_all = False
        self.article = article
        self._focus, self._focus_spans, self._focus_index = None, SpanList(), -1
        self._hidden_target = None
        self.setExtraSelections([])
        if self.document().characterCount() > self.retire_chars:
            self._new_document()
        if article is None:
            self.matches, self._spans, self.text_bytes = [], None, 0
            self.setHtml(placeholder_html())
            self._map.reset("")
        elif len(article.text) <= 2 * self.first_chars:
            self._spans = index_spans(article.mentions, matches)
            self.matches = self._spans.matches
            self.text_bytes = len(article.text.encode("utf-8", "replace"))
            self._render_head(len(article.text))
        else:
            # The spans are in text order (the store sorts mentions, the highlighter its
            # matches); the worker checks, and the article is redrawn if they were not.
            self._spans = index
            self.matches = index.matches if index else list(matches)
            self.text_bytes = len(article.text)  # until the worker has measured it
            self._render_head(cut_point(article.text, self.first_chars))
            self._start_feeder(cut_point(article.text, self.head_chars))
        self._focus_sels = []
        self._marks.reset(article.highlights if article else (), highlight_format(self.palette()))
        self._marks.draw(self._map.shown_end)
        self._show_selections()
        self.targetHidden.emit("")
        self._emit_progress()

    def _new_document(self) -> None:
        """Show a fresh document; the big old one is freed over the next turns."""
        old = self.document()
        new = ArticleDocument(self)
        new.setDefaultFont(old.defaultFont())  # keeps the zoom
        self.setDocument(new)
        retire(old)

    def _render_head(self, end: int) -> None:
        article = self.article
        assert article is not None
        spans = self._spans
        mentions = spans.mentions if spans else article.mentions
        matches = spans.matches if spans else self.matches
        pars = split_paragraphs(article.text, 0, end)
        body = body_html(pars, mentions, matches)
        self.setHtml(f"<html><body>{header_html(article)}{body}</body></html>")
        self._map.reset(article.text)
        self._map.add_last_blocks(self.document(), pars, end)

    def doc_position(self, offset: int) -> int | None:
        """Document position of an article text offset, or None if it is not shown."""
        return self._map.position(offset)

    # --- the rest of a long article ----------------------------------------------
    def shown_chars(self) -> int:
        return self._map.shown_end if self.article is not None else 0

    def total_chars(self) -> int:
        return len(self.article.text) if self.article is not None else 0

    def is_partial(self) -> bool:
        return self.shown_chars() < self.total_chars()

    def is_appending(self) -> bool:
        """True while the rest is being shown because the person asked for it."""
        return self._want_all and self._jobs.feeder is not None and self.is_partial()

    def is_shown(self, span: Span) -> bool:
        return self._map.is_shown(span)

    def spans_ready(self) -> bool:
        """Whether entity focus can answer (a long article's worker has indexed it)."""
        return self._spans is not None

    def show_all(self) -> None:
        """Append the rest of the article, a slice per event-loop turn."""
        if self.article is None or not self.is_partial():
            return
        self._want_all = True
        feeder = self._jobs.feeder or self._start_feeder(self.total_chars())
        feeder.extend(self.total_chars())
        self._pump.start(_POLL_MS)
        self._emit_progress()

    def stop_showing(self) -> None:
        """Stop appending; what is shown stays, and :meth:`show_all` resumes."""
        if self.is_appending():
            self._want_all = False
            self._jobs.stop()
            self._pump.stop()
            self._emit_progress()

    def wait_idle(self, timeout: float = 2.0) -> None:
        """Tests and shutdown: stop the background work and wait for its thread."""
        feeder = self._jobs.feeder
        self._jobs.stop()
        self._pump.stop()
        if feeder is not None:
            feeder.join(timeout)

    def _start_feeder(self, limit: int) -> SliceFeeder:
        assert self.article is not None
        article = self.article
        spans = self._spans
        feeder = SliceFeeder(article.text, spans.mentions if spans else article.mentions,
                             self.matches, self._map.shown_end, limit, spans)
        feeder.signals.prepared.connect(lambda idx, f=feeder: self._prepared(f, idx))
        feeder.signals.failed.connect(lambda msg, f=feeder: self._feeder_failed(f, msg))
        self._jobs.feeder = feeder
        feeder.start_work()
        self._pump.start(_POLL_MS)
        return feeder

    def _prepared(self, feeder: SliceFeeder, index: SpanIndex) -> None:
        if feeder is not self._jobs.feeder:
            return
        self.text_bytes = feeder.text_bytes or self.text_bytes
        if index.reordered and self._spans is None and self.article is not None:
            # Drawn so far with spans out of order: draw again with the sorted ones.
            wanted_all = self._want_all
            self._match_index = -1
            self._load(self.article, index.matches, index)
            if wanted_all:
                self.show_all()
            self.matchChanged.emit(0, len(self.matches))
            return
        self._spans = index
        self._emit_progress()

    def _feeder_failed(self, feeder: SliceFeeder, message: str) -> None:
        if feeder is self._jobs.feeder:
            self._jobs.stop()
            self._want_all = False
            self.targetHidden.emit(message)
            self._emit_progress()

    def _append_one(self) -> None:
        """Insert one built slice; the next waits for the next turn of the event loop."""
        feeder = self._jobs.feeder
        if feeder is None or feeder.cancelled():
            return
        built = feeder.take()
        if built is None:
            if feeder.finished:
                self._emit_progress()
            elif self._map.shown_end < feeder.limit:
                self._pump.start(_POLL_MS)  # not built yet: look again shortly
            return
        started = time.perf_counter()
        if built.paragraphs:
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertBlock(_body_format(built.paragraphs[0].joined), QTextCharFormat())
            cursor.insertHtml(built.html)  # parsed with our style sheet and resource rules
            self._map.add_last_blocks(self.document(), built.paragraphs, built.end)
        else:
            self._map.shown_end = built.end
        if self._marks.pending() and self._marks.draw(self._map.shown_end):
            self._show_selections()
        spent = time.perf_counter() - started
        if spent > SLICE_BUDGET_S:
            feeder.slice_chars = max(MIN_SLICE_CHARS, int(feeder.slice_chars * 0.7))
        elif spent < SLICE_BUDGET_S / 2:
            feeder.slice_chars = min(MAX_SLICE_CHARS, int(feeder.slice_chars * 1.25))
        reached = self._map.shown_end >= min(feeder.limit, self.total_chars())
        if reached or time.monotonic() - self._progress_at >= _PROGRESS_EVERY_S:
            self._emit_progress()
            self._hidden_target_arrived()
        self._pump.start(0)

    def _emit_progress(self) -> None:
        self._progress_at = time.monotonic()
        self.renderProgress.emit(self.shown_chars(), self.total_chars(), self.is_appending())

    # --- links -------------------------------------------------------------------
    def _link_activated(self, url: QUrl) -> None:
        reason = refusal(url)
        if reason is None:
            self._opener(url)
        else:
            self.linkRefused.emit(reason)

    def doSetSource(self, name: QUrl | str, type: QTextDocument.ResourceType = _ANY) -> None:
        """Never load another page into the pane, whoever asks."""
        del type
        shown = name.toString() if isinstance(name, QUrl) else str(name)
        self.linkRefused.emit(
            _tr("The article pane does not open other pages ({0}).").format(shown))

    # --- matches (F3) ----------------------------------------------------------
    def match_count(self) -> int:
        return len(self.matches)

    def current_match_shown(self) -> bool:
        return self._match_index < 0 or self.is_shown(self.matches[self._match_index])

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
        current, total = self._match_index + 1, len(self.matches)
        span = self.matches[self._match_index]
        self._apply_selections(span)
        self._say_if_hidden(span, _tr("Match {0} of {1}").format(count(current), count(total)))
        self.matchChanged.emit(current, total)
        return current

    # --- entity focus (sidebar clicks) -----------------------------------------
    def focus_entity(self, label: EntityType, name: str) -> tuple[int, int]:
        """Highlight every mention of an entity; a second click steps to the next one."""
        if self.article is None:
            return 0, 0
        if self._focus == (label, name) and self._focus_spans:
            self._focus_index = (self._focus_index + 1) % len(self._focus_spans)
        else:
            spans = self._entity_spans(label, name)
            if spans is None:
                self.targetHidden.emit(_tr("Still indexing the mentions of this long article; "
                                           "click the name again in a moment."))
                return 0, 0
            self._focus, self._focus_spans = (label, name), spans
            self._focus_index = 0 if spans else -1
        if self._focus_index < 0:
            return 0, 0
        span = self._focus_spans[self._focus_index]
        self._apply_selections(span)
        current, total = self._focus_index + 1, len(self._focus_spans)
        self._say_if_hidden(span, _tr("Mention {0} of {1} of {2}").format(
            count(current), count(total), name))
        self.entityFocused.emit(name, current, total)
        return current, total

    def _entity_spans(self, label: EntityType, name: str) -> SpanList | None:
        """The entity's mentions in text order; None while a long article's worker has
        not indexed them yet (a scan here would cost the GUI thread 100 ms at 60 MB)."""
        if self._spans is None:
            return None
        return self._spans.by_entity.get((label, name), SpanList())

    def focused_entity(self) -> tuple[EntityType, str] | None:
        return self._focus

    def _say_if_hidden(self, span: Span, what: str) -> None:
        if self.is_shown(span):
            self._hidden_target = None
            self.targetHidden.emit("")
        else:
            self._hidden_target = span
            self.targetHidden.emit(_tr("{0} is in the part not shown yet.").format(what))

    def _hidden_target_arrived(self) -> None:
        """The current match or mention has just been appended: draw it where it is
        (no jump: the person may be reading elsewhere) and drop the notice."""
        span = self._hidden_target
        if span is None or not self.is_shown(span):
            return
        self._hidden_target = None
        self._apply_selections(span, scroll=False)
        self.targetHidden.emit("")
        if self._focus_index < 0 and self._match_index >= 0:
            self.matchChanged.emit(self._match_index + 1, len(self.matches))

    # --- highlights ------------------------------------------------------------------
    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """The open article's highlights changed: draw them again, without rendering
        the article again."""
        self._marks.reset(highlights, highlight_format(self.palette()))
        self._marks.draw(self._map.shown_end)
        self._show_selections()

    def highlights(self) -> list[Highlight]:
        return list(self._marks.items)

    def drawn_highlights(self) -> int:
        """How many highlights are drawn (those of the part not shown yet are not)."""
        return self._marks.drawn_count()

    def selected_span(self) -> Span | None:
        """The passage selected in the pane as offsets into ``article.text``, blank ends
        trimmed; None when no article text is selected (the title is not text)."""
        cursor = self.textCursor()
        if self.article is None or not cursor.hasSelection():
            return None
        end = self._map.offset(cursor.selectionEnd())
        if end is None:
            return None
        start = self._map.offset(cursor.selectionStart())
        if start is None:  # from the title down: from the first paragraph
            start = self._map.first_offset() or 0
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def highlight_at(self, pos: QPoint) -> Highlight | None:
        """The highlight under a point of the viewport, if any."""
        if self.article is None:
            return None
        offset = self._map.offset(self.cursorForPosition(pos).position())
        return None if offset is None else self._marks.at(offset)

    def reveal(self, span: Span, what: str) -> bool:
        """Scroll to a passage and draw it as the current one (a highlight picked in its
        list); says so when it lies in the part not shown yet."""
        if self.article is None:
            return False
        self._focus_index = -1
        self._apply_selections(span)
        self._say_if_hidden(span, what)
        return self.is_shown(span)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Qt's menu (Copy, Select all...) plus what ``menu_hook`` adds (Highlight...)."""
        scroll = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(event.pos() + scroll)
        if self.menu_hook is not None:
            self.menu_hook(menu, self.highlight_at(event.pos()))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def viewportEvent(self, event: QEvent) -> bool:
        """A highlight's comment shows as its tool tip."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.highlight_at(event.pos())
            if found is not None and found.comment.strip():
                QToolTip.showText(event.globalPos(), found.comment, self.viewport())
                return True
        return super().viewportEvent(event)

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

    def _underlined(self, current: Span) -> list[Span]:
        """The focused entity's mentions near ``current``: hundreds of selections at
        most, however often a long article names it."""
        return self._focus_spans.near(current, _NEAR_FOCUS)

    def _apply_selections(self, current: Span, scroll: bool = True) -> None:
        selections = []
        if self._focus is not None:
            strong = QColor(entity_colours(self._focus[0])[1])
            others = QTextCharFormat()
            others.setFontUnderline(True)
            others.setUnderlineColor(strong)
            others.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            for span in self._underlined(current):
                sel = self._selection(span, others)
                if sel is not None:
                    selections.append(sel)
        cur_fmt = QTextCharFormat()
        in_focus = self._focus_index >= 0
        focused = in_focus and self._focus is not None
        bg = entity_colours(self._focus[0])[1] if focused and self._focus else None
        cur_fmt.setBackground(QColor(bg or colour("match_current")))
        cur_fmt.setForeground(QColor(colour("on_strong" if bg else "match_current_text")))
        sel = self._selection(current, cur_fmt)
        if sel is not None:
            selections.append(sel)
            if scroll:
                self._scroll_to(sel.cursor)
        self._focus_sels = selections
        self._show_selections()

    def _show_selections(self) -> None:
        """Highlights under, the focused mention or current match on top (last)."""
        self.setExtraSelections(self._marks.selections() + self._focus_sels)

    def _scroll_to(self, cursor: QTextCursor) -> None:
        """Bring a span to the middle of the pane rather than the very edge."""
        plain = QTextCursor(cursor)
        plain.clearSelection()
        self.setTextCursor(plain)
        rect = self.cursorRect(plain)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)


def count(n: int) -> str:
    """12 345: grouped as the search bar's result count is."""
    return QLocale().toString(n)


def _body_format(joined: bool) -> QTextBlockFormat:
    """What ``p.body`` in DEFAULT_CSS gives a block; an appended slice's first block
    takes the format of the block it is inserted into, so it must be this one."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(0)
    fmt.setBottomMargin(0 if joined else 12)
    fmt.setLineHeight(140, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt
