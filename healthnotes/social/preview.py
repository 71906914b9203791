"""What each post will look like on each platform, for staff: ``reports/preview/``.

Written by every build beside the check report (never published): an index of the
posts and, per post, a page with one section a platform: its card (or carousel,
document, video), its text as the platform shows it with its length and limit, the
alt text and the link. Nothing is drawn for it: the pictures are the files in the
build's cache, linked by relative address, so the pages open from disk.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from pathlib import Path

from healthnotes.cache.files import ImageCache, atomic_write
from healthnotes.config import SiteConfig
from healthnotes.social.cards.draw import CardJob
from healthnotes.social.export import CardImage
from healthnotes.social.media import PostMedia
from healthnotes.social.plan import COUNTED_AS, PostSyndication, platform_link
from healthnotes.social.platforms import PLATFORMS

#: Which media a platform's section shows after its card.
MEDIA_ON: dict[str, tuple[str, ...]] = {
    "instagram_portrait": ("instagram-carousel",),
    "story": ("tiktok-carousel", "video"),
    "linkedin": ("linkedin-document",),
}

#: Each page's sha256, size and time as last written (pages unchanged are not written again).
WRITTEN_FILE = ".written.json"

STYLE = """
body{font:16px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem}
body{color:#1b1f23}
section{border-top:1px solid #ccd;padding:1rem 0;display:grid;gap:1.5rem}
section{grid-template-columns:22rem 1fr}
img,video{max-width:22rem;height:auto;border:1px solid #ccd}
.strip{display:flex;gap:.5rem;overflow-x:auto;grid-column:1/-1}.strip img{max-width:9rem}
pre{white-space:pre-wrap;font:inherit;background:#f4f7f9;padding:.75rem;margin:0}
.count{color:#555}.over{color:#a8432a;font-weight:bold}.alt{color:#444;font-style:italic}
"""


def preview_folder(config: SiteConfig) -> Path:
    """``reports/preview/`` beside the check report."""
    return config.report_path.parent / "preview"


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _relative(target: str, folder: Path) -> str:
    """``target``'s address from a page in ``folder`` (a post's slides share a folder:
    its relative path is worked out once)."""
    parent, name = os.path.split(target)
    cwd = os.getcwd()  # noqa: PTH109  (a string: called for every slide)
    return escape(f"{_relative_folder(parent, str(folder), cwd)}/{name}")


@lru_cache(maxsize=4096)
def _relative_folder(parent: str, folder: str, cwd: str) -> str:
    return Path(os.path.relpath(parent, folder)).as_posix()  # cwd: part of the answer


def _media_html(made: PostMedia | None, outputs: Sequence[str], folder: Path) -> str:
    if made is None:
        return ""
    parts = []
    for item in made.items:
        if item.output not in outputs:
            continue
        files = item.files
        if item.output == "linkedin-document":
            source = _relative(made.cached[files[0].path], folder)
            parts.append(
                f'<p class="strip"><a href="{source}">LinkedIn document (PDF, '
                f"{len(files[0].alt.splitlines())} pages)</a></p>"
            )
        elif item.output == "video":
            source = _relative(made.cached[files[0].path], folder)
            parts.append(
                f'<p class="strip"><video controls muted src="{source}" '
                f'aria-label="Short video"></video></p>'
            )
        else:
            slides = "".join(
                f'<img src="{_relative(made.cached[file.path], folder)}" '
                f'alt="{escape(file.alt)}" title="{escape(file.alt)}">'
                for file in files
            )
            parts.append(
                f'<div class="strip" aria-label="{escape(item.output)}">'
                f"<strong>{escape(item.output)} ({len(files)} slides)</strong>{slides}</div>"
            )
    return "".join(parts)


def _card_html(card: CardImage, source: str | None, folder: Path) -> str:
    if source is None:
        return "<p>(card not drawn)</p>"
    return f'<img src="{_relative(source, folder)}" alt="{escape(card.alt)}">'


def post_page(
    item: PostSyndication,
    made: PostMedia | None,
    cards: dict[str, str | None],
    folder: Path,
) -> str:
    """One post's preview page (``cards``: each card's cached file, by platform)."""
    post = item.post
    sections = []
    for key, text in item.texts.items():
        platform = PLATFORMS[key]
        rule = platform.text
        card = item.card_for(key)
        over = text.length > rule.limit
        link = platform_link(post, key) if rule.links else None
        title = f"<p><strong>Title:</strong> {escape(text.title)}</p>" if text.title else ""
        sections.append(
            f'<section id="{escape(key)}" data-platform="{escape(key)}">'
            f"<div>{_card_html(card, cards.get(card.platform), folder)}</div>"
            f"<div><h2>{escape(platform.name)}</h2>{title}"
            f'<pre class="text">{escape(text.text)}</pre>'
            f'<p class="count{" over" if over else ""}">{text.length:,} of {rule.limit:,} '
            f"{escape(COUNTED_AS[rule.counter])}</p>"
            f'<p class="alt">Alt text ({len(card.alt)} characters): {escape(card.alt)}</p>'
            + (f'<p>Link: <a href="{escape(link)}">{escape(link)}</a></p>' if link else "")
            + "</div>"
            + _media_html(made, MEDIA_ON.get(key, ()), folder)
            + "</section>"
        )
    body = (
        f'<p><a href="index.html">All posts</a></p><h1>{escape(post.title)}</h1>'
        f'<p>{escape(post.type.value)} · <a href="{escape(post.url)}">{escape(post.url)}</a></p>'
        + "".join(sections)
    )
    return _page(f"Preview: {post.title}", body)


def write_preview(
    syndicated: Sequence[PostSyndication],
    media: Sequence[PostMedia],
    jobs: Sequence[CardJob],
    cards: ImageCache,
    config: SiteConfig,
) -> Path:
    """Write ``reports/preview/index.html`` and a page a post; pages of posts no
    longer published are removed. Returns the index."""
    folder = preview_folder(config)
    folder.mkdir(parents=True, exist_ok=True)
    files = {(job.slug, job.platform): cards.file(job.key) for job in jobs}
    by_slug = {made.slug: made for made in media}
    pages = Pages(folder)
    written = set()
    rows = []
    for item in syndicated:
        slug = item.post.slug
        own = {key: files.get((slug, key)) for key in item.cards}
        page = post_page(item, by_slug.get(slug), own, folder)
        pages.write(f"{slug}.html", page)
        written.add(f"{slug}.html")
        rows.append(
            f'<li><a href="{escape(slug)}.html">{escape(item.post.title)}</a> '
            f"({escape(item.post.type.value)}, {item.post.date:%Y-%m-%d})</li>"
        )
    for old in folder.glob("*.html"):
        if old.name != "index.html" and old.name not in written:
            old.unlink()
    index = folder / "index.html"
    body = (
        f"<h1>{escape(config.site_name)}: what each post will look like</h1>"
        f"<p>{len(rows)} posts, {len(config.platforms)} platforms. Not published.</p>"
        f"<ul>{''.join(rows)}</ul>"
    )
    index.write_text(_page("Social preview", body), encoding="utf-8")
    pages.save()
    return index


class Pages:
    """Writes the pages of ``folder`` whose text changed since the last build: each
    page's sha256, size and time as written are kept in ``folder/.written.json``, and a
    page found with all three as kept is left as it is."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.record = folder / WRITTEN_FILE
        try:
            known = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        self.known: dict[str, object] = known if isinstance(known, dict) else {}
        self.now: dict[str, list[object]] = {}

    def write(self, name: str, text: str) -> None:
        data = text.encode("utf-8")
        sha = hashlib.sha256(data).hexdigest()
        path = f"{self.folder}/{name}"
        try:
            stat = os.stat(path)  # noqa: PTH116
            unchanged = self.known.get(name) == [sha, stat.st_size, stat.st_mtime_ns]
        except OSError:
            unchanged = False
        if not unchanged:
            with open(path, "wb") as handle:  # noqa: PTH123
                handle.write(data)
            stat = os.stat(path)  # noqa: PTH116
        self.now[name] = [sha, stat.st_size, stat.st_mtime_ns]

    def save(self) -> None:
        if self.now != self.known:
            atomic_write(self.record, json.dumps(self.now, sort_keys=True).encode())
