"""Guards on turning a parsed query into a Whoosh query (index/search/query_build.py),
each pinned by a test that fails when one line changes (docs/mutation-testing.md).

A real Whoosh index on disk of three small articles; queries are built against its
reader and compared with the Whoosh query they must give (fields, boosts, slops, which
stem variants and where they count), then run to check what they find.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq

from index.search import IndexDoc, SearchIndex
from index.search import query_build as qb
from index.search.query_build import (
    QueryBuilder,
    date_query,
    drop_stopwords,
    near_terms,
    wildcard_pattern,
)
from index.search.query_syntax import And, DateCond, Everything, Not, Or, Phrase, Word, parse

T, P = wq.Term, wq.Phrase
STEM_TITLE = 3.0 * 0.4

DOCS = [
    IndexDoc(1, "La sécurité au Sahel",
             "La sécurité des frontières reste sécuritaire. Les alliances se font.",
             date="2025-08-12", source="Le Monde", lang="fr", authors=("Claire Martin",),
             entities=("Alliance des États du Sahel", "Assimi Goïta")),
    IndexDoc(2, "Securities markets",
             "Securities trading and security concerns. The secure alliance.",
             date="2025-03-02", source="BBC News", lang="en", authors=("John Smith",)),
    IndexDoc(3, "Alliances régionales", "Une alliance, des alliances, allié et alliés.",
             date="2024-07-26", source="RFI", lang="fr"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    ix = SearchIndex.create(tmp_path_factory.mktemp("qb") / "ix")
    ix.add(DOCS)
    yield ix
    ix.close()


@pytest.fixture
def reader(index: SearchIndex) -> Iterator[object]:
    with index._reading() as (searcher, _table):
        yield searcher.reader()


@pytest.fixture
def build(reader: object) -> Callable[[str], wq.Query]:
    return lambda text: QueryBuilder(reader, {}).build(parse(text))  # type: ignore[arg-type]


def _word3(f: str) -> list[wq.Query]:
    return [T("title", f, boost=3.0), T("body", f), T("entw", f, boost=0.5)]


def _accented(term: str) -> list[wq.Query]:
    """The accented form as typed, a bonus beside the folded form (issue 12)."""
    return [T("title", term, boost=3.0), T("body", term)]


def _in(*langs: str) -> wq.Query:
    """Articles of these languages or of unknown language: where other forms count."""
    return wq.Or([*(T("lang", lang) for lang in langs), T("lang", "")])


def _found(index: SearchIndex, query: str) -> set[int]:
    return set(index.search(query, limit=10).ids)


# -- words -----------------------------------------------------------------------------


def test_a_word_in_title_body_entities_and_its_stem_variants(build: Callable) -> None:
    # Other forms of the word's lemma (issue 12: lemmas, not stems), where each language's
    # dictionary gives them; a word typed with accents looks for accented forms as written.
    assert build("alliance") == wq.Or([
        *_word3("alliance"),
        wq.And([wq.Or([T("title", "alliances", boost=STEM_TITLE),
                       T("body", "alliances", boost=0.4)]), _in("fr", "en")]),
    ])
    assert build("alliés") == wq.Or([
        *_word3("allies"), *_accented("=alliés"),
        wq.And([wq.Or([T("title", "=allié", boost=STEM_TITLE),
                       T("body", "=allié", boost=0.4)]), _in("fr")]),
    ])


def test_a_variant_of_one_language_never_counts_in_the_other(build: Callable) -> None:
    # "securities" shares a stem with "sécurité", not a lemma; "security" is an English
    # form of "securities", searched in English articles (and those of unknown language).
    assert build("sécurité") == wq.Or([*_word3("securite"), *_accented("=sécurité")])
    assert build("securities") == wq.Or([
        *_word3("securities"),
        wq.And([wq.Or([T("title", "security", boost=STEM_TITLE),
                       T("body", "security", boost=0.4)]), _in("en")]),
    ])


def test_what_is_never_expanded_to_variants(build: Callable) -> None:
    for word in ("la", "ab", "a1b2"):  # stop word, short, not letters
        assert build(word) == wq.Or(_word3(word)), word
    for word in ("les", "des"):  # stop words whose other forms ("la", "une") are indexed
        assert build(word) == wq.Or(_word3(word)), word
    assert build("écoles") == wq.Or([*_word3("ecoles"), *_accented("=écoles")])  # no form


def test_variants_are_cached_per_reader_generation(reader: object) -> None:
    cache: dict[object, object] = {}
    builder = QueryBuilder(reader, cache)  # type: ignore[arg-type]
    first = builder.variants("alliance")
    assert first == [(("alliances",), ("fr", "en"))]
    assert cache[("forms", "alliance")] == first
    cache[("forms", "alliance")] = [(("planted",), ("en",))]
    assert QueryBuilder(reader, cache).variants("alliance") == [(("planted",), ("en",))]
    assert QueryBuilder(reader).cache == {}  # type: ignore[arg-type]


def test_a_word_typed_without_accents_looks_for_folded_forms(reader: object) -> None:
    # Typed without accents, the forms count folded: "sécurité" folds to the word itself,
    # so "securite" has no variant (the exact "=sécurité" of article 1 is not one).
    builder = QueryBuilder(reader)  # type: ignore[arg-type]
    assert builder.variants("securite") == []
    assert builder.variants("allies") == [(("allie",), ("fr",))]


def test_a_title_word_a_source_and_an_author(build: Callable) -> None:
    assert build("title:alliances") == wq.Or([
        T("title", "alliances", boost=3.0),
        wq.And([T("title", "alliance", boost=STEM_TITLE), _in("fr", "en")])])
    assert build("author:Martin") == T("author", "martin")
    assert build("source:Monde") == T("source", "monde")
    assert build("lang:FR") == T("lang", "fr")
    assert build('lang:"EN "') == T("lang", "en")


def test_exact_words_keep_their_accents(build: Callable, reader: object) -> None:
    assert build("=sécurité") == wq.Or([T("title", "=sécurité", boost=3.0),
                                        T("body", "=sécurité")])
    builder = QueryBuilder(reader)  # type: ignore[arg-type]
    assert builder.build(parse("=secure")) == wq.Or([T("title", "secure", boost=3.0),
                                                     T("body", "secure")])
    assert builder.literal == {"secure"}  # checked later against the accents of the text
    assert build("title:=sécurité") == T("title", "=sécurité", boost=3.0)


def test_a_word_of_several_pieces_is_a_phrase(build: Callable) -> None:
    assert build("États-Unis") == wq.Or([
        P("title", ["etats", "unis"], boost=3.0), P("body", ["etats", "unis"]),
        P("entw", ["etats", "unis"], boost=0.5)])
    assert build("title:États-Unis") == P("title", ["etats", "unis"], boost=3.0)


def test_a_word_with_no_letters_is_nothing(build: Callable) -> None:
    assert build("---") is wq.NullQuery
    assert build('"..."') is wq.NullQuery


def test_entity_search(build: Callable) -> None:
    assert build('entity:"Assimi Goïta"') == wq.Or([
        T("entity", "assimi goita"), P("entw", ["assimi", "goita"])])
    assert build("entity:Sahel") == wq.Or([T("entity", "sahel"), T("entw", "sahel")])
    assert build('entity:"..."') is wq.NullQuery
    assert QueryBuilder.entity_term("Assimi  GOÏTA") == T("entity", "assimi goita")


# -- phrases ---------------------------------------------------------------------------


def test_phrases_in_title_body_entities_with_their_slop(build: Callable) -> None:
    assert build('"la sécurité"') == wq.Or([
        P("title", ["la", "securite"], boost=3.0), P("body", ["la", "securite"]),
        P("entw", ["la", "securite"], boost=0.5)])
    assert build('"la sécurité"~3') == wq.Or([
        P("title", ["la", "securite"], slop=4, boost=3.0),
        P("body", ["la", "securite"], slop=4),
        P("entw", ["la", "securite"], slop=4, boost=0.5)])
    assert build('title:"la sécurité"~3') == P("title", ["la", "securite"], slop=4, boost=3.0)
    assert build('="la sécurité"') == wq.Or([
        P("title", ["la", "=sécurité"], boost=3.0), P("body", ["la", "=sécurité"])])
    assert build('"sécurité"') == wq.Or([
        T("title", "securite", boost=3.0), T("body", "securite"),
        T("entw", "securite", boost=0.5)])


def test_phrases_in_other_fields(build: Callable) -> None:
    assert build('source:"Le Monde"') == P("source", ["le", "monde"])
    assert build('author:"Claire Martin"~2') == P("author", ["claire", "martin"], slop=3)
    assert build('lang:"fr"') == T("lang", "fr")
    assert build('entity:"Alliance des États"') == wq.Or([
        T("entity", "alliance des etats"), P("entw", ["alliance", "des", "etats"])])


# -- wildcards and fuzzy words ----------------------------------------------------------


def test_wildcards_expand_to_the_index_terms(build: Callable) -> None:
    assert build("secu*") == wq.Or([
        T("title", "securite", boost=3.0), T("title", "securities", boost=3.0),
        T("body", "secure"), T("body", "securitaire"), T("body", "securite"),
        T("body", "securities"), T("body", "security")])
    assert build("s?curit*") == wq.Or([
        T("title", "securite", boost=3.0), T("title", "securities", boost=3.0),
        T("body", "securitaire"), T("body", "securite"), T("body", "securities"),
        T("body", "security")])
    assert build("title:sécu*") == wq.Or([T("title", "securite", boost=3.0),
                                          T("title", "securities", boost=3.0)])
    assert build("author:mart*") == T("author", "martin")
    assert build("source:mon*") == T("source", "monde")
    assert build("=sécu*") == wq.Or([T("title", "=sécurité", boost=3.0),
                                     T("body", "=sécuritaire"), T("body", "=sécurité")])
    assert build("xyzzy*") is wq.NullQuery
    assert build("**") is wq.NullQuery
    assert build("l'alliance*") == wq.Or([T("title", "alliances", boost=3.0),
                                          T("body", "alliance"), T("body", "alliances")])


def test_wildcard_pattern() -> None:
    assert wildcard_pattern(Word("Sécu*")) == "secu*"
    assert wildcard_pattern(Word("Sécu*", exact=True)) == "sécu*"
    assert wildcard_pattern(Word("  L’Alliance* ")) == "alliance*"
    assert wildcard_pattern(Word("jusqu'au*")) == "au*"
    assert wildcard_pattern(Word("QU'il*")) == "il*"
    assert wildcard_pattern(Word("*?ecu*")) == "ecu*"
    assert wildcard_pattern(Word("l'")) == "l'"  # no word after the apostrophe: kept
    assert wildcard_pattern(Word("dans*")) == "dans*"  # not an elision: d without '


def test_expansion_keeps_the_most_frequent_terms(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    docs = [IndexDoc(n, f"t{n}", " ".join(f"mot{k}" for k in range(n % 7 + 1)), lang="fr")
            for n in range(1, 71)]
    ix.add(docs[:35])
    ix.add(docs[35:])  # two segments: frequencies are summed across them
    with ix._reading() as (searcher, _t):
        builder = QueryBuilder(searcher.reader())
        assert builder._prefix_df("body", "mot") == {f"mot{k}": 70 - 10 * k for k in range(7)}
        assert builder.expand("body", "mot*") == [f"mot{k}" for k in range(7)]
        assert builder.expand("body", "mot?") == [f"mot{k}" for k in range(7)]
        assert builder._most_frequent("body", ["mot3", "mot0", "mot6"]) == [
            "mot0", "mot3", "mot6"]
        assert builder._most_frequent("body", ["mot3", "mot0"], {"mot3": 5, "mot0": 1}) == [
            "mot3", "mot0"]
        assert builder._most_frequent("body", ["mot0", "mot3"], {"mot3": 5, "mot0": 1}) == [
            "mot3", "mot0"]
        # a term missing from the frequencies counts as 0, in the ranking and the budget
        assert builder._most_frequent("body", ["a", "c", "b"], {"a": 0, "b": 60_000}) == [
            "b", "a", "c"]
        assert builder._most_frequent("body", ["mot5"]) == ["mot5"]
        assert builder._most_frequent("body", []) == []
        monkeypatch.setattr(qb, "MAX_EXPANSION", 3)
        assert builder.expand("body", "mot*") == ["mot0", "mot1", "mot2"]
        assert builder.expand("body", "m?t*") == ["mot0", "mot1", "mot2"]  # infix: asks freqs
        monkeypatch.setattr(qb, "MAX_EXPANSION", 64)
        monkeypatch.setattr(qb, "POSTINGS_BUDGET", 130)  # 70 + 60 = 130: two fit, not three
        assert builder.expand("body", "mot*") == ["mot0", "mot1"]
        monkeypatch.setattr(qb, "POSTINGS_BUDGET", 10)  # the first term always stays
        assert builder.expand("body", "mot*") == ["mot0"]
    ix.close()


def test_prefix_frequencies_are_cached_and_ties_sorted(tmp_path: Path) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add([IndexDoc(1, "t", "pb", lang="fr")])
    ix.add([IndexDoc(2, "t", "pa", lang="fr")])  # a later segment brings the first term
    ix.add([IndexDoc(3, "t", "мир", lang="ru")])
    with ix._reading() as (searcher, _t):
        cache: dict[object, object] = {}
        builder = QueryBuilder(searcher.reader(), cache)
        assert builder.expand("body", "p*") == ["pa", "pb"]  # equal counts: in term order
        assert cache[("body", "p")] == {"pb": 1, "pa": 1}
        cache[("body", "q")] = {"planted": 9}
        assert builder._prefix_df("body", "q") == {"planted": 9}
        assert builder.expand("body", "q*") == ["planted"]
        # a folded word that is not ASCII (Cyrillic) is searched folded, not exact
        assert builder.wildcard(Word("ми*")) == T("body", "мир")
    ix.close()


def _parts(q: wq.Query) -> set[wq.Query]:
    """The subqueries of an Or, in any order (fuzzy terms come from a set)."""
    assert isinstance(q, wq.Or), q
    return set(q.subqueries)


def test_fuzzy_words_share_the_first_letter(build: Callable, reader: object) -> None:
    assert _parts(build("securiti~")) == {T("title", "securite", boost=3.0),
                                          T("body", "security"), T("body", "securite")}
    assert build("secur~2") == T("body", "secure")
    assert build("author:smit~") == T("author", "smith")
    assert build("source:mond~") == T("source", "monde")
    assert build("title:securiti~") == T("title", "securite", boost=3.0)
    assert build("zzzzz~") is wq.NullQuery
    assert near_terms(reader, "body", "ecurity", 1) == set()  # type: ignore[arg-type]
    assert near_terms(reader, "body", "sxcurity", 1) == {"security"}  # type: ignore[arg-type]
    assert near_terms(reader, "body", "security", 1) == {  # type: ignore[arg-type]
        "security", "securite"}
    assert near_terms(reader, "body", "security", 0) == {"security"}  # type: ignore[arg-type]
    long = "s" + "e" * 40
    assert build(long + "~") == wq.Or(_word3(long))  # too long to be worth the automaton
    assert build("s" + "e" * 31 + "~") is wq.NullQuery  # 32 letters: still fuzzy


def test_fuzzy_matches_folded_forms(build: Callable) -> None:
    assert _parts(build("sécuritx~")) == {T("title", "securite", boost=3.0),
                                          T("body", "security"), T("body", "securite")}


# -- boolean structure ------------------------------------------------------------------


def test_and_or_not(build: Callable) -> None:
    sahel, rfi = wq.Or(_word3("sahel")), wq.Or(_word3("rfi"))
    assert build("") == wq.Every()
    assert build("*") == wq.Every()
    assert build("sahel rfi") == wq.And([sahel, rfi])
    assert build("sahel OR rfi") == wq.Or([sahel, rfi])
    assert build("sahel -rfi") == wq.AndNot(sahel, rfi)
    assert build("sahel -rfi -la") == wq.AndNot(sahel, wq.Or([rfi, wq.Or(_word3("la"))]))
    assert build("-sahel") == wq.AndNot(wq.Every(), sahel)
    assert build("NOT sahel") == wq.AndNot(wq.Every(), sahel)
    assert build("lang:fr sahel") == wq.And([T("lang", "fr"), sahel])
    assert build("(sahel OR rfi) xyzzy*") == wq.And([wq.Or([sahel, rfi]), wq.NullQuery])


def test_stop_words_are_dropped_only_beside_other_words(build: Callable) -> None:
    sahel = wq.Or(_word3("sahel"))
    assert build("la sahel") == sahel
    assert build("la le") == wq.And([wq.Or(_word3("la")), wq.Or(_word3("le"))])
    assert build("+la sahel") == wq.And([wq.Or(_word3("la")), sahel])
    assert build("la -sahel") == wq.AndNot(wq.Or(_word3("la")), sahel)
    assert build("NOT la") == wq.AndNot(wq.Every(), wq.Or(_word3("la")))


def test_drop_stopwords_keeps_what_was_asked_for() -> None:
    sahel = Word("sahel")
    kept = [Word("la", required=True), Word("la", "title"), Word("la*"), Word("la", fuzzy=1)]
    assert list(drop_stopwords([Word("La"), sahel, Word("les")])) == [sahel]
    assert list(drop_stopwords([*kept, sahel])) == [*kept, sahel]
    only_stop = [Word("la"), Word("the")]
    assert list(drop_stopwords(only_stop)) == only_stop
    negated = [Word("la"), Not(sahel)]
    assert list(drop_stopwords(negated)) == negated  # a NOT alone does not count


def test_empty_branches_are_left_out(reader: object) -> None:
    builder = QueryBuilder(reader)  # type: ignore[arg-type]
    nothing = Word("---")
    assert builder._node(nothing) is None
    assert builder._node(Not(nothing)) is None
    assert builder._node(Or((nothing, nothing))) is None
    assert builder._node(Or((nothing, Word("sahel")))) == wq.Or([wq.Or(_word3("sahel"))])
    assert builder._node(And((nothing, Not(nothing)))) is None
    assert builder._node(And((Not(Word("sahel")),))) == wq.AndNot(
        wq.Every(), wq.Or(_word3("sahel")))
    assert builder._node(And((Word("sahel"), Not(nothing)))) == wq.Or(_word3("sahel"))
    assert builder._node(Everything()) == wq.Every()
    assert builder.build(None) == wq.Every()
    assert builder.build(And((nothing,))) is wq.NullQuery
    assert builder.phrase(Phrase("...")) is None


# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "low", "high"), [
    ("date:2025", 20250000, 20259999),
    ("date:2025-03-02", 20250302, 20250302),
    ("date:>2025-03-02", 20250303, None),
    ("date:>=2025-03-02", 20250302, None),
    ("date:<2025-03-02", None, 20250301),
    ("date:<=2025-03", None, 20250399),
    ("date:[2024 TO 2025-03]", 20240000, 20250399),
    ("date:{2024 TO 2025-03}", 20250000, 20250299),
    ("date:2024..", 20240000, None),
])
def test_date_ranges(build: Callable, text: str, low: int | None, high: int | None) -> None:
    assert build(text) == wq.NumericRange("day", low, high)


def test_invalid_dates_match_nothing(build: Callable) -> None:
    assert build("date:bogus") is wq.NullQuery
    assert date_query(DateCond(None, None, valid=False)) is wq.NullQuery
    assert date_query(DateCond(None, None)) == wq.NumericRange("day", None, None)


def test_states_without_a_library_match_nothing(build: Callable) -> None:
    assert build("is:read") is wq.NullQuery
    assert build("tag:sahel") is wq.NullQuery


def test_words_of_notes_count_as_matches(reader: object) -> None:
    calls: list[tuple[str, str]] = []

    def lookup(kind: str, value: str) -> np.ndarray:
        calls.append((kind, value))
        return np.array([2] if value.casefold() == "sahel" else [], dtype=np.int64)

    builder = QueryBuilder(reader, state=lookup)  # type: ignore[arg-type]
    built = builder.build(parse("Sahel"))
    assert isinstance(built, wq.Or) and built.subqueries[0] == wq.Or(_word3("sahel"))
    assert len(built.subqueries) == 2
    assert builder.build(parse("frontières")) == wq.Or([*_word3("frontieres"),
                                                        *_accented("=frontières")])
    assert builder.build(parse("title:sahel")) == T("title", "sahel", boost=3.0)
    assert calls == [("noteword", "Sahel"), ("noteword", "frontières")]


# -- what the queries find --------------------------------------------------------------


def test_the_form_typed_ranks_first_and_languages_stay_apart(index: SearchIndex) -> None:
    assert _found(index, "sécurité") == {1}  # "securities" of an English article: no
    assert _found(index, "security") == {2}
    assert _found(index, "alliances") == {1, 2, 3}
    assert index.search("alliances").ids[0] in (1, 3)
    assert index.search("sahel").ids[0] == 1
    assert _found(index, "=sécurité") == {1}
    assert _found(index, "=securite") == set()  # no unaccented "securite" in the text
    assert _found(index, "title:alliances") == {3}
    assert _found(index, "secu*") == {1, 2}
    assert _found(index, "date:2025") == {1, 2}
    assert _found(index, "date:<2025-03-02") == {3}
    assert _found(index, 'entity:"Assimi Goïta"') == {1}
    assert _found(index, "source:rfi") == {3}
    assert _found(index, "-sahel") == {2, 3}
