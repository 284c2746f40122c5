"""Linking follows through: a figure leads to its events and claims, Details names items as
links that select them, and Back/Forward walk the selections."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence

from briefing.links import ItemKind, Selection
from briefing.ui.details import item_href


def test_a_figure_leads_to_the_events_of_its_claims(window, qtbot) -> None:
    with qtbot.waitSignal(window.document.selectionChanged):
        window.document.select(ItemKind.FORCE, "f-ru-troops")
    assert window.timeline.highlighted_ids() == {"e-deploy"}
    assert window.claims.selected_claim_ids() == {"c-troops"}
    assert window.sources.highlighted_ids() == {"tass"}


def test_ids_in_details_are_links_that_select_the_item(window, qtbot) -> None:
    details = window.details
    window.document.select(ItemKind.CLAIM, "c-troops")
    html = details.browser.toHtml()
    for kind, item_id in (
        (ItemKind.EVENT, "e-deploy"),
        (ItemKind.FORCE, "f-ru-troops"),
        (ItemKind.SOURCE, "tass"),
    ):
        assert f'href="{item_href(kind, item_id)}"' in html
    assert "[e-deploy]" in details.text()
    with qtbot.waitSignal(window.document.selectionChanged):
        details.browser.anchorClicked.emit(QUrl(item_href(ItemKind.EVENT, "e-deploy")))
    assert window.document.selection == Selection(ItemKind.EVENT, "e-deploy")
    assert 'href="briefing:claim/c-troops"' in details.browser.toHtml()


def test_a_link_outside_the_app_is_never_followed(window, qtbot) -> None:
    window.document.select(ItemKind.EVENT, "e-parade")
    before = window.details.browser.toHtml()
    for url in ("https://www.aa.com.tr/", "file:///etc/passwd", "briefing:nothing/x"):
        window.details.browser.anchorClicked.emit(QUrl(url))
    assert window.document.selection == Selection(ItemKind.EVENT, "e-parade")
    assert window.details.browser.toHtml() == before


def test_an_odd_id_goes_through_a_link_unchanged(window) -> None:
    from briefing.ui.details import item_of_href

    odd = "e/1 #?&'\"<x>"
    assert item_of_href(item_href(ItemKind.EVENT, odd)) == Selection(ItemKind.EVENT, odd)


def test_back_and_forward_walk_the_selections(window, qtbot) -> None:
    assert window.back_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Back)
    assert window.forward_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Forward)
    assert not window.back_action.isEnabled()
    document = window.document
    document.select(ItemKind.CLAIM, "c-troops")
    document.select(ItemKind.EVENT, "e-deploy")
    document.select(ItemKind.SOURCE, "tass")
    window.back_action.trigger()
    assert document.selection == Selection(ItemKind.EVENT, "e-deploy")
    assert "Russian troops deploy" in window.details.text()
    window.back_action.trigger()
    assert document.selection == Selection(ItemKind.CLAIM, "c-troops")
    window.back_action.trigger()
    assert document.selection is None and not window.back_action.isEnabled()
    window.forward_action.trigger()
    assert document.selection == Selection(ItemKind.CLAIM, "c-troops")
    document.select(ItemKind.FORCE, "f-tr-f16")  # a new step drops the ones ahead
    assert not window.forward_action.isEnabled()
    window.back_action.trigger()
    assert document.selection == Selection(ItemKind.CLAIM, "c-troops")


def test_back_forward_undo_and_redo_are_in_the_edit_menu(window) -> None:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    names = [a.objectName() for a in edit.actions()]
    for name in ("backAction", "forwardAction", "undoFilterAction", "redoFilterAction"):
        assert name in names
