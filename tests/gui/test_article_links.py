"""Links in the article pane (issue #8, item 6): the pane never navigates; only web and
e-mail addresses reach the system browser; nothing the article names is loaded.

The view takes its opener as a parameter, so these tests see what would have been
opened without patching Qt.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from reader_app.views.article_pane import ArticlePane
from reader_app.views.article_view import ArticleView
from tests.gui.long_articles import long_article

OPENED = [
    "https://example.org/a?b=1&c=2",
    "http://example.org/",
    "HTTPS://Example.org/Upper",
    "mailto:redaction@example.org",
]
REFUSED = [
    "file:///etc/passwd",
    "notes/local.html",
    "/etc/shadow",
    "../../secret.txt",
    "javascript:alert(document.title)",
    "data:text/html,<b>hi</b>",
    "smb://server/share/file.doc",
    "ftp://example.org/file.txt",
    "//example.org/scheme-relative",
    "http:no-host",
    "mailto:",
    "about:blank",
    "qrc:/resources/icon.svg",
    "vbscript:msgbox(1)",
]


@pytest.fixture
def opened() -> list[QUrl]:
    return []


@pytest.fixture
def pane(qtbot, opened: list[QUrl]) -> ArticlePane:
    pane = ArticlePane(opener=opened.append)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def click_text(qtbot, view: ArticleView, text: str) -> None:
    """A real left click on the first place ``text`` is drawn in the pane."""
    found = view.document().find(text)
    assert not found.isNull(), f"{text!r} is not shown"
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 1)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.right() + 2, rect.center().y()))


@pytest.mark.parametrize("url", OPENED)
def test_web_and_mail_links_of_the_meta_line_go_to_the_browser(qtbot, pane, opened,
                                                               url: str) -> None:
    view = pane.view
    view.show_article(long_article(5, url=url))
    before = view.toHtml()
    refused: list[str] = []
    view.linkRefused.connect(refused.append)
    click_text(qtbot, view, url)
    assert [u.toString() for u in opened] == [QUrl(url).toString()]
    assert refused == []
    assert view.toHtml() == before and view.source().isEmpty()


@pytest.mark.parametrize("url", REFUSED)
def test_other_links_of_the_meta_line_are_refused_with_a_sentence(qtbot, pane, opened,
                                                                  url: str) -> None:
    view = pane.view
    view.show_article(long_article(5, url=url))
    before = view.toHtml()
    with qtbot.waitSignal(view.linkRefused, timeout=2000) as refusal:
        click_text(qtbot, view, url)
    assert opened == []
    assert refusal.args[0].startswith("Link not opened")
    assert "\n" not in refusal.args[0] and len(refusal.args[0]) < 160
    assert pane.partial_bar.isVisible() and "Link not opened" in pane.partial_bar.text.text()
    assert view.toHtml() == before and view.source().isEmpty()


@pytest.mark.parametrize("href", ["file:///etc/hosts", "../index.html", "javascript:x()"])
def test_links_inside_article_html_follow_the_same_rule(qtbot, pane, opened,
                                                       href: str) -> None:
    view = pane.view
    view.setHtml(f'<p>Voir <a href="{href}">le dossier</a> ou '
                 '<a href="https://example.org/dossier">en ligne</a>.</p>')
    before = view.toHtml()
    view.anchorClicked.emit(QUrl(href))
    assert opened == []
    view.anchorClicked.emit(QUrl("https://example.org/dossier"))
    assert [u.toString() for u in opened] == ["https://example.org/dossier"]
    assert view.toHtml() == before


def test_the_pane_refuses_to_load_another_page_whoever_asks(qtbot, pane, tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>Une autre page</p>", encoding="utf-8")
    view = pane.view
    view.show_article(long_article(5))
    before = view.toHtml()
    with qtbot.waitSignal(view.linkRefused, timeout=2000):
        view.setSource(QUrl.fromLocalFile(str(page)))
    assert view.toHtml() == before and "Une autre page" not in view.toPlainText()


def _resources(tmp_path: Path) -> tuple[str, list[QUrl]]:
    """A page naming a 4x4 picture by absolute and relative path, a 2x3 one as data:,
    and a style sheet by relative path."""
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    assert image.save(str(tmp_path / "pic.png"))
    (tmp_path / "style.css").write_text("p { color: #ff0000 }", encoding="utf-8")
    small = QImage(2, 3, QImage.Format.Format_RGB32)
    small.fill(QColor("#00ff00"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    small.save(buffer, "PNG")
    data = "data:image/png;base64," + bytes(buffer.data().toBase64().data()).decode()
    absolute = QUrl.fromLocalFile(str(tmp_path / "pic.png"))
    html = (f'<html><head><link rel="stylesheet" href="style.css"></head><body>'
            f'<p><img src="{absolute.toString()}"><img src="pic.png"><img src="{data}"></p>'
            f'<p>texte</p></body></html>')
    return html, [absolute, QUrl("pic.png"), QUrl(data), QUrl("style.css")]


def _loaded(browser: QTextBrowser, tmp_path: Path, html: str, urls: list[QUrl]) -> list[bool]:
    """Which of the pictures (their own sizes) and the style sheet the browser read."""
    browser.setSearchPaths([str(tmp_path)])
    browser.document().setBaseUrl(QUrl.fromLocalFile(str(tmp_path) + "/"))
    browser.setHtml(html)
    doc = browser.document()
    image = QTextDocument.ResourceType.ImageResource
    sizes = [doc.resource(image, u).size() for u in urls[:3]]
    css = doc.resource(QTextDocument.ResourceType.StyleSheetResource, urls[3])
    return [sizes[0] == QSize(4, 4), sizes[1] == QSize(4, 4), sizes[2] == QSize(2, 3),
            "ff0000" in bytes(QByteArray(css or b"")).decode()]


def test_the_pane_loads_no_file_or_data_resource_named_by_html(qtbot, pane,
                                                             tmp_path) -> None:
    html, urls = _resources(tmp_path)
    control = QTextBrowser()  # what a plain QTextBrowser does with the same page
    qtbot.addWidget(control)
    assert _loaded(control, tmp_path, html, urls) == [True, True, True, True]
    assert _loaded(pane.view, tmp_path, html, urls) == [False, False, False, False]
    assert pane.view.document().refused  # asked, and answered with a blank pixel
