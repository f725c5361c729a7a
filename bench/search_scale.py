"""Search engine figures at scale (issue #4): bulk add, open, query latency with snippets.

Data: the 15,235 Reuters-21578 and 1,800 BBC articles of ../shared/data as they are
(every other article), the rest recombined from 3-10 random paragraphs of theirs or of
the 80 French Wikinews articles (a French scale corpus does not exist freely: see
news-fr/SOURCE.md), --size articles in all, half French, half English; dates spread
over 2020-2025, 5% undated; a few entity names each. Baseline in the same run: SQLite
FTS5 (porter, unicode61, diacritics removed) on the same articles, 20 snippets per query.

Run: .venv/bin/python bench/search_scale.py [--size 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Fts5Baseline, Timer, machine, read_jsonl, require_data, summary_ms
from index.search import IndexDoc, SearchIndex

SOURCES = ("Le Monde", "RFI", "Reuters", "BBC", "Le Figaro", "Jeune Afrique", "AFP", "AP",
           "Libération", "France 24", "Al Jazeera", "Le Point")
NAMES = ("Assimi Goïta", "Sadio Camara", "Andreï Belousov", "Ibrahim Traoré",
         "Alliance des États du Sahel", "Bamako", "Niamey", "Ouagadougou", "Emmanuel Macron",
         "Nations unies", "Banque mondiale", "Union africaine")
QUERIES: dict[str, list[str]] = {
    "term": ["sécurité", "ministre", "économie", "élection", "trade", "oil", "football",
             "president", "gouvernement", "market"],
    "phrase": ['"premier ministre"', '"United States"', '"la France"', '"interest rates"',
               '"président de la République"'],
    "boolean": ["pétrole OR oil", "ministre -france", "(bank OR banque) taux",
                "élection président", "trade deficit"],
    "field": ["title:oil", "source:reuters market", 'entity:"Sadio Camara"', "lang:fr sécurité",
              "author:dupont"],
    "date": ["date:2024-05 économie", "date:>2025-06 oil", "date:[2021 TO 2022] bank",
             "date:<2021 ministre"],
    "prefix": ["secur*", "gouvern*", "écon*", "trad*", "bank*", "pr*", "m*"],
    "wildcard": ["b?nk", "minist*r", "gouv*nement"],
    "fuzzy": ["Belousof~", "ministr~", "goverment~"],
    "forgiving": ["Ouagadougu", "sécurité zorglubien", "Goita"],
}
FTS_QUERIES = ["sécurité", "ministre", "économie", "trade", "oil", '"premier ministre"',
               '"United States"', "pétrole OR oil", "secur*", "gouvern*", "bank*"]


def load_pools() -> tuple[list[dict], list[str], list[str]]:
    data = require_data()
    real = list(read_jsonl(data / "news-en" / "reuters21578.jsonl.gz"))
    real += list(read_jsonl(data / "news-en" / "bbc.jsonl.gz"))
    fr = list(read_jsonl(data / "news-fr" / "wikinews-fr.jsonl.gz"))
    fr_pool = [p for row in fr for p in str(row["text"]).split("\n") if len(p) > 60]
    en_pool = [p for row in real for p in str(row["text"]).split("\n\n") if len(p) > 60]
    return real, fr_pool, en_pool


def corpus(size: int, seed: int = 7) -> Iterator[IndexDoc]:
    rnd = random.Random(seed)
    real, fr_pool, en_pool = load_pools()
    for i in range(size):
        date = None if rnd.random() < 0.05 else (
            f"{rnd.randint(2020, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
        ents = tuple(rnd.sample(NAMES, rnd.randint(0, 4)))
        if i % 2 == 0 and i // 2 < len(real):
            row = real[i // 2]
            title, text, lang = str(row["title"]), str(row["text"]), "en"
        else:
            lang = "fr" if i % 2 else "en"
            pool = fr_pool if lang == "fr" else en_pool
            paras = rnd.sample(pool, rnd.randint(3, 10))
            text = "\n".join(paras)
            title = paras[0].split(".")[0][:90]
        yield IndexDoc(i + 1, title, text, date, rnd.choice(SOURCES), lang,
                       ("Jean Dupont",) if i % 50 == 0 else (), ents)


def batched(items: Iterator[IndexDoc], n: int) -> Iterator[list[IndexDoc]]:
    batch: list[IndexDoc] = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def run_queries(ix: SearchIndex, queries: Sequence[str],
                sort: str = "relevance") -> tuple[list[float], list[float]]:
    """(first run of each query, repeats): repeats hit the per-generation result cache."""
    first: list[float] = []
    again: list[float] = []
    for q in queries:
        first += timed(lambda q=q: ix.search(q, limit=20, sort=sort))
        again += timed(lambda q=q: ix.search(q, limit=20, sort=sort), repeat=2)
    return first, again


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, help="reuse / keep the index in this folder")
    ap.add_argument("--optimize", action="store_true", help="merge segments after the bulk add")
    args = ap.parse_args()
    print(f"Machine: {machine()}")
    print(f"Data: {args.size} articles (Reuters-21578 + BBC as is, the rest recombined "
          "from their and French Wikinews paragraphs; half French)")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="veille-search-bench-"))
    ix_dir = folder / "ix"
    if not (ix_dir / "veille-search.json").exists():
        ix = SearchIndex.create(ix_dir)
        with Timer() as t_add:
            for batch in batched(corpus(args.size), 10_000):
                ix.add(batch, bulk=True, procs=2)
        print(f"bulk add: {t_add.seconds:.1f} s ({args.size / t_add.seconds:.0f} articles/s) "
              "in batches of 10,000")
        if args.optimize:
            with Timer() as t_opt:
                ix.optimize()
            print(f"optimize: {t_opt.seconds:.1f} s")
        ix.close()
    size_mb = sum(f.stat().st_size for f in ix_dir.iterdir()) / 1e6
    print(f"index size on disk: {size_mb:.0f} MB")

    with Timer() as t_open:
        ix = SearchIndex.open(ix_dir)
        first = ix.search("sécurité", limit=20)
    print(f"open until first result (20 snippets): {t_open.seconds * 1000:.0f} ms "
          f"({first.total} results)")
    print("first run of each query (20 highlighted hits + all ids), then repeated:")
    for kind, queries in QUERIES.items():
        first, again = run_queries(ix, queries)
        print(f"{kind:>10}: {summary_ms(first)} | repeated: {summary_ms(again)}")
    first, again = run_queries(ix, QUERIES["term"], "newest")
    print(f"{'newest':>10}: {summary_ms(first)} | repeated: {summary_ms(again)}")
    facet_times = timed(lambda: ix.facets("économie"), repeat=1)
    facet_times += timed(lambda: ix.facets("ministre -france"), repeat=1)
    print(f"{'facets':>10}: {summary_ms(facet_times)} (after the same search: cached matches)")
    more = timed(lambda: ix.more_like(20_000, 10), repeat=3)
    print(f"{'more_like':>10}: {summary_ms(more)}")
    small = [IndexDoc(10_000_000 + i, "Dépêche", "Le ministre a parlé de sécurité.", lang="fr")
             for i in range(20)]
    print(f"{'add 20':>10}: {summary_ms(timed(lambda: ix.add(small), repeat=3))}")
    ix.close()

    fts_rows = [(d.title, d.text) for d in corpus(args.size)]
    fts = Fts5Baseline(folder / "fts.sqlite3")
    with Timer() as t_fts:
        fts.add(fts_rows)
    print(f"baseline FTS5 add: {t_fts.seconds:.1f} s")
    fts_times: list[float] = []
    for q in FTS_QUERIES:
        fts_times += timed(lambda q=q: fts.search(q, 20), repeat=3)
    print(f"baseline FTS5 term/phrase/prefix with snippets: {summary_ms(fts_times)}")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
