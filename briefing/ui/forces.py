"""The force chart: each side's figures per category, one small chart per category.

Categories differ in scale by orders of magnitude (1,960 troops, 4 aircraft), so each gets its
own chart and axis instead of sharing one. Bars are horizontal so labels have room. Figures are
grouped and their qualifiers marked by drawing/ exactly as in the PDF: a jagged end for
"about", an arrow for "at least", a notch for "at most", a hatched "?" at zero for "unknown"
(never a bar); the panel adds hover, selection and its highlight on top.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsGridLayout,
    QGraphicsItem,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from briefing.diff import ChangeKind
from briefing.drawing.figures import by_category, is_unknown, scale_label, scale_ticks
from briefing.drawing.marks import (
    CHANGE_FRAME,
    mark_of,
    mark_reach,
    paint_change_frame,
    paint_figure_mark,
)
from briefing.drawing.palette import NO_SIDE_COLOUR, change_colour, side_colours
from briefing.links import ItemKind
from briefing.model import Briefing, ForceFigure
from briefing.tooltips import force_tooltip
from briefing.ui.colours import muted
from briefing.ui.document import Document
from briefing.ui.item_menu import show_item_menu
from briefing.ui.removed_line import RemovedLine
from briefing.words import side_name

BAR_CENTRE = 0.66  # within a row: the row's label on top, its bar below
ROW_PX = 46  # a row's label line and bar need this much height to stay apart
CATEGORY_PX = 64  # title and axis of a category's chart
LABEL_ROOM = 0.62  # the longest bar ends here, leaving the rest of the width for its label
BAR_PX = 18.0  # a bar's thickness on screen, whatever the pane's height or the filter leaves
LABEL_PAD_PX = 4.0  # between a bar's mark and its label, and after the label
NO_MATCH = "No figures match the filter"
NO_FIGURES = "This briefing gives no force figures"


def descriptor(force: ForceFigure, limit: int = 60) -> str:
    """A few words telling two figures of one side apart: its units, or its note's first clause."""
    if force.units:
        text = " ".join("; ".join(force.units).split())
    else:
        text = " ".join((force.note or force.id).split(";")[0].split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_label(force: ForceFigure) -> str:
    """What is written beside a bar: "about 1,960 · 14 Nov 2020"."""
    when = force.as_of.label() if force.as_of else "no date"
    return f"{force.value_label()} · {when}"


@dataclass(frozen=True)
class Bar:
    force: ForceFigure
    row: int
    length: float  # the value, as drawn: 0 for unknown (a "?" at zero, never a bar)
    tick: str


def layout_bars(briefing: Briefing, forces: list[ForceFigure]) -> tuple[list[Bar], float]:
    """Rows of one category's chart (figures in by_category's order) and the chart's x extent:
    the scale's last tick, as on paper, with room right of it for the labels."""
    ticks = scale_ticks(forces)
    extent = ticks[-1] / LABEL_ROOM if ticks and ticks[-1] > 0 else 1.0
    bars = []
    for row, force in enumerate(forces):
        tick = side_name(briefing, force.side)
        if force.units or force.note:
            tick = f"{tick} — {descriptor(force)}"
        length = 0.0 if is_unknown(force) else float(force.value or 0.0)
        bars.append(Bar(force, row, length, tick))
    return bars, extent


class BarsItem(pg.GraphicsObject):
    """Every bar of one category in one item, drawn with QPainter.

    One pyqtgraph item per bar, its name, its label and its marks made 668 items for 200
    figures: 1.1 s to add them and most of each repaint. Here a category is one item; names and
    labels are drawn in device pixels so they keep their size whatever the chart's width.
    """

    def __init__(self, bars: list[Bar], extent: float, chart: ForceChart) -> None:
        super().__init__()
        self.bars = bars
        self.extent = extent
        self.chart = chart
        self.bar_px: list[float] = []  # each bar's thickness as last painted

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.extent, len(self.bars) + 0.05)

    def paint(self, painter: QPainter, *_args) -> None:
        transform = painter.transform()
        sx, dx, sy, dy = transform.m11(), transform.dx(), transform.m22(), transform.dy()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(painter.font())
        mark_font = QFont(painter.font())
        mark_font.setBold(True)
        right = dx + self.extent * sx  # the view's right edge: nothing is drawn past it
        self.bar_px = []
        for bar in self.bars:
            self._paint_bar(painter, metrics, mark_font, bar, sx, dx, sy, dy, right)
        painter.restore()

    def _paint_bar(self, painter, metrics, mark_font, bar: Bar, sx, dx, sy, dy, right) -> None:
        chart = self.chart
        force = bar.force
        colour = QColor(chart.colours.get(force.side, QColor(NO_SIDE_COLOUR)))
        if chart.lit and force.id not in chart.lit:
            colour.setAlpha(80)
        height = BAR_PX
        self.bar_px.append(height)
        y = (bar.row + BAR_CENTRE) * sy + dy
        rect = QRectF(dx, y - height / 2, bar.length * sx, height)
        mark = mark_of(force)
        if force.id in chart.lit:  # the screen's own addition: the selection's halo
            reach = mark_reach(mark, height)
            halo = rect.adjusted(-3, -3, reach + 3, 3) if rect.width() or reach else rect
            painter.setPen(QPen(chart.halo, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(halo)
        paint_figure_mark(painter, rect, mark, colour, mark_font, chart.background)
        end = rect.right() + mark_reach(mark, height)
        change = chart.changes.get(force.id)
        if change is not None:  # new or changed since the version compared with
            off = CHANGE_FRAME * height
            frame = QRectF(
                QPointF(rect.left() - off, rect.top() - off),
                QPointF(end + off, rect.bottom() + off),
            )
            paint_change_frame(painter, frame, change[0], change_colour(chart.background))
            end += off  # the label after the frame
        painter.setPen(chart.text)
        ascent = metrics.ascent()
        # ForceChart.fit_scale leaves the label room; in a pane too narrow even for that, the
        # label is elided, never cut mid-letter at the edge.
        label = elided(metrics, chart.label_of(force), right - end - 2 * LABEL_PAD_PX)
        painter.drawText(QPointF(end + LABEL_PAD_PX, y + ascent / 2 - 1), label)
        name_top = (bar.row + 0.02) * sy + dy
        name = elided(metrics, bar.tick, right - dx - 2 - LABEL_PAD_PX)
        painter.drawText(QPointF(dx + 2, name_top + ascent + 2), name)
        chart.drawn_text[force.id] = (name, label)


def elided(metrics: QFontMetricsF, text: str, width: float) -> str:
    """The text, elided to the width when it is wider."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0.0))


def fitted_extent(
    bars: list[Bar], ticks: list[float], label_px: list[float], width_px: float
) -> float:
    """The x extent of a category's view `width_px` wide that leaves every bar's label room
    right of its mark (`label_px` each, mark and padding included) and shows the last tick.
    Bars keep at least a third of the width: past that, labels are elided instead."""
    last = ticks[-1] if ticks and ticks[-1] > 0 else 1.0
    scale = width_px * 0.97 / last  # pixels per unit: the last tick just inside
    for bar, needed in zip(bars, label_px, strict=True):
        if bar.length > 0:
            scale = min(scale, (width_px - needed) / bar.length)
    scale = max(scale, width_px / 3 / last, 1e-9)
    return width_px / scale


class CategoryPlot(pg.GraphicsWidget):
    """A category's chart: a title, a view and a bottom axis, all a pyqtgraph PlotItem gave it.

    A PlotItem took 8-14 ms to make (its context menu's widgets, four axes, buttons); a new
    briefing of 5 categories spent 70 ms of its one UI-thread turn on them. This takes ~2 ms.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        grid = QGraphicsGridLayout()
        grid.setContentsMargins(1, 1, 1, 1)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        self.setLayout(grid)
        self.titleLabel = pg.LabelItem("", size="11pt", parent=self)
        self.titleLabel.setMaximumHeight(30)
        self.view = pg.ViewBox(parent=self, enableMenu=False)
        self.view.setMouseEnabled(x=False, y=False)
        self.view.invertY(True)
        self.axis = pg.AxisItem("bottom", parent=self)
        self.axis.linkToView(self.view)
        grid.addItem(self.titleLabel, 0, 0)
        grid.addItem(self.view, 1, 0)
        grid.addItem(self.axis, 2, 0)
        grid.setRowFixedHeight(0, 30)
        for row in (0, 2):
            grid.setRowStretchFactor(row, 1)
        grid.setRowStretchFactor(1, 100)
        self._items: list[QGraphicsItem] = []

    def getViewBox(self) -> pg.ViewBox:
        return self.view

    def getAxis(self, _name: str) -> pg.AxisItem:
        return self.axis

    def setTitle(self, title: str, **args: object) -> None:
        self.titleLabel.setText(title, **args)

    def addItem(self, item: QGraphicsItem) -> None:
        self.view.addItem(item)
        self._items.append(item)

    def clear(self) -> None:
        for item in self._items:
            self.view.removeItem(item)
        self._items = []


class ForceChart(QWidget):
    """Bars of the document's force figures; hover for the source, click to select."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forceChart")
        self.setAccessibleName("Force comparison")
        self.setAccessibleDescription("Force figures of each side, one chart per category")
        self.document = document
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setObjectName("forceGraphics")
        self.graphics.ci.setSpacing(2)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("forceScroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.graphics)
        self.empty = QLabel()
        self.empty.setObjectName("forcesEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll)
        self.removed = RemovedLine(document, "forces")
        layout.addWidget(self.removed)
        self.drawn_text: dict[str, tuple[str, str]] = {}  # per figure: name and label drawn
        self._plots: list[tuple[CategoryPlot, list[Bar]]] = []
        self._items: list[BarsItem] = []
        self._spare: list[CategoryPlot] = []  # plots kept for the next rebuild
        self._labels: dict[str, str] = {}
        self._ticks: dict[str, list[float]] = {}
        self.colours: dict[str, QColor] = {}
        self.lit: set[str] = set()
        # Figures new or changed since the version compared with: the kind, and the mark
        # before their label ("[new] ")
        self.changes: dict[str, tuple[ChangeKind, str]] = {}
        self.text = QColor("black")
        self._muted = QColor("gray")
        self.halo = QColor("#ffbf00")
        self.background = QColor("white")
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.graphics.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.graphics.customContextMenuRequested.connect(self._show_item_menu)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.filterChanged.connect(self.rebuild)
        document.selectionChanged.connect(self._on_selection_changed)
        document.comparisonChanged.connect(self.rebuild)
        self.apply_palette(self.palette())

    # State the tests and the window read.
    def shown_figure_ids(self) -> set[str]:
        return {bar.force.id for _, bars in self._plots for bar in bars}

    def highlighted_ids(self) -> set[str]:
        return set(self.document.linked.forces) & self.shown_figure_ids()

    def bar_labels(self) -> dict[str, str]:
        return dict(self._labels)

    def label_of(self, force: ForceFigure) -> str:
        label = self._labels.get(force.id)
        if label is None:
            mark = self.changes[force.id][1] if force.id in self.changes else ""
            label = self._labels[force.id] = mark + bar_label(force)
        return label

    def category_ticks(self) -> dict[str, list[float]]:
        """The values on each category's axis, by category."""
        return dict(self._ticks)

    def category_titles(self) -> list[str]:
        return [plot.titleLabel.text for plot, _ in self._plots]

    def tooltip_for(self, force_id: str) -> str:
        briefing = self.document.briefing
        if briefing is None or force_id not in briefing.forces_by_id:
            return ""
        return force_tooltip(briefing, briefing.forces_by_id[force_id])

    def apply_palette(self, palette: QPalette) -> None:
        self.background = palette.color(QPalette.ColorRole.Base)
        self.graphics.setBackground(self.background)
        self.scroll.setStyleSheet("")
        self.scroll.viewport().setAutoFillBackground(True)
        self.text = palette.color(QPalette.ColorRole.Text)
        self._muted = muted(palette)
        self.halo = palette.color(QPalette.ColorRole.Highlight)
        # Shown plots are reused by the rebuild, spare ones later: restyle all of them (deleting
        # only the spare ones left the shown ones' axes in the old palette's text colour).
        for plot in [plot for plot, _ in self._plots] + self._spare:
            self._style_axis(plot)
        self.rebuild()

    def _on_briefing_changed(self) -> None:
        # One category a turn: making a category's plot takes 15-25 ms (pyqtgraph), and a
        # briefing has a handful of categories.
        self.document.later(self, self._rebuild_steps)

    def rebuild(self) -> None:
        """Show the document's figures now, in place of any rebuild in steps under way."""
        self.document.cancel(self)
        for _ in self._rebuild_steps():
            pass

    def _rebuild_steps(self) -> Iterator[None]:
        for plot, _ in self._plots:
            self.graphics.removeItem(plot)
            plot.clear()
            self._spare.append(plot)
        self.graphics.setMinimumHeight(0)
        self.graphics.setMaximumHeight(16777215)
        self._plots = []
        self._items = []
        self._labels = {}
        self._ticks = {}
        briefing = self.document.briefing
        shown = [] if briefing is None else self.shown_figures(briefing)
        self._show_empty(briefing, shown)
        if briefing is None:
            return
        self.colours = {side: QColor(colour) for side, colour in side_colours(briefing).items()}
        self.lit = set(self.document.linked.forces)
        self.changes = self.document.marked("forces")
        groups = by_category(briefing, shown)
        # The full height at once: growing it category by category brought the scroll bar in
        # part-way, and with it a second layout and paint of the whole chart.
        # Fixed, not a minimum: rows that stretch to fill the pane made bars swell to ~80 px
        # once a filter left a few.
        self.graphics.setFixedHeight(len(shown) * ROW_PX + len(groups) * CATEGORY_PX)
        for row, (category, forces) in enumerate(groups.items()):
            bars, extent = layout_bars(briefing, forces)
            plot = self._spare.pop() if self._spare else self._new_plot()
            self.graphics.addItem(plot, row=row, col=0)
            # Each category exactly as tall as its rows: a row stays ROW_PX whatever the
            # pane's height, so its bar keeps BAR_PX clear of the row's name.
            plot.setFixedHeight(len(forces) * ROW_PX + CATEGORY_PX)
            item = self._draw_category(plot, category, bars, extent)
            self.graphics.ci.layout.setRowStretchFactor(row, len(bars) + 2)
            self._plots.append((plot, bars))
            self._items.append(item)
            self._fit_scale(plot)
            for bar in bars:
                self.label_of(bar.force)
            yield

    def shown_figures(self, briefing: Briefing) -> list[ForceFigure]:
        return [f for f in briefing.forces if f.id in self.document.visible.forces]

    def _show_empty(self, briefing: Briefing | None, shown: list[ForceFigure]) -> None:
        """Say why the chart is empty, rather than show a blank pane."""
        text = ""
        if briefing is not None and not shown:
            text = NO_MATCH if briefing.forces else NO_FIGURES
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        self.scroll.setVisible(not text)

    def empty_text(self) -> str:
        return self.empty.text() if not self.empty.isHidden() else ""

    def bar_thickness(self) -> set[float]:
        """The thickness of every bar as last painted, in pixels."""
        return {round(px, 1) for item in self._items for px in item.bar_px}

    def _new_plot(self) -> CategoryPlot:
        plot = CategoryPlot()
        self._style_axis(plot)
        plot.view.sigResized.connect(lambda _view, plot=plot: self._fit_scale(plot))
        return plot

    def _fit_scale(self, plot: CategoryPlot) -> None:
        """The scale of a category's chart for its width: every label right of its bar."""
        shown = zip((p for p, _ in self._plots), self._items, strict=True)
        item = next((i for p, i in shown if p is plot), None)
        width = plot.view.width()
        if item is None or width <= 0:
            return
        metrics = QFontMetricsF(self.graphics.font())
        needed = [
            metrics.horizontalAdvance(self.label_of(bar.force))
            + mark_reach(mark_of(bar.force), BAR_PX)
            + (CHANGE_FRAME * BAR_PX if bar.force.id in self.changes else 0.0)
            + 2 * LABEL_PAD_PX
            + 2  # the view's edge, rounded
            for bar in item.bars
        ]
        extent = fitted_extent(item.bars, scale_ticks(b.force for b in item.bars), needed, width)
        item.prepareGeometryChange()
        item.extent = extent
        plot.view.setXRange(0, extent, padding=0)

    def _style_axis(self, plot: CategoryPlot) -> None:
        bottom = plot.getAxis("bottom")
        bottom.setPen(pg.mkPen(self._muted))
        bottom.setTextPen(pg.mkPen(self.text))

    def axis_text_colours(self) -> list[QColor]:
        """The colour of each shown category's axis labels."""
        return [plot.getAxis("bottom").textPen().color() for plot, _ in self._plots]

    def _draw_category(self, plot, category, bars, extent) -> BarsItem:
        plot.setTitle(escape(category), color=self.text, size="10pt", justify="left")
        plot.view.setXRange(0, extent, padding=0)
        plot.view.setYRange(-0.05, len(bars) + 0.05, padding=0)
        # The paper's ticks (drawing.figures): whole numbers for counts, never "0.5 aircraft".
        ticks = scale_ticks(bar.force for bar in bars)
        axis = plot.getAxis("bottom")
        axis.setStyle(showValues=bool(ticks))
        axis.setTicks([[(tick, scale_label(tick)) for tick in ticks]])
        self._ticks[category] = ticks
        item = BarsItem(bars, extent, self)
        plot.addItem(item)
        return item

    def _on_selection_changed(self) -> None:
        """Only the highlight changes: repaint, nothing to rebuild."""
        self.lit = set(self.document.linked.forces)
        for item in self._items:
            item.update()

    # What the analyst does.
    def _bar_at(self, scene_pos: QPointF) -> str | None:
        for plot, bars in self._plots:
            view = plot.getViewBox()
            if not view.sceneBoundingRect().contains(scene_pos):
                continue
            point = view.mapSceneToView(scene_pos)
            for bar in bars:
                if bar.row <= point.y() < bar.row + 1:
                    return bar.force.id
        return None

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        force_id = self._bar_at(scene_pos)
        if force_id:
            QToolTip.showText(QCursor.pos(), self.tooltip_for(force_id), self.graphics)
        else:
            QToolTip.hideText()

    def _show_item_menu(self, pos: QPoint) -> None:
        force_id = self._bar_at(self.graphics.mapToScene(pos))
        show_item_menu(self.graphics.viewport(), self.document, ItemKind.FORCE, force_id, pos)

    def _on_mouse_clicked(self, mouse_event) -> None:
        force_id = self._bar_at(mouse_event.scenePos())
        if force_id:
            self.document.select(ItemKind.FORCE, force_id)
