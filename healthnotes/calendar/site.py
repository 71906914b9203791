"""The calendar of this site: from the settings and the posts to ``reports/calendar.*``.

Used by every build (:func:`healthnotes.pipeline.plan_calendar`) and by ``make calendar``
(:mod:`healthnotes.calendar.cli`, which reads only the posts' header lines).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from healthnotes.cache.checks import CheckCache
from healthnotes.calendar import ics
from healthnotes.calendar.build import Calendar, build_calendar
from healthnotes.calendar.closed import office_closed_days
from healthnotes.calendar.ics import EventLines, EventMaker, calendar_ics, event_ics
from healthnotes.calendar.model import Post
from healthnotes.calendar.observances import load_observances
from healthnotes.calendar.report import calendar_html, calendar_terminal
from healthnotes.config import SiteConfig
from healthnotes.errors import Problem
from healthnotes.gate.messages import Masker
from healthnotes.gate.report import kept_masks


@dataclass(frozen=True)
class CalendarFiles:
    html: Path
    ics: Path


def calendar_files(config: SiteConfig) -> CalendarFiles:
    """``calendar.html`` and ``calendar.ics`` beside the build report (``reports/``):
    never in the site's output, since they list unpublished titles."""
    folder = config.report_path.parent
    return CalendarFiles(html=folder / "calendar.html", ics=folder / "calendar.ics")


def site_calendar(posts: Iterable[Post], config: SiteConfig, today: date) -> Calendar:
    """The practice's calendar for ``today``: the series, closed days and observances
    of the settings."""
    editorial = config.editorial
    closed = office_closed_days(
        range(today.year - 1, today.year + 3), editorial.holidays, editorial.closed_days
    )
    return build_calendar(
        posts, editorial.series, today, config.timezone, closed, load_observances()
    )


def calendar_problems(cal: Calendar) -> list[Problem]:
    """The calendar's warnings as build warnings (an empty slot within 7 days)."""
    return [
        Problem(file="pelicanconf.py", field="SERIES", message=warning, severity="warning")
        for warning in cal.warnings
    ]


def write_calendar(
    cal: Calendar,
    config: SiteConfig,
    now: datetime,
    *,
    held: Sequence[str] = (),
    cache: CheckCache | None = None,
) -> CalendarFiles:
    """Write ``reports/calendar.html`` and ``reports/calendar.ics``; with a ``cache`` (the
    build's), each event of the ``.ics`` is kept as first written, DTSTAMP included, until
    what it says changes (a subscribed calendar app sees only the events that changed;
    the build makes only those, 0.6 s less on a 1000-post site)."""
    files = calendar_files(config)
    files.html.parent.mkdir(parents=True, exist_ok=True)
    domain = urlsplit(config.guid_base).hostname or "localhost"
    files.html.write_text(
        calendar_html(cal, site_name=config.site_name, held=tuple(held)), encoding="utf-8"
    )
    make_event = event_ics if cache is None else _kept_events(cache)
    data = calendar_ics(
        cal, domain=domain, site_name=config.site_name, generated_at=now, make_event=make_event
    )
    files.ics.write_bytes(data)
    return files


def _kept_events(cache: CheckCache) -> EventMaker:
    """Makes an event's bytes once, then gives them back from ``cache`` while the event
    says the same (with the same code)."""

    def make_event(event: EventLines, stamp: datetime) -> bytes:
        made = cache.get(
            "calendar-event-text",  # (a kind of its own for each layout of the value)
            (repr(event), *_ics_code()),
            lambda: event_ics(event, stamp).decode("utf-8"),  # (text: the cache keeps JSON's)
        )
        return cast(str, made).encode("utf-8")

    return make_event


@functools.cache
def _ics_code() -> tuple[str, str]:
    """What makes an event's lines, besides the event: the module and ``icalendar``."""
    return (Path(ics.__file__).read_text("utf-8"), metadata.version("icalendar"))


def masked_posts(
    posts: Iterable[Post],
    masker: Masker,
    *,
    gated: bool = False,
    path: Callable[[str], str] | None = None,
) -> list[Post]:
    """``posts`` as the calendar shows them: identifiers in their titles, file names and
    slugs masked (``reports/`` lies outside the post). ``gated``: the build's gate has
    read every post but the drafts (whose titles the rules read here); what it found is
    in ``masker``. ``path`` masks a file name or slug (``masker.path`` unless given: the
    build passes one that keeps what it masked between builds)."""
    path = path or masker.path

    def title(post: Post) -> str:
        if gated and post.status.strip().casefold() == "published":
            return masker.plain(post.title)
        return masker.quoted(post.title)

    return [
        replace(post, title=title(post), source=path(post.source), slug=path(post.slug))
        for post in posts
    ]


@dataclass(frozen=True)
class PlannedCalendar:
    """The calendar of a build, written once the gate's findings are known
    (:meth:`write`): it lists every post's title, the drafts' among them."""

    posts: tuple[Post, ...]
    config: SiteConfig
    now: datetime
    held: tuple[str, ...] = ()

    def write(self, masker: Masker, cache: CheckCache | None = None) -> CalendarFiles:
        """The calendar's files, masked with ``masker``; file names and slugs masked once
        and kept in ``cache`` (the checks' cache) with the report's."""
        mask = kept_masks(masker, cache)
        posts = masked_posts(self.posts, masker, gated=True, path=lambda p: mask(p, path=True))
        cal = site_calendar(posts, self.config, self.now.date())
        return write_calendar(cal, self.config, self.now, held=self.held, cache=cache)


def summary(cal: Calendar, files: CalendarFiles, *, held: Sequence[str] = ()) -> str:
    """The terminal summary and where the files are."""
    text = calendar_terminal(cal, held=tuple(held))
    return f"{text}\nCalendar: {files.html} and {files.ics}".lstrip("\n")
