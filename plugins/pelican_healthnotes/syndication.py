"""Signal receivers (module level: Pelican holds receivers weakly)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.generators import ArticlesGenerator

from healthnotes.cache.files import FileDigests, ImageCache
from healthnotes.config import SiteConfig
from healthnotes.content.model import newest_first
from healthnotes.errors import ContentProblems
from healthnotes.runtime import background, fresh
from healthnotes.site.feeds import FeedItem, build_platform_feeds
from healthnotes.social.cards.draw import TerminalProgress
from healthnotes.social.export import bulk_schedule_csv_chunks, syndication_json_chunks
from healthnotes.social.plan import (
    CardJob,
    PostSyndication,
    RenderStats,
    assemble,
    check_overrides,
    exports,
    failure_problems,
    plan_cards,
    platform_link,
    publish_cards,
    start_fitting,
    start_rendering,
    with_file_sizes,
)

log = logging.getLogger(__name__)

RUN_KEY = "SYNDICATION"
DEFAULT_CACHE = ".cache/syndicate"


@dataclass(frozen=True)
class SyndicationRun:
    """What one build planned, shared between the signals: the cards being drawn and
    the syndication files being written (``pending``) until :func:`finish_cards`."""

    jobs: Sequence[CardJob]
    cache: ImageCache
    files: FileDigests
    syndicated: Sequence[PostSyndication]  # attached before the cards were drawn
    pending: background.Pending[tuple[RenderStats, dict[str, dict[str, Any]]]]


def _progress() -> Callable[[int, int], None] | None:
    """A progress bar in a terminal; nothing in CI or when output is redirected."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return None
    return TerminalProgress()


def _articles_generator(generators: Sequence[Any]) -> ArticlesGenerator:
    return next(g for g in generators if isinstance(g, ArticlesGenerator))


#: The drawing and text-fitting processes started while posts are read, by build (its
#: settings' id): not in the settings, which Pelican pickles into its content cache
#: with every post.
_drawers: dict[int, fresh.Started] = {}
_fitters: dict[int, fresh.Started] = {}
#: What the fitting process imports beforehand: twitter-text takes half a second.
FITTER_MODULES = ("healthnotes.social.plan", "twitter_text", "twitter_text.extract_emojis")


def start_drawer(source_path: str, *, settings: dict[str, Any], **_: Any) -> None:
    """A post was parsed from its file, not served from Pelican's cache: its texts have
    to be fitted and its cards may have to be drawn, so the fitting and drawing
    processes start now and import their libraries while Pelican reads the other
    posts (a core is idle then). A build that reads every
    post from the cache starts none; one started for nothing is stopped at the end."""
    earlier = _drawers.get(id(settings))
    if earlier is None or earlier.closed:  # closed: left by a build that stopped early
        _drawers[id(settings)] = fresh.start(
            "healthnotes.social.cards.draw", "healthnotes.social.cards.render"
        )
        _fitters[id(settings)] = fresh.start(*FITTER_MODULES)
        log.info("Cards: drawing process started early (%s was read from its file)", source_path)


def prepare_syndication(generators: Sequence[Any]) -> None:
    """Check overrides, fit the texts and attach them to the articles with the cards'
    addresses and sizes (what the pages show); then draw the cards the cache lacks and
    write the syndication files in a process of their own, while the safety gate runs
    and Pelican writes the pages."""
    generator = _articles_generator(generators)
    settings = generator.settings
    config: SiteConfig = settings["SITE"]
    posts = generator.context.get("PRACTICE_POSTS", [])
    problems = check_overrides(posts, config)
    if problems:
        raise ContentProblems(problems)
    published = [p for p in posts if p.is_published]
    cache = ImageCache(Path(settings.get("SYNDICATION_CACHE_PATH", DEFAULT_CACHE)).resolve())
    fitter = _fitters.pop(id(settings), None)
    try:
        fitting = start_fitting(published, config, cache.root, fitter)  # fitted meanwhile
        files = FileDigests(cache.root / "pictures-sha256.json")
        jobs = plan_cards(published, config, files)
        files.save()
        # The cards start being drawn now, on the core the fitting leaves idle.
        rendering = start_rendering(
            jobs, cache, progress=_progress(), drawer=_drawers.get(id(settings))
        )
        texts = fitting()
    finally:
        if fitter is not None:  # done with, used or not
            fitter.close()
    syndicated = assemble(published, jobs, config, texts)
    _attach(generator, syndicated)
    pending = background.start(
        lambda: _draw_and_write(generator, syndicated, jobs, cache, rendering),
        quiet=("pelican.contents",),
    )
    generator.context[RUN_KEY] = SyndicationRun(jobs, cache, files, syndicated, pending)


def _attach(generator: ArticlesGenerator, syndicated: Sequence[PostSyndication]) -> None:
    by_source = {item.post.source: item for item in syndicated}
    for article in generator.articles:
        post = getattr(article, "post", None)
        if post is not None and post.source in by_source:
            article.social = by_source[post.source]


def _draw_and_write(
    generator: ArticlesGenerator,
    syndicated: Sequence[PostSyndication],
    jobs: Sequence[CardJob],
    cache: ImageCache,
    rendering: Callable[[], RenderStats],
) -> tuple[RenderStats, dict[str, dict[str, Any]]]:
    """Draw what the cache lacks, then (if every card could be drawn) write the
    syndication files; the stats and the manifest entries that changed (cards drawn,
    or found again under another inode), for the build's own cache."""
    before = {key: dict(entry) for key, entry in cache.entries.items()}
    stats = rendering()  # the cards started in prepare_syndication
    if not stats.failures:
        write_syndication(generator, with_file_sizes(syndicated, jobs, cache), jobs, cache)
    changed = {key: entry for key, entry in cache.entries.items() if before.get(key) != entry}
    return stats, changed


def finish_cards(generator: ArticlesGenerator, writer: Any = None) -> None:
    """Once Pelican has written the article pages: wait for the cards and syndication
    files (a card that could not be drawn stops the build) and give each card its file
    size, which the main feed's enclosures carry."""
    run: SyndicationRun | None = generator.context.get(RUN_KEY)
    if run is None:
        return
    try:
        stats, entries = run.pending.result()
    finally:  # the drawing process started early (if any) is done with, used or not
        drawer = _drawers.pop(id(generator.settings), None)
        if drawer is not None:
            drawer.close()
    for key, entry in entries.items():
        run.cache.record(key, entry)
    run.cache.save()
    config: SiteConfig = generator.settings["SITE"]
    if stats.failures:
        # A picture that changed during the build, or kept its size and time while its
        # bytes changed: the next build reads and hashes every picture again.
        run.files.forget()
        raise ContentProblems(failure_problems(stats.failures, config))
    log.info(
        "Cards: %d planned, %d rendered, %d from cache (%.2f s, %.2f s CPU)",
        stats.planned,
        stats.rendered,
        stats.reused,
        stats.wall_s,
        stats.cpu_s,
    )
    _attach(generator, with_file_sizes(run.syndicated, run.jobs, run.cache))


def write_syndication(
    generator: ArticlesGenerator,
    syndicated: Sequence[PostSyndication],
    jobs: Sequence[CardJob],
    cache: ImageCache,
) -> None:
    """Cards, per-platform feeds, syndication.json and the bulk CSV into the output."""
    config: SiteConfig = generator.settings["SITE"]
    output = Path(generator.output_path)
    publish_cards(syndicated, jobs, cache, output)
    # Feeds carry the newest FEED_MAX_ITEMS posts: only theirs need the full HTML.
    newest = newest_first(item.post for item in syndicated)[: config.feed_max_items]
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
            for item in syndicated
            if item.post.source in recent
        ]
        for key in config.platforms
    }
    rows = exports(syndicated)
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
