"""Snippets (mark placement, escaping, fragments) and match spans for the reader."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from index.search import IndexDoc, SearchIndex
from index.search.highlight import FRAGMENT, snippet


def marked(html_text: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html_text)


def spans_text(ix: SearchIndex, query: str, text: str) -> list[str]:
    return [text[s:e] for s, e in ix.match_spans(query, text)]


def test_every_matched_word_is_marked(corpus_index: SearchIndex) -> None:
    results = corpus_index.search("bateau journal")
    assert marked(results.hits[0].snippet) == ["journaux", "bateaux"]


def test_marks_follow_analysis_elision_and_accents(corpus_index: SearchIndex) -> None:
    results = corpus_index.search("alliances securite")
    snip = results.hits[0].snippet
    assert "l’<mark>Alliance</mark>" in snip
    assert "<mark>sécurité</mark>" in snip


def test_snippet_is_escaped(corpus_index: SearchIndex) -> None:
    snip = corpus_index.search("bold").hits[0].snippet
    assert "&lt;b&gt;<mark>bold</mark>&lt;/b&gt;" in snip
    assert "&amp;amp;" in snip
    assert "<b>" not in snip


def test_title_only_match_falls_back_to_opening(corpus_index: SearchIndex,
                                                articles: dict[str, IndexDoc]) -> None:
    snip = corpus_index.search("olympiques").hits[0].snippet
    assert "<mark>" not in snip
    assert snip.startswith(articles["jeux"].text[:30])


def test_entity_only_match_falls_back_to_opening(tmp_path: Path) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(1, "Visite", "Le ministre est arrivé hier soir à la capitale.",
                     entities=("Andreï Belousov",))])
    hit = ix.search("Belousov").hits[0]
    assert hit.snippet.startswith("Le ministre est arrivé")
    ix.close()


def test_fragments_around_densest_matches_with_ellipses(corpus_index: SearchIndex) -> None:
    filler = "Lorem ipsum dolor sit amet. " * 30
    text = filler + "Le Sahel et encore le Sahel, toujours le Sahel. " + filler + "Sahel. " + filler
    snip = snippet(text, corpus_index.match_spans("Sahel", text))
    parts = snip.split("…")
    assert snip.startswith("…") and snip.endswith("…")
    assert len(marked(snip)) == 4  # the dense fragment (3) and the second one (1)
    assert all(len(p) < FRAGMENT * 2 for p in parts)
    assert len(re.sub(r"</?mark>", "", snip)) <= 2 * FRAGMENT + 80


def test_short_text_has_no_ellipsis(corpus_index: SearchIndex) -> None:
    text = "Une courte dépêche sur le Sahel."
    snip = snippet(text, corpus_index.match_spans("sahel", text))
    assert snip == "Une courte dépêche sur le <mark>Sahel</mark>."


def test_hits_builds_rows_for_arbitrary_ids(corpus_index: SearchIndex,
                                            ids: Callable[..., set[int]]) -> None:
    wanted = sorted(ids("jeux", "aes"))
    hits = corpus_index.hits("bateaux", [*wanted, 999])
    assert [h.article_id for h in hits] == wanted
    by_id = {h.article_id: h for h in hits}
    assert marked(by_id[next(iter(ids("jeux")))].snippet) == ["bateaux"]
    assert by_id[next(iter(ids("aes")))].title.startswith("L’Alliance")


def test_match_spans_same_analysis_as_search(corpus_index: SearchIndex,
                                             articles: dict[str, IndexDoc]) -> None:
    text = articles["aes"].text
    assert spans_text(corpus_index, "alliances", text) == ["Alliance"]
    assert spans_text(corpus_index, "ETATS", text) == ["États"]
    assert spans_text(corpus_index, "secur*", text) == ["sécurité"]
    assert spans_text(corpus_index, "Goita~", text) == ["Goïta"]


def test_match_spans_phrases_only_where_consecutive(corpus_index: SearchIndex,
                                                    articles: dict[str, IndexDoc]) -> None:
    text = articles["aes"].text
    assert spans_text(corpus_index, '"Président de la République"', text) == [
        "Président de la République"]
    assert spans_text(corpus_index, '"de la Défense"', text) == ["de la Défense"]


def test_match_spans_skip_negated_and_metadata_terms(corpus_index: SearchIndex,
                                                     articles: dict[str, IndexDoc]) -> None:
    text = articles["aes"].text
    assert spans_text(corpus_index, "Sahel -Goïta source:monde date:2025", text) == ["Sahel"]


def test_match_spans_exact_mode_keeps_accents(corpus_index: SearchIndex) -> None:
    text = "Le président et la President Elect."
    assert spans_text(corpus_index, "=président", text) == ["président"]
    assert spans_text(corpus_index, "=president", text) == ["President"]
    assert spans_text(corpus_index, "président", text) == ["président", "President"]


def test_match_spans_ligatures_and_phrase_with_elision(corpus_index: SearchIndex) -> None:
    text = "Le Président de la République et l’Œuvre ; Président de l’Alliance."
    assert spans_text(corpus_index, '"Président de Alliance"', text) == [
        "Président de l’Alliance"]
    assert spans_text(corpus_index, "oeuvre", text) == ["Œuvre"]


def test_match_spans_offsets_are_exact(corpus_index: SearchIndex) -> None:
    text = "« L’armée », dit-il, l'armée."
    spans = corpus_index.match_spans("armée", text)
    assert [text[s:e] for s, e in spans] == ["armée", "armée"]
    assert spans[0][0] == text.index("armée")
