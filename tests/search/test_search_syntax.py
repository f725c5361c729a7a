"""The query parser: operators, fields, modifiers, and tolerance of broken input."""

from __future__ import annotations

import pytest

from index.search.query_syntax import And, DateCond, Not, Or, Phrase, Word, parse, plain_words


def test_default_and_of_words() -> None:
    assert parse("alliance sécurité") == And((Word("alliance"), Word("sécurité")))


def test_or_binds_looser_than_and() -> None:
    assert parse("a b OR c") == Or((And((Word("a"), Word("b"))), Word("c")))


def test_french_operators() -> None:
    assert parse("a OU b") == Or((Word("a"), Word("b")))
    assert parse("a SAUF b") == And((Word("a"), Not(Word("b"))))


def test_lowercase_operators_are_words() -> None:
    assert parse("war or peace") == And((Word("war"), Word("or"), Word("peace")))


def test_minus_plus_not_and_parentheses() -> None:
    node = parse("-a +b NOT (c OR d)")
    assert node == And((Not(Word("a")), Word("b", required=True),
                        Not(Or((Word("c"), Word("d"))))))


@pytest.mark.parametrize("text", ['"Président de la République"', "« Président de la République »",
                                  "“Président de la République”"])
def test_phrase_quotes(text: str) -> None:
    assert parse(text) == Phrase("Président de la République")


def test_phrase_slop() -> None:
    assert parse('"a b"~3') == Phrase("a b", slop=4)


def test_fields_and_aliases() -> None:
    assert parse("title:mali") == Word("mali", "title")
    assert parse("titre:mali") == Word("mali", "title")
    assert parse('source:"Le Monde"') == Phrase("Le Monde", "source")
    assert parse("-auteur:dupont") == Not(Word("dupont", "author"))


def test_unknown_field_and_times_stay_text() -> None:
    assert parse("foo:bar") == Word("foo:bar")
    assert parse("10:30") == Word("10:30")
    assert parse("http://example.org") == Word("http://example.org")


def test_exact_mode() -> None:
    assert parse("=président") == Word("président", exact=True)
    assert parse('="Président"') == Phrase("Président", exact=True)
    assert parse("title:=Élysée") == Word("Élysée", "title", exact=True)


def test_fuzzy_and_wildcards() -> None:
    assert parse("Belousof~") == Word("Belousof", fuzzy=1)
    assert parse("Belousof~2") == Word("Belousof", fuzzy=2)
    assert parse("Belousof~9") == Word("Belousof", fuzzy=2)
    assert parse("secur*").wildcard  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date:2025-08", DateCond("2025-08", "2025-08")),
        ("date:>2025-01-01", DateCond("2025-01-01", None, low_incl=False)),
        ("date:>=2025-01-01", DateCond("2025-01-01", None)),
        ("date:<2025", DateCond(None, "2025", high_incl=False)),
        ("date:<=2025", DateCond(None, "2025")),
        ("date:[2025-08-01 TO 2025-08-31]", DateCond("2025-08-01", "2025-08-31")),
        ("date:{2025-08-01 TO 2025-08-31}", DateCond("2025-08-01", "2025-08-31", False, False)),
        ("date:[* TO 2024]", DateCond(None, "2024")),
        ("date:2025-08-01..2025-08-31", DateCond("2025-08-01", "2025-08-31")),
        ("date:yesterday", DateCond(None, None, valid=False)),
    ],
)
def test_dates(text: str, expected: DateCond) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "AND", "OR NOT", "()", "-", '"', "((("])
def test_nothing_searchable(text: str) -> None:
    assert parse(text) is None


@pytest.mark.parametrize("text", ["(a b", "a b)", '"open phrase', "a AND", "NOT", "a OR OR b",
                                  "date:[2025", "title:", ")(", "~", "*"])
def test_broken_input_never_raises(text: str) -> None:
    parse(text)


def test_plain_words_only_for_simple_queries() -> None:
    assert plain_words(parse("a b")) == [Word("a"), Word("b")]
    assert plain_words(parse('a "b c"')) == [Word("a"), Phrase("b c")]
    assert plain_words(parse("a OR b")) is None
    assert plain_words(parse("a -b")) is None
    assert plain_words(parse("title:a b")) is None
    assert plain_words(parse("secur* b")) is None
