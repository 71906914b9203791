"""Every social platform we syndicate to, as data: one row per platform.

Adding a platform means adding a row here (and, if it counts text in a new
way, a counter name in :mod:`healthnotes.social.texts`), never an ``if`` elsewhere.
Facts and their sources: ``shared/reference/platforms.md`` (gathered 2026-11).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

#: Between the blocks of a platform text (the hook, the link, the hashtags, the
#: safety line...): each block is written on its own.
SEPARATOR = "\n\n"


def blocks(text: str) -> Iterator[tuple[int, str]]:
    """Each block of a platform text with the offset where it starts in ``text``."""
    offset = 0
    for block in text.split(SEPARATOR):
        yield offset, block
        offset += len(block) + len(SEPARATOR)


#: How a platform counts the length of a post's text.
#: x_weighted: X's weighted code points (twitter-text config v3; URLs count 23)
#: graphemes: user-perceived characters (Bluesky)
#: chars: Unicode code points (Mastodon, Threads, LinkedIn, Instagram, Pinterest, Facebook)
Counter = Literal["x_weighted", "graphemes", "chars"]

MB = 1_000_000
MIB = 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class ImageSpec:
    """A platform image: exact pixel size, byte limit, and where text must not go."""

    width: int
    height: int
    max_bytes: int
    #: Bands (px) at the top/bottom covered by the platform's own UI (stories).
    safe_top: int = 0
    safe_bottom: int = 0

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)


@dataclass(frozen=True, kw_only=True)
class TextRule:
    """What a platform accepts as post text, counted the platform's way."""

    limit: int
    counter: Counter = "chars"
    #: Every URL counts as this many characters (X, Mastodon: 23); None = its real length.
    url_length: int | None = None
    #: Hard cap on UTF-8 bytes, besides ``limit`` (Bluesky: 3000).
    max_bytes: int | None = None
    #: Whether a link in the text is clickable; False -> "link in bio" (Instagram).
    links: bool = True
    max_links: int | None = None
    #: Most hashtags the text carries (the post's first tags): every platform has a cap,
    #: so a post with thousands of tags still makes a short text.
    max_hashtags: int = 3
    #: A separate title field (Pinterest pins), with its own limit.
    title_limit: int | None = None
    #: The platform is long enough that its text must keep the safety line
    #: (disclaimer, 988, Poison Help): hashtags and the hook give way first.
    keep_safety_line: bool = False
    #: The text is a description beside a preview (Open Graph): the hook only,
    #: no link, hashtags, disclaimer or "Link in bio.".
    description_only: bool = False


@dataclass(frozen=True, kw_only=True)
class Platform:
    key: str  # used in settings, file names, feeds/<key>.xml and utm_source
    name: str  # shown to people
    text: TextRule
    #: The platform's own image; None for text platforms that attach another's.
    image: ImageSpec | None = None
    #: For text platforms: the key of the platform whose image they attach.
    image_from: str | None = None


PLATFORMS: Mapping[str, Platform] = {
    p.key: p
    for p in (
        Platform(
            key="og",
            name="Link preview (Open Graph: Facebook, LinkedIn, Slack, iMessage)",
            image=ImageSpec(width=1200, height=630, max_bytes=8 * MB),
            text=TextRule(limit=200, links=False, max_hashtags=0, description_only=True),
        ),
        Platform(
            key="x",
            name="X",
            image=ImageSpec(width=1200, height=600, max_bytes=5 * MB),
            text=TextRule(limit=280, counter="x_weighted", url_length=23),
        ),
        Platform(
            key="linkedin",
            name="LinkedIn",
            image=ImageSpec(width=1200, height=627, max_bytes=5 * MB),
            text=TextRule(limit=3000, keep_safety_line=True),
        ),
        Platform(
            key="instagram",
            name="Instagram (square)",
            image=ImageSpec(width=1080, height=1080, max_bytes=8 * MB),
            text=TextRule(limit=2200, links=False, max_hashtags=5, keep_safety_line=True),
        ),
        Platform(
            key="instagram_portrait",
            name="Instagram (portrait)",
            image=ImageSpec(width=1080, height=1350, max_bytes=8 * MB),
            text=TextRule(limit=2200, links=False, max_hashtags=5, keep_safety_line=True),
        ),
        Platform(
            key="story",
            name="Instagram / Facebook story",
            image=ImageSpec(
                width=1080, height=1920, max_bytes=8 * MB, safe_top=250, safe_bottom=250
            ),
            text=TextRule(limit=2200, links=False, max_hashtags=5, keep_safety_line=True),
        ),
        Platform(
            key="pinterest",
            name="Pinterest",
            image=ImageSpec(width=1000, height=1500, max_bytes=20 * MB),
            text=TextRule(limit=500, title_limit=100, max_hashtags=5, keep_safety_line=True),
        ),
        Platform(
            key="bluesky",
            name="Bluesky",
            image_from="og",
            text=TextRule(limit=300, counter="graphemes", max_bytes=3000),
        ),
        Platform(
            key="mastodon",
            name="Mastodon",
            image_from="og",
            text=TextRule(limit=500, url_length=23, max_hashtags=5, keep_safety_line=True),
        ),
        Platform(
            key="threads",
            name="Threads",
            image_from="og",
            # Threads links one topic per post.
            text=TextRule(limit=500, max_links=5, max_hashtags=1, keep_safety_line=True),
        ),
        Platform(
            key="facebook",
            name="Facebook",
            image_from="og",
            text=TextRule(limit=63_206, keep_safety_line=True),
        ),
    )
}

#: Bluesky's link-card thumbnail limit: the og image must stay under it (lexicon
#: app.bsky.embed.external, 1,000,000 bytes).
ATTACHED_IMAGE_MAX_BYTES: Mapping[str, int] = {"bluesky": 1 * MB, "mastodon": 16 * MIB}


def image_platform(platform: Platform) -> Platform:
    """The platform whose image ``platform`` posts with (itself when it has one)."""
    return PLATFORMS[platform.image_from] if platform.image_from else platform


def image_byte_limit(key: str) -> int:
    """The tightest byte limit on an image, counting every platform that attaches it."""
    own = PLATFORMS[key].image
    assert own is not None, f"{key} has no image of its own"
    borrowers = [
        ATTACHED_IMAGE_MAX_BYTES.get(p.key) for p in PLATFORMS.values() if p.image_from == key
    ]
    return min([own.max_bytes, *(b for b in borrowers if b)])


@dataclass(frozen=True, kw_only=True)
class ShareLink:
    """A "share this post" link on a post page: the platform's own documented share
    address, opened by the reader's click only (no script, no button from the platform,
    nothing requested when the page loads)."""

    key: str  # the link's utm_source
    name: str  # shown to people
    #: The share address; ``{url}`` (the post's address with UTM tags), ``{title}`` and
    #: ``{text}`` (title and address together) are filled in, URL-encoded.
    template: str
    #: Offered only when this syndication platform is enabled; None: always.
    platform: str | None = None


SHARE_LINKS: tuple[ShareLink, ...] = (
    ShareLink(key="email", name="E-mail", template="mailto:?subject={title}&body={text}"),
    ShareLink(
        key="facebook",
        name="Facebook",
        template="https://www.facebook.com/sharer/sharer.php?u={url}",
        platform="facebook",
    ),
    ShareLink(
        key="x",
        name="X",
        template="https://x.com/intent/tweet?text={title}&url={url}",
        platform="x",
    ),
    ShareLink(
        key="linkedin",
        name="LinkedIn",
        template="https://www.linkedin.com/sharing/share-offsite/?url={url}",
        platform="linkedin",
    ),
    ShareLink(
        key="bluesky",
        name="Bluesky",
        template="https://bsky.app/intent/compose?text={text}",
        platform="bluesky",
    ),
    ShareLink(key="whatsapp", name="WhatsApp", template="https://wa.me/?text={text}"),
)
#: The utm_source of the address offered to copy.
COPY_LINK_SOURCE = "link"
