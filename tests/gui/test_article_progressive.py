"""A long article opens at once and is shown a part at a time (issue #8, item 7).

Small ``first_chars``/``head_chars`` make a 40 KB article "long" for the view, so the
same paths a 60 MB article takes run here in milliseconds (bench/article_stall.py
measures the real sizes).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from index.models import Mention
from reader_app.style import ENTITY_COLOURS
from reader_app.views.article_html import MAX_BLOCK_CHARS, split_paragraphs
from reader_app.views.article_pane import ArticlePane
from reader_app.views.article_view import ArticleView
from tests.gui.long_articles import PEOPLE, article_from, long_article, match_spans

WAIT = 5000


def feed_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "article-feed" and t.is_alive()]


@pytest.fixture
def pane(qtbot) -> Iterator[ArticlePane]:
    pane = ArticlePane(opener=lambda _url: None)
    pane.view.first_chars, pane.view.head_chars = 2_000, 6_000
    qtbot.addWidget(pane)
    pane.resize(700, 600)
    pane.show()
    yield pane
    pane.view.wait_idle()
    assert not feed_threads(), "a worker of the article pane outlived its test"


def shown_all(view: ArticleView) -> bool:
    return not view.is_partial()


def view_char_format(view: ArticleView, offset: int) -> QTextCharFormat:
    """The format of the character at an article offset (a cursor reports the one
    before its position)."""
    position = view.doc_position(offset)
    assert position is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def test_long_article_shows_its_first_screens_at_once_then_its_head(qtbot, pane) -> None:
    view = pane.view
    article = long_article(300)
    view.show_article(article, match_spans(article))
    first = view.shown_chars()
    assert 2_000 <= first < 2_200  # drawn in the call, cut after a paragraph
    assert view.toPlainText().endswith(article.text[:first].rstrip("\n").split("\n")[-1])
    qtbot.waitUntil(lambda: view.shown_chars() >= 6_000, timeout=WAIT)
    assert view.is_partial() and not view.is_appending()
    assert pane.partial_bar.isVisible()
    assert pane.partial_bar.button.text().startswith("Show the whole article (")
    assert "showing the first" in pane.partial_bar.text.text()


def test_show_all_appends_every_paragraph_with_its_text_format_and_highlights(qtbot,
                                                                             pane) -> None:
    view = pane.view
    article = long_article(300)
    view.show_article(article, match_spans(article))
    qtbot.mouseClick(pane.partial_bar.button, Qt.MouseButton.LeftButton)
    assert view.is_appending() and pane.partial_bar.button.text() == "Stop"
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)
    assert not pane.partial_bar.isVisible()
    doc = view.document()
    pars = split_paragraphs(article.text)
    assert doc.blockCount() == 3 + len(pars)  # title, meta line, URL, then paragraphs
    head_format = doc.findBlock(view.doc_position(pars[0].start)).blockFormat()
    for par in pars:
        block = doc.findBlock(view.doc_position(par.start))
        assert block.text() == par.text
        assert block.blockFormat().bottomMargin() == head_format.bottomMargin()
        assert block.blockFormat().lineHeight() == head_format.lineHeight()
    last = article.mentions[-1]  # in the last slice appended
    fmt = view_char_format(view, last.start)
    assert fmt.background().color() == QColor(ENTITY_COLOURS[last.label][0])


def test_f3_counts_every_match_and_says_when_one_is_not_shown(qtbot, pane) -> None:
    view = pane.view
    article = long_article(300)
    spans = match_spans(article)
    view.show_article(article, spans)
    with qtbot.waitSignal(view.targetHidden) as notice:
        assert view.step_match(forward=False) == len(spans)  # the last match
    assert notice.args == [f"Match {len(spans)} of {len(spans)} is in the part not shown yet."]
    assert pane.match_label.text() == f"match {len(spans)} of {len(spans)} (not shown yet)"
    assert "not shown yet" in pane.partial_bar.text.text()
    assert not view.extraSelections()  # nothing drawn where the match is not
    scrolled = view.verticalScrollBar().value()
    view.show_all()
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)
    # once appended, the match is drawn where it is, without moving the reader
    assert pane.match_label.text() == f"match {len(spans)} of {len(spans)}"
    assert "not shown yet" not in pane.partial_bar.text.text()
    assert view.extraSelections()[-1].cursor.selectedText().lower() in ("sécurité", "security")
    assert view.verticalScrollBar().value() == scrolled
    assert view.step_match() == 1
    assert view.step_match(forward=False) == len(spans)
    assert view.extraSelections()[-1].cursor.selectedText().lower() in ("sécurité", "security")
    assert pane.match_label.text() == f"match {len(spans)} of {len(spans)}"
    assert "not shown yet" not in pane.partial_bar.text.text()


def test_entity_focus_counts_all_mentions_and_steps_into_the_rest(qtbot, pane) -> None:
    view = pane.view
    view.head_chars = 2_000  # nothing appended unasked: the 5th mention is not shown
    article = long_article(300)
    name = PEOPLE[0]
    spans = [(m.start, m.end) for m in article.mentions if m.text == name]
    view.show_article(article, match_spans(article))
    qtbot.waitUntil(view.spans_ready, timeout=WAIT)
    assert view.focus_entity("person", name) == (1, len(spans))
    assert view.extraSelections()[-1].cursor.selectedText() == name
    hidden = next(i for i, span in enumerate(spans) if not view.is_shown(span))
    notices: list[str] = []
    view.targetHidden.connect(notices.append)
    for _ in range(hidden):
        current, _ = view.focus_entity("person", name)
    assert current == hidden + 1
    assert notices[-1] == (f"Mention {hidden + 1} of {len(spans)} of {name} "
                           "is in the part not shown yet.")
    view.show_all()
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)
    view.focus_entity("place", "Mopti")  # another entity, then back: starts at 1 again
    assert view.focus_entity("person", name) == (1, len(spans))
    for _ in range(hidden):
        view.focus_entity("person", name)
    drawn = view.extraSelections()
    assert drawn[-1].cursor.selectedText() == name  # the one that was not shown, drawn now
    assert drawn[-1].cursor.selectionStart() == view.doc_position(spans[hidden][0])


def test_stop_keeps_what_is_shown_and_show_all_resumes(qtbot, pane) -> None:
    view = pane.view
    article = long_article(1200)  # ~160 KB: several slices
    view.show_article(article, match_spans(article))
    view.show_all()
    qtbot.waitUntil(lambda: view.shown_chars() > 20_000, timeout=WAIT)
    view.stop_showing()
    stopped_at = view.shown_chars()
    assert view.is_partial() and not view.is_appending()
    qtbot.wait(100)
    assert view.shown_chars() == stopped_at
    view.show_all()
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)
    pars = split_paragraphs(article.text)
    assert view.document().blockCount() == 3 + len(pars)  # nothing lost or doubled


def test_a_line_of_many_kilobytes_is_cut_into_blocks_that_still_map(qtbot, pane) -> None:
    view = pane.view
    words = [("Awa Sidibé" if i % 500 == 7 else f"mot{i}") for i in range(6_000)]
    text = " ".join(words)  # one line of ~40,000 characters, no line break
    mentions, pos = [], 0
    for word in words:
        if word == "Awa Sidibé":
            mentions.append(Mention(pos, pos + len(word), "person", word, word))
        pos += len(word) + 1
    article = article_from([text], mentions)
    view.show_article(article)
    view.show_all()
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)
    blocks = split_paragraphs(article.text)
    assert len(blocks) > 1 and all(len(b.text) <= MAX_BLOCK_CHARS for b in blocks)
    for _ in range(len(mentions)):
        view.focus_entity("person", "Awa Sidibé")
        assert view.extraSelections()[-1].cursor.selectedText() == "Awa Sidibé"


def test_offsets_survive_astral_characters_and_crlf(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    parts = ["Réunion 🌍 à Mopti 🙂 avec Awa Sidibé.", "", "Grace Adeyemi 👋 spoke in Accra."]
    text = "\r\n".join(parts)
    mentions = [Mention(text.index(n), text.index(n) + len(n), "person", n, n)
                for n in ("Awa Sidibé", "Grace Adeyemi")]
    view.show_article(article_from(parts, mentions, sep="\r\n"))
    for name in ("Awa Sidibé", "Grace Adeyemi"):
        view.focus_entity("person", name)
        assert view.extraSelections()[-1].cursor.selectedText() == name


def test_spans_out_of_order_are_drawn_again_in_order(qtbot, pane) -> None:
    view = pane.view
    article = long_article(300)
    shuffled = article_from(article.text.split("\n"), list(reversed(article.mentions)))
    view.show_article(shuffled, list(reversed(match_spans(article))))
    qtbot.waitUntil(view.spans_ready, timeout=WAIT)
    first = article.mentions[0]
    fmt = view_char_format(view, first.start)
    assert fmt.background().color() == QColor(ENTITY_COLOURS[first.label][0])
    assert view.step_match() == 1
    assert view.extraSelections()[-1].cursor.selectedText().lower() in ("sécurité", "security")


def test_a_big_document_is_swapped_out_and_freed_in_pieces(qtbot, pane) -> None:
    view = pane.view
    view.retire_chars = 10_000
    article = long_article(300)
    view.show_article(article)
    view.show_all()
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)
    old = view.document()
    with qtbot.waitSignal(old.destroyed, timeout=WAIT):
        view.show_article(long_article(10, article_id=12))
        assert view.document() is not old
        assert view.toPlainText().startswith("Sécurité des marchés")


def test_new_mentions_keep_the_whole_article_shown(qtbot, pane) -> None:
    view = pane.view
    article = long_article(300)
    view.show_article(article)
    view.show_all()
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)
    last = split_paragraphs(article.text)[-1]
    extra = Mention(last.start, last.start + 4, "other", last.text[:4], last.text[:4])
    view.update_mentions(replace(article, mentions=(*article.mentions, extra)))
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)  # asked once: stays whole
    fmt = view_char_format(view, extra.start)
    assert fmt.background().color() == QColor(ENTITY_COLOURS["other"][0])


def test_a_mention_cut_by_the_end_of_a_part_is_highlighted_on_both_sides(qtbot,
                                                                          pane) -> None:
    view = pane.view
    name = "Awa Sidibé"  # its space is the last one before the first part's end
    text = "mot " * 499 + name + " " + "mot " * 2_000
    mention = Mention(1996, 1996 + len(name), "person", name, name)
    view.show_article(article_from([text], [mention]))
    assert view.shown_chars() == 2000  # "Awa " shown, "Sidibé" not yet
    view.show_all()
    qtbot.waitUntil(lambda: shown_all(view), timeout=WAIT)
    colour = QColor(ENTITY_COLOURS["person"][0])
    assert view_char_format(view, 1996).background().color() == colour
    assert view_char_format(view, 2001).background().color() == colour
