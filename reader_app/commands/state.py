"""mark, tag, tags, note, dossier, watch, export, delete, edit: working with the archive."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from reader_app.cli_support import emit, end_progress, prepare_writer, progress_printer

if TYPE_CHECKING:
    from index import Library


def register(sub: Any, common: argparse.ArgumentParser, handlers: dict[str, Any]) -> None:
    mark = sub.add_parser("mark", parents=[common], help="mark articles read, unread, starred")
    mark.add_argument("ids", nargs="+", type=int, metavar="ID")
    mark.add_argument("--read", action="store_true")
    mark.add_argument("--unread", action="store_true")
    mark.add_argument("--star", action="store_true")
    mark.add_argument("--unstar", action="store_true")

    tag = sub.add_parser("tag", parents=[common], help="add or remove tags on articles")
    tag.add_argument("ids", nargs="+", type=int, metavar="ID")
    tag.add_argument("--add", action="append", default=[], metavar="TAG")
    tag.add_argument("--remove", action="append", default=[], metavar="TAG")

    tags = sub.add_parser("tags", parents=[common], help="list tags with counts; edit them")
    edit = tags.add_mutually_exclusive_group()
    edit.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"),
                      help="rename a tag (onto an existing one: merge them)")
    edit.add_argument("--merge", nargs=2, metavar=("SOURCE", "TARGET"))
    edit.add_argument("--delete", metavar="TAG")
    edit.add_argument("--color", nargs=2, metavar=("TAG", "COLOUR"), help="#rrggbb or none")

    note = sub.add_parser("note", parents=[common], help="print or set an article's note")
    note.add_argument("id", type=int)
    note.add_argument("text", nargs="?", help="the new note ('' clears it)")
    note.add_argument("--markdown", action="store_true", help="the note is Markdown")

    dossier = sub.add_parser("dossier", parents=[common], help="dossiers: collections of articles")
    dsub = dossier.add_subparsers(dest="action", required=True)
    d_add = dsub.add_parser("add", parents=[common], help="add articles to a dossier")
    d_add.add_argument("name")
    d_add.add_argument("ids", nargs="+", type=int, metavar="ID")
    d_rm = dsub.add_parser("remove", parents=[common], help="take articles out of a dossier")
    d_rm.add_argument("name")
    d_rm.add_argument("ids", nargs="+", type=int, metavar="ID")
    dsub.add_parser("list", parents=[common], help="dossiers with their article counts")
    d_show = dsub.add_parser("show", parents=[common], help="a dossier's articles, in order")
    d_show.add_argument("name")
    d_del = dsub.add_parser("delete", parents=[common], help="delete a dossier (not articles)")
    d_del.add_argument("name")

    watch = sub.add_parser("watch", parents=[common], help="watches: saved searches")
    wsub = watch.add_subparsers(dest="action", required=True)
    w_add = wsub.add_parser("add", parents=[common], help="save a query as a watch")
    w_add.add_argument("name")
    w_add.add_argument("query")
    w_load = wsub.add_parser("load", parents=[common],
                             help="many watches from a list of names (one per line, or CSV)")
    w_load.add_argument("file", type=Path)
    wsub.add_parser("list", parents=[common], help="watches with total and new counts")
    w_seen = wsub.add_parser("seen", parents=[common], help="mark a watch's new articles seen")
    w_seen.add_argument("name")
    w_rm = wsub.add_parser("remove", parents=[common], help="delete a watch")
    w_rm.add_argument("name")
    w_show = wsub.add_parser("show", parents=[common], help="a watch's articles, new first")
    w_show.add_argument("name")
    w_show.add_argument("--limit", type=int, default=20)

    export = sub.add_parser("export", parents=[common],
                            help="export a search's articles (csv, md, jsonl, pdf)")
    export.add_argument("query", help="any search ('*' for every article, tag:X, dossier:\"Y\")")
    export.add_argument("--format", choices=("csv", "md", "jsonl", "pdf"), required=True)
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="newest")

    delete = sub.add_parser("delete", parents=[common], help="delete articles for good")
    delete.add_argument("ids", nargs="+", type=int, metavar="ID")

    edit_p = sub.add_parser("edit", parents=[common], help="edit an article's metadata")
    edit_p.add_argument("id", type=int)
    edit_p.add_argument("--title")
    edit_p.add_argument("--date")
    edit_p.add_argument("--source")
    edit_p.add_argument("--lang")

    handlers.update({"mark": _mark, "tag": _tag, "tags": _tags, "note": _note,
                     "dossier": _dossier, "watch": _watch, "export": _export,
                     "delete": _delete, "edit": _edit})


def _known(lib: Library, ids: list[int]) -> tuple[list[int], list[int]]:
    from index.user_state import existing

    found = existing(lib.store.conn, ids)
    return found, [i for i in ids if i not in set(found)]


def _missing(lib: Library, missing: list[int]) -> None:
    if missing:
        print(f"reader-app: no article {', '.join(map(str, missing))} in {lib.path}",
              file=sys.stderr)


def _mark(lib: Library, args: argparse.Namespace) -> int:
    if not (args.read or args.unread or args.star or args.unstar):
        print("reader-app: say --read, --unread, --star or --unstar", file=sys.stderr)
        return EXIT_USAGE
    if (args.read and args.unread) or (args.star and args.unstar):
        print("reader-app: --read/--unread and --star/--unstar exclude each other",
              file=sys.stderr)
        return EXIT_USAGE
    prepare_writer(lib)
    ids, missing = _known(lib, args.ids)
    changed = 0
    if args.read or args.unread:
        changed += lib.mark_read(ids, read=args.read)
    if args.star or args.unstar:
        changed += lib.set_starred(ids, starred=args.star)
    _missing(lib, missing)
    emit(args, {"ids": ids, "changed": changed, "missing": missing},
         f"{len(ids)} article(s) marked ({changed} change(s))")
    return EXIT_FAILED if missing else EXIT_OK


def _tag(lib: Library, args: argparse.Namespace) -> int:
    if not args.add and not args.remove:
        print("reader-app: say --add TAG or --remove TAG", file=sys.stderr)
        return EXIT_USAGE
    prepare_writer(lib)
    ids, missing = _known(lib, args.ids)
    changed = lib.tag(ids, add=args.add, remove=args.remove)
    _missing(lib, missing)
    emit(args, {"ids": ids, "changed": changed, "missing": missing},
         f"{len(ids)} article(s) tagged ({changed} change(s))")
    return EXIT_FAILED if missing else EXIT_OK


def _tags(lib: Library, args: argparse.Namespace) -> int:
    if args.rename or args.merge or args.delete or args.color:
        prepare_writer(lib)
        if args.rename:
            lib.rename_tag(*args.rename)
        elif args.merge:
            lib.merge_tags(*args.merge)
        elif args.delete:
            lib.delete_tag(args.delete)
        else:
            name, colour = args.color
            lib.set_tag_color(name, None if colour.lower() == "none" else colour)
    infos = lib.tags()
    emit(args, [{"name": t.name, "count": t.count, "color": t.color} for t in infos],
         "\n".join(f"{t.count:>7}  {t.name}" for t in infos) or "no tags")
    return EXIT_OK


def _note(lib: Library, args: argparse.Namespace) -> int:
    article = lib.article(args.id)
    if article is None:
        print(f"reader-app: no article {args.id} in {lib.path}", file=sys.stderr)
        return EXIT_FAILED
    if args.text is not None:
        prepare_writer(lib)
        lib.set_note(args.id, args.text, "markdown" if args.markdown else "plain")
        article = lib.article(args.id)
        assert article is not None
    emit(args, {"id": article.id, "note": article.note, "note_format": article.note_format},
         article.note)
    return EXIT_OK


def _dossier(lib: Library, args: argparse.Namespace) -> int:
    if args.action == "list":
        infos = lib.dossiers()
        emit(args, [asdict(d) for d in infos],
             "\n".join(f"{d.count:>7}  {d.name}" for d in infos) or "no dossiers")
        return EXIT_OK
    if args.action == "show":
        ids = lib.dossier_articles(args.name)
        articles = [a for a in (lib.article(i) for i in ids) if a is not None]
        emit(args, [{"id": a.id, "title": a.title, "date": a.date, "source": a.source,
                     "note": a.note} for a in articles],
             "\n".join(f"[{a.id}] {a.title}" + (f"\n    note: {a.note}" if a.note else "")
                       for a in articles) or "empty dossier")
        return EXIT_OK
    prepare_writer(lib)
    if args.action == "delete":
        lib.delete_dossier(args.name)
        emit(args, {"deleted": args.name}, f"dossier {args.name} deleted")
        return EXIT_OK
    ids, missing = _known(lib, args.ids)
    if args.action == "add":
        count = lib.add_to_dossier(args.name, ids)
        text = f"{count} article(s) added to {args.name}"
    else:
        count = lib.remove_from_dossier(args.name, ids)
        text = f"{count} article(s) taken out of {args.name}"
    _missing(lib, missing)
    emit(args, {"dossier": args.name, "changed": count, "missing": missing}, text)
    return EXIT_FAILED if missing else EXIT_OK


def _watch(lib: Library, args: argparse.Namespace) -> int:
    if args.action == "list":
        items = lib.watches()
        emit(args, [{"name": w.name, "query": w.query, "total": w.total, "new": w.new}
                    for w in items],
             "\n".join(f"{w.name}: {w.total} article(s), {w.new} new  [{w.query}]"
                       for w in items) or "no watches")
        return EXIT_OK
    if args.action == "show":
        results = lib.watch_results(args.name, limit=max(1, args.limit))
        fresh = set(lib.watch_new_ids(args.name))
        emit(args, {"total": results.total, "new": sorted(fresh),
                    "hits": [asdict(h) for h in results.hits]},
             "\n".join(f"{'new ' if h.article_id in fresh else '    '}[{h.article_id}] {h.title}"
                       for h in results.hits) or "no articles")
        return EXIT_OK
    prepare_writer(lib)
    if args.action == "add":
        watch = lib.add_watch(args.name, args.query)
        emit(args, asdict(watch), f"watching {watch.name}: {watch.total} article(s) so far")
    elif args.action == "load":
        added = lib.add_watch_list(args.file.read_text(encoding="utf-8-sig"))
        emit(args, {"added": added}, f"{len(added)} watch(es) added")
    elif args.action == "seen":
        count = lib.watch_seen(args.name)
        emit(args, {"seen": count}, f"{count} article(s) marked as seen")
    else:
        lib.remove_watch(args.name)
        emit(args, {"removed": args.name}, f"watch {args.name} removed")
    return EXIT_OK


def _export(lib: Library, args: argparse.Namespace) -> int:
    from index.export import export_articles

    results = lib.search(args.query, limit=0, sort=args.sort)
    ids = list(results.ids)
    if args.format == "pdf":
        from reader_app.pdf_export import write_pdf

        count = write_pdf(lib, ids, args.out, title=args.query)
    else:
        count = export_articles(lib, ids, args.format, args.out,
                                progress=progress_printer("exporting"), title=args.query)
        end_progress()
    emit(args, {"exported": count, "out": str(args.out), "format": args.format},
         f"{count} article(s) written to {args.out}")
    return EXIT_OK


def _delete(lib: Library, args: argparse.Namespace) -> int:
    prepare_writer(lib)
    batch, deleted = lib.delete_articles(args.ids)
    lib.purge_deleted([batch])
    missing = [i for i in args.ids if i not in set(deleted)]
    _missing(lib, missing)
    emit(args, {"deleted": deleted, "missing": missing}, f"{len(deleted)} article(s) deleted")
    return EXIT_FAILED if missing else EXIT_OK


def _edit(lib: Library, args: argparse.Namespace) -> int:
    changes = {k: getattr(args, k) for k in ("title", "date", "source", "lang")
               if getattr(args, k) is not None}
    if not changes:
        print("reader-app: say what to change: --title, --date, --source or --lang",
              file=sys.stderr)
        return EXIT_USAGE
    if lib.article(args.id) is None:
        print(f"reader-app: no article {args.id} in {lib.path}", file=sys.stderr)
        return EXIT_FAILED
    prepare_writer(lib)
    changed = lib.edit_article(args.id, **changes)
    emit(args, {"id": args.id, "changed": changed}, "edited" if changed else "nothing changed")
    return EXIT_OK
