"""The viewer: a main window with a linked timeline, force chart and claims pane."""

from briefing.ui.refcount_guard import make_singletons_immortal

make_singletons_immortal()
