"""Mark gold entities by string instead of by offset, and write the article's JSON.

An annotated source file holds the article text, a line ``===``, then one mark per
line: ``label: string`` marks every occurrence of ``string`` (whole words, case
sensitive, longer marks first), ``label: string #2`` only its second occurrence, and
``none: string #1`` excludes an occurrence from a broader mark. Labels: person,
organisation, place, other. Usage:

    .venv/bin/python tests/entities/gold/mark.py SOURCE.txt [--lang fr] > gold/xx.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

LABELS = ("person", "organisation", "place", "other")


def occurrences(text: str, needle: str) -> list[int]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])")
    return [m.start() for m in pattern.finditer(text)]


def mark(text: str, marks: list[tuple[str, str, int | None]]) -> list[dict[str, object]]:
    """Entities for ``marks`` = (label, string, occurrence or None for all)."""
    excluded = set()
    for label, needle, nth in marks:
        if label == "none":
            starts = occurrences(text, needle)
            picked = starts if nth is None else [starts[nth - 1]]
            excluded.update((s, s + len(needle)) for s in picked)
    taken: list[tuple[int, int]] = []
    entities = []
    for label, needle, nth in sorted(marks, key=lambda m: -len(m[1])):
        if label == "none":
            continue
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}")
        starts = occurrences(text, needle)
        if not starts or (nth is not None and nth > len(starts)):
            raise ValueError(f"{needle!r} occurrence {nth} not found")
        for start in starts if nth is None else [starts[nth - 1]]:
            end = start + len(needle)
            if (start, end) in excluded or any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            entities.append({"start": start, "end": end, "label": label, "text": needle})
    return sorted(entities, key=lambda e: e["start"])


def parse_source(source: str) -> tuple[str, list[tuple[str, str, int | None]]]:
    text, _, spec = source.partition("\n===\n")
    marks: list[tuple[str, str, int | None]] = []
    for line in spec.splitlines():
        if not line.strip():
            continue
        label, _, rest = line.partition(":")
        rest = rest.strip()
        nth = None
        found = re.search(r"\s#(\d+)$", rest)
        if found:
            nth = int(found.group(1))
            rest = rest[: found.start()]
        marks.append((label.strip(), rest, nth))
    return text.strip("\n"), marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args(argv)
    text, marks = parse_source(args.source.read_text(encoding="utf-8"))
    doc = {"id": args.source.stem, "lang": args.lang, "text": text, "entities": mark(text, marks)}
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
