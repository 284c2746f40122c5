"""The pieces a printed page is made of, each measured once: text laid out with QTextLayout at
the page's width (paragraphs, claims, table rows) and chart pieces; each knows its height in
points and draws itself with a QPainter at a distance from the top of the page's body.

Text is laid out once, with the fonts and on the paint device it is drawn with, so a height is
what the page gets. Briefing text goes in as plain strings with character formats over ranges
(`Run`): nothing is parsed, so `<b>` in a title prints as those three characters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from briefing.export.fonts import font as make_font


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

    @functools.cache  # noqa: B019 - one typesetter per export, a handful of styles
    def font(self, style: Style) -> QFont:
        return make_font(self.family, style.size, style.bold, style.italic)

    @functools.cache  # noqa: B019
    def char_format(self, style: Style) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(self.font(style))
        fmt.setForeground(QColor(style.colour))
        return fmt

    def lines(self, runs: Sequence[Run], width: float, x: float = 0.0, y: float = 0.0) -> _Lines:
        """The runs as one paragraph wrapped at `width`, its top left at (x, y)."""
        runs = [run for run in runs if run.text]
        text = "".join(run.text for run in runs)
        base = runs[0].style if runs else Style()
        layout = QTextLayout(text, self.font(base), self.device)
        layout.setTextOption(self.option)
        ranges = []
        spans = []  # (start, end, run) in the text
        start = 0
        for run in runs:
            end = start + len(run.text)
            spans.append((start, end, run))
            # Every run gets its format, the first too: the layout's own font has no colour,
            # and text without one takes whatever pen the painter has at the time.
            fmt = QTextLayout.FormatRange()
            fmt.start, fmt.length, fmt.format = start, end - start, self.char_format(run.style)
            ranges.append(fmt)
            start = end
        layout.setFormats(ranges)
        u = self.unit
        placed: list[Line] = []
        layout.beginLayout()
        top = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width * u)
            line.setPosition(QPointF(0, top))
            top += line.height()
        layout.endLayout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            first, last = line.textStart(), line.textStart() + line.textLength()
            links, anchors = [], []
            for s, e, run in spans:
                if run.anchor and first <= s < last:
                    anchors.append(run.anchor)
                if run.link and s < last and e > first:
                    x1 = line.cursorToX(max(s, first))[0] / u
                    x2 = line.cursorToX(min(e, last))[0] / u
                    links.append((x + x1, x + x2, run.link))
            placed.append(
                Line(layout, line, x, y + line.y() / u, line.height() / u, links, anchors)
            )
        if not placed:
            return _Lines([], 0.0)
        return _Lines(placed, top / u)


@dataclass
class Line:
    """A laid-out line, at (x, top) in its block; the layout is kept alive with it."""

    layout: QTextLayout
    line: QTextLine
    x: float
    top: float
    height: float
    links: list[tuple[float, float, str]] = field(default_factory=list)  # x from, x to, target
    anchors: list[str] = field(default_factory=list)

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
        for line in self.lines:
            # QTextLine.draw adds the line's own position within its layout
            origin_y = (top + line.top) * unit - line.line.y()
            line.line.draw(painter, QPointF(line.x * unit, origin_y))

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
    lines: list[Line] = []
    y = 0.0
    for runs in pieces:
        laid = typesetter.lines(runs, width - indent, indent, y)
        lines += laid.lines
        y += laid.height
    if label:
        lines += typesetter.lines(label, indent - label_x, label_x, 0.0).lines
    return TextBlock(height=y, lines=lines, **spacing)  # type: ignore[arg-type]


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
        y = padding
        for runs in pieces:
            laid = typesetter.lines(runs, width - 2 * padding, x + padding, y)
            lines += laid.lines
            y += laid.height
        height = max(height, y + padding)
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
