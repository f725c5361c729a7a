"""Table-driven: one row per rule of docs/search-syntax.md, French and English.

Each row: the query, the articles it must find, the articles it must not find.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from index.search import SearchIndex
from tests.conftest import node_id

ALL_DATED_AUG = ("aes", "ministers", "republique")

RULES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # rule, query, must find, must not find
    ("word fr", "coopération", ("aes",), ("alliances",)),
    ("word en", "regulators", ("securities",), ("ministers",)),
    ("default AND", "Sahel Bamako", ("ministers",), ("aes", "camara")),
    ("AND keyword", "Sahel AND Bamako", ("ministers",), ("aes",)),
    ("ET keyword", "Sahel ET Bamako", ("ministers",), ("aes",)),
    ("OR", "Belousov OR Traoré", ("belousov", "allies"), ("aes",)),
    ("OU", "Belousov OU Traoré", ("belousov", "allies"), ("aes",)),
    ("NOT", "Sahel NOT Goïta", ("ministers",), ("aes",)),
    ("minus", "Sahel -Goïta", ("ministers",), ("aes",)),
    ("minus only", "-Sahel", ("jeux", "camara"), ("aes", "ministers")),
    ("plus", "+Bamako club", ("camara",), ("ministers",)),
    ("parentheses", "(Belousov OR Camara) Bamako", ("ministers", "camara"), ("belousov",)),
    ("phrase", '"Président de la République"', ("aes", "republique"), ("presidente",)),
    ("guillemets phrase", "« Président de la République »", ("aes", "republique"), ("presidente",)),
    ("curly quotes phrase", "“ministre de la Défense”", ("aes",), ("belousov",)),
    ("phrase is adjacent", '"ministre de la Défense"', ("aes",), ("belousov",)),
    ("phrase slop", '"ministre de la Défense"~1', ("aes", "belousov"), ("jeux",)),
    ("quoted word unstemmed", '"alliance"', ("aes", "alliances"), ()),
    ("quoted word no plural", '"alliances"', ("alliances",), ("aes",)),
    ("title field", "title:olympiques", ("jeux",), ()),
    ("title field excludes body", "title:Bamako", ("ministers",), ("camara",)),
    ("titre alias", "titre:Bamako", ("ministers",), ("camara",)),
    ("source phrase", 'source:"Le Monde"', ("aes", "republique"), ("alliances", "jeux")),
    ("source word", "source:reuters", ("ministers", "securities"), ("aes",)),
    ("lang en", "lang:en Bamako", ("ministers",), ("camara",)),
    ("lang fr", "lang:fr Bamako", ("camara",), ("ministers",)),
    ("author word", "author:dupont", ("alliances",), ("aes",)),
    ("author phrase", 'author:"Claire Martin"', ("aes",), ("alliances",)),
    ("auteur alias", "auteur:Bernard", ("presidente",), ("aes",)),
    ("entity full name", 'entity:"Sadio Camara"', ("ministers",), ("camara",)),
    ("entity accents folded", 'entity:"assimi goita"', ("aes",), ("camara",)),
    ("entity word", "entity:Bamako", ("ministers", "camara"), ("aes",)),
    ("date month", "date:2025-08", ALL_DATED_AUG, ("minister", "belousov", "allies")),
    ("date after", "date:>2025-08-20", ("republique", "allies"), ("ministers", "minister")),
    ("date from", "date:>=2025-08-20", ("ministers", "republique"), ("aes", "belousov")),
    ("date before year", "date:<2025", ("jeux", "securities", "markup"),
     ("minister", "belousov", "presidente")),
    ("date range", "date:[2025-08-01 TO 2025-08-31]", ALL_DATED_AUG, ("allies", "alliances")),
    ("date range months", "date:[2025-08 TO 2025-09]", (*ALL_DATED_AUG, "allies"),
     ("alliances", "minister")),
    ("date open range", "date:[* TO 2024-12]", ("jeux", "securities"), ("minister", "aes")),
    ("date dotted range", "date:2025-08-15..2025-08-31", ("ministers", "republique"), ("aes",)),
    ("date year", "date:2024", ("jeux", "securities"), ("markup", "belousov")),
    ("prefix fr+en", "secur*", ("aes", "ministers", "securities"), ("jeux",)),
    ("prefix accents folded", "sécur*", ("aes", "ministers"), ("jeux",)),
    ("wildcard ?", "b?teaux", ("jeux",), ("aes",)),
    ("wildcard inner *", "minist*r", ("minister", "ministers"), ("jeux",)),
    ("fuzzy 1", "Belousof~", ("belousov",), ("aes",)),
    ("fuzzy 2", "Belusof~2", ("belousov",), ("aes",)),
    ("accent folding", "securite", ("aes",), ("securities",)),
    ("accent folding name", "Goita", ("aes", "camara"), ()),
    ("accent folding upper", "ETATS", ("aes",), ()),
    ("exact accents", "=président", ("aes", "republique"), ("presidente", "minister")),
    ("exact phrase", '="Présidente"', ("presidente",), ("aes",)),
    ("exact unaccented", "=president", ("minister",), ("aes", "republique", "presidente")),
    ("exact unaccented in title", "title:=president", (), ("aes", "republique")),
    ("exact name", "=Goïta", ("aes",), ("camara",)),
    ("folded finds English", "président", ("aes", "republique", "minister"), ()),
    ("elision ’ in text", "alliance", ("aes", "alliances"), ("allies",)),
    ("elision ' in query", "l'armée", ("belousov", "republique"), ("aes",)),
    ("elision ’ in query", "l’armée", ("belousov", "republique"), ("aes",)),
    ("elision lorsqu’", "Ibrahim", ("allies",), ()),
    ("elision qu’", "aucun", ("allies",), ()),
    ("elision jusqu’ l’", "automne", ("allies",), ()),
    ("elision d'", "autres", ("alliances",), ()),
    ("guillemets separate", "engagement", ("republique",), ()),
    ("guillemets separate 2", "sécurité", ("aes",), ()),
    ("plural -s fr", "alliances", ("aes", "alliances"), ("allies",)),
    ("plural -x", "jeu", ("jeux",), ()),
    ("plural -al/-aux", "journal", ("jeux",), ()),
    ("plural -eau/-eaux", "bateau", ("jeux",), ()),
    ("feminine", "présidente", ("presidente", "aes", "republique"), ("jeux",)),
    ("en plural from singular", "minister", ("minister", "ministers"), ()),
    ("en singular from plural", "ministers", ("minister", "ministers"), ()),
    ("en -ing to base", "running", ("ministers", "securities", "minister"), ()),
    ("en base to -ing", "run", ("minister", "ministers", "securities"), ()),
    ("stop words dropped", "la sécurité", ("aes",), ("jeux",)),
    ("hyphenated word is a phrase", "Jeux-olympiques", ("jeux",), ("aes",)),
    ("html chars are words", "bold", ("markup",), ()),
    ("unknown field is text", "foo:bar", (), ("aes",)),
]


@pytest.mark.parametrize(("rule", "query", "find", "avoid"), RULES,
                         ids=[node_id(r[0]) for r in RULES])
def test_rule(corpus_index: SearchIndex, ids: Callable[..., set[int]], rule: str, query: str,
              find: tuple[str, ...], avoid: tuple[str, ...]) -> None:
    results = corpus_index.search(query, limit=50)
    found = set(results.ids)
    assert ids(*find) <= found, f"{rule}: {query!r} missed {ids(*find) - found}"
    assert not (ids(*avoid) & found), f"{rule}: {query!r} wrongly found {ids(*avoid) & found}"
    assert results.total == len(results.ids)
    assert not results.partial
    assert results.corrected is None
