"""The article pane: escaping, overlapping highlights, stepping through matches and mentions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl

from index.models import Article, Mention
from reader_app.theme_colours import LIGHT
from reader_app.views.article_html import (
    article_html,
    body_html,
    cut_point,
    paragraph_html,
    split_paragraphs,
)
from reader_app.views.article_links import refusal
from reader_app.views.article_view import ArticleView
from reader_app.views.result_delegate import parse_snippet
from tests.gui.long_articles import long_article, match_spans

TEXT = (
    "Les chefs d'État de l'Alliance des États du Sahel (AES) se sont retrouvés à Niamey.\n"
    "\n"
    "Le ministre Ibrahim Maïga Souley a parlé  <de> «\u00a0souveraineté\u00a0» & d'unité.\n"
    "M. Souley a rappelé que l'AES reste unie."
)


def _mention(text: str, label: str, canonical: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Mention(start, start + len(text), label, text, canonical)  # type: ignore[arg-type]


def _article(mentions: tuple[Mention, ...] = ()) -> Article:
    return Article(
        id=7,
        title="Sommet <AES> à Niamey",
        text=TEXT,
        date="2025-07-08",
        source="Le Sahel",
        url="https://example.org/a?b=1&c=2",
        lang="fr",
        authors=("A. Diallo",),
        origin="/tmp/a.txt",
        imported_at="2025-07-09",
        mentions=mentions,
        entities_done=True,
    )


MENTIONS = (
    _mention("Alliance des États du Sahel", "organisation", "Alliance des États du Sahel"),
    _mention("AES", "organisation", "Alliance des États du Sahel"),
    _mention("Niamey", "place", "Niamey"),
    _mention("Ibrahim Maïga Souley", "person", "Ibrahim Maïga Souley"),
    _mention("Souley", "person", "Ibrahim Maïga Souley", nth=1),
    _mention("AES", "organisation", "Alliance des États du Sahel", nth=1),
)


def test_paragraph_offsets_skip_blank_lines() -> None:
    pars = split_paragraphs(TEXT)
    assert len(pars) == 3
    for par in pars:
        assert TEXT[par.start : par.end] == par.text


def test_html_is_escaped_and_overlaps_are_cut() -> None:
    html = article_html(_article(MENTIONS), [(TEXT.index("Sahel"), TEXT.index("Sahel") + 5)])
    assert "Sommet &lt;AES&gt;" in html
    assert "&lt;de&gt;" in html and "&amp; d'unité" in html
    assert "b=1&amp;c=2" in html
    par = split_paragraphs(TEXT)[0]
    piece = paragraph_html(par, MENTIONS, [(TEXT.index("Sahel"), TEXT.index("Sahel") + 5)])
    # "Sahel" is both inside the organisation and a match: bold match over entity colour
    strong = LIGHT["organisation_strong"]  # the light theme's (reader_app/theme_colours.py)
    assert f"font-weight:600; color:{strong}" in piece and ">Sahel</span>" in piece


def test_view_maps_offsets_and_steps_through_matches(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    spans = [(m.start, m.end) for m in MENTIONS if m.text == "AES"]
    with qtbot.waitSignal(view.matchChanged) as blocker:
        view.show_article(_article(MENTIONS), spans)
    assert blocker.args == [0, 2]
    doc = view.document()
    # every paragraph keeps its exact text (double space, no-break spaces included)
    for par in split_paragraphs(TEXT):
        pos = view.doc_position(par.start)
        assert pos is not None
        assert doc.findBlock(pos).text() == par.text
    assert view.step_match() == 1
    assert view.step_match() == 2
    assert view.step_match() == 1  # wraps
    assert view.step_match(forward=False) == 2
    selections = view.extraSelections()
    assert selections[-1].cursor.selectedText() == "AES"
    assert "Sommet <AES> à Niamey" in view.toPlainText()


def test_entity_focus_highlights_all_mentions_then_steps(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.show_article(_article(MENTIONS))
    assert view.focus_entity("person", "Ibrahim Maïga Souley") == (1, 2)
    selections = view.extraSelections()
    selected = [s.cursor.selectedText() for s in selections]
    assert selected[:2] == ["Ibrahim Maïga Souley", "Souley"]
    assert selected[-1] == "Ibrahim Maïga Souley"  # the current one, drawn last
    assert view.focus_entity("person", "Ibrahim Maïga Souley") == (2, 2)
    selections = view.extraSelections()
    assert selections[-1].cursor.selectedText() == "Souley"
    assert view.focus_entity("organisation", "Alliance des États du Sahel") == (1, 3)
    assert view.focus_entity("place", "Nowhere") == (0, 0)


@pytest.mark.parametrize(
    ("snippet", "plain", "marks"),
    [
        (
            "la <mark>sécurité</mark> au <mark>Sahel</mark>",
            "la sécurité au Sahel",
            [(3, 8), (15, 5)],
        ),
        ("&lt;b&gt; <mark>A&amp;B</mark>", "<b> A&B", [(4, 3)]),
        ("  un\n<mark>deux</mark>  trois", "un deux trois", [(3, 4)]),
    ],
)
def test_snippet_parsing(snippet: str, plain: str, marks: list[tuple[int, int]]) -> None:
    text, got = parse_snippet(snippet)
    assert text == plain
    assert got == marks
    for start, length in got:
        assert text[start : start + length] in ("sécurité", "Sahel", "A&B", "deux")


def test_article_dates_are_shown_readably() -> None:
    from PySide6.QtCore import QLocale

    from reader_app.views.article_html import display_date

    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert display_date("2025-10-02T09:30:00+02:00", us) == "October 2, 2025 at 9:30\u202fAM"
    assert display_date("2025-10-02T00:00:00", us) == "October 2, 2025"
    assert display_date("2025-10-02", QLocale(QLocale.Language.French)) == "2 octobre 2025"
    assert display_date(None) == ""


def test_html_built_a_slice_at_a_time_is_the_html_built_whole() -> None:
    article = long_article(200)
    spans = match_spans(article)
    whole = body_html(split_paragraphs(article.text), article.mentions, spans)
    parts, pos = [], 0
    while pos < len(article.text):
        end = cut_point(article.text, pos + 1_500)
        parts.append(body_html(split_paragraphs(article.text, pos, end), article.mentions, spans))
        pos = end
    assert len(parts) > 10
    assert "".join(parts) == whole
    assert whole.count('title="Person: ') == sum(m.label == "person" for m in article.mentions)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/x", True),
        ("mailto:a@example.org", True),
        ("file:///etc/passwd", False),
        ("javascript:void(0)", False),
        ("page.html", False),
        ("https:///no-host", False),
    ],
)
def test_link_rule(url: str, allowed: bool) -> None:
    assert (refusal(QUrl(url)) is None) is allowed
