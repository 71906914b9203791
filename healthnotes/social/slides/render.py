"""Draw one carousel slide: an RGB array, then JPEG bytes.

A slide has three parts, all inside the format's safe area: a label at the top
("Myth", "Step 2 of 5") with a short rule under it, the body (the post's text, as
large as fits from :data:`LAYOUT`'s size ladder, never below the format's minimum),
and a footer with the practice's name and the slide's number.

Backgrounds are brand colours in a few :data:`VARIANTS` (flat, a vertical gradient,
a large soft disc in alternating corners), so a carousel is not one flat template.
Every text colour is chosen by computing its WCAG contrast with every colour of
the background it sits on (:func:`colours_for`); none is below 4.5:1.

Only Source Sans Pro from the ``font-source-sans-pro`` package is used, through the
card renderer's font helpers (same files, same layout engine, characters the font
lacks dropped whole rather than drawn as boxes); lines are drawn from its cached
glyph bitmaps straight onto the slide's array (:func:`draw`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
from PIL import ImageFont

from healthnotes.config import MIN_TEXT_CONTRAST, contrast
from healthnotes.social.cards import rows
from healthnotes.social.cards.card import CardColours
from healthnotes.social.cards.render import (
    blend_text,
    drop_unsupported,
    font_path,
    ink_box,
    load_font,
)
from healthnotes.social.slides.plan import (
    KINDS,
    PlannedSlide,
    SlideFormat,
    SlideKind,
    longest_prefix,
    min_text_px,
)

#: Part of every slide's cache key: bump when anything here changes the pixels.
#: 3: a restart marker after every row of MCUs (same pixels, see :func:`jpeg`).
RENDER_VERSION = "3"

RGB = tuple[int, int, int]
WHITE = "#ffffff"
BLACK = "#000000"
JPEG_QUALITY = 88


@dataclass(frozen=True, kw_only=True)
class SlideLayout:
    """Sizes in px at 1080 px wide (scaled with the slide's width)."""

    label_px: int = 48
    footer_px: int = 42
    #: Body sizes tried largest first; the smallest must be >= the minimum text size.
    body_px: tuple[int, ...] = (78, 72, 66, 60, 56, 52, 48, 45, 42)
    display_px: tuple[int, ...] = (116, 104, 94, 84, 76, 68, 60, 54, 48, 42)
    line_spacing: float = 1.3
    #: Extra space between paragraphs (lines of a list), as a share of a line.
    paragraph_gap: float = 0.35
    rule_width: int = 120
    rule_height: int = 10
    label_gap: int = 36  # label to rule, and rule to body
    footer_gap: int = 40  # body to footer
    #: The soft disc: radius as a share of the width, and how far it moves the
    #: background away from the text colour (a share of the way to black or white).
    disc_radius: float = 0.55
    disc_tint: float = 0.10


LAYOUT = SlideLayout()

#: Fonts per role (files of the font-source-sans-pro package).
FONTS: Mapping[str, str] = {
    "label": "SourceSansPro-Bold.ttf",
    "body": "SourceSansPro-Semibold.ttf",
    "display": "SourceSansPro-Bold.ttf",
    "footer": "SourceSansPro-Semibold.ttf",
}


@dataclass(frozen=True, kw_only=True)
class Variant:
    """A background: a brand colour (key of :class:`CardColours`), optionally shaded
    toward black at the bottom, and label colours to try in order."""

    base: str
    shade: float = 0.0
    labels: tuple[str, ...] = (WHITE,)
    disc: bool = True


VARIANTS: Mapping[str, Variant] = {
    "deep": Variant(base="primary", shade=0.45),
    "primary": Variant(base="primary", shade=0.15),
    "accent": Variant(base="accent"),
    "surface": Variant(base="surface", labels=("accent", "primary")),
    "white": Variant(base="background", labels=("primary", "accent")),
}


# --------------------------------------------------------------------------- colours


def _rgb(hex_colour: str) -> RGB:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def _hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _mix(a: str, b: str, t: float) -> str:
    ra, rb = _rgb(a), _rgb(b)
    return _hex(tuple(round(x + (y - x) * t) for x, y in zip(ra, rb, strict=True)))  # type: ignore[arg-type]


def _named(colours: CardColours, name: str) -> str:
    return name if name.startswith("#") else str(getattr(colours, name))


@dataclass(frozen=True, kw_only=True)
class Colours:
    """A variant's colours, resolved: every background colour text may sit on."""

    top: str
    bottom: str
    disc: str | None
    text: str
    label: str

    @property
    def backgrounds(self) -> tuple[str, ...]:
        return (self.top, self.bottom, *((self.disc,) if self.disc else ()))


def _worst(fg: str, backgrounds: tuple[str, ...]) -> float:
    return min(contrast(fg, bg) for bg in backgrounds)


@lru_cache(maxsize=64)
def colours_for(variant: str, colours: CardColours) -> Colours:
    """The colours of ``variant`` in this brand, text colours chosen by contrast."""
    spec = VARIANTS[variant]
    top = _named(colours, spec.base)
    bottom = _mix(top, BLACK, spec.shade) if spec.shade else top
    text = max((WHITE, colours.text), key=lambda c: _worst(c, (top, bottom)))
    disc = None
    if spec.disc:  # away from the text colour: contrast only grows
        away = BLACK if contrast(text, BLACK) > contrast(text, WHITE) else WHITE
        disc = _mix(top, away, LAYOUT.disc_tint)
    backgrounds = (top, bottom, *((disc,) if disc else ()))
    label = next(
        (
            c
            for c in (_named(colours, n) for n in spec.labels)
            if _worst(c, backgrounds) >= MIN_TEXT_CONTRAST
        ),
        text,
    )
    return Colours(top=top, bottom=bottom, disc=disc, text=text, label=label)


# ---------------------------------------------------------------------------- geometry


def _px(fmt: SlideFormat, size: int) -> int:
    return round(size * fmt.width / 1080)


def _font(role: str, size: int) -> ImageFont.FreeTypeFont:
    return load_font(font_path(FONTS[role]), size)


def _clean(text: str, role: str) -> str:
    return "\n".join(
        drop_unsupported(line, font_path(FONTS[role])) for line in text.split("\n")
    ).strip("\n")


def _break_word(font: ImageFont.FreeTypeFont, word: str, width: int) -> list[str]:
    """A single word wider than a slide (a long web address): cut after "/" or "." if
    that makes it fit, else between characters. Real prose never gets here."""

    def fits(head: str) -> bool:
        return font.getlength(head) <= width

    pieces: list[str] = []
    rest, guess = word, 1
    while rest:
        guess = longest_prefix(rest, fits, guess)
        if guess == len(rest):
            break
        head = rest[:guess]
        cut = head.rfind("/") if "/" in head[1:] else head.rfind(".")
        end = cut + 1 if cut > 0 else guess
        pieces.append(rest[:end])
        rest = rest[end:]
    return [*pieces, rest]


#: Widths of words measured per process (role, size, word): planning measures the
#: same words at every size it tries, a carousel after another.
WIDTHS_KEPT = 16384


@lru_cache(maxsize=WIDTHS_KEPT)
def _length(role: str, size: int, text: str) -> float:
    """``font.getlength(text)`` of the role's font at ``size``."""
    return _font(role, size).getlength(text)


def wrap(role: str, size: int, text: str, width: int) -> list[list[str]]:
    """``text`` wrapped to ``width`` px: a list of lines per paragraph ("\\n").

    A line's width is its words' widths plus its spaces' (the BASIC layout neither
    kerns nor shapes, and hinted advances are whole pixels: the sum is the width
    Pillow measures for the line), so each word is measured once per size."""
    space = _length(role, size, " ")
    paragraphs: list[list[str]] = []
    for paragraph in text.split("\n"):
        lines: list[str] = []
        line, line_width = "", 0.0
        for word in paragraph.split():
            word_width = _length(role, size, word)
            if line:
                if line_width + space + word_width <= width:
                    line, line_width = f"{line} {word}", line_width + space + word_width
                    continue
                lines.append(line)
            if word_width <= width:
                line, line_width = word, word_width
            else:
                *full, line = _break_word(_font(role, size), word, width)
                lines.extend(full)
                line_width = _length(role, size, line)
        if line:
            lines.append(line)
        if lines:
            paragraphs.append(lines)
    return paragraphs


def _block_height(size: int, paragraphs: list[list[str]]) -> int:
    step = round(size * LAYOUT.line_spacing)
    lines = sum(len(p) for p in paragraphs)
    gaps = max(0, len(paragraphs) - 1)
    return lines * step + round(gaps * step * LAYOUT.paragraph_gap)


@dataclass(frozen=True, kw_only=True)
class Frame:
    """Where the parts of a slide go (px)."""

    left: int
    right: int
    label_top: int
    footer_top: int  # the footer's top line


def frame(fmt: SlideFormat) -> Frame:
    footer = _px(fmt, LAYOUT.footer_px)
    return Frame(
        left=fmt.safe.left,
        right=fmt.width - fmt.safe.right,
        label_top=fmt.safe.top,
        footer_top=fmt.height - fmt.safe.bottom - round(footer * LAYOUT.line_spacing),
    )


def _label_lines(fmt: SlideFormat, label: str) -> list[list[str]]:
    f = frame(fmt)
    return wrap("label", _px(fmt, LAYOUT.label_px), label, f.right - f.left)


def _body_box(fmt: SlideFormat, label: str) -> tuple[int, int, int, int]:
    f = frame(fmt)
    label_h = _block_height(_px(fmt, LAYOUT.label_px), _label_lines(fmt, label))
    top = f.label_top + label_h + _px(fmt, LAYOUT.label_gap) * 2 + _px(fmt, LAYOUT.rule_height)
    bottom = f.footer_top - _px(fmt, LAYOUT.footer_gap)
    return (f.left, top, f.right, bottom)


def body_sizes(fmt: SlideFormat, kind: SlideKind) -> tuple[int, ...]:
    ladder = LAYOUT.display_px if KINDS[kind].display else LAYOUT.body_px
    return tuple(size for s in ladder if (size := _px(fmt, s)) >= min_text_px(fmt))


def _fit_body(
    fmt: SlideFormat, kind: SlideKind, label: str, body: str
) -> tuple[int, list[list[str]]] | None:
    x0, y0, x1, y1 = _body_box(fmt, label)
    role = "display" if KINDS[kind].display else "body"
    words = body.split()
    # Largest size with every word whole; only if none fits, let a web address break.
    for whole in (True, False):
        for size in body_sizes(fmt, kind):
            if whole and any(_length(role, size, w) > x1 - x0 for w in words):
                continue
            paragraphs = wrap(role, size, body, x1 - x0)
            if _block_height(size, paragraphs) <= y1 - y0:
                return size, paragraphs
    return None


def fits(fmt: SlideFormat, kind: SlideKind, label: str, body: str) -> bool:
    """Whether this text fits a slide of ``fmt`` at no less than the minimum size."""
    role = "display" if KINDS[kind].display else "body"
    return _fit_body(fmt, kind, _clean(label, "label"), _clean(body, role)) is not None


# ----------------------------------------------------------------------------- drawing


@dataclass(frozen=True, kw_only=True)
class TextRun:
    """One line of text as drawn: for checks of size, position and contrast."""

    role: str
    text: str
    size: int
    box: tuple[int, int, int, int]  # the line's full height band, left to its advance
    fill: str


#: What a slide's background is drawn from: :func:`_background`'s arguments.
Backdrop = tuple[tuple[int, int], str, CardColours, int]


@dataclass(frozen=True, kw_only=True)
class SlideDrawing:
    background: np.ndarray  # the background alone (H x W x 3, uint8)
    runs: tuple[TextRun, ...]
    rule: tuple[int, int, int, int]
    rule_fill: str
    #: What ``background`` was drawn from (its rows are coded once: :func:`jpeg`).
    backdrop: Backdrop | None = None


@lru_cache(maxsize=16)
def _background(
    size: tuple[int, int], variant: str, colours: CardColours, corner: int
) -> np.ndarray:
    """The background of a slide of ``size`` (formats of one size share it)."""
    c = colours_for(variant, colours)
    w, h = size
    top, bottom = np.array(_rgb(c.top), np.float32), np.array(_rgb(c.bottom), np.float32)
    ramp = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None]
    column = np.rint(top + (bottom - top) * ramp).astype(np.uint8)  # h x 3
    # The column repeated across: a nearest-neighbour resize copies it row by row
    # (numpy fills a broadcast of 3-byte pixels one element at a time).
    pixels = cv2.resize(column[:, None, :], (w, h), interpolation=cv2.INTER_NEAREST)
    if c.disc:
        r = round(LAYOUT.disc_radius * w)
        centre = (w - r // 3, r // 3) if corner == 0 else (r // 3, h - r // 3)
        cv2.circle(pixels, centre, r, _rgb(c.disc), thickness=-1, lineType=cv2.LINE_AA)
    pixels.flags.writeable = False
    return pixels


def _runs_for(
    role: str, paragraphs: list[list[str]], size: int, x: int, y: int, fill: str
) -> list[TextRun]:
    step = round(size * LAYOUT.line_spacing)
    gap = round(step * LAYOUT.paragraph_gap)
    runs: list[TextRun] = []
    for paragraph in paragraphs:
        for line in paragraph:
            width = round(_length(role, size, line))
            runs.append(
                TextRun(role=role, text=line, size=size, box=(x, y, x + width, y + step), fill=fill)
            )
            y += step
        y += gap
    return runs


def layout_slide(
    slide: PlannedSlide,
    number: int,
    total: int,
    fmt: SlideFormat,
    colours: CardColours,
    practice_name: str,
) -> SlideDrawing:
    """Everything a slide draws, positioned; nothing drawn yet."""
    c = colours_for(slide.variant, colours)
    f = frame(fmt)
    kind_role = "display" if KINDS[slide.kind].display else "body"
    label = _clean(slide.label, "label")
    body = _clean(slide.body, kind_role)
    label_px = _px(fmt, LAYOUT.label_px)
    runs = _runs_for("label", _label_lines(fmt, label), label_px, f.left, f.label_top, c.label)
    label_bottom = runs[-1].box[3] if runs else f.label_top
    rule_top = label_bottom + _px(fmt, LAYOUT.label_gap) - round(label_px * 0.15)
    rule = (
        f.left,
        rule_top,
        f.left + _px(fmt, LAYOUT.rule_width),
        rule_top + _px(fmt, LAYOUT.rule_height),
    )

    fitted = _fit_body(fmt, slide.kind, label, body)
    if fitted is None:  # the plan splits text so this does not happen; draw at the minimum
        size = body_sizes(fmt, slide.kind)[-1]
        fitted = (size, wrap(kind_role, size, body, f.right - f.left))
    size, paragraphs = fitted
    x0, y0, _x1, y1 = _body_box(fmt, label)
    height = _block_height(size, paragraphs)
    top = y0 + max(0, (y1 - y0 - height) // 2)  # centred in the body box
    runs += _runs_for(kind_role, paragraphs, size, x0, top, c.text)

    footer_px = _px(fmt, LAYOUT.footer_px)
    footer_font = _font("footer", footer_px)
    name = _clean(practice_name, "footer")
    counter = f"{number}/{total}"
    counter_w = round(footer_font.getlength(counter))
    gap = _px(fmt, 32)
    if footer_font.getlength(name) <= f.right - f.left - counter_w - gap:  # else: closing slide
        runs += _runs_for("footer", [[name]], footer_px, f.left, f.footer_top, c.text)
    runs += _runs_for("footer", [[counter]], footer_px, f.right - counter_w, f.footer_top, c.text)
    backdrop = (fmt.size, slide.variant, colours, number % 2)
    return SlideDrawing(
        background=_background(*backdrop),
        runs=tuple(runs),
        rule=rule,
        rule_fill=c.label,
        backdrop=backdrop,
    )


def draw(drawing: SlideDrawing) -> np.ndarray:
    """The slide's pixels (H x W x 3 RGB, uint8).

    Drawn on the array itself, never through a Pillow image (whose RGB pixels are
    four bytes wide: a slide would be repacked twice), with the card renderer's
    cached glyph bitmaps."""
    pixels = drawing.background.copy()
    _draw_on(pixels, drawing, 0, pixels.shape[0])
    return pixels


@dataclass(frozen=True)
class _Placed:
    """A run as :func:`blend_text` draws it: font file, ascender line, ink rows."""

    path: str
    at: tuple[int, int]
    ink: tuple[int, int]  # first and last + 1 pixel rows of its ink (0, 0: none)


def _placed(run: TextRun) -> _Placed:
    font = _font(run.role, run.size)
    ascent, descent = font.getmetrics()
    step = run.box[3] - run.box[1]
    top = run.box[1] + (step - ascent - descent) // 2  # the ascender line
    path = font_path(FONTS[run.role])
    box = ink_box(path, run.size, run.text)
    ink = (top + box[1], top + box[3]) if box else (0, 0)
    return _Placed(path=path, at=(run.box[0], top), ink=ink)


def _draw_on(
    pixels: np.ndarray,
    drawing: SlideDrawing,
    top: int,
    bottom: int,
    placed: list[_Placed] | None = None,
) -> None:
    """Draw the rule and the text of ``drawing`` (its runs :func:`_placed`, when given)
    on ``pixels``: its pixel rows ``top`` to ``bottom``; lines whose ink is outside
    them are not drawn at all."""
    x0, y0, x1, y1 = drawing.rule
    pixels[max(0, y0 - top) : max(0, y1 - top), x0:x1] = _rgb(drawing.rule_fill)
    for run, place in zip(drawing.runs, placed or map(_placed, drawing.runs), strict=True):
        if place.ink[0] < bottom and top < place.ink[1]:
            at = (place.at[0], place.at[1] - top)
            blend_text(pixels, place.path, run.size, run.text, at, _rgb(run.fill))


@lru_cache(maxsize=16)  # as many as backgrounds are kept
def _background_rows(backdrop: Backdrop, quality: int) -> tuple[bytes, ...]:
    return rows.coded(_background(*backdrop), quality)


def jpeg(drawing: SlideDrawing, quality: int = JPEG_QUALITY) -> bytes:
    """``encode(draw(drawing))``: the same pixels, put together from the background's
    rows of MCUs coded once (:mod:`healthnotes.social.cards.rows`) and the rows the
    rule and the text touch, coded for this slide."""
    if drawing.backdrop is None:
        return encode(draw(drawing), quality)
    height, width = drawing.background.shape[:2]
    placed = [_placed(run) for run in drawing.runs]
    dirty = [*rows.touched(drawing.rule[1], drawing.rule[3], height)]
    for place in placed:
        dirty.extend(rows.touched(*place.ink, height))

    def strip(top: int, bottom: int) -> np.ndarray:
        pixels = drawing.background[top:bottom].copy()
        _draw_on(pixels, drawing, top, bottom, placed)
        return pixels

    base = _background_rows(drawing.backdrop, quality)
    return rows.redrawn(rows.header(width, height, quality), base, dirty, strip, quality)


def encode(pixels: np.ndarray, quality: int = JPEG_QUALITY) -> bytes:
    """Baseline JPEG, 4:2:0, no metadata (:func:`healthnotes.social.cards.rows.encode`)."""
    return rows.encode(pixels, quality)
