"""Sources are first-class: a sortable panel, selection that lights what cites a source on every
panel and fits the timeline to it, a grade filter, and a Sources menu by outlet."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.links import ItemKind
from briefing.model import Reliability
from briefing.ui.sources import (
    CITED,
    COLUMNS,
    DATE,
    GRADE,
    MIN_OUTLET,
    OUTLET,
    SourceIdRole,
)


def _sorted_ids(panel, column: int, order=Qt.SortOrder.AscendingOrder) -> list[str]:
    panel.view.sortByColumn(column, order)
    return panel.shown_source_ids()


def test_the_panel_lists_each_source_with_grade_kind_date_and_times_cited(window) -> None:
    panel = window.sources
    assert window.sources_dock.objectName() == "sourcesDock"
    toggle = window.sources_dock.toggleViewAction()
    assert toggle.objectName() == "sourcesDockToggle" and toggle.shortcut().toString() == "Ctrl+7"
    assert panel.shown_source_ids() == ["aa", "tass", "edm"]
    assert panel.cell("tass", GRADE) == "D"
    assert panel.cell("aa", DATE) == "22 Nov 2020"
    # edm: cited by e-mou, e-iraq, f-tr-troops, c-mou.
    assert panel.cell("edm", CITED) == "4"
    assert _sorted_ids(panel, CITED, Qt.SortOrder.DescendingOrder)[0] == "edm"
    assert _sorted_ids(panel, DATE) == ["tass", "aa", "edm"]  # undated last
    assert _sorted_ids(panel, OUTLET) == ["aa", "edm", "tass"]


def test_selecting_a_source_highlights_what_cites_it_everywhere_and_fits_the_timeline(
    window, qtbot
) -> None:
    window.timeline.show_dates(*_days(window, "e-parade"))  # e-mou, e-iraq off screen
    panel = window.sources
    row = panel.shown_source_ids().index("edm")
    with qtbot.waitSignal(window.document.selectionChanged):
        panel.view.setCurrentIndex(panel.proxy.index(row, 0))
    assert window.document.selection.kind is ItemKind.SOURCE
    assert window.timeline.highlighted_ids() == {"e-mou", "e-iraq"}
    assert window.forces.highlighted_ids() == {"f-tr-troops"}
    assert window.claims.selected_claim_ids() == {"c-mou"}
    assert panel.highlighted_ids() == {"edm"}
    assert "Eurasia Daily Monitor" in window.details.text()
    assert "Operations in northern Iraq" in window.details.text()
    x0, x1 = window.timeline.x_range()
    briefing = window.document.briefing
    for event_id in ("e-mou", "e-iraq"):
        date = briefing.events_by_id[event_id].date
        # Positions on the axis as shown (long empty stretches shortened).
        start, end = window.timeline.place(date.start), window.timeline.place(date.end, end=True)
        assert x0 <= start and end <= x1, f"{event_id} is off screen"


def _days(window, event_id: str):
    date = window.document.briefing.events_by_id[event_id].date
    return date.start, date.end


def test_selecting_a_claim_selects_its_sources_in_the_panel(window, qtbot) -> None:
    with qtbot.waitSignal(window.document.selectionChanged):
        window.document.select(ItemKind.CLAIM, "c-troops")
    assert window.sources.highlighted_ids() == {"tass"}


def test_the_grade_filter_narrows_every_panel_and_the_sources_panel(window, qtbot) -> None:
    bar = window.filter_bar
    assert bar.grades.actions_by_key()["A"].text() == "A: completely reliable"
    with qtbot.waitSignal(window.document.filterChanged):
        bar.grades.actions_by_key()["D"].trigger()
    assert window.document.filter.grades == {Reliability.D}
    assert bar.grades.text() == "Grades: D"
    assert window.sources.shown_source_ids() == ["tass"]
    assert window.claims.shown_claim_ids() == ["c-troops"]
    assert window.timeline.shown_event_ids() == {"e-deploy"}
    assert window.forces.shown_figure_ids() == {"f-ru-troops"}


def test_the_sources_menu_is_by_outlet_and_its_button_names_the_choice(
    open_window, qtbot, briefings, tmp_path
) -> None:
    data = briefings.data()
    data["sources"].append(
        {
            "id": "trt",
            "outlet": "TRT Haber",
            "date": "2020-10-01",
            "kind": "press",
            "reliability": "C",
        }
    )
    window = open_window(briefings.write(tmp_path / "trt.yaml", sources=data["sources"]))
    button = window.filter_bar.sources
    actions = button.actions_by_key()
    assert list(actions) == ["aa", "edm", "tass", "trt"]
    assert actions["trt"].text() == "TRT Haber, 1 Oct 2020 [C]"
    assert button.text() == "Sources: all"
    with qtbot.waitSignal(window.document.filterChanged):
        actions["trt"].trigger()
    assert button.text() == "Sources: TRT Haber"
    with qtbot.waitSignal(window.document.filterChanged):
        actions["tass"].trigger()
    assert button.text() == "Sources: 2 of 4"


def test_source_rows_hold_their_ids_and_briefing_text_stays_plain(window) -> None:
    index = window.sources.proxy.index(0, OUTLET)
    assert index.data(SourceIdRole) == "aa"
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("<p><b>Anadolu Agency</b>")


def test_a_narrow_sources_panel_never_scrolls_sideways(window, qtbot) -> None:
    window.sources_dock.setFloating(True)
    window.sources_dock.show()
    window.sources_dock.resize(330, 400)
    view = window.sources.view
    qtbot.waitUntil(lambda: view.viewport().width() < 330)
    window.sources._fit_columns()
    # The view sets its scroll range in a later turn (a panel made when first shown, as this
    # one, still has that turn to come).
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    assert not view.isColumnHidden(OUTLET) and not view.isColumnHidden(GRADE)
    assert not view.isColumnHidden(CITED)
    window.sources_dock.resize(700, 400)
    qtbot.waitUntil(lambda: not view.isColumnHidden(DATE))


def test_a_long_or_marked_up_outlet_on_the_sources_button_stays_short_and_plain(
    open_window, qtbot, briefings, tmp_path
) -> None:
    data = briefings.data()
    outlet = "<b>R&D</b> " + "Very Long Outlet Name " * 20
    data["sources"].append({"id": "long", "outlet": outlet, "kind": "press", "reliability": "C"})
    window = open_window(briefings.write(tmp_path / "long.yaml", sources=data["sources"]))
    button = window.filter_bar.sources
    with qtbot.waitSignal(window.document.filterChanged):
        button.actions_by_key()["long"].trigger()
    assert button.text() == "Sources: <b>R&&D</b> Very Long Outlet…"
    assert "&lt;b&gt;R&amp;D&lt;/b&gt;" in button.toolTip()


def test_a_sources_tab_behind_another_is_measured_when_its_tab_is_chosen(
    window, qtbot, monkeypatch
) -> None:
    """Measuring every source's columns took up to 2 s of the UI thread while a big briefing
    loaded, for a tab nobody saw; it waits until the tab is chosen, then fits its place."""
    view = window.sources.view
    assert window.sources_dock.visibleRegion().isEmpty()  # behind Details by default
    measured: list[int] = []
    resize = view.resizeColumnToContents
    monkeypatch.setattr(
        view, "resizeColumnToContents", lambda column: (measured.append(column), resize(column))
    )
    window.document.open_now(window.document.path)  # every panel refreshed before it returns
    assert window.sources.model.rowCount() == 3 and measured == []
    window.sources_dock.raise_()
    qtbot.waitUntil(lambda: bool(measured))
    assert not window.sources_dock.visibleRegion().isEmpty()
    widths = [0 if view.isColumnHidden(c) else view.columnWidth(c) for c in range(len(COLUMNS))]
    assert widths[OUTLET] >= MIN_OUTLET and sum(widths) >= view.viewport().width()
