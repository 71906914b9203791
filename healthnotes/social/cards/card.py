"""What a social card shows, and what else shapes its pixels: the card's inputs.

Kept apart from :mod:`healthnotes.social.cards.render` (Pillow, OpenCV, numpy, libjpeg-turbo) so the
build process can plan cards and compute their cache keys without loading the
drawing libraries; only the processes that draw cards import them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING

from PIL import features

from healthnotes.errors import SyndicateError
from healthnotes.social.cards.layout import LAYOUT_VERSION

if TYPE_CHECKING:  # the drawing processes import this module: keep it light
    from healthnotes.config import SiteConfig
    from healthnotes.content.model import Post


class CardError(SyndicateError):
    """A card cannot be drawn (unreadable picture, or no way under the byte limit).

    ``part`` says what failed: ``"hero"`` (the post's picture), ``"logo"`` (the
    brand logo) or ``"card"`` (the card itself).
    """

    def __init__(self, message: str, *, part: str = "card") -> None:
        super().__init__(message)
        self.part = part


@dataclass(frozen=True, kw_only=True)
class CardColours:
    """Brand colours as CSS hex strings (``#rrggbb``)."""

    primary: str
    accent: str
    text: str
    background: str
    surface: str


@dataclass(frozen=True, kw_only=True)
class CardInput:
    """Everything a card shows; small, frozen, picklable (the cache key's input)."""

    title: str
    badge: str
    practice_name: str
    colours: CardColours
    #: The hero picture file's bytes (JPEG/PNG/WebP), or None for a brand background.
    hero: bytes | None = field(default=None, repr=False)
    #: The logo file's bytes (PNG with transparency is fine), or None.
    logo: bytes | None = field(default=None, repr=False)


def card_input(post: Post, config: SiteConfig, *, pictures: bool = True) -> CardInput:
    """The card inputs of ``post``, reading the hero and logo files from the content folder
    (``pictures=False``: leaving them out, for planning)."""
    brand = config.brand
    root = config.content_root
    return CardInput(
        title=post.title,
        badge=post.spec.label,
        practice_name=config.practice.name,
        colours=CardColours(
            primary=brand.primary,
            accent=brand.accent,
            text=brand.text,
            background=brand.background,
            surface=brand.surface,
        ),
        hero=(root / post.image).read_bytes() if post.image and pictures else None,
        logo=(root / brand.logo).read_bytes() if brand.logo and pictures else None,
    )


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """Everything besides the inputs that changes a card's bytes (for cache keys).

    Cached: it reads package metadata (milliseconds a call) and is part of every key."""
    return "/".join(
        (
            f"layout-{LAYOUT_VERSION}",
            f"pillow-{metadata.version('pillow')}",
            f"jpeg-{features.version('jpg')}",
            f"freetype-{features.version('freetype2')}",
            f"font-{metadata.version('font-source-sans-pro')}",
            f"opencv-{metadata.version('opencv-python-headless')}",
            f"simplejpeg-{metadata.version('simplejpeg')}",
        )
    )
