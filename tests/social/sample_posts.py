"""The site's own posts as typed Posts, read without Pelican (tests and the gallery)."""

from __future__ import annotations

import runpy
from datetime import date
from functools import cache
from pathlib import Path

from healthnotes.config import SiteConfig
from healthnotes.content.model import Post
from healthnotes.content.post_file import read_post
from healthnotes.social.slides import paragraphs_from_html

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "tests" / "data" / "site"  # the test site: staff edits to content/ change nothing
POSTS = SITE / "posts"
TODAY = date(2026, 12, 4)


@cache
def site_config() -> SiteConfig:
    settings = runpy.run_path(str(ROOT / "publishconf.py"))
    settings["PATH"] = str(SITE)
    return SiteConfig.from_settings(settings)


def load(name: str) -> tuple[Post, list[str]]:
    """``content/posts/<name>.md`` as a Post and its body's paragraphs."""
    post, problems, html = read_post(
        POSTS / f"{name}.md", site_config(), today=TODAY, source=f"content/posts/{name}.md"
    )
    assert post is not None, [p.format() for p in problems]
    return post, paragraphs_from_html(html)
