"""The context menu of an event, force figure or claim, and copying one to the clipboard.

One menu for every panel: Copy, Copy with citation, Show sources (each source the item cites;
choosing one filters the window to what cites it) and Filter to this. A panel asks for it in
two lines, with the item under the mouse:

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos: show_item_menu(...))

The words come from briefing/citing.py; the clipboard gets text/plain and text/html.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from briefing.citing import cited, item_sources, item_text
from briefing.links import ItemKind
from briefing.ui.document import Document
from briefing.ui.filter_bar import FilterBar
from briefing.words import short_citation


def copy_item(document: Document, kind: ItemKind | str, item_id: str, with_citation: bool) -> bool:
    """Put the item on the clipboard, with its numbered citations when asked: plain text and
    HTML a word processor pastes with the notes. False when there is nothing to copy."""
    briefing = document.briefing
    if briefing is None:
        return False
    mime = QMimeData()
    if with_citation:
        text = cited(briefing, kind, item_id)
        if not text.plain.strip():
            return False
        mime.setText(text.plain)
        mime.setHtml(text.html)
    else:
        plain = item_text(briefing, kind, item_id)
        if not plain:
            return False
        mime.setText(plain)
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return False
    clipboard.setMimeData(mime)
    app = QCoreApplication.instance()
    if app is not None and not app.property(_HANDED_OVER):
        app.setProperty(_HANDED_OVER, True)
        app.aboutToQuit.connect(keep_text_only)
    return True


_HANDED_OVER = "briefingClipboardHandedOver"


def keep_text_only() -> None:
    """Put the clipboard's text back as Qt's own data before the application ends.

    PySide6 6.11 crashed at exit (SIGSEGV) when a QMimeData made in Python was still on the
    clipboard; text set by Qt itself is safe, and a clipboard manager still gets the words.
    """
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None and clipboard.mimeData() is not None:
        clipboard.setText(clipboard.text())


def copy_selection(document: Document, with_citation: bool = True) -> bool:
    """Copy the item selected in the document (Edit → Copy); False when none is."""
    selection = document.selection
    if selection is None:
        return False
    return copy_item(document, selection.kind, selection.id, with_citation)


def _filter_bar(widget: QWidget) -> FilterBar | None:
    return widget.window().findChild(FilterBar)


def filter_to_item(widget: QWidget, document: Document, item_id: str) -> None:
    """Search for the item's id: the item and what links to it stay, in every panel."""
    bar = _filter_bar(widget)
    if bar is not None:  # through the bar, so the search field shows what filters
        bar.search.setText(item_id)
        bar.apply()
    else:
        document.set_filter(replace(document.filter, text=item_id))


def filter_to_source(widget: QWidget, document: Document, source_id: str) -> None:
    """Keep only what cites this source, in every panel."""
    bar = _filter_bar(widget)
    if bar is not None:
        for key, action in bar.sources.actions_by_key().items():
            action.setChecked(key == source_id)
        bar.apply()
    else:
        document.set_filter(replace(document.filter, sources=frozenset({source_id})))


def item_menu(parent: QWidget, document: Document, kind: ItemKind | str, item_id: str) -> QMenu:
    """The menu for one item; its actions have object names the tests find them by."""
    kind = ItemKind(kind)
    menu = QMenu(parent)
    menu.setObjectName("itemMenu")
    briefing = document.briefing

    def add(text: str, name: str, slot, shortcut: QKeySequence | None = None) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)  # shown in the menu; the window's action has the key
        action.triggered.connect(slot)
        return action

    add(
        "Copy with &citation",
        "copyWithCitationItemAction",
        lambda: copy_item(document, kind, item_id, True),
        QKeySequence(QKeySequence.StandardKey.Copy),
    )
    add(
        "&Copy",
        "copyItemAction",
        lambda: copy_item(document, kind, item_id, False),
        QKeySequence("Ctrl+Shift+C"),
    )
    sources = menu.addMenu("Show &sources")
    sources.setObjectName("itemSourcesMenu")
    cited_ids = item_sources(briefing, kind, item_id) if briefing is not None else ()
    for source_id in cited_ids:
        source = briefing.sources_by_id.get(source_id) if briefing is not None else None
        if source is None:
            continue
        # "&" in an outlet's name is a letter, not a mnemonic.
        entry = sources.addAction(f"Only what cites {short_citation(source)}".replace("&", "&&"))
        entry.setObjectName(f"itemSource:{source_id}")
        entry.setData(source_id)
        entry.triggered.connect(
            lambda _checked=False, s=source_id: filter_to_source(parent, document, s)
        )
    if sources.isEmpty():
        sources.addAction("No sources cited").setEnabled(False)
    menu.addSeparator()
    add("&Filter to this", "filterToItemAction", lambda: filter_to_item(parent, document, item_id))
    return menu


def show_item_menu(
    parent: QWidget, document: Document, kind: ItemKind | str, item_id: str | None, at: QPoint
) -> QMenu | None:
    """Select the item and open its menu at `at` (widget coordinates of `parent`); nothing
    when no item is there. Returns the menu (open, not blocking) for tests."""
    if not item_id or document.briefing is None:
        return None
    document.select(kind, item_id)
    menu = item_menu(parent, document, kind, item_id)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per right-click
    menu.popup(parent.mapToGlobal(at))
    return menu
