from __future__ import annotations

from datetime import date, time

import pytest
from calendar_fixtures import AMA, MYTH, SERIES, TODAY, TZ, post

from healthnotes.calendar import CalendarSettingsError, parse_series
from healthnotes.calendar.series import membership_problems, numbering, series_of


def test_example_series_parse():
    assert [s.key for s in SERIES] == ["myth", "ama"]
    assert MYTH.weekday == 0 and MYTH.time == time(9, 0) and MYTH.cadence.name == "weekly"
    assert AMA.weekday == 2 and AMA.type == "qa"
    assert MYTH.describe() == "every Monday at 09:00"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"weekday": "funday"}, "SERIES[0] ('myth'): 'weekday' is 'funday'"),
        ({"time": "9am"}, "SERIES[0] ('myth'): 'time' is '9am'"),
        ({"cadence": "daily"}, "'cadence' is 'daily'; expected one of 'weekly'"),
        ({"cadence": "biweekly"}, "a biweekly series needs 'start'"),
        ({"cadence": "monthly"}, "a monthly series needs 'nth'"),
        ({"colour": "red"}, "unknown key(s) 'colour'"),
        ({"start": "2026-01-06"}, "'start' 2026-01-06 is a Tuesday, not a Monday"),
        ({"number_from": -1}, "'number_from' is -1"),
        ({"key": "my myth"}, "'key' is 'my myth'; use letters"),
    ],
)
def test_setting_errors_name_the_setting_and_key(entry, expected):
    base = {"key": "myth", "name": "M", "type": "misconception", "weekday": "mon", "time": "09:00"}
    with pytest.raises(CalendarSettingsError) as err:
        parse_series([{**base, **entry}])
    assert any(expected in m for m in err.value.messages), err.value.messages
    assert all("\n" not in m for m in err.value.messages)


def test_every_mistake_is_reported_at_once():
    with pytest.raises(CalendarSettingsError) as err:
        parse_series([{"key": "a"}, "not a dict", {"key": "b", "name": "B", "weekday": "x"}])
    text = str(err.value)
    assert "SERIES[0] ('a'): 'name' is missing" in text
    assert "SERIES[1] is str" in text
    assert "SERIES[2] ('b'): 'weekday' is 'x'" in text


def test_duplicate_keys_and_unknown_types():
    entry = {"key": "a", "name": "A", "type": "qa", "weekday": "mon", "time": "09:00"}
    with pytest.raises(CalendarSettingsError, match="key 'a' is used by two series"):
        parse_series([entry, {**entry, "name": "B"}])
    with pytest.raises(CalendarSettingsError, match="'type' is 'quiz'"):
        parse_series([{**entry, "type": "quiz"}], known_types=["qa", "howto"])


def test_monthly_and_biweekly_parse():
    monthly, biweekly = parse_series(
        [
            {
                "key": "m",
                "name": "M",
                "tag": "recall",
                "weekday": "fri",
                "time": "10:30",
                "cadence": "monthly",
                "nth": -1,
            },
            {
                "key": "b",
                "name": "B",
                "type": "howto",
                "weekday": "thu",
                "time": "08:00",
                "cadence": "biweekly",
                "start": "2026-01-08",
            },
        ]
    )
    assert monthly.nth == -1 and monthly.describe().startswith("the last Friday")
    assert biweekly.start == date(2026, 1, 8)


def test_membership_explicit_field_wins_then_type_then_tag():
    tagged = parse_series(
        [
            {
                "key": "bp",
                "name": "BP Tuesdays",
                "tag": "blood pressure",
                "weekday": "tue",
                "time": "09:00",
            }
        ]
    )[0]
    everything = (*SERIES, tagged)
    assert series_of(post("a", TODAY), everything) is MYTH
    assert series_of(post("b", TODAY, series="ama"), everything) is AMA
    assert series_of(post("c", TODAY, series="Ask Me Anything Wednesday"), everything) is AMA
    assert series_of(post("d", TODAY, type="howto", tags=("Blood-Pressure",)), everything) is tagged
    assert series_of(post("e", TODAY, type="howto"), everything) is None
    assert series_of(post("f", TODAY, series="nope"), everything) is None
    problems = membership_problems([post("f", TODAY, series="nope")], everything)
    assert problems == (
        "content/posts/f.md: 'Series: nope' names no series in SERIES; use one of: "
        "myth (Misconception of the Week), ama (Ask Me Anything Wednesday), bp (BP Tuesdays).",
    )


def test_numbering_counts_published_and_scheduled_in_date_order():
    posts = [
        post("third", date(2026, 12, 14)),  # scheduled
        post("first", date(2026, 11, 2)),
        post("draft", date(2026, 11, 16), status="draft"),
        post("second", date(2026, 11, 9)),
        post("other-series", date(2026, 11, 4), type="qa"),
    ]
    assert numbering(MYTH, posts, TODAY, all_series=SERIES, tz=TZ) == {
        "first": 1,
        "second": 2,
        "third": 3,
    }
