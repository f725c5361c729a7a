"""Render the application icon (resources/icons/veille.svg) to the PNG sizes desktops
look up (hicolor 16..256), into resources/icons/png/veille-<size>.png (committed).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_icons.py
Run it again after changing veille.svg.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "veille.svg"
OUT = ROOT / "resources" / "icons" / "png"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def render(size: int, renderer: QSvgRenderer) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        path = OUT / f"veille-{size}.png"
        render(size, renderer).save(str(path))
        print(f"saved {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
