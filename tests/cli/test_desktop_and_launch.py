"""The desktop entry and icons (packaged, installed per user, valid), the display check
that `make run` does first, and how `reader-app` tells FILEs from sub-commands."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from reader_app import cli, desktop_entry
from reader_app.commands.window import opens_files
from reader_app.display_check import debian_package, explain_missing_display, uses_xcb

REQUIRED_TYPES = {
    "text/plain", "text/html", "application/rss+xml", "application/atom+xml",
    "application/feed+json", "application/xml", "message/rfc822", "application/mbox",
    "application/zip", "application/vnd.iptc.g2.newsitem+xml",
}


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def test_packaged_entry_opens_every_format_we_read() -> None:
    entry = read_entry(desktop_entry.DESKTOP_FILE)
    assert entry["Type"] == "Application" and entry["Name"] == "Veille"
    assert entry["Exec"].endswith(" %F")  # several files at once, as local paths
    assert entry["Icon"] == desktop_entry.ICON_NAME
    assert entry["MimeType"].endswith(";")
    assert set(entry["MimeType"].rstrip(";").split(";")) >= REQUIRED_TYPES
    assert "Name[fr]" in entry or "GenericName[fr]" in entry


def validate(path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (apt install desktop-file-utils)")
    done = subprocess.run([validator, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_packaged_entry_is_valid() -> None:
    validate(desktop_entry.DESKTOP_FILE)


def test_install_desktop_puts_entry_and_icons_in_the_user_folders(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert cli.main(["install-desktop"]) == 0
    entry_path = tmp_path / "applications" / "veille.desktop"
    entry = read_entry(entry_path)
    program = entry["Exec"].removesuffix(" %F")
    assert Path(program.split(" ")[0]).is_absolute()  # this environment's reader-app
    icons = tmp_path / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "veille.svg").is_file()
    for size in desktop_entry.PNG_SIZES:
        assert (icons / f"{size}x{size}" / "apps" / "veille.png").is_file()
    validate(entry_path)
    assert cli.main(["install-desktop", "--remove"]) == 0
    assert not entry_path.exists()
    assert not (icons / "48x48" / "apps" / "veille.png").exists()


def test_exec_quoting_follows_the_specification() -> None:
    text = desktop_entry.entry_text(["/opt/my env/bin/python", "-m", "reader_app"])
    assert 'Exec="/opt/my env/bin/python" -m reader_app %F\n' in text
    assert "Exec=/usr/bin/reader-app %F\n" in desktop_entry.entry_text(["/usr/bin/reader-app"])
    assert "TryExec" not in text


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libGL.so.1", "libgl1"),
])
def test_missing_libraries_are_named_by_their_package(soname: str, package: str) -> None:
    assert debian_package(soname) == package


def test_display_check_speaks_only_for_xcb() -> None:
    assert explain_missing_display({"QT_QPA_PLATFORM": "offscreen"}) == ""
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"})
    message = explain_missing_display({"QT_QPA_PLATFORM": "xcb"})  # no DISPLAY here
    assert message and "\n" not in message
    assert "apt install" in message or "no display" in message


def test_files_are_told_from_commands(tmp_path: Path, monkeypatch) -> None:
    parser, _handlers = cli._parser()
    article = tmp_path / "a.txt"
    article.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "search").mkdir()  # a folder named like a command is still the command
    assert opens_files([str(article)], parser)
    assert opens_files(["--library", "lib", "--theme", "dark", "a.txt"], parser)
    assert not opens_files(["search", "x"], parser)
    assert not opens_files(["missing.txt"], parser)
    assert not opens_files(["--lang", "fr"], parser)


def test_window_options_are_checked(capsys) -> None:
    assert cli.main(["--lang", "de"]) == 2
    assert "invalid choice" in capsys.readouterr().err
