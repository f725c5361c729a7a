"""Hostile XML: entity bombs, local-file and network entities, for feeds and news XML alike."""

from __future__ import annotations

import resource
import socket
from pathlib import Path

import pytest

from index.importers import parse
from index.importers.outcome import ImportFailure
from index.importers.safexml import (
    EXTERNAL_REASON,
    NESTED_REASON,
    PARAMETER_REASON,
    parse_xml,
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
