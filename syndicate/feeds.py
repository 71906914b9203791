"""RSS 2.0 and Atom feeds, written with feedgen.

Feeds produced (paths relative to the output folder):

* ``feeds/all.rss.xml`` and ``feeds/all.atom.xml``: every published post;
* ``feeds/<type>.rss.xml``: one RSS feed per post type (howto, misconception, …).

Each item carries a permanent ``guid``/``id`` (see :func:`syndicate.content.post_guid`),
title, absolute link, publication and update dates, the plain-text summary as
``description``/``summary``, the full HTML as ``content:encoded``/``content``,
the author, and a category per tag plus one for the post type. Newest first,
at most ``FEED_MAX_ITEMS`` items. Output depends only on the posts, so an
unchanged site produces byte-identical feeds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedEntry, FeedGenerator
from lxml import etree

from syndicate.config import SiteConfig
from syndicate.content import TYPE_SPECS, Post, PostType, newest_first
from syndicate.jsonld import absolute

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, kw_only=True)
class FeedItem:
    """A post with its final HTML body (links already absolute)."""

    post: Post
    html: str


#: Hook for later features (syndication images) to add elements to an entry.
EntryDecorator = Callable[[FeedEntry, FeedItem], None]


def feed_paths() -> dict[str, str]:
    """Feed name -> path, for templates and autodiscovery."""
    paths = {"all.rss": "feeds/all.rss.xml", "all.atom": "feeds/all.atom.xml"}
    paths.update({t.value: type_feed_path(t) for t in PostType})
    return paths


def type_feed_path(post_type: PostType) -> str:
    return f"feeds/{post_type.value}.rss.xml"


class _RssUpdated(BaseEntryExtension):
    """Adds ``<atom:updated>`` to RSS items (RSS 2.0 has no update date of its own)."""

    def __init__(self) -> None:
        self.updated: datetime | None = None

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        if self.updated is not None:
            element = etree.SubElement(entry, f"{{{ATOM_NS}}}updated")
            element.text = self.updated.isoformat()
        return entry

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        return entry


def _generator(
    config: SiteConfig, *, title: str, description: str, self_path: str, items: Sequence[FeedItem]
) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(f"{config.site_url}/")
    fg.title(title)
    fg.subtitle(description)  # also RSS <description>
    # feedgen takes the RSS <link> from the last link set: self first, then the site.
    fg.link(href=absolute(config, self_path), rel="self")
    fg.link(href=f"{config.site_url}/", rel="alternate")
    fg.language(config.language)
    fg.author(name=config.practice.name, email=config.practice.email)
    fg.generator("Maple practice blog (Pelican + feedgen)")
    if config.brand.logo:
        logo = absolute(config, config.brand.logo)
        fg.logo(logo)
        fg.image(url=logo, title=title, link=f"{config.site_url}/")
    newest = max((item.post.updated for item in items), default=None)
    if newest is not None:  # deterministic output: no "now" timestamps
        fg.updated(newest)
        fg.lastBuildDate(newest)
    return fg


def _add_entry(
    fg: FeedGenerator, item: FeedItem, config: SiteConfig, decorate: Sequence[EntryDecorator]
) -> None:
    post = item.post
    entry = fg.add_entry(order="append")
    entry.register_extension("rss_updated", _RssUpdated, atom=False, rss=True)
    entry.guid(post.guid, permalink=False)
    entry.title(post.title)
    entry.link(href=post.url, rel="alternate")
    entry.published(post.date)
    entry.updated(post.updated)
    entry.rss_updated.updated = post.updated
    entry.content(item.html, type="html")
    entry.summary(post.summary)
    entry.author(name=post.author or config.practice.name, email=config.practice.email)
    spec = post.spec
    entry.category(term=spec.type.value, label=spec.category, scheme=f"{config.site_url}/category/")
    for tag in post.tags:
        entry.category(term=tag, label=tag)
    for hook in decorate:
        hook(entry, item)


def build_feeds(
    items: Sequence[FeedItem],
    config: SiteConfig,
    *,
    decorate: Sequence[EntryDecorator] = (),
) -> Mapping[str, bytes]:
    """Render every feed. Returns output-relative path -> file bytes."""
    by_url = {item.post.url: item for item in items}
    ordered = [by_url[p.url] for p in newest_first(item.post for item in items)]
    limit = config.feed_max_items
    site = config.site_name
    feeds: dict[str, bytes] = {}

    def render(
        selection: Sequence[FeedItem],
        *,
        title: str,
        description: str,
        path: str,
        atom_path: str | None = None,
    ) -> None:
        chosen = list(selection[:limit])
        fg = _generator(config, title=title, description=description, self_path=path, items=chosen)
        for item in chosen:
            _add_entry(fg, item, config, decorate)
        feeds[path] = fg.rss_str(pretty=True)
        if atom_path:
            atom = _generator(
                config, title=title, description=description, self_path=atom_path, items=chosen
            )
            for item in chosen:
                _add_entry(atom, item, config, decorate)
            feeds[atom_path] = atom.atom_str(pretty=True)

    paths = feed_paths()
    render(
        ordered,
        title=site,
        description=f"Patient education from {config.practice.name}",
        path=paths["all.rss"],
        atom_path=paths["all.atom"],
    )
    for post_type, spec in TYPE_SPECS.items():
        render(
            [i for i in ordered if i.post.type is post_type],
            title=f"{site}: {spec.category}",
            description=spec.description,
            path=type_feed_path(post_type),
        )
    return feeds
