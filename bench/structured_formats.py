"""Structured-format importers: JSON Lines, Reuters SGML, feeds, e-mail, NewsML-G2.

Data: ``<repo>/../shared/data``: news-en/reuters21578.jsonl.gz (15,235 Reuters-21578
articles, 18.6 MB), news-en/raw/reut2-000.sgm.gz (1,000 stories), feeds/ (563 feedparser
test feeds), email/eml (45 messages), newsxml/iptc-newsml-g2 (35 IPTC listings).
Baselines in the same run, each the bare library call our importer wraps (so the ratio
is what our field mapping, cleaning and safety screens cost): ``json.loads`` per line;
lxml's recovering XML parser pulling ``<BODY>`` text out of the SGML; ``feedparser.parse``;
``email.message_from_bytes`` + first text part; a plain lxml parse of the NewsML files.

Run: ``.venv/bin/python bench/structured_formats.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import email
import gzip
import io
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import feedparser
from lxml import etree

from bench.common import machine, require_data
from index.importers import parse

Files = list[tuple[str, bytes]]


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """Median seconds of ``repeat`` runs (the machine is shared: medians, not means)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_files(files: Files) -> dict[str, int]:
    counts: dict[str, int] = {}
    for origin, data in files:
        outcome = parse(origin, data)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        counts["articles"] = counts.get("articles", 0) + len(outcome.drafts)
    return counts


def row(name: str, n: str, ours: float, base: float, note: str = "") -> None:
    ratio = ours / base if base else float("nan")
    print(f"| {name} | {n} | {ours * 1000:.0f} ms | {base * 1000:.0f} ms | {ratio:.1f}x | {note} |")


def bench_jsonl(data: Path, repeat: int) -> None:
    raw = gzip.decompress((data / "news-en" / "reuters21578.jsonl.gz").read_bytes())
    outcome = parse("reuters21578.jsonl", raw)
    ours = best_of(repeat, lambda: parse("reuters21578.jsonl", raw))
    base = best_of(repeat, lambda: [json.loads(x) for x in raw.splitlines() if x.strip()])
    rate = len(outcome.drafts) / ours
    row("Reuters JSONL (18.6 MB)", f"{len(outcome.drafts)} articles", ours, base,
        f"{rate:,.0f} articles/s")


def bench_sgml(data: Path, repeat: int) -> None:
    raw = gzip.decompress((data / "news-en" / "raw" / "reut2-000.sgm.gz").read_bytes())
    outcome = parse("reut2-000.sgm", raw)

    def baseline() -> list[str]:
        # What one would try first: lxml in recovering mode, the DOCTYPE line dropped.
        body = raw.split(b"\n", 1)[1]
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
        root = etree.fromstring(b"<root>" + body + b"</root>", parser)
        return ["".join(el.itertext()) for el in root.iter("BODY")]

    ours = best_of(repeat, lambda: parse("reut2-000.sgm", raw))
    base = best_of(repeat, baseline)
    row("Reuters SGML reut2-000", f"{len(outcome.drafts)} articles", ours, base,
        f"{len(baseline())} bodies found by the baseline, control bytes and sign-offs left in")


def bench_feeds(data: Path, repeat: int) -> None:
    folder = data / "feeds"
    files = [(str(p), p.read_bytes()) for p in sorted(folder.rglob("*.xml"))]
    counts = run_files(files)
    ours = best_of(repeat, lambda: run_files(files))
    base = best_of(repeat, lambda: [feedparser.parse(io.BytesIO(d)) for _o, d in files])
    row("feeds (feedparser tests)", f"{len(files)} files", ours, base, _counts(counts))


def bench_mail(data: Path, repeat: int) -> None:
    files = [(str(p), p.read_bytes()) for p in sorted((data / "email" / "eml").rglob("*.eml"))]
    counts = run_files(files)

    def baseline() -> None:
        for _origin, raw in files:
            message = email.message_from_bytes(raw)
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    part.get_payload(decode=True)
                    break

    ours = best_of(repeat, lambda: run_files(files))
    base = best_of(repeat, baseline)
    slowest = max(files, key=lambda f: best_of(1, lambda f=f: parse(*f)))
    note = f"{_counts(counts)}; slowest file: {Path(slowest[0]).name}"
    row("e-mail (.eml)", f"{len(files)} files", ours, base, note)


def bench_newsml(data: Path, repeat: int) -> None:
    folder = data / "newsxml" / "iptc-newsml-g2"
    files = [(str(p), p.read_bytes()) for p in sorted(folder.glob("*.xml"))]
    counts = run_files(files)
    ours = best_of(repeat, lambda: run_files(files))
    base = best_of(repeat, lambda: [etree.fromstring(d) for _o, d in files])
    row("NewsML-G2 / NITF", f"{len(files)} files", ours, base, _counts(counts))


def bench_bomb(data: Path) -> None:
    raw = (data / "bad-inputs" / "billion_laughs.xml").read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    outcome = parse("billion_laughs.xml", raw)
    seconds = time.perf_counter() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(f"\nbillion_laughs.xml: {outcome.status} in {seconds * 1000:.1f} ms, "
          f"peak memory grew {grown} KiB: {outcome.reason}")


def _counts(counts: dict[str, int]) -> str:
    keys: Sequence[str] = ("ok", "skipped", "failed", "articles")
    return ", ".join(f"{counts.get(k, 0)} {k}" for k in keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = require_data()
    print(f"Machine: {machine()}")
    print(f"Data: {data}; median of {args.repeat} runs; baseline = the bare library call\n")
    print("| input | size | Veille parse() | baseline | ratio | notes |")
    print("|---|---|---|---|---|---|")
    parse("warm-up.json", b'[{"title": "t", "text": "x"}]')  # registry import out of the timings
    bench_jsonl(data, args.repeat)
    bench_sgml(data, args.repeat)
    bench_feeds(data, args.repeat)
    bench_mail(data, args.repeat)
    bench_newsml(data, args.repeat)
    bench_bomb(data)


if __name__ == "__main__":
    main()
