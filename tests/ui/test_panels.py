"""The three panels exist, are named, and draw what the briefing says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from briefing.ui.claims import KIND, SOURCES, TEXT, BadgeColourRole, ClaimIdRole
from briefing.ui.colours import WARNING


def test_panels_exist_by_object_name(window) -> None:
    for name in ("timelinePanel", "forceChart", "claimsPane", "detailsPanel"):
        panel = window.findChild(QWidget, name)
        assert panel is not None, name
        assert panel.isVisible(), name
        assert panel.accessibleName(), name


def test_timeline_draws_fuzzy_dates_as_spans_and_days_as_points(window) -> None:
    marks = window.timeline.marks.marks
    by_id = {marks.ids[int(e)]: i for i, e in enumerate(marks.event)}
    decade = by_id["e-iraq"]
    assert not marks.exact[decade]
    day = window.timeline.shortened.day  # x is on the axis as shown, long gaps shortened
    assert day(marks.x1[decade]) - day(marks.x0[decade]) == 3652  # 1990-01-01 to 1999-12-31
    day = by_id["e-deploy"]
    assert marks.exact[day]
    week = by_id["e-parade"]
    assert not marks.exact[week] and marks.x1[week] - marks.x0[week] == 7


def test_timeline_has_one_lane_per_side(window) -> None:
    assert [lane.name for lane in window.timeline.marks.lanes] == ["Turkey", "Russia"]
    assert window.timeline.shown_event_ids() == {"e-mou", "e-iraq", "e-deploy", "e-parade"}


def test_timeline_tooltip_has_written_date_and_sources(window) -> None:
    tip = window.timeline.tooltip_for("e-parade")
    assert "last week" in tip
    assert "Anadolu Agency, 22 Nov 2020 [B]" in tip


def test_timeline_zooms_and_pans_with_keys(window, qtbot) -> None:
    plot = window.timeline.plot
    x0, x1 = window.timeline.x_range()
    qtbot.keyClick(plot, Qt.Key.Key_Plus)
    z0, z1 = window.timeline.x_range()
    assert z1 - z0 < (x1 - x0) * 0.75
    qtbot.keyClick(plot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    p0, _ = window.timeline.x_range()
    assert p0 > z0
    qtbot.keyClick(plot, Qt.Key.Key_Home)
    h0, h1 = window.timeline.x_range()
    marks = window.timeline.marks.marks
    assert h0 <= marks.x0.min() and marks.x1.max() <= h1  # the whole extent, back to the 1990s


def test_force_chart_shows_qualifiers_and_unknown_is_not_zero(window) -> None:
    labels = window.forces.bar_labels()
    assert labels["f-ru-troops"] == "about 1,960 · 14 Nov 2020"
    assert labels["f-tr-f16"].startswith("at least 4")
    assert labels["f-tr-troops"].startswith("unknown")
    bars = {bar.force.id: bar for _, bars in window.forces._plots for bar in bars}
    assert bars["f-tr-troops"].length == 0  # a "?" at zero (drawing.marks), never a bar
    # One chart per category, so 4 aircraft stay readable next to 1,960 troops.
    assert window.forces.category_titles() == ["troops", "aircraft"]


def test_force_tooltip_names_the_source(window) -> None:
    assert "TASS, 10 Nov 2020 [D]" in window.forces.tooltip_for("f-ru-troops")


def test_claims_show_citations_and_unsourced_stands_out(window) -> None:
    proxy = window.claims.proxy
    rows = {proxy.index(r, 0).data(ClaimIdRole): r for r in range(proxy.rowCount())}
    assert len(rows) == 4
    sourced = proxy.index(rows["c-f16"], SOURCES)
    assert sourced.data() == "Anadolu Agency [B]"  # shortened: date and title in the tooltip
    assert "Anadolu Agency, 22 Nov 2020 [B]" in sourced.data(Qt.ItemDataRole.ToolTipRole)
    unsourced = proxy.index(rows["c-open"], SOURCES)
    assert unsourced.data() == "UNSOURCED"
    assert unsourced.data(BadgeColourRole).name() == WARNING
    kind = proxy.index(rows["c-f16"], KIND).data()
    assert kind.startswith("assessment") and "likely (55–80 %)" in kind
    assert proxy.index(rows["c-mou"], TEXT).data() == "The ministers signed a memorandum."


def test_force_axis_labels_follow_the_theme(window) -> None:
    from briefing.ui.theme import Theme

    window.set_theme(Theme.LIGHT)
    window.set_theme(Theme.DARK)
    text = window.forces.text
    assert text.lightness() > 128  # light text on the dark theme
    assert window.forces.axis_text_colours()
    assert all(colour == text for colour in window.forces.axis_text_colours())
