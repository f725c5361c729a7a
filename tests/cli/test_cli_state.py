"""The command-line forms of issue 9 that scripts and outside checks rely on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from reader_app.cli import main

TEXTS = {
    "aes.txt": " date 2025-08-14 Le ministre malien de la Défense, Sadio Camara, a reçu à "
               "Bamako une délégation de l'Alliance des États du Sahel.",
    "fish.txt": " date 2025-09-02 Fishermen in Dakar say catches have fallen sharply.",
}


ERRORS: list[str] = []


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object]:
    code = main([*argv, "--json"])
    captured = capsys.readouterr()
    ERRORS.append(captured.err)
    return code, json.loads(captured.out) if captured.out.strip() else None


@pytest.fixture
def lib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    library = str(tmp_path / "lib")
    code, _ = _run(capsys, "import", "--no-entities", "--library", library,
                   str(tmp_path / "aes.txt"), str(tmp_path / "fish.txt"))
    assert code == 0
    return library


def test_mark_tag_note_dossier_show(lib: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "mark", "1", "2", "--read", "--library", lib)[0] == 0
    assert _run(capsys, "mark", "2", "--star", "--library", lib)[0] == 0
    assert _run(capsys, "mark", "2", "--unread", "--library", lib)[0] == 0
    code, _ = _run(capsys, "mark", "1", "77", "--star", "--library", lib)
    assert code == 1  # an unknown id is named and fails; the known one is starred
    assert "no article 77" in ERRORS[-1]
    assert _run(capsys, "tag", "1", "2", "--add", "Sahel", "--add", "Sécurité",
                "--library", lib)[0] == 0
    assert _run(capsys, "tag", "2", "--remove", "Sahel", "--library", lib)[0] == 0
    code, tags = _run(capsys, "tags", "--library", lib)
    assert tags == [{"name": "Sécurité", "count": 2, "color": None},
                    {"name": "Sahel", "count": 1, "color": None}]
    assert _run(capsys, "note", "1", "Piste Wagner à vérifier", "--library", lib)[0] == 0
    code, note = _run(capsys, "note", "1", "--library", lib)
    assert note["note"] == "Piste Wagner à vérifier"
    assert _run(capsys, "dossier", "add", "Brief Sahel", "2", "1", "--library", lib)[0] == 0
    code, dossiers = _run(capsys, "dossier", "list", "--library", lib)
    assert [(d["name"], d["count"]) for d in dossiers] == [("Brief Sahel", 2)]
    code, shown = _run(capsys, "show", "1", "--library", lib)
    assert shown["read"] is True and shown["starred"] is True
    assert shown["tags"] == ["Sahel", "Sécurité"] and shown["note"] == "Piste Wagner à vérifier"
    assert shown["dossiers"] == ["Brief Sahel"] and shown["highlights"] == []
    code, shown = _run(capsys, "show", "2", "--library", lib)
    assert shown["read"] is False and shown["starred"] is True
    code, found = _run(capsys, "search", "is:starred tag:securite wagner", "--library", lib)
    assert [h["article_id"] for h in found["hits"]] == [1]


def test_watches_count_what_imports_bring(lib: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "watch", "add", "Sahel", "sahel", "--library", lib)[0] == 0
    _code, watches = _run(capsys, "watch", "list", "--library", lib)
    assert watches == [{"name": "Sahel", "query": "sahel", "total": 1, "new": 0}]
    more = tmp_path / "more.txt"
    more.write_text(" date 2025-10-01 Au Sahel, l'AES prépare un nouveau sommet.",
                    encoding="utf-8")
    _code, report = _run(capsys, "import", "--no-entities", "--library", lib, str(more))
    assert report["watches"] == {"Sahel": 1}
    main(["import", "--no-entities", "--library", lib, str(more)])
    assert "watch " not in capsys.readouterr().out  # a duplicate brings nothing new
    _code, watches = _run(capsys, "watch", "list", "--library", lib)
    assert watches == [{"name": "Sahel", "query": "sahel", "total": 2, "new": 1}]
    assert _run(capsys, "watch", "seen", "Sahel", "--library", lib)[0] == 0
    assert _run(capsys, "watch", "list", "--library", lib)[1][0]["new"] == 0
    names = tmp_path / "names.txt"
    names.write_text("Sadio Camara\nDakar\n", encoding="utf-8")
    assert _run(capsys, "watch", "load", str(names), "--library", lib)[1] == {
        "added": ["Sadio Camara", "Dakar"]}
    assert _run(capsys, "watch", "remove", "Sahel", "--library", lib)[0] == 0
    _code, watches = _run(capsys, "watch", "list", "--library", lib)
    assert [(w["name"], w["total"]) for w in watches] == [("Dakar", 1), ("Sadio Camara", 1)]


def test_export_in_every_format(lib: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "tag", "1", "--add", "Sécurité", "--library", lib)
    _run(capsys, "note", "1", "Délégation « AES »", "--library", lib)
    out = tmp_path / "out"
    for fmt in ("csv", "md", "jsonl", "pdf"):
        code, done = _run(capsys, "export", "*", "--format", fmt, "--out", f"{out}.{fmt}",
                          "--library", lib)
        assert code == 0 and done["exported"] == 2
    with open(f"{out}.csv", encoding="utf-8-sig", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows["1"]["tags"] == "Sécurité" and rows["1"]["note"] == "Délégation « AES »"
    brief = Path(f"{out}.md").read_text(encoding="utf-8")
    assert "Délégation « AES »" in brief and "## " in brief
    lines = Path(f"{out}.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["veille"]["tags"] for line in lines].count(["Sécurité"]) == 1
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(f"{out}.pdf").pages)
    assert "Sadio Camara" in text and "Délégation" in text
    code, done = _run(capsys, "export", "tag:securite", "--format", "csv", "--out",
                      str(tmp_path / "t.csv"), "--library", lib)
    assert done["exported"] == 1


def test_edit_and_delete(lib: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run(capsys, "edit", "2", "--title", "Pêcheurs de Dakar", "--lang", "fr",
                   "--library", lib)
    assert code == 0
    code, found = _run(capsys, "search", "pêcheurs", "--library", lib)
    assert [h["article_id"] for h in found["hits"]] == [2]
    assert _run(capsys, "edit", "2", "--date", "hier", "--library", lib)[0] == 1
    assert "not a date" in ERRORS[-1]
    assert _run(capsys, "edit", "2", "--library", lib)[0] == 2
    code, gone = _run(capsys, "delete", "2", "--library", lib)
    assert code == 0 and gone["deleted"] == [2]
    code, found = _run(capsys, "search", "*", "--library", lib)
    assert found["total"] == 1
    assert main(["show", "2", "--library", lib]) == 1


def test_note_text_may_follow_the_options(lib: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`note 1 --markdown TEXT` is what people type: the text is not refused as extra."""
    assert _run(capsys, "note", "1", "--markdown", "**Piste** à suivre", "--library", lib)[0] == 0
    code, note = _run(capsys, "note", "1", "--library", lib)
    assert code == 0 and note["note"] == "**Piste** à suivre" and note["note_format"] == "markdown"
    code = main(["note", "1", "un", "deux", "--library", lib])
    assert code == 2 and "unrecognized arguments: deux" in capsys.readouterr().err


def test_library_and_json_may_come_before_the_command(
    lib: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`reader-app --library DIR search ...` searches DIR (the sub-command's default
    used to undo it and search the default library instead)."""
    code = main(["--library", lib, "--json", "search", "*"])
    assert code == 0 and json.loads(capsys.readouterr().out)["total"] > 0
