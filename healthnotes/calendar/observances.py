"""U.S. national health observances: a shipped data file and the rules that date them.

``data/observances.csv`` holds one row per observance with its official name,
its sponsor and a source to check it against (mostly the federal National
Health Observances list kept by ODPHP). The date rule is data too:

* ``kind=month``: the whole ``month``.
* ``kind=week`` / ``kind=day``: starts on ``day`` of ``month``, or on the
  ``nth`` ``weekday`` of ``month`` (nth 1..5, or -1 for the last), and lasts
  ``days`` days (a day observance lasts one). "First full week of December"
  (Monday to Sunday) is ``nth=1, weekday=monday, days=7``.

Posts are "for" an observance when they carry one of its ``tags``.
"""

from __future__ import annotations

import calendar as _calendar
import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from pathlib import Path

from healthnotes.calendar.model import CalendarSettingsError, Post, normalise_tag
from healthnotes.calendar.series import WEEKDAYS
from healthnotes.calendar.slots import nth_weekday

DATA_FILE = Path(__file__).resolve().parent / "data" / "observances.csv"
KINDS = ("month", "week", "day")
COLUMNS = ("name", "kind", "month", "day", "nth", "weekday", "days", "tags", "sponsor", "source")
#: An observance starting within this many days, with nothing tagged for it, gets a hint.
HINT_DAYS = 21


@dataclass(frozen=True, kw_only=True)
class Observance:
    """One observance and its date rule (see the module text)."""

    name: str
    kind: str  # month, week or day
    month: int
    day: int | None = None
    nth: int | None = None
    weekday: int | None = None  # 0 = Monday
    days: int = 1
    tags: tuple[str, ...] = ()
    sponsor: str = ""
    source: str = ""

    def dates(self, year: int) -> tuple[date, date] | None:
        """First and last day (both included) in ``year``, or None if it does not fall."""
        if self.kind == "month":
            return date(year, self.month, 1), date(
                year, self.month, _calendar.monthrange(year, self.month)[1]
            )
        if self.day is not None:
            start: date | None = date(year, self.month, self.day)
        else:
            assert self.nth is not None and self.weekday is not None
            start = nth_weekday(year, self.month, self.weekday, self.nth)
        if start is None:
            return None
        return start, start + timedelta(days=self.days - 1)


@dataclass(frozen=True, kw_only=True)
class Occurrence:
    """An observance in one year."""

    observance: Observance
    start: date
    end: date  # included

    @property
    def name(self) -> str:
        return self.observance.name

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and self.end >= first


def _int(row: dict[str, str], key: str, where: str, errors: list[str]) -> int | None:
    raw = (row.get(key) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        errors.append(f"{where}: {key!r} is {raw!r}; expected a whole number.")
        return None


def _parse_row(row: dict[str, str], where: str, errors: list[str]) -> Observance | None:
    before = len(errors)
    name = (row.get("name") or "").strip()
    kind = (row.get("kind") or "").strip().casefold()
    if not name:
        errors.append(f"{where}: 'name' is empty; give the observance's official name.")
    if kind not in KINDS:
        errors.append(f"{where}: 'kind' is {kind!r}; expected one of {', '.join(KINDS)}.")
    month = _int(row, "month", where, errors)
    if month is None or not 1 <= month <= 12:
        errors.append(f"{where}: 'month' is {row.get('month')!r}; expected 1 to 12.")
    day = _int(row, "day", where, errors)
    nth = _int(row, "nth", where, errors)
    days = _int(row, "days", where, errors)
    weekday_raw = (row.get("weekday") or "").strip().casefold()
    weekday = WEEKDAYS.get(weekday_raw) if weekday_raw else None
    if weekday_raw and weekday is None:
        errors.append(f"{where}: 'weekday' is {weekday_raw!r}; expected a day name like monday.")
    if kind in ("week", "day"):
        if (day is None) == (nth is None or weekday is None):
            errors.append(
                f"{where}: a {kind} observance needs either 'day' or both 'nth' and 'weekday'."
            )
        if nth is not None and nth not in (1, 2, 3, 4, 5, -1):
            errors.append(f"{where}: 'nth' is {nth}; expected 1 to 5, or -1 for the last.")
        if (
            day is not None
            and month is not None
            and 1 <= month <= 12
            and not 1 <= day <= _calendar.monthrange(2024, month)[1]  # 2024: a leap year
        ):
            errors.append(f"{where}: 'day' {day} does not exist in month {month}.")
        if days is not None and days < 1:
            errors.append(f"{where}: 'days' is {days}; expected 1 or more.")
    if not (row.get("source") or "").strip():
        errors.append(f"{where}: 'source' is empty; give where the observance is listed.")
    if len(errors) > before:
        return None
    assert month is not None
    return Observance(
        name=name,
        kind=kind,
        month=month,
        day=day,
        nth=nth,
        weekday=weekday,
        days=1 if kind == "day" else (days or 7) if kind == "week" else 0,
        tags=tuple(t.strip() for t in (row.get("tags") or "").split("|") if t.strip()),
        sponsor=(row.get("sponsor") or "").strip(),
        source=(row.get("source") or "").strip(),
    )


def load_observances(path: Path = DATA_FILE) -> tuple[Observance, ...]:
    """Read and check an observances CSV (the shipped one by default)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise CalendarSettingsError(
                [f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}."]
            )
        errors: list[str] = []
        rows = [_parse_row(row, f"{path}:{reader.line_num}", errors) for row in reader]
    if errors:
        raise CalendarSettingsError(errors)
    return tuple(o for o in rows if o is not None)


def occurrences(
    observances: Iterable[Observance], first: date, last: date
) -> tuple[Occurrence, ...]:
    """Every occurrence overlapping ``first``..``last``, by start date."""
    found = []
    for observance in observances:
        for year in range(first.year - 1, last.year + 1):
            span = observance.dates(year)
            if span is None:
                continue
            occ = Occurrence(observance=observance, start=span[0], end=span[1])
            if occ.overlaps(first, last):
                found.append(occ)
    return tuple(sorted(found, key=lambda o: (o.start, o.name)))


def tagged_for(occurrence: Occurrence, posts: Iterable[Post]) -> tuple[Post, ...]:
    """Posts carrying one of the observance's tags."""
    wanted = {normalise_tag(t) for t in occurrence.observance.tags}
    return tuple(p for p in posts if not wanted.isdisjoint(map(normalise_tag, p.tags)))


def planned_for(
    occurrence: Occurrence, posts: Iterable[Post], tz: tzinfo, lead_days: int = HINT_DAYS
) -> tuple[Post, ...]:
    """Tagged posts (any status) dated from ``lead_days`` before it starts to its end."""
    first = occurrence.start - timedelta(days=lead_days)
    return tuple(
        p for p in tagged_for(occurrence, posts) if first <= p.local_date(tz) <= occurrence.end
    )


def observance_hints(
    occurrences_: Sequence[Occurrence],
    posts: Sequence[Post],
    today: date,
    tz: tzinfo,
    within_days: int = HINT_DAYS,
) -> tuple[str, ...]:
    """A hint per observance running or starting within ``within_days``, nothing planned."""
    hints = []
    for occ in occurrences_:
        if occ.end < today or occ.start > today + timedelta(days=within_days):
            continue
        if planned_for(occ, posts, tz, within_days):
            continue
        if occ.start <= today:
            when = f"runs until {occ.end:%A} {occ.end.day} {occ.end:%B}"
        else:
            in_days = (occ.start - today).days
            when = (
                f"starts {occ.start:%A} {occ.start.day} {occ.start:%B} "
                f"(in {in_days} day{'s' if in_days != 1 else ''})"
            )
        tags = ", ".join(occ.observance.tags) or "its topic"
        hints.append(
            f"{occ.name} {when} and no post tagged for it is planned; "
            f"consider a post with Tags: {tags} (source: {occ.observance.source})."
        )
    return tuple(hints)
