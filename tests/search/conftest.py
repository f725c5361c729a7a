"""Fixtures for the search tests: real Whoosh indexes on disk built from our own corpus.

The corpus below is a small set of French and English articles written by the team; each
exists to exercise one or more rules (noted beside it). Tests name articles by key and
turn keys into ids with the ``ids`` fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.search import IndexDoc, SearchIndex

ARTICLES: dict[str, IndexDoc] = {
    # Elision with the typographic apostrophe, accents, guillemets, entities.
    "aes": IndexDoc(
        article_id=1,
        title="L’Alliance des États du Sahel renforce sa coopération",
        text=(
            "Réunis à Ouagadougou, les ministres de l’Alliance des États du Sahel ont adopté "
            "un plan commun.\n"
            "« La sécurité de nos populations passe avant tout », a déclaré le général "
            "Assimi Goïta, qui préside la confédération.\n"
            "Le Président de la République du Niger était représenté par son ministre de la "
            "Défense."
        ),
        date="2025-08-12",
        source="Le Monde",
        lang="fr",
        authors=("Claire Martin",),
        entities=("Alliance des États du Sahel", "Assimi Goïta", "Ouagadougou"),
    ),
    # Elision with the ASCII apostrophe; plural "alliances"; author field.
    "alliances": IndexDoc(
        article_id=2,
        title="Les alliances régionales en question",
        text=(
            "Depuis l'Alliance signée l'an dernier, d'autres alliances se dessinent en Afrique "
            "de l'Ouest.\n"
            "Les diplomates s'interrogent : jusqu'où ira cette recomposition ?"
        ),
        date="2025-03-02",
        source="RFI",
        lang="fr",
        authors=("Jean Dupont",),
    ),
    # -x and -aux plurals; title-only word "olympiques".
    "jeux": IndexDoc(
        article_id=3,
        title="Jeux olympiques : la presse salue la cérémonie",
        text=(
            "Les journaux du monde entier ont salué la cérémonie d'ouverture. Sur la Seine, "
            "des bateaux ont défilé devant des milliers de spectateurs."
        ),
        date="2024-07-26",
        source="Libération",
        lang="fr",
    ),
    # Feminine form; "présidente"; exact-mode accents; the words of the phrase scattered.
    "presidente": IndexDoc(
        article_id=4,
        title="La présidente de la commission reconduite",
        text=(
            "La présidente sortante a été reconduite pour deux ans. La République avait "
            "besoin de stabilité, selon le ministre de l'Économie, qui préside le comité."
        ),
        date="2025-01-15",
        source="Le Figaro",
        lang="fr",
        authors=("Sophie Bernard",),
    ),
    # English plural, -ing form, entity "Sadio Camara".
    "ministers": IndexDoc(
        article_id=5,
        title="Defence ministers meet in Bamako",
        text=(
            "Defence ministers from the Sahel were running late on Tuesday as talks in Bamako "
            "stretched into the night.\n"
            "Sadio Camara, Mali's defence minister, said security cooperation would deepen."
        ),
        date="2025-08-20",
        source="Reuters",
        lang="en",
        entities=("Sadio Camara", "Bamako", "Mali"),
    ),
    # English singular "minister", the verb "run"; undated English article.
    "minister": IndexDoc(
        article_id=6,
        title="A minister to run the new agency",
        text=(
            "The prime minister named a former banker to run the new agency. The President "
            "of the board welcomed the choice."
        ),
        date=None,
        source="BBC",
        lang="en",
    ),
    # Russian name for fuzzy search; undated French article.
    "belousov": IndexDoc(
        article_id=7,
        title="Andreï Belousov en visite à Niamey",
        text=(
            "Le ministre russe de la Défense, Andreï Belousov, a rencontré les autorités "
            "nigériennes. Belousov a évoqué l'armée et la formation des officiers."
        ),
        date=None,
        source="Jeune Afrique",
        lang="fr",
        entities=("Andreï Belousov", "Niamey"),
    ),
    # English "security", "securities": prefix search across languages.
    "securities": IndexDoc(
        article_id=8,
        title="Securities regulators tighten rules",
        text=(
            "Regulators said the securities market needed clearer rules. Analysts were "
            "running new models."
        ),
        date="2024-11-05",
        source="Reuters",
        lang="en",
    ),
    # The exact phrase "Président de la République"; the word "armée" without elision.
    "republique": IndexDoc(
        article_id=9,
        title="Le Président de la République en visite",
        text=(
            "Le Président de la République a passé en revue une armée de volontaires. "
            "Il a salué « l’engagement » des jeunes."
        ),
        date="2025-08-30",
        source="Le Monde",
        lang="fr",
        entities=("Président de la République",),
    ),
    # A Camara who is not Sadio Camara (entity precision); accents-free spelling "Goita".
    "camara": IndexDoc(
        article_id=10,
        title="Mamadou Camara, entraîneur",
        text=(
            "Mamadou Camara prend la tête du club de Bamako. Il succède à un technicien "
            "que la presse locale surnommait Goita."
        ),
        date="2025-02-10",
        source="RFI",
        lang="fr",
        entities=("Mamadou Camara", "Bamako"),
    ),
    # A near word of "alliance" that must not match it (allié); jusqu', lorsqu', qu'.
    "allies": IndexDoc(
        article_id=11,
        title="Un allié discret",
        text=(
            "Lorsqu’Ibrahim Traoré a reçu son allié, il a promis qu’aucun accord ne serait "
            "signé jusqu’à l’automne."
        ),
        date="2025-09-01",
        source="Le Point",
        lang="fr",
        entities=("Ibrahim Traoré",),
    ),
    # HTML-sensitive characters for snippet escaping.
    "markup": IndexDoc(
        article_id=12,
        title="Markup in the news",
        text="Tags like <b>bold</b> & entities such as &amp; must stay text, says the editor.",
        date="2023-05-05",
        source="Example Wire",
        lang="en",
    ),
}



def docs() -> list[IndexDoc]:
    return list(ARTICLES.values())


@pytest.fixture(scope="session")
def articles() -> dict[str, IndexDoc]:
    return ARTICLES


@pytest.fixture(scope="session")
def ids() -> Callable[..., set[int]]:
    """Article keys -> the set of their ids."""
    def convert(*keys: str) -> set[int]:
        return {ARTICLES[k].article_id for k in keys}
    return convert


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """One read-only index of the team corpus per test module (tests must not write to it)."""
    ix = SearchIndex.create(tmp_path_factory.mktemp("search-index"))
    ix.add(docs())
    yield ix
    ix.close()


@pytest.fixture
def fresh_index(tmp_path: Path) -> Iterator[SearchIndex]:
    """An index of the corpus that a test may change."""
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add(docs())
    yield ix
    ix.close()
