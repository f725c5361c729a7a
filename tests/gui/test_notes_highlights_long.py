"""Highlights in a long article shown a part at a time, and offsets that Qt counts
differently (characters outside the BMP, CRLF): the pane maps its selection to offsets
into ``article.text`` and draws a highlight once its passage is shown."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtGui import QTextCursor

from index.models import Highlight
from reader_app.views.article_marks import highlight_colours
from reader_app.views.article_pane import ArticlePane
from reader_app.views.article_view import ArticleView
from tests.gui.long_articles import article_from, long_article

WAIT = 5000


@pytest.fixture
def pane(qtbot) -> Iterator[ArticlePane]:
    pane = ArticlePane(opener=lambda _url: None)
    pane.view.first_chars, pane.view.head_chars = 2_000, 6_000
    qtbot.addWidget(pane)
    pane.resize(700, 600)
    pane.show()
    yield pane
    pane.view.wait_idle()


def marks(view: ArticleView) -> list[str]:
    colour = highlight_colours(view.palette())[0]
    return [s.cursor.selectedText() for s in view.extraSelections()
            if s.format.background().color() == colour]


def select(view: ArticleView, start: int, end: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.doc_position(start))
    cursor.setPosition(view.doc_position(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_a_highlight_in_the_part_not_shown_is_drawn_when_it_arrives(qtbot, pane) -> None:
    view = pane.view
    article = long_article(300)
    late = article.text.rindex("Tom Hardwick")
    early = article.text.index("plan de sécurité")
    highlights = (Highlight(early, early + 16, "plan de sécurité", "", 1, ""),
                  Highlight(late, late + 12, "Tom Hardwick", "à vérifier", 2, ""))
    view.show_article(replace(article, highlights=highlights))
    assert marks(view) == ["plan de sécurité"]  # the other is not shown yet
    assert view.drawn_highlights() == 1
    assert not view.reveal((late, late + 12), "This highlight")
    assert "not shown yet" in pane.partial_bar.text.text()
    view.show_all()
    qtbot.waitUntil(lambda: not view.is_partial(), timeout=WAIT)
    assert marks(view) == ["plan de sécurité", "Tom Hardwick"]
    assert view.extraSelections()[-1].cursor.selectedText() == "Tom Hardwick"  # on top
    # a selection in the appended part maps back to the article's offsets
    select(view, late, late + 12)
    assert view.selected_span() == (late, late + 12)


def test_selection_offsets_survive_astral_characters_crlf_and_the_title(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    parts = ["Réunion 🌍 à Mopti 🙂 avec Awa Sidibé.", "", "Grace Adeyemi 👋 spoke in Accra."]
    article = article_from(parts, [], sep="\r\n")
    view.show_article(article)
    text = article.text
    for passage in ("Awa Sidibé", "spoke in Accra", "Mopti 🙂 avec"):
        start = text.index(passage)
        select(view, start, start + len(passage))
        assert view.selected_span() == (start, start + len(passage))
    # from the title down to a word: the passage starts at the text, blanks trimmed
    cursor = QTextCursor(view.document())
    cursor.setPosition(0)
    end = text.index("Mopti") + len("Mopti ")
    cursor.setPosition(view.doc_position(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() == (0, text.index("Mopti") + len("Mopti"))
    # the title alone is not article text
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() is None
    start = text.index("Grace")
    view.set_highlights([Highlight(start, start + 13, "Grace Adeyemi", "", 3, "")])
    assert marks(view) == ["Grace Adeyemi"]
