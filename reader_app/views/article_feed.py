"""The background half of showing a long article: slices of HTML and the span index.

The pane shows the first screens of a long article at once; everything that costs
time in proportion to the article happens on one worker thread per article, in order:
1. put the mentions and matches in text order (they normally are: a check);
2. build the HTML of the following text, up to a limit, a few slices ahead of the GUI
   thread, which parses and inserts each in one event-loop turn;
3. index each entity's mentions (for focus) and measure the text, then emit
   ``prepared``;
4. wait: "Show the whole article" raises the limit and the slices go on.

Qt's HTML parsing stays on the GUI thread: PySide6 holds the GIL through
``QTextDocumentFragment.fromHtml`` (143 ms for 1 MB of HTML, measured), so a worker
parsing would stall the GUI thread as long and gain nothing. The worker's Python work
pauses every millisecond or so (``time.sleep(0)``) so the GUI thread never waits long
for the GIL. The GUI thread polls for slices (``take``) on a timer rather than being
signalled for each: PySide6 6.12 on Python 3.11 loses a reference to ``True`` on each
``emit`` from Python.
"""

from __future__ import annotations

import itertools
import logging
import operator
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from index.models import EntityType, Mention
from reader_app.i18n import translate as _tr
from reader_app.views.article_blocks import SpanList
from reader_app.views.article_html import Paragraph, Span, body_html, cut_point, split_paragraphs

log = logging.getLogger(__name__)

MIN_SLICE_CHARS = 4_000
MAX_SLICE_CHARS = 96_000
_AHEAD = 3  # slices built and waiting; bounds the memory a fast worker can use
_POLL_S = 0.1
_BATCH = 20_000  # spans or paragraphs-worth of work between two pauses
_PARAGRAPHS = 16
_ENCODE_CHARS = 1_000_000


def _pause() -> None:
    """Hand the GIL to the GUI thread if it waits for it."""
    time.sleep(0)


@dataclass(frozen=True, slots=True)
class SpanIndex:
    """Spans of one article in text order, and each entity's mentions."""

    mentions: Sequence[Mention]
    matches: Sequence[Span]
    by_entity: dict[tuple[EntityType, str], SpanList] = field(default_factory=dict)
    reordered: bool = False  # the spans given were not in text order


def _in_order(spans: Sequence[Any], start: Callable[[Any], int]) -> bool:
    """Whether ``spans`` are sorted by start, checked a batch at a time."""
    previous = -1
    for i in range(0, len(spans), _BATCH):
        starts = [start(s) for s in spans[i : i + _BATCH]]
        if starts[0] < previous or not all(a <= b for a, b in itertools.pairwise(starts)):
            return False
        previous = starts[-1]
        _pause()
    return True


def in_text_order(mentions: Sequence[Mention], matches: Sequence[Span]
                  ) -> tuple[Sequence[Mention], Sequence[Span], bool]:
    """The spans sorted by start (the same sequences when they already are), and whether
    they had to be sorted."""
    reordered = False
    if not _in_order(mentions, operator.attrgetter("start")):
        mentions, reordered = sorted(mentions, key=lambda m: (m.start, m.end)), True
    if not _in_order(matches, operator.itemgetter(0)):
        matches, reordered = sorted(matches), True
    return mentions, matches, reordered


def _by_entity(mentions: Sequence[Mention]) -> dict[tuple[EntityType, str], SpanList]:
    out: dict[tuple[EntityType, str], SpanList] = defaultdict(SpanList)
    for i in range(0, len(mentions), _BATCH):
        for m in mentions[i : i + _BATCH]:
            out[(m.label, m.canonical or m.text)].append(m.start, m.end)
        _pause()
    return dict(out)


def utf8_size(text: str) -> int:
    size = 0
    for i in range(0, len(text), _ENCODE_CHARS):
        size += len(text[i : i + _ENCODE_CHARS].encode("utf-8", "replace"))
        _pause()
    return size


def index_spans(mentions: Sequence[Mention], matches: Sequence[Span]) -> SpanIndex:
    """Costs the whole article: the view runs it on the worker for long ones."""
    mentions, matches, reordered = in_text_order(mentions, matches)
    return SpanIndex(mentions, matches, _by_entity(mentions), reordered)


@dataclass(frozen=True, slots=True)
class BuiltSlice:
    end: int  # article offset the text is shown up to once this slice is in
    paragraphs: list[Paragraph]
    html: str


class FeederSignals(QObject):
    """Lives on the GUI thread; emitted from the worker (queued connections)."""

    prepared = Signal(object)  # SpanIndex
    failed = Signal(str)


class SliceFeeder:
    """One article's background work, from offset ``start`` up to ``limit`` (raised by
    :meth:`extend`); cancel it when the article is no longer shown."""

    def __init__(self, text: str, mentions: Sequence[Mention], matches: Sequence[Span],
                 start: int, limit: int, index: SpanIndex | None = None) -> None:
        self.signals = FeederSignals()
        self.text = text
        self.start = start
        self.limit = limit
        self.slice_chars = 12_000  # the view tunes it to keep each insertion short
        self.index = index
        self.text_bytes: int | None = None  # UTF-8 size, for "12.4 MB"
        self.finished = False  # the last slice has been taken
        self._mentions, self._matches = mentions, matches
        self._cancel = threading.Event()
        self._more = threading.Event()
        self._queue: queue.Queue[BuiltSlice | None] = queue.Queue(maxsize=_AHEAD)
        self._thread = threading.Thread(target=self._run, daemon=True, name="article-feed")

    def start_work(self) -> None:
        self._thread.start()

    def extend(self, limit: int) -> None:
        """Build on up to article offset ``limit``."""
        self.limit = max(self.limit, limit)
        self._more.set()

    def cancel(self) -> None:
        self._cancel.set()
        self._more.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def join(self, timeout: float = 2.0) -> None:
        """For tests and shutdown: stop, and wait until the worker thread is gone."""
        self.cancel()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def take(self) -> BuiltSlice | None:
        """The next built slice, or None when none is ready (or all are taken)."""
        if self.finished:
            return None
        try:
            item = self._queue.get_nowait()
        except queue.Empty:
            return None
        if item is None:
            self.finished = True
        return item

    # --- worker side ---------------------------------------------------------------
    def _run(self) -> None:
        try:
            _pause()  # Thread.start() waits for this thread to run: let it return first
            mentions, matches, reordered = in_text_order(self._mentions, self._matches)
            pos = self.start
            while not self._cancel.is_set():
                if pos < min(self.limit, len(self.text)):
                    pos = self._build(pos, mentions, matches)
                    if pos >= len(self.text):
                        self._put(None)
                elif self.text_bytes is None:
                    self._prepare(SpanIndex(mentions, matches, {}, reordered))
                elif pos >= len(self.text):
                    return
                else:
                    self._more.wait(_POLL_S)
                    self._more.clear()
        except Exception as exc:  # one sentence in the pane; what is shown stays usable
            log.exception("preparing the rest of an article failed")
            self.signals.failed.emit(
                _tr("Could not show the rest of this article ({0}).").format(exc))

    def _build(self, pos: int, mentions: Sequence[Mention], matches: Sequence[Span]) -> int:
        end = cut_point(self.text, pos + self.slice_chars)
        pars = split_paragraphs(self.text, pos, end)
        parts = []
        for i in range(0, len(pars), _PARAGRAPHS):
            parts.append(body_html(pars[i : i + _PARAGRAPHS], mentions, matches))
            _pause()
        self._put(BuiltSlice(end, pars, "".join(parts)))
        return end

    def _prepare(self, ordered: SpanIndex) -> None:
        if self.index is None:
            self.index = SpanIndex(ordered.mentions, ordered.matches,
                                   _by_entity(ordered.mentions), ordered.reordered)
        self.text_bytes = utf8_size(self.text)
        if not self._cancel.is_set():
            self.signals.prepared.emit(self.index)

    def _put(self, item: BuiltSlice | None) -> None:
        while not self._cancel.is_set():
            try:
                self._queue.put(item, timeout=_POLL_S)
                return
            except queue.Full:
                continue
