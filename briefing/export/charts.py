"""The timeline and the force comparison drawn with QPainter, in points, on any paint device.

On a QPdfWriter the result is vector (text stays text, lines stay lines); a viewer can draw the
same charts on a widget or a QPicture by handing in its own device. Each chart lays itself out
first (rows and their heights, measured with the target device's font metrics), then splits
into chunks that fit a page, and draws one chunk at a time.

The timeline runs down the page, one row per event in date order, with a lane per side. The
bundled briefing spans 1974 to December 2020 with most events in six weeks of it: a horizontal
axis in proportion to time would crowd those into a few millimetres. Rows keep every label
readable at any density and paginate, while the order stays true: an exact date is a dot, a
fuzzy date (month, season, decade, range) a bar that runs over every row it may include, and a
long gap in time is marked as such rather than hidden.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from briefing.dates import FuzzyDate, Precision, parse_date
from briefing.drawing.figures import by_category, scale_label, scale_ticks
from briefing.drawing.gaps import gap_days, gap_words
from briefing.drawing.lanes import event_lanes
from briefing.drawing.marks import mark_of, mark_reach, paint_day, paint_figure_mark, span_fill
from briefing.drawing.palette import NO_SIDE_COLOUR, side_colours, tint
from briefing.export.fonts import font as make_font
from briefing.model import Briefing, Event, ForceFigure, Qualifier
from briefing.words import side_name

INK = QColor("#1a1a1a")
MUTED = QColor("#5a5a5a")
RULE = QColor("#b8b8b8")
STRIPE = QColor("#f2f2f2")
ALERT = QColor("#b00020")
PAPER = QColor("white")

WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
WRAP_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
# Characters QPainter.drawText does not take as they are (it turns line breaks into line
# separators, tabs into stops, and U+009C parts length variants): text with any is left to it.
_DRAW_TEXT_ONLY = re.compile("[\r\n\t\x9c]")


@dataclass
class SetText:
    """Text laid out once at a width, to be measured and then drawn: top-aligned, wrapped at
    words, as QPainter.drawText and QFontMetricsF.boundingRect lay it out with WRAP or
    WRAP_RIGHT (Qt's qt_format_text), which each lay the text out again. `layout` is None for
    text left to drawText."""

    text: str
    font: QFont
    height: float  # points, as boundingRect gives it
    layout: QTextLayout | None = None
    # each line with the height (device pixels) down to its foot and its natural width
    lines: list[tuple[QTextLine, float, float]] = field(default_factory=list)


def notes_label(source_ids: Sequence[str], note_numbers: Mapping[str, int]) -> str:
    """Source ids as the note numbers printed in the text: "[2, 5]"."""
    numbers = sorted({note_numbers[s] for s in source_ids if s in note_numbers})
    return "[" + ", ".join(str(n) for n in numbers) + "]" if numbers else ""


def pack(
    heights: Sequence[float], first_capacity: float, capacity: float, overhead: float = 0
) -> list[range]:
    """Split blocks of the given heights into runs that fit, in order; a block too tall for any
    page still gets a run of its own (it would run off the page: TimelineChart.chunks cuts its
    rows to fit first)."""
    runs: list[range] = []
    start, used, room = 0, overhead, first_capacity
    for index, height in enumerate(heights):
        if index > start and used + height > room:
            runs.append(range(start, index))
            start, used, room = index, overhead, capacity
        used += height
    if start < len(heights) or not runs:
        runs.append(range(start, len(heights)))
    return runs


class Canvas:
    """Lengths in points on a paint device; draws when given a painter, else only measures."""

    def __init__(self, device: QPaintDevice, family: str, painter: QPainter | None = None) -> None:
        self.device = device
        self.family = family
        self.painter = painter
        self.unit = device.logicalDpiY() / 72  # device pixels per point

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        return make_font(self.family, size, bold, italic)

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def width(self, text: str, font: QFont) -> float:
        return self.metrics(font).horizontalAdvance(text) / self.unit

    def line_height(self, font: QFont) -> float:
        return self.metrics(font).height() / self.unit

    def text_height(self, text: str, font: QFont, width: float) -> float:
        return self.set_text(text, font, width).height if text else 0.0

    def set_text(self, text: str, font: QFont, width: float) -> SetText:
        """`text` laid out `width` points wide as drawText(rect, WRAP, text) would: the lines
        wrap at words, each starts on a whole device pixel, the font's leading apart."""
        u = self.unit
        if not text or _DRAW_TEXT_ONLY.search(text):
            bounds = QRectF(0, 0, width * u, 1e6)
            height = self.metrics(font).boundingRect(bounds, WRAP, text).height() / u
            return SetText(text, font, height if text else 0.0)
        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        option.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        leading = self.metrics(font).leading()
        line_width = max(0.0, width * u)
        lines: list[tuple[QTextLine, float, float]] = []
        height = -leading
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(line_width)
            height = math.ceil(height + leading)
            line.setPosition(QPointF(0, height))
            height += line.ascent() + line.descent()
            lines.append((line, height, line.naturalTextWidth()))
        layout.endLayout()
        return SetText(text, font, height / u, layout, lines)

    def draw_set(
        self, text: SetText, x: float, y: float, w: float, h: float, colour: QColor, flags: int
    ) -> None:
        """Draw laid-out text in a rectangle as `text()` would with these flags (top-aligned,
        wrapped; left, right or centred): the lines down to the first that reaches the
        rectangle's foot, clipped to it only if they overrun it."""
        if text.layout is None:
            if text.text:
                self.text(x, y, w, h, text.text, text.font, colour, flags)
            return
        painter = self.painter
        assert painter is not None
        painter.setFont(text.font)
        painter.setPen(colour)
        r = self.rect(x, y, w, h)
        # the share of the room left over that goes before the text: none, all or half
        share = (
            1.0
            if flags & Qt.AlignmentFlag.AlignRight
            else 0.5
            if flags & Qt.AlignmentFlag.AlignHCenter
            else 0.0
        )
        shown: list[QTextLine] = []
        width = bottom = 0.0
        for line, bottom, natural in text.lines:
            shown.append(line)
            width = max(width, natural)
            if bottom >= r.height():
                break
        bounds = QRectF(r.x() + (r.width() - width) * share, r.y(), width, bottom)
        clip = not r.contains(bounds)
        if clip:
            painter.save()
            painter.setClipRect(r, Qt.ClipOperation.IntersectClip)
        for line in shown:
            shift = (r.width() - line.horizontalAdvance()) * share if share else 0.0
            line.draw(painter, QPointF(r.x() + shift, r.y()))
        if clip:
            painter.restore()

    def lines(self, text: str, font: QFont, width: float) -> list[str]:
        """The lines `text` wraps into at `width`, as `text()` with WRAP draws them."""
        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        found = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width * self.unit)
            found.append(text[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
        return found

    def elide(self, text: str, font: QFont, width: float) -> str:
        return self.metrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width * self.unit)

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        u = self.unit
        return QRectF(x * u, y * u, w * u, h * u)

    def point(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.unit, y * self.unit)

    def pen(
        self, colour: QColor, width: float = 0.6, style: Qt.PenStyle = Qt.PenStyle.SolidLine
    ) -> QPen:
        pen = QPen(colour, width * self.unit, style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def text(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        font: QFont,
        colour: QColor = INK,
        flags: int = WRAP,
    ) -> None:
        assert self.painter is not None
        self.painter.setFont(font)
        self.painter.setPen(colour)
        self.painter.drawText(self.rect(x, y, w, h), flags, text)

    def fill(self, x: float, y: float, w: float, h: float, colour: QColor) -> None:
        assert self.painter is not None
        self.painter.fillRect(self.rect(x, y, w, h), colour)

    def line(self, x1: float, y1: float, x2: float, y2: float, pen: QPen | None = None) -> None:
        assert self.painter is not None
        self.painter.setPen(pen or self.pen(RULE))
        self.painter.drawLine(self.point(x1, y1), self.point(x2, y2))

    def polygon(
        self, points: Sequence[tuple[float, float]], brush: QColor, pen: QPen | None
    ) -> None:
        assert self.painter is not None
        self.painter.setPen(pen if pen is not None else Qt.PenStyle.NoPen)
        self.painter.setBrush(QBrush(brush))
        self.painter.drawPolygon(QPolygonF([self.point(x, y) for x, y in points]))

    def rounded(
        self, x: float, y: float, w: float, h: float, radius: float, brush: QColor, pen: QPen
    ) -> None:
        assert self.painter is not None
        path = QPainterPath()
        path.addRoundedRect(self.rect(x, y, w, h), radius * self.unit, radius * self.unit)
        self.painter.setPen(pen)
        self.painter.setBrush(QBrush(brush))
        self.painter.drawPath(path)

    def dot(self, x: float, y: float, radius: float, colour: QColor) -> None:
        """An event's day, as the timeline panel draws it."""
        assert self.painter is not None
        paint_day(self.painter, self.point(x, y), radius * self.unit, colour, PAPER)


# --- Timeline ---------------------------------------------------------------------------------


@dataclass
class _Row:
    event: Event | None  # None: a marker for a long gap in time
    lanes: tuple[int, ...] = ()  # the event's lanes
    top: float = 0.0
    height: float = 0.0
    mark_y: float = 0.0  # centre of the first line of the title, relative to `top`
    date: str = ""
    # What the row prints under its date, in order: (style, text), style a key of TimelineChart's
    # `styles`. A row too tall for a page is cut into pieces between lines of these.
    blocks: list[tuple[str, str]] = field(default_factory=list)
    continued: bool = False  # a later piece of the event row before it


@dataclass
class _Span:
    lane: int
    first: int  # row indices, inclusive
    last: int
    slot: int = 0
    slots: int = 1


@dataclass
class _Lane:
    side: str
    name: str
    colour: QColor


def date_label(date: FuzzyDate) -> str:
    """A date as short as it stays clear: a range of days in one month reads "7–13 Dec 2020"."""
    if date.precision is Precision.RANGE:
        first, last = (parse_date(part) for part in date.text.split("/", 1))
        days = first.precision is Precision.DAY and last.precision is Precision.DAY
        if days and first.start.year == last.start.year:
            month = (first.start.month, first.start.year) == (last.start.month, last.start.year)
            head = f"{first.start.day}" if month else first.label().rsplit(" ", 1)[0]
            return f"{head}–{last.label()}"
    return date.label()


class TimelineChart:
    """Events as rows in date order, with a lane per side; chunks of rows fit pages."""

    DATE_W = 86.0
    LANE_W = 15.0
    GAP = 8.0
    PAD = 3.5
    MIN_ROW = 17.0
    GAP_ROW = 15.0
    LEGEND_H = 20.0

    def __init__(
        self,
        briefing: Briefing,
        canvas: Canvas,
        width: float,
        note_numbers: Mapping[str, int],
    ) -> None:
        self.width = width
        colours = side_colours(briefing)
        lanes = event_lanes(briefing)
        self.lanes = [_Lane(key, name, colours[key]) for key, name in lanes.keys]
        self.lanes_x = self.DATE_W + self.GAP
        self.label_x = self.lanes_x + len(self.lanes) * self.LANE_W + self.GAP
        self.label_w = max(width - self.label_x, 60.0)

        self.date_font = canvas.font(7.5)
        self.fuzzy_font = canvas.font(7.5, italic=True)
        self.title_font = canvas.font(8.5)
        self.detail_font = canvas.font(7)
        self.flag_font = canvas.font(7, bold=True)
        self.lane_font = canvas.font(7, bold=True)
        self.head_font = canvas.font(7.5, bold=True)
        self.text_font = canvas.font(7.5)
        # style -> font and colour of a row's text blocks
        self.styles = {
            "title": (self.title_font, INK),
            "text": (self.text_font, INK),
            "detail": (self.detail_font, MUTED),
            "flag": (self.flag_font, ALERT),
        }
        self.canvas = canvas
        # (style, text) -> the text laid out once, to size its row and to draw it
        self._texts: dict[tuple[str, str], SetText] = {}
        self.lane_header_h = min(
            max((canvas.width(lane.name, self.lane_font) for lane in self.lanes), default=20) + 8,
            76.0,
        )
        self.rows = self._rows(briefing, lanes.of_event, canvas, note_numbers)
        self.spans = self._spans()

    def lanes_by_event(self) -> dict[str, list[str]]:
        """The lane keys each event is drawn in (for comparing with the timeline panel)."""
        return {
            row.event.id: [self.lanes[lane].side for lane in row.lanes]
            for row in self.rows
            if row.event is not None
        }

    def _rows(
        self,
        briefing: Briefing,
        lanes_of: Sequence[tuple[int, ...]],
        canvas: Canvas,
        notes: Mapping[str, int],
    ) -> list[_Row]:
        actors = briefing.actors_by_id
        events = briefing.events
        order = sorted(
            range(len(events)),
            key=lambda i: (events[i].date.first, events[i].date.last, events[i].title),
        )
        rows: list[_Row] = []
        mark_y = self.PAD + canvas.line_height(self.title_font) / 2
        latest: float | None = None
        for index in order:
            event = events[index]
            days = gap_days(latest, event.date.first)
            if days is not None:
                rows.append(_Row(None, height=self.GAP_ROW, date=gap_words(days)))
            latest = event.date.last if latest is None else max(latest, event.date.last)
            details = [event.place or ""]
            names = [actors[a].name if a in actors else a for a in event.actors]
            details.append("with " + ", ".join(names) if names else "")
            if event.date_text and event.date_text.strip() != event.date.label():
                details.append(f"as the source dates it: “{event.date_text.strip()}”")
            details.append(f"sources {notes_label(event.sources, notes)}" if event.sources else "")
            blocks = [("title", " ".join(event.title.split()))]
            if event.text and event.text.strip():
                blocks.append(("text", " ".join(event.text.split())))
            detail = " · ".join(d for d in details if d)
            if detail:
                blocks.append(("detail", detail))
            if not event.sources:
                blocks.append(("flag", "UNSOURCED"))
            row = _Row(event, lanes_of[index], date=date_label(event.date), blocks=blocks)
            date_h = self._set("date" if event.date.is_exact else "fuzzy date", row.date).height
            row.height = max(self.MIN_ROW, 2 * self.PAD + max(self._blocks_height(blocks), date_h))
            row.mark_y = mark_y
            rows.append(row)
        return rows

    def _blocks_height(self, blocks: Sequence[tuple[str, str]]) -> float:
        return sum(self._block_height(style, text) for style, text in blocks)

    def _block_height(self, style: str, text: str) -> float:
        return self._set(style, text).height

    def _set(self, style: str, text: str) -> SetText:
        """A row's text (a block, or its date: "date" or "fuzzy date"), laid out once: it sizes
        the row when the rows are laid out and is drawn as it was measured. Dates and details
        recur."""
        key = (style, text)
        found = self._texts.get(key)
        if found is None:
            if style in ("date", "fuzzy date"):
                font = self.date_font if style == "date" else self.fuzzy_font
                found = self.canvas.set_text(text, font, self.DATE_W - 4)
            else:
                found = self.canvas.set_text(text, self.styles[style][0], self.label_w)
            self._texts[key] = found
        return found

    def _split(self, row: _Row, limit: float) -> list[_Row]:
        """A row cut between lines into pieces no taller than `limit`: the first keeps the date
        and the mark, the others print "continued" in the date column."""
        if row.height <= limit:
            return [row]
        pieces: list[list[tuple[str, str]]] = [[]]
        used, budget = 0.0, limit - 2 * self.PAD
        for style, text in row.blocks:
            font = self.styles[style][0]
            metrics = self.canvas.metrics(font)
            step = max(metrics.height(), metrics.lineSpacing()) / self.canvas.unit
            taken: list[str] = []
            for line in self.canvas.lines(text, font, self.label_w):
                if used + step > budget and (taken or pieces[-1]):
                    if taken:
                        pieces[-1].append((style, "".join(taken).strip()))
                    pieces.append([])
                    used, taken = 0.0, []
                taken.append(line)
                used += step
            if taken:
                pieces[-1].append((style, "".join(taken).strip()))
        first = _Row(row.event, mark_y=row.mark_y, date=row.date, blocks=pieces[0])
        rows = [first]
        rows += [
            _Row(row.event, row.lanes, date="continued", blocks=b, continued=True)
            for b in pieces[1:]
        ]
        for piece in rows:
            piece.height = 2 * self.PAD + self._blocks_height(piece.blocks)
        first.height = max(first.height, self.MIN_ROW)
        return rows

    def _spans(self) -> list[_Span]:
        """A bar per fuzzy event and lane, over every row whose date falls in its span."""
        spans: list[_Span] = []
        # Rows are in order of start date, so the rows a span covers run up to the last event
        # row that starts by its end: a binary search, not a scan of every later row.
        event_rows = [
            i for i, row in enumerate(self.rows) if row.event is not None and not row.continued
        ]
        starts = [self.rows[i].event.date.first for i in event_rows]  # type: ignore[union-attr]
        for index, row in enumerate(self.rows):
            event = row.event
            if event is None or event.date.is_exact or row.continued:
                continue
            reach = bisect.bisect_left(starts, event.date.last)
            last = max(index, event_rows[reach - 1]) if reach else index
            while last + 1 < len(self.rows) and self.rows[last + 1].continued:
                last += 1  # over the rest of a row cut in pieces
            spans.extend(_Span(lane, index, last) for lane in row.lanes)
        # Spans that overlap in one lane sit side by side.
        for lane in range(len(self.lanes)):
            ends: list[int] = []
            mine = [s for s in spans if s.lane == lane]
            for span in mine:
                slot = next((i for i, end in enumerate(ends) if end < span.first), len(ends))
                if slot == len(ends):
                    ends.append(span.last)
                ends[slot] = span.last
                span.slot = slot
            for span in mine:
                span.slots = min(len(ends), 3)
        return spans

    def header_height(self, first: bool) -> float:
        return self.lane_header_h + (self.LEGEND_H if first else 0.0)

    def chunks(self, first_capacity: float, capacity: float) -> list[range]:
        """Row ranges, the first fitting `first_capacity` points and the rest `capacity`. A row
        taller than the first page's room is first cut into pieces that fit it (this renumbers
        the rows), so no row runs over the page foot."""
        limit = first_capacity - self.LEGEND_H - self.lane_header_h
        if any(row.height > limit for row in self.rows):
            self.rows = [piece for row in self.rows for piece in self._split(row, limit)]
            self.spans = self._spans()
        heights = [row.height for row in self.rows]
        runs = pack(heights, first_capacity - self.LEGEND_H, capacity, self.lane_header_h)
        return runs

    def height(self, run: range, first: bool) -> float:
        return self.header_height(first) + sum(self.rows[i].height for i in run) + 2

    def draw(self, canvas: Canvas, run: range, first: bool) -> None:
        """Draw the rows of `run` with the lane header (and the legend on the first chunk)."""
        y = 0.0
        if first:
            self._draw_legend(canvas, y)
            y += self.LEGEND_H
        self._draw_lane_header(canvas, y)
        y += self.lane_header_h
        body_top = y
        tops = {}
        for index in run:
            tops[index] = y
            y += self.rows[index].height
        body_bottom = y
        # Stripes, then lane guides, then bars, then dots: dots sit on top of the bars they
        # fall within.
        shaded = True
        for index in run:
            shaded ^= not self.rows[index].continued  # the pieces of a row share its shade
            if shaded:
                canvas.fill(0, tops[index], self.width, self.rows[index].height, STRIPE)
        for i, lane in enumerate(self.lanes):
            x = self._lane_x(i)
            canvas.line(x, body_top, x, body_bottom, canvas.pen(tint(lane.colour, 0.45), 0.5))
        canvas.line(0, body_top, self.width, body_top, canvas.pen(RULE, 0.6))
        canvas.line(0, body_bottom, self.width, body_bottom, canvas.pen(RULE, 0.6))
        painter = canvas.painter
        assert painter is not None
        painter.save()
        painter.setClipRect(canvas.rect(0, body_top, self.width, body_bottom - body_top))
        for span in self.spans:
            if span.last < run.start or span.first >= run.stop:
                continue
            self._draw_span(canvas, span, run, tops, body_top, body_bottom)
        painter.restore()
        for index in run:
            self._draw_row(canvas, self.rows[index], tops[index])

    def _lane_x(self, lane: int) -> float:
        return self.lanes_x + (lane + 0.5) * self.LANE_W

    def _draw_legend(self, canvas: Canvas, y: float) -> None:
        colour = QColor("#666666")
        mid = y + 7
        x = 0.0
        canvas.dot(x + 4, mid, 3.2, colour)
        canvas.text(x + 11, y, 120, 14, "exact date", self.detail_font, MUTED)
        x += 11 + canvas.width("exact date", self.detail_font) + 16
        canvas.rounded(x, mid - 6, 6.5, 12, 3, span_fill(colour, PAPER), canvas.pen(colour, 0.7))
        label = "date known only to a month, season, decade or range: the bar runs over "
        label += "every event it may include"
        canvas.text(x + 11, y, self.width - x - 11, 16, label, self.detail_font, MUTED)

    def _draw_lane_header(self, canvas: Canvas, y: float) -> None:
        bottom = y + self.lane_header_h
        base = bottom - 3
        canvas.text(0, bottom - 12, self.DATE_W - 4, 12, "Date", self.head_font, MUTED, WRAP_RIGHT)
        canvas.text(self.label_x, bottom - 12, self.label_w, 12, "Event", self.head_font, MUTED)
        painter = canvas.painter
        assert painter is not None
        height = canvas.line_height(self.lane_font)
        for i, lane in enumerate(self.lanes):
            name = canvas.elide(lane.name, self.lane_font, self.lane_header_h - 8)
            painter.save()
            painter.translate(canvas.point(self._lane_x(i), base))
            painter.rotate(-90)
            painter.setFont(self.lane_font)
            painter.setPen(lane.colour.darker(125))
            box = canvas.rect(0, -height / 2, self.lane_header_h - 6, height)
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            painter.drawText(box, flags, name)
            painter.restore()

    def _draw_span(
        self,
        canvas: Canvas,
        span: _Span,
        run: range,
        tops: Mapping[int, float],
        body_top: float,
        body_bottom: float,
    ) -> None:
        colour = self.lanes[span.lane].colour
        if span.first in run:
            row = self.rows[span.first]
            y0 = tops[span.first] + row.mark_y - 6
        else:
            y0 = body_top - 10  # continues from the previous page: open at the top
        if span.last in run:
            row = self.rows[span.last]
            y1 = tops[span.last] + row.mark_y + 6
        else:
            y1 = body_bottom + 10
        width = 6.0 if span.slots == 1 else 4.5
        offset = (min(span.slot, 2) - (span.slots - 1) / 2) * (width + 0.8)
        x = self._lane_x(span.lane) + offset - width / 2
        canvas.rounded(
            x, y0, width, y1 - y0, width / 2, span_fill(colour, PAPER), canvas.pen(colour, 0.7)
        )

    def _draw_row(self, canvas: Canvas, row: _Row, top: float) -> None:
        if row.event is None:
            mid = top + row.height / 2
            canvas.text(
                0,
                top + 3,
                self.DATE_W - 4,
                row.height,
                row.date,
                self.fuzzy_font,
                MUTED,
                WRAP_RIGHT,
            )
            dash = canvas.pen(RULE, 0.6, Qt.PenStyle.DashLine)
            canvas.line(self.DATE_W, mid, self.width, mid, dash)
            return
        event = row.event
        date = self._set(
            "date" if event.date.is_exact and not row.continued else "fuzzy date", row.date
        )
        colour = MUTED if row.continued else INK
        canvas.draw_set(date, 0, top + self.PAD, self.DATE_W - 4, row.height, colour, WRAP_RIGHT)
        if event.date.is_exact and not row.continued:
            for lane in row.lanes:
                canvas.dot(self._lane_x(lane), top + row.mark_y, 3.3, self.lanes[lane].colour)
        y = top + self.PAD
        for style, text in row.blocks:
            block = self._set(style, text)
            canvas.draw_set(
                block, self.label_x, y, self.label_w, row.height, self.styles[style][1], WRAP
            )
            y += block.height


# --- Force comparison -------------------------------------------------------------------------


@dataclass
class _Group:
    category: str
    figures: list[ForceFigure]
    ticks: list[float]
    continued: bool = False
    rows: list[float] = field(default_factory=list)


class ForcePages:
    """Force figures as bars grouped by what is counted, each group on its own scale, in
    chunks that fit pages.

    The qualifier shows in the bar's end (drawing.marks, as on screen) as well as in words; an
    unknown figure gets a hatched "?" at zero and the word "unknown", never a bar of zero.
    """

    SIDE_W = 96.0
    ROW_H = 22.0
    HEAD_H = 18.0
    AXIS_H = 16.0
    GROUP_GAP = 10.0
    LEGEND_H = 30.0
    BAR_H = 9.0

    def __init__(
        self,
        briefing: Briefing,
        canvas: Canvas,
        width: float,
        note_numbers: Mapping[str, int],
    ) -> None:
        self.width = width
        self.colours = side_colours(briefing)
        self.briefing = briefing
        self.notes = note_numbers
        self.side_font = canvas.font(8)
        self.value_font = canvas.font(8, bold=True)
        self.unknown_font = canvas.font(8, bold=True, italic=True)
        self.small_font = canvas.font(7)
        self.flag_font = canvas.font(7, bold=True)
        self.head_font = canvas.font(9, bold=True)
        self.tick_font = canvas.font(6.5)
        value_w = max(
            (canvas.width(f.value_label(), self.value_font) for f in briefing.forces), default=40
        )
        self.value_w = min(value_w + 22, 140.0)
        self.note_w = 100.0
        self.bar_x = self.SIDE_W + 6
        self.bar_w = max(width - self.bar_x - self.value_w - self.note_w, 80.0)
        self.note_x = width - self.note_w
        self.blocks = self._groups(briefing)

    def _groups(self, briefing: Briefing) -> list[_Group]:
        groups = by_category(briefing, briefing.forces)
        return [_Group(name, figures, scale_ticks(figures)) for name, figures in groups.items()]

    def group_height(self, group: _Group) -> float:
        axis = self.AXIS_H if group.ticks else 0.0
        return self.HEAD_H + len(group.figures) * self.ROW_H + axis + self.GROUP_GAP

    def chunks(self, first_capacity: float, capacity: float) -> list[list[_Group]]:
        """Groups per page, in order. A group that does not fit the rest of a page moves to
        the next unless at least two of its rows fit; a group cut in two carries its heading
        ("continued") and its scale on both pages."""
        pages: list[list[_Group]] = [[]]
        room, used = first_capacity - self.LEGEND_H, 0.0
        for group in self.blocks:
            figures, continued = list(group.figures), False
            while figures:
                fixed = self.group_height(_Group(group.category, [], group.ticks))
                fit = int((room - used - fixed) // self.ROW_H)
                if fit < min(len(figures), 2) and pages[-1]:
                    pages.append([])
                    room, used = capacity, 0.0
                    continue
                part = _Group(group.category, figures[: max(fit, 1)], group.ticks, continued)
                pages[-1].append(part)
                used += self.group_height(part)
                figures, continued = figures[max(fit, 1) :], True
        return [page for page in pages if page]

    def height(self, groups: Sequence[_Group], first: bool) -> float:
        legend = self.LEGEND_H if first else 0.0
        return legend + sum(self.group_height(group) for group in groups)

    def draw(self, canvas: Canvas, groups: Sequence[_Group], first: bool) -> None:
        y = 0.0
        if first:
            self._draw_legend(canvas, y)
            y += self.LEGEND_H
        for group in groups:
            y = self._draw_group(canvas, group, y)

    def _draw_legend(self, canvas: Canvas, y: float) -> None:
        grey = QColor(NO_SIDE_COLOUR)
        items = (
            (Qualifier.EXACT, "exact"),
            (Qualifier.ABOUT, "about"),
            (Qualifier.AT_LEAST, "at least"),
            (Qualifier.AT_MOST, "at most"),
            (Qualifier.UNKNOWN, "unknown: no number given (not zero)"),
        )
        x = 0.0
        for qualifier, words in items:
            end = x + (0 if qualifier is Qualifier.UNKNOWN else 26)
            self._draw_bar(canvas, qualifier, x, end, y + 3, grey)
            label_x = end + mark_reach(qualifier, self.BAR_H) + 5
            canvas.text(label_x, y + 1.5, 200, 12, words, self.small_font, MUTED)
            x = label_x + canvas.width(words, self.small_font) + 16
        canvas.text(
            0,
            y + 15,
            self.width,
            12,
            "Each group has its own scale. Notes [n] point to the source list.",
            self.small_font,
            MUTED,
        )

    def _draw_group(self, canvas: Canvas, group: _Group, y: float) -> float:
        heading = group.category[:1].upper() + group.category[1:]
        heading += " (continued)" if group.continued else ""
        canvas.text(0, y + 2, self.width, self.HEAD_H, heading, self.head_font)
        y += self.HEAD_H
        top = y
        scale_max = group.ticks[-1] if group.ticks else 1.0
        for tick in group.ticks:
            x = self.bar_x + tick / scale_max * self.bar_w
            canvas.line(
                x, top, x, top + len(group.figures) * self.ROW_H, canvas.pen(QColor("#e0e0e0"), 0.5)
            )
        for figure in group.figures:
            self._draw_figure(canvas, figure, y, scale_max)
            y += self.ROW_H
        canvas.line(self.bar_x, top, self.bar_x, y, canvas.pen(MUTED, 0.6))
        if group.ticks:
            canvas.line(self.bar_x, y, self.bar_x + self.bar_w, y, canvas.pen(MUTED, 0.6))
            for tick in group.ticks:
                x = self.bar_x + tick / scale_max * self.bar_w
                canvas.line(x, y, x, y + 3, canvas.pen(MUTED, 0.6))
                flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                canvas.text(x - 30, y + 4, 60, 10, scale_label(tick), self.tick_font, MUTED, flags)
            y += self.AXIS_H
        return y + self.GROUP_GAP

    def _draw_figure(self, canvas: Canvas, figure: ForceFigure, y: float, scale_max: float) -> None:
        colour = self.colours.get(figure.side, QColor(NO_SIDE_COLOUR))
        name = side_name(self.briefing, figure.side)
        canvas.fill(0, y + 5, 8, 8, colour)
        canvas.text(
            12,
            y + 3,
            self.SIDE_W - 12,
            12,
            canvas.elide(name, self.side_font, self.SIDE_W - 12),
            self.side_font,
        )
        bar_y = y + 4.5
        mark = mark_of(figure)
        if mark is Qualifier.UNKNOWN:
            self._draw_bar(canvas, mark, self.bar_x, self.bar_x, bar_y, colour)
            label_x = self.bar_x + mark_reach(mark, self.BAR_H) + 5
            canvas.text(
                label_x, y + 3, self.value_w + self.bar_w, 12, "unknown", self.unknown_font, MUTED
            )
        else:
            end = self.bar_x + (figure.value or 0) / scale_max * self.bar_w
            self._draw_bar(canvas, mark, self.bar_x, end, bar_y, colour)
            label_x = end + mark_reach(mark, self.BAR_H) + 5
            canvas.text(label_x, y + 3, self.value_w, 12, figure.value_label(), self.value_font)
        as_of = f"as of {figure.as_of.label()}" if figure.as_of else "as of: not given"
        canvas.text(self.note_x, y + 1, self.note_w, 10, as_of, self.small_font, MUTED)
        if figure.sources:
            notes = "sources " + notes_label(figure.sources, self.notes)
            canvas.text(self.note_x, y + 10, self.note_w, 10, notes, self.small_font, MUTED)
        else:
            canvas.text(self.note_x, y + 10, self.note_w, 10, "UNSOURCED", self.flag_font, ALERT)

    def _draw_bar(
        self, canvas: Canvas, qualifier: Qualifier, x0: float, x1: float, y: float, colour: QColor
    ) -> None:
        assert canvas.painter is not None
        bar = canvas.rect(x0, y, x1 - x0, self.BAR_H)
        paint_figure_mark(canvas.painter, bar, qualifier, colour, self.value_font, PAPER)
