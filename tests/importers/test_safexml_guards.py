"""Guards on the XML screen and parser (index/importers/safexml.py), each pinned by a test
that fails when one line changes (docs/mutation-testing.md).

The functions are called directly, in this process: the import pipeline parses in worker
processes, where mutmut cannot see which tests reach the screen.
"""

from __future__ import annotations

import codecs
import re

import pytest
from lxml import etree

from index.importers.outcome import ImportFailure
from index.importers.safexml import (
    EXTERNAL_REASON,
    NESTED_REASON,
    PARAMETER_REASON,
    numeric_html_entities,
    parse_xml,
    safe_parser,
    screen_entities,
)

PASSWD = 'SYSTEM "file:///etc/passwd"'
UNREADABLE = "refused: the file's XML entity declarations cannot be read safely"
NEVER_CLOSED = "refused: the file's DTD internal subset is never closed"


def _refusal(data: bytes) -> str:
    with pytest.raises(ImportFailure) as caught:
        screen_entities(data)
    return caught.value.reason


# --- the parser ------------------------------------------------------------------------


def test_processing_instructions_are_dropped() -> None:
    data = b'<r>a<?php system("rm -rf /"); ?>b</r>'
    root = etree.fromstring(data, safe_parser())
    assert root.xpath("//processing-instruction()") == []
    assert root.xpath("string()") == "ab"
    root, warnings = parse_xml(data)
    assert (root.xpath("//processing-instruction()"), warnings) == ([], ())


def test_libxml2_resource_limits_stay_on() -> None:
    """huge_tree would lift libxml2's depth and text-size limits (stack and memory bombs)."""
    deep = b"<a>" * 300 + b"</a>" * 300
    with pytest.raises(etree.XMLSyntaxError, match="depth"):
        etree.fromstring(deep, safe_parser())


def test_an_unreadable_file_names_lxmls_reason_and_where() -> None:
    with pytest.raises(ImportFailure) as caught:
        parse_xml(b"\x00\x01 not xml at all")
    assert caught.value.reason == (
        "not well-formed XML: Document is empty at line 1, column 1"
    )


def test_a_recovered_file_says_what_was_wrong_and_where() -> None:
    _root, warnings = parse_xml(b"<a><p>un</p></b>", what="NITF")
    assert len(warnings) == 1
    assert re.fullmatch(
        r"NITF is not well-formed \(Opening and ending tag mismatch: a line 1 and b at line 1,"
        r" column \d+\); read what could be recovered",
        warnings[0],
    ), warnings[0]


# --- the screen: encodings -------------------------------------------------------------

ENTITY_DOC = '<?xml version="1.0" encoding="{enc}"?><!DOCTYPE r [<!ENTITY e "été">]><r>&e; €</r>'
WIDE = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"", "utf-32-le"),
    (b"", "utf-32-be"),
    (b"", "utf-16-le"),
    (b"", "utf-16-be"),
]


@pytest.mark.parametrize(("bom", "codec"), WIDE)
def test_wide_encodings_with_or_without_bom_are_expanded_into_utf8(bom: bytes, codec: str) -> None:
    data = bom + ENTITY_DOC.format(enc=codec.upper()).encode(codec)
    screened = screen_entities(data)
    assert screened == '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE r ><r>été €</r>'.encode()
    root, warnings = parse_xml(data)
    assert (root.text, warnings) == ("été €", ())


@pytest.mark.parametrize(("bom", "codec"), WIDE)
def test_wide_encodings_with_or_without_bom_are_screened(bom: bytes, codec: str) -> None:
    # Without a BOM, XML says a wide file starts with its declaration (XML 1.0, appendix F).
    text = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x {PASSWD}>]><r>&x;</r>'
    assert _refusal(bom + text.encode(codec)) == EXTERNAL_REASON


def test_wide_declarations_in_lower_case_are_screened() -> None:
    data = f'<!DOCTYPE r [<!entity x {PASSWD}>]><r>&x;</r>'.encode("utf-16")
    assert _refusal(data) == EXTERNAL_REASON


def test_bad_bytes_in_a_wide_file_become_replacement_characters() -> None:
    data = (
        codecs.BOM_UTF16_LE
        + '<!DOCTYPE r [<!ENTITY e "un">]><r>&e;'.encode("utf-16-le")
        + b"\x00\xd8"  # a lone high surrogate
        + "</r>".encode("utf-16-le")
    )
    assert screen_entities(data) == "<!DOCTYPE r ><r>un\ufffd</r>".encode()


def test_a_second_bom_does_not_hide_the_declared_encoding() -> None:
    data = ("\ufeff" + ENTITY_DOC.format(enc="UTF-16")).encode("utf-16")
    assert screen_entities(data).startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert parse_xml(data)[0].text == "été €"


def test_narrow_files_keep_their_bytes_around_the_expansion() -> None:
    data = '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE r [<!ENTITY e "x">]><r>&e; é</r>'
    assert screen_entities(data.encode()) == (
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE r ><r>x é</r>'.encode()
    )
    latin = data.replace("utf-8", "iso-8859-1").encode("latin-1")
    assert screen_entities(latin) == (
        '<?xml version="1.0" encoding="iso-8859-1"?><!DOCTYPE r ><r>x é</r>'.encode("latin-1")
    )


# --- the screen: where the DTD is ------------------------------------------------------


def test_the_subset_and_the_space_before_it_are_cut_exactly() -> None:
    data = b'\n<!DOCTYPE r\n [<!ENTITY a "1">]>\n<r>&a;</r>'
    assert screen_entities(data) == b'\n<!DOCTYPE r >\n<r>1</r>'


def test_references_to_undeclared_entities_are_left_as_they_are() -> None:
    data = b'<!DOCTYPE r [<!ENTITY a "1">]><r>&a; &amp; &eacute; &b;</r>'
    assert screen_entities(data) == b"<!DOCTYPE r ><r>1 &amp; &eacute; &b;</r>"


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE r SYSTEM "a>b.dtd" [',  # a ">" inside the system id
        "<!DOCTYPE r PUBLIC '-//X//[odd' 'r.dtd' [",  # a "[" inside the public id
        '<!DOCTYPE Xr [',  # an X, no quote
        '<!DOCTYPE r SYSTEM "r.dtd"[',  # no space before the subset
    ],
)
def test_quoted_ids_before_the_subset_do_not_hide_it(doctype: str) -> None:
    assert _refusal(f"{doctype}<!ENTITY x {PASSWD}>]><r>&x;</r>".encode()) == EXTERNAL_REASON


def test_a_doctype_without_subset_leaves_brackets_in_the_body_alone() -> None:
    data = b'<!DOCTYPE r SYSTEM "r.dtd"><r><![CDATA[<!ENTITY x "y">]]></r>'
    assert screen_entities(data) == data


def test_a_truncated_doctype_is_left_to_the_parser() -> None:
    data = b"<!DOCTYPE r <!ENTITY"
    assert screen_entities(data) == data


def test_only_the_prolog_is_searched_for_the_doctype() -> None:
    quoted = f'<!DOCTYPE x [<!ENTITY a {PASSWD}>]>'
    fake_in_comment = f'<?xml version="1.0"?><!-- {quoted} --><r><![CDATA[{quoted}]]></r>'
    assert screen_entities(fake_in_comment.encode()) == fake_in_comment.encode()
    no_doctype = f"<r><![CDATA[{quoted}]]></r>".encode()
    assert screen_entities(no_doctype) == no_doctype
    junk_then_root = f"junk <r><![CDATA[{quoted}]]></r>".encode()
    assert screen_entities(junk_then_root) == junk_then_root
    only_junk = f"junk <!ENTITY x {PASSWD}>".encode()
    assert screen_entities(only_junk) == only_junk


def test_a_doctype_after_junk_and_a_comment_with_tags_is_found() -> None:
    data = f'<?xml version="1.0"?><!-- see <b>bold</b> -->junk<!DOCTYPE r [<!ENTITY x {PASSWD}>]>'
    assert _refusal((data + "<r>&x;</r>").encode()) == EXTERNAL_REASON


@pytest.mark.parametrize(
    "subset",
    [
        f"<!-- a ] here --><!ENTITY x {PASSWD}>",  # a "]" in a comment
        f"<!-- one --><!-- ] --><!ENTITY x {PASSWD}>",  # two comments side by side
        f"<!-- a ]--><!ENTITY x {PASSWD}>",  # a "]" just before the comment's end
        f'<!ENTITY y "x]y"><!ENTITY x {PASSWD}>',  # a "]" in a value
    ],
)
def test_brackets_in_comments_and_values_do_not_close_the_subset(subset: str) -> None:
    assert _refusal(f"<!DOCTYPE r [{subset}]><r>&x;</r>".encode()) == EXTERNAL_REASON


def test_comments_in_the_subset_are_skipped_exactly() -> None:
    right_before = b'<!DOCTYPE r [<!ENTITY a "1"><!-- c -->]><r>&a;<!-- d --></r>'
    assert screen_entities(right_before) == b"<!DOCTYPE r ><r>1<!-- d --></r>"
    empty = b'<!DOCTYPE r [<!ENTITY a "1"><!---->]><r>&a;<!-- d --></r>'
    assert screen_entities(empty) == b"<!DOCTYPE r ><r>1<!-- d --></r>"
    value_in_x = b'<!DOCTYPE r [<!ENTITY Xy "1">]><r>&Xy;</r>'
    assert screen_entities(value_in_x) == b"<!DOCTYPE r ><r>1</r>"


@pytest.mark.parametrize("tail", ['<!ENTITY a "1"><r>&a;</r>', '<!ENTITY a "1"><!-- never closed'])
def test_a_subset_never_closed_is_refused(tail: str) -> None:
    assert _refusal(f"<!DOCTYPE r [{tail}".encode()) == NEVER_CLOSED


# --- the screen: declarations -------------------------------------------------------------


def test_five_hundred_declarations_are_read_and_more_are_refused() -> None:
    def with_declarations(count: int) -> bytes:
        decls = "".join(f'<!ENTITY e{i} "{i}">' for i in range(count))
        return f"<!DOCTYPE r [{decls}]><r>&e0;&e{count - 1};</r>".encode()

    assert screen_entities(with_declarations(500)) == b"<!DOCTYPE r ><r>0499</r>"
    assert _refusal(with_declarations(501)) == NESTED_REASON


def test_a_declaration_after_a_w3c_entity_set_is_still_read() -> None:
    data = (
        '<!DOCTYPE r [<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN"'
        f' "xhtml-lat1.ent">%HTMLlat1;<!ENTITY x {PASSWD}>]><r>&x;</r>'
    )
    assert _refusal(data.encode()) == EXTERNAL_REASON


def test_other_parameter_entities_are_refused() -> None:
    assert _refusal(b'<!DOCTYPE r [<!ENTITY % p "x">]><r/>') == PARAMETER_REASON


@pytest.mark.parametrize("rest", ["XYZ", "NDATA x", PASSWD, 'PUBLIC "-//A//B" "b.ent"'])
def test_a_value_that_is_not_a_quoted_literal_is_refused(rest: str) -> None:
    assert _refusal(f"<!DOCTYPE r [<!ENTITY x {rest}>]><r>&x;</r>".encode()) == EXTERNAL_REASON


@pytest.mark.parametrize("value", ["&a;", "%p;", "50%"])
def test_values_with_references_are_refused(value: str) -> None:
    data = f'<!DOCTYPE r [<!ENTITY a "1"><!ENTITY b "{value}">]><r>&b;</r>'
    assert _refusal(data.encode()) == NESTED_REASON


def test_only_the_first_quoted_literal_is_the_value() -> None:
    data = b'<!DOCTYPE r [<!ENTITY a "un" "&b;">]><r>&a;</r>'
    assert screen_entities(data) == b"<!DOCTYPE r ><r>un</r>"


def test_a_declaration_the_screen_cannot_read_is_refused() -> None:
    assert _refusal(b"<!DOCTYPE r [<!ENTITY a>]><r/>") == UNREADABLE
    assert _refusal(b"<!DOCTYPE r [<!entity>]><r/>") == UNREADABLE


def test_growth_up_to_the_cap_is_allowed_and_one_byte_more_is_not() -> None:
    """The cap is one megabyte plus the file's own size; padding sets the size exactly."""
    refs = 1100  # each adds 1,000 characters

    def sized(over: int) -> bytes:
        bare = f'<!DOCTYPE r [<!ENTITY a "{"A" * 1000}">]><r>{"&a;" * refs}</r>'
        pad = refs * 1000 - 1_000_000 - len(bare) - over
        data = bare.replace("</r>", "p" * pad + "</r>").encode()
        assert refs * 1000 == 1_000_000 + len(data) + over
        return data

    assert len(screen_entities(sized(0))) > refs * 1000
    assert "beyond a safe size" in _refusal(sized(1))


# --- HTML entity names in narrow files ---------------------------------------------------


def test_html_names_become_character_references_and_the_rest_stays() -> None:
    data = b"<r>a &amp; &lt; b &eacute; &Eacute; &nosuch; &#233;</r>"
    assert numeric_html_entities(data) == b"<r>a &amp; &lt; b &#233; &#201; &nosuch; &#233;</r>"


def test_wide_files_are_left_alone_even_when_their_bytes_spell_a_name() -> None:
    # Four CJK characters whose UTF-16-LE bytes read b"&eacute;".
    data = codecs.BOM_UTF16_LE + "<r>\u6526\u6361\u7475\u3b65</r>".encode("utf-16-le")
    assert b"&eacute;" in data
    assert numeric_html_entities(data) is data
