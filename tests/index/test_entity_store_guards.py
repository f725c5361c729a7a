"""Guards on entities, mentions and their curation (index/entity_store.py), each pinned
by a test that fails when one line changes (docs/mutation-testing.md). Real SQLite."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import entity_store as es
from index.models import ArticleDraft, EntityInfo, Mention
from index.store import Store, content_hash

TEXT = ("Andrey Belousov a rencontré les chefs de l'AES à Niamey. Belousov a salué "
        "l'Alliance des États du Sahel et les USA.")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "library.sqlite3")
    yield s
    s.close()


def _article(store: Store, text: str = TEXT, date: str | None = None) -> int:
    draft = ArticleDraft(title="t", text=text, date=date)
    with store.transaction():
        return store.insert_article(draft, lang="fr", chash=content_hash(draft), curl=None,
                                    blob=None)


def _m(word: str, label: str, canonical: str, *, nth: int = 0, text: str = TEXT,
       confidence: float = 1.0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(start, start + len(word), label, word, canonical, confidence)  # type: ignore[arg-type]


def _save(store: Store, aid: int, mentions: list[Mention]) -> None:
    with store.transaction() as conn:
        es.save_mentions(conn, aid, mentions)


def _by_name(store: Store, **kw: object) -> dict[str, EntityInfo]:
    return {e.name: e for e in es.list_entities(store.conn, **kw)}  # type: ignore[arg-type]


def _seen(store: Store, aid: int) -> list[tuple[str, str, str]]:
    return [(m.text, m.canonical, m.label) for m in es.article_mentions(store.conn, aid)]


BELOUSOV = [
    _m("Andrey Belousov", "person", "Andrey Belousov"),
    _m("AES", "organisation", "Alliance des États du Sahel"),
    _m("Niamey", "place", "Niamey"),
    _m("Belousov", "person", "Andrey Belousov", nth=1, confidence=0.5),
    _m("Alliance des États du Sahel", "organisation", "Alliance des États du Sahel"),
]


def test_mentions_are_saved_with_offsets_and_one_entity_per_key(store: Store) -> None:
    aid = _article(store)
    _save(store, aid, BELOUSOV)
    got = es.article_mentions(store.conn, aid)
    assert got == tuple(sorted(BELOUSOV, key=lambda m: m.start))
    assert [m.confidence for m in got if m.text == "Belousov"] == [0.5]
    entities = store.conn.execute("SELECT id, name, label, hidden, merged_into FROM entities"
                                  " ORDER BY id").fetchall()
    assert [tuple(r) for r in entities] == [
        (1, "Andrey Belousov", "person", 0, None),
        (2, "Alliance des États du Sahel", "organisation", 0, None),
        (3, "Niamey", "place", 0, None),
    ]
    keys = store.conn.execute(
        "SELECT name, label, entity_id FROM entity_keys ORDER BY entity_id, name")
    # the spelled-out acronym is a key too: "AES" alone in another article means entity 2
    assert [tuple(r) for r in keys] == [("Andrey Belousov", "person", 1),
                                        ("AES", "organisation", 2),
                                        ("Alliance des États du Sahel", "organisation", 2),
                                        ("Niamey", "place", 3)]
    assert store.article(aid).entities_done  # type: ignore[union-attr]
    # The same name with another type is another entity.
    other = _article(store, "Niamey est une ville.")
    _save(store, other, [Mention(0, 6, "organisation", "Niamey", "Niamey")])
    assert len(es.list_entities(store.conn)) == 4


def test_saving_again_replaces_the_articles_mentions_only(store: Store) -> None:
    first, second = _article(store), _article(store, TEXT + " Encore.")
    _save(store, first, BELOUSOV)
    _save(store, second, BELOUSOV[:2])
    _save(store, first, BELOUSOV[2:3])
    assert _seen(store, first) == [("Niamey", "Niamey", "place")]
    assert len(es.article_mentions(store.conn, second)) == 2
    _save(store, first, [])
    assert es.article_mentions(store.conn, first) == ()
    assert store.article(first).entities_done  # type: ignore[union-attr]


def test_counts_aliases_and_order(store: Store) -> None:
    a, b = _article(store), _article(store, TEXT + " Bis.")
    _save(store, a, BELOUSOV)
    _save(store, b, BELOUSOV[:3])
    infos = es.list_entities(store.conn)
    assert [(e.name, e.article_count, e.mention_count) for e in infos] == [
        ("Alliance des États du Sahel", 2, 3),   # 2 articles, 3 mentions
        ("Andrey Belousov", 2, 3),
        ("Niamey", 2, 2),
    ]
    by_name = {e.name: e for e in infos}
    assert by_name["Andrey Belousov"].aliases == ("Belousov",)  # its own name left out
    assert by_name["Alliance des États du Sahel"].aliases == ("AES",)
    assert by_name["Niamey"].aliases == ()
    assert by_name["Niamey"].label == "place" and not by_name["Niamey"].hidden
    assert [e.name for e in es.list_entities(store.conn, sort="name")] == [
        "Alliance des États du Sahel", "Andrey Belousov", "Niamey"]
    assert [e.name for e in es.list_entities(store.conn, limit=1)] == [
        "Alliance des États du Sahel"]
    one = es.list_entities(store.conn, article_id=b)
    assert [(e.name, e.article_count, e.mention_count) for e in one] == [
        ("Alliance des États du Sahel", 1, 1), ("Andrey Belousov", 1, 1), ("Niamey", 1, 1)]
    assert es.list_entities(store.conn, article_id=999) == []


def test_ties_are_broken_by_mentions_then_name_ignoring_case(store: Store) -> None:
    text = "zeta Zeta alpha Beta"
    aid = _article(store, text)
    _save(store, aid, [
        Mention(0, 4, "other", "zeta", "zeta"), Mention(5, 9, "other", "Zeta", "zeta"),
        Mention(10, 15, "other", "alpha", "alpha"), Mention(16, 20, "other", "Beta", "Beta"),
    ])
    assert [e.name for e in es.list_entities(store.conn)] == ["zeta", "alpha", "Beta"]
    assert [e.name for e in es.list_entities(store.conn, sort="name")] == [
        "alpha", "Beta", "zeta"]


def test_filters_by_query_label_and_hidden(store: Store) -> None:
    aid = _article(store)
    _save(store, aid, BELOUSOV)
    names = lambda **kw: [e.name for e in es.list_entities(store.conn, **kw)]  # noqa: E731
    assert names(query="ETATS") == ["Alliance des États du Sahel"]
    assert names(query="états du") == ["Alliance des États du Sahel"]
    assert names(query="niam") == ["Niamey"]
    assert names(label="place") == ["Niamey"]
    assert names(label="person", query="niamey") == []
    assert names(query="100%") == [] and names(query="a_b") == [] and names(query="\\") == []
    niamey = _by_name(store)["Niamey"]
    with store.transaction() as conn:
        es.set_hidden(conn, niamey.id)
    assert "Niamey" not in names()
    assert _by_name(store, include_hidden=True)["Niamey"].hidden
    assert ("Niamey", "Niamey", "place") not in _seen(store, aid)


def test_like_wildcards_in_names_are_literal(store: Store) -> None:
    text = "100% Bio et 100 pour cent, a_b et axb, c\\d et cd."
    aid = _article(store, text)
    words = ["100% Bio", "100 pour cent", "a_b", "axb", "c\\d", "cd"]
    _save(store, aid, [Mention(text.index(w), text.index(w) + len(w), "other", w, w)
                       for w in words])
    found = lambda q: sorted(e.name for e in es.list_entities(store.conn, query=q))  # noqa: E731
    assert found("100%") == ["100% Bio"]
    assert found("a_b") == ["a_b"]
    assert found("c\\d") == ["c\\d"]
    assert found("%") == ["100% Bio"]


def test_entity_names_for_the_index(store: Store) -> None:
    a, b = _article(store), _article(store, TEXT + " B.")
    _save(store, a, BELOUSOV)
    names = es.article_entity_names(store.conn, [a, b, 999])
    assert sorted(names[a]) == ["Alliance des États du Sahel", "Andrey Belousov", "Niamey"]
    assert names[b] == [] and names[999] == []
    with store.transaction() as conn:
        es.set_hidden(conn, _by_name(store)["Niamey"].id)
    assert "Niamey" not in es.article_entity_names(store.conn, [a])[a]
    assert es.article_entity_names(store.conn, []) == {}


def test_entity_names_across_chunks(store: Store) -> None:
    ids = []
    with store.transaction() as conn:
        for n in range(1, 1103):
            ids.append(store.insert_article(ArticleDraft("t", f"Niamey {n}"), lang="fr",
                                            chash=f"h{n}", curl=None, blob=None))
            es.save_mentions(conn, ids[-1], [Mention(0, 6, "place", "Niamey", "Niamey")])
    names = es.article_entity_names(store.conn, ids)
    assert all(names[i] == ["Niamey"] for i in ids)
    (info,) = es.list_entities(store.conn)
    assert (info.article_count, info.mention_count) == (1102, 1102)


def test_one_entity_and_its_articles_newest_first(store: Store) -> None:
    old = _article(store, TEXT + " 1", date="2024-01-01")
    undated = _article(store, TEXT + " 2")
    new = _article(store, TEXT + " 3", date="2025-06-01")
    same_day = _article(store, TEXT + " 4", date="2025-06-01")
    for aid in (old, undated, new, same_day):
        _save(store, aid, BELOUSOV[2:3])
    niamey = _by_name(store)["Niamey"]
    assert es.entity_article_ids(store.conn, niamey.id) == [same_day, new, old, undated]
    info = es.entity(store.conn, niamey.id)
    assert info == EntityInfo(niamey.id, "Niamey", "place", (), 4, 4, False)
    assert es.entity(store.conn, 999) is None
    _save(store, old, BELOUSOV)
    belousov = es.entity(store.conn, _by_name(store)["Andrey Belousov"].id)
    assert belousov is not None
    assert (belousov.aliases, belousov.article_count, belousov.mention_count) == (
        ("Belousov",), 1, 2)


def test_rename_retype_hide_are_logged_and_undone_in_order(store: Store) -> None:
    a, b = _article(store), _article(store, TEXT + " B.")
    _save(store, a, BELOUSOV)
    _save(store, b, BELOUSOV[2:3])
    niamey = _by_name(store)["Niamey"].id
    aes = _by_name(store)["Alliance des États du Sahel"].id
    with store.transaction() as conn:
        assert es.rename(conn, niamey, "  Niamey (Niger) ") == [a, b]
        assert es.retype(conn, aes, "other") == [a]
        assert es.set_hidden(conn, niamey) == [a, b]
        assert es.set_hidden(conn, niamey, False) == [a, b]
    assert es.entity(store.conn, niamey).name == "Niamey (Niger)"  # type: ignore[union-attr]
    assert es.entity(store.conn, aes).label == "other"  # type: ignore[union-attr]
    edits = store.conn.execute("SELECT kind, payload, undone FROM edits ORDER BY id")
    assert [(k, json.loads(p), u) for k, p, u in edits] == [
        ("rename", {"id": niamey, "old": "Niamey", "new": "Niamey (Niger)"}, 0),
        ("retype", {"id": aes, "old": "organisation", "new": "other"}, 0),
        ("hide", {"id": niamey, "old": False, "new": True}, 0),
        ("hide", {"id": niamey, "old": True, "new": False}, 0),
    ]
    with store.transaction() as conn:
        assert es.undo_last(conn) == ("hide", [a, b])
        assert es.entity(conn, niamey).hidden  # type: ignore[union-attr]
        assert es.undo_last(conn) == ("hide", [a, b])
        assert not es.entity(conn, niamey).hidden  # type: ignore[union-attr]
        assert es.undo_last(conn) == ("retype", [a])
        assert es.entity(conn, aes).label == "organisation"  # type: ignore[union-attr]
        assert es.undo_last(conn) == ("rename", [a, b])
        assert es.entity(conn, niamey).name == "Niamey"  # type: ignore[union-attr]
        assert es.undo_last(conn) is None
    undone = store.conn.execute("SELECT undone FROM edits").fetchall()
    assert [r[0] for r in undone] == [1, 1, 1, 1]


def test_curation_refuses_what_makes_no_sense(store: Store) -> None:
    aid = _article(store)
    _save(store, aid, BELOUSOV)
    niamey = _by_name(store)["Niamey"].id
    with store.transaction() as conn:
        with pytest.raises(ValueError, match=r"^an entity name cannot be empty$"):
            es.rename(conn, niamey, "   ")
        with pytest.raises(ValueError, match=r"^unknown entity type 'city'$"):
            es.retype(conn, niamey, "city")
        with pytest.raises(ValueError, match=r"^cannot merge an entity with itself$"):
            es.merge(conn, niamey, niamey)
        with pytest.raises(KeyError, match=r"^'no entity 999'$"):
            es.rename(conn, 999, "x")
        with pytest.raises(KeyError):
            es.merge(conn, niamey, 999)
        with pytest.raises(KeyError):
            es.merge(conn, 999, niamey)
    assert store.conn.execute("SELECT count(*) FROM edits").fetchone()[0] == 0
    for label in ("person", "organisation", "place", "other"):
        with store.transaction() as conn:
            es.retype(conn, niamey, label)
        assert es.entity(store.conn, niamey).label == label  # type: ignore[union-attr]


def test_curation_survives_reextraction(store: Store) -> None:
    aid = _article(store)
    _save(store, aid, BELOUSOV)
    aes = _by_name(store)["Alliance des États du Sahel"].id
    with store.transaction() as conn:
        es.rename(conn, aes, "AES (alliance)")
        es.retype(conn, aes, "place")
    _save(store, aid, BELOUSOV)  # extraction run again: same raw keys
    assert ("AES", "AES (alliance)", "place") in _seen(store, aid)
    assert len(es.list_entities(store.conn)) == 3


def test_merge_moves_keys_and_mentions_and_undo_moves_them_back(store: Store) -> None:
    a, b = _article(store), _article(store, TEXT + " B.")
    usa = [_m("USA", "place", "USA")]
    _save(store, a, BELOUSOV + usa)
    _save(store, b, usa)
    by_name = _by_name(store)
    src, dst = by_name["USA"].id, by_name["Niamey"].id
    with store.transaction() as conn:
        assert es.merge(conn, src, dst) == [a, b]
    assert "USA" not in _by_name(store)
    merged = _by_name(store)["Niamey"]
    assert (merged.article_count, merged.mention_count, merged.aliases) == (2, 3, ("USA",))
    assert ("USA", "Niamey", "place") in _seen(store, b)
    assert es.entity(store.conn, src) is not None  # kept, merged into the target
    assert store.conn.execute("SELECT merged_into FROM entities WHERE id = ?",
                              (src,)).fetchone()[0] == dst
    # A new article naming the merged entity lands on the target, through the keys...
    c = _article(store, "Les USA.")
    _save(store, c, [Mention(4, 7, "place", "USA", "USA")])
    assert _seen(store, c) == [("USA", "Niamey", "place")]
    (payload,) = [json.loads(r[0]) for r in store.conn.execute("SELECT payload FROM edits")]
    assert payload["source"] == src and payload["target"] == dst
    assert payload["keys"] == [["USA", "place"]]
    assert len(payload["mentions"]) == 2
    with store.transaction() as conn:
        kind, affected = es.undo_last(conn)  # type: ignore[misc]
    assert (kind, sorted(affected)) == ("merge", [a, b, c])
    assert _seen(store, b) == [("USA", "USA", "place")]
    assert ("USA", "USA", "place") in _seen(store, a)
    assert es.undo_last(store.conn) is None
    assert store.conn.execute("SELECT merged_into FROM entities WHERE id = ?",
                              (src,)).fetchone()[0] is None
    # ...and, the keys being back, re-extraction after the undo lands on the source.
    _save(store, c, [Mention(4, 7, "place", "USA", "USA")])
    assert _seen(store, c) == [("USA", "USA", "place")]
    assert _by_name(store)["Niamey"].mention_count == 1


def test_merges_chain_to_the_surviving_entity(store: Store) -> None:
    text = "Gao, Kidal, Tombouctou."
    aid = _article(store, text)
    _save(store, aid, [Mention(0, 3, "place", "Gao", "Gao"),
                       Mention(5, 10, "place", "Kidal", "Kidal"),
                       Mention(12, 22, "place", "Tombouctou", "Tombouctou")])
    by_name = _by_name(store)
    with store.transaction() as conn:
        es.merge(conn, by_name["Gao"].id, by_name["Kidal"].id)
        es.merge(conn, by_name["Kidal"].id, by_name["Tombouctou"].id)
    # A key still pointing at a merged entity follows the chain.
    with store.transaction() as conn:
        conn.execute("UPDATE entity_keys SET entity_id = ? WHERE name = 'Gao'",
                     (by_name["Gao"].id,))
    _save(store, aid, [Mention(0, 3, "place", "Gao", "Gao")])
    assert _seen(store, aid) == [("Gao", "Tombouctou", "place")]
    # A merge loop (a damaged store) does not hang.
    with store.transaction() as conn:
        conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?",
                     (by_name["Gao"].id, by_name["Tombouctou"].id))
    _save(store, aid, [Mention(0, 3, "place", "Gao", "Gao")])
    assert len(es.article_mentions(store.conn, aid)) == 1


@pytest.mark.xfail(strict=True, reason="undoing a merge cannot find the mentions that an "
                   "extraction after the merge put on the target (mentions do not record "
                   "their key): reported to the lead")
def test_undoing_a_merge_after_reextraction_moves_its_mentions_back(store: Store) -> None:
    first, later = _article(store), _article(store, TEXT + " Plus tard.")
    usa = [_m("USA", "place", "USA"), _m("Niamey", "place", "Niamey")]
    _save(store, first, usa)
    by_name = _by_name(store)
    with store.transaction() as conn:
        es.merge(conn, by_name["USA"].id, by_name["Niamey"].id)
    _save(store, later, usa)  # extracted while merged
    _save(store, first, usa)  # re-extracted while merged
    with store.transaction() as conn:
        es.undo_last(conn)
    assert ("USA", "USA", "place") in _seen(store, first)
    assert ("USA", "USA", "place") in _seen(store, later)


def test_the_edit_log_keeps_names_readable(store: Store) -> None:
    aid = _article(store)
    _save(store, aid, BELOUSOV)
    aes = _by_name(store)["Alliance des États du Sahel"].id
    with store.transaction() as conn:
        es.rename(conn, aes, "Alliance des États du Sahel (AES)")
    ((payload,),) = store.conn.execute("SELECT payload FROM edits").fetchall()
    assert payload == json.dumps({"id": aes, "old": "Alliance des États du Sahel",
                                  "new": "Alliance des États du Sahel (AES)"},
                                 ensure_ascii=False)
    assert "États" in payload  # stored as written, not as \\u escapes


def test_at_most_5000_entities_by_default_each_with_its_aliases(store: Store) -> None:
    words = [f"Lieu{k:04d}" for k in range(5001)]
    text = " ".join(words)
    aid = _article(store, text)
    starts = [k * 9 for k in range(5001)]  # "LieuNNNN " is 9 characters
    _save(store, aid, [Mention(s, s + 8, "place", w, f"Ville {w}")
                       for s, w in zip(starts, words, strict=True)])
    infos = es.list_entities(store.conn)
    assert len(infos) == 5000
    # Aliases are read 500 entities at a time: every chunk, none skipped or shifted.
    assert [(e.name, e.aliases) for e in infos] == [(f"Ville {w}", (w,)) for w in words[:5000]]
    assert len(es.list_entities(store.conn, limit=6000)) == 5001
