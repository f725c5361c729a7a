"""Lone surnames relinked as the library grows (index/entity_store.py): a "Blair" met
before any full name joins Tony Blair once he arrives, unless the person touched it; an
automatic link is not an edit to undo; with several Blairs, the one far more frequent
around the article's date is meant, and an undated "Blair" stays apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import Library, entity_store
from index.entities import EntityExtractor
from index.models import ArticleDraft, Mention
from index.store import Store, content_hash

LONE_EN = "Mr Blair visited a hospital in Leeds on Friday and spoke to nurses about pay."
FULL_FR = ("Le Premier ministre britannique Tony Blair a rencontré Jacques Chirac à Paris "
           "mardi pour parler du budget européen.")
CHERIE = "Cherie Blair spoke at a charity dinner in Manchester about legal aid for families."
TONY = [  # (date, lang, text): Tony Blair, often, in the spring of 2005
    ("2005-03-01", "en", "Tony Blair said on Monday that the schools plan would go ahead."),
    ("2005-03-15", "fr", "Tony Blair a rencontré Jacques Chirac à Paris pour parler "
                         "du budget européen."),
    ("2005-04-01", "en", "Tony Blair met Jacques Chirac in Paris to discuss the budget of "
                         "the European Union."),
    ("2005-04-20", "en", "Tony Blair told voters in Sedgefield that the economy was strong."),
    ("2005-05-10", "fr", "Tony Blair a remporté les élections législatives au Royaume-Uni "
                         "pour la troisième fois."),
]
LONE_UNDATED = "Mr Blair visited a school in Leeds and spoke to teachers about their pay."
LONE_NEAR_TONY = "Mr Blair visited a hospital in Bristol on Friday and spoke to doctors."
LONE_NEAR_CHERIE = "Mr Blair visited a prison in Cardiff on Monday and spoke to the staff."


def _add(lib: Library, folder: Path, *articles: tuple[str | None, str, str]) -> list[int]:
    """Import Markdown files (date or None, language, text), then extract; their ids."""
    folder.mkdir()
    for n, (date, lang, text) in enumerate(articles):
        front = f"title: Article {folder.name} {n}\nlang: {lang}\n"
        front += f"date: {date}\n" if date else ""
        (folder / f"{n:02d}.md").write_text(f"---\n{front}---\n\n{text}\n", encoding="utf-8")
    ids = lib.import_paths(sorted(folder.iterdir())).article_ids
    lib.extract_pending()
    return ids


def _person(lib: Library, article_id: int) -> str:
    article = lib.article(article_id)
    assert article is not None
    return next(m.canonical for m in article.mentions if m.label == "person")


def _found(lib: Library, name: str) -> set[int]:
    return set(lib.search(f'entity:"{name}"').ids)


def _store_with(tmp_path: Path, texts: list[str], lang: str) -> tuple[Store, list[int]]:
    """A bare store holding one article per text (mentions are then saved by hand)."""
    store = Store(tmp_path / "lib.sqlite3")
    with store.transaction():
        ids = [store.insert_article(ArticleDraft(title=t, text=t), lang=lang,
                                    chash=content_hash(ArticleDraft(title=t, text=t)),
                                    curl=None, blob=None) for t in texts]
    return store, ids


def test_a_surname_seen_before_the_full_name_joins_the_person_when_he_arrives(
        tmp_path: Path, shared_extractor: EntityExtractor) -> None:
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        [lone] = _add(lib, tmp_path / "a", (None, "en", LONE_EN))
        assert _person(lib, lone) == "Blair"  # nobody of that name yet: apart
        [full] = _add(lib, tmp_path / "b", (None, "fr", FULL_FR))
        people = {e.name: e for e in lib.entities(label="person")}
        assert "Blair" not in people
        assert people["Tony Blair"].article_count == 2
        assert _person(lib, lone) == "Tony Blair"
        assert _found(lib, "Tony Blair") == {lone, full}  # the older article re-indexed
        # A second Blair makes the surname ambiguous: the link already made stays.
        _add(lib, tmp_path / "c", (None, "en", CHERIE))
        assert _person(lib, lone) == "Tony Blair"


@pytest.mark.parametrize("edit", ["rename", "hide", "rename undone"])
def test_a_lone_surname_the_person_touched_stays_where_they_left_it(
        tmp_path: Path, shared_extractor: EntityExtractor, edit: str) -> None:
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        [lone] = _add(lib, tmp_path / "a", (None, "en", LONE_EN))
        blair = next(e for e in lib.entities(label="person") if e.name == "Blair")
        if edit == "hide":
            lib.hide_entity(blair.id)
        else:
            lib.rename_entity(blair.id, "Blair (Leeds)")
            if edit == "rename undone":
                assert lib.undo_entity_edit() == "rename"
        [full] = _add(lib, tmp_path / "b", (None, "fr", FULL_FR))
        people = {e.name: e for e in lib.entities(label="person", include_hidden=True)}
        assert people["Tony Blair"].article_count == 1
        assert [a.id for a in lib.entity_articles(blair.id)] == [lone]
        assert _found(lib, "Tony Blair") == {full}


def test_undo_undoes_the_persons_edit_not_the_automatic_link(
        tmp_path: Path, shared_extractor: EntityExtractor) -> None:
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        [lone] = _add(lib, tmp_path / "a", (None, "en", LONE_EN))
        leeds = next(e for e in lib.entities(label="place") if e.name == "Leeds")
        lib.rename_entity(leeds.id, "Leeds (West Yorkshire)")
        _add(lib, tmp_path / "b", (None, "fr", FULL_FR))
        assert _person(lib, lone) == "Tony Blair"
        assert lib.undo_entity_edit() == "rename"
        renamed = lib.entity(leeds.id)
        assert renamed is not None and renamed.name == "Leeds"
        assert _person(lib, lone) == "Tony Blair"
        assert lib.undo_entity_edit() is None  # the link was never the person's edit


def test_with_two_blairs_the_one_of_the_period_is_meant_and_undated_stays_apart(
        tmp_path: Path, shared_extractor: EntityExtractor) -> None:
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        _add(lib, tmp_path / "a", ("2004-03-10", "en", CHERIE), *TONY)
        undated, near_tony, near_cherie = _add(
            lib, tmp_path / "b", (None, "en", LONE_UNDATED),
            ("2005-04-22", "en", LONE_NEAR_TONY), ("2004-03-12", "en", LONE_NEAR_CHERIE))
        assert _person(lib, near_tony) == "Tony Blair"
        # One article is not "far more frequent": Cherie Blair is not guessed either.
        assert _person(lib, undated) == _person(lib, near_cherie) == "Blair"
        people = {e.name: e for e in lib.entities(label="person")}
        assert people["Blair"].ambiguous and people["Blair"].article_count == 2
        assert people["Tony Blair"].article_count == len(TONY) + 1
        assert people["Cherie Blair"].article_count == 1


def test_a_person_only_somewhat_more_frequent_is_not_guessed(
        tmp_path: Path, shared_extractor: EntityExtractor) -> None:
    with Library.open(tmp_path / "lib", extractor=shared_extractor) as lib:
        # Tony Blair in 3 articles, Cherie Blair in 1, all in the same weeks: 3 < 5 x 1.
        _add(lib, tmp_path / "a", ("2005-03-20", "en", CHERIE), *TONY[:3])
        [lone] = _add(lib, tmp_path / "b", ("2005-03-25", "en", LONE_NEAR_TONY))
        assert _person(lib, lone) == "Blair"


def test_a_lone_surname_before_the_full_name_in_one_article_lands_on_the_person(
        tmp_path: Path) -> None:
    """The per-article linker missed the pair: the full name met after the lone surname
    folds it, and this article's own "Blair" must not stay on the folded entity."""
    texts = ["Blair spoke in Leeds.", "Blair, that is Tony Blair, spoke in Paris."]
    store, ids = _store_with(tmp_path, texts, "en")
    lone = Mention(0, 5, "person", "Blair", "Blair")
    with store.transaction() as conn:
        assert entity_store.save_mentions(conn, ids[0], [lone]) == []
        moved = entity_store.save_mentions(
            conn, ids[1], [lone, Mention(18, 28, "person", "Tony Blair", "Tony Blair")])
    assert moved == [ids[0]]  # the caller re-indexes it
    people = {e.name: e for e in entity_store.list_entities(store.conn)}
    assert "Blair" not in people
    assert (people["Tony Blair"].article_count, people["Tony Blair"].mention_count) == (2, 3)
    store.close()


@pytest.mark.parametrize("with_a_john", [False, True])
def test_a_first_name_alone_is_nobody_in_particular(tmp_path: Path, with_a_john: bool) -> None:
    """ "Sir John" wrote the lone "John": with a John Major in the library, "John" is a
    first name and means neither him nor Elton John."""
    texts = ["Elton John sang.", "John Major spoke.", "Sir John spoke."]
    store, ids = _store_with(tmp_path, texts, "en")
    with store.transaction() as conn:
        entity_store.save_mentions(conn, ids[0], [Mention(0, 10, "person", "Elton John",
                                                          "Elton John")])
        if with_a_john:
            entity_store.save_mentions(conn, ids[1], [Mention(0, 10, "person", "John Major",
                                                              "John Major")])
        entity_store.save_mentions(conn, ids[2], [Mention(4, 8, "person", "John", "John")])
    people = {e.name: e for e in entity_store.list_entities(store.conn)}
    assert ("John" in people) is with_a_john
    assert people["Elton John"].article_count == (1 if with_a_john else 2)
    store.close()


@pytest.mark.parametrize("long_form_first", [True, False])
def test_an_acronym_alone_means_the_entity_another_article_spelled_out(
        tmp_path: Path, long_form_first: bool) -> None:
    """ "AES" alone in one article, "Alliance des États du Sahel (AES)" in another: one
    entity, whichever came first; a second long form for "AES" is not guessed."""
    long_text = "Alliance des États du Sahel (AES) réunie à Niamey."
    texts = [long_text, "L'AES a tenu un sommet.", "Advanced Encryption Standard (AES)."]
    store, ids = _store_with(tmp_path, texts, "fr")
    long_name = "Alliance des États du Sahel"
    spelled = [Mention(0, 27, "organisation", long_name, long_name),
               Mention(29, 32, "organisation", "AES", long_name)]
    alone = [Mention(2, 5, "organisation", "AES", "AES")]
    other = [Mention(0, 28, "organisation", "Advanced Encryption Standard",
                     "Advanced Encryption Standard"),
             Mention(30, 33, "organisation", "AES", "Advanced Encryption Standard")]
    with store.transaction() as conn:
        order = [(ids[0], spelled), (ids[1], alone)]
        for article_id, mentions in (order if long_form_first else order[::-1]):
            moved = entity_store.save_mentions(conn, article_id, mentions)
        assert moved == ([] if long_form_first else [ids[1]])
        entity_store.save_mentions(conn, ids[2], other)
    orgs = {e.name: e for e in entity_store.list_entities(store.conn)}
    assert "AES" not in orgs
    assert orgs[long_name].article_count == 2
    assert orgs["Advanced Encryption Standard"].article_count == 1
    store.close()


def test_a_library_from_before_is_relinked_once_in_the_background(tmp_path: Path) -> None:
    """Entities as an earlier version saved them, one per spelling: the relink pass makes
    the place's names one entity and the lone surname its person, leaves what the person
    renamed alone, re-indexes the articles, and runs once."""
    folder = tmp_path / "in"
    folder.mkdir()
    texts = ["Le Royaume-Uni et Tony Blair.", "The United Kingdom and Blair.", "UK news."]
    for n, text in enumerate(texts):
        (folder / f"{n}.md").write_text(f"---\ntitle: A{n}\n---\n\n{text}\n", encoding="utf-8")
    with Library.open(tmp_path / "lib") as lib:
        ids = lib.import_paths(sorted(folder.iterdir())).article_ids
        old = [(ids[0], "Royaume-Uni", "place"), (ids[0], "Tony Blair", "person"),
               (ids[1], "United Kingdom", "place"), (ids[1], "Blair", "person"),
               (ids[2], "UK", "place")]
        with lib.store.transaction() as conn:
            conn.execute("DELETE FROM meta WHERE key = 'entities_relinked'")
            for article_id, name, label in old:  # as schema 3 wrote them: no shared keys
                entity = conn.execute("INSERT INTO entities(name, label) VALUES(?, ?)",
                                      (name, label)).lastrowid
                conn.execute("INSERT INTO entity_keys(name, label, entity_id) VALUES(?,?,?)",
                             (name, label, entity))
                conn.execute("INSERT INTO mentions(article_id, entity_id, start, end, text,"
                             " confidence) VALUES(?, ?, 0, 1, ?, 1.0)", (article_id, entity,
                                                                        name))
            conn.execute("INSERT INTO person_surnames(surname, entity_id) SELECT 'blair', id"
                         " FROM entities WHERE name = 'Tony Blair'")
        lib.index_articles(lib.store.articles(ids))
        uk = next(e for e in lib.entities(label="place") if e.name == "UK")
        lib.rename_entity(uk.id, "Britain")  # still a name of the place
        assert lib.relink_entities() == 1  # the article of "United Kingdom" and "Blair"
        places = {e.name: e for e in lib.entities(label="place")}
        assert places["Royaume-Uni"].article_count == 2 and "United Kingdom" not in places
        assert places["Britain"].article_count == 1  # renamed: left alone
        people = {e.name: e for e in lib.entities(label="person")}
        assert "Blair" not in people and people["Tony Blair"].article_count == 2
        assert set(lib.search('entity:"Tony Blair"').ids) == {ids[0], ids[1]}
        assert set(lib.search('entity:"Royaume-Uni"').ids) == {ids[0], ids[1]}
        assert lib.relink_entities() == 0  # once
