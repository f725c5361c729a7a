"""Large JSON Lines files, mailboxes and feeds are read article by article (issue 12).

Files are written by the tests in tmp_path, just above the size from which a file is
streamed; a streamed file must give the same articles as the same file read whole,
with memory bounded by a piece, not by the file.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from index.importers import iter_sources, parse
from index.importers.streams import (
    PIECE_BYTES,
    STREAM_MIN_BYTES,
    Piece,
    Refusal,
    iter_pieces,
    parse_piece,
    stream_kind,
)
from index.models import ArticleDraft
from index.parse_pool import parse_sources

FR = ("Le conseil municipal de Lyon a adopté mardi soir le budget de la métropole après "
      "un long débat sur les transports et le logement. ")
EN = ("The city council of Leeds approved the transport budget on Tuesday evening after "
      "a long debate about buses, trams and housing. ")


class _Never:
    def is_set(self) -> bool:
        return False


def _paragraph(n: int, repeat: int) -> str:
    return ((FR if n % 2 else EN) * repeat) + f"Séance {n}."


def _write_jsonl(path: Path, min_bytes: int, repeat: int = 6) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < min_bytes:
            n += 1
            out.write(json.dumps({"title": f"Séance {n}", "text": _paragraph(n, repeat),
                                  "date": "2025-03-04", "author": "Anne Martin"},
                                 ensure_ascii=False) + "\n")
            if n == 7:
                out.write("\n{not json}\n")  # a blank line and a broken one: numbered too
    return n


def _write_mbox(path: Path, min_bytes: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < min_bytes:
            n += 1
            out.write(f"From lettre@exemple.fr Tue Apr  2 06:{n % 60:02d}:00 2024\n"
                      "From: Le Fil <lettre@exemple.fr>\n"
                      f"Subject: Lettre {n}\nDate: Tue, 2 Apr 2024 06:00:00 +0200\n"
                      "Content-Type: text/plain; charset=utf-8\n\n"
                      f"{_paragraph(n, 30)}\n>From the archive: nothing.\n\n")
    return n


def _write_feed(path: Path, min_bytes: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
                  "<title>Le Fil &amp; Cie</title><language>fr</language>"
                  "<link>https://fil.exemple.fr/</link>\n")
        while out.tell() < min_bytes:
            n += 1
            out.write(f"<item><title>Entrée {n}</title><link>https://fil.exemple.fr/{n}</link>"
                      f"<dc:creator>Anne Martin</dc:creator><description><![CDATA[<p>"
                      f"{_paragraph(n, 40)}</p>]]></description>"
                      "<pubDate>Tue, 02 Apr 2024 06:00:00 +0200</pubDate></item>\n")
        out.write("</channel></rss>\n")
    return n


WRITERS: dict[str, tuple[str, Callable[[Path, int], int]]] = {
    "jsonl": ("seances.jsonl", _write_jsonl),
    "mbox": ("lettres.mbox", _write_mbox),
    "feed": ("fil.rss", _write_feed),
}


def _streamed_drafts(path: Path) -> tuple[list[ArticleDraft], list[str]]:
    [source] = list(iter_sources([path]))
    kind = stream_kind(source)
    assert kind is not None, "a file above the threshold must be streamed"
    drafts: list[ArticleDraft] = []
    warnings: list[str] = []
    for item in iter_pieces(source, kind):
        assert isinstance(item, Piece), item
        outcome = parse_piece(item)
        assert outcome.status == "ok", outcome.reason
        drafts.extend(outcome.drafts)
        warnings.extend(outcome.warnings)
    return drafts, warnings


def _key(draft: ArticleDraft) -> tuple[object, ...]:
    return (draft.origin, draft.title, draft.text, draft.date, draft.source, draft.url,
            draft.lang, draft.authors)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_streamed_file_gives_the_articles_of_the_whole_file(tmp_path: Path, kind: str) -> None:
    name, write = WRITERS[kind]
    path = tmp_path / name
    count = write(path, STREAM_MIN_BYTES + PIECE_BYTES)
    whole = parse(str(path), path.read_bytes())
    assert whole.status == "ok" and len(whole.drafts) == count
    streamed, warnings = _streamed_drafts(path)
    assert [_key(d) for d in streamed] == [_key(d) for d in whole.drafts]
    assert len({d.origin for d in streamed}) == count  # numbered across pieces
    if kind == "jsonl":  # the broken line keeps its number, as read whole
        assert any(w.startswith("line 9: invalid JSON") for w in warnings)


def test_a_small_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "petit.jsonl"
    _write_jsonl(path, 10_000)
    [source] = list(iter_sources([path]))
    assert stream_kind(source) is None


def test_streaming_holds_a_piece_not_the_file(tmp_path: Path) -> None:
    """30 MB of small articles: Python's allocations peak far below the file's size
    (read whole, the bytes, the text and the parsed objects were all held at once)."""
    path = tmp_path / "gros.jsonl"
    articles = _write_jsonl(path, 30 * 1024 * 1024, repeat=30)
    sources = list(iter_sources([path]))
    parse("warm.jsonl", path.read_bytes()[:50_000].rsplit(b"\n", 1)[0])  # load the modules
    tracemalloc.start()
    try:
        count = 0
        for parsed in parse_sources(sources, keep=True, cancel=_Never(), workers=0):
            assert parsed.outcome is None or parsed.outcome.status == "ok"
            count += len(parsed.outcome.drafts) if parsed.outcome else 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == articles
    assert peak < 12 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB for a 30 MiB file"


def test_a_line_over_the_limit_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "melange.jsonl"
    count = _write_jsonl(path, STREAM_MIN_BYTES)
    with path.open("a", encoding="utf-8") as out:  # a line of 3 MB, then one more article
        out.write(json.dumps({"title": "Énorme", "text": "mot " * 750_000}) + "\n")
        out.write(json.dumps({"title": "Après", "text": EN}) + "\n")
    [source] = list(iter_sources([path]))
    items = list(iter_pieces(source, "jsonl", limit=2 * 1024 * 1024))
    refusals = [i for i in items if isinstance(i, Refusal)]
    assert [r.origin for r in refusals] == [f"{path}#line-{count + 3}"]
    assert "article too large (3 MB; the limit is 2 MB)" in refusals[0].reason
    pieces = [i for i in items if isinstance(i, Piece)]
    titles = [d.title for p in pieces for d in parse_piece(p).drafts]
    assert titles[-1] == "Après" and "Énorme" not in titles
    assert len(titles) == count + 1


def test_a_message_over_the_limit_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "lettres.mbox"
    count = _write_mbox(path, STREAM_MIN_BYTES)
    with path.open("a", encoding="utf-8") as out:
        out.write("From gros@exemple.fr Wed Apr  3 07:00:00 2024\nSubject: Pièce jointe\n\n")
        out.write(("A" * 76 + "\n") * 40_000)  # 3 MB of lines in one message
        out.write("From lettre@exemple.fr Wed Apr  3 08:00:00 2024\nSubject: Dernière\n\n"
                  f"{FR}\n")
    [source] = list(iter_sources([path]))
    items = list(iter_pieces(source, "mbox", limit=2 * 1024 * 1024))
    refusals = [i for i in items if isinstance(i, Refusal)]
    assert [r.origin for r in refusals] == [f"{path}#msg-{count + 1}"]
    drafts = [d for i in items if isinstance(i, Piece) for d in parse_piece(i).drafts]
    assert drafts[-1].title == "Dernière" and drafts[-1].origin == f"{path}#msg-{count + 2}"


def test_a_broken_feed_keeps_what_was_read_and_says_where_it_stopped(tmp_path: Path) -> None:
    path = tmp_path / "casse.rss"
    count = _write_feed(path, STREAM_MIN_BYTES)
    data = path.read_bytes().replace(b"</channel></rss>\n", b"<item><title>Coup")
    path.write_bytes(data)
    [source] = list(iter_sources([path]))
    items = list(iter_pieces(source, "feed"))
    drafts = [d for i in items if isinstance(i, Piece) for d in parse_piece(i).drafts]
    assert len(drafts) == count
    assert drafts[0].source == "Le Fil & Cie" and drafts[0].lang == "fr"
    cut = items[-1]
    assert not isinstance(cut, Piece | Refusal)
    assert f"after entry {count:,}" in cut.reason
