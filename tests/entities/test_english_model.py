"""Veille's own English model (index/entities/models/en_veille_news) with the rules.

Sentences written for these tests, in the forms English news use; each one was typed
wrongly by the French model read on English text (issue 11).
"""

from __future__ import annotations

import json

import pytest

from index.entities import EntityExtractor
from index.entities.extractor import ENGLISH_MODEL, installed_packages


@pytest.fixture(scope="module")
def english() -> EntityExtractor:
    return EntityExtractor()


def found(ex: EntityExtractor, text: str) -> dict[str, str]:
    return {text[m.start : m.end]: m.label for m in ex.extract(text, "en")}


def test_the_english_model_ships_with_veille_and_is_used_for_english() -> None:
    meta = json.loads((ENGLISH_MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "en" and meta["license"] == "MIT"
    assert {s["license"] for s in meta["sources"]} >= {"CC BY 4.0", "CC BY-SA 4.0"}
    assert installed_packages()["en"] == str(ENGLISH_MODEL)
    ex = EntityExtractor()
    assert ex.languages() == ["en", "fr"]
    assert not ex.low_confidence("en") and ex.low_confidence("de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rafael Nadal led Spain to victory in the Davis Cup final in Seville on Sunday, "
            "and Nadal said the team had never played better.",
            {"Rafael Nadal": "person", "Spain": "place", "Seville": "place",
             "Nadal": "person"},
        ),
        (
            "Tony Blair and Gordon Brown met union leaders in London on Tuesday.",
            {"Tony Blair": "person", "Gordon Brown": "person", "London": "place"},
        ),
        (
            "Russian Defence Minister Andrey Belousov met officials of the Alliance of "
            "Sahel States in Moscow. Belousov promised more training for their armies.",
            {"Andrey Belousov": "person", "Belousov": "person", "Moscow": "place"},
        ),
        (
            "The United Nations and the African Union urged calm, Reuters reported from "
            "Niamey.",
            {"United Nations": "organisation", "African Union": "organisation",
             "Reuters": "organisation", "Niamey": "place"},
        ),
    ],
)
def test_english_news_sentences(
    english: EntityExtractor, text: str, expected: dict[str, str]
) -> None:
    got = found(english, text)
    for name, label in expected.items():
        assert got.get(name) == label, (name, got)
    assert "Davis Cup" not in got or got["Davis Cup"] != "person"


def test_results_list_countries_stay_places(english: EntityExtractor) -> None:
    """ "Name (Country)" in results lists: the country is not the runner's short name."""
    text = ("Men's 1,500 metres: 1. Isaac Viciosa (Spain) 3:53.85 2. John Mayock "
            "(Britain) 3:54.67 3. Marcus O'Sullivan (Ireland) 3:54.87")
    got = found(english, text)
    for country in ("Spain", "Britain", "Ireland"):
        assert got.get(country) == "place", got


def test_datelines_in_capitals_and_demonyms(english: EntityExtractor) -> None:
    text = ("NIAMEY, Dec 4 (Reuters) - Rwandan and Kenyan envoys arrived in Niger's "
            "capital on Wednesday for talks with the junta.")
    got = found(english, text)
    assert got.get("NIAMEY") == "place", got
    assert "Rwandan" not in got and "Kenyan" not in got, got


def test_clubs_named_after_their_town_are_organisations(english: EntityExtractor) -> None:
    text = ("Leicestershire beat Somerset by an innings at Taunton on Friday. "
            "In the African qualifiers Mali beat Niger 2-1 in Bamako.")
    got = found(english, text)
    assert got.get("Leicestershire") == "organisation", got
    assert got.get("Somerset") == "organisation", got
    # national sides keep their country's type, and the host city stays a place
    assert got.get("Mali") == "place" and got.get("Niger") == "place", got
    assert got.get("Bamako") == "place", got


def test_a_place_beside_a_year_or_date_stays_a_place(english: EntityExtractor) -> None:
    text = "NIAMEY 4 Dec (Reuters) - The Paris 2024 Olympics ended in Paris 12 days later."
    got = found(english, text)
    assert got.get("NIAMEY") == "place" and got.get("Paris") == "place", got


def test_agencies_and_institutions_are_organisations_whatever_the_model_says(
    english: EntityExtractor,
) -> None:
    text = ("Tanjug quoted the minister. The Kremlin denied the report. "
            "Fed up with delays, Michael Bloomberg said Bloomberg would sue.")
    got = found(english, text)
    for name in ("Tanjug", "Kremlin"):
        assert got.get(name) == "organisation", got
    # not listed: "Fed" opens "Fed up", and Bloomberg is also a person's surname
    assert "Fed" not in got and got.get("Michael Bloomberg") == "person", got


def test_full_names_before_their_country_in_results_lists(english: EntityExtractor) -> None:
    text = ("Women's singles: Monica Seles (U.S.) beat Sandrine Testud (France) 6-3 6-2. "
            "Real Madrid (Spain) won again. Lake Chad (Niger) is shrinking.")
    got = found(english, text)
    assert got.get("Monica Seles") == got.get("Sandrine Testud") == "person", got
    assert got.get("U.S.") == got.get("France") == "place", got  # not their short names
    assert got.get("Real Madrid") == "organisation" and got.get("Lake Chad") == "place", got
