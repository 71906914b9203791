"""Plain text out of the HTML that Markdown produced.

Small, strict readers built on the standard library's HTML tokenizer: the
first paragraph (for summaries), the items of the first ordered list (how-to
steps) and the whole text (a line a block). Entities are decoded; whitespace is collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

_SPACE = re.compile(r"\s+")
#: The heading elements, ``<h1>`` to ``<h6>``.
HEADING_TAGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = HEADING_TAGS | frozenset(
    {
        "p",
        "li",
        "ol",
        "ul",
        "blockquote",
        "pre",
        "div",
        "table",
        "tr",
        "td",
        "th",
        "br",
        "hr",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "template"})


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


_LINE_BREAKS = re.compile(r"[ \t\r\f\v]*\n\s*")
_BLANKS = re.compile(r"[ \t\r\f\v]+")


def collapse_lines(text: str) -> str:
    """Like :func:`collapse`, but a run of whitespace with a line break in it is one
    line break (a block's end), any other run one space."""
    return _BLANKS.sub(" ", _LINE_BREAKS.sub("\n", text)).strip()


class _Collector(HTMLParser):
    """Collects text per block; remembers which block each piece belongs to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip = 0
        self.paragraphs: list[str] = []
        self.steps: list[list[str]] | None = None  # items of the first top-level <ol>
        self.texts: list[str] = []
        self._para: list[str] | None = None
        self._ol_depth = 0
        self._list_depth = 0  # <ol> and <ul> nesting
        self._first_ol_done = False
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag in _BLOCK_TAGS:
            self._space()
        if tag == "p" and self._para is None and not self.stack_has("li"):
            self._para = []
        if tag in ("ol", "ul"):
            self._list_depth += 1
        if tag == "ol":
            self._ol_depth += 1
            if self._list_depth == 1 and self.steps is None:
                self.steps = []
        if tag == "li" and self._top_ol_item_level():
            self._item = []
        if tag not in ("br", "hr", "img"):
            self.stack.append(tag)

    def _space(self) -> None:
        """Block boundaries separate words in every text being collected; in the whole
        text they end a line (a heading, a list item or a table's cell is no part of
        the sentence after it: "Snack | Hummus with ..." is no "Snack Hummus")."""
        self.texts.append("\n")
        for text in (self._para, self._item):
            if text is not None:
                text.append(" ")

    def _top_ol_item_level(self) -> bool:
        """Directly inside the first top-level <ol> (not in a list nested in it)."""
        return (
            self._list_depth == 1
            and self._ol_depth == 1
            and self.steps is not None
            and not self._first_ol_done
        )

    def stack_has(self, tag: str) -> bool:
        return tag in self.stack

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCK_TAGS:
            self._space()
        if tag == "p" and self._para is not None and not self.stack_has("li"):
            self.paragraphs.append(collapse("".join(self._para)))
            self._para = None
        if tag == "li" and self._item is not None and self._top_ol_item_level():
            assert self.steps is not None
            self.steps.append(self._item)
            self._item = None
        if tag in ("ol", "ul"):
            self._list_depth = max(0, self._list_depth - 1)
        if tag == "ol":
            self._ol_depth = max(0, self._ol_depth - 1)
            if self._list_depth == 0 and self.steps is not None:
                self._first_ol_done = True
        # Pop up to and including the matching tag; tolerate sloppy nesting.
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.texts.append(data)
        if self._para is not None:
            self._para.append(data)
        if self._item is not None:
            self._item.append(data)


#: The metadata key under which the Markdown reader stores a post's :class:`HtmlFacts`.
FACTS_KEY = "_html_facts"


@dataclass(frozen=True)
class HtmlFacts:
    """What the post checks read from a post's HTML, found in one pass.

    The Markdown reader computes these when it reads a post, so they are kept
    in Pelican's content cache with the HTML they came from: a rebuild reads
    them back instead of parsing every post's HTML again.
    """

    text: str  # all visible text, a line a block (heading, paragraph, item, cell)
    first_paragraph: str  # the first non-empty top-level <p> ('' when none)
    steps: tuple[str, ...]  # items of the first top-level <ol>


@lru_cache(maxsize=256)
def html_facts(html: str) -> HtmlFacts:
    """Parse ``html`` once for its text, first paragraph and ordered-list items."""
    parser = _Collector()
    parser.feed(html)
    parser.close()
    steps = (collapse("".join(item)) for item in parser.steps or [])
    return HtmlFacts(
        text=collapse_lines("".join(parser.texts)),
        first_paragraph=next((p for p in parser.paragraphs if p), ""),
        steps=tuple(text for text in steps if text),
    )


def plain_text(html: str) -> str:
    """All visible text of ``html``, a line a block."""
    return html_facts(html).text


def shorten(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """Cut ``text`` at a word boundary so the result is at most ``limit`` characters."""
    text = collapse(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis) + 1]
    space = cut.rfind(" ")
    # Cut between words; only a single word longer than the limit is cut inside.
    cut = cut[:space] if space > 0 else cut[: limit - len(ellipsis)]
    return cut.rstrip(" ,;:.-—") + ellipsis
