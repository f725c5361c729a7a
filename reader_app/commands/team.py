"""sync, fetch: the team archive on a PostgreSQL server, from the command line.

``search --remote URL`` lives with ``search`` (commands/articles.py). The server's URL comes
from ``--remote``, else ``$VEILLE_REMOTE``, else the last sync of this library; a password
typed in it is remembered outside the library (index/sync/credentials.py).
"""

from __future__ import annotations

import argparse
import os
import threading
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from index.errors import EXIT_FAILED, EXIT_OK, QueryError
from index.sync import ENV_REMOTE
from reader_app.cli_support import emit, end_progress, prepare_writer, progress_printer

if TYPE_CHECKING:
    from index import Library
    from index.sync.following import Follow



def register(sub: Any, common: argparse.ArgumentParser, handlers: dict[str, Any]) -> None:
    sync = sub.add_parser(
        "sync", parents=[common], help="send and receive articles and work with the team server",
        description="Send this library's new articles, states, tags, notes, highlights, "
        "dossiers, watches and entity edits to the team's PostgreSQL server and bring back "
        "everyone else's. Exit code 0 when the sync completed, 5 when the server could not "
        "be reached or refused.")
    sync.add_argument("--remote", metavar="URL",
                      help=f"postgresql://user@host/database (default: ${ENV_REMOTE}, "
                      "then the last server this library synced with)")
    sync.add_argument("--as", dest="author", metavar="NAME",
                      help="the name your changes carry (default: your login)")
    hold = sync.add_argument_group(
        "what this library holds", "Kept for the next syncs until changed. Following only "
        "part of the archive, the library receives what matches your watches, carries a "
        "followed tag, sits in a followed dossier or falls in the date range, plus what you "
        "fetch; `search --remote` searches the rest on the server.")
    hold.add_argument("--everything", action="store_true",
                      help="hold the whole team archive (the default)")
    hold.add_argument("--only-followed", action="store_true",
                      help="hold only what you follow")
    hold.add_argument("--no-watches", action="store_true",
                      help="with --only-followed: your watches do not bring articles")
    hold.add_argument("--follow-tag", action="append", default=[], metavar="TAG")
    hold.add_argument("--follow-dossier", action="append", default=[], metavar="DOSSIER")
    hold.add_argument("--since", metavar="DATE", help="with --only-followed: articles from")
    hold.add_argument("--until", metavar="DATE", help="with --only-followed: articles to")
    fetch = sub.add_parser("fetch", parents=[common],
                           help="bring one article of the team archive into the library")
    fetch.add_argument("content_hash", metavar="HASH",
                       help="the article's content hash (search --remote --json gives it)")
    fetch.add_argument("--remote", metavar="URL")
    handlers.update({"sync": _sync, "fetch": _fetch})


def remote_url(lib: Library | None, given: str | None) -> str:
    """--remote, else $VEILLE_REMOTE, else where this library last synced."""
    url = given or os.environ.get(ENV_REMOTE) or (
        lib.store.meta("sync_remote") if lib is not None else None)
    if not url:
        raise QueryError(f"no team server: give --remote postgresql://user@host/database "
                         f"or set {ENV_REMOTE}")
    from index.sync.credentials import is_url

    if not is_url(url):
        raise QueryError(f"{url!r} is not a PostgreSQL URL (postgresql://user@host/database)")
    return url


def _sync(lib: Library, args: argparse.Namespace) -> int:
    from index.sync.session import sync

    url = remote_url(lib, args.remote)
    follow = _follow(args)
    prepare_writer(lib)
    report = sync(lib, url, author=args.author, progress=progress_printer("syncing"),
                  cancel=threading.Event(), follow=follow)
    end_progress()
    from index.sync.following import following

    held = following(lib).describe()
    emit(args, asdict(report) | {"holds": held}, f"{report.summary()}\nThis library holds "
         f"{held}.")
    return EXIT_OK


def _follow(args: argparse.Namespace) -> Follow | None:
    """None: keep the library's last choice."""
    from index.sync.following import Follow

    narrowing = (args.follow_tag or args.follow_dossier or args.since or args.until
                 or args.no_watches)
    if args.everything and (args.only_followed or narrowing):
        raise QueryError("--everything cannot be given with what to follow")
    if args.everything:
        return Follow()
    if not args.only_followed:
        if narrowing:
            raise QueryError("add --only-followed to hold only what you follow")
        return None
    return Follow(everything=False, watches=not args.no_watches,
                  tags=tuple(args.follow_tag), dossiers=tuple(args.follow_dossier),
                  since=args.since, until=args.until)


def _fetch(lib: Library, args: argparse.Namespace) -> int:
    from index.sync.session import fetch_article

    url = remote_url(lib, args.remote)
    prepare_writer(lib)
    article_id = fetch_article(lib, url, args.content_hash)
    if article_id is None:
        emit(args, {"id": None}, f"the team archive holds no article {args.content_hash}")
        return EXIT_FAILED
    emit(args, {"id": article_id}, f"article {article_id}")
    return EXIT_OK
