"""Text the timeline and the page furniture lay out once (charts.Canvas.set_text) and draw from
that layout prints exactly as QPainter.drawText prints it: same lines, same places, same
clipping, left, right or centred."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from briefing.export.charts import INK, WRAP, WRAP_RIGHT, Canvas

WRAP_CENTRE = int(
    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
)  # the page furniture's handling line

TEXTS = [
    "Azerbaijani forces retake Hadrut after a week of fighting in the south",
    "İbrahim Kalın says the ceasefire holds · with Erdoğan, Yeni Şafak",
    "Antidisestablishmentarianism-without-spaces-runs-over-the-edge",
    "مؤتمر صحفي في باكو",
    "two\nlines",  # a line break: left to drawText itself
    "",
]


def _picture(draw) -> QImage:
    image = QImage(420, 160, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    draw(Canvas(image, _family(), painter))
    painter.end()
    return image


def _family() -> str:
    from briefing.export.fonts import bundled_family

    return bundled_family()


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("flags", [WRAP, WRAP_RIGHT, WRAP_CENTRE], ids=["left", "right", "centre"])
@pytest.mark.parametrize("height", [200.0, 9.0], ids=["room", "clipped"])
def test_set_text_draws_as_draw_text(qapp, text, flags, height):
    def by_draw_text(canvas: Canvas) -> None:
        font = canvas.font(8.5, italic=flags == WRAP_RIGHT)
        canvas.text(10, 5, 120, height, text, font, INK, flags)

    def by_set_text(canvas: Canvas) -> None:
        font = canvas.font(8.5, italic=flags == WRAP_RIGHT)
        canvas.draw_set(canvas.set_text(text, font, 120), 10, 5, 120, height, INK, flags)

    expected, got = _picture(by_draw_text), _picture(by_set_text)
    assert got == expected
    if text.strip():
        assert expected != _picture(lambda canvas: None)  # something was drawn


def test_set_text_measures_as_bounding_rect(qapp):
    from PySide6.QtCore import QRectF

    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    canvas = Canvas(image, _family())
    font = canvas.font(7)
    for text in TEXTS:
        bounds = QRectF(0, 0, 90 * canvas.unit, 1e6)
        expected = canvas.metrics(font).boundingRect(bounds, WRAP, text).height() if text else 0
        assert canvas.set_text(text, font, 90).height == expected / canvas.unit
    assert Qt.AlignmentFlag.AlignRight & WRAP_RIGHT
