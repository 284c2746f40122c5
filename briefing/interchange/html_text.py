"""TimelineJS HTML to plain text and the links it holds; parsed with html.parser, never rendered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Whose content is code or embedded media, not prose for the analyst: dropped with the tag.
_SKIPPED = frozenset({"script", "style", "template", "iframe", "object", "noscript", "svg"})
# Tags that end a line of text.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True)
class Link:
    url: str
    text: str


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[Link] = []
        self._skipping: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping.append(tag)
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "a" and not self._skipping:
            href = dict(attrs).get("href") or ""
            # Only web links are references; javascript:, data: and anchors are not sources.
            self._href = href.strip() if is_web_url(href.strip()) else None
            self._link_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            if tag in self._skipping:
                del self._skipping[len(self._skipping) - 1 - self._skipping[::-1].index(tag) :]
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "a" and self._href is not None:
            text = _SPACES.sub(" ", "".join(self._link_text)).strip()
            self.links.append(Link(self._href, text))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)


def is_web_url(text: str) -> bool:
    return re.match(r"^https?://[^\s/]+", text, re.IGNORECASE) is not None


def html_to_text(html: str) -> tuple[str, list[Link]]:
    """The text a reader would see, one paragraph a line, and every http(s) link in it."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if reader._href is not None:  # an <a> never closed: keep its link all the same
        reader.handle_endtag("a")
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line), reader.links
