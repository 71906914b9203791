"""The practice's publishing calendar: series, slots, observances, .ics and reports.

Self-contained (no Pelican): the build turns articles into :class:`Post` values
and calls :func:`build_calendar`; the outputs take the :class:`Calendar` it returns.
"""

from healthnotes.calendar.build import Calendar, CalendarPost, SeriesReport, Week, build_calendar
from healthnotes.calendar.closed import (
    HolidayRules,
    office_closed_days,
    parse_closed_days,
    parse_office_holidays,
)
from healthnotes.calendar.model import CalendarSettingsError, Post, PostState
from healthnotes.calendar.observances import Observance, load_observances
from healthnotes.calendar.series import Series, parse_series
from healthnotes.calendar.slots import Slot, next_free_slot

__all__ = [
    "Calendar",
    "CalendarPost",
    "CalendarSettingsError",
    "HolidayRules",
    "Observance",
    "Post",
    "PostState",
    "Series",
    "SeriesReport",
    "Slot",
    "Week",
    "build_calendar",
    "load_observances",
    "next_free_slot",
    "office_closed_days",
    "parse_closed_days",
    "parse_office_holidays",
    "parse_series",
]
