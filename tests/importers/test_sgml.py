"""Reuters-21578 style SGML through ``parse()``; the original reut2-000 file when present."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from index.importers import parse, sgml
from index.importers.outcome import ImportSkipped

SGML = Path(__file__).resolve().parent / "fixtures" / "sgml"


def test_one_article_per_story_with_a_body() -> None:
    path = SGML / "reuters_style.sgm"
    outcome = parse(str(path), path.read_bytes())
    assert outcome.status == "ok", outcome.reason
    assert outcome.format == "reuters-sgml"
    wheat, coffee = outcome.drafts  # the brief (headline + "Blah blah blah.") is left out
    assert wheat.title == "FRENCH WHEAT EXPORTS RISE IN FEBRUARY, TRADERS SAY"
    assert wheat.text.split("\n") == [
        "French soft wheat exports rose to 1.2 mln tonnes in February from 950,000 tonnes in "
        "January, traders said, helped by sales to North Africa.",
        "Exporters said the <Grain Board> tender of last week was the largest of the season.",
        "Shipments from Rouen accounted for half the total.",
    ]
    assert wheat.date == "1987-03-04T10:15:22"
    assert (wheat.source, wheat.lang) == ("Reuters", "en")
    assert wheat.origin.endswith("reuters_style.sgm#newid-9001")
    assert coffee.text.endswith("delegates said.")  # sign-off "Reuter" removed
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", wheat.text + coffee.text)


def test_gzipped_sgml_is_read_too() -> None:
    data = gzip.compress((SGML / "reuters_style.sgm").read_bytes())
    outcome = parse("/tmp/reut2-xyz.sgm.gz", data)
    assert outcome.status == "ok"
    assert len(outcome.drafts) == 2


def test_sgml_without_stories_is_skipped() -> None:
    with pytest.raises(ImportSkipped):
        sgml.parse(b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n", "/tmp/empty.sgm")


@pytest.mark.extended
def test_raw_reuters_file_matches_the_prepared_corpus(shared_data: Path) -> None:
    raw = shared_data / "news-en" / "raw" / "reut2-000.sgm.gz"
    data = raw.read_bytes()
    outcome = parse(str(raw), data)
    assert outcome.status == "ok"
    with_body = gzip.decompress(data).count(b"<BODY>")
    assert len(outcome.drafts) == with_body == 925
    reference = {}
    with gzip.open(shared_data / "news-en" / "reuters21578.jsonl.gz", "rt") as lines:
        for line in lines:
            record = json.loads(line)
            number = int(record["id"].rsplit("-", 1)[1])
            if number <= 1000:
                reference[number] = record
    same = 0
    for draft in outcome.drafts:
        record = reference.get(int(draft.origin.rsplit("-", 1)[1]))
        if record is None:
            continue
        words_match = " ".join(record["text"].split()) == " ".join(draft.text.split())
        same += words_match and " ".join(record["title"].split()) == draft.title
        assert draft.date and draft.date.startswith(record["date"])
    assert same >= 0.99 * len(reference)
