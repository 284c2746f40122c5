"""Render resources/icons/briefing.svg to the raster icons the packagers want; run by hand.

briefing.png (256 px) for the Linux desktop entry and the README, briefing.ico for the Windows
executable, briefing.icns for the macOS bundle. The SVG stays the one source; run this again
after changing it:  .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage painting needs one)
    renderer = QSvgRenderer(str(ICONS / "briefing.svg"))
    if not renderer.isValid():
        print(f"cannot read {ICONS / 'briefing.svg'}", file=sys.stderr)
        return 1
    big = render(renderer, 1024)
    render(renderer, 256).save(ICONS / "briefing.png", optimize=True)
    big.save(ICONS / "briefing.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "briefing.icns")
    for name in ("briefing.png", "briefing.ico", "briefing.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size // 1024} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
