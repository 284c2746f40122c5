"""The fonts shipped in resources/fonts, registered with Qt so that printed text never depends on
what the machine has installed (İbrahim Kalın, Erdoğan and Yeni Şafak print the same everywhere).

DejaVu Sans covers Latin (with the Turkish and Azerbaijani letters), Cyrillic, Armenian and
Georgian in all four styles, and Arabic upright and bold; Noto Sans Arabic is its fallback for
Arabic in italic, which DejaVu's oblique faces lack (Qt slants it). Anything else prints from a
font the machine has, or not at all: `missing_characters` says which characters would not.
"""

from __future__ import annotations

import functools
import unicodedata

from PySide6.QtGui import QFont, QFontDatabase, QTextLayout

from briefing.resources import font_file

FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
)
# Fallbacks, in order, for characters the first family lacks in a style (see the module doc).
FALLBACK_FILES = ("NotoSansArabic-Regular.ttf",)


class FontError(RuntimeError):
    """The bundled fonts are missing or Qt cannot read them: a broken install."""


def _register(name: str) -> str:
    path = font_file(name)
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise FontError(f"cannot load the bundled font {path}")
    return families[0]


@functools.cache
def bundled_families() -> tuple[str, ...]:
    """Register the bundled fonts (once per process) and return their families, the main one
    first, then its fallbacks.

    Needs a QGuiApplication. The result is cached: Qt keeps application fonts for the life of the
    process, and registering the same file twice would only add duplicates.
    """
    main, *_styles = [_register(name) for name in FONT_FILES]
    fallbacks = [_register(name) for name in FALLBACK_FILES]
    return (main, *dict.fromkeys(f for f in fallbacks if f != main))


def bundled_family() -> str:
    """The main bundled family (registering the fonts): what `font()` takes."""
    return bundled_families()[0]


def font(family: str, point_size: float, bold: bool = False, italic: bool = False) -> QFont:
    """A font of the bundled family, with the bundled fallbacks after it, without ligatures,
    so text copied from the PDF searches."""
    result = QFont(family)
    families = bundled_families()
    if family == families[0]:
        result.setFamilies(list(families))
    result.setPointSizeF(point_size)
    result.setBold(bold)
    result.setItalic(italic)
    result.setFeature(QFont.Tag("liga"), 0)
    return result


# Characters that print nothing by design: controls, format characters (joiners, direction
# marks, variation selectors) and white space.
_SILENT = {"Cc", "Cf", "Zs", "Zl", "Zp"}


@functools.cache
def _prints(character: str, italic: bool) -> bool:
    """Whether Qt finds a glyph for the character in the bundled fonts or a machine's font, as
    it will when it draws: a glyph run with glyph 0 (.notdef, the empty box) means no font."""
    layout = QTextLayout(character, font(bundled_family(), 9.5, italic=italic))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return all(0 not in run.glyphIndexes() for run in layout.glyphRuns())


def missing_characters(text: str, italic: bool = False) -> str:
    """The characters of `text` that no font prints (upright or italic), each once, in order."""
    return "".join(
        c
        for c in dict.fromkeys(text)
        if unicodedata.category(c) not in _SILENT and not _prints(c, italic)
    )
