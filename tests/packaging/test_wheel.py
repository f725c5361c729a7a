"""``pip install .`` outside the repository gives the complete application.

The wheel is built from a copy of the sources (no build/ or egg-info left in the
repository), installed into a fresh virtual environment, and the window is opened from
there, offscreen, with the repository nowhere on the path. The dependencies (PySide6,
spaCy...) are not installed again: the new environment sees this one's site-packages
through a path file, after its own, so nothing is downloaded and the test stays fast.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("index", "reader_app", "resources", "docs", "pyproject.toml", "setup.py", "README.md")

pytestmark = pytest.mark.slow

OPEN_WINDOW = r"""
import json, sys
from pathlib import Path
import index, reader_app
from reader_app import style
from reader_app.app import create_app
from reader_app.desktop_entry import DESKTOP_FILE, icon_files
app = create_app(["--lang", "fr", "--theme", "dark"])
from PySide6.QtCore import QEventLoop, QTimer
from index import Library
from reader_app.main_window import MainWindow
library = Library.open(Path(sys.argv[1]))
window = MainWindow(library)
loop = QEventLoop()
window.libraryCounted.connect(lambda _n: loop.quit())
QTimer.singleShot(30000, loop.quit)
window.show()
loop.exec()
from reader_app.about import about_html
facts = {
    "reader_app": reader_app.__file__,
    "index": index.__file__,
    "resources": str(style.RESOURCES),
    "style_sheet": len(app.styleSheet()),
    "icon": not app.windowIcon().isNull(),
    "samples": sorted(p.name for p in style.SAMPLES.iterdir()),
    "help": (style.DOCS / "search-syntax.md").is_file(),
    "desktop": str(DESKTOP_FILE) if DESKTOP_FILE.is_file() else "",
    "icons": [str(src) for src, _rel in icon_files()],
    "typed": (Path(index.__file__).parent / "py.typed").is_file(),
    "qm": sorted(p.name for p in style.TRANSLATIONS.glob("*.qm")),
    "title": window.windowTitle(),
    "about": about_html(str(library.path)),
}
from index.entities import EntityExtractor
from index.entities.extractor import ENGLISH_MODEL
english = EntityExtractor()
text = "Tony Blair met Gordon Brown in London."
facts["english_model"] = str(ENGLISH_MODEL)
facts["english"] = sorted((text[m.start:m.end], m.label) for m in english.extract(text, "en"))
window.close()
library.close()
print(json.dumps(facts))
"""


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{args[:3]}…\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtual environment with the wheel of the working tree installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "-w", str(tmp / "dist"), str(src)])
    wheel = next((tmp / "dist").glob("veille-*.whl"))
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                     "['purelib'])"]).stdout.strip())
    # A plain path line: this environment's .pth files (our editable install) stay unread.
    (site / "zz_parent_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)])
    return venv


def clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VEILLE_LIBRARY")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp / "config"),
               XDG_DATA_HOME=str(tmp / "data"), XDG_STATE_HOME=str(tmp / "state"))
    return env


def test_installed_wheel_opens_the_window_with_its_resources(installed: Path,
                                                            tmp_path: Path) -> None:
    done = run([str(installed / "bin" / "python"), "-c", OPEN_WINDOW, str(tmp_path / "lib")],
               cwd=tmp_path, env=clean_env(tmp_path))
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    for key in ("reader_app", "index", "resources", "desktop", "english_model"):
        assert str(installed) in facts[key], (key, facts[key])  # not the repository
        assert str(ROOT) not in facts[key]
    assert facts["style_sheet"] > 100 and facts["icon"]
    assert facts["samples"] == sorted(p.name for p in (ROOT / "resources" / "samples").iterdir()
                                      if not p.name.startswith("."))
    assert facts["help"] and facts["typed"]
    assert len(facts["icons"]) == 9  # the SVG and eight PNG sizes
    ts_files = sorted(p.stem for p in (ROOT / "resources" / "i18n").glob("*.ts"))
    assert [Path(q).stem for q in facts["qm"]] == ts_files  # every translation compiled
    assert facts["title"].startswith("Veille")
    assert "Veille 0." in facts["about"] and "LGPL" in facts["about"]
    assert "Veille English entity model" in facts["about"] and "CC BY 4.0" in facts["about"]
    # Veille's English model ships in the wheel and runs from there.
    assert [list(x) for x in facts["english"]] == [
        ["Gordon Brown", "person"], ["London", "place"], ["Tony Blair", "person"]]


def test_installed_command_installs_a_valid_menu_entry(installed: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    run([str(installed / "bin" / "reader-app"), "--help"], cwd=tmp_path, env=env)
    run([str(installed / "bin" / "reader-app"), "install-desktop"], cwd=tmp_path, env=env)
    entry = tmp_path / "data" / "applications" / "veille.desktop"
    text = entry.read_text(encoding="utf-8")
    assert f"Exec={installed / 'bin' / 'reader-app'} %F" in text
    assert (tmp_path / "data" / "icons" / "hicolor" / "256x256" / "apps" / "veille.png").is_file()
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (apt install desktop-file-utils)")
    assert run([validator, str(entry)]).stdout.strip() == ""
