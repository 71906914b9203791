"""A small practice calendar with known slots, shared by the calendar tests.

Today is Friday 2026-12-04 in America/Los_Angeles. Misconception of the Week
(Mondays 09:00) had 12 Monday slots in the 12 weeks before today (14 Sep to
30 Nov); the weeks of 5 Oct and 16 Nov are empty, the week of 26 Oct holds two
posts (bunching). Ahead: 7 Dec empty, 14 Dec scheduled, 21 Dec a draft.
Ask Me Anything Wednesday (Wednesdays 12:00): 11 Nov is Veterans Day and
30 Dec is a closed day of the practice.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from healthnotes.calendar import (
    HolidayRules,
    Post,
    load_observances,
    office_closed_days,
    parse_series,
)

TZ = ZoneInfo("America/Los_Angeles")
TODAY = date(2026, 12, 4)
DOMAIN = "maplegrovefamily.example"

EXAMPLE_SERIES_SETTING = [
    {
        "key": "myth",
        "name": "Misconception of the Week",
        "type": "misconception",
        "weekday": "monday",
        "time": "09:00",
        "cadence": "weekly",
    },
    {
        "key": "ama",
        "name": "Ask Me Anything Wednesday",
        "type": "qa",
        "weekday": "wednesday",
        "time": "12:00",
        "cadence": "weekly",
    },
]
SERIES = parse_series(EXAMPLE_SERIES_SETTING)
MYTH, AMA = SERIES
PRACTICE_CLOSED = {date(2026, 12, 30): "Staff training (office closed)"}
CLOSED = office_closed_days(
    range(2025, 2029), HolidayRules(country="US", subdiv="OR"), PRACTICE_CLOSED
)


def post(
    slug: str,
    day: date,
    *,
    type: str = "misconception",
    status: str = "published",
    hour: int = 9,
    series: str | None = None,
    tags: tuple[str, ...] = (),
    title: str | None = None,
) -> Post:
    return Post(
        source=f"content/posts/{slug}.md",
        slug=slug,
        title=title or slug.replace("-", " ").capitalize(),
        type=type,
        date=datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ),
        status=status,
        series=series,
        tags=tags,
    )


MYTH_DAYS = [
    date(2026, 9, 14),
    date(2026, 9, 21),
    date(2026, 9, 29),  # a Tuesday: still fills the week's Monday slot
    # week of 5 Oct: gap
    date(2026, 10, 12),
    date(2026, 10, 19),
    date(2026, 10, 26),
    date(2026, 11, 2),
    date(2026, 11, 9),
    # week of 16 Nov: gap
    date(2026, 11, 23),
    date(2026, 11, 30),
]


def fixture_posts() -> list[Post]:
    posts = [post(f"myth-{d:%m%d}", d) for d in MYTH_DAYS]
    posts.append(post("myth-extra-1028", date(2026, 10, 28)))  # bunching with 26 Oct
    posts.append(post("myth-1214", date(2026, 12, 14)))  # scheduled
    posts.append(post("myth-1221", date(2026, 12, 21), status="draft"))
    posts.append(post("ama-1202", date(2026, 12, 2), type="qa", hour=12))
    posts.append(post("ama-1209", date(2026, 12, 9), type="qa", hour=12))
    posts.append(
        post(
            "flu-shot-timing",
            date(2026, 12, 8),
            type="howto",
            tags=("flu", "Vaccines"),
            title="When to get your flu shot",
        )
    )
    return posts


OBSERVANCES = load_observances()
