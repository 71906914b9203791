"""A post's sources: the ``Sources:`` field, one reference per line.

Each line is ``title | publisher | address``, for example::

    Sources: Antibiotic Do's and Don'ts | CDC | https://www.cdc.gov/antibiotic-use/do-and-dont.html
        Common Cold | MedlinePlus | https://medlineplus.gov/commoncold.html

(the field repeated, or its next lines indented). The page lists them as numbered
references after the post and the structured data carries them as ``citation``.
A post without any, or a recall whose official notice (its ``Recall_Url``) is not
among them, is published with a warning: patients and reviewers should be able to
check what a post says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from healthnotes.content.html_text import collapse

FORMAT = (
    "expected 'Sources: title | publisher | https://address', one source per line, e.g. "
    "'Sources: Antibiotic Do's and Don'ts | CDC | https://www.cdc.gov/antibiotic-use/'"
)


@dataclass(frozen=True, kw_only=True)
class Source:
    """One reference: what it is called, who published it, where it is."""

    title: str
    publisher: str
    url: str


def parse_sources(value: object) -> tuple[tuple[Source, ...], list[str]]:
    """The sources of a ``Sources:`` value (a line or a list of lines) and a message for
    each line that is not ``title | publisher | address``. The same address twice is
    listed once."""
    if value is None:
        return (), []
    lines = value if isinstance(value, list | tuple) else str(value).splitlines()
    found: dict[str, Source] = {}
    problems = []
    for line in lines:
        text = collapse(str(line))
        if not text:
            continue
        parts = [collapse(part) for part in text.split("|")]
        if len(parts) != 3 or not all(parts):
            problems.append(f"{text!r}: {FORMAT}")
            continue
        title, publisher, url = parts
        address = urlsplit(url)
        if address.scheme not in ("http", "https") or not address.netloc or " " in url:
            problems.append(
                f"{url!r} is not a web address; expected the full link to the source, "
                "starting with https://"
            )
            continue
        found.setdefault(_same(url), Source(title=title, publisher=publisher, url=url))
    return tuple(found.values()), problems


def _same(url: str) -> str:
    """``url`` as compared: host in lower case, no trailing slash, no fragment."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{(parts.hostname or '').lower()}{path}{query}"


def source_warnings(sources: Sequence[Source], official_notice: str | None) -> list[str]:
    """What a reviewer should hear about a post's sources: none at all, or a recall
    (``official_notice``: its ``Recall_Url``) whose notice is not among them."""
    if not sources:
        if official_notice:
            return [
                "a recall without sources; add its official notice: "
                f"'Sources: Recall notice | agency | {official_notice}'"
            ]
        return [f"the post names no sources, so readers cannot check it; {FORMAT}"]
    if official_notice and _same(official_notice) not in {_same(s.url) for s in sources}:
        return [
            f"the recall's official notice ({official_notice}) is not among its sources; "
            f"add the line 'Recall notice | agency | {official_notice}'"
        ]
    return []
