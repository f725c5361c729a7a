"""The team archive in the window (issue 13): Sync, the article's history, the switch
that searches the server too. One call from MainWindow puts the three in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader_app.article_history import ArticleHistory
from reader_app.sync_controller import SyncController
from reader_app.team_search import TeamSearch

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow


def install_team(window: MainWindow) -> tuple[SyncController, TeamSearch, ArticleHistory]:
    sync = SyncController(window)  # File > Sync, the status bar's button and line
    search = TeamSearch(window)  # the "Team archive" switch and its hits
    sync.serverChanged.connect(search.set_available)  # Preferences > Team server
    return sync, search, ArticleHistory(window)
