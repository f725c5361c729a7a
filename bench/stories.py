"""Issue 11, point 1: versions of one story grouped, different stories kept apart; what it costs.

Quality. Base articles: BBC News (news-en/bbc.jsonl.gz) and French Wikinews
(news-fr/wikinews-fr.jsonl.gz) from ../shared/data. Each of ``--bases`` bases gets one to
three versions made the way newsrooms make them (seeded): a cut end (40-75% of the
sentences kept), a new lead sentence and headline, a paragraph added in the middle (a
sentence of another article), an outlet's dateline and boilerplate, small edits (a number
and a word changed in two sentences), or two of these at once. Every other article of the
sets is imported too, alone: many share a subject (BBC's five desks, Wikinews' topics). All
are imported into a fresh library (``Library.import_paths``, no entities) and the pairs of
articles sharing a story are compared with the pairs made from one base: precision and
recall over pairs. Wrongly grouped pairs are listed with the share of 4-word runs they
share: the BBC set itself holds near-copies (the same story filed twice), which count
here as errors although they are versions.

Beside it, in the same run on the same library: "before" (each article alone: what Veille
did) and a whole-text MinHash LSH (datasketch ``MinHashLSH``, 128 permutations, Jaccard
0.5 on word 4-runs, then the same check): the usual near-duplicate detector.

Cost. Grouping alone (rows dropped, ``group_stories`` again) in seconds per 1,000 articles,
against the import of the same files; the size of the two story tables. Then scaling: the
cached 100,000-article scale corpus (``/tmp/veille-bench/corpus-100000-r1.jsonl.gz``, built
by bench/scale_corpus.py; skipped when absent) written straight into a store's articles
table and grouped in batches of 1,000: milliseconds per article for the first and the
last 10,000, and the tables' size per 1,000 articles. That corpus mixes sentences of
Reuters dispatches, so its articles share sentences far more than news does: a worst case
for the candidates to check.

Run: .venv/bin/python bench/stories.py [--bases 300] [--seed 11] [--scale 100000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import code_version, machine, require_data
from index import Library, stories
from index.migrations import migrate

SCALE_CORPUS = Path("/tmp/veille-bench/corpus-100000-r1.jsonl.gz")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
BOILER = {
    "en": ("Sign up for our morning briefing to get the day's top stories delivered to your "
           "inbox before breakfast, free of charge."),
    "fr": ("Inscrivez-vous à notre lettre du matin pour recevoir chaque jour l'essentiel de "
           "l'actualité dans votre boîte de réception, gratuitement."),
}
LEADS = {
    "en": "UPDATED with fresh comments from officials and new figures published on Monday.",
    "fr": "MISE À JOUR avec de nouvelles déclarations officielles et les chiffres de lundi.",
}


def _load(data: Path) -> list[dict]:
    rows = []
    for name in ("news-en/bbc.jsonl.gz", "news-fr/wikinews-fr.jsonl.gz"):
        with gzip.open(data / name, "rt", encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return [r for r in rows if len(_sentences(r["text"])) >= 4]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.replace("\n", " ")) if s.strip()]


def _version(base: dict, kind: str, rng: random.Random, donor: dict) -> dict:
    lang = base.get("lang") or "en"
    sents = _sentences(base["text"])
    title = base["title"]
    if kind == "cut end":
        sents = sents[: max(3, int(len(sents) * rng.uniform(0.4, 0.75)))]
    elif kind == "new lead":
        sents = [LEADS[lang], *sents]
        title = f"{title} (updated)" if lang == "en" else f"{title} (mise à jour)"
    elif kind == "added paragraph":
        at = rng.randrange(1, len(sents))
        sents = [*sents[:at], rng.choice(_sentences(donor["text"])), *sents[at:]]
    elif kind == "outlet":
        sents = [f"{'PARIS' if lang == 'fr' else 'LONDON'} (Wire) -", *sents, BOILER[lang]]
    elif kind == "edits":
        for i in rng.sample(range(len(sents)), 2):
            sents[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + 3), sents[i], count=1)
            words = sents[i].split()
            if len(words) > 4:
                words[rng.randrange(len(words))] = "reportedly" if lang == "en" else "semble-t-il"
            sents[i] = " ".join(words)
    return {**base, "title": title, "text": " ".join(sents), "id": None, "url": None}


KINDS = ("cut end", "new lead", "added paragraph", "outlet", "edits")


def build_set(rows: list[dict], bases: int, rng: random.Random) -> tuple[list[dict], list[int]]:
    """Articles to import, and for each the index of its base (its own index when alone)."""
    picked = set(rng.sample(range(len(rows)), min(bases, len(rows))))
    out: list[dict] = []
    base_of: list[int] = []
    for i, row in enumerate(rows):
        out.append(row)
        base_of.append(i)
        if i not in picked:
            continue
        for _ in range(rng.randint(1, 3)):
            kinds = rng.sample(KINDS, rng.choice((1, 1, 2)))
            version = row
            for kind in kinds:
                version = _version(version, kind, rng, rows[rng.randrange(len(rows))])
            out.append(version)
            base_of.append(i)
    order = list(range(len(out)))
    rng.shuffle(order)  # versions arrive in any order, among other news
    seen: set[str] = set()  # the sets hold a few exact copies: Veille keeps one of each
    kept = []
    for i in order:
        body = " ".join(out[i]["text"].split()).casefold()
        if body not in seen:
            seen.add(body)
            kept.append(i)
    return [out[i] for i in kept], [base_of[i] for i in kept]


def pairs(groups: dict[int, list[int]]) -> set[tuple[int, int]]:
    return {p for members in groups.values() for p in combinations(sorted(members), 2)}


def scores(predicted: set[tuple[int, int]], gold: set[tuple[int, int]]) -> tuple[float, float]:
    right = len(predicted & gold)
    return (right / len(predicted) if predicted else 1.0, right / len(gold) if gold else 1.0)


def lsh_baseline(texts: dict[int, tuple[str, str]]) -> dict[int, list[int]]:
    """Whole-text MinHash LSH, then the same containment check; union of found pairs."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    runs = {i: stories.shingles(t) for i, (t, _l) in texts.items()}
    parent = {i: i for i in texts}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sketches = MinHash.bulk([[r.encode() for r in runs[i]] for i in texts], num_perm=128)
    for (i, (_t, lang)), sketch in zip(texts.items(), sketches, strict=True):
        for j in lsh.query(sketch):
            if texts[j][1] == lang and stories.same_story(runs[i], runs[j]):
                parent[root(i)] = root(j)
        lsh.insert(i, sketch)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in texts:
        groups[root(i)].append(i)
    return groups


def table_bytes(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN ('story_members', 'story_keys',"
            " 'story_members_story', 'sqlite_autoindex_story_members_1')").fetchone()[0] or 0)


def quality(data: Path, bases: int, seed: int) -> None:
    rng = random.Random(seed)
    rows = _load(data)
    articles, base_of = build_set(rows, bases, rng)
    with tempfile.TemporaryDirectory(prefix="veille-stories-") as tmp:
        feed = Path(tmp) / "versions.jsonl"
        feed.write_text("".join(json.dumps({k: v for k, v in a.items() if v is not None},
                                           ensure_ascii=False) + "\n" for a in articles),
                        encoding="utf-8")
        with Library.open(Path(tmp) / "lib") as lib:
            t0 = time.perf_counter()
            report = lib.import_paths([feed])
            import_s = time.perf_counter() - t0
            ids = report.files[0].article_ids
            assert len(ids) == len(articles), "every version is a new article"
            gold_groups: dict[int, list[int]] = defaultdict(list)
            for article_id, base in zip(ids, base_of, strict=True):
                gold_groups[base].append(article_id)
            gold = pairs(gold_groups)
            conn = lib.store.conn
            conn.execute("DELETE FROM story_members")
            conn.execute("DELETE FROM story_keys")
            t0 = time.perf_counter()
            lib.group_stories()
            group_s = time.perf_counter() - t0
            found: dict[int, list[int]] = defaultdict(list)
            for info in lib.stories(ids).values():
                found[info.story] = list(info.versions)
            veille = pairs(found)
            texts = {int(i): (str(t), str(la)) for i, t, la in
                     conn.execute("SELECT id, text, lang FROM articles ORDER BY id")}
            t0 = time.perf_counter()
            baseline = pairs(lsh_baseline(texts))
            lsh_s = time.perf_counter() - t0
            size = table_bytes(lib.path / "library.sqlite3")
        n = len(articles)
        print(f"\nStories, {time.strftime('%Y-%m-%d')}: {machine()}; "
              f"{code_version('index')}; seed {seed}; {len(rows)} base articles "
              f"(BBC + Wikinews FR), {bases} given "
              f"versions: {n} articles, {len(gold)} version pairs\n")
        print("| Method | Pairs found | Precision | Recall | Seconds | ms per article |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, got, secs in (("before (each article alone)", set(), 0.0),
                                ("whole-text MinHash LSH 128 (datasketch) + same check",
                                 baseline, lsh_s),
                                ("Veille: sentence keys + check", veille, group_s)):
            p, r = scores(got, gold)
            print(f"| {name} | {len(got)} | {p:.3f} | {r:.3f} | {secs:.2f} | "
                  f"{1000 * secs / n:.2f} |")
        print(f"\nImport of the same file (grouping included): {import_s:.1f} s; grouping alone "
              f"{group_s:.1f} s = {100 * group_s / import_s:.0f}% of it; story tables "
              f"{size / 1024:.0f} KiB ({size / n * 1000 / 1024 / 1024:.2f} MB per 1,000 articles)")
        wrong = sorted(veille - gold)
        by_id = {int(i): t for i, (t, _l) in texts.items()}
        if wrong:
            judged = sorted((stories.containment(stories.shingles(by_id[a]),
                                                 stories.shingles(by_id[b])), (a, b))
                            for a, b in wrong)
            copies = sum(share >= 0.8 for share, _ in judged)
            fair = (len(veille) - len(wrong) + copies) / len(veille)
            print(f"\nWrongly grouped pairs: {len(wrong)}; share of 4-word runs the two share: "
                  f"lowest {judged[0][0]:.2f}, median {judged[len(judged) // 2][0]:.2f}; "
                  f"{copies} share at least 0.80 (one story filed twice in the data set). "
                  f"Counting those as versions, precision {fair:.3f}.")
            for share, (a, b) in judged[:5]:
                print(f"- articles {a} / {b}: {share:.2f}: {by_id[a][:90]!r} / {by_id[b][:90]!r}")
        print(f"\nMissed version pairs: {len(gold - veille)}")


def scaling(total: int, corpus: Path) -> None:
    if not corpus.exists():
        print(f"\nScaling skipped: {corpus} is absent (bench/scale_corpus.py makes it)")
        return
    with tempfile.TemporaryDirectory(prefix="veille-stories-scale-") as tmp:
        db = Path(tmp) / "store.sqlite3"
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN")
        migrate(conn, 0)
        with gzip.open(corpus, "rt", encoding="utf-8") as f:
            rows = ((json.loads(line)) for line in f)
            conn.executemany(
                "INSERT INTO articles(title, text, lang, content_hash, imported_at)"
                " VALUES (?, ?, ?, ?, '')",
                ((r["title"], r["text"], r.get("lang"), f"h{n}")
                 for n, r in zip(range(total), rows, strict=False)))
        conn.execute("COMMIT")
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        per_batch: list[float] = []
        last = 0
        while True:
            ids = stories.pending_ids(conn, 1000, last)
            if not ids:
                break
            t0 = time.perf_counter()
            conn.execute("BEGIN")
            stories.assign(conn, ids)
            conn.execute("COMMIT")
            per_batch.append((time.perf_counter() - t0) / len(ids) * 1000)
            last = ids[-1]
        grouped = conn.execute("SELECT count(DISTINCT story_id) FROM story_members").fetchone()[0]
        conn.close()
        size = table_bytes(db)
        tenth = max(1, len(per_batch) // 10)
        first, end = per_batch[:tenth], per_batch[-tenth:]
        print(f"\nScaling on {count} scale-corpus articles (one process, batches of 1,000): "
              f"{sum(first) / len(first):.2f} ms per article over the first tenth, "
              f"{sum(end) / len(end):.2f} ms over the last tenth; "
              f"{sum(per_batch) / len(per_batch) * count / 1000:.0f} s in all; "
              f"{grouped} stories; story tables {size / count * 1000 / 1024 / 1024:.2f} MB "
              f"per 1,000 articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=SCALE_CORPUS)
    args = parser.parse_args()
    quality(require_data(), args.bases, args.seed)
    if args.scale:
        scaling(args.scale, args.corpus)


if __name__ == "__main__":
    main()
