"""One call that gathers everything the calendar outputs need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from healthnotes.calendar.model import CalendarSettingsError, Post, PostState
from healthnotes.calendar.observances import (
    Observance,
    Occurrence,
    observance_hints,
    occurrences,
    tagged_for,
)
from healthnotes.calendar.series import Series, membership_problems, numbering, series_of
from healthnotes.calendar.slots import (
    CONSISTENCY_WEEKS,
    Bunch,
    Consistency,
    FilledSlot,
    Slot,
    bunching,
    consistency,
    fill_slots,
    gaps,
    members,
    next_free_slot,
    series_slots,
    upcoming_warning,
    week_start,
)

#: Weeks shown ahead of the current one.
WEEKS_AHEAD = 8


@dataclass(frozen=True, kw_only=True)
class CalendarPost:
    """A post as the calendar sees it."""

    post: Post
    state: PostState
    series: Series | None
    number: int | None  # "#12" within its series (published and scheduled only)
    observances: tuple[str, ...]  # names of observances in the window it is tagged for


@dataclass(frozen=True, kw_only=True)
class SeriesReport:
    """One series over the calendar window."""

    series: Series
    slots: tuple[FilledSlot, ...]  # every slot in the window, closed ones marked
    gaps: tuple[FilledSlot, ...]  # open slots with nothing published or scheduled
    bunches: tuple[Bunch, ...]  # weeks in the window with too many posts
    next_slot: Slot | None  # where `make new SERIES=key` dates a new post
    consistency: Consistency  # over the last CONSISTENCY_WEEKS weeks
    warning: str | None  # set when the next slot within 7 days is not filled


@dataclass(frozen=True, kw_only=True)
class Week:
    """One Monday-to-Sunday row of the calendar."""

    start: date  # Monday
    slots: Mapping[str, tuple[FilledSlot, ...]]  # series key -> its slots this week
    other_posts: tuple[CalendarPost, ...]  # posts in no series
    closed: tuple[tuple[date, str], ...]  # office closed days
    observances: tuple[Occurrence, ...]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)


@dataclass(frozen=True, kw_only=True)
class Calendar:
    """Everything ``reports/calendar.ics``, ``calendar.html`` and the build's summary show."""

    today: date
    timezone: ZoneInfo
    first: date  # first day shown (a Monday)
    last: date  # last day shown (a Sunday)
    series: tuple[SeriesReport, ...]
    weeks: tuple[Week, ...]
    posts: tuple[CalendarPost, ...]  # every post given, by date
    occurrences: tuple[Occurrence, ...]  # observances overlapping the window
    closed_days: Mapping[date, str]  # within the window
    problems: tuple[str, ...]  # posts whose `Series:` names no series
    warnings: tuple[str, ...]  # series slots within 7 days with nothing scheduled
    hints: tuple[str, ...]  # observances near with nothing tagged for them


def _zone(timezone: str | tzinfo) -> ZoneInfo:
    if isinstance(timezone, ZoneInfo):
        return timezone
    try:
        return ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarSettingsError(
            [f'TIMEZONE is {timezone!r}; expected an IANA zone name such as "America/Los_Angeles".']
        ) from None


def build_calendar(
    posts: Iterable[Post],
    series: Sequence[Series],
    today: date,
    timezone: str | tzinfo,
    closed_days: Mapping[date, str],
    observances: Iterable[Observance],
    *,
    weeks_back: int = CONSISTENCY_WEEKS,
    weeks_ahead: int = WEEKS_AHEAD,
) -> Calendar:
    """The practice's calendar from ``weeks_back`` weeks ago to ``weeks_ahead`` weeks ahead.

    ``closed_days`` should reach past the window (next free slots may be further
    out): :func:`healthnotes.calendar.closed.office_closed_days` for
    ``range(today.year - 1, today.year + 3)`` is plenty.
    """
    tz = _zone(timezone)
    all_posts = tuple(sorted(posts, key=lambda p: (p.date, p.slug)))
    first = week_start(today) - timedelta(weeks=weeks_back)
    last = week_start(today) + timedelta(weeks=weeks_ahead + 1) - timedelta(days=1)
    occs = occurrences(observances, first, last)

    reports: list[SeriesReport] = []
    numbers: dict[str, int] = {}
    for s in series:
        own = members(s, all_posts, series)
        numbers.update(numbering(s, own, today, all_series=series, tz=tz))
        filled = fill_slots(series_slots(s, first, last, tz, closed_days), own, today, tz)
        reports.append(
            SeriesReport(
                series=s,
                slots=filled,
                gaps=gaps(filled),
                bunches=tuple(b for b in bunching(s, own, today, tz) if first <= b.week <= last),
                next_slot=next_free_slot(s, own, today, closed_days, tz=tz, all_series=series),
                consistency=consistency(filled, today),
                warning=upcoming_warning(s, filled, today),
            )
        )

    cal_posts = tuple(
        CalendarPost(
            post=p,
            state=p.state(today, tz),
            series=(owner := series_of(p, series)),
            number=numbers.get(p.slug) if owner is not None else None,
            observances=tuple(o.name for o in occs if tagged_for(o, [p])),
        )
        for p in all_posts
    )
    window_closed = {d: r for d, r in sorted(closed_days.items()) if first <= d <= last}
    weeks = []
    monday = first
    while monday <= last:
        sunday = monday + timedelta(days=6)
        weeks.append(
            Week(
                start=monday,
                slots={
                    r.series.key: tuple(f for f in r.slots if week_start(f.slot.day) == monday)
                    for r in reports
                },
                other_posts=tuple(
                    cp
                    for cp in cal_posts
                    if cp.series is None and monday <= cp.post.local_date(tz) <= sunday
                ),
                closed=tuple((d, r) for d, r in window_closed.items() if monday <= d <= sunday),
                observances=tuple(o for o in occs if o.overlaps(monday, sunday)),
            )
        )
        monday += timedelta(weeks=1)

    return Calendar(
        today=today,
        timezone=tz,
        first=first,
        last=last,
        series=tuple(reports),
        weeks=tuple(weeks),
        posts=cal_posts,
        occurrences=occs,
        closed_days=window_closed,
        problems=membership_problems(all_posts, series),
        warnings=tuple(r.warning for r in reports if r.warning),
        hints=observance_hints(occs, all_posts, today, tz),
    )
