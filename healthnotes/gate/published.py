"""The last line of the patient-safety gate: scan what is about to be published.

The per-post gate reads what a post's author wrote; this reads what the build
wrote: every file of the staging folder, before it becomes ``output/``. So
pages, static copies (``content/extra``, ``content/images``), drafts, file
names and slugs, and whatever the page source carries but a reader does not see
(comments, scripts, styles, attribute values, link addresses and their query
strings) are scanned with the same rules, on text as a reader sees it
(:mod:`healthnotes.gate.normalize`).

What is read, per file (:func:`segments`):

* its path, split into words at ``/ - _ .`` (a file name or slug ends up in
  addresses, feeds and the manifest);
* HTML: the text of each block, comments, the content of ``script`` (JSON-LD
  read as JSON) and ``style``, every attribute value; a link's or picture's
  address is read raw and again URL-decoded (path words, then each query
  parameter as "name value");
* XML (feeds, sitemap, SVG): every element's text and attribute; escaped or
  CDATA HTML inside (a feed entry's content) is read again as HTML;
* JSON: every key and string value; CSV: every cell; other text: each paragraph.

Fonts are not read; of a JPEG, PNG or WebP (its metadata is stripped before the
scan) only the colour profiles it keeps, whose descriptions are free text. Any other
file that is not UTF-8 text (a PDF, a Windows-1252 or UTF-16 file, a text file with a
zero byte in it, a picture of a kind the stripper does not know) is read as a person's
program would show it: UTF-16 with its byte-order mark, a Windows-1252 text whole, a
PDF's metadata and pages' text (pypdf), and the runs of text in its bytes (as
``strings`` finds them: ASCII and UTF-8, and UTF-16), as plain text; such files are
listed in ``read_as_runs``. The files the build made itself from checked texts
(``made``: cards, slides, documents, videos) are read by their address only.

Speed: the texts (segments) are scanned once for the whole site (a summary
repeated on every listing page and feed is one segment), and the findings are
kept in a :class:`~healthnotes.cache.checks.CheckCache` by segment and by file
content, with the allowlist's and the detector's fingerprints in the key: a
build where nothing changed scans nothing. A large export (:data:`RECORDS_FROM`) is
read record by record, each record's findings kept by its content: an edited post
changes its own records, not the whole file's. A hard link to a file the build keeps
(most of a site's files: cards, slides, resized pictures, pages kept from the last
build) whose device, size, time and inode are what they were at the last scan is
known by its place, with every finding it had, its address's included.
"""

from __future__ import annotations

import base64
import codecs
import csv
import functools
import io
import itertools
import json
import os
import re
import time
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, unquote_plus, unquote_to_bytes, urlsplit

from healthnotes.cache.checks import CheckCache, checks_fingerprint
from healthnotes.cache.files import digest, trusted_copy, trusted_link
from healthnotes.content.html_text import HEADING_TAGS
from healthnotes.errors import Problem
from healthnotes.gate import ner
from healthnotes.gate.normalize import normalize
from healthnotes.gate.photos import STRIPPED_SUFFIXES, kept_profiles
from healthnotes.gate.pictures import drawn_files
from healthnotes.gate.privacy import (
    RULES_BY_ID,
    Allowlist,
    Finding,
    find_exception_match,
    keep_derived,
    scan_visible,
)
from healthnotes.gate.privacy.rules import FORM_LABELS, SHARE_ENDPOINTS, allowed_form
from healthnotes.gate.privacy.scan import model_sentences
from healthnotes.runtime.workers import Workers

#: How each kind of file is read, by suffix (lower case).
KINDS: Mapping[str, str] = {
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    **dict.fromkeys((".xml", ".rss", ".atom", ".svg", ".xsl", ".opml", ".kml", ".gpx"), "xml"),
    **dict.fromkeys((".json", ".jsonld", ".webmanifest", ".geojson", ".map"), "json"),
    **dict.fromkeys((".csv", ".tsv"), "csv"),
    **dict.fromkeys((".css", ".js", ".mjs", ".cjs"), "code"),
}
#: Files not read at all: pictures (their metadata is stripped on publish) and fonts.
NOT_READ: frozenset[str] = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".webp",
        ".gif",
        ".ico",
        ".avif",
        ".bmp",
        ".tif",
        ".tiff",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
    }
)
#: Attributes holding an address: read raw, and URL-decoded into words.
URL_ATTRIBUTES: frozenset[str] = frozenset(
    {"href", "src", "action", "cite", "poster", "data", "formaction", "background", "longdesc"}
)
#: How a message names where a text was, by attribute.
ATTRIBUTE_NAMES: Mapping[str, str] = {
    "href": "link address",
    "src": "picture or script address",
    "alt": "alt text",
    "title": "title attribute (tooltip, abbreviation definition)",
    "content": "meta content",
    "srcset": "picture addresses",
    "aria-label": "screen-reader label",
}
#: A ``<meta>`` whose ``name`` or ``property`` ends so shows its ``content`` to readers:
#: search results and link previews (a page's ``Summary:`` is only there).
_SHOWN_META = ("description", "title", ":alt")
_SHOWN_META_LABEL = "meta description or title (search results, link previews)"
#: Where a page shows a reader text (its blocks, alt text, tooltips, screen-reader
#: labels, the description search results show): read as prose, with the language model.
_SHOWN = ("text", ATTRIBUTE_NAMES["title"], ATTRIBUTE_NAMES["aria-label"], _SHOWN_META_LABEL)
#: HTML elements that end a block of text (their text is read as one segment).
BLOCKS: frozenset[str] = HEADING_TAGS | frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "head",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "time",
        "title",
        "tr",
        "ul",
    }
)
#: Elements whose text is a heading: scanned as a title (capitals do not mark names there).
HEADINGS: frozenset[str] = HEADING_TAGS | {"title"}
_HTML_INSIDE = re.compile(r"<\s*(?:[a-zA-Z][\w:-]*|/[a-zA-Z]|!--)")
_SPACE = re.compile(r"\s+")
_PATH_SEPARATORS = re.compile(r"[/\-_.+]")
_URL_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|\.\.?/|\?)", re.IGNORECASE)
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
#: Query parameters that say where a visitor came from, never who they are (their values
#: are scanned on their own, as "name value", like every parameter's).
_TRACKING = re.compile(r"^(?:utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref)=", re.IGNORECASE)
_SOURCES = frozenset({"utm_source", "utm_medium"})
#: Random ids (UUIDs, content hashes): no person's data, but digit runs that look like
#: phone numbers. Blanked before scanning (offsets kept).
_OPAQUE = re.compile(
    r"(?<![\w-])(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{16,})(?![\w-])",
    re.IGNORECASE,
)
#: What a style sheet or script carries as text: comments and string literals.
_CODE_TEXT = re.compile(
    r"/\*(?P<block>.*?)\*/|(?<![:\\])//(?P<line>[^\n]*)"
    r"|(?P<q>[\"'`])(?P<string>(?:\\.|(?!(?P=q)).)*)(?P=q)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Segment:
    """One text to scan: where it stands in its file, and how to scan it."""

    where: str
    text: str
    field: str = "body"


# ---------------------------------------------------------------------------
# Reading files into segments
# ---------------------------------------------------------------------------


def _blank(text: str) -> str:
    """``text`` with random ids (:data:`_OPAQUE`) as spaces, offsets kept."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), text)


def address_words(path: str) -> str:
    """A path or address with its separators as spaces (same length: offsets hold), and
    random ids in it blanked."""
    return _PATH_SEPARATORS.sub(" ", _blank(path))


_SLUG_PARTS = re.compile(r"([\-_.+\s]+)")
_HEX_ID = re.compile(r"(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{6,}", re.IGNORECASE)


def address_readings(path: str) -> list[str]:
    """Each folder and file name of a path as a person reads a slug
    ("pt-123-45-6789", "our-patient-maria-gonzalez"): its words capitalised (a name of
    two words or more: one word alone is no evidence of a person), each run of
    digit groups joined by single hyphens kept whole (a phone, an SSN, a date) with every
    three groups of a longer run beside it ("03-14-1958-123-45-6789" holds a date and an
    SSN), a file's extension and a page's ``index.html`` left out. The rules read formats
    and names there that :func:`address_words` (every separator a space: the words and
    offsets of the address itself) hides."""
    readings = []
    names = _blank(path).split("/")
    for number, name in enumerate(names):
        if number == len(names) - 1:
            if name.lower() == "index.html":
                break
            name = name.rpartition(".")[0] or name
        words: list[str] = []
        chain: list[str] = []
        parts = _SLUG_PARTS.split(name)
        for index in range(0, len(parts) + 1, 2):
            word = parts[index] if index < len(parts) else ""
            if word.isdigit() and word.isascii():
                chain.append(word)
                if index + 1 < len(parts) and parts[index + 1] == "-":
                    continue  # the run goes on
                word = ""
            if chain:
                words.append("-".join(chain))
                if len(chain) > 3:
                    words.extend("-".join(chain[i : i + 3]) for i in range(len(chain) - 2))
                chain = []
            if word and not _HEX_ID.fullmatch(word):  # (a file name's hash says nothing)
                words.append(word)
        if sum(word[:1].isalpha() for word in words) > 1:  # one word alone says no name
            words = [word[:1].upper() + word[1:] for word in words]
        if words:
            readings.append(" ".join(words))
    return readings


def _is_share_link(host: str, path: str) -> bool:
    """Whether the address is a platform's own share address (privacy.SHARE_ENDPOINTS)."""
    host = host.lower().removeprefix("www.")
    return any(
        (host == domain or host.endswith(f".{domain}"))
        and (path or "/").startswith(prefix)
        and (prefix != "/" or path.strip("/") == "")
        for domain, prefix in SHARE_ENDPOINTS
    )


def _url_segments(url: str, where: str) -> Iterator[Segment]:
    """An address: as written (the URL rule reads hosts and query keys), then its
    decoded path as words and each query parameter as "name value"."""
    url = url.strip()
    if not url:
        return
    if url[:5].lower() == "data:":
        yield from _data_segments(url, where)
        return
    try:
        parts = urlsplit(url)
    except ValueError:
        yield Segment(where, url)
        return
    # as written, less tracking parameters (each platform's link is then the page's link)
    kept = [p for p in parts.query.split("&") if not _TRACKING.match(p)]
    yield Segment(where, parts._replace(query="&".join(kept)).geturl())
    words = address_words(unquote(parts.path)).strip()
    if words:
        yield Segment(f"{where}, path", words)
    if _is_share_link(parts.hostname or "", parts.path) or (
        parts.scheme == "mailto" and not parts.path  # an e-mail to share: no recipient
    ):
        return  # a platform's share address carries the page's own title and address
    query = [q for q in parse_qsl(parts.query, keep_blank_values=True) if q[0] not in _SOURCES]
    if parts.fragment:
        query.append(("", parts.fragment))
    for name, value in query:
        text = f"{unquote_plus(name)} {unquote_plus(value)}".strip()
        if text:
            yield Segment(f"{where}, query string", text)


#: The media types of a ``data:`` address whose content is text a browser shows.
_TEXT_DATA = re.compile(r"^(?:text/|[\w.+-]+/[\w.+-]*(?:xml|json)\b|$)", re.IGNORECASE)
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/]")


def _data_segments(url: str, where: str) -> Iterator[Segment]:
    """A ``data:`` address: its media type, and its content decoded when it is text (a
    page, a drawing, JSON) as any value is (red-teamed: a copied page's link to
    ``data:text/plain;base64,...`` carried a patient, unread)."""
    head, _, payload = url[5:].partition(",")
    yield Segment(where, f"data:{head}")
    media = head.split(";")[0].strip()
    if not _TEXT_DATA.match(media):
        return
    if head.lower().endswith(";base64"):  # what decodes of it (cut, or URL-safe: as well)
        digits = _NOT_BASE64.sub("", unquote(payload).replace("-", "+").replace("_", "/"))
        rest = len(digits) % 4
        data = base64.b64decode(digits[:-1] if rest == 1 else digits + "=" * (-rest % 4))
    else:
        data = unquote_to_bytes(payload)
    text = _text_of(data)
    yield from _value_segments(_text_runs(data) if text is None else text, f"{where}, data")


_REFRESH = re.compile(r"^\d*(?:\.\d*)?\s*[;,]\s*url\s*=\s*['\"]?(?P<url>[^'\"\s]+)", re.IGNORECASE)
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def _value_segments(value: str, where: str) -> Iterator[Segment]:
    """A value of unknown kind (JSON string, CSV cell, attribute): text, HTML or an address."""
    text = value.strip()
    if not text:
        return
    if _HTML_INSIDE.search(text):
        yield from html_segments(text, where=f"{where}, HTML")
        return
    if _URL_LIKE.match(text) and " " not in text:
        yield from _url_segments(text, where)
        return
    # a refresh's address ("0; url=...", where the browser goes) or any other text
    # percent-encoded ("Maria%20Gonzalez"): red-teamed, read only as written
    if refresh := _REFRESH.match(text):
        yield from _url_segments(refresh.group("url"), where)
    elif _PERCENT.search(text):
        yield from (Segment(f"{where}, decoded", p) for p in _paragraphs(unquote_plus(text)))
    # paragraph by paragraph: a platform text's blocks (hook, link, hashtags, disclaimer)
    # recur in every platform's text and are scanned once
    yield from (Segment(where, p) for p in _paragraphs(text))


class _Reader(HTMLParser):
    """Collects segments from HTML (``xml=False``) or XML (every element ends a block)."""

    def __init__(self, *, xml: bool, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.xml = xml
        self.where = where
        self.found: list[Segment] = []
        self.text: list[str] = []
        self.headings = 0
        self.raw_tag: str | None = None  # inside script or style
        self.raw: list[str] = []
        self.raw_type = ""

    def _label(self, what: str) -> str:
        return f"{self.where}, {what}" if self.where else what

    def flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        if not text.strip():
            return
        if self.xml and _HTML_INSIDE.search(text):  # a feed entry's escaped HTML
            self.found.extend(html_segments(text, where=self._label("HTML inside")))
            return
        self.found.append(
            Segment(
                self._label("text"),
                _SPACE.sub(" ", text).strip(),
                "title" if self.headings else "body",
            )
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.xml or tag in BLOCKS:
            self.flush()
        if tag in HEADINGS:
            self.headings += 1
        shown_meta = tag == "meta" and any(
            name in {"name", "property"} and (value or "").lower().endswith(_SHOWN_META)
            for name, value in attrs
        )
        for name, value in attrs:
            if not value:
                continue
            label = _SHOWN_META_LABEL if shown_meta and name == "content" else None
            where = self._label(label or ATTRIBUTE_NAMES.get(name, f"{name}= attribute"))
            if name in URL_ATTRIBUTES:
                self.found.extend(_url_segments(value, where))
            elif name in {"srcset", "imagesrcset"}:
                for candidate in value.split(","):
                    self.found.extend(_url_segments(candidate.strip().split(" ")[0], where))
            else:
                self.found.extend(_value_segments(value, where))
        if tag in {"script", "style"} and not self.xml:
            self.raw_tag, self.raw = tag, []
            self.raw_type = dict(attrs).get("type") or ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self.raw_tag = None
        if tag in HEADINGS:
            self.headings = max(0, self.headings - 1)

    def handle_endtag(self, tag: str) -> None:
        if self.raw_tag is not None and tag == self.raw_tag:
            self._raw_done()
            return
        if tag in HEADINGS:
            self.headings = max(0, self.headings - 1)
        if self.xml or tag in BLOCKS:
            self.flush()

    def _raw_done(self) -> None:
        content = "".join(self.raw)
        tag, self.raw_tag = self.raw_tag, None
        if not content.strip():
            return
        if "json" in self.raw_type:
            self.found.extend(json_segments(content, where=self._label("JSON-LD")))
        else:
            self.found.extend(code_segments(content, where=self._label(f"{tag} content")))

    def handle_data(self, data: str) -> None:
        if self.raw_tag is not None:
            self.raw.append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.flush()
        if _HTML_INSIDE.search(data):  # commented-out markup: its attributes too
            self.found.extend(html_segments(data, where=self._label("HTML comment")))
        else:
            self.found.extend(Segment(self._label("HTML comment"), p) for p in _paragraphs(data))

    def handle_decl(self, decl: str) -> None:
        # a document type's internal subset declares entities an XML reader shows in the
        # text (<!ENTITY who "...">, then &who;): red-teamed, it went out unread
        self.flush()
        self.found.extend(Segment(self._label("declaration"), p) for p in _paragraphs(decl))

    def handle_pi(self, data: str) -> None:
        # <?name ...?>: in the page source, as a comment is (red-teamed: unread)
        self.flush()
        where = self._label("processing instruction")
        self.found.extend(Segment(where, p) for p in _paragraphs(data.rstrip("?")))

    def unknown_decl(self, data: str) -> None:
        if not data.startswith("CDATA["):  # <![if ...]>, <![INCLUDE[ ...]]>: as written
            self.handle_decl(data)
        else:
            self.flush()
            inner = data[len("CDATA[") :]
            if _HTML_INSIDE.search(inner):
                self.found.extend(html_segments(inner, where=self._label("HTML inside")))
            else:
                self.found.extend(Segment(self._label("text"), p) for p in _paragraphs(inner))

    def close(self) -> None:
        super().close()
        if self.raw_tag is not None:
            self._raw_done()
        self.flush()


def html_segments(text: str, *, where: str = "", xml: bool = False) -> list[Segment]:
    """The segments of an HTML (or XML) text."""
    reader = _Reader(xml=xml, where=where)
    reader.feed(text)
    reader.close()
    return reader.found


def json_segments(text: str, *, where: str = "") -> list[Segment]:
    """Every key and string value of a JSON text (read as plain text when it is not JSON)."""
    label = f"{where}, " if where else ""
    try:
        data = json.loads(text)
    except ValueError:
        return [Segment(f"{label}text", p) for p in _paragraphs(text)]
    found: list[Segment] = []
    _walk_json(data, "", label, found)
    return found


def _walk_json(value: object, path: str, label: str, found: list[Segment]) -> None:
    """The segments of every key and string value of ``value`` (at ``path``) into ``found``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if str(key).startswith("@"):  # JSON-LD's own keywords (@type, @id ...)
                _walk_json(item, f"{path}/{str(key)[1:]}", label, found)
                continue
            found.extend(_value_segments(str(key), f"{label}JSON key at {path or '/'}"))
            _walk_json(item, f"{path}/{key}", label, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk_json(item, f"{path}/{index}", label, found)
    elif isinstance(value, str):
        found.extend(_value_segments(value, f"{label}JSON value at {path or '/'}"))


def csv_segments(text: str, *, delimiter: str = ",") -> list[Segment]:
    """Every cell of a CSV text (under a header that says "person", with it)."""
    found: list[Segment] = []
    labels: dict[int, str] = {}
    for row_number, row in enumerate(_csv_rows(text, delimiter), 1):
        found.extend(_row_segments(row_number, row, labels))
        if row_number == 1:
            labels = header_labels(row)
    return found


#: Column headers that say what a cell holds the way a form's label does: a cell under
#: one is read after it ("patient: Maria Gonzalez", "born: 03/14/1958"), so the rules
#: have the cue a cell alone lacks (red-teamed: a staff CSV of patients and birth dates).
HEADER_LABELS: frozenset[str] = frozenset(
    {
        *FORM_LABELS,  # (a person's names among them: "first name", "surname" ...)
        *("patient id", "mrn"),
        *("born", "dob", "date of birth", "birth date", "birthdate", "birthday", "age"),
        *("ssn", "phone", "mobile", "cell", "email", "address", "admitted", "discharged"),
    }
)


def header_labels(header: Sequence[str]) -> dict[int, str]:
    """The columns (from 1) of a table whose header is one of :data:`HEADER_LABELS`."""
    labels = {}
    for column, cell in enumerate(header, 1):
        label = " ".join(cell.replace("_", " ").split())
        if label.lower() in HEADER_LABELS:
            labels[column] = label
    return labels


def _csv_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    # A cell may be as long as the text (a 1 MB post's text in the bulk-schedule CSV):
    # the csv module's default limit (128 KiB) would stop the build with a traceback.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def _delimiter(name: str) -> str:
    """The cell delimiter of a table file, by its name (tab-separated or comma-separated)."""
    return "\t" if name.lower().endswith(".tsv") else ","


def _row_segments(
    row_number: int, row: list[str], labels: Mapping[int, str] | None = None
) -> list[Segment]:
    """A row's cells, each under its column's label (:func:`header_labels`) if any."""
    labels = labels or {}
    return [
        segment
        for column, cell in enumerate(row, 1)
        for segment in _value_segments(
            _under(labels.get(column), cell), f"row {row_number}, column {column}"
        )
    ]


def _under(label: str | None, cell: str) -> str:
    """A cell's text after its column's label, as a form shows it ("patient: Maria
    Gonzalez"); an address or HTML in it as it is."""
    text = cell.strip()
    if not label or not text or _HTML_INSIDE.search(text):
        return cell
    if _URL_LIKE.match(text) and " " not in text:
        return cell
    return f"{label}: {text}"


def code_segments(text: str, *, where: str = "") -> list[Segment]:
    """The comments and string literals of a style sheet or script."""
    label = f"{where}, " if where else ""
    found: list[Segment] = []
    for match in _CODE_TEXT.finditer(text):
        if match.group("string") is not None:
            found.extend(_value_segments(match.group("string"), f"{label}string"))
        else:
            comment = (
                match.group("block") if match.group("block") is not None else match.group("line")
            )
            found.extend(Segment(f"{label}comment", p) for p in _paragraphs(comment))
    return found


def _paragraphs(text: str) -> list[str]:
    return [_SPACE.sub(" ", p).strip() for p in _PARAGRAPHS.split(text) if p.strip()]


#: How a picture the stripper cleans is read: the colour profiles it keeps (their
#: descriptions and copyright lines are free text).
PICTURE = "picture"


def _picture_kind(path: str) -> str | None:
    """:data:`PICTURE` for a picture the stripper cleans (a JPEG, PNG or WebP)."""
    return PICTURE if path.lower().endswith(STRIPPED_SUFFIXES) else None


def file_kind(path: str) -> str | None:
    """How a file is read by its name: html, xml, json, csv, text, or None (not read).
    (Its extension found as :attr:`pathlib.PurePath.suffix` finds it, with string
    methods: the published scan asks for some 30,000 files a build.)"""
    name = path.rpartition("/")[2].rpartition(os.sep)[2]
    dot = name.rfind(".")
    suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""
    if suffix in NOT_READ:
        return None
    return KINDS.get(suffix, "text")


#: A JSON or CSV file this large (an export: ``syndication.json``, the bulk-schedule CSV)
#: is read record by record (each item of its lists, each row), each record's findings
#: kept in the cache by its content: one edited post changes its own records, and the
#: others are not read again.
RECORDS_FROM = 1_000_000
#: Stands for a record's place (``/posts/12``, ``row 7``) in the findings kept for it.
_HERE = "\x00"


@dataclass(frozen=True)
class _Record:
    """One record of a large export: where it stands, what it holds (its cache key is
    made of ``content``) and how to read it."""

    place: str
    content: str
    read: Callable[[], list[Segment]]
    #: How ``content`` stands for the record: a value as JSON, a row's cells, or the
    #: record's own line of the file (part of its cache key: one text, one meaning).
    form: str = "value"


def records(
    kind: str, text: str, *, name: str = "", by_line: bool = True
) -> tuple[list[Segment], list[_Record]] | None:
    """A large JSON or CSV file's segments outside its records, and its records (None:
    the file is read whole). A JSON document's records are the items of its top-level
    list, or of each list its top-level object holds; a CSV's are its rows. A JSON
    document or a table written one record a line is split by its lines (``by_line``,
    :func:`_line_records`, :func:`_csv_line_records`)."""
    if kind == "csv":
        lines = _csv_line_records(text, _delimiter(name)) if by_line else None
        if lines is not None:
            return [], lines
        rows = list(_csv_rows(text, _delimiter(name)))
        labels = header_labels(rows[0]) if rows else {}
        return [], [
            _Record(
                f"row {n}",
                _labelled("\x1f".join(row), labels if n > 1 else {}),
                functools.partial(_row_segments, n, row, labels if n > 1 else None),
                "cells",
            )
            for n, row in enumerate(rows, 1)
        ]
    if kind != "json":
        return None
    lines = _line_records(text) if by_line else None
    if lines is not None:
        return lines
    try:
        data = json.loads(text)
    except ValueError:
        return None
    head, lists = _json_head(data)
    return head, _item_records(lists)


def _item_records(lists: Mapping[str, list]) -> list[_Record]:
    """The records of each list (by its place), known by their content as JSON."""
    found: list[_Record] = []
    for path, items in lists.items():
        for index, item in enumerate(items):
            place = f"{path}/{index}"
            content = json.dumps(item, ensure_ascii=False, sort_keys=True)
            found.append(_Record(place, content, functools.partial(_json_record, item, place)))
    return found


def _json_head(data: object) -> tuple[list[Segment], dict[str, list]]:
    """A JSON document's segments outside its records, and its lists of records by place:
    the document itself when it is a list, else each list its top-level object holds."""
    lists = {"": data} if isinstance(data, list) else {}
    head: list[Segment] = []
    if isinstance(data, dict):
        rest = {}
        for key, value in data.items():
            if isinstance(value, list) and not str(key).startswith("@"):
                lists[f"/{key}"] = value
                head.extend(_value_segments(str(key), "JSON key at /"))
            else:
                rest[key] = value
        _walk_json(rest, "", "", head)
    return head, lists


def _line_records(text: str) -> tuple[list[Segment], list[_Record]] | None:
    """The records of a JSON document written one record a line, as the build writes
    ``syndication.json`` (``{"site": ..., "posts": [`` on the first line, then one item a
    line, each but the last ending with a comma, then ``]}``); None for any other shape.

    A record is known by its line's text: a line the cache knows is not parsed again (it
    parsed as one JSON value when it was first read; when a line does not, reading it
    raises :class:`_NotByLines` and the document is read whole). The first and last
    lines are parsed together, as the document with its last list empty."""
    lines = text.rstrip("\n").split("\n")
    if len(lines) < 3 or not lines[0].endswith("[") or lines[-1] not in ("]", "]}"):
        return None
    try:
        data = json.loads(lines[0] + lines[-1], object_pairs_hook=_unique_keys)
    except ValueError:
        return None
    if isinstance(data, list):
        if data or lines[0].strip() != "[":
            return None
        place = ""
    elif isinstance(data, dict) and data:
        last = next(reversed(data))
        if data[last] != [] or str(last).startswith("@"):
            return None
        place = f"/{last}"
    else:
        return None
    items = lines[1:-1]
    if any(not line.endswith(",") for line in items[:-1]) or items[-1].endswith(","):
        return None
    head, lists = _json_head(data)
    found = _item_records(lists)  # lists the first line holds whole (the last one is empty)
    found += [
        _Record(
            f"{place}/{index}",
            line := item.removesuffix(","),
            functools.partial(_json_line, line, f"{place}/{index}"),
            "line",
        )
        for index, item in enumerate(items)
    ]
    return head, found


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object's members; a key given twice is not read by lines (see
    :func:`_line_records`: which list the lines fill would be unclear)."""
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("a key given twice")
    return dict(pairs)


class _NotByLines(ValueError):
    """A line of a document read by lines is not one JSON value, or one table row."""


def _csv_line_records(text: str, delimiter: str) -> list[_Record] | None:
    """The rows of a table written one row a line, ending ``\r\n`` (as the build writes
    the bulk-schedule CSV: a cell's own line breaks are ``\n``), each known by its line;
    None for a table with no such lines, or an empty one (a blank line is a row).

    A line the cache knows is not parsed again (it parsed alone as exactly one row, in
    the csv module's strict mode, when it was first read; when a line does not, reading
    it raises :class:`_NotByLines` and the table is read whole)."""
    lines = text.split("\r\n")
    if lines[-1] == "":
        lines.pop()
    if len(lines) < 2 or not all(lines):
        return None
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        header = next(csv.reader(io.StringIO(lines[0]), delimiter=delimiter, strict=True), [])
    except csv.Error:
        return None
    labels = header_labels(header)
    return [
        _Record(
            f"row {n}",
            _labelled(line, labels if n > 1 else {}),
            functools.partial(_csv_line, n, line, delimiter, labels if n > 1 else None),
            "line",
        )
        for n, line in enumerate(lines, 1)
    ]


def _labelled(content: str, labels: Mapping[int, str]) -> str:
    """A record's content as its cache key: with the labels its cells are read under
    (one line, two meanings under two headers)."""
    if not labels:
        return content
    return "\x1e".join(f"{column}={label}" for column, label in labels.items()) + "\x1d" + content


def _csv_line(
    number: int, line: str, delimiter: str, labels: Mapping[int, str] | None = None
) -> list[Segment]:
    """One row's segments, from its line (read only when the cache does not know it). A
    line ending in a line break of its own is not one: with the ``\r\n`` after it, the
    table holds a blank row there."""
    try:
        rows = list(csv.reader(io.StringIO(line), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise _NotByLines(f"row {number}") from error
    if len(rows) != 1 or line.endswith(("\r", "\n")):
        raise _NotByLines(f"row {number}")
    return _row_segments(number, rows[0], labels)


def _json_line(line: str, place: str) -> list[Segment]:
    """One record's segments, from its line (read only when the cache does not know it)."""
    try:
        item = json.loads(line)
    except ValueError as error:
        raise _NotByLines(place) from error
    return _json_record(item, place)


def _json_record(item: object, place: str) -> list[Segment]:
    found: list[Segment] = []
    _walk_json(item, place, "", found)
    return found


#: How a file that is text (UTF-8 or UTF-16; not HTML, XML, JSON, CSV or code) is read:
#: as prose, with the language model, as a page's text is (red-teamed: "Maria Gonzalez,
#: 555-867-5309, came in last week." in a note, a vCard's or a calendar's name field,
#: copied from content/extra, went out: the rules alone need a cue word). The text runs
#: of other files (PDFs, pictures' profiles, binaries) are read by the rules alone.
WRITTEN = "written text"


def segments(kind: str, text: str, *, name: str = "") -> list[Segment]:
    """The segments of a file's ``text`` read as ``kind`` (see :func:`file_kind`)."""
    if kind == "html":
        return _page_prose(html_segments(text))
    if kind == "xml":
        return html_segments(text, xml=True)
    if kind == "json":
        return json_segments(text)
    if kind == "code":
        return code_segments(text)
    if kind == "csv":
        return csv_segments(text, delimiter=_delimiter(name))
    field = PROSE if kind == WRITTEN else "body"
    return [Segment("text", p, field) for p in _paragraphs(text)]


def _page_prose(found: list[Segment]) -> list[Segment]:
    """A page's text segments marked as the prose a reader sees (:data:`PROSE`): its
    blocks' text and what it shows in attributes (:data:`_SHOWN`; red-teamed: a tooltip,
    an abbreviation's definition or a page's description with a name and no cue word
    went out, read by the rules alone)."""
    return [Segment(s.where, s.text, PROSE) if s.where.endswith(_SHOWN) else s for s in found]


#: An HTML or XML file this large (the archive page lists every post, the sitemap every
#: page) is read in pieces, each piece's findings kept in the cache by its content: one
#: edited post changes the piece that lists it, and the others are not read again.
PIECES_FROM = 100_000
#: A piece is at least this many characters, and ends where the next one starts: at a
#: line that starts (after its indentation) with a block's start tag (any tag, in XML).
PIECE_SIZE = 8_000
_BLOCK_NAMES = "|".join(sorted(BLOCKS, key=len, reverse=True))
_PIECE_STARTS: Mapping[str, re.Pattern[str]] = {
    "html": re.compile(rf"\n(?=[ \t]*<(?:{_BLOCK_NAMES})[\s/>])"),
    "xml": re.compile(r"\n(?=[ \t]*<[A-Za-z])"),
}


def pieces(kind: str, text: str, *, size: int = PIECE_SIZE) -> list[str]:
    """``text`` (an HTML or XML file) cut into pieces of at least ``size`` characters,
    each after the first starting with what looks like a block's start tag
    (:data:`PIECE_SIZE`; :func:`piece_segments` reads them)."""
    cuts = [0]
    for start in _PIECE_STARTS[kind].finditer(text):
        if start.end() - cuts[-1] >= size:
            cuts.append(start.end())
    cuts.append(len(text))
    return [text[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def piece_segments(kind: str, piece: str, *, last: bool) -> list[Segment] | None:
    """The segments of ``piece`` read as the start of a file (the reader at rest), or
    None when a piece before the ``last`` does not end with the reader at rest: inside
    a tag, a comment, a script or a heading, or with text that the next piece may go on
    (anything but white space; "<li" may be text too), or that may end a character
    reference (a "&" near its end). When the pieces before a piece each ended at rest,
    reading it alone gives what reading the whole file gives it."""
    reader = _Reader(xml=kind == "xml", where="")
    reader.feed(piece)
    if last:
        reader.close()
    elif (
        reader.rawdata
        or reader.cdata_elem
        or reader.raw_tag is not None
        or reader.headings
        or "".join(reader.text).strip()
    ):
        return None
    return _page_prose(reader.found) if kind == "html" else reader.found


# ---------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------


@cache
def detector_fingerprint() -> str:
    """The gate's code and data, sub-packages included (its rules live in ``privacy/``),
    and the detectors' library versions: a change to any of them reads every file again."""
    return digest(
        f"confusable_homoglyphs={metadata.version('confusable_homoglyphs')}", checks_fingerprint()
    )


def _allow_fingerprint(allow: Allowlist) -> str:
    from healthnotes.gate.check import allow_fingerprint

    return allow_fingerprint(allow)


@dataclass(frozen=True)
class Hit:
    """One finding in one published file."""

    file: str  # relative to the published folder
    where: str
    segment: str  # the segment's digest
    finding: Finding


#: By source file (as the build's ``origins`` name it), the ``(rule, exact text)`` pairs
#: its ``Exception:`` lines acknowledge.
Acknowledged = Mapping[str, Collection[tuple[str, str]]]


@dataclass
class PublishedScan:
    """What :func:`scan_output` found and did."""

    problems: list[Problem] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    #: Files that are not UTF-8 text (nor a picture or font): read by their text runs.
    read_as_runs: list[str] = field(default_factory=list)
    files: int = 0
    #: Files read (not found in the cache by their content).
    files_read: int = 0
    segments: int = 0
    #: Distinct segments scanned now (not found in the cache).
    segments_scanned: int = 0
    #: The identifiers found and not acknowledged (exact texts, never shown): every
    #: message masks them wherever they stand (healthnotes.gate.messages).
    identifiers: list[str] = field(default_factory=list)


#: Scan distinct new texts in worker processes from this many (a first build of a large
#: site; below it, starting the workers costs more than they save).
WORKERS_FROM = 4000
_CHUNK = 500
#: The findings of a text are kept this many builds after the last build that read it:
#: a page that did not change is not read again (its file's findings are kept), so its
#: texts are not asked for, and must outlive it for the day it changes (a new related
#: post, a new title in a list) to cost only the texts that are new.
KEEP_TEXTS_FOR = 50
#: The results kept one by one and read only when a file is read anew: a site's texts
#: (some 185 a post), of which an edit reads a few thousand. (An export's records and a
#: large page's pieces, a few a post, are all read again whenever a post changes.)
ONE_BY_ONE = ("published-segment",)


def scan_cache(path: Path) -> CheckCache:
    """The published scan's cache, kept in ``path`` (its texts' results in a
    :class:`~healthnotes.cache.checks.RowStore` beside it)."""
    return CheckCache(path, keep_unused=KEEP_TEXTS_FOR, one_by_one=ONE_BY_ONE)


_Rows = list[list[object]]


#: The segments the statistical model reads too: the text a reader sees on a page (its
#: blocks, alt text, tooltips, screen-reader labels, its description) and in a text
#: file (:data:`WRITTEN`). Everything else (addresses, other attributes, comments,
#: scripts, feeds' and exports' values, the text runs of other files) is read by the
#: rules, which need a cue: the per-post gate has already read every post's texts with
#: the model.
PROSE = "prose"


def _looks_like_title(text: str) -> bool:
    """Whether ``text`` is written in title case ("How to Care for Heartburn at Home"):
    a heading, a page title or a title carried in a link; its capitals mark no names."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < 3 or text.rstrip().endswith("."):
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _scan_rows(segment: Segment, allow: Allowlist) -> _Rows:
    prose = segment.field == PROSE
    field = "body" if prose else segment.field
    if field == "body" and _looks_like_title(segment.text):
        field = "title"
    found = scan_visible(_blank(segment.text), allow, field=field, model=prose)
    # a quoted public figure is the per-post gate's warning, not a finding here
    return [[f.rule, f.label, f.start, f.end, f.text] for f in found if not f.warning]


def _scan_chunk(
    chunk: list[Segment],
    allow: Allowlist,
    proposals: dict[str, tuple[ner.Span, ...]],
    kept_in: Path | None = None,
) -> list[_Rows]:
    """Runs in a worker: the findings of each segment of ``chunk``, with the language
    model's ``proposals`` the build already has for its sentences (and the prefilters
    kept in ``kept_in``: :func:`~healthnotes.gate.privacy.rules.keep_derived`)."""
    keep_derived(kept_in)
    ner.learn(proposals)
    return [_scan_rows(segment, allow) for segment in chunk]


def _prose(segments_: list[Segment]) -> list[str]:
    """The sentences of ``segments_`` that the language model reads."""
    return [
        sentence
        for segment in segments_
        if segment.field == PROSE
        for sentence in model_sentences(_blank(segment.text))
    ]


def _known_proposals(chunk: list[Segment]) -> dict[str, tuple[ner.Span, ...]]:
    """What the build's process knows of the model's proposals for ``chunk``'s prose."""
    return ner.known(_prose(chunk))


def _segment_key(segment: Segment, fingerprints: tuple[str, str]) -> str:
    return CheckCache.key("published-segment", (*fingerprints, segment.field, segment.text))


#: Output folders of the site's own code, not of its content: the theme's static files
#: (copied from theme/static) and the search tool's program files (made by Pagefind).
#: Their addresses are scanned like every file's; what they hold is code.
SITE_CODE = ("theme/", "pagefind/")
#: Pagefind names the files of its index by a hash of their content
#: (``pagefind/index/en_8a1f03c2d7.pf_index``): no text of any post, but ten
#: hexadecimal digits are sometimes ten decimal ones, a phone number to the rules. The
#: hash is blanked like any random id; the rest of the name is read.
_INDEX_FILE_HASH = re.compile(r"(?<=_)[0-9a-f]{6,}(?=\.pf_[a-z]+$)")


def _shown_address(relative: str) -> str:
    """The words of an output file's path (:func:`address_words`), an index file's hash
    left out (:data:`_INDEX_FILE_HASH`)."""
    if relative.startswith("pagefind/"):
        relative = _INDEX_FILE_HASH.sub(lambda m: " " * len(m.group()), relative)
    return address_words(relative)


def _walk(
    folder: str, unfinished: Mapping[str, Callable[[], object]], *, top: str | None = None
) -> Iterator[tuple[str, str]]:
    """Every file of ``folder``: its path relative to ``top`` (``/`` separated) and its
    full path; those of an ``unfinished`` folder (top level) last, once its call returns
    (another program is still writing it). Strings, not paths: some 30,000 files a build."""
    top = folder if top is None else top
    cut = len(top.rstrip(os.sep) + os.sep)  # every root starts with it (os.walk joins)
    for root, dirs, files in os.walk(folder):
        if root == folder:
            dirs[:] = [name for name in dirs if name not in unfinished]
        dirs.sort()
        below = root[cut:]
        prefix = below.replace(os.sep, "/") + "/" if below else ""
        for name in sorted(files):
            yield prefix + name, f"{root}{os.sep}{name}"
    for name, wait in unfinished.items():
        wait()
        inside = f"{folder.rstrip(os.sep)}{os.sep}{name}"
        if Path(inside).is_dir():
            yield from _walk(inside, {}, top=top)


@dataclass
class _File:
    """A file of the published folder: its segments by number (:class:`_Texts`)."""

    path: str
    texts: array  # the numbers of its texts
    wheres: array  # the numbers of where each stands
    key: str | None  # its content's cache key, when it was read now
    rows: _Rows | None  # its findings, when the cache knew its content
    #: A large export's records read now: (cache key, place, first, end) of their texts
    records: list[tuple[str, str, int, int]] = field(default_factory=list)
    #: ... and the findings of its records the cache knew
    kept: _Rows = field(default_factory=list)
    #: A file the build published as a hard link: its key by its place, and what says
    #: it has not changed (:func:`_linked`)
    at: tuple[str, list[str]] | None = None
    #: Not UTF-8 text: read by the runs of text in its bytes (:func:`_text_of`)
    not_text: bool = False


class _Known(NamedTuple):
    """A file the cache knew by its place and link: its findings, address included."""

    path: str
    found: _Rows
    not_text: bool


class _Texts:
    """The distinct texts of a scan, numbered in the order met: each one's cache key, the
    ones the cache does not know (to scan), and the places (``where``) they stand."""

    def __init__(self, checks: CheckCache, fingerprints: tuple[str, str]) -> None:
        self.checks = checks
        self.fingerprints = fingerprints
        self.number: dict[tuple[str, str], int] = {}
        self.keys: list[str] = []
        self.new: list[int] = []
        self.new_segments: list[Segment] = []
        self.where_number: dict[str, int] = {}
        self.wheres: list[str] = []

    def numbers(self, own: Sequence[Segment]) -> tuple[array, array]:
        """The numbers of ``own``'s texts and of their places."""
        texts, wheres = array("I"), array("I")
        unseen = {
            (segment.field, segment.text): _segment_key(segment, self.fingerprints)
            for segment in own
            if (segment.field, segment.text) not in self.number
        }
        self.checks.fetch(unseen.values())
        for segment in own:
            number = self.number.get((segment.field, segment.text))
            if number is None:
                number = self.number[segment.field, segment.text] = len(self.keys)
                key = unseen[segment.field, segment.text]
                self.keys.append(key)
                if key not in self.checks.entries:
                    self.new.append(number)
                    self.new_segments.append(segment)
            where = self.where_number.get(segment.where)
            if where is None:
                where = self.where_number[segment.where] = len(self.wheres)
                self.wheres.append(segment.where)
            texts.append(number)
            wheres.append(where)
        return texts, wheres

    def done(self) -> None:
        """The texts themselves are no longer needed (their keys and places are)."""
        self.number.clear()
        self.new_segments.clear()


def scan_output(
    folder: Path | str,
    allow: Allowlist,
    *,
    origins: Mapping[str, str] | None = None,
    acknowledged: Acknowledged | None = None,
    allowances: Mapping[str, Collection[str]] | None = None,
    posts: Collection[str] = (),
    cache: CheckCache | None = None,
    workers: Workers | None = None,
    before_scanning: Callable[[], object] | None = None,
    unfinished: Mapping[str, Callable[[], object]] | None = None,
    kept_in: Path | None = None,
    made: Iterable[Path] = (),
    copies: Mapping[str, str] | None = None,
) -> PublishedScan:
    """Every identifier in what the build wrote into ``folder``: its ``problems``, and
    the files read by their text runs and what was read and scanned anew.

    ``origins`` maps an output path (relative to ``folder``, ``/`` separated) to the
    source file that produced it (a post's page to its ``.md``, a static copy to its
    content file); a finding in a shared file (index pages, feeds, exports) is
    attributed to the source whose own page has the same text, else to the output
    file. ``acknowledged`` holds, by source file (as ``origins`` names it), the
    ``(rule, exact text)`` pairs of its ``Exception:`` lines, and ``allowances`` the
    names each post allows for itself; ``posts`` are the posts' sources. What the posts
    this build writes acknowledge and allow holds where posts' texts are (their pages,
    the shared files), never in a page or a copied file (:func:`_open_hits`). Each
    problem names the source (with
    line and column when the text is found in it), the rule, the masked text and
    where it would be published.

    Files whose content the cache knows are not read; the distinct texts of the
    others are scanned once each (in ``workers`` processes, all cores by default,
    from :data:`WORKERS_FROM` texts not in the cache), after ``before_scanning`` (the
    build's per-post checks, whose language-model proposals it then has).
    ``unfinished`` names top-level folders another program is still writing (the search
    index), each with a call that waits for it: their files are read after the rest.
    ``kept_in`` is where the workers find the rules' prefilters the build kept. A hard
    link to a file in one of the ``made`` folders (the cards, slides, documents and
    videos the build made from the texts the gate checked) is read by its address only.
    ``copies`` names the files the site engine copied in this build (output path as in
    ``origins`` -> source file): one still its source's size, from a source that did
    not change, is known as its source was (:func:`~healthnotes.cache.files.
    trusted_copy`, the rule the picture stripper trusts)."""
    started = time.time_ns()
    folder = Path(folder)
    origins = origins or {}
    checks = cache if cache is not None else CheckCache(None)
    fingerprints = (_allow_fingerprint(allow), detector_fingerprint())
    result = PublishedScan()
    # 1. each file's segments (its address, and its content unless the cache knows it),
    # held as numbers: a site's files hold many times more segments than distinct texts
    texts = _Texts(checks, fingerprints)
    files: list[_File | _Known] = []
    places = f"published-at:{digest(*fingerprints)}:"
    device = folder.stat().st_dev
    own_work = drawn_files(made, device)
    entries, used = checks.entries, checks.used
    copies = copies or {}
    for relative, path in _walk(str(folder), unfinished or {}):
        result.files += 1
        linked, inode = _linked(path, started, copies.get(relative))
        at = None
        if linked is not None:
            at = (places + relative, linked)
            known = entries.get(at[0])
            if isinstance(known, (list, tuple)) and list(known[0]) == linked:
                # (most files: a hard link the last build scanned, no findings in it)
                used[at[0]] = known
                result.segments += known[1]
                files.append(_Known(relative, known[2], known[3]))
                continue
        file = _File(relative, array("I"), array("I"), None, None, at=at)
        files.append(file)
        own = [Segment("address", _shown_address(relative), "title")]
        made_here = relative.startswith(SITE_CODE) or inode in own_work
        if not made_here:  # a slug as a person reads it (made files' are their post's)
            own.extend(Segment("address", words, "title") for words in address_readings(relative))
        kind = None if made_here else file_kind(relative) or _picture_kind(relative)
        if kind is not None:
            link = _link_key(linked, (*fingerprints, kind))
            if link is not None and link in checks.entries:
                file.key, data = link, b""
            else:
                data = _read_bytes(path)
                file.key = CheckCache.key("published-file", (*fingerprints, kind, data))
                if link is not None:
                    if file.key in checks.entries:  # known by its content (a page the
                        # last build wrote, linked now): by its link from now on
                        rows = checks.entries[file.key]
                        checks.used[file.key] = checks.entries[link] = rows
                    file.key = link
            if file.key in checks.entries:
                file.rows = checks.entries[file.key]  # type: ignore[assignment]
                checks.used[file.key] = file.rows
            else:
                if kind == PICTURE:  # what stripping keeps that is free text
                    kind, text = "text", "\n\n".join(map(_text_runs, kept_profiles(data)))
                elif (text := _text_of(data)) is None:  # its runs of text, as plain text
                    file.not_text = True
                    kind, text = "text", _text_runs(data)
                elif kind == "text":
                    kind = WRITTEN  # a text file: what a person opening it reads
                result.files_read += 1
                _read(file, own, kind, text, fingerprints, checks, big=len(data) >= RECORDS_FROM)
        file.texts, file.wheres = texts.numbers(own)
        result.segments += len(own)
    # 2. every distinct segment not in the cache, scanned once
    if before_scanning is not None:
        before_scanning()
    result.segments_scanned = len(texts.new)
    scanned = _scan_all(texts.new_segments, allow, workers, kept_in)
    for number, rows in zip(texts.new, scanned, strict=True):
        checks.entries[texts.keys[number]] = rows
    texts.done()
    # 3. findings by file; files read now are kept in the cache by their content
    for file in files:
        if file.not_text:
            result.read_as_runs.append(file.path)
        if isinstance(file, _Known):
            _hits(result, file.path, file.found)
            continue
        found = _found(file, 0, len(file.texts), texts, checks)
        for record_key, place, first, end in file.records:
            rows = _found(file, first, end, texts, checks)
            checks.entries[record_key] = checks.used[record_key] = [
                [str(where).replace(place, _HERE, 1), *row] for where, *row in rows
            ]
        found.extend(file.kept)
        if file.rows is not None:
            found.extend(file.rows)
        elif file.key is not None:
            checks.entries[file.key] = checks.used[file.key] = [
                row for row in found if row[0] != "address"
            ]
        if file.at is not None:  # known by its place while its link stays as it is
            place, linked = file.at
            checks.entries[place] = checks.used[place] = (
                linked,
                len(file.texts),
                found,
                file.not_text,
            )
        _hits(result, file.path, found)
    opened = _open_hits(result.hits, origins, acknowledged or {}, allowances or {}, posts)
    result.problems = _problems(opened, allow, origins)
    result.identifiers = list(dict.fromkeys(hit.finding.text for hit, _ in opened))
    return result


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as file:  # noqa: PTH123
        return file.read()


def _linked(
    path: str, started: int, source: str | None = None
) -> tuple[list[str] | None, int | None]:
    """What says a file the build published as a hard link to a file it keeps (carousels,
    documents, videos, resized pictures, cards, pages kept from the last build) has not
    changed: its device, size, time and inode (:func:`~healthnotes.cache.files.
    trusted_link`, as the picture stripper trusts them; writing to it changes its time);
    for a copy the engine made of ``source``, its source's (:func:`~healthnotes.cache.
    files.trusted_copy`). None for any other file, and for one written just before the
    build looked at it: those are known by their content. And the file's inode (None:
    gone)."""
    try:
        stat = os.stat(path)  # noqa: PTH116
    except OSError:
        return None, None
    linked: tuple[str, ...] | None = trusted_link(stat, started)
    if linked is None and source is not None:
        linked = trusted_copy(stat, source, started)
    return (None if linked is None else list(linked)), stat.st_ino


def _link_key(linked: list[str] | None, context: tuple[str, ...]) -> str | None:
    """The cache key of a linked file's content (:func:`_linked`), so an unchanged one is
    not read again."""
    return None if linked is None else CheckCache.key("published-link", (*context, *linked))


def _hits(result: PublishedScan, path: str, found: _Rows) -> None:
    for where, key, *row in found:
        result.hits.append(Hit(path, str(where), str(key), Finding(*row)))  # type: ignore[arg-type]


def _read(
    file: _File,
    own: list[Segment],
    kind: str,
    text: str,
    fingerprints: tuple[str, str],
    checks: CheckCache,
    *,
    big: bool,
) -> None:
    """``file``'s segments into ``own``; a large export's record by record (see
    :data:`RECORDS_FROM`): the findings of the records the cache knows into ``file.kept``,
    the others' segments into ``own`` with their cache key, place and range there; a
    large page's piece by piece (:data:`PIECES_FROM`), the same way."""
    if kind in _PIECE_STARTS and len(text) >= PIECES_FROM:
        _read_pieces(file, own, kind, text, fingerprints, checks)
        return
    split = records(kind, text, name=file.path) if big else None
    start = len(own)
    try:
        _read_split(file, own, kind, text, split, fingerprints, checks)
    except _NotByLines:  # one of its lines is not one JSON value: the document, whole
        del own[start:]
        file.records.clear()
        file.kept.clear()
        split = records(kind, text, name=file.path, by_line=False)
        _read_split(file, own, kind, text, split, fingerprints, checks)


def _read_pieces(
    file: _File,
    own: list[Segment],
    kind: str,
    text: str,
    fingerprints: tuple[str, str],
    checks: CheckCache,
) -> None:
    """A large page's pieces (:func:`pieces`): the findings of those the cache knows
    into ``file.kept``, the others read (:func:`piece_segments`) into ``own`` with their
    cache key and range. Only a piece read to its end at rest is kept in the cache, so
    a known piece ends at rest and the next one is read alone; when one does not, the
    rest of the page is read with it, and not kept."""
    found = pieces(kind, text)
    keys = [
        CheckCache.key(
            "published-piece", (*fingerprints, kind, str(index == len(found) - 1), piece)
        )
        for index, piece in enumerate(found)
    ]
    checks.fetch(keys)
    for index, (piece, key) in enumerate(zip(found, keys, strict=True)):
        last = index == len(found) - 1
        rows = checks.entries.get(key)
        if isinstance(rows, list):
            checks.used[key] = rows
            file.kept.extend(list(row) for row in rows)
            continue
        read = piece_segments(kind, piece, last=last)
        if read is None:
            own += dict.fromkeys(segments(kind, "".join(found[index:])))
            return
        first = len(own)
        own += dict.fromkeys(read)
        file.records.append((key, _HERE, first, len(own)))


def _read_split(
    file: _File,
    own: list[Segment],
    kind: str,
    text: str,
    split: tuple[list[Segment], list[_Record]] | None,
    fingerprints: tuple[str, str],
    checks: CheckCache,
) -> None:
    if split is None:
        own += dict.fromkeys(segments(kind, text, name=file.path))
        return
    head, found = split
    own += dict.fromkeys(head)
    keys = [
        CheckCache.key("published-record", (*fingerprints, kind, record.form, record.content))
        for record in found
    ]
    checks.fetch(keys)
    for record, key in zip(found, keys, strict=True):
        rows = checks.entries.get(key)
        if isinstance(rows, list):
            checks.used[key] = rows
            file.kept.extend(
                [str(where).replace(_HERE, record.place, 1), *row] for where, *row in rows
            )
            continue
        first = len(own)
        own += dict.fromkeys(record.read())
        file.records.append((key, record.place, first, len(own)))


def _found(file: _File, first: int, end: int, texts: _Texts, checks: CheckCache) -> _Rows:
    """The findings of ``file``'s texts ``first`` to ``end`` (their place, key, finding)."""
    found: _Rows = []
    for index in range(first, end):
        key = texts.keys[file.texts[index]]
        rows = checks.entries[key]
        checks.used[key] = rows
        if rows:
            where = texts.wheres[file.wheres[index]]
            found.extend([where, key, *row] for row in rows)  # type: ignore[union-attr]
    return found


def _text_of(data: bytes) -> str | None:
    """The file's text: UTF-8, or UTF-16 with its byte-order mark; None when it is
    neither (or holds a zero byte, as no text file does)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    return None if "\x00" in text else text


#: Runs of text in the bytes of any other file, as ``strings`` finds them: printable
#: ASCII, tabs and line ends, and whole well-formed UTF-8 sequences (no surrogate or
#: overlong form: one in a copied file's bytes stopped the build with a traceback); six
#: characters or more (random bytes, as in compressed data, seldom make one).
_BYTE_RUNS = re.compile(
    rb"(?:[\t\n\r\x20-\x7e]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}){6,}"
)
#: The same ASCII in UTF-16, little- or big-endian (a zero byte after or before each).
_UTF16_RUNS = re.compile(rb"(?:[\t\n\r\x20-\x7e]\x00){6,}|(?:\x00[\t\n\r\x20-\x7e]){6,}")
#: Bytes of a text in Windows-1252 (Latin-1 with the curly quotes), the other encoding a
#: text editor saves in; a file this much of them (and no zero byte) is such a text.
_SINGLE_BYTE_TEXT = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])
SINGLE_BYTE_SHARE = 0.97


def _text_runs(data: bytes) -> str:
    """The text a file that is not UTF-8 text shows to a program that looks: a
    Windows-1252 (Latin-1) text whole; a PDF's metadata and pages' text (read with
    pypdf) with its runs; any other file's runs of text (a picture's comment, a
    document's strings), each a paragraph."""
    other_bytes = len(data.translate(None, _SINGLE_BYTE_TEXT))
    if b"\x00" not in data and other_bytes <= (1 - SINGLE_BYTE_SHARE) * len(data):
        return data.decode("cp1252", errors="replace")
    runs = _pdf_text(data) if data.startswith(b"%PDF-") else []
    runs += [match.group().decode("utf-8") for match in _BYTE_RUNS.finditer(data)]
    for match in _UTF16_RUNS.finditer(data):
        run = match.group()
        start = 1 if run[0] == 0 else 0  # big-endian: the zero byte comes first
        runs.append(run[start:].replace(b"\x00", b"").decode("ascii"))
    return "\n\n".join(runs)


def _pdf_text(data: bytes) -> list[str]:
    """A PDF's metadata values and each page's text (compressed in most PDFs, so not in
    its byte runs), read with pypdf; what pypdf cannot read is left to the runs."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    texts: list[str] = []
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a damaged PDF's warnings: its runs are read anyway
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        texts.extend(str(value) for value in (reader.metadata or {}).values())
        texts.extend(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
        pass
    finally:
        quiet.setLevel(level)
    return [text for text in texts if text.strip()]


def _scan_all(
    segments_: list[Segment],
    allow: Allowlist,
    workers: Workers | None,
    kept_in: Path | None = None,
) -> list[_Rows]:
    """The findings of each segment, in order: in the build's workers when there are
    many (below :data:`WORKERS_FROM` sending them costs more than it saves), and when
    some prose needs the language model that this process has not loaded (a title the
    theme wraps in other words): the model stays in the workers, which have it loaded
    for the per-post checks, and out of the build's own memory."""
    few = len(segments_) < WORKERS_FROM
    if workers is None or (few and (ner.loaded() or ner.all_known(_prose(segments_)))):
        return [_scan_rows(segment, allow) for segment in segments_]
    chunks = [segments_[i : i + _CHUNK] for i in range(0, len(segments_), _CHUNK)]
    workers.expect(len(chunks))
    done = [
        workers.submit(_scan_chunk, chunk, allow, _known_proposals(chunk), kept_in)
        for chunk in chunks
    ]
    return [rows for chunk in done for rows in chunk.result()]


# ---------------------------------------------------------------------------
# Findings -> problems a person can act on
# ---------------------------------------------------------------------------


def _locate(source: str, text: str) -> tuple[int | None, int | None]:
    """1-based line and column of ``text`` in the source file, read as a reader sees
    both (None when it is not there, or the source is not a readable text file)."""
    try:
        original = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None
    seen = normalize(original)
    needle = normalize(text).text
    at = seen.text.find(needle) if needle else -1
    if at < 0:
        return None, None
    start, _ = seen.original_span(at, at + len(needle))
    line = original.count("\n", 0, start) + 1
    column = start - (original.rfind("\n", 0, start) + 1) + 1
    return line, column


def _text_key(text: str) -> str:
    """A finding's text compared across files: as read, letters and digits only
    ("541-555-0199" in a page is "541 555 0199" in an address)."""
    return re.sub(r"[\W_]+", "", normalize(text).text.lower())


def _open_hits(
    hits: list[Hit],
    origins: Mapping[str, str],
    acknowledged: Acknowledged,
    allowances: Mapping[str, Collection[str]],
    posts: Collection[str],
) -> list[tuple[Hit, str]]:
    """The hits no ``Exception:`` acknowledges and no allowed name covers, each with its
    source ("" for none): a file's source is what ``origins`` says; a shared file's
    finding belongs to the source whose own page has the same text (the same segment,
    else the same rule and text).

    What posts acknowledge (``acknowledged``) and allow for themselves (``allowances``:
    public figures, brands, tags, staff named in full) holds, for every post this build
    writes, where posts' texts are: the posts' pages (each shows others' titles and
    summaries: related posts, tags) and the shared files (listings, feeds, exports); the
    per-post gate holds each post's own text to its own. It never holds for a page or a
    copied file (``content/pages``, ``content/extra``): their findings have only theirs.
    """
    texts = [(hit.finding.rule, _text_key(hit.finding.text)) for hit in hits]
    by_segment: dict[str, str] = {}
    by_text: dict[tuple[str, str], str] = {}
    for hit, text in zip(hits, texts, strict=True):
        if hit.file in origins:
            if hit.where != "address":
                by_segment.setdefault(hit.segment, origins[hit.file])
            by_text.setdefault(text, origins[hit.file])
    placed: list[tuple[Hit, str]] = []
    by_source: dict[str, list[Hit]] = {}
    for hit, text in zip(hits, texts, strict=True):
        source = origins.get(hit.file) or by_segment.get(hit.segment) or by_text.get(text) or ""
        placed.append((hit, source))
        by_source.setdefault(source, []).append(hit)
    written = set(posts) & set(origins.values())
    posts_acknowledge = {pair for post in written for pair in acknowledged.get(post, ())}
    posts_allow = frozenset(name for post in written for name in allowances.get(post, ()))
    opened: set[int] = set()
    for source, group in by_source.items():
        of_posts = not source or source in posts
        wanted = posts_acknowledge if of_posts else acknowledged.get(source, ())
        names = posts_allow if of_posts else allowances.get(source, ())
        match = find_exception_match([h.finding for h in group], wanted)
        opened.update(
            id(finding)
            for finding in match.open
            if not (finding.rule == "name" and allowed_form(finding.text) in names)
        )
    return [(hit, source) for hit, source in placed if id(hit.finding) in opened]


def _problems(
    opened: list[tuple[Hit, str]], allow: Allowlist, origins: Mapping[str, str]
) -> list[Problem]:
    """One problem per source, rule and text of the hits no exception acknowledged."""
    if not opened:
        return []
    grouped: dict[tuple[str, str, str], list[Hit]] = {}
    for hit, source in opened:
        key = (source, hit.finding.rule, _text_key(hit.finding.text))
        grouped.setdefault(key, []).append(hit)
    hits = [hit for hit, _ in opened]
    known = sorted({h.finding.text for h in hits}, key=len, reverse=True)

    from healthnotes.gate.check import shown_path  # (local, as _allow_fingerprint's)

    def shown(path: str) -> str:
        # a file's path as the posts' checks show theirs (no language model for a path)
        return shown_path(path, allow, known)

    problems: list[Problem] = []
    for (source, rule, _), group in grouped.items():
        # the source's own output first, then text before addresses
        group.sort(key=lambda h: (origins.get(h.file) != source, h.where == "address"))
        first = group[0]
        files = list(dict.fromkeys(h.file for h in group))
        kinds = list(dict.fromkeys(h.where for h in group if h.file == first.file))
        wheres = "; ".join(kinds[:3]) + (f"; and {len(kinds) - 3} more" if len(kinds) > 3 else "")
        places = f"output file {shown(first.file)} ({wheres})"
        if len(files) > 1:
            places += f" and {len(files) - 1} more file{'s' * (len(files) > 2)}"
        in_text = [h for h in group if h.where != "address"]
        line, column = (
            _locate(source, in_text[0].finding.text) if source and in_text else (None, None)
        )
        rename = "rename the file (or give it a 'Slug:' without it)"
        if len(in_text) == len(group):
            fix = "remove it"
        elif line is None:  # only in addresses (and where they are quoted)
            fix = rename
        else:
            fix = f"remove it, and {rename}"
        finding = (in_text or group)[0].finding
        where = shown(source) if source else f"output/{shown(first.file)}"
        label = finding.label or (RULES_BY_ID[rule].label if rule in RULES_BY_ID else rule)
        problems.append(
            Problem(
                file=where,
                field="",
                line=line,
                column=column,
                message=f"{label} ({rule}) {finding.masked()!r} would be published in "
                f"{places}; {fix}, or if it is meant to be public add "
                f"'Exception: {rule} | <the exact text> | <who reviewed> | <why>' to the post",
            )
        )
    return problems


def not_yet_reported(published: Sequence[Problem], reported: Sequence[Problem]) -> list[Problem]:
    """The ``published`` scan's problems but those at a place (file, line and column) where
    the per-post check already ``reported`` one: the same identifier, printed once, with
    the per-post check's fix."""
    places = {(p.file, p.line, p.column) for p in reported if p.line is not None}
    return [p for p in published if (p.file, p.line, p.column) not in places]
