"""The PDF export: what a reader finds in the file, and that a failed export leaves nothing.

The bundled briefing is exported once per module, from the command line in a fresh process
with no display; the checks then read the bytes with pikepdf and poppler's tools.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pikepdf
import pytest

import briefing
from briefing.loader import load_path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data" / "karabakh-2020.yaml"

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="poppler-utils missing"
)

# Runs the real command in a process of its own and reports which Qt modules it loaded.
EXPORT = """
import sys
from briefing.cli import main
status = main(["export", sys.argv[1], "-o", sys.argv[2]])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "pyqtgraph"})
print(status, " ".join(loaded))
"""


def run_export(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "export", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return unicodedata.normalize("NFC", " ".join(out.stdout.split()))


@pytest.fixture(scope="module")
def bundled():
    result = load_path(BUNDLED)
    assert result.briefing is not None, result.problems
    return result.briefing


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The bundled briefing exported by `briefing export`, no display: (path, stdout, stderr)."""
    out = tmp_path_factory.mktemp("export") / "karabakh.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    done = subprocess.run(
        [sys.executable, "-c", EXPORT, str(BUNDLED), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return out, done.stdout, done.stderr


@pytest.fixture(scope="module")
def pdf(exported):
    with pikepdf.open(exported[0]) as document:
        yield document


@pytest.fixture(scope="module")
def text(exported):
    return pdf_text(exported[0])


def test_export_needs_no_display_and_loads_no_widgets(exported):
    path, stdout, _stderr = exported
    status, *modules = stdout.split()
    assert status == "0"
    assert "PySide6.QtWidgets" not in modules
    assert not any(m.startswith("pyqtgraph") for m in modules)
    assert path.read_bytes().startswith(b"%PDF-")


def test_page_count_is_what_the_export_reports(exported, pdf):
    reported = re.search(r": (\d+) pages", exported[2])
    assert reported, exported[2]
    assert len(pdf.pages) == int(reported.group(1)) > 3


@needs_poppler
def test_every_source_outlet_and_force_value_is_printed(bundled, text):
    for source in bundled.sources:
        assert " ".join(source.outlet.split()) in text, source.outlet
    for figure in bundled.forces:
        assert figure.value_label() in text, figure.id
    assert "about 1,960" in text
    assert "at least 4" in text
    assert "unknown" in text


@needs_poppler
def test_turkish_names_extract_as_written(text):
    assert "İbrahim Kalın" in text
    assert "Erdoğan" in text


@needs_poppler
def test_sections_come_in_order(text, bundled, pdf):
    headings = ["Summary", "Key judgments", "Timeline", "Force comparison", "Claims"]
    headings += ["Facts", "Assessments", "Forecasts", "Sources"]
    position = text.find(" ".join(bundled.title.split()))
    assert position >= 0
    for heading in headings:
        position = text.find(heading, position + 1)
        assert position >= 0, f"{heading} missing or out of order"
    # and the outline's sections point at pages in the same order
    dests = pikepdf.NameTree(pdf.Root.Names.Dests)
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    anchors = ["sec-cover", "sec-timeline", "sec-forces", "sec-claims", "sec-sources"]
    numbers = [pages[dests[anchor][0].objgen] for anchor in anchors]
    assert numbers == sorted(numbers) and numbers[0] == 0 and len(set(numbers)) == len(numbers)


@needs_poppler
def test_claims_show_likelihood_with_icd_range_and_source_notes(text):
    assert "very likely (80–95 %)" in text
    assert "likely (55–80 %)" in text
    assert re.search(r"Sources: \[\d+\] Anadolu Agency, 22 Nov 2020", text)


@needs_poppler
def test_every_page_has_handling_top_and_bottom_and_page_number(exported, pdf, bundled):
    pages = len(pdf.pages)
    for number in range(1, pages + 1):
        page = pdf_text(exported[0], number)
        assert page.count(bundled.handling) == 2, number
        # pdftotext may or may not keep the spaces around the slash
        assert re.search(rf"\b{number} ?/ ?{pages}\b", page), number


def test_metadata_names_title_creator_version_and_subject(pdf, bundled):
    info = pdf.docinfo
    assert str(info["/Title"]) == " ".join(bundled.title.split())
    assert briefing.__version__ in str(info["/Creator"])
    assert bundled.publication in str(info["/Subject"])
    assert pdf.open_metadata().pdfa_status == "1B"


def test_outline_has_the_sections(pdf):
    with pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
        claims = next(item for item in outline.root if item.title == "Claims")
        kinds = [item.title for item in claims.children]
    for title in ["Summary", "Key judgments", "Timeline", "Force comparison", "Claims", "Sources"]:
        assert title in top
    assert kinds == ["Facts", "Assessments", "Forecasts"]


def test_note_numbers_link_to_their_source_entry(pdf):
    dests = pikepdf.NameTree(pdf.Root.Names.Dests)
    sources_page = None
    links = []
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                links.append(str(annot.Dest))
    source_links = [name for name in links if name.startswith("src-")]
    assert len(source_links) > 20
    for name in source_links:
        assert name in dests, name
        target = dests[name][0]
        sources_page = next(i for i, p in enumerate(pdf.pages) if p.obj.objgen == target.objgen)
        assert sources_page >= len(pdf.pages) - 2  # the source list closes the document
    assert any(name.startswith("claim-") for name in links)  # key judgments → claims


@needs_poppler
def test_every_font_is_embedded(exported):
    out = subprocess.run(["pdffonts", str(exported[0])], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        # name type... encoding emb sub uni object ID: emb is the fifth column from the end.
        assert row.split()[-5] == "yes", row


def test_qpdf_finds_no_structural_error(exported):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf missing")
    check = subprocess.run(["qpdf", "--check", str(exported[0])], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


# --- in-process exports: hostile text, page size, progress, failures ----------------------------


@pytest.fixture
def export_pdf(qapp):
    from briefing.export.pdf import export_pdf

    return export_pdf


@needs_poppler
def test_briefing_text_prints_literally_never_as_markup(export_pdf, bundled, tmp_path):
    claims = list(bundled.claims)
    claims[0] = dataclasses.replace(claims[0], text="<b>bold</b> & <a href='#x'>link</a>")
    hostile = dataclasses.replace(bundled, title="<i>Title</i>", claims=tuple(claims))
    out = tmp_path / "hostile.pdf"
    export_pdf(hostile, out)
    text = pdf_text(out)
    assert "<b>bold</b> & <a href='#x'>link</a>" in text
    assert "<i>Title</i>" in text


def test_letter_pages_and_progress_reports(export_pdf, bundled, tmp_path):
    calls: list[tuple[int, int]] = []
    out = tmp_path / "letter.pdf"
    pages = export_pdf(bundled, out, page_size="Letter", progress=lambda d, t: calls.append((d, t)))
    with pikepdf.open(out) as document:
        assert len(document.pages) == pages
        box = [float(v) for v in document.pages[0].mediabox]
    assert box == [0, 0, 612, 792]
    done = [d for d, _t in calls]
    assert done == sorted(done)
    assert calls[-1][0] == calls[-1][1]


def test_errors_in_the_input_are_listed_and_no_file_is_written(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: briefing/1\ntitle: Broken\nclaims:\n  - id: c1\n    kind: guess\n")
    out = tmp_path / "out.pdf"
    done = run_export(str(bad), "-o", str(out))
    assert done.returncode == 1
    # the problems on stdout, as `validate` and `import` print them; the summary on stderr
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error: ", done.stdout, re.M), done.stdout
    assert done.stderr == f"{bad}: 2 error(s); nothing exported\n"
    assert "Traceback" not in done.stderr
    assert not out.exists()


def _assert_one_line_failure(done: subprocess.CompletedProcess, out: Path) -> None:
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"briefing: cannot write {out}: ")
    assert "Traceback" not in done.stderr


def test_missing_folder_fails_in_one_line(tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "out.pdf"
    done = run_export(str(BUNDLED), "-o", str(out))
    _assert_one_line_failure(done, out)
    assert not (tmp_path / "no").exists()


def test_folder_that_is_a_file_fails_in_one_line(tmp_path):
    (tmp_path / "plain-file").write_text("not a folder")
    out = tmp_path / "plain-file" / "out.pdf"
    done = run_export(str(BUNDLED), "-o", str(out))
    _assert_one_line_failure(done, out)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder_fails_in_one_line(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        out = folder / "out.pdf"
        done = run_export(str(BUNDLED), "-o", str(out))
        _assert_one_line_failure(done, out)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("step", ["painting", "outline"])
def test_failure_mid_write_leaves_no_partial_file(
    qapp, bundled, tmp_path, monkeypatch, capsys, step
):
    from briefing.cli import export_pdf_command
    from briefing.export import pdf as export

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if step == "painting":  # fails after the first page has been drawn
        original = export._Report._furniture

        def furniture_then_fail(self, painter, pages):
            paint = original(self, painter, pages)

            def paint_then_fail(number):
                paint(number)
                if number == 2:
                    fail()

            return paint_then_fail

        monkeypatch.setattr(export._Report, "_furniture", furniture_then_fail)
    else:
        monkeypatch.setattr(export, "_add_links_and_outline", fail)
    out = tmp_path / "out.pdf"
    out.write_bytes(b"the previous export")
    status = export_pdf_command(str(BUNDLED), str(out))
    assert status == 1
    err = capsys.readouterr().err
    assert err == f"briefing: cannot write {out}: No space left on device\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]
    assert out.read_bytes() == b"the previous export"


# --- pagination of a long briefing ----------------------------------------------------------------


def _page_bodies(path: Path, title: str, handling: str) -> list[list[str]]:
    """Each page's lines of text between the handling line at the top and the footer."""
    bodies = []
    pages = len(pikepdf.open(path).pages)
    for number in range(1, pages + 1):
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = [" ".join(line.split()) for line in out.splitlines()]
        lines = [line for line in lines if line]
        # (on a chart's page the text comes in another order; only the text pages count here)
        top = lines.index(handling)
        foot = max(i for i, line in enumerate(lines) if line == title)
        bodies.append(lines[top + 1 : foot])
    return bodies


@needs_poppler
@pytest.mark.slow
def test_long_briefing_splits_no_claim_and_strands_no_heading(export_pdf, tmp_path):
    """600 claims over some 60 pages: every claim on one page, no heading at a page foot.
    (Breaks were once set one per layout, at most 20, so later claims stayed split.)"""
    from bench.generate import generate

    source = tmp_path / "long.yaml"
    source.write_text(generate(200), encoding="utf-8")
    long = load_path(source).briefing
    assert long is not None and len(long.claims) == 600
    out = tmp_path / "long.pdf"
    pages = export_pdf(long, out)
    bodies = _page_bodies(out, " ".join(long.title.split()), " ".join(long.handling.split()))
    assert len(bodies) == pages
    label = re.compile(r"^C(\d+) ")
    headings = {"Claims", "Facts", "Assessments", "Forecasts", "Sources"}
    claims_page = next(i for i, body in enumerate(bodies) if body and body[0] == "Claims")
    # the claims end where the next section starts: the actors, if any, else the sources
    sources_page = next(
        i for i, body in enumerate(bodies) if body and body[0] in ("Actors", "Sources")
    )
    seen: list[int] = []
    for index in range(claims_page, sources_page):
        body = bodies[index]
        assert body, index
        # A page opens with a claim or a heading, never with the rest of a claim ...
        assert label.match(body[0]) or body[0] in headings, (index + 1, body[0])
        # ... and ends with a claim's last line, never with a heading.
        assert body[-1] not in headings, (index + 1, body[-1])
        starts = [n for n, line in enumerate(body) if label.match(line)]
        for begin, end in zip(starts, [*starts[1:], len(body)], strict=True):
            claim = body[begin:end]
            seen.append(int(label.match(claim[0]).group(1)))
            # every claim prints its sources line: a claim cut at the page foot loses it
            assert any("Sources: " in line for line in claim), (index + 1, claim)
    assert seen == list(range(1, 601))


# --- links and destinations, placed by the export itself ------------------------------------------


def _word_boxes(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, x0, top, x1, bottom) in points from the page's top left, as pdftotext sees them."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        (word, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, word in re.findall(pattern, out)
    ]


@needs_poppler
def test_every_link_lies_over_the_note_or_claim_number_it_is_named_for(exported, pdf):
    """The links are drawn by the export, not by Qt's HTML: each one's area must cover the
    printed "[n]" or "Cn" that points to src-n or claim-n, on its page."""
    checked = 0
    for index, page in enumerate(pdf.pages):
        height = float(page.mediabox[3])
        words = None
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            target = str(annot.Dest)
            label = f"[{target[4:]}]" if target.startswith("src-") else f"C{target[6:]}"
            x0, y0, x1, y1 = (float(v) for v in annot.Rect)
            top, bottom = height - y1, height - y0
            words = words if words is not None else _word_boxes(exported[0], index + 1)
            centre = [
                (wx0 + wx1) / 2
                for word, wx0, wy0, wx1, wy1 in words
                if label in word and wy0 < bottom and wy1 > top
            ]
            assert any(x0 - 1 <= x <= x1 + 1 for x in centre), (index + 1, target, annot.Rect)
            checked += 1
    assert checked > 40


def test_destinations_point_at_the_line_of_their_anchor(exported, pdf):
    """A source entry's destination is the top of its own line: the page and height where
    pdftotext finds its bold number."""
    dests = pikepdf.NameTree(pdf.Root.Names.Dests)
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    target = dests["src-3"]
    page = pages[target[0].objgen]
    height = float(pdf.pages[page].mediabox[3])
    top = height - float(target[3])
    boxes = [w for w in _word_boxes(exported[0], page + 1) if w[0] == "[3]"]
    assert any(abs(y0 - top) < 6 for _word, _x0, y0, _x1, _y1 in boxes), (top, boxes)


def test_the_pdf_is_built_from_measured_blocks_not_from_html():
    """No HTML is built or parsed for the PDF, and nobody models Qt's pagination: no
    QTextDocument anywhere in briefing/export."""
    import ast

    folder = ROOT / "briefing" / "export"
    for path in folder.glob("*.py"):
        names = {
            node.id if isinstance(node, ast.Name) else node.attr
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, (ast.Name, ast.Attribute))
        }
        assert not names & {"QTextDocument", "setHtml", "escape"}, path.name
