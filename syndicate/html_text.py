"""Plain text out of the HTML that Markdown produced.

Small, strict readers built on the standard library's HTML tokenizer: the
first paragraph (for summaries), the items of the first ordered list (how-to
steps) and the whole text. Entities are decoded; whitespace is collapsed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "li",
        "ol",
        "ul",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
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
        """Block boundaries separate words in every text being collected."""
        for text in (self.texts, self._para, self._item):
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


def _collect(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser


def plain_text(html: str) -> str:
    """All visible text of ``html`` as one line."""
    return collapse("".join(_collect(html).texts))


def first_paragraph(html: str) -> str:
    """Text of the first non-empty top-level ``<p>`` ('' when there is none)."""
    return next((p for p in _collect(html).paragraphs if p), "")


def ordered_list_items(html: str) -> list[str]:
    """Text of each item of the first top-level ``<ol>`` (nested lists flattened in)."""
    steps = _collect(html).steps or []
    return [text for text in (collapse("".join(item)) for item in steps) if text]


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
