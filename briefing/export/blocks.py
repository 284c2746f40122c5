"""The pieces a printed page is made of, each measured once: text laid out with QTextLayout at
the page's width (paragraphs, claims, table rows) and chart pieces; each knows its height in
points and draws itself with a QPainter at a distance from the top of the page's body.

Text is laid out once, with the fonts and on the paint device it is drawn with, so a height is
what the page gets. Briefing text goes in as plain strings with character formats over ranges
(`Run`): nothing is parsed, so `<b>` in a title prints as those three characters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from briefing.export.fonts import font as make_font

LINE_SEPARATOR = "\u2028"
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@dataclass(frozen=True)
class Style:
    """How a run of text prints."""

    size: float = 9.5
    bold: bool = False
    italic: bool = False
    colour: str = "#1a1a1a"


@dataclass(frozen=True)
class Run:
    """A piece of text in one style; `link` names the destination it points to, `anchor` the
    destination it is (a note number's entry, a claim, a section)."""

    text: str
    style: Style = Style()
    link: str | None = None
    anchor: str | None = None


class Typesetter:
    """Lays runs out on a paint device with the bundled fonts; lengths in points."""

    def __init__(self, device: QPaintDevice, family: str) -> None:
        self.device = device
        self.family = family
        self.unit = device.logicalDpiY() / 72  # device pixels per point
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.option = option
        self._advances: dict[tuple[Style, str], float] = {}

    @functools.cache  # noqa: B019 - one typesetter per export, a handful of styles
    def font(self, style: Style) -> QFont:
        return make_font(self.family, style.size, style.bold, style.italic)

    @functools.cache  # noqa: B019
    def char_format(self, style: Style) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(self.font(style))
        fmt.setForeground(QColor(style.colour))
        return fmt

    def lines(
        self, pieces: Sequence[Sequence[Run]], width: float, x: float = 0.0, y: float = 0.0
    ) -> _Lines:
        """Pieces of runs wrapped at `width`, each piece from a new line, the top left at (x, y).

        One QTextLayout for all the pieces, parted by line separators (U+2028, which Qt breaks
        at and neither draws nor writes as text): a layout costs about as much to set up as to
        fill, and a claim has up to four pieces."""
        # One walk over the runs gathers the text, the format ranges and the runs that link or
        # are an anchor. Every run gets a format, the first too: the layout's own font has no
        # colour, and text without one takes whatever pen the painter has at the time. Runs of
        # one style in a row share a format; a line separator takes the style of the line it
        # ends, so it adds nothing to the next.
        texts: list[str] = []
        ranges: list[QTextLayout.FormatRange] = []
        segments: list[tuple[int, int, Style]] = []  # (start, end, style) of each run
        marks: list[tuple[int, int, Run]] = []  # the runs that link or are an anchor
        start, style, range_start = 0, None, 0
        for piece in pieces:
            started = False
            for run in piece:
                if not run.text:
                    continue
                if not started and texts:
                    texts.append(LINE_SEPARATOR)
                    start += 1
                started = True
                if run.style is not style and run.style != style:
                    if ranges:
                        ranges[-1].length = start - range_start
                    fmt = QTextLayout.FormatRange()
                    fmt.start, fmt.format = start, self.char_format(run.style)
                    ranges.append(fmt)
                    style, range_start = run.style, start
                end = start + len(run.text)
                segments.append((start, end, run.style))
                if run.link or run.anchor:
                    marks.append((start, end, run))
                texts.append(run.text)
                start = end
        if not texts:
            return _Lines([], 0.0)
        ranges[-1].length = start - range_start
        text = "".join(texts)
        layout = QTextLayout(text, self.font(segments[0][2]), self.device)
        layout.setTextOption(self.option)
        # Keep the glyphs shaped for measuring: without the cache, endLayout() drops them and
        # draw() itemizes and shapes the whole text again.
        layout.setCacheEnabled(True)
        layout.setFormats(ranges)
        u = self.unit
        line_width = width * u
        position = QPointF(0, 0)  # one point moved down, not one made per line
        layout.beginLayout()
        laid: list[tuple[QTextLine, float, float]] = []  # line, top, height in device pixels
        top = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(line_width)
            position.setY(top)
            line.setPosition(position)
            height = line.height()
            laid.append((line, top, height))
            top += height
        layout.endLayout()
        if not marks:
            placed = [Line(layout, line, x, y + t / u, h / u) for line, t, h in laid]
            return _Lines(placed, top / u)
        placed = []
        rtl = RIGHT_TO_LEFT.search(text) is not None
        for line, line_top, height in laid:
            first = line.textStart()
            last = first + line.textLength()
            anchors = [run.anchor for s, _e, run in marks if run.anchor and first <= s < last]
            # (start, end, target) of the links on this line
            spans = [
                (max(s, first), min(e, last), run.link)
                for s, e, run in marks
                if run.link and s < last and e > first
            ]
            links = (
                [
                    (x + x1, x + x2, target)
                    for x1, x2, target in self._spans_x(line, segments, text, spans, rtl)
                ]
                if spans
                else []
            )
            placed.append(Line(layout, line, x, y + line_top / u, height / u, links, anchors))
        return _Lines(placed, top / u)

    def _spans_x(
        self,
        line: QTextLine,
        segments: Sequence[tuple[int, int, Style]],
        text: str,
        spans: Sequence[tuple[int, int, str]],
        rtl: bool,
    ) -> list[tuple[float, float, str]]:
        """Where each (start, end, target) span of a line begins and ends, in points from the
        line's left. The runs' advances are summed in one walk along the line, each measured
        once (and remembered: note numbers and citations recur), which costs a few
        microseconds where QTextLine's cursorToX costs some 40; right-to-left text, which Qt
        reorders, is left to cursorToX."""
        if rtl:
            u = self.unit
            return [
                (line.cursorToX(s)[0] / u, line.cursorToX(e)[0] / u, target)
                for s, e, target in spans
            ]
        # A position's x is the sum of the advances of the runs' pieces before it on the line,
        # added in order: the same sum, to the bit, for a link's start and for its end.
        wanted = sorted({p for s, e, _ in spans for p in (s, e)})
        found: dict[int, float] = {}
        first = line.textStart()
        x, w = 0.0, 0
        for run_start, run_end, style in segments:
            if run_end <= first:
                continue
            a = max(run_start, first)
            while w < len(wanted) and wanted[w] <= run_end:
                b = wanted[w]
                found[b] = x + self._advance(style, text[a:b]) if b > a else x
                w += 1
            if w == len(wanted):
                break
            x += self._advance(style, text[a:run_end])
        return [(found[s], found[e], target) for s, e, target in spans]

    def _advance(self, style: Style, text: str) -> float:
        """The advance of a run's text, in points; remembered, as pieces recur."""
        key = (style, text)
        advance = self._advances.get(key)
        if advance is None:
            advance = self.metrics(style).horizontalAdvance(text) / self.unit
            self._advances[key] = advance
        return advance

    @functools.cache  # noqa: B019
    def metrics(self, style: Style) -> QFontMetricsF:
        return QFontMetricsF(self.font(style), self.device)


@dataclass(slots=True)
class Line:
    """A laid-out line, at (x, top) in its block; the layout is kept alive with it. Most lines
    link nowhere and are no anchor: they share the empty tuples rather than make two lists."""

    layout: QTextLayout
    line: QTextLine
    x: float
    top: float
    height: float
    links: Sequence[tuple[float, float, str]] = ()  # x from, x to, target
    anchors: Sequence[str] = ()

    def moved(self, dy: float) -> Line:
        return replace(self, top=self.top + dy)


@dataclass
class _Lines:
    lines: list[Line]
    height: float


@dataclass
class Fill:
    """A shaded band under a block's text (a table row's stripe)."""

    x: float
    top: float
    width: float
    height: float
    colour: str


@dataclass
class Block:
    """Something placed on a page whole, unless it is split: a height in points, margins that
    collapse with the neighbours' (and vanish at the top of a page), and how it may break.

    `flows`: may break between any two lines, like prose. Otherwise it is kept whole unless it
    is taller than a page. `keep_with_next`: never the last thing on a page (a heading).
    `header`: a block to repeat at the top of each page this block's run continues on (a
    table's head row)."""

    height: float = 0.0
    margin_top: float = 0.0
    margin_bottom: float = 0.0
    page_break_before: bool = False
    keep_with_next: bool = False
    flows: bool = False
    header: Block | None = None

    def draw(self, painter: QPainter, unit: float, top: float) -> None:
        """Draw at `top` points below the top of the body; the painter's origin is the body's
        top left, in device pixels."""

    def split(self, room: float) -> tuple[Block, Block] | None:
        """A first part no taller than `room` and the rest, or None if no break fits."""
        return None

    def destinations(self) -> list[tuple[str, float]]:
        """(name, distance from the block's top) of every anchor in the block."""
        return []

    def links(self) -> list[tuple[QRectF, str]]:
        """(area in points relative to the block's top left, target name) of every link."""
        return []


@dataclass
class TextBlock(Block):
    """Lines of text (one paragraph, or the cells of a table row) and stripes under them."""

    lines: list[Line] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    rules: list[tuple[float, float, float, str]] = field(default_factory=list)  # x1, x2, y

    def draw(self, painter: QPainter, unit: float, top: float) -> None:
        for fill in self.fills:
            painter.fillRect(
                QRectF(
                    fill.x * unit,
                    (top + fill.top) * unit,
                    fill.width * unit,
                    fill.height * unit,
                ),
                QColor(fill.colour),
            )
        for x1, x2, y, colour in self.rules:
            painter.setPen(QPen(QColor(colour), 0.75 * unit))
            painter.drawLine(
                QPointF(x1 * unit, (top + y) * unit), QPointF(x2 * unit, (top + y) * unit)
            )
        # A layout whose lines are all here is drawn in one call, which costs less than a call
        # per line; QTextLine.draw and QTextLayout.draw both add the line's own position.
        count: dict[int, int] = {}
        for line in self.lines:
            count[id(line.layout)] = count.get(id(line.layout), 0) + 1
        drawn: set[int] = set()
        for line in self.lines:
            origin = QPointF(line.x * unit, (top + line.top) * unit - line.line.y())
            key = id(line.layout)
            if count[key] == line.layout.lineCount():
                if key not in drawn:
                    drawn.add(key)
                    line.layout.draw(painter, origin)
            else:
                line.line.draw(painter, origin)

    def split(self, room: float) -> tuple[Block, Block] | None:
        """Break at the lowest point at or above `room` that cuts no line."""
        cut = 0.0
        for line in sorted(self.lines, key=lambda line: line.top):
            if line.top + line.height > room + 1e-6:
                break
            crossing = any(
                other.top < line.top + line.height < other.top + other.height
                for other in self.lines
            )
            if not crossing:
                cut = max(cut, line.top + line.height)
        if cut <= 0 or cut >= self.height:
            return None
        head = [line for line in self.lines if line.top + line.height <= cut + 1e-6]
        tail = [line.moved(-cut) for line in self.lines if line.top + line.height > cut + 1e-6]
        if not head or not tail:
            return None

        def cut_fills(low: float, high: float) -> list[Fill]:
            found = []
            for fill in self.fills:
                a, b = max(fill.top, low), min(fill.top + fill.height, high)
                if b > a:
                    found.append(replace(fill, top=a - low, height=b - a))
            return found

        first = replace(
            self,
            height=cut,
            margin_bottom=0.0,
            keep_with_next=False,
            lines=head,
            fills=cut_fills(0, cut),
            rules=[r for r in self.rules if r[2] <= cut],
        )
        rest = replace(
            self,
            height=self.height - cut,
            margin_top=0.0,
            page_break_before=False,
            lines=tail,
            fills=cut_fills(cut, self.height),
            rules=[(a, b, y - cut, c) for a, b, y, c in self.rules if y > cut],
        )
        return first, rest

    def destinations(self) -> list[tuple[str, float]]:
        return [(name, line.top) for line in self.lines for name in line.anchors]

    def links(self) -> list[tuple[QRectF, str]]:
        return [
            (QRectF(x1, line.top, x2 - x1, line.height), target)
            for line in self.lines
            for x1, x2, target in line.links
        ]


def paragraph(
    typesetter: Typesetter,
    pieces: Sequence[Sequence[Run]],
    width: float,
    indent: float = 0.0,
    label: Sequence[Run] = (),
    label_x: float = 0.0,
    **spacing: float | bool,
) -> TextBlock:
    """Lines of runs, each piece starting a new line (as `<br/>` did), `indent` points in; a
    `label` (a list's number) prints in the indent, `label_x` points in."""
    laid = typesetter.lines(pieces, width - indent, indent)
    lines = laid.lines
    if label:
        lines += typesetter.lines([label], indent - label_x, label_x).lines
    return TextBlock(height=laid.height, lines=lines, **spacing)  # type: ignore[arg-type]


def table_row(
    typesetter: Typesetter,
    cells: Sequence[Sequence[Sequence[Run]]],
    widths: Sequence[float],
    padding: float,
    shade: str | None = None,
    **options: object,
) -> TextBlock:
    """Cells side by side, each a list of lines of runs, `widths` in points; a stripe under the
    row when `shade` is a colour."""
    lines: list[Line] = []
    x, height = 0.0, 0.0
    for pieces, width in zip(cells, widths, strict=True):
        laid = typesetter.lines(pieces, width - 2 * padding, x + padding, padding)
        lines += laid.lines
        height = max(height, laid.height + 2 * padding)
        x += width
    fills = [Fill(0, 0, sum(widths), height, shade)] if shade else []
    return TextBlock(height=height, lines=lines, fills=fills, **options)  # type: ignore[arg-type]


@dataclass
class ChartPiece(Block):
    """A piece of a chart that fits a page, drawn by the chart itself."""

    paint: Callable[[QPainter], None] = lambda painter: None

    def draw(self, painter: QPainter, unit: float, top: float) -> None:
        painter.save()
        painter.translate(QPointF(0, top * unit))
        self.paint(painter)
        painter.restore()


@dataclass
class ChartFlow:
    """A chart that cuts itself into pieces once it knows the room on its first page:
    `pieces(room on the first page, room on a full page)`."""

    pieces: Callable[[float, float], list[ChartPiece]]
    margin_top: float = 0.0
