"""Scale corpora for the search benchmarks (issue #4): 10,000 and 100,000 articles.

No freely licensed French news corpus of thousands of articles exists as plain files
(../shared/data/news-fr/SOURCE.md), so the corpora are built from what is there:

- ``10000``: real articles only: the 80 French Wikinews, the BBC articles and a seeded
  sample of the Reuters-21578 articles (exact duplicate texts dropped everywhere). Only
  0.8% French, but no synthetic text, so a known-item query has exactly one right
  answer (``bench/known_item.py`` uses it).
- ``100000``: every real article (Reuters, BBC, Wikinews; exact duplicate texts dropped)
  plus synthetic articles so that 40% of the corpus is French: each synthetic article
  takes its sentences from 2-3 real articles of its language (French: the 80 Wikinews;
  English: Reuters and BBC) regrouped into 3-8 paragraphs, its title from one of those
  sentences. French vocabulary is therefore that of 80 articles, heavily repeated.

Every article is re-dated uniformly over 2015-01-01..2026-11-30 (3% undated; the original
date is kept as ``orig_date``) so that date queries find something; synthetic articles
get a source of their language. Everything is seeded and written to a cache folder outside
the repository (``$VEILLE_BENCH_CACHE`` or /tmp/veille-bench), never committed.

Run: .venv/bin/python bench/scale_corpus.py [--size 10000 100000] [--force]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Timer, machine, read_jsonl, require_data
from index.models import ArticleDraft
from index.store import content_hash

CACHE = Path(os.environ.get("VEILLE_BENCH_CACHE", "/tmp/veille-bench"))
RECIPE = 1  # bump when the recipe changes: cached corpora of another recipe are rebuilt
SEED = 20261130
SIZES = (10_000, 100_000)
FRENCH_SHARE = 0.40
UNDATED = 0.03
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2026, 11, 30)
FR_SOURCES = ("Le Quotidien", "RFI", "Jeune Afrique", "AFP", "Libération", "France 24",
              "Le Monde", "La Gazette du Sahel")
EN_SOURCES = ("Reuters", "BBC News", "AP", "Al Jazeera", "The Guardian", "Daily Wire Desk")

SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[«\"“A-ZÀ-ÖØ-Þ0-9])")
WIRE_PARAGRAPH = re.compile(r"\n(?=[ \t])")


RECIPE_TEXT = (
    "Corpora: 10000 = real articles only (80 Wikinews fr, 1,716 BBC, sampled Reuters-21578); "
    "100000 = every real article (exact duplicates dropped) + synthetic articles regrouping "
    "the sentences of 2-3 real articles of one language (French from the 80 Wikinews) so "
    "that 40% is French; all re-dated uniformly over 2015-2026 (3% undated), seeded."
)


def corpus_path(size: int) -> Path:
    return CACHE / f"corpus-{size}-r{RECIPE}.jsonl.gz"


def load_corpus(size: int) -> list[dict[str, object]]:
    """The corpus of ``size`` articles, built first when not cached."""
    return list(read_jsonl(build_corpus(size)))


def build_corpus(size: int, force: bool = False) -> Path:
    path = corpus_path(size)
    if path.exists() and not force:
        return path
    rows = make_corpus(size)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def real_articles() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """French and English real articles, text as paragraphs joined by one newline,
    exact duplicate texts dropped (the store would refuse them as duplicates)."""
    data = require_data()
    fr = [_clean(r) for r in read_jsonl(data / "news-fr" / "wikinews-fr.jsonl.gz")]
    en = [_clean(r) for r in read_jsonl(data / "news-en" / "bbc.jsonl.gz")]
    en += [_clean(r, wire=True) for r in read_jsonl(data / "news-en" / "reuters21578.jsonl.gz")]
    seen: set[str] = set()
    out: tuple[list[dict[str, object]], list[dict[str, object]]] = ([], [])
    for target, rows in zip(out, (fr, en), strict=True):
        for row in rows:
            key = content_hash(ArticleDraft(str(row["title"]), str(row["text"])))
            if row["text"] and key not in seen:
                seen.add(key)
                target.append(row)
    return out


def _clean(row: dict[str, object], wire: bool = False) -> dict[str, object]:
    text = str(row.get("text") or "")
    if wire:  # hard-wrapped telex: an indented line starts a paragraph
        text = "\n".join(" ".join(p.split()) for p in WIRE_PARAGRAPH.split(text))
    paras = [" ".join(p.split()) for p in text.split("\n")]
    return {
        "id": row["id"], "title": " ".join(str(row.get("title") or "").split()),
        "text": "\n".join(p for p in paras if p), "orig_date": row.get("date"),
        "source": row.get("source"), "lang": row.get("lang"), "kind": "real",
    }


def make_corpus(size: int, seed: int = SEED) -> list[dict[str, object]]:
    rnd = random.Random(seed)
    fr, en = real_articles()
    if size <= len(fr) + len(en):
        rows = fr + [r for r in en if r["source"] != "Reuters"]  # then sampled Reuters
        reuters = [r for r in en if r["source"] == "Reuters"]
        rows += rnd.sample(reuters, max(0, size - len(rows)))
        rows = rows[:size]
    else:
        n_fr = max(0, round(size * FRENCH_SHARE) - len(fr))
        n_en = size - len(fr) - len(en) - n_fr
        rows = fr + en
        rows += list(synthesise(fr, n_fr, "fr", FR_SOURCES, rnd))
        rows += list(synthesise(en, n_en, "en", EN_SOURCES, rnd))
    rnd.shuffle(rows)
    for row in rows:
        row["date"] = None if rnd.random() < UNDATED else random_day(rnd)
    return rows


def random_day(rnd: random.Random) -> str:
    span = (LAST_DAY - FIRST_DAY).days
    return (FIRST_DAY + timedelta(days=rnd.randint(0, span))).isoformat()


def sentences(text: str) -> list[str]:
    return [s for p in text.split("\n") for s in SENTENCE_END.split(p) if len(s.split()) >= 4]


def synthesise(
    pool: Sequence[dict[str, object]], count: int, lang: str, sources: Sequence[str],
    rnd: random.Random,
) -> Iterator[dict[str, object]]:
    """New articles regrouping the sentences of 2-3 real articles of one language."""
    split = [sentences(str(r["text"])) for r in pool]
    usable = [i for i, s in enumerate(split) if len(s) >= 2]
    for n in range(count):
        picked = rnd.sample(usable, rnd.randint(2, 3))
        bag = [s for i in picked for s in split[i]]
        rnd.shuffle(bag)
        wanted = rnd.randint(6, 20) if lang == "fr" else rnd.randint(5, 16)
        bag = bag[:wanted]
        paras, i = [], 0
        while i < len(bag):
            k = rnd.randint(1, 4)
            paras.append(" ".join(bag[i:i + k]))
            i += k
        head = rnd.choice(split[picked[0]]).rstrip(".!?»").split()
        yield {
            "id": f"synth-{lang}-{n:06d}", "title": " ".join(head[:12]),
            "text": "\n".join(paras), "orig_date": None, "source": rnd.choice(sources),
            "lang": lang, "kind": "synthetic", "from": [str(pool[i]["id"]) for i in picked],
        }


def describe(size: int, rows: Sequence[dict[str, object]]) -> str:
    langs: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for row in rows:
        langs[str(row["lang"])] = langs.get(str(row["lang"]), 0) + 1
        kinds[str(row["kind"])] = kinds.get(str(row["kind"]), 0) + 1
    chars = sum(len(str(r["text"])) for r in rows)
    dated = [str(r["date"]) for r in rows if r["date"]]
    kind_text = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    lang_text = ", ".join(f"{k} {v}" for k, v in sorted(langs.items()))
    return (f"corpus {size}: {len(rows)} articles ({kind_text}; {lang_text}), "
            f"{chars / 1e6:.1f} M characters, dates {min(dated)}..{max(dated)} "
            f"({len(rows) - len(dated)} undated), seed {SEED}, recipe {RECIPE}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--force", action="store_true", help="rebuild even when cached")
    args = ap.parse_args()
    print(f"Machine: {machine()}")
    print(RECIPE_TEXT)
    for size in args.size:
        with Timer() as t:
            path = build_corpus(size, force=args.force)
        rows = load_corpus(size)
        print(describe(size, rows))
        print(f"  -> {path} ({path.stat().st_size / 1e6:.1f} MB gzip, {t.seconds:.1f} s)")


if __name__ == "__main__":
    main()
