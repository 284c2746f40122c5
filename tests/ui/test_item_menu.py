"""Copy and context menus: a claim goes to the clipboard with its citations, as text and HTML;
every event, figure and claim has the same menu."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from briefing.citing import cited
from briefing.links import ItemKind
from briefing.ui.claims import ClaimIdRole
from briefing.ui.item_menu import copy_item, keep_text_only
from briefing.ui.timeline import to_x

TROOPS_PLAIN = "Russia deployed about 1,960 troops. [1]\n\n[1] TASS, 10 Nov 2020 [D]"


def _claim_index(window, claim_id: str):
    proxy = window.claims.proxy
    row = next(
        r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ClaimIdRole) == claim_id
    )
    return proxy.index(row, 0)


def _open_menu(widget, pos) -> QMenu:
    widget.customContextMenuRequested.emit(pos)
    menu = widget.viewport().findChild(QMenu, "itemMenu") if hasattr(widget, "viewport") else None
    assert menu is not None
    return menu


def _action(menu: QMenu, name: str):
    return next(a for a in menu.findChildren(type(menu.menuAction())) if a.objectName() == name)


def test_ctrl_c_on_a_claim_copies_text_and_citations_as_text_and_html(window, qtbot):
    view = window.claims.view
    view.setFocus()
    with qtbot.waitSignal(window.document.selectionChanged):
        view.setCurrentIndex(_claim_index(window, "c-troops"))
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == TROOPS_PLAIN
    assert "<p>Russia deployed about 1,960 troops.<sup>1</sup></p>" in mime.html()
    assert "<ol><li>TASS, 10 Nov 2020 [D]</li></ol>" in mime.html()
    assert window.findChild(type(window.copy_action), "copyAction").shortcut().toString() == (
        "Ctrl+C"
    )


def test_briefing_text_is_escaped_in_the_html(briefings, tmp_path):
    from briefing.loader import load_path

    data = briefings.data()
    data["claims"][0]["text"] = "<b>Bold</b> & <script>x</script>"
    data["sources"][2]["outlet"] = "R&D <Monitor>"
    path = briefings.write(tmp_path / "x.yaml", claims=data["claims"], sources=data["sources"])
    text = cited(load_path(path).briefing, ItemKind.CLAIM, "c-mou")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in text.html
    assert "<li>R&amp;D &lt;Monitor&gt;" in text.html
    assert "<script>" not in text.html and "<b>Bold" not in text.html
    assert text.plain.startswith("<b>Bold</b> & <script>x</script> [1]")


def test_unsourced_claim_says_so_when_copied(window):
    text = cited(window.document.briefing, ItemKind.CLAIM, "c-open")
    assert (
        text.plain
        == "A statement nobody has sourced yet. (forecast, roughly even chance) [unsourced]"
    )


def test_claim_context_menu_copies_and_filters(window, qtbot):
    view = window.claims.view
    pos = view.visualRect(_claim_index(window, "c-f16")).center()
    menu = _open_menu(view, pos)
    assert window.document.selection.id == "c-f16"  # the menu's item is the selected one
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names == ["copyWithCitationItemAction", "copyItemAction", "filterToItemAction"]
    _action(menu, "copyItemAction").trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "Turkish F-16s stayed in Azerbaijan. (assessment, likely)"
    assert not mime.hasHtml()
    sources = menu.findChild(QMenu, "itemSourcesMenu")
    assert [a.text() for a in sources.actions()] == [
        "Only what cites Anadolu Agency, 22 Nov 2020 [B]"
    ]
    menu.close()
    menu = _open_menu(view, view.visualRect(_claim_index(window, "c-f16")).center())
    with qtbot.waitSignal(window.document.filterChanged):
        _action(menu, "filterToItemAction").trigger()
    assert window.filter_bar.search.text() == "c-f16"
    assert window.claims.shown_claim_ids() == ["c-f16"]


def test_event_context_menu_shows_its_sources_and_filters_to_one(window, qtbot):
    timeline = window.timeline
    event = window.document.briefing.events_by_id["e-deploy"]
    lane = [lane.key for lane in timeline.marks.lanes].index("ru")
    scene = timeline.view.mapViewToScene(QPointF(to_x(event.date.start) + 0.5, lane))
    menu = _open_menu(timeline.plot, timeline.plot.mapFromScene(scene))
    assert window.document.selection.id == "e-deploy"
    sources = menu.findChild(QMenu, "itemSourcesMenu")
    (only_tass,) = sources.actions()
    with qtbot.waitSignal(window.document.filterChanged):
        only_tass.trigger()
    assert window.document.filter.sources == {"tass"}
    assert window.filter_bar.sources.checked() == {"tass"}
    assert window.claims.shown_claim_ids() == ["c-troops"]
    _action(menu, "copyWithCitationItemAction").trigger()
    assert QGuiApplication.clipboard().text() == (
        "10 Nov 2020: Russian troops deploy [1]\n\n[1] TASS, 10 Nov 2020 [D]"
    )


def test_figure_context_menu_copies_the_figure(window, qtbot):
    forces = window.forces
    qtbot.waitUntil(lambda: bool(forces._plots))
    plot, bars = next((p, b) for p, b in forces._plots if any(x.force.id == "f-tr-f16" for x in b))
    bar = next(x for x in bars if x.force.id == "f-tr-f16")
    view = plot.getViewBox()
    scene = view.mapViewToScene(QPointF(0, bar.row + 0.5))
    pos = forces.graphics.mapFromScene(scene)
    menu = _open_menu(forces.graphics, pos)
    assert window.document.selection.id == "f-tr-f16"
    _action(menu, "copyWithCitationItemAction").trigger()
    assert (
        QGuiApplication.clipboard()
        .text()
        .startswith("Turkey: aircraft, at least 4 (as of 26 Oct 2020) [1]")
    )


def test_no_menu_where_there_is_no_item(window):
    view = window.claims.view
    view.customContextMenuRequested.emit(view.viewport().rect().bottomRight())
    assert view.viewport().findChild(QMenu, "itemMenu") is None


def test_before_quitting_the_clipboard_keeps_the_words_as_qt_text(window):
    assert copy_item(window.document, ItemKind.CLAIM, "c-troops", with_citation=True)
    assert QGuiApplication.clipboard().mimeData().hasHtml()
    keep_text_only()  # what aboutToQuit runs
    assert QGuiApplication.clipboard().text() == TROOPS_PLAIN
    assert not QGuiApplication.clipboard().mimeData().hasHtml()
