from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from calendar_fixtures import OBSERVANCES, TODAY, TZ, fixture_posts, post

from healthnotes.calendar import CalendarSettingsError, load_observances
from healthnotes.calendar.observances import COLUMNS, observance_hints, occurrences


def _dates(name: str, year: int) -> tuple[date, date]:
    (obs,) = [o for o in OBSERVANCES if o.name == name]
    return obs.dates(year)


def test_shipped_file_covers_the_year_and_every_row_has_a_source():
    assert len(OBSERVANCES) >= 40
    assert {o.month for o in OBSERVANCES} == set(range(1, 13))
    assert all(o.source.startswith("https://") for o in OBSERVANCES)
    names = {o.name for o in OBSERVANCES}
    for expected in (
        "American Heart Month",
        "National Nutrition Month",
        "Mental Health Awareness Month",
        "National Immunization Awareness Month",
        "Breast Cancer Awareness Month",
        "World AIDS Day",
        "National Influenza Vaccination Week",
    ):
        assert expected in names


@pytest.mark.parametrize(
    ("year", "start"),
    [
        (2023, date(2023, 12, 4)),
        (2024, date(2024, 12, 2)),
        (2025, date(2025, 12, 1)),
        (2026, date(2026, 12, 7)),
        (2027, date(2027, 12, 6)),
    ],
)
def test_influenza_week_is_the_first_full_week_of_december(year, start):
    first, last = _dates("National Influenza Vaccination Week", year)
    assert (first, (last - first).days) == (start, 6)
    assert first.weekday() == 0 and first.day <= 7


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("Great American Smokeout", 2024, date(2024, 11, 21)),
        ("Great American Smokeout", 2025, date(2025, 11, 20)),
        ("National Women's Health Week", 2024, date(2024, 5, 12)),  # Mother's Day
        ("National Women's Health Week", 2025, date(2025, 5, 11)),
        ("National Poison Prevention Week", 2024, date(2024, 3, 17)),
        ("National Poison Prevention Week", 2025, date(2025, 3, 16)),
        ("National Wear Red Day", 2026, date(2026, 2, 6)),
        ("World AIDS Day", 2027, date(2027, 12, 1)),
    ],
)
def test_rules_date_observances(name, year, expected):
    assert _dates(name, year)[0] == expected


def test_month_observances_span_the_month_leap_years_included():
    assert _dates("American Heart Month", 2028) == (date(2028, 2, 1), date(2028, 2, 29))
    assert _dates("American Heart Month", 2027) == (date(2027, 2, 1), date(2027, 2, 28))


def test_hints_for_near_observances_with_nothing_tagged():
    occs = occurrences(OBSERVANCES, date(2026, 11, 30), date(2027, 1, 31))
    hints = observance_hints(occs, fixture_posts(), TODAY, TZ)
    text = "\n".join(hints)
    assert "Safe Toys and Gifts Awareness Month runs until Thursday 31 December" in text
    assert "Influenza" not in text  # the flu post (tags flu, Vaccines) is planned for it
    assert "Cervical" not in text  # 1 Jan is 28 days away
    no_flu = [p for p in fixture_posts() if p.slug != "flu-shot-timing"]
    hint = next(h for h in observance_hints(occs, no_flu, TODAY, TZ) if "Influenza" in h)
    assert hint.startswith(
        "National Influenza Vaccination Week starts Monday 7 December (in 3 days) and no post "
        "tagged for it is planned; consider a post with Tags: flu, flu shot, vaccines"
    )
    tagged_draft = [*no_flu, post("flu-draft", date(2026, 12, 1), status="draft", tags=("Flu",))]
    assert not any("Influenza" in h for h in observance_hints(occs, tagged_draft, TODAY, TZ))


def test_a_broken_row_is_reported_with_file_and_line(tmp_path: Path):
    bad = tmp_path / "obs.csv"
    bad.write_text(
        ",".join(COLUMNS) + "\n"
        "Good Day,day,3,24,,,,x,S,https://example.org\n"
        "Bad Week,week,13,,,,7,x,S,\n",
        encoding="utf-8",
    )
    with pytest.raises(CalendarSettingsError) as err:
        load_observances(bad)
    messages = err.value.messages
    assert any(m.startswith(f"{bad}:3: 'month' is '13'") for m in messages)
    assert any("needs either 'day' or both 'nth' and 'weekday'" in m for m in messages)
    assert any("'source' is empty" in m for m in messages)
