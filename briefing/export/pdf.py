"""Export a briefing to a PDF that reads well on paper: Qt's own PDF writer, then an outline.

Design, and why:
- All flowing text is one QTextDocument, built as HTML here with `html.escape` on every piece of
  briefing text (text is data: a title `<b>x</b>` prints literally). One document gives one
  pagination, so page numbers, section pages and links are consistent with no bookkeeping.
- The two charts hold their place in that document as blank inline images of their size (one
  per chunk of a chart that fits a page; an image too tall for the rest of a page moves to the
  next, like a line), and are drawn over that place with QPainter (`charts.py`) when the page
  is painted, so they come out as vectors and flow and number with the text. The room left on
  a chart's first page is measured by a first layout pass. (A QTextObjectInterface written in
  Python would be neater, but PySide6 cannot register one: Qt's qobject_cast to the interface
  fails for Python classes and the handler is silently ignored; a fixed-height empty line
  confuses the page breaking of QTextDocumentLayout.)
- Pages are drawn one by one (`documentLayout().draw` with the page's clip, the way
  `QTextDocument.print_` does it internally) because `print_` cannot draw our header and
  footer: the handling line at the top and bottom of every page and "N / M". Qt's PDF engine
  turns `<a href="#n">` / `<a name="n">` into /Link annotations and named destinations in
  `drawTextItem`, whichever call drives the painting; the tests check the file holds them.
- Qt writes no outline and no /Subject, so a second step opens Qt's file with pikepdf (qpdf)
  and adds bookmarks that point at Qt's own named destinations of the section headings, plus
  the subject in both the Info dictionary and the XMP. It keeps object streams off so the file
  stays PDF/A-1b as Qt wrote it, with the links and the embedded font subsets untouched.
- Fonts: the bundled DejaVu Sans with Noto Sans Arabic as its fallback (`fonts.py`), so names
  like İbrahim Kalın, and the region's scripts, print the same on every machine; ligatures are
  off so extracted text searches ("fi" stays two letters). Characters no font has are not
  silently boxes: `briefing export` warns with the field and the characters.
- Qt writes into memory and pikepdf's result goes out through `briefing.output`, the one writer
  of every output: checked against the input first, whole or not at all, and a full disk is
  named as such (Qt would only say it "cannot start a new page").

Only QtCore and QtGui are imported: `briefing export` starts fast and needs no display.
"""

from __future__ import annotations

import html
import io
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from briefing import __version__
from briefing.export.charts import (
    ALERT,
    INK,
    MUTED,
    RULE,
    Canvas,
    ForcePages,
    TimelineChart,
)
from briefing.export.fonts import FontError, bundled_family, missing_characters
from briefing.export.fonts import font as make_font
from briefing.model import CREDIBILITY_MEANING, Briefing, Claim, ClaimKind, ForceFigure, Source
from briefing.output import OutputError, check_output, write_file
from briefing.problems import shown

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 600  # dots per inch of the layout: fine enough that no glyph advance is rounded
MARGIN_X = 51.0  # points; 18 mm
MARGIN_TOP = 60.0
MARGIN_BOTTOM = 64.0
SLACK = 8.0  # points kept free under a chart chunk for the line's descent

Progress = Callable[[int, int], None]


def _draw_nothing(canvas: Canvas) -> None:
    """A chart placeholder's drawing while the layout is still being measured."""


CLAIM_GROUPS = (
    (ClaimKind.FACT, "Facts", "sec-facts"),
    (ClaimKind.ASSESSMENT, "Assessments", "sec-assessments"),
    (ClaimKind.FORECAST, "Forecasts", "sec-forecasts"),
)

STYLE = """
body { color: #1a1a1a; }
h1 { font-size: 15pt; font-weight: bold; margin-top: 0px; margin-bottom: 6px; }
h2 { font-size: 11.5pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px; }
p { margin-top: 0px; margin-bottom: 6px; }
a.ref { color: #1f4e99; text-decoration: none; }
.publication { font-size: 9pt; color: #5a5a5a; margin-bottom: 4px; }
.cover-title { font-size: 21pt; font-weight: bold; margin-top: 6px; margin-bottom: 10px; }
.byline { font-size: 10pt; color: #333333; margin-bottom: 2px; }
.caption { font-size: 8pt; color: #5a5a5a; margin-bottom: 8px; }
.meta { font-size: 8pt; color: #444444; }
.note { font-size: 8pt; color: #5a5a5a; font-style: italic; }
.unsourced { color: #b00020; font-weight: bold; }
.chart { margin-top: 0px; margin-bottom: 0px; font-size: 2pt; }
.claim { margin-bottom: 9px; }
.small { font-size: 8pt; }
th { font-size: 8pt; color: #5a5a5a; text-align: left; }
"""


class ExportError(Exception):
    """The PDF could not be written; the message is one line a person can act on."""


@dataclass(frozen=True)
class Section:
    """An outline entry: a heading's title and anchor, and the entries under it."""

    title: str
    anchor: str
    children: tuple[Section, ...] = ()


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _flow(text: str | None) -> str:
    """Briefing prose as escaped HTML paragraphs: blank lines part them, other breaks don't."""
    paragraphs = [" ".join(part.split()) for part in (text or "").split("\n\n")]
    return "".join(f"<p>{_esc(p)}</p>" for p in paragraphs if p)


def _heading(level: int, anchor: str, title: str) -> str:
    """A section heading with its anchor; a top-level one starts a page. Sizes are set on the
    tag itself: QTextDocument lets its own h1/h2 sizes win over a style sheet."""
    size, space, page = (16, 0, "page-break-before: always; ") if level == 1 else (12, 12, "")
    return (
        f'<h{level} style="{page}font-size: {size}pt; margin-top: {space}px">'
        f'<a name="{anchor}">{_esc(title)}</a></h{level}>'
    )


def _words(value: str) -> str:
    return value.replace("_", " ")


# --- numbering --------------------------------------------------------------------------------


def printed_claims(briefing: Briefing) -> list[tuple[ClaimKind, str, str, list[Claim]]]:
    """The claims in the order they print: grouped by kind, each group in file order."""
    return [
        (kind, title, anchor, [c for c in briefing.claims if c.kind is kind])
        for kind, title, anchor in CLAIM_GROUPS
    ]


def printed_forces(briefing: Briefing) -> list[ForceFigure]:
    """Force figures grouped by what they count, in order of first appearance (as charted)."""
    categories = list(dict.fromkeys(f.category for f in briefing.forces))
    return [f for category in categories for f in briefing.forces if f.category == category]


def note_numbers(briefing: Briefing) -> dict[str, int]:
    """Source id → note number, in the order the notes are first met when reading the PDF
    (timeline, forces, claims); sources nothing cites come last, in file order."""
    order: list[str] = []
    events = sorted(briefing.events, key=lambda e: (e.date.start, e.date.end, e.title))
    for item in (*events, *printed_forces(briefing)):
        order.extend(item.sources)
    for _kind, _title, _anchor, claims in printed_claims(briefing):
        for claim in claims:
            order.extend(claim.sources)
    order.extend(source.id for source in briefing.sources)
    known = briefing.sources_by_id
    return {sid: n for n, sid in enumerate((s for s in dict.fromkeys(order) if s in known), 1)}


# --- what prints -----------------------------------------------------------------------------


def printed_text(briefing: Briefing) -> Iterator[tuple[str, str, bool]]:
    """Every piece of briefing text the PDF prints: (field path as in the file, text, whether
    it prints in italic). Ids and colours print as links, note numbers and lane colours."""
    b = briefing
    for name in ("title", "publication", "author", "handling", "summary"):
        yield name, getattr(b, name) or "", False
    for n, judgment in enumerate(b.key_judgments):
        yield f"key_judgments[{n}].text", judgment.text, False
    for n, side in enumerate(b.sides):
        yield f"sides[{n}].name", side.name, False
    for n, actor in enumerate(b.actors):
        yield f"actors[{n}].name", actor.name, False
        yield f"actors[{n}].role", actor.role or "", False
    for n, source in enumerate(b.sources):
        for name in ("outlet", "title", "language", "url"):
            yield f"sources[{n}].{name}", getattr(source, name) or "", False
        yield f"sources[{n}].note", source.note or "", True
    for n, event in enumerate(b.events):
        for name in ("title", "text", "date_text", "place"):
            yield f"events[{n}].{name}", getattr(event, name) or "", False
    for n, figure in enumerate(b.forces):
        yield f"forces[{n}].category", figure.category, False
        for m, unit in enumerate(figure.units):
            yield f"forces[{n}].units[{m}]", unit, False
        yield f"forces[{n}].note", figure.note or "", True
    for n, claim in enumerate(b.claims):
        yield f"claims[{n}].text", claim.text, False
        yield f"claims[{n}].note", claim.note or "", True


def unprintable(briefing: Briefing) -> list[tuple[str, str]]:
    """(field path, characters) for every field with characters that no font prints, neither a
    bundled one nor one the machine has: they would come out as empty boxes. Needs the
    QGuiApplication of `ensure_gui_app`."""
    found = []
    for path, text, italic in printed_text(briefing):
        missing = missing_characters(text, italic) if text else ""
        if missing:
            found.append((path, missing))
    return found


# --- the document -----------------------------------------------------------------------------


@dataclass
class _ChartChunk:
    """A piece of a chart that fits a page; it keeps its place in the text as a blank image of
    its size and is drawn over it when the page is painted."""

    height: float  # points
    draw: Callable[[Canvas], None]
    position: int = -1  # where its line is in the document


class _Report:
    """The briefing laid out as pages of one QTextDocument on a QPdfWriter."""

    def __init__(self, briefing: Briefing, writer: QPdfWriter, family: str) -> None:
        self.briefing = briefing
        self.writer = writer
        self.family = family
        self.unit = writer.logicalDpiY() / 72
        page = writer.pageLayout().fullRectPoints()
        self.page_w, self.page_h = page.width(), page.height()
        self.body_w = self.page_w - 2 * MARGIN_X
        self.body_h = self.page_h - MARGIN_TOP - MARGIN_BOTTOM
        # The height of a page in the layout, in device pixels, as QTextDocumentLayout has it:
        # in its fixed point of 1/64 pixel. Page n starts at n times this; with body_h * unit
        # instead, page starts drift by a pixel every ~200 pages.
        self.page_px = round(self.body_h * self.unit * 64) / 64
        self.notes = note_numbers(briefing)
        self.claim_numbers: dict[str, int] = {}
        number = 0
        for _kind, _title, _anchor, claims in printed_claims(briefing):
            for claim in claims:
                number += 1
                self.claim_numbers[claim.id] = number
        self.canvas = Canvas(writer, family)
        self.doc = self._new_document()
        self.charts: dict[str, list[_ChartChunk]] = {}

    # Layout ----------------------------------------------------------------------------------

    def _new_document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(make_font(self.family, 9.5))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setDefaultStyleSheet(STYLE)
        doc.setPageSize(QSizeF(self.body_w * self.unit, self.body_h * self.unit))
        return doc

    def layout(self) -> int:
        """Lay the document out and return its page count."""
        b = self.briefing
        timeline = TimelineChart(b, self.canvas, self.body_w, self.notes)
        forces = ForcePages(b, self.canvas, self.body_w, self.notes)
        # Where on its page each chart starts: measured on the part of the document before the
        # charts' ends (cover, and each chart's heading and caption), with each chart a one-point
        # line; what follows a chart cannot move its start.
        probe = {
            "timeline": [_ChartChunk(1.0, _draw_nothing)] if b.events else [],
            "forces": [_ChartChunk(1.0, _draw_nothing)] if b.forces else [],
        }
        self._set_html(probe, head_only=True)
        full = self.body_h - SLACK
        starts = {name: self._place(chunks[0])[1] for name, chunks in probe.items() if chunks}
        first = {name: self.body_h - top - SLACK for name, top in starts.items()}
        charts: dict[str, list[_ChartChunk]] = {"timeline": [], "forces": []}
        if b.events:
            for n, run in enumerate(timeline.chunks(first["timeline"], full)):
                charts["timeline"].append(
                    _ChartChunk(
                        timeline.height(run, n == 0),
                        lambda canvas, run=run, n=n: timeline.draw(canvas, run, n == 0),
                    )
                )
        if b.forces:
            for n, groups in enumerate(forces.chunks(first["forces"], full)):
                charts["forces"].append(
                    _ChartChunk(
                        forces.height(groups, n == 0),
                        lambda canvas, groups=groups, n=n: forces.draw(canvas, groups, n == 0),
                    )
                )
        self._set_html(charts)
        self._keep_with_next()
        return self.doc.pageCount()

    def _set_html(self, charts: dict[str, list[_ChartChunk]], head_only: bool = False) -> None:
        """Fill the document, with a blank image of its size for each chart chunk, and lay it
        out. `head_only`: only the cover and the charts' headings and captions."""
        self.doc.setHtml(self._html(charts, head_only))
        self.charts = charts
        blank = QImage(1, 1, QImage.Format.Format_RGB32)
        blank.fill(QColor("white"))
        wanted: dict[str, _ChartChunk] = {}
        for name, chunks in charts.items():
            for index, chunk in enumerate(chunks):
                url = f"chart://{name}/{index}"
                # After setHtml, which drops resources; the size is in the HTML, so the layout
                # never needs the image.
                self.doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), blank)
                wanted[url] = chunk
        for block in self._blocks():  # the charts come early: stop once all are found
            if not wanted:
                break
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    chunk = wanted.pop(fmt.toImageFormat().name(), None)
                    if chunk is not None:
                        chunk.position = fragment.position()
                it += 1
        self.doc.documentLayout().documentSize()  # lay out all of it now

    def _place(self, chunk: _ChartChunk) -> tuple[int, float]:
        """The page index of a chart chunk and its distance in points from the page's top."""
        block = self.doc.findBlock(chunk.position)
        top = self.doc.documentLayout().blockBoundingRect(block).top()
        if block.layout().lineCount():
            top += block.layout().lineAt(0).y()
        index = self._page_of(top)
        return index, max(top - index * self.page_px, 0.0) / self.unit

    def _page_of(self, y: float) -> int:
        """The page of a layout position. A line moved to the top of the next page can sit a
        hair above that page's first pixel, so a pixel of tolerance."""
        return int((y + 1) // self.page_px)

    def _blocks(self) -> Iterator[QTextBlock]:
        block = self.doc.begin()
        while block.isValid():
            yield block
            block = block.next()

    def _line_span(self, block: QTextBlock) -> tuple[int, int]:
        """The pages of a block's first and last line."""
        rect = self.doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        if layout.lineCount() == 0:
            return self._page_of(rect.top()), self._page_of(rect.top())
        first = rect.top() + layout.lineAt(0).y()
        last_line = layout.lineAt(layout.lineCount() - 1)
        last = rect.top() + last_line.y() + last_line.height() * 0.5
        return self._page_of(first), self._page_of(last)

    def _keep_with_next(self) -> None:
        """No heading at the foot of a page away from its text, no claim split over two pages:
        such a block starts the next page instead.

        A break moves everything after it, so breaks found one at a time each need a layout of
        the whole document. Instead `_plan_breaks` follows Qt's pagination in a model (line
        heights and block margins, which a break does not change) and finds all the breaks in
        one pass; they are set together and laid out once. The real layout is then checked; if
        the model missed something, its first miss is set and the rest planned again. Every
        round sets at least one new break, so this ends, with nothing left unchecked."""
        plan = self._plan_breaks()
        while True:
            if plan:
                self._break_before(plan)
            wrong = self._misplaced()
            if not wrong:
                return
            plan = self._plan_breaks()
            if not plan or plan[0].blockNumber() != wrong[0].blockNumber():
                plan = wrong[:1]  # the model is off here: trust the layout, one break at a time

    def _break_before(self, blocks: Sequence[QTextBlock]) -> None:
        """Start a page at each block, in one edit, then lay the document out again."""
        cursor = QTextCursor(self.doc)
        cursor.beginEditBlock()  # one relayout for all, not one per block
        for block in blocks:
            fmt = block.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        cursor.endEditBlock()  # Qt lays out from the first break on, once
        layout = self.doc.documentLayout()
        last = self.doc.lastBlock()
        bottom = layout.blockBoundingRect(last).bottom()
        if self.doc.pageCount() != self._page_of(max(bottom - 2, 0)) + 1:
            # Not seen, but a stale layout would lose pages: lay out the rest again.
            start = blocks[0].position()
            self.doc.markContentsDirty(start, self.doc.characterCount() - start)
            layout.documentSize()

    def _misplaced(self) -> list[QTextBlock]:
        """In the real layout: every claim split over two pages and every heading whose last
        line or following block's first line is on a later page, in document order."""
        found = []
        block = self.doc.begin()
        while block.isValid():
            following = block.next()
            fmt = block.blockFormat()
            if not fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                heading = fmt.headingLevel() > 0
                if heading or self._is_claim(block):
                    first, last = self._line_span(block)
                    if heading and following.isValid():
                        last = max(last, self._line_span(following)[0])
                    if first != last:
                        found.append(block)
            block = following
        return found

    def _plan_breaks(self) -> list[QTextBlock]:
        """Where `_misplaced` would find nothing after one round of breaks, by a model of the
        pagination of QTextDocumentLayout: blocks stack with the larger of the bottom margin
        above and the top margin below between them; a line that would cross the page foot
        starts the next page; a page break starts the next page, then adds the margin. Blocks
        inside a table are not modelled: the model resumes at the next page break (the tables
        end their sections, and each section starts a page)."""
        page_h = self.page_px
        scale = self.writer.logicalDpiY() / 96  # CSS pixels of the margins, on the device
        root = self.doc.rootFrame()
        always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore

        def page(y: float) -> int:
            return int((y + 1) // page_h)

        def place(block: QTextBlock, y: float, margin: float, new_page: bool) -> tuple:
            """Lay a block out from `y`: (pages of its first and last line, y after it)."""
            if new_page:
                y = (int(y // page_h) + 1) * page_h
            y += margin
            layout = block.layout()
            first = last = page(y)
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                height = line.height()
                foot = (int(y // page_h) + 1) * page_h
                if y + height > foot:
                    y = foot
                if n == 0:
                    first = page(y)
                last = page(y + height * 0.5)
                y += height
            return first, last, y

        breaks: list[QTextBlock] = []
        y = 0.0
        above = None  # the block format above: its bottom margin
        modelled = True
        heading = None  # (block, y and format above it, page of its last line)
        block = self.doc.begin()
        while block.isValid():
            fmt = block.blockFormat()
            if QTextCursor(block).currentFrame() != root:  # in a table
                modelled, heading, above = False, None, None
                block = block.next()
                continue
            starts_page = bool(fmt.pageBreakPolicy() & always)
            if starts_page:
                modelled = True
            if not modelled:
                above = fmt
                block = block.next()
                continue

            def margin(over=None, fmt=fmt) -> float:
                bottom = over.bottomMargin() if over is not None else 0.0
                return max(bottom, fmt.topMargin()) * scale

            before = (y, above)
            first, last, y = place(block, y, margin(above), starts_page)
            split = not starts_page and first != last and self._is_claim(block)
            if split:
                first, last, y = place(block, before[0], margin(before[1]), True)
            if heading is not None and first != heading[3]:
                # The heading sits at a page foot away from this block: it starts a page, and
                # the block follows it there.
                h_block, h_y, h_above = heading[:3]
                breaks.append(h_block)
                _f, _l, y = place(h_block, h_y, margin(h_above, h_block.blockFormat()), True)
                before = (y, h_block.blockFormat())
                first, last, y = place(block, y, margin(h_block.blockFormat()), starts_page)
            elif split:
                breaks.append(block)
            heading = None
            if fmt.headingLevel() > 0 and not starts_page:
                heading = (block, before[0], before[1], last)
            above = fmt
            block = block.next()
        return breaks

    @staticmethod
    def _is_claim(block: QTextBlock) -> bool:
        it = block.begin()
        while not it.atEnd():
            names = it.fragment().charFormat().anchorNames()
            if any(name.startswith("claim-") for name in names):
                return True
            it += 1
        return False

    def section_pages(self) -> dict[str, int]:
        """Section anchor ("sec-…") → page index. A section's anchor opens its block (the
        heading, or the cover's title), so only each block's first fragment is looked at."""
        pages: dict[str, int] = {}
        for block in self._blocks():
            it = block.begin()
            if it.atEnd():
                continue
            for name in it.fragment().charFormat().anchorNames():
                if name.startswith("sec-"):
                    pages.setdefault(name, self._line_span(block)[0])
        return pages

    # Painting --------------------------------------------------------------------------------

    def paint(self, painter: QPainter, pages: int, progress: Progress | None) -> None:
        u = self.unit
        layout = self.doc.documentLayout()
        page_px = self.page_px
        charts_on: dict[int, list[tuple[_ChartChunk, float]]] = {}
        for chunks in self.charts.values():
            for chunk in chunks:
                page, y = self._place(chunk)
                charts_on.setdefault(page, []).append((chunk, y))
        for index in range(pages):
            if index and not self.writer.newPage():
                raise ExportError("cannot start a new page")
            painter.save()
            painter.translate(QPointF(MARGIN_X * u, MARGIN_TOP * u - index * page_px))
            # The clip runs a little wider than the text so chart strokes at the edge survive.
            # It stops one device pixel short of the next page: a line that starts exactly there
            # would count as touching this page, and be drawn (clipped, but in the text).
            clip = QRectF(-6 * u, index * page_px, (self.body_w + 12) * u, page_px - 1)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            palette = QPalette()
            palette.setColor(QPalette.ColorRole.Text, INK)
            context.palette = palette
            layout.draw(painter, context)
            painter.restore()
            for chunk, y in charts_on.get(index, ()):
                painter.save()
                painter.translate(QPointF(MARGIN_X * u, (MARGIN_TOP + y) * u))
                chunk.draw(Canvas(self.writer, self.family, painter))
                painter.restore()
            self._paint_furniture(painter, index + 1, pages)
            if progress:
                progress(index + 1, pages + 1)

    def _paint_furniture(self, painter: QPainter, number: int, pages: int) -> None:
        """The handling line at the top and bottom, the short title and "N / M"."""
        canvas = Canvas(self.writer, self.family, painter)
        handling = " ".join((self.briefing.handling or "").split())
        bold = canvas.font(7.5, bold=True)
        small = canvas.font(7)
        centre = int(
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        )
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        x, w = MARGIN_X, self.body_w
        if handling:
            canvas.text(x, 22, w, 24, handling, bold, ALERT.darker(110), centre)
            canvas.text(x, self.page_h - 30, w, 24, handling, bold, ALERT.darker(110), centre)
        canvas.line(x, 42, x + w, 42, canvas.pen(RULE, 0.5))
        footer_y = self.page_h - MARGIN_BOTTOM + 16
        canvas.line(x, footer_y - 4, x + w, footer_y - 4, canvas.pen(RULE, 0.5))
        title = canvas.elide(" ".join(self.briefing.title.split()), small, w * 0.75)
        canvas.text(x, footer_y, w * 0.75, 12, title, small, MUTED, int(Qt.AlignmentFlag.AlignLeft))
        canvas.text(
            x + w * 0.75, footer_y, w * 0.25, 12, f"{number} / {pages}", canvas.font(8), INK, right
        )

    # HTML ------------------------------------------------------------------------------------

    def _html(self, charts: dict[str, list[_ChartChunk]], head_only: bool = False) -> str:
        parts = [
            self._cover(),
            self._timeline(self._chart_paragraphs("timeline", charts["timeline"])),
            self._forces(self._chart_paragraphs("forces", charts["forces"]), head_only),
        ]
        if not head_only:
            parts += [self._claims(), self._actors(), self._sources()]
        return "<html><body>" + "".join(parts) + "</body></html>"

    def _cover(self) -> str:
        b = self.briefing
        out = []
        if b.publication:
            out.append(f'<p class="publication">{_esc(b.publication)}</p>')
        out.append(
            f'<p class="cover-title"><a name="sec-cover">{_esc(" ".join(b.title.split()))}</a></p>'
        )
        if b.author:
            out.append(f'<p class="byline">By {_esc(b.author)}</p>')
        as_of = b.as_of.label() if b.as_of else "not given"
        out.append(f'<p class="byline">As of {_esc(as_of)}</p>')
        out.append("<hr/>")
        if b.summary:
            out.append(_heading(2, "sec-summary", "Summary"))
            out.append(_flow(b.summary))
        if b.key_judgments:
            out.append(_heading(2, "sec-key-judgments", "Key judgments") + "<ol>")
            for judgment in b.key_judgments:
                numbers = [
                    self.claim_numbers[c] for c in judgment.claims if c in self.claim_numbers
                ]
                refs = [f'<a class="ref" href="#claim-{n}">C{n}</a>' for n in numbers]
                backed = f' <span class="meta">(claims {", ".join(refs)})</span>' if refs else ""
                text = _esc(" ".join(judgment.text.split()))
                out.append(f'<li style="margin-bottom: 6px">{text}{backed}</li>')
            out.append("</ol>")
        return "".join(out)

    def _chart_paragraphs(self, name: str, chunks: Sequence[_ChartChunk]) -> str:
        # Image sizes are in Qt's default 96 dpi pixels, scaled to the device by the layout.
        width = self.body_w * 96 / 72
        return "".join(
            f'<p class="chart"><img src="chart://{name}/{index}" width="{width!r}" '
            f'height="{chunk.height * 96 / 72!r}" /></p>'
            for index, chunk in enumerate(chunks)
        )

    def _timeline(self, chart: str) -> str:
        events = self.briefing.events
        out = [_heading(1, "sec-timeline", "Timeline")]
        if not events:
            return "".join(out) + "<p>The briefing lists no events.</p>"
        first = min(e.date.start for e in events)
        last = max(e.date.end for e in events)
        caption = (
            f"Figure 1. The {len(events)} events of the briefing in date order, "
            f"{first.year}–{last.year}, one lane per side. Rows are in order, not to scale: a "
            "dashed line marks a long gap. Notes [n] point to the source list."
        )
        out.append(f'<p class="caption">{_esc(caption)}</p>')
        out.append(chart)
        return "".join(out)

    def _forces(self, chart: str, head_only: bool = False) -> str:
        figures = printed_forces(self.briefing)
        out = [_heading(1, "sec-forces", "Force comparison")]
        if not figures:
            return "".join(out) + "<p>The briefing gives no force figures.</p>"
        caption = (
            "Figure 2. Force figures by side, grouped by what is counted, with the date each "
            "figure is as of."
        )
        out.append(f'<p class="caption">{_esc(caption)}</p>')
        out.append(chart)
        if head_only:
            return "".join(out)
        out.append(_heading(2, "sec-figures", "The figures in detail"))
        out.append(
            '<table width="100%" cellspacing="0" cellpadding="3" border="0">'
            "<thead><tr><th>Side</th><th>Counted</th><th>Value</th><th>As of</th>"
            "<th>Units and note</th><th>Sources</th></tr></thead>"
        )
        sides = self.briefing.sides_by_id
        for n, figure in enumerate(figures):
            side = sides[figure.side].name if figure.side in sides else figure.side
            as_of = figure.as_of.label() if figure.as_of else "not given"
            details = []
            if figure.units:
                details.append(_esc("; ".join(figure.units)))
            if figure.note:
                details.append(f'<span class="note">{_esc(" ".join(figure.note.split()))}</span>')
            shade = ' bgcolor="#f2f2f2"' if n % 2 else ""
            out.append(
                f'<tr{shade}><td class="small">{_esc(side)}</td>'
                f'<td class="small">{_esc(figure.category)}</td>'
                f'<td class="small"><b>{_esc(figure.value_label())}</b></td>'
                f'<td class="small">{_esc(as_of)}</td>'
                f'<td class="small" width="40%">{"<br/>".join(details)}</td>'
                f'<td class="small">{self._note_links(figure.sources)}</td></tr>'
            )
        out.append("</table>")
        return "".join(out)

    def _note_links(self, source_ids: Sequence[str], with_citation: bool = False) -> str:
        if not source_ids:
            return '<span class="unsourced">UNSOURCED</span>'
        links = []
        for sid in dict.fromkeys(source_ids):
            number = self.notes.get(sid)
            if number is None:
                continue
            link = f'<a class="ref" href="#src-{number}">[{number}]</a>'
            if with_citation:
                link += " " + _esc(self.briefing.sources_by_id[sid].citation())
            links.append(link)
        return ("; " if with_citation else " ").join(links)

    def _claims(self) -> str:
        out = [_heading(1, "sec-claims", "Claims")]
        out.append(
            '<p class="caption">Facts as reported; assessments and forecasts with their '
            "likelihood in the words of ICD 203 and the probability range each term means. "
            "Notes [n] point to the source list.</p>"
        )
        if not self.briefing.claims:
            out.append("<p>The briefing makes no claims.</p>")
        for _kind, title, anchor, claims in printed_claims(self.briefing):
            if not claims:
                continue
            out.append(_heading(2, anchor, title))
            for claim in claims:
                out.append(self._claim(claim))
        return "".join(out)

    def _claim(self, claim: Claim) -> str:
        number = self.claim_numbers[claim.id]
        facts = []
        if claim.likelihood is not None:
            low, high = claim.likelihood.probability
            facts.append(f"Likelihood: <b>{_esc(str(claim.likelihood))}</b> ({low}–{high} %)")
        elif claim.kind is not ClaimKind.FACT:
            facts.append("Likelihood: not given")
        if claim.credibility is not None:
            meaning = CREDIBILITY_MEANING.get(claim.credibility, "")
            facts.append(f"Credibility: {claim.credibility} ({_esc(meaning)})")
        facts.append("Sources: " + self._note_links(claim.sources, with_citation=True))
        about = self._claim_about(claim)
        text = _esc(" ".join(claim.text.split()))
        lines = [
            f'<a name="claim-{number}"><b>C{number}</b></a>&nbsp;&nbsp;{text}',
            f'<span class="meta">{" · ".join(facts)}</span>',
        ]
        if about:
            lines.append(f'<span class="meta">About: {about}</span>')
        if claim.note:
            lines.append(f'<span class="note">Note: {_esc(" ".join(claim.note.split()))}</span>')
        return f'<p class="claim">{"<br/>".join(lines)}</p>'

    def _claim_about(self, claim: Claim) -> str:
        b = self.briefing
        items = []
        for eid in claim.events:
            event = b.events_by_id.get(eid)
            if event:
                items.append(f"{_esc(' '.join(event.title.split()))} ({_esc(event.date.label())})")
        for fid in claim.forces:
            figure = b.forces_by_id.get(fid)
            if figure:
                side = (
                    b.sides_by_id[figure.side].name if figure.side in b.sides_by_id else figure.side
                )
                items.append(_esc(f"{side} {figure.category}: {figure.value_label()}"))
        return "; ".join(items)

    def _actors(self) -> str:
        """The people and bodies the briefing names, with their role and side, in file order."""
        actors = self.briefing.actors
        if not actors:
            return ""
        out = [_heading(1, "sec-actors", "Actors")]
        out.append(
            '<p class="caption">The people and bodies the briefing names; the timeline names '
            "them under the events they took part in.</p>"
        )
        out.append(
            '<table width="100%" cellspacing="0" cellpadding="3" border="0">'
            "<thead><tr><th>Name</th><th>Role</th><th>Side</th></tr></thead>"
        )
        sides = self.briefing.sides_by_id
        for n, actor in enumerate(actors):
            side = sides[actor.side].name if actor.side in sides else (actor.side or "")
            shade = ' bgcolor="#f2f2f2"' if n % 2 else ""
            out.append(
                f'<tr{shade}><td width="30%"><b>{_esc(" ".join(actor.name.split()))}</b></td>'
                f"<td>{_esc(' '.join((actor.role or '').split()))}</td>"
                f'<td width="18%">{_esc(side)}</td></tr>'
            )
        out.append("</table>")
        return "".join(out)

    def _sources(self) -> str:
        out = [_heading(1, "sec-sources", "Sources")]
        if not self.briefing.sources:
            return "".join(out) + "<p>The briefing lists no sources.</p>"
        out.append(
            '<p class="caption">Reliability on the Admiralty scale (A completely reliable … '
            "E unreliable, F cannot be judged). Addresses are printed, never followed.</p>"
        )
        out.append('<table width="100%" cellspacing="0" cellpadding="3" border="0">')
        by_number = sorted(self.briefing.sources, key=lambda s: self.notes.get(s.id, 10**9))
        # The number column fits the widest number on one line: at 7 % "[1000]" broke in two.
        widest = self.canvas.width(f"[{len(by_number)}]", self.canvas.font(9.5, bold=True))
        column = max(7, math.ceil((widest + 12) / self.body_w * 100))
        for n, source in enumerate(by_number):
            shade = ' bgcolor="#f2f2f2"' if n % 2 else ""
            out.append(
                f'<tr{shade}><td width="{column}%"><a name="src-{self.notes[source.id]}">'
                f"<b>[{self.notes[source.id]}]</b></a></td><td>{self._source(source)}</td></tr>"
            )
        out.append("</table>")
        return "".join(out)

    def _source(self, source: Source) -> str:
        head = f"<b>{_esc(source.outlet)}</b>"
        if source.title:
            head += f" — “{_esc(' '.join(source.title.split()))}”"
        facts = [source.date.label() if source.date else "undated", _words(str(source.kind))]
        if source.language:
            facts.append(f"language {source.language}")
        facts.append(f"reliability {source.reliability} ({source.reliability.meaning})")
        lines = [head, f'<span class="meta">{_esc(" · ".join(facts))}</span>']
        if source.url:
            lines.append(f'<span class="meta">{_esc(source.url)}</span>')
        if source.note:
            lines.append(f'<span class="note">{_esc(" ".join(source.note.split()))}</span>')
        return "<br/>".join(lines)

    def sections(self) -> list[Section]:
        b = self.briefing
        claims = tuple(
            Section(title, anchor) for _k, title, anchor, group in printed_claims(b) if group
        )
        found = [
            Section("Cover", "sec-cover"),
            Section("Summary", "sec-summary") if b.summary else None,
            Section("Key judgments", "sec-key-judgments") if b.key_judgments else None,
            Section("Timeline", "sec-timeline"),
            Section(
                "Force comparison",
                "sec-forces",
                (Section("The figures in detail", "sec-figures"),) if b.forces else (),
            ),
            Section("Claims", "sec-claims", claims),
            Section("Actors", "sec-actors") if b.actors else None,
            Section("Sources", "sec-sources"),
        ]
        return [section for section in found if section]


# --- writing ----------------------------------------------------------------------------------

_APP: list[QGuiApplication] = []  # Qt allows one application object per process; keep ours


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one that needs no display."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "briefing"])
        _APP.append(app)
    return app  # type: ignore[return-value]


def _write_qt_pdf(
    briefing: Briefing, device: QIODevice, page_size: str, progress: Progress | None
) -> tuple[int, list[Section], dict[str, int]]:
    family = bundled_family()
    writer = QPdfWriter(device)
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZES[page_size]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Point,
        )
    )
    writer.setTitle(" ".join(briefing.title.split()))
    if briefing.author:
        writer.setAuthor(briefing.author)
    writer.setCreator(f"Briefing {__version__}")
    report = _Report(briefing, writer, family)
    pages = report.layout()
    if progress:
        progress(0, pages + 1)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Qt cannot open the file for writing")
    try:
        report.paint(painter, pages, progress)
    finally:
        painter.end()
    return pages, report.sections(), report.section_pages()


def _subject(briefing: Briefing) -> str:
    parts = [briefing.publication or "Briefing"]
    if briefing.as_of:
        parts.append(f"as of {briefing.as_of.label()}")
    return ", ".join(parts)


def _add_outline(
    qt_pdf: BinaryIO,
    out: BinaryIO,
    briefing: Briefing,
    sections: Sequence[Section],
    pages: dict[str, int],
) -> None:
    """Bookmarks to the section headings and the subject; everything else as Qt wrote it."""
    import pikepdf

    with pikepdf.open(qt_pdf) as pdf:
        names = pdf.Root.get("/Names")
        dests = pikepdf.NameTree(names.Dests) if names is not None and "/Dests" in names else None

        def item(section: Section) -> pikepdf.OutlineItem | None:
            if dests is not None and section.anchor in dests:
                target: pikepdf.String | int = pikepdf.String(section.anchor)
            elif section.anchor in pages:
                target = pages[section.anchor]
            else:
                return None
            entry = pikepdf.OutlineItem(section.title, target)
            entry.children.extend(c for c in map(item, section.children) if c is not None)
            return entry

        with pdf.open_outline() as outline:
            outline.root.extend(e for e in map(item, sections) if e is not None)
        pdf.Root.PageMode = pikepdf.Name.UseOutlines
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:description"] = _subject(briefing)
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)


def export_pdf(
    briefing: Briefing,
    out_path: str | os.PathLike[str],
    page_size: str = "A4",
    progress: Progress | None = None,
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> int:
    """Write the briefing to `out_path` as PDF and return its page count.

    `progress(done, total)` is called as pages are drawn. Raises ExportError, with a one-line
    message, when the file is refused by `briefing.output` (one of `inputs`, a folder, a
    device...) or cannot be written; the target is then left as it was.
    """
    if page_size not in PAGE_SIZES:
        raise ExportError(f"unknown page size {page_size!r}; use A4 or Letter")
    name = os.fspath(out_path)
    try:
        check_output(name, inputs)  # refuse at once, not after drawing every page
        ensure_gui_app()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pages, sections, section_pages = _write_qt_pdf(briefing, buffer, page_size, progress)
        buffer.close()
        qt_pdf = io.BytesIO(buffer.data().data())
        write_file(
            name,
            lambda out: _add_outline(qt_pdf, out, briefing, sections, section_pages),
            inputs,
        )
    except OutputError as error:
        raise ExportError(str(error)) from error
    except (ExportError, FontError) as error:
        raise ExportError(f"cannot write {name}: {error}") from error
    except OSError as error:
        raise ExportError(f"cannot write {name}: {error.strerror or error}") from error
    except Exception as error:  # pikepdf's errors, and anything Qt's bindings raise
        raise ExportError(f"cannot write {name}: {type(error).__name__}: {error}") from error
    if progress:
        progress(pages + 1, pages + 1)
    return pages


def export_command(file: str, output: str, page_size: str = "A4") -> int:
    """`briefing export FILE -o OUT.pdf`: 0 when written, 1 on errors in FILE or on writing."""
    from briefing.loader import load_path

    result = load_path(file)
    if result.briefing is None:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print(f"{shown(file)}: {len(result.errors)} error(s); nothing exported", file=sys.stderr)
        return 1
    try:
        pages = export_pdf(result.briefing, output, page_size, inputs=[file])
    except ExportError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 1
    for field, characters in unprintable(result.briefing):
        print(
            f"{shown(file)}: warning: {field}: cannot print {characters} (no font has them)",
            file=sys.stderr,
        )
    print(f"{shown(output)}: {pages} pages", file=sys.stderr)
    return 0
