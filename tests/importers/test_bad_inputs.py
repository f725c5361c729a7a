"""Every file of ``../shared/data/bad-inputs`` through ``parse()``, as its README expects.

Runs in a spawned process pool, as the library does: this also proves outcomes pickle
and that a hostile file (billion laughs, deep nesting) cannot hang or crash the caller.
Files whose format module has not landed yet are skipped, not failed. Every kind of case
here also has a committed fixture of our own in ``fixtures/safety``, checked by
``test_safety_fixtures.py`` so that CI, which has no ``../shared/data``, still runs them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from index.importers import ParseOutcome, parse

pytestmark = pytest.mark.extended

BAD_INPUTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "bad-inputs"
TIMEOUT_S = 120  # a hang guard, not a speed target (see bench/ for speed)

REFERENCE = "fr_utf8_bom.txt"
# Same article as the reference once decoded: the text must come out identical.
SAME_TEXT_AS_REFERENCE = {
    "fr_cp1252.txt": "2012-05-22",
    "fr_utf16le_bom.txt": "2012-05-22",
    "fr_utf16be_nobom.txt": "2012-05-22",
    "fr_crlf.txt": "2012-05-22",
    "fr_cr_only.txt": "2012-05-22",
    "fr_mixed_utf8_cp1252.txt": "2012-05-22",
    "fr_double_encoded_mojibake.txt": "2012-05-22",
    "gzip_as_txt.txt": "2012-05-22",
    "date_prefix_no_space.txt": "2025-08-15",
    "bad_date_prefix.txt": None,
    "missing_date_prefix.txt": None,
}
# IMPORT: ok, French accents intact.
MUST_IMPORT_FRENCH = {
    *SAME_TEXT_AS_REFERENCE,
    REFERENCE,
    "fr_latin1.txt",
    "nul_bytes.txt",
    "huge_single_line.txt",
    "txt_is_html.txt",
    "markdown_frontmatter_broken.md",
    "html_meta_utf8_but_cp1252.html",
    "html_no_charset_latin1.html",
    "xml_encoding_lie.xml",
    "jsonl_one_bad_line.jsonl",
}
# CLEAR ERROR: failed or skipped with a reason.
MUST_REFUSE = {
    "empty.txt",
    "whitespace_only.txt",
    "binary_random.txt",
    "png_header.txt",
    "billion_laughs.xml",
    "json_truncated.json",
    "json_wrong_shape.json",
}
NEVER_LEAK_LOCAL_FILES = {"xxe_file.xml", "xxe_http.xml"}


def _names() -> list[str]:
    manifest = BAD_INPUTS / "manifest.json"
    if not manifest.is_file():
        return []
    return [entry["file"] for entry in json.loads(manifest.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def outcomes() -> Iterator[dict[str, Future[ParseOutcome]]]:
    if not BAD_INPUTS.is_dir():
        pytest.skip("shared/data/bad-inputs not present")
    pool = ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn"))
    futures = {
        name: pool.submit(parse, str(BAD_INPUTS / name), (BAD_INPUTS / name).read_bytes())
        for name in _names()
    }
    yield futures
    pool.shutdown(wait=False, cancel_futures=True)


def _outcome(outcomes: dict[str, Future[ParseOutcome]], name: str) -> ParseOutcome:
    outcome = outcomes[name].result(timeout=TIMEOUT_S)
    if outcome.status == "failed" and outcome.reason.startswith("unsupported file type"):
        pytest.skip(f"no importer registered for {name} yet")
    return outcome


def _all_text(outcome: ParseOutcome) -> str:
    return "\n".join(f"{d.title}\n{d.text}" for d in outcome.drafts)


@pytest.mark.parametrize("name", _names() or ["(bad-inputs absent)"])
def test_never_crashes_and_always_explains(outcomes, name: str) -> None:
    if name not in outcomes:
        pytest.skip("shared/data/bad-inputs not present")
    outcome = _outcome(outcomes, name)
    assert outcome.status in ("ok", "skipped", "failed")
    if outcome.status == "ok":
        assert outcome.drafts
        text = _all_text(outcome)
        assert "\x00" not in text
        assert text.count("\ufffd") <= 3, "replacement-character storm"
        assert all(d.text.strip() for d in outcome.drafts)
    else:
        assert outcome.reason.strip()
        assert outcome.drafts == ()
    if name in NEVER_LEAK_LOCAL_FILES:
        assert "root:" not in _all_text(outcome)
    if name in MUST_REFUSE:
        assert outcome.status in ("failed", "skipped"), outcome
    if name in MUST_IMPORT_FRENCH:
        assert outcome.status == "ok", outcome.reason
        assert "é" in _all_text(outcome)


@pytest.mark.parametrize("name", sorted(SAME_TEXT_AS_REFERENCE))
def test_encoding_variants_decode_to_the_reference_text(outcomes, name: str) -> None:
    reference = _outcome(outcomes, REFERENCE).drafts[0]
    assert "’" in reference.text and "«" in reference.text
    outcome = _outcome(outcomes, name)
    assert outcome.status == "ok", outcome.reason
    draft = outcome.drafts[0]
    assert draft.text == reference.text
    assert draft.title == reference.title
    assert draft.date == SAME_TEXT_AS_REFERENCE[name]


def test_specific_expectations(outcomes) -> None:
    assert _outcome(outcomes, "empty.txt").reason == "empty file"
    assert _outcome(outcomes, "whitespace_only.txt").reason == "empty file"
    assert "not a text file" in _outcome(outcomes, "binary_random.txt").reason
    assert "PNG" in _outcome(outcomes, "png_header.txt").reason
    assert any("2025-13-45" in w for w in _outcome(outcomes, "bad_date_prefix.txt").warnings)
    assert any("mixed" in w for w in _outcome(outcomes, "fr_mixed_utf8_cp1252.txt").warnings)
    huge = _outcome(outcomes, "huge_single_line.txt").drafts[0]
    assert len(huge.title) <= 120 and len(huge.text) > 1_000_000
    latin1 = _outcome(outcomes, "fr_latin1.txt").drafts[0].text
    reference = _outcome(outcomes, REFERENCE).drafts[0].text
    assert latin1 == reference.replace("’", "'")  # the file flattened curly quotes
    gz = _outcome(outcomes, "truncated_page.html.gz")
    assert gz.status == "ok" or "truncated" in gz.reason
