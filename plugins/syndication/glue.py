"""Signal receivers (module level: Pelican holds receivers weakly)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.generators import ArticlesGenerator

from syndicate import background
from syndicate.cache import FileDigests, ImageCache
from syndicate.config import SiteConfig
from syndicate.content import newest_first
from syndicate.draw import TerminalProgress
from syndicate.errors import ContentProblems
from syndicate.export import bulk_schedule_csv_chunks, syndication_json_chunks
from syndicate.feeds import FeedItem, build_platform_feeds
from syndicate.syndication import (
    CardJob,
    PostSyndication,
    RenderStats,
    assemble,
    check_overrides,
    exports,
    failure_problems,
    fit_texts,
    plan_cards,
    platform_link,
    publish_cards,
    render_missing,
    rendered_entries,
)

log = logging.getLogger(__name__)

RUN_KEY = "SYNDICATION"
GENERATOR_KEY = "_SYNDICATION_GENERATOR"
PENDING_KEY = "_SYNDICATION_WRITING"
DEFAULT_CACHE = ".cache/syndicate"


@dataclass(frozen=True)
class SyndicationRun:
    """What one build planned and rendered, shared between the two signals."""

    jobs: Sequence[CardJob]
    cache: ImageCache
    posts: Sequence[PostSyndication]
    stats: RenderStats


def _progress() -> Callable[[int, int], None] | None:
    """A progress bar in a terminal; nothing in CI or when output is redirected."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return None
    return TerminalProgress()


def _articles_generator(generators: Sequence[Any]) -> ArticlesGenerator:
    return next(g for g in generators if isinstance(g, ArticlesGenerator))


def prepare_syndication(generators: Sequence[Any]) -> None:
    """Check overrides, render the cards the cache lacks, attach results to articles."""
    generator = _articles_generator(generators)
    settings = generator.settings
    config: SiteConfig = settings["SITE"]
    posts = generator.context.get("PRACTICE_POSTS", [])
    problems = check_overrides(posts, config)
    if problems:
        raise ContentProblems(problems)
    published = [p for p in posts if p.is_published]
    cache = ImageCache(Path(settings.get("SYNDICATION_CACHE_PATH", DEFAULT_CACHE)).resolve())
    files = FileDigests(cache.root / "pictures-sha256.json")
    jobs = plan_cards(published, config, files)
    files.save()
    # Cards the cache lacks are drawn in a process of their own while the texts are
    # fitted here (an edited post: its 7 cards beside its texts).
    missing = any(cache.get(job.key) is None for job in jobs)
    progress = _progress()
    rendering = (
        background.start(lambda: _render(jobs, cache, progress))
        if missing
        else background.done((render_missing(jobs, cache), {}))
    )
    texts = fit_texts(published, config, cache.root)
    stats, entries = rendering.result()
    for key, entry in entries.items():
        cache.record(key, entry)
    cache.save()
    if stats.failures:
        # A picture that changed during the build, or kept its size and time while its
        # bytes changed: the next build reads and hashes every picture again.
        files.forget()
        raise ContentProblems(failure_problems(stats.failures, config))
    syndicated = assemble(published, jobs, cache, config, texts)
    by_source = {item.post.source: item for item in syndicated}
    for article in generator.articles:
        post = getattr(article, "post", None)
        if post is not None and post.source in by_source:
            article.social = by_source[post.source]
    generator.context[RUN_KEY] = SyndicationRun(jobs, cache, syndicated, stats)
    settings[GENERATOR_KEY] = generator  # for start_writing (its signal has only Pelican)
    log.info(
        "Cards: %d planned, %d rendered, %d from cache (%.2f s, %.2f s CPU)",
        stats.planned,
        stats.rendered,
        stats.reused,
        stats.wall_s,
        stats.cpu_s,
    )


def _render(
    jobs: Sequence[CardJob], cache: ImageCache, progress: Callable[[int, int], None] | None
) -> tuple[RenderStats, dict[str, dict[str, Any]]]:
    """Render what the cache lacks; the stats and the new manifest entries."""
    stats = render_missing(jobs, cache, progress=progress)
    return stats, rendered_entries(cache, jobs)


def start_writing(pelican: Pelican) -> None:
    """Write the syndication files beside Pelican's pages (Pelican is about to write):
    in a process of their own, waited for by :func:`finish_writing`."""
    generator = pelican.settings.pop(GENERATOR_KEY, None)
    if generator is not None:
        pelican.settings[PENDING_KEY] = background.start(
            lambda: write_syndication(generator), quiet=("pelican.contents",)
        )


def finish_writing(pelican: Pelican) -> None:
    """Wait for the syndication files (before anything is published)."""
    pending = pelican.settings.pop(PENDING_KEY, None)
    if pending is not None:
        pending.result()


def write_syndication(generator: ArticlesGenerator) -> None:
    """Cards, per-platform feeds, syndication.json and the bulk CSV into the output."""
    run: SyndicationRun | None = generator.context.get(RUN_KEY)
    if run is None:
        return
    config: SiteConfig = generator.settings["SITE"]
    output = Path(generator.output_path)
    publish_cards(run.posts, run.jobs, run.cache, output)
    # Feeds carry the newest FEED_MAX_ITEMS posts: only theirs need the full HTML.
    newest = newest_first(item.post for item in run.posts)[: config.feed_max_items]
    recent = {post.source for post in newest}
    html = {
        a.post.source: a.content
        for a in generator.articles
        if getattr(a, "post", None) and a.post.source in recent
    }
    by_platform = {
        key: [
            FeedItem(
                post=item.post,
                html=html[item.post.source],
                image=item.card_for(key),
                description=item.texts[key].text,
                link=platform_link(item.post, key),
                title=item.texts[key].title,
            )
            for item in run.posts
            if item.post.source in recent
        ]
        for key in config.platforms
    }
    rows = exports(run.posts)
    files = {
        **{path: [data] for path, data in build_platform_feeds(by_platform, config).items()},
        "syndication.json": syndication_json_chunks(rows, site_url=config.site_url),
        "syndication/bulk-schedule.csv": bulk_schedule_csv_chunks(rows, timezone=config.timezone),
    }
    for relative, chunks in files.items():
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            handle.writelines(chunks)
