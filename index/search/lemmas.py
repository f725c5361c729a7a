"""Word forms of one word, per language, from simplemma's lemma dictionaries.

A query word is expanded to the other forms of its lemma (journal -> journaux, armée ->
armées, minister -> ministers, running -> run, ran), not to the words sharing a Snowball
stem: stems over-merge different words (journaux ~ journaliste, armées ~ armes, forces ~
forced, élections ~ elected, Hollande ~ Holland). Each language's forms are searched
only in that language's articles (see ``query_build``).

simplemma ships its dictionaries in its wheel (no network); decoding them takes about
0.4 s and 50 MB per language, too much for a command-line search. So each language's
dictionary is converted once per machine into sorted fixed-width numpy arrays in the
user cache folder (3-4 s), read on demand (``DiskArray``): a look-up is a binary search
over a small sample in memory and one 8 KB block read from the file.

English keeps nouns and verbs apart where the form says which it is: "forces" (plural,
or a verb) does not find "forced" (a verb form) although both have the lemma "force";
the base form finds both. French forms of one lemma all match.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .analysis import fold

LANGS = ("fr", "en")
WIDTH = 32  # bytes of UTF-8 kept per form; longer (rare) forms are left out
CACHE_ENV = "VEILLE_LEMMA_CACHE"
_WORD = re.compile(r"^[^\W\d_]+$")
_ARRAYS = ("forms", "form_lemma", "folded", "folded_lemma", "lemmas", "starts", "grouped")
_lock = threading.Lock()
_tables: dict[str, LemmaTable | None] = {}


class DiskArray:
    """A one-dimensional ``.npy`` array read with ``os.pread`` on demand.

    A sorted array also keeps every ``BLOCK``-th item in memory, so a binary search reads
    one block of the file. Nothing is mapped: a memory-mapped table grew the process by
    tens of megabytes, since each page a search touches maps its neighbours too.
    """

    BLOCK = 256

    def __init__(self, path: Path, sample: np.ndarray | None = None) -> None:
        with path.open("rb") as fh:
            version = np.lib.format.read_magic(fh)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, fortran, dtype = read_header(fh)
            self.offset = fh.tell()
            if len(shape) != 1 or fortran or dtype.hasobject:
                raise ValueError(f"{path} is not a plain one-dimensional array")
            self.dtype, self.size = dtype, int(shape[0])
        self._fd = os.open(path, os.O_RDONLY)
        self.sample = sample  # sorted arrays: every BLOCK-th item (``samples``)

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)

    def __len__(self) -> int:
        return self.size

    def slice(self, lo: int, hi: int) -> np.ndarray:
        lo, hi = max(0, lo), min(self.size, hi)
        if hi <= lo:
            return np.zeros(0, dtype=self.dtype)
        width = self.dtype.itemsize
        data = os.pread(self._fd, (hi - lo) * width, self.offset + lo * width)
        return np.frombuffer(data, dtype=self.dtype)

    def item(self, i: int) -> Any:
        return self.slice(i, i + 1)[0]

    def search(self, key: bytes, side: str = "left") -> int:
        """``np.searchsorted`` of a sorted array, reading one block."""
        assert self.sample is not None, "only sorted arrays are searched"
        probe = np.array(key, dtype=self.dtype)
        block = max(0, int(np.searchsorted(self.sample, probe, side=side)) - 1)  # type: ignore[call-overload]
        start = block * self.BLOCK
        found = self.slice(start, start + self.BLOCK)
        return start + int(np.searchsorted(found, probe, side=side))  # type: ignore[call-overload]


class MemoryArray:
    """The same interface over an array in memory (a cache folder that cannot be written)."""

    def __init__(self, arr: np.ndarray) -> None:
        self.arr = arr

    def __len__(self) -> int:
        return len(self.arr)

    def slice(self, lo: int, hi: int) -> np.ndarray:
        return self.arr[max(0, lo):hi]

    def item(self, i: int) -> Any:
        return self.arr[i]

    def search(self, key: bytes, side: str = "left") -> int:
        probe = np.array(key, dtype=self.arr.dtype)
        return int(np.searchsorted(self.arr, probe, side=side))  # type: ignore[call-overload]


class LemmaTable:
    """One language's dictionary: exact form -> lemma, folded form -> lemmas, lemma -> forms.

    Forms and lemmas are lower case with accents (NFC), UTF-8 in sorted ``S32`` arrays.
    """

    def __init__(self, arrays: dict[str, DiskArray] | dict[str, MemoryArray]) -> None:
        self.forms = arrays["forms"]  # sorted exact forms
        self.form_lemma = arrays["form_lemma"]  # lemma id of each
        self.folded = arrays["folded"]  # sorted folded forms (repeated when ambiguous)
        self.folded_lemma = arrays["folded_lemma"]
        self.lemmas = arrays["lemmas"]  # sorted lemmas; their id is their row
        self.starts = arrays["starts"]  # forms of lemma i: grouped[starts[i]:starts[i+1]]
        self.grouped = arrays["grouped"]

    def lemma_ids(self, word: str) -> list[int]:
        """Lemmas of a lower-case word: its own entry when the dictionary lists it as
        typed, else the lemmas of its accented spellings (typed without accents:
        "elections" -> élection). Empty when the word is unknown."""
        key = word.encode("utf-8")
        if len(key) > WIDTH:
            return []
        own = self.forms.search(key)
        if own < len(self.forms) and bytes(self.forms.item(own)) == key:
            return [int(self.form_lemma.item(own))]
        folded = fold(word).encode("utf-8")
        lo, hi = self.folded.search(folded), self.folded.search(folded, side="right")
        return sorted({int(i) for i in self.folded_lemma.slice(lo, hi)})

    def lemma(self, lemma_id: int) -> str:
        return bytes(self.lemmas.item(lemma_id)).decode("utf-8")

    def forms_of(self, lemma_id: int) -> list[str]:
        lo, hi = (int(i) for i in self.starts.slice(lemma_id, lemma_id + 2))
        return [bytes(f).decode("utf-8") for f in self.grouped.slice(lo, hi)]


SORTED = frozenset({"forms", "folded", "lemmas"})


def table(lang: str) -> LemmaTable | None:
    """The language's table (built into the cache folder on first use), None if unavailable."""
    if lang in _tables:
        return _tables[lang]
    with _lock:
        if lang not in _tables:
            _tables[lang] = _open(lang)
    return _tables[lang]


def _open(lang: str) -> LemmaTable | None:
    folder = cache_folder() / f"simplemma-{_dictionary_stamp(lang)}-{lang}-w{WIDTH}"
    found = _read(folder)
    if found is not None:
        return found
    for old in folder.parent.glob(f"simplemma-*-{lang}-w*"):  # damaged, or of another
        shutil.rmtree(old, ignore_errors=True)                 # simplemma: build (3-4 s)
    arrays = build_arrays(lang)
    if arrays is None:
        return None
    _save(folder, {**arrays, **samples(arrays)})
    return _read(folder) or LemmaTable({n: MemoryArray(a) for n, a in arrays.items()})


def _read(folder: Path) -> LemmaTable | None:
    try:
        samples = {n: np.load(folder / f"{n}.sample.npy") for n in SORTED}
        return LemmaTable({n: DiskArray(folder / f"{n}.npy", samples.get(n)) for n in _ARRAYS})
    except (OSError, ValueError, EOFError):
        return None


def samples(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every ``DiskArray.BLOCK``-th item of the sorted arrays, saved beside them."""
    return {f"{n}.sample": arrays[n][:: DiskArray.BLOCK].copy() for n in SORTED}


def cache_folder() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("Veille", appauthor=False)) / "lemmas"


def _dictionary_stamp(lang: str) -> str:
    """Size and time of simplemma's dictionary file: a new release rebuilds the table.
    (Found without importing simplemma or ``importlib.metadata``: 40-50 ms each.)"""
    spec = importlib.util.find_spec("simplemma")
    if spec is None or not spec.submodule_search_locations:
        return "none"  # not installed: no forms beyond the rules of ``rule_forms``
    root = Path(next(iter(spec.submodule_search_locations)))
    try:
        info = (root / "strategies" / "dictionaries" / "data" / f"{lang}.plzma").stat()
    except OSError:
        return "none"
    return f"{info.st_size}-{int(info.st_mtime)}"


def _save(folder: Path, arrays: dict[str, np.ndarray]) -> None:
    """Written beside, then renamed: a reader never sees half a table. A cache folder that
    cannot be written only means the next process builds the table again."""
    tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}-{threading.get_ident()}")
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", arr)
        os.replace(tmp, folder)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def build_arrays(lang: str) -> dict[str, np.ndarray] | None:
    """The sorted arrays of simplemma's dictionary for ``lang`` (words only, lower case)."""
    try:
        from simplemma.strategies import DefaultDictionaryFactory

        entries = DefaultDictionaryFactory().get_dictionary(lang).items()
    except Exception:  # simplemma missing or without this language: rules only
        return None
    pairs = _word_pairs(entries)
    lemma_names = sorted({lem for _, lem in pairs})
    lemma_id = {lem: i for i, lem in enumerate(lemma_names)}
    forms = sorted(pairs)
    by_lemma = sorted((lemma_id[lem], form) for form, lem in forms)
    folded = sorted((fold(form), lemma_id[lem]) for form, lem in forms)
    counts = np.bincount([i for i, _ in by_lemma], minlength=len(lemma_names))
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    dtype = f"S{WIDTH}"
    return {
        "forms": _bytes([f for f, _ in forms], dtype),
        "form_lemma": np.array([lemma_id[lem] for _, lem in forms], dtype=np.int32),
        "folded": _bytes([f for f, _ in folded], dtype),
        "folded_lemma": np.array([i for _, i in folded], dtype=np.int32),
        "lemmas": _bytes(lemma_names, dtype),
        "starts": starts,
        "grouped": _bytes([f for _, f in by_lemma], dtype),
    }


def _word_pairs(entries: Iterable[tuple[str | bytes, str | bytes]]) -> list[tuple[str, str]]:
    """(form, lemma) pairs of single words, lower case; each lemma is also its own form.

    When a lower-cased form has several entries (``Marche`` the place, ``marche``), the
    lower-case entry wins."""
    chosen: dict[str, tuple[bool, str]] = {}
    for raw_form, raw_lemma in entries:
        form = raw_form.decode() if isinstance(raw_form, bytes) else raw_form
        lemma = raw_lemma.decode() if isinstance(raw_lemma, bytes) else raw_lemma
        low, lem = form.lower(), lemma.lower()
        if not (_WORD.match(low) and _WORD.match(lem)):
            continue
        if len(low.encode()) > WIDTH or len(lem.encode()) > WIDTH:
            continue
        is_lower = form == low
        if low not in chosen or (is_lower and not chosen[low][0]):
            chosen[low] = (is_lower, lem)
    pairs = {(form, lem) for form, (_, lem) in chosen.items()}
    pairs |= {(lem, lem) for _, lem in pairs if lem not in chosen}
    return sorted(pairs)


def _bytes(values: list[str], dtype: str) -> np.ndarray:
    return np.array([v.encode("utf-8") for v in values], dtype=dtype)


# What a query word becomes


def english_class(form: str, lemma: str) -> str:
    """"base" (the lemma itself), "s" (plural or third person: forces, ministers) or "v"
    (other verb forms and irregular forms: forced, running, ran, children)."""
    if form == lemma:
        return "base"
    return "s" if form.endswith("s") else "v"


def compatible(lang: str, typed: str, form: str, lemma: str) -> bool:
    """Whether ``form`` counts as a form of the typed word (same lemma assumed)."""
    if lang != "en":
        return True
    a, b = english_class(typed, lemma), english_class(form, lemma)
    return a == "base" or b == "base" or a == b


@lru_cache(maxsize=50_000)
def other_forms(word: str, lang: str) -> tuple[str, ...]:
    """The other forms (lower case, accents kept) of a lower-case word in ``lang``.

    From the dictionary when it knows the word; else the regular plural rules of
    ``rule_forms`` (names and rare words: Gazprom, jacksons).
    """
    tab = table(lang)
    ids = tab.lemma_ids(word) if tab is not None else []
    if not ids:
        return tuple(f for f in rule_forms(word, lang) if f != word)
    out: set[str] = set()
    for i in ids:
        lemma = tab.lemma(i) if tab is not None else word
        for form in tab.forms_of(i) if tab is not None else ():
            if form != word and compatible(lang, word, form, lemma):
                out.add(form)
    return tuple(sorted(out))


def rule_forms(word: str, lang: str) -> list[str]:
    """Singular and plural of a word the dictionary does not know (regular rules only)."""
    if len(word) < 4 or not word.isalpha():
        return []
    out = []
    if lang == "fr":
        if word.endswith(("s", "x")):
            out.append(word[:-1])
        else:
            out += [word + "s", word + "x"] if word.endswith(("eau", "eu")) else [word + "s"]
        if word.endswith("aux"):
            out.append(word[:-3] + "al")
        elif word.endswith("al"):
            out.append(word[:-2] + "aux")
    else:
        if word.endswith("ies"):
            out.append(word[:-3] + "y")
        elif word.endswith(("ses", "xes", "zes", "ches", "shes", "oes")):
            out += [word[:-2], word[:-1]]
        elif word.endswith("s") and not word.endswith("ss"):
            out.append(word[:-1])
        elif word.endswith("y") and word[-2:-1] not in "aeiou":
            out.append(word[:-1] + "ies")
        else:
            out += [word + "s", word + "es"] if word.endswith(("s", "x", "ch", "sh")) else \
                [word + "s"]
    return out
