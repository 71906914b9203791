"""``reports/calendar.ics``: the calendar as RFC 5545, written with ``icalendar``.

It lists unpublished titles, so it belongs in ``reports/``, never in the
site's output folder. UIDs are stable across builds (post slug, series key and
slot date, observance name and start, each ``@`` the site's domain), so a
subscribed calendar app updates events instead of duplicating them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import icalendar

from healthnotes.calendar.build import Calendar, CalendarPost
from healthnotes.calendar.model import PostState
from healthnotes.calendar.slots import SlotState

#: How long a post or slot event lasts in a calendar app.
EVENT_MINUTES = 30
#: iCalendar STATUS for each post state.
EVENT_STATUS = {
    PostState.PUBLISHED: "CONFIRMED",
    PostState.SCHEDULED: "CONFIRMED",
    PostState.DRAFT: "TENTATIVE",
}


def _uid_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _post_summary(cp: CalendarPost) -> str:
    label = cp.state.value.capitalize()
    if cp.series is None:
        return f"[{label}] {cp.post.title}"
    number = f" #{cp.number}" if cp.number is not None else ""
    return f"[{label}] {cp.series.name}{number}: {cp.post.title}"


#: One event: its properties as (name, value) pairs, DTSTAMP left out (the time an
#: event is written is not what it says).
EventLines = tuple[tuple[str, object], ...]
#: Makes an event's bytes from its properties and the DTSTAMP to give it.
EventMaker = Callable[[EventLines, datetime], bytes]

_END = b"END:VCALENDAR\r\n"


def event_ics(event: EventLines, stamp: datetime) -> bytes:
    """One ``VEVENT`` as ``icalendar`` writes it, with ``stamp`` as its DTSTAMP."""
    made = icalendar.Event()
    made.add("dtstamp", stamp)
    for name, value in event:
        made.add(name, value)
    return made.to_ical()


def calendar_ics(
    cal: Calendar,
    *,
    domain: str,
    site_name: str = "Health Notes",
    generated_at: datetime | None = None,
    make_event: EventMaker = event_ics,
) -> bytes:
    """The .ics bytes: posts, open slots from today on, and observances as all-day events.

    ``domain`` (e.g. ``"maplegrovefamily.example"``) makes UIDs globally unique;
    ``generated_at`` (UTC, default now) is every event's DTSTAMP, unless ``make_event``
    keeps an event as it was first written (the build's does: an event's DTSTAMP is
    when it last changed, as RFC 5545 defines it for a calendar with no METHOD).
    """
    if not domain or not re.fullmatch(r"[A-Za-z0-9.-]+", domain):
        raise ValueError(
            f"calendar domain is {domain!r}; expected a host name such as "
            '"maplegrovefamily.example" (taken from SITEURL).'
        )
    stamp = (generated_at or datetime.now(UTC)).astimezone(UTC)
    ical = icalendar.Calendar()
    ical.add("prodid", f"-//{site_name}//healthnotes calendar//EN")
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", f"{site_name} — publishing calendar")
    ical.add("x-wr-timezone", cal.timezone.key)
    events = calendar_events(cal, domain)
    for zone in _time_zones(events):
        ical.add_component(zone)
    head = ical.to_ical()  # the calendar's own lines and its time zones: then the events
    return head.removesuffix(_END) + b"".join(make_event(e, stamp) for e in events) + _END


def calendar_events(cal: Calendar, domain: str) -> list[EventLines]:
    """Every event of the ``.ics``, in order: posts, open slots, observances."""
    length = timedelta(minutes=EVENT_MINUTES)
    events: list[EventLines] = []
    for cp in cal.posts:
        start = cp.post.date.astimezone(cal.timezone)
        categories = [cp.state.value, cp.post.type]
        if cp.series is not None:
            categories.append(cp.series.name)
        events.append(
            (
                ("uid", f"post-{_uid_part(cp.post.slug)}@{domain}"),
                ("dtstart", start),
                ("dtend", start + length),
                ("summary", _post_summary(cp)),
                ("status", EVENT_STATUS[cp.state]),
                ("categories", categories),
                ("description", f"Source: {cp.post.source}"),
            )
        )

    for report in cal.series:
        for filled in report.slots:
            if filled.state is not SlotState.EMPTY or filled.slot.day < cal.today:
                continue
            slot = filled.slot
            events.append(
                (
                    ("uid", f"slot-{_uid_part(slot.series_key)}-{slot.day:%Y%m%d}@{domain}"),
                    ("dtstart", slot.start),
                    ("dtend", slot.start + length),
                    ("summary", f"Open slot: {report.series.name}"),
                    ("status", "TENTATIVE"),
                    ("categories", ["open slot", report.series.name]),
                    (
                        "description",
                        f"Nothing planned yet. make new SERIES={report.series.key}",
                    ),
                )
            )

    for occ in cal.occurrences:
        sponsor = f"Sponsor: {occ.observance.sponsor}. " if occ.observance.sponsor else ""
        events.append(
            (
                ("uid", f"observance-{_uid_part(occ.name)}-{occ.start:%Y%m%d}@{domain}"),
                ("dtstart", occ.start),
                ("dtend", occ.end + timedelta(days=1)),  # DTEND of a date is exclusive
                ("summary", occ.name),
                ("transp", "TRANSPARENT"),
                ("categories", ["observance", *occ.observance.tags]),
                ("description", f"{sponsor}Source: {occ.observance.source}"),
                ("url", occ.observance.source),
            )
        )
    return events


def _time_zones(events: list[EventLines]) -> list[icalendar.Timezone]:
    """The VTIMEZONE of every zone the events' times name, as ``icalendar`` adds them."""
    zones = {
        value.tzinfo: value
        for event in events
        for _, value in event
        if isinstance(value, datetime) and value.tzinfo is not None
    }
    probe = icalendar.Calendar()
    for value in zones.values():
        event = icalendar.Event()
        event.add("dtstart", value)
        probe.add_component(event)
    probe.add_missing_timezones()
    return list(probe.timezones)
