"""The marks of a chart, painted onto any QPainter in device units: a force figure's bar and
the shape of its qualifier, an event's dot (a day) or span (a fuzzy date), and the frame round
either that says it is new or changed since an earlier version.

A figure's mark is drawn in the rect from the scale's zero to its value, and everything in it
scales with the rect's height, so a bar 9 points high on paper and 18 pixels high on screen
look alike. The qualifier shows in the bar's end: a plain end is exact, a jagged end "about",
an arrow beyond the end "at least", a notch inward "at most"; an unknown figure is a hatched
"?" box at zero, never a bar.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from briefing.diff import ChangeKind
from briefing.drawing.figures import is_unknown
from briefing.drawing.palette import mix, tint
from briefing.model import ForceFigure, Qualifier

# Geometry in ninths of a bar's height: the paper's bar is 9 points high.
UNKNOWN_BOX = 12 / 9  # width of the "?" box
AT_LEAST_ARROW = 8.5 / 9  # how far the "at least" arrow reaches past the value
CHANGE_FRAME = 5 / 18  # how far a change frame stands off a bar, in bar heights


def mark_of(figure: ForceFigure) -> Qualifier:
    """The mark a figure is drawn with: its qualifier, or UNKNOWN when it has no value."""
    return Qualifier.UNKNOWN if is_unknown(figure) else figure.qualifier


def mark_reach(qualifier: Qualifier, height: float) -> float:
    """How far past the value's end (or past zero, for unknown) a mark of this height reaches:
    where its label can start."""
    if qualifier is Qualifier.UNKNOWN:
        return (1 / 9 + UNKNOWN_BOX) * height
    if qualifier is Qualifier.AT_LEAST:
        return AT_LEAST_ARROW * height
    return 0.0


def _pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def paint_figure_mark(
    painter: QPainter,
    bar: QRectF,
    qualifier: Qualifier,
    colour: QColor,
    font: QFont,
    background: QColor | None = None,
) -> None:
    """A force figure's bar with its qualifier's mark. `bar` runs from the zero of the scale to
    the value (its width is ignored for UNKNOWN); `font` writes the "?"; `background` is what
    the "at most" notch is cut to and what the "?" must stand out from (white on paper)."""
    background = QColor("white") if background is None else background
    h = bar.height()
    n = h / 9  # one ninth of the bar: one point on paper
    x0, x1, y = bar.left(), bar.right(), bar.top()
    mid = y + h / 2
    edge = _pen(colour.darker(140), 0.5 * n)
    painter.save()
    if qualifier is Qualifier.UNKNOWN:
        box = QRectF(x0 + n, y - n, UNKNOWN_BOX * h, h + 2 * n)
        painter.setBrush(QBrush(tint(colour, 0.5), Qt.BrushStyle.BDiagPattern))
        painter.setPen(_pen(colour, 0.7 * n, Qt.PenStyle.DashLine))
        painter.drawRect(box)
        painter.setFont(font)
        light = background.lightness() >= 128
        painter.setPen(colour.darker(140) if light else tint(colour, 0.3))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), "?")
        painter.restore()
        return
    if x1 - x0 < 0.8 * n:  # a known zero: a hairline at the axis, not a missing bar
        painter.setPen(_pen(colour, 1.2 * n))
        painter.drawLine(QPointF(x0, y - n), QPointF(x0, y + h + n))
        painter.restore()
        return
    painter.setPen(edge)
    painter.setBrush(QBrush(colour))
    if qualifier is Qualifier.ABOUT:
        tooth = min(2.2 * n, (x1 - x0) / 3)
        points = [
            (x0, y),
            (x1, y),
            (x1 - tooth, y + h / 4),
            (x1 + tooth * 0.2, mid),
            (x1 - tooth, y + 3 * h / 4),
            (x1, y + h),
            (x0, y + h),
        ]
        painter.drawPolygon(QPolygonF([QPointF(px, py) for px, py in points]))
    else:
        painter.drawRect(QRectF(QPointF(x0, y), QPointF(x1, y + h)))
    if qualifier is Qualifier.AT_LEAST:
        painter.setBrush(QBrush(mix(colour, background, 0.45)))
        arrow = [(x1 + 1.5 * n, y - 1.5 * n), (x1 + AT_LEAST_ARROW * h, mid)]
        arrow.append((x1 + 1.5 * n, y + h + 1.5 * n))
        painter.drawPolygon(QPolygonF([QPointF(px, py) for px, py in arrow]))
    elif qualifier is Qualifier.AT_MOST:
        inset = min(6 * n, (x1 - x0) * 0.8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(background))
        notch = [(x1 - 0.8 * n, y + 1.2 * n), (x1 - inset, mid), (x1 - 0.8 * n, y + h - 1.2 * n)]
        painter.drawPolygon(QPolygonF([QPointF(px, py) for px, py in notch]))
    painter.restore()


def paint_day(
    painter: QPainter, centre: QPointF, radius: float, colour: QColor, edge: QColor
) -> None:
    """An event on an exact day: a dot in its side's colour with a ring that sets it off."""
    painter.setPen(_pen(edge, radius / 4))
    painter.setBrush(QBrush(colour))
    painter.drawEllipse(centre, radius, radius)


def span_fill(colour: QColor, background: QColor) -> QColor:
    """The inside of an event's span (a fuzzy date): its side's colour, light, opaque."""
    return mix(colour, background, 0.35)


def paint_change_frame(
    painter: QPainter, rect: QRectF, kind: ChangeKind, colour: QColor, round_: bool = False
) -> None:
    """A frame round a mark that is new (solid) or changed (dashed) since the version compared
    with: a ring round a day's dot (`round_`), a box round a span or a bar. Its line is a
    tenth of the rect's height, so it reads alike on screen and on paper."""
    pen = QPen(colour, max(rect.height() / 10, 1.0))
    pen.setStyle(Qt.PenStyle.SolidLine if kind is ChangeKind.ADDED else Qt.PenStyle.DashLine)
    painter.save()
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if round_:
        painter.drawEllipse(rect)
    else:
        painter.drawRoundedRect(rect, rect.height() / 5, rect.height() / 5)
    painter.restore()
