"""The fonts shipped in resources/fonts, registered with Qt so that printed text never depends on
what the machine has installed (İbrahim Kalın, Erdoğan and Yeni Şafak print the same everywhere).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
)


class FontError(RuntimeError):
    """The bundled fonts are missing or Qt cannot read them: a broken install."""


def resources_dir() -> Path:
    """resources/ in the source tree, or beside a frozen executable."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


@functools.cache
def bundled_family() -> str:
    """Register the bundled fonts (once per process) and return their family name.

    Needs a QGuiApplication. The result is cached: Qt keeps application fonts for the life of the
    process, and registering the same file twice would only add duplicates.
    """
    family = ""
    for name in FONT_FILES:
        path = resources_dir() / "fonts" / name
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise FontError(f"cannot load the bundled font {path}")
        family = family or families[0]
    return family


def font(family: str, point_size: float, bold: bool = False, italic: bool = False) -> QFont:
    """A font of the bundled family without ligatures, so text copied from the PDF searches."""
    result = QFont(family)
    result.setPointSizeF(point_size)
    result.setBold(bold)
    result.setItalic(italic)
    result.setFeature(QFont.Tag("liga"), 0)
    return result
