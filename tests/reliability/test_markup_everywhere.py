"""Markup in every briefing field shows literally and loads nothing: widgets, tooltips, PDF.

tests/ui/test_hostile_text.py covers bold/img in the title, summary, an event title, a claim and
an outlet; this adds links (http:, file:), images, Qt rich text and mnemonics in the remaining
fields (event text, source url/note, side and actor names), the filter menus, and the PDF.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import unicodedata

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser

from briefing.links import ItemKind
from tests.conftest import briefing_data


def payload(field: str) -> str:
    """Markup that, if interpreted, would link out, load a file or change the look."""
    return (
        f'<a href="http://example.invalid/{field}">{field}</a>'
        f'<img src="file:///etc/{field}.png"><qt><font color=red>R&D {field}</font></qt>'
    )


FIELDS = ("title", "event", "event-text", "claim", "outlet", "url", "note", "side", "actor")


def hostile_data() -> dict:
    data = briefing_data(title=payload("title"))
    data["events"][0].update(title=payload("event"), text=payload("event-text"), actors=["a1"])
    data["claims"][0]["text"] = payload("claim")
    data["sources"][2].update(outlet=payload("outlet"), url=payload("url"), note=payload("note"))
    data["sides"][0]["name"] = payload("side")
    data["actors"] = [{"id": "a1", "name": payload("actor"), "side": "tr"}]
    return data


@pytest.fixture
def hostile_window(open_window, tmp_path):
    path = tmp_path / "markup.yaml"
    path.write_text(yaml.safe_dump(hostile_data(), sort_keys=False), encoding="utf-8")
    window = open_window(path)
    assert window.document.briefing is not None, window.banner.text()
    return window


def assert_no_live_markup(rich: str) -> None:
    """Escaped HTML from a panel: none of our tags survives as a tag."""
    for tag in ("<a ", "<img", "<qt>", "<font"):
        assert tag not in rich, rich


def test_every_field_reads_literally_in_the_details(hostile_window):
    window = hostile_window
    browser = window.details.browser
    assert not browser.openLinks() and not browser.openExternalLinks()
    window.document.select(ItemKind.EVENT, "e-mou")
    text = window.details.text()
    for field in ("event", "event-text", "side", "actor", "outlet", "url", "note"):
        assert payload(field) in text, field
    window.document.select(ItemKind.CLAIM, "c-mou")
    assert payload("claim") in window.details.text()
    window.document.clear_selection()
    assert payload("title") in window.details.text()
    for browser in window.findChildren(QTextBrowser):
        assert not browser.openLinks() and not browser.openExternalLinks()
        assert_no_live_markup(browser.toHtml())
        # Nothing to load: the document asks for no image or link resource.
        assert "example.invalid" not in browser.document().toHtml().split("<body")[0]


def test_tooltips_escape_every_field(hostile_window):
    window = hostile_window
    briefing = window.document.briefing
    event_tip = window.timeline.tooltip_for("e-mou")
    assert html.escape(payload("event"), quote=True) in event_tip
    assert html.escape(payload("side"), quote=True) in event_tip
    assert_no_live_markup(event_tip)
    for force in briefing.forces:
        assert_no_live_markup(window.forces.tooltip_for(force.id))
    assert html.escape(payload("side"), quote=True) in window.forces.tooltip_for("f-tr-f16")
    proxy = window.claims.proxy
    for row in range(proxy.rowCount()):
        for column in range(proxy.columnCount()):
            tip = proxy.index(row, column).data(Qt.ItemDataRole.ToolTipRole) or ""
            assert_no_live_markup(tip)


def test_labels_titles_and_menus_show_markup_as_text(hostile_window):
    window = hostile_window
    assert payload("title") in window.windowTitle()
    for label in window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or "<" not in label.text(), (
            label.objectName(),
            label.text(),
        )
    # Side and source names in the filter menus: "&" is a letter, not a keyboard mnemonic.
    sides = {a.data(): a for a in window.filter_bar.sides.menu().actions()}
    assert sides["tr"].iconText() == payload("side")
    sources = {a.data(): a for a in window.filter_bar.sources.menu().actions()}
    assert sources["edm"].iconText().startswith(payload("outlet"))
    assert window.forces.category_titles()  # the chart drew with the hostile side name


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")


@needs_poppler
def test_the_pdf_prints_every_field_literally_and_links_nowhere(hostile_window, tmp_path):
    import pikepdf

    from briefing.export.pdf import export_pdf

    out = tmp_path / "markup.pdf"
    export_pdf(hostile_window.document.briefing, out)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Compared without white space: a long line of markup wraps, and the break reads as a space.
    flat = unicodedata.normalize("NFC", "".join(text.split()))
    for field in ("title", "event", "claim", "outlet", "url", "note", "side"):
        assert "".join(payload(field).split()) in flat, field
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                assert action is None or action.get("/S") != "/URI", action
                assert "example.invalid" not in str(annotation)
