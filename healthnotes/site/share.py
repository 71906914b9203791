"""The share links on a post page, made from :data:`~healthnotes.social.platforms.SHARE_LINKS`.

Each is a plain link to the platform's documented share address with the post's
address tagged for that platform (:func:`~healthnotes.social.texts.utm_link`), so
the practice sees where readers came from without any tracker on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from healthnotes.content.model import Post
from healthnotes.social.platforms import COPY_LINK_SOURCE, SHARE_LINKS
from healthnotes.social.texts import utm_link


@dataclass(frozen=True, kw_only=True)
class Share:
    key: str
    name: str
    href: str


@dataclass(frozen=True, kw_only=True)
class Sharing:
    """What a post page offers: the share links and the address to copy."""

    links: tuple[Share, ...]
    copy_url: str


def sharing(post: Post, platforms: Sequence[str]) -> Sharing:
    """The share links of the enabled ``platforms`` (and those for everyone: e-mail,
    WhatsApp) for ``post``, in :data:`SHARE_LINKS` order."""
    links = []
    title = quote(post.title, safe="")  # (quoting is by character: the text's is these two)
    for link in SHARE_LINKS:
        if link.platform is not None and link.platform not in platforms:
            continue
        url = quote(utm_link(post.url, link.key, post.slug), safe="")
        href = link.template.format(url=url, title=title, text=f"{title}%20{url}")
        links.append(Share(key=link.key, name=link.name, href=href))
    return Sharing(links=tuple(links), copy_url=utm_link(post.url, COPY_LINK_SOURCE, post.slug))
