"""Property-based: every random valid briefing opens in the window, fills it, and exports.

The briefings come from the loader's own strategy (tests/test_fuzz_loader.py), written out by
the writer; the window must load each with no exception (pytest-qt fails the test on one in a
slot), show exactly its events, figures and claims, and export a PDF that pikepdf opens.
"""

from __future__ import annotations

import itertools

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings

from briefing.export.pdf import export_pdf
from briefing.links import ItemKind
from briefing.model import Briefing
from briefing.ui.main_window import MainWindow
from briefing.writer import dump
from tests.test_fuzz_loader import briefings

QUICK_EXAMPLES = 15
LONG_EXAMPLES = 80


def _settings(examples: int):
    # One window serves every example (a window per example would cost more than the check);
    # the fixtures are function-scoped on purpose, hence the suppressed health check.
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


_names = itertools.count()


def check_window_and_pdf(window: MainWindow, qtbot, folder, briefing: Briefing) -> None:
    number = next(_names)
    path = folder / f"random-{number}.yaml"  # a new file each time: no watcher reload races
    path.write_text(dump(briefing), encoding="utf-8")
    with qtbot.waitSignal(window.document.loadFinished, timeout=10_000):
        window.open_file(path)
    assert window.document.errors == (), [str(p) for p in window.document.errors]
    assert window.document.briefing == briefing
    assert not window.banner_bar.isVisible()
    assert window.claims.row_count() == len(briefing.claims)
    assert window.timeline.shown_event_ids() == {e.id for e in briefing.events}
    assert window.forces.shown_figure_ids() == {f.id for f in briefing.forces}
    assert len(window.forces.category_titles()) == len({f.category for f in briefing.forces})
    for claim in briefing.claims:
        window.document.select(ItemKind.CLAIM, claim.id)
        assert " ".join(claim.text.split()) in window.details.text()
    for event in briefing.events:
        window.document.select(ItemKind.EVENT, event.id)
        assert window.timeline.tooltip_for(event.id)
    out = folder / f"random-{number}.pdf"
    pages = export_pdf(briefing, out)
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == pages >= 1
        assert str(pdf.docinfo["/Title"]) == " ".join(briefing.title.split())


@pytest.fixture
def blank_window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    yield window
    window.watcher.stop()


@_settings(QUICK_EXAMPLES)
@given(briefing=briefings())
def test_random_valid_briefings_open_and_export(blank_window, qtbot, tmp_path, briefing):
    check_window_and_pdf(blank_window, qtbot, tmp_path, briefing)


@pytest.mark.slow
@_settings(LONG_EXAMPLES)
@given(briefing=briefings())
def test_random_valid_briefings_open_and_export_long(blank_window, qtbot, tmp_path, briefing):
    check_window_and_pdf(blank_window, qtbot, tmp_path, briefing)
