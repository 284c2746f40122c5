"""Selection links the panels both ways through the one document."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from briefing.drawing.axis import to_x
from briefing.links import ItemKind
from briefing.ui.claims import ClaimIdRole


def _claim_row(window, claim_id: str) -> int:
    proxy = window.claims.proxy
    return next(
        r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ClaimIdRole) == claim_id
    )


def test_selecting_a_claim_highlights_its_events_and_figures(window, qtbot) -> None:
    view = window.claims.view
    index = window.claims.proxy.index(_claim_row(window, "c-troops"), 0)
    with qtbot.waitSignal(window.document.selectionChanged):
        view.setCurrentIndex(index)
    assert window.timeline.highlighted_ids() == {"e-deploy"}
    assert window.forces.highlighted_ids() == {"f-ru-troops"}
    assert "Russia deployed about 1,960 troops." in window.details.text()
    assert "TASS" in window.details.text()


def test_clicking_a_claim_row_selects_it(window, qtbot) -> None:
    view = window.claims.view
    index = window.claims.proxy.index(_claim_row(window, "c-f16"), 0)
    rect = view.visualRect(index)
    with qtbot.waitSignal(window.document.selectionChanged):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.document.selection.id == "c-f16"
    assert window.forces.highlighted_ids() == {"f-tr-f16"}
    assert window.timeline.highlighted_ids() == set()


def test_clicking_an_event_selects_the_claims_about_it(window, qtbot) -> None:
    timeline = window.timeline
    briefing = window.document.briefing
    event = briefing.events_by_id["e-deploy"]
    lane = [lane.key for lane in timeline.marks.lanes].index("ru")
    scene = timeline.view.mapViewToScene(QPointF(to_x(event.date.start) + 0.5, lane))
    pos = timeline.plot.mapFromScene(scene)
    with qtbot.waitSignal(window.document.selectionChanged):
        qtbot.mouseClick(timeline.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.document.selection.id == "e-deploy"
    assert window.claims.selected_claim_ids() == {"c-troops"}
    assert "Russian troops deploy" in window.details.text()


def test_selecting_a_figure_selects_its_claims(window, qtbot) -> None:
    with qtbot.waitSignal(window.document.selectionChanged):
        window.document.select(ItemKind.FORCE, "f-tr-f16")
    assert window.claims.selected_claim_ids() == {"c-f16"}
    assert window.forces.highlighted_ids() == {"f-tr-f16"}


def test_details_show_every_source_field_with_url_as_text(window, qtbot) -> None:
    window.document.select(ItemKind.EVENT, "e-parade")
    text = window.details.text()
    for expected in (
        "Anadolu Agency",
        "22 Nov 2020",
        "press",
        "B (usually reliable)",
        "https://www.aa.com.tr/",
        "last week",
    ):
        assert expected in text
    html = window.details.browser.toHtml()
    assert 'href="http' not in html, "a URL became a link"
    assert 'href="briefing:source/aa"' in html  # the app's own link to the source
    assert not window.details.browser.openLinks()
