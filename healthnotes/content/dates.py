"""The date forms a post may use, read one way only.

``Date``, ``Modified``, ``Last_Reviewed`` and ``Recall_Date`` accept the same forms:

* ISO: ``2026-12-04`` or ``2026-12-04 09:00`` (also ``2026-12-04T09:00``);
* written out: ``December 4, 2026`` or ``4 December 2026`` (a month's first three
  letters do too: ``Dec 4, 2026``), optionally followed by a time: ``9:00``,
  ``09:00``, ``9:00 am`` or ``9 pm``.

A date written with numbers only in another order (``04/12/2026``, ``12.03.2026``)
means April 12 in the U.S. and December 4 in most other places, so it is never
guessed: it is a problem whose message offers the ISO reading(s). A time without a
date is taken as the practice's local time (the site's ``TIMEZONE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: Month names and their first three letters (and "sept") -> month number.
_MONTH_NUMBERS = {
    **{name: n for n, name in enumerate(MONTHS, start=1)},
    **{name[:3]: n for n, name in enumerate(MONTHS, start=1)},
    "sept": 9,
}
FORMS = "YYYY-MM-DD (e.g. 2026-12-04), with a time if needed (2026-12-04 09:00)"
FORMS_WRITTEN = "or written out: December 4, 2026 / 4 December 2026"

_TIME = (
    r"(?:[ T]+(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_ISO = re.compile(rf"(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}}){_TIME}", re.I)
_MONTH_DAY_YEAR = re.compile(
    rf"(?P<mname>[a-z]+)\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}),?{_TIME}",
    re.I,
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mname>[a-z]+)\.?,?\s+(?P<year>\d{{4}}),?{_TIME}",
    re.I,
)
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{2,4})(?P<rest>.*)")


@dataclass(frozen=True)
class DateProblem:
    """Why a date's text was not read, and the fix to offer."""

    message: str
    #: Written in numbers in an order other than YYYY-MM-DD: never handed to a parser
    #: that would guess.
    numeric: bool = False


def parse_when(text: str) -> datetime | DateProblem:
    """The moment ``text`` names (naive: the practice's local time), or why not."""
    value = " ".join(str(text).split())
    for pattern in (_ISO, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.fullmatch(value)
        if match:
            return _moment(match, value)
    numeric = _NUMERIC.fullmatch(value)
    if numeric:
        return _numeric_problem(numeric, value)
    return DateProblem(f"{value!r} is not a date; expected {FORMS}, {FORMS_WRITTEN}")


def parse_day(text: str) -> date | DateProblem:
    """A calendar day in any accepted form (a time, if given, is ignored)."""
    when = parse_when(text)
    return when.date() if isinstance(when, datetime) else when


def _moment(match: re.Match[str], value: str) -> datetime | DateProblem:
    parts = match.groupdict()
    if parts.get("mname") is not None:
        month = _MONTH_NUMBERS.get(parts["mname"].lower())
        if month is None:
            return DateProblem(
                f"{value!r}: {parts['mname']!r} is not a month; expected {FORMS}, {FORMS_WRITTEN}"
            )
    else:
        month = int(parts["month"])
    hour = int(parts["hour"]) if parts.get("hour") else 0
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return DateProblem(f"{value!r}: {hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    try:
        return datetime(
            int(parts["year"]),
            month,
            int(parts["day"]),
            hour,
            int(parts.get("minute") or 0),
            int(parts.get("second") or 0),
        )
    except ValueError as error:
        return DateProblem(f"{value!r} is not a real date or time ({error}); expected {FORMS}")


def _numeric_problem(match: re.Match[str], value: str) -> DateProblem:
    """``04/12/2026``: offer every real reading in ISO form."""
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if year < 100:
        year += 2000
    rest = match["rest"].strip()
    days = []
    for month, day in ((a, b), (b, a)):
        try:
            days.append(date(year, month, day).isoformat())
        except ValueError:
            continue
    readings = [f"{day} {rest}" if rest else day for day in dict.fromkeys(days)]
    if not readings:
        return DateProblem(f"{value!r} is not a real date; expected {FORMS}", numeric=True)
    offer = " or ".join(readings)
    return DateProblem(
        f"{value!r} can be read more than one way (month/day or day/month); "
        f"write it as YYYY-MM-DD: did you mean {offer}?"
        if len(readings) > 1
        else f"{value!r}: write dates as YYYY-MM-DD (a date in numbers can be read "
        f"more than one way); did you mean {offer}?",
        numeric=True,
    )
