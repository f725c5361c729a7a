"""Main-content extraction quality on saved news pages, ours against open-source extractors.

Data: ``<repo>/../shared/data/html-articles`` (40 pages of the scrapinghub
article-extraction-benchmark with their ground-truth ``articleBody``; see its SOURCE.md).

Scoring reproduces scrapinghub/article-extraction-benchmark ``evaluate.py``
(``string_shingle_matching`` + ``metrics_from_tp_fp_fns``): ``\\w+`` tokens, 4-token
shingles counted as multisets, per-page TP/FP/FN normalised to sum 1, precision and recall
averaged over pages, F1 from the averaged precision and recall. Bootstrap intervals are
left out.

Baselines run in the same process, the way the benchmark's runners call them:
``trafilatura.extract(html, include_comments=False)``; readability-lxml ``Document(html)
.summary(html_partial=True)`` turned to text with html-text when installed (lxml
``text_content`` otherwise); trafilatura with metadata kept out of the body (its
``bare_extraction`` text minus title/author lines). readability-lxml is optional
(``pip install readability-lxml html-text``): missing extractors are reported as such.

Run: ``.venv/bin/python bench/html_extraction.py [--data DIR] [--repeat N]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "html-articles"

TpFpFn = tuple[float, float, float]
_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


# --- scoring: scrapinghub/article-extraction-benchmark evaluate.py -----------------------


def _ngrams(text: str, n: int) -> list[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    result = []
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            result.append(shingle)
    return result


def shingle_matching(true: str, pred: str, ngram_n: int = 4) -> TpFpFn:
    """Per-page TP/FP/FN over 4-token shingles, normalised so long pages weigh the same."""
    true_counts = Counter(_ngrams(true, ngram_n))
    pred_counts = Counter(_ngrams(pred, ngram_n))
    tp = fp = fn = 0.0
    for key in set(true_counts) | set(pred_counts):
        t, p = true_counts.get(key, 0), pred_counts.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total > 0:
        return (tp / total, fp / total, fn / total)
    return (tp, fp, fn)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(tp_fp_fns: list[TpFpFn]) -> dict[str, float]:
    """Averaged precision and recall over pages, F1 of the averages (as evaluate.py)."""
    precision = statistics.mean(precision_score(*x) for x in tp_fp_fns if x[0] + x[1] > 0)
    recall = statistics.mean(recall_score(*x) for x in tp_fp_fns if x[0] + x[2] > 0)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
    }


# --- data and extractors -----------------------------------------------------------------


def load_pages(data_dir: Path) -> tuple[dict[str, bytes], dict[str, dict[str, str]]]:
    """Raw page bytes and ground truth (``articleBody``, ``url``) by page id."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        key: gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes())
        for key in sorted(truth)
    }
    return pages, truth


def _ours(data: bytes) -> str:
    from index.importers.html import extract_html
    from index.importers.outcome import ImportFailure

    try:
        return extract_html(data, "bench").text
    except ImportFailure:
        return ""


def _trafilatura_plain(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8"), include_comments=False) or ""


def _trafilatura_no_metadata(data: bytes) -> str:
    """trafilatura with title and author lines kept out of the body."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        data.decode("utf-8"), include_comments=False, with_metadata=True
    )
    if doc is None:
        return ""
    skip = {s.strip().casefold() for s in (doc.title, doc.author, doc.url) if s}
    lines = [ln for ln in (doc.text or "").splitlines() if ln.strip().casefold() not in skip]
    return "\n".join(lines)


def _readability(data: bytes) -> str:
    from readability import Document

    summary = Document(data.decode("utf-8")).summary(html_partial=True)
    try:
        import html_text
    except ImportError:
        from lxml import html as lxml_html

        return lxml_html.fromstring(summary).text_content()
    return html_text.extract_text(summary)


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "trafilatura extract()": _trafilatura_plain,
    "readability-lxml": _readability,
    "trafilatura, metadata out": _trafilatura_no_metadata,
    "veille (ours)": _ours,
}


def run_extractor(
    fn: Callable[[bytes], str], pages: dict[str, bytes], repeat: int = 1
) -> tuple[dict[str, str], float]:
    """Outputs by page id and the best wall time over ``repeat`` runs."""
    best = float("inf")
    outputs: dict[str, str] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        outputs = {key: fn(data) or "" for key, data in pages.items()}
        best = min(best, time.perf_counter() - start)
    return outputs, best


def _machine() -> str:
    try:
        from bench.common import machine
    except ImportError:
        return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return machine()


def _url_agreement(pages: dict[str, bytes], urls: dict[str, str]) -> str:
    """How often our canonical URL equals the benchmark's page URL (scheme/slash ignored)."""
    from index.importers.html import extract_html

    def norm(url: str | None) -> str:
        return (url or "").split("://", 1)[-1].rstrip("/").removeprefix("www.")

    same = sum(norm(extract_html(data, k).url) == norm(urls.get(k)) for k, data in pages.items())
    return f"{same}/{len(pages)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=1, help="timing runs (best is kept)")
    parser.add_argument("--show", action="store_true", help="per-page P/R of ours")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"no data at {args.data}: nothing to measure")
        return 2
    sys.path.insert(0, str(ROOT))
    pages, truth = load_pages(args.data)
    print(f"data: {args.data.resolve()} ({len(pages)} pages)")
    print(f"machine: {_machine()}")
    print("scoring: scrapinghub/article-extraction-benchmark evaluate.py "
          "(4-token shingles, P/R averaged over pages, F1 of the averages)")  # fmt: skip
    print(f"{'extractor':<28} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8} "
          f"{'speed vs 1st':>12}")  # fmt: skip
    first_rate = 0.0
    for name, fn in EXTRACTORS.items():
        try:
            outputs, seconds = run_extractor(fn, pages, args.repeat)
        except ImportError as exc:
            print(f"{name:<28} not installed ({exc.name})")
            continue
        scores = [shingle_matching(truth[k].get("articleBody", ""), outputs[k]) for k in pages]
        m = metrics(scores)
        rate = len(pages) / seconds
        first_rate = first_rate or rate
        print(f"{name:<28} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} "
              f"{rate:>8.1f} {rate / first_rate:>11.2f}x")  # fmt: skip
        if args.show and fn is _ours:
            for key, score in zip(pages, scores, strict=True):
                print(f"  {key[:10]} P={precision_score(*score):.2f} R={recall_score(*score):.2f}")
    urls = {key: value.get("url", "") for key, value in truth.items()}
    print(f"ours, canonical URL equal to the benchmark's page URL: {_url_agreement(pages, urls)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
