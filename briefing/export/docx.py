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

import functools
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from briefing import __version__
from briefing.export.charts import Canvas, ForcePages, TimelineChart
from briefing.export.content import (
    ACTOR_HEADINGS,
    ACTORS_CAPTION,
    ALTERNATIVES_CAPTION,
    ASSUMPTIONS_CAPTION,
    CHANGES_CAPTION,
    CLAIMS_CAPTION,
    FIGURE_HEADINGS,
    FORCES_CAPTION,
    INDICATORS_CAPTION,
    NO_CHANGES,
    NO_CLAIMS,
    NO_EVENTS,
    NO_FORCES,
    NO_SOURCES,
    SOURCES_CAPTION,
    UNSOURCED,
    ChangesSince,
    Section,
    ach_cells,
    ach_rows,
    alternative_lines,
    as_of_label,
    bears_on,
    change_entries,
    claim_about,
    claim_confidence,
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
from briefing.numbering import claim_numbers
from briefing.output import OutputError, check_output, write_file
from briefing.words import indicator_status, resting_on

# Page sizes and margins in points, as the PDF's.
PAGE_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
MARGIN_X = 51.0
MARGIN_TOP = 60.0
MARGIN_BOTTOM = 64.0
HEADER_DISTANCE = 22.0
CHART_DPI = 200
PNG_QUALITY = 80  # Qt's scale for PNG: 80 is zlib's level 1
CAPTION_ROOM = 60.0  # points a heading and a caption take above a chart's first piece
PIECE_SLACK = 24.0  # points kept free under a chart piece, for the paragraph around the picture
FIGURE_COLUMNS = (0.13, 0.13, 0.14, 0.13, 0.36, 0.11)  # shares of the body's width
ACTOR_COLUMNS = (0.30, 0.52, 0.18)
NOTE_COLUMN = 0.09
PROPERTY_LIMIT = 255  # characters of a core property (title, author) python-docx and Word take

GREY = "5A5A5A"
LINK = "1F4E99"
ALERT = "A0001D"  # the PDF's handling red, ALERT.darker(110)
CLAIM_STYLE = "Claim"  # a paragraph style of its own: one claim's lines kept on one page
BODY_SIZE = 10.0
META_SIZE = 8.0

# What XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return, surrogates,
# and the two non-characters U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


W_NAMESPACE = {"w": nsmap["w"]}
LINE_PARTS = re.compile("([\t\n])")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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
    """The image as PNG: 24-bit, at zlib's fastest level (Qt's quality 80), which also came out
    smaller than Qt's default for these charts and takes a third of its time."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_RGB888).save(buffer, "PNG", PNG_QUALITY):
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


@functools.cache
def _clark(tag: str) -> str:
    """ "w:name" as lxml names it, "{namespace}name"."""
    return qn(tag)


def _element(tag: str, parent: Any = None, **attributes: str) -> Any:
    """A WordprocessingML element (`tag` as "w:name"), appended to `parent` when given.

    What python-docx's OxmlElement makes, without parsing the prefixed names again for each
    of the hundred thousand elements of a long briefing."""
    element = oxml_parser.makeelement(_clark(tag), nsmap=W_NAMESPACE)
    for name, value in attributes.items():
        element.set(_clark(f"w:{name}"), value)
    if parent is not None:
        parent.append(element)
    return element


def _run(
    paragraph: Paragraph,
    text: str,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
) -> Any:
    """A run of `text` at the end of the paragraph; tabs and line feeds as Word's tab and break.

    Built as XML directly, its properties in the schema's order: python-docx's setters look
    for the place of each property among some forty possible siblings, which made a run cost
    about a millisecond and a 3,000-claim export minutes."""
    run = _element("w:r")
    if size or bold or italic or colour:
        properties = _element("w:rPr", run)
        if bold:
            _element("w:b", properties)
        if italic:
            _element("w:i", properties)
        if colour:
            _element("w:color", properties, val=colour)
        if size:
            _element("w:sz", properties, val=str(round(size * 2)))
    for piece in LINE_PARTS.split(xml_text(text)):
        if piece == "\t":
            _element("w:tab", run)
        elif piece == "\n":
            _element("w:br", run)
        elif piece:
            words = _element("w:t", run)
            words.text = piece
            if piece != piece.strip():
                words.set(XML_SPACE, "preserve")
    paragraph._p.append(run)
    return run


def _break(paragraph: Paragraph) -> None:
    """A line break: the next run starts a new line of the same paragraph."""
    _element("w:br", _element("w:r", paragraph._p))


def _link(paragraph: Paragraph, text: str, bookmark: str, size: float | None = None) -> None:
    """`text` as a link to a bookmark of the document."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    link.append(_run(paragraph, text, size, colour=LINK))  # moves the run into the link
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
    field = _element("w:fldSimple", instr=instruction)
    field.append(_run(paragraph, "1", size))  # moves the run into the field
    paragraph._p.append(field)


def _repeat_as_header(table: Table) -> None:
    """The table's first row repeats at the top of each page the table runs on."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)


def _property(text: str | None) -> str:
    """Text for a document property (title, author), which Word caps at 255 characters: one
    line, cut with "…" when longer."""
    line = xml_text(one_line(text))
    return line if len(line) <= PROPERTY_LIMIT else line[: PROPERTY_LIMIT - 1] + "…"


def _source_bookmark(number: int) -> str:
    return f"src_{number}"


def _claim_bookmark(number: int) -> str:
    return f"claim_{number}"


class _Document:
    """The briefing written into a python-docx Document, section by section."""

    def __init__(
        self, briefing: Briefing, page_size: str, changes: ChangesSince | None = None
    ) -> None:
        self.briefing = briefing
        self.changes = changes
        self.notes = note_numbers(briefing)
        self.claim_numbers = claim_numbers(briefing)
        self.outline = {
            section.anchor: (level, section.title)
            for top in sections(briefing, changes)
            for level, section in [(1, top), *((2, child) for child in top.children)]
        }
        self.bookmarks = 0
        self.doc: WordDocument = Document()
        self.end = self.doc.element.body.sectPr  # new paragraphs go before it
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
        caption = self.doc.styles["Caption"]
        caption.font.size, caption.font.bold = Pt(META_SIZE), False  # type: ignore[attr-defined]
        caption.font.color.rgb = RGBColor.from_string(GREY)  # type: ignore[attr-defined]
        caption.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        claim = self.doc.styles.add_style(CLAIM_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        claim.base_style = normal
        claim.paragraph_format.keep_together = True  # type: ignore[attr-defined]
        claim.paragraph_format.space_after = Pt(8)  # type: ignore[attr-defined]
        properties = self.doc.core_properties
        properties.title = _property(briefing.title)
        properties.author = _property(briefing.author)
        properties.subject = _property(briefing.publication or "Briefing")
        properties.comments = f"Written by Briefing {__version__}"
        properties.last_modified_by = f"Briefing {__version__}"

    # Building blocks ------------------------------------------------------------------------

    def paragraph(self, text: str = "", style: str | None = None, **run: Any) -> Paragraph:
        """A new paragraph at the end of the body.

        Placed before the body's closing section properties directly: python-docx's
        add_paragraph looks for them from the start each time, which grows with the document."""
        element = _element("w:p")
        if style:
            _element("w:pStyle", _element("w:pPr", element), val=self.style_id(style))
        self.end.addprevious(element)
        paragraph = Paragraph(element, self.doc._body)
        if text:
            _run(paragraph, text, **run)
        return paragraph

    @functools.cache  # noqa: B019 - one per export, a handful of styles
    def style_id(self, name: str) -> str:
        return self.doc.styles[name].style_id

    def heading(self, anchor: str, page_break: bool = False) -> Paragraph:
        """The heading of an outline entry, in Word's heading style of its level."""
        level, title = self.outline[anchor]
        heading = self.paragraph(title, f"Heading {level}")
        if page_break:
            heading.paragraph_format.page_break_before = True
        return heading

    def caption(self, text: str) -> Paragraph:
        return self.paragraph(text, "Caption")

    def bookmark(self, paragraph: Paragraph, name: str) -> None:
        self.bookmarks += 1
        _bookmark(paragraph, name, self.bookmarks)

    def notes_in(
        self,
        paragraph: Paragraph,
        source_ids: Sequence[str],
        size: float,
        citation: bool,
        colour: str | None = None,
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
                _run(paragraph, "; " if citation else " ", size, colour=colour)
            first = False
            _link(paragraph, f"[{number}]", _source_bookmark(number), size)
            if citation:
                citing = self.briefing.sources_by_id[sid].citation()
                _run(paragraph, " " + citing, size, colour=colour)

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
        self.changes_since()
        self.timeline(timeline)
        self.forces(forces)
        self.claims()
        self.assumptions()
        self.alternatives()
        self.indicators()
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
        self.paragraph(one_line(b.title), "Title")
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
                confidence = claim_confidence(judgment)
                if confidence:
                    _break(item)
                    _run(item, confidence, META_SIZE, colour=GREY)

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
        """One paragraph, as the PDF's claim block: the number and text, then a line each for
        likelihood, credibility and notes, what it is about, and its note."""
        number = self.claim_numbers[claim.id]
        text = self.paragraph(style=CLAIM_STYLE)
        _run(text, f"C{number}", bold=True)
        _run(text, "\u00a0\u00a0" + one_line(claim.text))
        self.bookmark(text, _claim_bookmark(number))
        _break(text)
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
                _run(text, words, META_SIZE, bold=bold, colour=GREY)
            _run(text, " · ", META_SIZE, colour=GREY)
        _run(text, "Sources: ", META_SIZE, colour=GREY)
        self.notes_in(text, claim.sources, META_SIZE, citation=True, colour=GREY)
        confidence = claim_confidence(claim)
        if confidence:  # its own line: ICD 203 keeps confidence out of the likelihood's sentence
            _break(text)
            _run(text, confidence, META_SIZE, colour=GREY)
        about = claim_about(self.briefing, claim)
        if about:
            _break(text)
            _run(text, f"About: {about}", META_SIZE, colour=GREY)
        if claim.note:
            _break(text)
            _run(text, f"Note: {one_line(claim.note)}", META_SIZE, italic=True, colour=GREY)

    def changes_since(self) -> None:
        if self.changes is None:
            return
        self.heading("sec-changes", page_break=True)
        self.caption(CHANGES_CAPTION)
        entries = change_entries(self.changes)
        if not entries:
            self.paragraph(NO_CHANGES)
        for head, details in entries:
            item = self.paragraph(head)
            for detail in details:
                _break(item)
                _run(item, detail, META_SIZE, colour=GREY)

    def assumptions(self) -> None:
        b = self.briefing
        if not b.assumptions:
            return
        self.heading("sec-assumptions", page_break=True)
        self.caption(ASSUMPTIONS_CAPTION)
        for assumption in b.assumptions:
            item = self.paragraph(style=CLAIM_STYLE)
            _run(item, assumption.id, bold=True)
            _run(item, "\u00a0\u00a0" + one_line(assumption.text))
            _break(item)
            rests = resting_on(b, assumption, self.claim_numbers)
            _run(item, f"Rests on it: {rests}", META_SIZE, colour=GREY)

    def alternatives(self) -> None:
        b = self.briefing
        if not b.alternatives:
            return
        self.heading("sec-alternatives", page_break=True)
        self.caption(ALTERNATIVES_CAPTION)
        for line in alternative_lines(b):
            self.paragraph(line)
        rows = ach_rows(b)
        if not rows:
            return
        count = len(b.alternatives)
        mark = min(0.08, 0.6 / count)
        shares = (1 - mark * count, *([mark] * count))
        table = self.table(("Claim", *(f"H{n}" for n in range(1, count + 1))), shares)
        for row in rows:
            cells = table.add_row().cells
            number = self.claim_numbers[row.claim.id]
            _link(cells[0].paragraphs[0], f"C{number}", _claim_bookmark(number), META_SIZE)
            _run(cells[0].paragraphs[0], " " + one_line(row.claim.text), META_SIZE)
            for cell, text in zip(cells[1:], ach_cells(row), strict=True):
                _run(cell.paragraphs[0], text, META_SIZE, bold=True)
        self._widths(table, shares)

    def indicators(self) -> None:
        b = self.briefing
        if not b.indicators:
            return
        self.heading("sec-indicators", page_break=True)
        self.caption(INDICATORS_CAPTION)
        for indicator in b.indicators:
            item = self.paragraph(style=CLAIM_STYLE)
            _run(item, indicator.id, bold=True)
            _run(item, "\u00a0\u00a0" + one_line(indicator.text))
            _break(item)
            late = b.seen_after_as_of(indicator)
            _run(item, "Status: ", META_SIZE, colour=GREY)
            status = indicator_status(b, indicator)
            _run(item, status, META_SIZE, bold=late, colour=ALERT if late else GREY)
            on = bears_on(b, indicator, self.claim_numbers)
            _run(item, f" · Bears on: {on}", META_SIZE, colour=GREY)
            if indicator.sources:
                _run(item, " · Sources: ", META_SIZE, colour=GREY)
                self.notes_in(item, indicator.sources, META_SIZE, citation=False, colour=GREY)

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


def outline(briefing: Briefing, changes: ChangesSince | None = None) -> list[tuple[int, str]]:
    """(level, title) of every Word heading the export writes, in order: the PDF's outline
    without its cover entry, which is the document's title."""
    found: list[tuple[int, str]] = []

    def walk(entries: Sequence[Section], level: int) -> Iterator[tuple[int, str]]:
        for entry in entries:
            if entry.anchor != "sec-cover":
                yield level, entry.title
            yield from walk(entry.children, level + 1)

    found.extend(walk(sections(briefing, changes), 1))
    return found


def build_docx(
    briefing: Briefing, page_size: str = "A4", changes: ChangesSince | None = None
) -> WordDocument:
    """The briefing as a python-docx Document, charts drawn. Needs the QGuiApplication of
    `ensure_gui_app`."""
    if page_size not in PAGE_SIZES:
        raise ExportError(f"unknown page size {page_size!r}; use A4 or Letter")
    document = _Document(briefing, page_size, changes)
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
    changes: ChangesSince | None = None,
) -> None:
    """Write the briefing to `out_path` as a Word document (.docx); with `changes`, a "Changes
    since …" section follows the cover.

    Raises ExportError, with a one-line message, when the file is refused by `briefing.output`
    (one of `inputs`, a folder, a device...) or cannot be written; the target is then left as
    it was."""
    name = os.fspath(out_path)
    try:
        check_output(name, inputs)  # refuse at once, not after drawing the charts
        ensure_gui_app()
        document = build_docx(briefing, page_size, changes)
        write_file(name, document.save, inputs)
    except OutputError as error:
        raise ExportError(str(error)) from error
    except (ExportError, FontError) as error:
        raise ExportError(f"cannot write {name}: {error}") from error
    except OSError as error:
        raise ExportError(f"cannot write {name}: {error.strerror or error}") from error
    except Exception as error:  # python-docx's and lxml's errors, and anything Qt's bindings raise
        raise ExportError(f"cannot write {name}: {type(error).__name__}: {error}") from error
