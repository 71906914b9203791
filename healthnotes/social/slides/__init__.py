"""Carousels, a PDF document and a short vertical video, made from a post's content.

One function per output::

    from healthnotes.social.slides import carousel, carousel_pdf, video, VideoSettings

    slides = carousel(post, paragraphs, config, "instagram")   # 4:5, up to 20 slides
    story = carousel(post, paragraphs, config, "tiktok")        # 9:16, up to 35 slides
    pdf = carousel_pdf(carousel(post, paragraphs, config, "linkedin"))
    mp4 = video(story, VideoSettings())                         # None when switched off

``paragraphs`` are the post body's paragraphs as plain text, in order
(:func:`paragraphs_from_html` reads them from the post's HTML). Pass a
:class:`ContentCache` as ``cache`` so an unchanged post draws no slide and
encodes no video again. Formats, slide plans and limits are data in
:mod:`~healthnotes.social.slides.plan`, :mod:`~healthnotes.social.slides.render`
and :mod:`~healthnotes.social.slides.video`; see docs/social-formats.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from healthnotes.config import SiteConfig
from healthnotes.content.model import Post
from healthnotes.social.cards.card import CardColours, renderer_version
from healthnotes.social.slides.cache import ContentCache, digest
from healthnotes.social.slides.plan import (
    FORMATS,
    PlanError,
    PlannedSlide,
    SlideFormat,
    SlideKind,
    paragraphs_from_html,
    plan_slides,
)

__all__ = [
    "FORMATS",
    "ContentCache",
    "PlanError",
    "Slide",
    "VideoSettings",
    "carousel",
    "carousel_pdf",
    "paragraphs_from_html",
    "slide_cache",
    "video",
    "video_cache",
]


@dataclass(frozen=True, kw_only=True)
class Slide:
    """One drawn slide."""

    jpeg: bytes
    width: int
    height: int
    #: What the slide says (for the platform's alt-text field).
    alt: str
    kind: SlideKind
    #: Kept when a video has to leave slides out.
    essential: bool
    #: Words on the slide (how long a video holds it).
    words: int


def slide_key(
    planned: PlannedSlide,
    number: int,
    total: int,
    fmt: SlideFormat,
    colours: CardColours,
    practice_name: str,
) -> str:
    """The cache key of one slide: its inputs and the renderer's version."""
    from healthnotes.social.slides.render import RENDER_VERSION

    return digest(
        "slide",
        RENDER_VERSION,
        renderer_version(),
        repr(fmt),
        repr(planned),
        f"{number}/{total}",
        repr(colours),
        practice_name,
    )


def slide_cache(root: Path) -> ContentCache:
    """The slide cache kept in the folder ``root``."""
    return ContentCache(root, ".jpg")


def video_cache(root: Path) -> ContentCache:
    """The video cache kept in the folder ``root``."""
    return ContentCache(root, ".mp4")


def carousel(
    post: Post,
    paragraphs: Sequence[str],
    config: SiteConfig,
    platform: str,
    *,
    cache: ContentCache | None = None,
) -> list[Slide]:
    """The slides of ``post`` for ``platform`` (a key of :data:`FORMATS`)."""
    from healthnotes.social.slides import render

    fmt = FORMATS[platform]
    colours = CardColours.of(config.brand)
    name = config.practice.name

    def fits(kind: SlideKind, label: str, body: str) -> bool:
        return render.fits(fmt, kind, label, body)

    planned = plan_slides(post, paragraphs, config, fmt, fits)
    slides: list[Slide] = []
    for number, p in enumerate(planned, start=1):
        key = slide_key(p, number, len(planned), fmt, colours, name)
        jpeg = cache.get(key) if cache is not None else None
        if jpeg is None:
            drawing = render.layout_slide(p, number, len(planned), fmt, colours, name)
            jpeg = render.jpeg(drawing)
            if cache is not None:
                cache.put(key, jpeg)
        slides.append(
            Slide(
                jpeg=jpeg,
                width=fmt.width,
                height=fmt.height,
                alt=p.alt,
                kind=p.kind,
                essential=p.essential,
                words=p.words,
            )
        )
    if cache is not None:
        cache.save()
    return slides


def carousel_pdf(slides: Sequence[Slide], *, title: str = "") -> bytes:
    """One PDF of ``slides``, a page each (a LinkedIn document post)."""
    from healthnotes.social.slides.pdf import slides_pdf

    return slides_pdf(slides, title=title)


from healthnotes.social.slides.video import VideoSettings, video  # noqa: E402
