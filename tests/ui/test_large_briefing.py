"""Big briefings: the claims pane filters by precomputed rows, and a few thousand events load."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel

from bench.generate import generate
from briefing.filters import Filter
from briefing.links import ItemKind
from briefing.model import ClaimKind
from briefing.ui.claims import ClaimIdRole
from briefing.ui.main_window import MainWindow


def test_claims_filter_rows_come_from_the_shown_ids_not_a_per_row_callback(window, qtbot):
    claims = window.claims
    # No Python filterAcceptsRow: Qt would call it once per claim on every reset.
    assert type(claims.proxy).filterAcceptsRow is QSortFilterProxyModel.filterAcceptsRow
    every = [c.id for c in window.document.briefing.claims]
    assert claims.shown_claim_ids() == every
    with qtbot.waitSignal(window.document.filterChanged):
        window.document.set_filter(Filter(kinds=frozenset({ClaimKind.FACT})))
    shown = window.document.visible.claims
    assert shown and len(shown) < len(every)
    assert claims.shown_claim_ids() == [c for c in every if c in shown]  # briefing order
    assert claims.model.rowCount() == claims.proxy.rowCount() == len(shown)
    for claim_id in every:
        row = claims.model.row_of(claim_id)
        if claim_id in shown:
            assert claims.model.index(row, 0).data(ClaimIdRole) == claim_id
            assert claims.model.claim(row).id == claim_id
        else:
            assert row is None
    with qtbot.waitSignal(window.document.filterChanged):
        window.document.set_filter(Filter())
    assert claims.shown_claim_ids() == every


def test_selection_survives_a_filter_change(window, qtbot):
    window.document.select(ItemKind.CLAIM, "c-troops")
    assert window.claims.selected_claim_ids() == {"c-troops"}
    with qtbot.waitSignal(window.document.filterChanged):
        window.document.set_filter(Filter(sides=frozenset({"ru"})))
    assert window.claims.selected_claim_ids() == {"c-troops"}


def test_a_briefing_of_a_few_thousand_events_loads_and_works(qtbot, tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_text(generate(3000), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    with qtbot.waitSignal(window.document.loadFinished, timeout=60_000):
        window.open_file(path)
    window.watcher.stop()
    briefing = window.document.briefing
    assert briefing is not None and not window.document.errors
    assert len(briefing.events) == 3000
    assert window.claims.row_count() == len(briefing.claims) == 9000
    assert window.timeline.shown_event_ids() == set(briefing.events_by_id)
    assert window.forces.shown_figure_ids() == set(briefing.forces_by_id)
    assert window.forces.bar_labels().keys() == briefing.forces_by_id.keys()
    # Selecting a claim links across panels; the table selects and shows its row.
    claim = next(c for c in briefing.claims[4000:] if c.forces)
    with qtbot.waitSignal(window.document.selectionChanged):
        window.document.select(ItemKind.CLAIM, claim.id)
    assert window.claims.selected_claim_ids() == {claim.id}
    assert window.forces.highlighted_ids() == set(claim.forces)
    # Loading the same file again keeps everything in place.
    with qtbot.waitSignal(window.document.loadFinished, timeout=60_000):
        window.reload_action.trigger()
    assert len(window.document.briefing.claims) == 9000
    assert window.claims.selected_claim_ids() == {claim.id}


def test_a_broken_big_file_keeps_the_last_good_briefing(qtbot, tmp_path: Path):
    from briefing.ui.load_runner import PROCESS_FROM_BYTES, in_process

    path = tmp_path / "big.yaml"
    text = generate(1500)
    assert len(text.encode()) > PROCESS_FROM_BYTES  # loads in a separate process
    path.write_text(text, encoding="utf-8")
    assert in_process(str(path))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.document.loadStarted, timeout=5000):
        window.open_file(path)
    assert window.load_progress.isVisible()
    qtbot.waitUntil(lambda: not window.document.is_loading, timeout=60_000)
    assert not window.load_progress.isVisible()
    window.watcher.stop()
    claims = len(window.document.briefing.claims)
    path.write_text(text + "\nevents: [oops\n", encoding="utf-8")
    with qtbot.waitSignal(window.document.loadFinished, timeout=60_000):
        window.reload_action.trigger()
    assert window.document.errors and window.document.is_stale
    assert window.claims.row_count() == claims
