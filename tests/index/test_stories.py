"""Versions of one story share it; stories on one subject stay apart (index/stories.py)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from index import Library

DISPATCH = [
    "Les chefs d'État du Mali, du Burkina Faso et du Niger se sont réunis samedi à Niamey "
    "pour le deuxième sommet de l'Alliance des États du Sahel.",
    "Les trois dirigeants ont adopté un traité qui crée une force unifiée de cinq mille "
    "soldats chargée de surveiller les frontières communes.",
    "Le texte prévoit aussi une banque d'investissement commune et un passeport unique "
    "pour les ressortissants des trois pays membres.",
    "Selon un diplomate présent à Niamey, les discussions ont duré plus de six heures et "
    "ont porté surtout sur le financement de la force.",
    "Le président de la transition nigérienne a qualifié la rencontre d'étape historique "
    "pour la souveraineté des peuples du Sahel.",
    "Les ministres de la Défense doivent se retrouver à Bamako le mois prochain afin de "
    "fixer le calendrier du déploiement des premières unités.",
    "La Communauté économique des États de l'Afrique de l'Ouest n'a pas encore réagi à "
    "l'annonce, attendue depuis plusieurs semaines par les observateurs.",
    "Les trois pays avaient annoncé leur retrait de l'organisation régionale au début de "
    "l'année, en dénonçant des sanctions jugées injustes.",
]
BOILERPLATE = ("Abonnez-vous à notre lettre d'information quotidienne pour recevoir chaque "
               "matin l'essentiel de l'actualité africaine dans votre boîte de réception.")
SAME_SUBJECT = [
    "À Niamey, les habitants ont suivi avec attention le sommet de l'Alliance des États "
    "du Sahel organisé ce week-end au palais des congrès.",
    "Dans les marchés de la capitale, beaucoup de commerçants espèrent que la monnaie "
    "commune évoquée depuis un an verra bientôt le jour.",
    "Un enseignant rencontré près du fleuve estime que la population attend surtout des "
    "routes, des écoles et la fin des coupures d'électricité.",
    "Les jeunes interrogés se disent fiers de l'alliance mais inquiets du chômage qui "
    "touche une grande partie des diplômés de l'université.",
    "Plusieurs associations de femmes demandent à être associées aux prochaines "
    "rencontres entre les trois gouvernements de la région.",
]
OTHER_STORY_SAME_OUTLET = [
    "Le prix du riz a augmenté de près de vingt pour cent en un mois sur les marchés de "
    "Ouagadougou, selon une enquête publiée lundi par une association de consommateurs.",
    "Les importateurs expliquent cette hausse par le coût du transport depuis les ports "
    "du golfe de Guinée et par la faiblesse des récoltes locales.",
    "Le gouvernement promet de distribuer des stocks de sécurité dans les quartiers les "
    "plus touchés avant la fin du mois de ramadan.",
]
ENGLISH = [
    "The heads of state of Mali, Burkina Faso and Niger met in Niamey on Saturday for the "
    "second summit of the Alliance of Sahel States.",
    "The three leaders adopted a treaty creating a unified force of five thousand soldiers "
    "to watch over their shared borders.",
    "The text also provides for a common investment bank and a single passport for the "
    "citizens of the three member countries.",
    "According to a diplomat in Niamey, the talks lasted more than six hours and focused "
    "mainly on how the force will be paid for.",
]


def _article(title: str, sentences: list[str], lang: str = "fr", day: int = 1) -> dict:
    return {"title": title, "text": "\n\n".join(sentences), "lang": lang,
            "date": f"2026-03-{day:02d}"}


VERSIONS = {
    "original": _article("Sommet de l'AES à Niamey", DISPATCH),
    "new lead and headline": _article(
        "AES : un traité pour une force commune",
        ["NOUVELLE VERSION, avec la réaction du président de la transition et le calendrier "
         "de la réunion de Bamako annoncée par les ministres.", *DISPATCH[:3],
         DISPATCH[3].replace("six heures", "sept heures"), *DISPATCH[4:]], day=2),
    "trimmed end": _article("Sommet de l'AES", DISPATCH[:4], day=2),
    "flash": _article("URGENT", DISPATCH[:1], day=1),
    "added paragraph": _article(
        "Sommet de l'AES à Niamey", [*DISPATCH[:5], "Des manifestations de soutien ont eu "
                                     "lieu dans plusieurs villes du Niger dimanche matin, "
                                     "selon des images diffusées par la télévision publique.",
                                     *DISPATCH[5:]], day=3),
    "another outlet": _article("Niamey accueille le sommet de l'AES",
                               ["NIAMEY (Agence) —", *DISPATCH[:6], BOILERPLATE], day=3),
    "rewritten lead": _article("Force commune au Sahel", [
        "Réunis ce samedi dans la capitale nigérienne, les présidents malien, burkinabè et "
        "nigérien ont tenu le deuxième sommet de leur alliance.",
        "Ils y ont signé un traité instituant une force de cinq mille hommes pour garder "
        "les frontières des trois pays.", *DISPATCH[2:]], day=4),
}
APART = {
    "same subject": _article("À Niamey, la rue suit le sommet", SAME_SUBJECT, day=2),
    "same outlet, other story": _article("Le riz plus cher à Ouagadougou",
                                         [*OTHER_STORY_SAME_OUTLET, BOILERPLATE], day=3),
    "translation": _article("Sahel summit in Niamey", ENGLISH, lang="en", day=2),
    "background reused": _article("Le coton malien cherche de nouveaux acheteurs", [
        "Les producteurs de coton du sud du Mali cherchent de nouveaux acheteurs en Asie "
        "après une saison marquée par la chute des cours mondiaux.",
        "Les sociétés cotonnières affirment que les usines d'égrenage tournent à moitié de "
        "leur capacité depuis le mois de janvier.",
        "Plusieurs coopératives réclament un prix garanti pour la prochaine campagne, "
        "faute de quoi elles menacent de ne pas semer.", *DISPATCH[6:]], day=4),
    "another language label": _article("Sommet de l'AES (copie)", ["Copie reçue le 4 mars.",
                                                                    *DISPATCH], lang="en", day=4),
    # A recurring bulletin filled in twice: the same words, yet two pieces of news.
    "template brief": _article("Bulletin 5", ["Bulletin 5 : le convoi est arrivé à Kidal.",
                                              "Aucun incident n'a été signalé ce matin."], day=5),
    "same template, other brief": _article("Bulletin 6", [
        "Bulletin 6 : le convoi est arrivé à Kidal.",
        "Aucun incident n'a été signalé ce matin."], day=6),
}


@pytest.fixture
def grouped(tmp_path: Path) -> tuple[Library, dict[str, int]]:
    feed = tmp_path / "versions.jsonl"
    rows = {**VERSIONS, **APART}
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows.values()),
                    encoding="utf-8")
    lib = Library.open(tmp_path / "lib")
    lib.import_paths([feed])
    ids = {name: n for n, name in enumerate(rows, start=1)}
    for name, article_id in ids.items():
        assert lib.article(article_id) is not None, name
    yield lib, ids
    lib.close()


def test_versions_share_one_story(grouped: tuple[Library, dict[str, int]]) -> None:
    lib, ids = grouped
    story = lib.story(ids["original"])
    assert story is not None
    assert story.versions == tuple(sorted(ids[name] for name in VERSIONS))
    for name in VERSIONS:
        assert lib.story(ids[name]) == story, name


@pytest.mark.parametrize("name", list(APART))
def test_other_stories_stay_apart(grouped: tuple[Library, dict[str, int]], name: str) -> None:
    lib, ids = grouped
    story = lib.story(ids[name])
    assert story is not None and story.versions == (ids[name],)


def test_a_version_imported_later_joins_the_story(tmp_path: Path,
                                                  grouped: tuple[Library, dict[str, int]]
                                                  ) -> None:
    lib, ids = grouped
    later = tmp_path / "later.json"
    later.write_text(json.dumps(_article("AES : le traité signé", [
        "Mise à jour dimanche soir avec les chiffres définitifs du budget.", *DISPATCH[:5]],
        day=5), ensure_ascii=False), encoding="utf-8")
    lib.import_paths([later])
    new_id = max(ids.values()) + 1
    story = lib.story(new_id)
    assert story is not None and story.story == lib.story(ids["original"]).story
    assert new_id in story.versions and len(story.versions) == len(VERSIONS) + 1
    many = lib.stories([ids["original"], ids["translation"], new_id])
    assert many[new_id] == story and many[ids["translation"]].versions == (ids["translation"],)


def test_an_old_library_is_grouped_by_the_next_writer(
        tmp_path: Path, grouped: tuple[Library, dict[str, int]]) -> None:
    """Articles without a story (a library from before stories, a kill after an import)
    are grouped by the next writer, in the same way."""
    lib, ids = grouped
    before = {name: lib.story(i) for name, i in ids.items()}
    with sqlite3.connect(lib.path / "library.sqlite3") as conn:
        conn.execute("DELETE FROM story_members")
        conn.execute("DELETE FROM story_keys")
    assert lib.story(ids["original"]) is None
    assert lib.group_stories() == len(ids)
    assert {name: lib.story(i) for name, i in ids.items()} == before


def test_a_deleted_version_leaves_the_story(grouped: tuple[Library, dict[str, int]]) -> None:
    lib, ids = grouped
    lib.delete_articles([ids["trimmed end"]])
    story = lib.story(ids["original"])
    assert story is not None and ids["trimmed end"] not in story.versions
    assert len(story.versions) == len(VERSIONS) - 1


def test_search_by_story_gives_one_row_per_story(
        grouped: tuple[Library, dict[str, int]]) -> None:
    lib, ids = grouped
    every = lib.search("Niamey", limit=50)
    one = lib.search("Niamey", limit=50, by_story=True)
    mine = {ids[name] for name in VERSIONS}
    assert mine <= set(every.ids)
    assert len(mine & set(one.ids)) == 1, "the story's versions are one row"
    assert one.total == every.total - (len(mine) - 1) == len(one.ids)
    assert [h.article_id for h in one.hits] == list(one.ids)[:50]
    (row,) = [h for h in one.hits if h.article_id in mine]
    assert row.version_count == len(VERSIONS) and row.outlet_count == 1  # no source given
    alone = next(h for h in one.hits if h.article_id == ids["same subject"])
    assert alone.version_count == 1
    # Every version row says it has versions too, when the list shows them all.
    assert {h.version_count for h in every.hits if h.article_id in mine} == {len(VERSIONS)}
    assert lib.hits("Niamey", [ids["trimmed end"]])[0].version_count == len(VERSIONS)


def test_facets_and_timeline_count_stories_when_asked(
        grouped: tuple[Library, dict[str, int]]) -> None:
    lib, _ids = grouped
    versions = dict(lib.facets("Niamey")["lang"])
    stories = dict(lib.facets("Niamey", by_story=True)["lang"])
    assert versions["fr"] - stories["fr"] == len(VERSIONS) - 1
    assert stories["en"] == versions["en"]
    every = sum(n for _d, n in lib.timeline("Niamey"))
    once = sum(n for _d, n in lib.timeline("Niamey", by_story=True))
    assert every - once == len(VERSIONS) - 1


def test_a_version_says_what_it_adds_and_drops(
        grouped: tuple[Library, dict[str, int]]) -> None:
    lib, ids = grouped
    added = lib.story_comparison(ids["added paragraph"])
    assert added is not None
    assert added.earliest.article_id == ids["original"]  # dated 1 March, like the flash
    assert [v.date for v in added.versions] == sorted(v.date for v in added.versions)
    assert len(added.versions) == len(VERSIONS)
    assert added.added == ("Des manifestations de soutien ont eu lieu dans plusieurs villes "
                           "du Niger dimanche matin, selon des images diffusées par la "
                           "télévision publique.",) and added.dropped == ()
    trimmed = lib.story_comparison(ids["trimmed end"])
    assert trimmed is not None and trimmed.added == () and trimmed.dropped == tuple(DISPATCH[4:])
    edited = lib.story_comparison(ids["new lead and headline"])
    assert edited is not None and len(edited.added) == 2 and len(edited.dropped) == 1
    assert "sept heures" in edited.added[1] and "six heures" in edited.dropped[0]
    first = lib.story_comparison(ids["original"])
    assert first is not None and first.added == first.dropped == ()
    assert lib.story_comparison(ids["same subject"]) is None


def test_a_page_of_hits_counts_its_stories_as_the_whole_map_does(
        grouped: tuple[Library, dict[str, int]]) -> None:
    """A one-shot search reads only its page's stories (issue 12: the whole map took
    200 ms of a command-line search at 100,000 articles); the counts are the same."""
    from index import stories

    lib, ids = grouped
    names = list(VERSIONS)
    lib.edit_article(ids[names[0]], source="RFI")
    lib.edit_article(ids[names[1]], source="Le Monde")
    whole = stories.multi_version_map(lib.store.conn)
    page = list(ids.values())
    expected = {i: whole.counts(i) for i in page if whole.counts(i)[0] > 1}
    assert stories.counts_of(lib.store.conn, page) == expected
    assert expected[ids[names[0]]] == (len(VERSIONS), 2)
    lib._story_cache = None  # as in a fresh process: the page's query answers
    cold = lib.search("Niamey", limit=50)
    assert {h.version_count for h in cold.hits if h.article_id in expected} == {len(VERSIONS)}
    assert {h.outlet_count for h in cold.hits if h.article_id in expected} == {2}
