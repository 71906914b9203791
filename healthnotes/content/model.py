"""The typed content model: what a post is, per type, and how it is checked.

The four post types and their fields are data (:data:`TYPE_SPECS`); the rules
that apply to every post are in :func:`parse_post`. Parsing never stops at the
first mistake: it returns every :class:`~healthnotes.errors.Problem` it finds,
so a person can fix a whole post (and a whole site) in one go.

Metadata names are lower-case here because Pelican lower-cases them; in
messages they are spelled the way a person writes them (``Recall_Product``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from PIL import Image

from healthnotes.config import CONTENT_OVERRIDES, SiteConfig
from healthnotes.content import renames
from healthnotes.content.body import SiteLink, link_problems
from healthnotes.content.dates import FORMS as DATE_FORMS
from healthnotes.content.dates import DateProblem, parse_day, parse_when
from healthnotes.content.html_text import HtmlFacts, collapse, html_facts, shorten
from healthnotes.content.safety import MENTAL_HEALTH_TAGS
from healthnotes.content.slips import (
    MISTAKEN_FIELDS,
    address_of,
    field_key,
    fields_in_first_paragraph,
    platform_suggestion,
    type_suggestion,
)
from healthnotes.content.sources import Source, parse_sources, source_warnings
from healthnotes.editorial.signoff import SignOff, parse_sign_off
from healthnotes.errors import Problem
from healthnotes.gate.pixels import picture_dimensions, pixel_problem
from healthnotes.social.platforms import PLATFORMS

#: Longest summary derived from a first paragraph (explicit summaries are kept whole).
SUMMARY_MAX_CHARS = 300

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})


class PostType(StrEnum):
    HOWTO = "howto"
    MISCONCEPTION = "misconception"
    RECALL = "recall"
    QA = "qa"
    ALERT = "alert"


@dataclass(frozen=True, kw_only=True)
class TypeSpec:
    """How one post type is named, badged and which fields it takes."""

    type: PostType
    #: What the site calls the type, the one name everywhere: navigation, listing and
    #: page badges, the category page, card badges, feed categories.
    label: str
    #: The category page's address (``category/<slug>/``): kept when a label changes.
    slug: str
    description: str  # one line for the category page and feed
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


TYPE_SPECS: Mapping[PostType, TypeSpec] = {
    spec.type: spec
    for spec in (
        TypeSpec(
            type=PostType.HOWTO,
            label="How-to",
            slug="how-to-guides",
            description="Step-by-step guides for caring for yourself and your family at home.",
            optional=("time", "supplies"),
        ),
        TypeSpec(
            type=PostType.MISCONCEPTION,
            label="Myth vs. fact",
            slug="misconception-of-the-week",
            description="A common health myth each week, and what the evidence says instead.",
            required=("myth", "fact"),
        ),
        TypeSpec(
            type=PostType.RECALL,
            label="Recall alert",
            slug="recall-alerts",
            description="Food, drug and product recalls explained: who is affected and what to do.",
            required=(
                "recall_product",
                "recall_agency",
                "recall_reason",
                "recall_url",
                "recall_date",
            ),
            optional=("recall_class", "recall_lots", "recall_action"),
        ),
        TypeSpec(
            type=PostType.QA,
            label="Patient Q&A",
            slug="patient-questions",
            description="Answers to questions patients ask us.",
            required=("question",),
        ),
        TypeSpec(
            type=PostType.ALERT,
            label="Urgent notice",
            slug="urgent-notices",
            description="Office closures, outbreaks, shortages and local recalls, while they last.",
            required=("expires",),
        ),
    )
}

COMMON_FIELDS = (
    "consent",
    "testimonial",
    "exception",
    "title",
    "date",
    "modified",
    "type",
    "summary",
    "short",
    "tags",
    "author",
    "reviewed_by",
    "last_reviewed",
    "image",
    "image_alt",
    "status",
    "public_figures",
    "series",
    "signed_off",
    "sources",
    "video",
    "id",
    "previous_slugs",
)
#: Pelican's own metadata names that are fine to use in a post.
PELICAN_FIELDS = ("category", "authors", "reader")
#: Pelican turns every field of a file into an attribute of the post, so a field named
#: like one of these would replace what Pelican or the plugin keeps there (``Settings:``,
#: ``Content:``, ``Get_Content:``): refused. Those that choose a file's address, output
#: file, language or template are :data:`healthnotes.config.CONTENT_OVERRIDES` (refused
#: unless ``ALLOW_CONTENT_OVERRIDES`` names them).
PELICAN_ATTRIBUTES = frozenset(
    {
        *("allowed_statuses", "content", "date_format", "default_status", "default_template"),
        *("filename", "get_content", "get_relative_source_path", "get_siteurl"),
        *("get_static_links", "get_summary", "get_url_setting", "in_default_lang", "is_valid"),
        *("locale_date", "locale_modified", "mandatory_properties", "metadata"),
        *("refresh_metadata_intersite_links", "relative_dir", "relative_source_path"),
        *("settings", "source_path", "timezone", "translations", "url_format"),
        # set by the plugin on each post
        *("post", "href", "jsonld", "social", "extra"),
    }
)
#: Field prefixes owned by other features (syndication overrides, safety gate).
EXTENSION_PREFIXES = ("summary_", "consent", "testimonial", "exception")

RECALL_CLASSES: Mapping[str, str] = {
    "I": "Class I: the most serious kind. Using this product could cause serious health "
    "problems or death.",
    "II": "Class II: using this product could cause health problems that are temporary or "
    "can be treated. Serious harm is unlikely.",
    "III": "Class III: this product is unlikely to make anyone sick, but it breaks a safety "
    "or labeling rule.",
}
RECALL_AGENCIES: Mapping[str, str] = {
    "FDA": "U.S. Food and Drug Administration (FDA)",
    "USDA FSIS": "USDA Food Safety and Inspection Service (FSIS)",
    "FSIS": "USDA Food Safety and Inspection Service (FSIS)",
    "CPSC": "U.S. Consumer Product Safety Commission (CPSC)",
    "NHTSA": "National Highway Traffic Safety Administration (NHTSA)",
    "EPA": "U.S. Environmental Protection Agency (EPA)",
    "CDC": "Centers for Disease Control and Prevention (CDC)",
}
#: The official web domain of each agency: a ``Recall_Url`` must be ``https://`` on it or
#: one of its subdomains (``www.fda.gov``). Another agency's notice must be on a ``.gov``
#: address (:data:`OTHER_AGENCY_SUFFIX`).
RECALL_DOMAINS: Mapping[str, str] = {
    "FDA": "fda.gov",
    "USDA FSIS": "fsis.usda.gov",
    "FSIS": "fsis.usda.gov",
    "CPSC": "cpsc.gov",
    "NHTSA": "nhtsa.gov",
    "EPA": "epa.gov",
    "CDC": "cdc.gov",
}
OTHER_AGENCY_SUFFIX = ".gov"

#: Dates a post may carry: from this year to this many years after today (a mistyped
#: year, 0001 or 9999, would make invalid feeds and pages).
EARLIEST_YEAR = 1990
LATEST_YEARS_AHEAD = 10

#: Characters that show nothing but are not spaces: format characters (Unicode "Cf":
#: zero-width spaces, soft hyphens, right-to-left overrides that make a title read
#: backwards) and letters drawn blank. The zero-width joiner is kept (it builds emoji).
_BLANK_LETTERS = frozenset("\u115f\u1160\u180e\u2800\u3164\uffa0")
_KEPT_FORMAT = frozenset("\u200d")
_ROMAN = {"1": "I", "2": "II", "3": "III"}

STATUSES = ("published", "draft")


@dataclass(frozen=True, kw_only=True)
class HowTo:
    steps: tuple[str, ...]
    time: str | None = None
    supplies: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Misconception:
    myth: str
    fact: str


@dataclass(frozen=True, kw_only=True)
class Recall:
    product: str
    agency: str
    agency_name: str
    reason: str
    url: str
    date: date
    recall_class: str | None = None
    class_explained: str | None = None
    lots: tuple[str, ...] = ()
    action: str | None = None


@dataclass(frozen=True, kw_only=True)
class QA:
    question: str


@dataclass(frozen=True, kw_only=True)
class Alert:
    """An urgent notice: a banner on every page and first in every feed until ``expires``."""

    expires: datetime

    def current(self, now: datetime) -> bool:
        return now < self.expires


Details = HowTo | Misconception | Recall | QA | Alert


@dataclass(frozen=True, kw_only=True)
class PrivacyException:
    """``Exception: rule | exact text | reviewed by | why`` — one acknowledged finding."""

    rule: str
    text: str
    reviewed_by: str
    why: str


@dataclass(frozen=True, kw_only=True)
class RawPost:
    """What the Pelican glue hands over: plain values, no Pelican objects.

    ``metadata`` has lower-case names; values are ``str``, ``list[str]`` or
    (for ``date``/``modified``, parsed by Pelican) ``datetime``.
    ``unparsed`` maps fields Pelican could not parse to their raw text
    (``None`` when the field was missing and Pelican needed it).
    """

    source: str
    slug: str
    url: str
    html: str
    metadata: Mapping[str, Any]
    status: str = "published"
    unparsed: Mapping[str, str | None] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    read_error: str | None = None
    #: ``html_facts(html)`` when the reader already computed it (kept in Pelican's cache).
    facts: HtmlFacts | None = None
    #: What the reader found (a Video: line that does not fit, HTML the sanitizer removed).
    problems: tuple[Problem, ...] = ()
    #: The file's ``{static}``/``{filename}`` links, checked against the published folders.
    links: tuple[SiteLink, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Post:
    """One validated post."""

    source: str
    slug: str
    url: str
    guid: str
    type: PostType
    title: str
    date: datetime
    modified: datetime | None
    summary: str
    tags: tuple[str, ...]
    author: str | None
    reviewed_by: str | None
    last_reviewed: date | None
    image: str | None
    image_alt: str | None
    status: str  # published | draft | scheduled
    details: Details
    image_width: int | None = None
    image_height: int | None = None
    #: Per-platform text written by staff (``Summary_x: …``): (platform key, text) pairs.
    overrides: tuple[tuple[str, str], ...] = ()
    #: Id of the signed HIPAA authorization for a patient's picture or words.
    consent: str | None = None
    testimonial: bool = False
    #: Reviewed exceptions to the privacy scan (one specific finding each).
    exceptions: tuple[PrivacyException, ...] = ()
    #: ``Short:``: the post's point in a sentence or two, for platforms with no room for
    #: the whole text (see healthnotes.social.texts.VOICES for what it stands in for).
    short: str | None = None
    #: People the post is about on purpose (``Public_Figures: Serena Williams, ...``):
    #: the privacy scan does not report their names in this post.
    public_figures: tuple[str, ...] = ()
    #: The ``Series:`` field as written (the series' key or name), when given.
    series: str | None = None
    #: The series the post counts in and its number there ("#12"), from ``SERIES``.
    series_name: str | None = None
    number: int | None = None
    #: The reviewer's ``Signed_Off:`` line (checked against the text by the build).
    sign_off: SignOff | None = None
    #: What the post is based on (``Sources: title | publisher | address``), in order.
    sources: tuple[Source, ...] = ()
    #: ``Video: no`` leaves the post out of the short videos (when ``VIDEO`` is on).
    video: bool = True
    #: The post's earlier addresses (``Previous_Slugs:``), oldest first: each serves a
    #: page sending readers here (:mod:`healthnotes.content.renames`).
    previous_slugs: tuple[str, ...] = ()

    @property
    def spec(self) -> TypeSpec:
        return TYPE_SPECS[self.type]

    @property
    def updated(self) -> datetime:
        return self.modified or self.date

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    @property
    def mental_health(self) -> bool:
        """Tagged with a mental-health topic: pages and texts add the 988 line."""
        return any(tag.casefold() in MENTAL_HEALTH_TAGS for tag in self.tags)

    @property
    def heading_label(self) -> str:
        """The label above the title, e.g. "Misconception of the Week #3"."""
        if self.series_name and self.number:
            return f"{self.series_name} #{self.number}"
        return self.spec.label

    def without_place(self) -> str:
        """The post as text but for where its file is (:attr:`source`): the key of what
        is made of what it says (its platform texts, slides and video), which moving
        the content folder (or a test's copy of it) does not change."""
        return repr(replace(self, source=""))


def plain_metadata(value: Any) -> Any:
    """A metadata value as plain data: Pelican's Tag, Author and Category objects become
    strings, lists stay lists; strings and datetimes are kept."""
    if isinstance(value, datetime | str):
        return value
    if isinstance(value, list | tuple):
        return [plain_metadata(v) for v in value]
    return str(value)


def display_name(name: str) -> str:
    """``recall_product`` -> ``Recall_Product`` (how the README spells fields)."""
    return "_".join(part.capitalize() for part in name.split("_"))


def post_guid(guid_base: str, slug: str) -> str:
    """A permanent id: the same for a post whatever its title, body or date become."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{guid_base}/posts/{slug}')}"


#: In :func:`metadata_lines`: the line the published text starts at.
BODY_LINE = "_body"


def metadata_lines(source_text: str) -> dict[str, int]:
    """Line number (1-based) of each ``Key:`` line in a Markdown metadata header."""
    lines: dict[str, int] = {}
    in_header = True
    for number, line in enumerate(source_text.splitlines(), start=1):
        if not line.strip():
            in_header = False
            continue
        key, sep, _ = line.partition(":")
        if in_header and sep and key and not key[0].isspace() and " " not in key.strip():
            lines.setdefault(key.strip().lower(), number)
        elif in_header and line[0].isspace():
            continue  # a header value carried on to the next line
        else:
            lines[BODY_LINE] = number  # Markdown publishes everything from here on
            break
    return lines


class _Checker:
    """Collects problems for one post while reading its fields."""

    def __init__(self, raw: RawPost) -> None:
        self.raw = raw
        self.problems: list[Problem] = []

    def problem(self, name: str, message: str, *, severity: str = "error") -> None:
        self.problems.append(
            Problem(
                file=self.raw.source,
                field=display_name(name) if name else "",
                message=message,
                severity="warning" if severity == "warning" else "error",
                line=self.raw.lines.get(name),
            )
        )

    def text(self, name: str, *, required: bool = False, why: str = "") -> str | None:
        value = self.raw.metadata.get(name)
        if isinstance(value, list | tuple):
            value = " ".join(str(v) for v in value)
        text = collapse(str(value)) if value is not None else ""
        if not text:
            if required:
                hint = f" {why}" if why else ""
                self.problem(
                    name,
                    f"required{hint}; add a line '{display_name(name)}: …' to the top of the file",
                )
            return None
        return text

    def items(self, name: str) -> tuple[str, ...]:
        value = self.raw.metadata.get(name)
        if value is None:
            return ()
        parts = value if isinstance(value, list | tuple) else str(value).split(",")
        seen: dict[str, None] = {}
        for part in parts:
            item = collapse(str(part))
            if item and item.casefold() not in (s.casefold() for s in seen):
                seen[item] = None
        return tuple(seen)

    def day(self, name: str, *, today: date, required: bool = False) -> date | None:
        text = self.text(name, required=required)
        if text is None:
            return None
        day = parse_day(text)
        if isinstance(day, DateProblem):
            self.problem(name, day.message)
            return None
        return day if _sane_day(self, name, day, today) else None

    def url(self, name: str, *, required: bool = False) -> str | None:
        text = self.text(name, required=required)
        if text is None:
            return None
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
            self.problem(
                name,
                f"{text!r} is not a web address; expected the full link to the official notice, "
                "starting with https://",
            )
            return None
        return text


def parse_post(
    raw: RawPost, config: SiteConfig, *, today: date
) -> tuple[Post | None, list[Problem]]:
    """Validate one post. Returns the post (``None`` if it has errors) and every problem."""
    check = _Checker(raw)
    if raw.read_error:
        check.problem("", raw.read_error)
        return None, check.problems

    # Fields Pelican could not parse (the reader put placeholders there) count as absent.
    raw = replace(raw, metadata={k: v for k, v in raw.metadata.items() if k not in raw.unparsed})
    check.raw = raw
    check.problems.extend(raw.problems)
    check.problems.extend(_link_problems(raw, config))
    _invisible_characters(check)
    for name, value in raw.unparsed.items():
        if value is None:
            continue  # missing: reported by the required-field checks below
        if name == "status":
            check.problem(name, f"{value!r} is not a status; expected 'published' or 'draft'")
        else:
            when = parse_when(value)
            check.problem(
                name,
                when.message
                if isinstance(when, DateProblem)
                else f"{value!r} is not a date; expected {DATE_FORMS}",
            )
    if "date" not in raw.metadata and raw.unparsed.get("date") is None:
        check.problem(
            "date", "required; add a line 'Date: 2026-09-14 09:00' to the top of the file"
        )

    title = _visible(check, "title", required=True)
    post_type = _post_type(check)
    spec = TYPE_SPECS.get(post_type) if post_type else None
    _unknown_fields(check, spec, config)

    status = (check.text("status") or "published").lower()
    if status not in STATUSES:
        check.problem("status", f"{status!r} is not a status; expected 'published' or 'draft'")
    if status == "published" and raw.status == "draft":
        status = "scheduled"  # Pelican turned a future-dated post into a draft
    elif raw.status == "draft":
        status = "draft"

    post_date = _aware(raw.metadata.get("date"), config.timezone)
    modified = _aware(raw.metadata.get("modified"), config.timezone)
    for name, value in (("date", post_date), ("modified", modified)):
        if isinstance(value, datetime) and not _sane_day(check, name, value.date(), today):
            post_date = None if name == "date" else post_date
            modified = None if name == "modified" else modified
    if isinstance(post_date, datetime) and isinstance(modified, datetime) and modified < post_date:
        check.problem(
            "modified",
            f"{modified:%Y-%m-%d %H:%M} is before the post's Date "
            f"{post_date:%Y-%m-%d %H:%M}; expected the date of the last edit",
        )

    sign_off = _sign_off(check)
    reviewed_by = check.text("reviewed_by")
    last_reviewed = check.day("last_reviewed", today=today)
    if sign_off is not None:  # the sign-off is the review the page shows
        reviewed_by, last_reviewed = sign_off.by, sign_off.on
    if last_reviewed and last_reviewed > today:
        check.problem(
            "last_reviewed",
            f"{last_reviewed} is in the future; expected the date "
            "the medical review actually happened",
        )
    if reviewed_by and not last_reviewed and "last_reviewed" not in raw.metadata and not sign_off:
        check.problem(
            "last_reviewed",
            "required when Reviewed_By is given; expected the review "
            "date, e.g. 'Last_Reviewed: 2026-09-14'",
        )
    if last_reviewed and not reviewed_by:
        check.problem(
            "reviewed_by",
            "required when Last_Reviewed is given; expected the "
            "reviewer's name and credentials, e.g. 'Reviewed_By: Dr. Ana Patel, MD'",
        )

    image = _image(check, config)
    tags = _tags(check)

    facts = raw.facts if raw.facts is not None else html_facts(raw.html)
    _fields_published_as_text(check, facts.first_paragraph)
    _address(check)
    written_tags = raw.metadata.get("_written_tags")
    if written_tags:
        tags = ", ".join(check.items("tags"))
        check.problem(
            "tags",
            f"{written_tags!r} read as the tags {tags}; write tags separated by commas, "
            f"without #: 'Tags: {tags}'",
            severity="warning",
        )
    has_body = bool(facts.text)
    if not has_body:
        check.problem(
            "",
            "has no text after the 'Field: value' lines; write the post below them, "
            "after one empty line",
        )
    summary = check.text("summary") or shorten(facts.first_paragraph, SUMMARY_MAX_CHARS)
    if not summary and has_body:
        check.problem(
            "summary",
            "could not be derived: the post has no opening paragraph; "
            "add a 'Summary: …' line or start the body with a paragraph",
        )

    details = _details(check, post_type, facts, today, config.timezone) if post_type else None
    series = _series(check, config)
    sources = _sources(check, details)

    errors = [p for p in check.problems if p.severity == "error"]
    if errors or not (title and spec and details and isinstance(post_date, datetime)):
        return None, check.problems

    overrides = _overrides(check)
    exceptions = _exceptions(check)
    post_id, previous = renames.fields(check, raw.slug)
    testimonial = _yes_no(check, "testimonial")
    author = check.text("author") or config.default_author
    return Post(
        source=raw.source,
        slug=raw.slug,
        url=raw.url,
        guid=renames.guid_for(config.guid_base, raw.slug, post_id, previous),
        type=spec.type,
        title=title,
        date=post_date,
        modified=modified if isinstance(modified, datetime) else None,
        summary=summary,
        tags=tags,
        author=author,
        reviewed_by=reviewed_by,
        last_reviewed=last_reviewed,
        image=image.path,
        image_alt=image.alt,
        image_width=image.width,
        image_height=image.height,
        overrides=overrides,
        consent=check.text("consent"),
        testimonial=testimonial,
        exceptions=exceptions,
        public_figures=check.items("public_figures"),
        sources=sources,
        video=check.text("video") is None or _yes_no(check, "video"),
        short=check.text("short"),
        previous_slugs=previous,
        status=status,
        details=details,
        series=series,
        sign_off=sign_off,
    ), check.problems


def _overrides(check: _Checker) -> tuple[tuple[str, str], ...]:
    """``Summary_<platform>`` fields: a text staff wrote for one platform."""
    found = []
    for name in check.raw.metadata:
        if not name.startswith("summary_"):
            continue
        key = name.removeprefix("summary_")
        if key not in PLATFORMS:
            close = platform_suggestion(key, PLATFORMS)
            hint = f"; did you mean 'Summary_{close}'?" if close else ""
            check.problem(
                name,
                f"unknown platform {key!r}, ignored{hint} (known platforms: "
                f"{', '.join(PLATFORMS)})",
                severity="warning",
            )
            continue
        text = check.text(name)
        if text:
            found.append((key, text))
    return tuple(found)


_EXCEPTION_FORMAT = (
    "expected 'Exception: rule | exact text | reviewed by | why', e.g. "
    "'Exception: phone | (541) 555-0199 | Dr. Ana Patel, MD | our after-hours nurse line'"
)


def _exceptions(check: _Checker) -> tuple[PrivacyException, ...]:
    """Every ``Exception:`` line (the field may be given more than once)."""
    value = check.raw.metadata.get("exception")
    if value is None:
        return ()
    found = []
    for line in value if isinstance(value, list | tuple) else [value]:
        parts = [collapse(part) for part in str(line).split("|")]
        if len(parts) != 4 or not all(parts):
            check.problem("exception", f"{collapse(str(line))!r}: {_EXCEPTION_FORMAT}")
            continue
        rule, text, reviewer, why = parts
        found.append(PrivacyException(rule=rule.lower(), text=text, reviewed_by=reviewer, why=why))
    return tuple(found)


def _sources(check: _Checker, details: Details | None) -> tuple[Source, ...]:
    """``Sources:`` lines (:mod:`healthnotes.content.sources`): a line that is not
    ``title | publisher | address`` is an error; none at all, or a recall without its
    official notice among them, a warning."""
    sources, problems = parse_sources(check.raw.metadata.get("sources"))
    for message in problems:
        check.problem("sources", message)
    notice = details.url if isinstance(details, Recall) else None
    if not problems and details is not None:
        for message in source_warnings(sources, notice):
            check.problem("sources", message, severity="warning")
    return sources


def _yes_no(check: _Checker, name: str) -> bool:
    text = check.text(name)
    if text is None:
        return False
    if text.lower() in ("yes", "true"):
        return True
    if text.lower() not in ("no", "false"):
        check.problem(name, f"{text!r}: expected yes or no")
    return False


def _aware(value: Any, timezone: str) -> Any:
    """A naive datetime is a time at the practice: give it the site's time zone.

    Always a plain :class:`datetime` (Pelican's ``SafeDatetime`` formats dates in
    Python, about ten times slower, and the templates format post dates many times)."""
    if not isinstance(value, datetime):
        return value
    tz = value.tzinfo if value.tzinfo is not None else ZoneInfo(timezone)
    return datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=tz,
        fold=value.fold,
    )


def _post_type(check: _Checker) -> PostType | None:
    value = check.text("type", required=True, why="(howto, misconception, recall or qa)")
    if value is None:
        return None
    try:
        return PostType(value.lower())
    except ValueError:
        choices = [t.value for t in PostType]
        close = type_suggestion(value, choices)
        hint = f" Did you mean '{close}'?" if close else ""
        check.problem(
            "type", f"{value!r} is not a post type; expected one of {', '.join(choices)}.{hint}"
        )
        return None


def _unknown_fields(check: _Checker, spec: TypeSpec | None, config: SiteConfig) -> None:
    every_type = {name for s in TYPE_SPECS.values() for name in (*s.required, *s.optional)}
    known = {*COMMON_FIELDS, *PELICAN_FIELDS, *every_type}
    for name in check.raw.metadata:
        if name in known or name.startswith(EXTENSION_PREFIXES) or name.startswith("_"):
            continue
        if _refused_field(check, name, config):
            continue
        if name in MISTAKEN_FIELDS:
            check.problem(name, f"is not a field here; {MISTAKEN_FIELDS[name]}")
            continue
        if field_key(name) in known:
            right = display_name(field_key(name))
            check.problem(name, f"write the field name as '{right}' (with _ between words)")
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
        hint = f"; did you mean '{display_name(close[0])}'?" if close else ""
        check.problem(name, f"unknown field, ignored{hint}", severity="warning")
    if spec:
        foreign = sorted(every_type - {*spec.required, *spec.optional})
        for name in foreign:
            if name in check.raw.metadata:
                check.problem(
                    name,
                    f"only used by another post type, not by 'Type: {spec.type.value}'; ignored",
                    severity="warning",
                )


@dataclass(frozen=True, kw_only=True)
class ImageRef:
    path: str | None
    alt: str | None
    width: int | None = None
    height: int | None = None


def _image(check: _Checker, config: SiteConfig) -> ImageRef:
    image = check.text("image")
    alt = _visible(check, "image_alt")
    if not image:
        if alt:
            check.problem("image_alt", "given without an Image; ignored", severity="warning")
        return ImageRef(path=None, alt=None)
    if not alt:
        check.problem(
            "image_alt",
            "required when a post has an Image; describe what the picture "
            "shows for people who cannot see it, e.g. 'Image_Alt: Hands washing with "
            "soap at a sink'",
        )
    ok = True
    if urlsplit(image).scheme:
        check.problem(
            "image",
            f"{image!r} is a web address; expected a file inside content/, "
            "e.g. 'Image: images/hand-washing.jpg'",
        )
        return ImageRef(path=None, alt=alt)
    relative = PurePosixPath(image.removeprefix("{static}").lstrip("/"))
    root = config.content_root
    target = (root / relative).resolve()
    if image.startswith("/") or not target.is_relative_to(root):
        check.problem(
            "image",
            f"{image!r} is outside content/; expected a path inside the "
            "content folder, e.g. 'Image: images/hand-washing.jpg'",
        )
        return ImageRef(path=None, alt=alt)
    relative_posix = target.relative_to(root).as_posix()
    if not any(relative_posix.startswith(f"{p.rstrip('/')}/") for p in config.static_paths):
        check.problem(
            "image",
            f"{image!r} is not in a folder that gets published; put the file "
            f"in content/{config.static_paths[0]}/ and write "
            f"'Image: {config.static_paths[0]}/{relative.name}'",
        )
        ok = False
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        check.problem(
            "image", f"{image!r} is not a supported picture; expected a .jpg, .png or .webp file"
        )
        ok = False
    elif not target.is_file():
        near = _picture_like(root, relative_posix)
        hint = f"did you mean {near}?" if near else "check the spelling or add the picture"
        check.problem("image", f"file content/{relative_posix} does not exist; {hint}")
        ok = False
    elif (
        too_large := pixel_problem(picture_dimensions(target), config.max_picture_pixels)
    ) is not None:
        check.problem("image", f"content/{relative_posix} {too_large}")
        ok = False
    else:
        size = picture_size(target)
        if size is None:
            check.problem(
                "image",
                f"content/{relative_posix} is not a readable picture (damaged, or not really "
                f"a {target.suffix.lstrip('.').upper()} file); export it again from your "
                "photo editor",
            )
            ok = False
    if not ok:
        return ImageRef(path=None, alt=alt)
    return ImageRef(path=relative_posix, alt=alt, width=size[0], height=size[1])


def _picture_like(root: Path, relative: str) -> str | None:
    """The picture in content/ that ``relative`` probably means: the same name in
    another case (``images/Flu-Shot.jpg``), or else the closest name in its folder."""
    folder = (root / relative).parent
    if not folder.is_dir():
        return None
    names = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    wanted = PurePosixPath(relative).name
    same = [n for n in names if n.casefold() == wanted.casefold()]
    close = same or difflib.get_close_matches(wanted.lower(), names, n=1, cutoff=0.75)
    if not close:
        return None
    return (folder / close[0]).relative_to(root).as_posix()


def _fields_published_as_text(check: _Checker, first_paragraph: str) -> None:
    """``Reviewed By: …`` (a name with a space) or a field after an empty line:
    Markdown publishes it as the post's first paragraph instead of reading it."""
    every_type = {name for s in TYPE_SPECS.values() for name in (*s.required, *s.optional)}
    known = {*COMMON_FIELDS, *every_type, *MISTAKEN_FIELDS}
    found = fields_in_first_paragraph(first_paragraph, known)
    if not found:
        return
    written = ", ".join(f"'{f.written}:'" for f in found)
    right = ", ".join(f"'{display_name(f.field)}:'" for f in found)
    line = check.raw.lines.get(BODY_LINE)
    check.problems.append(
        Problem(
            file=check.raw.source,
            field=found[0].written,
            message=f"{written} would be published as the post's text, not read as "
            f"field{'s' * (len(found) != 1)}; write {right} (no spaces in a field name) "
            "in the lines at the top, with no empty line before it",
            line=line,
        )
    )


def _address(check: _Checker) -> None:
    stem = PurePosixPath(check.raw.source).stem
    path = urlsplit(check.raw.url).path
    if check.raw.slug not in path:  # a draft in the published site has no address yet
        path = f"/posts/{check.raw.slug}/"
    warning = address_of(stem, check.raw.slug, path)
    if warning:
        check.problem("", warning, severity="warning")


def picture_size(path: Path) -> tuple[int, int] | None:
    """Pixel size from the file's header, or None when it is not a picture Pillow reads."""
    try:
        with Image.open(path) as picture:
            picture.verify()
            return picture.size
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def _sign_off(check: _Checker) -> SignOff | None:
    text = check.text("signed_off")
    if text is None:
        return None
    found = parse_sign_off(text)
    if isinstance(found, str):
        check.problem("signed_off", found)
        return None
    return found


def _series(check: _Checker, config: SiteConfig) -> str | None:
    """The ``Series:`` field: a key or name of a series in ``SERIES``."""
    from healthnotes.calendar.series import find_series

    text = check.text("series")
    if text is None:
        return None
    declared = config.editorial.series
    if find_series(text, declared) is None:
        names = [s.key for s in declared] + [s.name for s in declared]
        close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        known = ", ".join(f"{s.key} ({s.name})" for s in declared) or "none is declared"
        check.problem("series", f"{text!r} is not a series in SERIES ({known}).{hint}")
        return None
    return text


def _alert(check: _Checker, timezone: str) -> Alert | None:
    text = check.text("expires", required=True, why="(when the notice stops showing)")
    if text is None:
        return None
    when = parse_when(text)
    if isinstance(when, DateProblem):
        check.problem("expires", when.message)
        return None
    expires = _aware(when, timezone)
    start = _aware(check.raw.metadata.get("date"), timezone)
    if isinstance(start, datetime) and expires <= start:
        check.problem(
            "expires",
            f"{expires:%Y-%m-%d %H:%M} is not after the post's Date {start:%Y-%m-%d %H:%M}; "
            "expected when the notice stops applying, e.g. 'Expires: 2026-12-08 17:00'",
        )
        return None
    return Alert(expires=expires)


def _details(
    check: _Checker, post_type: PostType, facts: HtmlFacts, today: date, timezone: str = "UTC"
) -> Details | None:
    if post_type is PostType.ALERT:
        return _alert(check, timezone)
    spec = TYPE_SPECS[post_type]
    values = {
        name: check.text(name, required=True)
        for name in spec.required
        if name not in ("recall_url", "recall_date")
    }
    if post_type is PostType.HOWTO:
        steps = list(facts.steps)
        if not steps and not facts.text:
            return None  # reported once: the post has no text at all
        if not steps:
            check.problem(
                "type",
                "a how-to needs its steps as a numbered list in the body "
                "(lines starting '1. ', '2. ', …)",
            )
            return None
        return HowTo(steps=tuple(steps), time=check.text("time"), supplies=check.items("supplies"))
    if post_type is PostType.MISCONCEPTION:
        if not (values["myth"] and values["fact"]):
            return None
        return Misconception(myth=values["myth"], fact=values["fact"])
    if post_type is PostType.QA:
        return QA(question=values["question"]) if values["question"] else None
    url = _recall_url(check, values["recall_agency"])
    recall_date = check.day("recall_date", required=True, today=today)
    recall_class = _recall_class(check)
    if not (all(values.values()) and url and recall_date):
        return None
    agency = values["recall_agency"]
    return Recall(
        product=values["recall_product"],
        agency=agency,
        agency_name=RECALL_AGENCIES.get(agency.upper(), agency),
        reason=values["recall_reason"],
        url=url,
        date=recall_date,
        recall_class=recall_class,
        class_explained=RECALL_CLASSES.get(recall_class) if recall_class else None,
        lots=check.items("recall_lots"),
        action=check.text("recall_action"),
    )


def _recall_url(check: _Checker, agency: str | None) -> str | None:
    """``Recall_Url``: ``https://`` on the official domain of the agency
    (:data:`RECALL_DOMAINS`), or on a ``.gov`` address for another agency."""
    url = check.url("recall_url", required=True)
    if url is None:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    domain = RECALL_DOMAINS.get((agency or "").upper())
    if domain is not None:
        official = host == domain or host.endswith(f".{domain}")
        expected = f"https:// on {domain} (the {agency} site)"
    else:
        official = host.endswith(OTHER_AGENCY_SUFFIX)
        expected = (
            f"https:// on a {OTHER_AGENCY_SUFFIX} address (a government agency's own site; "
            f"known agencies: {', '.join(sorted(set(RECALL_DOMAINS)))})"
        )
    if parts.scheme != "https" or not official:
        check.problem(
            "recall_url",
            f"{url!r} is not the agency's official notice; expected {expected}. Copy the "
            "link from the recall notice on the agency's site",
        )
        return None
    return url


def _sane_day(check: _Checker, name: str, value: date, today: date) -> bool:
    """Whether ``value`` is between :data:`EARLIEST_YEAR` and :data:`LATEST_YEARS_AHEAD`
    years after ``today`` (a problem names the field when it is not)."""
    earliest = date(EARLIEST_YEAR, 1, 1)
    latest = today + timedelta(days=round(365.25 * LATEST_YEARS_AHEAD))
    if earliest <= value <= latest:
        return True
    check.problem(
        name,
        f"{value.isoformat()} is not a plausible date; expected a date from {earliest} to "
        f"{latest} (check the year)",
    )
    return False


def _refused_field(check: _Checker, name: str, config: SiteConfig) -> bool:
    """Report a field that would steer Pelican (where the file goes, which template
    renders it) or replace its own data; True when ``name`` is one."""
    if name in CONTENT_OVERRIDES and name not in config.allow_content_overrides:
        check.problem(
            name,
            "chooses the file's address, output file, language or template, which the "
            "site's settings decide; delete the line (a developer can allow it with "
            f"ALLOW_CONTENT_OVERRIDES = ['{display_name(name)}'] in pelicanconf.py)",
        )
        return True
    if name in PELICAN_ATTRIBUTES:
        check.problem(name, "is a name Pelican uses for its own data; rename or delete the line")
        return True
    return name in CONTENT_OVERRIDES


def _invisible_characters(check: _Checker) -> None:
    """An error for each field holding invisible or text-direction characters."""
    for name, value in check.raw.metadata.items():
        if name.startswith("_"):
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            if not isinstance(item, str):
                continue
            found = sorted(filter(_invisible, set(item)))  # each distinct character once
            if found:
                codes = ", ".join(f"U+{ord(c):04X}" for c in found)
                check.problem(
                    name,
                    f"contains invisible or text-direction characters ({codes}) that can make "
                    "it show differently from what it says; type the field again",
                )
                break


def _invisible(char: str) -> bool:
    return (
        unicodedata.category(char) == "Cf" and char not in _KEPT_FORMAT
    ) or char in _BLANK_LETTERS


def has_visible_text(text: str) -> bool:
    """Whether ``text`` shows anything: a character that is not a space, a control or
    format character, or a blank letter."""
    return any(
        not (c.isspace() or _invisible(c) or unicodedata.category(c)[0] in "CZ")
        and c not in _KEPT_FORMAT
        for c in text
    )


def _visible(check: _Checker, name: str, *, required: bool = False) -> str | None:
    text = check.text(name, required=required)
    if text is not None and not has_visible_text(text):
        check.problem(name, "has no visible characters; write it in words")
        return None
    return text


_TAG_DROP = re.compile(r"[^\w\s-]")
_TAG_JOIN = re.compile(r"[-\s]+")


def tag_slug(tag: str) -> str:
    """The address part Pelican makes of a tag (its default slugify: accents and symbols
    dropped, lower case, spaces to hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", tag).encode("ascii", "ignore").decode("ascii")
    return _TAG_JOIN.sub("-", _TAG_DROP.sub("", ascii_text).strip()).strip("-").lower()


def _tags(check: _Checker) -> tuple[str, ...]:
    tags = check.items("tags")
    for tag in tags:
        if not tag_slug(tag):
            check.problem(
                "tags",
                f"the tag {tag!r} has no letter or digit a web address can use, so its page "
                "would have no address; spell it with letters (e.g. 'heart health')",
            )
    return tags


def _link_problems(raw: RawPost, config: SiteConfig) -> list[Problem]:
    return link_problems(
        raw.links,
        source_file=Path(raw.source).resolve(),
        source=raw.source,
        content_root=config.content_root,
        published=config.published_paths,
    )


def _recall_class(check: _Checker) -> str | None:
    text = check.text("recall_class")
    if text is None:
        return None
    value = text.upper().removeprefix("CLASS").strip()
    value = _ROMAN.get(value, value)
    if value not in RECALL_CLASSES:
        check.problem("recall_class", f"{text!r} is not a recall class; expected I, II or III")
        return None
    return value


def parse_posts(
    raws: Iterable[RawPost], config: SiteConfig, *, today: date
) -> tuple[list[Post], list[Problem]]:
    """Validate every post; number the misconceptions. Returns posts and all problems."""
    posts: list[Post] = []
    problems: list[Problem] = []
    for raw in raws:
        post, found = parse_post(raw, config, today=today)
        problems.extend(found)
        if post is not None:
            posts.append(post)
    return number_series(posts, config, today=today), problems


#: A page's statuses (Pelican's): ``hidden`` is written but not listed in the menu.
PAGE_STATUSES = ("published", "hidden", "draft")


def parse_page(raw: RawPost, config: SiteConfig, *, today: date) -> list[Problem]:
    """Every problem of one page (an About or Privacy page: no type, no date needed)."""
    check = _Checker(raw)
    if raw.read_error:
        check.problem("", raw.read_error)
        return check.problems
    check.problems.extend(raw.problems)
    check.problems.extend(_link_problems(raw, config))
    _invisible_characters(check)
    if "title" in raw.unparsed:
        check.problem("title", "required; add a line 'Title: …' to the top of the file")
    else:
        _visible(check, "title")
    if "status" in raw.unparsed:
        check.problem(
            "status",
            f"{raw.unparsed['status']!r} is not a status; expected one of "
            f"{', '.join(PAGE_STATUSES)}",
        )
    for name in (*CONTENT_OVERRIDES, *PELICAN_ATTRIBUTES):
        if name in raw.metadata:
            _refused_field(check, name, config)
    for name in ("date", "modified"):
        value = raw.metadata.get(name)
        if name not in raw.unparsed and isinstance(value, datetime):
            _sane_day(check, name, value.date(), today)
    return check.problems


def number_series(posts: Sequence[Post], config: SiteConfig, *, today: date) -> list[Post]:
    """Give each post of a series (``SERIES``) the series' name and its number there:
    published and scheduled posts by date, from the series' ``number_from``; drafts
    have none yet."""
    from healthnotes.calendar.series import numbering, series_of

    declared = config.editorial.series
    if not declared:
        return list(posts)
    plain = {post.source: calendar_post(post) for post in posts}
    tz = ZoneInfo(config.timezone)
    named: dict[str, tuple[str, int | None]] = {}
    for series in declared:
        numbers = numbering(series, plain.values(), today, all_series=declared, tz=tz)
        for source, item in plain.items():
            if series_of(item, declared) == series:
                named[source] = (series.name, numbers.get(item.slug))
    return [
        replace(p, series_name=named[p.source][0], number=named[p.source][1])
        if p.source in named
        else p
        for p in posts
    ]


def calendar_post(post: Post) -> Any:
    """The post as :mod:`healthnotes.calendar` sees it."""
    from healthnotes.calendar.model import Post as CalendarPost

    return CalendarPost(
        source=post.source,
        slug=post.slug,
        title=post.title,
        type=post.type.value,
        date=post.date,
        status="draft" if post.status == "draft" else "published",
        series=post.series,
        tags=post.tags,
    )


def newest_first(posts: Iterable[Post]) -> list[Post]:
    """Published posts, newest first (ties broken by slug, so order is stable)."""
    return sorted(
        (p for p in posts if p.is_published), key=lambda p: (p.date, p.slug), reverse=True
    )


def content_path(config: SiteConfig, relative: str) -> Path:
    """Absolute path of a file given relative to the content folder."""
    return config.content_root / relative
