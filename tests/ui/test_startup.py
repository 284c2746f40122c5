"""Start-up: a small briefing is in the window at its first paint; a big or missing one is not
loaded on the UI thread before the window shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefing.links import ItemKind
from briefing.model import Reliability
from briefing.ui import app
from briefing.ui.app import start_window


def test_small_file_is_loaded_before_the_window_shows(qtbot, briefing_file: Path, monkeypatch):
    shown_with: list[bool] = []
    monkeypatch.setattr(
        app.MainWindow,
        "show",
        lambda self: shown_with.append(self.document.briefing is not None),
    )
    window = start_window(str(briefing_file))
    qtbot.addWidget(window)
    assert shown_with == [True]
    assert not window.document.is_loading
    assert str(briefing_file.absolute()) in window.recent_files()
    window.watcher.stop()


def test_big_file_loads_after_the_window_shows(qtbot, briefing_file: Path, monkeypatch):
    monkeypatch.setattr(app, "SYNC_OPEN_BYTES", 10)  # every file counts as big
    window = start_window(str(briefing_file))
    qtbot.addWidget(window)
    assert window.isVisible() and window.document.briefing is None
    with qtbot.waitSignal(window.document.loadFinished, timeout=10_000):
        pass
    assert window.document.briefing is not None
    window.watcher.stop()


def test_missing_file_opens_the_window_with_the_error(qtbot, tmp_path: Path):
    missing = tmp_path / "gone.yaml"
    window = start_window(str(missing))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.document.errors), timeout=10_000)
    assert "cannot read" in str(window.document.errors[0])
    assert window.isVisible()
    window.watcher.stop()


# Modules the window on the bundled briefing does not use until the analyst asks for more, and
# why each was found imported at start-up (python -X importtime).
NOT_AT_START = {
    "numpy.ma": "np.unique asks np.ma.is_masked (gap shortening, the timeline's spans)",
    "briefing.revisions": "git, for File → Compare with last commit",
    # The panels tabbed behind the claims are made when their tab is first chosen.
    "briefing.ui.sources": "the Sources panel, a tab behind the claims",
    "briefing.ui.assumptions": "the Assumptions panel, a tab behind the claims",
    "briefing.ui.alternatives": "the Alternatives panel, a tab behind the claims",
    "briefing.ach": "the matrix of the Alternatives panel",
    "briefing.ui.export_dialog": "File → Export and Import",
    "briefing.output": "writing files (exports, screenshots); with it secrets and hashlib",
}

FIRST_PAINT = """
import os, sys
from briefing.ui.app import application, start_window
application()
window = start_window(sys.argv[1])
window.timeline.plot.viewport().repaint()
window.repaint()
print(",".join(sorted(set(sys.argv[2].split(",")) & set(sys.modules))))
sys.stdout.flush()
os._exit(0)
"""


def test_start_up_imports_nothing_the_first_window_does_not_use(tmp_path: Path) -> None:
    from tests.test_loader import BUNDLED

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_SETTINGS_DIR": str(tmp_path)}
    names = ",".join(NOT_AT_START)
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(BUNDLED), names],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    imported = [name for name in out.stdout.strip().split(",") if name]
    assert imported == [], {name: NOT_AT_START[name] for name in imported}


def test_a_tab_behind_the_claims_gets_its_panel_when_chosen_caught_up(window, qtbot) -> None:
    dock = window.sources_dock
    assert window.is_behind_tab(dock)
    assert dock.widget().objectName() != "sourcesPanel"  # not made for the first window
    with qtbot.waitSignal(window.document.filterChanged):
        window.filter_bar.grades.actions_by_key()["D"].trigger()
    with qtbot.waitSignal(window.document.selectionChanged):
        window.document.select(ItemKind.CLAIM, "c-troops")
    dock.raise_()
    qtbot.waitUntil(lambda: dock.widget().objectName() == "sourcesPanel")
    panel = dock.widget()
    qtbot.waitUntil(panel.isVisible)
    assert window.document.filter.grades == {Reliability.D}
    assert panel.shown_source_ids() == ["tass"]  # the filter set before it was made
    assert panel.highlighted_ids() == {"tass"}  # and the selection
    assert window.sources is panel


def test_every_panel_is_there_by_its_view_action(window, qtbot) -> None:
    for dock, name in (
        (window.assumptions_dock, "assumptionsPanel"),
        (window.alternatives_dock, "alternativesPanel"),
        (window.sources_dock, "sourcesPanel"),
    ):
        dock.toggleViewAction().trigger()  # Ctrl+7, 8, 9: behind a tab, so to the front
        assert dock.widget().objectName() == name
        qtbot.waitUntil(lambda dock=dock: not dock.visibleRegion().isEmpty())
        assert dock.widget().isVisible()


COLLECTIONS_TO_FIRST_PAINT = """
import gc, os, sys
passes = []
gc.callbacks.append(lambda phase, info: phase == "start" and passes.append(info["generation"]))
from briefing.ui.app import application, start_window
application()
window = start_window(sys.argv[1])
window.timeline.plot.viewport().repaint()
window.repaint()
print(len(passes), max(passes, default=0), gc.isenabled())
sys.stdout.flush()
os._exit(0)
"""


def test_start_up_leaves_the_garbage_collector_paused_until_the_window_is_up(tmp_path) -> None:
    # Start-up makes modules, classes and widgets that live as long as the window; the
    # collector's passes over them (158, three of them walking the older generations) were
    # 10-20 % of the CPU time to the first paint. Only the loader's import runs with it now.
    from tests.test_loader import BUNDLED

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_SETTINGS_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", COLLECTIONS_TO_FIRST_PAINT, str(BUNDLED)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    passes, oldest, enabled = out.stdout.split()
    assert int(passes) < 60, out.stdout
    assert oldest != "2", out.stdout  # no pass over every object of the process
    assert enabled == "True"  # and collecting again once the window is up


def test_the_window_builds_no_pyqtgraph_view_menu_it_would_throw_away(qtbot, monkeypatch):
    # The panels use their own item menus; pyqtgraph's menu of range and axis controls took
    # 20-35 ms a plot to build, and the timeline dropped it at once.
    import pyqtgraph  # noqa: F401  (the module below is its ViewBox's)

    view_box = sys.modules["pyqtgraph.graphicsItems.ViewBox.ViewBox"]
    built: list[object] = []
    menu = view_box.ViewBoxMenu
    monkeypatch.setattr(view_box, "ViewBoxMenu", lambda view: built.append(view) or menu(view))
    window = app.MainWindow(restore=False)
    qtbot.addWidget(window)
    assert built == []
    assert not window.timeline.plot.getPlotItem().menuEnabled()
