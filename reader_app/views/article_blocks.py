"""Where each shown paragraph of an article sits in the pane's QTextDocument, and
compact lists of spans.

The view appends a long article a slice at a time, so the map grows at its end; a
lookup is a bisection, which keeps F3 and entity focus instant on 60 MB articles.
Offsets live in machine arrays, not Python lists of tuples: a 60 MB article has about
855,000 mentions, and as many tuples make Python's garbage collector walk them all
(a 200 ms pause of the GUI thread, measured) when they are created.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator, Sequence

from PySide6.QtGui import QTextBlock, QTextDocument

from reader_app.views.article_html import Paragraph, Span


class SpanList:
    """(start, end) pairs sorted by start, in two arrays."""

    def __init__(self, spans: Sequence[Span] = ()) -> None:
        self.starts = array("q", (s[0] for s in spans))
        self.ends = array("q", (s[1] for s in spans))

    def append(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> Span:
        return self.starts[i], self.ends[i]

    def __iter__(self) -> Iterator[Span]:
        return zip(self.starts, self.ends, strict=True)

    def near(self, span: Span, radius: int) -> list[Span]:
        """The ``radius`` spans either side of where ``span`` sorts."""
        i = bisect.bisect_left(self.starts, span[0])
        lo, hi = max(0, i - radius), min(len(self), i + radius)
        return list(zip(self.starts[lo:hi], self.ends[lo:hi], strict=True))


def utf16_len(text: str) -> int:
    """Length as Qt counts it: characters outside the BMP take two positions."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


class BlockMap:
    """Article text offsets -> document positions, for the paragraphs shown so far."""

    def __init__(self, text: str = "") -> None:
        self.reset(text)

    def reset(self, text: str) -> None:
        self.text = text
        self._starts = array("q")
        self._ends = array("q")
        self._positions = array("q")
        self.shown_end = 0  # article offset up to which the text is in the document

    def __len__(self) -> int:
        return len(self._starts)

    def add_last_blocks(self, doc: QTextDocument, paragraphs: Sequence[Paragraph],
                        shown_end: int) -> int:
        """Pair ``paragraphs`` with the document's last blocks; a block that does not
        hold exactly its paragraph's text is left out (its spans cannot be placed).
        Returns how many paragraphs were placed."""
        blocks: list[QTextBlock] = []
        block = doc.lastBlock()
        while block.isValid() and len(blocks) < len(paragraphs):
            blocks.append(block)
            block = block.previous()
        blocks.reverse()
        placed = 0
        for par, blk in zip(paragraphs[len(paragraphs) - len(blocks):], blocks, strict=True):
            if blk.text() == par.text:
                self._starts.append(par.start)
                self._ends.append(par.end)
                self._positions.append(blk.position())
                placed += 1
        self.shown_end = shown_end
        return placed

    def position(self, offset: int) -> int | None:
        """Document position of an article offset, or None if it is not shown."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0 or offset > self._ends[i]:
            return None
        return self._positions[i] + utf16_len(self.text[self._starts[i] : offset])

    def offset(self, position: int) -> int | None:
        """Article offset of a document position (the inverse of :meth:`position`); a
        position between two placed blocks counts as the end of the first. None before
        the first paragraph (the title and the lines under it)."""
        i = bisect.bisect_right(self._positions, position) - 1
        if i < 0:
            return None
        start, end = self._starts[i], self._ends[i]
        units = position - self._positions[i]
        text = self.text[start:end]
        if text.isascii():
            return start + min(units, len(text))
        counted = 0
        for k, ch in enumerate(text):
            if counted >= units:
                return start + k
            counted += 2 if ord(ch) > 0xFFFF else 1
        return end

    def first_offset(self) -> int | None:
        return self._starts[0] if len(self._starts) else None

    def is_shown(self, span: Span) -> bool:
        return span[1] <= self.shown_end
