"""Above the article: the other versions of its story, and what this one changes.

Folded to one line by default ("4 versions of this story, 2 outlets — this one adds 2
sentences and drops 5"); unfolded, each version is a link (date · outlet · title) and
the sentences this version adds (green, "+") and drops (red, struck through, "−")
compared with the earliest are listed. Hidden for an article with no other version.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from index.story_versions import StoryComparison, VersionRow
from reader_app.i18n import format_date
from reader_app.i18n import translate as _tr
from reader_app.theme import colour

SENTENCES_SHOWN = 8  # per side; the rest is counted ("and 12 more")
DETAILS_HEIGHT = 190  # pixels at most, scrolled beyond: the article keeps the room


class StoryPanel(QFrame):
    versionActivated = Signal(int)  # article id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyPanel")
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("storyToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toggle.setAccessibleName(_tr("Show or hide the versions of this story"))
        self.toggle.toggled.connect(self._unfold)
        self.details = QLabel(self)
        self.details.setObjectName("storyDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details.setOpenExternalLinks(False)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.details.linkActivated.connect(self._link)
        self.area = QScrollArea(self)
        self.area.setObjectName("storyScroll")
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setMaximumHeight(DETAILS_HEIGHT)
        self.area.setWidget(self.details)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 2, 10, 4)
        box.setSpacing(2)
        box.addWidget(self.toggle)
        box.addWidget(self.area)
        self.area.hide()
        self.comparison: StoryComparison | None = None
        self.article_id: int | None = None
        self.hide()

    def set_story(self, article_id: int, comparison: StoryComparison | None) -> None:
        self.article_id, self.comparison = article_id, comparison
        if comparison is None:
            self.hide()
            return
        self.toggle.setText(summary(article_id, comparison))
        self.details.setText(details_html(article_id, comparison))
        self.show()

    def _unfold(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.area.setVisible(on)

    def _link(self, href: str) -> None:
        if href.startswith("article:"):
            self.versionActivated.emit(int(href.split(":", 1)[1]))


def summary(article_id: int, story: StoryComparison) -> str:
    text = _tr("%n version(s) of this story", "", len(story.versions))
    if story.outlets > 1:
        text = _tr("{0}, {1}").format(text, _tr("%n outlet(s)", "", story.outlets))
    if story.earliest.article_id == article_id:
        return _tr("{0} — this is the earliest").format(text)
    if not story.added and not story.dropped:
        return _tr("{0} — same sentences as the earliest").format(text)
    added = _tr("%n sentence(s)", "", len(story.added))
    dropped = _tr("%n sentence(s)", "", len(story.dropped))
    if not story.added:
        return _tr("{0} — this one drops {1}").format(text, dropped)
    if not story.dropped:
        return _tr("{0} — this one adds {1}").format(text, added)
    return _tr("{0} — this one adds {1} and drops {2}").format(text, added, dropped)


def details_html(article_id: int, story: StoryComparison) -> str:
    rows = "".join(f"<li>{_version_line(v, article_id)}</li>" for v in story.versions)
    parts = [f"<ul style='margin:0'>{rows}</ul>"]
    if story.earliest.article_id != article_id and (story.added or story.dropped):
        parts.append("<p style='margin:4px 0 0 0'>" + escape(_tr(
            "Compared with the earliest ({0}):").format(_describe(story.earliest))) + "</p>")
        parts.append(_sentences(story.added, "+", colour("added"), strike=False))
        parts.append(_sentences(story.dropped, "−", colour("dropped"), strike=True))
    return "".join(parts)


def _version_line(version: VersionRow, current: int) -> str:
    text = escape(f"{_describe(version)} — {version.title}")
    if version.article_id == current:
        this_one = escape(_tr("this one"))
        return f"<b>{text}</b> ({this_one})"
    return f"<a href='article:{version.article_id}'>{text}</a>"


def _describe(version: VersionRow) -> str:
    return " · ".join(p for p in (format_date(version.date, short=True), version.source) if p) \
        or _tr("undated")


def _sentences(items: tuple[str, ...], mark: str, tint: str, *, strike: bool) -> str:
    if not items:
        return ""
    style = f"color:{tint};" + ("text-decoration:line-through;" if strike else "")
    lines = [f"<div style='{style}'>{mark} {escape(s)}</div>" for s in items[:SENTENCES_SHOWN]]
    if len(items) > SENTENCES_SHOWN:
        more = escape(_tr("… and %n more", "", len(items) - SENTENCES_SHOWN))
        lines.append(f"<div>{more}</div>")
    return "".join(lines)
