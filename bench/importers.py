"""Importer throughput: ``parse()`` on small articles, huge files and archives.

Data: ``<repo>/../shared/data``: the 20 seed-format files of news-fr/sample-txt, the 80
Wikinews fr articles and the BBC articles of news-en (written as seed-format text in
UTF-8 and in Windows-1252, as users' files come), and bad-inputs/huge_single_line.txt.
Baseline in the same run: the naive importer (charset-normalizer on every file, then
``splitlines``), i.e. what ``parse()`` would cost without our own encoding rules.

Run: ``.venv/bin/python bench/importers.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import machine, read_jsonl, require_data
from index.importers import iter_sources, parse, registry

Files = list[tuple[str, bytes]]


def corpus(data: Path) -> Files:
    files: Files = []
    for path in sorted((data / "news-fr" / "sample-txt").glob("*.txt")):
        files.append((str(path), path.read_bytes()))
    rows = list(read_jsonl(data / "news-fr" / "wikinews-fr.jsonl.gz"))
    rows += list(read_jsonl(data / "news-en" / "bbc.jsonl.gz"))
    for i, row in enumerate(rows):
        body = f" date {row.get('date') or '2025-01-01'} {row['text']}"
        files.append((f"/bench/{i}.txt", body.encode("utf-8")))
        files.append((f"/bench/{i}-cp1252.txt", body.encode("cp1252", errors="replace")))
    return files


def naive_parse(origin: str, data: bytes) -> list[str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    text = str(best) if best is not None else data.decode("utf-8", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip()]


def encoding_accuracy(files: Files) -> tuple[int, int, int]:
    """cp1252 files read exactly as written: (ours, naive, files with accents).

    Runs of spaces count as one (both importers collapse them).
    """
    ours = naive = total = 0
    for origin, data in files:
        if not origin.endswith("-cp1252.txt") or data.isascii():
            continue
        total += 1
        lines = data.decode("cp1252").splitlines()
        expected = [" ".join(line.split()) for line in lines if line.strip()]
        outcome = parse(origin, data)
        got = outcome.drafts[0].text.split("\n") if outcome.drafts else []
        ours += got[1:] == expected[1:] and expected[0].endswith(got[0])
        naive += [" ".join(line.split()) for line in naive_parse(origin, data)] == expected
    return ours, naive, total


def rate(fn: Callable[[str, bytes], object], files: Files, repeat: int) -> float:
    """Median files per second over ``repeat`` passes on one core."""
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        for origin, data in files:
            fn(origin, data)
        rates.append(len(files) / (time.perf_counter() - start))
    return statistics.median(rates)


def pool_rate(files: Files, workers: int) -> float:
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        list(pool.map(parse, *zip(*files[:50], strict=True)))  # warm the workers
        start = time.perf_counter()
        outcomes = list(pool.map(parse, *zip(*files, strict=True), chunksize=64))
        elapsed = time.perf_counter() - start
    assert all(o.status == "ok" for o in outcomes)
    return len(files) / elapsed


def huge_line_scaling(data: Path) -> tuple[float, float]:
    """Seconds for the 2 MB single-line file and for a tenth of it: linear means ~10x."""
    big = (data / "bad-inputs" / "huge_single_line.txt").read_bytes()
    small = big[: len(big) // 10].rsplit(b" ", 1)[0]
    times = []
    for blob in (big, small):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            outcome = parse("/bench/huge.txt", blob)
            runs.append(time.perf_counter() - start)
            assert outcome.status == "ok"
        times.append(min(runs))
    return times[0], times[1]


def zip_listing(files: Files, count: int) -> tuple[float, float]:
    """Seconds to list and to read every member of a ZIP of ``count`` small articles."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(count):
            zf.writestr(f"dossier/{i:05}.txt", files[i % len(files)][1])
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "bench.zip"
        archive.write_bytes(buffer.getvalue())
        start = time.perf_counter()
        sources = list(iter_sources([archive]))
        listed = time.perf_counter() - start
        start = time.perf_counter()
        for source in sources:
            source.read()
        read = time.perf_counter() - start
    assert len(sources) == count
    return listed, read


def report(files: Files, repeat: int, data: Path) -> Sequence[str]:
    ours = rate(parse, files, repeat)
    naive = rate(naive_parse, files, max(1, repeat // 2))
    pooled = pool_rate(files, 2)
    big, small = huge_line_scaling(data)
    listed, read = zip_listing(files, 5000)
    right, naive_right, accented = encoding_accuracy(files)
    size = sum(len(d) for _, d in files) / len(files)
    return [
        f"machine: {machine()}",
        f"formats loaded: {', '.join(registry().names())}",
        f"corpus: {len(files)} small articles (news-fr sample-txt, Wikinews fr and BBC as "
        f"seed text, half UTF-8 and half cp1252), mean {size:,.0f} bytes",
        f"parse(), 1 core: {ours:,.0f} files/s (median of {repeat})",
        f"baseline, naive charset-normalizer + splitlines, 1 core: {naive:,.0f} files/s "
        f"-> ours x{ours / naive:.1f}",
        f"cp1252 files with accents decoded exactly: ours {right}/{accented}, "
        f"naive {naive_right}/{accented}",
        f"parse() in a 2-process spawn pool: {pooled:,.0f} files/s",
        f"huge_single_line.txt (2 MB, one line): {big * 1000:.0f} ms; a tenth of it: "
        f"{small * 1000:.1f} ms (ratio {big / small:.1f}; 10 = linear)",
        f"ZIP of 5,000 articles: listed in {listed * 1000:.0f} ms, all members read in "
        f"{read * 1000:.0f} ms",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    data = require_data()
    files = corpus(data)
    for line in report(files, args.repeat, data):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
