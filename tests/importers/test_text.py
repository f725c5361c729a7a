"""Plain text, seed format, encodings, Markdown and the parse() safety net."""

from __future__ import annotations

import gzip
import pickle
import random
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from index.importers import Format, ParseOutcome, parse, registry
from index.importers.decoding import decode_text, repair_mojibake
from index.importers.parsing import valid_iso_date
from index.importers.registry import rank_formats
from index.importers.text import derive_title, first_sentence, shorten


def only_draft(outcome: ParseOutcome):
    assert outcome.status == "ok", outcome.reason
    assert len(outcome.drafts) == 1
    return outcome.drafts[0]


def parse_file(path: Path) -> ParseOutcome:
    return parse(str(path), path.read_bytes())


# --- seed format -------------------------------------------------------------------------


def test_seed_french_title_date_and_paragraphs(text_fixtures: Path) -> None:
    draft = only_draft(parse_file(text_fixtures / "seed_fr.txt"))
    assert draft.date == "2025-03-14"
    assert draft.title == (
        "M. Dupont, maire de Villeneuve-sur-Lot, a présenté à 7h44 le nouveau plan de "
        "circulation du centre-ville"
    )
    paragraphs = draft.text.split("\n")
    assert len(paragraphs) == 4  # the blank line is collapsed
    assert paragraphs[0].startswith("M. Dupont")
    assert not draft.text.startswith("date")
    assert "’" in draft.text and "« pour rendre la ville aux piétons »" in draft.text
    assert draft.origin.endswith("seed_fr.txt")


def test_seed_english_title_not_cut_inside_abbreviation(text_fixtures: Path) -> None:
    draft = only_draft(parse_file(text_fixtures / "seed_en.txt"))
    assert draft.date == "2025-06-02"
    assert draft.title == (
        "The U.S. Department of Energy said on Monday that a pilot hydrogen plant in Ohio "
        "would open two months late"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("M. Dupont est arrivé. Puis il est reparti.", "M. Dupont est arrivé"),
        ("Le train part à 7h44. Il arrive à 9h.", "Le train part à 7h44"),
        ("Mme Lefèvre a parlé ! Ensuite, rien.", "Mme Lefèvre a parlé !"),
        ("Qui paiera ? Personne ne sait.", "Qui paiera ?"),
        (
            "La croissance atteint 2.5 % cette année. Les experts doutent.",
            "La croissance atteint 2.5 % cette année",
        ),
        (
            "Apple Inc. has sold 3 million units. Analysts were surprised.",
            "Apple Inc. has sold 3 million units",
        ),
        (
            "J. K. Rowling signe un nouveau livre. La sortie est prévue.",
            "J. K. Rowling signe un nouveau livre",
        ),
        ("« Nous partirons. » Le maire a tranché.", "« Nous partirons. »"),
        ("Une seule phrase sans point final", "Une seule phrase sans point final"),
    ],
)
def test_first_sentence_rules(sentence: str, expected: str) -> None:
    assert first_sentence(sentence) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("29 mai 2012. - Un postier a été retrouvé mort. Suite.", "Un postier a été retrouvé mort"),
        ("PARIS, 3 juin (AFP) - Le gouvernement a annoncé un plan. Suite.",
         "Le gouvernement a annoncé un plan"),
        ("LONDON (Reuters) - Britain's economy grew faster than expected. More.",
         "Britain's economy grew faster than expected"),
        ("June 3, 2012 -- The U.S. economy added jobs in May. More.",
         "The U.S. economy added jobs in May"),
        ("Paris - Berlin : un train direct en 2026. Suite.",
         "Paris - Berlin : un train direct en 2026"),
        ("M. Dupont - maire - a parlé. Suite.", "M. Dupont - maire - a parlé"),
    ],
)  # fmt: skip
def test_title_leaves_out_a_news_dateline(paragraph: str, expected: str) -> None:
    assert derive_title(paragraph) == expected


def test_long_first_sentence_is_shortened_at_a_word_boundary() -> None:
    words = " ".join(["développement"] * 30)
    title = derive_title(f"Le {words} continue. Fin.")
    assert len(title) <= 120
    assert title.endswith("…")
    assert title[:-1].split()[-1] == "développement"  # no word cut in half


def test_shorten_keeps_short_titles() -> None:
    assert shorten("  Un   titre  court ") == "Un titre court"


def test_impossible_date_gives_no_date_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(" date 2025-13-45 Le texte commence ici. Et continue.\nDeuxième ligne.\n")
    outcome = parse_file(path)
    draft = only_draft(outcome)
    assert draft.date is None
    assert draft.title == "Le texte commence ici"
    assert any("2025-13-45" in w for w in outcome.warnings)


def test_seed_prefix_without_leading_space_and_date_alone_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2024-02-29\nPremier paragraphe. Suite.\nSecond paragraphe.\n")
    draft = only_draft(parse_file(path))
    assert draft.date == "2024-02-29"
    assert draft.text == "Premier paragraphe. Suite.\nSecond paragraphe."


def test_plain_text_with_title_line(text_fixtures: Path) -> None:
    draft = only_draft(parse_file(text_fixtures / "plain_fr.txt"))
    assert draft.title == "Les vendanges commencent avec dix jours d’avance en Bourgogne"
    assert draft.date is None
    assert draft.text.startswith("À Beaune")
    assert "\n\n" not in draft.text


def test_plain_text_without_title_line_uses_first_sentence(tmp_path: Path) -> None:
    path = tmp_path / "note"  # no extension: read as plain text
    path.write_text("Le conseil a voté le budget. Il entre en vigueur en mai.\nSuite.\n")
    draft = only_draft(parse_file(path))
    assert draft.title == "Le conseil a voté le budget"
    assert draft.text.startswith("Le conseil a voté le budget.")


def test_huge_single_line_imports_with_a_truncated_title(tmp_path: Path) -> None:
    sentence = "la fusée décolle sans problème et la mission continue vers la station, "
    path = tmp_path / "huge.txt"
    path.write_text("date 2025-08-15 " + sentence * 28_000, encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    draft = only_draft(parse_file(path))
    assert len(draft.title) <= 120 and draft.title.endswith("…")
    assert len(draft.text) > 1_900_000


@pytest.mark.parametrize(
    "content", [b"", b"  \n\t\r\n ", b"\xef\xbb\xbf \n", b"\xff\xfe \x00\n\x00"]
)
def test_empty_file_is_skipped_with_a_reason(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    outcome = parse_file(path)
    assert outcome.status == "skipped"
    assert outcome.reason == "empty file"
    assert outcome.drafts == ()


@pytest.mark.extended
def test_shared_seed_samples_match_their_reference(shared_data: Path) -> None:
    """The 20 Wikinews seed files: same text and date as the JSONL they were written from."""
    import gzip as gz
    import json

    folder = shared_data / "news-fr"
    with gz.open(folder / "wikinews-fr.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = {row["id"]: row for row in map(json.loads, handle)}
    files = sorted((folder / "sample-txt").glob("*.txt"))
    assert len(files) >= 20
    for path in files:
        row = rows[f"wikinews-fr-{path.stem}"]
        draft = only_draft(parse_file(path))
        assert (draft.text, draft.date) == (row["text"], row["date"]), path.name
        assert 10 <= len(draft.title) <= 120 and not draft.title[0].isdigit(), draft.title


@pytest.mark.extended
def test_plain_text_title_line_on_bbc_articles(shared_data: Path) -> None:
    """Title line + blank line + body, as people save articles: title and body come back."""
    import gzip as gz
    import json

    with gz.open(shared_data / "news-en" / "bbc.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(300), handle, strict=False)]
    for row in rows:
        data = f"{row['title']}\r\n\r\n{row['text']}\r\n".encode("cp1252", errors="replace")
        draft = only_draft(parse(f"/x/{row['id']}.txt", data))
        body = row["text"].encode("cp1252", errors="replace").decode("cp1252")
        assert draft.title == row["title"]
        assert draft.text == "\n".join(" ".join(p.split()) for p in body.split("\n") if p.strip())


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fr_cp1252.txt", "fr_utf16le_bom.txt"])
def test_french_encodings_read_like_utf8(text_fixtures: Path, name: str) -> None:
    reference = only_draft(parse_file(text_fixtures / "seed_fr.txt"))
    draft = only_draft(parse_file(text_fixtures / name))
    assert draft.text == reference.text
    assert draft.title == reference.title
    assert draft.date == "2025-03-14"
    assert "\x92" not in draft.text and "\x00" not in draft.text


def test_utf16_without_bom(text_fixtures: Path) -> None:
    reference = only_draft(parse_file(text_fixtures / "seed_en.txt"))
    draft = only_draft(parse_file(text_fixtures / "en_utf16be_nobom.txt"))
    assert draft.text == reference.text
    assert draft.date == "2025-06-02"


def test_utf16le_without_bom_french() -> None:
    text = " date 2025-01-02 L’été à Montréal. Très chaud.\nDeuxième paragraphe.\n"
    decoded = decode_text(text.encode("utf-16-le"))
    assert decoded.encoding == "utf-16-le"
    assert decoded.text == text


def test_latin1_accents() -> None:
    text = "Le garçon a mangé à la cantine « près du marché ».\n"
    assert decode_text(text.encode("latin-1")).text == text


def test_utf8_bom_is_stripped_so_the_date_is_found(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf date 2025-05-05 \xc3\x89t\xc3\xa9 chaud. Fin.\n")
    draft = only_draft(parse_file(path))
    assert draft.date == "2025-05-05"
    assert draft.title == "Été chaud"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_newlines(newline: str) -> None:
    text = newline.join(["Titre de l’article", "", "Premier paragraphe.", "Second."])
    expected = "Titre de l’article\n\nPremier paragraphe.\nSecond."
    assert decode_text(text.encode("cp1252")).text == expected


def test_mixed_utf8_and_cp1252_lines_decode_per_line_with_a_warning() -> None:
    utf8_line = "Première ligne en UTF-8 : l’été.\n".encode()
    cp_line = "Seconde ligne en cp1252 : l’hiver « froid ».\n".encode("cp1252")
    decoded = decode_text(utf8_line + cp_line)
    assert decoded.text == (
        "Première ligne en UTF-8 : l’été.\nSeconde ligne en cp1252 : l’hiver « froid ».\n"
    )
    assert any("mixed encodings" in w for w in decoded.warnings)


def test_one_line_mixing_utf8_and_cp1252_is_decoded_per_segment() -> None:
    line = "L’été ".encode() + "« chaud » à Noël".encode("cp1252") + " — fin.\n".encode()
    decoded = decode_text(line)
    assert decoded.text == "L’été « chaud » à Noël — fin.\n"
    assert any("mixed encodings" in w for w in decoded.warnings)


def test_mojibake_is_repaired_only_when_unambiguous() -> None:
    fixed, count = repair_mojibake("La fusÃ©e a dÃ©collÃ© â€™ Ã\xa0 7h44 Ã  Paris")
    assert fixed == "La fusée a décollé ’ à 7h44 à Paris"
    assert count == 6
    untouched = "Ça coûte 5 € à Noël, « déjà » vu"
    assert repair_mojibake(untouched) == (untouched, 0)
    quoted = "Le « mojibake » écrit « Ã© » pour « é » : c’est fréquent."
    assert repair_mojibake(quoted) == (quoted, 0)  # one example among correct accents


def test_nul_bytes_are_removed_not_truncated(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Un texte\x00 avec des\x00 NUL au milieu. Et la suite.\n")
    outcome = parse_file(path)
    draft = only_draft(outcome)
    assert "\x00" not in draft.text
    assert draft.text.endswith("Et la suite.")
    assert any("NUL" in w for w in outcome.warnings)


def test_c1_controls_and_invisible_characters_are_cleaned() -> None:
    # cp1252 punctuation that went through a Latin-1 decoder, then was saved as UTF-8
    data = "L\u0092État a dit \u0093oui\u0094 ; dé\u00advelop\u200bpement.\n".encode()
    decoded = decode_text(data)
    assert decoded.text == "L’État a dit “oui” ; développement.\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Москва: правительство объявило о новых мерах поддержки экономики.\n"),
        ("koi8_r", "Москва: правительство объявило о новых мерах поддержки экономики.\n"),
        ("cp1253", "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης της οικονομίας.\n"),
        ("gbk", "北京（新华社）中国政府周一宣布了一项新的经济刺激计划，以支持中小企业发展。\n"),
        ("shift_jis", "東京で新しい経済対策が発表されました。政府は中小企業を支援する方針です。\n"),
        ("cp1250", "Rząd ogłosił nowe środki wsparcia gospodarki. Łódź była piękna.\n"),
    ],
)
def test_other_scripts_are_not_read_as_cp1252(encoding: str, text: str) -> None:
    decoded = decode_text((text * 3).encode(encoding))
    assert decoded.text == text * 3
    assert not any("mojibake" in w for w in decoded.warnings)


def test_short_dense_french_stays_cp1252() -> None:
    text = "L’été à Noël « où » ça coûte 5 € — cœur, sœur, œuvre. Tête-à-tête déjà.\n"
    decoded = decode_text(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


# --- binary, gzip ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (random.Random(7).randbytes(4096), "not a text file"),
        (b"notes.txt".ljust(257, b"\0") + b"ustar\x0000" + b"\0" * 300, "TAR archive"),
    ],
)
def test_binary_named_txt_fails_per_file(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(content)
    outcome = parse_file(path)
    assert outcome.status == "failed"
    assert "not a text file" in outcome.reason and expected in outcome.reason
    assert outcome.drafts == ()


def test_gzip_is_read_transparently(tmp_path: Path, text_fixtures: Path) -> None:
    raw = (text_fixtures / "seed_fr.txt").read_bytes()
    for name in ("seed.txt.gz", "seed.txt"):
        path = tmp_path / name
        path.write_bytes(gzip.compress(raw))
        draft = only_draft(parse_file(path))
        assert draft.date == "2025-03-14" and draft.text.startswith("M. Dupont")


def test_truncated_gzip_gives_a_clear_error(tmp_path: Path, text_fixtures: Path) -> None:
    data = gzip.compress((text_fixtures / "seed_fr.txt").read_bytes() * 20)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    outcome = parse_file(path)
    assert outcome.status == "failed"
    assert "corrupt or truncated gzip" in outcome.reason


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b" " * (70 * 1024 * 1024), compresslevel=1)
    outcome = parse("bomb.txt.gz", bomb)
    assert outcome.status == "failed"
    assert "too large once decompressed" in outcome.reason


def test_unknown_extension_is_refused_but_no_extension_is_text() -> None:
    assert parse("/a/style.css", b"body { color: red }").status == "failed"
    assert "unsupported file type (.css)" in parse("/a/style.css", b"x").reason
    assert parse("/a/README", b"Un texte. Court.").status == "ok"


def test_text_that_merely_starts_like_json_is_still_text() -> None:
    outcome = parse("/a/maj.txt", "[Mise à jour] Le préfet a parlé. Suite.\n".encode())
    assert outcome.format == "text"
    assert only_draft(outcome).title == "[Mise à jour] Le préfet a parlé"


def test_markdown_line_dense_with_markers_is_stripped() -> None:
    draft = only_draft(parse("/a/b.md", ("**a " * 5000 + "fin.").encode()))
    assert "*" not in draft.text and draft.text.endswith("a a fin.")


def test_txt_holding_html_goes_to_the_html_format() -> None:
    if registry().get("html") is None:
        pytest.skip("html format not registered")
    page = (
        b"<!DOCTYPE html><html><head><title>Un titre</title></head><body><article>"
        b"<p>Le premier paragraphe de l'article, assez long pour compter comme texte.</p>"
        b"<p>Le second paragraphe, lui aussi assez long pour compter.</p></article></body></html>"
    )
    outcome = parse("/a/page.txt", page)
    assert outcome.format == "html"
    assert all("<p>" not in d.text for d in outcome.drafts)


# --- format choice ---------------------------------------------------------------------


def _fmt(name: str, extensions: tuple[str, ...], score: object) -> Format:
    def sniff(head: bytes, origin: str) -> int | bool:
        if isinstance(score, Exception):
            raise score
        return score  # type: ignore[return-value]

    return Format(name, extensions, sniff, lambda data, origin: [])


def test_rank_formats_content_beats_extension_and_ties_keep_order() -> None:
    page = _fmt("page", (".html",), 80)
    text = _fmt("plain", (".txt",), 0)
    broken = _fmt("broken", (".txt",), RuntimeError("sniffer bug"))
    maybe = _fmt("maybe", (), True)
    ranked = rank_formats(b"<html>", "/a/b.TXT", [text, broken, page, maybe])
    assert [(total, fmt.name) for total, _sniff, fmt in ranked] == [
        (80, "page"),
        (50, "maybe"),  # True counts as 50
        (20, "plain"),  # extension only; ties go to the earlier format
        (20, "broken"),  # a sniffer that raises claims nothing by content
    ]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2025-03-14", True),
        ("2025-03-14T10:00:00Z", True),
        ("2025-03-14T10:00:00+01:00", True),
        ("2025-13-45", False),
        ("14/03/2025", False),
        ("", False),
    ],
)
def test_dates_from_any_format_are_checked(value: str, valid: bool) -> None:
    assert valid_iso_date(value) is valid


def test_every_registered_format_loaded() -> None:
    loaded = registry()
    assert loaded.load_errors == ()
    assert {"text", "markdown"} <= set(loaded.names())


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_front_matter_and_body(text_fixtures: Path) -> None:
    outcome = parse_file(text_fixtures / "article_fr.md")
    draft = only_draft(outcome)
    assert outcome.format == "markdown"
    assert draft.title == "Grève à la SNCF : le trafic perturbé jeudi"
    assert draft.date == "2025-01-16"
    assert draft.source == "Le Courrier du Rail"
    assert draft.url == "https://example.org/2025/01/greve-sncf"
    assert draft.authors == ("Claire Martin", "Paul Nguyen")
    assert draft.lang == "fr"
    assert draft.text.split("\n") == [
        "La direction de la SNCF prévoit trois TGV sur cinq en moyenne jeudi, selon un "
        "communiqué publié mercredi soir.",
        "Les lignes les plus touchées",
        "l’axe Paris-Lyon, avec un train sur deux ;",
        "les TER de Nouvelle-Aquitaine, très perturbés.",
        "« Nous appelons les voyageurs à reporter leurs déplacements », a indiqué l’entreprise.",
    ]


def test_markdown_broken_front_matter_keeps_body_with_warnings() -> None:
    data = (
        '---\ntitle: "Titre sans fin\ndate: 2012-13-01\n---\n# Titre sans fin\n\n'
        "Le corps de l’article. Suite.\n"
    ).encode()
    outcome = parse("/a/b.md", data)
    draft = only_draft(outcome)
    assert draft.text == "Le corps de l’article. Suite."
    assert draft.date is None
    assert any("unterminated" in w for w in outcome.warnings)
    assert any("2012-13-01" in w for w in outcome.warnings)


def test_markdown_unclosed_front_matter_is_ignored() -> None:
    outcome = parse("/a/b.md", b"---\ntitle: X\n\nLe texte. Fin.\n")
    assert outcome.status == "ok"
    assert any("not closed" in w for w in outcome.warnings)


def test_markdown_toml_front_matter() -> None:
    data = (
        b'+++\ntitle = "Un titre TOML"\ndate = 2024-03-05T10:00:00+01:00\n'
        b'authors = ["Anne Roy", "Luc Petit"]\n+++\n\nLe texte. Fin.\n'
    )
    draft = only_draft(parse("/a/hugo.md", data))
    assert (draft.title, draft.date) == ("Un titre TOML", "2024-03-05T10:00:00+01:00")
    assert draft.authors == ("Anne Roy", "Luc Petit")


def test_markdown_without_front_matter_takes_first_heading() -> None:
    data = b"Intro line\n\n# Real *title*\n\nSome [linked](http://x.y) text with `code`.\n"
    draft = only_draft(parse("/a/n.markdown", data))
    assert draft.title == "Real title"
    assert "Some linked text with code." in draft.text


# --- safety: never raises, pickles, runs in a process pool -------------------------------


def test_parse_never_raises_on_garbage() -> None:
    rng = random.Random(42)
    names = ["a.txt", "b.md", "c.html", "d.xml", "e.json", "f", "g.txt.gz"]
    for i in range(200):
        data = rng.randbytes(rng.randint(0, 600))
        if i % 3 == 0:
            data = b"date 2025-01-01 " + data
        outcome = parse(f"/x/{names[i % len(names)]}", data)
        assert outcome.status in ("ok", "skipped", "failed")
        assert outcome.status == "ok" or outcome.reason
        assert all(d.text and "\x00" not in d.text for d in outcome.drafts)


def test_outcome_pickles(text_fixtures: Path) -> None:
    outcome = parse_file(text_fixtures / "seed_fr.txt")
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    failed = parse("/a.txt", b"\x89PNG\r\n\x1a\n....")
    assert pickle.loads(pickle.dumps(failed)) == failed


def test_parse_runs_in_a_spawned_process_pool(text_fixtures: Path) -> None:
    files = [text_fixtures / n for n in ("seed_fr.txt", "fr_cp1252.txt", "article_fr.md")]
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        outcomes = list(pool.map(parse, [str(f) for f in files], [f.read_bytes() for f in files]))
    assert [o.status for o in outcomes] == ["ok", "ok", "ok"]
    assert outcomes[0].drafts[0].text == outcomes[1].drafts[0].text


def test_nul_pattern_binary_is_not_read_as_utf16() -> None:
    """Every other byte NUL but symbol soup once decoded: a binary file, not UTF-16 text."""
    from index.importers import parse

    outcome = parse("/x/bad.txt", b"\x00\x01\x02\xff" * 300)
    assert outcome.status == "failed"
    assert "not a text file" in outcome.reason
    good = parse("/x/ok.txt", "Le Mali et le Niger ont signé un accord.".encode("utf-16-be"))
    assert good.status == "ok" and good.drafts[0].text.startswith("Le Mali")
