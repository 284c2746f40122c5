"""Light and dark palettes, and following the system's choice by default."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

ROLE = QPalette.ColorRole


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_LIGHT = {
    ROLE.Window: "#f3f3f3",
    ROLE.WindowText: "#1b1b1b",
    ROLE.Base: "#ffffff",
    ROLE.AlternateBase: "#f5f7fa",
    ROLE.Text: "#1b1b1b",
    ROLE.Button: "#e9e9e9",
    ROLE.ButtonText: "#1b1b1b",
    ROLE.Highlight: "#1f6fd1",
    ROLE.HighlightedText: "#ffffff",
    ROLE.ToolTipBase: "#ffffe8",
    ROLE.ToolTipText: "#1b1b1b",
    ROLE.PlaceholderText: "#6b6b6b",
    ROLE.Link: "#1f5fb4",
    ROLE.Mid: "#c4c4c4",
}
_DARK = {
    ROLE.Window: "#232427",
    ROLE.WindowText: "#e6e6e6",
    ROLE.Base: "#1b1c1e",
    ROLE.AlternateBase: "#25272a",
    ROLE.Text: "#e6e6e6",
    ROLE.Button: "#2f3134",
    ROLE.ButtonText: "#e6e6e6",
    ROLE.Highlight: "#f0b429",
    ROLE.HighlightedText: "#1b1b1b",
    ROLE.ToolTipBase: "#2f3134",
    ROLE.ToolTipText: "#e6e6e6",
    ROLE.PlaceholderText: "#9a9a9a",
    ROLE.Link: "#8ab4f8",
    ROLE.Mid: "#45474b",
}


def palette_for(dark: bool) -> QPalette:
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#7a7a7a")
    for role in (ROLE.WindowText, ROLE.Text, ROLE.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def wants_dark(theme: Theme) -> bool:
    return theme is Theme.DARK or (theme is Theme.SYSTEM and system_is_dark())


def banner_style(dark: bool) -> str:
    background, text, edge = (
        ("#4a1c1c", "#ffdad6", "#8c2f2f")
        if dark
        else (
            "#fdecea",
            "#5f1412",
            "#e0a09a",
        )
    )
    return (
        f"#errorBannerFrame {{ background: {background}; border: 1px solid {edge}; }}"
        f"#errorBannerFrame QLabel, #errorBannerFrame QPlainTextEdit {{ color: {text};"
        f" background: transparent; border: none; }}"
    )
