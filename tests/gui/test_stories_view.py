"""One row per story in the list; the article pane lists the versions and what changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from index.library import Library
from reader_app.main_window import MainWindow
from tests.index.test_stories import APART, VERSIONS

WAIT = 20000


@pytest.fixture
def story_window(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, Library, dict[str, int]]]:
    rows = {**VERSIONS, **APART}
    feed = tmp_path / "versions.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows.values()),
                    encoding="utf-8")
    lib = Library.open(tmp_path / "lib")
    lib.import_paths([feed])
    ids = {name: n for n, name in enumerate(rows, start=1)}
    win = MainWindow(lib, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.show()
    yield win, lib, ids
    win.close()
    lib.close()


def _search(qtbot, win: MainWindow, text: str) -> None:
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.search_bar.box.setText(text)
        win.search.search_now(text)


def _listed(win: MainWindow) -> list[int]:
    return win.results_model.ids()


def test_the_list_shows_one_row_per_story_until_switched(qtbot, story_window) -> None:
    win, _lib, ids = story_window
    _search(qtbot, win, "Niamey")
    mine = {ids[name] for name in VERSIONS}
    assert win.search_bar.versions.isChecked()
    grouped = _listed(win)
    assert len(mine & set(grouped)) == 1
    assert win.search_bar.count.text() == (
        f"{len(grouped)} stories ({len(grouped) + len(VERSIONS) - 1} articles)")
    (row,) = [r for r, aid in enumerate(grouped) if aid in mine]
    qtbot.waitUntil(lambda: win.results_model.hit(row) is not None, timeout=WAIT)
    assert win.results_model.hit(row).version_count == len(VERSIONS)
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.search_bar.versions.setChecked(False)
    every = _listed(win)
    assert mine <= set(every) and len(every) == len(grouped) + len(VERSIONS) - 1
    assert win.search_bar.count.text() == f"{len(every)} articles"


def test_the_pane_lists_the_versions_and_what_this_one_changes(qtbot, story_window) -> None:
    win, _lib, ids = story_window
    panel = win.article_pane.story_panel
    with qtbot.waitSignal(win.relatedShown, timeout=WAIT) as related:
        win.open_article(ids["trimmed end"])
    assert panel.isVisible() and not panel.area.isVisible()
    # Its versions are listed here, not again among the related articles.
    assert not {ids[name] for name in VERSIONS} & set(related.args[0].ids)
    assert panel.toggle.text().startswith(f"{len(VERSIONS)} versions of this story")
    assert panel.toggle.text().endswith("this one drops 4 sentences")
    panel.toggle.click()
    assert panel.area.isVisible() and panel.details.isVisible()
    html = panel.details.text()
    assert f"article:{ids['original']}" in html and "text-decoration:line-through" in html
    assert "Le président de la transition nigérienne" in html  # a dropped sentence
    with qtbot.waitSignal(win.articleShown, timeout=WAIT) as shown:
        panel.details.linkActivated.emit(f"article:{ids['original']}")
    assert shown.args == [ids["original"]]
    qtbot.waitUntil(lambda: "earliest" in panel.toggle.text(), timeout=WAIT)
    with qtbot.waitSignal(win.relatedShown, timeout=WAIT):
        win.open_article(ids["same subject"])
    assert not panel.isVisible()
