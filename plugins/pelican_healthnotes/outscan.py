"""The last line of the safety gate: scan the staging folder before it is published.

Glue only (:mod:`healthnotes.gate.published` does the work): which source file each
output file comes from, the posts' reviewed exceptions, and the call at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from healthnotes.config import SiteConfig
from healthnotes.errors import ContentProblems
from healthnotes.gate.scan_job import scan_folder
from healthnotes.runtime import fresh

from .reader import display_path
from .safety import _cache_root

#: Per build (its settings' id): (output path -> source, acknowledged exceptions, the
#: process that imports the scanner while Pelican writes).
_builds: dict[int, tuple[dict[str, str], set[tuple[str, str]], fresh.Started]] = {}


def remember_sources(generators: Sequence[Any]) -> None:
    """Every output file's source and every post's reviewed exceptions; start the
    scanning process now (it imports the rules while Pelican writes)."""
    origins: dict[str, str] = {}
    acknowledged: set[tuple[str, str]] = set()
    settings: dict[str, Any] | None = None
    for generator in generators:
        settings = generator.settings
        items: list[Any] = []
        if isinstance(generator, ArticlesGenerator):
            items = [*generator.articles, *generator.translations, *generator.drafts]
            items += [*getattr(generator, "drafts_translations", [])]
        elif isinstance(generator, PagesGenerator):
            items = [*generator.pages, *generator.hidden_pages, *generator.draft_pages]
        elif isinstance(generator, StaticGenerator):
            items = [*generator.staticfiles]
        for item in items:
            save_as = getattr(item, "save_as", "")
            if save_as:
                origins[Path(save_as).as_posix()] = display_path(item.source_path)
            post = getattr(item, "post", None)
            for exception in getattr(post, "exceptions", ()):
                acknowledged.add((exception.rule, exception.text))
    if settings is not None:
        earlier = _builds.pop(id(settings), None)
        if earlier is not None:
            earlier[2].close()
        scanner = fresh.start("healthnotes.gate.published")
        _builds[id(settings)] = (origins, acknowledged, scanner)


def scan_staging(pelican: Pelican) -> None:
    """Scan everything written into the staging folder; stop the build on a finding."""
    build = _builds.pop(id(pelican.settings), None)
    if build is None:
        return
    origins, acknowledged, scanner = build
    config: SiteConfig = pelican.settings["SITE"]
    cache = _cache_root(pelican.settings) / "published.json"
    try:
        problems = fresh.call_early(
            scanner, scan_folder, pelican.output_path, config, origins, acknowledged, cache
        )
    finally:
        scanner.close()
    if problems:
        raise ContentProblems(problems)
