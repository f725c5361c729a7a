"""Printing ``bench/peers.py``'s figures: a detailed report per size, and the table of
docs/benchmarks.md (Veille / Recoll / FTS5 at each size) with the issue's targets."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from bench.common import percentile
from bench.query_classes import CLASSES

NAMES = {"veille": "Veille", "recoll": "Recoll", "fts5": "FTS5", "python": "bare python"}


def med(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: Sequence[float]) -> float:
    return percentile(values, 95) if values else float("nan")


def ms(values: Sequence[float]) -> str:
    """'p50 / p95' in ms, or '–' when nothing was measured."""
    if not values:
        return "–"
    return f"{_num(med(values) * 1000)} / {_num(p95(values) * 1000)}"


def _num(x: float) -> str:
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def ratio(a: float, b: float) -> str:
    return f"x{a / b:.1f}" if b and a == a and b == b else "–"


def cli_target(res: dict[str, Any]) -> float:
    """Issue 12 point 3: four times a bare interpreter start (p50) plus 40 ms, seconds."""
    bare = [s for v in res["cli"]["samples"]["python"].values() for s in v]
    return 4 * med(bare) + 0.040


def print_report(res: dict[str, Any]) -> None:
    size, engines = res["size"], res["engines"]
    print(f"\n--- {size:,} articles: {res['machine']}; {res['date']}; {res['code']}")
    print(f"data: {res['corpus']}; {res['recoll']}")
    _print_import(res)
    per_k = size / 1000
    disk = res["disk"]
    parts = [f"{NAMES[e]} {disk[e]['total'] / per_k:.2f}" for e in engines]
    v = disk["veille"]
    print(f"disk per 1,000 articles (MB): {', '.join(parts)}  (Veille: index "
          f"{v['index'] / per_k:.2f} + store {v['store'] / per_k:.2f}, "
          f"{v['segments']:.0f} segments)")
    _print_latency(res)
    _print_cli(res)
    _print_memory(res)
    _print_launch("launch to first result (entities pending)", res["launch"])
    if "entities" in res:
        ent, after = res["entities"], res["entities"]["disk"]
        print(f"entity extraction: wall {ent['run']['wall']:.0f} s, CPU {ent['run']['cpu']:.0f} s;"
              f" disk {v['total'] / per_k:.2f} -> {after['total'] / per_k:.2f} MB per 1,000 "
              f"(x{after['total'] / v['total']:.2f}; target <= 1.3x), index "
              f"{v['index'] / per_k:.2f} -> {after['index'] / per_k:.2f}, segments "
              f"{after['segments']:.0f}")
        _print_launch("launch to first result (entities extracted)", res["launch_extracted"])


def print_searches(res: dict[str, Any]) -> None:
    """The searches of ``peers.py --searches-only`` (no import, disk or launch figures)."""
    print(f"\n--- {res['size']:,} articles, searches only: {res['machine']}; {res['date']}; "
          f"{res['code']}")
    _print_latency(res)
    _print_cli(res)
    _print_memory(res)


def _print_import(res: dict[str, Any]) -> None:
    imp = res["import"]
    n = len(imp["veille"])
    print(f"import, from process start, files parsed on every side (median of {n}):")
    for e in res["engines"]:
        runs = imp[e]
        print(f"  {NAMES[e]:<7} wall {med([r['wall'] for r in runs]):7.1f} s, CPU "
              f"{med([r['cpu'] for r in runs]):7.1f} s, peak RSS "
              f"{med([r['rss'] for r in runs]):5.0f} MiB  (walls "
              f"{', '.join(format(r['wall'], '.1f') for r in runs)})")
    print(f"  (FTS5 'optimize' afterwards, not counted: {res['fts5_optimize']['wall']:.1f} s)")
    cpu = {e: med([r["cpu"] for r in imp[e]]) for e in res["engines"]}
    wall = {e: med([r["wall"] for r in imp[e]]) for e in res["engines"]}
    for peer in (e for e in res["engines"] if e != "veille"):
        print(f"  Veille / {NAMES[peer]}: CPU {ratio(cpu['veille'], cpu[peer])}, wall "
              f"{ratio(wall['veille'], wall[peer])}")
    verdict = "met" if cpu["veille"] <= 15 * cpu["fts5"] else "MISSED"
    print(f"  target CPU <= 15x FTS5's: {verdict}")


def _print_latency(res: dict[str, Any]) -> None:
    s = res["inprocess"]["samples"]
    print("in-process search, ms p50 / p95 (count + first 20 with snippets; alternated):")
    print(f"  {'class':<9} {'Veille':>15} {'FTS5':>15} {'x p95':>6}  target p95 <= 2x FTS5's")
    for kind in CLASSES:
        v, f = s["veille"][kind], s["fts5"][kind]
        verdict = ("met" if p95(v) <= 2 * p95(f) else "MISSED") if f else "n.a."
        print(f"  {kind:<9} {ms(v):>15} {ms(f):>15} {ratio(p95(v), p95(f)):>6}  {verdict}")
    totals = res["inprocess"]["totals"]
    cli_totals = res["cli"]["totals"].get("recoll", {})
    print("  matches (Veille / FTS5 / Recoll): " + "; ".join(
        f"{q} {totals['veille'].get(q)}/{totals['fts5'].get(q, '–')}/{cli_totals.get(q, '–')}"
        for q in totals["veille"]))


def _print_cli(res: dict[str, Any]) -> None:
    s = res["cli"]["samples"]
    engines = [e for e in ("python", "veille", "recoll", "fts5") if e in s]
    target = cli_target(res)
    print("fresh process per query, ms p50 / p95, timed from outside (Veille: reader-app "
          "search; Recoll: recollq; FTS5: a Python script):")
    print("  " + f"{'class':<9}" + "".join(f"{NAMES[e]:>16}" for e in engines))
    for kind in CLASSES:
        print("  " + f"{kind:<9}" + "".join(f"{ms(s[e][kind]):>16}" for e in engines))
    allv = [x for v in s["veille"].values() for x in v]
    verdict = "met" if p95(allv) <= target else "MISSED"
    print(f"  target (4 x bare start + 40 ms) {target * 1000:.0f} ms; Veille all queries "
          f"{ms(allv)}: p95 {verdict}")


def _print_memory(res: dict[str, Any]) -> None:
    inp, cli = res["inprocess"], res["cli"]
    n = inp["queries_before_rss"]
    parts = [f"{NAMES[e]} {inp['rss_soak'][e]['VmRSS'] / 1024:.0f} MiB (peak "
             f"{inp['rss_soak'][e]['VmHWM'] / 1024:.0f}; after open "
             f"{inp['rss_start'][e]['VmRSS'] / 1024:.0f})" for e in ("veille", "fts5")]
    print(f"search process RSS after {n} queries: {', '.join(parts)}")
    print("  fresh processes, peak RSS median / max (MiB): " + ", ".join(
        f"{NAMES[e]} {med(v):.0f} / {max(v):.0f}" for e, v in cli["rss"].items() if v))
    soak = inp["soak"]
    print("  soak queries from the corpus, in-process ms p50 / p95: " + "; ".join(
        f"{kind}: Veille {ms(soak['veille'][kind])}, FTS5 {ms(soak['fts5'][kind])}"
        for kind in soak["veille"]))


def _print_launch(label: str, launch: dict[str, Any]) -> None:
    first = launch["first_result"]
    warm = launch["warmup"]["first_result"]
    print(f"{label}, from before process start, s: median {med(first):.2f}, p95 "
          f"{p95(first):.2f} over {len(first)} (warm-up {warm:.2f}); window shown "
          f"{med(launch['shown']):.2f}; interpreter up {med(launch['interpreter']):.3f};"
          f" window process peak RSS {med(launch['rss']):.0f} MiB; index segments "
          f"{launch['segments_before']} -> {launch['segments_after']}")


def table_markdown(results: Sequence[dict[str, Any]]) -> str:
    """The docs/benchmarks.md table: Veille / Recoll / FTS5 for each size measured."""
    if not results:
        return "(no saved results)"
    head = ["measure"] + [f"{r['size'] / 1000:g}k {NAMES[e]}" for r in results
                          for e in ("veille", "recoll", "fts5")]
    rows = [head, ["---"] * len(head)]

    def row(label: str, cell: Any) -> None:
        rows.append([label] + [cell(r, e) for r in results for e in ("veille", "recoll", "fts5")])

    row("import wall, s (from process start)", lambda r, e: _imp(r, e, "wall", "{:.1f}"))
    row("import CPU, s (process + children)", lambda r, e: _imp(r, e, "cpu", "{:.1f}"))
    row("Veille import CPU ÷ peer's", lambda r, e: _imp_ratio(r, e))
    row("import peak RSS, MiB", lambda r, e: _imp(r, e, "rss", "{:.0f}"))
    for kind in CLASSES:
        row(f"{kind}, in-process p50 / p95 ms", lambda r, e, k=kind: _lat(r, e, k))
    for kind in CLASSES:
        row(f"{kind}, fresh process p50 / p95 ms", lambda r, e, k=kind: _cli(r, e, k))
    row("bare `python -c pass`, p50 / p95 ms", lambda r, e: ms(
        [x for v in r["cli"]["samples"]["python"].values() for x in v]) if e == "veille" else "")
    row("CLI target: 4 × bare + 40 ms", lambda r, e: f"{cli_target(r) * 1000:.0f}"
        if e == "veille" else "")
    row("launch to first result, s (median / p95)", lambda r, e: _launch(r, e, "launch"))
    row("same, entities extracted", lambda r, e: _launch(r, e, "launch_extracted"))
    row("search process RSS after the queries, MiB", _rss)
    row("disk per 1,000 articles, MB", lambda r, e: (
        f"{r['disk'][e]['total'] / r['size'] * 1000:.2f}" if e in r["disk"] else "–"))
    row("same after entity extraction", lambda r, e: (
        f"{r['entities']['disk']['total'] / r['size'] * 1000:.2f}" if e == "veille" and
        "entities" in r else "–"))
    return "\n".join("| " + " | ".join(cells) + " |" for cells in rows)


def _imp(r: dict[str, Any], e: str, key: str, fmt: str) -> str:
    runs = r["import"].get(e)
    return fmt.format(med([x[key] for x in runs])) if runs else "–"


def _imp_ratio(r: dict[str, Any], e: str) -> str:
    if e == "veille" or e not in r["import"]:
        return ""
    cpu = {k: med([x["cpu"] for x in v]) for k, v in r["import"].items()}
    return ratio(cpu["veille"], cpu[e])


def _lat(r: dict[str, Any], e: str, kind: str) -> str:
    samples = r["inprocess"]["samples"].get(e)
    return ms(samples[kind]) if samples else "–"


def _cli(r: dict[str, Any], e: str, kind: str) -> str:
    samples = r["cli"]["samples"].get(e)
    return ms(samples[kind]) if samples else "–"


def _launch(r: dict[str, Any], e: str, key: str) -> str:
    if e != "veille" or key not in r:
        return "–"
    first = r[key]["first_result"]
    return f"{med(first):.2f} / {p95(first):.2f}"


def _rss(r: dict[str, Any], e: str) -> str:
    if e == "recoll":
        v = r["cli"]["rss"].get("recoll")
        return f"{max(v):.0f} (each recollq)" if v else "–"
    return f"{r['inprocess']['rss_soak'][e]['VmRSS'] / 1024:.0f}"
