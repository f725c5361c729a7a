"""The list and sidebar models: Qt's model checker, lazy rows, grouping."""

from __future__ import annotations

from PySide6.QtCore import Qt

from index.models import Hit, Mention, SearchResults
from reader_app.models.entity_model import EntityModel, EntityRow, rows_from_mentions
from reader_app.models.results_model import ArticleIdRole, HitRole, ResultsModel


def _hit(i: int) -> Hit:
    return Hit(i, 1.0 / i, f"Titre {i}", "2025-07-08", "Le Sahel", "fr", f"mot <mark>{i}</mark>")


def _results(n_hits: int, n_ids: int) -> SearchResults:
    return SearchResults(
        query="mot",
        hits=tuple(_hit(i) for i in range(1, n_hits + 1)),
        total=n_ids,
        ids=tuple(range(1, n_ids + 1)),
    )


def test_results_model_passes_qt_model_checks(qtmodeltester) -> None:
    model = ResultsModel()
    model.set_results(_results(5, 40))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 40


def test_rows_without_snippets_are_requested_in_one_batch(qtbot) -> None:
    model = ResultsModel()
    model.set_results(_results(3, 10))
    assert model.index(0).data(HitRole).title == "Titre 1"
    with qtbot.waitSignal(model.rowsWanted) as blocker:
        for row in range(3, 10):
            assert model.index(row).data(HitRole) is None
    generation, ids = blocker.args
    assert ids == list(range(4, 11))
    model.add_hits(generation, [_hit(i) for i in ids])
    assert model.index(9).data() == "Titre 10"
    assert model.index(9).data(ArticleIdRole) == 10


def test_snippets_for_an_older_result_set_are_ignored() -> None:
    model = ResultsModel()
    model.set_results(_results(0, 5))
    old = model.generation
    model.set_results(_results(0, 5))
    model.add_hits(old, [_hit(2)])
    assert model.hit(1) is None


def test_entity_model_groups_by_type_and_counts(qtmodeltester) -> None:
    mentions = [
        Mention(0, 5, "person", "Souley", "Ibrahim Maïga Souley"),
        Mention(10, 32, "person", "Ibrahim Maïga Souley", "Ibrahim Maïga Souley"),
        Mention(40, 46, "place", "Niamey", "Niamey"),
        Mention(50, 53, "organisation", "AES", "Alliance des États du Sahel"),
    ]
    model = EntityModel()
    model.set_rows(rows_from_mentions(mentions))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3  # "other" has no entity: no empty group
    people = model.group_index("person")
    assert people.data() == "People (1)"
    child = model.index(0, 0, people)
    assert model.entity_at(child) == EntityRow("person", "Ibrahim Maïga Souley", 2)
    assert model.index(0, 1, people).data() == "2"


def test_entity_model_orders_by_count_then_name() -> None:
    model = EntityModel()
    model.set_rows(
        [
            EntityRow("place", "Mali", 1),
            EntityRow("place", "Bamako", 4),
            EntityRow("place", "Abidjan", 1),
        ],
        "Articles",
    )
    group = model.group_index("place")
    names = [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
    assert names == ["Bamako", "Abidjan", "Mali"]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Articles"
