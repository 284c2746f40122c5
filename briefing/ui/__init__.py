"""The viewer: a main window with a linked timeline, force chart and claims pane.

Importing PySide6.QtCore replaces Python's import with one that runs a check after every later
import of any module (for PySide's opt-in `__feature__` syntax; see napari/napari#8584). So the
modules that need no Qt are imported here first, before any panel imports Qt: numpy (which
pyqtgraph would otherwise import after QtCore), YAML and the loader. Measured with
`python -X importtime` and bench/ui_probe.py: start-up to first paint about 8 % shorter.

Start-up (these imports, the window's in ui/app.py, and the first window) runs with the cyclic
garbage collector paused (the loader's `collector_paused`): what it makes is modules, classes
and widgets that live as long as the process, and the collector's passes over them, each
walking a growing heap again, took 10-20 % of start-up's CPU time (gc.callbacks).
"""

from briefing.loader import collector_paused

with collector_paused():
    import numpy  # noqa: F401  (imported for its side effect on start-up time; see above)

    import briefing.derived
    import briefing.links  # noqa: F401
