"""A desktop that holds only what it follows, and searches the rest on the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Library
from index.sync.following import Follow
from index.sync.remote_search import search as remote_search
from index.sync.session import fetch_article, sync

ARTICLES = {
    "mali.txt": "Le Mali et le Niger renforcent leur force commune\n\nNiamey, 3 mars 2026. "
                "Le Mali et le Niger annoncent une force commune pour la sécurité des "
                "frontières.\n",
    "drones.txt": "Drones seen over Niamey\n\nNIAMEY, March 4 (Reuters) - Niger's military "
                  "government said drones had flown over the capital.\n",
    "monnaie.txt": "Sommet de l'AES à Bamako\n\nBamako, 5 mars 2026. Les chefs d'État se "
                   "réunissent pour un sommet consacré à la monnaie commune.\n",
    "rugby.txt": "Le XV de France bat l'Irlande\n\nParis, 6 mars 2026. Le XV de France a battu "
                 "l'Irlande au Stade de France, un match serré jusqu'au bout.\n",
}


@pytest.fixture()
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
             ) -> Iterator[tuple[Library, Library, str]]:
    """Desktop A imported four articles and synced; laptop B is empty."""
    monkeypatch.setenv("VEILLE_CONFIG_DIR", str(tmp_path / "config"))
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Library.open(tmp_path / "A") as a, Library.open(tmp_path / "B") as b:
        a.import_paths([tmp_path / n for n in ARTICLES])
        a.tag([a.search("Mali").hits[0].article_id], add=["Sahel"])
        a.set_note(a.search("Irlande").hits[0].article_id, "Pour la page sport")
        sync(a, pg_url)
        yield a, b, pg_url


def _titles(lib: Library) -> set[str]:
    return {lib.article(h.article_id).title  # type: ignore[union-attr]
            for h in lib.search("", limit=100).hits} if lib.article_count() else set()


def test_a_laptop_holds_only_what_it_follows(newsroom: tuple[Library, Library, str]) -> None:
    _a, b, url = newsroom
    b.add_watch("Monnaie", "monnaie")
    report = sync(b, url, follow=Follow(everything=False, tags=("sahel",)))
    assert report.received_articles == 2
    assert b.search("Mali").total == 1 and b.search("monnaie").total == 1
    assert b.search("drones").total == 0 and b.search("Irlande").total == 0
    found = remote_search(url, "drones", library=b)  # the rest is on the server
    assert found.total == 1 and found.hits[0].local_id is None


def test_a_change_that_makes_an_article_followed_brings_it_with_its_past(
        newsroom: tuple[Library, Library, str]) -> None:
    a, b, url = newsroom
    sync(b, url, follow=Follow(everything=False, watches=False, tags=("Sahel",)))
    assert b.search("drones").total == 0
    drones = a.search("drones").hits[0].article_id
    a.set_starred([drones])  # before it is followed: B must still get it when it comes
    a.tag([drones], add=["Sahel"])
    sync(a, url)
    sync(b, url)
    here = b.search("drones").hits[0].article_id
    held = b.with_state(b.article(here))  # type: ignore[arg-type]
    assert held.tags == ("Sahel",) and held.starred


def test_an_article_opened_from_the_team_archive_joins_the_library(
        newsroom: tuple[Library, Library, str]) -> None:
    _a, b, url = newsroom
    sync(b, url, follow=Follow(everything=False, watches=False))
    hit = remote_search(url, "Irlande", library=b).hits[0]
    article_id = fetch_article(b, url, hit.content_hash)
    assert article_id is not None
    article = b.with_state(b.article(article_id))  # type: ignore[arg-type]
    assert article.note == "Pour la page sport"  # the team's work on it came along
    assert b.search("Irlande").total == 1
    assert remote_search(url, "Irlande", library=b).hits[0].local_id == article_id
    sync(b, url)  # still following little: what was opened stays
    assert b.search("Irlande").total == 1


def test_following_everything_again_brings_the_rest(newsroom: tuple[Library, Library, str]
                                                    ) -> None:
    _a, b, url = newsroom
    sync(b, url, follow=Follow(everything=False, watches=False, tags=("Sahel",)))
    assert b.article_count() == 1
    sync(b, url, follow=Follow())
    assert b.article_count() == 4


def test_french_search_on_the_server_ignores_accents_and_inflections(
        newsroom: tuple[Library, Library, str]) -> None:
    _a, b, url = newsroom
    assert remote_search(url, "securite frontiere", library=b).total == 1
    assert remote_search(url, '"force commune"', library=b).total == 1
    assert remote_search(url, "drone", library=b).total == 1  # English stem
    assert remote_search(url, "Mali -Niger", library=b).total == 0
