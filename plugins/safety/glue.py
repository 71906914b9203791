"""Signal receivers (module level: Pelican holds receivers weakly)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican import Pelican
from pelican.generators import ArticlesGenerator

from syndicate.checks.photos import strip_metadata
from syndicate.checks.privacy import Allowlist
from syndicate.config import SiteConfig
from syndicate.errors import ContentProblems, Problem
from syndicate.gate import CheckCache, GateSettings, PostInput, check_post
from syndicate.report import BuildReport, render_html, render_terminal

log = logging.getLogger(__name__)

REPORT_KEY = "SAFETY_REPORT"
DEFAULT_REPORT = "reports/build-report.html"
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value if isinstance(value, str | datetime) else str(value)


def _gate_settings(settings: dict[str, Any]) -> GateSettings:
    return GateSettings(
        reading_target=float(settings.get("READING_GRADE_TARGET", 8)),
        reading_as_error=bool(settings.get("READING_GRADE_AS_ERROR", False)),
        review_max_age_days=int(settings.get("REVIEW_MAX_AGE_DAYS", 365)),
    )


def run_gate(generators: Sequence[Any]) -> None:
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = generator.settings
    config: SiteConfig = settings["SITE"]
    gate = _gate_settings(settings)
    allow = Allowlist.from_config(config)
    now = datetime.now(ZoneInfo(config.timezone))
    cache_root = Path(settings.get("SYNDICATION_CACHE_PATH", ".cache/syndicate")).resolve().parent
    checks = CheckCache(cache_root / "checks.json")
    candidates = [*generator.articles, *generator.translations, *generator.drafts]
    problems, rows = [], []
    for article in candidates:
        post = getattr(article, "post", None)
        if post is None or post.status == "draft":
            continue  # explicit drafts are never published; they are checked when they are
        social = getattr(article, "social", None)
        item = PostInput(
            post=post,
            metadata={k: _plain(v) for k, v in article.metadata.items()},
            html=article._content or "",
            source_text=Path(article.source_path).read_text(encoding="utf-8-sig"),
            platform_texts={k: t.text for k, t in social.texts.items()} if social else {},
            hero=(config.content_root / post.image).read_bytes() if post.image else None,
        )
        found, row = check_post(item, allow, gate, today=now.date(), checks=checks)
        problems.extend(found)
        rows.append(row)
    checks.save()
    errors = [p for p in problems if p.severity == "error"]
    report = BuildReport(
        site=config.site_name,
        generated=now,
        reading_target=gate.reading_target,
        review_max_age_days=gate.review_max_age_days,
        posts=sorted(rows, key=lambda r: r.source),
        problems=[p.format() for p in errors],
    )
    path = Path(settings.get("REPORT_PATH") or DEFAULT_REPORT)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    settings[REPORT_KEY] = report
    print(render_terminal(report), f"Report: {path}", sep="\n", file=sys.stderr)
    if errors:
        raise ContentProblems(problems)
    for problem in problems:
        log.warning(problem.format(), extra={"problem": True})


def strip_published_pictures(pelican: Pelican) -> None:
    """Remove EXIF/XMP/IPTC (GPS, dates, camera owner) from every published picture.

    A picture whose metadata cannot be removed (damaged, or a kind of file the
    stripper does not know) is not published: the build stops, naming the file.
    """
    output = Path(pelican.output_path)
    problems = []
    for path in output.rglob("*"):
        if path.suffix.lower() not in PICTURE_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        try:
            clean = strip_metadata(data)
        except ValueError as error:
            problems.append(
                Problem(
                    file=f"content/{path.relative_to(output).as_posix()}",
                    field="",
                    message=f"its hidden metadata cannot be removed ({error}); export it again "
                    "as JPEG or PNG, or delete it",
                )
            )
            continue
        if clean != data:
            path.write_bytes(clean)
    if problems:
        raise ContentProblems(problems)
