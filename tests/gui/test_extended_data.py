"""The window on real third-party articles (../shared/data); skipped when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader_app.main_window import MainWindow
from tests.gui.conftest import drop_files

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
SAMPLE_TXT = DATA / "news-fr" / "sample-txt"
LONG = 120000

pytestmark = [
    pytest.mark.extended,
    pytest.mark.skipif(not SAMPLE_TXT.is_dir(), reason="../shared/data is not available"),
]


def test_dropped_wikinews_folder_is_searchable_and_read(qtbot, window: MainWindow) -> None:
    files = sorted(SAMPLE_TXT.glob("*.txt"))
    with qtbot.waitSignal(window.importFinished, timeout=LONG) as imported:
        assert drop_files(window, [SAMPLE_TXT])
    report = imported.args[0]
    assert report.count("imported") == len(files) and report.ok
    qtbot.waitUntil(lambda: window.results_model.rowCount() == len(files), timeout=LONG)
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as searched:
        window.search_box.setText("fusee spacex")  # accents folded: finds « fusée »
        window.search.search_now(window.search_box.text())
    results = searched.args[0]
    assert results.total >= 1
    with qtbot.waitSignal(window.articleShown, timeout=LONG):
        window.article_list.setCurrentIndex(window.results_model.index(0))
    assert "SpaceX" in window.article_view.toPlainText()
    assert window.article_view.match_count() >= 2
    qtbot.waitUntil(lambda: window.entity_panel.article_model.entity_count() > 0, timeout=LONG)
