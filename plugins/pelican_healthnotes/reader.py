"""Pelican's Markdown reader, made to report mistakes instead of dropping posts.

Stock Pelican skips a post whose ``Date`` it cannot parse (or that has no
date or title) with a log line and still exits 0, so the post silently goes
missing. This subclass keeps such a post, puts a placeholder where Pelican
needs a value, and records the raw text under ``_unparsed`` so that
``healthnotes.content.model`` reports it with file, line and what was expected.
It also sets each post's category from its ``Type``, and reads the facts the
post checks need from the HTML (text, first paragraph, steps) once, so that
Pelican's content cache keeps them.

A file that is not a text post at all (empty, binary, UTF-16 or not UTF-8) is
kept the same way with ``_read_error`` set, so it is reported, never published
blank. Invisible control characters (which no web page or XML feed may carry)
are removed before Markdown sees the text, with a warning naming the line.

Pelican calls the reader only for a file its content cache does not hold (new or
changed): each such call sends :data:`READ_ANEW`, which tells the build it has work
(a worker process starts then, beside Pelican's reading).
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from blinker import signal
from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from healthnotes.content.body import front_matter_problem, read_body, reserved_fields, site_links
from healthnotes.content.dates import DateProblem, parse_when
from healthnotes.content.html_text import FACTS_KEY, html_facts
from healthnotes.content.model import TYPE_SPECS, PostType, metadata_lines
from healthnotes.content.slips import hashtag_tags
from healthnotes.errors import Problem

log = logging.getLogger(__name__)

#: The signal (blinker's, named, as Pelican's own) sent with the build's settings each
#: time a file is read (not taken from the cache).
READ_ANEW = "healthnotes.read_anew"

_PLACEHOLDER_DATE = SafeDatetime(1970, 1, 1)
_DATE_FIELDS = ("date", "modified")
_PELICAN_STATUSES = ("published", "draft", "hidden", "skip")
#: Code points XML 1.0 forbids or HTML calls "control": never valid in a page or a feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def display_path(path: str) -> str:
    """``path`` relative to the working folder when it is inside it (as messages show it)."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def unreadable(data: bytes) -> str | None:
    """Why ``data`` is not a Markdown text file (None when it is UTF-8 text)."""
    if data.startswith(_UTF16_BOMS):
        return "is saved as UTF-16 text; save it as UTF-8 in your editor"
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        return (
            "is empty; write the 'Title: …' line (for a post also 'Date: …' and "
            "'Type: …'), an empty line and the text, or delete the file"
        )
    if b"\x00" in data:
        return (
            "is not a text file (it holds binary data, e.g. a picture saved as .md); "
            "save the post as plain UTF-8 text"
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            f"is not UTF-8 text (undecodable byte at position {exc.start}); "
            "save it as UTF-8 in your editor"
        )
    return None


def without_controls(text: str) -> tuple[str, list[str], int | None]:
    """``text`` without control characters; every one removed, and the first one's line."""
    first = _CONTROL.search(text)
    if first is None:
        return text, [], None
    line = text.count("\n", 0, first.start()) + 1
    return _CONTROL.sub("", text), _CONTROL.findall(text), line


class PracticeMarkdownReader(MarkdownReader):
    def process_metadata(self, name: str, value: Any) -> Any:
        if name == "status" and isinstance(value, str):
            value = value.lower()  # Status: Draft
        if name == "tags" and isinstance(value, str) and hashtag_tags(value):
            self._written["tags"] = value  # Tags: #flu #vaccines (warned about)
            value = ", ".join(hashtag_tags(value) or ())
        if name in _DATE_FIELDS:
            when = parse_when(value) if isinstance(value, str) else None
            if isinstance(when, DateProblem) and when.numeric:  # 04/12/2026: never guessed
                self._unparsed[name] = value
                return _PLACEHOLDER_DATE
            if isinstance(when, datetime):  # one reading only, handed to Pelican as ISO
                value = when.isoformat(sep=" ")
            try:
                return super().process_metadata(name, value)
            except (ValueError, OverflowError):
                self._unparsed[name] = value if isinstance(value, str) else str(value)
                return _PLACEHOLDER_DATE
        return super().process_metadata(name, value)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Content and metadata of the post at ``source_path``."""
        signal(READ_ANEW).send(self.settings)
        self._unparsed: dict[str, str | None] = {}
        self._written: dict[str, str] = {}
        data = Path(source_path).read_bytes()
        problem = unreadable(data) or front_matter_problem(data.decode("utf-8-sig"))
        if problem is not None:
            return "", {
                "title": Path(source_path).stem,
                "date": _PLACEHOLDER_DATE,
                "_read_error": problem,
            }
        # As pelican_open: BOM dropped, universal newlines.
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        text, removed, line = without_controls(text)
        if removed:
            kinds = sorted({f"U+{ord(c):04X}" for c in removed})
            warning = Problem(
                file=display_path(source_path),
                field="",
                message=f"removed {len(removed)} invisible control character"
                f"{'s' * (len(removed) != 1)} ({', '.join(kinds)}); web pages and feeds "
                "cannot carry them",
                severity="warning",
                line=line,
            )
            log.warning(warning.format(), extra={"problem": True})
        # MarkdownReader.read, on the cleaned text.
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        source = display_path(source_path)
        content, problems = read_body(text, convert=self._md.convert, source=source)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        reserved, refused = reserved_fields(metadata, metadata_lines(text), source=source)
        for name in reserved:
            del metadata[name]
        if metadata.get("status") not in (None, *_PELICAN_STATUSES):
            self._unparsed["status"] = str(metadata["status"])
            metadata["status"] = "draft"  # never publish a post with a mistyped status
        if "title" not in metadata:
            self._unparsed["title"] = None
            metadata["title"] = Path(source_path).stem
        if "date" not in metadata and "date" not in self._unparsed:
            self._unparsed["date"] = None
            metadata["date"] = _PLACEHOLDER_DATE
        post_type = str(metadata.get("type", "")).strip().lower()
        if post_type in {t.value for t in PostType}:
            spec = TYPE_SPECS[PostType(post_type)]
            category = self.process_metadata("category", spec.label)
            category.slug = spec.slug  # the address stays when a label is renamed
            metadata["category"] = category
        metadata["_unparsed"] = dict(self._unparsed)
        metadata.update({f"_written_{name}": text for name, text in self._written.items()})
        metadata["_lines"] = metadata_lines(text)
        metadata["_problems"] = (*problems, *refused)  # reported by healthnotes.content.model
        metadata["_links"] = site_links(content, text)
        # Parsed here, so Pelican's content cache keeps it: rebuilds skip the parse.
        metadata[FACTS_KEY] = html_facts(content)
        return content, metadata
