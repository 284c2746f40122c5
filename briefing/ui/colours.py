"""The colours the panels share beyond the charts' (drawing.palette): badges of kinds and grades."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from briefing.model import ClaimKind, Reliability

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
