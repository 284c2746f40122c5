"""The timeline panel: events on a date axis, one lane per side, fuzzy dates drawn as spans.

One graphics item draws every event (no item per event, no TextItem per label), the way
pyqtgraph's own fast items do: it culls to the visible range, thins to one mark per pixel,
labels only what fits, and caches label widths. A date that is not a day (decade, year, season,
range) is drawn as a bar with whiskers from its first to its last day, never as a false point.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
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
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from briefing.drawing.axis import EPOCH, date_ticks, tick_label, to_x
from briefing.drawing.lanes import event_lanes
from briefing.drawing.marks import paint_day, span_fill
from briefing.drawing.palette import NO_SIDE_COLOUR, side_colours
from briefing.model import Briefing
from briefing.ui.colours import muted
from briefing.ui.describe import event_tooltip
from briefing.ui.document import Document
from briefing.ui.filters import ItemKind
from briefing.ui.item_menu import show_item_menu

LABEL_MAX_PX = 200.0
HIT_PX = 7.0
PREPARED = "timeline"  # the name of timeline_data's result in Document.prepared


# --- the date axis -------------------------------------------------------------------------


class DateAxis(pg.AxisItem):
    """A bottom axis that reads x as days and labels years, months or days by zoom."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self._unit = "year"

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        self._unit, values = date_ticks(minVal, maxVal, size)
        return [(1.0, values)]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:
        return [tick_label(self._unit, v, i == 0) for i, v in enumerate(values)]


# --- lanes and marks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Lane:
    key: str  # a side id, or drawing.lanes.NO_SIDE for events with no side
    name: str
    colour: QColor


def lanes_of(briefing: Briefing | None, keys: list[tuple[str, str]]) -> list[Lane]:
    """Lanes with their colours, from (key, name) pairs."""
    colours = side_colours(briefing)
    return [Lane(key, name, colours.get(key, QColor(NO_SIDE_COLOUR))) for key, name in keys]


@dataclass
class Marks:
    """One row per (event, lane) an event is drawn in, sorted by lane then start."""

    ids: list[str]  # event ids, by event index
    titles: list[str]
    event: np.ndarray  # event index per mark
    lane: np.ndarray
    x0: np.ndarray  # first day
    x1: np.ndarray  # the day after the last day
    exact: np.ndarray

    @classmethod
    def empty(cls) -> Marks:
        nothing = np.zeros(0)
        return cls([], [], nothing.astype(int), nothing.astype(int), nothing, nothing, nothing > 0)


@dataclass
class TimelineData:
    """What the timeline draws of a briefing, worked out without Qt (on the loading thread)."""

    lanes: list[tuple[str, str]]  # (side id or "" for no side, name) of each lane
    marks: Marks
    index: list[LaneIndex]
    extent: tuple[float, float] | None  # first day, day after the last
    default: tuple[float, float]  # default_range(marks)


def timeline_data(briefing: Briefing | None) -> TimelineData:
    """Lanes, marks and their per-lane index: one pass over the events, then numpy.

    It takes no Qt and touches nothing shared, so the document works it out on the loading
    thread (Document.prepare); on the UI thread it cost 90-180 ms for 10,000 events.
    """
    if briefing is None:
        marks = Marks.empty()
        return TimelineData([], marks, [], None, default_range(marks))
    lanes = event_lanes(briefing)
    events = briefing.events
    mark_event: list[int] = []
    mark_lane: list[int] = []
    for index, in_lanes in enumerate(lanes.of_event):
        for lane in in_lanes:
            mark_event.append(index)
            mark_lane.append(lane)
    count = len(events)
    dates = [event.date for event in events]
    first = np.fromiter((d.start.toordinal() for d in dates), dtype=float, count=count) - EPOCH
    last = np.fromiter((d.end.toordinal() for d in dates), dtype=float, count=count) - EPOCH + 1
    exact = np.fromiter((d.is_exact for d in dates), dtype=bool, count=count)
    event_of = np.array(mark_event, dtype=int)
    lane_arr = np.array(mark_lane, dtype=int)
    # By lane, then start; ties keep event order (both sorts are stable).
    order = np.lexsort((first[event_of], lane_arr)) if len(event_of) else event_of
    event_of, lane_arr = event_of[order], lane_arr[order]
    marks = Marks(
        [e.id for e in events],
        [e.title for e in events],
        event_of,
        lane_arr,
        first[event_of],
        last[event_of],
        exact[event_of],
    )
    extent = (float(marks.x0.min()), float(marks.x1.max())) if len(marks.x0) else None
    return TimelineData(
        lanes.keys, marks, index_lanes(marks, len(lanes.keys)), extent, default_range(marks)
    )


def default_range(marks: Marks) -> tuple[float, float]:
    """Where most events are: the full extent, unless a few far-off events would squash them."""
    if len(marks.x0) == 0:
        today = to_x(dt.date.today())
        return today - 365, today + 30
    first, last = float(marks.x0.min()), float(marks.x1.max())
    middles = np.sort((marks.x0 + marks.x1) / 2)
    keep = max(1, int(np.ceil(len(middles) * 0.8)))
    widths = middles[keep - 1 :] - middles[: len(middles) - keep + 1]
    start = int(np.argmin(widths))
    dense = (float(middles[start]), float(middles[start + keep - 1]))
    if last - first > 4 * max(dense[1] - dense[0], 30):
        first, last = dense
    pad = max((last - first) * 0.08, 3.0)
    return first - pad, last + pad


@dataclass
class LaneIndex:
    """One lane's marks split into days and spans, each sorted by date, for culling by search."""

    day_x: np.ndarray  # centre of each day mark, ascending
    day_mark: np.ndarray  # index into Marks of each
    span_x0: np.ndarray  # start of each span, ascending
    span_x1: np.ndarray
    span_mark: np.ndarray
    longest: float  # the longest span: a span starting this far left of the view may reach in


def index_lanes(marks: Marks, lane_count: int) -> list[LaneIndex]:
    lanes = []
    for lane in range(lane_count):
        mine = marks.lane == lane
        days = np.flatnonzero(mine & marks.exact)
        days = days[np.argsort(marks.x0[days], kind="stable")]
        spans = np.flatnonzero(mine & ~marks.exact)
        spans = spans[np.argsort(marks.x0[spans], kind="stable")]
        lengths = marks.x1[spans] - marks.x0[spans]
        lanes.append(
            LaneIndex(
                marks.x0[days] + 0.5,
                days,
                marks.x0[spans],
                marks.x1[spans],
                spans,
                float(lengths.max()) if len(lengths) else 0.0,
            )
        )
    return lanes


def first_in_runs(pixels: np.ndarray) -> np.ndarray:
    """Of sorted pixel positions, the first of each run of equal ones: one mark per pixel."""
    keep = np.ones(len(pixels), dtype=bool)
    keep[1:] = pixels[1:] != pixels[:-1]
    return keep


def merge_spans(p0: np.ndarray, p1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Overlapping pixel spans (sorted by start) merged into the stretches they cover."""
    reach = np.maximum.accumulate(p1)
    starts = np.ones(len(p0), dtype=bool)
    starts[1:] = p0[1:] > reach[:-1] + 1
    first = np.flatnonzero(starts)
    last = np.append(first[1:], len(p0)) - 1
    return p0[first], reach[last]


DOT_STAMP_PX = 18
DOT_RADIUS_PX = 5.25  # with its ring, 12 px across
DENSE_DOTS = 400  # past this many dots in one lane's view, space them out
DENSE_DOT_SPACING_PX = 4
# Past this many spans in one lane's view, overlapping spans are drawn merged, without whiskers.
SPAN_DETAIL_LIMIT = 300


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
        self.labelled: list[str] = []  # event ids labelled in the last paint
        self.lane_index: list[LaneIndex] = []
        self._dots: dict[tuple, QPixmap] = {}
        self._lit: tuple[frozenset[str], np.ndarray] | None = None  # per mark, for highlighted
        self._where = QRectF()  # the view's rect on the scene when the bounds last changed

    def set_marks(
        self, marks: Marks, lanes: list[Lane], lane_index: list[LaneIndex] | None = None
    ) -> None:
        self.marks, self.lanes = marks, lanes
        self.lane_index = index_lanes(marks, len(lanes)) if lane_index is None else lane_index
        self._lit = None
        self.shown = np.ones(len(marks.x0), dtype=bool)
        self._label_cache.clear()
        self.update()

    def set_shown(self, event_ids: frozenset[str]) -> None:
        keep = np.array([event_id in event_ids for event_id in self.marks.ids], dtype=bool)
        self.shown = keep[self.marks.event] if len(keep) else np.zeros(0, dtype=bool)
        self.update()

    def set_font(self, font: QFont) -> None:
        self.font = font
        self._label_cache.clear()
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
        cached = self._label_cache.get(index)
        if cached is None:
            title = " ".join(self.marks.titles[index].split())
            text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, LABEL_MAX_PX)
            cached = self._label_cache[index] = (text, metrics.horizontalAdvance(text))
        return cached

    def lit_marks(self) -> np.ndarray:
        """Per mark: is its event highlighted? Worked out once per highlight, not per paint."""
        if self._lit is None or self._lit[0] is not self.highlighted:
            lit = np.zeros(len(self.marks.x0), dtype=bool)
            if self.highlighted:
                wanted = np.array([i in self.highlighted for i in self.marks.ids], dtype=bool)
                lit = wanted[self.marks.event] if len(wanted) else lit
            self._lit = (self.highlighted, lit)
        return self._lit[1]

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
        self._paint_lanes(painter, sy, dy, left, right)
        # A day counts as in view when its dot is (a dot is ~6 px wide); a span when any of it is.
        margin = 6 / abs(sx) if sx else 0.0
        lit = self.lit_marks() & self.shown
        dim = bool(lit.any())  # dim the rest only when something lit is left by the filter
        visible_per_lane = []
        for lane_index, lane in enumerate(self.lanes):
            index = self.lane_index[lane_index]
            # Cull by binary search on the sorted dates, then keep what the filter leaves.
            d0, d1 = np.searchsorted(index.day_x, (vx0 - margin, vx1 + margin))
            days = index.day_mark[d0:d1]
            days = days[self.shown[days]]
            s0 = np.searchsorted(index.span_x0, vx0 - index.longest)
            s1 = np.searchsorted(index.span_x0, vx1, side="right")
            spans = index.span_mark[s0:s1]
            spans = spans[(index.span_x1[s0:s1] >= vx0) & self.shown[spans]]
            y = lane_index * sy + dy
            # Spans, then days: a span's fill is opaque (as on paper), and a day it covers
            # must stay in sight on top of it.
            self._paint_spans(painter, lane.colour, y, sx, dx, spans[~lit[spans]], dim)
            self._paint_days(painter, lane.colour, y, sx, dx, days[~lit[days]], dim)
            self._paint_spans(painter, lane.colour, y, sx, dx, spans[lit[spans]], False, halo=True)
            self._paint_days(painter, lane.colour, y, sx, dx, days[lit[days]], False, halo=True)
            self._paint_offscreen(painter, lane_index, y, vx0, vx1, left, right, d0, d1, s0, s1)
            visible_per_lane.append(np.sort(np.concatenate([days, spans])))
        self.labelled = self._paint_labels(
            painter, visible_per_lane, lit, dim, sx, dx, sy, dy, lane_px, left, right
        )
        painter.restore()

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
        colour = self._faded(colour, dim)
        p0 = np.floor(m.x0[which] * sx + dx)
        p1 = np.maximum(np.floor(m.x1[which] * sx + dx), p0 + 3)
        detailed = len(which) <= SPAN_DETAIL_LIMIT
        if detailed:  # thin: one bar per pixel span
            pairs = np.unique(np.stack([p0, p1], axis=1), axis=0)
        else:  # level of detail: too many to tell apart, so draw what they cover
            order = np.argsort(p0, kind="stable")
            pairs = np.stack(merge_spans(p0[order], p1[order]), axis=1)
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

    def _paint_days(self, painter, colour, y, sx, dx, which, dim, halo=False) -> None:
        if len(which) == 0:
            return
        colour = self._faded(colour, dim)
        px = np.floor((self.marks.x0[which] + 0.5) * sx + dx)  # ascending: marks sorted by day
        px = px[first_in_runs(px)]  # thin: one dot per pixel
        if len(px) > DENSE_DOTS:  # and when dots crowd, one per few pixels: they are 12 px wide
            px = px[first_in_runs(np.floor(px / DENSE_DOT_SPACING_PX))]
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        dot = self._dot(colour, self.text_colour if not dim else colour, halo, ratio)
        half = DOT_STAMP_PX / 2
        top = y - half
        for x in px.tolist():
            painter.drawPixmap(QPointF(x - half, top), dot)

    def _paint_offscreen(self, painter, lane_index, y, vx0, vx1, left, right, d0, d1, s0, s1):
        index, shown = self.lane_index[lane_index], self.shown
        # Days left and right of the view; spans wholly before it, and those starting after it.
        spans_before = index.span_mark[:s1][index.span_x1[:s1] < vx0]
        before = int(np.count_nonzero(shown[index.day_mark[:d0]])) + int(
            np.count_nonzero(shown[spans_before])
        )
        after = int(np.count_nonzero(shown[index.day_mark[d1:]])) + int(
            np.count_nonzero(shown[index.span_mark[s1:]])
        )
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
            painter.drawText(QPointF(x + 1, y + metrics.ascent() / 2 - 1), text)

    def _paint_labels(
        self, painter, visible_per_lane, lit, dim, sx, dx, sy, dy, lane_px, left, right
    ) -> list[str]:
        """Greedy level of detail: a label is drawn only where it does not touch another."""
        m = self.marks
        metrics = QFontMetricsF(self.font)
        bold = QFont(self.font)
        bold.setBold(True)
        rows = [-10.0, 10.0 + metrics.ascent()] if lane_px >= 46 else [-8.0]
        labelled: list[str] = []
        for lane_index in range(len(self.lanes)):
            which = visible_per_lane[lane_index]
            if len(which) == 0:
                continue
            starts = np.where(
                m.exact[which],
                np.floor((m.x0[which] + 0.5) * sx + dx),
                np.maximum(np.floor(m.x0[which] * sx + dx), left + 2),
            )
            # Thin before measuring: one candidate per 12 pixels (no label is narrower),
            # highlighted ones first.
            _, first = np.unique(np.floor(starts / 12), return_index=True)
            candidates = sorted(first, key=lambda k: (not lit[which[k]], starts[k]))
            y = lane_index * sy + dy
            taken: list[list[tuple[float, float]]] = [[] for _ in rows]
            # Unlit candidates come left to right: one that starts before every row's last
            # label ends cannot fit, and is skipped before it is measured (most, when dense).
            frontier = -np.inf
            lane_lit = bool(lit[which].any())
            for k in candidates:
                if not lane_lit and starts[k] + 7 < frontier:
                    continue
                text, width = self._label(int(m.event[which[k]]), metrics)
                x = float(starts[k]) + (7 if m.exact[which[k]] else 0)
                if x + width > right - 4:  # near the right edge: end the label at its mark
                    x = max(left + 2, x - width - (14 if m.exact[which[k]] else 0))
                for row, _offset in enumerate(rows):
                    if all(x > b + 8 or x + width < a - 8 for a, b in taken[row]):
                        taken[row].append((x, x + width))
                        event_index = int(m.event[which[k]])
                        highlight = bool(lit[which[k]])
                        painter.setFont(bold if highlight else self.font)
                        painter.setPen(
                            self.text_colour if not dim or highlight else self.muted_colour
                        )
                        painter.drawText(QPointF(x, y + rows[row]), text)
                        labelled.append(m.ids[event_index])
                        break
                if not lane_lit:
                    frontier = min(max((b for _, b in row), default=-np.inf) for row in taken) + 8
        return labelled

    def event_at(self, x: float, y: float, pixel_width: float) -> str | None:
        """The event under a point of the view (in data coordinates), nearest first."""
        m = self.marks
        if len(m.x0) == 0:
            return None
        lane = round(y)
        tolerance = HIT_PX * pixel_width
        mine = self.shown & (m.lane == lane)
        days = mine & m.exact & (np.abs(m.x0 + 0.5 - x) <= tolerance)
        if days.any():
            candidates = np.flatnonzero(days)
            best = candidates[np.argmin(np.abs(m.x0[candidates] + 0.5 - x))]
            return m.ids[int(m.event[best])]
        spans = mine & ~m.exact & (m.x0 - tolerance <= x) & (m.x1 + tolerance >= x)
        if spans.any():
            candidates = np.flatnonzero(spans)
            best = candidates[np.argmin(m.x1[candidates] - m.x0[candidates])]
            return m.ids[int(m.event[best])]
        return None


class _PlotKeys(QObject):
    """Keyboard zoom and pan on the plot: + and - zoom, arrows pan, Home shows everything."""

    def __init__(self, panel: TimelinePanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        actions = {
            Qt.Key.Key_Plus: lambda: self.panel.zoom(0.5),
            Qt.Key.Key_Equal: lambda: self.panel.zoom(0.5),
            Qt.Key.Key_Minus: lambda: self.panel.zoom(2.0),
            Qt.Key.Key_Left: lambda: self.panel.pan(-0.2),
            Qt.Key.Key_Right: lambda: self.panel.pan(0.2),
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
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.setObjectName("timelinePlot")
        self.plot.setAccessibleName("Timeline plot")
        self.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot.installEventFilter(_PlotKeys(self))
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.showGrid(x=True, y=False, alpha=0.12)
        self.view = item.getViewBox()
        self.view.setMouseEnabled(x=True, y=False)
        self.view.invertY(True)
        self.marks = EventMarks()
        self.plot.addItem(self.marks)
        item.getAxis("left").setStyle(tickLength=0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot.customContextMenuRequested.connect(self._show_item_menu)
        self._default = default_range(Marks.empty())
        document.prepare(PREPARED, timeline_data)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.filterChanged.connect(self._on_filter_changed)
        document.selectionChanged.connect(self._on_selection_changed)
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
        if briefing is None or event_id not in briefing.events_by_id:
            return ""
        return event_tooltip(briefing, briefing.events_by_id[event_id])

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
        self.view.setXRange(to_x(first), to_x(last) + 1, padding=0)

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
        self.marks.set_font(self.font())

    # What the document says.
    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def refresh(self) -> None:
        """Show the document's briefing: marks worked out on the loading thread, if it could."""
        self.document.cancel(self)
        briefing = self.document.briefing
        data: TimelineData = self.document.prepared(PREPARED) or timeline_data(None)
        lanes = lanes_of(briefing, data.lanes)
        marks = data.marks
        self.marks.set_marks(marks, lanes, data.index)
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
        self._on_filter_changed()
        self._on_selection_changed()
        self.reset_view()

    def _on_filter_changed(self) -> None:
        self.marks.set_shown(self.document.visible.events)

    def _on_selection_changed(self) -> None:
        self.marks.highlighted = self.document.linked.events
        selection = self.document.selection
        self.marks.selected = selection.id if selection and selection.kind == "event" else None
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
        if any(to_x(e.date.end) + 1 >= x0 and to_x(e.date.start) <= x1 for e in events):
            return  # at least one is in view already
        first = min(to_x(e.date.start) for e in events)
        last = max(to_x(e.date.end) + 1 for e in events)
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

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        event_id = self._event_at_scene(scene_pos)
        self.hovered.emit(event_id or "")
        if event_id:
            QToolTip.showText(QCursor.pos(), self.tooltip_for(event_id), self.plot)
        else:
            QToolTip.hideText()

    def _show_item_menu(self, pos: QPoint) -> None:
        event_id = self._event_at_scene(self.plot.mapToScene(pos))
        show_item_menu(self.plot.viewport(), self.document, ItemKind.EVENT, event_id, pos)

    def _on_mouse_clicked(self, mouse_event) -> None:
        event_id = self._event_at_scene(mouse_event.scenePos())
        if event_id:
            self.document.select(ItemKind.EVENT, event_id)
