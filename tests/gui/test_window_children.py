"""Closing the window during entity extraction ends the spaCy child at once."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from index.entity_worker import ProcessExtractor
from index.library import Library
from reader_app.main_window import MainWindow

# Written for this test: entity-rich French and English sentences.
SENTENCES = (
    "Le ministre malien de la Défense, Sadio Camara, a reçu mercredi à Bamako une délégation "
    "de l'Alliance des États du Sahel venue préparer le sommet avec le Niger. ",
    "Aminata Diop, who leads a fishing cooperative in Dakar, met officials of the Senegalese "
    "fisheries ministry and the World Bank on Tuesday. ",
)


def _articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for n in range(count):
        body = "".join(SENTENCES[(n + k) % 2] for k in range(20))
        path = folder / f"article-{n:03d}.txt"
        path.write_text(f" date 2025-08-{1 + n % 28:02d} {body}Dépêche {n}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_closing_the_window_mid_extraction_ends_the_entity_process(
    qtbot, tmp_path: Path, processes
) -> None:
    lib = Library.open(tmp_path / "lib")  # no extractor given: the spaCy child of the app
    try:
        lib.import_paths(_articles(tmp_path / "in", 150))
        win = MainWindow(lib, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.jobs.entitiesProgress, timeout=120_000,
                              check_params_cb=lambda done, _total: done > 0):
            win.show()  # the window starts on the pending articles by itself
        extractor = lib.extractor
        assert isinstance(extractor, ProcessExtractor)
        child = [c for c in processes.children(os.getpid()) if c.pid == extractor.pid]
        assert child and child[0].name == "veille-entities"  # at work on the next batch
        assert lib.pending_entities() > 0
        started = time.monotonic()
        win.close()
        assert time.monotonic() - started < 5.0
        assert not processes.wait_gone(child, 2.0), "the window closed, its spaCy child lives"
    finally:
        lib.close()  # and the autouse fixture checks that no child is left at all
