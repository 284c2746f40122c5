"""Place measured blocks on pages: each page is filled from the top; a block that does not fit
moves to the next page whole (or is split between lines if it flows or is taller than a page),
and takes the blocks kept with it (headings) along, so a heading never ends a page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.export.blocks import Block, ChartFlow

EPSILON = 1e-6


@dataclass
class Placed:
    """A block on a page, `top` points below the top of the page's body."""

    block: Block
    top: float


class _Pages:
    def __init__(self, body_height: float) -> None:
        self.body_height = body_height
        self.pages: list[list[Placed]] = [[]]
        self.bottom = 0.0  # where the last block on the page ends
        self.margin = 0.0  # the last block's bottom margin
        # Whether the page holds only what was carried to its top (headings, a table's head
        # row): moving on from such a page would carry them again, for ever.
        self.fresh = True

    @property
    def current(self) -> list[Placed]:
        return self.pages[-1]

    def gap(self, block: Block | ChartFlow) -> float:
        """The space above `block`: the larger of the two margins; none at a page's top."""
        if not self.current:
            return 0.0
        return max(self.margin, block.margin_top)

    def room(self, block: Block | ChartFlow) -> float:
        return self.body_height - self.bottom - self.gap(block)

    def put(self, block: Block, carried: bool = False) -> None:
        self.fresh = self.fresh and carried
        top = self.bottom + self.gap(block)
        self.current.append(Placed(block, top))
        self.bottom = top + block.height
        self.margin = block.margin_bottom

    def new_page(self, carry: bool = True) -> None:
        """Start a page; with `carry`, the blocks kept with the next at the foot of this page
        move to the new one (unless they are all the page holds)."""
        moved: list[Block] = []
        if carry:
            while (
                len(self.current) > len(moved) + 1
                and self.current[-1 - len(moved)].block.keep_with_next
            ):
                moved.insert(0, self.current[-1 - len(moved)].block)
            if moved:
                del self.current[-len(moved) :]
        if self.current:
            self.pages.append([])
        self.bottom, self.margin, self.fresh = 0.0, 0.0, True
        for block in moved:
            self.put(block, carried=True)

    def last_header(self) -> Block | None:
        return self.current[-1].block if self.current else None


def paginate(stream: Iterable[Block | ChartFlow], body_height: float) -> list[list[Placed]]:
    """The blocks of `stream`, in order, on pages `body_height` points tall."""
    pages = _Pages(body_height)
    for item in stream:
        if isinstance(item, ChartFlow):
            _place_chart(pages, item)
            continue
        block: Block | None = item
        if item.page_break_before and pages.current:
            pages.new_page(carry=False)
        while block is not None:
            if block.height <= pages.room(block) + EPSILON:
                pages.put(block)
                break
            if not pages.fresh and not block.flows:
                # kept whole: to the next page; one taller than a page starts a page of its own
                pages.new_page()
                block = _with_header(pages, block)
                continue
            parts = block.split(pages.room(block))
            if parts is not None:
                pages.put(parts[0])
                pages.new_page(carry=False)
                block = _with_header(pages, parts[1])
                continue
            if not pages.fresh:  # not even one line fits the rest of the page
                pages.new_page()
                block = _with_header(pages, block)
                continue
            pages.put(block)  # taller than a page with nowhere to break it: as it is
            break
    return [page for page in pages.pages if page]


def _with_header(pages: _Pages, block: Block) -> Block:
    """On a new page, a table row's head row goes first."""
    header = block.header
    if header is not None and pages.last_header() is not header:
        pages.put(header, carried=True)
    return block


def _place_chart(pages: _Pages, chart: ChartFlow) -> None:
    """A chart's pieces: the first in the room left, each of the others on a page of its own.
    If even the first piece does not fit the room left, the chart starts a new page."""
    pieces = chart.pieces(pages.room(chart), pages.body_height)
    if pieces and pieces[0].height > pages.room(chart) + EPSILON and not pages.fresh:
        pages.new_page()
        pieces = chart.pieces(pages.room(chart), pages.body_height)
    for n, piece in enumerate(pieces):
        if n:
            pages.new_page(carry=False)
        pages.put(piece)
