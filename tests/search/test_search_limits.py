"""Bounded queries: whatever is typed or pasted, a search returns a clean result, and a
query cut by the limits says so in one line (query_syntax.parse_bounded).

Speed is measured by bench/hostile_queries.py; these tests check the bounds that make
it fast (how many words, how deep, how long) and that nothing raises on a real index.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from index.models import SearchResults
from index.search import IndexDoc, SearchIndex
from index.search.query_syntax import (
    MAX_DEPTH,
    MAX_EXPANDED,
    MAX_QUERY_CHARS,
    MAX_WORD_CHARS,
    MAX_WORDS,
    And,
    DateCond,
    Node,
    Not,
    Or,
    Phrase,
    Word,
    parse,
    parse_bounded,
    positive_leaves,
    query_notice,
)
from index.search.spelling import MAX_LEN, MAX_LOOKUPS, correct

Ids = Callable[..., set[int]]

HOSTILE = {
    "parentheses 900 deep": "(" * 900 + "alliance" + ")" * 900,
    "parentheses 1,500 deep, unclosed": "(" * 1500 + "alliance",
    "closers only": ")" * 1500 + " alliance",
    "alternating nesting": "(a OR (b AND (c OR (" * 200 + "alliance",
    "quotes 900 deep": '"«“„' * 900 + "alliance",
    "NOT 400 times": "NOT " * 400 + "alliance",
    "minus signs": "-" * 1500 + "alliance",
    "32,767-letter word": "x" * 32_767,
    "word of 32,767 accented letters": "é" * 32_767,
    "thousands of words": " ".join(f"mot{i}" for i in range(5000)),
    "1,000 unknown words": " ".join(f"zq{i:04d}xw" for i in range(1000)),
    "only operators": " ".join(["AND", "OR", "NOT", "ET", "OU", "SAUF", "&&", "||"] * 200),
    "operators and symbols": "+ - = ~ * ? : ( ) [ ] { } < > .. " * 100,
    "unbalanced quotes": '"alliance « sécurité “ Sahel',
    "unbalanced brackets": "((alliance ) sécurité ))) ( (",
    "date garbage": "date:[" * 300 + " date:{2025 TO date:>" + "9" * 1000,
    "huge slop": '"alliance sahel"~' + "9" * 1900,
    "field soup": "title:source:auteur:entity:lang:date:" * 50 + "alliance",
    "control characters": "alli\x00ance\x07 s\x1fécurité\x7f\x85 \x1b[31m",
    "lone surrogates": "alliance \ud800 sécur\udfff* lang:\udbff title:\ud800x",
    "many wildcards": " ".join(f"{c}*" for c in "abcdefghijklmnopqrstuvwxyz"),
    "many fuzzy words": " ".join(f"{w}~2" for w in ["alliance", "belousof", "sahel"] * 20),
    "exact unaccented words": " ".join(["=president", "=etat", "=securite"] * 30),
    "long fuzzy word": "a" * 90 + "~2",
    "1 MB query": "alliance (sécurité OR \"Sahel\") " * 35_000,
    "1 MB of brackets and quotes": "(" * 500_000 + '"' * 500_000,
}


def _depth(node: Node | None) -> int:
    if isinstance(node, And | Or):
        return 1 + max(_depth(i) for i in node.items)
    if isinstance(node, Not):
        return 1 + _depth(node.item)
    return 0


def _pieces(leaf: Word | Phrase) -> list[str]:
    """The words of a leaf as the engine looks them up (runs of word characters)."""
    return re.findall(r"\w+", leaf.text)


def _words(node: Node | None) -> int:
    if isinstance(node, Word | Phrase):
        return len(_pieces(node))
    if isinstance(node, And | Or):
        return sum(_words(i) for i in node.items)
    if isinstance(node, Not):
        return _words(node.item)
    return 0


@pytest.mark.parametrize("query", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_query_returns_results(corpus_index: SearchIndex, query: str) -> None:
    results = corpus_index.search(query, limit=5)
    assert isinstance(results, SearchResults)
    assert results.total == len(results.ids)
    spans = corpus_index.match_spans(query, "L’Alliance des États du Sahel et sa sécurité")
    assert all(0 <= s < e for s, e in spans)
    corpus_index.hits(query, list(results.ids[:3]))
    corpus_index.facets(query)
    node, _ = parse_bounded(query)
    assert _depth(node) <= 3 * MAX_DEPTH + 3  # And/Or/Not per level of parentheses
    assert _words(node) <= MAX_WORDS
    assert all(len(piece) <= MAX_WORD_CHARS for leaf in positive_leaves(node)
               for piece in _pieces(leaf))


def test_deep_parentheses_search_what_they_hold(corpus_index: SearchIndex) -> None:
    plain = corpus_index.search("alliance").ids
    assert plain
    for name in ("parentheses 900 deep", "parentheses 1,500 deep, unclosed", "closers only"):
        assert corpus_index.search(HOSTILE[name]).ids == plain, name
    notice = query_notice(HOSTILE["parentheses 900 deep"])
    assert notice == f"Query shortened: parentheses nested deeper than {MAX_DEPTH} are ignored."


def test_nesting_up_to_the_limit_is_kept() -> None:
    query = "(" * MAX_DEPTH + "a OR b" + ")" * MAX_DEPTH + " c"
    assert parse(query) == And((Or((Word("a"), Word("b"))), Word("c")))
    assert query_notice(query) is None


def test_stray_closer_does_not_end_the_query() -> None:
    assert parse("a ) b") == And((Word("a"), Word("b")))
    assert parse(") a (b OR c") == And((Word("a"), Or((Word("b"), Word("c")))))


def test_not_chains_keep_their_parity() -> None:
    assert parse("NOT " * 301 + "a") == Not(Word("a"))
    assert parse("NOT " * 300 + "a") == Not(Not(Word("a")))


def test_only_the_first_words_are_searched() -> None:
    words = [f"w{i}" for i in range(MAX_WORDS + 36)]
    node, notice = parse_bounded(" ".join(words))
    assert node == And(tuple(Word(w) for w in words[:MAX_WORDS]))
    assert notice == f"Query shortened: only the first {MAX_WORDS} words are searched."


def test_a_phrase_past_the_budget_is_cut_at_a_word() -> None:
    head = " ".join(f"w{i}" for i in range(MAX_WORDS - 2))
    node = parse(f'{head} "un deux trois quatre" cinq')
    assert isinstance(node, And)
    assert node.items[-1] == Phrase("un deux")
    assert _words(node) == MAX_WORDS


def test_operators_and_dates_cost_no_words() -> None:
    words = " OR ".join(f"w{i}" for i in range(MAX_WORDS))
    node, notice = parse_bounded(f"({words}) AND date:2025 NOT ( ) -")
    assert notice is None
    assert isinstance(node, And) and node.items[1] == DateCond("2025", "2025")
    assert _words(node) == MAX_WORDS


def test_long_words_are_cut() -> None:
    node, notice = parse_bounded("x" * 1500 + " sahel")
    assert node == And((Word("x" * MAX_WORD_CHARS), Word("sahel")))
    assert notice == f"Query shortened: words are cut after {MAX_WORD_CHARS} characters."
    assert parse("y" * MAX_WORD_CHARS) == Word("y" * MAX_WORD_CHARS)


def test_only_the_first_wildcard_or_fuzzy_words_are_searched() -> None:
    node, notice = parse_bounded("a* b~ c* sahel d?e f* g~2")
    assert isinstance(node, And)
    kept = [w.text for w in node.items if isinstance(w, Word)]
    assert kept == ["a*", "b", "c*", "sahel", "d?e"][: MAX_EXPANDED + 1]
    assert notice == (f"Query shortened: only the first {MAX_EXPANDED} words with * ? or ~ "
                      "are searched.")


def test_overlong_query_is_read_to_the_limit() -> None:
    node, notice = parse_bounded("sahel " + "(" * MAX_QUERY_CHARS + "alliance")
    assert node == Word("sahel")
    assert notice is not None and notice.startswith(
        f"Query shortened: only its first {MAX_QUERY_CHARS:,} characters are read; ")
    assert "parentheses" in notice


def test_several_cuts_make_one_line() -> None:
    notice = query_notice("(" * 40 + "x" * 200 + " " + " ".join(["mot"] * 100))
    assert notice is not None and "\n" not in notice
    assert notice == ("Query shortened: parentheses nested deeper than 16 are ignored; words are "
                      "cut after 100 characters; only the first 64 words are searched.")


@pytest.mark.parametrize("query", ["", "alliance", '"Président de la République"~2',
                                   "(a OR b) -c title:x date:2025", "secur* belousof~"])
def test_ordinary_queries_have_no_notice(query: str) -> None:
    assert query_notice(query) is None


def test_control_characters_and_surrogates_separate_words(corpus_index: SearchIndex) -> None:
    assert parse("sahel\x00alliance\ud800") == And((Word("sahel"), Word("alliance")))
    assert (corpus_index.search("alliance\x07\udfff").ids == corpus_index.search("alliance").ids)


def test_phrase_slop_is_capped() -> None:
    node = parse('"a b"~' + "9" * 1900)
    assert isinstance(node, Phrase) and node.slop <= 101


def test_spelling_looks_up_a_few_rare_words(corpus_index: SearchIndex) -> None:
    with corpus_index._reading() as (searcher, _):
        reader = searcher.reader()
        junk = [f"zqxw{chr(97 + i)}" for i in range(MAX_LOOKUPS)]
        leaves = [Word(w) for w in [*junk[:-1], "Belousof"]]
        assert correct(" ".join(w.text for w in leaves), leaves, reader) is not None
        leaves = [Word(w) for w in [*junk, "Belousof"]]
        assert correct(" ".join(w.text for w in leaves), leaves, reader) is None


def test_spelling_and_fuzzy_skip_very_long_words(fresh_index: SearchIndex) -> None:
    ok = "pneumonoultramicroscopiques"  # 27 letters
    long = "hippopotomonstrosesquippedaliophobies"  # 37 letters
    assert len(ok) <= MAX_LEN < len(long)
    fresh_index.add([IndexDoc(70, "Mots longs", f"{ok} {long}", lang="fr"),
                     IndexDoc(71, "Encore", f"{ok} {long}", lang="fr")])
    assert fresh_index.search(ok[:-2] + "x" + ok[-1]).corrected is not None
    assert fresh_index.search(long[:-2] + "x" + long[-1]).corrected is None
    assert fresh_index.search(ok[:-2] + "x" + ok[-1] + "~").ids == (70, 71)
    assert fresh_index.search(long[:-2] + "x" + long[-1] + "~").ids == ()
    assert fresh_index.search(long + "~").ids == (70, 71)  # searched as typed


def test_search_results_carry_the_notice(corpus_index: SearchIndex) -> None:
    results = corpus_index.search(HOSTILE["parentheses 900 deep"])
    assert results.notice == query_notice(HOSTILE["parentheses 900 deep"])
    assert corpus_index.search("alliance").notice is None
