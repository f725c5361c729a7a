"""The core's sentences (import report reasons, errors, status texts) in the interface
language.

``index/`` stays English and Qt-free: it says "not imported: file too large (over 64 MB)".
Each sentence it can make is a template here, with ``{name}`` for the parts it fills in
and ``%n`` for a count that decides a plural; :func:`translate_core` finds the template a
sentence was made from, translates it (``.ts`` context "CoreMessages"), and translates the
parts in turn ("not imported: {reason}" holds another sentence). A sentence no template
matches stays English, never garbled.

Singular templates are marked with ``QT_TRANSLATE_NOOP`` and plural ones with
``_numerus`` (a ``tr`` alias for pyside6-lupdate, tools/update_translations.py), so it
collects both. When the core gains a sentence, add its template here (tests/gui/test_i18n_french.py
checks the usual ones).
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

_C = "CoreMessages"
_NUMBER_NAMES = frozenset({"n", "count", "first", "others", "pid", "limit", "total", "size",
                           "line", "column", "char", "schema", "need", "max", "ratio"})
_NUMBER = r"\d[\d,.]*"
_PIECE = re.compile(r"\{(\w+)\}|%n")


def _numerus(text: str, _disambiguation: str = "", _n: int = 0) -> str:
    """Marks a plural template for lupdate (context "CoreMessages" is set at lookup)."""
    return text


# The plural templates are collected in context "" by lupdate: they are looked up there.
PLURALS = (
    _numerus("%n article(s) already in the library were not added again", "", 0),
    _numerus("%n result(s) left out: the search index is ahead of the library (run "
             "`reader-app check --repair`, or import, to mend it)", "", 0),
    _numerus("%n record(s) without article text were left out", "", 0),
    _numerus("indexed %n article(s) left by an interrupted import or edit", "", 0),
    _numerus("index %n article(s) left by an interrupted import or edit", "", 0),
    _numerus("queued %n article(s) missing from the search index", "", 0),
    _numerus("rebuilt the search index (%n articles): it disagreed with the library", "", 0),
    _numerus("rebuilt the search index from the library (%n articles): {reason}", "", 0),
    _numerus("removed %n search entries of articles no longer in the library", "", 0),
    _numerus("none of the %n messages has readable text", "", 0),
    _numerus("none of the %n stories has a body (briefs only)", "", 0),
    _numerus("repaired %n garbled accented characters (mojibake)", "", 0),
    _numerus("%n undecodable characters replaced ({encoding})", "", 0),
    _numerus("removed %n NUL characters", "", 0),
)

TEMPLATES = (
    # -- import report: the batch and the library
    QT_TRANSLATE_NOOP("CoreMessages", "not read"),
    QT_TRANSLATE_NOOP("CoreMessages", "removed what an interrupted search index rebuild left"),
    QT_TRANSLATE_NOOP("CoreMessages", "not imported: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "already in the library as article {first}"),
    QT_TRANSLATE_NOOP("CoreMessages", "already in the library as article {first} (and {others} "
                                      "more)"),
    QT_TRANSLATE_NOOP("CoreMessages", "no article found in the file"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot read the file: {error}"),
    # -- reading files, folders and archives
    QT_TRANSLATE_NOOP("CoreMessages", "nothing to read"),
    QT_TRANSLATE_NOOP("CoreMessages", "file not found"),
    QT_TRANSLATE_NOOP("CoreMessages", "permission denied"),
    QT_TRANSLATE_NOOP("CoreMessages", "this is a folder, not a file"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file name is too long"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not read the file ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "file too large ({size} MB; the limit is {limit} MB)"),
    QT_TRANSLATE_NOOP("CoreMessages", "file too large (over {limit} MB)"),
    QT_TRANSLATE_NOOP("CoreMessages", "link to a file outside the imported folder: not followed"),
    QT_TRANSLATE_NOOP("CoreMessages", "link to a folder outside the imported folder: not followed"),
    QT_TRANSLATE_NOOP("CoreMessages", "link that leads back to itself (a link loop)"),
    QT_TRANSLATE_NOOP("CoreMessages", "link that leads back to itself (a link loop): not followed"),
    QT_TRANSLATE_NOOP("CoreMessages", "broken link (its target does not exist): not followed"),
    QT_TRANSLATE_NOOP("CoreMessages", "link that cannot be followed ({reason})"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a regular file (device, pipe or socket)"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot open this folder: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "corrupt or unreadable ZIP archive ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "too many files in the archive ({n}; the limit is {limit})"),
    QT_TRANSLATE_NOOP("CoreMessages", "archive too large once uncompressed ({size} MB; the limit "
                                      "is "
                          "{limit} MB)"),
    QT_TRANSLATE_NOOP("CoreMessages", "archive nested too deeply (a ZIP in a ZIP in a ZIP): not "
                                      "opened"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file is no longer in the archive"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot read this archive member ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "unsupported compression in the archive ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "corrupt archive member ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "nested archive too large (over {limit} MB)"),
    QT_TRANSLATE_NOOP("CoreMessages", "unsafe file name in the archive ({why}): not imported"),
    QT_TRANSLATE_NOOP("CoreMessages", "an absolute path"),
    QT_TRANSLATE_NOOP("CoreMessages", "a Windows drive path"),
    QT_TRANSLATE_NOOP("CoreMessages", "'..' would climb out of the archive's folder"),
    QT_TRANSLATE_NOOP("CoreMessages", "link stored in the archive: not followed"),
    QT_TRANSLATE_NOOP("CoreMessages", "password-protected archive member: cannot be read"),
    QT_TRANSLATE_NOOP("CoreMessages", "refused: compressed {ratio} to 1, which looks like a zip "
                                      "bomb (the "
                          "limit is {max} to 1)"),
    QT_TRANSLATE_NOOP("CoreMessages", "nothing to import ({why})"),
    QT_TRANSLATE_NOOP("CoreMessages", "only hidden or system files"),
    QT_TRANSLATE_NOOP("CoreMessages", "empty archive"),
    # -- what a file is, when it is not text
    QT_TRANSLATE_NOOP("CoreMessages", "not a text file: looks like {what}"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a text file: looks like a bzip2 archive"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a text file: looks like a TAR archive (unpack "
                                      "it first)"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a text file: looks like a video or audio file (MP4)"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a text file: it holds binary data"),
    QT_TRANSLATE_NOOP("CoreMessages", "a ZIP archive (or an Office/EPUB document)"),
    QT_TRANSLATE_NOOP("CoreMessages", "an empty ZIP archive"),
    QT_TRANSLATE_NOOP("CoreMessages", "a 7-Zip archive"),
    QT_TRANSLATE_NOOP("CoreMessages", "a RAR archive"),
    QT_TRANSLATE_NOOP("CoreMessages", "an XZ archive"),
    QT_TRANSLATE_NOOP("CoreMessages", "a program (ELF)"),
    QT_TRANSLATE_NOOP("CoreMessages", "an old Microsoft Office document"),
    QT_TRANSLATE_NOOP("CoreMessages", "an SQLite database"),
    QT_TRANSLATE_NOOP("CoreMessages", "a TIFF image"),
    QT_TRANSLATE_NOOP("CoreMessages", "an icon image"),
    QT_TRANSLATE_NOOP("CoreMessages", "an Ogg audio/video file"),
    QT_TRANSLATE_NOOP("CoreMessages", "an MP3 audio file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a FLAC audio file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a web font"),
    QT_TRANSLATE_NOOP("CoreMessages", "a WebP image"),
    QT_TRANSLATE_NOOP("CoreMessages", "a WAV audio file"),
    QT_TRANSLATE_NOOP("CoreMessages", "an AVI video"),
    # -- parsing
    QT_TRANSLATE_NOOP("CoreMessages", "empty file"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file is nested too deeply to be read"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file is too large to be read in memory"),
    QT_TRANSLATE_NOOP("CoreMessages", "the text could not be decoded ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file could not be read ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "unsupported file type: no importer reads it"),
    QT_TRANSLATE_NOOP("CoreMessages", "unsupported file type ({extension}): no importer reads it"),
    QT_TRANSLATE_NOOP("CoreMessages", "no article text found in this file"),
    QT_TRANSLATE_NOOP("CoreMessages", "no articles found in this file"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file was gzip-compressed: decompressed before reading"),
    QT_TRANSLATE_NOOP("CoreMessages", "date {date} not understood: ignored"),
    QT_TRANSLATE_NOOP("CoreMessages", "impossible date {date} ignored"),
    QT_TRANSLATE_NOOP("CoreMessages", "corrupt or truncated gzip file ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "corrupt or truncated gzip file (the data ends too early)"),
    QT_TRANSLATE_NOOP("CoreMessages", "too large once decompressed (over {limit} MB)"),
    # -- text encodings
    QT_TRANSLATE_NOOP("CoreMessages", "mixed encodings: {n} of {total} lines were not all UTF-8; "
                                      "their "
                          "other bytes were read as Windows-1252"),
    QT_TRANSLATE_NOOP("CoreMessages", "text encoding guessed as {encoding}"),
    QT_TRANSLATE_NOOP("CoreMessages", "text encoding guessed as cp1250 (Central European)"),
    QT_TRANSLATE_NOOP("CoreMessages", "text encoding uncertain: read as Windows-1252"),
    QT_TRANSLATE_NOOP("CoreMessages", "control characters read as the Windows-1252 signs they "
                                      "stand for"),
    QT_TRANSLATE_NOOP("CoreMessages", "page declares {declared} but is UTF-8; read as UTF-8"),
    QT_TRANSLATE_NOOP("CoreMessages", "page declares {declared} but is not; read as {encoding}"),
    QT_TRANSLATE_NOOP("CoreMessages", "page is {source} but holds Windows-1252 bytes; those were "
                                      "read as "
                          "Windows-1252"),
    QT_TRANSLATE_NOOP("CoreMessages", "no encoding declared; detected {encoding}"),
    # -- formats
    QT_TRANSLATE_NOOP("CoreMessages", "feed has no entries"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a news feed: XML without an RSS, Atom or RDF root "
                                      "element"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a readable feed: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the feed's declared encoding is wrong ({problem})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the feed is not well-formed ({problem}); imported what "
                                      "could be "
                          "read"),
    QT_TRANSLATE_NOOP("CoreMessages", "the feed is not valid UTF-8 as it claims: read as "
                                      "{encoding}"),
    QT_TRANSLATE_NOOP("CoreMessages", "no entry could be read from this ill-formed feed "
                                      "({problem})"),
    QT_TRANSLATE_NOOP("CoreMessages", "feed entries hold no text, title or link"),
    QT_TRANSLATE_NOOP("CoreMessages", "the entry has no text; its title stands in"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown problem"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a readable JSON Feed: {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a JSON Feed: the top level is not an object"),
    QT_TRANSLATE_NOOP("CoreMessages", "the e-mail has no readable text"),
    QT_TRANSLATE_NOOP("CoreMessages", "no message in this mailbox"),
    QT_TRANSLATE_NOOP("CoreMessages", "message {n}: no readable text, left out"),
    QT_TRANSLATE_NOOP("CoreMessages", "a few bytes do not fit the declared charset {charset}"),
    QT_TRANSLATE_NOOP("CoreMessages", "declared charset {charset} does not fit the text"),
    QT_TRANSLATE_NOOP("CoreMessages", "front matter: unterminated quoted value for {key}"),
    QT_TRANSLATE_NOOP("CoreMessages", "front matter: line not understood: {line_text}"),
    QT_TRANSLATE_NOOP("CoreMessages", "front matter: date {date} not understood: ignored"),
    QT_TRANSLATE_NOOP("CoreMessages", "front matter is not closed by '---': ignored"),
    QT_TRANSLATE_NOOP("CoreMessages", "the news item carries no article text (metadata only)"),
    QT_TRANSLATE_NOOP("CoreMessages", "no text article in this news message: {reasons}"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a text article: {kind}"),
    QT_TRANSLATE_NOOP("CoreMessages", "item {n} skipped: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a NewsML-G2 or NITF document (root element {element})"),
    QT_TRANSLATE_NOOP("CoreMessages", "package item (it only points to other items)"),
    QT_TRANSLATE_NOOP("CoreMessages", "concept item"),
    QT_TRANSLATE_NOOP("CoreMessages", "knowledge item"),
    QT_TRANSLATE_NOOP("CoreMessages", "planning item"),
    QT_TRANSLATE_NOOP("CoreMessages", "catalog item"),
    QT_TRANSLATE_NOOP("CoreMessages", "NewsML-G2 metadata fragment"),
    QT_TRANSLATE_NOOP("CoreMessages", "NewsML-G2 package fragment"),
    QT_TRANSLATE_NOOP("CoreMessages", "picture item"),
    QT_TRANSLATE_NOOP("CoreMessages", "graphic item"),
    QT_TRANSLATE_NOOP("CoreMessages", "video item"),
    QT_TRANSLATE_NOOP("CoreMessages", "audio item"),
    QT_TRANSLATE_NOOP("CoreMessages", "composite item"),
    QT_TRANSLATE_NOOP("CoreMessages", "interactive item"),
    QT_TRANSLATE_NOOP("CoreMessages", "no <REUTERS> story in this SGML file"),
    QT_TRANSLATE_NOOP("CoreMessages", "no articles found: the JSON holds no objects with a title "
                                      "or text"),
    QT_TRANSLATE_NOOP("CoreMessages", "the JSON is cut short (truncated file?): {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "invalid JSON: {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "line {n}: invalid JSON ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{error} at line {line}, column {column} (character {char})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{error} at line {line}, column {column}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{error} at column {column}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the JSON is not valid UTF-8: read as {encoding}"),
    QT_TRANSLATE_NOOP("CoreMessages", "no readable line in this JSON Lines file"),
    QT_TRANSLATE_NOOP("CoreMessages", "the page is empty"),
    QT_TRANSLATE_NOOP("CoreMessages", "no readable article text in this page"),
    QT_TRANSLATE_NOOP("CoreMessages", "the page is nested too deeply; its layout was flattened to "
                                      "read it"),
    QT_TRANSLATE_NOOP("CoreMessages", "the page shows part of the article; its full text came from "
                          "JSON-LD"),
    QT_TRANSLATE_NOOP("CoreMessages", "the web archive holds no HTML page"),
    QT_TRANSLATE_NOOP("CoreMessages", "not well-formed {what}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{what} is not well-formed ({error}); read what could be "
                                      "recovered"),
    QT_TRANSLATE_NOOP("CoreMessages", "refused: the file defines nested XML entities "
                                      "(entity-expansion "
                          "attack)"),
    QT_TRANSLATE_NOOP("CoreMessages", "refused: the file defines XML parameter entities "
                                      "(entity-expansion "
                          "attack)"),
    QT_TRANSLATE_NOOP("CoreMessages", "refused: the file declares external XML entities (they "
                                      "could read "
                          "local files or reach the network)"),
    QT_TRANSLATE_NOOP("CoreMessages", "refused: the file's XML entities would expand it beyond a "
                                      "safe "
                          "size"),
    QT_TRANSLATE_NOOP("CoreMessages", "refused: the file's DTD internal subset is never closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "refused: the file's XML entity declarations cannot be read "
                                      "safely"),
    # -- the library: errors a person can meet
    QT_TRANSLATE_NOOP("CoreMessages", "there is no library at {path}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is a file, not a library folder"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot create the library folder {path}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the library at {path} is read-only"),
    QT_TRANSLATE_NOOP("CoreMessages", "the library at {path} is read-only: nothing can be "
                                      "imported"),
    QT_TRANSLATE_NOOP("CoreMessages", "the library at {path} is read-only: {what} is not possible"),
    QT_TRANSLATE_NOOP("CoreMessages", "the library at {path} was written by a newer version of "
                                      "Veille "
                          "(store schema {schema}; this version reads up to {need})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the library at {path} was written by an older version of "
                                      "Veille "
                          "and must be upgraded, but it is read-only"),
    QT_TRANSLATE_NOOP("CoreMessages", "the library store {path} is damaged ({error}); run "
                                      "`reader-app "
                          "check --repair` to recover what can be read"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot open the library store {path}: {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the disk holding {path} is full"),
    QT_TRANSLATE_NOOP("CoreMessages", "the disk holding {path} is full; nothing was written"),
    QT_TRANSLATE_NOOP("CoreMessages", "the disk holding {path} is full; the import stopped"),
    QT_TRANSLATE_NOOP("CoreMessages", "the disk holding {path} is full; the search index could "
                                      "not be "
                          "rebuilt"),
    QT_TRANSLATE_NOOP("CoreMessages", "the library is busy: {holder}"),
    QT_TRANSLATE_NOOP("CoreMessages", "Waiting for {holder} to finish…"),
    QT_TRANSLATE_NOOP("CoreMessages", "another Veille process"),
    QT_TRANSLATE_NOOP("CoreMessages", "another task of this window"),
    QT_TRANSLATE_NOOP("CoreMessages", "{what} in another Veille process (pid {pid})"),
    QT_TRANSLATE_NOOP("CoreMessages", "Waiting for the search index rebuild in another Veille "
                                      "process to "
                          "finish…"),
    # -- what a write is doing (the lock says so to those who wait)
    QT_TRANSLATE_NOOP("CoreMessages", "a write"),
    QT_TRANSLATE_NOOP("CoreMessages", "an import"),
    QT_TRANSLATE_NOOP("CoreMessages", "upgrading the library"),
    QT_TRANSLATE_NOOP("CoreMessages", "creating the search index"),
    QT_TRANSLATE_NOOP("CoreMessages", "changing a setting"),
    QT_TRANSLATE_NOOP("CoreMessages", "entity extraction"),
    QT_TRANSLATE_NOOP("CoreMessages", "queueing entity extraction"),
    QT_TRANSLATE_NOOP("CoreMessages", "undoing an entity edit"),
    QT_TRANSLATE_NOOP("CoreMessages", "an entity edit"),
    QT_TRANSLATE_NOOP("CoreMessages", "checking the search index"),
    QT_TRANSLATE_NOOP("CoreMessages", "emptying the trash"),
    QT_TRANSLATE_NOOP("CoreMessages", "indexing articles"),
    QT_TRANSLATE_NOOP("CoreMessages", "swapping in the rebuilt search index"),
    QT_TRANSLATE_NOOP("CoreMessages", "counting watches"),
    QT_TRANSLATE_NOOP("CoreMessages", "deleting articles"),
    QT_TRANSLATE_NOOP("CoreMessages", "restoring deleted articles"),
    QT_TRANSLATE_NOOP("CoreMessages", "editing an article"),
    QT_TRANSLATE_NOOP("CoreMessages", "marking articles"),
    QT_TRANSLATE_NOOP("CoreMessages", "starring articles"),
    QT_TRANSLATE_NOOP("CoreMessages", "saving a note"),
    QT_TRANSLATE_NOOP("CoreMessages", "tagging articles"),
    QT_TRANSLATE_NOOP("CoreMessages", "renaming a tag"),
    QT_TRANSLATE_NOOP("CoreMessages", "merging tags"),
    QT_TRANSLATE_NOOP("CoreMessages", "deleting a tag"),
    QT_TRANSLATE_NOOP("CoreMessages", "colouring a tag"),
    QT_TRANSLATE_NOOP("CoreMessages", "highlighting"),
    QT_TRANSLATE_NOOP("CoreMessages", "editing a highlight"),
    QT_TRANSLATE_NOOP("CoreMessages", "removing a highlight"),
    QT_TRANSLATE_NOOP("CoreMessages", "filling a dossier"),
    QT_TRANSLATE_NOOP("CoreMessages", "editing a dossier"),
    QT_TRANSLATE_NOOP("CoreMessages", "reordering a dossier"),
    QT_TRANSLATE_NOOP("CoreMessages", "renaming a dossier"),
    QT_TRANSLATE_NOOP("CoreMessages", "deleting a dossier"),
    QT_TRANSLATE_NOOP("CoreMessages", "saving a watch"),
    QT_TRANSLATE_NOOP("CoreMessages", "saving watches"),
    QT_TRANSLATE_NOOP("CoreMessages", "removing a watch"),
    QT_TRANSLATE_NOOP("CoreMessages", "marking a watch as seen"),
    # -- the search index and its upkeep
    QT_TRANSLATE_NOOP("CoreMessages", "the search index is being rebuilt from the library; search "
                                      "again "
                          "in a moment"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index must be rebuilt ({problem}); the window "
                                      "does this "
                          "by itself, or run `reader-app reindex`"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index is damaged and will be rebuilt from the "
                                      "library; "
                          "search again in a moment"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index is being rebuilt by another "
                                      "Veille process"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index is damaged ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index could not be written ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index is missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is a file, not the search index folder"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index in {path} cannot be read: {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index holds {n} articles, its manifest {count}: "
                                      "it was "
                          "damaged"),
    QT_TRANSLATE_NOOP("CoreMessages", "index schema {schema}, this version needs {need}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index belongs to another library"),
    QT_TRANSLATE_NOOP("CoreMessages", "the search index has a commit that was never signed"),
    QT_TRANSLATE_NOOP("CoreMessages", "the index was not written by this user's Veille"),
    QT_TRANSLATE_NOOP("CoreMessages", "the index has no manifest (written by another program or "
                                      "version)"),
    QT_TRANSLATE_NOOP("CoreMessages", "the index manifest cannot be read: {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "index file {name} changed since Veille wrote it"),
    QT_TRANSLATE_NOOP("CoreMessages", "index file {name} is missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "rebuild the search index: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "it was missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "check the search index ({n} documents for {total} "
                                      "articles)"),
    QT_TRANSLATE_NOOP("CoreMessages", "Query shortened: {cuts}."),
    QT_TRANSLATE_NOOP("CoreMessages", "only its first {n} characters are read"),
    QT_TRANSLATE_NOOP("CoreMessages", "parentheses nested deeper than {n} are ignored"),
    QT_TRANSLATE_NOOP("CoreMessages", "words are cut after {n} characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "only the first {n} words are searched"),
    QT_TRANSLATE_NOOP("CoreMessages", "only the first {n} words with * ? or ~ are searched"),
    # -- entities
    QT_TRANSLATE_NOOP("CoreMessages", "entity extraction was stopped; the articles still without "
                                      "entities "
                          "are done next time"),
    QT_TRANSLATE_NOOP("CoreMessages", "the entity extraction process ended unexpectedly (it was "
                                      "killed or "
                          "ran out of memory); the articles still without entities are done "
                          "next time"),
    QT_TRANSLATE_NOOP("CoreMessages", "entity extraction stopped: the library was closed"),
    # -- user state (tags, dossiers, watches, notes, edits)
    QT_TRANSLATE_NOOP("CoreMessages", "there is no article {n}"),
    QT_TRANSLATE_NOOP("CoreMessages", "there is no tag {name}"),
    QT_TRANSLATE_NOOP("CoreMessages", "there is no dossier {name}"),
    QT_TRANSLATE_NOOP("CoreMessages", "there is no watch {name}"),
    QT_TRANSLATE_NOOP("CoreMessages", "there is already a dossier {name}"),
    QT_TRANSLATE_NOOP("CoreMessages", "there is already a watch {name}"),
    QT_TRANSLATE_NOOP("CoreMessages", "a tag needs a name"),
    QT_TRANSLATE_NOOP("CoreMessages", "a dossier needs a name"),
    QT_TRANSLATE_NOOP("CoreMessages", "a watch needs a name"),
    QT_TRANSLATE_NOOP("CoreMessages", "a tag name is limited to 200 characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "a dossier name is limited to 200 characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "a watch name is limited to 200 characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "a watch needs a query or filters"),
    QT_TRANSLATE_NOOP("CoreMessages", "a highlight must cover a passage of the article's text"),
    QT_TRANSLATE_NOOP("CoreMessages", "a note is plain text or markdown, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessages", "an article needs a title"),
    QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a date (use YYYY-MM-DD)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a language code (fr, en, ...)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} cannot be edited (only {fields})"),
    # -- the team server (index/sync); an article's history: views/history_section.py
    QT_TRANSLATE_NOOP("CoreMessages", "cannot reach the team server {server}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the team server {server} failed: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the PostgreSQL driver (psycopg) is not installed"),
    QT_TRANSLATE_NOOP("CoreMessages", "type something to search the team archive for"),
)


def _pattern(template: str) -> re.Pattern[str]:
    parts, pos = [], 0
    for m in _PIECE.finditer(template):
        parts.append(re.escape(template[pos:m.start()]))
        name = m.group(1) or "n"
        if m.group(0) == "%n" or name in _NUMBER_NAMES:
            parts.append(f"(?P<{name}>{_NUMBER})")
        else:
            parts.append(f"(?P<{name}>.+?)")
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    return re.compile("".join(parts), re.DOTALL)


@lru_cache(maxsize=1)
def _table() -> list[tuple[re.Pattern[str], str, bool]]:
    """(pattern, template, plural), the most literal text first: "not imported: {reason}"
    is tried before a template that is all placeholder."""
    rows = [(str(t), False) for t in TEMPLATES] + [(str(t), True) for t in PLURALS]
    rows.sort(key=lambda r: -len(_PIECE.sub("", r[0])))
    return [(_pattern(t), t, plural) for t, plural in rows]


def _number(text: str) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else None


def _part(name: str, value: str) -> str:
    """A filled-in part: numbers in the reader's grouping, sentences translated, quoted
    names in guillemets when French."""
    if name in _NUMBER_NAMES or name == "n":
        number = _number(value)
        return QLocale().toString(number) if number is not None else value
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" and _french():
        return f"«\u202f{value[1:-1]}\u202f»"
    return _translate(value, depth=1)


def _french() -> bool:
    return QLocale().language() == QLocale.Language.French


def _translate(text: str, depth: int = 0) -> str:
    if depth > 4 or not text:
        return text
    for pattern, template, plural in _table():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = match.groupdict()
        count = _number(values.pop("n", "") or "") if plural else None
        if plural:
            translated = QCoreApplication.translate("", template, None,
                                                    count if count is not None else -1)
        else:
            translated = QCoreApplication.translate(_C, template)
        if depth and translated == template:
            return text  # an English part in an English sentence: as the core wrote it
        parts = {name: _part(name, value) for name, value in values.items()}
        return _fill(translated, parts)
    if "; " in text:
        pieces = text.split("; ")
        done = [_translate(p, depth + 1) for p in pieces]
        if done != pieces:
            return "; ".join(done)
    return text


def _fill(translated: str, parts: dict[str, str]) -> str:
    def put(m: re.Match[str]) -> str:
        name = m.group(1)
        return parts.get(name, m.group(0)) if name else m.group(0)

    return _PIECE.sub(put, translated)


def translate_core(text: str) -> str:
    """``text`` from ``index/`` in the interface language; as it is when unknown.

    A capital first letter or a final full stop added by the window is kept."""
    if not text:
        return text
    body, end = (text[:-1], ".") if text.endswith(".") and not text.endswith("..") else (text, "")
    for candidate, capital in ((body, False), (body[:1].lower() + body[1:], True)):
        out = _translate(candidate)
        if out != candidate:
            return (out[:1].upper() + out[1:] if capital else out) + end
    return text
