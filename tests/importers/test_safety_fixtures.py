"""Every committed safety fixture through the importers, against its expected behaviour.

The fixtures (``fixtures/safety``, written by ``make_fixtures.py``) cover the kinds of
hostile and broken input an importer must survive: entity bombs and external entities in
each XML dialect, hostile archives, awkward encodings, broken files of each format. They
are committed, so these tests run in CI with no shared data. Files are parsed in a
spawned process pool, as the library does: a hang or crash cannot take the tests down,
and outcomes must pickle.

One table row per file (per archive member for archives): adding a fixture without a
row fails ``test_every_fixture_has_an_expectation``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pytest

from index.importers import ImportFailure, ImportSkipped, ParseOutcome, iter_sources, parse
from index.importers.outcome import ParseStatus
from index.importers.safexml import EXTERNAL_REASON, NESTED_REASON, PARAMETER_REASON

SAFETY = Path(__file__).resolve().parent / "fixtures" / "safety"
GENERATOR = SAFETY / "make_fixtures.py"
TIMEOUT_S = 120  # a hang guard, not a speed target
UNCHECKED = "(unchecked)"
REFERENCE = "encodings/reference_utf8.txt"
FR_DATE = "2024-05-17"
# What /etc/passwd starts with: an entity or link attack that worked would show it.
LEAK_MARKERS = ("root:x:0:0", "root:*:0:0", "/bin/bash", "/usr/sbin/nologin")


@dataclass(frozen=True, slots=True)
class Expect:
    """What one file (or archive member) must give."""

    status: ParseStatus
    reason: str = ""  # found in the reason (failed, skipped)
    text: str = ""  # found in the articles' text (ok)
    title: str = ""  # the first article's title starts with it (ok)
    warning: str = ""  # found in one of the warnings
    format: str = ""  # the importer that read it (ok)
    date: str | None = UNCHECKED  # the first article's date
    same_as_reference: bool = False  # title and text of the UTF-8 reference article
    swap: tuple[str, str] = ("", "")  # ... with this replacement (what the encoding lacks)
    drafts: int | None = None
    check: Callable[[ParseOutcome], None] | None = None  # anything a table cannot say


def ok(text: str = "", **kwargs: Any) -> Expect:
    return Expect("ok", text=text, **kwargs)


def failed(reason: str, **kwargs: Any) -> Expect:
    return Expect("failed", reason=reason, **kwargs)


def skipped(reason: str, **kwargs: Any) -> Expect:
    return Expect("skipped", reason=reason, **kwargs)


def reference_copy(**kwargs: Any) -> Expect:
    """Another encoding of the reference article: the same title, text and date."""
    kwargs.setdefault("date", FR_DATE)
    return Expect("ok", same_as_reference=True, format="text", **kwargs)


# --- hostile XML: each attack in each dialect --------------------------------------------

DIALECTS = {  # file suffix -> (importer, a phrase of the article body)
    "rss": ("feed", "façade vitrée"),
    "atom": ("feed", "resumed its crossings"),
    "newsml.xml": ("newsml", "façade vitrée"),
    "nitf.xml": ("newsml", "resumed its crossings"),
}
XML_ATTACKS: dict[str, Expect | None] = {
    "billion_laughs": failed(NESTED_REASON),
    # ~25 KB that would expand to 20 MB: refused by the expansion cap, not imported "ok".
    "quadratic_blowup": failed("would expand it beyond a safe size"),
    "xxe_file": failed(EXTERNAL_REASON),
    "xxe_http": failed(EXTERNAL_REASON),
    "parameter_entities": failed(PARAMETER_REASON),
    # Harmless once nothing is loaded: the article imports, without what the DTD, the
    # entity or the XInclude would have pulled in.
    "external_dtd": None,
    "local_dtd": None,
    "xinclude": None,
}


def _xml_cases() -> dict[str, Expect]:
    cases: dict[str, Expect] = {}
    for attack, refusal in XML_ATTACKS.items():
        for suffix, (importer, phrase) in DIALECTS.items():
            cases[f"xml/{attack}.{suffix}"] = refusal or ok(phrase, format=importer)
    cases["xml/billion_laughs_utf16.rss"] = failed(NESTED_REASON)
    return cases


def _huge_line(outcome: ParseOutcome) -> None:
    draft = outcome.drafts[0]
    assert len(draft.text) > 2_000_000 and "\n" not in draft.text
    assert len(draft.title) <= 120


def _nul_removed(outcome: ParseOutcome) -> None:
    assert outcome.drafts[0].text.endswith("en présence du préfet du Finistère.")


ENCODINGS: dict[str, Expect] = {
    REFERENCE: reference_copy(),
    "encodings/utf8_bom.txt": reference_copy(),
    "encodings/utf16le_bom.txt": reference_copy(),
    "encodings/utf16be_bom.txt": reference_copy(),
    "encodings/utf16le_nobom.txt": reference_copy(),
    "encodings/utf16be_nobom.txt": reference_copy(),
    "encodings/cp1252.txt": reference_copy(),
    "encodings/crlf.txt": reference_copy(),
    "encodings/cr_only.txt": reference_copy(),
    "encodings/mixed_utf8_cp1252.txt": reference_copy(warning="mixed encodings"),
    "encodings/double_encoded.txt": reference_copy(warning="mojibake"),
    "encodings/gzip_as_txt.txt": reference_copy(warning="gzip"),
    # Latin-1 has no ’: the file was written with ' instead; all the rest is identical.
    "encodings/latin1.txt": reference_copy(swap=("’", "'")),
    "encodings/invalid_utf8.txt": ok(
        "with forty", title="Harbour ferry returns after winter repairs", date=None
    ),
    # Cut inside the last "é": everything before it is intact.
    "encodings/truncated_multibyte.txt": ok("1er juin, en présence du pr", date=FR_DATE),
    "encodings/nul_in_text.txt": ok(
        "Les lecteurs ont découvert", warning="NUL", date=FR_DATE, check=_nul_removed
    ),
    "encodings/nul_laden_binary.txt": failed("not a text file"),
    "encodings/random_binary.txt": failed("not a text file"),
    "encodings/png_named_txt.txt": failed("not a text file: looks like a PNG image"),
    "encodings/empty.txt": skipped("empty file"),
    "encodings/whitespace_only.txt": skipped("empty file"),
    "encodings/html_lying_charset.html": ok(
        "« Nous voulions un lieu où l’on reste »",
        title="Médiathèque de Quimper : réouverture",
        warning="Windows-1252",
        format="html",
    ),
    "encodings/html_no_charset_latin1.html": ok(
        "À Quimper, la médiathèque", title="Médiathèque de Quimper : réouverture", format="html"
    ),
    "encodings/xml_declared_utf8_is_cp1252.rss": ok(
        "« Un lieu où l’on reste »", warning="cp1252", format="feed"
    ),
}
# Known importer bugs, expected to fail until fixed (strict: a fix makes the test say so).
KNOWN_BUGS = {
    "encodings/html_no_charset_latin1.html": (
        "html_decode._detect takes charset-normalizer's cp1250 guess for French Latin-1 "
        "pages (è -> č, À -> Ŕ); decoding.legacy_decode already prefers cp1252 for them"
    ),
}

FORMATS: dict[str, Expect] = {
    "formats/html_deeply_nested.html.gz": ok("À Quimper", warning="nested too deeply"),
    "formats/html_truncated.html": ok("L’inauguration officielle", format="html"),
    "formats/html_truncated.html.gz": failed("truncated gzip"),
    "formats/huge_single_line.txt.gz": ok("À Quimper", check=_huge_line),
    "formats/txt_is_html.txt": ok("À Quimper", title="Médiathèque", format="html"),
    "formats/bad_date_prefix.txt": reference_copy(warning="2024-13-45", date=None),
    "formats/missing_date_prefix.txt": reference_copy(date=None),
    "formats/date_prefix_no_space.txt": reference_copy(),
    "formats/jsonl_one_bad_line.jsonl": ok(
        "Portsmouth", drafts=5, warning="line 3: invalid JSON", format="json"
    ),
    "formats/json_truncated.json": failed("cut short"),
    "formats/json_wrong_shape.json": failed("no articles found"),
    "formats/markdown_frontmatter_broken.md": ok("À Quimper", warning="front matter"),
    "formats/xml_truncated.rss": ok(title="Médiathèque rouverte", warning="not well-formed"),
    "formats/rss_unclosed_cdata.rss": ok(title="Médiathèque rouverte", warning="CDATA"),
    "formats/feed_line_noise.rss": skipped("no entries"),
    "formats/feed_bom_then_invalid_bytes.rss": ok(
        title="Médiathèque rouverte", warning="not valid UTF-8"
    ),
    "formats/mail_contradictory_charsets.eml": ok(
        "« Nous voulions un lieu où l’on reste »",
        title="Médiathèque rouverte",
        warning="does not fit",
        format="email",
    ),
}
FILES: dict[str, Expect] = {**_xml_cases(), **ENCODINGS, **FORMATS}

# --- archives: one line per member, "(archive)" for a line about the whole archive -------

OK_MEMBER = ok("À Quimper", format="text")
ARCHIVES: dict[str, dict[str, Expect]] = {
    "archives/traversal_names.zip": {
        "bon.txt": OK_MEMBER,
        "./point/ici.txt": ok("Le chantier a coûté"),
        "../evade.txt": skipped("'..' would climb out"),
        "dossier/../../evade2.txt": skipped("'..' would climb out"),
        "/etc/absolu.txt": skipped("an absolute path"),
        "C:/Windows/lecteur.txt": skipped("a Windows drive path"),
        "nul\\0suite.txt": skipped("NUL character"),
        "lien_passwd.txt": skipped("link stored in the archive: not followed"),
        "lien_dossier": skipped("link stored in the archive: not followed"),
    },
    "archives/ratio_bomb.zip": {"bon.txt": OK_MEMBER, "zeros.txt": failed("zip bomb")},
    "archives/declared_huge.zip": {"(archive)": failed("archive too large once uncompressed")},
    "archives/too_many_members.zip": {
        "bon.txt": OK_MEMBER,
        "beaucoup.zip": failed("too many files in the archive (10,001; the limit is 10,000)"),
    },
    "archives/nested.zip": {
        "bon.txt": OK_MEMBER,
        "un.zip!/interne.txt": ok("Nous voulions"),
        "deux.zip!/interne.txt": ok("Nous voulions"),
        "deux.zip!/encore.zip": failed("nested too deeply"),
    },
    "archives/truncated.zip": {"(archive)": failed("corrupt or unreadable ZIP archive")},
    "archives/encrypted_member.zip": {
        "bon.txt": OK_MEMBER,
        "secret.txt": failed("password-protected"),
    },
    "archives/corrupt_member.zip": {
        "bon.txt": OK_MEMBER,
        "abime.txt": failed("corrupt archive member"),
    },
    "archives/empty.zip": {"(archive)": skipped("nothing to import (empty archive)")},
    "archives/only_hidden.zip": {"(archive)": skipped("only hidden or system files")},
}


def _member_key(origin: str, archive: Path) -> str:
    rest = origin[len(str(archive)) :]
    return rest[2:] if rest.startswith("!/") else "(archive)"


def _read(source_origin: str, read: Callable[[], bytes]) -> ParseOutcome | bytes:
    """The bytes, or the report line a source gives without being parsed."""
    try:
        return read()
    except ImportSkipped as exc:
        return ParseOutcome(source_origin, "skipped", reason=exc.reason)
    except ImportFailure as exc:
        return ParseOutcome(source_origin, "failed", reason=exc.reason)


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    executor = ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn"))
    yield executor
    executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="module")
def outcomes(pool: ProcessPoolExecutor) -> dict[str, Future[ParseOutcome]]:
    """Every fixture submitted at once (archive members are read here, parsed there)."""
    futures: dict[str, Future[ParseOutcome]] = {}
    for name in FILES:
        futures[name] = pool.submit(parse, str(SAFETY / name), (SAFETY / name).read_bytes())
    for name in ARCHIVES:
        archive = SAFETY / name
        for source in iter_sources([archive]):
            key = f"{name}::{_member_key(source.origin, archive)}"
            got = _read(source.origin, source.read)
            if isinstance(got, ParseOutcome):
                futures[key] = Future()
                futures[key].set_result(got)
            else:
                futures[key] = pool.submit(parse, source.origin, got)
    return futures


def _result(outcomes: dict[str, Future[ParseOutcome]], key: str) -> ParseOutcome:
    assert key in outcomes, f"{key}: no report line at all"
    return outcomes[key].result(timeout=TIMEOUT_S)


def _all_text(outcome: ParseOutcome) -> str:
    return "\n".join(f"{d.title}\n{d.text}" for d in outcome.drafts)


def check_outcome(outcome: ParseOutcome, expect: Expect, reference: ParseOutcome) -> None:
    """The universal rules (never a leak, a NUL or a silent failure), then the row's."""
    assert not any(marker in repr(outcome) for marker in LEAK_MARKERS), "local file leaked"
    assert "Traceback" not in repr(outcome)
    if outcome.status == "ok":
        text = _all_text(outcome)
        assert outcome.drafts and all(d.text.strip() for d in outcome.drafts)
        assert "\x00" not in text
        assert text.count("\ufffd") <= 3, "replacement-character storm"
    else:
        assert outcome.reason.strip() and outcome.drafts == ()
    assert outcome.status == expect.status, outcome.reason
    assert expect.reason in outcome.reason, outcome.reason
    if expect.warning:
        assert any(expect.warning in w for w in outcome.warnings), outcome.warnings
    if expect.status != "ok":
        return
    first = outcome.drafts[0]
    assert expect.text in _all_text(outcome)
    assert first.title.startswith(expect.title), first.title
    if expect.format:
        assert outcome.format == expect.format
    if expect.date != UNCHECKED:
        assert first.date == expect.date
    if expect.same_as_reference:
        want = reference.drafts[0]
        if expect.swap[0]:
            want = replace(want, title=want.title.replace(*expect.swap),
                           text=want.text.replace(*expect.swap))  # fmt: skip
        assert (first.title, first.text) == (want.title, want.text)
    if expect.drafts is not None:
        assert len(outcome.drafts) == expect.drafts
    if expect.check is not None:
        expect.check(outcome)


def _params(names: list[str]) -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
        if name in KNOWN_BUGS
        else name
        for name in names
    ]


@pytest.mark.parametrize("name", _params(sorted(FILES)))
def test_fixture_gives_its_expected_outcome(
    outcomes: dict[str, Future[ParseOutcome]], name: str
) -> None:
    reference = _result(outcomes, REFERENCE)
    check_outcome(_result(outcomes, name), FILES[name], reference)


@pytest.mark.parametrize(
    ("archive", "member"), [(a, m) for a, rows in sorted(ARCHIVES.items()) for m in rows]
)
def test_archive_member_gets_its_report_line(
    outcomes: dict[str, Future[ParseOutcome]], archive: str, member: str
) -> None:
    reference = _result(outcomes, REFERENCE)
    check_outcome(_result(outcomes, f"{archive}::{member}"), ARCHIVES[archive][member], reference)


@pytest.mark.parametrize("archive", sorted(ARCHIVES))
def test_archive_gives_no_line_beyond_its_table(
    outcomes: dict[str, Future[ParseOutcome]], archive: str
) -> None:
    """A line the table does not expect is a member that appeared, or one imported twice."""
    lines = {key.split("::", 1)[1] for key in outcomes if key.startswith(f"{archive}::")}
    assert lines == set(ARCHIVES[archive])


def test_every_fixture_has_an_expectation() -> None:
    on_disk = {
        p.relative_to(SAFETY).as_posix()
        for p in SAFETY.rglob("*")
        if p.is_file() and p != GENERATOR and "__pycache__" not in p.parts
        and not p.name.startswith(".")  # .gitattributes
    }
    assert on_disk == set(FILES) | set(ARCHIVES)


def test_the_quadratic_blowup_fixtures_are_small_files_that_would_expand_twenty_megabytes() -> None:
    """So the expansion cap, not a size limit, is what refuses them."""
    for suffix in DIALECTS:
        data = (SAFETY / f"xml/quadratic_blowup.{suffix}").read_bytes()
        assert len(data) < 30_000
        entity = data.split(b'<!ENTITY big "', 1)[1].split(b'"', 1)[0]
        assert len(entity) * data.count(b"&big;") >= 20_000_000


def test_committed_fixtures_are_what_the_generator_writes(tmp_path: Path) -> None:
    """The script documents every fixture: the committed bytes must be its output."""
    spec = importlib.util.spec_from_file_location("make_safety_fixtures", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    made = {p.relative_to(tmp_path).as_posix(): p.read_bytes()
            for p in tmp_path.rglob("*") if p.is_file()}  # fmt: skip
    assert set(made) == set(FILES) | set(ARCHIVES)
    changed = [name for name, data in made.items() if (SAFETY / name).read_bytes() != data]
    assert not changed, f"re-run make_fixtures.py and commit: {changed}"
