"""Drawing cards into the cache: what the worker processes that draw import.

A card job (:class:`CardJob`) is small and picklable; :func:`draw_group` draws one
group of them (one post's cards, or one platform's cards of posts without a picture)
in a worker, each card written straight into the cache. The build plans the jobs
(:mod:`healthnotes.social.plan`) and hands the groups to its workers
(:mod:`healthnotes.pipeline`); this module imports only what drawing needs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from healthnotes.cache.files import digest, store
from healthnotes.social.cards.card import CardError, CardInput
from healthnotes.social.cards.layout import layout_for
from healthnotes.social.platforms import ImageSpec


@dataclass(frozen=True, kw_only=True)
class CardJob:
    """Everything needed to render one card; small and picklable.

    ``card`` leaves out the hero and logo bytes (kilobytes to megabytes per post,
    for every post of the site): :func:`job_card` reads them back from
    ``hero_file`` and ``logo_file`` when the card is drawn and checks that they
    are still what ``card_digest`` (part of ``key``) was computed from.
    """

    key: str
    slug: str
    source: str  # the post's file, for messages
    image: str | None  # the post's picture (relative to content/), for messages
    platform: str
    card: CardInput
    spec: ImageSpec
    hero_file: str | None = None
    logo_file: str | None = None
    card_digest: str = ""


def picture_digest(data: bytes | None) -> str:
    """How a picture counts in :func:`card_digest`: the sha256 of its bytes ("-": none)."""
    return hashlib.sha256(data).hexdigest() if data is not None else "-"


def card_digest(card: CardInput, *, hero: str | None = None, logo: str | None = None) -> str:
    """Hash of every field of ``card``, the pictures by :func:`picture_digest` of their
    bytes; ``hero`` and ``logo`` give those digests when ``card`` leaves the bytes out."""
    given = {"hero": hero, "logo": logo}
    parts: list[str] = []
    for field in dataclasses.fields(card):
        value = getattr(card, field.name)
        parts.append(field.name)
        if field.name in given:
            parts.append(given[field.name] or picture_digest(value))
        else:
            parts.append(repr(value))
    return digest(*parts)


@lru_cache(maxsize=4)
def _read_input(path: str, size: int, mtime_ns: int, part: str) -> bytes:
    """A picture's bytes (cached per process while its size and time stay the same)."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CardError(f"cannot be read ({error.strerror or error})", part=part) from None


def _input_bytes(path: str | None, part: str) -> bytes | None:
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError as error:
        raise CardError(f"cannot be read ({error.strerror or error})", part=part) from None
    return _read_input(path, stat.st_size, stat.st_mtime_ns, part)


def job_card(job: CardJob) -> CardInput:
    """The job's full card input: its hero and logo bytes read back and checked."""
    if job.hero_file is None and job.logo_file is None:
        return job.card
    card = dataclasses.replace(
        job.card,
        hero=_input_bytes(job.hero_file, "hero"),
        logo=_input_bytes(job.logo_file, "logo"),
    )
    if job.card_digest and card_digest(card) != job.card_digest:
        raise CardError(
            "the picture changed while the site was being built; build again",
            part="hero" if job.hero_file else "logo",
        )
    return card


#: What a worker hands back per card: its key, then the cache entry of the file it
#: wrote, or None with what failed (part, message). Nothing big travels back.
RenderResult = tuple[str, dict[str, Any] | None, str, str]


def draw_group(cache_root: Path, jobs: Sequence[CardJob]) -> list[RenderResult]:
    """Draw ``jobs`` in one worker (module level, so worker processes can run it), each
    card written straight into the cache. A post's inputs are read and checked once
    (a group is one post's cards, or one platform's cards of several posts without a
    picture: see :func:`card_groups`). A picture that cannot be read comes back as a
    failure of each of its cards instead of stopping every worker."""
    # Only processes that draw load the drawing libraries.
    from healthnotes.social.cards.render import forget_backgrounds, forget_heroes, render_card

    # A worker keeps what the next cards share, not what the last ones did: a group
    # without pictures needs no decoded hero, a group with one no brand background
    # and not the last post's hero either (dropped before this one is decoded).
    forget_heroes()
    if any(job.hero_file is not None or job.card.hero is not None for job in jobs):
        forget_backgrounds()
    cards: dict[str, CardInput | CardError] = {}  # by card digest: one read per post
    results: list[RenderResult] = []
    for job in jobs:
        card = cards.get(job.card_digest) if job.card_digest else None
        if card is None:
            try:
                card = job_card(job)
            except CardError as error:
                card = error
            if job.card_digest:
                cards[job.card_digest] = card
        try:
            if isinstance(card, CardError):
                raise card
            data = render_card(card, job.spec, layout_for(job.spec))
        except CardError as error:
            results.append((job.key, None, error.part, str(error)))
        else:
            results.append((job.key, store(cache_root, job.key, data), "", ""))
    return results


#: Cards without a hero picture are drawn in groups of this many of one platform.
PLAIN_GROUP = 32


def card_groups(jobs: Iterable[CardJob]) -> list[list[CardJob]]:
    """``jobs`` in the groups a worker draws at once, in drawing order.

    A post with a picture: its cards together (the picture is decoded once and
    scaled once for the cards of the same shape). Posts without one: by platform and
    brand variation, :data:`PLAIN_GROUP` at a time, so a worker keeps one brand
    background at a time instead of one for every platform."""
    pictures: dict[str, list[CardJob]] = {}
    plain: dict[tuple[str, int], list[CardJob]] = {}
    for job in jobs:
        if job.hero_file is not None or job.card.hero is not None:
            pictures.setdefault(job.slug, []).append(job)
        else:
            plain.setdefault((job.platform, job.card.variation), []).append(job)
    groups = list(pictures.values())
    for same_platform in plain.values():
        for start in range(0, len(same_platform), PLAIN_GROUP):
            groups.append(same_platform[start : start + PLAIN_GROUP])
    return groups


class TerminalProgress:
    """A progress bar on stderr (picklable: it is shown by the process that draws)."""

    def __call__(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        print(
            f"\rRendering cards [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
            end="\n" if done == total else "",
            file=sys.stderr,
            flush=True,
        )
