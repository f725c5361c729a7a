"""Known-item search (issue #4): does a half-remembered query bring the article back?

200 targets (seeded) from the 10,000-article real corpus (``bench/scale_corpus.py``):
100 French queries on the 80 Wikinews articles (each article once, 20 of them a second
time with four other words: there are only 80 French articles) and 100 English ones (50
BBC, 50 Reuters, each of 60+ words). Each query is the article's four most distinctive
words: highest tf-idf over the corpus, letters only, 4+ letters, no stop word, one word
per 5-letter stem. Three variants per target:

(a) accents stripped and one word changed in number (fr: -s, -al/-aux, -eau/-eaux;
    en: -s, -es, -y/-ies);
(b) one word misspelled by one letter (substitution, deletion or insertion, never the
    first letter), the word chosen among those of 5+ letters;
(c) French: every word starting with a vowel or h written with an elision (l', or d'
    before a plural), straight and curly apostrophes alternating; when no word starts
    so, the best such word of the article replaces the fourth. English: the plain words.

Reciprocal rank of the target within the top 10, for ``Library.search(q, limit=10)`` and
for SQLite FTS5 (porter unicode61 remove_diacritics 2) on the same articles, the words
quoted and ANDed (what a plain application does with typed words) and, as a kinder
baseline, ORed. Targets for Veille: MRR >= 0.98 on (a) and (c), >= 0.85 on (b).

Run: .venv/bin/python bench/known_item.py [--size 10000] [--show N] [--quick]
     (--quick: 60 targets instead of 200)
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import code_version, machine
from bench.scale_corpus import RECIPE_TEXT, load_corpus
from bench.scale_library import Fts5Library, build_library
from index import Library
from index.search import SCHEMA_VERSION
from index.search.analysis import fold

SEED = 4
WORD = re.compile(r"[^\W\d_]{4,}")
STOP = frozenset(fold(w) for w in """
    avec dans pour sont être était étaient leur leurs cette cela celle celui ceux elle elles
    nous vous mais plus moins très tout tous toute toutes aussi comme sans sous entre vers
    depuis avant après selon contre chez dont alors donc ainsi encore même autre autres
    avait avaient sera seront fait faire peut doit deux trois quatre cinq premier première
    lors quand that this with from have were their there which would could should about
    after before been being they them then than what when where while will said says also
    into over only other some such more most very just many much year years told last
    first second three four five like make made time percent because against between
    during under without within these those your ours here""".split())
VOWELS = "aeiouyhàâäéèêëîïôöùûü"
TARGETS = {"fr": 100, "en-bbc": 50, "en-reuters": 50}
VARIANTS = ("a", "b", "c")
APOS = ("'", "’")


@dataclass(frozen=True, slots=True)
class Target:
    article_id: int
    lang: str
    words: tuple[str, ...]  # as written in the article, lower case
    spare: str | None  # best vowel-initial word not among ``words`` (French elisions)


def document_frequencies(rows: Sequence[dict[str, object]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for row in rows:
        df.update({fold(w) for w in WORD.findall(f"{row['title']}\n{row['text']}")})
    return df


def distinctive(row: dict[str, object], df: Counter[str], n_docs: int) -> list[str]:
    """The article's words by decreasing tf-idf, one per 5-letter folded stem."""
    counts = Counter(w.lower() for w in WORD.findall(f"{row['title']}\n{row['text']}"))
    scored = sorted(
        ((c * math.log(n_docs / df[fold(w)]), w) for w, c in counts.items()
         if fold(w) not in STOP and df[fold(w)]),
        key=lambda sw: (-sw[0], sw[1]),
    )
    out: list[str] = []
    stems: set[str] = set()
    for _, word in scored:
        stem = fold(word)[:5]
        if stem not in stems:
            stems.add(stem)
            out.append(word)
    return out


def draw_targets(rows: Sequence[dict[str, object]], quick: bool) -> list[Target]:
    rnd = random.Random(SEED)
    df = document_frequencies(rows)
    pools: dict[str, list[int]] = {"fr": [], "en-bbc": [], "en-reuters": []}
    for i, row in enumerate(rows):
        key = "fr" if row["lang"] == "fr" else f"en-{str(row['source']).split()[0].lower()}"
        if key in pools and len(WORD.findall(str(row["text"]))) >= 60:
            pools[key].append(i)
    targets: list[Target] = []
    scale = 0.3 if quick else 1.0
    for key, wanted in TARGETS.items():
        wanted = round(wanted * scale)
        picked = rnd.sample(pools[key], min(wanted, len(pools[key])))
        again = rnd.sample(picked, wanted - len(picked)) if wanted > len(picked) else []
        for i in picked:
            targets.append(_target(i, rows[i], distinctive(rows[i], df, len(rows)), 0))
        for i in again:  # a second query on the same article, with its next four words
            targets.append(_target(i, rows[i], distinctive(rows[i], df, len(rows)), 4))
    return targets


def _target(index: int, row: dict[str, object], ranked: list[str], skip: int) -> Target:
    words = tuple(ranked[skip:skip + 4])
    spare = next((w for w in ranked[skip + 4:] if w[0] in VOWELS), None)
    return Target(index + 1, str(row["lang"]), words, spare)


def strip_accents(word: str) -> str:
    return fold(word)


def change_number(word: str, lang: str) -> str:
    if lang == "fr":
        rules = (("eaux", "eau"), ("eau", "eaux"), ("aux", "al"), ("al", "aux"))
        for old, new in rules:
            if word.endswith(old):
                return word[: -len(old)] + new
        return word[:-1] if word.endswith("s") and not word.endswith("ss") else word + "s"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def variant_a(t: Target, rnd: random.Random) -> str:
    words = list(t.words)
    special = [i for i, w in enumerate(words) if w.endswith(("al", "aux", "eau", "eaux"))]
    i = special[0] if t.lang == "fr" and special else rnd.randrange(len(words))
    words[i] = change_number(words[i], t.lang)
    return " ".join(strip_accents(w) for w in words)


def misspell(word: str, rnd: random.Random) -> str:
    pos = rnd.randrange(1, len(word))
    kind = rnd.choice(("sub", "del", "ins"))
    letter = rnd.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[pos]])
    if kind == "sub":
        return word[:pos] + letter + word[pos + 1:]
    if kind == "del":
        return word[:pos] + word[pos + 1:]
    return word[:pos] + letter + word[pos:]


def variant_b(t: Target, rnd: random.Random) -> str:
    words = list(t.words)
    long = [i for i, w in enumerate(words) if len(w) >= 5] or list(range(len(words)))
    i = rnd.choice(long)
    words[i] = misspell(words[i], rnd)
    return " ".join(words)


def variant_c(t: Target, number: int) -> str:
    if t.lang != "fr":
        return " ".join(t.words)
    words = list(t.words)
    if not any(w[0] in VOWELS for w in words) and t.spare:
        words[-1] = t.spare
    out = []
    for k, w in enumerate(words):
        if w[0] in VOWELS:
            plural = w.endswith(("s", "x"))  # "l’" before a plural reads wrong: "d’"
            article = "d" if plural else ("l", "d")[(number + k) % 2]
            w = f"{article}{APOS[(number + k) % 2]}{w}"
        out.append(w)
    return " ".join(out)


def queries(targets: Sequence[Target]) -> dict[str, list[str]]:
    rnd = random.Random(SEED + 1)
    return {
        "a": [variant_a(t, rnd) for t in targets],
        "b": [variant_b(t, rnd) for t in targets],
        "c": [variant_c(t, n) for n, t in enumerate(targets)],
    }


def fts_query(text: str, joiner: str) -> str:
    return joiner.join('"' + w.replace('"', '""') + '"' for w in text.split())


Engine = Callable[[str], list[int]]


def engines(lib: Library, fts: Fts5Library) -> dict[str, Engine]:
    def veille(q: str) -> list[int]:
        return [h.article_id for h in lib.search(q, limit=10).hits]

    def fts_and(q: str) -> list[int]:
        return [i for i, _ in fts.search(fts_query(q, " AND "), limit=10)[1]]

    def fts_or(q: str) -> list[int]:
        return [i for i, _ in fts.search(fts_query(q, " OR "), limit=10)[1]]

    return {"Veille": veille, "FTS5 AND": fts_and, "FTS5 OR": fts_or}


def rank_of(target: int, found: list[int]) -> int | None:
    return found.index(target) + 1 if target in found[:10] else None


def evaluate(targets: Sequence[Target], qs: dict[str, list[str]], run: dict[str, Engine],
             show: int) -> dict[tuple[str, str, str], list[int | None]]:
    """Ranks keyed by (engine, variant, language)."""
    ranks: dict[tuple[str, str, str], list[int | None]] = {}
    for name, engine in run.items():
        for v in VARIANTS:
            shown = 0
            for t, q in zip(targets, qs[v], strict=True):
                try:
                    r = rank_of(t.article_id, engine(q))
                except Exception as exc:  # an engine bug must be reported, not hide the rest
                    print(f"  ERROR {name} ({v}) {q!r}: {type(exc).__name__}: {exc}")
                    r = None
                ranks.setdefault((name, v, t.lang), []).append(r)
                if name == "Veille" and r != 1 and shown < show:
                    shown += 1
                    print(f"  miss ({v}) article {t.article_id} [{t.lang}] rank {r}: {q!r} "
                          f"(words {' '.join(t.words)})")
    return ranks


def mrr(ranks: Sequence[int | None]) -> float:
    return sum(1 / r for r in ranks if r) / len(ranks) if ranks else float("nan")


def recall(ranks: Sequence[int | None]) -> float:
    return sum(1 for r in ranks if r) / len(ranks) if ranks else float("nan")


def print_table(ranks: dict[tuple[str, str, str], list[int | None]], names: Sequence[str]) -> None:
    goal = {"a": 0.98, "b": 0.85, "c": 0.98}
    print(f"{'variant':<30} " + " ".join(f"{n + ' MRR':>13} {'R@10':>5}" for n in names))
    labels = {"a": "(a) no accents + number", "b": "(b) one-letter typo",
              "c": "(c) elisions fr / plain en"}
    for v in VARIANTS:
        for lang in ("all", "fr", "en"):
            def pick(name: str, lang: str = lang, v: str = v) -> list[int | None]:
                return [r for (n, vv, lg), rs in ranks.items() if n == name and vv == v
                        and lang in ("all", lg) for r in rs]
            cells = " ".join(f"{mrr(pick(n)):13.3f} {recall(pick(n)):5.2f}" for n in names)
            label = labels[v] if lang == "all" else f"    {lang}"
            flag = ""
            if lang == "all":
                flag = f"  target {goal[v]:.2f}: " + ("met" if mrr(pick("Veille")) >= goal[v]
                                                      else "MISSED")
            print(f"{label:<30} {cells}{flag}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--show", type=int, default=0, help="print up to N Veille misses per variant")
    ap.add_argument("--optimize", action="store_true",
                    help="use a library whose index was merged into one segment")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    print(f"Machine: {machine()}")
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"Engine: index schema {SCHEMA_VERSION}, "
          f"{code_version('index/search', 'index/library.py')}")
    print(RECIPE_TEXT)
    rows = load_corpus(args.size)
    targets = draw_targets(rows, args.quick)
    n_fr = sum(t.lang == "fr" for t in targets)
    print(f"Known-item: {len(targets)} targets ({n_fr} fr, {len(targets) - n_fr} en) in the "
          f"{len(rows):,}-article corpus, seed {SEED}")
    qs = queries(targets)
    for v in VARIANTS:
        print(f"  e.g. ({v}) {qs[v][0]!r} / {qs[v][-1]!r}")
    built = build_library(args.size, optimize=args.optimize)
    fts, _ = Fts5Library.build(args.size)
    lib = Library.open(built.path)
    try:
        run = engines(lib, fts)
        t0 = time.perf_counter()
        ranks = evaluate(targets, qs, run, args.show)
        seconds = time.perf_counter() - t0
    finally:
        lib.close()
        fts.close()
    print_table(ranks, list(run))
    print(f"(MRR: mean reciprocal rank within the top 10; R@10: share found in the top 10; "
          f"{seconds:.0f} s)")


if __name__ == "__main__":
    main()
