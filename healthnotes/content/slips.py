"""Slips staff make in a post's header, each turned into a problem with its fix.

Nothing here is guessed silently: a value written another way that has only one
meaning (``Status: Draft``, ``Tags: #flu #vaccines``) is accepted with a warning or
without one; a value that could be meant several ways, or a field that Markdown would
publish as text (``Reviewed By:``), is a problem that says what to write instead.
Every table is data, so a new slip is one line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

#: ``Type:`` values people write for a post type (lower case) -> the type.
TYPE_SYNONYMS: Mapping[str, str] = {
    "myth": "misconception",
    "myths": "misconception",
    "myth buster": "misconception",
    "faq": "qa",
    "question": "qa",
    "q&a": "qa",
    "q & a": "qa",
    "q and a": "qa",
    "recall alert": "recall",
    "recall-alert": "recall",
    "alert": "recall",
    "how to": "howto",
    "how-to": "howto",
    "guide": "howto",
}

#: ``Summary_<platform>`` names people write -> the platform key.
PLATFORM_SYNONYMS: Mapping[str, str] = {
    "twitter": "x",
    "fb": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "bsky": "bluesky",
    "opengraph": "og",
    "open_graph": "og",
}

#: Header fields that are not fields here, and what to write instead. An error: the
#: post would otherwise be published against what the line says.
MISTAKEN_FIELDS: Mapping[str, str] = {
    "draft": "write 'Status: draft' to keep the post unpublished (or remove the line)",
    "published": "remove the line to publish the post, or write 'Status: draft' to keep it back",
    "hidden": "write 'Status: draft' to keep the post unpublished",
    "tag": "write 'Tags: first, second' (Tags, with an s)",
    "reviewer": "write 'Reviewed_By: name and credentials'",
    "reviewed": "write 'Last_Reviewed: 2026-12-04' and 'Reviewed_By: name'",
    "alt": "write 'Image_Alt: what the picture shows'",
}

#: Files under content/posts/ Pelican does not read: suffix (lower case) -> the fix.
IGNORED_SUFFIXES: Mapping[str, str] = {
    ".txt": "save it as .md (plain text, the ending .md)",
    ".rtf": "save it as plain text with the ending .md (not Rich Text)",
    ".docx": "copy the text into a plain-text file ending in .md",
    ".doc": "copy the text into a plain-text file ending in .md",
    ".pages": "export it as plain text and save it with the ending .md",
    ".odt": "copy the text into a plain-text file ending in .md",
}

#: ``Word Word: value`` at the start of a line (a field name Markdown cannot read).
_FIELD_LINE = re.compile(r"(?:^|(?<=\s))([A-Za-z][A-Za-z_\- ]{0,30}?)\s?:\s")
_HASHTAG = re.compile(r"#([\w\-]+)")


def field_key(written: str) -> str:
    """``Reviewed By`` / ``reviewed-by`` -> ``reviewed_by`` (how a field is named)."""
    return re.sub(r"[\s\-]+", "_", written.strip()).lower()


def type_suggestion(value: str, choices: Collection[str]) -> str | None:
    """The post type ``value`` probably means (``myth`` -> ``misconception``)."""
    text = " ".join(value.lower().split())
    if text in TYPE_SYNONYMS:
        return TYPE_SYNONYMS[text]
    close = difflib.get_close_matches(text.replace("-", ""), list(choices), n=1)
    return close[0] if close else None


def platform_suggestion(key: str, choices: Collection[str]) -> str | None:
    if key in PLATFORM_SYNONYMS:
        return PLATFORM_SYNONYMS[key]
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def hashtag_tags(text: str) -> tuple[str, ...] | None:
    """``#flu #vaccines`` -> ("flu", "vaccines"); None when ``text`` has no hashtag."""
    found = _HASHTAG.findall(text)
    if not found:
        return None
    rest = _HASHTAG.sub(",", text)
    words = [part.strip() for part in rest.split(",") if part.strip()]
    return tuple(dict.fromkeys([*found, *words]))


@dataclass(frozen=True)
class BodyField:
    """A field line that Markdown published as the post's first paragraph."""

    written: str  # as typed: "Reviewed By"
    field: str  # what it means: "reviewed_by"


def fields_in_first_paragraph(paragraph: str, known: Collection[str]) -> list[BodyField]:
    """Known field names (``Reviewed By:``, ``Tags:``) in a post's first paragraph.

    Markdown reads the header only up to the first line that is not ``Name: value``
    (a name with a space) or the first empty line; every line after it is published.
    Only a paragraph that starts with such a line counts (a sentence with a colon
    in it does not)."""
    first = _FIELD_LINE.match(paragraph)
    if not first or field_key(first.group(1)) not in known:
        return []
    found = []
    for match in _FIELD_LINE.finditer(paragraph):  # lines are joined: "…, MD Last_Reviewed:"
        words = match.group(1).split()
        for written in (" ".join(words[-n:]) for n in (2, 1) if len(words) >= n):
            if field_key(written) in known:
                found.append(BodyField(written=written, field=field_key(written)))
                break
    return found


def ignored_files(posts_folder: Path) -> list[tuple[Path, str]]:
    """Files in the posts folder that are never read, each with how to fix it."""
    if not posts_folder.is_dir():
        return []
    found = []
    for path in sorted(posts_folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        suffix = path.suffix.lower()
        if suffix in IGNORED_SUFFIXES:
            found.append((path, IGNORED_SUFFIXES[suffix]))
        elif suffix == ".md" and path.suffix != ".md":
            found.append((path, f"rename it to end in .md (lower case), not {path.suffix}"))
    return found


def address_of(file_stem: str, slug: str, url_path: str) -> str | None:
    """A warning when a file's name does not become its address as written."""
    if file_stem == slug:
        return None
    return (
        f"the file name '{file_stem}' becomes the address {url_path}; "
        f"rename the file to '{slug}.md' so its name and address match"
    )


@dataclass(frozen=True)
class NotPublished:
    """A post (or file) this build leaves out, and why."""

    source: str
    reason: str

    def format(self) -> str:
        return f"  {self.source}: {self.reason}"


def when_text(moment: datetime) -> str:
    """``December 10, 2026 at 9:00 am``."""
    hour = moment.hour % 12 or 12
    return f"{moment:%B} {moment.day}, {moment.year} at {hour}:{moment:%M} {moment:%p}".replace(
        "AM", "am"
    ).replace("PM", "pm")


def not_published(
    posts: Iterable[tuple[str, str, datetime]], ignored: Iterable[tuple[str, str]]
) -> list[NotPublished]:
    """``posts``: (source, status, date); ``ignored``: (file, fix). Drafts, scheduled
    posts and ignored files, in file order."""
    reasons = {
        "draft": lambda when: "draft (Status: draft); remove that line to publish it",
        "scheduled": lambda when: (
            f"scheduled for {when_text(when)} (its Date); the first build after that publishes it"
        ),
        "held": lambda when: (
            f"held by the crisis hold (HOLD in the settings; dated {when_text(when)}); the first "
            "build after the hold is lifted publishes it"
        ),
    }
    found = [
        NotPublished(source, reasons[status](when))
        for source, status, when in posts
        if status in reasons
    ]
    found += [NotPublished(source, f"ignored: not a post file; {fix}") for source, fix in ignored]
    return sorted(found, key=lambda n: n.source)


def not_published_lines(found: list[NotPublished]) -> list[str]:
    if not found:
        return []
    return [f"Not published this time ({len(found)}):", *(n.format() for n in found)]
