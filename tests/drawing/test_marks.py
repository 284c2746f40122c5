"""The qualifier marks, painted onto an image as the panel and the PDF paint them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from briefing.diff import ChangeKind
from briefing.drawing.marks import mark_reach, paint_change_frame, paint_figure_mark
from briefing.drawing.palette import tint
from briefing.model import Qualifier

BLUE = QColor("#0072b2")
pytestmark = pytest.mark.usefixtures("qapp")  # fonts need a QGuiApplication


def _paint(qualifier: Qualifier) -> QImage:
    image = QImage(200, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_figure_mark(painter, QRectF(10, 11, 120, 18), qualifier, BLUE, QFont(), QColor("white"))
    painter.end()
    return image


def _inked_columns(image: QImage) -> list[int]:
    white = QColor("white").rgb()
    return [
        x
        for x in range(image.width())
        if any(image.pixel(x, y) != white for y in range(image.height()))
    ]


def test_unknown_is_a_question_mark_at_zero_never_a_bar() -> None:
    inked = _inked_columns(_paint(Qualifier.UNKNOWN))
    assert inked, "nothing drawn"
    assert max(inked) <= 10 + mark_reach(Qualifier.UNKNOWN, 18) + 1  # far short of the value


def test_at_least_reaches_past_the_value_and_exact_does_not() -> None:
    assert max(_inked_columns(_paint(Qualifier.EXACT))) <= 131
    assert (
        max(_inked_columns(_paint(Qualifier.AT_LEAST)))
        >= 130 + mark_reach(Qualifier.AT_LEAST, 18) - 2
    )


@pytest.mark.parametrize("qualifier", [Qualifier.ABOUT, Qualifier.AT_MOST, Qualifier.AT_LEAST])
def test_every_qualifier_has_an_end_of_its_own(qualifier: Qualifier) -> None:
    assert _paint(qualifier) != _paint(Qualifier.EXACT)


def test_the_question_mark_stands_out_on_a_dark_background() -> None:
    dark = QColor("#1e1e1e")
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(dark)
    painter = QPainter(image)
    paint_figure_mark(painter, QRectF(10, 11, 0, 18), Qualifier.UNKNOWN, BLUE, QFont(), dark)
    painter.end()
    lightest = max(QColor(image.pixel(x, y)).lightness() for x in range(60) for y in range(40))
    hatch = tint(BLUE, 0.5).lightness()
    assert lightest > hatch + 20  # the "?" is the lightest thing in the mark


def test_a_change_frame_is_solid_for_new_and_dashed_for_changed() -> None:
    """One frame for screen and paper: a new item's unbroken, a changed one's dashed."""

    def top_edge(kind: ChangeKind) -> int:
        image = QImage(120, 40, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_change_frame(painter, QRectF(10, 10, 100, 20), kind, QColor("black"))
        painter.end()
        return sum(QColor(image.pixel(x, 10)).lightness() < 128 for x in range(20, 100))

    assert top_edge(ChangeKind.ADDED) == 80
    assert 20 < top_edge(ChangeKind.CHANGED) < 70
