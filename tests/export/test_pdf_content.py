"""What the PDF prints: every field of a briefing reaches the paper, whole and on the page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from briefing.export.pdf import note_numbers, printed_text
from briefing.loader import load_path
from tests.export.test_pdf import BUNDLED, needs_poppler, pdf_text

MARGIN_BOTTOM = 64.0  # points under the body of a page: the footer's band (pdf.MARGIN_BOTTOM)


@pytest.fixture
def export_pdf(qapp):
    from briefing.export.pdf import export_pdf

    return export_pdf


def _load(briefings, path: Path, **changes):
    result = load_path(briefings.write(path, **changes))
    assert result.briefing is not None, result.problems
    return result.briefing


def _words_with_boxes(path: Path) -> list[tuple[int, float, str, float]]:
    """Every word of the PDF as (page, page height, word, bottom of its box) in points."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = []
    page, height = 0, 0.0
    for line in out.splitlines():
        if match := re.search(r'<page width="[\d.]+" height="([\d.]+)">', line):
            page, height = page + 1, float(match.group(1))
        elif match := re.search(r'yMax="([\d.]+)">([^<]*)</word>', line):
            words.append((page, height, match.group(2), float(match.group(1))))
    return words


def _comparable(text: str) -> str:
    """Text as pdftotext can give it back: it drops a hyphen where a line breaks after one, and
    a table's note column [n] may come out amid the cell beside it."""
    text = re.sub(r"\[\d+(, \d+)*\]", " ", text.replace("-", ""))
    return " ".join(text.split())


@needs_poppler
def test_every_field_of_the_bundled_briefing_reaches_the_paper(export_pdf, tmp_path):
    briefing = load_path(BUNDLED).briefing
    assert briefing is not None
    out = tmp_path / "bundled.pdf"
    export_pdf(briefing, out)
    text = _comparable(pdf_text(out))
    fields = [(path, value) for path, value, _italic in printed_text(briefing) if value]
    assert any(path.endswith("].text") and path.startswith("events") for path, _ in fields)
    assert any(path.startswith("actors") for path, _ in fields)
    missing = [path for path, value in fields if _comparable(value) not in text]
    assert missing == []


@needs_poppler
def test_event_text_and_actors_print(export_pdf, briefings, tmp_path):
    data = briefings.data()
    data["actors"] = [
        {"id": "kalin", "name": "İbrahim Kalın", "side": "tr", "role": "Presidential spokesman"},
        {"id": "shoigu", "name": "Sergei Shoigu", "side": "ru", "role": "Defence minister"},
    ]
    event = data["events"][0]
    event["text"] = "The ministers met in Moscow and signed a monitoring memorandum."
    event["actors"] = ["kalin", "shoigu"]
    briefing = _load(briefings, tmp_path / "b.yaml", **data)
    out = tmp_path / "b.pdf"
    export_pdf(briefing, out)
    text = pdf_text(out)
    assert "The ministers met in Moscow and signed a monitoring memorandum." in text
    # the timeline names the actors of the event, the actors section their role and side
    assert "with İbrahim Kalın, Sergei Shoigu" in text
    actors = text[text.index("Actors The people and bodies") :]
    assert re.search(r"İbrahim Kalın Presidential spokesman Turkey", actors), actors[:300]
    assert re.search(r"Sergei Shoigu Defence minister Russia", actors), actors[:300]


@needs_poppler
@pytest.mark.parametrize("field", ["title", "text"])
def test_timeline_row_taller_than_a_page_is_cut_and_stays_above_the_footer(
    export_pdf, briefings, tmp_path, field
):
    data = briefings.data()
    long_text = " ".join(f"w{n:04d}" for n in range(1, 1201))  # two pages of row
    data["events"][0][field] = long_text
    for claim in data["claims"]:  # a claim's "About:" would print the title once more
        claim.pop("events", None)
    briefing = _load(briefings, tmp_path / "tall.yaml", **data)
    out = tmp_path / "tall.pdf"
    export_pdf(briefing, out)
    words = [w for w in _words_with_boxes(out) if re.fullmatch(r"w\d{4}", w[2])]
    # every word is printed once, in order ...
    assert [w[2] for w in words] == long_text.split()
    assert len({page for page, *_ in words}) >= 2
    # ... and above the footer's rule of its page
    for page, height, word, bottom in words:
        assert bottom <= height - MARGIN_BOTTOM + 8, (page, word, bottom)
    assert "continued" in pdf_text(out)


@needs_poppler
@pytest.mark.slow
def test_note_numbers_of_a_thousand_sources_and_more_print_whole(export_pdf, briefings, tmp_path):
    """With four-digit note numbers the number column was too narrow: "[1000]" broke over two
    lines, "[100" and "0]", and no note from 1000 on could be found by its number."""
    count = 1100
    sources = [
        {"id": f"s{n}", "outlet": f"Outlet {n}", "kind": "press", "reliability": "C"}
        for n in range(1, count + 1)
    ]
    briefing = _load(
        briefings, tmp_path / "many.yaml", sources=sources, events=[], forces=[], claims=[]
    )
    numbers = note_numbers(briefing)
    out = tmp_path / "many.pdf"
    export_pdf(briefing, out)
    text = pdf_text(out)
    listing = text[text.index("Sources Reliability on the Admiralty scale") :]
    # Each entry is its note number and then its outlet; a page break may fall between them
    # (with the footer's text in between), so pair each number with the next outlet.
    pairs = []
    for note, outlet in re.findall(r"\[(\d+)\]|Outlet (\d+)", listing):
        if note:
            pairs.append([int(note), None])
        elif pairs and pairs[-1][1] is None:
            pairs[-1][1] = f"s{outlet}"
    assert [note for note, _sid in pairs] == list(range(1, count + 1))
    for note, sid in pairs:
        assert numbers[sid] == note


@needs_poppler
def test_a_claim_taller_than_a_page_prints_whole_in_order_above_the_footer(
    export_pdf, briefings, tmp_path
):
    data = briefings.data()
    long_text = " ".join(f"w{n:04d}" for n in range(1, 1601))  # some two pages of claim
    data["claims"][1]["text"] = long_text
    briefing = _load(briefings, tmp_path / "tall-claim.yaml", **data)
    out = tmp_path / "tall-claim.pdf"
    export_pdf(briefing, out)
    words = [w for w in _words_with_boxes(out) if re.fullmatch(r"w\d{4}", w[2])]
    assert [w[2] for w in words] == long_text.split()
    assert len({page for page, *_ in words}) >= 2
    for page, height, word, bottom in words:
        assert bottom <= height - MARGIN_BOTTOM + 1, (page, word, bottom)
    # the claims after it still print, each with its sources line
    text = pdf_text(out)
    assert re.search(r"C3 .*Sources: ", text[text.index("w1600") :])


@needs_poppler
def test_a_table_over_several_pages_repeats_its_head_row_on_each(export_pdf, briefings, tmp_path):
    actors = [
        {"id": f"a{n}", "name": f"Person {n:03d}", "side": "tr", "role": "Official"}
        for n in range(1, 121)
    ]
    briefing = _load(briefings, tmp_path / "actors.yaml", actors=actors)
    out = tmp_path / "actors.pdf"
    pages = export_pdf(briefing, out)
    on_pages = [
        pdf_text(out, n)
        for n in range(1, pages + 1)
        if re.search(r"Person \d{3}", pdf_text(out, n))
    ]
    assert len(on_pages) >= 2
    for text in on_pages:
        names = re.findall(r"Person \d{3}", text)
        assert "Name Role Side" in text[: text.index(names[0])], text[:200]
    printed = [name for text in on_pages for name in re.findall(r"Person (\d{3})", text)]
    assert printed == [f"{n:03d}" for n in range(1, 121)]
