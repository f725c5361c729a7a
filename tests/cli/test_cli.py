"""The command line, in-process through ``main()``: the same code path as ``reader-app``."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from reader_app.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "index" / "fixtures"
SEED = FIXTURES / "seed_aes_bamako.txt"
PAGE = FIXTURES / "uk_ministers.html"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_import_search_show_entities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(tmp_path / "lib")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(random.Random(7).randbytes(4096))
    code, out = _run(capsys, "import", str(SEED), str(PAGE), str(bad), "--library", lib, "--json")
    assert code == 1  # one input failed
    report = json.loads(out)
    statuses = {Path(f["path"]).name: f for f in report["files"]}
    assert statuses["bad.txt"]["status"] == "failed" and statuses["bad.txt"]["reason"]
    seed_id = statuses["seed_aes_bamako.txt"]["article_ids"][0]
    assert statuses["uk_ministers.html"]["status"] == "imported"

    code, out = _run(capsys, "search", "securite", "--library", lib, "--json")
    assert code == 0
    hits = json.loads(out)["hits"]
    assert [h["article_id"] for h in hits] == [seed_id]
    assert "<mark>" in hits[0]["snippet"]

    code, out = _run(capsys, "show", str(seed_id), "--library", lib, "--json")
    shown = json.loads(out)
    text = shown["text"]
    assert shown["date"] == "2025-08-14"
    assert shown["mentions"], "entities are stored before import returns"
    for m in shown["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
        assert m["label"] in ("person", "organisation", "place", "other")
        assert m["canonical"]
    labels = {m["label"] for m in shown["mentions"]}
    assert {"person", "place"} <= labels

    code, out = _run(capsys, "entities", str(seed_id), "--library", lib, "--json")
    names = {e["name"] for e in json.loads(out)}
    assert "Bamako" in names

    code, out = _run(capsys, "reindex", "--library", lib)
    assert code == 0 and "indexed 2" in out
    code, out = _run(capsys, "search", "rail", "--library", lib)
    assert "Ministers agree new rail funding" in out


def test_import_all_good_exits_zero_and_env_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEILLE_LIBRARY", str(tmp_path / "envlib"))
    code, out = _run(capsys, "import", str(PAGE), "--no-entities")
    assert code == 0 and "1 imported" in out
    assert (tmp_path / "envlib" / "library.sqlite3").exists()


def test_usage_errors_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["show", "not-a-number", "--library", str(tmp_path)]) == 2
    code = main(["show", "999", "--library", str(tmp_path / "lib")])
    assert code == 1


def test_entity_curation_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    code, out = _run(capsys, "import", str(SEED), "--library", lib, "--json")
    seed_id = json.loads(out)["files"][0]["article_ids"][0]
    entities = json.loads(_run(capsys, "entities", "--library", lib, "--json")[1])
    bamako = next(e for e in entities if e["name"] == "Bamako")
    code, out = _run(capsys, "entities", "--rename", str(bamako["id"]), "Bamako (Mali)",
                     "--library", lib)
    assert code == 0 and "renamed" in out
    _run(capsys, "reindex", "--library", lib)
    code, out = _run(capsys, "search", 'entity:"Bamako (Mali)"', "--library", lib, "--json")
    assert [h["article_id"] for h in json.loads(out)["hits"]] == [seed_id]
    code, out = _run(capsys, "entities", "--hide", str(bamako["id"]), "--library", lib)
    shown = json.loads(_run(capsys, "show", str(seed_id), "--library", lib, "--json")[1])
    assert all(m["canonical"] != "Bamako (Mali)" for m in shown["mentions"])
    assert "undone: hide" in _run(capsys, "entities", "--undo", "--library", lib)[1]
    assert "undone: rename" in _run(capsys, "entities", "--undo", "--library", lib)[1]
    shown = json.loads(_run(capsys, "show", str(seed_id), "--library", lib, "--json")[1])
    assert any(m["canonical"] == "Bamako" for m in shown["mentions"])
    code, _ = _run(capsys, "entities", "--retype", str(bamako["id"]), "planet", "--library", lib)
    assert code == 2
    code, out = _run(capsys, "entities", "--articles", str(bamako["id"]), "--library", lib)
    assert "2025-08-14" in out


def test_show_and_search_give_the_story_and_its_versions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.index.test_stories import APART, VERSIONS

    feed = tmp_path / "versions.jsonl"
    rows = [*VERSIONS.values(), APART["same subject"]]
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    lib = str(tmp_path / "lib")
    assert _run(capsys, "import", str(feed), "--no-entities", "--library", lib)[0] == 0
    versions = list(range(1, len(VERSIONS) + 1))
    shown = json.loads(_run(capsys, "show", "2", "--library", lib, "--json")[1])
    assert shown["story"] == 1 and shown["versions"] == versions
    hits = json.loads(_run(capsys, "search", "Niamey", "--library", lib, "--json", "--limit",
                           "50")[1])["hits"]
    by_id = {h["article_id"]: h for h in hits}
    assert by_id[1]["story"] == by_id[3]["story"] == 1 and by_id[3]["versions"] == versions
    apart = len(rows)
    assert by_id[apart]["story"] == apart and by_id[apart]["versions"] == [apart]
    text = _run(capsys, "show", "1", "--library", lib)[1]
    assert "Other versions of this story: 2, 3," in text
