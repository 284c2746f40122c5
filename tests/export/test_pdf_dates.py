"""The PDF prints years BC and times of day as written, in the order they happened."""

from __future__ import annotations

import shutil

import pytest

from briefing.loader import load_text
from tests.export.test_pdf import pdf_text

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


@needs_poppler
def test_years_bc_and_times_print_in_order_with_their_words(qapp, tmp_path, briefings):
    from briefing.export.pdf import export_pdf

    data = briefings.data(claims=[], forces=[])
    data["events"] += [
        {"id": "late", "date": "2020-11-10T01:30+04:00", "title": "Strike at night"},
        {"id": "early", "date": "2020-11-09T22:00Z", "title": "Statement issued"},
        {"id": "wheel", "date": "3500 BC", "title": "Oldest wheeled vehicle"},
        {"id": "bang", "date": "13800000000 BC", "title": "The Big Bang"},
    ]
    result = load_text(briefings.yaml(**data))
    assert result.briefing is not None, result.problems
    out = tmp_path / "deep.pdf"
    export_pdf(result.briefing, out)
    text = pdf_text(out)
    assert "13800000000 BC–2020, one lane per side" in text  # the figure's caption
    timeline = text[text.index("one lane per side") :]
    order = [
        timeline.index(words)
        for words in (
            "The Big Bang",
            "3500 BC Oldest wheeled vehicle",
            "10 Nov 2020 01:30 UTC+04:00 Strike at night",  # 21:30 UTC on the 9th
            "9 Nov 2020 22:00 UTC Statement issued",
        )
    ]
    assert order == sorted(order)
    assert timeline.index("13800000000 BC") < order[0]
