"""``reports/calendar.ics``: the calendar as RFC 5545, written with ``icalendar``.

It lists unpublished titles, so it belongs in ``reports/``, never in the
site's output folder. UIDs are stable across builds (post slug, series key and
slot date, observance name and start, each ``@`` the site's domain), so a
subscribed calendar app updates events instead of duplicating them.
"""

from __future__ import annotations

import re
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


def calendar_ics(
    cal: Calendar,
    *,
    domain: str,
    site_name: str = "Health Notes",
    generated_at: datetime | None = None,
) -> bytes:
    """The .ics bytes: posts, open slots from today on, and observances as all-day events.

    ``domain`` (e.g. ``"maplegrovefamily.example"``) makes UIDs globally unique;
    ``generated_at`` (UTC, default now) is every event's DTSTAMP.
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
    length = timedelta(minutes=EVENT_MINUTES)

    for cp in cal.posts:
        event = icalendar.Event()
        event.add("uid", f"post-{_uid_part(cp.post.slug)}@{domain}")
        event.add("dtstamp", stamp)
        start = cp.post.date.astimezone(cal.timezone)
        event.add("dtstart", start)
        event.add("dtend", start + length)
        event.add("summary", _post_summary(cp))
        event.add("status", EVENT_STATUS[cp.state])
        categories = [cp.state.value, cp.post.type]
        if cp.series is not None:
            categories.append(cp.series.name)
        event.add("categories", categories)
        event.add("description", f"Source: {cp.post.source}")
        ical.add_component(event)

    for report in cal.series:
        for filled in report.slots:
            if filled.state is not SlotState.EMPTY or filled.slot.day < cal.today:
                continue
            event = icalendar.Event()
            slot = filled.slot
            event.add("uid", f"slot-{_uid_part(slot.series_key)}-{slot.day:%Y%m%d}@{domain}")
            event.add("dtstamp", stamp)
            event.add("dtstart", slot.start)
            event.add("dtend", slot.start + length)
            event.add("summary", f"Open slot: {report.series.name}")
            event.add("status", "TENTATIVE")
            event.add("categories", ["open slot", report.series.name])
            event.add("description", f"Nothing planned yet. make new SERIES={report.series.key}")
            ical.add_component(event)

    for occ in cal.occurrences:
        event = icalendar.Event()
        event.add("uid", f"observance-{_uid_part(occ.name)}-{occ.start:%Y%m%d}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", occ.start)
        event.add("dtend", occ.end + timedelta(days=1))  # DTEND of a date is exclusive
        event.add("summary", occ.name)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["observance", *occ.observance.tags])
        sponsor = f"Sponsor: {occ.observance.sponsor}. " if occ.observance.sponsor else ""
        event.add("description", f"{sponsor}Source: {occ.observance.source}")
        event.add("url", occ.observance.source)
        ical.add_component(event)

    ical.add_missing_timezones()
    return ical.to_ical()
