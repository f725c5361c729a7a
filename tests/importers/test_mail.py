"""E-mail (.eml) and mailboxes (.mbox) through ``parse()``; the shared mail fixtures too."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.importers import parse

MAIL = Path(__file__).resolve().parent / "fixtures" / "mail"


def _parse(name: str):
    path = MAIL / name
    return parse(str(path), path.read_bytes())


def test_newsletter_prefers_the_html_part_main_content() -> None:
    outcome = _parse("newsletter_fr.eml")
    assert outcome.status == "ok", outcome.reason
    assert outcome.format == "email"
    (draft,) = outcome.drafts
    # Subject mixes a UTF-8 and an ISO-8859-1 encoded word (RFC 2047).
    assert draft.title == "Élections régionales : la participation en hausse à Rennes"
    assert draft.text.split("\n") == [
        "À Rennes, la participation aux élections régionales a atteint 58 % à midi, "
        "contre 41 % il y a six ans.",
        "Les bureaux de vote fermeront à 20 heures. « C’est une bonne surprise », "
        "estime le maire.",
    ]
    assert "désabonner" not in draft.text  # menu and footer are not the article
    assert draft.date == "2024-03-18T07:00:00+01:00"
    assert draft.source == "La Lettre du Quotidien"  # List-Id name
    assert draft.authors == ("Rédaction du Quotidien",)
    assert draft.url == "https://quotidien.veille.test/lettres/2024-03-18"
    assert draft.lang == "fr"


def test_quoted_printable_plain_part_when_there_is_no_html() -> None:
    data = (MAIL / "newsletter_fr.eml").read_bytes()
    plain_only = data.replace(b"Content-Type: text/html", b"Content-Type: image/png")
    (draft,) = parse("/tmp/plain.eml", plain_only).drafts
    assert draft.text.split("\n") == [
        "À Rennes, la participation aux élections régionales a atteint 58 % à midi, "
        "contre 41 % il y a six ans.",
        "Les bureaux de vote fermeront à 20 heures. « C’est une bonne surprise », "
        "estime le maire.",
    ]


def test_mbox_gives_one_article_per_message() -> None:
    outcome = _parse("two_messages.mbox")
    assert outcome.status == "ok"
    assert outcome.format == "mbox"
    english, french = outcome.drafts
    assert english.origin.endswith("two_messages.mbox#msg-1")
    assert french.origin.endswith("two_messages.mbox#msg-2")
    assert english.text.split("\n") == [
        "The ferry to Gull Island will leave thirty minutes earlier from Monday, the harbour "
        "office announced, to match the new tide tables for the spring season.",
        "From the harbour master: passengers should arrive ten minutes before departure.",
    ]
    assert english.source == "Harbour Gazette Digest"
    assert french.title == "La pêche à pied reprend à Saint-Malo"  # base64 ISO-8859-1 word
    assert french.source == "L'Ouest Éco"
    assert french.text.startswith("La pêche à pied reprend à Saint-Malo après trois semaines")
    assert french.date == "2024-04-03T07:30:00+02:00"


def test_contradictory_charset_is_decoded_best_effort() -> None:
    body = "L’été à Marseille : la mer est à 26 °C.".encode("cp1252")
    data = (
        b"From: Veille <v@veille.test>\r\nSubject: =?NONE?B?VEVTVA=?=\r\n"
        b"Date: not a date\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body
    )
    outcome = parse("/tmp/lie.eml", data)
    assert outcome.status == "ok"
    (draft,) = outcome.drafts
    assert draft.text == "L’été à Marseille : la mer est à 26 °C."
    assert draft.date is None
    assert any("does not fit" in w for w in outcome.warnings)


def test_raw_utf8_headers_and_an_attachment_that_is_not_the_article() -> None:
    data = (
        "From: Jöhn Doe <j@veille.test>\nSubject: Säying Hello\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
        "Bonjour à tous.\n--b\nContent-Type: text/plain\n"
        'Content-Disposition: attachment; filename="notes.txt"\n\nPièce jointe.\n--b--\n'
    ).encode()
    (draft,) = parse("/tmp/utf8.eml", data).drafts
    assert (draft.title, draft.authors) == ("Säying Hello", ("Jöhn Doe",))
    assert draft.text == "Bonjour à tous."


def test_format_flowed_is_rejoined_and_the_signature_dropped() -> None:
    data = (
        b"From: Lettre <l@veille.test>\nSubject: Flowed\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=utf-8; format=flowed\n\n"
        b"Le conseil r\xc3\xa9gional a vot\xc3\xa9 \nle budget des lyc\xc3\xa9es.\n\n"
        b"Second paragraphe.\n-- \nSe d\xc3\xa9sabonner : https://veille.test/stop\n"
    )
    (draft,) = parse("/tmp/flowed.eml", data).drafts
    assert draft.text == "Le conseil régional a voté le budget des lycées.\nSecond paragraphe."


def test_mbox_body_line_starting_with_from_does_not_split_a_message() -> None:
    data = (
        b"From a@veille.test Tue Apr  2 06:00:00 2024\nFrom: a@veille.test\nSubject: Un\n\n"
        b"Premier message.\nFrom the start, it was clear.\n\n"
        b"From b@veille.test Tue Apr  2 07:00:00 2024\nFrom: b@veille.test\nSubject: Deux\n\n"
        b"Second message.\n"
    )
    outcome = parse("/tmp/box.mbox", data)
    assert [d.title for d in outcome.drafts] == ["Un", "Deux"]
    assert outcome.drafts[0].text == "Premier message.\nFrom the start, it was clear."


def test_message_without_text_is_skipped() -> None:
    outcome = parse("/tmp/empty.eml", b"From: a@b.c\nSubject: rien\nTo: d@e.f\n\n")
    assert outcome.status == "skipped"
    assert outcome.reason == "the e-mail has no readable text"


@pytest.mark.extended
def test_shared_messages_import_or_skip_cleanly(shared_data: Path) -> None:
    folder = shared_data / "email" / "eml"
    outcomes = {p.relative_to(folder).as_posix(): parse(str(p), p.read_bytes())
                for p in sorted(folder.rglob("*.eml"))}
    assert len(outcomes) >= 40
    failed = {name: o.reason for name, o in outcomes.items() if o.status == "failed"}
    assert not failed
    ok = [o for o in outcomes.values() if o.status == "ok"]
    assert len(ok) >= len(outcomes) - 3
    assert outcomes["rfc6532/utf8_headers.eml"].drafts[0].title == "Säying Hello"
    assert outcomes["multi_charset/japanese.eml"].drafts[0].title == "まみむめも"
    assert outcomes["plain_emails/basic_email.eml"].drafts[0].date == "2008-11-22T15:04:59+11:00"


@pytest.mark.extended
def test_shared_mbox_has_fourteen_messages(shared_data: Path) -> None:
    path = shared_data / "email" / "generated-sample.mbox"
    outcome = parse(str(path), path.read_bytes())
    assert outcome.status == "ok"
    assert len(outcome.drafts) == 14
    assert [d.origin.rsplit("#", 1)[1] for d in outcome.drafts][:2] == ["msg-1", "msg-2"]
