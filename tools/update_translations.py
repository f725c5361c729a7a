"""Collect the interface's strings into resources/i18n/veille_{fr,en}.ts (pyside6-lupdate).

Run after adding or changing a user-visible string, then translate the new entries
(pyside6-linguist, or by hand in the .ts) and check with tests/gui/test_i18n_french.py.
Module-level ``_tr(text, disambiguation, n)`` helpers translate in the unnamed context
"", and ``_numerus`` marks the core's plural templates (reader_app/core_messages.py), so
both are declared as aliases of ``tr``. The English file holds only the plural forms
("1 article", "2 articles"); every other English text is the source itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "i18n"


def lupdate(ts: Path, *extra: str) -> None:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(tool), "-tr-function-alias", "tr+=_tr,tr+=_numerus",
                    "-extensions", "py", "-locations", "none", "-no-obsolete", *extra,
                    str(ROOT / "reader_app"), "-ts", str(ts)], check=True)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    lupdate(OUT / "veille_fr.ts", "-source-language", "en", "-target-language", "fr_FR")
    lupdate(OUT / "veille_en.ts", "-source-language", "en", "-target-language", "en",
            "-pluralonly")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
