"""The tradecraft of briefing/2 on paper: confidence on its own line, the Assumptions,
Alternatives (the ACH table) and Indicators sections, and "Changes since …", in PDF and Word."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pikepdf
import pytest
import yaml

from briefing.cli import main
from briefing.diff import diff
from briefing.export.content import ChangesSince, sections
from briefing.loader import load_path
from tests.export.test_pdf import needs_poppler

NEW_SECTIONS = ["Changes since old.yaml", "Assumptions", "Alternatives", "Indicators"]


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    """A briefing/2 file as of November, whose drill indicator was seen in December, and an
    earlier version of it: c-f16's confidence went up, c-mou is new."""
    from tests.conftest import tradecraft_briefing_data

    folder = tmp_path_factory.mktemp("tradecraft")
    new = tradecraft_briefing_data(as_of="2020-11")
    old = tradecraft_briefing_data(as_of="2020-11")
    f16 = next(c for c in old["claims"] if c["id"] == "c-f16")
    f16.update(confidence="low", likelihood="very likely")
    old["claims"] = [c for c in old["claims"] if c["id"] != "c-mou"]
    return _write(folder / "new.yaml", new), _write(folder / "old.yaml", old)


@pytest.fixture(scope="module")
def exported(qapp, files, tmp_path_factory) -> dict[str, Path]:
    """The new version exported with --changes-since old.yaml, as PDF and as Word."""
    new, old = files
    folder = tmp_path_factory.mktemp("out")
    out = {"pdf": folder / "out.pdf", "docx": folder / "out.docx"}
    for path in out.values():
        assert main(["export", str(new), "-o", str(path), "--changes-since", str(old)]) == 0
    return out


def _pdf_lines(path: Path, *options: str) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def _docx_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            found.append(" | ".join(cell.text for cell in row.cells))
    return found


@needs_poppler
def test_pdf_prints_confidence_on_its_own_line_apart_from_likelihood(exported):
    lines = _pdf_lines(exported["pdf"])
    assert "Confidence: moderate — One agency report." in lines  # the key judgment's
    assert "Confidence: moderate" in lines  # claim c-f16's, which gives no basis
    assert not [line for line in lines if "Likelihood" in line and "Confidence" in line]


def test_pdf_outline_has_the_new_sections(exported):
    with pikepdf.open(exported["pdf"]) as pdf, pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
    assert [title for title in top if title in NEW_SECTIONS] == NEW_SECTIONS
    assert top.index("Changes since old.yaml") == top.index("Timeline") - 1  # before the body


@needs_poppler
def test_pdf_sections_say_what_rests_on_what_the_matrix_and_the_late_indicator(exported):
    lines = _pdf_lines(exported["pdf"])
    assert "Rests on it: key judgment 1; C3" in lines
    assert "H1 Turkey counter-balances Russia. — likely (55–80 %)" in lines
    # the ACH table: most discriminating claim first (C3: + −), then C1 (0 +), C2 (− −) last
    laid_out = _pdf_lines(exported["pdf"], "-layout")  # a table row on one line
    table = laid_out[laid_out.index("Claim H1 H2") :]
    assert table[1:4] == [
        "C3 Turkish F-16s stayed in Azerbaijan. + \u2212",
        "C1 The ministers signed a memorandum. 0 +",
        "C2 Russia deployed about 1,960 troops. \u2212 \u2212",
    ]
    assert any("seen 7 Dec 2020 — after the as-of date" in line for line in lines)
    assert any("Status: not seen · Bears on: C4, H1" in line for line in lines)


@needs_poppler
def test_pdf_changes_since_says_what_moved(exported):
    lines = _pdf_lines(exported["pdf"])
    assert "Added claim c-mou: The ministers signed a memorandum." in lines
    assert "Changed claim c-f16: Turkish F-16s stayed in Azerbaijan." in lines
    assert "confidence up: low -> moderate" in lines
    assert "likelihood down: very likely -> likely" in lines


def test_docx_has_the_same_sections_and_lines(exported):
    document = docx.Document(str(exported["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in headings if h in NEW_SECTIONS] == NEW_SECTIONS
    text = "\n".join(_docx_text(exported["docx"]))
    assert "Confidence: moderate — One agency report." in text.split("\n")
    assert "Rests on it: key judgment 1; C3" in text
    assert "C3 Turkish F-16s stayed in Azerbaijan. | + | \u2212" in text
    assert "seen 7 Dec 2020 — after the as-of date" in text
    assert "confidence up: low -> moderate" in text
    for paragraph in text.split("\n"):
        assert not ("Likelihood" in paragraph and "Confidence" in paragraph)


def test_without_changes_since_there_is_no_changes_section(files):
    briefing = load_path(files[0]).briefing
    assert briefing is not None
    titles = [s.title for s in sections(briefing)]
    assert not [t for t in titles if t.startswith("Changes since")]
    assert {"Assumptions", "Alternatives", "Indicators"} <= set(titles)
    same = ChangesSince("itself", diff(briefing, briefing))
    assert "Changes since itself" in [s.title for s in sections(briefing, same)]


def test_a_briefing_1_file_prints_no_tradecraft_section(briefings):
    from briefing.loader import load_text

    briefing = load_text(briefings.yaml()).briefing
    assert briefing is not None
    titles = [s.title for s in sections(briefing)]
    assert not {"Assumptions", "Alternatives", "Indicators"} & set(titles)


def test_changes_since_an_unreadable_file_exports_nothing(files, tmp_path, capsys):
    out = tmp_path / "out.pdf"
    status = main(["export", str(files[0]), "-o", str(out), "--changes-since", "nope.yaml"])
    assert status == 1 and not out.exists()
    assert "nothing compared" in capsys.readouterr().err


def test_changes_since_goes_with_paper_only(files, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(files[0]), "-o", str(tmp_path / "x.csv"), "--changes-since", "a"])
    assert exit_.value.code == 2
    assert "--changes-since goes with a PDF or Word export only" in capsys.readouterr().err
