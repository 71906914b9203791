"""The editorial settings: series and closed days (the calendar), reviewers and sign-off,
the crisis hold. Read once by :meth:`healthnotes.config.SiteConfig.from_settings`.

``holidays`` (the closed days' library) is imported only when the calendar is built,
so a process that only reads a post never loads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from healthnotes.calendar.closed import HolidayRules, parse_closed_days, parse_office_holidays
from healthnotes.calendar.model import CalendarSettingsError
from healthnotes.calendar.series import Series, parse_series

#: How ``HOLD``'s ``since`` is written.
HOLD_EXAMPLE = 'HOLD = {"since": "2026-12-04 08:00", "reason": "Flu clinic cancelled"}'


@dataclass(frozen=True, kw_only=True)
class Hold:
    """A crisis hold: nothing dated after ``since`` goes out until the setting is removed."""

    since: datetime  # aware, in the practice's zone
    reason: str

    def holds(self, when: datetime) -> bool:
        """Whether a post dated ``when`` is held back."""
        return when > self.since


@dataclass(frozen=True, kw_only=True)
class Editorial:
    """The calendar's and the editorial rules' settings, validated."""

    series: tuple[Series, ...] = ()
    holidays: HolidayRules = field(default_factory=HolidayRules)
    closed_days: Mapping[date, str] = field(default_factory=dict)
    #: Who may sign a post off (``REVIEWERS``), exactly as they sign.
    reviewers: tuple[str, ...] = ()
    require_sign_off: bool = False
    hold: Hold | None = None


def editorial_settings(settings: Mapping[str, Any], fail: Any) -> Editorial:
    """:class:`Editorial` from the settings; a :class:`~healthnotes.errors.SettingsError`
    (through ``fail(key, message)``) naming the key on a mistake."""
    from healthnotes.content.model import PostType  # the model imports the config

    def calendar(key: str, parse: Any, value: Any) -> Any:
        try:
            return parse(value)
        except CalendarSettingsError as error:
            raise fail(key, " ".join(error.messages)) from None

    series = calendar(
        "SERIES",
        lambda v: parse_series(v, known_types=[t.value for t in PostType]),
        settings.get("SERIES"),
    )
    rules = calendar("OFFICE_HOLIDAYS", parse_office_holidays, settings.get("OFFICE_HOLIDAYS"))
    closed = calendar("CLOSED_DAYS", parse_closed_days, settings.get("CLOSED_DAYS"))
    reviewers = settings.get("REVIEWERS") or ()
    if isinstance(reviewers, str) or not all(
        isinstance(name, str) and name.strip() for name in reviewers
    ):
        raise fail(
            "REVIEWERS",
            "expected a list of names as reviewers sign, e.g. "
            '["Dr. Ana Patel, MD", "Dr. Marcus Lee, DO"]',
        )
    require = settings.get("REQUIRE_SIGN_OFF", False)
    if not isinstance(require, bool):
        raise fail("REQUIRE_SIGN_OFF", f"expected True or False, got {require!r}")
    if require and not reviewers:
        raise fail(
            "REQUIRE_SIGN_OFF",
            "is True but REVIEWERS names nobody who may sign posts off; add "
            'REVIEWERS = ["Dr. Ana Patel, MD"]',
        )
    return Editorial(
        series=series,
        holidays=rules,
        closed_days=closed,
        reviewers=tuple(" ".join(name.split()) for name in reviewers),
        require_sign_off=require,
        hold=_hold(settings.get("HOLD"), str(settings.get("TIMEZONE") or "UTC"), fail),
    )


def _hold(value: Any, timezone: str, fail: Any) -> Hold | None:
    if value is None or value is False:
        return None
    if not isinstance(value, Mapping) or set(value) != {"since", "reason"}:
        raise fail("HOLD", f"expected a dict with 'since' and 'reason', e.g. {HOLD_EXAMPLE}")
    reason = value["reason"]
    if not isinstance(reason, str) or not reason.strip():
        raise fail("HOLD", "'reason' is empty; say why posts are held (staff see it every build)")
    since = value["since"]
    if isinstance(since, str):
        try:
            since = datetime.fromisoformat(since.strip())
        except ValueError:
            since = None
    if not isinstance(since, datetime):
        raise fail(
            "HOLD",
            f"'since' is {value['since']!r}; expected when the hold began, as "
            f"'YYYY-MM-DD HH:MM' in TIMEZONE, e.g. {HOLD_EXAMPLE}",
        )
    if since.tzinfo is None:
        since = since.replace(tzinfo=ZoneInfo(timezone))
    return Hold(since=since, reason=" ".join(reason.split()))
