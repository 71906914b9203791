"""Slots: when each series is due, and how the posts fill them.

All days are calendar days in the practice's time zone; a slot's start is that
day at the series' wall-clock time in that zone, so 09:00 stays 09:00 across a
daylight-saving change. Weeks run Monday to Sunday. A post fills the slot of
its own week; a closed day's slot is marked and never due or proposed.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from healthnotes.calendar.model import Post, PostState
from healthnotes.calendar.series import Series, series_of

#: How far back the consistency figure looks.
CONSISTENCY_WEEKS = 12
#: A series whose next slot within this many days is not filled gets a build warning.
WARNING_DAYS = 7
#: How far ahead :func:`next_free_slot` looks before giving up.
SEARCH_DAYS = 800


class SlotState(StrEnum):
    PUBLISHED = "published"
    SCHEDULED = "scheduled"
    DRAFT = "draft only"  # something is written but not scheduled
    EMPTY = "empty"
    CLOSED = "office closed"


#: A slot's state from the best post in its week (first match wins).
STATE_ORDER: tuple[tuple[PostState, SlotState], ...] = (
    (PostState.PUBLISHED, SlotState.PUBLISHED),
    (PostState.SCHEDULED, SlotState.SCHEDULED),
    (PostState.DRAFT, SlotState.DRAFT),
)
FILLED = frozenset({SlotState.PUBLISHED, SlotState.SCHEDULED})


@dataclass(frozen=True, kw_only=True)
class Slot:
    """One due date of a series."""

    series_key: str
    day: date
    start: datetime  # aware, in the practice's zone
    closed: str | None = None  # why the office is closed that day


@dataclass(frozen=True, kw_only=True)
class FilledSlot:
    """A slot with the series' posts of its week and the resulting state."""

    slot: Slot
    posts: tuple[Post, ...]
    state: SlotState

    @property
    def is_gap(self) -> bool:
        """Due (office open) and nothing published or scheduled."""
        return self.state in (SlotState.EMPTY, SlotState.DRAFT)


@dataclass(frozen=True, kw_only=True)
class Bunch:
    """A week with more posts of one series than its cadence allows."""

    series_key: str
    week: date  # Monday
    posts: tuple[Post, ...]
    allowed: int


@dataclass(frozen=True, kw_only=True)
class Consistency:
    """Slots filled / slots due over a period (closed days are not due)."""

    filled: int
    due: int
    weeks: int = CONSISTENCY_WEEKS

    @property
    def ratio(self) -> float | None:
        """Between 0 and 1, or None when nothing was due."""
        return self.filled / self.due if self.due else None

    def describe(self) -> str:
        if not self.due:
            return f"no slots due in the last {self.weeks} weeks"
        return (
            f"{self.filled} of {self.due} slots filled in the last {self.weeks} weeks "
            f"({self.ratio:.0%})"
        )


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The nth (1..5, or -1 for last) ``weekday`` of a month, or None if there is none."""
    days = [
        date(year, month, d)
        for d in range(1, _calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).weekday() == weekday
    ]
    if nth == -1:
        return days[-1]
    return days[nth - 1] if nth <= len(days) else None


def slot_days(series: Series, first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last`` (both included) that is a slot of ``series``."""
    if series.start is not None:
        first = max(first, series.start)
    anchor = series.start or date(2001, 1, 1)  # a Monday: weekly series count from any week
    day = first + timedelta(days=(series.weekday - first.weekday()) % 7)
    while day <= last:
        if series.cadence.monthly:
            if day == nth_weekday(day.year, day.month, series.weekday, series.nth or 1):
                yield day
        elif ((day - week_start(anchor)).days // 7) % series.cadence.every_weeks == 0:
            yield day
        day += timedelta(days=7)


def slot_at(series: Series, day: date, tz: tzinfo, closed_days: Mapping[date, str]) -> Slot:
    """The slot of ``series`` on ``day`` (which must be one of its days)."""
    return Slot(
        series_key=series.key,
        day=day,
        start=datetime.combine(day, series.time, tzinfo=tz),
        closed=closed_days.get(day),
    )


def series_slots(
    series: Series, first: date, last: date, tz: tzinfo, closed_days: Mapping[date, str]
) -> tuple[Slot, ...]:
    """The series' slots between two days (included), closed ones marked."""
    return tuple(slot_at(series, d, tz, closed_days) for d in slot_days(series, first, last))


def members(
    series: Series, posts: Iterable[Post], all_series: Sequence[Series] = ()
) -> tuple[Post, ...]:
    """The posts that belong to ``series`` (given the whole setting), by date."""
    declared = all_series or (series,)
    return tuple(
        sorted(
            (p for p in posts if series_of(p, declared) == series), key=lambda p: (p.date, p.slug)
        )
    )


def fill_slots(
    slots: Iterable[Slot], series_posts: Iterable[Post], today: date, tz: tzinfo
) -> tuple[FilledSlot, ...]:
    """Each slot with the series' posts of its week and its state."""
    by_week: dict[date, list[Post]] = {}
    for post in series_posts:
        by_week.setdefault(week_start(post.local_date(tz)), []).append(post)
    result = []
    for slot in slots:
        week_posts = tuple(by_week.get(week_start(slot.day), ()))
        states = {p.state(today, tz) for p in week_posts}
        state = next((s for p, s in STATE_ORDER if p in states), SlotState.EMPTY)
        if slot.closed is not None:
            state = SlotState.CLOSED
        result.append(FilledSlot(slot=slot, posts=week_posts, state=state))
    return tuple(result)


def gaps(filled: Iterable[FilledSlot]) -> tuple[FilledSlot, ...]:
    """Open slots with nothing published or scheduled (a draft alone is still a gap)."""
    return tuple(f for f in filled if f.is_gap)


def bunching(
    series: Series, series_posts: Iterable[Post], today: date, tz: tzinfo
) -> tuple[Bunch, ...]:
    """Weeks holding more published or scheduled posts of the series than it allows."""
    by_week: dict[date, list[Post]] = {}
    for post in series_posts:
        if post.state(today, tz) is not PostState.DRAFT:
            by_week.setdefault(week_start(post.local_date(tz)), []).append(post)
    allowed = series.cadence.max_per_week
    return tuple(
        Bunch(series_key=series.key, week=week, posts=tuple(posts), allowed=allowed)
        for week, posts in sorted(by_week.items())
        if len(posts) > allowed
    )


def consistency(
    filled: Iterable[FilledSlot], today: date, weeks: int = CONSISTENCY_WEEKS
) -> Consistency:
    """Slots filled / slots due, for open slots in the ``weeks`` before today."""
    since = today - timedelta(weeks=weeks)
    due = [f for f in filled if since <= f.slot.day < today and f.state is not SlotState.CLOSED]
    return Consistency(filled=sum(1 for f in due if f.state in FILLED), due=len(due), weeks=weeks)


def next_free_slot(
    series: Series,
    posts: Iterable[Post],
    today: date,
    closed_days: Mapping[date, str],
    *,
    tz: tzinfo,
    all_series: Sequence[Series] = (),
) -> Slot | None:
    """The first open slot on or after ``today`` whose week has no post of the series yet.

    This is the date `make new SERIES=...` gives a new post. A week holding a
    draft is taken (the draft is meant for it). None if nothing is free within
    :data:`SEARCH_DAYS` days.
    """
    series_posts = members(series, posts, all_series)
    taken = {week_start(p.local_date(tz)) for p in series_posts}
    for day in slot_days(series, today, today + timedelta(days=SEARCH_DAYS)):
        if day not in closed_days and week_start(day) not in taken:
            return slot_at(series, day, tz, closed_days)
    return None


def _when(start: datetime) -> str:
    return f"{start:%A} {start.day} {start:%B %Y} at {start:%H:%M} {start.tzname()}"


def upcoming_warning(
    series: Series, filled: Iterable[FilledSlot], today: date, days: int = WARNING_DAYS
) -> str | None:
    """The build warning when the series' next open slot within ``days`` days is not filled."""
    upcoming = [
        f
        for f in filled
        if today <= f.slot.day <= today + timedelta(days=days) and f.state is not SlotState.CLOSED
    ]
    if not upcoming or not upcoming[0].is_gap:
        return None
    first = upcoming[0]
    in_days = (first.slot.day - today).days
    when = "today" if in_days == 0 else f"in {in_days} day{'s' if in_days != 1 else ''}"
    head = f"{series.name}: the slot on {_when(first.slot.start)} ({when})"
    if first.state is SlotState.DRAFT:
        drafts = ", ".join(f"{p.title!r} ({p.source})" for p in first.posts)
        return (
            f"{head} has only a draft: {drafts}. Set its Status to published to schedule it, "
            "or schedule another post for that week."
        )
    joins = f"Series: {series.key}" + (f" or Type: {series.type}" if series.type else "")
    return (
        f"{head} has nothing scheduled. Date a post for that week ({joins}), "
        f"or run `make new SERIES={series.key}`."
    )
