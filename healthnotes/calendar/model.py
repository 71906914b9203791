"""The plain inputs the calendar works on: a post, and the settings error.

Nothing here knows about Pelican: the build turns each article into a
:class:`Post` and hands the list to :func:`healthnotes.calendar.build_calendar`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from functools import cache


class PostState(StrEnum):
    """Where a post stands on a given day."""

    PUBLISHED = "published"  # Status published, date on or before today
    SCHEDULED = "scheduled"  # Status published, date after today
    DRAFT = "draft"  # any other Status


@dataclass(frozen=True, kw_only=True)
class Post:
    """What the calendar needs to know about one post."""

    source: str  # path of the Markdown file, for messages
    slug: str
    title: str
    type: str  # howto, misconception, recall, qa
    date: datetime  # timezone-aware
    status: str = "published"  # Pelican's Status: published or draft
    series: str | None = None  # the post's explicit `Series:` field, if any
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.date.tzinfo is None or self.date.utcoffset() is None:
            raise ValueError(
                f"{self.source}: the post date {self.date.isoformat()} has no time zone; "
                "give the calendar timezone-aware dates (Pelican's TIMEZONE setting)."
            )

    def local_date(self, tz: tzinfo | None = None) -> date:
        """The post's calendar day in ``tz`` (the practice's zone), or in its own zone."""
        return (self.date.astimezone(tz) if tz is not None else self.date).date()

    def state(self, today: date, tz: tzinfo | None = None) -> PostState:
        """Published, scheduled (published with a date after ``today``) or draft."""
        if self.status.strip().casefold() != "published":
            return PostState.DRAFT
        if self.local_date(tz) > today:
            return PostState.SCHEDULED
        return PostState.PUBLISHED


class CalendarSettingsError(ValueError):
    """One or more settings are wrong; each message is one line a person can act on."""

    def __init__(self, messages: list[str] | tuple[str, ...]) -> None:
        self.messages = tuple(messages)
        super().__init__("\n".join(self.messages))


@cache
def normalise_tag(tag: str) -> str:
    """Tags compare case-blind, with spaces, hyphens and underscores alike (kept: the
    calendar compares every post's tags with every observance's)."""
    return "-".join(tag.replace("_", " ").replace("-", " ").casefold().split())
