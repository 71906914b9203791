"""A post's Markdown file read without Pelican, for the bench and the tests' sample posts.

The ``Field: value`` lines on top, an empty line, then the body through Markdown:
enough of Pelican's reading to give :func:`~healthnotes.content.model.parse_post` what a
build gives it, for files written in the plain form (dates as ``YYYY-MM-DD HH:MM``,
tags separated by commas). A build reads posts through the plugin's reader, never this.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown

from healthnotes.config import SiteConfig
from healthnotes.content.model import Post, RawPost, parse_post
from healthnotes.errors import Problem

_DATES = ("date", "modified")
_LISTS = ("tags",)


def read_post(
    path: Path, config: SiteConfig, *, today: date, source: str | None = None
) -> tuple[Post | None, list[Problem], str]:
    """The post in ``path`` (its problems, when it has any) and its body's HTML.

    ``source`` is the name problems give the file (``path`` when not given); the
    post's slug is the file name without ``.md``."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    tz = ZoneInfo(config.timezone)
    metadata: dict[str, object] = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key in _DATES:
            metadata[key] = datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=tz)
        elif key in _LISTS:
            metadata[key] = [v.strip() for v in value.split(",")]
        else:
            metadata[key] = value
    html = markdown.markdown(body)
    raw = RawPost(
        source=source or str(path),
        slug=path.stem,
        url=f"{config.site_url}/posts/{path.stem}/",
        html=html,
        metadata=metadata,
    )
    post, problems = parse_post(raw, config, today=today)
    return post, problems, html
