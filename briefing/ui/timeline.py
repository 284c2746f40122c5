"""The timeline panel: events on a date axis, one lane per side, fuzzy dates drawn as spans.

One graphics item draws every event (no item per event, no TextItem per label), the way
pyqtgraph's own fast items do: it culls to the visible range, thins to one mark per pixel,
labels only what fits, and caches label widths. A date that is not a day (decade, year, season,
range) is drawn as a bar with whiskers from its first to its last day, never as a false point.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from html import escape

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from briefing.diff import ChangeKind
from briefing.drawing.axis import date_ticks, from_x, tick_label, to_x
from briefing.drawing.distinct import sorted_distinct, sorted_distinct_rows
from briefing.drawing.gaps import ShortenedAxis
from briefing.drawing.lanes import NO_SIDE
from briefing.drawing.marks import paint_change_frame, paint_day, span_fill
from briefing.drawing.palette import (
    NO_SIDE_COLOUR,
    REMOVED_COLOUR,
    change_colour,
    mix,
    side_colours,
)
from briefing.links import ItemKind
from briefing.model import Briefing
from briefing.timeline_layout import (
    LaneIndex,
    Marks,
    ShownLane,
    default_range,
    event_at,
    first_in_runs,
    index_lanes,
    merge_spans,
    run_starts,
    shown_lanes,
)
from briefing.tooltips import event_tooltip
from briefing.ui.colours import muted
from briefing.ui.document import Document
from briefing.ui.item_menu import show_item_menu

MIN_LABEL_PX = 70.0  # a label is elided to make room for the next, never shorter than this
LABEL_GAP_PX = 8.0  # between two labels in a row


def _label_start(label: list) -> float:
    """A placed label ([x, width, event, candidate]) by where it starts."""
    return label[0]


def _start_less_gap(label: list) -> float:
    """A placed label by where a label before it must end: its start less the gap."""
    return label[0] - LABEL_GAP_PX


def _crowded_ends(taken: list[list[list]]) -> tuple[float, float]:
    """Where no row can take a label that ends there (lo < end < hi): in each row, the last
    label starts before `end` and too close to it for both labels to keep MIN_LABEL_PX
    (EventMarks._place would find no room whole or elided). Near the right edge most
    candidates fail so, and at 100,000 events asking _place for each cost a millisecond a
    frame. The rows change only when a label is placed, so this is worked out only then."""
    if not all(taken):
        return math.inf, -math.inf  # an empty row has room
    last_starts = [row[-1][0] for row in taken]
    return max(last_starts), min(last_starts) + LABEL_GAP_PX + 2 * MIN_LABEL_PX


HIT_PX = 7.0
# Said in place of the plot when the briefing has no events: an empty axis showed the year
# before today, dates the briefing never mentions.
NO_EVENTS = "This briefing gives no dated events"


# --- the date axis -------------------------------------------------------------------------


class DateAxis(pg.AxisItem):
    """A bottom axis that reads x as days and labels years, months or days by zoom."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.shortened = ShortenedAxis()
        self._labels: dict[float, str] = {}
        self._edges: tuple[ShortenedAxis | None, list[float]] = (None, [])  # of the breaks

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        """Ticks of each stretch between shortened gaps, each labelled from its own start."""
        self._labels = {}
        if self._edges[0] is not self.shortened:
            edges = [-math.inf]
            for start, end, _words in self.shortened.shown_breaks():
                edges += [start, end]
            self._edges = (self.shortened, [*edges, math.inf])
        edges = self._edges[1]
        values: list[float] = []
        for lo, hi in zip(edges[::2], edges[1::2], strict=True):
            lo, hi = max(lo, minVal), min(hi, maxVal)
            pixels = size * (hi - lo) / max(maxVal - minVal, 1e-9)
            if hi <= lo or pixels < 40:
                continue
            day_lo, day_hi = (float(d) for d in self.shortened.day(np.array([lo, hi])))
            unit, days = date_ticks(day_lo, day_hi, pixels)
            places = self.shortened.place(np.array(days, dtype=float)).tolist()
            for i, (day, place) in enumerate(zip(days, places, strict=True)):
                if lo <= place <= hi:
                    self._labels[place] = tick_label(unit, day, i == 0)
                    values.append(place)
        # Each break's edges are dated too: a stretch between two breaks may have no room
        # for ticks of its own (a year-long fuzzy date between two shortened gaps).
        per_px = max(maxVal - minVal, 1e-9) / max(size, 1.0)
        for edge in edges[1:-1]:
            if minVal <= edge <= maxVal and all(abs(edge - v) > 70 * per_px for v in values):
                day = from_x(float(self.shortened.day(edge)) + 0.5)
                whole_year = day.month == 1 and day.day == 1
                self._labels[edge] = (
                    str(day.year) if whole_year else tick_label("day", to_x(day), True)
                )
                values.append(edge)
        return [(1.0, sorted(values))]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:
        return [self._labels.get(v, "") for v in values]


# --- lanes and marks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Ghost:
    """An event the version compared with had and the shown briefing has not, where it was:
    drawn hollow, grey and dashed in one lane, never selected."""

    event_id: str
    title: str
    lane: int
    x0: float  # first day, on the axis as shown (gaps shortened)
    x1: float  # last day
    exact: bool


@dataclass(frozen=True)
class Lane:
    key: str  # a side id, or drawing.lanes.NO_SIDE for events with no side
    name: str
    colour: QColor


def lanes_of(briefing: Briefing | None, keys: list[tuple[str, str]]) -> list[Lane]:
    """Lanes with their colours, from (key, name) pairs."""
    colours = side_colours(briefing)
    return [Lane(key, name, colours.get(key, QColor(NO_SIDE_COLOUR))) for key, name in keys]


DOT_STAMP_PX = 18
DOT_RADIUS_PX = 5.25  # with its ring, 12 px across
DENSE_DOTS = 400  # past this many dots in one lane's view, space them out
DENSE_DOT_SPACING_PX = 4
# Past this many spans in one lane's view, overlapping spans are drawn merged, without whiskers.
SPAN_DETAIL_LIMIT = 300


def in_view(
    shown: ShownLane, vx0: float, vx1: float, margin: float
) -> tuple[int, int, np.ndarray, int]:
    """What of a lane is in the view from vx0 to vx1 (days: with `margin`), by binary search:
    its days d0:d1, the positions of its spans in view, and s1, where the spans starting
    after the view begin."""
    index = shown.index
    d0, d1 = (int(i) for i in np.searchsorted(index.day_x, (vx0 - margin, vx1 + margin)))
    s0 = np.searchsorted(index.span_x0, vx0 - index.longest)
    s1 = int(np.searchsorted(index.span_x0, vx1, side="right"))
    spans = s0 + np.flatnonzero(index.span_x1[s0:s1] >= vx0)
    return d0, d1, spans, s1


def dot_pixels(px: np.ndarray) -> np.ndarray:
    """Of days' pixels (ascending), where dots are drawn: one per pixel and, when they crowd,
    one per few pixels (a dot is 12 px wide)."""
    px = px[first_in_runs(px)]
    if len(px) > DENSE_DOTS:
        px = px[first_in_runs(np.floor(px / DENSE_DOT_SPACING_PX))]
    return px


def day_pixels(
    shown: ShownLane, d0: int, d1: int, sx: float, dx: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A lane's days d0:d1 in view: the pixels of the dots of those not highlighted and of
    those highlighted (ascending; one or more per pixel, thinned again as they are drawn),
    and the position of the first day in each 4-pixel bin (label candidates).

    A day's pixel is floor((x0 + 0.5) * sx + dx). Without a highlight in the lane only the
    first day of each pixel is looked at, found by binary search, and the first of each
    4-pixel bin is the first of its first pixel: a lane of 25,000 days in view costs about
    what one of 400 does.
    """
    x0 = shown.day_x0

    def pixel(positions: np.ndarray) -> np.ndarray:
        return np.floor((x0[positions] + 0.5) * sx + dx)

    if d1 <= d0:
        nothing = np.zeros(0)
        return nothing, nothing, nothing.astype(np.intp)
    if shown.any_lit_day:
        px = np.floor((x0[d0:d1] + 0.5) * sx + dx)
        lit = shown.day_lit[d0:d1]
        firsts = d0 + np.flatnonzero(first_in_runs(np.floor(px / 4)))
        return px[~lit], px[lit], firsts
    # Where each pixel between the first and last day begins, as an x0.
    first, last = (float(p) for p in pixel(np.array([d0, d1 - 1])))
    if last - first > d1 - d0:
        edges = np.zeros(d1 - d0)  # more pixels than days: look at every day
    else:
        edges = (np.arange(first + 1, last + 1) - dx) / sx - 0.5
    days = run_starts(x0, d0, d1, pixel, edges)
    px = pixel(days)
    in_bin = first_in_runs(np.floor(px / 4))
    if np.count_nonzero(in_bin) > DENSE_DOTS:  # past this many only one per 4 pixels is drawn
        return px[in_bin], np.zeros(0), days[in_bin]
    return px, np.zeros(0), days[in_bin]


def span_pixels(
    shown: ShownLane, spans: np.ndarray, sx: float, dx: float, vx0: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A lane's spans in view (in_view's positions), by the pixel each starts at: the first
    span of each such pixel, the pixel, and where its bar ends (the furthest end of the spans
    starting there, at least 3 px on).

    Merged (merge_spans), these bars cover what every span in view does, and their first
    per 4-pixel bin is the first span there. The first of each pixel is found by binary
    search, as for days; only the furthest end looks at every span, in one pass: a lane of
    7,500 spans in view costs about what one of 300 does.
    """
    if len(spans) == 0:
        nothing = np.zeros(0)
        return nothing.astype(np.intp), nothing, nothing
    index = shown.index
    x0 = index.span_x0
    lo, hi = int(spans[0]), int(spans[-1]) + 1  # all of [lo, hi) in view but some ending before

    def pixel(positions: np.ndarray) -> np.ndarray:
        return np.floor(x0[positions] * sx + dx)

    first, last = (float(p) for p in pixel(np.array([lo, hi - 1])))
    if last - first > hi - lo:
        edges = np.zeros(hi - lo)  # more pixels than spans: look at every span
    else:
        edges = (np.arange(first + 1, last + 1) - dx) / sx
    starts = run_starts(x0, lo, hi, pixel, edges)
    reach = np.maximum.reduceat(index.span_x1[lo:hi], starts - lo)
    # A span ending before the view (in_view left it out) starts before it too, so its pixel
    # holds it with those that reach into the view, whose ends are further; a pixel of none
    # of those is not in view.
    keep = reach >= vx0
    starts, reach = starts[keep], reach[keep]
    p0 = pixel(starts)
    return starts, p0, np.maximum(np.floor(reach * sx + dx), p0 + 3)


class EventMarks(pg.GraphicsObject):
    """Draws every visible event in pixel space: bars for spans, dots for days, fitted labels."""

    def __init__(self) -> None:
        super().__init__()
        self.marks = Marks.empty()
        self.lanes: list[Lane] = []
        self.shown = np.zeros(0, dtype=bool)  # per mark: left by the filter
        self.highlighted: frozenset[str] = frozenset()
        self.selected: str | None = None
        self.text_colour = QColor("black")
        self.muted_colour = QColor("gray")
        self.halo_colour = QColor("#ffbf00")
        self.background = QColor("white")
        self.font = QFont()
        self._label_cache: dict[int, tuple[str, float]] = {}
        self._elided_cache: dict[tuple[int, int], str] = {}
        self.labelled: list[str] = []  # event ids labelled in the last paint
        self.label_texts: dict[str, str] = {}  # their labels as drawn, whole or elided
        self.breaks: list[tuple[float, float, str]] = []  # shortened gaps: start, end, words
        self.cursor: int | None = None  # the event the keyboard is on (an event index)
        self.focused = False  # the plot has the keyboard focus: draw its frame
        # Off-view counts as drawn: their box (viewport pixels), lane, and whether at the left.
        self.offscreen_boxes: list[tuple[QRectF, int, bool]] = []
        self.lane_index: list[LaneIndex] = []
        self._dots: dict[tuple, QPixmap] = {}
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)  # reused by each paint
        self._lit: tuple[frozenset[str], np.ndarray] | None = None  # per mark, for highlighted
        # Each lane's marks left by the filter, and per mark whether highlighted and left by
        # it, for the `shown` and lit_marks() they were made for.
        self._shown_lanes: tuple[np.ndarray, np.ndarray, list[ShownLane], np.ndarray] | None = None
        self._where = QRectF()  # the view's rect on the scene when the bounds last changed
        # Events new or changed since the version compared with: by event index, the kind (for
        # the frame round their marks) and the mark before their label ("[new] ").
        self.changes: dict[int, tuple[ChangeKind, str]] = {}
        self._changed_marks = np.zeros(0, dtype=np.intp)  # the marks of those events
        self.change_colour = QColor(change_colour(self.background))
        # Events removed since the version compared with, drawn where they were: none (and
        # nothing to paint) when nothing is compared.
        self.ghosts: list[Ghost] = []
        self._ghost_xy = np.zeros((0, 4))  # per ghost: x0, x1, lane, exact
        self.removed_colour = QColor(REMOVED_COLOUR)

    def set_marks(
        self, marks: Marks, lanes: list[Lane], lane_index: list[LaneIndex] | None = None
    ) -> None:
        self.marks, self.lanes = marks, lanes
        self.lane_index = index_lanes(marks, len(lanes)) if lane_index is None else lane_index
        self.last_lane = np.zeros(len(marks.ids), dtype=int)  # per event: its last lane
        np.maximum.at(self.last_lane, marks.event, marks.lane)
        self._lit = None
        self.shown = np.ones(len(marks.x0), dtype=bool)
        self.changes = {}
        self._changed_marks = np.zeros(0, dtype=np.intp)
        self._label_cache.clear()
        self._elided_cache.clear()
        self.update()

    def set_shown(self, event_ids: frozenset[str]) -> None:
        keep = np.array([event_id in event_ids for event_id in self.marks.ids], dtype=bool)
        self.shown = keep[self.marks.event] if len(keep) else np.zeros(0, dtype=bool)
        self.update()

    def set_changes(self, changes: dict[str, tuple[ChangeKind, str]]) -> None:
        """Frame and mark the labels of these events (by id): new or changed, and the mark."""
        ids = self.marks.ids
        self.changes = {
            i: changes[event_id] for i, event_id in enumerate(ids) if event_id in changes
        }
        # Their marks, found once here rather than by a pass over every mark each paint.
        changed = np.zeros(len(ids), dtype=bool)
        changed[list(self.changes)] = True
        self._changed_marks = np.flatnonzero(changed[self.marks.event])
        self._label_cache.clear()
        self._elided_cache.clear()
        self.update()

    def set_font(self, font: QFont) -> None:
        self.font = font
        self._label_cache.clear()
        self._elided_cache.clear()
        self.update()

    # pyqtgraph asks for the data bounds when it auto-ranges; the item paints the whole view.
    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange=None):
        if len(self.marks.x0) == 0:
            return None
        if axis == 0:
            return float(self.marks.x0.min()), float(self.marks.x1.max())
        return -0.5, len(self.lanes) - 0.5

    # The item paints the whole view (labels reach past their events), so its bounds are the
    # view's; tell the scene whenever the view moves on the scene. Not when only its range
    # changes: the view's new transform repaints its items anyway, and ViewBox applies it as
    # a paint begins, so telling the scene then asked for a second paint of the whole view.
    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()  # drops pyqtgraph's cached view rect
        self._bounds_changed()

    def viewRangeChanged(self) -> None:
        super().viewRangeChanged()
        self._cachedView = None
        self._bounds_changed()

    def _bounds_changed(self) -> None:
        view = self.getViewBox()
        where = QRectF() if view is None else view.sceneBoundingRect()
        if where != self._where:
            self._where = where
            self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        rect = self.viewRect()
        return QRectF() if rect is None else QRectF(rect)

    def _label(self, index: int, metrics: QFontMetricsF) -> tuple[str, float]:
        """An event's title on one line, whole, and its width."""
        cached = self._label_cache.get(index)
        if cached is None:
            title = " ".join(self.marks.titles[index].split())
            if index in self.changes:
                title = self.changes[index][1] + title
            cached = self._label_cache[index] = (title, metrics.horizontalAdvance(title))
        return cached

    def _elided(self, index: int, title: str, width: float, metrics: QFontMetricsF) -> str:
        """A title elided to a width; kept, since a pan leaves most widths as they were."""
        key = (index, round(width))
        text = self._elided_cache.get(key)
        if text is None:
            if len(self._elided_cache) > 20_000:
                self._elided_cache.clear()
            text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, key[1])
            self._elided_cache[key] = text
        return text

    def lit_marks(self) -> np.ndarray:
        """Per mark: is its event highlighted? Worked out once per highlight, not per paint."""
        if self._lit is None or self._lit[0] is not self.highlighted:
            lit = np.zeros(len(self.marks.x0), dtype=bool)
            if self.highlighted:
                wanted = np.array([i in self.highlighted for i in self.marks.ids], dtype=bool)
                lit = wanted[self.marks.event] if len(wanted) else lit
            self._lit = (self.highlighted, lit)
        return self._lit[1]

    def shown_lanes(self) -> list[ShownLane]:
        """Each lane's marks the filter leaves: worked out once per filter or highlight."""
        return self._shown_marks()[2]

    def lit_shown(self) -> np.ndarray:
        """Per mark: highlighted and left by the filter. Worked out with shown_lanes, not per
        paint (two passes over every mark, at 100,000 events)."""
        return self._shown_marks()[3]

    def _shown_marks(self) -> tuple[np.ndarray, np.ndarray, list[ShownLane], np.ndarray]:
        lit = self.lit_marks()
        cached = self._shown_lanes
        if cached is None or cached[0] is not self.shown or cached[1] is not lit:
            lanes = shown_lanes(self.marks, self.lane_index, self.shown, lit)
            cached = self._shown_lanes = (self.shown, lit, lanes, lit & self.shown)
        return cached

    def paint(self, painter: QPainter, *_args) -> None:
        view = self.getViewBox()
        if view is None or not self.lanes:
            return
        (vx0, vx1), _ = view.viewRange()
        transform = painter.transform()
        sx, dx, sy, dy = transform.m11(), transform.dx(), transform.m22(), transform.dy()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, right = vx0 * sx + dx, vx1 * sx + dx
        lane_px = abs(sy)
        self._paint_breaks(painter, sx, dx, sy, dy, left, right)  # under the lanes' lines
        self._paint_lanes(painter, sy, dy, left, right)
        self.offscreen_boxes = []
        # A day counts as in view when its dot is (a dot is ~6 px wide); a span when any of it is.
        margin = 6 / abs(sx) if sx else 0.0
        lit = self.lit_shown()
        # Dim the rest only when something lit is left by the filter (each mark is a day or
        # a span of one lane).
        dim = any(lane.any_lit_day or lane.any_lit_span for lane in self.shown_lanes())
        lanes_in_view = []
        for lane_index, lane in enumerate(self.lanes):
            shown = self.shown_lanes()[lane_index]
            index = shown.index
            d0, d1, spans, s1 = in_view(shown, vx0, vx1, margin)
            dull_days, lit_days, day_firsts = day_pixels(shown, d0, d1, sx, dx)
            y = lane_index * sy + dy
            # Spans, then days: a span's fill is opaque (as on paper), and a day it covers
            # must stay in sight on top of it.
            span_starts, span_p0, span_p1 = span_pixels(shown, spans, sx, dx, vx0)
            if shown.any_lit_span or len(spans) <= SPAN_DETAIL_LIMIT:
                span_lit = shown.span_lit[spans]
                dull_spans = index.span_mark[spans[~span_lit]]
                self._paint_spans(painter, lane.colour, y, sx, dx, dull_spans, dim)
            else:  # too many to tell apart, none highlighted: what each start pixel's cover
                pairs = np.stack(merge_spans(span_p0, span_p1), axis=1)
                self._paint_bars(painter, lane.colour, y, pairs, False, dim)
            self._paint_days(painter, lane.colour, y, dull_days, dim)
            if shown.any_lit_span:
                lit_spans = index.span_mark[spans[span_lit]]
                self._paint_spans(painter, lane.colour, y, sx, dx, lit_spans, False, halo=True)
            self._paint_days(painter, lane.colour, y, lit_days, False, halo=True)
            self._paint_offscreen(painter, lane_index, y, vx0, left, right, d0, d1, s1)
            lanes_in_view.append((d0, d1, day_firsts, spans, span_starts, span_p0))
        if self.ghosts:
            self._paint_ghosts(painter, sx, dx, sy, dy, left, right)
        self._paint_changes(painter, sx, dx, sy, dy, left, right)
        self._paint_cursor(painter, sx, dx, sy, dy)
        self.labelled = self._paint_labels(
            painter, lanes_in_view, lit, dim, sx, dx, sy, dy, lane_px, left, right
        )
        if self.focused:  # a visible focus: the plot's frame in the highlight colour
            frame = transform.mapRect(self.viewRect()).adjusted(1, 1, -1, -1)
            painter.setPen(QPen(self.halo_colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(frame)
        painter.restore()

    def _paint_breaks(self, painter, sx, dx, sy, dy, left, right) -> None:
        """Shortened gaps: a band, a dashed line across the lanes and, when empty, its words
        ("15 years later") as the PDF writes them."""
        if not self.breaks:
            return
        top, bottom = -0.5 * sy + dy, (len(self.lanes) - 0.5) * sy + dy
        top, bottom = min(top, bottom), max(top, bottom)
        metrics = QFontMetricsF(self.font)
        pen = QPen(self.muted_colour, 1.2, Qt.PenStyle.DashLine)
        band = mix(self.muted_colour, self.background, 0.12)  # opaque: no blending, cheaper
        for start, end, words in self.breaks:
            p0, p1 = start * sx + dx, end * sx + dx
            if p1 < left or p0 > right:
                continue
            if words:  # empty time; a break inside a fuzzy date gets only its line
                painter.fillRect(QRectF(p0, top, p1 - p0, bottom - top), band)
            middle = (p0 + p1) / 2
            painter.setPen(pen)
            painter.drawLine(QPointF(middle, top), QPointF(middle, bottom))
            if words:
                width = metrics.horizontalAdvance(words)
                box = QRectF(middle - width / 2 - 3, bottom - metrics.height() - 3, width + 6,
                             metrics.height() + 2)  # fmt: skip
                painter.fillRect(box, self.background)
                painter.setFont(self.font)
                painter.setPen(self.muted_colour)
                painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), words)

    def _paint_changes(self, painter, sx, dx, sy, dy, left, right) -> None:
        """Events new or changed since the version compared with: a frame round each mark
        shown, solid for new, dashed for changed (drawing.marks, as on paper)."""
        if not self.changes:
            return
        m = self.marks
        for mark in self._changed_marks[self.shown[self._changed_marks]].tolist():
            a, b = m.x0[mark] * sx + dx, m.x1[mark] * sx + dx
            if b < left - 12 or a > right + 12:
                continue
            y = m.lane[mark] * sy + dy
            kind = self.changes[int(m.event[mark])][0]
            if m.exact[mark]:
                x = (m.x0[mark] + 0.5) * sx + dx
                ring = QRectF(x - 9, y - 9, 18, 18)
                paint_change_frame(painter, ring, kind, self.change_colour, round_=True)
            else:
                box = QRectF(a - 4, y - 9, max(b - a, 3) + 8, 18)
                paint_change_frame(painter, box, kind, self.change_colour)

    def set_ghosts(self, ghosts: list[Ghost]) -> None:
        """Draw these removed events (none: nothing is drawn or worked out per frame)."""
        self.ghosts = ghosts
        self._ghost_xy = np.array([(g.x0, g.x1, g.lane, g.exact) for g in ghosts], dtype=float)
        self.update()

    def _paint_ghosts(self, painter, sx, dx, sy, dy, left, right) -> None:
        """Events removed since the version compared with: a dashed grey outline of the dot or
        span each had, hollow (drawing.marks' frame for a removed item). Culled to the view
        and one per lane and pixel: 1,000 removed events cost as much as the few drawn."""
        x0, x1, lane, exact = self._ghost_xy.T
        a, b = np.floor(x0 * sx + dx), np.floor(x1 * sx + dx)
        keep = (b >= left - 12) & (a <= right + 12)
        drawn = sorted_distinct_rows(np.column_stack((lane, a, b, exact))[keep])
        radius = DOT_RADIUS_PX
        for lane_at, a_px, b_px, is_day in drawn.tolist():
            y = lane_at * sy + dy
            if is_day:
                x = a_px + 0.5 * sx
                dot = QRectF(x - radius, y - radius, 2 * radius, 2 * radius)
                paint_change_frame(painter, dot, ChangeKind.REMOVED, self.removed_colour, True)
            else:
                box = QRectF(a_px, y - 5, max(b_px - a_px, 3), 10)
                paint_change_frame(painter, box, ChangeKind.REMOVED, self.removed_colour)

    def ghost_at(self, x: float, y: float, pixel_width: float) -> Ghost | None:
        """The removed event drawn under a point of the view (data coordinates), if any."""
        lane = round(y)
        reach = HIT_PX * pixel_width
        for ghost in self.ghosts:
            if ghost.lane == lane and ghost.x0 - reach <= x <= ghost.x1 + 1 + reach:
                return ghost
        return None

    def _paint_cursor(self, painter, sx, dx, sy, dy) -> None:
        """The event the keyboard is on: a dashed ring round each of its marks."""
        if self.cursor is None:
            return
        m = self.marks
        pen = QPen(self.text_colour, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for mark in np.flatnonzero(m.event == self.cursor).tolist():
            y = m.lane[mark] * sy + dy
            if m.exact[mark]:
                x = (m.x0[mark] + 0.5) * sx + dx
                painter.drawEllipse(QPointF(x, y), 10.5, 10.5)
            else:
                a, b = m.x0[mark] * sx + dx, m.x1[mark] * sx + dx
                painter.drawRect(QRectF(a - 4, y - 10, b - a + 8, 20))

    def _paint_lanes(self, painter: QPainter, sy: float, dy: float, left: float, right: float):
        pen = QPen(self.muted_colour, 1, Qt.PenStyle.DotLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for i in range(len(self.lanes) + 1):
            y = (i - 0.5) * sy + dy
            painter.drawLine(QPointF(left, y), QPointF(right, y))

    def _faded(self, colour: QColor, dim: bool) -> QColor:
        colour = QColor(colour)
        if dim:
            colour.setAlpha(70)
        return colour

    def _paint_spans(self, painter, colour, y, sx, dx, which, dim, halo=False) -> None:
        if len(which) == 0:
            return
        m = self.marks
        p0 = np.floor(m.x0[which] * sx + dx)
        p1 = np.maximum(np.floor(m.x1[which] * sx + dx), p0 + 3)
        detailed = len(which) <= SPAN_DETAIL_LIMIT
        if detailed:  # thin: one bar per pixel span
            pairs = sorted_distinct_rows(np.stack([p0, p1], axis=1))
        else:  # level of detail: too many to tell apart, so draw what they cover
            order = np.argsort(p0, kind="stable")
            pairs = np.stack(merge_spans(p0[order], p1[order]), axis=1)
        self._paint_bars(painter, colour, y, pairs, detailed, dim, halo)

    def _paint_bars(self, painter, colour, y, pairs, detailed, dim, halo=False) -> None:
        """Span bars from (start, end) pixels: with whiskers when `detailed`."""
        colour = self._faded(colour, dim)
        fill = span_fill(colour, self.background)
        if halo:
            painter.setPen(QPen(self.halo_colour, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects([QRectF(a - 2, y - 7, b - a + 4, 14) for a, b in pairs])
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(fill)
        painter.drawRects([QRectF(a, y - 4, b - a, 8) for a, b in pairs])
        if detailed:
            whiskers = []
            for a, b in pairs:
                whiskers += [QPointF(a, y - 7), QPointF(a, y + 7), QPointF(b, y - 7)]
                whiskers += [QPointF(b, y + 7)]
            painter.drawLines(whiskers)

    def _dot(self, colour: QColor, edge: QColor, halo: bool, ratio: float) -> QPixmap:
        """A day's dot drawn once and stamped many times: far cheaper than wide round pens."""
        key = (colour.rgba(), edge.rgba(), self.halo_colour.rgba() if halo else None, ratio)
        pixmap = self._dots.get(key)
        if pixmap is None:
            size = DOT_STAMP_PX
            pixmap = QPixmap(round(size * ratio), round(size * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            stamp = QPainter(pixmap)
            stamp.setRenderHint(QPainter.RenderHint.Antialiasing)
            centre = QPointF(size / 2, size / 2)
            if halo:
                stamp.setPen(Qt.PenStyle.NoPen)
                stamp.setBrush(self.halo_colour)
                stamp.drawEllipse(centre, 8.5, 8.5)
            paint_day(stamp, centre, DOT_RADIUS_PX, colour, edge)
            stamp.end()
            pixmap = self._dots[key] = pixmap
        return pixmap

    def _paint_days(self, painter, colour, y, px, dim, halo=False) -> None:
        """Dots at these pixels (ascending: floor((x0 + 0.5) * sx + dx) of days by date)."""
        if len(px) == 0:
            return
        colour = self._faded(colour, dim)
        px = dot_pixels(px)
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        dot = self._dot(colour, self.text_colour if not dim else colour, halo, ratio)
        # All of them in one call, as pyqtgraph's ScatterPlotItem stamps its symbols: one
        # fragment (centre, source rect in device pixels, scale, rotation, opacity) per dot.
        self._fragments.resize(len(px))
        fragments = self._fragments.ndarray()
        fragments[:, 0] = px
        fragments[:, 1] = y
        fragments[:, 2:6] = (0.0, 0.0, dot.width(), dot.height())
        fragments[:, 6:10] = (1 / ratio, 1 / ratio, 0.0, 1.0)
        painter.drawPixmapFragments(*self._fragments.drawargs(), dot)

    def _paint_offscreen(self, painter, lane_index, y, vx0, left, right, d0, d1, s1):
        index = self.shown_lanes()[lane_index].index
        # Days left and right of the view; spans wholly before it, and those starting after it.
        before = int(d0) + int(np.count_nonzero(index.span_x1[:s1] < vx0))
        after = len(index.day_x) - int(d1) + len(index.span_x0) - int(s1)
        painter.setFont(self.font)
        painter.setPen(self.muted_colour)
        metrics = QFontMetricsF(self.font)
        for count, text, at_left in ((before, f"◀ {before}", True), (after, f"{after} ▶", False)):
            if not count:
                continue
            width = metrics.horizontalAdvance(text)
            x = left + 3 if at_left else right - width - 7
            box = QRectF(x - 2, y - metrics.height() / 2 - 1, width + 6, metrics.height() + 2)
            painter.fillRect(box, self.background)  # readable over a span running off-screen
            self.offscreen_boxes.append((box, lane_index, at_left))
            painter.drawText(QPointF(x + 1, y + metrics.ascent() / 2 - 1), text)

    def _cursor_in_view(self, index: LaneIndex, d0: int, d1: int, spans: np.ndarray):
        """The marks of the keyboard's event among a lane's days d0:d1 and spans (positions)."""
        if self.cursor is None:
            return np.zeros(0, dtype=np.intp)
        mine = np.flatnonzero(self.marks.event == self.cursor)
        found = []
        for seen in (index.day_mark[d0:d1], index.span_mark[spans]):  # each ascending
            at = np.minimum(np.searchsorted(seen, mine), max(len(seen) - 1, 0))
            found.append(mine[seen[at] == mine] if len(seen) else mine[:0])
        return np.concatenate(found)

    def label_candidates(
        self, shown: ShownLane, lane_view: tuple, lit: np.ndarray, sx: float, dx: float, left: float
    ) -> tuple[np.ndarray, int, np.ndarray]:
        """A lane's label candidates in view (marks), how many of them come first (highlighted
        or the keyboard's, by mark), and where each label starts (pixels).

        Thin before measuring: one candidate per 4 pixels (two rows can label events 9 pixels
        apart), highlighted ones first, then the rest left to right.
        """
        m = self.marks
        index = shown.index
        # As paint found them: in_view, day_pixels, span_pixels.
        d0, d1, day_firsts, spans, span_starts, span_p0 = lane_view
        # Days and spans each come in date order, so a bin's first day or span is the first
        # of its run; of the two, the first mark (the earlier, or the earlier event) is its
        # candidate. No array as long as the marks in view is gathered or sorted.
        day_bins = np.floor(np.floor((shown.day_x0[day_firsts] + 0.5) * sx + dx) / 4)
        span_bins = np.floor(np.maximum(span_p0, left + 2) / 4)
        span_first = first_in_runs(span_bins)
        bins = np.concatenate([day_bins, span_bins[span_first]])
        kept = np.concatenate(
            [index.day_mark[day_firsts], index.span_mark[span_starts[span_first]]]
        )
        order = np.lexsort((kept, bins))
        thinned = kept[order][first_in_runs(bins[order])]  # by bin: by start, left to right
        first_mark = lit[thinned]
        if self.cursor is not None:
            first_mark = first_mark | (m.event[thinned] == self.cursor)
        rest = thinned[~first_mark]
        firsts = np.concatenate(
            [
                index.day_mark[d0 + np.flatnonzero(shown.day_lit[d0:d1])],
                index.span_mark[spans[shown.span_lit[spans]]],
                self._cursor_in_view(index, d0, d1, spans),
            ]
        ).astype(np.intp)
        if len(firsts) > 1:  # by mark, once each
            firsts = sorted_distinct(firsts)
        chosen = np.concatenate([firsts, rest]).astype(np.intp)
        starts = np.where(
            m.exact[chosen],
            np.floor((m.x0[chosen] + 0.5) * sx + dx),
            np.maximum(np.floor(m.x0[chosen] * sx + dx), left + 2),
        )
        return chosen, len(firsts), starts

    def _paint_labels(
        self, painter, lanes_in_view, lit, dim, sx, dx, sy, dy, lane_px, left, right
    ) -> list[str]:
        """Greedy level of detail: each event in view gets one label (in its first lane with
        room), whole where it fits; a label is elided only to make room for the next one, and
        never below MIN_LABEL_PX. Highlighted events and the keyboard's come first."""
        m = self.marks
        metrics = QFontMetricsF(self.font)
        bold = QFont(self.font)
        bold.setBold(True)
        rows = [-10.0, 10.0 + metrics.ascent()] if lane_px >= 46 else [-8.0]
        done: set[int] = set()  # events labelled: one label per event, even in two lanes
        # Per lane and row: [x, width, event index, mark] of each label placed.
        placed: list[list[list[list]]] = []
        for lane_index in range(len(self.lanes)):
            taken: list[list[list]] = [[] for _ in rows]
            placed.append(taken)
            shown = self.shown_lanes()[lane_index]
            d0, d1, _day_firsts, spans, _starts, _p0 = lanes_in_view[lane_index]
            if d1 == d0 and len(spans) == 0:
                continue
            chosen, first_count, starts = self.label_candidates(
                shown, lanes_in_view[lane_index], lit, sx, dx, left
            )
            candidates = chosen.tolist()
            # Per candidate, as Python values (the loop reads them one by one).
            events = m.event[chosen].tolist()
            exacts = m.exact[chosen].tolist()
            starts_list = starts.tolist()
            xs = starts_list[first_count:]  # the rest's, ascending: bisected in the loop
            # Left to right, a candidate that starts before every row's last label could be
            # cut to its shortest cannot fit: skipped unmeasured, by binary search (most of
            # them, when events crowd).
            position = 0
            # Worked out for the rows as they are, again only when a label is placed.
            skip: int | None = None
            crowded = _crowded_ends(taken)
            while position < len(candidates):
                mark = candidates[position]
                event_index = events[position]
                exact = exacts[position]
                x = starts_list[position] + (7 if exact else 0)
                position += 1
                if event_index in done:
                    continue
                text, width = self._label(event_index, metrics)
                end = None
                if x + width > right - 4:  # near the right edge: end the label at its mark
                    end = x - (14 if exact else 0)
                    width = min(width, end - left - 2)
                # An event in two lanes is elided only in its last: in another it may fit whole.
                elide = lane_index >= self.last_lane[event_index]
                if (
                    width >= MIN_LABEL_PX
                    and not (end is not None and crowded[0] < end < crowded[1])
                    and self._place(taken, x, width, event_index, mark, end, elide)
                ):
                    done.add(event_index)
                    skip, crowded = None, _crowded_ends(taken)
                if position > first_count:
                    if skip is None:  # the rows changed: where the next candidate can fit
                        frontier = min(
                            (row[-1][0] + MIN_LABEL_PX + LABEL_GAP_PX if row else -np.inf)
                            for row in taken
                        )
                        skip = first_count + bisect_left(xs, frontier - 7)
                    position = max(position, skip)
        labelled: list[str] = []
        self.label_texts = {}
        for lane_index, taken in enumerate(placed):
            y = lane_index * sy + dy
            for row, labels in enumerate(taken):
                for x, width, event_index, mark in labels:
                    text, whole = self._label(event_index, metrics)
                    if width < whole - 0.5:
                        text = self._elided(event_index, text, width, metrics)
                    highlight = bool(lit[mark])
                    painter.setFont(bold if highlight else self.font)
                    painter.setPen(self.text_colour if not dim or highlight else self.muted_colour)
                    painter.drawText(QPointF(x, y + rows[row]), text)
                    labelled.append(m.ids[event_index])
                    self.label_texts[m.ids[event_index]] = text
        return labelled

    @staticmethod
    def _place(
        taken: list[list[list]],
        x: float,
        width: float,
        event: int,
        k: int,
        end: float | None,
        elide: bool = True,
    ) -> bool:
        """Put a label in the first row it fits whole; else in the first row where eliding
        its left neighbour, or itself, to no less than MIN_LABEL_PX makes room. A label with
        an `end` ends there (at its mark, by the view's right edge) instead of starting at x."""
        # A row's labels never overlap and are kept sorted by start, so their ends are sorted
        # too: bisecting finds the one neighbour on each side that can be in the way, where
        # scanning the whole row made each frame's cost grow with the labels already placed.
        gap = LABEL_GAP_PX
        start = x if end is None else end - width
        for row in taken:
            # the labels that do not start clear to the right of this one; the last of them
            # ends last, so this one fits whole when it starts clear of that one's end
            clear = bisect_right(row, start + width, key=_start_less_gap)
            if clear == 0 or start > row[clear - 1][0] + row[clear - 1][1] + gap:
                insort(row, [start, width, event, k], key=_label_start)
                return True
        if not elide:
            return False
        anchor = x if end is None else end
        for row in taken:
            split = bisect_left(row, anchor, key=_label_start)  # row[:split] start before anchor
            if split >= 2 and row[split - 2][0] + row[split - 2][1] + gap >= anchor:
                continue
            prev = row[split - 1] if split else None
            following = row[split] if split < len(row) else None
            if end is None:
                crowded = prev is not None and prev[0] + prev[1] + gap >= x
                if crowded and x - gap - prev[0] < MIN_LABEL_PX:
                    continue
                room = (following[0] - gap - x) if following is not None else width
                if min(width, room) < MIN_LABEL_PX:
                    continue
                if crowded:
                    prev[1] = x - gap - prev[0]
                label = [x, min(width, room), event, k]
            else:
                if following is not None and following[0] <= end + gap:
                    continue
                first = end - width
                if prev is not None and prev[0] + prev[1] + gap >= first:
                    # Share the room with the label before: each keeps at least MIN_LABEL_PX.
                    total = end - prev[0] - gap
                    if total < 2 * MIN_LABEL_PX:
                        continue
                    prev[1] = min(prev[1], max(MIN_LABEL_PX, total / 2, total - width))
                    first = prev[0] + prev[1] + gap
                label = [first, end - first, event, k]
            insort(row, label, key=_label_start)
            return True
        return False

    def event_at(self, x: float, y: float, pixel_width: float) -> str | None:
        """The event under a point of the view (in data coordinates), nearest first."""
        return event_at(self.marks, self.lane_index, self.shown, x, y, HIT_PX * pixel_width)


class _PlotKeys(QObject):
    """Keys on the plot: + and - zoom, Right/Left or N/P step to the next/previous event and
    Enter selects it, Shift+arrows pan, Home shows everything; and the focus frame."""

    def __init__(self, panel: TimelinePanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.panel.marks.focused = event.type() == QEvent.Type.FocusIn
            self.panel.marks.update()
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        actions = {
            Qt.Key.Key_Plus: lambda: self.panel.zoom(0.5),
            Qt.Key.Key_Equal: lambda: self.panel.zoom(0.5),
            Qt.Key.Key_Minus: lambda: self.panel.zoom(2.0),
            Qt.Key.Key_Left: (lambda: self.panel.pan(-0.2))
            if shift
            else (lambda: self.panel.step(-1)),
            Qt.Key.Key_Right: (lambda: self.panel.pan(0.2))
            if shift
            else (lambda: self.panel.step(1)),
            Qt.Key.Key_P: lambda: self.panel.step(-1),
            Qt.Key.Key_N: lambda: self.panel.step(1),
            Qt.Key.Key_Return: self.panel.select_cursor,
            Qt.Key.Key_Enter: self.panel.select_cursor,
            Qt.Key.Key_Home: self.panel.fit_all,
            Qt.Key.Key_0: self.panel.reset_view,
        }
        action = actions.get(Qt.Key(key))
        if action is None:
            return False
        action()
        return True


class TimelinePanel(QWidget):
    """Events of the document on a date axis; hover for details, click to select."""

    hovered = Signal(str)  # event id under the mouse, "" when none

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription("Events on a date axis, one lane per side")
        self.document = document
        self.axis = DateAxis()
        # No context menus (the panel has its own item menu): asked at construction, the view
        # never builds pyqtgraph's menu of range and axis controls (20-35 ms) to drop it.
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis}, enableMenu=False)
        self.plot.setObjectName("timelinePlot")
        self.plot.setAccessibleName("Timeline plot")
        self.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot.installEventFilter(_PlotKeys(self))
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.showGrid(x=True, y=False, alpha=0.12)
        self.view = item.getViewBox()
        self.view.setMouseEnabled(x=True, y=False)
        self.view.invertY(True)
        self.marks = EventMarks()
        self.plot.addItem(self.marks)
        item.getAxis("left").setStyle(tickLength=0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(NO_EVENTS)
        self.empty.setObjectName("timelineEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout.addWidget(self.empty)
        layout.addWidget(self.plot)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot.customContextMenuRequested.connect(self._show_item_menu)
        self._default = default_range(Marks.empty())
        self.gaps_shortened = True  # long empty stretches shortened, as in the PDF
        self.shortened = ShortenedAxis()  # the axis x is measured on now
        document.briefingChanged.connect(self._on_briefing_changed)
        document.filterChanged.connect(self._on_filter_changed)
        document.selectionChanged.connect(self._on_selection_changed)
        document.comparisonChanged.connect(self._on_comparison_changed)
        self.apply_palette(self.palette())
        self.refresh()

    # State the tests and the window read.
    def shown_event_ids(self) -> set[str]:
        m = self.marks.marks
        return {m.ids[int(e)] for e in m.event[self.marks.shown]}

    def highlighted_ids(self) -> set[str]:
        return set(self.marks.highlighted) & self.shown_event_ids()

    def labelled_ids(self) -> list[str]:
        return list(self.marks.labelled)

    def tooltip_for(self, event_id: str) -> str:
        briefing = self.document.briefing
        if briefing is None:
            return ""
        if event_id not in briefing.events_by_id:
            ghost = next((g for g in self.marks.ghosts if g.event_id == event_id), None)
            return "" if ghost is None else self._ghost_tooltip(ghost)
        mark = self.document.change_mark("events", event_id).strip()
        since = f"<p><b>{escape(mark)}</b> since {escape(self.document.earlier_name)}</p>"
        return (since if mark else "") + event_tooltip(briefing, briefing.events_by_id[event_id])

    def _ghost_tooltip(self, ghost: Ghost) -> str:
        since, title = self.document.earlier_name, " ".join(ghost.title.split())
        return f"<p>[removed] since {escape(since)}: {escape(title)}</p>"

    def ghost_ids(self) -> list[str]:
        """The removed events drawn where they were (none when nothing is compared)."""
        return [ghost.event_id for ghost in self.marks.ghosts]

    def empty_text(self) -> str:
        """What the panel says in place of the plot ("" when it shows the plot)."""
        return self.empty.text() if not self.empty.isHidden() else ""

    def x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view.viewRange()
        return x0, x1

    # View changes.
    def zoom(self, factor: float) -> None:
        x0, x1 = self.x_range()
        middle, half = (x0 + x1) / 2, (x1 - x0) / 2 * factor
        self.view.setXRange(middle - half, middle + half, padding=0)

    def pan(self, fraction: float) -> None:
        x0, x1 = self.x_range()
        shift = (x1 - x0) * fraction
        self.view.setXRange(x0 + shift, x1 + shift, padding=0)

    def fit_all(self) -> None:
        m = self.marks.marks
        if len(m.x0):
            first, last = float(m.x0.min()), float(m.x1.max())
            pad = max((last - first) * 0.03, 3.0)
            self.view.setXRange(first - pad, last + pad, padding=0)

    def reset_view(self) -> None:
        self.view.setXRange(*self._default, padding=0)
        # Apply the new range now: pyqtgraph applies it as the next paint begins, and that
        # change asks for a second paint of the whole view.
        self.view.updateMatrix()

    def show_dates(self, first: dt.date, last: dt.date) -> None:
        self.view.setXRange(self.place(first), self.place(last, end=True), padding=0)

    def place(self, day: dt.date, end: bool = False) -> float:
        """Where a day starts (or, with `end`, ends) on the axis as shown, gaps shortened."""
        return float(self.shortened.place(to_x(day) + (1 if end else 0)))

    def set_gaps_shortened(self, shortened: bool) -> None:
        """Shorten long empty stretches of time (or not), keeping the same dates in view."""
        if shortened == self.gaps_shortened:
            return
        days = self.shortened.day(np.array(self.x_range()))
        self.gaps_shortened = shortened
        self.refresh(keep_view=True)
        x0, x1 = (float(x) for x in self.shortened.place(days))
        self.view.setXRange(x0, x1, padding=0)

    # The keyboard's event.
    def cursor_id(self) -> str | None:
        cursor = self.marks.cursor
        return None if cursor is None else self.marks.marks.ids[cursor]

    def step(self, direction: int) -> None:
        """Move the keyboard to the next (1) or previous (-1) event shown, in date order, and
        bring it into view."""
        m = self.marks.marks
        if len(m.x0) == 0:
            return
        first = np.full(len(m.ids), np.inf)
        np.minimum.at(first, m.event[self.marks.shown], m.x0[self.marks.shown])
        order = np.argsort(first, kind="stable")
        order = order[np.isfinite(first[order])]
        if len(order) == 0:
            return
        cursor = self.marks.cursor
        where = np.flatnonzero(order == cursor) if cursor is not None else []
        if len(where):
            position = int(min(max(where[0] + direction, 0), len(order) - 1))
        else:  # from the view: the first event in it, or the last
            x0, x1 = self.x_range()
            if direction > 0:
                position = int(min(np.searchsorted(first[order], x0), len(order) - 1))
            else:
                position = int(max(np.searchsorted(first[order], x1, side="right") - 1, 0))
        self.marks.cursor = int(order[position])
        self.marks.update()
        self._show_marks(np.flatnonzero(m.event == self.marks.cursor))

    def select_cursor(self) -> None:
        event_id = self.cursor_id()
        if event_id:
            self.document.select(ItemKind.EVENT, event_id)

    def _show_marks(self, marks: np.ndarray) -> None:
        """Pan (keeping the zoom, unless they need more room) so these marks are in view."""
        m = self.marks.marks
        if len(marks) == 0:
            return
        first, last = float(m.x0[marks].min()), float(m.x1[marks].max())
        x0, x1 = self.x_range()
        if first >= x0 and last <= x1:
            return
        width = max(x1 - x0, (last - first) * 1.2)
        middle = (first + last) / 2
        self.view.setXRange(middle - width / 2, middle + width / 2, padding=0)

    def show_offscreen(self, lane: int, at_left: bool) -> None:
        """Bring into view the events counted by an off-view count ("◀ 2") of a lane."""
        m = self.marks.marks
        x0, x1 = self.x_range()
        mine = self.marks.shown & (m.lane == lane)
        out = mine & ((m.x1 <= x0) if at_left else (m.x0 >= x1))
        self._show_marks(np.flatnonzero(out))

    def apply_palette(self, palette: QPalette) -> None:
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        self.plot.setBackground(background)
        for name in ("bottom", "left"):
            axis = self.plot.getPlotItem().getAxis(name)
            axis.setPen(pg.mkPen(muted(palette)))
            axis.setTextPen(pg.mkPen(text))
        self.marks.text_colour = text
        self.marks.muted_colour = muted(palette)
        self.marks.halo_colour = palette.color(QPalette.ColorRole.Highlight)
        self.marks.background = background
        self.marks.change_colour = change_colour(background)
        self.marks.set_font(self.font())

    # What the document says.
    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def refresh(self, keep_view: bool = False) -> None:
        """Show the document's briefing: marks worked out on the loading thread, if it could."""
        self.document.cancel(self)
        briefing = self.document.briefing
        data = self.document.derived.timeline.view(self.gaps_shortened)
        lanes = lanes_of(briefing, data.lanes)
        marks = data.marks
        no_events = briefing is not None and not briefing.events
        self.empty.setVisible(no_events)
        self.plot.setVisible(not no_events)
        cursor = self.cursor_id()
        self.marks.set_marks(marks, lanes, data.index)
        self.marks.cursor = marks.ids.index(cursor) if cursor and cursor in marks.ids else None
        self.shortened = data.shortened
        self.axis.shortened = data.shortened
        self.axis.picture = None  # its ticks again, on the new axis
        self.marks.breaks = data.shortened.shown_breaks()
        self._default = data.default
        left = self.plot.getPlotItem().getAxis("left")
        left.setTicks([[(i, lane.name) for i, lane in enumerate(lanes)]])
        # Its width from the names now: sized by pyqtgraph as it paints, the axis took two
        # more turns to settle, each repainting the whole timeline.
        metrics = QFontMetricsF(left.style.get("tickFont") or self.plot.font())
        names = max((metrics.horizontalAdvance(lane.name) for lane in lanes), default=0.0)
        left.setWidth(math.ceil(names) + left.style["tickTextOffset"][0])
        self.plot.getPlotItem().layout.activate()  # the view's new size before it paints
        self.view.setYRange(-0.5, max(len(lanes), 1) - 0.5, padding=0)
        if data.extent is not None:
            first, last = data.extent
            extent = max(last - first, 30.0)
            self.view.setLimits(
                xMin=first - extent, xMax=last + extent, minXRange=2.0, maxXRange=extent * 3
            )
        self._on_comparison_changed()
        self._on_filter_changed()
        self._on_selection_changed()
        if not keep_view:
            self.reset_view()

    def _on_comparison_changed(self) -> None:
        """Frame the events new or changed since the version compared with (none when none is)."""
        self.marks.set_changes(self.document.marked("events"))
        self.marks.set_ghosts(self._ghosts())

    def _ghosts(self) -> list[Ghost]:
        """Each event removed since the version compared with, in the lanes of its sides (or
        of its actors' sides, as the earlier version gave them) that the timeline still has,
        else in the lane of events with no side, if there is one."""
        removed = self.document.removed("events")
        if not removed:
            return []
        lane_of = {lane.key: i for i, lane in enumerate(self.marks.lanes)}
        earlier = self.document.earlier
        actor_side = {a.id: a.side for a in earlier.actors if a.side} if earlier else {}
        ghosts = []
        for event in removed:
            sides = {*event.sides, *(actor_side[a] for a in event.actors if a in actor_side)}
            lanes = sorted({lane_of[s] for s in sides if s in lane_of})
            if not lanes and NO_SIDE in lane_of:
                lanes = [lane_of[NO_SIDE]]
            days = np.array((event.date.first, event.date.last), dtype=float)
            x0, x1 = (float(x) for x in self.shortened.place(days))
            for lane in lanes:
                ghost = Ghost(event.id, event.title, lane, x0, x1, event.date.is_exact)
                ghosts.append(ghost)
        return ghosts

    def changed_ids(self) -> dict[str, str]:
        """The events marked as new or changed, with the mark before their label."""
        ids = self.marks.marks.ids
        return {ids[index]: mark for index, (_kind, mark) in self.marks.changes.items()}

    def _on_filter_changed(self) -> None:
        self.marks.set_shown(self.document.visible.events)

    def _on_selection_changed(self) -> None:
        self.marks.highlighted = self.document.linked.events
        selection = self.document.selection
        self.marks.selected = selection.id if selection and selection.kind == "event" else None
        if (
            self.marks.selected is not None and self.marks.selected in self.marks.marks.ids
        ):  # the keyboard goes on from it
            self.marks.cursor = self.marks.marks.ids.index(self.marks.selected)
        self.marks.update()
        self._bring_into_view(self.marks.highlighted)

    def _bring_into_view(self, event_ids: frozenset[str]) -> None:
        briefing = self.document.briefing
        if not event_ids or briefing is None:
            return
        events = [briefing.events_by_id[e] for e in event_ids if e in briefing.events_by_id]
        if not events:
            return
        x0, x1 = self.x_range()
        if any(
            self.shortened.place(e.date.last) >= x0 and self.shortened.place(e.date.first) <= x1
            for e in events
        ):
            return  # at least one is in view already
        first = min(float(self.shortened.place(e.date.first)) for e in events)
        last = max(float(self.shortened.place(e.date.last)) for e in events)
        width = max(x1 - x0, last - first)
        middle = (first + last) / 2
        self.view.setXRange(middle - width / 2, middle + width / 2, padding=0.05)

    # What the analyst does.
    def _event_at_scene(self, scene_pos: QPointF) -> str | None:
        if not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.view.mapSceneToView(scene_pos)
        pixel_width, _ = self.view.viewPixelSize()
        return self.marks.event_at(point.x(), point.y(), pixel_width)

    def _ghost_at_scene(self, scene_pos: QPointF) -> Ghost | None:
        if not self.marks.ghosts or not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.view.mapSceneToView(scene_pos)
        pixel_width, _ = self.view.viewPixelSize()
        return self.marks.ghost_at(point.x(), point.y(), pixel_width)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        event_id = self._event_at_scene(scene_pos)
        self.hovered.emit(event_id or "")
        ghost = None if event_id else self._ghost_at_scene(scene_pos)
        if event_id:
            QToolTip.showText(QCursor.pos(), self.tooltip_for(event_id), self.plot)
        elif ghost is not None:
            QToolTip.showText(QCursor.pos(), self._ghost_tooltip(ghost), self.plot)
        else:
            QToolTip.hideText()

    def _show_item_menu(self, pos: QPoint) -> None:
        event_id = self._event_at_scene(self.plot.mapToScene(pos))
        show_item_menu(self.plot.viewport(), self.document, ItemKind.EVENT, event_id, pos)

    def _on_mouse_clicked(self, mouse_event) -> None:
        where = QPointF(self.plot.mapFromScene(mouse_event.scenePos()))
        for box, lane, at_left in self.marks.offscreen_boxes:
            if box.contains(where):
                self.show_offscreen(lane, at_left)
                return
        event_id = self._event_at_scene(mouse_event.scenePos())
        if event_id:
            self.document.select(ItemKind.EVENT, event_id)
