from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

import icalendar
from bs4 import BeautifulSoup
from calendar_fixtures import CLOSED, DOMAIN, OBSERVANCES, SERIES, TODAY, TZ, fixture_posts

from conftest import config_for_test_site
from healthnotes.cache.checks import CheckCache
from healthnotes.calendar import build_calendar
from healthnotes.calendar.ics import calendar_ics
from healthnotes.calendar.report import calendar_html, calendar_terminal
from healthnotes.calendar.site import calendar_files, write_calendar
from healthnotes.calendar.slots import SlotState


def _calendar():
    return build_calendar(
        fixture_posts(), SERIES, TODAY, "America/Los_Angeles", CLOSED, OBSERVANCES
    )


def _ics(stamp):
    return icalendar.Calendar.from_ical(
        calendar_ics(_calendar(), domain=DOMAIN, generated_at=stamp)
    )


def test_build_calendar_gathers_everything():
    cal = _calendar()
    assert len(cal.weeks) == 12 + 1 + 8
    myth, ama = cal.series
    assert (myth.consistency.filled, myth.consistency.due) == (10, 12)
    assert myth.next_slot.day.isoformat() == "2026-12-07"
    assert [b.week.isoformat() for b in myth.bunches] == ["2026-10-26"]
    assert ama.warning is None and cal.warnings == (myth.warning,)
    numbers = {cp.post.slug: cp.number for cp in cal.posts}
    assert numbers["myth-0914"] == 1 and numbers["myth-1214"] == 12
    assert numbers["myth-1221"] is None and numbers["flu-shot-timing"] is None
    flu = next(cp for cp in cal.posts if cp.post.slug == "flu-shot-timing")
    assert "National Influenza Vaccination Week" in flu.observances
    assert cal.weeks[-1].end == cal.last


def test_ics_events_uids_and_timezone():
    first = _ics(datetime(2026, 12, 4, 8, tzinfo=UTC))
    second = _ics(datetime(2026, 12, 5, 8, tzinfo=UTC))
    cal = _calendar()
    open_slots = sum(
        1 for r in cal.series for f in r.slots if f.state is SlotState.EMPTY and f.slot.day >= TODAY
    )
    events = first.walk("VEVENT")
    assert len(events) == len(cal.posts) + open_slots + len(cal.occurrences)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert "post-myth-1214@maplegrovefamily.example" in uids
    assert "slot-myth-20261207@maplegrovefamily.example" in uids
    assert "observance-world-aids-day-20261201@maplegrovefamily.example" in uids
    (tz,) = first.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "America/Los_Angeles"
    by_uid = {str(e["UID"]): e for e in events}
    scheduled = by_uid["post-myth-1214@maplegrovefamily.example"]
    assert scheduled["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert str(scheduled["SUMMARY"]) == ("[Scheduled] Misconception of the Week #12: Myth 1214")
    assert "scheduled" in scheduled["CATEGORIES"].cats
    draft = by_uid["post-myth-1221@maplegrovefamily.example"]
    assert str(draft["STATUS"]) == "TENTATIVE"
    assert str(by_uid["slot-myth-20261207@maplegrovefamily.example"]["SUMMARY"]) == (
        "Open slot: Misconception of the Week"
    )
    aids = by_uid["observance-world-aids-day-20261201@maplegrovefamily.example"]
    assert aids["DTSTART"].dt.isoformat() == "2026-12-01"
    assert aids["DTEND"].dt.isoformat() == "2026-12-02"
    start = scheduled["DTSTART"].dt
    assert start.astimezone(TZ).hour == 9


def test_a_build_rewrites_only_the_events_that_changed_each_keeping_when_it_last_did(
    tmp_path,
):
    """A subscribed calendar app sees an event change only when the event did (DTSTAMP
    is when it was last revised, RFC 5545): the build keeps every other one as written."""

    config = replace(config_for_test_site(), report_path=tmp_path / "reports" / "r.html")
    first, second = datetime(2026, 12, 4, 8, tzinfo=UTC), datetime(2026, 12, 4, 9, tzinfo=UTC)

    def build(posts, now):
        cache = CheckCache(tmp_path / "checks.marshal")
        cal = build_calendar(posts, SERIES, TODAY, "America/Los_Angeles", CLOSED, OBSERVANCES)
        write_calendar(cal, config, now, cache=cache)
        cache.save()
        ics = calendar_files(config).ics.read_bytes()
        events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        return ics, {str(e["UID"]): e.decoded("DTSTAMP") for e in events}, cal

    posts = fixture_posts()
    _, stamps, _ = build(posts, first)
    assert set(stamps.values()) == {first}
    retitled = [
        replace(p, title="When to get your flu shot this year")
        if p.slug == "flu-shot-timing"
        else p
        for p in posts
    ]
    ics, later, cal = build(retitled, second)
    domain = urlsplit(config.guid_base).hostname
    edited = f"post-flu-shot-timing@{domain}"
    assert later[edited] == second
    assert {uid: stamp for uid, stamp in later.items() if uid != edited} == {
        uid: stamp for uid, stamp in stamps.items() if uid != edited
    }
    assert b"When to get your flu shot this year" in ics
    # the file is the calendar as icalendar writes it, byte for byte, but for the stamps
    fresh = calendar_ics(cal, domain=domain, site_name=config.site_name, generated_at=second)

    def unstamped(data: bytes) -> bytes:
        for stamp in (first, second):
            data = data.replace(stamp.strftime("%Y%m%dT%H%M%SZ").encode(), b"")
        return data

    assert unstamped(ics) == unstamped(fresh)


def test_html_is_a_plain_accessible_table():
    cal = _calendar()
    page = calendar_html(cal, site_name="Maple Grove <Health> Notes")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None
    assert soup.html["lang"] == "en"
    assert "Maple Grove <Health> Notes" in soup.title.string
    table = soup.find("table")
    assert table.caption is not None
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col"] * 6
    rows = table.tbody.find_all("tr")
    assert len(rows) == len(cal.weeks)
    assert all(r.th["scope"] == "row" for r in rows)
    now = table.tbody.find("tr", class_="now")
    assert "this week" in now.th.get_text()
    assert "Thanksgiving Day" in page and "Veterans Day" in page
    assert "(gap)" in page and "Myth 1214" in page


def test_terminal_summary():
    text = calendar_terminal(_calendar())
    lines = text.splitlines()
    assert lines[0].startswith(
        "Misconception of the Week: 10 of 12 slots filled in the last 12 weeks (83%); "
        "next free slot Mon 7 Dec 09:00 PST;"
    )
    assert any(line.startswith("warning: Misconception of the Week") for line in lines)
    assert any(line.startswith("hint: Safe Toys") for line in lines)
