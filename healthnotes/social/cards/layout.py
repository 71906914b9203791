"""Where things go on a social card, as data.

A card has the same parts on every platform: a badge pill (post type) at the
top left, the title, and a footer with the practice's logo and name. What
changes between platforms is the proportion of the canvas, so the layout is a
small table of :class:`LayoutRule` rows, one per orientation, with every
length a *fraction of the canvas width* (so a 1000 px and a 1200 px wide card
of the same shape look the same). :func:`layout_for` picks the row by aspect
ratio and resolves it to pixels for one :class:`~healthnotes.social.platforms.ImageSpec`,
keeping all text out of the spec's ``safe_top``/``safe_bottom`` bands.

Changing any number here, or how :mod:`healthnotes.social.cards.render` draws, changes the
pictures: bump :data:`LAYOUT_VERSION` so cached cards are drawn again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from healthnotes.social.platforms import ImageSpec

#: Part of the card cache key; bump whenever the drawing changes.
#: 2: JPEG without optimized Huffman tables (same pixels, faster to encode).
#: 3: the post's content under the title, brand variations, a scrim only under the text.
#: 4: a plain JPEG hero is reduced only by halves, as Pillow's draft reduces the others.
#: 5: plain cards with a restart marker after every row of MCUs (same pixels).
#: 6: hero cards drawn and encoded as YCbCr planes (pixels within a level or two).
LAYOUT_VERSION = "6"

#: No text on a card is smaller than this fraction of its width (40 px on a 1200 px
#: link preview, 35 px on a 1080 px square): every rule's smallest sizes reach it.
READABLE_MIN = 0.032


@dataclass(frozen=True, kw_only=True)
class ContentRow:
    """One line of a post's content on its card: ``label: <the field's text>``.

    ``field`` is an attribute of the post's details (``myth``, ``question``...);
    ``item`` picks one entry of a tuple field (a how-to's steps), ``joined`` joins
    all of them (a recall's lots). Rows are kept in ``priority`` order (lowest first)
    when the card has no room for all; they are shown in table order."""

    label: str
    field: str
    priority: int
    item: int | None = None
    joined: bool = False


#: What each post type's card shows under its title, as data (keys: PostType values).
CARD_CONTENT: dict[str, tuple[ContentRow, ...]] = {
    "misconception": (
        ContentRow(label="Myth", field="myth", priority=0),
        ContentRow(label="Fact", field="fact", priority=1),
    ),
    "qa": (ContentRow(label="Question", field="question", priority=0),),
    "recall": (
        ContentRow(label="Product", field="product", priority=0),
        ContentRow(label="Why", field="reason", priority=2),
        ContentRow(label="Lots", field="lots", priority=3, joined=True),
        ContentRow(label="Do this", field="action", priority=1),
    ),
    "howto": (
        ContentRow(label="Step 1", field="steps", priority=0, item=0),
        ContentRow(label="Step 2", field="steps", priority=1, item=1),
        ContentRow(label="Step 3", field="steps", priority=2, item=2),
    ),
}


@dataclass(frozen=True, kw_only=True)
class Variation:
    """A brand variation of the plain card: which brand colour fills it and whether
    its decorative discs are mirrored left to right. Chosen per post from its slug
    (:func:`variation_for`), so a feed of cards is not one template."""

    background: str  # "primary", "deep" (primary shaded toward black) or "surface"
    mirrored: bool


VARIATIONS: tuple[Variation, ...] = (
    Variation(background="primary", mirrored=False),
    Variation(background="surface", mirrored=True),
    Variation(background="deep", mirrored=True),
    Variation(background="surface", mirrored=False),
)


def variation_for(slug: str) -> int:
    """The index in :data:`VARIATIONS` of a post's card (the same on every build)."""
    return int(hashlib.sha256(slug.encode("utf-8")).hexdigest()[:8], 16) % len(VARIATIONS)


class Orientation(StrEnum):
    LANDSCAPE = "landscape"  # link previews: og, X, LinkedIn (about 1.9:1)
    SQUARE = "square"  # Instagram feed (1:1)
    PORTRAIT = "portrait"  # Instagram portrait 4:5, Pinterest 2:3
    STORY = "story"  # stories 9:16


@dataclass(frozen=True, kw_only=True)
class Box:
    """A rectangle in pixels: left, top inclusive; right, bottom exclusive."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    def contains(self, other: Box) -> bool:
        return (
            self.x0 <= other.x0
            and self.y0 <= other.y0
            and other.x1 <= self.x1
            and other.y1 <= self.y1
        )

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass(frozen=True, kw_only=True)
class Circle:
    """A decorative disc on cards without a hero picture (centre, radius in px)."""

    cx: int
    cy: int
    r: int


@dataclass(frozen=True, kw_only=True)
class LayoutRule:
    """One orientation's proportions. Lengths are fractions of the canvas width;
    vertical positions of zones are fractions of the usable (safe) height. A field
    with a default is the same on every card; the table names only what differs."""

    orientation: Orientation
    #: This row applies to canvases with width / height at least this.
    min_aspect: float
    margin_x: float
    margin_y: float
    #: Space between badge, title and footer.
    gap: float
    badge_height: float
    #: Badge label size as a fraction of the badge height.
    badge_text: float = 0.56
    logo: float
    name_size: float
    name_min_size: float
    #: Title zone: right edge as a fraction of the content width; top as a fraction
    #: of the content height (the zone never starts above the badge).
    title_right: float
    #: The text's right edge over a hero picture (the rest of the picture stays clear).
    title_right_hero: float
    title_top: float
    title_max: float
    title_min: float
    line_spacing: float = 1.1
    max_lines: int
    #: The content lines (myth, fact, question...): size range, lines a row, the share
    #: of the text zone they may take, and the space between rows.
    detail_max: float
    detail_min: float
    detail_lines: int
    detail_share: float
    detail_gap: float
    #: Where the title block sits in its zone: 0 top, 0.5 middle, 1 bottom.
    title_valign_hero: float
    title_valign_plain: float
    #: Scrim over a hero picture, behind the text: "x" darkens the left (text)
    #: side, "y" the bottom.
    scrim_axis: str
    #: Fully dark this far (fraction of width) beyond the text's ink.
    scrim_pad: float = 0.05
    #: Length of the fade from the darkest part to clear, as a fraction of the axis.
    scrim_fade: float
    #: Darkness at the far, clear end, as a fraction of the full darkness.
    scrim_floor: float = 0.0
    #: Decorative discs on plain cards: (cx, cy, r) as fractions of (width, height, width).
    discs: tuple[tuple[float, float, float], ...]
    #: Accent stripe along the bottom edge (fraction of width), outside the content.
    stripe: float


#: The table: widest first; the first row whose min_aspect the canvas reaches wins.
LAYOUT_RULES: tuple[LayoutRule, ...] = (
    LayoutRule(
        orientation=Orientation.LANDSCAPE,
        min_aspect=1.3,
        margin_x=0.06,
        margin_y=0.05,
        gap=0.022,
        badge_height=0.04,
        logo=0.05,
        name_size=0.024,
        name_min_size=0.016,
        title_right=0.74,
        title_right_hero=0.6,
        title_top=0.0,
        title_max=0.064,
        title_min=0.032,
        max_lines=6,
        detail_max=0.038,
        detail_min=0.032,
        detail_lines=3,
        detail_share=0.55,
        detail_gap=0.012,
        title_valign_hero=0.5,
        title_valign_plain=0.5,
        scrim_axis="x",
        scrim_fade=0.12,
        discs=((0.93, 0.12, 0.3), (0.99, 0.98, 0.13)),
        stripe=0.008,
    ),
    LayoutRule(
        orientation=Orientation.SQUARE,
        min_aspect=0.9,
        margin_x=0.07,
        margin_y=0.07,
        gap=0.03,
        badge_height=0.052,
        logo=0.068,
        name_size=0.032,
        name_min_size=0.022,
        title_right=1.0,
        title_right_hero=1.0,
        title_top=0.3,
        title_max=0.08,
        title_min=0.045,
        max_lines=6,
        detail_max=0.046,
        detail_min=0.036,
        detail_lines=3,
        detail_share=0.6,
        detail_gap=0.016,
        title_valign_hero=1.0,
        title_valign_plain=0.6,
        scrim_axis="y",
        scrim_fade=0.12,
        discs=((0.96, 0.08, 0.34), (0.02, 1.0, 0.1)),
        stripe=0.01,
    ),
    LayoutRule(
        orientation=Orientation.PORTRAIT,
        min_aspect=0.62,
        margin_x=0.075,
        margin_y=0.075,
        gap=0.032,
        badge_height=0.055,
        logo=0.072,
        name_size=0.034,
        name_min_size=0.024,
        title_right=1.0,
        title_right_hero=1.0,
        title_top=0.33,
        title_max=0.088,
        title_min=0.048,
        max_lines=7,
        detail_max=0.048,
        detail_min=0.036,
        detail_lines=3,
        detail_share=0.6,
        detail_gap=0.018,
        title_valign_hero=1.0,
        title_valign_plain=0.6,
        scrim_axis="y",
        scrim_fade=0.12,
        discs=((0.95, 0.08, 0.4), (0.03, 0.99, 0.12)),
        stripe=0.01,
    ),
    LayoutRule(
        orientation=Orientation.STORY,
        min_aspect=0.0,
        margin_x=0.08,
        margin_y=0.06,
        gap=0.035,
        badge_height=0.06,
        logo=0.08,
        name_size=0.037,
        name_min_size=0.026,
        title_right=1.0,
        title_right_hero=1.0,
        title_top=0.3,
        title_max=0.094,
        title_min=0.05,
        max_lines=8,
        detail_max=0.05,
        detail_min=0.04,
        detail_lines=4,
        detail_share=0.6,
        detail_gap=0.02,
        title_valign_hero=1.0,
        title_valign_plain=0.55,
        scrim_axis="y",
        scrim_fade=0.1,
        discs=((0.95, 0.2, 0.45), (0.98, 0.9, 0.18)),
        stripe=0.0,
    ),
)


@dataclass(frozen=True, kw_only=True)
class CardLayout:
    """A rule resolved to pixels for one canvas size: everything the renderer needs."""

    orientation: Orientation
    width: int
    height: int
    #: Text never leaves this box (canvas minus margins and the safe bands).
    content: Box
    #: Badge pill: top-left corner, height, label size and side padding (px).
    badge_x: int
    badge_y: int
    badge_height: int
    badge_size: int
    badge_pad: int
    #: Longest the pill may be (its label shrinks/ellipsizes to stay within).
    badge_max_width: int
    title: Box
    #: The text zone over a hero picture (narrower on landscape cards).
    title_hero: Box
    title_max: int
    title_min: int
    line_spacing: float
    max_lines: int
    detail_max: int
    detail_min: int
    detail_lines: int
    detail_share: float
    detail_gap: int
    title_valign_hero: float
    title_valign_plain: float
    #: The logo sits on a rounded plate (brand surface colour) this far inside ``logo``.
    logo: Box
    logo_pad: int
    #: The practice name, to the right of the logo.
    name: Box
    name_size: int
    name_min_size: int
    #: The scrim is fully dark over the text plus ``scrim_pad`` px, then fades
    #: out over ``scrim_fade`` px along ``scrim_axis`` (to the right for "x", up for "y").
    scrim_axis: str
    scrim_pad: int
    scrim_fade: int
    scrim_floor: float
    discs: tuple[Circle, ...]
    stripe: int
    #: Font files from the font_source_sans_pro package.
    title_font: str = "SourceSansPro-Bold.ttf"
    detail_font: str = "SourceSansPro-Regular.ttf"
    detail_label_font: str = "SourceSansPro-Bold.ttf"
    badge_font: str = "SourceSansPro-Bold.ttf"
    name_font: str = "SourceSansPro-Semibold.ttf"
    jpeg_quality: int = 88
    #: Lowest JPEG quality tried to get under a byte limit.
    jpeg_min_quality: int = 40
    version: str = LAYOUT_VERSION


def rule_for(spec: ImageSpec) -> LayoutRule:
    aspect = spec.width / spec.height
    return next(rule for rule in LAYOUT_RULES if aspect >= rule.min_aspect)


@lru_cache(maxsize=32)  # a worker asks once a card (0.1 ms each), for seven sizes
def layout_for(spec: ImageSpec) -> CardLayout:
    """The layout of a card of ``spec``'s size, by its aspect ratio (frozen: shared)."""
    rule = rule_for(spec)
    w, h = spec.width, spec.height

    def px(fraction: float) -> int:
        return round(fraction * w)

    content = Box(
        x0=px(rule.margin_x),
        y0=spec.safe_top + px(rule.margin_y),
        x1=w - px(rule.margin_x),
        y1=h - spec.safe_bottom - px(rule.margin_y),
    )
    gap = px(rule.gap)
    badge_h = px(rule.badge_height)
    logo = px(rule.logo)
    logo_box = Box(x0=content.x0, y0=content.y1 - logo, x1=content.x0 + logo, y1=content.y1)
    name_box = Box(x0=logo_box.x1 + round(logo * 0.3), y0=logo_box.y0, x1=content.x1, y1=content.y1)
    title_top = max(content.y0 + badge_h + gap, content.y0 + round(rule.title_top * content.height))
    title = Box(
        x0=content.x0,
        y0=title_top,
        x1=content.x0 + round(rule.title_right * content.width),
        y1=logo_box.y0 - gap,
    )
    return CardLayout(
        orientation=rule.orientation,
        width=w,
        height=h,
        content=content,
        badge_x=content.x0,
        badge_y=content.y0,
        badge_height=badge_h,
        badge_size=round(badge_h * rule.badge_text),
        badge_pad=round(badge_h * 0.5),
        badge_max_width=content.width,
        title=title,
        title_hero=Box(
            x0=title.x0,
            y0=title.y0,
            x1=content.x0 + round(rule.title_right_hero * content.width),
            y1=title.y1,
        ),
        title_max=px(rule.title_max),
        title_min=px(rule.title_min),
        line_spacing=rule.line_spacing,
        max_lines=rule.max_lines,
        detail_max=px(rule.detail_max),
        detail_min=px(rule.detail_min),
        detail_lines=rule.detail_lines,
        detail_share=rule.detail_share,
        detail_gap=px(rule.detail_gap),
        title_valign_hero=rule.title_valign_hero,
        title_valign_plain=rule.title_valign_plain,
        logo=logo_box,
        logo_pad=round(logo * 0.07),
        name=name_box,
        name_size=px(rule.name_size),
        name_min_size=px(rule.name_min_size),
        scrim_axis=rule.scrim_axis,
        scrim_pad=px(rule.scrim_pad),
        scrim_fade=round(rule.scrim_fade * (w if rule.scrim_axis == "x" else h)),
        scrim_floor=rule.scrim_floor,
        discs=tuple(
            Circle(cx=round(cx * w), cy=round(cy * h), r=px(r)) for cx, cy, r in rule.discs
        ),
        stripe=px(rule.stripe),
    )
