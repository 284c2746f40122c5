"""Export a briefing to a PDF that reads well on paper: measured blocks on pages, then links and
an outline.

Design, and why:
- The report is a list of blocks (`blocks.py`): headings, paragraphs, claims, table rows and the
  pieces of the two charts, each laid out once with QTextLayout (or the chart's own layout) at
  the page's width, on the QPdfWriter, with the fonts it is drawn with, so each knows its height.
  Briefing text goes in as plain strings with character formats over ranges: no HTML is built or
  parsed, so a title `<b>x</b>` prints literally.
- `paginate.py` places the blocks on pages: a heading never ends a page, a claim or a table row
  moves to the next page whole unless it is taller than a page, prose breaks between lines. The
  charts cut themselves into pieces for the room left on their first page and for full pages.
  Nothing is laid out twice and there is no model of anyone else's pagination to keep in step.
- Pages are drawn one by one with the handling line at the top and bottom and "N / M".
- Where each anchor (section, claim, source entry) and each link (note numbers [n], claim
  numbers) fell is known from the placement, so a second step with pikepdf (qpdf) adds the named
  destinations, the /Link annotations, the outline (bookmarks to the sections' destinations)
  and the subject in both the Info dictionary and the XMP. It keeps object streams off so the
  file stays PDF/A-1b as Qt wrote it, with the embedded font subsets untouched.
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

import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from briefing import __version__
from briefing.export.blocks import (
    Block,
    ChartFlow,
    ChartPiece,
    Run,
    Style,
    TextBlock,
    Typesetter,
    paragraph,
    table_row,
)
from briefing.export.charts import (
    ALERT,
    INK,
    MUTED,
    RULE,
    STRIPE,
    Canvas,
    ForcePages,
    TimelineChart,
)
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
from briefing.export.fonts import FontError, bundled_family, missing_characters
from briefing.export.paginate import Placed, paginate
from briefing.model import Briefing, Claim, Source
from briefing.numbering import claim_label, claim_numbers
from briefing.output import OutputError, check_output, write_file
from briefing.words import indicator_status, resting_on, side_name

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 600  # dots per inch of the layout: fine enough that no glyph advance is rounded
MARGIN_X = 51.0  # points; 18 mm
MARGIN_TOP = 60.0
MARGIN_BOTTOM = 64.0
SLACK = 8.0  # points kept free under a chart piece at the page foot
CELL_PADDING = 2.25  # points around the text of a table cell
LIST_INDENT = 28.0  # points before the text of a numbered key judgment
FIGURE_COLUMNS = (0.13, 0.13, 0.14, 0.13, 0.38, 0.09)  # shares of the body's width
ACTOR_COLUMNS = (0.30, 0.52, 0.18)

Progress = Callable[[int, int], None]

LINK = "#1f4e99"
GREY = MUTED.name()  # "#5a5a5a"
BOLD = Style(bold=True)
H1 = Style(19, bold=True)  # as Qt printed the 16pt h1 of the HTML this replaces
H2 = Style(12, bold=True)
PUBLICATION = Style(9, colour=GREY)
COVER_TITLE = Style(21, bold=True)
BYLINE = Style(10, colour="#333333")
CAPTION = Style(8, colour=GREY)
META = Style(8, colour="#444444")
META_BOLD = replace(META, bold=True)
META_LINK = replace(META, colour=LINK)
NOTE = Style(8, italic=True, colour=GREY)
SMALL = Style(8)
SMALL_BOLD = Style(8, bold=True)
TH = Style(8, bold=True, colour=GREY)
STRIPE_COLOUR = STRIPE.name()


class ExportError(Exception):
    """The PDF could not be written; the message is one line a person can act on."""


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
        yield f"claims[{n}].confidence_basis", claim.confidence_basis or "", False
    for n, judgment in enumerate(b.key_judgments):
        yield f"key_judgments[{n}].confidence_basis", judgment.confidence_basis or "", False
    for section in ("assumptions", "alternatives", "indicators"):
        for n, item in enumerate(getattr(b, section)):
            yield f"{section}[{n}].text", item.text, False


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


# --- the document ---------------------------------------------------------------------------------


@dataclass
class Layout:
    """The report on pages: where every block is, where each anchor and link is."""

    pages: list[list[Placed]]
    destinations: dict[str, tuple[int, float]]  # name -> (page index, points from page top)
    links: list[tuple[int, QRectF, str]]  # (page index, area in page points, target)


class _Report:
    """The briefing as measured blocks, placed on the pages of a QPdfWriter."""

    def __init__(
        self,
        briefing: Briefing,
        writer: QPdfWriter,
        family: str,
        changes: ChangesSince | None = None,
    ) -> None:
        self.briefing = briefing
        self.changes = changes
        self.writer = writer
        self.family = family
        self.unit = writer.logicalDpiY() / 72
        page = writer.pageLayout().fullRectPoints()
        self.page_w, self.page_h = page.width(), page.height()
        self.body_w = self.page_w - 2 * MARGIN_X
        self.body_h = self.page_h - MARGIN_TOP - MARGIN_BOTTOM
        self.notes = note_numbers(briefing)
        self.claim_numbers = claim_numbers(briefing)
        self.canvas = Canvas(writer, family)
        self.type = Typesetter(writer, family)

    # Blocks ----------------------------------------------------------------------------------

    def blocks(self) -> Iterator[Block | ChartFlow]:
        """Every block of the report, in reading order."""
        yield from self._cover()
        yield from self._changes()
        yield from self._timeline()
        yield from self._forces()
        yield from self._claims()
        yield from self._assumptions()
        yield from self._alternatives()
        yield from self._indicators()
        yield from self._actors()
        yield from self._sources()

    def _text(self, pieces: Sequence[Sequence[Run]], **spacing: float | bool) -> TextBlock:
        return paragraph(self.type, pieces, self.body_w, **spacing)

    def _heading(self, level: int, anchor: str, title: str) -> TextBlock:
        """A section heading; a top-level one starts a page."""
        if level == 1:
            return self._text(
                [[Run(title, H1, anchor=anchor)]],
                margin_bottom=4.5,
                page_break_before=True,
                keep_with_next=True,
            )
        return self._text(
            [[Run(title, H2, anchor=anchor)]], margin_top=11, margin_bottom=4, keep_with_next=True
        )

    def _caption(self, text: str) -> TextBlock:
        return self._text([[Run(text, CAPTION)]], margin_bottom=6, keep_with_next=True)

    def _prose(self, text: str | None) -> Iterator[TextBlock]:
        """Briefing prose as paragraphs: blank lines part them, other breaks don't."""
        for words in paragraphs(text):
            yield self._text([[Run(words)]], margin_bottom=4.5, flows=True)

    def _cover(self) -> Iterator[Block]:
        b = self.briefing
        if b.publication:
            yield self._text([[Run(b.publication, PUBLICATION)]], margin_bottom=3)
        title = Run(one_line(b.title), COVER_TITLE, anchor="sec-cover")
        yield self._text([[title]], margin_top=4.5, margin_bottom=7.5)
        if b.author:
            yield self._text([[Run(f"By {b.author}", BYLINE)]], margin_bottom=1.5)
        yield self._text([[Run(f"As of {as_of_label(b)}", BYLINE)]], margin_bottom=1.5)
        yield TextBlock(
            height=1, margin_top=6, margin_bottom=6, rules=[(0, self.body_w, 0.5, INK.name())]
        )
        if b.summary:
            yield self._heading(2, "sec-summary", "Summary")
            yield from self._prose(b.summary)
        if b.key_judgments:
            yield self._heading(2, "sec-key-judgments", "Key judgments")
            for n, judgment in enumerate(b.key_judgments, 1):
                runs = [Run(one_line(judgment.text))]
                numbers = judgment_claims(judgment, self.claim_numbers)
                if numbers:
                    runs.append(Run(" (claims ", META))
                    for m, number in enumerate(numbers):
                        runs.append(Run(", " if m else "", META))
                        runs.append(Run(claim_label(number), META_LINK, link=f"claim-{number}"))
                    runs.append(Run(")", META))
                pieces = [runs]
                confidence = claim_confidence(judgment)
                if confidence:
                    pieces.append([Run(confidence, META)])
                yield paragraph(
                    self.type,
                    pieces,
                    self.body_w,
                    indent=LIST_INDENT,
                    label=[Run(f"{n}.")],
                    label_x=14.0,
                    margin_bottom=4.5,
                    flows=True,
                )

    def _timeline(self) -> Iterator[Block | ChartFlow]:
        events = self.briefing.events
        yield self._heading(1, "sec-timeline", "Timeline")
        if not events:
            yield self._text([[Run(NO_EVENTS)]])
            return
        yield self._caption(timeline_caption(self.briefing))
        yield self._chart_flow(TimelineChart(self.briefing, self.canvas, self.body_w, self.notes))

    def _chart_flow(self, chart: TimelineChart | ForcePages) -> ChartFlow:
        """A chart as pieces for the room the paginator offers: the first page's, then a full
        page's; each piece paints its part of the chart where the paginator put it."""

        def pieces(room: float, full: float) -> list[ChartPiece]:
            parts = chart.chunks(room - SLACK, full - SLACK)
            return [
                self._chart_piece(chart.height(part, n == 0), chart.draw, part, n == 0)
                for n, part in enumerate(parts)
            ]

        return ChartFlow(pieces)

    def _chart_piece(
        self, height: float, draw: Callable[..., None], part: object, first: bool
    ) -> ChartPiece:
        def paint(painter: QPainter) -> None:
            draw(Canvas(self.writer, self.family, painter), part, first)

        return ChartPiece(height=height, paint=paint)

    def _forces(self) -> Iterator[Block | ChartFlow]:
        figures = printed_forces(self.briefing)
        yield self._heading(1, "sec-forces", "Force comparison")
        if not figures:
            yield self._text([[Run(NO_FORCES)]])
            return
        yield self._caption(FORCES_CAPTION)
        yield self._chart_flow(ForcePages(self.briefing, self.canvas, self.body_w, self.notes))
        yield self._heading(2, "sec-figures", "The figures in detail")
        widths = [self.body_w * share for share in FIGURE_COLUMNS]
        head = self._row(
            [[[Run(name, TH)]] for name in FIGURE_HEADINGS], widths, None, keep_with_next=True
        )
        yield head
        for n, figure in enumerate(figures):
            details = []
            if figure.units:
                details.append([Run("; ".join(figure.units), SMALL)])
            if figure.note:
                details.append([Run(one_line(figure.note), NOTE)])
            cells = [
                [[Run(side_label(self.briefing, figure.side), SMALL)]],
                [[Run(figure.category, SMALL)]],
                [[Run(figure.value_label(), SMALL_BOLD)]],
                [[Run(figure_as_of(figure), SMALL)]],
                details,
                [self._note_links(figure.sources, SMALL)],
            ]
            yield self._row(cells, widths, STRIPE_COLOUR if n % 2 else None, header=head)

    def _row(
        self,
        cells: Sequence[Sequence[Sequence[Run]]],
        widths: Sequence[float],
        shade: str | None,
        **options: object,
    ) -> TextBlock:
        return table_row(self.type, cells, widths, CELL_PADDING, shade, **options)

    def _note_links(
        self, source_ids: Sequence[str], style: Style, with_citation: bool = False
    ) -> list[Run]:
        """The note numbers [n] of the sources, each a link to its entry in the source list."""
        if not source_ids:
            return [Run(UNSOURCED, replace(style, bold=True, colour=ALERT.name()))]
        runs: list[Run] = []
        for sid in dict.fromkeys(source_ids):
            number = self.notes.get(sid)
            if number is None:
                continue
            if runs:
                runs.append(Run("; " if with_citation else " ", style))
            runs.append(Run(f"[{number}]", replace(style, colour=LINK), link=f"src-{number}"))
            if with_citation:
                runs.append(Run(" " + self.briefing.sources_by_id[sid].citation(), style))
        return runs

    def _claims(self) -> Iterator[Block]:
        yield self._heading(1, "sec-claims", "Claims")
        yield self._caption(CLAIMS_CAPTION)
        if not self.briefing.claims:
            yield self._text([[Run(NO_CLAIMS)]])
        for _kind, title, anchor, claims in printed_claims(self.briefing):
            if not claims:
                continue
            yield self._heading(2, anchor, title)
            for claim in claims:
                yield self._claim(claim)

    def _claim(self, claim: Claim) -> TextBlock:
        number = self.claim_numbers[claim.id]
        facts: list[list[Run]] = []
        likelihood = likelihood_parts(claim)
        if likelihood:
            label, term, probability = likelihood
            facts.append([Run(label, META), Run(term, META_BOLD), Run(probability, META)])
        credibility = credibility_label(claim)
        if credibility:
            facts.append([Run(credibility, META)])
        facts.append(
            [Run("Sources: ", META), *self._note_links(claim.sources, META, with_citation=True)]
        )
        meta = [
            run for n, fact in enumerate(facts) for run in [Run(" · " if n else "", META), *fact]
        ]
        pieces = [
            [
                Run(f"C{number}", BOLD, anchor=f"claim-{number}"),
                Run("\u00a0\u00a0" + one_line(claim.text)),
            ],
            meta,
        ]
        confidence = claim_confidence(claim)
        if confidence:  # its own line: ICD 203 keeps confidence out of the likelihood's sentence
            pieces.append([Run(confidence, META)])
        about = claim_about(self.briefing, claim)
        if about:
            pieces.append([Run(f"About: {about}", META)])
        if claim.note:
            pieces.append([Run(f"Note: {one_line(claim.note)}", NOTE)])
        return self._text(pieces, margin_bottom=6.75)

    def _changes(self) -> Iterator[Block]:
        """What changed since an earlier version, when the export was asked for it."""
        if self.changes is None:
            return
        yield self._heading(1, "sec-changes", self.changes.title)
        yield self._caption(CHANGES_CAPTION)
        entries = change_entries(self.changes)
        if not entries:
            yield self._text([[Run(NO_CHANGES)]])
        for head, details in entries:
            pieces = [[Run(head)], *([Run(detail, META)] for detail in details)]
            yield self._text(pieces, margin_bottom=4.5)

    def _assumptions(self) -> Iterator[Block]:
        b = self.briefing
        if not b.assumptions:
            return
        yield self._heading(1, "sec-assumptions", "Assumptions")
        yield self._caption(ASSUMPTIONS_CAPTION)
        for assumption in b.assumptions:
            rests = resting_on(b, assumption, self.claim_numbers)
            yield self._text(
                [
                    [Run(assumption.id, BOLD), Run("\u00a0\u00a0" + one_line(assumption.text))],
                    [Run(f"Rests on it: {rests}", META)],
                ],
                margin_bottom=6.75,
            )

    def _alternatives(self) -> Iterator[Block]:
        """The hypotheses, then the matrix: a claim per row, a hypothesis per column."""
        b = self.briefing
        if not b.alternatives:
            return
        yield self._heading(1, "sec-alternatives", "Alternatives")
        yield self._caption(ALTERNATIVES_CAPTION)
        for line in alternative_lines(b):
            yield self._text([[Run(line)]], margin_bottom=3)
        rows = ach_rows(b)
        if not rows:
            return
        count = len(b.alternatives)
        mark_w = min(0.08, 0.6 / count) * self.body_w
        widths = [self.body_w - mark_w * count, *([mark_w] * count)]
        heads = ["Claim", *(f"H{n}" for n in range(1, count + 1))]
        head = self._row(
            [[[Run(name, TH)]] for name in heads], widths, None, keep_with_next=True, margin_top=6
        )
        yield head
        for n, row in enumerate(rows):
            number = self.claim_numbers[row.claim.id]
            cells = [
                [
                    [
                        Run(f"C{number}", META_LINK, link=f"claim-{number}"),
                        Run(" ", SMALL),
                        Run(one_line(row.claim.text), SMALL),
                    ]
                ],
                *([[Run(mark, SMALL_BOLD)]] for mark in ach_cells(row)),
            ]
            yield self._row(cells, widths, STRIPE_COLOUR if n % 2 else None, header=head)

    def _indicators(self) -> Iterator[Block]:
        b = self.briefing
        if not b.indicators:
            return
        yield self._heading(1, "sec-indicators", "Indicators")
        yield self._caption(INDICATORS_CAPTION)
        for indicator in b.indicators:
            status = indicator_status(b, indicator)
            late = b.seen_after_as_of(indicator)
            facts = [
                Run("Status: ", META),
                Run(status, replace(META_BOLD, colour=ALERT.name()) if late else META),
                Run(
                    f" · Bears on: {bears_on(b, indicator, self.claim_numbers)}",
                    META,
                ),
            ]
            if indicator.sources:
                facts += [Run(" · Sources: ", META), *self._note_links(indicator.sources, META)]
            yield self._text(
                [[Run(indicator.id, BOLD), Run("\u00a0\u00a0" + one_line(indicator.text))], facts],
                margin_bottom=6.75,
            )

    def _actors(self) -> Iterator[Block]:
        """The people and bodies the briefing names, with their role and side, in file order."""
        actors = self.briefing.actors
        if not actors:
            return
        yield self._heading(1, "sec-actors", "Actors")
        yield self._caption(ACTORS_CAPTION)
        widths = [self.body_w * share for share in ACTOR_COLUMNS]
        head = self._row(
            [[[Run(name, TH)]] for name in ACTOR_HEADINGS],
            widths,
            None,
            keep_with_next=True,
        )
        yield head
        for n, actor in enumerate(actors):
            side = side_name(self.briefing, actor.side) if actor.side else ""
            cells = [
                [[Run(one_line(actor.name), BOLD)]],
                [[Run(one_line(actor.role or ""))]],
                [[Run(side)]],
            ]
            yield self._row(cells, widths, STRIPE_COLOUR if n % 2 else None, header=head)

    def _sources(self) -> Iterator[Block]:
        yield self._heading(1, "sec-sources", "Sources")
        if not self.briefing.sources:
            yield self._text([[Run(NO_SOURCES)]])
            return
        yield self._caption(SOURCES_CAPTION)
        by_number = sources_by_note(self.briefing, self.notes)
        # The number column fits the widest number on one line ("[1000]" must not break).
        widest = self.canvas.width(f"[{len(by_number)}]", self.type.font(BOLD))
        column = max(0.07 * self.body_w, widest + 2 * CELL_PADDING + 6)
        widths = [column, self.body_w - column]
        for n, source in enumerate(by_number):
            number = self.notes[source.id]
            cells = [[[Run(f"[{number}]", BOLD, anchor=f"src-{number}")]], self._source(source)]
            yield self._row(cells, widths, STRIPE_COLOUR if n % 2 else None)

    def _source(self, source: Source) -> list[list[Run]]:
        outlet, title = source_heading(source)
        lines = [[Run(outlet, BOLD), Run(title)], [Run(source_facts(source), META)]]
        if source.url:
            lines.append([Run(source.url, META)])
        if source.note:
            lines.append([Run(one_line(source.note), NOTE)])
        return lines

    # Pages -----------------------------------------------------------------------------------

    def layout(self) -> Layout:
        """Place the blocks on pages and note where every anchor and link falls."""
        pages = paginate(self.blocks(), self.body_h)
        destinations: dict[str, tuple[int, float]] = {}
        links: list[tuple[int, QRectF, str]] = []
        for index, page in enumerate(pages):
            for placed in page:
                top = MARGIN_TOP + placed.top
                for name, y in placed.block.destinations():
                    destinations.setdefault(name, (index, top + y))
                for area, target in placed.block.links():
                    links.append((index, area.translated(MARGIN_X, top), target))
        return Layout(pages, destinations, links)

    def paint(self, painter: QPainter, layout: Layout, progress: Progress | None) -> None:
        u = self.unit
        count = len(layout.pages)
        furniture = self._furniture(painter, count)
        for index, page in enumerate(layout.pages):
            if index and not self.writer.newPage():
                raise ExportError("cannot start a new page")
            painter.save()
            painter.translate(QPointF(MARGIN_X * u, MARGIN_TOP * u))
            for placed in page:
                placed.block.draw(painter, u, placed.top)
            painter.restore()
            furniture(index + 1)
            if progress:
                progress(index + 1, count + 1)

    def _furniture(self, painter: QPainter, pages: int) -> Callable[[int], None]:
        """What draws the handling line at the top and bottom, the short title and "N / M" on
        page N. Only the number changes from page to page, so the fonts, pens and the elided
        title are made once."""
        canvas = Canvas(self.writer, self.family, painter)
        handling = " ".join((self.briefing.handling or "").split())
        bold = canvas.font(7.5, bold=True)
        small = canvas.font(7)
        number_font = canvas.font(8)
        alert = ALERT.darker(110)
        rule = canvas.pen(RULE, 0.5)
        centre = int(
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        )
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        left = int(Qt.AlignmentFlag.AlignLeft)
        x, w = MARGIN_X, self.body_w
        footer_y = self.page_h - MARGIN_BOTTOM + 16
        title = canvas.elide(" ".join(self.briefing.title.split()), small, w * 0.75)
        handling_text = canvas.set_text(handling, bold, w)  # laid out once, drawn twice a page

        def paint(number: int) -> None:
            if handling:
                canvas.draw_set(handling_text, x, 22, w, 24, alert, centre)
                canvas.draw_set(handling_text, x, self.page_h - 30, w, 24, alert, centre)
            canvas.line(x, 42, x + w, 42, rule)
            canvas.line(x, footer_y - 4, x + w, footer_y - 4, rule)
            canvas.text(x, footer_y, w * 0.75, 12, title, small, MUTED, left)
            canvas.text(
                x + w * 0.75, footer_y, w * 0.25, 12, f"{number} / {pages}", number_font, INK, right
            )

        return paint

    def sections(self) -> list[Section]:
        return sections(self.briefing, self.changes)


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
    briefing: Briefing,
    device: QIODevice,
    page_size: str,
    progress: Progress | None,
    changes: ChangesSince | None = None,
) -> tuple[list[Section], Layout, float]:
    """Draw the pages with Qt; return the outline, where everything fell and the page height."""
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
    report = _Report(briefing, writer, family, changes)
    layout = report.layout()
    if progress:
        progress(0, len(layout.pages) + 1)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Qt cannot open the file for writing")
    try:
        report.paint(painter, layout, progress)
    finally:
        painter.end()
    return report.sections(), layout, report.page_h


def _subject(briefing: Briefing) -> str:
    parts = [briefing.publication or "Briefing"]
    if briefing.as_of:
        parts.append(f"as of {briefing.as_of.label()}")
    return ", ".join(parts)


def _pdf_real(value: float) -> str:
    """A number in PDF syntax as pikepdf writes a float: at most six decimals, no trailing
    zeros ("51", "707.66")."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


_PLAIN = re.compile(r"[ -'*-\[\]-~]*")  # printable ASCII but for ( ) and \


def _pdf_string(text: str) -> str:
    """A string in PDF syntax holding the bytes pikepdf.String would: the text itself when it
    is plain ASCII (as our destination names are), else hex, which is safe for any text."""
    if _PLAIN.fullmatch(text):
        return f"({text})"
    import pikepdf

    return f"<{bytes(pikepdf.String(text)).hex()}>"


def _add_links_and_outline(
    qt_pdf: BinaryIO,
    out: BinaryIO,
    briefing: Briefing,
    sections: Sequence[Section],
    layout: Layout,
    page_height: float,
) -> None:
    """Named destinations, links to them, bookmarks to the sections and the subject; everything
    else as Qt wrote it."""
    import pikepdf

    with pikepdf.open(qt_pdf) as pdf:
        page_objects = [page.obj for page in pdf.pages]
        # The thousands of destinations and links of a long briefing are written as PDF syntax
        # and parsed in one call each (the name tree's leaf, a page's links), with numbers and
        # strings as pikepdf writes them: made one object at a time, they cost more than the
        # rest of this step. Only the page of each destination is set one by one, as parsed
        # syntax cannot hold a reference.
        names = sorted(layout.destinations, key=lambda n: n.encode())
        margin = _pdf_real(MARGIN_X)
        leaf = pikepdf.Object.parse(
            " ".join(
                [
                    "[",
                    *(
                        f"{_pdf_string(name)} [ null /XYZ {margin} "
                        f"{_pdf_real(page_height - layout.destinations[name][1])} 0 ]"
                        for name in names
                    ),
                    "]",
                ]
            ).encode()
        )
        for index, name in enumerate(names):
            leaf[2 * index + 1][0] = page_objects[layout.destinations[name][0]]
        tree = pdf.make_indirect(pikepdf.Dictionary(Names=leaf))
        pdf.Root.Names = pikepdf.Dictionary(Dests=tree)
        links: dict[int, list[str]] = {}
        for page, area, target in layout.links:
            if target not in layout.destinations:
                continue
            rect = " ".join(
                _pdf_real(round(v, 3))
                for v in (
                    area.left(),
                    page_height - area.bottom(),
                    area.right(),
                    page_height - area.top(),
                )
            )
            links.setdefault(page, []).append(
                f"<< /Type /Annot /Subtype /Link /Rect [ {rect} ] /Border [ 0 0 0 ]"
                f" /F 4 /Dest {_pdf_string(target)} >>"  # F 4: printed, as PDF/A asks
            )
        annotations = {
            page: [
                pdf.make_indirect(link)
                for link in pikepdf.Object.parse(f"[ {' '.join(found)} ]".encode())
            ]
            for page, found in links.items()
        }
        for page, found in annotations.items():
            page_objects[page].Annots = pdf.make_indirect(pikepdf.Array(found))

        def item(section: Section) -> pikepdf.OutlineItem | None:
            if section.anchor not in layout.destinations:
                return None
            entry = pikepdf.OutlineItem(section.title, pikepdf.String(section.anchor))
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
    changes: ChangesSince | None = None,
) -> int:
    """Write the briefing to `out_path` as PDF and return its page count; with `changes`, a
    "Changes since …" section follows the cover.

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
        sections, layout, page_height = _write_qt_pdf(
            briefing, buffer, page_size, progress, changes
        )
        pages = len(layout.pages)
        buffer.close()
        qt_pdf = io.BytesIO(buffer.data().data())
        write_file(
            name,
            lambda out: _add_links_and_outline(
                qt_pdf, out, briefing, sections, layout, page_height
            ),
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
