"""entities: list an article's or the library's entities, and curate them."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from index.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from reader_app.cli_support import emit, prepare_writer

if TYPE_CHECKING:
    from index import Library

_EDITS = ("rename", "retype", "merge", "hide", "unhide", "undo")


def register(sub: Any, common: argparse.ArgumentParser, handlers: dict[str, Any]) -> None:
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
    handlers["entities"] = _cmd_entities


def _cmd_entities(lib: Library, args: argparse.Namespace) -> int:
    if any(getattr(args, name) not in (None, False) for name in _EDITS):
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
    emit(args, data, "\n".join(lines) or "no entities")
    return EXIT_OK


def _edit_entity(lib: Library, args: argparse.Namespace) -> int:
    prepare_writer(lib)
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
    emit(args, {"ok": True, "message": message}, message)
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
    emit(args, data, "\n".join(lines))
    return EXIT_OK
