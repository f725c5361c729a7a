"""Entity storage and curation on a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import entity_store
from index.models import ArticleDraft, Mention
from index.store import Store, canonical_url, content_hash


def _store_with_article(tmp_path: Path, text: str) -> tuple[Store, int]:
    store = Store(tmp_path / "lib.sqlite3")
    draft = ArticleDraft(title="t", text=text)
    with store.transaction():
        aid = store.insert_article(
            draft, lang="fr", chash=content_hash(draft), curl=None, blob=None
        )
    return store, aid


def _m(text: str, word: str, label: str, canonical: str) -> Mention:
    start = text.index(word)
    return Mention(start, start + len(word), label, word, canonical)  # type: ignore[arg-type]


TEXT = (
    "Andrey Belousov a rencontré les chefs de l'AES. "
    "Belousov a salué l'Alliance des États du Sahel."
)


def test_mentions_roundtrip_and_counts(tmp_path: Path) -> None:
    store, aid = _store_with_article(tmp_path, TEXT)
    mentions = [
        _m(TEXT, "Andrey Belousov", "person", "Andrey Belousov"),
        _m(TEXT, "AES", "organisation", "Alliance des États du Sahel"),
    ]
    with store.transaction() as conn:
        entity_store.save_mentions(conn, aid, mentions)
    got = entity_store.article_mentions(store.conn, aid)
    assert [(m.canonical, m.label) for m in got] == [
        ("Andrey Belousov", "person"), ("Alliance des États du Sahel", "organisation")]
    infos = entity_store.list_entities(store.conn)
    aes = next(e for e in infos if e.label == "organisation")
    assert aes.article_count == 1 and aes.mention_count == 1
    assert "AES" in aes.aliases
    assert store.article(aid).entities_done  # type: ignore[union-attr]


def test_curation_survives_reextraction_and_undo(tmp_path: Path) -> None:
    store, aid = _store_with_article(tmp_path, TEXT)
    mentions = [
        _m(TEXT, "Andrey Belousov", "person", "Andrey Belousov"),
        _m(TEXT, "AES", "place", "AES"),
    ]
    with store.transaction() as conn:
        entity_store.save_mentions(conn, aid, mentions)
    aes = next(e for e in entity_store.list_entities(store.conn) if e.name == "AES")
    with store.transaction() as conn:
        entity_store.retype(conn, aes.id, "organisation")
        entity_store.rename(conn, aes.id, "Alliance des États du Sahel")
    # Re-extraction produces the same raw key: it must land on the curated entity.
    with store.transaction() as conn:
        entity_store.save_mentions(conn, aid, mentions)
    names = {(m.canonical, m.label) for m in entity_store.article_mentions(store.conn, aid)}
    assert ("Alliance des États du Sahel", "organisation") in names
    with store.transaction() as conn:
        assert entity_store.undo_last(conn) is not None  # undo the rename
    names = {(m.canonical, m.label) for m in entity_store.article_mentions(store.conn, aid)}
    assert ("AES", "organisation") in names


def test_merge_hide_and_undo(tmp_path: Path) -> None:
    text = "Assimi Goïta et le colonel Goïta sont une seule personne."
    store, aid = _store_with_article(tmp_path, text)
    with store.transaction() as conn:
        entity_store.save_mentions(conn, aid, [
            _m(text, "Assimi Goïta", "person", "Assimi Goïta"),
            _m(text, "colonel Goïta", "person", "colonel Goïta")])
    by_name = {e.name: e for e in entity_store.list_entities(store.conn)}
    with store.transaction() as conn:
        affected = entity_store.merge(conn, by_name["colonel Goïta"].id, by_name["Assimi Goïta"].id)
    assert affected == [aid]
    infos = entity_store.list_entities(store.conn)
    assert [(e.name, e.mention_count) for e in infos] == [("Assimi Goïta", 2)]
    with store.transaction() as conn:
        entity_store.set_hidden(conn, infos[0].id)
    assert entity_store.article_mentions(store.conn, aid) == ()
    with store.transaction() as conn:
        assert entity_store.undo_last(conn) == ("hide", [aid])
        assert entity_store.undo_last(conn) == ("merge", [aid])
    assert len(entity_store.list_entities(store.conn)) == 2
    with pytest.raises(ValueError), store.transaction() as conn:
        entity_store.merge(conn, infos[0].id, infos[0].id)


def test_canonical_url_drops_tracking_and_fragments() -> None:
    assert canonical_url("http://www.Example.com/a/?utm_source=x&b=1#top") == (
        "https://example.com/a?b=1")
    assert canonical_url("file:///etc/passwd") is None
    assert canonical_url(None) is None


def test_content_hash_ignores_whitespace() -> None:
    a = ArticleDraft(title="x", text="Le  Mali\net le Niger ")
    b = ArticleDraft(title="y", text="Le Mali et le Niger")
    assert content_hash(a) == content_hash(b)


def test_entity_search_ignores_accents_and_filters_type(tmp_path: Path) -> None:
    store, aid = _store_with_article(tmp_path, TEXT)
    with store.transaction() as conn:
        entity_store.save_mentions(conn, aid, [
            _m(TEXT, "Andrey Belousov", "person", "Andrey Belousov"),
            _m(TEXT, "AES", "organisation", "Alliance des États du Sahel"),
        ])
    found = entity_store.list_entities(store.conn, query="etats")
    assert [e.name for e in found] == ["Alliance des États du Sahel"]
    assert entity_store.list_entities(store.conn, query="ÉTATS", label="person") == []
    assert entity_store.list_entities(store.conn, query="100%") == []
