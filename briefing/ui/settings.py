"""Where the window remembers things (layout, recent files, theme), and the recent-files rule.

Set BRIEFING_SETTINGS_DIR to keep the settings in an INI file in that folder instead of the
user's own settings; the tests do, so they never touch the analyst's layout.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_DIR_ENV = "BRIEFING_SETTINGS_DIR"
MAX_RECENT = 10


def app_settings() -> QSettings:
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if folder:
        return QSettings(str(Path(folder) / "briefing.ini"), QSettings.Format.IniFormat)
    return QSettings("Briefing", "Briefing")


def with_recent(recent: list[str], path: str, limit: int = MAX_RECENT) -> list[str]:
    """The recent-files list after opening a file: it goes first, once, and the list is capped."""
    path = str(Path(path).absolute())
    return [path, *(p for p in recent if p != path)][:limit]


def read_list(settings: QSettings, key: str) -> list[str]:
    value = settings.value(key, [])
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value or []]
