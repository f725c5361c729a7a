"""NewsML-G2, NITF and news messages through ``parse()``; the IPTC examples when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.importers import parse

NEWSML = Path(__file__).resolve().parent / "fixtures" / "newsml"


def _parse(name: str):
    path = NEWSML / name
    return parse(str(path), path.read_bytes())


def test_newsml_g2_item_with_nitf_body() -> None:
    outcome = _parse("g2_nitf_fr.xml")
    assert outcome.status == "ok", outcome.reason
    assert outcome.format == "newsml"
    (draft,) = outcome.drafts
    assert draft.title == "Tempête Ciarán : Brest et Quimper privées d'électricité"
    paragraphs = draft.text.split("\n")
    assert paragraphs[0] == (
        "Plus de 80 000 foyers du Finistère étaient privés d'électricité lundi soir, "
        "selon le gestionnaire du réseau."
    )
    assert len(paragraphs) == 3
    assert "Légende" not in draft.text  # picture captions are not article text
    assert draft.date == "2024-03-11T16:40:00+01:00"  # firstCreated
    assert draft.source == "Agence Veille Test"
    assert draft.lang == "fr"
    assert draft.authors == ("Léa Fontaine",)


def test_picture_item_is_skipped_with_its_reason() -> None:
    outcome = _parse("g2_picture.xml")
    assert outcome.status == "skipped"
    assert outcome.reason == "not a text article: picture item"
    assert outcome.drafts == ()


def test_standalone_nitf_with_html_entities_and_an_unfetched_dtd() -> None:
    outcome = _parse("nitf_en.xml")
    assert outcome.status == "ok", outcome.reason
    (draft,) = outcome.drafts
    assert draft.title == "Rail strike halts northern services"
    assert draft.date == "2024-04-12T07:15:00+01:00"
    assert draft.source == "Veille Test Wire"
    assert draft.authors == ("Tom Ashworth",)
    assert draft.lang == "en"
    assert "Commuters — many of them students étudiants" in draft.text
    assert draft.text.endswith("Talks resume on Monday.")


def test_news_message_imports_text_items_and_notes_the_others() -> None:
    outcome = _parse("message_mixed.xml")
    assert outcome.status == "ok"
    (draft,) = outcome.drafts
    assert draft.origin.endswith("message_mixed.xml#item-1")
    assert draft.title == "Harbour reopens after dredging"
    assert draft.lang == "en"
    assert "item 2 skipped: not a text article: video item" in outcome.warnings


@pytest.mark.parametrize(
    ("root", "reason"),
    [
        ("planningItem", "not a text article: planning item"),
        ("conceptItem", "not a text article: concept item"),
        ("packageItem", "not a text article: package item (it only points to other items)"),
    ],
)
def test_non_article_items_are_skipped(root: str, reason: str) -> None:
    data = f'<{root} xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"/>'.encode()
    outcome = parse("/tmp/item.xml", data)
    assert (outcome.status, outcome.reason) == ("skipped", reason)


def test_main_headline_wins_over_a_subtitle() -> None:
    data = (
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentMeta>'
        b'<headline role="hlrole:sub">Sous-titre</headline>'
        b'<headline role="hlrole:main">Titre principal</headline></contentMeta>'
        b'<contentSet><inlineXML contenttype="application/xhtml+xml">'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Un.</p><p>Deux.</p></body></html>'
        b"</inlineXML></contentSet></newsItem>"
    )
    (draft,) = parse("/tmp/roles.xml", data).drafts
    assert draft.title == "Titre principal"
    assert draft.text == "Un.\nDeux."


def test_text_item_without_content_is_skipped_not_failed() -> None:
    data = (
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><itemMeta>'
        b'<itemClass qcode="ninat:text"/></itemMeta><contentSet><inlineXML/></contentSet>'
        b"</newsItem>"
    )
    outcome = parse("/tmp/empty.xml", data)
    assert outcome.status == "skipped"
    assert "no article text" in outcome.reason


def test_old_newsml_1_item() -> None:
    data = """<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2"><NewsItem>
<NewsManagement><FirstCreated>20240502T101000+0200</FirstCreated></NewsManagement>
<NewsComponent><NewsLines><HeadLine>Grève à la SNCF : trafic perturbé</HeadLine></NewsLines>
<AdministrativeMetadata><Provider><Party FormalName="Agence Veille"/></Provider>
</AdministrativeMetadata><DescriptiveMetadata><Language FormalName="fr"/></DescriptiveMetadata>
<ContentItem><DataContent><p>Le trafic est perturbé jeudi.</p><p>Un TGV sur deux circule.</p>
</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>""".encode()
    (draft,) = parse("/tmp/newsml1.xml", data).drafts
    assert draft.title == "Grève à la SNCF : trafic perturbé"
    assert draft.text == "Le trafic est perturbé jeudi.\nUn TGV sur deux circule."
    assert (draft.date, draft.source, draft.lang) == (
        "2024-05-02T10:10:00+02:00", "Agence Veille", "fr",
    )


# The IPTC NewsML-G2 guideline listings (see ../shared/data/newsxml/SOURCE.md).
IPTC_ARTICLES = {
    "LISTING_2_NewsML-G2_Text_Document.xml": 'Fed to halt QE to avert "bubble"',
    "LISTING_22_Sports_story_in_NewsML-G2NITF.xml": "Preview: Arizona Diamondbacks",
    "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml": "Arizona Diamondbacks",
    "Receiver_View.xml": 'Fed to halt QE to avert "bubble"',
}
IPTC_SKIPS = {
    "LISTING_3_Photo_in_NewsML-G2.xml": "picture item",
    "LISTING_4_Multiple_Renditions_of_a_Video_in_NewsML-G2.xml": "video item",
    "LISTING_6_Simple_NewsML-G2_Package.xml": "package item",
    "LISTING_11_Person_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml": "concept item",
    "LISTING_17_Planning_Item_a_CCL.xml": "planning item",
    "LISTING_26_Embedded_photo_metadata_fields_mapped_to_NewsML-G2.xml": "picture item",
}


@pytest.mark.extended
def test_iptc_examples_give_articles_or_skips(shared_data: Path) -> None:
    folder = shared_data / "newsxml" / "iptc-newsml-g2"
    outcomes = {p.name: parse(str(p), p.read_bytes()) for p in sorted(folder.glob("*.xml"))}
    assert len(outcomes) >= 30
    assert not [name for name, o in outcomes.items() if o.status == "failed"]
    for name, title in IPTC_ARTICLES.items():
        outcome = outcomes[name]
        assert outcome.status == "ok", (name, outcome.reason)
        assert outcome.drafts[0].title.startswith(title)
        assert len(outcome.drafts[0].text) > 200
    for name, kind in IPTC_SKIPS.items():
        assert outcomes[name].status == "skipped"
        assert kind in outcomes[name].reason
    sports = outcomes["LISTING_22_Sports_story_in_NewsML-G2NITF.xml"].drafts[0]
    assert sports.date == "2016-10-19T11:15:00-05:00"
    assert sports.lang == "en"
