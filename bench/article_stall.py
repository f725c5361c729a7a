"""Issue #8: the longest stall of the GUI thread while a huge article opens in the pane.

A 5 ms QTimer on the GUI thread records the gaps between its ticks while the article
pane (``ArticlePane``, as the window builds it) opens a generated 2 MB and 60 MB
article with entity mentions and query matches spread across it, the way the window
does: ``show_article(article, spans)`` on the GUI thread after a worker loaded them.
Phases: opening (call + first paint + 1 s of background indexing), F3 and entity focus,
"Show the whole article" until all is shown, F3 and focus again, then switching to a
small article. Time to first paint is from the call to the viewport's first paint
event. Baseline in the same run: the pane's code at ``--baseline-ref`` (read from git,
read-only) opening the 2 MB article; the 60 MB one only when asked, as it does not
finish in minutes (its HTML building is quadratic). Also timed, as it runs on the GUI
thread in ``MainWindow._article_loaded`` today: the sidebar's entity rows.

The text is generated: French and English paragraphs written for this benchmark,
repeated with variation (names, places, numbers, dates), not copied from any data set.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/article_stall.py
     [--sizes 2,60] [--no-show-all] [--no-baseline] [--screenshots DIR]
"""

from __future__ import annotations

import argparse
import ctypes
import itertools
import os
import re
import string
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from bench.common import REPO, code_version, machine
from bench.heartbeat import Heartbeat, gaps_summary
from index.models import Article, Mention
from reader_app.models.entity_model import rows_from_mentions
from reader_app.style import apply_style
from reader_app.views.article_pane import ArticlePane

BASELINE_REF = "7a012f4a01b3e4bbf797f82098d424d4f2ae824a"  # before progressive rendering
QUERY_PATTERN = r"(?i)s[ée]curit[ée]|security"  # the spans a search for "sécurité" gives

PEOPLE = ["Aïssata Konaté", "Hervé Lambert", "Daniel Okafor", "Sarah Mitchell",
          "Moussa Diallo", "Claire Fontaine"]
ORGS = ["Alliance des États du Sahel", "Union africaine", "CEDEAO", "Banque mondiale",
        "World Health Organization", "Red Cross"]
PLACES = ["Niamey", "Bamako", "Dakar", "Ouagadougou", "Lagos", "Geneva"]
TEMPLATES = [
    "Le {day} {month}, {person} a reçu à {place} une délégation de l'{org} venue préparer "
    "la réunion consacrée à la sécurité des routes commerciales. « Nous avançons ensemble », "
    "a déclaré {person2}, qui a rappelé que {n} camions avaient été escortés depuis le début "
    "de l'année.",
    "Selon un communiqué publié à {place}, les discussions ont porté sur le financement des "
    "écoles et des centres de santé. La {org} promet {n} millions de francs CFA, mais {person} "
    "juge ces montants insuffisants face à la hausse des prix du riz et du carburant dans la "
    "région de {place2}.",
    "On {month} {day}, {person} told reporters in {place} that the {org} would send {n} more "
    "doctors before the rainy season. Security along the river remains the main concern, she "
    "said, while {person2} warned that clinics near {place2} were already running short of "
    "vaccines.",
    "Fishermen in {place} say their catches have fallen for the {nth} year in a row. {person}, "
    "who leads a cooperative of {n} boats, said the crews now sail twice as far out, and asked "
    "the {org} to fund cold storage so that less of the catch is lost before it reaches the "
    "market.",
    "Les agriculteurs de la région de {place} attendent toujours les semences promises. « La "
    "sécurité alimentaire ne se décrète pas », résume {person}, élue locale, qui a compté {n} "
    "familles sans récolte cette saison. L'{org} annonce une mission d'évaluation à {place2} "
    "d'ici la fin du mois.",
    "In a speech in {place}, {person} called the talks with the {org} \"frank and useful\" and "
    "said a joint security plan for {place2} would be presented within {n} days. Critics, "
    "including {person2}, said similar plans had been announced before without any money "
    "attached.",
]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
LABELS = {"person": "person", "person2": "person", "org": "organisation", "place": "place",
          "place2": "place"}


def _paragraph(i: int, offset: int, mentions: list[Mention]) -> str:
    template = TEMPLATES[i % len(TEMPLATES)]
    english = template.startswith(("On ", "Fishermen", "In a"))
    values = {
        "person": PEOPLE[i % 6], "person2": PEOPLE[(i * 5 + 1) % 6], "org": ORGS[(i // 6) % 6],
        "place": PLACES[(i * 7) % 6], "place2": PLACES[(i * 7 + 3) % 6],
        "n": str(12 + i % 397), "day": str(1 + i % 28), "nth": ["second", "third"][i % 2],
        "month": (MONTHS_EN if english else MONTHS_FR)[i % 12],
    }
    out: list[str] = []
    pos = offset
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        pos += len(literal)
        if name:
            value = values[name]
            if name in LABELS:
                mentions.append(Mention(pos, pos + len(value), LABELS[name],  # type: ignore[arg-type]
                                        value, value))
            out.append(value)
            pos += len(value)
    return "".join(out)


def make_article(size: int, article_id: int = 1) -> tuple[Article, list[tuple[int, int]]]:
    """About ``size`` characters of paragraphs, their mentions, and the query's spans."""
    parts: list[str] = []
    mentions: list[Mention] = []
    pos = 0
    for i in itertools.count():
        if pos >= size:
            break
        par = _paragraph(i, pos, mentions)
        parts.append(par)
        pos += len(par) + 1
    text = "\n".join(parts)
    spans = [m.span() for m in re.finditer(QUERY_PATTERN, text)]
    article = Article(
        id=article_id, title=f"Dossier Sahel : {size // 1_000_000 or size} — long file",
        text=text, date="2025-10-02T09:30:00+02:00", source="Le Sahel",
        url="https://example.org/dossier-sahel", lang="fr", authors=("A. Diallo",),
        origin="/tmp/dossier.txt", imported_at="2025-10-03", mentions=tuple(mentions),
        entities_done=True,
    )
    return article, spans


def pin_singletons() -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None on every call of a method
    returning void (``setHtml``, ``insertFragment``, ``QTimer.start``...) and to True on
    every ``Signal.emit`` from Python; after a few thousand calls the interpreter aborts
    ("deallocating None"/"True or False"). Python 3.12+ makes them immortal; here they
    get a large count so the benchmark can finish (the app needs a fix of its own)."""
    if sys.version_info < (3, 12):
        for obj in (None, True, False):
            ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def run_loop(seconds: float, until: Callable[[], bool] = lambda: False) -> float:
    """Spin the event loop (a nested loop polled by a timer) until ``until()`` or the time."""
    start = time.perf_counter()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(
        lambda: (until() or time.perf_counter() - start >= seconds) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    return time.perf_counter() - start


def timed_on_gui(action: Callable[[], object], hb: Heartbeat) -> tuple[list[float], float]:
    """Run ``action`` from a timer (inside the event loop) while the heartbeat ticks."""
    took: list[float] = []

    def fire() -> None:
        t = time.perf_counter()
        action()
        took.append(time.perf_counter() - t)

    hb.start()
    run_loop(0.1)
    QTimer.singleShot(0, fire)
    run_loop(60, lambda: bool(took))
    run_loop(0.2)
    return hb.stop(), took[0] * 1000


def open_article(pane, article: Article, spans: list, hb: Heartbeat,
                 settle_s: float) -> tuple[str, float]:
    """Call show_article from inside the event loop; stalls and time to first paint."""
    painter = FirstPaint()
    pane.view.viewport().installEventFilter(painter)
    called: list[float] = []

    def fire() -> None:
        called.append(time.perf_counter())
        painter.at = None
        pane.view.show_article(article, spans)
        called.append(time.perf_counter())

    hb.start()
    run_loop(0.2)
    QTimer.singleShot(0, fire)
    run_loop(600, lambda: len(called) == 2 and painter.at is not None)
    run_loop(settle_s)
    gaps = hb.stop()
    pane.view.viewport().removeEventFilter(painter)
    paint_ms = ((painter.at or called[-1]) - called[0]) * 1000
    call_ms = (called[1] - called[0]) * 1000
    return (f"{gaps_summary(gaps)}; show_article {call_ms:.0f} ms, first paint "
            f"{paint_ms:.0f} ms after the call"), max(gaps, default=0.0)


def interact(pane, hb: Heartbeat) -> str:
    """Five F3 steps and three focus clicks (two names), each from the event loop."""
    view = pane.view
    calls: list[float] = []
    hb.start()
    for action in ([lambda: view.step_match(True)] * 5
                   + [lambda: view.focus_entity("person", PEOPLE[0]),
                      lambda: view.focus_entity("person", PEOPLE[0]),
                      lambda: view.focus_entity("place", PLACES[2])]):
        done: list[float] = []

        def fire(act: Callable[[], object] = action, out: list[float] = done) -> None:
            t = time.perf_counter()
            act()
            out.append(time.perf_counter() - t)

        QTimer.singleShot(0, fire)
        run_loop(30, lambda d=done: bool(d))
        calls.append(done[0] * 1000)
        run_loop(0.05)
    gaps = hb.stop()
    return (f"{gaps_summary(gaps)}; slowest call {max(calls):.0f} ms; "
            f"label '{pane.match_label.text()}'")


def show_everything(pane, hb: Heartbeat) -> str:
    view = pane.view
    hb.start()
    start = time.perf_counter()
    QTimer.singleShot(0, pane.partial_bar.button.click)
    seconds = run_loop(1800, lambda: not view.is_partial() and not view.is_appending())
    gaps = hb.stop()
    size = view.document().characterCount()
    return (f"{gaps_summary(gaps)}; whole article shown in {seconds:.1f} s "
            f"({size / max(1e-9, time.perf_counter() - start) / 1e6:.1f} M characters/s)")


def load_baseline(ref: str) -> type | None:
    """The pane's ArticleView as it was at ``ref`` (git show, read-only), or None."""
    def source(path: str) -> str | None:
        out = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=REPO,
                             capture_output=True, text=True)
        return out.stdout if out.returncode == 0 else None

    html_src = source("reader_app/views/article_html.py")
    view_src = source("reader_app/views/article_view.py")
    if html_src is None or view_src is None:
        return None
    view_src = view_src.replace("reader_app.views.article_html", "baseline_article_html")
    modules = {}
    for name, src in (("baseline_article_html", html_src), ("baseline_article_view", view_src)):
        module = types.ModuleType(name)
        sys.modules[name] = module  # dataclasses look their module up while being made
        exec(compile(src, name, "exec"), module.__dict__)
        modules[name] = module
    return modules["baseline_article_view"].ArticleView


def screenshot(pane, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    pane.grab().save(str(path))
    print(f"  screenshot: {path}")


def take_screenshots(pane, article: Article, spans: list, folder: Path, name: str) -> None:
    """After the measures (a grab paints the whole pane: it would count as a stall)."""
    pane.view.show_article(article, spans)
    run_loop(1.5)
    screenshot(pane, folder, f"{name}-head")
    pane.view.step_match(False)  # the last match: in the part not shown yet
    run_loop(0.2)
    screenshot(pane, folder, f"{name}-hidden-match")
    pane.partial_bar.button.click()
    run_loop(0.5)
    screenshot(pane, folder, f"{name}-appending")
    pane.view.stop_showing()


def measure_size(app: QApplication, mb: int, args: argparse.Namespace, hb: Heartbeat) -> None:
    t = time.perf_counter()
    article, spans = make_article(mb * 1_000_000)
    print(f"\n{mb} MB article: {len(article.text):,} characters, {len(article.mentions):,} "
          f"mentions, {len(spans):,} query matches (generated in "
          f"{time.perf_counter() - t:.1f} s)")
    pane = ArticlePane()
    pane.resize(900, 800)
    pane.show()
    run_loop(0.3)
    text, _ = open_article(pane, article, spans, hb, settle_s=1.5)
    print(f"  open: {text}")
    print(f"  F3 x5 + focus x3 on the first part: {interact(pane, hb)}")
    if args.show_all:
        print(f"  show the whole article: {show_everything(pane, hb)}")
        print(f"  F3 x5 + focus x3, all shown: {interact(pane, hb)}")
        small, small_spans = make_article(20_000, article_id=2)
        text, _ = open_article(pane, small, small_spans, hb, settle_s=0.5)
        print(f"  then open a 20 KB article: {text}")
    if args.screenshots:
        take_screenshots(pane, article, spans, args.screenshots, f"article-{mb}mb")
    rows_s = time.perf_counter()
    rows_from_mentions(article.mentions, article.text)
    print(f"  (main_window, not the pane: the sidebar's rows_from_mentions on the GUI thread "
          f"{(time.perf_counter() - rows_s) * 1000:.0f} ms)")
    pane.view.wait_idle()
    pane.close()
    pane.deleteLater()
    run_loop(0.2)


def measure_baseline(app: QApplication, mb: int, ref: str, hb: Heartbeat) -> None:
    view_cls = load_baseline(ref)
    if view_cls is None:
        print(f"\nbaseline: the code at {ref[:10]} is not readable from git; not measured")
        return
    article, spans = make_article(mb * 1_000_000)
    view = view_cls()
    view.resize(900, 800)
    view.show()
    run_loop(0.3)
    gaps, took = timed_on_gui(lambda: view.show_article(article, spans), hb)
    print(f"\nbaseline (code at {ref[:10]}), {mb} MB article: {gaps_summary(gaps)}; "
          f"show_article {took:.0f} ms, nothing painted before it returns")
    view.close()
    view.deleteLater()
    run_loop(0.2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2,60", help="article sizes in MB, comma-separated")
    parser.add_argument("--no-show-all", dest="show_all", action="store_false")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false")
    parser.add_argument("--baseline-sizes", default="2")
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--screenshots", type=Path)
    args = parser.parse_args()
    pin_singletons()
    print(f"machine: {machine()}; Qt platform {os.environ['QT_QPA_PLATFORM']}; "
          f"{code_version('reader_app/views')}")
    app = QApplication([])
    apply_style(app)  # the window's look, for the screenshots
    hb = Heartbeat()
    hb.start()
    run_loop(2.0)
    print(f"idle, 2 s (noise of this machine): {gaps_summary(hb.stop())}")
    for mb in (int(x) for x in args.sizes.split(",") if x):
        measure_size(app, mb, args, hb)
    if args.baseline:
        for mb in (int(x) for x in args.baseline_sizes.split(",") if x):
            measure_baseline(app, mb, args.baseline_ref, hb)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
