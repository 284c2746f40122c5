"""The PDF export measures each piece of text once and draws what it measured: the shaped
glyphs of a paragraph, a timeline row's text heights and the page furniture are kept, not
made again (issue #17: a long briefing's export is as cheap per page as it can be)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QFontMetricsF, QPdfWriter

from briefing.export.blocks import Run, Style, Typesetter
from briefing.loader import load_path

LINK = Style(8, colour="#1f4e99")
META = Style(8, colour="#444444")


@pytest.fixture
def typesetter(qapp):
    """A typesetter on a PDF writer at the export's resolution."""
    from briefing.export.fonts import bundled_family
    from briefing.export.pdf import RESOLUTION

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    yield Typesetter(writer, bundled_family())
    buffer.close()


def _cited(numbers: list[int]) -> list[Run]:
    """A claim's sources line: note numbers that link to the source list, with citations."""
    runs = [Run("Sources: ", META)]
    for n, number in enumerate(numbers):
        if n:
            runs.append(Run("; ", META))
        runs.append(Run(f"[{number}]", LINK, link=f"src-{number}"))
        runs.append(Run(" Anadolu Agency, “Convoy”, 12 Oct 2020", META))
    return runs


def test_laid_out_text_keeps_its_glyphs_for_drawing(typesetter):
    """Without the cache, QTextLayout drops the glyphs at endLayout() and shapes the whole
    paragraph again when it is drawn."""
    laid = typesetter.lines([[Run("A claim about a convoy.")], _cited([1, 2])], 400)
    assert laid.lines
    assert all(line.layout.cacheEnabled() for line in laid.lines)


def test_each_run_is_measured_once_for_the_links_of_a_line(typesetter, monkeypatch):
    """The links' places come from one walk along the line; a run's width is measured once,
    however many links follow it, and a recurring piece ("; ") once for the whole export."""
    measured: list[str] = []
    metrics = typesetter.metrics

    class Counting:
        def __init__(self, inner: QFontMetricsF) -> None:
            self.inner = inner

        def horizontalAdvance(self, text: str) -> float:
            measured.append(text)
            return self.inner.horizontalAdvance(text)

    monkeypatch.setattr(typesetter, "metrics", lambda style: Counting(metrics(style)))
    laid = typesetter.lines([_cited([3, 4, 5])], 2000)  # one line, three links
    [line] = laid.lines
    assert [target for _x1, _x2, target in line.links] == ["src-3", "src-4", "src-5"]
    assert len(measured) == len(set(measured))  # nothing measured twice
    # ...and where the links fall is where Qt puts those characters.
    text = "".join(run.text for run in _cited([3, 4, 5]))
    for x1, x2, target in line.links:
        start = text.index(f"[{target.removeprefix('src-')}]")
        at = [line.line.cursorToX(p)[0] / typesetter.unit for p in (start, start + 3)]
        assert (x1, x2) == pytest.approx(at, abs=0.01)


def test_the_timeline_lays_out_each_row_text_once(qapp, briefings, tmp_path, monkeypatch):
    """A row's text blocks and its date are laid out once, to size the row, and drawn from that
    layout: not measured and then laid out again by QPainter.drawText."""
    from briefing.export import charts
    from briefing.export.pdf import export_pdf

    laid: list[tuple[str, float, bool, bool, float]] = []
    drawn: list[str] = []
    set_text, text = charts.Canvas.set_text, charts.Canvas.text

    def counting(self, words, font, width):
        laid.append((words, font.pointSizeF(), font.bold(), font.italic(), width))
        return set_text(self, words, font, width)

    def drawing(self, x, y, w, h, words, *rest):
        drawn.append(words)
        return text(self, x, y, w, h, words, *rest)

    monkeypatch.setattr(charts.Canvas, "set_text", counting)
    monkeypatch.setattr(charts.Canvas, "text", drawing)
    data = briefings.chart_data()
    briefing = load_path(briefings.write(tmp_path / "chart.yaml", **data)).briefing
    assert briefing is not None
    export_pdf(briefing, tmp_path / "chart.pdf")
    titles = [event.title for event in briefing.events]
    assert all(any(words == title for words, *_ in laid) for title in titles)
    assert len(laid) == len(set(laid))
    assert not set(titles) & set(drawn)


def test_the_page_furniture_is_made_once_per_export(qapp, tmp_path, monkeypatch):
    """Only the page number changes from page to page: the short title is elided once."""
    from briefing.export import charts
    from briefing.export.pdf import export_pdf

    bundled = load_path(Path(__file__).parents[2] / "data" / "karabakh-2020.yaml").briefing
    assert bundled is not None
    title = " ".join(bundled.title.split())
    elided: list[str] = []
    elide = charts.Canvas.elide

    def counting(self, text, font, width):
        elided.append(text)
        return elide(self, text, font, width)

    monkeypatch.setattr(charts.Canvas, "elide", counting)
    pages = export_pdf(bundled, tmp_path / "bundled.pdf")
    assert pages > 1
    assert elided.count(title) == 1
