"""Side colours and the tints every chart shares, on screen and on paper."""

from __future__ import annotations

import math

from PySide6.QtGui import QColor

from briefing.drawing.lanes import NO_SIDE
from briefing.model import Briefing

# Okabe-Ito, distinct for colour-blind readers and in grey, for sides that give no colour: blue
# and vermillion first, the pair furthest apart. The last is a dark ochre, not black, so it
# stays visible on a dark screen.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d1f")
NO_SIDE_COLOUR = "#777777"
NEAR = 60  # RGB distance under which two sides' colours are hard to tell apart
# What changed since an earlier version: a purple no side takes from PALETTE, and a grey for
# what the earlier version had and this one has not.
CHANGE_COLOUR = "#7b2d8e"
REMOVED_COLOUR = "#8a8a8a"


def _distance(a: QColor, b: QColor) -> float:
    return math.dist((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()))


def side_colours(briefing: Briefing | None) -> dict[str, QColor]:
    """Each side's colour: its own when given, else the next of PALETTE not near a colour a
    side gives itself; NO_SIDE (the lane of events without a side) is grey."""
    colours = {NO_SIDE: QColor(NO_SIDE_COLOUR)}
    if briefing is None:
        return colours
    taken = [QColor(side.colour) for side in briefing.sides if side.colour]
    spare = [c for c in PALETTE if all(_distance(QColor(c), t) > NEAR for t in taken)]
    spare = spare or list(PALETTE)
    index = 0
    for side in briefing.sides:
        if side.colour:
            colours[side.id] = QColor(side.colour)
        else:
            colours[side.id] = QColor(spare[index % len(spare)])
            index += 1
    return colours


def mix(colour: QColor, background: QColor, share: float) -> QColor:
    """`share` of the colour over the background, opaque (PDF/A-1 allows no transparency);
    the colour's own alpha is kept, so a dimmed colour stays dimmed."""
    return QColor(
        round(colour.red() * share + background.red() * (1 - share)),
        round(colour.green() * share + background.green() * (1 - share)),
        round(colour.blue() * share + background.blue() * (1 - share)),
        colour.alpha(),
    )


def tint(colour: QColor, share: float) -> QColor:
    """The colour mixed with white."""
    return mix(colour, QColor("white"), share)


def change_colour(background: QColor) -> QColor:
    """The colour of a change mark on this background: lighter on a dark one, to be seen."""
    colour = QColor(CHANGE_COLOUR)
    return colour if background.lightness() >= 128 else tint(colour, 0.55)
