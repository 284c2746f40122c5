"""The viewer fixtures of tests/ui, shared here: private settings and a window with a file open."""

from __future__ import annotations

from tests.ui.conftest import open_window, private_settings, window

__all__ = ["open_window", "private_settings", "window"]
