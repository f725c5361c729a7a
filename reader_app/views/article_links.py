"""Which links an article may open, and how to say no.

Article text and metadata come from files a person dropped: feeds and JSON exports
can carry ``file://``, relative, ``javascript:``, ``data:`` or ``smb:`` targets. The
article pane never follows a link itself; only web and e-mail addresses are handed to
the system browser, everything else is refused with one sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl

from reader_app.i18n import translate as _tr

Opener = Callable[[QUrl], object]

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SHOWN_CHARS = 60


def shown_url(url: QUrl) -> str:
    """The address as a person would recognise it, cut to a status-bar length."""
    text = url.toDisplayString() or _tr("(empty link)")
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def refusal(url: QUrl) -> str | None:
    """None when ``url`` may go to the system browser, else why it may not."""
    scheme = url.scheme().lower()
    if not url.isValid() or scheme not in ALLOWED_SCHEMES:
        return (
            _tr("Link not opened: {0} — only web (http, https) and e-mail "
                "links open from an article.").format(shown_url(url))
        )
    if scheme in ("http", "https") and not url.host():
        return _tr("Link not opened: {0} has no web address to go to.").format(shown_url(url))
    if scheme == "mailto" and not url.path().strip():
        return _tr("Link not opened: the e-mail link has no address.")
    return None
