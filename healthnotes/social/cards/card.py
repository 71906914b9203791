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
from healthnotes.social.cards.layout import (
    CARD_CONTENT,
    LAYOUT_VERSION,
    ContentRow,
    variation_for,
)

if TYPE_CHECKING:  # the drawing processes import this module: keep it light
    from healthnotes.config import Brand, SiteConfig
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

    @classmethod
    def of(cls, brand: Brand) -> CardColours:
        """The site's brand colours (``BRAND`` in the settings) for cards and slides."""
        return cls(
            primary=brand.primary,
            accent=brand.accent,
            text=brand.text,
            background=brand.background,
            surface=brand.surface,
        )


@dataclass(frozen=True, kw_only=True)
class CardLine:
    """One line of the post's content on its card (``Myth: ...``)."""

    label: str
    text: str
    #: Kept first when the card has no room for every line (0: the most important).
    priority: int = 0


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
    #: What the post says under the title (myth and fact, the question...), in order.
    lines: tuple[CardLine, ...] = ()
    #: Which of :data:`~healthnotes.social.cards.layout.VARIATIONS` a plain card is.
    variation: int = 0


#: A recall card's "Do this" line when the post gives no Recall_Action (the slides' too).
DEFAULT_RECALL_ACTION = "Stop using this product. Check the official notice for what to do."


def _row_text(details: object, row: ContentRow) -> str:
    value = getattr(details, row.field, None)
    if row.field == "action" and not value:
        return DEFAULT_RECALL_ACTION
    if isinstance(value, tuple):
        if row.joined:
            return ", ".join(value)
        return value[row.item] if row.item is not None and row.item < len(value) else ""
    return " ".join(str(value).split()) if value else ""


def card_lines(post: Post) -> tuple[CardLine, ...]:
    """The post's content lines for its card (:data:`CARD_CONTENT`), empty ones left
    out, and a line that only repeats the title (a question asked as the title) too."""
    lines = []
    title = post.title.casefold().strip(" ?.!")
    for row in CARD_CONTENT.get(post.type.value, ()):
        text = _row_text(post.details, row)
        if text and text.casefold().strip(" ?.!") != title:
            lines.append(CardLine(label=row.label, text=text, priority=row.priority))
    return tuple(lines)


def card_input(post: Post, config: SiteConfig, *, pictures: bool = True) -> CardInput:
    """The card inputs of ``post``, reading the hero and logo files from the content folder
    (``pictures=False``: leaving them out, for planning)."""
    brand = config.brand
    root = config.content_root
    return CardInput(
        title=post.title,
        badge=post.spec.label,
        practice_name=config.practice.name,
        colours=CardColours.of(brand),
        hero=(root / post.image).read_bytes() if post.image and pictures else None,
        logo=(root / brand.logo).read_bytes() if brand.logo and pictures else None,
        lines=card_lines(post),
        variation=variation_for(post.slug),
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
