"""Syndication, end to end: for every published post and enabled platform, a card
image and a text that fits; then the files that carry them.

The flow is plan → render what the cache lacks → assemble:

1. :func:`plan_cards` makes one :class:`CardJob` per post and image platform, keyed
   by a hash of everything that shapes the image (title, badge, hero and logo
   bytes, colours, practice name, platform size, and the renderer's version: layout,
   font, Pillow, libjpeg and FreeType).
2. :func:`render_missing` renders only the jobs whose key the cache does not hold,
   over all cores; identical keys are rendered once.
3. :func:`assemble` joins texts and cards into :class:`PostSyndication` objects that
   the templates, feeds and exports read.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from syndicate.cache import FILE_MODE, ImageCache, digest
from syndicate.config import SiteConfig
from syndicate.content import Post, Recall
from syndicate.errors import Problem, SettingsError
from syndicate.export import CardImage, PlatformEntry, PostExport
from syndicate.html_text import shorten
from syndicate.jsonld import absolute
from syndicate.layout import layout_for
from syndicate.platforms import PLATFORMS, ImageSpec, Platform, image_platform
from syndicate.render import CardError, CardInput, card_input, render_card, renderer_version
from syndicate.safety import SAFETY
from syndicate.text import PlatformText, check_override, platform_text, utm_link

#: Longest alt text any platform accepts for an image (X: 420 characters).
ALT_MAX_CHARS = 420
CARD_DIR = "syndication"

COUNTED_AS = {
    "x_weighted": "weighted characters as X counts them (URLs count 23)",
    "graphemes": "characters as Bluesky counts them (grapheme clusters)",
    "chars": "characters",
}


@dataclass(frozen=True, kw_only=True)
class CardJob:
    """Everything needed to render one card; small and picklable."""

    key: str
    slug: str
    source: str  # the post's file, for messages
    image: str | None  # the post's picture (relative to content/), for messages
    platform: str
    card: CardInput
    spec: ImageSpec


@dataclass(frozen=True, kw_only=True)
class RenderFailure:
    job: CardJob
    part: str  # "hero", "logo" or "card" (see CardError)
    message: str


@dataclass(frozen=True, kw_only=True)
class RenderStats:
    planned: int
    rendered: int
    reused: int
    failures: tuple[RenderFailure, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PostSyndication:
    """One post's cards and texts, by platform key."""

    post: Post
    cards: Mapping[str, CardImage]  # image platforms only
    texts: Mapping[str, PlatformText]  # every enabled platform

    def card_for(self, platform_key: str) -> CardImage:
        """The card a platform posts with (a text platform borrows another's)."""
        return self.cards[image_platform(PLATFORMS[platform_key]).key]

    @property
    def og(self) -> CardImage:
        return self.cards["og"]

    @property
    def x(self) -> CardImage:
        return self.cards.get("x") or self.cards["og"]


def job_key(card: CardInput, platform: str, spec: ImageSpec) -> str:
    parts: list[bytes | str] = [renderer_version(), platform, repr(spec)]
    for field in dataclasses.fields(card):
        value = getattr(card, field.name)
        parts.append(field.name)
        parts.append(value if isinstance(value, bytes) else repr(value))
    return digest(*parts)


def image_platforms(config: SiteConfig) -> list[Platform]:
    return [PLATFORMS[k] for k in config.platforms if PLATFORMS[k].image is not None]


def card_path(slug: str, platform: str) -> str:
    return f"{CARD_DIR}/{slug}/{platform}.jpg"


def plan_cards(posts: Iterable[Post], config: SiteConfig) -> list[CardJob]:
    """One job per published post and image platform."""
    jobs: list[CardJob] = []
    platforms = image_platforms(config)
    for post in posts:
        if not post.is_published:
            continue
        card = card_input(post, config)
        for platform in platforms:
            assert platform.image is not None
            jobs.append(
                CardJob(
                    key=job_key(card, platform.key, platform.image),
                    slug=post.slug,
                    source=post.source,
                    image=post.image,
                    platform=platform.key,
                    card=card,
                    spec=platform.image,
                )
            )
    return jobs


def _render_job(job: CardJob) -> tuple[CardJob, bytes | None, str, str]:
    """Module level so worker processes can run it. A picture that cannot be read
    comes back as a failure (part, message) instead of stopping every worker."""
    try:
        return job, render_card(job.card, job.spec, layout_for(job.spec)), "", ""
    except CardError as error:
        return job, None, error.part, str(error)


def render_missing(
    jobs: Sequence[CardJob],
    cache: ImageCache,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RenderStats:
    """Render the jobs the cache lacks (each distinct key once), in parallel."""
    todo = list({job.key: job for job in jobs if cache.get(job.key) is None}.values())
    workers = workers or os.cpu_count() or 1
    failures: list[RenderFailure] = []

    def collect(results: Iterable[tuple[CardJob, bytes | None, str, str]]) -> None:
        for done, (job, data, part, message) in enumerate(results, start=1):
            if data is None:
                failures.append(RenderFailure(job=job, part=part, message=message))
            else:
                cache.put(job.key, data)
            if progress:
                progress(done, len(todo))

    if len(todo) < 4 or workers == 1:
        collect(map(_render_job, todo))
    else:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        chunk = max(1, min(16, len(todo) // (workers * 4)))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            collect(pool.map(_render_job, todo, chunksize=chunk))
    return RenderStats(
        planned=len(jobs),
        rendered=len(todo) - len(failures),
        reused=len(jobs) - len(todo),
        failures=tuple(failures),
    )


def failure_problems(failures: Iterable[RenderFailure], config: SiteConfig) -> list[Problem]:
    """Turn render failures into lines a person can act on (one per post and cause).

    A logo that cannot be read is a settings mistake: raises SettingsError.
    """
    problems: dict[tuple[str, str], Problem] = {}
    for failure in failures:
        job = failure.job
        if failure.part == "logo":
            raise SettingsError(
                "BRAND['logo']",
                f"content/{config.brand.logo} cannot be used for the cards ({failure.message}); "
                "export the logo again as PNG",
            )
        if failure.part == "hero":
            problem = Problem(
                file=job.source,
                field="Image",
                message=f"content/{job.image} could not be read to make the social cards "
                f"({failure.message}); export the picture again from your photo editor",
            )
        else:
            problem = Problem(
                file=job.source, field="", message=f"the {job.platform} card: {failure.message}"
            )
        problems.setdefault((job.source, problem.message), problem)
    return list(problems.values())


def check_overrides(posts: Iterable[Post], config: SiteConfig) -> list[Problem]:
    """Every ``Summary_<platform>`` override must fit that platform's rule."""
    problems: list[Problem] = []
    for post in posts:
        for key, text in post.overrides:
            if key not in PLATFORMS:
                continue  # reported as an unknown field by content parsing
            problem = check_override(
                text, PLATFORMS[key], source=post.source, field=f"Summary_{key}"
            )
            if problem is not None:
                problems.append(problem)
    return problems


def safety_line(post: Post) -> str:
    """The safety text a post's social texts carry when the platform has room."""
    parts = [SAFETY.social_disclaimer]
    if post.mental_health:
        parts.append(SAFETY.social_crisis)
    if isinstance(post.details, Recall):
        parts.append(SAFETY.social_poison_help)
    return " ".join(parts)


def card_alt(post: Post) -> str:
    """Alt text of a card: what it says, and what the picture behind it shows."""
    alt = f"{post.spec.badge}: {post.title}"
    if post.image_alt:
        alt = f"{alt}. {post.image_alt}"
    return shorten(alt, ALT_MAX_CHARS)


def assemble(
    posts: Iterable[Post],
    jobs: Sequence[CardJob],
    cache: ImageCache,
    config: SiteConfig,
) -> list[PostSyndication]:
    """Join texts and rendered cards per post (cards must be in the cache)."""
    by_post: dict[str, dict[str, CardJob]] = {}
    for job in jobs:
        by_post.setdefault(job.slug, {})[job.platform] = job
    result = []
    for post in posts:
        if post.slug not in by_post:
            continue
        cards = {}
        for key, job in by_post[post.slug].items():
            stored = cache.get(job.key)
            assert stored is not None, f"card {job.slug}/{key} was not rendered"
            path = card_path(post.slug, key)
            cards[key] = CardImage(
                platform=key,
                path=path,
                url=absolute(config, path),
                width=job.spec.width,
                height=job.spec.height,
                bytes=stored.stat().st_size,
                alt=card_alt(post),
            )
        overrides = dict(post.overrides)
        texts = {
            key: platform_text(
                post, PLATFORMS[key], disclaimer=safety_line(post), override=overrides.get(key)
            )
            for key in config.platforms
        }
        result.append(PostSyndication(post=post, cards=cards, texts=texts))
    return result


def publish_cards(
    syndicated: Iterable[PostSyndication],
    jobs: Sequence[CardJob],
    cache: ImageCache,
    output: Path,
) -> None:
    """Put each card into the output folder (hard link to the cache when possible)."""
    keys = {(job.slug, job.platform): job.key for job in jobs}
    for item in syndicated:
        for key, card in item.cards.items():
            source = cache.get(keys[(item.post.slug, key)])
            assert source is not None
            target = output / card.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.unlink()
            try:
                os.link(source, target)
            except OSError:
                target.write_bytes(source.read_bytes())
            target.chmod(FILE_MODE)  # readable by the web server, whatever the cache held


def platform_link(post: Post, platform_key: str) -> str:
    return utm_link(post.url, platform_key, post.slug)


def exports(syndicated: Sequence[PostSyndication]) -> list[PostExport]:
    """The rows of syndication.json and the bulk CSV."""
    rows = []
    for item in syndicated:
        post = item.post
        entries = []
        for key, text in item.texts.items():
            rule = PLATFORMS[key].text
            entries.append(
                PlatformEntry(
                    platform=key,
                    text=text.text,
                    length=text.length,
                    limit=rule.limit,
                    counted_as=COUNTED_AS[rule.counter],
                    link=platform_link(post, key) if rule.links else None,
                    image=item.card_for(key),
                    title=text.title,
                )
            )
        rows.append(
            PostExport(
                slug=post.slug,
                title=post.title,
                url=post.url,
                guid=post.guid,
                type=post.type.value,
                date=post.date,
                entries=entries,
            )
        )
    return rows
