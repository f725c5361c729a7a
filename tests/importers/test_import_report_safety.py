"""A hostile dropped folder through a real library: every refusal is a line of the report.

The folder holds links out of it (to /etc), link loops, and a ZIP with traversal names,
absolute and drive paths, a NUL in a name and stored links: nothing outside the folder
may be imported, and each refused entry must be named in the report, never dropped.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.library import Library
from index.models import ImportReport

SAFETY = Path(__file__).resolve().parent / "fixtures" / "safety"
ARTICLE = " date 2024-05-17 La médiathèque de Quimper a rouvert samedi. Les lecteurs sont venus.\n"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "bibliotheque")
    yield lib
    lib.close()


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "depot"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink("/etc", folder / "etc")
    os.symlink("boucle", folder / "boucle")
    shutil.copy(SAFETY / "archives" / "traversal_names.zip", folder / "archive.zip")
    return folder


def lines(report: ImportReport, folder: Path) -> dict[str, tuple[str, str]]:
    return {f.path.replace(f"{folder}/", ""): (f.status, f.reason) for f in report.files}


def test_links_out_of_a_dropped_folder_are_skipped_lines_and_nothing_of_etc_is_imported(
    library: Library, hostile_folder: Path
) -> None:
    report = library.import_paths([hostile_folder])
    found = lines(report, hostile_folder)
    assert found["passwd.txt"] == (
        "skipped", "link to a file outside the imported folder: not followed"
    )
    assert found["etc"] == ("skipped", "link to a folder outside the imported folder: not followed")
    assert found["boucle"] == (
        "skipped", "link that leads back to itself (a link loop): not followed"
    )
    assert all(f.path.startswith(f"{hostile_folder}/") for f in report.files)
    assert {path.split("!/", 1)[0] for path in found} == {
        "article.txt", "passwd.txt", "etc", "boucle", "archive.zip",
    }  # fmt: skip
    assert library.article_count() == 3  # article.txt and the archive's two safe members
    assert library.search("root").total == 0
    assert library.search("nologin").total == 0
    assert library.search("médiathèque").total >= 1


def test_unsafe_zip_members_each_get_a_line_and_the_rest_imports(
    library: Library, hostile_folder: Path
) -> None:
    report = library.import_paths([hostile_folder / "archive.zip"])
    found = lines(report, hostile_folder)
    members = {path.split("!/", 1)[1]: line for path, line in found.items()}
    refused = {name: line for name, line in members.items() if line[0] != "imported"}
    assert sorted(refused) == sorted([
        "../evade.txt", "dossier/../../evade2.txt", "/etc/absolu.txt",
        "C:/Windows/lecteur.txt", "nul\\0suite.txt", "lien_passwd.txt", "lien_dossier",
    ])  # fmt: skip
    assert all(status == "skipped" and reason for status, reason in refused.values())
    assert members["bon.txt"][0] == "imported"
    assert members["./point/ici.txt"][0] == "imported"
    assert library.article_count() == 2
