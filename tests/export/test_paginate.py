"""Placing measured blocks on pages: keep-with-next, whole claims, flowing prose, table heads and
charts, checked on blocks of known heights (no fonts, no Qt drawing)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefing.export.blocks import Block, ChartFlow, ChartPiece
from briefing.export.paginate import paginate

PAGE = 100.0


@dataclass
class Lines(Block):
    """A block of equal lines that can break between any two of them."""

    name: str = ""
    line: float = 10.0

    def split(self, room: float) -> tuple[Block, Block] | None:
        cut = int(room // self.line) * self.line
        if cut <= 0 or cut >= self.height:
            return None
        first = replace(self, height=cut, name=self.name + "/a", keep_with_next=False)
        rest = replace(self, height=self.height - cut, name=self.name + "/b")
        return first, rest


def heading(name: str) -> Lines:
    return Lines(height=10, keep_with_next=True, name=name)


def claim(name: str, height: float = 30) -> Lines:
    return Lines(height=height, name=name)


def prose(name: str, height: float) -> Lines:
    return Lines(height=height, name=name, flows=True)


def names(pages: list) -> list[list[str]]:
    return [[getattr(placed.block, "name", "chart") for placed in page] for page in pages]


def test_blocks_stack_down_a_page_with_collapsed_margins_and_none_at_the_top():
    a = Lines(height=20, margin_bottom=6, name="a")
    b = Lines(height=20, margin_top=4, margin_bottom=5, name="b")
    c = Lines(height=70, margin_top=9, name="c")
    pages = paginate([a, b, c], PAGE)
    assert names(pages) == [["a", "b"], ["c"]]
    assert [p.top for p in pages[0]] == [0, 26]  # the larger margin between them, once
    assert pages[1][0].top == 0  # no margin at the top of a page


def test_a_heading_never_ends_a_page_it_moves_with_the_claim_that_follows():
    blocks = [claim("c1", 50), heading("h"), claim("c2", 45)]
    pages = paginate(blocks, PAGE)
    assert names(pages) == [["c1"], ["h", "c2"]]


def test_two_headings_in_a_row_move_together():
    blocks = [claim("c1", 60), heading("h1"), heading("h2"), claim("c2", 30)]
    assert names(paginate(blocks, PAGE)) == [["c1"], ["h1", "h2", "c2"]]


def test_a_claim_is_never_split_unless_taller_than_a_page():
    blocks = [claim("c1", 80), claim("c2", 30), claim("tall", 150), claim("c3", 10)]
    pages = names(paginate(blocks, PAGE))
    assert pages[:2] == [["c1"], ["c2"]]  # c2 moves whole; the tall one starts a page
    assert pages[2:] == [["tall/a"], ["tall/b", "c3"]]


def test_prose_flows_over_the_foot_of_a_page_between_lines():
    blocks = [claim("c1", 75), prose("p", 40)]
    pages = paginate(blocks, PAGE)
    assert names(pages) == [["c1", "p/a"], ["p/b"]]
    assert pages[0][1].block.height == 20 and pages[1][0].block.height == 20


def test_a_heading_stays_with_the_first_lines_of_prose_it_leads():
    blocks = [claim("c1", 80), heading("h"), prose("p", 40)]
    assert names(paginate(blocks, PAGE)) == [["c1", "h", "p/a"], ["p/b"]]


def test_page_break_before_starts_a_page_and_carries_nothing():
    top = replace(heading("Claims"), page_break_before=True)
    blocks = [heading("h"), claim("c1", 10), top, claim("c2")]
    assert names(paginate(blocks, PAGE)) == [["h", "c1"], ["Claims", "c2"]]


def test_a_table_repeats_its_head_row_on_each_page_it_continues_on():
    head = heading("head")
    rows = [Lines(height=30, header=head, name=f"r{n}") for n in range(5)]
    pages = names(paginate([head, *rows], PAGE))
    assert pages == [["head", "r0", "r1", "r2"], ["head", "r3", "r4"]]


def test_a_heading_alone_with_a_block_taller_than_a_page_does_not_loop():
    blocks = [heading("h"), claim("tall", 250)]
    pages = names(paginate(blocks, PAGE))
    assert pages[0][0] == "h"
    assert sum(len(page) for page in pages) == 4  # h, and the tall claim in three parts


def test_a_chart_cuts_itself_for_the_room_left_and_moves_on_when_none_is_left():
    asked: list[tuple[float, float]] = []

    def pieces(room: float, full: float) -> list[ChartPiece]:
        asked.append((room, full))
        return [ChartPiece(height=20.0), ChartPiece(height=50.0)]

    blocks = [claim("c1", 30), heading("caption"), ChartFlow(pieces)]
    pages = paginate(blocks, PAGE)
    assert asked == [(60.0, PAGE)]  # the room under the caption
    assert [len(page) for page in pages] == [3, 1]
    # with too little room for its first piece, the chart and its caption start a page
    asked.clear()
    pages = paginate([claim("c1", 85), heading("caption"), ChartFlow(pieces)], PAGE)
    assert asked == [(5.0, PAGE), (90.0, PAGE)]
    assert names(pages)[0] == ["c1"] and names(pages)[1][0] == "caption"
