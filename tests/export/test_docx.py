"""The Word export: the PDF's content in Word's own structure, read back with python-docx, and
converted by LibreOffice to check what a reader sees."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from briefing.cli import main
from briefing.export.content import note_numbers, one_line
from briefing.loader import load_path
from briefing.numbering import claim_numbers
from tests.export.test_pdf import BUNDLED, needs_poppler, pdf_text

HANDLING = "RESTRICTED // <i>analysts</i> only"


@pytest.fixture(scope="module")
def export_docx(qapp):
    from briefing.export.docx import export_docx

    return export_docx


def _load(briefings, path: Path, data=None, **changes):
    """A briefing loaded from the test briefing with `changes`, or from `data` as given."""
    text = None if data is None else yaml.safe_dump(data, allow_unicode=True)
    result = load_path(briefings.write(path, text, **changes))
    assert result.briefing is not None, result.problems
    return result.briefing


@pytest.fixture(scope="module")
def bundled():
    briefing = load_path(BUNDLED).briefing
    assert briefing is not None
    return briefing


@pytest.fixture(scope="module")
def bundled_docx(export_docx, bundled, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "bundled.docx"
    export_docx(bundled, out)
    return out


def _all_text(document) -> str:
    """Every paragraph of the body and of its tables, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def _headings(document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]


def test_sections_are_word_headings_of_the_pdf_outline(bundled_docx, bundled):
    from briefing.export.docx import outline

    document = docx.Document(str(bundled_docx))
    expected = [(f"Heading {level}", title) for level, title in outline(bundled)]
    assert _headings(document) == expected
    assert expected[:3] == [
        ("Heading 1", "Summary"),
        ("Heading 1", "Key judgments"),
        ("Heading 1", "Timeline"),
    ]
    assert ("Heading 2", "The figures in detail") in expected
    assert ("Heading 2", "Assessments") in expected
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [one_line(bundled.title)]


def test_handling_line_is_in_every_page_header_and_footer(export_docx, briefings, tmp_path):
    briefing = _load(briefings, tmp_path / "b.yaml", handling=HANDLING)
    out = tmp_path / "b.docx"
    export_docx(briefing, out)
    document = docx.Document(str(out))
    assert len(document.sections) == 1  # one section: its header and footer are on every page
    section = document.sections[0]
    assert not section.different_first_page_header_footer
    assert [p.text for p in section.header.paragraphs] == [HANDLING]
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[0] == HANDLING
    assert footer[1].startswith("Test briefing\t")
    fields = [f.get(qn("w:instr")) for f in section.footer._element.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]


def test_every_claim_with_its_notes_and_every_source_with_its_grade(bundled_docx, bundled):
    document = docx.Document(str(bundled_docx))
    text = _all_text(document)
    numbers = claim_numbers(bundled)
    notes = note_numbers(bundled)
    paragraphs = [p.text for p in document.paragraphs]
    for claim in bundled.claims:
        number = numbers[claim.id]
        line = f"C{number}\u00a0\u00a0{one_line(claim.text)}"
        found = [p for p in paragraphs if p.split("\n")[0] == line]
        assert len(found) == 1, claim.id
        meta = found[0].split("\n")[1]
        for sid in claim.sources:
            cited = bundled.sources_by_id[sid]
            assert f"[{notes[sid]}] {cited.citation()}" in meta, (claim.id, sid)
    rows = {
        row.cells[0].text: row.cells[1].text for row in document.tables[-1].rows[1:]
    }  # the source list: [n] -> entry
    assert len(rows) == len(bundled.sources)
    for source in bundled.sources:
        entry = rows[f"[{notes[source.id]}]"]
        assert entry.startswith(one_line(source.outlet)), source.id
        assert f"reliability {source.reliability} ({source.reliability.meaning})" in entry
    for judgment in bundled.key_judgments:
        assert one_line(judgment.text) in text


def test_note_and_claim_numbers_link_to_their_entries(bundled_docx):
    document = docx.Document(str(bundled_docx))
    body = document.element.body
    targets = {link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))}
    marks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    assert {t for t in targets if t.startswith("src_")}, "no note links"
    assert {t for t in targets if t.startswith("claim_")}, "no claim links from key judgments"
    assert targets <= marks


def test_charts_are_pictures_at_200_dpi_across_the_body(bundled_docx):
    from briefing.export.docx import MARGIN_X, PAGE_SIZES

    document = docx.Document(str(bundled_docx))
    shapes = document.inline_shapes
    assert len(shapes) >= 2  # the timeline (one or more pieces) and the forces
    body = PAGE_SIZES["A4"][0] - 2 * MARGIN_X
    with zipfile.ZipFile(bundled_docx) as archive:
        pictures = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert pictures and all(n.endswith(".png") for n in pictures)
    for shape in shapes:
        assert shape.width.pt == pytest.approx(body, abs=0.1)
        assert shape._inline.docPr.get("descr").startswith("Figure ")
        image = document.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        ].image
        assert image.px_width == pytest.approx(body * 200 / 72, abs=1)


def test_briefing_text_is_data_not_markup(export_docx, briefings, tmp_path):
    data = briefings.data(title="<b>Bold</b> & {PAGE} <w:t>x</w:t>")
    data["claims"][0]["text"] = "Claim <script>alert(1)</script> &amp; </w:t></w:r>"
    data["sources"][0]["outlet"] = "Outlet <i>italic</i>"
    data["events"][0]["title"] = "Bell \x07 and escape \x1b in an event"
    data["claims"][1]["note"] = "A note with a control \x01 character"
    briefing = _load(briefings, tmp_path / "b.yaml", data=data)
    out = tmp_path / "b.docx"
    export_docx(briefing, out)
    document = docx.Document(str(out))
    text = _all_text(document)
    assert "<b>Bold</b> & {PAGE} <w:t>x</w:t>" in text
    assert "Claim <script>alert(1)</script> &amp; </w:t></w:r>" in text
    assert "Outlet <i>italic</i>" in text
    assert "A note with a control \ufffd character" in text
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml


def test_an_empty_briefing_says_what_it_lacks(export_docx, briefings, tmp_path):
    briefing = _load(
        briefings, tmp_path / "b.yaml", events=[], forces=[], claims=[], key_judgments=[]
    )
    out = tmp_path / "b.docx"
    export_docx(briefing, out)
    document = docx.Document(str(out))
    text = _all_text(document)
    for words in (
        "The briefing lists no events.",
        "The briefing gives no force figures.",
        "The briefing makes no claims.",
    ):
        assert words in text
    assert len(document.inline_shapes) == 0


def test_the_command_writes_docx_from_the_suffix_and_refuses_its_input(
    qapp, briefing_file, tmp_path, capsys
):
    out = tmp_path / "out.docx"
    assert main(["export", str(briefing_file), "-o", str(out)]) == 0
    assert zipfile.is_zipfile(out)
    assert docx.Document(str(out)).core_properties.title == "Test briefing"
    capsys.readouterr()
    same = tmp_path / "same.docx"
    shutil.copy(briefing_file, same)
    assert main(["export", str(same), "-o", str(same), "--format", "docx"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith("it is the input; choose another name")
    assert same.read_bytes() == briefing_file.read_bytes()


def test_a_docx_that_cannot_be_written_is_one_line_and_leaves_nothing(
    qapp, briefing_file, tmp_path, capsys
):
    out = tmp_path / "missing" / "out.docx"
    assert main(["export", str(briefing_file), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"briefing: cannot write {out}")
    assert not out.parent.exists()


needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice missing (make venv installs it)"
)


def _comparable(text: str) -> str:
    """Text as pdftotext gives it back from LibreOffice's PDF: lines joined, no hyphens."""
    return " ".join(text.replace("-", "").split())


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_libreoffice_reads_every_claim_outlet_and_name(bundled_docx, bundled, tmp_path):
    """The document opens in a word processor nobody here wrote, and reads as written."""
    profile = tmp_path / "profile"  # a profile of its own: no clash with another soffice
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(bundled_docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "bundled.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    text = pdf_text(pdf)
    assert "İbrahim Kalın" in text
    assert "Erdoğan" in text
    comparable = _comparable(text)
    for claim in bundled.claims:
        assert _comparable(claim.text) in comparable, claim.id
    for source in bundled.sources:
        assert _comparable(source.outlet) in comparable, source.id
    handling = one_line(bundled.handling)
    pages = int(re.search(r"Pages:\s+(\d+)", _pdfinfo(pdf)).group(1))
    assert text.count(handling) == 2 * pages  # header and footer of every page
    assert "1 / " + str(pages) in text


def _pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


def test_a_title_longer_than_word_properties_hold_exports_whole(export_docx, briefings, tmp_path):
    """Word's document properties hold 255 characters; the title on the page holds all."""
    title = "A very long title " * 20  # 360 characters
    briefing = _load(briefings, tmp_path / "b.yaml", title=title, author="An author " * 30)
    out = tmp_path / "b.docx"
    export_docx(briefing, out)
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [title.strip()]
    shown = document.core_properties.title
    assert len(shown) == 255 and shown.endswith("…")
    assert title.startswith(shown[:-1])
    assert len(document.core_properties.author) == 255
