"""import, search, show, reindex, check: the library's articles from the command line."""

from __future__ import annotations

import argparse
import html
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import EXIT_FAILED, EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE
from reader_app.cli_support import (
    emit,
    end_progress,
    note_unsearchable,
    prepare_writer,
    progress_printer,
    say,
)

if TYPE_CHECKING:
    from index import Library
    from index.stories import StoryInfo

Handlers = dict[str, Any]


def register(sub: Any, common: argparse.ArgumentParser, handlers: Handlers) -> None:
    imp = sub.add_parser("import", parents=[common], help="import files, folders, archives")
    imp.add_argument("paths", nargs="+", type=Path)
    imp.add_argument(
        "--no-entities",
        action="store_true",
        help="return once searchable; leave entity extraction for later",
    )
    search = sub.add_parser("search", parents=[common], help="search the library")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance")
    search.add_argument("--remote", metavar="URL",
                        help="search the team archive on this PostgreSQL server instead")
    show = sub.add_parser("show", parents=[common], help="show one article")
    show.add_argument("id", type=int)
    sub.add_parser("reindex", parents=[common], help="rebuild the search index from the store")
    check = sub.add_parser(
        "check", parents=[common], help="check the library fully; --repair mends it",
        description="Check every page of the store and every file of the search index. "
        "With --repair, recover what can be read from a damaged store (the damaged file is "
        "kept), re-import kept originals whose articles were lost, and rebuild the index.",
    )
    check.add_argument("--repair", action="store_true")
    handlers.update({"import": _cmd_import, "search": _cmd_search, "show": _cmd_show,
                     "reindex": _cmd_reindex})
    # "check" runs without opening the library first (a damaged one may not open): cli.py


def _cmd_import(lib: Library, args: argparse.Namespace) -> int:
    prepare_writer(lib)
    report = lib.import_paths(args.paths, progress=progress_printer("importing"))
    if not args.no_entities and not report.stopped:
        lib.extract_pending(progress=progress_printer("entities"), cancel=threading.Event())
    end_progress()
    lines = []
    for f in report.files:
        tail = f" - {f.reason}" if f.reason else ""
        ids = f" -> {', '.join(map(str, f.article_ids))}" if f.article_ids else ""
        lines.append(f"{f.status:<9} {f.path}{ids}{tail}")
        lines.extend(f"          warning: {w}" for w in f.warnings)
    lines.append(report.summary())
    lines.extend(f"watch {name}: {count} new article(s)" for name, count in report.watches.items())
    data = {
        "files": [
            {
                "path": f.path,
                "status": f.status,
                "reason": f.reason,
                "article_ids": list(f.article_ids),
                "warnings": list(f.warnings),
            }
            for f in report.files
        ],
        "summary": {s: report.count(s) for s in ("imported", "duplicate", "skipped", "failed")},
        "stopped": report.stopped,
        "watches": report.watches,
    }
    emit(args, data, "\n".join(lines))
    if report.stopped:
        say(f"the import stopped: {report.stopped}")
        return EXIT_UNUSABLE
    return EXIT_OK if report.ok else EXIT_FAILED


def _cmd_search(lib: Library, args: argparse.Namespace) -> int:
    if args.limit < 1:
        print("--limit must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.remote:
        return _remote_search(lib, args)
    results = lib.search(args.query, limit=args.limit, sort=args.sort)
    note_unsearchable(lib)
    stories = lib.stories([h.article_id for h in results.hits])
    data = {
        "query": results.query,
        "total": results.total,
        "corrected": results.corrected,
        "suggestion": results.suggestion,
        "partial": results.partial,
        "notice": getattr(results, "notice", None),
        "hits": [asdict(h) | _story_fields(stories.get(h.article_id)) for h in results.hits],
    }
    lines = []
    if getattr(results, "notice", None):
        lines.append(str(results.notice))
    if results.corrected:
        lines.append(f"Showing results for: {results.corrected}")
    elif results.suggestion:
        lines.append(f"Did you mean: {results.suggestion}?")
    if results.partial:
        lines.append("No article has all the words; showing articles with most of them.")
    lines.append(f"{results.total} result(s)")
    for h in results.hits:
        story = stories.get(h.article_id)
        versions = f"{len(story.versions)} versions" if story and len(story.versions) > 1 else ""
        meta = " | ".join(x for x in (h.date or "", h.source or "", versions) if x)
        lines.append(f"[{h.article_id}] {h.title}  ({meta})")
        lines.append("    " + _strip_marks(h.snippet))
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def _remote_search(lib: Library, args: argparse.Namespace) -> int:
    """The team's whole archive, searched on the server (index/sync/remote_search.py)."""
    from index.sync.remote_search import plain_snippet, search
    from reader_app.commands.team import remote_url

    results = search(remote_url(lib, args.remote), args.query, limit=args.limit, library=lib)
    data = {"query": results.query, "total": results.total, "remote": True,
            "hits": [asdict(h) | {"article_id": h.local_id} for h in results.hits]}
    lines = [f"{results.total} result(s) in the team archive"]
    for h in results.hits:
        meta = " | ".join(x for x in (h.date or "", h.source or "", h.imported_by) if x)
        where = f"[{h.local_id}]" if h.local_id is not None else f"[{h.content_hash[:12]}]"
        lines.append(f"{where} {h.title}  ({meta})")
        lines.append("    " + plain_snippet(h.snippet))
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def _story_fields(story: StoryInfo | None) -> dict[str, object]:
    """``story`` is shared by every version (null until the article is grouped)."""
    return {"story": story.story if story else None,
            "versions": list(story.versions) if story else []}


def _strip_marks(snippet: str) -> str:
    return html.unescape(snippet.replace("<mark>", "[").replace("</mark>", "]"))


def _cmd_show(lib: Library, args: argparse.Namespace) -> int:
    article = lib.article(args.id)
    if article is None:
        print(f"no article {args.id} in {lib.path}", file=sys.stderr)
        return EXIT_FAILED
    data = asdict(article)
    data["authors"] = list(article.authors)
    data["mentions"] = [asdict(m) for m in article.mentions]
    story = lib.story(article.id)
    data.update(_story_fields(story))
    from index.sync.history import history

    changes = history(lib, article.id)
    data["history"] = [asdict(h) for h in changes]
    head = [article.title, " | ".join(x for x in (article.date, article.source, article.url) if x)]
    if story and len(story.versions) > 1:
        others = ", ".join(str(v) for v in story.versions if v != article.id)
        head.append(f"Other versions of this story: {others}")
    ents = sorted({(m.label, m.canonical) for m in article.mentions})
    tail = [f"  {label}: {name}" for label, name in ents]
    lines = [*head, "", article.text, "", "Entities:", *tail]
    if changes:
        lines += ["", "History:"]
        lines += [f"  {h.when[:16].replace('T', ' ')}  {h.author}: {h.what}" for h in changes]
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def _cmd_reindex(lib: Library, args: argparse.Namespace) -> int:
    lib.lock.on_wait = say
    count = lib.reindex(progress=progress_printer("reindexing"))
    end_progress()
    emit(args, {"indexed": count}, f"indexed {count} article(s)")
    return EXIT_OK


def run_check(library_dir: Path, args: argparse.Namespace) -> int:
    from index.checkup import check_library

    report = check_library(library_dir, repair=args.repair,
                           progress=progress_printer("repairing"), on_wait=say)
    end_progress()
    lines = [f"library: {library_dir} ({report.articles} article(s))"]
    lines.append("store: " + ("ok" if not report.store_problems
                              else "damaged: " + "; ".join(report.store_problems[:5])))
    if not report.store_problems or args.repair:
        lines.append("search index: " + ("ok" if not report.index_problems
                                         else "; ".join(report.index_problems)))
    lines.extend(f"repaired: {line}" for line in report.repaired)
    if not report.sound and not args.repair:
        lines.append("run `reader-app check --repair` to mend it")
    data = {"store_problems": report.store_problems, "index_problems": report.index_problems,
            "repaired": report.repaired, "articles": report.articles}
    emit(args, data, "\n".join(lines))
    return EXIT_OK if report.sound or args.repair else EXIT_UNUSABLE
