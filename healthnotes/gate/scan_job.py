"""The published-folder scan as one call for a fresh process (it imports the rules
itself: the build's own process never loads them)."""

from __future__ import annotations

from pathlib import Path

from healthnotes.config import SiteConfig
from healthnotes.errors import Problem


def scan_folder(
    folder: str,
    config: SiteConfig,
    origins: dict[str, str],
    acknowledged: set[tuple[str, str]],
    cache_path: Path | None,
) -> list[Problem]:
    """:func:`healthnotes.gate.published.scan_published` with the site's allowlist and
    the findings kept in ``cache_path`` (none kept when None)."""
    from healthnotes.cache.checks import CheckCache
    from healthnotes.gate.privacy import Allowlist
    from healthnotes.gate.published import scan_published

    cache = CheckCache(cache_path)
    problems = scan_published(
        folder,
        Allowlist.from_config(config),
        origins=origins,
        acknowledged=acknowledged,
        cache=cache,
    )
    cache.save()
    return problems
