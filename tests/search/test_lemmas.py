"""The lemma tables behind word forms (index/search/lemmas.py): built from simplemma's
shipped dictionaries into a cache folder, memory-mapped, rebuilt when damaged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from index.search import lemmas


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of this module's own (each table is built once here: 3-4 s)."""
    folder = tmp_path_factory.mktemp("lemma-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(lemmas.CACHE_ENV, str(folder))
        yield folder


def test_forms_of_a_word(cache: Path) -> None:
    tmp_path = cache
    tab = lemmas._open("en")
    assert tab is not None
    built = [p for p in tmp_path.iterdir() if p.is_dir() and "-en-" in p.name]
    assert len(built) == 1 and ".tmp" not in built[0].name
    assert sorted(p.name for p in built[0].iterdir()) == sorted(
        [f"{n}.npy" for n in lemmas._ARRAYS] + [f"{n}.sample.npy" for n in lemmas.SORTED])
    for name in ("forms", "folded", "lemmas"):
        arr = np.load(built[0] / f"{name}.npy")
        assert len(arr) > 1000 and np.all(arr[:-1] <= arr[1:]), name
    [run] = tab.lemma_ids("running")
    assert tab.lemma(run) == "run"
    assert {"ran", "runs", "running", "run"} <= set(tab.forms_of(run))
    assert tab.lemma_ids("zorglubs") == []
    assert tab.lemma_ids("x" * 40) == []  # longer than the table keeps


def test_a_damaged_table_is_built_again(cache: Path) -> None:
    assert lemmas._open("en") is not None
    [folder] = [p for p in cache.iterdir() if p.is_dir() and "-en-" in p.name]
    (folder / "forms.npy").write_bytes(b"not numpy")
    tab = lemmas._open("en")
    assert tab is not None and tab.lemma_ids("ministers")
    assert np.load(folder / "forms.npy").shape == (len(tab.forms),)


def test_accents_typed_or_not(cache: Path) -> None:
    tab = lemmas._open("fr")
    assert tab is not None
    assert [tab.lemma(i) for i in tab.lemma_ids("armées")] == ["armée"]
    assert [tab.lemma(i) for i in tab.lemma_ids("armees")] == ["armée"]  # no accents typed
    assert [tab.lemma(i) for i in tab.lemma_ids("journaux")] == ["journal"]
    assert "journaliste" not in tab.forms_of(tab.lemma_ids("journal")[0])


@pytest.mark.parametrize(("typed", "form", "lemma", "ok"), [
    ("forces", "forced", "force", False),
    ("forced", "forces", "force", False),
    ("force", "forced", "force", True),
    ("forced", "force", "force", True),
    ("running", "ran", "run", True),
    ("ministers", "minister", "minister", True),
])
def test_english_nouns_and_verbs_apart(typed: str, form: str, lemma: str, ok: bool) -> None:
    assert lemmas.compatible("en", typed, form, lemma) is ok
    assert lemmas.compatible("fr", typed, form, lemma)  # French forms of a lemma all match


@pytest.mark.parametrize(("word", "lang", "forms"), [
    ("greces", "fr", ["grece"]),
    ("barwon", "fr", ["barwons"]),
    ("tonneau", "fr", ["tonneaus", "tonneaux"]),
    ("cheval", "fr", ["chevals", "chevaux"]),
    ("joblesses", "en", ["jobless", "joblesse"]),
    ("arrear", "en", ["arrears"]),
    ("armes", "en", ["arme"]),  # not "arm": -es comes off only after s, x, z, ch, sh, o
    ("boxes", "en", ["box", "boxe"]),
    ("company", "en", ["companies"]),
    ("abc", "en", []),
])
def test_rules_for_words_no_dictionary_knows(word: str, lang: str, forms: list[str]) -> None:
    assert sorted(lemmas.rule_forms(word, lang)) == sorted(forms)
