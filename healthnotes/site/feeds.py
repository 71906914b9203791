"""RSS 2.0 and Atom feeds, written with feedgen.

Feeds produced (paths relative to the output folder):

* ``feeds/all.rss.xml`` and ``feeds/all.atom.xml``: every published post;
* ``feeds/<type>.rss.xml``: one RSS feed per post type (howto, misconception, …);
* ``feeds/<platform>.xml``: one RSS feed per enabled social platform, whose item
  description is exactly that platform's text and whose media is that platform's
  card, so a feed-to-social tool can post items unchanged.

Each item carries a permanent ``guid``/``id`` (see :func:`healthnotes.content.model.post_guid`),
title, absolute link, publication and update dates, the plain-text summary as
``description``/``summary``, the full HTML as ``content:encoded``/``content``,
the author, and a category per tag plus one for the post type. When a post has a
social card, the item carries it as ``<enclosure>`` (url, byte length, type) and as
``<media:content>`` with width, height and alt text, directly under ``<item>`` (not in
a ``<media:group>``, which several feed-to-social tools ignore). Newest first,
at most ``FEED_MAX_ITEMS`` items. Output depends only on the posts, so an
unchanged site produces byte-identical feeds.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from healthnotes.config import SiteConfig
from healthnotes.content.model import TYPE_SPECS, Post, PostType, newest_first
from healthnotes.site.jsonld import absolute
from healthnotes.social.export import CardImage
from healthnotes.social.platforms import PLATFORMS

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_NS = "http://search.yahoo.com/mrss/"


@dataclass(frozen=True, kw_only=True)
class FeedItem:
    """A post with its final HTML body (links already absolute) and optional card."""

    post: Post
    html: str
    image: CardImage | None = None
    #: For platform feeds: the platform's text, link (with UTM tags) and title.
    description: str | None = None
    link: str | None = None
    title: str | None = None
    #: A current urgent notice: first in every feed it is in.
    urgent: bool = False


def feed_paths() -> dict[str, str]:
    """Feed name -> path, for templates and autodiscovery."""
    paths = {"all.rss": "feeds/all.rss.xml", "all.atom": "feeds/all.atom.xml"}
    paths.update({t.value: type_feed_path(t) for t in PostType})
    return paths


def type_feed_path(post_type: PostType) -> str:
    return f"feeds/{post_type.value}.rss.xml"


class _MediaFeed(BaseExtension):
    """Declares the Media RSS namespace on the feed's root element."""

    def extend_ns(self) -> dict[str, str]:
        return {"media": MEDIA_NS}


class _MediaEntry(BaseEntryExtension):
    """``<media:content>`` with the card's size and alt text, directly in the item."""

    def __init__(self) -> None:
        self.image: CardImage | None = None

    def _extend(self, entry: etree._Element) -> etree._Element:
        if self.image is not None:
            card = self.image
            content = etree.SubElement(
                entry,
                f"{{{MEDIA_NS}}}content",
                url=card.url,
                medium="image",
                type=card.mime,
                width=str(card.width),
                height=str(card.height),
                fileSize=str(card.file_size),
            )
            description = etree.SubElement(content, f"{{{MEDIA_NS}}}description", type="plain")
            description.text = card.alt
        return entry

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        return self._extend(entry)

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        if self.image is not None:  # feedgen loses rel="enclosure" on Atom links: write it
            etree.SubElement(
                entry,
                f"{{{ATOM_NS}}}link",
                rel="enclosure",
                href=self.image.url,
                type=self.image.mime,
                length=str(self.image.file_size),
            )
        return self._extend(entry)


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
    fg.register_extension("media", _MediaFeed, _MediaEntry)
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


def _add_entry(fg: FeedGenerator, item: FeedItem, config: SiteConfig, *, atom: bool) -> None:
    post = item.post
    entry = fg.add_entry(order="append")
    entry.register_extension("rss_updated", _RssUpdated, atom=False, rss=True)
    entry.guid(post.guid, permalink=False)
    entry.title(item.title or post.title)
    entry.link(href=item.link or post.url, rel="alternate")
    entry.published(post.date)
    entry.updated(post.updated)
    entry.rss_updated.updated = post.updated
    entry.content(item.html, type="html")
    text = item.description if item.description is not None else post.summary
    # RSS descriptions are HTML by convention: escape the plain text so a reader shows
    # "<script>" as text. Atom's <summary> is typed plain text and stays as it is.
    entry.summary(text if atom else html.escape(text, quote=False))
    entry.author(name=post.author or config.practice.name, email=config.practice.email)
    spec = post.spec
    entry.category(term=spec.type.value, label=spec.label, scheme=f"{config.site_url}/category/")
    for tag in post.tags:
        entry.category(term=tag, label=tag)
    if item.image is not None:
        if not atom:  # Atom: _MediaEntry writes the enclosure link (feedgen drops its rel)
            entry.enclosure(item.image.url, str(item.image.file_size), item.image.mime)
        entry.media.image = item.image


def _ordered(items: Sequence[FeedItem]) -> list[FeedItem]:
    """Current urgent notices first, then newest first."""
    by_url = {item.post.url: item for item in items}
    ordered = [by_url[p.url] for p in newest_first(item.post for item in items)]
    return sorted(ordered, key=lambda item: not item.urgent)


def _render(
    config: SiteConfig,
    items: Sequence[FeedItem],
    *,
    title: str,
    description: str,
    path: str,
    atom: bool = False,
) -> bytes:
    chosen = list(items[: config.feed_max_items])
    fg = _generator(config, title=title, description=description, self_path=path, items=chosen)
    for item in chosen:
        _add_entry(fg, item, config, atom=atom)
    return fg.atom_str(pretty=True) if atom else fg.rss_str(pretty=True)


def build_feeds(items: Sequence[FeedItem], config: SiteConfig) -> Mapping[str, bytes]:
    """The main RSS and Atom feeds and one RSS feed per post type: path -> bytes."""
    ordered = _ordered(items)
    site = config.site_name
    about = f"Patient education from {config.practice.name}"
    paths = feed_paths()
    feeds = {
        paths["all.rss"]: _render(
            config, ordered, title=site, description=about, path=paths["all.rss"]
        ),
        paths["all.atom"]: _render(
            config, ordered, title=site, description=about, path=paths["all.atom"], atom=True
        ),
    }
    for post_type, spec in TYPE_SPECS.items():
        path = type_feed_path(post_type)
        feeds[path] = _render(
            config,
            [i for i in ordered if i.post.type is post_type],
            title=f"{site}: {spec.label}",
            description=spec.description,
            path=path,
        )
    return feeds


def platform_feed_path(platform_key: str) -> str:
    return f"feeds/{platform_key}.xml"


def build_platform_feeds(
    items_by_platform: Mapping[str, Sequence[FeedItem]], config: SiteConfig
) -> Mapping[str, bytes]:
    """One RSS feed per platform: items carry that platform's text, link and card."""
    return {
        platform_feed_path(key): _render(
            config,
            _ordered(items),
            title=f"{config.site_name} ({PLATFORMS[key].name})",
            description=f"Posts from {config.practice.name}, written for {PLATFORMS[key].name}",
            path=platform_feed_path(key),
        )
        for key, items in items_by_platform.items()
    }
