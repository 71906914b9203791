"""A post's or page's file, from its text to the HTML that may be published.

The Pelican reader hands over the text of one Markdown file and its Markdown
converter; :func:`read_body` returns the HTML that may reach a page or a feed
and every :class:`~healthnotes.errors.Problem` found on the way, with the file
and line a person has to edit:

* ``Video:`` lines become placeholders (:func:`~healthnotes.content.sanitize.expand_videos`);
* Markdown converts the text;
* the HTML is cleaned (:func:`~healthnotes.content.sanitize.sanitize`);
* site links (``{static}``, ``{attach}``, ``{filename}``) are listed with their
  line (:func:`site_links`), so that :func:`link_problems` can check them against
  the published folders when the site's settings are known.

Nothing here depends on the site's settings: what the reader computes can be kept
in Pelican's content cache.
"""

from __future__ import annotations

import html as html_lib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from healthnotes.content.sanitize import expand_videos, sanitize
from healthnotes.errors import Problem

__all__ = [
    "RESERVED_PREFIX",
    "SiteLink",
    "front_matter_problem",
    "link_problems",
    "read_body",
    "reserved_fields",
    "site_links",
]

#: Metadata names starting with this are the build's own (the reader's notes to the
#: plugin); Pelican would also turn them into attributes of the post (``_content``
#: would replace the cleaned HTML), so a file may not write them.
RESERVED_PREFIX = "_"


def read_body(
    text: str, *, convert: Callable[[str], str], source: str
) -> tuple[str, tuple[Problem, ...]]:
    """The HTML to publish for the Markdown ``text`` of the file ``source``, and every
    problem found: a ``Video:`` line that does not fit, and each thing the sanitizer
    removed (errors stop the build, warnings are printed)."""
    expanded, video_problems = expand_videos(text, source=source)
    cleaned = sanitize(convert(expanded), source=source, source_text=text)
    return cleaned.html, (*video_problems, *cleaned.problems)


# --- YAML front matter ----------------------------------------------------------------

_YAML_FENCE = re.compile(r"\A(?:---|\+\+\+)[ \t]*$", re.MULTILINE)


def front_matter_problem(text: str) -> str | None:
    """Why ``text`` cannot be read here when it starts with a ``---`` (YAML) or
    ``+++`` (TOML) block as Jekyll and Hugo write them; None otherwise.

    Python-Markdown would read such a block, but keep YAML's quotes and brackets in
    the values (a title ``"Flu shots"`` with its quotes, tags ``[flu, vaccines]`` as
    one tag), so it is refused with how to write the fields here."""
    if not _YAML_FENCE.match(text):
        return None
    return (
        "starts with a '---' block (front matter from Jekyll or Hugo); this site reads "
        "plain 'Field: value' lines: delete the '---' lines, write each field as "
        "'Title: Flu shots' without quotes, lists as 'Tags: flu, vaccines' without "
        "brackets, then one empty line and the text"
    )


# --- Reserved field names -------------------------------------------------------------


def reserved_fields(
    metadata: Mapping[str, object], lines: Mapping[str, int], *, source: str
) -> tuple[list[str], list[Problem]]:
    """The metadata names a file may not write (they start with ``_``), and a problem
    for each."""
    names = sorted(name for name in metadata if name.startswith(RESERVED_PREFIX))
    return names, [
        Problem(
            file=source,
            field=name,
            message="field names starting with '_' are the build's own; rename or delete the line",
            line=lines.get(name),
        )
        for name in names
    ]


# --- Site links -------------------------------------------------------------------------

#: Pelican's link syntax (``INTRASITE_LINK_REGEX``) in the attributes it rewrites.
_LINK = re.compile(
    r"""<[^>]+?\b(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*"""
    r"""(?P<quote>["'])[{|](?P<what>static|attach|filename)[|}](?P<value>.*?)(?P=quote)"""
)


@dataclass(frozen=True)
class SiteLink:
    """One ``{static}``/``{attach}``/``{filename}`` link: its kind, path and line."""

    what: str
    path: str
    line: int | None = None


def site_links(html: str, source_text: str) -> tuple[SiteLink, ...]:
    """Every site link in ``html`` (the cleaned HTML of a file), with the line of the
    file's text it was written on (the first line that mentions it)."""
    found = []
    for match in _LINK.finditer(html):
        value = html_lib.unescape(match.group("value"))
        path = urlsplit(value).path
        line = _line_of(source_text, value) or _line_of(source_text, path)
        found.append(SiteLink(what=match.group("what"), path=path, line=line))
    return tuple(dict.fromkeys(found))


def _line_of(text: str, needle: str) -> int | None:
    at = text.find(needle) if needle else -1
    return None if at < 0 else text.count("\n", 0, at) + 1


def link_problems(
    links: Iterable[SiteLink],
    *,
    source_file: Path,
    source: str,
    content_root: Path,
    published: Sequence[str],
) -> list[Problem]:
    """An error for every site link whose file is not inside one of the ``published``
    folders of ``content_root`` (Pelican copies any file a ``{static}`` link names, so
    ``{static}/private/notes.txt`` would publish it, and ``{static}/../x`` would write
    outside the output folder)."""
    root = Path(os.path.normpath(content_root))
    folder = Path(os.path.normpath(source_file)).parent
    problems = []
    for link in links:
        written = unquote(link.path)
        target = Path(
            os.path.normpath(
                root / written.lstrip("/") if written.startswith("/") else folder / written
            )
        )
        inside = target.is_relative_to(root)
        relative = PurePosixPath(target.relative_to(root).as_posix()) if inside else None
        if relative is not None and any(
            relative.is_relative_to(PurePosixPath(p.strip("/"))) and relative.parts
            for p in published
        ):
            continue
        where = (
            f"content/{relative.as_posix()}, not in a published folder"
            if relative is not None
            else "a file outside the content folder"
        )
        problems.append(
            Problem(
                file=source,
                field="",
                message=f"the link {{{link.what}}}{link.path} names {where} "
                f"({', '.join(f'content/{p}/' for p in published)}); move the file into "
                "one of them and link it there, or remove the link",
                line=link.line,
            )
        )
    return problems
