"""One search engine in its own process, answering queries read from stdin (JSON lines).

``bench/peers.py`` starts one worker per engine (``veille LIBRARY`` or ``fts5 DB``) and
sends each query to every worker in turn, so load drifts on this shared machine hit all
engines alike; each worker times only its own search call. Its own process also gives
each engine an honest resident-memory figure: ``{"rss": true}`` answers VmRSS and VmHWM
(peak) of this process after the queries it has run.

Request: ``{"q": text or null, "dates": [from, to] or null}``;
answer: ``{"s": seconds, "total": matches, "hits": shown}``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

# Appended, not prepended: the code measured comes first from PYTHONPATH (a frozen tree).
sys.path.append(str(Path(__file__).resolve().parents[1]))


def memory_kib() -> dict[str, int]:
    """VmRSS and VmHWM of this process, in KiB (Linux /proc)."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def veille_engine(path: str) -> Any:
    from index import Library

    lib = Library.open(Path(path))

    def search(query: str | None, _dates: object) -> tuple[int, int]:
        res = lib.search(query or "", limit=20)
        return res.total, len(res.hits)

    return search


def fts5_engine(path: str) -> Any:
    import sqlite3

    from bench.fts5_peer import fts5_search

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def search(query: str | None, dates: list[str] | None) -> tuple[int, int]:
        total, rows = fts5_search(conn, query, tuple(dates) if dates else None)  # type: ignore[arg-type]
        return total, len(rows)

    return search


def main(argv: list[str]) -> int:
    kind, path = argv
    search = {"veille": veille_engine, "fts5": fts5_engine}[kind](path)
    print(json.dumps({"ready": True, **memory_kib()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("rss"):
            print(json.dumps(memory_kib()), flush=True)
            continue
        t0 = time.perf_counter()
        try:
            total, shown = search(request["q"], request.get("dates"))
        except Exception as exc:  # report, keep serving: one bad query is one figure less
            print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
            continue
        seconds = time.perf_counter() - t0
        print(json.dumps({"s": seconds, "total": total, "hits": shown}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
