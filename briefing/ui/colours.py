"""The colours the panels share: one per side, and the badge colours of kinds and grades."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from briefing.model import Briefing, ClaimKind, Reliability

# Okabe-Ito, readable for colour-blind readers, for sides that give no colour of their own.
FALLBACK = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#8c6d1f")
NO_SIDE = "#7f7f7f"

KIND_COLOURS = {
    ClaimKind.FACT: "#2f7fc1",
    ClaimKind.ASSESSMENT: "#8e5ab5",
    ClaimKind.FORECAST: "#b07a00",
}
RELIABILITY_COLOURS = {
    Reliability.A: "#1b7f3b",
    Reliability.B: "#4c8f2a",
    Reliability.C: "#8a7a00",
    Reliability.D: "#b35c00",
    Reliability.E: "#b3261e",
    Reliability.F: "#6b6b6b",
}
WARNING = "#c62828"


def side_colours(briefing: Briefing | None) -> dict[str, QColor]:
    """Each side's colour: its own when given, else the next of a colour-blind-safe set."""
    if briefing is None:
        return {}
    colours: dict[str, QColor] = {}
    spare = iter(FALLBACK * (1 + len(briefing.sides) // len(FALLBACK)))
    for side in briefing.sides:
        colours[side.id] = QColor(side.colour or next(spare))
    return colours


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def muted(palette: QPalette) -> QColor:
    """Secondary text: between the text and the background."""
    text = palette.color(QPalette.ColorRole.WindowText)
    base = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (text.red() * 3 + base.red() * 2) // 5,
        (text.green() * 3 + base.green() * 2) // 5,
        (text.blue() * 3 + base.blue() * 2) // 5,
    )
