"""Days the office is closed: public holidays (the ``holidays`` library) plus the practice's own.

Settings (both optional)::

    OFFICE_HOLIDAYS = {"country": "US", "subdiv": "OR", "open_on": ["Columbus Day"]}
    CLOSED_DAYS = [{"date": "2026-12-24", "name": "Christmas Eve (office closed)"}]

``open_on`` lists holiday names (as the ``holidays`` library spells them) on
which the office stays open, so their slots are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from healthnotes.calendar.model import CalendarSettingsError

HOLIDAYS_SETTING = "OFFICE_HOLIDAYS"
CLOSED_SETTING = "CLOSED_DAYS"


@dataclass(frozen=True, kw_only=True)
class HolidayRules:
    """Which public holidays close the office."""

    country: str | None = "US"  # None: no public holidays, only CLOSED_DAYS
    subdiv: str | None = None  # state, e.g. "OR"
    open_on: tuple[str, ...] = ()  # holiday names the office stays open on


def parse_office_holidays(value: Any) -> HolidayRules:
    """Check ``OFFICE_HOLIDAYS`` (None means the U.S. federal holidays)."""
    if value is None:
        return HolidayRules()
    if value is False:
        return HolidayRules(country=None)
    if not isinstance(value, Mapping):
        raise CalendarSettingsError(
            [
                f"{HOLIDAYS_SETTING} is {type(value).__name__}; expected a dict like "
                '{"country": "US", "subdiv": "OR"}, or False for no public holidays.'
            ]
        )
    errors: list[str] = []
    unknown = sorted(set(value) - {"country", "subdiv", "open_on"}, key=str)
    if unknown:
        errors.append(
            f"{HOLIDAYS_SETTING}: unknown key(s) {', '.join(map(repr, unknown))}; "
            "known keys are country, subdiv, open_on."
        )
    country = value.get("country", "US")
    subdiv = value.get("subdiv")
    open_on = value.get("open_on", ())
    import holidays  # imported when used: a process that reads a post never needs it

    supported = holidays.list_supported_countries()
    if not isinstance(country, str) or country.upper() not in supported:
        errors.append(
            f"{HOLIDAYS_SETTING}: 'country' is {country!r}; expected an ISO 3166 code the "
            'holidays library knows, such as "US".'
        )
    elif subdiv is not None and subdiv not in supported[country.upper()]:
        errors.append(
            f"{HOLIDAYS_SETTING}: 'subdiv' is {subdiv!r}; expected one of "
            f"{', '.join(supported[country.upper()])} for {country.upper()}, or leave it out."
        )
    if isinstance(open_on, str) or not all(isinstance(n, str) for n in open_on):
        errors.append(
            f"{HOLIDAYS_SETTING}: 'open_on' is {open_on!r}; expected a list of holiday names "
            'such as ["Columbus Day", "Veterans Day"].'
        )
    if errors:
        raise CalendarSettingsError(errors)
    return HolidayRules(country=country.upper(), subdiv=subdiv, open_on=tuple(open_on))


def parse_closed_days(value: Any) -> dict[date, str]:
    """Check ``CLOSED_DAYS``: a list of {"date", "name"} dicts (or a {date: name} dict)."""
    if value is None:
        return {}
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, (list, tuple)):
        items = [
            (entry.get("date"), entry.get("name", "Office closed"))
            if isinstance(entry, Mapping)
            else (entry, "Office closed")
            for entry in value
        ]
    else:
        raise CalendarSettingsError(
            [
                f"{CLOSED_SETTING} is {type(value).__name__}; expected a list like "
                '[{"date": "2026-12-24", "name": "Christmas Eve"}].'
            ]
        )
    closed: dict[date, str] = {}
    errors: list[str] = []
    for index, (raw, name) in enumerate(items):
        day: date | None = None
        if isinstance(raw, date):
            day = raw
        elif isinstance(raw, str):
            try:
                day = date.fromisoformat(raw.strip())
            except ValueError:
                day = None
        if day is None:
            errors.append(
                f"{CLOSED_SETTING}[{index}]: 'date' is {raw!r}; expected a date like "
                '"2026-12-24".'
            )
            continue
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{CLOSED_SETTING}[{index}]: 'name' is {name!r}; expected a text.")
            continue
        closed[day] = name.strip()
    if errors:
        raise CalendarSettingsError(errors)
    return closed


def office_closed_days(
    years: Iterable[int], rules: HolidayRules, extra: Mapping[date, str] | None = None
) -> dict[date, str]:
    """Every closed day in ``years``: day -> reason ("Thanksgiving Day", "Staff training")."""
    closed: dict[date, str] = {}
    if rules.country is not None:
        import holidays

        public = holidays.country_holidays(rules.country, subdiv=rules.subdiv, years=list(years))
        open_on = {n.casefold() for n in rules.open_on}
        for day, names in sorted(public.items()):
            kept = [n for n in names.split("; ") if n.casefold() not in open_on]
            if kept:
                closed[day] = "; ".join(kept)
    for day, reason in (extra or {}).items():
        closed[day] = f"{closed[day]}; {reason}" if day in closed else reason
    return closed
