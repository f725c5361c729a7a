"""Entity extraction on every core (issue 12): several spaCy children give the same
mentions as one, run at a lower priority, leave no process behind, and new batches
wait while a search runs. Real models, real libraries in tmp_path."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from index import Library
from index.entity_worker import ProcessExtractor
from index.extraction_pace import QUIET_SECONDS, SearchPace

# Written for these tests: entity-rich French and English sentences.
SENTENCES = (
    "Le ministre malien de la Défense, Sadio Camara, a reçu mercredi à Bamako une délégation "
    "de l'Alliance des États du Sahel venue préparer le sommet avec le Niger.",
    "Aminata Diop, who leads a fishing cooperative in Dakar, met officials of the Senegalese "
    "fisheries ministry and the World Bank on Tuesday.",
    "À Genève, la présidente du CICR, Mirjana Spoljaric, a demandé un accès humanitaire "
    "à Gaza lors d'une conférence avec l'Organisation mondiale de la santé.",
    "In Nairobi, Kenyan President William Ruto opened a summit of the African Union on "
    "climate finance with leaders from Ethiopia and Ghana.",
)


def _articles(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(1 + n % 3))
            out.write(json.dumps({"title": f"Dépêche {n}", "text": f"{text} Dépêche {n}.",
                                  "date": "2025-08-01"}, ensure_ascii=False) + "\n")
    return path


def _mentions(lib: Library) -> dict[str, list[tuple[object, ...]]]:
    found = {}
    for article_id in lib.search("dépêche", limit=100).ids:
        article = lib.article(article_id)
        assert article is not None
        found[article.title] = sorted((m.start, m.end, m.label, m.text, m.canonical)
                                      for m in article.mentions)
    return found


def test_two_processes_give_the_mentions_of_one_and_leave_no_child(
        tmp_path: Path, processes) -> None:
    source = _articles(tmp_path / "depeches.jsonl", 40)
    results = {}
    seen: dict[int, set[int]] = {1: set(), 2: set()}
    niceness: set[int] = set()
    for workers in (1, 2):
        extractor = ProcessExtractor(workers=workers)
        lib = Library.open(tmp_path / f"lib-{workers}", extractor)  # type: ignore[arg-type]
        try:
            lib.import_paths([source])

            def progress(done: int, total: int | None, current: str,
                         extractor: ProcessExtractor = extractor, workers: int = workers) -> None:
                for pid in extractor.pids:
                    seen[workers].add(pid)
                    niceness.add(os.getpriority(os.PRIO_PROCESS, pid))

            assert lib.extract_pending(progress=progress, batch_size=4) == 40
            assert lib.pending_entities() == 0
            results[workers] = _mentions(lib)
            children = [c for c in processes.children(os.getpid()) if c.pid in seen[workers]]
            assert {c.name for c in children} == {"veille-entities"}
        finally:
            lib.close()
        assert not processes.wait_gone(children, 3.0), "a child outlived close()"
    assert len(seen[1]) == 1 and len(seen[2]) == 2  # the second process did take batches
    assert niceness and min(niceness) >= 10  # below the window's priority
    assert len(results[1]) == 40 and sum(map(len, results[1].values())) > 80
    assert results[2] == results[1]


def test_new_batches_wait_while_a_search_runs() -> None:
    pace = SearchPace()
    assert pace.wait_quiet() < 0.05  # nobody searching: no wait
    started = threading.Event()

    def search() -> None:
        with pace.searching():
            started.set()
            time.sleep(0.5)

    thread = threading.Thread(target=search)
    thread.start()
    started.wait(5)
    t0 = time.monotonic()
    waited = pace.wait_quiet()
    assert time.monotonic() - t0 >= 0.5 + QUIET_SECONDS - 0.05  # the search, then a pause
    assert waited < 0.5 + QUIET_SECONDS + 0.5
    thread.join()
    long_search = threading.Thread(target=search)  # a window searching all the time
    long_search.start()
    started.wait(5)
    assert 0.15 <= pace.wait_quiet(limit=0.2) <= 0.35  # capped: extraction goes on
    long_search.join()
