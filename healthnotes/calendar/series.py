"""Recurring series: the ``SERIES`` setting, which posts belong, and their numbers.

A series is a promise to readers ("Misconception of the Week, every Monday").
The settings declare each one as a dict; :func:`parse_series` checks them all
and reports every mistake as one line naming the setting, the entry and the key.

Cadences are data (:data:`CADENCES`): how many weeks between slots, or which
weekday of the month.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, tzinfo
from typing import Any

from healthnotes.calendar.model import CalendarSettingsError, Post, PostState, normalise_tag

SETTING = "SERIES"

WEEKDAYS: Mapping[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, kw_only=True)
class Cadence:
    """How often a series has a slot.

    ``every_weeks`` slots fall every that many weeks (counted from the series'
    ``start``); ``monthly`` slots fall on the ``nth`` weekday of each month.
    ``max_per_week`` is how many posts of the series one week may hold before
    it counts as bunching.
    """

    name: str
    every_weeks: int = 1
    monthly: bool = False
    max_per_week: int = 1
    description: str = ""


CADENCES: Mapping[str, Cadence] = {
    c.name: c
    for c in (
        Cadence(name="weekly", every_weeks=1, description="every week"),
        Cadence(name="biweekly", every_weeks=2, description="every other week (from `start`)"),
        Cadence(name="monthly", monthly=True, description="the `nth` weekday of each month"),
    )
}

#: ``nth`` for monthly series: 1..5, or -1 for the last such weekday of the month.
NTH_VALUES = (1, 2, 3, 4, 5, -1)

KNOWN_KEYS = (
    "key",
    "name",
    "type",
    "tag",
    "weekday",
    "time",
    "cadence",
    "nth",
    "start",
    "number_from",
)


@dataclass(frozen=True, kw_only=True)
class Series:
    """One recurring series as the practice declared it."""

    key: str  # short id used in `Series:` fields, UIDs and `make new SERIES=...`
    name: str  # "Misconception of the Week"
    weekday: int  # 0 = Monday ... 6 = Sunday
    time: time  # wall-clock time in the practice's zone
    cadence: Cadence
    type: str | None = None  # posts of this type belong (unless they name another series)
    tag: str | None = None  # posts with this tag belong (unless they name another series)
    nth: int | None = None  # monthly only: 1..5 or -1 (last)
    start: date | None = None  # no slots before this day; biweekly counts from here
    number_from: int = 1  # number of the series' first post

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.weekday]

    def describe(self) -> str:
        """'every Monday at 09:00' and the like, for reports."""
        at = f"{self.time:%H:%M}"
        if self.cadence.monthly:
            nth = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
            return f"the {nth[self.nth or 1]} {self.weekday_name} of each month at {at}"
        if self.cadence.every_weeks == 1:
            return f"every {self.weekday_name} at {at}"
        return f"every {self.cadence.every_weeks} weeks on {self.weekday_name} at {at}"


# --- parsing the setting ------------------------------------------------------


def _where(index: int, entry: Mapping[str, Any]) -> str:
    key = entry.get("key")
    return f"{SETTING}[{index}]" + (f" ({key!r})" if isinstance(key, str) and key else "")


def _text(entry: Mapping[str, Any], key: str, where: str, errors: list[str]) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{where}: {key!r} is {value!r}; expected a non-empty text.")
        return None
    return value.strip()


def _parse_time(value: Any, where: str, errors: list[str]) -> time | None:
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        try:
            parsed = time.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                return parsed
    errors.append(
        f"{where}: 'time' is {value!r}; expected a wall-clock time like \"09:00\" "
        "(the practice's TIMEZONE applies, so give no offset)."
    )
    return None


def _parse_date(value: Any, key: str, where: str, errors: list[str]) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    errors.append(f'{where}: {key!r} is {value!r}; expected a date like "2026-01-05".')
    return None


def _parse_entry(index: int, entry: Any, errors: list[str]) -> Series | None:
    if not isinstance(entry, Mapping):
        errors.append(
            f"{SETTING}[{index}] is {type(entry).__name__}; expected a dict like "
            '{"key": "myth", "name": "Misconception of the Week", "type": "misconception", '
            '"weekday": "monday", "time": "09:00", "cadence": "weekly"}.'
        )
        return None
    where = _where(index, entry)
    before = len(errors)
    unknown = sorted(set(entry) - set(KNOWN_KEYS), key=str)
    if unknown:
        errors.append(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
            f"known keys are {', '.join(KNOWN_KEYS)}."
        )
    for required in ("key", "name", "weekday", "time"):
        if required not in entry:
            errors.append(f"{where}: {required!r} is missing; add it to the entry.")
    key = _text(entry, "key", where, errors)
    if key is not None and not all(ch.isalnum() or ch in "-_" for ch in key):
        errors.append(
            f"{where}: 'key' is {key!r}; use letters, digits, '-' or '_' only "
            "(it appears in `Series:` fields and calendar UIDs)."
        )
    name = _text(entry, "name", where, errors)
    post_type = _text(entry, "type", where, errors)
    tag = _text(entry, "tag", where, errors)
    if post_type is None and tag is None and "type" not in entry and "tag" not in entry:
        errors.append(
            f"{where}: give 'type' (e.g. \"misconception\") or 'tag' so posts can join the "
            "series without a `Series:` line."
        )
    weekday_raw = entry.get("weekday")
    weekday: int | None = None
    if isinstance(weekday_raw, str) and weekday_raw.strip().casefold() in WEEKDAYS:
        weekday = WEEKDAYS[weekday_raw.strip().casefold()]
    elif "weekday" in entry:
        errors.append(
            f"{where}: 'weekday' is {weekday_raw!r}; expected a day name such as "
            '"monday" or "wed".'
        )
    at = _parse_time(entry["time"], where, errors) if "time" in entry else None
    cadence_raw = entry.get("cadence", "weekly")
    cadence = CADENCES.get(cadence_raw.strip().casefold()) if isinstance(cadence_raw, str) else None
    if cadence is None:
        errors.append(
            f"{where}: 'cadence' is {cadence_raw!r}; expected one of "
            f"{', '.join(repr(c) for c in CADENCES)}."
        )
    nth = entry.get("nth")
    if cadence is not None and cadence.monthly:
        if nth not in NTH_VALUES or isinstance(nth, bool):
            errors.append(
                f"{where}: 'nth' is {nth!r}; a monthly series needs 'nth' 1 to 5 "
                "(first to fifth) or -1 (last)."
            )
    elif nth is not None:
        errors.append(f"{where}: 'nth' applies to the monthly cadence only; remove it.")
    start = _parse_date(entry.get("start"), "start", where, errors)
    if cadence is not None and cadence.every_weeks > 1 and "start" not in entry:
        errors.append(
            f"{where}: a {cadence.name} series needs 'start', the date of one of its slots "
            '(e.g. "2026-01-07"), to know which weeks are on.'
        )
    if start is not None and weekday is not None and start.weekday() != weekday:
        errors.append(
            f"{where}: 'start' {start.isoformat()} is a {WEEKDAY_NAMES[start.weekday()]}, "
            f"not a {WEEKDAY_NAMES[weekday]}; give a date on the series' weekday."
        )
    number_from = entry.get("number_from", 1)
    if not isinstance(number_from, int) or isinstance(number_from, bool) or number_from < 0:
        errors.append(
            f"{where}: 'number_from' is {number_from!r}; expected a whole number "
            "(the number of the series' first post, usually 1)."
        )
    if len(errors) > before:
        return None
    assert key and name and weekday is not None and at is not None and cadence is not None
    return Series(
        key=key,
        name=name,
        weekday=weekday,
        time=at,
        cadence=cadence,
        type=post_type.casefold() if post_type else None,
        tag=tag,
        nth=nth if cadence.monthly else None,
        start=start,
        number_from=number_from,
    )


def parse_series(value: Any, *, known_types: Iterable[str] = ()) -> tuple[Series, ...]:
    """Check the ``SERIES`` setting and return the series in the order given.

    Raises :class:`CalendarSettingsError` listing every mistake, one line each.
    ``known_types`` (e.g. the four post types) lets a misspelt ``type`` be caught.
    """
    if value is None:
        return ()
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise CalendarSettingsError(
            [f"{SETTING} is {type(value).__name__}; expected a list of dicts, one per series."]
        )
    errors: list[str] = []
    parsed: list[Series] = []
    types = {t.casefold() for t in known_types}
    for index, entry in enumerate(value):
        series = _parse_entry(index, entry, errors)
        if series is None:
            continue
        if types and series.type is not None and series.type not in types:
            errors.append(
                f"{_where(index, entry)}: 'type' is {series.type!r}; expected one of "
                f"{', '.join(sorted(types))}."
            )
        parsed.append(series)
    for attr in ("key", "name"):
        seen: dict[str, int] = {}
        for index, series in enumerate(parsed):
            folded = getattr(series, attr).casefold()
            if folded in seen:
                errors.append(
                    f"{SETTING}: {attr} {getattr(series, attr)!r} is used by two series; "
                    "each series needs its own."
                )
            seen[folded] = index
    if errors:
        raise CalendarSettingsError(errors)
    return tuple(parsed)


# --- membership and numbering -------------------------------------------------


def find_series(name: str, series: Sequence[Series]) -> Series | None:
    """The series a `Series:` field names, by key or by name (case-blind)."""
    wanted = name.strip().casefold()
    for s in series:
        if wanted in (s.key.casefold(), s.name.casefold()):
            return s
    return None


def series_of(post: Post, series: Sequence[Series]) -> Series | None:
    """The series a post belongs to.

    An explicit ``Series:`` field wins (a field naming no series gives ``None``;
    :func:`membership_problems` reports it). Otherwise the first series, in
    settings order, whose ``type`` or ``tag`` matches.
    """
    if post.series is not None and post.series.strip():
        return find_series(post.series, series)
    tags = {normalise_tag(t) for t in post.tags}
    for s in series:
        if s.type is not None and s.type == post.type.casefold():
            return s
        if s.tag is not None and normalise_tag(s.tag) in tags:
            return s
    return None


def membership_problems(posts: Iterable[Post], series: Sequence[Series]) -> tuple[str, ...]:
    """One line for each post whose `Series:` field names no declared series."""
    known = ", ".join(f"{s.key} ({s.name})" for s in series) or "none declared"
    return tuple(
        f"{post.source}: 'Series: {post.series}' names no series in {SETTING}; use one of: {known}."
        for post in posts
        if post.series is not None
        and post.series.strip()
        and find_series(post.series, series) is None
    )


def numbering(
    series: Series,
    posts: Iterable[Post],
    today: date,
    *,
    all_series: Sequence[Series] = (),
    tz: tzinfo | None = None,
) -> dict[str, int]:
    """Slug -> number ("#12") for the series' published and scheduled posts, by date.

    Drafts have no number yet: numbers are stable once a post is dated. Pass
    ``all_series`` (the whole setting) so a post claimed by an earlier series
    is not counted here.
    """
    declared = all_series or (series,)
    members = sorted(
        (
            p
            for p in posts
            if p.state(today, tz) is not PostState.DRAFT and series_of(p, declared) == series
        ),
        key=lambda p: (p.date, p.slug),
    )
    return {p.slug: series.number_from + i for i, p in enumerate(members)}
