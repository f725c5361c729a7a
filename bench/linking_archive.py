"""Issue 11, point 4: surnames used alone, linked across the archive (BBC News set).

Data: ``../shared/data/news-en/bbc.jsonl.gz`` (1,800 articles, English), imported into a
fresh library and extracted with the shipped pipeline. Counted, over the person mentions
whose text is one word (a surname alone, "Mr Blair" after its title is stripped):

- linked inside their article (the article also gives the full name: the per-article
  linker, as before this issue);
- linked across the archive (the article never gives the full name; the library knows
  one person of that surname): new with this issue;
- ambiguous (several people of the library bear it: kept apart, flagged);
- alone (no person of the library bears it).

"Before" in the same run is the same library with the cross-archive link switched off
(``person_surnames`` emptied before extraction): how many lone-surname entities the
browser listed. No gold exists for these links: a sample of cross-archive links is
printed for a reader to judge.

Run: .venv/bin/python bench/linking_archive.py [--articles 1800]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import code_version, machine, require_data
from index import Library


def run(rows: list[dict], tmp: Path, link: bool) -> dict[str, object]:
    feed = tmp / f"bbc-{link}.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    with Library.open(tmp / f"lib-{link}") as lib:
        lib.import_paths([feed])
        if not link:  # no person can be found by surname: each lone surname stays alone
            lib.store.conn.execute(
                "CREATE TRIGGER no_surnames AFTER INSERT ON person_surnames BEGIN"
                " DELETE FROM person_surnames; END")
        t0 = time.perf_counter()
        lib.extract_pending()
        seconds = time.perf_counter() - t0
        conn = lib.store.conn
        lone = conn.execute(
            "SELECT m.article_id, m.text, e.name, e.id FROM mentions m JOIN entities e"
            " ON e.id = m.entity_id WHERE e.label = 'person' AND m.text NOT LIKE '% %'"
        ).fetchall()
        full_in_article = {(int(a), int(e)) for a, e in conn.execute(
            "SELECT m.article_id, m.entity_id FROM mentions m JOIN entities e"
            " ON e.id = m.entity_id WHERE e.label = 'person' AND m.text LIKE '% %'")}
        entities = {e.id: e for e in lib.entities(label="person", include_hidden=True)}
        counts = {"in article": 0, "across archive": 0, "ambiguous": 0, "alone": 0}
        samples = []
        for article, text, name, eid in lone:
            if " " in name:
                if (int(article), int(eid)) in full_in_article:
                    counts["in article"] += 1
                else:
                    counts["across archive"] += 1
                    samples.append((text, name))
            elif entities.get(int(eid)) is not None and entities[int(eid)].ambiguous:
                counts["ambiguous"] += 1
            else:
                counts["alone"] += 1
        lone_entities = sum(1 for e in entities.values() if " " not in e.name)
        return {"counts": counts, "mentions": len(lone), "lone_entities": lone_entities,
                "people": len(entities), "seconds": seconds, "samples": samples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1800)
    args = parser.parse_args()
    data = require_data()
    with gzip.open(data / "news-en" / "bbc.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()][: args.articles]
    with tempfile.TemporaryDirectory(prefix="veille-linking-") as tmp:
        before = run(rows, Path(tmp), link=False)
        after = run(rows, Path(tmp), link=True)
    print(f"\nLinking across the archive, {time.strftime('%Y-%m-%d')}: {machine()}; "
          f"{code_version('index')}; BBC News, {len(rows)} articles\n")
    print("| | lone-surname mentions | linked in their article | linked across the archive "
          "| ambiguous | alone | person entities | of which one-word | extraction s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in (("before (per article only)", before), ("Veille", after)):
        c = r["counts"]
        assert isinstance(c, dict)
        print(f"| {name} | {r['mentions']} | {c['in article']} | {c['across archive']} | "
              f"{c['ambiguous']} | {c['alone']} | {r['people']} | {r['lone_entities']} | "
              f"{r['seconds']:.0f} |")
    samples = after["samples"]
    assert isinstance(samples, list)
    print("\nCross-archive links, every 25th:")
    for text, name in samples[::25][:20]:
        print(f"- {text} -> {name}")


if __name__ == "__main__":
    main()
