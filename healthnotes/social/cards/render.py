"""Draw a post's social card (a JPEG) for one platform.

Inputs are small, frozen and picklable (:class:`CardInput`, the platform's
:class:`~healthnotes.social.platforms.ImageSpec` and a
:class:`~healthnotes.social.cards.layout.CardLayout`) and describe the output completely, so
cards can be cached by a hash of them and drawn in worker processes.

Design decisions, in one place:

* **Font.** Only Source Sans Pro from the ``font-source-sans-pro`` package (SIL
  OFL), never a system font, so a card is the same on every machine. Text is
  laid out with Pillow's ``Layout.BASIC`` engine even where libraqm is
  installed: raqm's presence would otherwise change glyph positions (GPOS
  kerning) and so the bytes. BASIC does no shaping, which is fine because only
  characters the font has (Latin, Greek, Cyrillic) are ever drawn.
* **Missing characters are dropped, never drawn as boxes.** The font's own
  ``cmap`` table is read (:func:`supported_codepoints`); a user-perceived
  character (emoji with skin tone, ZWJ family, flag, keycap, CJK, …) with any
  code point the font lacks is removed whole, and the spaces around it
  collapse (:func:`drop_unsupported`). If nothing is left of a title, the
  practice name is the title (then the badge text).
* **Title fitting measures pixels** (:func:`fit_title`): greedy word wrap into
  the title box, shrinking 2 px at a time from the layout's largest size to
  its smallest; only then are lines cut with "…" at a word. A word wider than
  the box is broken between characters. Glyph metrics are cached per font
  size, so fitting a 300-character title costs well under a millisecond.
* **Contrast is computed, not hoped for.** Text colour is white or the brand
  text colour, whichever contrasts more with the brand primary (a primary or
  accent that only just passes is deepened to :data:`TARGET_CONTRAST`). Over a
  hero picture the scrim (a darkened brand primary) is exactly as opaque as
  needed for white text to reach :data:`TARGET_CONTRAST` even over a pure
  white pixel; it is fully dark behind the text's ink plus a pad and fades out
  beyond it, so the rest of the picture stays clear.
* **Shared work is done once per process** (``functools.lru_cache``): fonts
  per size, glyph metrics, the decoded hero and logo (logo on its plate), the
  plain background, the badge pill with its label, text masks of repeated
  lines (practice name) and blend tables. Gradients come from ``Image.resize``
  of a 1-pixel strip; there are no per-pixel Python loops. Render one post's
  cards in the same process to reuse its decoded hero.
* **Hero pixels go through OpenCV** (``cv2.resize`` and ``cv2.LUT``, SIMD): the
  cover resize is a quarter of Pillow's time, and the scrim is a lookup table per
  band of equal opacity, each table equal to Pillow's masked paste of the scrim
  colour. OpenCV runs single-threaded: cards are spread over processes instead.
* **JPEG**: RGB, baseline, standard Huffman tables, 4:2:0, no EXIF or ICC
  profile (untagged means sRGB; a hero with another ICC profile is converted
  to sRGB first). If the file is over the byte limit the quality steps down.
  Optimized Huffman tables cost more encoding time than the bytes they save are
  worth while cards are far under every byte limit (docs/performance.md).
* **Plain cards are encoded by rows** (:mod:`healthnotes.social.cards.rows`): a
  restart marker after every row of MCUs makes each row's coded bytes depend on its
  own pixels only, so the rows of a layout's background and footer (logo, practice
  name) are coded once per process and a card codes only the rows its badge, title
  and content lines touch. Same decoded pixels as one encode of the whole card.
* **Hero cards are drawn in YCbCr planes** (:func:`compose_hero_planes`): the hero is
  converted once per post into a full-size Y plane and half-size Cb and Cr planes
  (each 2x2 block's average colour, as the encoder averages a card's), every card
  resizes, darkens and blends text on those (a third of the RGB pixels) and hands
  them to libjpeg-turbo as they are (``encode_jpeg_yuv_planes``: no colour
  conversion per card). Decoded, within a level or two of the RGB card
  (:func:`compose_card`, which the contrast checks read).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import cv2
import numpy as np
import regex
import simplejpeg
from coloraide import Color
from fontTools.ttLib import TTFont
from PIL import (
    Image,
    ImageCms,
    ImageColor,
    ImageDraw,
    ImageFont,
    ImageOps,
    UnidentifiedImageError,
)

from healthnotes.social.cards import rows
from healthnotes.social.cards.card import CardColours, CardError, CardInput
from healthnotes.social.cards.layout import VARIATIONS, CardLayout
from healthnotes.social.platforms import PLATFORMS, ImageSpec, image_byte_limit

RGB = tuple[int, int, int]

#: The font files shipped by the ``font-source-sans-pro`` package.
FONT_DIR = resources.files("font_source_sans_pro") / "files"
#: Layout engine for every font: identical output with or without libraqm.
LAYOUT_ENGINE = ImageFont.Layout.BASIC
ELLIPSIS = "…"
#: Text must reach this against its background colour: white text over the
#: scrim over the lightest possible hero pixel, and text on the brand colour
#: (a brand colour that only just passes is deepened). WCAG AA is 4.5; the
#: margin absorbs JPEG ringing and chroma bleed around the glyphs, measured at
#: up to -1.2 with 4:2:0 (a target of 5.0 was not enough).
TARGET_CONTRAST = 6.0
MIN_CONTRAST = 4.5
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)
#: Each step down when a card is over its byte limit.
QUALITY_STEP = 6
#: Shrinking step while fitting text (px).
SIZE_STEP = 2
#: (font, size) pairs whose glyph bitmaps a process keeps: every size a worker may
#: draw (the seven platforms' title, detail, badge and name sizes are about a hundred;
#: fewer kept and workers draw the same glyphs again). Only glyphs drawn are kept, a
#: few hundred kB per size at most.
GLYPH_SIZES_KEPT = 128
#: Supersampling factor for anti-aliased shapes (pill, discs).
SUPERSAMPLE = 4


# --------------------------------------------------------------------------- fonts


@lru_cache(maxsize=16)  # asked three times a card: a path join each time otherwise
def font_path(name: str) -> str:
    """Absolute path of one of the packaged Source Sans Pro files."""
    return str(FONT_DIR / name)


@lru_cache(maxsize=256)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=LAYOUT_ENGINE)


@lru_cache(maxsize=16)
def supported_codepoints(path: str) -> frozenset[int]:
    """Code points the font maps to a real glyph (its best Unicode ``cmap``, via fontTools)."""
    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap()
    if not cmap:
        raise CardError(f"{path}: the font has no Unicode character map")
    return frozenset(code for code, glyph in cmap.items() if glyph != ".notdef")


# ------------------------------------------------------------------ dropping characters

_GRAPHEME = regex.compile(r"\X")

_DROPPED = "\x00"
_CLOSING = ".,!?;:…)]}»”’%"
_OPENING = "([{«“‘"
_GAP = rf"[ {_DROPPED}]*{_DROPPED}[ {_DROPPED}]*"  # a dropped character and spaces around it
_DROP_BEFORE_CLOSING = re.compile(rf"{_GAP}(?=[{re.escape(_CLOSING)}]|$)")
_DROP_AFTER_OPENING = re.compile(rf"([{re.escape(_OPENING)}]){_GAP}")
_SPACES = re.compile(rf"[ {_DROPPED}]+")


def _is_ignorable(code: int) -> bool:
    """Invisible joiners and variation selectors: dropped without dropping their cluster."""
    return code in (0x200C, 0x200D) or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _clusters(text: str) -> Iterator[str]:
    """User-perceived characters (Unicode extended grapheme clusters: emoji with
    modifiers, ZWJ sequences, flags, letters with marks)."""
    return (match.group() for match in _GRAPHEME.finditer(text))


@lru_cache(maxsize=4096)
def drop_unsupported(text: str, font_file: str | None = None) -> str:
    """``text`` with every character the font cannot draw removed, spaces collapsed.

    Text is NFC-normalised first (so "e" + combining acute becomes "é", which
    the font has). A cluster (emoji + modifiers, ZWJ sequence, flag, keycap,
    base letter + marks) is kept only if the font has all of its visible code
    points; otherwise it goes whole, leaving a word gap. Invisible control and
    format characters (bidi marks, soft hyphens, zero-width spaces, …) go
    without a gap. Whitespace of any kind becomes one space; a gap next to
    closing punctuation, after opening punctuation or at either end goes too
    ("Hi 👋🏽!" -> "Hi!").
    """
    supported = supported_codepoints(font_file or font_path("SourceSansPro-Bold.ttf"))
    out: list[str] = []
    for cluster in _clusters(unicodedata.normalize("NFC", text)):
        if cluster.isspace():
            out.append(" ")
            continue
        visible = [c for c in cluster if not _is_ignorable(ord(c))]
        if all(unicodedata.category(c) in ("Cc", "Cf") for c in visible):
            continue  # invisible anyway (joiners, soft hyphens, bidi marks): no gap
        drawable = unicodedata.category(visible[0]) not in ("Mn", "Me", "Mc") and all(
            ord(c) in supported and unicodedata.category(c)[0] not in ("C", "Z") for c in visible
        )
        out.append("".join(visible) if drawable else _DROPPED)
    joined = "".join(out)
    joined = _DROP_BEFORE_CLOSING.sub("", joined)
    joined = _DROP_AFTER_OPENING.sub(r"\1", joined)
    return _SPACES.sub(" ", joined).strip()


# -------------------------------------------------------------------------- fitting


@dataclass(frozen=True)
class _Glyph:
    advance: int
    box: tuple[int, int, int, int] | None  # ink relative to pen and ascender line


@lru_cache(maxsize=256)
def _glyphs(path: str, size: int) -> dict[str, _Glyph]:
    """Per (font, size) glyph metrics, filled lazily by :func:`_glyph`."""
    return {}


def _glyph(path: str, size: int, char: str) -> _Glyph:
    table = _glyphs(path, size)
    glyph = table.get(char)
    if glyph is None:
        font = load_font(path, size)
        x0, y0, x1, y1 = font.getbbox(char, anchor="la")
        box = (int(x0), int(y0), int(x1), int(y1)) if x1 > x0 and y1 > y0 else None
        glyph = table[char] = _Glyph(advance=round(font.getlength(char)), box=box)
    return glyph


def _metrics(path: str, size: int, text: str) -> list[_Glyph]:
    """Each character's :class:`_Glyph` (one table lookup a character)."""
    table = _glyphs(path, size)
    return [table.get(c) or _glyph(path, size, c) for c in text]


@lru_cache(maxsize=16384)
def _advance(path: str, size: int, text: str) -> int:
    """Pen advance of ``text`` (BASIC layout has no kerning, so advances add up)."""
    return sum(glyph.advance for glyph in _metrics(path, size, text))


@lru_cache(maxsize=8192)
def ink_box(path: str, size: int, text: str) -> tuple[int, int, int, int] | None:
    """Ink bounding box of one line drawn with anchor "la" at (0, 0); None if no ink.

    Same as ``font.getbbox(text, anchor="la")`` for inked text, from cached
    per-glyph metrics; a line of several words from its words' boxes (a space has
    no ink), so each line tried while fitting costs a lookup per word, not per letter.
    """
    if " " in text and _glyph(path, size, " ").box is None:
        return _words_box(path, size, text.split(" "))
    pen = 0
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for glyph in _metrics(path, size, text):
        if glyph.box:
            gx0, gy0, gx1, gy1 = glyph.box
            x0, y0 = min(x0, pen + gx0), min(y0, gy0)
            x1, y1 = max(x1, pen + gx1), max(y1, gy1)
        pen += glyph.advance
    if x0 == math.inf:
        return None
    return (int(x0), int(y0), int(x1), int(y1))


def _words_box(path: str, size: int, words: list[str]) -> tuple[int, int, int, int] | None:
    """:func:`ink_box` of ``words`` joined by single spaces, from each word's box."""
    space = _advance(path, size, " ")
    pen = -space
    x0 = y0 = x1 = y1 = None
    for word in words:
        pen += space
        if not word:
            continue
        box = ink_box(path, size, word)
        if box is not None:
            if x0 is None:
                x0, y0, x1, y1 = pen + box[0], box[1], pen + box[2], box[3]
            else:
                x0, y0 = min(x0, pen + box[0]), min(y0, box[1])
                x1, y1 = max(x1, pen + box[2]), max(y1, box[3])
        pen += _advance(path, size, word)
    if x0 is None:
        return None
    return (x0, y0, x1, y1)


def _ink_width(path: str, size: int, text: str) -> int:
    box = ink_box(path, size, text)
    return 0 if box is None else box[2] - min(0, box[0])


def line_height(size: int, line_spacing: float) -> int:
    return round(size * line_spacing)


def block_extent(
    path: str, size: int, lines: Sequence[str], line_spacing: float
) -> tuple[int, int]:
    """(top, bottom) of a block of lines, first line's ascender line at 0.

    Covers the font's ascender-to-descender band of every line and any ink
    that reaches beyond it.
    """
    if not lines:
        return (0, 0)
    font = load_font(path, size)
    ascent, descent = font.getmetrics()
    step = line_height(size, line_spacing)
    top, bottom = 0, (len(lines) - 1) * step + ascent + descent
    for i, line in enumerate(lines):
        box = ink_box(path, size, line)
        if box:
            top = min(top, i * step + box[1])
            bottom = max(bottom, i * step + box[3])
    return (top, bottom)


def _break_word(path: str, size: int, word: str, width: int) -> list[str]:
    """A word wider than ``width`` cut into pieces that each fit."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and _ink_width(path, size, current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


@lru_cache(maxsize=4096)
def _wrap(path: str, size: int, words: tuple[str, ...], width: int) -> tuple[str, ...]:
    """:func:`_wrapped`, remembered: fitting wraps the same words at the same size and
    width again (each content line at every size tried for the others; og, X and
    LinkedIn cards have text boxes of one width)."""
    return tuple(_wrapped(path, size, words, width))


def _wrapped(
    path: str, size: int, words: tuple[str, ...], width: int, *, exact: bool = False
) -> list[str]:
    """Greedy word wrap; over-long words are broken between characters.

    Lines are filled by pen advance (cheap: cached per-glyph advances), then
    each line's ink is checked; if a glyph overhangs the box (rare: a few px
    at a line end), the wrap is redone measuring ink for every candidate.
    """
    space = _advance(path, size, " ")
    lines: list[str] = []
    line = ""
    line_advance = 0
    for word in words:
        word_advance = _advance(path, size, word)
        if line and line_advance + space + word_advance <= width:
            candidate = f"{line} {word}"
            if not exact or _ink_width(path, size, candidate) <= width:
                line, line_advance = candidate, line_advance + space + word_advance
                continue
        if line:
            lines.append(line)
        if word_advance <= width and _ink_width(path, size, word) <= width:
            line, line_advance = word, word_advance
        else:
            *full, line = _break_word(path, size, word, width)
            lines.extend(full)
            line_advance = _advance(path, size, line)
    if line:
        lines.append(line)
    if not exact and any(_ink_width(path, size, line) > width for line in lines):
        return _wrapped(path, size, words, width, exact=True)
    return lines


def _fits_height(path: str, size: int, lines: Sequence[str], spacing: float, height: int) -> bool:
    top, bottom = block_extent(path, size, lines, spacing)
    return bottom - top <= height


def _ellipsize(path: str, size: int, line: str, width: int) -> str:
    """``line`` shortened at a word (or, for one long word, a character) to end in "…"."""
    words = line.split(" ")
    while len(words) > 1:
        candidate = " ".join(words).rstrip(" ,;:–—-") + ELLIPSIS
        if _ink_width(path, size, candidate) <= width:
            return candidate
        words.pop()
    word = words[0]
    while word and _ink_width(path, size, word + ELLIPSIS) > width:
        word = word[:-1]
    return word.rstrip(" ,;:–—-") + ELLIPSIS if word else ELLIPSIS


def fit_title(
    title: str,
    font_path: str,
    box_w: int,
    box_h: int,
    max_size: int,
    min_size: int,
    max_lines: int,
    *,
    line_spacing: float = 1.1,
) -> tuple[list[str], int, bool]:
    """Fit ``title`` in a ``box_w`` x ``box_h`` box: (lines, font size, ellipsized).

    Tries ``max_size`` first and shrinks by :data:`SIZE_STEP` px down to
    ``min_size``; the first size at which the wrapped title has at most
    ``max_lines`` lines, every line's ink within ``box_w`` and the block within
    ``box_h`` wins. If even ``min_size`` is too big, the lines that fit are
    kept and the last one ends in "…" (cut at a word). Lines are measured from
    the real glyph metrics of the font at each size.
    """
    lines, size, ellipsized = _fit(
        title, font_path, box_w, box_h, max_size, min_size, max_lines, line_spacing
    )
    return list(lines), size, ellipsized


@lru_cache(maxsize=1024)
def _fit(
    title: str,
    path: str,
    box_w: int,
    box_h: int,
    max_size: int,
    min_size: int,
    max_lines: int,
    spacing: float,
) -> tuple[tuple[str, ...], int, bool]:
    words = tuple(title.split())
    min_size = max(1, min(min_size, max_size))
    if not words:
        return ((), max_size, False)
    sizes = [*range(max_size, min_size, -SIZE_STEP), min_size]
    for size in sizes:
        # Necessary for a fit: the words' advances, less a space per line break, fill
        # at most max_lines full lines. Skips sizes that cannot fit without wrapping.
        space = _advance(path, size, " ")
        total = sum(_advance(path, size, word) for word in words) + space * (len(words) - 1)
        if total - space * (max_lines - 1) > max_lines * box_w and size != min_size:
            continue
        lines = _wrap(path, size, words, box_w)
        if len(lines) <= max_lines and _fits_height(path, size, lines, spacing, box_h):
            return (tuple(lines), size, False)
    size = min_size
    lines = _wrap(path, size, words, box_w)
    keep = min(max_lines, len(lines))
    while keep > 0 and not _fits_height(path, size, lines[:keep], spacing, box_h):
        keep -= 1
    if keep == 0:
        return ((), size, True)
    kept = list(lines[:keep])
    kept[-1] = _ellipsize(path, size, kept[-1], box_w)
    return (tuple(kept), size, True)


# --------------------------------------------------------------------------- colours


def _rgb(hex_colour: str) -> RGB:
    r, g, b = ImageColor.getrgb(hex_colour)[:3]
    return (r, g, b)


def _colour(rgb: tuple[float, ...]) -> Color:
    return Color("srgb", [v / 255 for v in rgb[:3]])


@lru_cache(maxsize=65536)
def relative_luminance(rgb: tuple[float, ...]) -> float:
    """WCAG 2.x relative luminance of an 8-bit sRGB colour (coloraide)."""
    return float(_colour(rgb).luminance())


def contrast_ratio(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG 2.x contrast ratio of two 8-bit sRGB colours (coloraide, as for the settings)."""
    return float(_colour(a).contrast(_colour(b), method="wcag21"))


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _best_text(background: RGB, brand_text: RGB) -> RGB:
    """White or the brand's text colour, whichever contrasts more; black if neither is enough."""
    best = max((WHITE, brand_text), key=lambda c: contrast_ratio(c, background))
    if contrast_ratio(best, background) >= MIN_CONTRAST:
        return best
    return max((WHITE, BLACK), key=lambda c: contrast_ratio(c, background))


@dataclass(frozen=True)
class Palette:
    """Every colour a card uses, derived once from the brand."""

    plain: RGB  # plain background (brand primary)
    plain_end: RGB  # bottom of the plain background's gentle gradient
    disc: RGB  # decorative discs on the plain background
    plain_text: RGB  # text on the plain background
    accent: RGB  # badge pill and stripe
    badge_text: RGB
    scrim: RGB  # over hero pictures
    scrim_alpha: int  # 0-255 at the darkest part of the scrim
    hero_text: RGB
    matte: RGB  # behind transparent hero pictures


def _deepen(background: RGB, text: RGB) -> RGB:
    """``background``, moved away from ``text`` just enough to reach the target contrast.

    Brand colours that only just pass 4.5:1 would fall below it once JPEG ringing
    lightens the pixels around the glyphs; others come back unchanged.
    """
    away = BLACK if relative_luminance(text) > relative_luminance(background) else WHITE
    while contrast_ratio(text, background) < TARGET_CONTRAST and background != away:
        step = _mix(background, away, 0.08)
        background = step if step != background else away
    return background


#: The plain card's fill per variation background (see layout.VARIATIONS).
BACKGROUNDS: dict[str, Callable[[CardColours], RGB]] = {
    "primary": lambda colours: _rgb(colours.primary),
    "deep": lambda colours: _mix(_rgb(colours.primary), BLACK, 0.35),
    "surface": lambda colours: _rgb(colours.surface),
}


@lru_cache(maxsize=32)
def palette(colours: CardColours, background: str = "primary") -> Palette:
    """Every colour of a card of ``colours``, on a plain ``background`` (BACKGROUNDS)."""
    brand_text = _rgb(colours.text)
    primary = _deepen(_rgb(colours.primary), _best_text(_rgb(colours.primary), brand_text))
    base = BACKGROUNDS[background](colours)
    plain_text = _best_text(base, brand_text)
    plain = _deepen(base, plain_text)
    badge_text = _best_text(_rgb(colours.accent), brand_text)
    accent = _deepen(_rgb(colours.accent), badge_text)
    # Shapes move away from the text colour, so they only ever add contrast.
    away = BLACK if relative_luminance(plain_text) > relative_luminance(plain) else WHITE
    scrim = _mix(primary, BLACK, 0.45)
    while contrast_ratio(WHITE, scrim) < 12 and scrim != BLACK:
        scrim = _mix(scrim, BLACK, 0.25)
    return Palette(
        plain=plain,
        plain_end=_mix(plain, away, 0.16),
        disc=_mix(plain, away, 0.1),
        plain_text=plain_text,
        accent=accent,
        badge_text=badge_text,
        scrim=scrim,
        scrim_alpha=_scrim_alpha(scrim, WHITE),
        hero_text=WHITE,
        matte=_rgb(colours.surface),
    )


def _scrim_alpha(scrim: RGB, text: RGB) -> int:
    """Least opacity (0-255) at which ``text`` over ``scrim`` on pure white reaches the target.

    Uses Pillow's own compositing on a 1-pixel image, so rounding matches the card.
    """
    white = Image.new("RGB", (1, 1), WHITE)
    solid = Image.new("RGB", (1, 1), scrim)
    for alpha in range(256):
        pixel = Image.composite(solid, white, Image.new("L", (1, 1), alpha)).getpixel((0, 0))
        if contrast_ratio(text, pixel) >= TARGET_CONTRAST:  # type: ignore[arg-type]
            return alpha
    return 255


# --------------------------------------------------------------------------- layers


@lru_cache(maxsize=64)
def _ramp(length: int, start: int, end: int) -> Image.Image:
    """1 x ``length`` L strip easing (smoothstep) from ``start`` at the top to ``end``."""
    lut = [round(start + (end - start) * (i / 255) ** 2 * (3 - 2 * i / 255)) for i in range(256)]
    column = Image.linear_gradient("L").crop((0, 0, 1, 256)).point(lut)
    return column.resize((1, max(1, length)), Image.Resampling.BILINEAR)


def _vertical_gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> np.ndarray:
    """A top-to-bottom gradient as an (h, w, 3) array: one column computed with Pillow
    (the same pixels as compositing two full-size fills through a resized
    ``linear_gradient`` mask, whose rows are constant) and repeated across."""
    width, height = size
    mask = Image.linear_gradient("L").resize((1, height), Image.Resampling.BILINEAR)
    column = Image.composite(
        Image.new("RGB", (1, height), bottom), Image.new("RGB", (1, height), top), mask
    )
    return _tiled(np.asarray(column).reshape(height, 3), width).reshape(height, width, 3)


def _supersampled(
    size: tuple[int, int], draw: Callable[[ImageDraw.ImageDraw, int], None]
) -> Image.Image:
    """An anti-aliased L mask: ``draw(drawer, scale)`` at :data:`SUPERSAMPLE` x, reduced."""
    big = Image.new("L", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), 0)
    draw(ImageDraw.Draw(big), SUPERSAMPLE)
    return big.reduce(SUPERSAMPLE)


@lru_cache(maxsize=2)  # plain cards are drawn by platform and variation (draw.card_groups)
def _plain_layer(layout: CardLayout, colours: CardColours, variation: int = 0) -> np.ndarray:
    """Brand background for cards without a hero: the variation's field, discs (mirrored
    or not), accent stripe (read-only pixels: copy before drawing on them)."""
    look = VARIATIONS[variation % len(VARIATIONS)]
    pal = palette(colours, look.background)
    pixels = _vertical_gradient((layout.width, layout.height), pal.plain, pal.plain_end)
    discs = layout.discs
    if look.mirrored:
        discs = tuple(replace(disc, cx=layout.width - disc.cx) for disc in discs)
    for disc in discs:
        box = (
            max(0, disc.cx - disc.r),
            max(0, disc.cy - disc.r),
            min(layout.width, disc.cx + disc.r),
            min(layout.height, disc.cy + disc.r),
        )
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        ellipse = [
            disc.cx - disc.r - box[0],
            disc.cy - disc.r - box[1],
            disc.cx + disc.r - box[0],
            disc.cy + disc.r - box[1],
        ]
        mask = _supersampled(
            (box[2] - box[0], box[3] - box[1]),
            lambda d, k, e=ellipse: d.ellipse([v * k for v in e], fill=255),
        )
        # Pillow pastes onto the disc's box only: no full-size picture in between.
        region = pixels[box[1] : box[3], box[0] : box[2]]
        patch = Image.fromarray(region)
        patch.paste(pal.disc, (0, 0, *patch.size), mask)
        region[...] = np.asarray(patch)
    if layout.stripe:
        pixels[layout.height - layout.stripe :, :] = pal.accent
    pixels.flags.writeable = False
    return pixels


def _rounded(size: tuple[int, int], radius: int, colour: RGB) -> Image.Image:
    """An anti-aliased rounded rectangle (RGBA) of ``colour``."""
    w, h = size
    mask = _supersampled(
        size,
        lambda d, k: d.rounded_rectangle([0, 0, w * k - 1, h * k - 1], radius=radius * k, fill=255),
    )
    shape = Image.new("RGBA", size, colour)
    shape.putalpha(mask)
    return shape


@lru_cache(maxsize=GLYPH_SIZES_KEPT)
def _glyph_masks(path: str, size: int) -> dict[str, tuple[np.ndarray, int, int] | None]:
    """Per (font, size) glyph coverage bitmaps, filled lazily by :func:`_glyph_mask`."""
    return {}


def _glyph_mask(path: str, size: int, char: str) -> tuple[np.ndarray, int, int] | None:
    """The coverage of one glyph (L, its ink box) and where that box sits from the pen
    and the ascender line; None for a glyph without ink (a space)."""
    table = _glyph_masks(path, size)
    if char in table:
        return table[char]
    box = _glyph(path, size, char).box
    entry = None if box is None else (_drawn_line(path, size, char, box), box[0], box[1])
    table[char] = entry
    return entry


def _drawn_line(path: str, size: int, text: str, box: tuple[int, int, int, int]) -> np.ndarray:
    """The coverage of ``text`` (a line, or one glyph) in its ink ``box`` as Pillow
    draws it in one go: what :func:`_line_coverage` reproduces from glyphs drawn so,
    and what it falls back to."""
    x0, y0, x1, y1 = box
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).text((-x0, -y0), text, font=load_font(path, size), fill=255, anchor="la")
    return np.asarray(mask)


def _line_coverage(path: str, size: int, text: str, box: tuple[int, int, int, int]) -> np.ndarray:
    """The coverage of one line in its ink ``box``, assembled from cached glyph bitmaps.

    The same pixels as Pillow drawing the line: with BASIC layout every glyph sits at
    a whole-pixel pen position (hinted advances add up, see :func:`_advance`) and
    Pillow composites a glyph over the ones before it as coverage "over"
    (a + b - a * b / 255), which is what overlapping glyphs ("f" reaching over the
    next letter) get here too. Four times faster than rasterising every title line
    again, since a card worker draws the same letters at the same sizes all day."""
    x0, y0, x1, y1 = box
    out = np.zeros((y1 - y0, x1 - x0), np.uint8)
    masks = _glyph_masks(path, size)
    pen = -x0
    inked_to = 0  # columns at or beyond this hold no ink yet
    for char, metric in zip(text, _metrics(path, size, text), strict=True):
        glyph = masks[char] if char in masks else _glyph_mask(path, size, char)
        if glyph is not None:
            bitmap, dx, dy = glyph
            x, y = pen + dx, dy - y0
            h, w = bitmap.shape
            if x < 0 or y < 0 or x + w > x1 - x0 or y + h > y1 - y0:
                return _drawn_line(path, size, text, box)  # not where metrics said: let Pillow
            if x >= inked_to:
                out[y : y + h, x : x + w] = bitmap
            else:
                target = out[y : y + h, x : x + w]
                covered = cv2.multiply(target, bitmap, scale=1 / 255)
                target[...] = cv2.add(target, cv2.subtract(bitmap, covered))
            inked_to = max(inked_to, x + w)
        pen += metric.advance
    return out


@lru_cache(maxsize=32)  # lines are mostly drawn through _text_overlay's cache
def _text_mask(path: str, size: int, text: str) -> tuple[np.ndarray, tuple[int, int]]:
    """The anti-aliased coverage of one line, an (h, w) uint8 array, and its offset
    from the "la" anchor (the same pixels as ``ImageDraw.text``)."""
    box = ink_box(path, size, text)
    if box is None:
        return np.zeros((1, 1), np.uint8), (0, 0)
    return _line_coverage(path, size, text, box), (box[0], box[1])


@lru_cache(maxsize=16)  # titles differ from post to post: only repeated lines come back
def _text_overlay(path: str, size: int, text: str, fill: RGB) -> tuple[_Overlay, tuple[int, int]]:
    """One line of text in ``fill``, ready to blend, and its offset from the "la" anchor."""
    mask, offset = _text_mask(path, size, text)
    return _Overlay.of(mask, fill), offset


def blend_text(
    canvas: np.ndarray, path: str, size: int, text: str, at: tuple[int, int], fill: RGB
) -> None:
    """Draw one line of ``text`` onto ``canvas`` (an (h, w, 3) uint8 RGB array) in place,
    anchor "la" at ``at``: the coverage ``ImageDraw.text`` draws, from the cached glyph
    bitmaps, blended as an :class:`_Overlay` (within one level of Pillow's blend). No
    line is cached: for text that is drawn once (carousel slides)."""
    box = ink_box(path, size, text)
    if box is None:
        return
    mask = _line_coverage(path, size, text, box)
    _blend(canvas, _Overlay.of(mask, fill), (at[0] + box[0], at[1] + box[1]))


def _paste_text(image: Image.Image, item: TextItem) -> None:
    """Draw ``item`` (same pixels as ``ImageDraw.text``) from a cached coverage mask."""
    mask, (dx, dy) = _text_mask(item.font, item.size, item.text)
    image.paste(item.fill, (item.x + dx, item.y + dy), Image.fromarray(mask))


@lru_cache(maxsize=32)
def _badge_layer(width: int, height: int, colour: RGB, label: TextItem | None) -> _Overlay:
    """The badge pill, with ``label`` drawn on it (its x, y relative to the pill)."""
    pill = Image.new("RGB", (width, height), colour)
    if label is not None:
        _paste_text(pill, label)
    pill.putalpha(_rounded((width, height), height // 2, colour).getchannel("A"))
    return _Overlay.of_rgba(pill)


def _open(
    data: bytes, what: str, *, part: str, draft: tuple[int, int] | None = None
) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        if draft:
            image.draft("RGB", draft)
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        if isinstance(error, UnidentifiedImageError):
            error = "the file is not a picture Pillow can read"  # type: ignore[assignment]
        raise CardError(f"the {what} is not a readable picture: {error}", part=part) from None
    return ImageOps.exif_transpose(image)


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert a picture with an embedded ICC profile (Display P3, Adobe RGB, CMYK) to sRGB."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: use the pixels as they are
    return converted if converted is not None else image


#: Big JPEG heroes are decoded at 1/2, 1/4 or 1/8 scale (DCT scaling) while
#: both sides stay at least this long: enough for every card, much less work.
HERO_DRAFT = (1200, 1200)


@lru_cache(maxsize=1)  # a post's cards are drawn together: only the current hero is reused
def _hero_picture(data: bytes, matte: RGB) -> Image.Image:
    """The decoded hero, sRGB, RGB (transparency flattened onto ``matte``)."""
    image = _to_srgb(_open(data, "hero picture", part="hero", draft=HERO_DRAFT))
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, matte)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


cv2.setNumThreads(1)  # parallelism is per process (one post per worker), not per resize

#: Below this scale a hero is reduced with pixel-area averaging (no aliasing);
#: at or above it bilinear interpolation samples every source pixel anyway.
AREA_BELOW_SCALE = 0.5


#: EXIF tag of a picture's orientation (1: as stored).
EXIF_ORIENTATION = 0x0112


def draft_scale(size: tuple[int, int]) -> int:
    """The reduction (1, 2, 4 or 8) :data:`HERO_DRAFT` asks of a JPEG of ``size``, as
    Pillow's ``Image.draft`` picks it. Only these reductions are fast: libjpeg-turbo
    also scales by 3/4, 3/8 and the like (given only a smallest size, simplejpeg picks
    them), and those are slower than decoding the whole picture."""
    fits = min(size[0] // HERO_DRAFT[0], size[1] // HERO_DRAFT[1])
    return next((scale for scale in (8, 4, 2) if fits >= scale), 1)


def _plain_jpeg_pixels(data: bytes) -> np.ndarray | None:
    """A plain RGB JPEG (no ICC profile, no EXIF rotation: what cameras and phones
    export for the web) decoded straight into an array by libjpeg-turbo (simplejpeg,
    half Pillow's time with the copy out of Pillow), reduced by :func:`draft_scale` as
    Pillow reduces the others; None for anything else, which Pillow then handles."""
    try:
        image = Image.open(io.BytesIO(data))  # the header only
        if image.format != "JPEG" or image.mode != "RGB" or "icc_profile" in image.info:
            return None
        if image.getexif().get(EXIF_ORIENTATION, 1) != 1:
            return None
        scale = draft_scale(image.size)
        width, height = -(-image.width // scale), -(-image.height // scale)
        return simplejpeg.decode_jpeg(data, colorspace="RGB", min_width=width, min_height=height)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None  # Pillow decodes what libjpeg only warns about, or says what is wrong


@lru_cache(maxsize=1)
def _hero_pixels(data: bytes, matte: RGB) -> np.ndarray:
    """The decoded hero as an (h, w, 3) uint8 array (once per post, shared by its cards)."""
    pixels = _plain_jpeg_pixels(data)
    return pixels if pixels is not None else np.asarray(_hero_picture(data, matte))


#: Scale the whole hero once (cached, shared by same-scale cards such as og, X and
#: LinkedIn) when that is at most this much more area than the card; otherwise
#: resize just the cropped region.
SHARED_SCALE_MAX_AREA = 1.5


def _resize(pixels: np.ndarray, size: tuple[int, int], scale: float) -> np.ndarray:
    interpolation = cv2.INTER_AREA if scale < AREA_BELOW_SCALE else cv2.INTER_LINEAR
    return cv2.resize(pixels, size, interpolation=interpolation)


@lru_cache(maxsize=1)
def _scaled_hero(
    data: bytes, matte: RGB, size: tuple[int, int], scale: float, *, planes: bool = False
) -> np.ndarray | tuple[np.ndarray, ...]:
    """The whole hero scaled to ``size``: RGB pixels, or (``planes``) its Y plane and
    its Cb and Cr planes at half ``size`` (rounded up)."""
    if planes:
        half = (-(-size[0] // 2), -(-size[1] // 2))
        source = _hero_planes(data, matte)
        scaled = (
            _resize(source[0], size, scale),
            *(_resize(plane, half, scale) for plane in source[1:]),
        )
    else:
        scaled = (_resize(_hero_pixels(data, matte), size, scale),)
    for plane in scaled:
        plane.flags.writeable = False
    return scaled if planes else scaled[0]


def _cover(data: bytes, matte: RGB, size: tuple[int, int]) -> np.ndarray:
    """The hero scaled to cover ``size`` and centre-cropped to it (as ``ImageOps.fit``),
    as a new writable (h, w, 3) array.

    OpenCV resizes (SIMD: a quarter of Pillow's time on a 1080x1920 card); the crop
    box is rounded to whole source pixels, which moves the framing by under a pixel.
    """
    pixels = _hero_pixels(data, matte)
    h, w = pixels.shape[:2]
    scale = max(size[0] / w, size[1] / h)
    scaled = (max(size[0], round(w * scale)), max(size[1], round(h * scale)))
    if scale != 1 and scaled[0] * scaled[1] <= SHARED_SCALE_MAX_AREA * size[0] * size[1]:
        left, top = (scaled[0] - size[0]) // 2, (scaled[1] - size[1]) // 2
        shared = _scaled_hero(data, matte, scaled, scale)
        return shared[top : top + size[1], left : left + size[0]].copy()
    # The scaled hero kept for same-scale cards is of no use to this one, and cards
    # that share a scale are drawn one after another (og, X and LinkedIn: a post's
    # cards come in platform order): drop it rather than hold megabytes beside a
    # story card's.
    _scaled_hero.cache_clear()
    crop_w, crop_h = min(w, round(size[0] / scale)), min(h, round(size[1] / scale))
    left, top = (w - crop_w) // 2, (h - crop_h) // 2
    region = pixels[top : top + crop_h, left : left + crop_w]
    if (crop_w, crop_h) == size:
        return region.copy()  # already the card's scale: nothing to interpolate
    return _resize(region, size, scale)


@dataclass(frozen=True)
class _Overlay:
    """A layer ready to blend onto the canvas: ``canvas * keep / 255 + add``.

    ``keep`` is 255 - the layer's opacity and ``add`` its colour times its opacity
    (both (h, w, 3) uint8), so a blend is two SIMD passes of OpenCV."""

    keep: np.ndarray
    add: np.ndarray
    #: For a layer of one colour: its opacity plane and the colour (what
    #: :func:`_blend_planes` blends in YCbCr without converting the colour pixel by pixel).
    opacity: np.ndarray | None = None
    colour: RGB | None = None

    @staticmethod
    def of(opacity: np.ndarray, colour: RGB) -> _Overlay:
        """``colour`` at ``opacity``, an (h, w) uint8 plane of 0-255."""
        keep = cv2.bitwise_not(opacity)
        # Plane by plane (fastest); a full channel (white text) is the opacity itself.
        add = [opacity if c == 255 else cv2.LUT(opacity, _times(c)) for c in colour]
        return _Overlay(
            keep=cv2.merge((keep, keep, keep)),
            add=cv2.merge(add),
            opacity=opacity,
            colour=colour,
        )

    @staticmethod
    def of_rgba(layer: Image.Image) -> _Overlay:
        """An RGBA layer, composited as ``Image.paste(layer, mask=layer)`` would."""
        rgba = np.asarray(layer.convert("RGBA"), dtype=np.uint8)
        alpha = np.ascontiguousarray(rgba[:, :, 3])
        opacity = cv2.merge((alpha, alpha, alpha))
        colour = np.ascontiguousarray(rgba[:, :, :3])
        return _Overlay(
            keep=cv2.bitwise_not(opacity), add=cv2.multiply(colour, opacity, scale=1 / 255)
        )


@lru_cache(maxsize=64)
def _times(factor: int) -> np.ndarray:
    """Lookup table of ``round(v * factor / 255)`` for v in 0-255."""
    return np.rint(np.arange(256) * (factor / 255)).astype(np.uint8)


def _clipped(
    canvas: np.ndarray, overlay: _Overlay, at: tuple[int, int]
) -> tuple[tuple[int, int, int, int], tuple[slice, slice]] | None:
    """Where ``overlay`` with its top left at ``at`` falls on ``canvas``: the box
    (x0, y0, x1, y1) on the canvas and the overlay's part inside it; None when none of
    it does."""
    x, y = at
    h, w = overlay.keep.shape[:2]
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(canvas.shape[1], x + w), min(canvas.shape[0], y + h)
    if x1 <= x0 or y1 <= y0:
        return None
    return (x0, y0, x1, y1), (slice(y0 - y, y1 - y), slice(x0 - x, x1 - x))


def _blend(canvas: np.ndarray, overlay: _Overlay, at: tuple[int, int] = (0, 0)) -> None:
    """Blend ``overlay`` onto ``canvas`` in place with its top left at ``at`` (clipped)."""
    clipped = _clipped(canvas, overlay, at)
    if clipped is None:
        return
    (x0, y0, x1, y1), inside = clipped
    region = canvas[y0:y1, x0:x1]  # a view: OpenCV writes through it (dst), no copies
    cv2.multiply(region, overlay.keep[inside], dst=region, scale=1 / 255)
    cv2.add(region, overlay.add[inside], dst=region)


def _scrim_band(band: np.ndarray, colour: RGB, opacity: int) -> None:
    """``colour`` at a constant ``opacity`` (0-255) over ``band``, in place."""
    if not opacity or not band.size:
        return
    offset = tuple(round(c * opacity / 255) for c in colour)
    cv2.convertScaleAbs(band, dst=band, alpha=(255 - opacity) / 255)  # in place: a story
    cv2.add(band, (*offset, 0), dst=band)  # card's band is megabytes, copied for nothing


def _tiled(block: np.ndarray, times: int) -> np.ndarray:
    """``block`` side by side ``times`` times (``np.tile(block, (1, times))``) by
    doubling copies: a few wide copies instead of many narrow ones, ten times faster."""
    h, w = block.shape
    out = np.empty((h, w * times), block.dtype)
    out[:, :w] = block
    done = w
    while done < out.shape[1]:
        step = min(done, out.shape[1] - done)
        out[:, done : done + step] = out[:, :step]
        done += step
    return out


#: Rows of a fade band blended at a time (the planes of a whole story card's band
#: would be megabytes beside the card).
FADE_STRIP = 64


def _fade_band(band: np.ndarray, ramp: np.ndarray, colour: RGB, horizontal: bool) -> None:
    """``colour`` over ``band`` in place at an opacity that changes along one axis:
    ``ramp[i]`` for column ``i`` (``horizontal``) or row ``i``.

    The band is seen as one plane of bytes (a row holds its pixels' channels side by
    side), so the keep and add planes are one line repeated, not built pixel by
    pixel: the same pixels as blending an :class:`_Overlay` of the opacity."""
    keep = cv2.bitwise_not(ramp)  # (n,)
    add = cv2.merge([cv2.LUT(ramp, _times(channel)) for channel in colour])  # (n, 1, 3)
    h, w = band.shape[:2]
    plane = band.view()
    plane.shape = (h, w * 3)  # a view of the same bytes (raises rather than copy)
    if horizontal:  # one line across the band, the same on every row
        keep_line, add_line = np.repeat(keep, 3).reshape(1, w * 3), add.reshape(1, w * 3)
    else:  # one value per row, the same across it
        keep_column, add_column = keep.reshape(h, 1), add.reshape(h, 3)
    for top in range(0, h, FADE_STRIP):  # a strip of rows at a time: planes of kilobytes
        rows = plane[top : top + FADE_STRIP]
        if horizontal:
            keep_rows, add_rows = keep_line, add_line
        else:
            keep_rows = keep_column[top : top + FADE_STRIP]
            add_rows = _tiled(add_column[top : top + FADE_STRIP], w)
        # Copies of broadcast views (cv2.repeat takes milliseconds to repeat a column).
        keep_plane = np.ascontiguousarray(np.broadcast_to(keep_rows, rows.shape))
        add_plane = np.ascontiguousarray(np.broadcast_to(add_rows, rows.shape))
        cv2.multiply(rows, keep_plane, dst=rows, scale=1 / 255)
        cv2.add(rows, add_plane, dst=rows)


@dataclass(frozen=True)
class _ScrimGeometry:
    """Where a card's scrim falls along its axis (:func:`_scrim_geometry`)."""

    horizontal: bool
    height: int
    length: int  # along the axis
    dark: int  # fully dark, from the text side
    fade: int  # then fading to the floor
    floor: int  # the opacity beyond the fade

    def band(self, pixels: np.ndarray, start: int, end: int) -> np.ndarray:
        """The pixels from ``start`` to ``end`` along the axis, measured from the text side."""
        h = self.height
        return pixels[:, start:end] if self.horizontal else pixels[h - end : h - start]

    def ramp(self, alpha: int) -> np.ndarray:
        """The fade's opacity along the axis, the pixels' own order."""
        ramp = np.frombuffer(_ramp(self.fade, alpha, self.floor).tobytes(), np.uint8)
        if not self.horizontal:  # the text side is the bottom: the ramp runs upwards
            ramp = np.ascontiguousarray(ramp[::-1])
        return ramp


def _scrim_geometry(
    shape: tuple[int, ...], layout: CardLayout, pal: Palette, full: int
) -> _ScrimGeometry:
    """Where the scrim falls on pixels (or one plane) of ``shape``: ``full`` and the fade
    in its own pixels (a chroma plane is half the card's size)."""
    h, w = shape[:2]
    horizontal = layout.scrim_axis == "x"
    length = w if horizontal else h
    # Along the axis from the text side: fully dark, then the fade, then the floor.
    dark = max(0, min(length, full if horizontal else length - full))
    fade = layout.scrim_fade * length // (layout.width if horizontal else layout.height)
    floor = round(layout.scrim_floor * pal.scrim_alpha)
    return _ScrimGeometry(horizontal, h, length, dark, min(fade, length - dark), floor)


def _apply_scrim(pixels: np.ndarray, layout: CardLayout, pal: Palette, full: int) -> None:
    """Darken ``pixels`` in place: ``pal.scrim`` at ``pal.scrim_alpha`` on the text side of
    ``full`` (an x for axis "x", a y for axis "y"), fading out over ``layout.scrim_fade``.

    Each band is two SIMD passes (scale, then add the premultiplied scrim colour): the
    same pixels as Pillow's masked paste of the colour, give or take one level."""
    at = _scrim_geometry(pixels.shape, layout, pal, full)
    dark, fade = at.dark, at.fade
    _scrim_band(at.band(pixels, 0, dark), pal.scrim, pal.scrim_alpha)
    if fade:
        ramp = at.ramp(pal.scrim_alpha)  # dark end first
        _fade_band(at.band(pixels, dark, dark + fade), ramp, pal.scrim, at.horizontal)
    if dark + fade < at.length:
        _scrim_band(at.band(pixels, dark + fade, at.length), pal.scrim, at.floor)


def _hero_layer(data: bytes, layout: CardLayout, pal: Palette, plan: CardPlan) -> np.ndarray:
    """The hero, cover-cropped to the canvas, under a scrim that is fully dark behind the
    title and practice name (plus ``layout.scrim_pad``) and fades out beyond them."""
    pixels = _cover(data, pal.matte, (layout.width, layout.height))
    inks = [item.ink for item in plan.items if item.role != "badge"]  # the pill is opaque
    if layout.scrim_axis == "x":
        full = max((ink[2] for ink in inks), default=0) + layout.scrim_pad
    else:
        full = min((ink[1] for ink in inks), default=layout.height) - layout.scrim_pad
    _apply_scrim(pixels, layout, pal, full)
    return pixels


# ------------------------------------------------------- hero cards in YCbCr planes

#: JFIF's RGB -> YCbCr (full range): the Y, Cb and Cr rows, without their offsets.
_YCC = np.array([[0.299, 0.587, 0.114], [-0.168736, -0.331264, 0.5], [0.5, -0.418688, -0.081312]])
#: An overlay's (premultiplied colour, keep) -> what its blend adds to Y, Cb and Cr:
#: ``Y = M_y . add``, ``C = M_c . add + 128 * (1 - keep / 255)``.
_YCC_ADD = np.hstack((_YCC, [[0.0], [-128 / 255], [-128 / 255]], [[0.0], [128.0], [128.0]]))


@lru_cache(maxsize=64)
def _ycc(colour: RGB) -> tuple[int, int, int]:
    """``colour`` in full-range YCbCr (JFIF)."""
    y, cb, cr = _YCC @ np.array(colour, dtype=float) + (0, 128, 128)
    return (round(y), round(cb), round(cr))


@lru_cache(maxsize=1)  # a post's cards are drawn together, like _hero_pixels
def _hero_planes(data: bytes, matte: RGB) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The decoded hero as a Y plane of its own size and Cb and Cr planes of half its
    size (the colour of each 2x2 block's average, as the JPEG encoder averages a card's;
    a JPEG hero's own chroma is of half size anyway): converted once per post, shared
    by its cards. Each plane is made on its own (OpenCV's grey is JFIF's Y), as splitting
    a converted picture into planes costs more than converting it."""
    pixels = _hero_pixels(data, matte)
    h, w = pixels.shape[:2]
    y = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    half = cv2.resize(pixels, (-(-w // 2), -(-h // 2)), interpolation=cv2.INTER_AREA)
    _, cr, cb = cv2.split(cv2.cvtColor(half, cv2.COLOR_RGB2YCrCb))
    for plane in (y, cb, cr):
        plane.flags.writeable = False
    return y, cb, cr


def _cover_planes(data: bytes, matte: RGB, size: tuple[int, int]) -> list[np.ndarray]:
    """The hero's Y, Cb and Cr planes scaled to cover ``size`` (chroma: half of it,
    rounded up) and centre-cropped to it, as :func:`_cover` does with RGB pixels;
    new writable arrays. A shared scale is kept in :func:`_scaled_hero` (the three
    planes), a card's own crop drops it, as :func:`_cover` does."""
    planes = _hero_planes(data, matte)
    h, w = planes[0].shape
    half = (-(-size[0] // 2), -(-size[1] // 2))
    scale = max(size[0] / w, size[1] / h)
    scaled = (max(size[0], round(w * scale)), max(size[1], round(h * scale)))
    if scale != 1 and scaled[0] * scaled[1] <= SHARED_SCALE_MAX_AREA * size[0] * size[1]:
        left, top = (scaled[0] - size[0]) // 2, (scaled[1] - size[1]) // 2
        shared = _scaled_hero(data, matte, scaled, scale, planes=True)
        return [
            plane[y : y + height, x : x + width].copy()
            for plane, (x, y), (width, height) in zip(
                shared,
                ((left, top), (left // 2, top // 2), (left // 2, top // 2)),
                (size, half, half),
                strict=True,
            )
        ]
    _scaled_hero.cache_clear()
    crop_w, crop_h = min(w, round(size[0] / scale)), min(h, round(size[1] / scale))
    left, top = (w - crop_w) // 2, (h - crop_h) // 2
    out = [_cropped(planes[0], (left, top, crop_w, crop_h), size, scale)]
    box = (left // 2, top // 2, -(-crop_w // 2), -(-crop_h // 2))
    out += [_cropped(plane, box, half, scale) for plane in planes[1:]]
    return out


def _cropped(
    plane: np.ndarray, box: tuple[int, int, int, int], size: tuple[int, int], scale: float
) -> np.ndarray:
    """The ``box`` (left, top, width, height) of ``plane`` resized to ``size``."""
    left, top, width, height = box
    region = plane[top : top + height, left : left + width]
    return region.copy() if (width, height) == size else _resize(region, size, scale)


def _fade_plane(band: np.ndarray, ramp: np.ndarray, value: int, horizontal: bool) -> None:
    """:func:`_fade_band` of one plane: ``value`` at opacity ``ramp`` along one axis."""
    keep = cv2.bitwise_not(ramp).reshape(-1)
    add = cv2.LUT(ramp, _times(value)).reshape(-1)
    shape = (1, -1) if horizontal else (-1, 1)
    keep_plane = np.ascontiguousarray(np.broadcast_to(keep.reshape(shape), band.shape))
    add_plane = np.ascontiguousarray(np.broadcast_to(add.reshape(shape), band.shape))
    cv2.multiply(band, keep_plane, dst=band, scale=1 / 255)
    cv2.add(band, add_plane, dst=band)


def _scrim_plane(
    plane: np.ndarray, layout: CardLayout, pal: Palette, full: int, value: int
) -> None:
    """:func:`_apply_scrim` on one plane (``value``: the scrim colour in it); ``full``
    and the fade in the plane's own pixels."""
    at = _scrim_geometry(plane.shape, layout, pal, full)
    dark, fade = at.dark, at.fade
    bands = (
        (at.band(plane, 0, dark), pal.scrim_alpha),
        (at.band(plane, dark + fade, at.length), at.floor),
    )
    for part, opacity in bands:
        if opacity and part.size:
            cv2.convertScaleAbs(part, dst=part, alpha=(255 - opacity) / 255)
            cv2.add(part, round(value * opacity / 255), dst=part)
    if fade:
        _fade_plane(
            at.band(plane, dark, dark + fade), at.ramp(pal.scrim_alpha), value, at.horizontal
        )


def _blend_planes(planes: Sequence[np.ndarray], overlay: _Overlay, at: tuple[int, int]) -> None:
    """:func:`_blend` on Y, Cb, Cr planes (chroma half size): the overlay's colour in
    YCbCr, its opacity and colour averaged over each 2x2 block of chroma."""
    y_plane = planes[0]
    clipped = _clipped(y_plane, overlay, at)
    if clipped is None:
        return
    (x0, y0, x1, y1), inside = clipped
    # Whole 2x2 blocks of chroma: the overlay padded with nothing drawn.
    cx0, cy0, cx1, cy1 = x0 // 2, y0 // 2, -(-x1 // 2), -(-y1 // 2)
    pad = ((y0 - 2 * cy0, 2 * cy1 - y1), (x0 - 2 * cx0, 2 * cx1 - x1))
    half = (cx1 - cx0, cy1 - cy0)
    if overlay.opacity is not None and overlay.colour is not None:
        colour = _ycc(overlay.colour)
        opacity = overlay.opacity[inside]
        _blend_plane(y_plane[y0:y1, x0:x1], opacity, colour[0])
        opacity = _padded(opacity, pad, 0)
        opacity = cv2.resize(opacity, half, interpolation=cv2.INTER_AREA)
        for plane, value in zip(planes[1:], colour[1:], strict=True):
            _blend_plane(plane[cy0:cy1, cx0:cx1], opacity, value)
        return
    keep = np.ascontiguousarray(overlay.keep[inside][:, :, 0])
    adds = cv2.transform(cv2.merge((overlay.add[inside], keep)), _YCC_ADD)
    region = y_plane[y0:y1, x0:x1]
    cv2.multiply(region, keep, dst=region, scale=1 / 255)
    cv2.add(region, np.ascontiguousarray(adds[:, :, 0]), dst=region)
    keep, adds = _padded(keep, pad, 255), _padded(adds, pad, 0)
    keep = cv2.resize(keep, half, interpolation=cv2.INTER_AREA)
    adds = cv2.resize(adds, half, interpolation=cv2.INTER_AREA)
    for plane, channel in ((planes[1], 1), (planes[2], 2)):
        region = plane[cy0:cy1, cx0:cx1]
        cv2.multiply(region, keep, dst=region, scale=1 / 255)
        cv2.add(region, np.ascontiguousarray(adds[:, :, channel]), dst=region)


def _padded(
    plane: np.ndarray, pad: tuple[tuple[int, int], tuple[int, int]], value: int
) -> np.ndarray:
    """``plane`` with ``pad`` ((top, bottom), (left, right)) rows and columns of
    ``value`` around it (``np.pad``, without its overhead of a few microseconds a call)."""
    (top, bottom), (left, right) = pad
    if not (top or bottom or left or right):
        return plane
    h, w = plane.shape[:2]
    out = np.full((h + top + bottom, w + left + right, *plane.shape[2:]), value, np.uint8)
    out[top : top + h, left : left + w] = plane
    return out


def _blend_plane(region: np.ndarray, opacity: np.ndarray, value: int) -> None:
    """``value`` at ``opacity`` over ``region`` (one plane) in place."""
    cv2.multiply(region, cv2.bitwise_not(opacity), dst=region, scale=1 / 255)
    cv2.add(region, opacity if value == 255 else cv2.LUT(opacity, _times(value)), dst=region)


def _with_last_row_after(planes: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    """``planes`` for ``encode_jpeg_yuv_planes``: at 4:2:0 libjpeg-turbo reads the Y
    plane in pairs of rows, so a card of odd height (LinkedIn's 627) had it read one row
    past the end of Y's memory: whatever lay there went into the last row of blocks, and
    the same card came out as different bytes from one build to the next. Each plane
    is given as the first rows of an array holding a copy of its last row after them."""
    out = []
    for plane in planes:
        h, w = plane.shape
        held = np.empty((h + 1, w), np.uint8)
        held[:h] = plane
        held[h] = plane[-1]
        out.append(held[:h])
    return tuple(out)


def compose_hero_planes(
    card: CardInput, spec: ImageSpec, layout: CardLayout
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A hero card's Y, Cb and Cr planes (4:2:0), ready for the JPEG encoder: the same
    card as :func:`compose_card`, drawn without an RGB canvas (the encoder's own colour
    conversion and chroma averaging done once per post on the hero instead)."""
    assert card.hero is not None
    _check_size(spec, layout)
    pal = card_palette(card)
    plan = plan_card(card, layout)
    size = (layout.width, layout.height)
    planes = _cover_planes(card.hero, pal.matte, size)
    inks = [item.ink for item in plan.items if item.role != "badge"]
    if layout.scrim_axis == "x":
        full = max((ink[2] for ink in inks), default=0) + layout.scrim_pad
    else:
        full = min((ink[1] for ink in inks), default=layout.height) - layout.scrim_pad
    scrim = _ycc(pal.scrim)
    for which, plane in enumerate(planes):
        if which == 0:
            _scrim_plane(plane, layout, pal, full, scrim[0])
        else:  # the dark part reaches the whole 2x2 block its edge falls in
            edge = -(-full // 2) if layout.scrim_axis == "x" else full // 2
            _scrim_plane(plane, layout, pal, edge, scrim[which])
    for _, overlay, at in _overlays(card, layout, plan, pal):
        _blend_planes(planes, overlay, at)
    return planes[0], planes[1], planes[2]


@lru_cache(maxsize=16)
def _logo_layer(data: bytes, width: int, height: int, pad: int, plate: RGB) -> _Overlay:
    """The logo, contained in ``width`` x ``height`` less ``pad``, on a rounded plate."""
    logo = _to_srgb(_open(data, "logo", part="logo")).convert("RGBA")
    logo = ImageOps.contain(logo, (width - 2 * pad, height - 2 * pad), Image.Resampling.LANCZOS)
    layer = _rounded((width, height), min(width, height) // 4, plate)
    at = ((width - logo.width) // 2, (height - logo.height) // 2)
    layer.alpha_composite(logo, at)
    return _Overlay.of_rgba(layer)


# ----------------------------------------------------------------------------- plan


@dataclass(frozen=True, kw_only=True)
class TextItem:
    """One line of text as drawn: anchor "la" at (x, y), and where its ink is."""

    role: str  # "title" | "badge" | "name"
    text: str
    font: str  # font file path
    size: int
    x: int
    y: int
    fill: RGB
    ink: tuple[int, int, int, int]  # canvas pixels, right/bottom exclusive


@dataclass(frozen=True, kw_only=True)
class CardPlan:
    """What goes where on one card (no pixels yet)."""

    title: str  # the title as drawn (unsupported characters dropped, or the fallback)
    title_size: int
    ellipsized: bool
    items: tuple[TextItem, ...]
    badge_box: tuple[int, int, int, int] | None
    logo_at: tuple[int, int] | None

    @property
    def title_lines(self) -> list[str]:
        return [item.text for item in self.items if item.role == "title"]


def _item(role: str, text: str, path: str, size: int, x: int, y: int, fill: RGB) -> TextItem:
    box = ink_box(path, size, text) or (0, 0, 0, 0)
    ink = (x + box[0], y + box[1], x + box[2], y + box[3])
    return TextItem(role=role, text=text, font=path, size=size, x=x, y=y, fill=fill, ink=ink)


def _cap_height(path: str, size: int) -> int:
    box = load_font(path, size).getbbox("H", anchor="ls")
    return -int(box[1])


def card_palette(card: CardInput) -> Palette:
    """The palette of ``card``: its variation's background."""
    return palette(card.colours, VARIATIONS[card.variation % len(VARIATIONS)].background)


@dataclass(frozen=True)
class _Detail:
    """One content line fitted: its label, its wrapped lines (the label starts the first)."""

    index: int  # its place on the card
    label: str
    lines: tuple[str, ...]


def _fit_details(
    card: CardInput, layout: CardLayout, width: int, budget: int
) -> tuple[list[_Detail], int]:
    """The content lines that fit in ``width`` x ``budget`` px, and their text size.

    All at one size, the largest from ``detail_max`` down at which every line fits in
    ``detail_lines`` lines; at ``detail_min`` the least important lines are left out
    until the rest fits, and a line still too long for its rows ends in "…"."""
    path = font_path(layout.detail_font)
    bold = font_path(layout.detail_label_font)
    rows = []
    for index, line in enumerate(card.lines):
        label = drop_unsupported(f"{line.label}:", bold)
        text = drop_unsupported(line.text, path)
        if text:
            rows.append((line.priority, index, label, text))
    rows.sort()
    spacing, gap = layout.line_spacing, layout.detail_gap
    min_size = max(1, min(layout.detail_min, layout.detail_max))
    sizes = [*range(layout.detail_max, min_size, -SIZE_STEP), min_size]

    def fitted(size: int, kept: list[tuple[int, int, str, str]]) -> list[_Detail] | None:
        out, height = [], 0
        for _, index, label, text in kept:
            # The label is bold: wrap the regular text in what is left beside it.
            extra = max(0, _advance(bold, size, label) - _advance(path, size, label))
            lines = _wrap(path, size, tuple(f"{label} {text}".split()), width - extra)
            if len(lines) > layout.detail_lines:
                return None
            top, bottom = block_extent(path, size, lines, spacing)
            height += bottom - top + (gap if out else 0)
            out.append(_Detail(index=index, label=label, lines=tuple(lines)))
        return out if height <= budget else None

    for size in sizes:
        found = fitted(size, rows)
        if found is not None:
            return sorted(found, key=lambda d: d.index), size
    # At the smallest size: each line in order of importance gets the rows left (at
    # most ``detail_lines``), its last one ending in "…" when it is cut; a line with no
    # room for more than its label is left out.
    size, kept, used = min_size, [], 0
    for _, index, label, text in rows:
        extra = max(0, _advance(bold, size, label) - _advance(path, size, label))
        room = budget - used - (gap if kept else 0)
        lines, _, _ = fit_title(
            f"{label} {text}",
            path,
            width - extra,
            room,
            size,
            size,
            layout.detail_lines,
            line_spacing=spacing,
        )
        if not lines or not lines[0].startswith(label) or not lines[0][len(label) :].strip(" …"):
            continue
        top, bottom = block_extent(path, size, list(lines), spacing)
        used += bottom - top + (gap if kept else 0)
        kept.append(_Detail(index=index, label=label, lines=tuple(lines)))
    return sorted(kept, key=lambda d: d.index), size


def _detail_items(
    details: list[_Detail], size: int, layout: CardLayout, x: int, y: int, fill: RGB
) -> tuple[list[TextItem], int]:
    """The content lines as text items from the ascender line ``y`` down (each first
    line's label in bold), and the y where they end."""
    path = font_path(layout.detail_font)
    bold = font_path(layout.detail_label_font)
    step = line_height(size, layout.line_spacing)
    items: list[TextItem] = []
    for number, detail in enumerate(details):
        if number:
            y += layout.detail_gap
        top, bottom = block_extent(path, size, list(detail.lines), layout.line_spacing)
        y -= top
        for i, line in enumerate(detail.lines):
            at = y + i * step
            if i == 0:
                items.append(_item("label", detail.label, bold, size, x, at, fill))
                rest = line[len(detail.label) :].lstrip()
                if rest:
                    rest_x = x + _advance(bold, size, detail.label) + _advance(path, size, " ")
                    items.append(_item("detail", rest, path, size, rest_x, at, fill))
            else:
                items.append(_item("detail", line, path, size, x, at, fill))
        y += bottom
    return items, y


def plan_card(card: CardInput, layout: CardLayout) -> CardPlan:
    """Fit and place every piece of text of ``card`` on ``layout``."""
    pal = card_palette(card)
    hero = card.hero is not None
    text_fill = pal.hero_text if hero else pal.plain_text
    items: list[TextItem] = []

    # Badge pill, top left; label centred on the cap height.
    badge_font = font_path(layout.badge_font)
    badge_box = None
    label = drop_unsupported(card.badge, badge_font)
    pad = layout.badge_pad
    if label:
        lines, size, _ = fit_title(
            label,
            badge_font,
            layout.badge_max_width - 2 * pad,
            layout.badge_height,
            layout.badge_size,
            max(8, round(layout.badge_size * 0.7)),
            1,
        )
        if lines:
            ink = ink_box(badge_font, size, lines[0]) or (0, 0, 0, 0)
            width = max(_advance(badge_font, size, lines[0]), ink[2]) + 2 * pad
            badge_box = (
                layout.badge_x,
                layout.badge_y,
                layout.badge_x + width,
                layout.badge_y + layout.badge_height,
            )
            ascent = load_font(badge_font, size).getmetrics()[0]
            baseline = layout.badge_y + (layout.badge_height + _cap_height(badge_font, size)) // 2
            items.append(
                _item(
                    "badge",
                    lines[0],
                    badge_font,
                    size,
                    layout.badge_x + pad,
                    baseline - ascent,
                    pal.badge_text,
                )
            )

    # Footer: logo, then the practice name centred on it.
    name_font = font_path(layout.name_font)
    logo_at = None
    name_x0 = layout.name.x0
    if card.logo is not None:
        logo_at = (layout.logo.x0, layout.logo.y0)
    else:
        name_x0 = layout.logo.x0
    name = drop_unsupported(card.practice_name, name_font)
    if name:
        lines, size, _ = fit_title(
            name,
            name_font,
            layout.name.x1 - name_x0,
            layout.name.height,
            layout.name_size,
            layout.name_min_size,
            1,
        )
        if lines:
            ascent = load_font(name_font, size).getmetrics()[0]
            baseline = layout.name.y0 + (layout.name.height + _cap_height(name_font, size)) // 2
            box = ink_box(name_font, size, lines[0]) or (0, 0, 0, 0)
            x = name_x0 - min(0, box[0])
            items.append(_item("name", lines[0], name_font, size, x, baseline - ascent, text_fill))

    # Title: unsupported characters dropped; empty -> practice name, then badge.
    title_font = font_path(layout.title_font)
    title = (
        drop_unsupported(card.title, title_font)
        or drop_unsupported(card.practice_name, title_font)
        or drop_unsupported(card.badge, title_font)
    )
    box = layout.title_hero if hero else layout.title
    # The post's content under the title, in at most its share of the zone.
    details, detail_size = _fit_details(
        card, layout, box.width, round(box.height * layout.detail_share)
    )
    detail_height = 0
    if details:
        path = font_path(layout.detail_font)
        for number, detail in enumerate(details):
            top, bottom = block_extent(path, detail_size, list(detail.lines), layout.line_spacing)
            detail_height += bottom - top + (layout.detail_gap if number else 0)
        detail_height += layout.detail_gap * 2  # between the title and the content
    lines, size, ellipsized = fit_title(
        title,
        title_font,
        box.width,
        box.height - detail_height,
        layout.title_max,
        layout.title_min,
        layout.max_lines,
        line_spacing=layout.line_spacing,
    )
    top, bottom = block_extent(title_font, size, lines, layout.line_spacing)
    valign = layout.title_valign_hero if hero else layout.title_valign_plain
    block = bottom - top + detail_height
    y = box.y0 + round((box.height - block) * valign) - top
    step = line_height(size, layout.line_spacing)
    for i, line in enumerate(lines):
        ink = ink_box(title_font, size, line) or (0, 0, 0, 0)
        x = box.x0 - min(0, ink[0])
        items.append(_item("title", line, title_font, size, x, y + i * step, text_fill))
    if details:
        below = y + bottom + layout.detail_gap * 2
        found, _ = _detail_items(details, detail_size, layout, box.x0, below, text_fill)
        items.extend(found)
    return CardPlan(
        title=title,
        title_size=size,
        ellipsized=ellipsized,
        items=tuple(items),
        badge_box=badge_box,
        logo_at=logo_at,
    )


# ----------------------------------------------------------------------------- draw


def forget_heroes() -> None:
    """Drop the decoded and scaled hero (megabytes), when cards without one come next."""
    for cached in (_hero_picture, _hero_pixels, _scaled_hero, _hero_planes):
        cached.cache_clear()


def forget_backgrounds() -> None:
    """Drop the plain brand backgrounds (megabytes each), when hero cards come next."""
    _plain_layer.cache_clear()
    _plain_rows.cache_clear()
    _badge_rows.cache_clear()


def clear_caches() -> None:
    """Forget every per-process cache (fonts, metrics, decoded pictures, layers)."""
    for cached in (
        load_font,
        supported_codepoints,
        drop_unsupported,
        _glyphs,
        _advance,
        ink_box,
        _wrap,
        _fit,
        palette,
        _ramp,
        _plain_layer,
        _plain_rows,
        _badge_rows,
        _glyph_masks,
        _text_mask,
        _text_overlay,
        _times,
        _badge_layer,
        _hero_picture,
        _hero_pixels,
        _scaled_hero,
        _hero_planes,
        _logo_layer,
    ):
        cached.cache_clear()


#: A layer to blend, by what it shows ("badge", "logo", or a text item's role), and where.
Placed = tuple[str, _Overlay, tuple[int, int]]


def _overlays(
    card: CardInput, layout: CardLayout, plan: CardPlan, pal: Palette, *, text: bool = True
) -> list[Placed]:
    """Every layer of the card above its background, in drawing order."""
    out: list[Placed] = []
    if plan.badge_box:
        x0, y0, x1, y1 = plan.badge_box
        label = next((i for i in plan.items if i.role == "badge"), None)
        if label is not None:
            label = replace(label, x=label.x - x0, y=label.y - y0) if text else None
        out.append(("badge", _badge_layer(x1 - x0, y1 - y0, pal.accent, label), (x0, y0)))
    if plan.logo_at and card.logo is not None:
        box = layout.logo
        logo = _logo_layer(card.logo, box.width, box.height, layout.logo_pad, pal.matte)
        out.append(("logo", logo, plan.logo_at))
    if text:
        for item in plan.items:
            if item.role != "badge":
                overlay, (dx, dy) = _text_overlay(item.font, item.size, item.text, item.fill)
                out.append((item.role, overlay, (item.x + dx, item.y + dy)))
    return out


def compose_card(
    card: CardInput, spec: ImageSpec, layout: CardLayout, *, text: bool = True
) -> np.ndarray:
    """The card's pixels, an (h, w, 3) uint8 RGB array; ``text=False`` leaves out the text."""
    _check_size(spec, layout)
    pal = card_palette(card)
    plan = plan_card(card, layout)
    if card.hero is not None:
        pixels = _hero_layer(card.hero, layout, pal, plan)
    else:
        pixels = _plain_layer(layout, card.colours, card.variation).copy()
    for _, overlay, at in _overlays(card, layout, plan, pal, text=text):
        _blend(pixels, overlay, at)
    return pixels


def _check_size(spec: ImageSpec, layout: CardLayout) -> None:
    if (layout.width, layout.height) != spec.size:
        raise ValueError(
            f"layout is for {layout.width}x{layout.height}, spec is {spec.width}x{spec.height}"
        )


# ------------------------------------------------------------- plain cards by rows

#: The layers every plain card of a layout and brand shares (the footer): drawn and
#: encoded with the background, once.
STATIC_ROLES = frozenset({"logo", "name"})


def _span(overlay: Placed) -> tuple[int, int, int, int]:
    """The box ``overlay`` covers (x0, y0, x1, y1; right and bottom exclusive)."""
    _, layer, (x, y) = overlay
    h, w = layer.keep.shape[:2]
    return (x, y, x + w, y + h)


def _meet(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _rows_of(box: tuple[int, int, int, int], height: int) -> range:
    """The rows of MCUs (:data:`rows.ROW` pixel rows) that ``box`` touches."""
    return rows.touched(box[1], box[3], height)


@dataclass(frozen=True)
class _Layers:
    """Layers that many plain cards share (the footer; one badge): ``key`` says what
    they are (it is what their rows are cached by); the layers themselves and the
    background they go on are not compared."""

    key: tuple[object, ...]
    layer: np.ndarray = field(compare=False)
    overlays: tuple[Placed, ...] = field(compare=False)

    def rows(self, height: int) -> list[int]:
        """The rows of MCUs the layers touch, in order."""
        return sorted({row for o in self.overlays for row in _rows_of(_span(o), height)})


@dataclass(frozen=True)
class _PlainRows:
    """A plain background with its footer drawn on it, coded row by row."""

    drawn: dict[int, np.ndarray]  # the rows of MCUs the footer touches, drawn (read-only)
    coded: tuple[bytes, ...]  # each row of MCUs of the whole card, coded
    head: bytes


def _strip(
    layer: np.ndarray,
    drawn: dict[int, np.ndarray],
    top: int,
    bottom: int,
    overlays: Sequence[Placed],
) -> np.ndarray:
    """Pixel rows ``top`` to ``bottom`` (whole rows of MCUs) of the background, the
    ``drawn`` rows in place of its own, ``overlays`` drawn on them."""
    pixels = layer[top:bottom].copy()
    for row in range(top // rows.ROW, -(-bottom // rows.ROW)):
        if row in drawn:
            at = row * rows.ROW - top
            pixels[at : at + rows.ROW] = drawn[row]
    for _, overlay, (x, y) in overlays:
        _blend(pixels, overlay, (x, y - top))
    return pixels


@lru_cache(maxsize=2)  # like _plain_layer: one per platform and variation drawn
def _plain_rows(
    layout: CardLayout, colours: CardColours, variation: int, footer: _Layers, quality: int
) -> _PlainRows:
    drawn: dict[int, np.ndarray] = {}
    for row in footer.rows(layout.height):
        top = row * rows.ROW
        drawn[row] = _strip(footer.layer, {}, top, top + rows.ROW, footer.overlays)
        drawn[row].flags.writeable = False
    pixels = footer.layer
    coded = tuple(
        rows.row_data(
            drawn[row] if row in drawn else pixels[row * rows.ROW : (row + 1) * rows.ROW], quality
        )
        for row in range(rows.row_count(layout.height))
    )
    return _PlainRows(
        drawn=drawn, coded=coded, head=rows.header(layout.width, layout.height, quality)
    )


@lru_cache(maxsize=8)  # a platform's plain cards come together: one badge per post type
def _badge_rows(
    layout: CardLayout,
    colours: CardColours,
    variation: int,
    footer: _Layers,
    quality: int,
    badge: _Layers,
) -> dict[int, bytes]:
    """The rows of MCUs ``badge`` touches on the footer's background, coded."""
    base = _plain_rows(layout, colours, variation, footer, quality)
    coded = {}
    for row in badge.rows(layout.height):
        top = row * rows.ROW
        strip = _strip(badge.layer, base.drawn, top, top + rows.ROW, badge.overlays)
        coded[row] = rows.row_data(strip, quality)
    return coded


def _plain_jpeg(card: CardInput, layout: CardLayout, quality: int) -> bytes | None:
    """A plain card's JPEG, re-encoding only the rows of MCUs its own text touches (the
    title, the content lines): the rest are rows of the background with the footer
    and the badge, coded once per layout, brand and badge (:mod:`rows`). The same
    pixels as :func:`encode_jpeg` of :func:`compose_card`; None when the badge or text
    overlaps the footer (the order of drawing would matter there)."""
    pal = card_palette(card)
    plan = plan_card(card, layout)
    overlays = _overlays(card, layout, plan, pal)
    static = tuple(o for o in overlays if o[0] in STATIC_ROLES)
    own = [o for o in overlays if o[0] not in STATIC_ROLES]
    if any(_meet(_span(a), _span(b)) for a in static for b in own):
        return None
    layer = _plain_layer(layout, card.colours, card.variation)
    name = next((item for item in plan.items if item.role == "name"), None)
    footer = _Layers((card.logo, plan.logo_at, name), layer, static)
    base = _plain_rows(layout, card.colours, card.variation, footer, quality)
    text = [o for o in own if o[0] != "badge"]
    dirty = {row for o in text for row in _rows_of(_span(o), layout.height)}
    known: dict[int, bytes] = {}
    badge = tuple(o for o in own if o[0] == "badge")
    if badge:
        label = next((item for item in plan.items if item.role == "badge"), None)
        key = (plan.badge_box, label)
        coded = _badge_rows(
            layout, card.colours, card.variation, footer, quality, _Layers(key, layer, badge)
        )
        known = {row: data for row, data in coded.items() if row not in dirty}

    def strip(top: int, bottom: int) -> np.ndarray:
        return _strip(layer, base.drawn, top, bottom, own)

    return rows.redrawn(base.head, base.coded, dirty, strip, quality, known)


def draw_card(
    card: CardInput, spec: ImageSpec, layout: CardLayout, *, text: bool = True
) -> Image.Image:
    """The card as an RGB image; ``text=False`` leaves out the text (for contrast checks)."""
    return Image.fromarray(compose_card(card, spec, layout, text=text))


def encode_jpeg(pixels: np.ndarray | Image.Image, quality: int) -> bytes:
    """Baseline JPEG, standard Huffman tables, 4:2:0, no metadata (JFIF header only).

    libjpeg-turbo through simplejpeg, straight from the array: a fifth less time
    than Pillow's encoder, which first repacks its pixels."""
    if isinstance(pixels, Image.Image):
        pixels = np.asarray(pixels.convert("RGB"))
    return rows.encode(pixels, quality)


def byte_limit(spec: ImageSpec) -> int:
    """The byte limit of ``spec``'s picture, counting platforms that attach it (og -> Bluesky)."""
    keys = [key for key, p in PLATFORMS.items() if p.image == spec]
    return min((image_byte_limit(k) for k in keys), default=spec.max_bytes)


def render_card(
    card: CardInput, spec: ImageSpec, layout: CardLayout, *, max_bytes: int | None = None
) -> bytes:
    """The card as JPEG bytes, exactly ``spec.size`` and under the byte limit.

    ``max_bytes`` defaults to :func:`byte_limit`. When the file is too big the
    quality steps down by :data:`QUALITY_STEP` to ``layout.jpeg_min_quality``.
    """
    limit = max_bytes if max_bytes is not None else byte_limit(spec)
    quality = layout.jpeg_quality
    if card.hero is None:
        _check_size(spec, layout)
        data = _plain_jpeg(card, layout, quality)
        if data is not None and len(data) < limit:
            return data
    if card.hero is not None:
        planes = _with_last_row_after(compose_hero_planes(card, spec, layout))

        def encode(quality: int) -> bytes:
            return simplejpeg.encode_jpeg_yuv_planes(*planes, quality=quality)
    else:
        pixels = compose_card(card, spec, layout)

        def encode(quality: int) -> bytes:
            return encode_jpeg(pixels, quality)

    while True:
        data = encode(quality)
        if len(data) < limit:
            return data
        if quality <= layout.jpeg_min_quality:
            raise CardError(
                f"a {spec.width}x{spec.height} card is {len(data):,} bytes even at JPEG "
                f"quality {quality}; the limit is {limit:,}"
            )
        quality = max(layout.jpeg_min_quality, quality - QUALITY_STEP)
