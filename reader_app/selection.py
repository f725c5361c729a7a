"""The list's selection as ranges of rows, so that selecting and acting on 100,000
articles costs a few slices, not 100,000 index objects (never ``selectedIndexes``).

A write makes the window search again (its library changed) and set its current row
again, which clears a selection; ``SelectionKeeper`` puts the same articles back when
the same query is shown again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject
from PySide6.QtWidgets import QAbstractItemView

from reader_app.models.results_model import ResultsModel


def merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first, last) spans sorted, overlapping or adjacent ones joined."""
    out: list[tuple[int, int]] = []
    for top, bottom in sorted(spans):
        if out and top <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], bottom))
        else:
            out.append((top, bottom))
    return out


def selected_ranges(view: QAbstractItemView) -> list[tuple[int, int]]:
    """(first, last) rows of the selection, in list order."""
    model = view.selectionModel()
    if model is None:
        return []
    ranges = model.selection()
    return merged([(r.top(), r.bottom()) for i in range(ranges.count())
                   if (r := ranges.at(i)).isValid()])


def selected_ids(view: QAbstractItemView, model: ResultsModel) -> list[int]:
    ids: list[int] = []
    for top, bottom in selected_ranges(view):
        ids.extend(model.ids(top, bottom))
    return ids


def rows_to_ranges(rows: Sequence[int]) -> list[tuple[int, int]]:
    return merged([(row, row) for row in rows])


def select_ranges(view: QAbstractItemView, model: ResultsModel,
                  ranges: Sequence[tuple[int, int]]) -> None:
    """Make the selection exactly these row ranges and the current row, in one call
    (merging into a selection of 100,000 rows splits it row by row) and none when it
    is already so."""
    current = view.currentIndex().row()
    last = model.rowCount() - 1
    spans = [(max(0, top), min(bottom, last)) for top, bottom in ranges]
    spans = merged([s for s in spans if s[0] <= s[1]]
                   + ([(current, current)] if current >= 0 else []))
    if not spans or selected_ranges(view) == spans:
        return
    selection = QItemSelection()
    for top, bottom in spans:
        selection.select(model.index(top), model.index(bottom))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


class SelectionKeeper(QObject):
    """Remembers the selection when the list is about to show the same query again,
    and restores it once the window has shown it (after it set its current row)."""

    def __init__(self, view: QAbstractItemView, model: ResultsModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._model = model
        self._kept: tuple[list[int], list[tuple[int, int]]] | None = None
        self._wanted: set[int] | None = None
        model.resultsAboutToChange.connect(self._remember)

    def _remember(self) -> None:
        ranges = selected_ranges(self._view)
        refreshing = self._model.refreshing and bool(ranges)
        self._kept = (self._model.ids(), ranges) if refreshing else None

    def select_later(self, ids: Sequence[int]) -> None:
        """Select these articles once the next results are shown (e.g. after an undo)."""
        self._wanted = set(ids)

    def restore(self) -> None:
        kept, self._kept = self._kept, None
        wanted, self._wanted = self._wanted, None
        if wanted:
            rows = [r for r in (self._model.row_of(i) for i in wanted) if r >= 0]
            select_ranges(self._view, self._model, rows_to_ranges(rows))
            return
        if kept is None or not self._model.refreshing:
            return
        old_ids, ranges = kept
        if self._model.ids() == old_ids:
            select_ranges(self._view, self._model, ranges)
            return
        chosen = [aid for top, bottom in ranges for aid in old_ids[top:bottom + 1]]
        rows = [r for r in (self._model.row_of(i) for i in chosen) if r >= 0]
        select_ranges(self._view, self._model, rows_to_ranges(rows))
