"""The site's own posts as typed Posts, read without Pelican (tests and the gallery)."""

from __future__ import annotations

import runpy
from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import markdown

from healthnotes.config import SiteConfig
from healthnotes.content.model import Post, RawPost, parse_post
from healthnotes.social.slides import paragraphs_from_html

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "tests" / "data" / "site"  # the test site: staff edits to content/ change nothing
POSTS = SITE / "posts"
TODAY = date(2026, 12, 4)
_DATES = ("date", "modified")
_LISTS = ("tags",)


@cache
def site_config() -> SiteConfig:
    settings = runpy.run_path(str(ROOT / "publishconf.py"))
    settings["PATH"] = str(SITE)
    return SiteConfig.from_settings(settings)


def load(name: str) -> tuple[Post, list[str]]:
    """``content/posts/<name>.md`` as a Post and its body's paragraphs."""
    text = (POSTS / f"{name}.md").read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    config = site_config()
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
        source=f"content/posts/{name}.md",
        slug=name,
        url=f"{config.site_url}/posts/{name}/",
        html=html,
        metadata=metadata,
    )
    post, problems = parse_post(raw, config, today=TODAY)
    assert post is not None, [p.format() for p in problems]
    return post, paragraphs_from_html(html)
