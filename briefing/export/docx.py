"""Export a briefing to a Word document (.docx) with the PDF's content, for analysts who edit
and hand in Word.

Design, and why:
- The content and its wording come from `content.py`, which the PDF uses too: the outline, the
  claim numbers C1…, the note numbers [n], the order claims and figures print in, the captions
  and the sentences built from the model. Only the look is Word's own.
- Headings are Word's "Heading 1" and "Heading 2" styles, one per entry of the PDF's outline, so
  Word's navigation pane and an inserted table of contents list the sections. The title uses
  the "Title" style, captions "Caption", key judgments "List Number".
- The handling line is in every page's header and footer, as in the PDF; the footer also holds
  the short title and "N / M" as PAGE and NUMPAGES fields.
- The timeline and force charts are drawn by the PDF's chart code (`charts.py`, through
  `drawing/`) onto a white QImage at 200 dots per inch, cut into pieces that fit a page, and
  inserted as PNGs at the body's width with the caption as their alternative text. The figures'
  details, the actors and the sources are native Word tables whose head row repeats on each
  page.
- Citations are numbered notes: a claim's "Sources: [n] citation" as in the PDF, each [n] a link
  to the bookmark on its entry in the source list (Word footnotes are not in python-docx, and a
  note list shared by many claims reads shorter).
- Text from the briefing is data: it goes in as run text, which python-docx escapes; characters
  XML 1.0 cannot hold (C0 controls, lone surrogates) become U+FFFD rather than failing the
  export.
- The file goes out through `briefing.output`, as every output does.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from briefing import __version__
from briefing.export.charts import Canvas, ForcePages, TimelineChart
from briefing.export.content import (
    ACTOR_HEADINGS,
    ACTORS_CAPTION,
    CLAIMS_CAPTION,
    FIGURE_HEADINGS,
    FORCES_CAPTION,
    NO_CLAIMS,
    NO_EVENTS,
    NO_FORCES,
    NO_SOURCES,
    SOURCES_CAPTION,
    UNSOURCED,
    Section,
    as_of_label,
    claim_about,
    claim_numbers,
    credibility_label,
    figure_as_of,
    judgment_claims,
    likelihood_parts,
    note_numbers,
    one_line,
    paragraphs,
    printed_claims,
    printed_forces,
    sections,
    side_label,
    source_facts,
    source_heading,
    sources_by_note,
    timeline_caption,
)
from briefing.export.fonts import FontError, bundled_family
from briefing.export.pdf import ExportError, ensure_gui_app
from briefing.model import Briefing, Claim, Source
from briefing.output import OutputError, check_output, write_file

# Page sizes and margins in points, as the PDF's.
PAGE_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
MARGIN_X = 51.0
MARGIN_TOP = 60.0
MARGIN_BOTTOM = 64.0
HEADER_DISTANCE = 22.0
CHART_DPI = 200
CAPTION_ROOM = 60.0  # points a heading and a caption take above a chart's first piece
PIECE_SLACK = 24.0  # points kept free under a chart piece, for the paragraph around the picture
FIGURE_COLUMNS = (0.13, 0.13, 0.14, 0.13, 0.36, 0.11)  # shares of the body's width
ACTOR_COLUMNS = (0.30, 0.52, 0.18)
NOTE_COLUMN = 0.09

INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x5A, 0x5A, 0x5A)
LINK = RGBColor(0x1F, 0x4E, 0x99)
ALERT = RGBColor(0xA0, 0x00, 0x1D)  # the PDF's handling red, ALERT.darker(110)
BODY_SIZE = 10.0
META_SIZE = 8.0

# What XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return, surrogates,
# and the two non-characters U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text as Word can hold it: characters XML refuses become U+FFFD."""
    return NOT_XML.sub("\ufffd", text)


# --- charts as pictures ----------------------------------------------------------------------


def _blank_image(width: float, height: float) -> QImage:
    """A white image of `width` × `height` points at CHART_DPI."""
    scale = CHART_DPI / 72
    image = QImage(
        max(1, math.ceil(width * scale)),
        max(1, math.ceil(height * scale)),
        QImage.Format.Format_RGB32,
    )
    dots_per_metre = round(CHART_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    return image


def _png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("Qt cannot encode a chart as PNG")
    return bytes(buffer.data().data())


def _draw_pieces(
    parts: Sequence[Any],
    height: Callable[[Any, bool], float],
    draw: Callable[[Canvas, Any, bool], None],
    width: float,
    family: str,
) -> list[bytes]:
    """Each part of a chart drawn on its own image, as PNG."""
    pictures = []
    for n, part in enumerate(parts):
        image = _blank_image(width, height(part, n == 0))
        painter = QPainter()
        if not painter.begin(image):
            raise ExportError("Qt cannot draw a chart")
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setPen(Qt.PenStyle.NoPen)
            draw(Canvas(image, family, painter), part, n == 0)
        finally:
            painter.end()
        pictures.append(_png(image))
    return pictures


def chart_pictures(
    briefing: Briefing, width: float, first_room: float, room: float
) -> tuple[list[bytes], list[bytes]]:
    """The timeline's and the force comparison's pieces as PNGs, `width` points wide, the first
    piece of each at most `first_room` points tall and the others `room`. Needs the
    QGuiApplication of `ensure_gui_app`."""
    family = bundled_family()
    probe = _blank_image(1, 1)  # measures as the images draw: same resolution, same fonts
    canvas = Canvas(probe, family)
    notes = note_numbers(briefing)
    timeline: list[bytes] = []
    if briefing.events:
        chart = TimelineChart(briefing, canvas, width, notes)
        runs = chart.chunks(first_room, room)
        timeline = _draw_pieces(runs, chart.height, chart.draw, width, family)
    forces: list[bytes] = []
    if briefing.forces:
        pages = ForcePages(briefing, canvas, width, notes)
        groups = pages.chunks(first_room, room)
        forces = _draw_pieces(groups, pages.height, pages.draw, width, family)
    return timeline, forces


# --- Word pieces ------------------------------------------------------------------------------


def _run(
    paragraph: Paragraph,
    text: str,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: RGBColor | None = None,
) -> Run:
    run = paragraph.add_run(xml_text(text))
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _link(paragraph: Paragraph, text: str, bookmark: str, size: float | None = None) -> None:
    """`text` as a link to a bookmark of the document."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    run = _run(paragraph, text, size, colour=LINK)
    link.append(run._r)  # moves the run into the link
    paragraph._p.append(link)


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark around the paragraph's content so far, for links to point at."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    properties = paragraph._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _field(paragraph: Paragraph, instruction: str, size: float) -> None:
    """A field Word computes (PAGE, NUMPAGES), showing "1" until it does."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    half_points = OxmlElement("w:sz")
    half_points.set(qn("w:val"), str(round(size * 2)))
    properties.append(half_points)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _repeat_as_header(table: Table) -> None:
    """The table's first row repeats at the top of each page the table runs on."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)


def _source_bookmark(number: int) -> str:
    return f"src_{number}"


def _claim_bookmark(number: int) -> str:
    return f"claim_{number}"


class _Document:
    """The briefing written into a python-docx Document, section by section."""

    def __init__(self, briefing: Briefing, page_size: str) -> None:
        self.briefing = briefing
        self.notes = note_numbers(briefing)
        self.claim_numbers = claim_numbers(briefing)
        self.outline = {
            section.anchor: (level, section.title)
            for top in sections(briefing)
            for level, section in [(1, top), *((2, child) for child in top.children)]
        }
        self.bookmarks = 0
        self.doc: WordDocument = Document()
        page_w, page_h = PAGE_SIZES[page_size]
        self.body_w = page_w - 2 * MARGIN_X
        self.body_h = page_h - MARGIN_TOP - MARGIN_BOTTOM
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Pt(page_w), Pt(page_h)
        section.left_margin = section.right_margin = Pt(MARGIN_X)
        section.top_margin, section.bottom_margin = Pt(MARGIN_TOP), Pt(MARGIN_BOTTOM)
        section.header_distance = section.footer_distance = Pt(HEADER_DISTANCE)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(BODY_SIZE)  # type: ignore[attr-defined]
        caption = self.doc.styles["Caption"].font  # type: ignore[attr-defined]
        caption.size, caption.bold, caption.color.rgb = Pt(META_SIZE), False, GREY
        properties = self.doc.core_properties
        properties.title = xml_text(one_line(briefing.title))
        properties.author = xml_text(one_line(briefing.author))
        properties.subject = xml_text(one_line(briefing.publication or "Briefing"))
        properties.comments = f"Written by Briefing {__version__}"
        properties.last_modified_by = f"Briefing {__version__}"

    # Building blocks ------------------------------------------------------------------------

    def paragraph(self, text: str = "", style: str | None = None, **run: Any) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            _run(paragraph, text, **run)
        return paragraph

    def heading(self, anchor: str, page_break: bool = False) -> Paragraph:
        """The heading of an outline entry, in Word's heading style of its level."""
        level, title = self.outline[anchor]
        heading = self.doc.add_heading(level=level)
        _run(heading, title)
        if page_break:
            heading.paragraph_format.page_break_before = True
        return heading

    def caption(self, text: str) -> Paragraph:
        caption = self.paragraph(text, "Caption")
        caption.paragraph_format.keep_with_next = True
        return caption

    def bookmark(self, paragraph: Paragraph, name: str) -> None:
        self.bookmarks += 1
        _bookmark(paragraph, name, self.bookmarks)

    def notes_in(
        self, paragraph: Paragraph, source_ids: Sequence[str], size: float, citation: bool
    ) -> None:
        """The note numbers [n] of the sources, each a link to its source entry, with the
        short citation after each when `citation`; UNSOURCED in red when there are none."""
        if not source_ids:
            _run(paragraph, UNSOURCED, size, bold=True, colour=ALERT)
            return
        first = True
        for sid in dict.fromkeys(source_ids):
            number = self.notes.get(sid)
            if number is None:
                continue
            if not first:
                _run(paragraph, "; " if citation else " ", size)
            first = False
            _link(paragraph, f"[{number}]", _source_bookmark(number), size)
            if citation:
                _run(paragraph, " " + self.briefing.sources_by_id[sid].citation(), size)

    def table(self, headings: Sequence[str], shares: Sequence[float]) -> Table:
        table = self.doc.add_table(rows=1, cols=len(headings))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for cell, name in zip(table.rows[0].cells, headings, strict=True):
            _run(cell.paragraphs[0], name, META_SIZE, bold=True, colour=GREY)
        _repeat_as_header(table)
        self._widths(table, shares)
        return table

    def _widths(self, table: Table, shares: Sequence[float]) -> None:
        for n, share in enumerate(shares):
            width = Pt(self.body_w * share)
            table.columns[n].width = width
            for cell in table.columns[n].cells:
                cell.width = width

    def pictures(self, pictures: Sequence[bytes], description: str) -> None:
        for n, picture in enumerate(pictures, 1):
            paragraph = self.paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(BytesIO(picture), width=Pt(self.body_w))
            shape = self.doc.inline_shapes[-1]
            part = f" (part {n} of {len(pictures)})" if len(pictures) > 1 else ""
            shape._inline.docPr.set("descr", xml_text(description + part))

    # The report -----------------------------------------------------------------------------

    def write(self, timeline: Sequence[bytes], forces: Sequence[bytes]) -> None:
        self.furniture()
        self.cover()
        self.timeline(timeline)
        self.forces(forces)
        self.claims()
        self.actors()
        self.sources()

    def furniture(self) -> None:
        """The handling line in the header and footer of every page; title and "N / M"."""
        section = self.doc.sections[0]
        handling = one_line(self.briefing.handling)
        header = section.header.paragraphs[0]
        footer = section.footer.paragraphs[0]
        for paragraph in (header, footer):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if handling:
                _run(paragraph, handling, 7.5, bold=True, colour=ALERT)
        line = section.footer.add_paragraph()
        line.paragraph_format.tab_stops.add_tab_stop(Pt(self.body_w), WD_TAB_ALIGNMENT.RIGHT)
        _run(line, one_line(self.briefing.title), 7, colour=GREY)
        _run(line, "\t", 8)
        _field(line, "PAGE", 8)
        _run(line, " / ", 8)
        _field(line, "NUMPAGES", 8)

    def cover(self) -> None:
        b = self.briefing
        if b.publication:
            self.paragraph(one_line(b.publication), size=9, colour=GREY)
        title = self.doc.add_paragraph(style="Title")
        _run(title, one_line(b.title))
        if b.author:
            self.paragraph(f"By {one_line(b.author)}")
        self.paragraph(f"As of {as_of_label(b)}")
        if b.summary:
            self.heading("sec-summary")
            for words in paragraphs(b.summary):
                self.paragraph(words)
        if b.key_judgments:
            self.heading("sec-key-judgments")
            for judgment in b.key_judgments:
                item = self.paragraph(one_line(judgment.text), "List Number")
                numbers = judgment_claims(judgment, self.claim_numbers)
                if numbers:
                    _run(item, " (claims ", META_SIZE, colour=GREY)
                    for m, number in enumerate(numbers):
                        if m:
                            _run(item, ", ", META_SIZE, colour=GREY)
                        _link(item, f"C{number}", _claim_bookmark(number), META_SIZE)
                    _run(item, ")", META_SIZE, colour=GREY)

    def timeline(self, pictures: Sequence[bytes]) -> None:
        self.heading("sec-timeline", page_break=True)
        if not self.briefing.events:
            self.paragraph(NO_EVENTS)
            return
        caption = timeline_caption(self.briefing)
        self.caption(caption)
        self.pictures(pictures, caption)

    def forces(self, pictures: Sequence[bytes]) -> None:
        self.heading("sec-forces", page_break=True)
        figures = printed_forces(self.briefing)
        if not figures:
            self.paragraph(NO_FORCES)
            return
        self.caption(FORCES_CAPTION)
        self.pictures(pictures, FORCES_CAPTION)
        self.heading("sec-figures")
        table = self.table(FIGURE_HEADINGS, FIGURE_COLUMNS)
        for figure in figures:
            cells = table.add_row().cells
            _run(cells[0].paragraphs[0], side_label(self.briefing, figure.side), META_SIZE)
            _run(cells[1].paragraphs[0], figure.category, META_SIZE)
            _run(cells[2].paragraphs[0], figure.value_label(), META_SIZE, bold=True)
            _run(cells[3].paragraphs[0], figure_as_of(figure), META_SIZE)
            details = cells[4].paragraphs[0]
            if figure.units:
                _run(details, "; ".join(figure.units), META_SIZE)
            if figure.note:
                note = cells[4].add_paragraph() if figure.units else details
                _run(note, one_line(figure.note), META_SIZE, italic=True, colour=GREY)
            self.notes_in(cells[5].paragraphs[0], figure.sources, META_SIZE, citation=False)
        self._widths(table, FIGURE_COLUMNS)

    def claims(self) -> None:
        self.heading("sec-claims", page_break=True)
        self.caption(CLAIMS_CAPTION)
        if not self.briefing.claims:
            self.paragraph(NO_CLAIMS)
        for _kind, _title, anchor, claims in printed_claims(self.briefing):
            if not claims:
                continue
            self.heading(anchor)
            for claim in claims:
                self.claim(claim)

    def claim(self, claim: Claim) -> None:
        number = self.claim_numbers[claim.id]
        text = self.paragraph()
        text.paragraph_format.keep_with_next = True
        text.paragraph_format.space_after = Pt(1)
        _run(text, f"C{number}", bold=True)
        _run(text, "\u00a0\u00a0" + one_line(claim.text))
        self.bookmark(text, _claim_bookmark(number))
        meta = self.paragraph()
        facts: list[list[tuple[str, bool]]] = []  # (text, bold) runs of each fact
        likelihood = likelihood_parts(claim)
        if likelihood:
            label, term, probability = likelihood
            facts.append([(label, False), (term, True), (probability, False)])
        credibility = credibility_label(claim)
        if credibility:
            facts.append([(credibility, False)])
        for fact in facts:
            for words, bold in fact:
                _run(meta, words, META_SIZE, bold=bold, colour=GREY)
            _run(meta, " · ", META_SIZE, colour=GREY)
        _run(meta, "Sources: ", META_SIZE, colour=GREY)
        self.notes_in(meta, claim.sources, META_SIZE, citation=True)
        last = meta
        about = claim_about(self.briefing, claim)
        if about:
            last = self.paragraph(f"About: {about}", size=META_SIZE, colour=GREY)
        if claim.note:
            last = self.paragraph(
                f"Note: {one_line(claim.note)}", size=META_SIZE, italic=True, colour=GREY
            )
        for paragraph in (meta, last):
            paragraph.paragraph_format.space_after = Pt(1)
        last.paragraph_format.space_after = Pt(8)

    def actors(self) -> None:
        actors = self.briefing.actors
        if not actors:
            return
        self.heading("sec-actors", page_break=True)
        self.caption(ACTORS_CAPTION)
        table = self.table(ACTOR_HEADINGS, ACTOR_COLUMNS)
        for actor in actors:
            cells = table.add_row().cells
            _run(cells[0].paragraphs[0], one_line(actor.name), META_SIZE, bold=True)
            _run(cells[1].paragraphs[0], one_line(actor.role), META_SIZE)
            _run(cells[2].paragraphs[0], side_label(self.briefing, actor.side), META_SIZE)
        self._widths(table, ACTOR_COLUMNS)

    def sources(self) -> None:
        self.heading("sec-sources", page_break=True)
        if not self.briefing.sources:
            self.paragraph(NO_SOURCES)
            return
        self.caption(SOURCES_CAPTION)
        shares = (NOTE_COLUMN, 1 - NOTE_COLUMN)
        table = self.table(("Note", "Source"), shares)
        for source in sources_by_note(self.briefing, self.notes):
            cells = table.add_row().cells
            number = self.notes[source.id]
            mark = cells[0].paragraphs[0]
            _run(mark, f"[{number}]", META_SIZE, bold=True)
            self.bookmark(mark, _source_bookmark(number))
            self.source(cells[1].paragraphs[0], source, cells[1].add_paragraph)
        self._widths(table, shares)

    def source(self, head: Paragraph, source: Source, more: Callable[[], Paragraph]) -> None:
        outlet, title = source_heading(source)
        _run(head, outlet, META_SIZE, bold=True)
        if title:
            _run(head, title, META_SIZE)
        _run(more(), source_facts(source), META_SIZE, colour=GREY)
        if source.url:
            _run(more(), source.url, META_SIZE, colour=GREY)
        if source.note:
            _run(more(), one_line(source.note), META_SIZE, italic=True, colour=GREY)


def outline(briefing: Briefing) -> list[tuple[int, str]]:
    """(level, title) of every Word heading the export writes, in order: the PDF's outline
    without its cover entry, which is the document's title."""
    found: list[tuple[int, str]] = []

    def walk(entries: Sequence[Section], level: int) -> Iterator[tuple[int, str]]:
        for entry in entries:
            if entry.anchor != "sec-cover":
                yield level, entry.title
            yield from walk(entry.children, level + 1)

    found.extend(walk(sections(briefing), 1))
    return found


def build_docx(briefing: Briefing, page_size: str = "A4") -> WordDocument:
    """The briefing as a python-docx Document, charts drawn. Needs the QGuiApplication of
    `ensure_gui_app`."""
    if page_size not in PAGE_SIZES:
        raise ExportError(f"unknown page size {page_size!r}; use A4 or Letter")
    document = _Document(briefing, page_size)
    first_room = document.body_h - CAPTION_ROOM - PIECE_SLACK
    timeline, forces = chart_pictures(
        briefing, document.body_w, first_room, document.body_h - PIECE_SLACK
    )
    document.write(timeline, forces)
    return document.doc


def export_docx(
    briefing: Briefing,
    out_path: str | os.PathLike[str],
    page_size: str = "A4",
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> None:
    """Write the briefing to `out_path` as a Word document (.docx).

    Raises ExportError, with a one-line message, when the file is refused by `briefing.output`
    (one of `inputs`, a folder, a device...) or cannot be written; the target is then left as
    it was."""
    name = os.fspath(out_path)
    try:
        check_output(name, inputs)  # refuse at once, not after drawing the charts
        ensure_gui_app()
        document = build_docx(briefing, page_size)
        write_file(name, document.save, inputs)
    except OutputError as error:
        raise ExportError(str(error)) from error
    except (ExportError, FontError) as error:
        raise ExportError(f"cannot write {name}: {error}") from error
    except OSError as error:
        raise ExportError(f"cannot write {name}: {error.strerror or error}") from error
    except Exception as error:  # python-docx's and lxml's errors, and anything Qt's bindings raise
        raise ExportError(f"cannot write {name}: {type(error).__name__}: {error}") from error
