"""RSS, Atom and JSON Feed through the public ``parse()``, plus the shared feed corpus."""

from __future__ import annotations

import io
import json
from pathlib import Path

import feedparser
import pytest

from index.importers import parse

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"


def _parse(name: str):
    path = FEEDS / name
    return parse(str(path), path.read_bytes())


def test_rss2_uses_content_encoded_and_keeps_french_typography() -> None:
    outcome = _parse("rss2_content_encoded.xml")
    assert outcome.status == "ok", outcome.reason
    assert outcome.format == "feed"
    first, second = outcome.drafts
    assert first.title == "Sécheresse : la Loire à son plus bas niveau depuis vingt ans"
    assert first.text.split("\n") == [
        "À Orléans, le débit de la Loire est tombé à moins de 40 m³/s, d’après l’agence de l’eau.",
        "Les préfets de cinq départements ont pris des arrêtés de restriction ; "
        "l’irrigation est interdite le jour.",
        "« Nous n’avions jamais vu cela en juillet », confie un marinier de Blois.",
    ]
    assert "alert" not in first.text
    assert first.url == "https://exemple.org/2024/07/secheresse-loire"
    assert first.date == "2024-07-16T08:30:00+02:00"
    assert first.source == "Le Courrier de la Veille"
    assert first.lang == "fr"
    assert first.authors == ("Camille Durand",)
    assert first.origin.endswith("rss2_content_encoded.xml#entry-1")
    assert second.origin.endswith("#entry-2")


def test_rss_entry_without_title_gets_one_from_its_html_summary() -> None:
    second = _parse("rss2_content_encoded.xml").drafts[1]
    assert "<p>" not in second.text
    assert second.title == "Brève sans titre : le conseil municipal de Tours a voté le budget."
    assert second.date == "2024-07-17T10:00:00+02:00"


def test_atom_html_title_xhtml_content_and_several_authors() -> None:
    outcome = _parse("atom_en.atom")
    assert outcome.status == "ok"
    first, second = outcome.drafts
    assert first.title == "Council approves new ferry route"
    assert first.text == (
        "The harbour council approved a ferry route linking the old pier to Gull Island.\n"
        "Service starts in June, with four crossings a day."
    )
    assert first.authors == ("Morgan Hale", "Priya Natarajan")
    assert first.date == "2024-05-01T09:15:00+00:00"  # published wins over updated
    assert first.lang == "en"
    assert first.source == "Harbour Town Gazette"
    assert second.text == "The harbour master published the summer tide tables on Thursday."
    assert second.url == "https://gazette.example/tides"


def test_json_feed_is_read_by_the_feed_importer() -> None:
    outcome = _parse("jsonfeed_fr.json")
    assert outcome.format == "jsonfeed"
    first, second = outcome.drafts
    assert first.text == (
        "La métropole de Lyon a inauguré lundi trois pistes cyclables sur les quais du Rhône.\n"
        "Les travaux ont duré huit mois."
    )
    assert first.authors == ("Inès Moreau",)
    assert first.lang == "fr"
    assert first.date == "2024-09-02T07:45:00+02:00"
    assert second.authors == ("Rédaction du Carnet",)  # falls back to the feed's authors
    assert second.title == "Le port de Marseille a accueilli un record de croisiéristes cet été."
    assert second.text.count("\n") == 1


def test_feed_without_entries_is_skipped() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Vide</title></channel></rss>'
    outcome = parse("/tmp/empty.rss", data)
    assert outcome.status == "skipped"
    assert outcome.reason == "feed has no entries"


def test_other_xml_is_not_mistaken_for_a_feed() -> None:
    data = b'<?xml version="1.0"?><urlset><url><loc>https://exemple.fr/</loc></url></urlset>'
    outcome = parse("/tmp/sitemap.xml", data)
    assert outcome.status == "skipped"
    assert outcome.reason.startswith("not a news feed")


def test_untitled_feed_is_named_after_its_site() -> None:
    data = (
        b'<rss version="2.0"><channel><link>https://www.exemple.fr/</link><item>'
        b"<title>Un</title><description>Deux trois.</description></item></channel></rss>"
    )
    assert parse("/tmp/f.rss", data).drafts[0].source == "exemple.fr"


def test_ill_formed_feed_imports_what_it_can_with_a_warning() -> None:
    data = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>Premier article</title><description>Texte complet du premier."
        b"</description></item><item><title>Second coup"
    )
    outcome = parse("/tmp/cut.xml", data)
    assert outcome.status == "ok"
    assert outcome.drafts[0].title == "Premier article"
    assert any("not well-formed" in w for w in outcome.warnings)


def test_feed_lying_about_utf8_is_read_as_windows_1252() -> None:
    data = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Écho</title>'
        "<item><title>L’hiver arrive</title><description>C’est l’été indien à Lyon.</description>"
        "</item></channel></rss>"
    ).encode("cp1252")
    outcome = parse("/tmp/lie.xml", data)
    assert outcome.status == "ok"
    assert outcome.drafts[0].title == "L’hiver arrive"
    assert outcome.drafts[0].text == "C’est l’été indien à Lyon."
    assert any("not valid UTF-8" in w for w in outcome.warnings)


def test_harmless_internal_entity_is_expanded() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [ <!ENTITY site "Veille"> ]>'
        b'<rss version="2.0"><channel><title>&site; info</title><item><title>Un</title>'
        b"<description>Texte de &site;.</description></item></channel></rss>"
    )
    outcome = parse("/tmp/entity.rss", data)
    assert outcome.status == "ok", outcome.reason
    assert outcome.drafts[0].source == "Veille info"
    assert outcome.drafts[0].text == "Texte de Veille."


# The shared corpus: feedparser's own test feeds (see ../shared/data/feeds/SOURCE.md).


def _manifest(shared_data: Path) -> list[dict]:
    lines = (shared_data / "feeds" / "manifest.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.extended
def test_every_shared_feed_yields_entries_with_titles_and_links(shared_data: Path) -> None:
    checked = 0
    for row in _manifest(shared_data):
        if row["expect_bozo"] is not False or not row["path"].endswith(".xml"):
            continue
        data = (shared_data / "feeds" / row["path"]).read_bytes()
        outcome = parse(row["path"], data)
        assert outcome.status != "failed", (row["path"], outcome.reason)
        expected = feedparser.parse(io.BytesIO(data))
        if outcome.status != "ok":
            continue
        by_number = {int(d.origin.rsplit("-", 1)[1]): d for d in outcome.drafts}
        for number, entry in enumerate(expected.entries, 1):
            draft = by_number.get(number)
            if draft is None:
                assert not (entry.get("title") or entry.get("link")), (row["path"], number)
                continue
            assert draft.title, (row["path"], number)
            if entry.get("link"):
                assert draft.url == entry["link"], (row["path"], number)
            checked += 1
    assert checked >= 150


@pytest.mark.extended
def test_ill_formed_shared_feeds_never_fail_without_a_reason(shared_data: Path) -> None:
    for row in _manifest(shared_data):
        if row["expect_bozo"] is not True:
            continue
        outcome = parse(row["path"], (shared_data / "feeds" / row["path"]).read_bytes())
        assert outcome.status in ("ok", "skipped", "failed")
        if outcome.status != "ok":
            assert outcome.reason, row["path"]
        assert not any("Traceback" in w for w in outcome.warnings)


@pytest.mark.extended
def test_shared_json_feed_example(shared_data: Path) -> None:
    path = shared_data / "feeds" / "json" / "example.json"
    outcome = parse(str(path), path.read_bytes())
    assert outcome.format == "jsonfeed"
    assert [d.url for d in outcome.drafts] == [
        "https://example.org/second-item",
        "https://example.org/initial-post",
    ]
    assert outcome.drafts[1].text == "Hello, world!"
    assert all(d.source == "My Example Feed" for d in outcome.drafts)
