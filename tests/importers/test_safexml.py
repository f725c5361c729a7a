"""Hostile XML: entity bombs, local-file and network entities, for feeds and news XML alike."""

from __future__ import annotations

import contextlib
import resource
import socket
from pathlib import Path

import pytest
from lxml import etree

from index.importers import parse
from index.importers.outcome import ImportFailure
from index.importers.safexml import (
    EXTERNAL_REASON,
    NESTED_REASON,
    PARAMETER_REASON,
    parse_xml,
    safe_parser,
    screen_entities,
)

BOMB_LEVELS = "\n".join(
    f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 "lol">\n'
    + BOMB_LEVELS
    + "\n]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>"
).encode()


@pytest.mark.parametrize("suffix", [".xml", ".rss", ".nitf"])
def test_billion_laughs_is_refused_without_expanding(suffix: str) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = parse(f"/tmp/lol{suffix}", BILLION_LAUGHS)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert outcome.status == "failed"
    assert outcome.reason == NESTED_REASON
    assert after - before < 50_000  # KiB: a billion "lol"s would need gigabytes


def test_local_file_entity_never_leaks(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    for body in (
        b'<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title>'
        b"<description>d</description></item></channel></rss>",
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentSet>'
        b"<inlineData>&xxe;</inlineData></contentSet></newsItem>",
    ):
        doctype = f'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        outcome = parse(str(tmp_path / "x.xml"), doctype.encode() + body)
        assert outcome.status == "failed"
        assert outcome.reason == EXTERNAL_REASON
        assert "TOP-SECRET-MARKER" not in repr(outcome)


def test_network_entity_is_never_fetched() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    data = (
        f'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/x">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title></feed>'
    ).encode()
    try:
        outcome = parse("/tmp/xxe.atom", data)
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    assert outcome.status == "failed"
    assert outcome.reason == EXTERNAL_REASON


def test_parameter_entities_are_refused_but_w3c_entity_sets_are_ignored() -> None:
    hostile = b'<!DOCTYPE r [<!ENTITY % p "<!ENTITY x \'y\'>"> %p;]><r/>'
    with pytest.raises(ImportFailure) as caught:
        screen_entities(hostile)
    assert caught.value.reason == PARAMETER_REASON
    xhtml_set = (
        b'<!DOCTYPE rdf:RDF [\n<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN"'
        b' "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent">\n%HTMLlat1;\n]><r>caf&eacute;</r>'
    )
    root, warnings = parse_xml(xhtml_set)
    assert root.text == "café"
    assert warnings == ()


def test_utf16_documents_are_screened_too() -> None:
    data = BILLION_LAUGHS.decode().replace('<?xml version="1.0"?>', "").encode("utf-16")
    with pytest.raises(ImportFailure) as caught:
        screen_entities(data)
    assert caught.value.reason == NESTED_REASON


def test_an_article_quoting_an_attack_in_cdata_still_imports() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Sec</title><item>'
        b"<title>XXE explained</title><description><![CDATA[Attackers write <!DOCTYPE foo "
        b'[<!ENTITY xxe SYSTEM "file:///etc/passwd">]> to read files.]]></description>'
        b"</item></channel></rss>"
    )
    outcome = parse("/tmp/sec.rss", data)
    assert outcome.status == "ok"
    assert outcome.drafts[0].text.startswith("Attackers write <!DOCTYPE foo")


def test_declarations_hidden_behind_a_long_comment_or_junk_are_still_found() -> None:
    padded = (
        b'<?xml version="1.0"?><!--' + b"x" * 100_000 + b'--><!DOCTYPE r [<!ENTITY a "1">'
        b'<!ENTITY b "&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>'
    )
    assert parse("/tmp/c.rss", padded).reason == NESTED_REASON
    junk = (
        b'junk <!DOCTYPE r [<!entity x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>&x;</title></channel></rss>'
    )
    assert parse("/tmp/j.rss", junk).reason == EXTERNAL_REASON


def test_documents_without_entities_pass_untouched() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE nitf SYSTEM "nitf.dtd"><nitf><body/></nitf>'
    assert screen_entities(data) is data


def test_recovered_parse_reports_a_warning_and_unrecoverable_fails() -> None:
    root, warnings = parse_xml(b"<a><p>un</p><p>deux</a>", what="news XML")
    assert root.tag == "a"
    assert warnings and "not well-formed" in warnings[0]
    with pytest.raises(ImportFailure) as caught:
        parse_xml(b"\x00\x01 not xml at all", what="news XML")
    assert "not well-formed news XML" in caught.value.reason


@pytest.mark.extended
def test_shared_security_cases(shared_data: Path) -> None:
    bad = shared_data / "bad-inputs"
    laughs = parse("billion_laughs.xml", (bad / "billion_laughs.xml").read_bytes())
    assert (laughs.status, laughs.reason) == ("failed", NESTED_REASON)
    for name in ("xxe_file.xml", "xxe_http.xml"):
        outcome = parse(name, (bad / name).read_bytes())
        assert outcome.status == "failed"
        assert "root:" not in repr(outcome)


# --- the parser itself: the second wall, behind the screen ---------------------------------
# The screen strips every internal DTD subset, so no fixture reaches lxml with an entity
# declaration: these tests feed the parser directly, so that turning on entity
# resolution, DTD loading or network access in ``safe_parser`` fails here.

SECRET = "SECRET-MARKER-7f3a"


def _all_text(root: etree._Element) -> str:
    return etree.tostring(root, encoding="unicode") + str(root.xpath("string()"))


@pytest.mark.parametrize("recover", [False, True])
def test_the_parser_itself_never_reads_an_external_entity(tmp_path: Path, recover: bool) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    data = (
        f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><r>a &xxe; b</r>'
    ).encode()
    root = etree.fromstring(data, safe_parser(recover=recover))
    assert SECRET not in _all_text(root)
    assert root.text == "a "  # the reference stays a reference, never its content


@pytest.mark.parametrize("recover", [False, True])
def test_the_parser_itself_never_loads_a_dtd(tmp_path: Path, recover: bool) -> None:
    dtd = tmp_path / "news.dtd"
    dtd.write_text('<!ENTITY e "FROM-THE-DTD"><!ATTLIST r a CDATA "DEFAULT-FROM-THE-DTD">')
    data = f'<!DOCTYPE r SYSTEM "{dtd.as_uri()}"><r>x &e; y</r>'.encode()
    root = etree.fromstring(data, safe_parser(recover=recover))
    assert "FROM-THE-DTD" not in _all_text(root)
    assert root.get("a") is None
    assert root.getroottree().docinfo.externalDTD is None


def test_news_xml_with_a_local_dtd_imports_without_what_the_dtd_says(tmp_path: Path) -> None:
    dtd = tmp_path / "nitf.dtd"
    dtd.write_text('<!ENTITY ext "FROM-THE-DTD">')
    data = (
        f'<?xml version="1.0"?><!DOCTYPE nitf SYSTEM "{dtd.as_uri()}"><nitf><head><title>'
        "Ferry</title></head><body><body.content><p>The ferry sailed &ext; at dawn.</p>"
        "</body.content></body></nitf>"
    ).encode()
    outcome = parse(str(tmp_path / "a.nitf"), data)
    assert outcome.status == "ok", outcome.reason
    assert "The ferry sailed" in outcome.drafts[0].text
    assert "FROM-THE-DTD" not in repr(outcome)


class _LoadRecorder(etree.Resolver):
    """Sees every URL the parser asks to load (DTD, entity), whether or not it could."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def resolve(self, system_url: str, public_id: str, context: object) -> None:
        self.asked.append(system_url)


@pytest.mark.parametrize("what", ["DTD", "entity"])
@pytest.mark.parametrize("recover", [False, True])
def test_the_parser_itself_never_asks_for_anything_on_the_network(what: str, recover: bool) -> None:
    """No connection, and no request for one.

    The libxml2 inside current lxml wheels has no HTTP client at all, so the listener
    alone could never see a connection there; the recorder sees the parser's requests
    before any fetching, so it fails on any build when DTD loading or entity resolution
    is turned on.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/x"
    data = (
        f'<!DOCTYPE r SYSTEM "{url}"><r>x</r>'
        if what == "DTD"
        else f'<!DOCTYPE r [<!ENTITY e SYSTEM "{url}">]><r>x &e;</r>'
    ).encode()
    parser = safe_parser(recover=recover)
    recorder = _LoadRecorder()
    parser.resolvers.add(recorder)
    try:
        with contextlib.suppress(etree.XMLSyntaxError):
            etree.fromstring(data, parser)
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    assert recorder.asked == []


def test_entity_expansion_is_capped_on_growth_not_on_file_size() -> None:
    """A 25 KB file that would grow to 20 MB is refused; a modest expansion is kept."""
    bomb = (
        b'<!DOCTYPE r [<!ENTITY big "' + b"A" * 5000 + b'">]><r>' + b"&big;" * 4000 + b"</r>"
    )
    assert len(bomb) < 30_000
    with pytest.raises(ImportFailure) as caught:
        screen_entities(bomb)
    assert "beyond a safe size" in caught.value.reason
    modest = b'<!DOCTYPE r [<!ENTITY big "' + b"A" * 5000 + b'">]><r>' + b"&big;" * 100 + b"</r>"
    root, _warnings = parse_xml(modest)
    assert root.text == "A" * 500_000
