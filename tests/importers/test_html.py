"""Saved web pages: decoding, metadata, main content, robustness, and quality on real pages."""

from __future__ import annotations

import gzip
import importlib.util
import json
import pickle
import quopri
from pathlib import Path

import pytest

from index.importers.html import FORMAT, extract_html, parse, sniff
from index.importers.html_decode import decode_html
from index.importers.outcome import ImportFailure
from index.models import ArticleDraft

FIXTURES = Path(__file__).parent / "fixtures" / "html"
REPO = Path(__file__).resolve().parents[2]
SHARED_PAGES = REPO / ".." / "shared" / "data" / "html-articles"


def load(name: str) -> ArticleDraft:
    return extract_html((FIXTURES / name).read_bytes(), f"/saved/{name}")


@pytest.fixture(scope="module")
def french() -> ArticleDraft:
    return load("fr_article_jsonld.html")


# --- a French news page with JSON-LD and every kind of boilerplate -----------------------


def test_french_page_metadata_comes_from_json_ld(french: ArticleDraft) -> None:
    assert french.title == "Sahel : l’Alliance des États du Sahel renforce sa coopération militaire"
    assert french.authors == ("Aminata Diallo", "Julien Moreau")
    assert french.date == "2024-03-12T08:30:00+01:00"
    assert french.source == "Le Courrier de Veille"
    assert french.url == (
        "https://courrier-veille.example/international/2024/03/12/sahel-alliance-cooperation"
    )
    assert french.lang == "fr"
    assert french.origin == "/saved/fr_article_jsonld.html"


def test_french_page_body_holds_every_article_paragraph(french: ArticleDraft) -> None:
    paragraphs = french.text.split("\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Réunis à Niamey mardi")
    assert paragraphs[1].startswith("« Nous ne dépendrons plus")
    assert "(AES)" in paragraphs[2]
    assert paragraphs[-1].endswith("depuis le début de l’année.")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "cookies",  # cookie banner
        "Tout accepter",
        "S’abonner",  # navigation menu
        "Partager",  # share buttons
        "Tweeter",
        "Publicité",  # advertisement
        "À lire aussi",  # related links
        "uranium d’Arlit",
        "Gérard75",  # comments
        "régimes militaires",
        "Votre commentaire",
        "Tous droits réservés",  # footer
        "Publié le",  # dateline
        "Par Aminata",  # byline
    ],
)
def test_french_page_body_has_no_boilerplate(french: ArticleDraft, boilerplate: str) -> None:
    assert boilerplate not in french.text


def test_title_is_not_repeated_in_body(french: ArticleDraft) -> None:
    assert french.title not in french.text


# --- an English page with only meta tags --------------------------------------------------


def test_english_page_metadata_comes_from_meta_tags() -> None:
    draft = load("en_meta_only.html")
    assert draft.title == "Harbour authority approves offshore wind terminal"
    assert draft.authors == ("Eleanor Whitby",)
    assert draft.date == "2023-11-05T14:20:00+00:00"
    assert draft.source == "The Northern Ledger"
    assert draft.url == "https://northern-ledger.example/business/harbour-wind-terminal"
    assert draft.lang == "en"
    assert draft.text.startswith("The harbour authority voted on Thursday")
    assert draft.text.endswith("a final decision by the energy regulator.")
    for noise in ("Sign in", "newsletter", "Most read", "Council tax", "Copyright", "By Eleanor"):
        assert noise not in draft.text


# --- promos inside the article container --------------------------------------------------


def test_teasers_and_closing_promos_inside_the_article_are_pruned() -> None:
    draft = load("en_inline_promos.html")
    paragraphs = draft.text.split("\n")
    assert paragraphs[0].startswith("The city council postponed on Monday")
    assert paragraphs[-1] == (
        "The transport authority did not immediately respond to a request for comment."
    )
    assert len(paragraphs) == 5
    for noise in ("Read more", "tram extension costs keep rising", "DON'T MISS", "Derby day",
                  "bus lanes", "Follow the Riverside", "newsletter", "You may also like",
                  "Cycle paths", "By Priya"):  # fmt: skip
        assert noise not in draft.text
    assert draft.authors == ("Priya Raman",)
    assert draft.date == "2024-06-03"


@pytest.mark.parametrize(
    "closing",
    [
        "The copyright office will publish its decision next year, the ministry said.",
        "Voters who did not sign up before the deadline can still register at the town hall.",
        "Follow-up talks are scheduled for October in Geneva, according to both delegations.",
        "Email remains the main way attackers reach staff, the agency warned on Friday.",
    ],
)
def test_closing_paragraphs_that_only_mention_promo_words_are_kept(closing: str) -> None:
    opening = "The negotiations resumed on Tuesday after a three-month pause in the capital. "
    page = (
        "<html><body><article><h1>Talks resume</h1>"
        + "".join(f"<p>{opening * 2}Point {i}.</p>" for i in range(3))
        + f"<p>{closing}</p></article></body></html>"
    )
    assert extract_html(page.encode(), "talks.html").text.endswith(closing)


def test_closing_lists_of_plain_text_are_kept() -> None:
    sentence = "The committee published its full findings on the regional water network. "
    page = (
        "<html><body><article><h1>Water report</h1>"
        + "".join(f"<p>{sentence * 3}Paragraph {i}.</p>" for i in range(4))
        + "<ul><li>First recommendation: replace the oldest mains before 2030.</li>"
        "<li>Second recommendation: publish leak figures every quarter.</li></ul>"
        + "</article></body></html>"
    )
    draft = extract_html(page.encode(), "report.html")
    assert "First recommendation" in draft.text
    assert "Second recommendation" in draft.text
    assert draft.text.count(sentence.strip()) == 12


def test_layout_tables_become_paragraphs_and_data_tables_keep_rows() -> None:
    fragment = (
        "<table><tr><td><p>Lettre du 3 mars : la Banque centrale européenne maintient ses "
        "taux directeurs.</p><p>Les marchés ont salué la décision dans la matinée.</p></td>"
        "</tr></table><table><tr><th>Année</th><th>Taux</th></tr><tr><td>2023</td>"
        "<td>4,5 %</td></tr></table>"
    )
    draft = extract_html(fragment.encode(), "message.eml")
    assert draft.text.split("\n") == [
        "Lettre du 3 mars : la Banque centrale européenne maintient ses taux directeurs.",
        "Les marchés ont salué la décision dans la matinée.",
        "Année | Taux",
        "2023 | 4,5 %",
    ]


# --- encodings ----------------------------------------------------------------------------


def test_cp1252_page_declaring_utf8_is_read_as_cp1252_with_a_warning() -> None:
    draft = load("cp1252_declared_utf8.html")
    assert "\ufffd" not in draft.text + draft.title
    assert draft.title == "Grève à la raffinerie de Donges : l’approvisionnement inquiète"
    assert "« ponctuelles »" in draft.text
    assert "ministère de l’Économie — la première" in draft.text
    assert any("Windows-1252" in w for w in draft.warnings)


def test_latin1_page_without_charset_is_detected() -> None:
    draft = load("latin1_no_charset.html")
    assert draft.title == "Fête de la science à Besançon"
    assert "université de Franche-Comté" in draft.text
    assert "réservation préalable auprès de l'office" in draft.text
    assert "\ufffd" not in draft.text
    assert "Agenda" not in draft.text


def test_xhtml_with_xml_declaration_in_latin1() -> None:
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr" lang="fr"><head>'
        "<title>Élection municipale à Tours</title>"
        '<meta name="author" content="Chloé Martin" /><meta name="date" content="2008-03-16" />'
        '</head><body><div id="nav"><a href="/">Accueil</a></div><div id="texte">'
        "<p>Le second tour de l'élection municipale s'est tenu dimanche à Tours, avec une "
        "participation en légère hausse par rapport au premier tour.</p><p>Les résultats "
        "définitifs seront proclamés lundi matin à l'hôtel de ville.</p></div></body></html>"
    )
    draft = extract_html(page.encode("latin-1"), "tours.xhtml")
    assert draft.title == "Élection municipale à Tours"
    assert draft.authors == ("Chloé Martin",)
    assert draft.date == "2008-03-16"
    assert draft.lang == "fr"
    assert draft.text.startswith("Le second tour de l'élection municipale")
    assert "Accueil" not in draft.text


def test_mixed_utf8_and_cp1252_keeps_both() -> None:
    data = "<meta charset='utf-8'><p>Café déjà servi ".encode() + "à l’œil".encode("cp1252")
    page = decode_html(data)
    assert "Café déjà servi à l’œil" in page.text
    assert page.warnings


def test_utf8_page_declaring_latin1_is_read_as_utf8() -> None:
    page = decode_html('<meta charset="iso-8859-1"><p>Élysée, café</p>'.encode())
    assert "Élysée, café" in page.text
    assert page.encoding == "utf-8"


def test_bom_wins_over_declaration() -> None:
    data = "\ufeff<meta charset='iso-8859-1'><p>Noël à Genève</p>".encode("utf-16-le")
    assert "Noël à Genève" in decode_html(data).text


def test_legacy_labels_are_read_as_their_browser_supersets() -> None:
    data = '<meta charset="gb2312"><p>朱镕基访问法国</p>'.encode("gbk")  # 镕 is GBK-only
    page = decode_html(data)
    assert "朱镕基访问法国" in page.text
    assert not page.warnings


def test_utf16_without_bom_is_recognised() -> None:
    data = "<html lang='fr'><body><p>Noël à Genève, l’été</p></body></html>".encode("utf-16-le")
    page = decode_html(data)
    assert "Noël à Genève, l’été" in page.text
    assert "\x00" not in page.text


def test_latin1_declared_as_iso_8859_1_reads_windows_quotes() -> None:
    data = "<meta charset=ISO-8859-1><p>l’été</p>".encode("cp1252")
    assert "l’été" in decode_html(data).text


# --- robustness -----------------------------------------------------------------------------


def test_twenty_thousand_nested_divs_import_or_fail_cleanly() -> None:
    lead = "<p>" + "Ce paragraphe introductif doit survivre à la page piégée. " * 6 + "</p>"
    data = ("<html><body>" + lead + "<div>" * 20_000 + "<p>fond</p>" + "</div>" * 20_000)
    try:
        draft = extract_html(data.encode(), "deep.html")
    except ImportFailure as failure:
        assert failure.reason
    else:
        assert "paragraphe introductif" in draft.text


def test_hostile_json_ld_is_ignored() -> None:
    page = (FIXTURES / "en_meta_only.html").read_text(encoding="utf-8")
    hostile = '<script type="application/ld+json">' + "[" * 200_000 + "</script>"
    draft = extract_html(page.replace("</head>", hostile + "</head>").encode(), "x.html")
    assert draft.authors == ("Eleanor Whitby",)
    assert draft.text.startswith("The harbour authority voted")


def test_paywalled_page_takes_the_full_json_ld_body() -> None:
    paragraphs = [
        "Le conseil municipal de Nantes a adopté lundi soir le nouveau plan de circulation.",
        "Le texte prévoit la fermeture du pont Anne-de-Bretagne aux voitures dès le printemps.",
        "Les commerçants du centre-ville demandent une période d'essai de six mois.",
        "Le maire a promis un premier bilan public avant l'été, quartier par quartier.",
    ]
    body = json.dumps({"@type": "NewsArticle", "headline": "Nantes : le plan de circulation "
                       "adopté", "articleBody": "\n".join(paragraphs)})  # fmt: skip
    page = (
        f'<html><head><script type="application/ld+json">{body}</script></head><body>'
        f"<article><p>{paragraphs[0]}</p><div class='paywall'>Article réservé aux abonnés."
        "</div></article></body></html>"
    )
    draft = extract_html(page.encode(), "nantes.html")
    assert draft.text.split("\n") == paragraphs
    assert draft.title == "Nantes : le plan de circulation adopté"


def test_truncated_page_imports_best_effort() -> None:
    data = (FIXTURES / "fr_article_jsonld.html").read_bytes()
    cut = data[: data.index(b"Selon plusieurs diplomates") + 40]
    draft = extract_html(cut, "cut.html")
    assert draft.text.startswith("Réunis à Niamey mardi")
    assert "Selon plusieurs diplomates" in draft.text
    assert draft.authors == ("Aminata Diallo", "Julien Moreau")


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"<html><head><title>Vide</title></head><body></body></html>",
     b"<html><body><nav><a href='/'>Accueil</a></nav></body></html>", b"\x00\x00\x00"],
)  # fmt: skip
def test_page_without_text_fails_with_a_plain_reason(data: bytes) -> None:
    with pytest.raises(ImportFailure) as caught:
        extract_html(data, "empty.html")
    assert caught.value.reason


def test_mhtml_web_archive_is_read() -> None:
    page = (FIXTURES / "fr_article_jsonld.html").read_bytes()
    archive = (
        b"From: <Saved by Blink>\r\nSubject: Sahel\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        b"------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        b"Content-Location: https://courrier-veille.example/x\r\n\r\n"
        + quopri.encodestring(page).replace(b"\n", b"\r\n")
        + b"\r\n------B--\r\n"
    )
    assert sniff(archive[:8192], "page.mhtml") >= 90
    mail = archive.replace(b"From: <Saved by Blink>", b"From: Marc <marc@example.org>")
    assert sniff(mail[:8192], "message.eml") <= 30  # an e-mail with inline images
    draft = extract_html(archive, "page.mhtml")
    assert draft.title.startswith("Sahel : l’Alliance")
    assert draft.text.startswith("Réunis à Niamey mardi")


def test_sniff_and_registry_entry() -> None:
    assert FORMAT.name == "html"
    assert {".html", ".htm", ".xhtml", ".shtml"} <= set(FORMAT.extensions)
    assert sniff(b"<!DOCTYPE html><html lang='fr'>", "a.txt") >= 90
    assert sniff(b"\xef\xbb\xbf\n<html>", "a") >= 90
    assert sniff(b"Just a line of text", "a.txt") == 0
    drafts = parse((FIXTURES / "en_meta_only.html").read_bytes(), "x.html")
    assert len(drafts) == 1
    assert pickle.loads(pickle.dumps(drafts[0])) == drafts[0]


# --- quality on third-party pages (extended) ----------------------------------------------


def _bench_module():
    path = REPO / "bench" / "html_extraction.py"
    spec = importlib.util.spec_from_file_location("html_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.extended
@pytest.mark.skipif(not SHARED_PAGES.is_dir(), reason="../shared/data/html-articles absent")
def test_extraction_quality_on_benchmark_pages() -> None:
    bench = _bench_module()
    truth = json.loads((SHARED_PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for key, expected in sorted(truth.items()):
        data = gzip.decompress((SHARED_PAGES / "html" / f"{key}.html.gz").read_bytes())
        draft = extract_html(data, key)
        assert draft.text.strip(), f"empty body for {key}"
        assert draft.title.strip()
        scores.append(bench.shingle_matching(expected["articleBody"], draft.text))
    assert bench.metrics(scores)["f1"] >= 0.95
