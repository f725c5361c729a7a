"""``reader-app``: the window with no sub-command; import, search, show, entities, reindex.

Exit codes: 0 all good, 1 some input failed (each failure named with its reason),
2 wrong usage. Qt is imported only when the window is asked for, so the command line
works on machines without a display.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import multiprocessing
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.paths import ENV_VAR, default_library_dir

if TYPE_CHECKING:
    from index import Library

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        type=Path,
        default=None,
        help=f"library folder (default: ${ENV_VAR} or the per-user data directory)",
    )
    common.add_argument("--json", action="store_true", help="machine-readable output")
    parser = argparse.ArgumentParser(
        prog="reader-app",
        description="Veille: an offline reader for saved news.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command")
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
    show = sub.add_parser("show", parents=[common], help="show one article")
    show.add_argument("id", type=int)
    ents = sub.add_parser(
        "entities", parents=[common], help="entities of an article or library; curate them",
        description="List entities (of article ID, or of the whole library) or edit one. "
        "Entity ids are shown in the listing. Edits survive re-extraction and reindexing.",
    )
    ents.add_argument("id", type=int, nargs="?", help="article id (default: whole library)")
    ents.add_argument("--find", default=None, help="only entities whose name contains this")
    ents.add_argument("--sort", choices=("frequency", "name"), default="frequency")
    ents.add_argument("--hidden", action="store_true", help="include hidden entities")
    edit = ents.add_mutually_exclusive_group()
    edit.add_argument("--articles", type=int, metavar="ENTITY", help="articles mentioning it")
    edit.add_argument("--rename", nargs=2, metavar=("ENTITY", "NAME"))
    edit.add_argument("--retype", nargs=2, metavar=("ENTITY", "TYPE"))
    edit.add_argument("--merge", nargs=2, type=int, metavar=("SOURCE", "TARGET"),
                      help="fold entity SOURCE into TARGET")
    edit.add_argument("--hide", type=int, metavar="ENTITY")
    edit.add_argument("--unhide", type=int, metavar="ENTITY")
    edit.add_argument("--undo", action="store_true", help="undo the last entity edit")
    sub.add_parser("reindex", parents=[common], help="rebuild the search index from the store")
    return parser


def use_spawn() -> None:
    """Child processes (parsers, entity model, index writers) start fresh, never forked:
    forking a process that runs Qt or worker threads can deadlock the child."""
    with contextlib.suppress(RuntimeError):  # already chosen by the embedding program
        multiprocessing.set_start_method("spawn")


def main(argv: Sequence[str] | None = None) -> int:
    use_spawn()
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    library_dir = args.library or default_library_dir()
    if args.command is None:
        from reader_app.app import run_gui

        return run_gui(args.library)
    from index import Library

    with Library.open(library_dir) as lib:
        handler = _HANDLERS[args.command]
        return handler(lib, args)


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(text)


def _progress_printer(label: str) -> Callable[[int, int | None, str], None]:
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int | None, current: str) -> None:
        if interactive:
            of = f"/{total}" if total else ""
            sys.stderr.write(f"\r{label} {done}{of} {current[-60:]:<60}")
            sys.stderr.flush()

    return progress


def _cmd_import(lib: Library, args: argparse.Namespace) -> int:
    report = lib.import_paths(args.paths, progress=_progress_printer("importing"))
    if not args.no_entities:
        lib.extract_pending(progress=_progress_printer("entities"), cancel=threading.Event())
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    lines = []
    for f in report.files:
        tail = f" - {f.reason}" if f.reason else ""
        ids = f" -> {', '.join(map(str, f.article_ids))}" if f.article_ids else ""
        lines.append(f"{f.status:<9} {f.path}{ids}{tail}")
        lines.extend(f"          warning: {w}" for w in f.warnings)
    lines.append(report.summary())
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
    }
    _emit(args, data, "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_FAILED


def _cmd_search(lib: Library, args: argparse.Namespace) -> int:
    if args.limit < 1:
        print("--limit must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    results = lib.search(args.query, limit=args.limit, sort=args.sort)
    data = {
        "query": results.query,
        "total": results.total,
        "corrected": results.corrected,
        "partial": results.partial,
        "hits": [asdict(h) for h in results.hits],
    }
    lines = []
    if results.corrected:
        lines.append(f"Showing results for: {results.corrected}")
    if results.partial:
        lines.append("No article has all the words; showing articles with most of them.")
    lines.append(f"{results.total} result(s)")
    for h in results.hits:
        meta = " | ".join(x for x in (h.date or "", h.source or "") if x)
        lines.append(f"[{h.article_id}] {h.title}  ({meta})")
        lines.append("    " + _strip_marks(h.snippet))
    _emit(args, data, "\n".join(lines))
    return EXIT_OK


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
    head = [article.title, " | ".join(x for x in (article.date, article.source, article.url) if x)]
    ents = sorted({(m.label, m.canonical) for m in article.mentions})
    tail = [f"  {label}: {name}" for label, name in ents]
    _emit(args, data, "\n".join([*head, "", article.text, "", "Entities:", *tail]))
    return EXIT_OK


def _cmd_entities(lib: Library, args: argparse.Namespace) -> int:
    if _entity_edit_requested(args):
        return _edit_entity(lib, args)
    if args.articles is not None:
        return _entity_articles(lib, args)
    if args.id is not None and lib.article(args.id) is None:
        print(f"no article {args.id} in {lib.path}", file=sys.stderr)
        return EXIT_FAILED
    infos = lib.entities(
        article_id=args.id, query=args.find, sort=args.sort, include_hidden=args.hidden
    )
    data = [asdict(e) for e in infos]
    lines = [
        f"#{e.id:<6} {e.label:<12} {e.name}  ({e.article_count} article(s), "
        f"{e.mention_count} mention(s)){' [hidden]' if e.hidden else ''}"
        for e in infos
    ]
    _emit(args, data, "\n".join(lines) or "no entities")
    return EXIT_OK


def _entity_edit_requested(args: argparse.Namespace) -> bool:
    return any(
        getattr(args, name) not in (None, False)
        for name in ("rename", "retype", "merge", "hide", "unhide", "undo")
    )


def _edit_entity(lib: Library, args: argparse.Namespace) -> int:
    try:
        if args.undo:
            kind = lib.undo_entity_edit()
            message = f"undone: {kind}" if kind else "nothing to undo"
        elif args.rename:
            lib.rename_entity(int(args.rename[0]), args.rename[1])
            message = f"renamed entity {args.rename[0]} to {args.rename[1]}"
        elif args.retype:
            lib.retype_entity(int(args.retype[0]), args.retype[1])
            message = f"entity {args.retype[0]} is now of type {args.retype[1]}"
        elif args.merge:
            lib.merge_entities(*args.merge)
            message = f"merged entity {args.merge[0]} into {args.merge[1]}"
        else:
            target = args.hide if args.hide is not None else args.unhide
            lib.hide_entity(target, hidden=args.hide is not None)
            message = f"entity {target} {'hidden' if args.hide is not None else 'shown'}"
    except (KeyError, ValueError) as exc:
        print(f"cannot edit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _emit(args, {"ok": True, "message": message}, message)
    return EXIT_OK


def _entity_articles(lib: Library, args: argparse.Namespace) -> int:
    info = lib.entity(args.articles)
    if info is None:
        print(f"no entity {args.articles}", file=sys.stderr)
        return EXIT_FAILED
    articles = lib.entity_articles(args.articles)
    data = {"entity": asdict(info), "articles": [
        {"id": a.id, "title": a.title, "date": a.date, "source": a.source} for a in articles]}
    lines = [f"{info.name} ({info.label}): {len(articles)} article(s)"]
    lines += [f"  {a.date or 'undated':<10.10} [{a.id}] {a.title}" for a in articles]
    _emit(args, data, "\n".join(lines))
    return EXIT_OK


def _cmd_reindex(lib: Library, args: argparse.Namespace) -> int:
    count = lib.reindex(progress=_progress_printer("reindexing"))
    _emit(args, {"indexed": count}, f"indexed {count} article(s)")
    return EXIT_OK


_HANDLERS = {
    "import": _cmd_import,
    "search": _cmd_search,
    "show": _cmd_show,
    "entities": _cmd_entities,
    "reindex": _cmd_reindex,
}


if __name__ == "__main__":
    raise SystemExit(main())
