"""What may go out at this build's moment: the crisis hold, sign-offs, urgent notices.

Each is a small function of the posts and ``now`` (the build's time), so a test can
freeze the clock by passing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from healthnotes.cache.files import file_sha256
from healthnotes.config import SiteConfig
from healthnotes.content.model import Alert, Post
from healthnotes.editorial.settings import Hold
from healthnotes.editorial.signoff import SignOffRules, sign_off_problem
from healthnotes.errors import Problem

#: A post the crisis hold keeps back (its date has come, but it does not go out).
HELD = "held"


def apply_hold(posts: Sequence[Post], hold: Hold | None, now: datetime) -> list[Post]:
    """``posts`` with every post the hold keeps back (published or scheduled, dated
    after the hold began and no later than ``now``) marked :data:`HELD`."""
    if hold is None:
        return list(posts)
    return [
        replace(post, status=HELD)
        if post.status in ("published", "scheduled") and hold.holds(post.date) and post.date <= now
        else post
        for post in posts
    ]


class Dated(Protocol):
    source: str
    title: str
    date: datetime


def hold_lines(hold: Hold | None, held: Sequence[Dated]) -> tuple[str, ...]:
    """What the build and ``make calendar`` say about the hold: why, since when, and
    each post it keeps back (``held``)."""
    if hold is None:
        return ()
    return (
        f"CRISIS HOLD since {hold.since:%Y-%m-%d %H:%M %Z}: {hold.reason}. Nothing dated after "
        f"that goes out ({len(held)} post(s) held); remove HOLD from the settings to lift it.",
        *(
            f"{post.source}: {post.title!r} (dated {post.date:%Y-%m-%d %H:%M}) is held"
            for post in held
        ),
    )


#: What a reviewer's missing approval is, by the post's status: refused when it publishes
#: now, a warning for a post that waits (refused when its time comes); drafts not asked.
_SEVERITY = {"published": "error", "scheduled": "warning", HELD: "warning"}


def sign_off_problems(
    posts: Sequence[Post],
    config: SiteConfig,
    *,
    digest: Callable[[Path], str] = file_sha256,
    lines: Callable[[Post], int | None] = lambda post: None,
) -> list[Problem]:
    """With ``REQUIRE_SIGN_OFF``: an error for each post that publishes now without a
    valid sign-off of this exact text; a warning for scheduled and held posts (they are
    refused when their time comes). Drafts are not asked yet."""
    editorial = config.editorial
    if not editorial.require_sign_off:
        return []
    rules = SignOffRules(
        reviewers=editorial.reviewers, content_root=config.content_root, digest=digest
    )
    problems = []
    for post in posts:
        if post.status not in _SEVERITY:
            continue
        found = sign_off_problem(
            post.source, post.sign_off, rules, line=lines(post), severity=_SEVERITY[post.status]
        )
        if found is not None:
            problems.append(found)
    return problems


def exception_problems(
    posts: Sequence[Post],
    config: SiteConfig,
    *,
    lines: Callable[[Post], int | None] = lambda post: None,
) -> list[Problem]:
    """With ``REVIEWERS`` set: an ``Exception:`` line lets a finding through the safety
    gate, so it counts only when someone who may sign posts off reviewed it. An error
    for a post that publishes now, a warning for a scheduled or held one (drafts are not
    asked yet: a draft's exceptions count only for a build that writes it)."""
    reviewers = config.editorial.reviewers
    if not reviewers:
        return []
    problems = []
    for post in posts:
        if post.status not in _SEVERITY:
            continue
        for exception in post.exceptions:
            if exception.reviewed_by in reviewers:
                continue
            problems.append(
                Problem(
                    file=post.source,
                    field="Exception",
                    line=lines(post),
                    severity=_SEVERITY[post.status],
                    message=f"reviewed by {exception.reviewed_by!r}, who is not in REVIEWERS "
                    f"({', '.join(reviewers)}); an exception lets a finding through the "
                    "safety gate, so one of them must review it and be named exactly as "
                    "they sign",
                )
            )
    return problems


def current_alerts(posts: Sequence[Post], now: datetime) -> list[Post]:
    """Published urgent notices that have not expired at ``now``, newest first."""
    alerts = [
        post
        for post in posts
        if post.is_published and isinstance(post.details, Alert) and post.details.current(now)
    ]
    return sorted(alerts, key=lambda post: (post.date, post.slug), reverse=True)
