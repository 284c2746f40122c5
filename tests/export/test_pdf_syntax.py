"""The PDF export writes its destinations and links as PDF syntax parsed in one call: the
numbers and strings in that syntax must be the objects pikepdf would have made, so the saved
file is the one it wrote when they were made one by one."""

from __future__ import annotations

import random

import pikepdf
import pytest

from briefing.export.pdf import _pdf_real, _pdf_string


@pytest.mark.parametrize(
    "text",
    [
        "claim-12",
        "src-1000",
        "sec-key-judgments",
        "a (b)",
        "back\\slash",
        "İbrahim Kalın",
        "",
        "~%#",
    ],
)
def test_a_string_in_syntax_is_the_string_pikepdf_makes(text):
    parsed = pikepdf.Object.parse(_pdf_string(text).encode())
    assert bytes(parsed) == bytes(pikepdf.String(text))
    assert parsed.unparse() == pikepdf.String(text).unparse()


def test_a_number_in_syntax_is_written_as_pikepdf_writes_a_float():
    numbers = [51.0, 0.0, 707.6599999999, 603.04, 88.059, 841.8897637795275, 1e-7]
    rng = random.Random(17)
    numbers += [rng.uniform(0, 900) for _ in range(2000)]
    numbers += [round(rng.uniform(0, 900), 3) for _ in range(2000)]
    written = pikepdf.Array(numbers).unparse().decode()[2:-2].split(" ")
    assert [_pdf_real(n) for n in numbers] == written
