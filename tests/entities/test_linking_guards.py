"""Guards on which spans of one article name the same thing (index/entities/linking.py),
each pinned by a test that fails when one line changes (docs/mutation-testing.md).

The linking functions are fed candidates directly (no spaCy), so every case states
exactly which spans it links; a small gazetteer is built in the test.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from index.entities.gazetteer import Gazetteer
from index.entities.linking import (
    UnionFind,
    add_parenthesised_acronyms,
    initials_match,
    is_acronym,
    is_short_form,
    link_acronyms,
    link_same_names,
    link_surnames,
    nearest,
    surname_forms,
)
from index.entities.spans import Candidate


def _cands(text: str, *spans: tuple[str, str] | tuple[str, str, int],
           voted: bool = True) -> list[Candidate]:
    """Candidates over ``text``: (words, label[, which occurrence]) in text order."""
    out = []
    for spec in spans:
        name, label = spec[0], spec[1]
        nth = spec[2] if len(spec) == 3 else 0  # type: ignore[misc]
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        out.append(Candidate(start, start + len(name), label, voted))  # type: ignore[arg-type]
    return sorted(out, key=lambda c: c.start)


def _groups(text: str, cands: Sequence[Candidate], uf: UnionFind) -> list[list[str]]:
    by_root: dict[int, list[str]] = {}
    for i, c in enumerate(cands):
        by_root.setdefault(uf.find(i), []).append(text[c.start:c.end])
    return sorted(g for g in by_root.values() if len(g) > 1)


# -- union-find --------------------------------------------------------------------------


def test_union_find_keeps_the_smallest_index_as_root() -> None:
    uf = UnionFind(6)
    assert uf.parent == [0, 1, 2, 3, 4, 5]
    uf.union(4, 2)
    assert uf.parent[4] == 2 and uf.find(4) == 2
    uf.union(1, 4)
    assert uf.find(4) == 1 and uf.find(2) == 1 and uf.parent[2] == 1
    uf.union(2, 4)  # already together: nothing changes
    assert [uf.find(i) for i in range(6)] == [0, 1, 1, 3, 1, 5]
    uf.union(5, 3)
    uf.union(3, 0)
    assert [uf.find(i) for i in range(6)] == [0, 1, 1, 0, 1, 0]


def test_union_find_follows_long_chains() -> None:
    uf = UnionFind(5)
    uf.parent = [0, 0, 1, 2, 3]  # a chain 4 -> 3 -> 2 -> 1 -> 0
    assert uf.find(4) == 0
    assert all(uf.find(i) == 0 for i in range(5))
    assert uf.parent[4] in (0, 1, 2)  # the walk shortened the path


# -- name shapes -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("AES", True), ("UN", True), ("U.S.", True), ("É.-U.", True), ("AT&T", True),
    ("ABCDEFGHIJ", True), ("ABCDEFGHIJK", False), ("A", False), ("G7", False),
    ("G20", False), ("AbC", False), ("aES", False), ("7UP", False), ("A B", False),
    ("UNESCO", True), ("", False),
])
def test_is_acronym(name: str, expected: bool) -> None:
    assert is_acronym(name) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("AES", True), ("Cirdi", True), ("Somaïr", True), ("cirdi", False),
    ("Abcdefghijkl", True), ("Abcdefghijklm", False), ("Deux Mots", False), ("", False),
])
def test_is_short_form(name: str, expected: bool) -> None:
    assert is_short_form(name) is expected


@pytest.mark.parametrize(("acronym", "long_form", "expected"), [
    ("AES", "Alliance des États du Sahel", True),
    ("ECOWAS", "Economic Community of West African States", True),
    ("CEDEAO", "Communauté économique des États de l'Afrique de l'Ouest", True),
    ("EU", "États-Unis", True),                      # hyphen splits words, accents fold
    ("FMI", "Fonds monétaire international", True),
    ("OTAN", "Organisation du traité de l’Atlantique Nord", True),
    ("AES", "Alliance des États du Grand Sahel", True),   # one content word skipped
    ("AES", "Alliance des États du Grand Petit Sahel", False),  # two are too many
    ("AES", "Grande Alliance des États du Sahel", False),  # never the first word
    ("AE", "Alliance des États du Sahel", True),     # one content word left over
    ("AE", "Alliance des États du Grand Sahel", False),  # two left over
    ("AES", "Alliance des États du Sahel et du", True),  # function words left over
    ("ABC", "Alliance Bleue", False),                # letters left, no words
    ("AES", "Sahel", False),                         # one word is no long form
    ("A", "Alliance des États", False),              # one letter is no acronym
    ("A.E.S.", "Alliance des États du Sahel", True),  # only letters count
    ("SEA", "Alliance des États du Sahel", False),   # order matters
])
def test_initials_match(acronym: str, long_form: str, expected: bool) -> None:
    assert initials_match(acronym, long_form) is expected


@pytest.mark.parametrize(("full", "forms"), [
    ("Andrey Belousov", ["Belousov"]),
    ("Pieter van Dijk", ["Dijk", "van Dijk", "Van Dijk"]),
    ("Jean de la Fontaine", ["Fontaine", "la Fontaine", "La Fontaine"]),
    ("Ana Pastor García", ["García", "Ana Pastor", "Pastor"]),
    ("Ibn Khaldun Ahmed", ["Ahmed"]),                 # a particle: no double surname
    ("Jean-Marie Le Pen Senior Junior", ["Junior"]),  # four words: just the last
    ("Mamadou Dia", ["Dia"]),                         # three letters are enough
    ("Li Xi", []),                                    # too short a surname
    ("Emmanuel macron", []),                          # not capitalised
    ("Belousov", []),
])
def test_surname_forms(full: str, forms: list[str]) -> None:
    assert surname_forms(full) == forms


def test_nearest_owner_before_else_first_after() -> None:
    owners, starts = [10, 20, 30], [5, 50, 90]
    assert nearest(owners, starts, 60) == 20
    assert nearest(owners, starts, 95) == 30
    assert nearest(owners, starts, 50) == 20
    assert nearest(owners, starts, 6) == 10
    assert nearest(owners, starts, 5) == 10
    assert nearest(owners, starts, 2) == 10
    assert nearest([7], [40], 0) == 7


# -- linking in an article -----------------------------------------------------------------


def test_a_lone_surname_goes_to_the_person_named_last_before_it() -> None:
    text = ("Fatoumata Diallo dirige le ministère. Amadou Diallo, son frère, commande "
            "l'armée. Diallo a signé le décret. Plus tard Fatoumata Diallo parle.")
    cands = _cands(text, ("Fatoumata Diallo", "person"), ("Amadou Diallo", "person"),
                   ("Diallo", "person", 2), ("Fatoumata Diallo", "person", 1))
    uf = UnionFind(len(cands))
    link_surnames(text, cands, uf)
    assert uf.find(2) == uf.find(1) == 1  # "Diallo" is Amadou, named just before
    assert uf.find(0) == 0 and uf.find(3) == 3  # the full names are not joined here


def test_a_surname_before_any_full_name_goes_to_the_first_one_after() -> None:
    text = "Diallo est arrivé. Fatoumata Diallo puis Amadou Diallo ont parlé."
    cands = _cands(text, ("Diallo", "person"), ("Fatoumata Diallo", "person"),
                   ("Amadou Diallo", "person"))
    uf = UnionFind(3)
    link_surnames(text, cands, uf)
    assert uf.find(0) == uf.find(1) and uf.find(2) == 2


def test_only_voted_people_with_full_names_own_surnames() -> None:
    text = "Banque Diallo et Diallo. Moussa Diallo. Diallo."
    org = _cands(text, ("Banque Diallo", "organisation"), ("Diallo", "person", 1))
    uf = UnionFind(2)
    link_surnames(text, org, uf)
    assert uf.find(1) == 1  # an organisation's last word is no surname
    added = _cands(text, ("Moussa Diallo", "person"), voted=False) + _cands(
        text, ("Diallo", "person", 3))
    uf = UnionFind(2)
    link_surnames(text, added, uf)
    assert uf.find(1) == 1  # a span the rules added does not own surnames
    text2 = "Diallo arrive. Diallo parle."
    single = _cands(text2, ("Diallo", "person"), ("Diallo", "person", 1))
    uf = UnionFind(2)
    link_surnames(text2, single, uf)
    assert uf.find(1) == 1  # one word is no full name


def test_particle_surnames_link_in_both_cases() -> None:
    text = "Pieter van Dijk parle. Van Dijk a dit. Puis van Dijk et Dijk."
    cands = _cands(text, ("Pieter van Dijk", "person"), ("Van Dijk", "person"),
                   ("van Dijk", "person", 1), ("Dijk", "person", 3))
    uf = UnionFind(len(cands))
    link_surnames(text, cands, uf)
    assert {uf.find(i) for i in range(4)} == {0}


def test_same_names_and_gazetteer_spellings_are_linked() -> None:
    gaz = Gazetteer()
    gaz.add("country:US", "country", "fr", "États-Unis")
    gaz.add("country:US", "country", "en", "United States")
    gaz.add("country:US", "country", "xx", "US")
    text = "Les États-Unis, les ETATS-UNIS, the United States, the US et la France, France."
    cands = _cands(text, ("États-Unis", "place"), ("ETATS-UNIS", "place"),
                   ("United States", "place"), ("US", "place"), ("France", "place"),
                   ("France", "place", 1))
    uf = UnionFind(len(cands))
    link_same_names(text, cands, uf, gaz)
    assert _groups(text, cands, uf) == [
        ["France", "France"], ["États-Unis", "ETATS-UNIS", "United States", "US"]]


def test_unknown_places_are_not_linked_by_the_gazetteer() -> None:
    gaz = Gazetteer()
    text = "Tombouctou et Gao, puis Kidal."
    cands = _cands(text, ("Tombouctou", "place"), ("Gao", "place"), ("Kidal", "place"))
    uf = UnionFind(3)
    link_same_names(text, cands, uf, gaz)
    assert [uf.find(i) for i in range(3)] == [0, 1, 2]


def test_an_acronym_in_brackets_after_its_long_form() -> None:
    text = "L'Alliance des États du Sahel (AES) est née. L'AES grandit."
    cands = _cands(text, ("Alliance des États du Sahel", "organisation"),
                   ("AES", "organisation"), ("AES", "organisation", 1))
    uf = UnionFind(3)
    short = link_acronyms(text, cands, uf)
    assert short == {1, 2}
    # The second "AES" is the same name: link_same_names joins it, not this rule.
    assert _groups(text, cands, uf) == [["Alliance des États du Sahel", "AES"]]


def test_a_long_form_in_brackets_after_its_acronym() -> None:
    text = "La CEDEAO (Communauté économique des États de l'Afrique de l'Ouest) se réunit."
    cands = _cands(text, ("CEDEAO", "organisation"),
                   ("Communauté économique des États de l'Afrique de l'Ouest", "organisation"))
    uf = UnionFind(2)
    assert link_acronyms(text, cands, uf) == {0}
    assert uf.find(1) == 0


def test_a_short_name_in_brackets_is_its_long_forms_short_form() -> None:
    text = "Le Centre international pour le règlement des différends (Cirdi) a tranché."
    cands = _cands(text, ("Centre international pour le règlement des différends",
                          "organisation"), ("Cirdi", "organisation"))
    uf = UnionFind(2)
    assert link_acronyms(text, cands, uf) == {1}
    assert uf.find(1) == 0


def test_brackets_that_do_not_hold_a_whole_span_link_nothing() -> None:
    text = ("Le Mali (Bamako) et le Niger (capitale Niamey) et la Banque mondiale "
            "(Washington DC) et la Banque africaine (ONU Femmes).")
    cands = _cands(text, ("Mali", "place"), ("Bamako", "place"), ("Niger", "place"),
                   ("Niamey", "place"), ("Banque mondiale", "organisation"),
                   ("Washington", "place"), ("Banque africaine", "organisation"),
                   ("ONU", "organisation"))
    uf = UnionFind(len(cands))
    assert link_acronyms(text, cands, uf) == {7}
    assert _groups(text, cands, uf) == []


def test_two_acronyms_or_two_long_forms_in_brackets_are_not_linked() -> None:
    text = "Le FMI (IMF) et la Banque mondiale (Banque africaine de développement)."
    cands = _cands(text, ("FMI", "organisation"), ("IMF", "organisation"),
                   ("Banque mondiale", "organisation"),
                   ("Banque africaine de développement", "organisation"))
    uf = UnionFind(4)
    assert link_acronyms(text, cands, uf) == {0, 1}
    assert _groups(text, cands, uf) == []


def test_acronyms_link_to_long_forms_anywhere_in_the_article() -> None:
    text = ("Le Fonds monétaire international a parlé. Plus loin, le FMI et la Banque "
            "mondiale, puis le BM. Le FMI encore, et l'ONU.")
    cands = _cands(text, ("Fonds monétaire international", "organisation"),
                   ("FMI", "organisation"), ("Banque mondiale", "organisation"),
                   ("BM", "organisation"), ("FMI", "organisation", 1), ("ONU", "organisation"))
    uf = UnionFind(len(cands))
    assert link_acronyms(text, cands, uf) == {1, 3, 4, 5}
    # The first "FMI" joins the long form; the second joins through the same-name rule.
    assert _groups(text, cands, uf) == [["Banque mondiale", "BM"],
                                        ["Fonds monétaire international", "FMI"]]


def test_initials_must_start_with_the_same_letter() -> None:
    text = "Les Alliés européens du Sud et l'AES."
    cands = _cands(text, ("Alliés européens du Sud", "organisation"), ("AES", "organisation"))
    uf = UnionFind(2)
    link_acronyms(text, cands, uf)
    assert uf.find(1) == 0
    text2 = "Les Européens alliés du Sud et l'AES."
    cands2 = _cands(text2, ("Européens alliés du Sud", "organisation"), ("AES", "organisation"))
    uf2 = UnionFind(2)
    link_acronyms(text2, cands2, uf2)
    assert uf2.find(1) == 1


def test_parenthesised_acronym_the_model_missed_is_added() -> None:
    text = "L'Alliance des États du Sahel (AES) et le Mali (pays) et Niger (NE)."
    cands = _cands(text, ("Alliance des États du Sahel", "organisation"), ("Mali", "place"),
                   ("Niger", "place"))
    out = add_parenthesised_acronyms(text, cands)
    added = [(text[c.start:c.end], c.label, c.voted) for c in out[3:]]
    assert added == [("AES", "organisation", True), ("NE", "place", True)]
    assert out[:3] == cands


def test_parenthesised_acronym_already_a_span_is_not_added_twice() -> None:
    text = "L'Alliance des États du Sahel (AES) se réunit."
    cands = _cands(text, ("Alliance des États du Sahel", "organisation"),
                   ("AES", "organisation"))
    assert add_parenthesised_acronyms(text, cands) == cands


def test_a_long_form_cut_short_is_grown_up_to_its_bracket() -> None:
    text = "Le Groupe de soutien à l'islam et aux musulmans (JNIM) a revendiqué."
    cands = _cands(text, ("Groupe de soutien à l'islam", "organisation"))
    out = add_parenthesised_acronyms(text, cands)
    assert text[out[0].start:out[0].end] == "Groupe de soutien à l'islam et aux musulmans"
    assert [text[c.start:c.end] for c in out[1:]] == ["JNIM"]


def test_a_long_form_is_not_grown_for_what_is_no_short_form() -> None:
    for text in ("Le Groupe de soutien à l'islam et aux musulmans (voir plus bas) a parlé.",
                 "Le Groupe de soutien à l'islam et aux musulmans (jnim) a parlé."):
        cands = _cands(text, ("Groupe de soutien à l'islam", "organisation"))
        out = add_parenthesised_acronyms(text, cands)
        assert text[out[0].start:out[0].end] == "Groupe de soutien à l'islam"
        assert len(out) == 1
    text = "Le Sahel et aux musulmans (JNIM) a parlé."
    one_word = _cands(text, ("Sahel", "place"))
    out = add_parenthesised_acronyms(text, one_word)
    assert text[out[0].start:out[0].end] == "Sahel"  # one word is never grown
    text = "Le Groupe Wagner et des milices et de leurs alliés (GW) a parlé."
    far = _cands(text, ("Groupe Wagner", "organisation"))
    out = add_parenthesised_acronyms(text, far)
    assert text[out[0].start:out[0].end] == "Groupe Wagner"  # five words is too far
