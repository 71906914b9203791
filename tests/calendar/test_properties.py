from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from healthnotes.calendar import Post, next_free_slot, parse_series
from healthnotes.calendar.series import CADENCES, WEEKDAY_NAMES
from healthnotes.calendar.slots import consistency, fill_slots, series_slots

ZONES = st.sampled_from(
    ["America/Los_Angeles", "America/New_York", "America/Phoenix", "Pacific/Honolulu"]
).map(ZoneInfo)
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
# Whole hours from 06:00 to 20:00: a real series never sits in the 02:00 DST hole.
TIMES = st.builds(time, st.integers(6, 20), st.sampled_from([0, 15, 30, 45]))


@st.composite
def series_values(draw):
    weekday = draw(st.integers(0, 6))
    cadence = draw(st.sampled_from(sorted(CADENCES)))
    entry = {
        "key": "s",
        "name": "S",
        "type": "qa",
        "weekday": WEEKDAY_NAMES[weekday],
        "time": draw(TIMES).strftime("%H:%M"),
        "cadence": cadence,
    }
    if cadence == "monthly":
        entry["nth"] = draw(st.sampled_from([1, 2, 3, 4, -1]))
    if cadence == "biweekly":
        start = draw(DAYS)
        entry["start"] = (start + timedelta(days=(weekday - start.weekday()) % 7)).isoformat()
    return parse_series([entry])[0]


@settings(max_examples=60, deadline=None)
@given(series_values(), ZONES, DAYS, st.integers(0, 400), st.sets(DAYS, max_size=40))
def test_slots_fall_on_the_weekday_at_the_time_in_the_zone(series, tz, first, span, closed):
    closed_days = dict.fromkeys(closed, "closed")
    for slot in series_slots(series, first, first + timedelta(days=span), tz, closed_days):
        local = slot.start.astimezone(tz)
        assert local.weekday() == series.weekday
        assert local.time() == series.time
        assert local.date() == slot.day
        assert slot.start.utcoffset() == tz.utcoffset(local.replace(tzinfo=None))
        assert (slot.closed is not None) == (slot.day in closed_days)


@settings(max_examples=60, deadline=None)
@given(series_values(), ZONES, DAYS, st.sets(DAYS, max_size=60))
def test_next_free_slot_is_never_a_closed_day(series, tz, today, closed):
    closed_days = dict.fromkeys(closed, "closed")
    slot = next_free_slot(series, [], today, closed_days, tz=tz)
    if slot is not None:
        assert slot.day not in closed_days
        assert slot.day >= today
        assert slot.start.weekday() == series.weekday and slot.start.time() == series.time


@settings(max_examples=60, deadline=None)
@given(
    series_values(),
    DAYS,
    st.lists(
        st.tuples(st.integers(-120, 60), st.sampled_from(["published", "draft"])), max_size=30
    ),
    st.sets(DAYS, max_size=20),
)
def test_consistency_is_between_zero_and_one(series, today, offsets, closed):
    tz = ZoneInfo("America/Los_Angeles")
    posts = [
        Post(
            source=f"p{i}.md",
            slug=f"p{i}",
            title="t",
            type="qa",
            date=datetime.combine(today + timedelta(days=off), time(9), tzinfo=tz),
            status=status,
        )
        for i, (off, status) in enumerate(offsets)
    ]
    slots = series_slots(series, today - timedelta(weeks=13), today, tz, dict.fromkeys(closed, "x"))
    figure = consistency(fill_slots(slots, posts, today, tz), today)
    assert 0 <= figure.filled <= figure.due
    assert figure.ratio is None or 0.0 <= figure.ratio <= 1.0
