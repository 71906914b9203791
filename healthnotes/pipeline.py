"""What a build does to the site's posts, in order: the one place to read the flow.

:func:`build` is the sequence::

    validate -> plan -> pictures' sizes -> fit texts -> draw cards and carousels -> check
             -> (pages written) -> write feeds, syndication files, pictures and the staff
             preview -> (static files copied) -> search index, beside it: strip
             pictures, scan what is about to be published -> gate -> (published by build.py)

It is a generator: at each ``yield`` the site engine (Pelican, through the plugin in
``plugins/pelican_healthnotes``) does its own part (writing the pages, copying the
static files) and then resumes it. Everything it needs from the engine is the
:class:`Site` protocol, so this module imports no Pelican. Work that costs CPU runs
in the build's :class:`~healthnotes.runtime.workers.Workers` (fitting texts, drawing
cards, checking posts) while the engine writes pages, and Pagefind runs while the
published scan reads the pages; nothing here starts a process itself. A step that
finds a person's mistake raises :class:`~healthnotes.errors.ContentProblems` with every
problem it found; the build then publishes nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from healthnotes.cache import last_build
from healthnotes.cache.checks import CheckCache
from healthnotes.cache.files import FileDigests, Folders, ImageCache
from healthnotes.config import SiteConfig
from healthnotes.content import renames
from healthnotes.content.model import (
    Post,
    RawPost,
    calendar_post,
    newest_first,
    parse_posts,
    plain_metadata,
)
from healthnotes.content.slips import ignored_files, not_published, not_published_lines
from healthnotes.editorial.publishing import (
    HELD,
    apply_hold,
    current_alerts,
    exception_problems,
    hold_lines,
    sign_off_problems,
)
from healthnotes.errors import ContentProblems, Problem
from healthnotes.gate import ner
from healthnotes.gate import pictures as gate_pictures
from healthnotes.gate.check import (
    GateSettings,
    Result,
    cached_checks,
    check_one,
    kept_result,
    pictures_of,
    post_allowances,
    result_key,
)
from healthnotes.gate.inputs import PostFiles
from healthnotes.gate.listing import Listing, Places
from healthnotes.gate.live import LogProgress, gate_has_run, progress
from healthnotes.gate.messages import Masker, mask_slugs
from healthnotes.gate.photos import facts_of
from healthnotes.gate.privacy import Allowlist, keep_derived
from healthnotes.gate.published import (
    PublishedScan,
    not_yet_reported,
    scan_cache,
    scan_output,
)
from healthnotes.gate.report import BuildReport, render_html, render_terminal
from healthnotes.publish import published_folder
from healthnotes.runtime.workers import Workers
from healthnotes.site import pictures as site_pictures
from healthnotes.site import search
from healthnotes.site.feeds import FeedItem, build_feeds, build_platform_feeds
from healthnotes.site.page import PostPage, post_pages
from healthnotes.social.cards.draw import CardJob, RenderResult, TerminalProgress, card_groups
from healthnotes.social.export import bulk_schedule_csv_chunks, syndication_json_chunks
from healthnotes.social.media import PostMedia, draw_media, finish_media
from healthnotes.social.media import drawn_folder as media_drawn_folder
from healthnotes.social.media import made_folders as media_made_folders
from healthnotes.social.plan import (
    PostSyndication,
    RenderFailure,
    RenderStats,
    TextCache,
    assemble,
    check_overrides,
    exports,
    failure_problems,
    fit_post,
    left_out_problems,
    plan_cards,
    platform_link,
    publish_cards,
    with_file_sizes,
)
from healthnotes.social.preview import preview_folder, write_preview
from healthnotes.social.texts import load_counting

if TYPE_CHECKING:
    from healthnotes.calendar.site import PlannedCalendar

log = logging.getLogger(__name__)


class Site(Protocol):
    """What the pipeline needs from the site engine (the plugin implements it)."""

    #: The folder the site is being written into (the staging folder, not output/).
    output: Path

    def posts(self) -> list[RawPost]:
        """Every post the engine read: published, scheduled and drafts."""

    def page_problems(self) -> list[Problem]:
        """What is wrong with the pages (they have no typed model of their own)."""

    def show(
        self,
        posts: Sequence[Post],
        syndicated: Sequence[PostSyndication],
        pages: Mapping[str, PostPage] | None = None,
    ) -> None:
        """Give each post's page what it shows: the post, its cards and texts, and
        (``pages``, by source) its picture's sizes, related posts and share links."""

    def html(self, sources: set[str]) -> Mapping[str, str]:
        """The full HTML of the posts whose source is in ``sources`` (for the feeds)."""

    def static_files(self) -> Mapping[Path, Path]:
        """Each static file the engine copied: its output path -> its source path."""

    def origins(self) -> Mapping[str, str]:
        """Each output file (relative, ``/`` separated) -> the source file it comes from."""

    def searchable(self) -> list[str]:
        """The output files (relative, ``/`` separated) of the published posts' pages:
        what the search index holds."""

    def announce(self, alerts: Sequence[Post]) -> None:
        """The urgent notices every page shows as a banner (current ones, newest first)."""

    def search_in(self, bundles: Sequence[str]) -> None:
        """The search index's bundles (their addresses) the search page loads, the first
        one first (:func:`healthnotes.site.search.bundles`)."""


# ---------------------------------------------------------------------------
# The sequence
# ---------------------------------------------------------------------------


def build(site: Site, config: SiteConfig, workers: Workers, *, now: datetime) -> Iterator[str]:
    """The whole build, step by step (see the module's docstring); each ``yield``
    names what the engine does before the next step."""
    caches = Caches.at(config.cache_path)
    caches.remove_retired()
    keep_derived(caches.root)  # the rules' prefilters: this process scans quoted texts
    # Messages and the report quote posts, masked by the rules and the language model:
    # the model's proposals are kept, so a build that changed nothing never loads it.
    with ner.remembering(caches.model_spans):
        yield from _steps(site, config, workers, caches, now=now)


def _steps(
    site: Site, config: SiteConfig, workers: Workers, caches: Caches, *, now: datetime
) -> Iterator[str]:
    posts = validate(site, config, now, caches)
    progress("read", len(posts))  # lines with no text from a post: printed at once
    calendar = plan_calendar(posts, config, now)  # written by the gate, masked
    alerts = current_alerts(posts, now)
    site.announce(alerts)
    shelves = search.shelves(site.searchable(), config.search_shelf_size)
    site.search_in(search.bundles(shelves, config.site_url))
    urgent = {post.source for post in alerts}
    published = [post for post in posts if post.is_published]
    jobs = plan_cards(published, config, caches.pictures)
    pictures = start_pictures(posts, config, caches, workers)
    caches.pictures.save()
    texts = fit_texts(published, config, caches, workers)
    for problem in left_out_problems(published, texts):
        log.warning(problem.format(), extra={"problem": True})
    drawing = draw_cards(jobs, caches.cards, workers)
    progress("cards", len(drawing.todo), len(jobs))
    media = draw_media(published, _html(site), config, caches.media, workers)
    syndicated = assemble(published, jobs, config, texts)
    site.show(posts, syndicated, post_pages(posts, config.platforms, pictures.shown))
    to_check = gate_inputs(posts, site.posts(), syndicated, config)
    progress("check", len(to_check))
    checking = check(to_check, config, caches, workers, now=now)
    yield "write the pages"
    syndicated = finish_cards(drawing, jobs, syndicated, caches, config)
    made = Folders(site.output, retired=config.retired_output)  # the folders made so far
    carried = finish_media(media, site.output, config, made)  # carousels, document, video
    site.show(posts, syndicated)  # now with each card's file size
    write_syndication(site, syndicated, jobs, caches.cards, config, urgent, carried, made)
    write_feeds(site, syndicated, config, urgent)
    pictures.publish(site.output, made)
    made.finish()  # every post's cards and media in place
    log.info("Syndication: %d posts' folders taken whole from the site before", made.taken)
    renames.write_redirects(site.output, renames.redirects_of(published))
    yield "copy the static files"
    # runs beside what follows (no page changes)
    indexing = search.start_index(
        site.output,
        shelves,
        record=search.ShelfRecord(caches.root / search.RECORD),
        last=published_folder(site.output),
    )
    try:
        gate_pictures.strip_published(
            site.output,
            site.static_files(),
            caches.root,
            max_pixels=config.max_picture_pixels,
            drawn=caches.drawn(),
        )
        progress("scan")
        leaks = scan_published_site(
            site, posts, to_check, config, caches, workers, checking, indexing.finish
        )
    finally:
        indexing.stop()
    listing = Listing(posts, [item.post for item in to_check], report_places(site, config))
    gate(checking, config, now=now, published=leaks, calendar=calendar, listing=listing)
    write_preview(syndicated, carried, jobs, caches.cards, config)  # only once nothing leaks
    allow = Allowlist.from_config(config)
    for warning in renames.remember(  # addresses lost in a rename, not taken down on purpose
        published,
        caches.root,
        kept_back=[post.slug for post in posts if not post.is_published],
        content_root=config.content_root,
        save=not config.check_only,
    ):  # (an address no longer published: no scan of this build read it)
        log.warning(mask_slugs(warning, allow), extra={"problem": True})
    if not config.check_only:
        indexing.save()  # the shelves indexed, for the next build to keep
    say_what_is_left_out(posts, config)
    # Until the clock alone changes what is built, a build with nothing changed is skipped.
    stale_at = last_build.stale_at([*posts, config.editorial.hold], now, config.timezone)
    last_build.save_stale_at(caches.root, stale_at)


# ---------------------------------------------------------------------------
# The steps
# ---------------------------------------------------------------------------


def validate(site: Site, config: SiteConfig, now: datetime, caches: Caches) -> list[Post]:
    """Every post (published, scheduled and draft) and page checked, the crisis hold
    applied and the sign-offs checked; every mistake at once. Warnings are printed,
    errors stop the build."""
    posts, problems = parse_posts(site.posts(), config, today=now.date())
    posts = apply_hold(posts, config.editorial.hold, now)
    lines = {raw.source: raw.lines for raw in site.posts()}
    problems.extend(
        sign_off_problems(
            posts,
            config,
            digest=caches.pictures.sha256,
            lines=lambda p: lines.get(p.source, {}).get("signed_off"),
        )
    )
    problems.extend(
        exception_problems(posts, config, lines=lambda p: lines.get(p.source, {}).get("exception"))
    )
    problems.extend(site.page_problems())
    problems.extend(gate_pictures.refused_in_content(config.content_root, config.static_paths))
    problems.extend(check_overrides(posts, config))
    problems.extend(
        Problem(file=source, field="Previous_Slugs", message=message)
        for source, message in renames.redirect_problems(posts)
    )
    if any(problem.severity == "error" for problem in problems):
        raise ContentProblems(problems)
    for problem in problems:
        log.warning(problem.format(), extra={"problem": True})
    return posts


def plan_calendar(
    posts: Sequence[Post], config: SiteConfig, now: datetime
) -> PlannedCalendar | None:
    """``reports/calendar.html`` and ``.ics`` (written by :func:`gate`, which knows what to
    mask); a warning for a series slot within 7 days with nothing scheduled, and one for
    the crisis hold (every build, while it is on)."""
    from healthnotes.calendar.site import PlannedCalendar, calendar_problems, site_calendar

    held = hold_lines(config.editorial.hold, [post for post in posts if post.status == HELD])
    for line in held:
        log.warning("warning: %s", line, extra={"problem": True})
    if not config.editorial.series and not held:
        return None
    shown = tuple(calendar_post(post) for post in posts)
    cal = site_calendar(shown, config, now.date())
    for problem in calendar_problems(cal):
        log.warning(problem.format(), extra={"problem": True})
    return PlannedCalendar(shown, config, now, tuple(held))


#: Files the build cache held before and no longer does: the check caches were JSON
#: until 2026-12-06 (the published scan's alone about 18 MB on a 1000-post site).
RETIRED = ("checks.json", "published-scan.json", "model-spans.json", "pictures.json")


@dataclass(frozen=True)
class Caches:
    """What the build keeps between runs, in one folder (``CACHE_PATH``'s sibling
    ``BUILD_CACHE_PATH``): cards, fitted texts, picture digests, check results."""

    root: Path
    cards: ImageCache
    pictures: FileDigests
    #: The language model's proposals for texts that messages quote.
    model_spans: CheckCache
    #: The sizes of the posts' pictures (:mod:`healthnotes.site.pictures`).
    picture_sizes: ImageCache

    @classmethod
    def at(cls, root: Path) -> Caches:
        return cls(
            root=root,
            cards=ImageCache(root / "cards"),
            pictures=FileDigests(root / "pictures-sha256.json"),
            model_spans=CheckCache(root / "model-spans.marshal"),
            picture_sizes=ImageCache(root / "pictures"),
        )

    @property
    def media(self) -> Path:
        """Where the carousels, documents and videos are kept."""
        return self.root / "media"

    def remove_retired(self) -> None:
        """Remove what earlier versions kept here and this one no longer reads
        (:data:`RETIRED`), so that it does not stay behind."""
        for name in RETIRED:
            with contextlib.suppress(OSError):
                (self.root / name).unlink(missing_ok=True)

    def drawn(self) -> tuple[Path, ...]:
        """The folders of the pictures the build made itself, without metadata: the
        cards, the slides and the sizes of the posts' pictures (encoded from the
        pixels alone, :func:`healthnotes.site.pictures.encode`)."""
        return (self.cards.folder, media_drawn_folder(self.media), self.picture_sizes.folder)

    def made(self) -> tuple[Path, ...]:
        """The folders of every file the build makes from the checked texts: the cards,
        the slides, the carousels' documents and the videos."""
        return (self.cards.folder, *media_made_folders(self.media))


#: Texts are fitted in the workers in chunks of about this many posts.
FIT_CHUNK = 16


def fit_texts(
    posts: Sequence[Post], config: SiteConfig, caches: Caches, workers: Workers
) -> dict[str, dict]:
    """Each post's text for each platform, by slug: kept ones from the cache, the
    others fitted in the workers (counting X's way loads twitter-text, which a build
    whose texts are all kept never needs)."""
    cache = TextCache(caches.cards.root)
    platforms = list(config.platforms)
    todo = cache.lookup(posts, platforms)
    fitted = list(workers.map(fit_post, todo, chunksize=FIT_CHUNK)) if todo else []
    texts = cache.complete(fitted, platforms)
    cache.save()
    return {post.slug: post_texts for post, post_texts in zip(posts, texts, strict=True)}


@dataclass
class Drawing:
    """Cards being drawn in the workers: the jobs the cache lacked and their futures."""

    todo: dict[str, CardJob]
    futures: list[Future[tuple[list[RenderResult], float]]]
    started: float


def _draw(cache_root: Path, jobs: Sequence[CardJob]) -> tuple[list[RenderResult], float]:
    """:func:`~healthnotes.social.cards.draw.draw_group` in a worker, and its CPU time."""
    from healthnotes.social.cards.draw import draw_group

    cpu = time.process_time()
    return draw_group(cache_root, jobs), time.process_time() - cpu


def draw_cards(jobs: Sequence[CardJob], cache: ImageCache, workers: Workers) -> Drawing:
    """Start drawing the cards whose key the cache does not hold (each key once), one
    group (a post's cards) per task; :func:`finish_cards` waits for them."""
    todo = {job.key: job for job in jobs if not cache.holds(job.key)}
    groups = list(card_groups(todo.values()))
    workers.expect(len(groups))
    futures = [workers.submit(_draw, cache.root, group) for group in groups]
    return Drawing(todo=todo, futures=futures, started=time.perf_counter())


def _progress() -> Callable[[int, int], None]:
    """A progress bar in a terminal; a line per tenth in CI or when output is redirected."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return LogProgress()
    return TerminalProgress()


def finish_cards(
    drawing: Drawing,
    jobs: Sequence[CardJob],
    syndicated: Sequence[PostSyndication],
    caches: Caches,
    config: SiteConfig,
) -> list[PostSyndication]:
    """Wait for the cards; draw again any the manifest holds but whose file is gone or
    changed; record them; a card that cannot be drawn stops the build."""
    cache = caches.cards
    progress = _progress() if drawing.futures else None
    results: list[RenderResult] = []
    cpu = 0.0
    total = len(drawing.todo)
    for future in drawing.futures:
        drawn, seconds = future.result()
        results.extend(drawn)
        cpu += seconds
        if progress:
            progress(len(results), total)
    held = (job for job in jobs if job.key not in drawing.todo)
    stale = {job.key: job for job in held if not cache.file(job.key)}  # gone or changed
    for group in card_groups(stale.values()):
        drawn, seconds = _draw(cache.root, group)
        results.extend(drawn)
        cpu += seconds
    failures = []
    for key, entry, part, message in results:
        if entry is None:
            job = drawing.todo.get(key) or stale[key]
            failures.append(RenderFailure(job=job, part=part, message=message))
        else:
            cache.record(key, entry)
    cache.save()
    attempted = len(drawing.todo) + len(stale)
    stats = RenderStats(
        planned=len(jobs),
        rendered=attempted - len(failures),
        reused=len(jobs) - attempted,
        failures=tuple(failures),
    )
    if stats.failures:
        # A picture that changed during the build, or kept its size and time while its
        # bytes changed: the next build reads and hashes every picture again.
        caches.pictures.forget()
        raise ContentProblems(failure_problems(stats.failures, config))
    log.info(
        "Cards: %d planned, %d rendered, %d from cache (%.2f s, %.2f s CPU)",
        stats.planned,
        stats.rendered,
        stats.reused,
        time.perf_counter() - drawing.started,
        cpu,
    )
    return with_file_sizes(syndicated, jobs, cache)


@dataclass
class PictureWork:
    """Posts' pictures in every size: what pages show (known at once) and the sizes
    being encoded in the workers."""

    shown: dict[str, site_pictures.Picture]
    cache: ImageCache
    futures: list[Future[list[tuple[str, Any]]]]

    def publish(self, output: Path, folders: Folders | None = None) -> None:
        """Wait for the workers, record what they made, put every size into ``output``."""
        for future in self.futures:
            for key, entry in future.result():
                self.cache.record(key, entry)
        self.cache.save()
        site_pictures.publish(self.shown, self.cache, output, folders)


def start_pictures(
    posts: Sequence[Post], config: SiteConfig, caches: Caches, workers: Workers
) -> PictureWork:
    """Plan each post's picture sizes (:mod:`healthnotes.site.pictures`) and start
    encoding those the cache lacks; :meth:`PictureWork.publish` puts them out."""
    shown = site_pictures.plan(posts, config.content_root, caches.pictures)
    cache = caches.picture_sizes
    todo = site_pictures.missing(shown, cache, config.content_root)
    workers.expect(len(todo))
    futures = [
        workers.submit(site_pictures.make_one, cache.root, original, variants)
        for original, variants in todo
    ]
    return PictureWork(shown=shown, cache=cache, futures=futures)


@dataclass
class Checking:
    """The per-post safety checks: results known at once, and the others' futures."""

    known: list[Result | None]
    futures: dict[int, Future[tuple[Result, dict[str, object], dict[str, tuple[ner.Span, ...]]]]]
    checks: CheckCache
    settings: GateSettings
    #: The cache key of each result the workers are making (:func:`result_key`).
    keys: dict[int, str] = field(default_factory=dict)

    def wait(self) -> None:
        """Every post's result in :attr:`known`, once the workers are done, and kept whole
        for the next build; the language model's proposals they found are this
        process's (:func:`ner.learn`), so the published scan and the messages read none
        of those sentences again."""
        for index, future in self.futures.items():
            result, entries, proposals = future.result()
            self.known[index] = result
            self.checks.entries.update(entries)
            self.checks.used.update(entries)
            if index in self.keys:
                kept = kept_result(result, entries)
                self.checks.entries[self.keys[index]] = self.checks.used[self.keys[index]] = kept
            ner.learn(proposals)
        self.futures = {}

    def results(self) -> list[Result]:
        """Every post's result, in order, once the workers are done; the cache saved."""
        self.wait()
        self.checks.save()
        return [result for result in self.known if result is not None]


def gate_inputs(
    posts: Sequence[Post],
    raws: Sequence[RawPost],
    syndicated: Sequence[PostSyndication],
    config: SiteConfig,
) -> list[PostFiles]:
    """What the gate reads of every post that is or will be published (explicit
    drafts are never published; they are checked when they are)."""
    raw_by_source = {raw.source: raw for raw in raws}
    texts = {item.post.source: item.texts for item in syndicated}
    items = []
    for post in posts:
        if post.status == "draft":
            continue
        raw = raw_by_source[post.source]
        platform_texts = texts.get(post.source, {})
        items.append(
            PostFiles(
                post=post,
                metadata={
                    key: plain_metadata(value)
                    for key, value in raw.metadata.items()
                    if not key.startswith("_")
                },
                html=raw.html,
                source_path=raw.source,
                platform_texts={key: text.text for key, text in platform_texts.items()},
                hero_path=str(config.content_root / post.image) if post.image else None,
                body_text=raw.facts.text if raw.facts is not None else None,
            )
        )
    return items


def check(
    items: Sequence[PostFiles],
    config: SiteConfig,
    caches: Caches,
    workers: Workers,
    *,
    now: datetime,
) -> Checking:
    """Start the safety gate on every post that is or will be published: posts whose
    every check is cached are done at once, pictures not seen before and then the
    other posts are checked in the workers; :func:`gate` waits for them."""
    settings = GateSettings(
        reading_target=config.reading_target,
        reading_as_error=config.reading_as_error,
        review_max_age_days=config.review_max_age_days,
    )
    allow = Allowlist.from_config(config)
    checks = CheckCache(caches.root / "checks.marshal")
    today, digest = now.date(), caches.pictures.sha256
    results = cached_checks(
        items, allow, settings, today=today, checks=checks, picture_digest=digest
    )
    missing = [index for index, result in enumerate(results) if result is None]
    pictures = pictures_of([items[index] for index in missing])
    unseen = {key: picture for key, picture in pictures.items() if key not in checks.entries}
    for key, facts in zip(unseen, workers.map(facts_of, unseen.values()), strict=True):
        checks.entries[key] = facts
    known = {key: checks.entries[key] for key in pictures}
    workers.expect(len(missing))
    futures = {
        index: workers.submit(check_one, items[index], allow, settings, today, known, caches.root)
        for index in missing
    }
    # each result the workers make is kept whole for the next build (as cached_checks keeps
    # the ones it makes): an edit after a first build does not run every check again
    keys = {index: result_key(items[index], allow, settings, today, digest) for index in missing}
    if futures and workers.wanted > 1:
        # a post checked anew puts new sentences on the site's pages too: the published
        # scan sends them to a worker, which should not load the model then (one
        # worker: the one that checks the posts)
        for _ in range(workers.wanted):
            workers.submit(warm_model)
    return Checking(results, futures, checks, settings, keys)


def ready() -> None:
    """What :meth:`Workers.start` gives the first worker as it starts: unpickling it
    imports this module (the build's work, the gate's rules), and it loads the
    platforms' character counting, which fitting an edited post's texts needs first."""
    load_counting()


def warm_model() -> None:
    """Load the gate's language model in a worker (module level: sent to one)."""
    ner.model()


def scan_published_site(
    site: Site,
    posts: Sequence[Post],
    items: Sequence[PostFiles],
    config: SiteConfig,
    caches: Caches,
    workers: Workers,
    checking: Checking,
    indexed: Callable[[], object],
) -> PublishedScan:
    """The last line of the gate: every file about to be published, whatever wrote it
    (pages, feeds, exports, copied files, the search index, file names), read as a
    reader sees it and scanned for identifiers (:mod:`healthnotes.gate.published`);
    findings in a post's own page are reported on its source file. Its texts are
    scanned once the per-post checks are done: their sentences are not read again.
    The search index's folder is read last, after ``indexed`` returns."""
    cache = scan_cache(caches.root / "published-scan.marshal")
    allow = Allowlist.from_config(config)
    # what a post allows for itself (public figures, brands, tags): the same
    allowances = post_allowances(allow, items, cache)
    # what the posts acknowledge holds where posts' texts are, never in a page or a copy
    acknowledged = {
        post.source: {(e.rule, e.text) for e in post.exceptions}
        for post in posts
        if post.exceptions
    }
    scan = scan_output(
        site.output,
        allow,
        origins=site.origins(),
        acknowledged=acknowledged,
        allowances=allowances,
        posts={post.source for post in posts},
        cache=cache,
        workers=workers,
        before_scanning=checking.wait,
        unfinished={search.FOLDER: indexed},
        kept_in=caches.root,
        made=caches.made(),
        copies={
            output.relative_to(site.output).as_posix(): str(source)
            for output, source in site.static_files().items()
        },
    )
    cache.save()
    return scan


def report_places(site: Site, config: SiteConfig) -> Places:
    """Where the report links to: each post's built page (in the folder the build is
    swapped into) and its cards and texts (``reports/preview/``)."""
    return Places.of(
        site.origins(),
        written=site.output,
        report=config.report_path,
        output=published_folder(site.output),
        preview=preview_folder(config),
        last_build=config.check_only,
    )


def gate(
    checking: Checking,
    config: SiteConfig,
    *,
    now: datetime,
    published: PublishedScan | None = None,
    calendar: PlannedCalendar | None = None,
    listing: Listing | None = None,
) -> None:
    """Wait for the safety checks, write the reports (and the ``calendar``) and print
    the summary, each masked with what the gate found (:mod:`healthnotes.gate.messages`);
    stop the build (nothing is published) on any error, the published scan's included.
    With ``listing`` the report lists every post newest first, drafts included, with
    dates and links; without it, the checked posts by file name."""
    done = checking.results()
    problems = [problem for found, _ in done for problem in found]
    problems += not_yet_reported(published.problems if published else [], problems)
    rows = sorted((row for _, row in done), key=lambda row: row.source)
    if listing is not None:
        rows = listing.rows(
            [row for _, row in done],
            today=now.date(),
            review_max_age_days=checking.settings.review_max_age_days,
        )
    report = BuildReport(
        site=config.site_name,
        generated=now,
        reading_target=checking.settings.reading_target,
        review_max_age_days=checking.settings.review_max_age_days,
        posts=rows,
        problems=[p.format() for p in problems if p.severity == "error"],
        links_note=listing.note if listing is not None else None,
    )
    config.report_path.parent.mkdir(parents=True, exist_ok=True)
    allow = Allowlist.from_config(config)
    found = [text for _, row in done for text in row.identifiers]
    masker = Masker.found(allow, found + (published.identifiers if published else []))
    known = masker.known
    masked = checking.checks  # texts quoted from posts, kept masked with the checks
    gate_has_run(known, masked)  # the lines held until now are printed, masked with it
    config.report_path.write_text(
        render_html(report, allow=allow, known=known, cache=masked), "utf-8"
    )
    if calendar is not None:
        calendar.write(masker, masked)
    reported = {problem.message for problem in problems}  # printed as problems and warnings
    summary = render_terminal(report, reported=reported, allow=allow, known=known, cache=masked)
    masked.save()
    print(f"{summary}\nReport: {config.report_path}", file=sys.stderr)
    if any(problem.severity == "error" for problem in problems):
        raise ContentProblems(problems, identifiers=known)
    for problem in problems:
        log.warning(problem.format(), extra={"problem": True})


def say_what_is_left_out(posts: Sequence[Post], config: SiteConfig) -> None:
    """One line per post this build does not publish, and why (draft, scheduled), and
    per file in a posts folder the build never reads (saved as .txt, .docx, ...)."""
    ignored = [
        (_shown(path), fix)
        for folder in config.article_paths
        for path, fix in ignored_files(config.content_root / folder)
    ]
    left_out = not_published([(p.source, p.status, p.date) for p in posts], ignored)
    masker = Masker(Allowlist.from_config(config))  # a draft's file name is never gated
    for line in not_published_lines(left_out):
        print(masker.line(line))


def _shown(path: Path) -> str:
    """``path`` as messages show it: relative to the working folder when inside it."""
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def _html(site: Site) -> dict[str, str]:
    """Each post's HTML by source (the carousels are made from its paragraphs)."""
    return {raw.source: raw.html for raw in site.posts()}


def write_syndication(
    site: Site,
    syndicated: Sequence[PostSyndication],
    jobs: Sequence[CardJob],
    cards: ImageCache,
    config: SiteConfig,
    urgent: set[str] = frozenset(),  # type: ignore[assignment]
    media: Sequence[PostMedia] = (),
    folders: Folders | None = None,
) -> None:
    """Cards, per-platform feeds (current urgent notices first), syndication.json and
    the bulk CSV into the output."""
    publish_cards(syndicated, jobs, cards, site.output, folders)
    recent = _recent(syndicated, config) | urgent
    html = site.html(recent)
    by_platform = {
        key: [
            FeedItem(
                post=item.post,
                html=html[item.post.source],
                image=item.card_for(key),
                description=item.texts[key].text,
                link=platform_link(item.post, key),
                title=item.texts[key].title,
                urgent=item.post.source in urgent,
            )
            for item in syndicated
            if item.post.source in recent
        ]
        for key in config.platforms
    }
    rows = exports(syndicated, {made.slug: made.items for made in media})
    files = {
        **{path: [data] for path, data in build_platform_feeds(by_platform, config).items()},
        "syndication.json": syndication_json_chunks(rows, site_url=config.site_url),
        "syndication/bulk-schedule.csv": bulk_schedule_csv_chunks(rows, timezone=config.timezone),
    }
    for relative, chunks in files.items():
        _write(site.output / relative, chunks)


def write_feeds(
    site: Site,
    syndicated: Sequence[PostSyndication],
    config: SiteConfig,
    urgent: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """The site's RSS and Atom feeds (all posts, and one per type: each carries its
    newest ``FEED_MAX_ITEMS``, current urgent notices first)."""
    carried = _recent(syndicated, config) | urgent
    for post_type in {item.post.type for item in syndicated}:
        of_type = (item for item in syndicated if item.post.type is post_type)
        carried |= _recent(list(of_type), config)
    html = site.html(carried)
    items = [
        FeedItem(
            post=item.post,
            html=html[item.post.source],
            image=item.og,
            urgent=item.post.source in urgent,
        )
        for item in syndicated
        if item.post.source in carried
    ]
    for relative, data in build_feeds(items, config).items():
        _write(site.output / relative, [data])


def _recent(syndicated: Sequence[PostSyndication], config: SiteConfig) -> set[str]:
    """The posts the feeds carry (the newest ``FEED_MAX_ITEMS``): only theirs need
    the full HTML."""
    newest = newest_first(item.post for item in syndicated)[: config.feed_max_items]
    return {post.source for post in newest}


def _write(target: Path, chunks: Sequence[bytes] | Iterator[bytes]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        handle.writelines(chunks)
