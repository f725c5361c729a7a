"""The sample articles offered on first launch: formats and sizes promised to the app."""

from __future__ import annotations

import re
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SEED_FIRST_LINE = re.compile(r"^ date \d{4}-\d{2}-\d{2} \S")


def body_words(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"(?s)<(nav|footer|aside|head)\b.*?</\1>", " ", text)
        text = re.sub(r"<[^>]+>", " ", text)
    if path.suffix == ".md":
        text = text.split("---", 2)[2]
    return len(text.split())


def test_samples_formats_and_sizes() -> None:
    files = sorted(SAMPLES.iterdir())
    seeds = [f for f in files if f.suffix == ".txt"]
    assert len(files) == 6
    assert len(seeds) >= 2
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        assert SEED_FIRST_LINE.match(text), seed
        assert not text.endswith("\n")
    html = [f for f in files if f.suffix == ".html"]
    assert html
    for page in html:
        text = page.read_text(encoding="utf-8")
        for needle in ("<title>", 'name="author"', 'property="article:published_time"',
                       "<nav", "<footer"):
            assert needle in text, (page, needle)
    md = [f for f in files if f.suffix == ".md"]
    assert md and md[0].read_text(encoding="utf-8").startswith("---\ntitle: ")
    for f in files:
        assert 250 <= body_words(f) <= 500, (f, body_words(f))
