#!/bin/sh
# Train Veille's English entity model and put it where the package ships it.
#   tools/english_ner/train.sh SOURCES_DIR [DEV_CONLL]
# SOURCES_DIR holds the files listed in tools/english_ner/SOURCES.md (file names as in
# tools/english_ner/corpus.py SOURCES); DEV_CONLL is an English news file in CoNLL form
# used to pick the best checkpoint (a development split, never a test split).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY="$ROOT/.venv/bin/python"
WORK=${WORK:-/tmp/veille-english-ner}
mkdir -p "$WORK"
"$PY" "$ROOT/tools/english_ner/corpus.py" "$1" "$WORK/corpus" \
    --only crossner wikigold uner wnut btc re3d --upper 0.15 ${2:+--dev-conll "$2"}
DEV="$WORK/corpus/dev.spacy"
[ -f "$DEV" ] || DEV="$WORK/corpus/train.spacy"
OMP_NUM_THREADS=1 "$PY" -m spacy train "$ROOT/tools/english_ner/config.cfg" \
    --paths.train "$WORK/corpus/train.spacy" --paths.dev "$DEV" --output "$WORK/run" \
    --training.max_steps 3300
"$PY" "$ROOT/tools/english_ner/finish.py" "$WORK/run/model-best" \
    "$ROOT/index/entities/models/en_veille_news"
