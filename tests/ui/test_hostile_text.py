"""Text from a briefing is data: markup in it shows literally everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from briefing.links import ItemKind
from briefing.ui.claims import SOURCES, TEXT, ClaimIdRole

BOLD = "<b>bold</b>"
IMAGE = "<img src=x>"


def _hostile(briefings) -> dict:
    data = briefings.data(title=BOLD, summary=IMAGE)
    data["events"][0]["title"] = IMAGE
    data["claims"][0]["text"] = BOLD
    data["sources"][2]["outlet"] = BOLD
    data["forces"][0]["category"] = "<i>troops</i>"
    return data


def test_markup_in_a_briefing_shows_as_plain_text(open_window, tmp_path, briefings):
    import yaml

    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(_hostile(briefings), sort_keys=False), encoding="utf-8")
    window = open_window(path)

    # Claims: the model gives the text as written; the tooltip escapes it.
    proxy = window.claims.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ClaimIdRole) == "c-mou")
    assert proxy.index(row, TEXT).data() == BOLD
    tooltip = proxy.index(row, TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt;" in tooltip and BOLD not in tooltip
    assert proxy.index(row, SOURCES).data().startswith(BOLD)  # the outlet in the citation

    # Timeline: the label is drawn with drawText (never HTML), the tooltip is escaped.
    assert IMAGE in window.timeline.marks.marks.titles
    assert "&lt;img src=x&gt;" in window.timeline.tooltip_for("e-mou")
    assert "<img" not in window.timeline.tooltip_for("e-mou")

    # Force chart: the category title is rich text in pyqtgraph, so it is escaped.
    assert "&lt;i&gt;troops&lt;/i&gt;" in window.forces.category_titles()

    # Details: the summary and the selected items read literally.
    assert IMAGE in window.details.text()
    window.document.select(ItemKind.CLAIM, "c-mou")
    assert BOLD in window.details.text()
    assert "<img" not in window.details.browser.toHtml().replace("&lt;img", "")

    # Window title and every label stay plain text.
    assert BOLD in window.windowTitle()
    for label in window.findChildren(QLabel):
        assert label.textFormat() != Qt.TextFormat.RichText or BOLD not in label.text()
    assert window.status.textFormat() == Qt.TextFormat.PlainText
    assert window.banner.heading.textFormat() == Qt.TextFormat.PlainText


def test_markup_in_an_error_shows_as_plain_text(open_window, tmp_path):
    path = tmp_path / "<b>bad.yaml"
    path.write_text("format: briefing/1\ntitle: [<b>x\n", encoding="utf-8")
    window = open_window(path)
    assert window.banner.heading.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bad.yaml" in window.banner.text()
