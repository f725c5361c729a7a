"""Build the English NER training corpus (spaCy DocBin) from openly licensed sources.

Run by ``tools/english_ner/train.sh``. The sources are read from a folder given on the
command line, never from this repository (their text is not ours to commit). Each
source, its licence and where to get it are listed in ``tools/english_ner/SOURCES.md``.

Every source's fine types are mapped onto four labels: PER, ORG, LOC and MISC. MISC
is kept so the model learns that a named award, election or nationality is *not* an
organisation or a place; Veille only shows it as "other". Technical terms that the
sources tag but that are not names ("machine learning", "protein") become O.

Only train and development splits are read: a public test split is never trained on.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

PER = {
    "person", "politician", "scientist", "writer", "musicalartist", "researcher",
    "per", "PER", "Person",
}
ORG = {
    "organisation", "politicalparty", "university", "band", "academicjournal", "magazine",
    "corporation", "group", "org", "ORG", "Organisation",
}
LOC = {"location", "country", "loc", "LOC", "Location"}
MISC = {
    "misc", "award", "election", "event", "book", "album", "song", "product", "poem",
    "conference", "creative-work", "Nationality", "OTH", "MISC", "astronomicalobject",
}
Sentence = list[tuple[str, str]]


def label_of(fine: str) -> str | None:
    if fine in PER:
        return "PER"
    if fine in ORG:
        return "ORG"
    if fine in LOC:
        return "LOC"
    if fine in MISC:
        return "MISC"
    return None


def read_columns(path: Path, *, word_col: int, tag_col: int, sep: str | None) -> Iterator[Sentence]:
    sentence: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and "\t" not in line:
            continue
        cols = line.split(sep) if line.strip() else []
        if len(cols) <= max(word_col, tag_col):
            if sentence:
                yield sentence
            sentence = []
            continue
        sentence.append((cols[word_col], cols[tag_col].strip()))
    if sentence:
        yield sentence


def spans(sentence: Sentence) -> list[tuple[int, int, str]]:
    """Entity spans (token start, end, label) from BIO or IOB1 tags of any source."""
    found: list[tuple[int, int, str]] = []
    start, current = -1, ""
    for i, (_word, tag) in enumerate([*sentence, ("", "O")]):
        prefix, _, fine = tag.partition("-") if "-" in tag else ("O", "", "")
        if tag in ("O", "B-O", "") or prefix not in ("B", "I"):
            prefix, fine = "O", ""
        begins = prefix == "B" or (prefix == "I" and fine != current)
        if current and (prefix == "O" or begins):
            label = label_of(current)
            if label:
                found.append((start, i, label))
            current = ""
        if begins:
            start, current = i, fine
    return found


def clean_twitter(sentence: Sentence) -> Sentence | None:
    """A tweet as news would write it: no links, no "RT", names without their @ or #.

    An @handle or #tag that is not an entity is dropped; one that is keeps its name
    ("#UN" -> "UN"). Short leftovers are not worth a sentence.
    """
    out: Sentence = []
    for word, tag in sentence:
        if word.startswith("http") or word == "RT":
            continue
        if word[:1] in "@#":
            if tag in ("O", "") or len(word) < 2:
                continue
            word = word[1:]
        out.append((word, tag))
    words = [w for w, _ in out]
    return out if len(out) >= 6 and not any(w[:1] in "@#" for w in words) else None


def clean_re3d(sentence: Sentence) -> Sentence | None:
    """re3d's spans as news NER draws them: no leading "the"; none ending in lower case.

    "the Kurdish YPG" becomes "Kurdish YPG"; a sentence with "U.S. service members" as an
    organisation is left out rather than taught.
    """
    tags = [t for _, t in sentence]
    for s, e, label in spans(sentence):
        if label == "MISC":
            continue
        if sentence[s][0].lower() == "the" and e - s > 1:
            tags[s] = "O"
            tags[s + 1] = "B-" + tags[s + 1].partition("-")[2]
        if sentence[e - 1][0][:1].islower():
            return None
    return [(w, t) for (w, _), t in zip(sentence, tags, strict=True)]


SOURCES: dict[str, tuple[str, dict[str, object]]] = {
    # file glob -> reader options
    "crossner-*-train.txt": ("crossner", {"word_col": 0, "tag_col": 1, "sep": "\t"}),
    "crossner-*-dev.txt": ("crossner", {"word_col": 0, "tag_col": 1, "sep": "\t"}),
    "wikigold.txt": ("wikigold", {"word_col": 0, "tag_col": 1, "sep": " "}),
    "uner-ewt-dev.iob2": ("uner", {"word_col": 1, "tag_col": 2, "sep": "\t"}),
    "wnut-train.txt": ("wnut", {"word_col": 0, "tag_col": 1, "sep": "\t"}),
    "wnut-dev.txt": ("wnut", {"word_col": 0, "tag_col": 1, "sep": "\t"}),
    "re3d/*.conll": ("re3d", {"word_col": 0, "tag_col": 1, "sep": "\t"}),
    "btc-*.txt": ("btc", {"word_col": 0, "tag_col": 1, "sep": "\t"}),
}


CLEANERS = {"wnut": clean_twitter, "btc": clean_twitter, "re3d": clean_re3d}


def sentences(src: Path, only: set[str] | None) -> Iterator[tuple[str, Sentence]]:
    for pattern, (name, opts) in SOURCES.items():
        if only and name not in only:
            continue
        for path in sorted(src.glob(pattern)):
            for sent in read_columns(path, **opts):  # type: ignore[arg-type]
                cleaner = CLEANERS.get(name)
                kept = cleaner(sent) if cleaner else sent
                if kept:
                    yield name, kept


def to_docs(nlp: spacy.Language, sents: Iterable[Sentence], per_doc: int) -> Iterator[Doc]:
    batch: list[Sentence] = []
    for sent in sents:
        batch.append(sent)
        if len(batch) == per_doc:
            yield _doc(nlp, batch)
            batch = []
    if batch:
        yield _doc(nlp, batch)


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)$")


def _doc(nlp: spacy.Language, batch: list[Sentence]) -> Doc:
    words: list[str] = []
    ents: list[str] = []
    starts: list[bool] = []
    for sent in batch:
        tags = ["O"] * len(sent)
        for s, e, label in spans(sent):
            tags[s] = f"B-{label}"
            for k in range(s + 1, e):
                tags[k] = f"I-{label}"
        for k, (word, _) in enumerate(sent):
            words.append(word)
            ents.append(tags[k])
            starts.append(k == 0)
    spaces = [not _NO_SPACE_BEFORE.match(nxt) for nxt in words[1:]] + [False]
    return Doc(nlp.vocab, words=words, spaces=spaces, ents=ents, sent_starts=starts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, help="folder holding the source files")
    parser.add_argument("out", type=Path, help="folder for train.spacy and dev.spacy")
    parser.add_argument("--only", nargs="*", help="source names to keep")
    parser.add_argument("--dev-conll", type=Path, help="a CoNLL-style file for dev.spacy")
    parser.add_argument("--per-doc", type=int, default=8)
    parser.add_argument("--upper", type=float, default=0.0,
                        help="share of sentences also given in capitals (headlines)")
    args = parser.parse_args()
    nlp = spacy.blank("en")
    pairs = list(sentences(args.sources, set(args.only) if args.only else None))
    rng = random.Random(13)
    pairs += [(f"{name}-upper", [(w.upper(), t) for w, t in sent])
              for name, sent in pairs if rng.random() < args.upper]
    rng.shuffle(pairs)
    counts = Counter(name for name, _ in pairs)
    labels = Counter(lab for _, s in pairs for *_, lab in spans(s))
    args.out.mkdir(parents=True, exist_ok=True)
    DocBin(docs=to_docs(nlp, (s for _, s in pairs), args.per_doc)).to_disk(
        args.out / "train.spacy"
    )
    if args.dev_conll:
        dev = read_columns(args.dev_conll, word_col=0, tag_col=1, sep="\t")
        DocBin(docs=to_docs(nlp, dev, args.per_doc)).to_disk(args.out / "dev.spacy")
    print(f"sentences by source: {dict(counts)}")
    print(f"entities by label: {dict(labels)}")
    print(f"tokens: {sum(len(s) for _, s in pairs)}")


if __name__ == "__main__":
    main()
