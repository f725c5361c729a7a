"""Markdown articles with an optional front matter block, read without a YAML library.

Front matter is read leniently (``key: value`` lines, quoted strings, ``[a, b]`` and
``- item`` lists) because notes apps and static-site exports write loose YAML; a block we
cannot make sense of is ignored with a warning and the body is still imported. The body
becomes plain paragraphs: heading markers, emphasis, link and image syntax are removed,
their text kept. A first heading equal to the title is not repeated in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from index.importers.decoding import decode_text, sniff_text
from index.importers.outcome import ImportSkipped
from index.importers.registry import Format
from index.importers.text import derive_title, shorten
from index.models import ArticleDraft

_FENCE = re.compile(r"^(---|\+\+\+)[ \t]*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*)$")  # YAML "k: v", TOML "k = v"
_KEYS = {
    "title": "title", "headline": "title",
    "date": "date", "published": "date", "pubdate": "date", "created": "date",
    "source": "source", "publisher": "source", "site": "source", "site_name": "source",
    "url": "url", "link": "url", "canonical_url": "url", "original_url": "url",
    "author": "authors", "authors": "authors", "byline": "authors",
    "lang": "lang", "language": "lang", "locale": "lang",
}  # fmt: skip


@dataclass
class FrontMatter:
    values: dict[str, str | list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _unquote(value: str, key: str, warnings: list[str]) -> str:
    value = value.strip()
    if value[:1] in ("'", '"'):
        quote = value[0]
        if len(value) >= 2 and value.endswith(quote):
            inner = value[1:-1]
            return inner.replace('\\"', '"') if quote == '"' else inner.replace("''", "'")
        warnings.append(f"front matter: unterminated quoted value for '{key}'")
        return value[1:].strip()
    return re.sub(r"\s+#.*$", "", value)  # trailing YAML comment


def _list_value(value: str, key: str, warnings: list[str]) -> list[str]:
    inner = value.strip()[1:-1] if value.strip().endswith("]") else value.strip()[1:]
    return [v for v in (_unquote(p, key, warnings) for p in inner.split(",")) if v]


def parse_front_matter(lines: list[str]) -> FrontMatter:
    """Read ``key: value`` lines; unknown keys are ignored, list items collected."""
    fm = FrontMatter()
    current: str | None = None
    for raw in lines:
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"^\s+-\s+(.*)$|^-\s+(.*)$", line)
        if item and current:
            previous = fm.values.get(current)
            items = previous if isinstance(previous, list) else []
            items.append(_unquote(item.group(1) or item.group(2) or "", current, fm.warnings))
            fm.values[current] = items
            continue
        match = _KEY.match(line)
        if not match:
            if not line.startswith((" ", "\t")):
                fm.warnings.append(f"front matter: line not understood: {line[:60]!r}")
            continue
        key, value = _KEYS.get(match.group(1).lower()), match.group(2)
        current = key
        if key is None or key in fm.values:
            continue
        if value.strip().startswith("["):
            fm.values[key] = _list_value(value, key, fm.warnings)
        elif value.strip():
            fm.values[key] = _unquote(value, key, fm.warnings)
    return fm


def parse_iso_date(value: str) -> str | None:
    """ISO date or timestamp as written, if the calendar agrees; else None."""
    value = value.strip().strip("'\"")
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not match:
        return None
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    rest = value[match.end() :].strip()
    if rest:
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
    return day.isoformat()


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return FrontMatter(), text
    for end in range(1, min(len(lines), 200)):
        if _FENCE.match(lines[end]) or lines[end].strip() == "...":
            return parse_front_matter(lines[1:end]), "\n".join(lines[end + 1 :])
    fm = FrontMatter(warnings=["front matter is not closed by '---': ignored"])
    return fm, "\n".join(lines[1:])


# Inner runs are bounded (and lines dense with markers are stripped crudely, see
# inline_text) so that a hostile line of 200,000 unmatched "**" or "[" cannot take minutes.
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\s]{0,2000}\)")
_LINK = re.compile(r"\[([^\]\n]{1,500})\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]{1,2000})>")
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.{1,500}?)(?<=\S)\1"
                       r"|(?<![\w*])\*(?=\S)(.{1,500}?)(?<=\S)\*(?!\*)"
                       r"|(?<!\w)_(?=\S)(.{1,500}?)(?<=\S)_(?!\w)")  # fmt: skip
_CODE = re.compile(r"`{1,3}([^`\n]{1,500})`{1,3}")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
_BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:>\s?)+|^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")


_MARKERS = re.compile(r"[*_~`\[<]")
_CRUDE_STRIP = re.compile(r"\*+|~~|`+")


def inline_text(line: str) -> str:
    """Plain text of one line: link, image, code and emphasis syntax removed, text kept."""
    if len(line) > 2000 and len(_MARKERS.findall(line)) * 20 > len(line):
        # markup on every few characters: no prose looks like that; stay linear
        return _CRUDE_STRIP.sub("", line).strip()
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis: ***bold italic***
        line = _EMPHASIS.sub(lambda m: next(g for g in m.groups()[1:] if g is not None), line)
    line = _HTML_TAG.sub("", line)
    return _ESCAPE.sub(r"\1", line).strip()


def body_paragraphs(body: str) -> tuple[list[str], list[str]]:
    """(paragraphs, headings) of a Markdown body; soft-wrapped lines are joined."""
    paras: list[str] = []
    headings: list[str] = []
    block: list[str] = []
    in_code = False

    def flush() -> None:
        if not block:
            return
        wrapped = len(block) > 1 and all(len(b) <= 100 for b in block[:-1])
        paras.extend([" ".join(block)] if wrapped else block)
        block.clear()

    for raw in body.split("\n"):
        if raw.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            flush()
            continue
        if in_code:
            if raw.strip():
                paras.append(raw.strip())
            continue
        heading = _HEADING.match(raw)
        if heading or (_SETEXT.match(raw) and block):
            text = inline_text(heading.group(1) if heading else block.pop())
            flush()
            if text:
                paras.append(text)
                headings.append(text)
            continue
        if not raw.strip() or _RULE.match(raw) or _LINK_DEF.match(raw):
            flush()
            continue
        is_item = _BLOCK_PREFIX.match(raw) is not None and not raw.lstrip().startswith(">")
        text = inline_text(_BLOCK_PREFIX.sub("", raw))
        if is_item:
            flush()
        if text:
            block.append(" ".join(text.split()))
        if is_item:
            flush()
    flush()
    return paras, headings


def _str(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value or None


def parse_markdown(data: bytes, origin: str) -> list[ArticleDraft]:
    decoded = decode_text(data)
    warnings = list(decoded.warnings)
    fm, body = split_front_matter(decoded.text)
    warnings.extend(fm.warnings)
    paras, headings = body_paragraphs(body)
    if not paras:
        raise ImportSkipped("empty file")
    title = _str(fm.values.get("title")) or (headings[0] if headings else derive_title(paras[0]))
    if paras[0] == title and len(paras) > 1:
        paras = paras[1:]
    date = None
    if (raw_date := _str(fm.values.get("date"))) is not None:
        date = parse_iso_date(raw_date)
        if date is None:
            warnings.append(f"front matter: date {raw_date!r} not understood: ignored")
    authors = fm.values.get("authors")
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r"\s*(?:,|;| and | et )\s*", authors) if a.strip()]
    lang = _str(fm.values.get("lang"))
    return [
        ArticleDraft(
            title=shorten(title),
            text="\n".join(paras),
            date=date,
            source=_str(fm.values.get("source")),
            url=_str(fm.values.get("url")),
            lang=lang.split("-")[0].split("_")[0].lower() if lang else None,
            authors=tuple(authors or ()),
            origin=origin,
            warnings=tuple(warnings),
        )
    ]


def _sniff(head: bytes, origin: str) -> int:
    text = sniff_text(head[:512]).lstrip("\ufeff")
    if text.startswith("---\n") or text.startswith("---\r\n"):
        return 40 if _KEY.search(text.split("\n", 2)[1] if "\n" in text else "") else 0
    return 0


FORMAT = Format(
    name="markdown",
    extensions=(".md", ".markdown", ".mdown", ".mkd"),
    sniff=_sniff,
    parse=parse_markdown,
    description="Markdown with optional front matter",
)
