"""What changed since an earlier version, on every panel: new and changed items marked in the
timeline, the force chart, sources, key judgments, alternatives and indicators (as in claims
and assumptions), removed ones listed in Details, and every mark gone when comparing stops."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextDocument

from briefing.drawing.palette import CHANGE_COLOUR, REMOVED_COLOUR
from briefing.links import ItemKind
from briefing.ui.alternatives import CLAIM
from briefing.ui.sources import OUTLET
from tests.conftest import tradecraft_briefing_data


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _current() -> dict:
    data = tradecraft_briefing_data(as_of="2020-11")
    data["sources"].append(
        {"id": "src-new", "outlet": "Hurriyet", "kind": "press", "reliability": "C"}
    )
    data["forces"].append(
        {"id": "f-new", "side": "tr", "category": "troops", "value": 20, "qualifier": "about"}
    )
    data["key_judgments"].append({"text": "Russia keeps its peacekeepers.", "claims": ["c-troops"]})
    return data


def _earlier() -> dict:
    """The current version less what it added, with what it changed as it was, and with
    what it removed: an event, a figure, a claim, an assumption and a source."""
    old = tradecraft_briefing_data(as_of="2020-11")
    old["events"] = [e for e in old["events"] if e["id"] != "e-parade"]
    next(e for e in old["events"] if e["id"] == "e-deploy")["title"] = "Russian troops move"
    old["events"].append(
        {"id": "e-gone", "date": "2020-11-05", "title": "Talks in Sochi", "sides": ["ru"]}
    )
    next(f for f in old["forces"] if f["id"] == "f-ru-troops")["value"] = 1500
    old["forces"].append(
        {"id": "f-gone", "side": "tr", "category": "troops", "value": 10, "qualifier": "exact"}
    )
    old["claims"] = [c for c in old["claims"] if c["id"] != "c-mou"]
    next(c for c in old["claims"] if c["id"] == "c-f16")["confidence"] = "low"
    old["claims"].append(
        {"id": "c-gone", "text": "Talks failed.", "kind": "fact", "sources": ["aa"]}
    )
    old["assumptions"].append({"id": "a-gone", "text": "Baku pays for it."})
    next(s for s in old["sources"] if s["id"] == "tass")["outlet"] = "TASS agency"
    old["sources"].append(
        {"id": "src-gone", "outlet": "Sputnik", "kind": "press", "reliability": "E"}
    )
    old["key_judgments"][0]["confidence"] = "low"
    next(a for a in old["alternatives"] if a["id"] == "h-partners")["likelihood"] = "likely"
    old["indicators"] = [i for i in old["indicators"] if i["id"] != "i-drill"]
    return old


@pytest.fixture
def window(open_window, tmp_path: Path):
    return open_window(_write(tmp_path / "now.yaml", _current()))


@pytest.fixture
def compared(window, tmp_path: Path, qtbot):
    assert window.compare_with_file(_write(tmp_path / "old.yaml", _earlier()))
    qtbot.waitUntil(lambda: "Removed since" in window.details.text())
    return window


def _change_pixels(image: QImage) -> int:
    """Pixels of the change colour (antialiased edges within a small distance)."""
    want = QColor(CHANGE_COLOUR)
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    bgra = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4
    )
    target = np.array([want.blue(), want.green(), want.red()], dtype=int)
    distance = np.abs(bgra[:, : image.width(), :3].astype(int) - target).sum(axis=2)
    return int(np.count_nonzero(distance < 30))


def _headings(model) -> list:
    across = Qt.Orientation.Horizontal
    return [model.headerData(c, across, 0) for c in range(model.columnCount())]


def _all_text(window) -> str:
    """What every list panel shows, as one text."""
    alternatives = window.alternatives
    headings = [
        str(alternatives.model.headerData(c, Qt.Orientation.Horizontal, 0))
        for c in range(alternatives.model.columnCount())
    ]
    return "\n".join(
        [
            *window.timeline.changed_ids().values(),
            *window.forces.bar_labels().values(),
            *(window.sources.cell(s.id, OUTLET) for s in window.document.briefing.sources),
            *window.judgments.lines(),
            alternatives.hypotheses.toPlainText(),
            *(row[CLAIM] for row in alternatives.rows()),
            *headings,
            *window.assumptions.lines(),
            window.details.text(),
        ]
    )


def test_the_timeline_marks_new_and_changed_events(compared) -> None:
    timeline = compared.timeline
    assert timeline.changed_ids() == {"e-parade": "[new] ", "e-deploy": "[changed] "}
    timeline.fit_all()
    timeline.plot.grab()  # paints: the labels as drawn
    labels = timeline.marks.label_texts
    assert labels["e-parade"].startswith("[new] Drones")
    assert labels["e-deploy"].startswith("[changed] Russian troops")
    assert not labels["e-mou"].startswith("[")
    assert "<b>[new]</b> since old.yaml" in timeline.tooltip_for("e-parade")


def test_the_timeline_frames_changed_events_in_the_change_colour(compared, qtbot) -> None:
    timeline = compared.timeline
    timeline.fit_all()
    marked = _change_pixels(timeline.plot.grab().toImage())
    compared.stop_comparing()
    assert marked > 40
    assert _change_pixels(timeline.plot.grab().toImage()) == 0


def test_the_force_chart_marks_and_frames_new_and_changed_figures(compared) -> None:
    forces = compared.forces
    labels = forces.bar_labels()
    assert labels["f-new"].startswith("[new] ")
    assert labels["f-ru-troops"].startswith("[changed] ")
    assert not labels["f-tr-troops"].startswith("[")
    marked = _change_pixels(forces.graphics.grab().toImage())
    compared.stop_comparing()
    assert marked > 40
    assert _change_pixels(forces.graphics.grab().toImage()) == 0


def test_sources_judgments_and_alternatives_are_marked(compared) -> None:
    sources = compared.sources
    assert sources.cell("src-new", OUTLET) == "[new] Hurriyet"
    assert sources.cell("tass", OUTLET) == "[changed] TASS"
    assert sources.cell("aa", OUTLET) == "Anadolu Agency"
    lines = compared.judgments.lines()
    assert lines[0].startswith("1. [changed: confidence up] Turkey stays in Azerbaijan.")
    assert lines[1].startswith("2. [new] Russia keeps its peacekeepers.")
    text = compared.alternatives.hypotheses.toPlainText()
    assert "H1  Turkey counter-balances Russia." in text  # unchanged: no mark
    assert "H2  [changed: likelihood down] Turkey and Russia share the region." in text
    assert "indicator: [new] A joint exercise in Nakhchivan." in text
    assert "indicator: A base agreement" in text
    matrix = compared.alternatives
    claims = {row[CLAIM] for row in matrix.rows()}
    assert "C1  [new] The ministers signed a memorandum." in claims
    assert "C3  [changed: confidence up] Turkish F-16s stayed in Azerbaijan." in claims
    assert _headings(matrix.model)[2:] == ["H1", "H2"]  # narrow: the mark is in the tooltip
    tip = matrix.model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<p>H2: [changed: likelihood down] Turkey and Russia")


def test_removed_items_are_listed_struck_through_in_details(compared, qtbot) -> None:
    text = compared.details.text()
    assert "Removed since old.yaml (5)" in text
    for line in (
        "[removed] source src-gone: Sputnik",
        "[removed] event e-gone: Talks in Sochi",
        "[removed] force figure f-gone: troops",
        "[removed] claim c-gone: Talks failed.",
        "[removed] assumption a-gone: Baku pays for it.",
    ):
        assert line in text
    assert text.index("Removed since") < text.index("Test briefing")  # the overview: first
    compared.document.select(ItemKind.CLAIM, "c-f16")
    qtbot.waitUntil(lambda: "Turkish F-16s" in compared.details.text())
    selected = compared.details.text()
    assert selected.index("Turkish F-16s") < selected.index("Removed since old.yaml (5)")
    html = compared.details.browser.toHtml()
    assert "line-through" in html  # struck through: not a live item
    assert "Talks in Sochi" not in "".join(compared.judgments.lines())


def test_dropping_the_comparison_removes_every_mark(compared, qtbot) -> None:
    assert "[new]" in _all_text(compared) and "[changed" in _all_text(compared)
    compared.stop_comparing()
    text = _all_text(compared)
    for word in ("[new]", "[changed", "[removed]", "Removed since"):
        assert word not in text
    assert compared.timeline.marks.changes == {} and compared.forces.changes == {}


def test_a_briefing_without_events_says_so_instead_of_an_axis_of_today(open_window, tmp_path):
    data = _current()
    data["events"] = []
    for claim in data["claims"]:
        claim.pop("events", None)
    window = open_window(_write(tmp_path / "no-events.yaml", data))
    assert window.timeline.empty_text() == "This briefing gives no dated events"
    assert window.timeline.plot.isHidden()
    with_events = open_window(_write(tmp_path / "events.yaml", _current()))
    assert with_events.timeline.empty_text() == "" and not with_events.timeline.plot.isHidden()


# ----- removed items, shown in the panels where they were


def _grey_pixels(image: QImage, near: int) -> int:
    """Pixels of the removed grey (antialiased edges within `near`)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    bgra = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4
    )
    want = QColor(REMOVED_COLOUR)
    target = np.array([want.blue(), want.green(), want.red()], dtype=int)
    distance = np.abs(bgra[:, : image.width(), :3].astype(int) - target).sum(axis=2)
    return int(np.count_nonzero(distance < near))


def _plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_the_timeline_draws_removed_events_where_they_were(window, tmp_path, qtbot) -> None:
    timeline = window.timeline
    timeline.fit_all()
    before = timeline.plot.grab().toImage()
    assert window.compare_with_file(_write(tmp_path / "old.yaml", _earlier()))
    qtbot.waitUntil(lambda: timeline.ghost_ids() == ["e-gone"])
    timeline.fit_all()
    ghost = timeline.marks.ghosts[0]
    assert ghost.exact and timeline.marks.lanes[ghost.lane].key == "ru"  # its side's lane
    comparing = timeline.plot.grab().toImage()
    assert _plain(timeline.tooltip_for("e-gone")) == "[removed] since old.yaml: Talks in Sochi"
    # Not selectable: not a mark a click or the keyboard can find, only a tooltip.
    assert "e-gone" not in timeline.marks.marks.ids
    assert timeline.marks.event_at(ghost.x0 + 0.5, ghost.lane, 0.01) != "e-gone"
    assert timeline.marks.ghost_at(ghost.x0 + 0.5, ghost.lane, 0.01) is ghost
    window.stop_comparing()
    assert timeline.ghost_ids() == [] and timeline.tooltip_for("e-gone") == ""
    after = timeline.plot.grab().toImage()
    assert _grey_pixels(comparing, 40) > _grey_pixels(before, 40) + 20
    assert after == before  # not comparing: the same picture as before


def test_a_removed_title_is_text_not_markup(window, tmp_path, qtbot) -> None:
    old = _earlier()
    next(e for e in old["events"] if e["id"] == "e-gone")["title"] = "<b>x</b>"
    assert window.compare_with_file(_write(tmp_path / "old.yaml", old))
    qtbot.waitUntil(lambda: window.timeline.ghost_ids() == ["e-gone"])
    assert _plain(window.timeline.tooltip_for("e-gone")) == "[removed] since old.yaml: <b>x</b>"


def _removed_lines(window) -> dict[str, str]:
    panels = ("claims", "sources", "assumptions", "forces")
    return {name: getattr(window, name).removed.shown_text() for name in panels}


def test_the_lists_and_the_force_chart_name_their_removed_items(window, tmp_path, qtbot):
    claims_before = window.claims.row_count()
    sources_before = window.sources.shown_source_ids()
    assert _removed_lines(window) == dict.fromkeys(_removed_lines(window), "")
    assert window.compare_with_file(_write(tmp_path / "old.yaml", _earlier()))
    qtbot.waitUntil(lambda: window.claims.removed.shown_text() != "")
    assert _removed_lines(window) == {
        "claims": "Removed since old.yaml: c-gone 'Talks failed.'",
        "sources": "Removed since old.yaml: src-gone 'Sputnik'",
        "assumptions": "Removed since old.yaml: a-gone 'Baku pays for it.'",
        "forces": "Removed since old.yaml: f-gone 'troops'",
    }
    # The lists stay about the live briefing: no row, count or id for a removed item.
    assert window.claims.row_count() == claims_before
    assert window.sources.shown_source_ids() == sources_before
    assert "c-gone" not in window.claims.shown_claim_ids()
    window.stop_comparing()
    assert _removed_lines(window) == dict.fromkeys(_removed_lines(window), "")


def test_a_removed_item_s_text_is_shown_as_text(window, tmp_path, qtbot) -> None:
    old = _earlier()
    next(c for c in old["claims"] if c["id"] == "c-gone")["text"] = "<b>x</b> & <i>y"
    assert window.compare_with_file(_write(tmp_path / "old.yaml", old))
    qtbot.waitUntil(lambda: window.claims.removed.shown_text() != "")
    line = window.claims.removed
    assert line.textFormat() == Qt.TextFormat.PlainText
    assert line.shown_text() == "Removed since old.yaml: c-gone '<b>x</b> & <i>y'"
    assert _plain(line.toolTip()) == line.shown_text()


def test_a_long_list_of_removed_items_stays_one_line(window, tmp_path, qtbot) -> None:
    old = _earlier()
    old["sources"] += [
        {"id": f"gone-{n}", "outlet": "An outlet " * 10, "kind": "press", "reliability": "E"}
        for n in range(30)
    ]
    assert window.compare_with_file(_write(tmp_path / "old.yaml", old))
    qtbot.waitUntil(lambda: window.sources.removed.shown_text() != "")
    text = window.sources.removed.shown_text()
    assert "\n" not in text and text.endswith(", … and 26 more")
    assert text.count("gone") == 5  # src-gone and the first four
    line = window.sources.removed
    assert line.width() < line.fontMetrics().horizontalAdvance(text)  # no wider than the panel
    assert line.text().endswith("…") and text.startswith(line.text()[:-1])


def test_a_removed_event_without_a_side_goes_to_the_lane_for_none_if_there_is_one(
    open_window, tmp_path, qtbot
) -> None:
    old = _earlier()
    old["events"].append({"id": "e-sideless", "date": "2020-11-06", "title": "A rumour"})
    window = open_window(_write(tmp_path / "now.yaml", _current()))  # no lane for no side
    assert window.compare_with_file(_write(tmp_path / "old.yaml", old))
    qtbot.waitUntil(lambda: window.timeline.ghost_ids() == ["e-gone"])  # Details lists it
    now = _current()
    now["events"].append({"id": "e-local", "date": "2020-11-07", "title": "Local news"})
    old["events"].append(now["events"][-1])
    window = open_window(_write(tmp_path / "now2.yaml", now))
    assert window.compare_with_file(_write(tmp_path / "old2.yaml", old))
    qtbot.waitUntil(lambda: sorted(window.timeline.ghost_ids()) == ["e-gone", "e-sideless"])
    lanes = {
        g.event_id: window.timeline.marks.lanes[g.lane].key for g in window.timeline.marks.ghosts
    }
    assert lanes == {"e-gone": "ru", "e-sideless": ""}
