"""The build report's list of posts, as staff read it: newest first, every post.

The gate's rows (:class:`~healthnotes.gate.report.PostCheck`) cover what is or will be
published; drafts are never checked, yet staff look for them too. :func:`report_rows`
adds a row for each draft, gives every row its date, a link to its built page and to
its cards and texts (``reports/preview/``), and puts the newest first.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from healthnotes.content.model import Post
from healthnotes.gate.report import PostCheck, review_status

#: What the report says above its list when the build published nothing (``make check``).
LAST_BUILD_NOTE = (
    "make check publishes nothing: each Page link opens the page of the last build in "
    "{output}/, which may be older than the post checked here (a post new since then has "
    "no Page link). Cards and texts are from this check."
)
#: What a draft's row says instead of the gate's results.
DRAFT_NOTE = "A draft is checked once it is scheduled or published (remove 'Status: draft')."


@dataclass(frozen=True)
class Places:
    """Where the report (``report``), the built site (``output``, the folder the
    build is swapped into) and the social preview (``preview``) are, and which page
    each post's source became (``built``: source -> output file, ``/`` separated).
    ``last_build``: this build publishes nothing (``make check``), so a page link opens
    the page of the last build in ``output``, when it has one (:data:`LAST_BUILD_NOTE`)."""

    report: Path
    output: Path
    preview: Path
    built: Mapping[str, str]
    last_build: bool = False

    @classmethod
    def of(
        cls,
        origins: Mapping[str, str],
        *,
        written: Path,
        report: Path,
        output: Path,
        preview: Path,
        last_build: bool = False,
    ) -> Places:
        """``origins`` (output file -> source file, as the site engine reports it)
        kept to each source's HTML page written into ``written`` (the folder being
        built; its ``index.html`` when it has several); with ``last_build``, only
        those pages that ``output`` holds from the last build."""
        built: dict[str, str] = {}
        for file, source in sorted(origins.items()):
            if not file.endswith(".html") or not (written / file).is_file():
                continue
            if last_build and not (output / file).is_file():
                continue
            if source not in built or (
                file.endswith("/index.html") and not built[source].endswith("/index.html")
            ):
                built[source] = file
        return cls(
            report=report, output=output, preview=preview, built=built, last_build=last_build
        )

    def _href(self, target: Path) -> str:
        return Path(os.path.relpath(target, self.report.parent)).as_posix()

    def page(self, post: Post) -> str | None:
        """The link from the report to ``post``'s built page; None when none was built."""
        file = self.built.get(post.source)
        return None if file is None else self._href(self.output / file)

    def cards(self, post: Post) -> str | None:
        """The link to ``post``'s cards and texts; only published posts have them."""
        if post.status != "published":
            return None
        return self._href(self.preview / f"{post.slug}.html")


@dataclass(frozen=True)
class Listing:
    """What the report lists: every post (``posts``), the ones the gate checked
    (``checked``, in the order of its rows) and where the report links to."""

    posts: Sequence[Post]
    checked: Sequence[Post]
    places: Places

    @property
    def note(self) -> str | None:
        """What the report says of its links, when they are not to this build's pages."""
        if not self.places.last_build:
            return None
        return LAST_BUILD_NOTE.format(output=self.places.output.name)

    def rows(
        self, checked: Sequence[PostCheck], *, today: date, review_max_age_days: int
    ) -> list[PostCheck]:
        """:func:`report_rows` of the gate's rows (``checked``) and the drafts."""
        return report_rows(
            list(zip(self.checked, checked, strict=True)),
            [post for post in self.posts if post.status == "draft"],
            self.places,
            today=today,
            review_max_age_days=review_max_age_days,
        )


def report_rows(
    checked: Sequence[tuple[Post, PostCheck]],
    drafts: Sequence[Post],
    places: Places,
    *,
    today: date,
    review_max_age_days: int,
) -> list[PostCheck]:
    """Every post's row, newest first: the gate's rows (``checked``, with the post
    each is about) and one for each of ``drafts``, each with its date and links."""
    rows = [(post, row) for post, row in checked]
    for post in drafts:
        review, due = review_status(
            post.last_reviewed, post.reviewed_by, today=today, max_age_days=review_max_age_days
        )
        row = PostCheck(
            source=post.source,
            title=post.title,
            type=post.spec.label,
            status=post.status,
            review=review,
            review_due=due,
            notes=(DRAFT_NOTE,),
        )
        rows.append((post, row))
    rows.sort(key=lambda pair: (pair[0].date, pair[0].source), reverse=True)
    return [
        replace(row, date=post.date, page=places.page(post), preview=places.cards(post))
        if row.source == post.source
        else replace(row, date=post.date)  # the file name holds an identifier: no links
        for post, row in rows
    ]
