"""Start-up: a small briefing is in the window at its first paint; a big or missing one is not
loaded on the UI thread before the window shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.links import ItemKind
from briefing.loader import LoadResult, load_path
from briefing.loading import ForkedLoad
from briefing.model import Reliability
from briefing.ui import app, document, load_runner
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
    # PyYAML's emitter, at module level: Import's drafts and `briefing migrate`.
    "briefing.writer": "writing YAML, for File → Import",
    "briefing.migrate": "`briefing migrate`",
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


def test_a_briefing_without_findings_reaches_its_first_paint_without_pyyaml(
    tmp_path: Path, briefings
) -> None:
    # PyYAML (~20-30 ms to import) is the loader's exact path, for the positions of findings:
    # nothing in the window may import it for a clean file. (The bundled briefing has six
    # warnings, so its start-up does import it, for their line numbers.)
    data = briefings.data()
    for claim in data["claims"]:
        claim.setdefault("sources", ["tass"])  # no unsourced claim: no finding at all
    path = briefings.write(tmp_path / "clean.yaml", briefings.yaml(**data))
    assert load_path(str(path)).problems == ()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_SETTINGS_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(path), "yaml,briefing.writer,briefing.migrate"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert out.stdout.strip() == ""


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


# `briefing open FILE` forks a load of a big FILE before Qt (briefing.loading.ForkedLoad).
needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="no fork here"
)


def _shown(window) -> tuple:
    document = window.document
    return document.briefing, document.problems, window.windowTitle(), window.banner.text()


@needs_fork
@pytest.mark.parametrize("big", [False, True], ids=["loaded-before-paint", "loaded-after"])
def test_a_forked_load_gives_the_same_window(qtbot, tmp_path, briefings, monkeypatch, big):
    path = briefings.write(tmp_path / "b.yaml", briefings.yaml(**briefings.tradecraft_data()))
    if big:
        monkeypatch.setattr(app, "SYNC_OPEN_BYTES", 10)  # loaded off the UI thread
    read: list[str] = []  # the files the window read itself

    def reading(name: str) -> LoadResult:
        read.append(name)
        return load_path(name)

    monkeypatch.setattr(document, "load_path", reading)
    monkeypatch.setattr(load_runner, "load_path", reading)
    windows = []
    for forked in (None, ForkedLoad.start(str(path), from_bytes=0)):
        window = start_window(str(path), forked)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda w=window: w.document.briefing is not None, timeout=10_000)
        qtbot.waitUntil(lambda w=window: not w.document.is_loading, timeout=10_000)
        window.watcher.stop()
        windows.append(window)
    assert read == [str(path.absolute())]  # once, by the window without a forked load
    without, with_fork = map(_shown, windows)
    assert with_fork == without
    assert with_fork[0].claims_by_id.keys() == without[0].claims_by_id.keys()


@needs_fork
def test_a_broken_file_forked_shows_the_same_positioned_error(qtbot, tmp_path, briefings):
    path = briefings.write(tmp_path / "broken.yaml", briefings.broken)
    window = start_window(str(path), ForkedLoad.start(str(path), from_bytes=0))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.document.errors), timeout=10_000)
    window.watcher.stop()
    assert f"{path.absolute()}:6:1: error: " in window.banner.text()
    assert window.document.problems == load_path(str(path.absolute())).problems


@needs_fork
def test_after_a_forked_open_the_window_still_follows_the_file(qtbot, tmp_path, briefings):
    path = briefings.write(tmp_path / "b.yaml")
    window = start_window(str(path), ForkedLoad.start(str(path), from_bytes=0))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.document.briefing is not None, timeout=10_000)
    with qtbot.waitSignal(window.document.loadFinished, timeout=10_000):
        briefings.write(path, title="Saved again")
    assert window.document.briefing.title == "Saved again"
    window.watcher.stop()


@needs_fork
def test_a_forked_screenshot_is_the_same_picture(tmp_path, briefings, qapp):
    path = briefings.write(tmp_path / "b.yaml", briefings.yaml(**briefings.chart_data()))
    plain, forked = tmp_path / "plain.png", tmp_path / "forked.png"
    assert app._screenshot(str(path), str(plain), (900, 600)) == 0
    fork = ForkedLoad.start(str(path), from_bytes=0)
    assert fork is not None
    assert app._screenshot(str(path), str(forked), (900, 600), forked=fork) == 0
    assert forked.read_bytes() == plain.read_bytes()
    assert fork.result(str(path.absolute())) is None  # taken by the window


@needs_fork
@pytest.mark.parametrize("spare", [True, False])
def test_briefing_open_forks_a_big_file_only_with_a_core_to_spare(
    tmp_path, briefings, monkeypatch, spare
):
    from briefing import cli, loading

    path = briefings.write(tmp_path / "b.yaml")
    monkeypatch.setattr(loading, "PROCESS_FROM_BYTES", 0)
    monkeypatch.setattr(loading, "core_to_spare", lambda: spare)
    handed: list[ForkedLoad | None] = []

    def run(_path: str, **options: object) -> int:
        handed.append(options["forked"])  # type: ignore[arg-type]
        return 0

    monkeypatch.setattr(app, "run", run)
    assert cli.open_command(str(path), None, (800, 600), None) == 0
    (forked,) = handed
    assert (forked is not None) == spare
    if forked is not None:  # not taken by a window: stopped and reaped on the way out
        assert forked._pid is None and forked.result(str(path.absolute())) is None
