"""Signal receivers (module level: Pelican holds receivers weakly)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican import Pelican
from pelican.generators import ArticlesGenerator, StaticGenerator

from healthnotes.cache.checks import CheckCache
from healthnotes.config import SiteConfig
from healthnotes.content.html_text import FACTS_KEY, HtmlFacts
from healthnotes.content.model import plain_metadata
from healthnotes.errors import ContentProblems, Problem
from healthnotes.gate.inputs import PostFiles
from healthnotes.gate.photos import strip_metadata
from healthnotes.runtime import background, fresh

log = logging.getLogger(__name__)

PENDING_KEY = "_SAFETY_GATE"  # the gate running beside Pelican's writing
#: The checking process started while posts are read, by build (its settings' id): not
#: in the settings, which Pelican pickles into its content cache with every post.
_checkers: dict[int, fresh.Started] = {}
#: Each build's static files (by its settings' id): output path -> source path.
_copies: dict[int, dict[Path, Path]] = {}
DEFAULT_REPORT = "reports/build-report.html"
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def _gate_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The gate's settings (:class:`healthnotes.gate.check.GateSettings` fields)."""
    return {
        "reading_target": float(settings.get("READING_GRADE_TARGET", 8)),
        "reading_as_error": bool(settings.get("READING_GRADE_AS_ERROR", False)),
        "review_max_age_days": int(settings.get("REVIEW_MAX_AGE_DAYS", 365)),
    }


def start_checker(source_path: str, *, settings: dict[str, Any], **_: Any) -> None:
    """A post was parsed from its file, not served from Pelican's cache: it has to be
    checked, so the checking process starts now and imports the checks while Pelican
    reads the other posts (a core is idle then). A build that reads every post from
    the cache starts none; one started for nothing is stopped at the end."""
    earlier = _checkers.get(id(settings))
    if earlier is None or earlier.closed:  # closed: left by a build that stopped early
        _checkers[id(settings)] = fresh.start("healthnotes.gate.check")
        log.info("Checks: checking process started early (%s was read from its file)", source_path)


def run_gate(generators: Sequence[Any]) -> None:
    """Start the gate on every post that is or will be published, beside Pelican's
    writing (:mod:`healthnotes.runtime.background`); :func:`finish_gate` waits for it."""
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = generator.settings
    config: SiteConfig = settings["SITE"]
    posts = []
    for article in [*generator.articles, *generator.translations, *generator.drafts]:
        post = getattr(article, "post", None)
        if post is None or post.status == "draft":
            continue  # explicit drafts are never published; they are checked when they are
        social = getattr(article, "social", None)
        facts = article.metadata.get(FACTS_KEY)
        posts.append(
            PostFiles(
                post=post,
                metadata={
                    key: plain_metadata(value)
                    for key, value in article.metadata.items()
                    if not key.startswith("_")
                },
                html=article._content or "",
                source_path=article.source_path,
                platform_texts={k: t.text for k, t in social.texts.items()} if social else {},
                hero_path=str(config.content_root / post.image) if post.image else None,
                body_text=facts.text if isinstance(facts, HtmlFacts) else None,
            )
        )
    report_path = Path(settings.get("REPORT_PATH") or DEFAULT_REPORT)
    checks_path = _cache_root(settings) / "checks.json"
    gate = _gate_settings(settings)
    checker = _checkers.get(id(settings))
    settings[PENDING_KEY] = background.start(
        lambda: _gate(posts, config, gate, checks_path, report_path, checker)
    )


def _gate(
    posts: Sequence[PostFiles],
    config: SiteConfig,
    settings: dict[str, Any],
    checks_path: Path,
    report_path: Path,
    checker: fresh.Started | None = None,
) -> tuple[list[Problem], str]:
    """Check every post, write the report; (every problem, the terminal summary).

    Runs beside the build: the checks (and their many patterns) load here, and the
    posts' files and pictures are read here."""
    from healthnotes.gate.check import GateSettings, check_posts
    from healthnotes.gate.privacy import Allowlist
    from healthnotes.gate.report import BuildReport, render_html, render_terminal

    gate = GateSettings(**settings)

    now = datetime.now(ZoneInfo(config.timezone))
    checks = CheckCache(checks_path)
    allow = Allowlist.from_config(config)
    results = check_posts(
        posts,
        allow,
        gate,
        today=now.date(),
        checks=checks,
        checker=checker,
    )
    checks.save()
    problems = [problem for found, _ in results for problem in found]
    report = BuildReport(
        site=config.site_name,
        generated=now,
        reading_target=gate.reading_target,
        review_max_age_days=gate.review_max_age_days,
        posts=sorted((row for _, row in results), key=lambda r: r.source),
        problems=[p.format() for p in problems if p.severity == "error"],
    )
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(render_html(report, allow=allow), encoding="utf-8")
    return problems, f"{render_terminal(report, allow=allow)}\nReport: {report_path}"


def finish_gate(pelican: Pelican) -> None:
    """Wait for the gate; stop the build (nothing is published) on any error."""
    pending = pelican.settings.pop(PENDING_KEY, None)
    checker = _checkers.pop(id(pelican.settings), None)
    try:
        if pending is None:
            return
        problems, summary = pending.result()
    finally:
        if checker is not None:  # done with, used or not
            checker.close()
    print(summary, file=sys.stderr)
    if any(p.severity == "error" for p in problems):
        raise ContentProblems(problems)
    for problem in problems:
        log.warning(problem.format(), extra={"problem": True})


def _cache_root(settings: dict[str, Any]) -> Path:
    """The folder that holds the card cache; the gate keeps its own files beside it."""
    return Path(settings.get("SYNDICATION_CACHE_PATH", ".cache/syndicate")).resolve().parent


def _card_files(settings: dict[str, Any]) -> tuple[int | None, set[int]]:
    """The device and the inodes of the card cache's files: published cards are hard
    links to these. The renderer writes cards with no metadata at all (tested), so they
    are not read again here."""
    images = Path(settings.get("SYNDICATION_CACHE_PATH", ".cache/syndicate")) / "images"
    try:
        with os.scandir(images) as entries:
            return images.stat().st_dev, {entry.inode() for entry in entries}
    except OSError:
        return None, set()


def _pictures(folder: str, skip: set[int]) -> Iterator[Path]:
    """Every picture file under ``folder`` whose inode is not in ``skip``."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _pictures(entry.path, skip)
            elif (
                entry.name.lower().endswith(PICTURE_SUFFIXES)
                and entry.inode() not in skip
                and entry.is_file()
            ):
                yield Path(entry.path)


def remember_static_files(generator: StaticGenerator) -> None:
    """Where Pelican copies each static file from: the output copy of an unchanged
    source is not read again by :func:`strip_published_pictures`."""
    output, content = Path(generator.output_path), Path(generator.path)
    _copies[id(generator.settings)] = {
        output / static.save_as: content / static.source_path for static in generator.staticfiles
    }


def strip_published_pictures(pelican: Pelican) -> None:
    """Remove EXIF/XMP/IPTC (GPS, dates, camera owner) from every published picture.

    A picture whose metadata cannot be removed (damaged, or a kind of file the
    stripper does not know) is not published: the build stops, naming the file.
    Pictures already found clean are remembered (``pictures.json`` beside the card
    cache), so a rebuild parses none of them again: a copy of a static file by its
    source's path, size, time and inode (the card cache's rule of trust: an unchanged
    source is not read again either), any other picture by its content's hash.
    """
    output = Path(pelican.output_path)
    device, cards = _card_files(pelican.settings)
    if device != output.stat().st_dev:
        cards = set()  # cards were copied, not linked: inodes say nothing
    copies = _copies.pop(id(pelican.settings), {})
    known = CheckCache(_cache_root(pelican.settings) / "pictures.json")
    problems = []
    for path in _pictures(str(output), cards):
        try:
            source = _unchanged_source(path, copies.get(path))
            if source is None or not known.get(
                "clean copy", source, lambda path=path: _is_clean(path.read_bytes())
            ):
                data = path.read_bytes()
                if not known.get("clean", (data,), lambda data=data: _is_clean(data)):
                    path.write_bytes(strip_metadata(data))
        except ValueError as error:
            problems.append(
                Problem(
                    file=f"content/{path.relative_to(output).as_posix()}",
                    field="",
                    message=f"its hidden metadata cannot be removed ({error}); export it again "
                    "as JPEG or PNG, or delete it",
                )
            )
    if problems:
        raise ContentProblems(problems)
    known.save()


def _is_clean(data: bytes) -> bool:
    """Whether the picture carries no metadata (stripping it changes nothing)."""
    return strip_metadata(data) == data


def _unchanged_source(copy: Path, source: Path | None) -> tuple[str, ...] | None:
    """The source of ``copy`` as the cache knows it (path, size, time, inode), when
    ``copy`` was copied from it in this build and is its size; else None."""
    if source is None:
        return None
    try:
        stat, copied = source.stat(), copy.stat()
    except OSError:
        return None
    if stat.st_size != copied.st_size:
        return None
    return (str(source), str(stat.st_size), str(stat.st_mtime_ns), str(stat.st_ino))
