"""Walking folders and ZIP archives into sources, with their skip rules and limits."""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from pathlib import Path

import pytest

from index.importers import ArchiveLimits, ImportFailure, ImportSkipped, Source, iter_sources, parse


def write(path: Path, content: str | bytes = "Un article. Fin.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def origins(sources: list[Source], root: Path) -> list[str]:
    return [s.origin.replace(str(root), "") for s in sources]


def make_zip(path: Path, members: dict[str, bytes], level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_system(tmp_path: Path) -> None:
    for name in ("b.txt", "A.txt", "sub/c.md", "sub/deeper/d.txt", ".hidden.txt",
                 ".git/config", "Thumbs.db", "desktop.ini", ".DS_Store", "__MACOSX/x.txt",
                 "~$brouillon.txt"):  # fmt: skip
        write(tmp_path / name)
    found = list(iter_sources([tmp_path]))
    assert origins(found, tmp_path) == ["/A.txt", "/b.txt", "/sub/c.md", "/sub/deeper/d.txt"]
    assert all(s.error is None for s in found)
    assert found[0].read() == b"Un article. Fin.\n"


def test_saved_page_files_folder_is_skipped_only_beside_its_page(tmp_path: Path) -> None:
    write(tmp_path / "Article du Monde.html", "<html><body><p>x</p></body></html>")
    write(tmp_path / "Article du Monde_files" / "script.txt")
    write(tmp_path / "page.htm", "<html></html>")
    write(tmp_path / "page_fichiers" / "image.txt")
    write(tmp_path / "notes_files" / "vraie_note.txt")  # no notes.html: a real folder
    found = origins(list(iter_sources([tmp_path])), tmp_path)
    assert found == ["/Article du Monde.html", "/notes_files/vraie_note.txt", "/page.htm"]


def test_explicit_hidden_file_is_taken(tmp_path: Path) -> None:
    hidden = write(tmp_path / ".brouillon.txt")
    assert [s.origin for s in iter_sources([hidden])] == [str(hidden)]


def test_missing_path_gives_an_error_source(tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt")
    found = list(iter_sources([tmp_path / "absent.txt", good]))
    assert found[0].error == "file not found"
    with pytest.raises(ImportFailure, match="file not found"):
        found[0].read()
    assert found[1].error is None


def test_same_file_twice_and_symlink_loops_are_read_once(tmp_path: Path) -> None:
    write(tmp_path / "a" / "x.txt")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    found = list(iter_sources([tmp_path, tmp_path / "a" / "x.txt"]))
    assert origins(found, tmp_path) == ["/a/x.txt"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_unreadable_folder_gives_an_error_source(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    write(locked / "x.txt")
    locked.chmod(0)
    try:
        found = list(iter_sources([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert len(found) == 1 and "permission denied" in (found[0].error or "")


def test_read_enforces_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", b"x" * 2048)
    with pytest.raises(ImportFailure, match="file too large"):
        Source(str(path), path=path, limit=1024).read()


def test_sources_pickle(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", {"x.txt": b"Un texte. Fin."})
    for source in iter_sources([archive, tmp_path / "absent"]):
        assert pickle.loads(pickle.dumps(source)) == source


# --- ZIP archives ------------------------------------------------------------------------


def test_committed_zip_fixture(text_fixtures: Path) -> None:
    archive = text_fixtures / "bundle.zip"
    found = list(iter_sources([archive]))
    names = [s.origin.split("!/", 1)[1] for s in found]
    assert names == ["article_fr.md", "page.html", "seed_fr.txt", "sub/seed_en.txt"]
    assert all(s.origin.startswith(f"{archive}!/") for s in found)
    seed = found[2]
    outcome = parse(seed.origin, seed.read())
    assert outcome.status == "ok"
    assert outcome.drafts[0].date == "2025-03-14"
    assert outcome.drafts[0].origin == f"{archive}!/seed_fr.txt"


def test_zip_skips_hidden_system_and_saved_page_folders(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "export.zip",
        {
            "dossier/a.txt": b"A. B.",
            "dossier/.cache/b.txt": b"x",
            "__MACOSX/dossier/._a.txt": b"\x00\x05",
            "dossier/Thumbs.db": b"\x00",
            "dossier/page.html": b"<html></html>",
            "dossier/page_files/c.txt": b"x",
            "autre_files/d.txt": b"no sibling page: kept",
        },
    )
    names = [s.origin.split("!/", 1)[1] for s in iter_sources([archive])]
    assert names == ["autre_files/d.txt", "dossier/a.txt", "dossier/page.html"]


def test_zip_inside_zip_is_expanded_one_level(tmp_path: Path) -> None:
    innermost = io.BytesIO()
    with zipfile.ZipFile(innermost, "w") as zf:
        zf.writestr("deep.txt", b"too deep")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("b.txt", b"Texte interne. Fin.")
        zf.writestr("third.zip", innermost.getvalue())
    members = {"a.txt": b"A. B.", "in/inner.zip": inner.getvalue()}
    archive = make_zip(tmp_path / "outer.zip", members)
    found = {s.origin.replace(str(archive), ""): s for s in iter_sources([archive])}
    assert list(found) == ["!/a.txt", "!/in/inner.zip!/b.txt", "!/in/inner.zip!/third.zip"]
    assert found["!/in/inner.zip!/b.txt"].read() == b"Texte interne. Fin."
    assert "nested too deeply" in (found["!/in/inner.zip!/third.zip"].error or "")


def test_zip_bomb_member_is_refused_by_its_ratio(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bomb.zip", {"zeros.txt": b"\0" * (20 * 1024 * 1024),
                                               "ok.txt": b"Un texte. Fin."}, level=9)  # fmt: skip
    found = {s.origin.rsplit("!/", 1)[1]: s for s in iter_sources([archive])}
    assert found["ok.txt"].error is None
    assert "zip bomb" in (found["zeros.txt"].error or "")
    with pytest.raises(ImportFailure, match="zip bomb"):
        found["zeros.txt"].read()


def test_archive_limits_are_reported_in_plain_words(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "many.zip", {f"{i}.txt": b"x" * 1000 for i in range(5)})
    [too_many] = iter_sources([archive], ArchiveLimits(max_members=3))
    assert too_many.error == "too many files in the archive (5; the limit is 3)"
    [too_big] = iter_sources([archive], ArchiveLimits(max_total_bytes=4000))
    assert "archive too large once uncompressed" in (too_big.error or "")
    members = list(iter_sources([archive], ArchiveLimits(max_member_bytes=500)))
    assert all("file too large" in (s.error or "") for s in members)


def test_corrupt_zip_gives_an_error_source(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.zip", b"PK\x03\x04 this is not really a zip")
    [source] = iter_sources([path])
    assert source.error is not None and "ZIP" in source.error


def test_password_protected_member_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "secret.zip", {"secret.txt": b"x", "open.txt": b"Un texte. Fin."})
    raw = bytearray(archive.read_bytes())
    raw[6] |= 0x1  # the "encrypted" flag of the first member, as an encrypting tool sets it
    raw[raw.index(b"PK\x01\x02") + 8] |= 0x1  # ... in its local and central headers
    archive.write_bytes(bytes(raw))
    found = {s.origin.rsplit("!/", 1)[1]: s for s in iter_sources([archive])}
    assert "password-protected" in (found["secret.txt"].error or "")
    assert found["open.txt"].read() == b"Un texte. Fin."


def test_members_read_again_after_release(tmp_path: Path) -> None:
    from index.importers.archive import release

    archive = make_zip(tmp_path / "a.zip", {"x.txt": b"Un. Deux.", "y.txt": b"Trois. Quatre."})
    first, second = iter_sources([archive])
    assert first.read() == b"Un. Deux."
    release()
    assert second.read() == b"Trois. Quatre."
    archive.write_bytes(make_zip(tmp_path / "b.zip", {"x.txt": b"Autre. Texte."}).read_bytes())
    os.utime(archive, ns=(1, 1))  # a changed archive is reopened, not served from the cache
    assert first.read() == b"Autre. Texte."


def test_file_name_not_valid_utf8_gets_a_storable_origin(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"  # a Latin-1 name from an old disk
    try:
        with open(raw, "wb") as handle:
            handle.write(b"Un texte. Fin.")
    except (OSError, ValueError):
        pytest.skip("this file system refuses names that are not UTF-8")
    [source] = iter_sources([tmp_path])
    assert source.origin == f"{tmp_path}/café.txt"
    source.origin.encode("utf-8")  # storable in SQLite, showable in Qt
    assert source.read() == b"Un texte. Fin."


# --- links inside a dropped folder ---------------------------------------------------------


def by_name(sources: list[Source], root: Path) -> dict[str, Source]:
    return {s.origin.replace(f"{root}/", ""): s for s in sources}


def test_links_leading_out_of_a_dropped_folder_are_reported_and_never_read(
    tmp_path: Path,
) -> None:
    outside = write(tmp_path / "ailleurs" / "secret.txt", "SECRET. Hors du dossier.")
    dropped = tmp_path / "depot"
    write(dropped / "article.txt")
    os.symlink("/etc/passwd", dropped / "passwd.txt")
    os.symlink("/etc", dropped / "etc")
    os.symlink(outside, dropped / "secret.txt")
    (dropped / "sous").mkdir()
    os.symlink("../../ailleurs", dropped / "sous" / "remonte")
    os.symlink("../secret.txt", dropped / "sous" / "relais.txt")  # a link to a link out
    found = by_name(list(iter_sources([dropped])), dropped)
    assert sorted(found) == ["article.txt", "etc", "passwd.txt", "secret.txt",
                             "sous/relais.txt", "sous/remonte"]  # fmt: skip
    file_out = "link to a file outside the imported folder: not followed"
    folder_out = "link to a folder outside the imported folder: not followed"
    assert {name: s.skip for name, s in found.items()} == {
        "article.txt": None,
        "etc": folder_out,
        "passwd.txt": file_out,
        "secret.txt": file_out,
        "sous/relais.txt": file_out,
        "sous/remonte": folder_out,
    }
    for name, source in found.items():
        if name != "article.txt":
            with pytest.raises(ImportSkipped, match="not followed"):
                source.read()
    assert found["article.txt"].read() == b"Un article. Fin.\n"


def test_links_that_stay_inside_the_folder_are_followed_once(tmp_path: Path) -> None:
    dropped = tmp_path / "depot"
    write(dropped / "a" / "texte.txt")
    os.symlink("a", dropped / "b")  # a second way to the same folder
    os.symlink("a/texte.txt", dropped / "raccourci.txt")
    os.symlink(".", dropped / "a" / "ici")
    found = list(iter_sources([dropped]))
    assert origins(found, dropped) == ["/a/texte.txt"]
    assert found[0].skip is None and found[0].error is None


def test_link_loops_and_broken_links_end_at_once_with_a_line_each(tmp_path: Path) -> None:
    dropped = tmp_path / "depot"
    write(dropped / "article.txt")
    os.symlink("boucle2", dropped / "boucle1")
    os.symlink("boucle1", dropped / "boucle2")
    os.symlink("moi", dropped / "moi")
    os.symlink("absent.txt", dropped / "casse.txt")
    found = by_name(list(iter_sources([dropped])), dropped)
    assert {name: s.skip for name, s in found.items()} == {
        "article.txt": None,
        "boucle1": "link that leads back to itself (a link loop): not followed",
        "boucle2": "link that leads back to itself (a link loop): not followed",
        "moi": "link that leads back to itself (a link loop): not followed",
        "casse.txt": "broken link (its target does not exist): not followed",
    }
    [named] = iter_sources([dropped / "moi"])  # named directly: followed, and it loops
    assert named.error == "link that leads back to itself (a link loop)"
    assert named.path is None  # nothing may try to resolve it again


def test_a_link_the_person_names_is_followed(tmp_path: Path) -> None:
    """They chose it: a link dropped itself, or a folder reached through a link."""
    outside = write(tmp_path / "ailleurs" / "note.txt", "Une note. Fin.")
    os.symlink(outside, tmp_path / "lien.txt")
    os.symlink(tmp_path / "ailleurs", tmp_path / "lien_dossier")
    [direct] = iter_sources([tmp_path / "lien.txt"])
    assert direct.skip is None and direct.read() == b"Une note. Fin."
    [through] = iter_sources([tmp_path / "lien_dossier"])
    assert through.skip is None and through.read() == b"Une note. Fin."
