from __future__ import annotations

from datetime import UTC, date, timedelta

from calendar_fixtures import AMA, CLOSED, MYTH, SERIES, TODAY, TZ, fixture_posts, post

from healthnotes.calendar import HolidayRules, next_free_slot, office_closed_days, parse_series
from healthnotes.calendar.slots import (
    SlotState,
    bunching,
    consistency,
    fill_slots,
    gaps,
    members,
    series_slots,
    upcoming_warning,
)


def _filled(series, first=date(2026, 9, 7), last=date(2027, 1, 31)):
    own = members(series, fixture_posts(), SERIES)
    return fill_slots(series_slots(series, first, last, TZ, CLOSED), own, TODAY, TZ)


def test_gaps_in_the_past_and_ahead():
    past_gaps = [f.slot.day for f in gaps(_filled(MYTH)) if f.slot.day < TODAY]
    assert past_gaps == [date(2026, 10, 5), date(2026, 11, 16)]
    ahead = {f.slot.day: f.state for f in _filled(MYTH) if f.slot.day >= TODAY}
    assert ahead[date(2026, 12, 7)] is SlotState.EMPTY
    assert ahead[date(2026, 12, 14)] is SlotState.SCHEDULED
    assert ahead[date(2026, 12, 21)] is SlotState.DRAFT  # a draft alone is still a gap
    assert ahead[date(2026, 12, 28)] is SlotState.EMPTY


def test_bunching_flags_the_week_with_two_posts():
    own = members(MYTH, fixture_posts(), SERIES)
    (bunch,) = bunching(MYTH, own, TODAY, TZ)
    assert bunch.week == date(2026, 10, 26) and len(bunch.posts) == 2 and bunch.allowed == 1


def test_consistency_over_the_last_twelve_weeks():
    figure = consistency(_filled(MYTH), TODAY)
    assert (figure.filled, figure.due) == (10, 12)
    assert figure.describe() == "10 of 12 slots filled in the last 12 weeks (83%)"


def test_closed_slots_are_not_due():
    figure = consistency(_filled(AMA), TODAY)
    veterans_day = next(f for f in _filled(AMA) if f.slot.day == date(2026, 11, 11))
    assert veterans_day.state is SlotState.CLOSED and veterans_day.slot.closed == "Veterans Day"
    assert figure.due == 11  # 12 Wednesdays, one of them Veterans Day


def test_next_free_slot_and_the_seven_day_warning():
    posts = fixture_posts()
    assert next_free_slot(MYTH, posts, TODAY, CLOSED, tz=TZ, all_series=SERIES).day == date(
        2026, 12, 7
    )
    warning = upcoming_warning(MYTH, _filled(MYTH), TODAY)
    assert warning == (
        "Misconception of the Week: the slot on Monday 7 December 2026 at 09:00 PST (in 3 days) "
        "has nothing scheduled. Date a post for that week (Series: myth or Type: "
        "misconception), or run `make new SERIES=myth`."
    )
    posts.append(post("myth-1207", date(2026, 12, 7), status="draft"))
    # 7 Dec now has a draft, 14 Dec is scheduled, 21 Dec has a draft: 28 Dec is next.
    nxt = next_free_slot(MYTH, posts, TODAY, CLOSED, tz=TZ, all_series=SERIES)
    assert nxt.day == date(2026, 12, 28)
    own = members(MYTH, posts, SERIES)
    filled = fill_slots(series_slots(MYTH, TODAY, date(2027, 1, 4), TZ, CLOSED), own, TODAY, TZ)
    assert "has only a draft: 'Myth 1207' (content/posts/myth-1207.md)" in upcoming_warning(
        MYTH, filled, TODAY
    )


def test_no_warning_when_the_next_slot_is_scheduled():
    filled = _filled(AMA)  # 9 Dec is scheduled
    assert upcoming_warning(AMA, filled, TODAY) is None


def test_holidays_and_closed_days_are_skipped():
    thursday, friday = parse_series(
        [
            {
                "key": "thu",
                "name": "Thursday Tips",
                "tag": "tips",
                "weekday": "thu",
                "time": "08:00",
            },
            {
                "key": "fri",
                "name": "Friday Files",
                "tag": "files",
                "weekday": "fri",
                "time": "08:00",
            },
        ]
    )
    closed = office_closed_days([2026, 2027], HolidayRules(country="US", subdiv="OR"))
    # Thanksgiving (26 Nov 2026) is marked, never proposed.
    nov = series_slots(thursday, date(2026, 11, 20), date(2026, 11, 30), TZ, closed)
    assert [(s.day, s.closed) for s in nov] == [(date(2026, 11, 26), "Thanksgiving Day")]
    assert next_free_slot(thursday, [], date(2026, 11, 25), closed, tz=TZ).day == date(2026, 12, 3)
    # Christmas and New Year's Day 2027 both fall on a Friday.
    assert next_free_slot(friday, [], date(2026, 12, 19), closed, tz=TZ).day == date(2027, 1, 8)
    # The practice's own closed day (Wednesday 30 Dec) is skipped too.
    assert next_free_slot(AMA, [], date(2026, 12, 24), CLOSED, tz=TZ).day == date(2027, 1, 6)


def test_open_on_keeps_a_holiday_slot():
    kept = office_closed_days([2026], HolidayRules(country="US", open_on=("Veterans Day",)))
    assert date(2026, 11, 11) not in kept and date(2026, 11, 26) in kept


def test_slots_keep_wall_clock_time_across_daylight_saving():
    fall = series_slots(MYTH, date(2026, 10, 26), date(2026, 11, 2), TZ, {})
    assert [s.start.hour for s in fall] == [9, 9]
    assert [s.start.utcoffset() for s in fall] == [timedelta(hours=-7), timedelta(hours=-8)]
    assert [s.start.tzname() for s in fall] == ["PDT", "PST"]
    spring = series_slots(MYTH, date(2027, 3, 8), date(2027, 3, 15), TZ, {})
    assert [s.start.tzname() for s in spring] == ["PST", "PDT"]
    elapsed = spring[1].start.astimezone(UTC) - spring[0].start.astimezone(UTC)
    assert elapsed == timedelta(days=7) - timedelta(hours=1)


def test_biweekly_and_monthly_cadences():
    biweekly, monthly = parse_series(
        [
            {
                "key": "b",
                "name": "B",
                "type": "howto",
                "weekday": "thu",
                "time": "08:00",
                "cadence": "biweekly",
                "start": "2026-11-05",
            },
            {
                "key": "m",
                "name": "M",
                "type": "recall",
                "weekday": "fri",
                "time": "10:00",
                "cadence": "monthly",
                "nth": -1,
            },
        ]
    )
    days = [s.day for s in series_slots(biweekly, date(2026, 10, 1), date(2026, 12, 31), TZ, {})]
    assert days == [
        date(2026, 11, 5),
        date(2026, 11, 19),
        date(2026, 12, 3),
        date(2026, 12, 17),
        date(2026, 12, 31),
    ]
    days = [s.day for s in series_slots(monthly, date(2026, 1, 1), date(2026, 4, 30), TZ, {})]
    assert days == [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27), date(2026, 4, 24)]
