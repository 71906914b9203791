"""Social cards (layout and render), measured from their pixels."""

from __future__ import annotations

import io
import pickle
import random
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageFilter, ImageMath

from conftest import CONTENT, config_for_test_site, modules_loaded_after, typed_post
from healthnotes.content.model import HowTo
from healthnotes.social.cards import render
from healthnotes.social.cards.card import (
    CardColours,
    CardError,
    CardInput,
    card_input,
    renderer_version,
)
from healthnotes.social.cards.layout import LAYOUT_VERSION, CardLayout, Orientation, layout_for
from healthnotes.social.cards.render import (
    ELLIPSIS,
    contrast_ratio,
    draw_card,
    drop_unsupported,
    encode_jpeg,
    fit_title,
    font_path,
    load_font,
    plan_card,
    render_card,
    supported_codepoints,
)
from healthnotes.social.platforms import PLATFORMS, ImageSpec, image_byte_limit

ROOT = Path(__file__).resolve().parents[2]
IMAGE_PLATFORMS = [key for key, p in PLATFORMS.items() if p.image is not None]
BRAND = CardColours(
    primary="#1f5f8b", accent="#a8432a", text="#1b1f23", background="#ffffff", surface="#f4f7f9"
)
TITLE_FONT = font_path("SourceSansPro-Bold.ttf")
LONG_TITLE = (
    "Spinach recall: what to do if you bought bagged baby spinach from Green Valley Farms "
    "between October 2 and October 19, including the lot numbers printed on the bag, the "
    "symptoms of E. coli infection to watch for, and when to call us or go to urgent care "
    "instead of waiting at home to see if it passes"
)
assert len(LONG_TITLE) == 300
TITLES = {
    1: "Q",
    10: "Flu shots!",
    40: "How to wash your hands the right way now",
    300: LONG_TITLE,
}
assert all(len(t) == n for n, t in TITLES.items())
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" + "Supercalifragilistic" * 2
assert len(LONG_WORD) == 85


def spec_of(key: str) -> ImageSpec:
    spec = PLATFORMS[key].image
    assert spec is not None
    return spec


def picture(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def noisy_colourful(size: tuple[int, int] = (800, 500), seed: int = 7) -> Image.Image:
    """Worst case for JPEG size and for contrast: saturated random pixels, some white."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 3, size[1]), fill="white")
    return image


WHITE_HERO = picture(Image.new("RGB", (1600, 1000), "white"))
NOISY_HERO = picture(noisy_colourful(), "PNG")


def logo_png(size: tuple[int, int] = (512, 512), colour: tuple = (31, 95, 139)) -> bytes:
    logo = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((0, 0, size[0] - 1, size[1] - 1), fill=(*colour, 255))
    return picture(logo, "PNG")


LOGO = logo_png()


def card(title: str = "How to wash your hands", **changes: object) -> CardInput:
    base = CardInput(
        title=title,
        badge="How-to",
        practice_name="Riverside Family Medicine",
        colours=BRAND,
        logo=LOGO,
    )
    return replace(base, **changes)


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _linear(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


LINEAR = [_linear(v) for v in range(256)]


def luminance_range(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[float, float]:
    """Least and greatest WCAG relative luminance of the pixels in ``box`` (in C, exact)."""
    r, g, b = (band.point(LINEAR, "F") for band in image.crop(box).split())
    y = ImageMath.lambda_eval(
        lambda a: a["r"] * 0.2126 + a["g"] * 0.7152 + a["b"] * 0.0722, r=r, g=g, b=b
    )
    low, high = y.getextrema()
    return float(low), float(high)


def worst_contrast(fill: tuple[int, int, int], luminances: tuple[float, float]) -> float:
    text = render.relative_luminance(fill)
    return min((max(text, y) + 0.05) / (min(text, y) + 0.05) for y in luminances)


def ink_on_canvas(item: render.TextItem) -> tuple[int, int, int, int]:
    """The item's ink box measured with Pillow itself (not the renderer's metrics)."""
    font = load_font(item.font, item.size)
    x0, y0, x1, y1 = font.getbbox(item.text, anchor="la")
    return (item.x + int(x0), item.y + int(y0), item.x + int(x1), item.y + int(y1))


def inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


# ------------------------------------------------------------------------ layout


@pytest.mark.parametrize(
    ("key", "orientation"),
    [
        ("og", Orientation.LANDSCAPE),
        ("x", Orientation.LANDSCAPE),
        ("linkedin", Orientation.LANDSCAPE),
        ("instagram", Orientation.SQUARE),
        ("instagram_portrait", Orientation.PORTRAIT),
        ("pinterest", Orientation.PORTRAIT),
        ("story", Orientation.STORY),
    ],
)
def test_layout_is_picked_by_aspect_ratio_and_keeps_zones_inside_the_safe_area(key, orientation):
    spec = spec_of(key)
    layout = layout_for(spec)
    assert layout.orientation is orientation
    assert (layout.width, layout.height) == spec.size
    safe = (0, spec.safe_top, spec.width, spec.height - spec.safe_bottom)
    content = layout.content.as_tuple()
    assert inside(content, safe)
    for zone in (layout.title, layout.logo, layout.name):
        assert inside(zone.as_tuple(), content)
    badge = (
        layout.badge_x,
        layout.badge_y,
        layout.badge_x + layout.badge_max_width,
        layout.badge_y + layout.badge_height,
    )
    assert inside(badge, content)
    assert badge[3] < layout.title.y0 and layout.title.y1 < layout.logo.y0
    assert layout.title_min < layout.title_max
    assert layout.version == LAYOUT_VERSION


def test_layouts_and_card_inputs_are_small_picklable_values():
    layout = layout_for(spec_of("story"))
    item = card(hero=WHITE_HERO)
    assert pickle.loads(pickle.dumps(layout)) == layout
    assert pickle.loads(pickle.dumps(item)) == item
    assert hash(layout) == hash(layout_for(spec_of("story")))
    assert "hero" not in repr(item)  # no kilobytes of bytes in logs


def test_renderer_version_names_everything_that_changes_the_bytes():
    version = renderer_version()
    parts = ("pillow-", "jpeg-", "freetype-", "font-", "opencv-", "simplejpeg-")
    for part in (f"layout-{LAYOUT_VERSION}", *parts):
        assert part in version


def test_the_build_process_plans_cards_without_loading_the_drawing_libraries():
    loaded = modules_loaded_after(
        "import healthnotes.social.plan, healthnotes.social.cards.card\n"
        "healthnotes.social.cards.card.renderer_version()",
        ["cv2", "numpy", "simplejpeg", "healthnotes.social.cards.render"],
    )
    assert loaded == []


# ------------------------------------------------------------------------ output


@pytest.mark.parametrize("hero", [None, NOISY_HERO], ids=["plain", "noisy-hero"])
@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
def test_every_platform_card_is_an_rgb_jpeg_of_exact_size_under_its_byte_limit(key, hero):
    spec = spec_of(key)
    data = render_card(card(LONG_TITLE, hero=hero), spec, layout_for(spec))
    image = decode(data)
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.size == spec.size
    assert len(data) < image_byte_limit(key) <= spec.max_bytes
    assert "exif" not in image.info
    assert "icc_profile" not in image.info  # untagged: sRGB


def test_og_card_stays_under_blueskys_one_megabyte():
    assert render.byte_limit(spec_of("og")) == 1_000_000
    assert render.byte_limit(spec_of("story")) == spec_of("story").max_bytes


def test_quality_steps_down_until_the_card_is_under_the_limit():
    spec = spec_of("og")
    layout = layout_for(spec)
    item = card(hero=NOISY_HERO)
    full = render_card(item, spec, layout, max_bytes=10**9)
    limit = len(full) * 2 // 3
    smaller = render_card(item, spec, layout, max_bytes=limit)
    assert len(smaller) < limit
    assert decode(smaller).size == spec.size
    with pytest.raises(CardError, match="even at JPEG quality 40"):
        render_card(item, spec, layout, max_bytes=1000)


def test_same_input_gives_the_same_bytes_even_after_the_caches_are_cleared():
    spec = spec_of("instagram")
    layout = layout_for(spec)
    item = card("Café niño & “quotes” 👋🏽", hero=NOISY_HERO)
    first = render_card(item, spec, layout)
    assert render_card(item, spec, layout) == first
    render.clear_caches()
    assert render_card(item, spec, layout) == first


def test_layout_for_another_size_is_refused():
    with pytest.raises(ValueError, match="layout is for 1200x630"):
        render_card(card(), spec_of("story"), layout_for(spec_of("og")))


# --------------------------------------------------------------------- the title


@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
@pytest.mark.parametrize("length", sorted(TITLES))
def test_titles_of_any_length_fit_in_the_title_box(key, length):
    spec = spec_of(key)
    layout = layout_for(spec)
    for hero in (None, WHITE_HERO):
        plan = plan_card(card(TITLES[length], hero=hero), layout)
        lines = [item for item in plan.items if item.role == "title"]
        assert lines
        assert len(lines) <= layout.max_lines
        assert layout.title_min <= plan.title_size <= layout.title_max
        for item in lines:
            assert inside(ink_on_canvas(item), layout.title.as_tuple()), item.text
            assert item.ink == ink_on_canvas(item)  # cached metrics agree with Pillow
        for item in plan.items:
            assert inside(ink_on_canvas(item), layout.content.as_tuple()), item


@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
def test_a_title_ends_with_an_ellipsis_only_when_it_had_to(key):
    layout = layout_for(spec_of(key))
    for title in TITLES.values():
        plan = plan_card(card(title), layout)
        shown = " ".join(plan.title_lines)
        if plan.ellipsized:
            assert shown.endswith(ELLIPSIS)
            assert plan.title_size == layout.title_min  # shrunk all the way first
            assert title.startswith(shown.removesuffix(ELLIPSIS).rstrip(" ,;:"))
        else:
            assert ELLIPSIS not in shown
            assert shown == title
    assert not plan_card(card(TITLES[40]), layout).ellipsized


def test_fit_title_shrinks_before_it_truncates():
    words = "Why your blood pressure reading at home is different from the office"
    lines, size, ellipsized = fit_title(words, TITLE_FONT, 1000, 200, 80, 30, 2)
    assert not ellipsized
    assert size < 80  # does not fit two lines at 80 px
    assert " ".join(lines) == words
    font = load_font(TITLE_FONT, size)
    assert all(font.getbbox(line, anchor="la")[2] <= 1000 for line in lines)
    assert fit_title(words, TITLE_FONT, 5000, 200, 80, 30, 2) == ([words], 80, False)


def test_fit_title_truncates_at_a_word_with_an_ellipsis_as_last_resort():
    title = " ".join(["immunization"] * 60)
    lines, size, ellipsized = fit_title(title, TITLE_FONT, 600, 300, 60, 40, 3)
    assert ellipsized
    assert size == 40
    assert len(lines) == 3
    assert lines[-1].endswith("immunization" + ELLIPSIS)
    font = load_font(TITLE_FONT, size)
    for line in lines:
        assert font.getbbox(line, anchor="la")[2] <= 600


def test_fit_title_of_nothing_is_no_lines():
    assert fit_title("   ", TITLE_FONT, 500, 100, 40, 20, 2) == ([], 40, False)


@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
def test_an_unbreakable_long_word_is_broken_between_characters_not_overflowing(key):
    layout = layout_for(spec_of(key))
    plan = plan_card(card(f"What is {LONG_WORD}?"), layout)
    lines = [item for item in plan.items if item.role == "title"]
    for item in lines:
        assert inside(ink_on_canvas(item), layout.title.as_tuple()), item.text
    if not plan.ellipsized:
        assert "".join(plan.title_lines).replace(" ", "") == f"Whatis{LONG_WORD}?"


def test_fit_title_breaks_a_word_wider_than_the_box():
    lines, size, ellipsized = fit_title(LONG_WORD, TITLE_FONT, 300, 1000, 40, 40, 20)
    assert not ellipsized and len(lines) > 1
    assert "".join(lines) == LONG_WORD
    font = load_font(TITLE_FONT, size)
    assert all(font.getbbox(line, anchor="la")[2] <= 300 for line in lines)


# ------------------------------------------------------------- missing characters


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Wash your hands 👋🏽 today", "Wash your hands today"),
        ("Family 👨‍👩‍👧‍👦 time", "Family time"),
        ("Hi 👋🏽!", "Hi!"),
        ("(🤒 sick) days", "(sick) days"),
        ("Vacations 🇺🇸🇫🇷 and flags 🏴󠁧󠁢󠁳󠁣󠁴󠁿", "Vacations and flags"),
        ("Step 1️⃣ first", "Step first"),
        ("❤️ Heart health", "Heart health"),
        ("流感疫苗 Flu shots", "Flu shots"),
        ("Café, niño, “quotes” & ‘more’ — ©️ 2026…", "Café, niño, “quotes” & ‘more’ — © 2026…"),
        ("Cafe\u0301", "Café"),  # decomposed accent is composed (NFC)
        ("infor\u00admation and A\u200bB", "information and AB"),  # invisible: no gap
        ("tab\tand\nnew  line", "tab and new line"),
        ("👋🏽", ""),
        ("", ""),
    ],
)
def test_characters_the_font_lacks_are_dropped_and_spaces_collapse(given, expected):
    assert drop_unsupported(given) == expected


def test_the_ellipsis_quotes_and_accents_are_in_the_font():
    supported = supported_codepoints(TITLE_FONT)
    for char in "…“”‘’&éñüçÉÑ—–":
        assert ord(char) in supported, char
    for char in "👋🏽流\u200d\ufe0f":
        assert ord(char) not in supported, char


def test_cmap_agrees_with_what_freetype_draws():
    """A code point outside the cmap renders as the .notdef box; inside, as its own glyph."""
    font = load_font(TITLE_FONT, 48)
    notdef = font.getmask("\U0001f44b").getbbox(), bytes(font.getmask("\U0001f44b"))
    supported = supported_codepoints(TITLE_FONT)
    for char in "AZaz09é€…“流\u0e01\u05d0":
        drawn = font.getmask(char).getbbox(), bytes(font.getmask(char))
        assert (drawn == notdef) == (ord(char) not in supported), char


@pytest.mark.parametrize("title", ["👋🏽", "👨‍👩‍👧‍👦🇺🇸", "流感疫苗", "Flu 🤒 season is here 🍂"])
def test_titles_with_emoji_render_without_any_character_the_font_lacks(title):
    spec = spec_of("og")
    item = card(title)
    plan = plan_card(item, layout_for(spec))
    supported = supported_codepoints(TITLE_FONT)
    for text_item in plan.items:
        assert all(ord(c) in supported for c in text_item.text), text_item.text
    if drop_unsupported(title):
        assert plan.title == drop_unsupported(title)
    else:  # nothing left: the practice name is the title
        assert plan.title == "Riverside Family Medicine"
    assert decode(render_card(item, spec, layout_for(spec))).size == spec.size


def test_a_title_with_nothing_drawable_falls_back_to_the_badge_without_a_name():
    plan = plan_card(card("🎉", practice_name="🏥"), layout_for(spec_of("og")))
    assert plan.title == "How-to"
    assert [i.role for i in plan.items].count("name") == 0


# ------------------------------------------------------------------------ contrast


def measured_contrasts(item: CardInput, key: str) -> list[tuple[str, float]]:
    """For each piece of text: its colour against the lightest and darkest pixel
    behind its ink (from the card drawn without text, JPEG round-tripped)."""
    spec = spec_of(key)
    layout = layout_for(spec)
    plan = plan_card(item, layout)
    behind = decode(encode_jpeg(draw_card(item, spec, layout, text=False), 88))
    results = []
    for text in plan.items:
        x0, y0, x1, y1 = text.ink
        box = (max(0, x0 - 2), max(0, y0 - 2), min(spec.width, x1 + 2), min(spec.height, y1 + 2))
        worst = worst_contrast(text.fill, luminance_range(behind, box))
        results.append((f"{text.role}: {text.text}", worst))
    return results


@pytest.mark.parametrize(
    "hero", [None, WHITE_HERO, NOISY_HERO], ids=["plain", "white-hero", "noisy-hero"]
)
@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
def test_text_contrast_is_at_least_4_5_measured_from_the_pixels(key, hero):
    for title in (TITLES[10], LONG_TITLE):
        for label, ratio in measured_contrasts(card(title, hero=hero), key):
            assert ratio >= 4.5, f"{label}: {ratio:.2f}"


@pytest.mark.parametrize(
    "hero", [None, WHITE_HERO, NOISY_HERO], ids=["plain", "white-hero", "noisy-hero"]
)
@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
def test_contrast_holds_in_the_final_jpeg_too(key, hero):
    """On the real JPEG: every pixel of a title line's box farther than 4 px from a glyph
    (JPEG ringing hugs the glyphs) contrasts with the text colour by at least 4.5:1."""
    for title in (TITLES[40], LONG_TITLE):
        spec = spec_of(key)
        layout = layout_for(spec)
        item = card(title, hero=hero)
        plan = plan_card(item, layout)
        final = decode(render_card(item, spec, layout))
        for text in plan.items:
            if text.role != "title":
                continue
            region = final.crop(text.ink)
            ink = Image.new("L", region.size, 0)
            font = load_font(text.font, text.size)
            origin = (text.x - text.ink[0], text.y - text.ink[1])
            ImageDraw.Draw(ink).text(origin, text.text, font=font, fill=255, anchor="la")
            near_text = ink.filter(ImageFilter.MaxFilter(9))
            pairs = zip(region.get_flattened_data(), near_text.get_flattened_data(), strict=True)
            background = [pixel for pixel, near in pairs if near == 0]
            assert background
            lightest = max(set(background), key=render.relative_luminance)
            assert contrast_ratio(text.fill, lightest) >= 4.5, (hero is None, lightest)


def test_a_light_brand_colour_gets_dark_text():
    pale = CardColours(
        primary="#f4c542", accent="#1b1f23", text="#1b1f23", background="#fff", surface="#fff"
    )
    item = card(TITLES[40], colours=pale)
    plan = plan_card(item, layout_for(spec_of("og")))
    assert {t.fill for t in plan.items if t.role == "title"} == {(27, 31, 35)}
    for label, ratio in measured_contrasts(item, "og"):
        assert ratio >= 4.5, f"{label}: {ratio:.2f}"


@pytest.mark.parametrize("key", ["og", "story"])
def test_a_brand_colour_that_only_just_passes_is_deepened_so_the_jpeg_still_passes(key):
    grey = CardColours(
        primary="#767676", accent="#767676", text="#1b1f23", background="#fff", surface="#fff"
    )
    assert 4.5 <= contrast_ratio((255, 255, 255), (0x76, 0x76, 0x76)) < 4.6
    item = card(TITLES[40], colours=grey)
    for label, ratio in measured_contrasts(item, key):
        assert ratio >= render.TARGET_CONTRAST - 0.1, f"{label}: {ratio:.2f}"
    assert render.palette(BRAND).plain == (0x1F, 0x5F, 0x8B)  # a comfortable brand: as is


def _largest_difference(a: Image.Image, b: Image.Image) -> int:
    return max(high for _, high in ImageChops.difference(a, b).getextrema())


def test_scrim_bands_match_pillows_masked_paste_within_one_level():
    source = noisy_colourful((64, 64), seed=3)
    for colour, alpha in (((17, 52, 76), 192), ((255, 0, 0), 1), ((0, 0, 0), 255), ((9, 9, 9), 0)):
        pasted = source.copy()
        pasted.paste(colour, (0, 0, 64, 64), Image.new("L", (64, 64), alpha))
        pixels = np.array(source)
        render._scrim_band(pixels, colour, alpha)
        assert _largest_difference(pasted, Image.fromarray(pixels)) <= 1, (colour, alpha)


def test_overlays_match_pillows_masked_paste_within_one_level_and_clip_at_the_edges():
    source = noisy_colourful((64, 48), seed=5)
    mask = Image.linear_gradient("L").resize((40, 30))
    colour = (200, 30, 90)
    for at in ((10, 8), (-15, -12), (40, 30)):  # inside, over the top left, over the bottom right
        pasted = source.copy()
        pasted.paste(colour, at, mask)
        pixels = np.array(source)
        render._blend(pixels, render._Overlay.of(np.asarray(mask), colour), at)
        assert _largest_difference(pasted, Image.fromarray(pixels)) <= 1, at
    layer = Image.merge("RGBA", (*noisy_colourful((40, 30), seed=9).split(), mask))
    pasted = source.copy()
    pasted.paste(layer, (5, 5), layer)
    pixels = np.array(source)
    render._blend(pixels, render._Overlay.of_rgba(layer), (5, 5))
    assert _largest_difference(pasted, Image.fromarray(pixels)) <= 1


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=1, max_value=40),
    st.booleans(),
    st.tuples(*[st.integers(min_value=0, max_value=255)] * 3),
    st.integers(min_value=0, max_value=2**16),
)
def test_a_scrim_fade_is_the_same_pixels_as_blending_its_opacity_as_an_overlay(
    w, h, horizontal, colour, seed
):
    source = np.array(noisy_colourful((w, h), seed=seed))
    rng = np.random.default_rng(seed)
    ramp = rng.integers(0, 256, w if horizontal else h, dtype=np.uint8)
    opacity = np.tile(ramp, (h, 1)) if horizontal else np.tile(ramp.reshape(h, 1), (1, w))
    expected = source.copy()
    render._blend(expected, render._Overlay.of(np.ascontiguousarray(opacity), colour))
    faded = source.copy()
    render._fade_band(faded, ramp, colour, horizontal)
    assert np.array_equal(faded, expected)


def test_plain_jpeg_heroes_are_decoded_fast_like_pillow_and_others_go_through_pillow():
    photo = noisy_colourful((1600, 1000), seed=11).filter(ImageFilter.GaussianBlur(2))
    data = picture(photo, quality=90)
    fast = render._plain_jpeg_pixels(data)
    assert fast is not None and fast.shape == (1000, 1600, 3)
    slow = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    assert np.abs(fast.astype(int) - slow.astype(int)).max() <= 2  # libjpeg-turbo both times
    big = render._plain_jpeg_pixels(picture(photo.resize((3200, 2400)), quality=90))
    assert big is not None and big.shape[:2] == (1200, 1600)  # DCT-scaled like HERO_DRAFT
    exif = Image.Exif()
    exif[render.EXIF_ORIENTATION] = 6
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for other in (
        picture(photo, exif=exif),  # rotated: Pillow applies the orientation
        picture(photo, icc_profile=srgb),  # a profile: Pillow converts it
        picture(photo.convert("CMYK")),
        picture(photo.convert("L")),
        picture(photo, "PNG"),
        data[: len(data) // 2],  # truncated: Pillow says what is wrong
        b"not a picture",
    ):
        assert render._plain_jpeg_pixels(other) is None


def _photo(size: tuple[int, int]) -> Image.Image:
    """A smooth picture with detail everywhere (a gradient under a coarse grid)."""
    w, h = size
    image = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize(size),
            Image.linear_gradient("L").rotate(90).resize(size),
            Image.new("L", size, 90),
        ),
    )
    draw = ImageDraw.Draw(image)
    for x in range(0, w, w // 12):
        draw.line((x, 0, x, h), fill="white", width=max(2, w // 400))
    return image


@pytest.mark.parametrize("size", [(2400, 1600), (4800, 3200), (3200, 2400), (1600, 1000)])
def test_a_plain_jpeg_hero_is_reduced_only_by_halves_as_pillows_draft_reduces_it(size):
    """libjpeg-turbo can also scale by 3/4 or 3/8, slower than decoding the whole
    picture: a 2400x1600 photo was decoded to 1800x1200 while Pillow kept it whole."""
    data = picture(_photo(size), quality=90)
    fast = render._plain_jpeg_pixels(data)
    pillow = Image.open(io.BytesIO(data))
    pillow.draft("RGB", render.HERO_DRAFT)
    assert fast is not None and fast.shape[1::-1] == pillow.size
    assert render.draft_scale(size) * pillow.size[0] >= size[0]
    slow = np.asarray(pillow.convert("RGB"))
    assert np.abs(fast.astype(int) - slow.astype(int)).max() <= 2  # libjpeg-turbo both times


@pytest.mark.parametrize("key", ["og", "instagram", "story"])
def test_a_big_hero_fills_the_card_as_pillows_decode_of_it_does(key):
    """The fast decode of a big plain JPEG shows the same picture in the same place
    as Pillow's (a picture with a profile goes through Pillow)."""
    photo = _photo((2400, 1600))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    plain, profiled = picture(photo, quality=90), picture(photo, quality=90, icc_profile=srgb)
    assert render._plain_jpeg_pixels(profiled) is None  # the other way, through Pillow
    spec = spec_of(key)
    fast = np.asarray(draw_card(card(hero=plain), spec, layout_for(spec), text=False))
    slow = np.asarray(draw_card(card(hero=profiled), spec, layout_for(spec), text=False))
    assert np.abs(fast.astype(int) - slow.astype(int)).mean() < 1.5


# --------------------------------------------------------------------- story bands


@pytest.mark.parametrize("hero", [None, NOISY_HERO], ids=["plain", "noisy-hero"])
def test_story_text_stays_out_of_the_top_and_bottom_250_px(hero):
    spec = spec_of("story")
    layout = layout_for(spec)
    one = decode(render_card(card("Flu", hero=hero), spec, layout))
    other = decode(render_card(card(LONG_TITLE, badge="Recall alert", hero=hero), spec, layout))
    changed = ImageChops.difference(one, other).getbbox()
    assert changed is not None
    assert spec.safe_top <= changed[1] and changed[3] <= spec.height - spec.safe_bottom
    for title in (TITLES[1], LONG_TITLE):
        for item in plan_card(card(title, hero=hero), layout).items:
            top, bottom = ink_on_canvas(item)[1], ink_on_canvas(item)[3]
            assert spec.safe_top <= top and bottom <= spec.height - spec.safe_bottom


def test_a_hero_with_an_icc_profile_is_converted_and_the_card_carries_no_profile():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    hero = picture(Image.new("RGB", (800, 500), (200, 120, 40)), icc_profile=srgb)
    spec = spec_of("og")
    image = decode(render_card(card(hero=hero), spec, layout_for(spec)))
    assert "icc_profile" not in image.info
    assert image.getpixel((spec.width - 5, spec.height // 2)) == pytest.approx(
        (200, 120, 40), abs=4
    )  # the clear side of the scrim shows the picture's colour


# ------------------------------------------------------------------- brand, logo


def test_logo_keeps_its_aspect_and_is_contained_in_its_box():
    spec = spec_of("og")
    layout = layout_for(spec)
    logo_colour = (200, 30, 30)
    wide = logo_png((900, 300), logo_colour)
    image = draw_card(card(logo=wide), spec, layout, text=False)
    box = layout.logo
    region = image.crop(box.as_tuple())
    hits = [
        (x, y)
        for y in range(region.height)
        for x in range(region.width)
        if sum(abs(a - b) for a, b in zip(region.getpixel((x, y)), logo_colour, strict=True)) < 30
    ]
    xs, ys = [x for x, _ in hits], [y for _, y in hits]
    width, height = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
    assert width <= box.width - 2 * layout.logo_pad
    assert 2.6 <= width / height <= 3.4  # still 3:1


def test_card_without_logo_starts_the_name_at_the_margin():
    layout = layout_for(spec_of("og"))
    plan = plan_card(card(logo=None), layout)
    (name,) = [i for i in plan.items if i.role == "name"]
    assert name.ink[0] - layout.content.x0 <= 2
    assert plan.logo_at is None


def test_a_long_practice_name_stays_on_one_line_inside_the_footer():
    layout = layout_for(spec_of("x"))
    plan = plan_card(card(practice_name="Riverside Family Medicine and Pediatrics " * 4), layout)
    (name,) = [i for i in plan.items if i.role == "name"]
    assert inside(ink_on_canvas(name), layout.name.as_tuple())
    assert name.text.endswith(ELLIPSIS)


@pytest.mark.parametrize("badge", ["How-to", "Myth vs. fact", "Recall alert", "Q&A"])
def test_badge_is_a_pill_in_the_accent_colour_with_its_label(badge):
    spec = spec_of("instagram")
    layout = layout_for(spec)
    plan = plan_card(card(badge=badge), layout)
    assert plan.badge_box is not None
    (label,) = [i for i in plan.items if i.role == "badge"]
    assert label.text == badge
    x0, y0, x1, y1 = plan.badge_box
    assert inside(label.ink, (x0, y0, x1, y1))
    image = draw_card(card(badge=badge), spec, layout)
    accent = render.palette(BRAND).accent
    assert image.getpixel(((x0 + x1) // 2, y0 + 2)) == accent  # filled along the top
    assert image.getpixel((x0, y0)) != accent  # rounded corner
    assert image.getpixel((x0 + 4, y0 + 2)) != accent


def test_card_input_reads_hero_and_logo_from_the_content_folder():
    config = config_for_test_site()
    post = typed_post(
        HowTo(steps=("Wet", "Lather")),
        slug="hand-washing",
        url="https://x.example/hand-washing/",
        guid="urn:x",
        title="Wash your hands",
        date=datetime(2026, 9, 1, tzinfo=ZoneInfo("America/Los_Angeles")),
        summary="Soap and water.",
        image="images/hand-washing.jpg",
        image_alt="Soap",
    )
    item = card_input(post, config)
    assert item.title == "Wash your hands"
    assert item.badge == "How-to"
    assert item.practice_name == config.practice.name
    assert item.hero == (CONTENT / "images" / "hand-washing.jpg").read_bytes()
    assert config.brand.logo
    assert item.logo == (CONTENT / config.brand.logo).read_bytes()
    assert item.colours.primary == config.brand.primary
    assert card_input(replace(post, image=None), config).hero is None


# --------------------------------------------------------------------- hero input


@pytest.mark.parametrize(
    "hero",
    [
        pytest.param(picture(Image.new("RGBA", (300, 200), (0, 0, 0, 0)), "PNG"), id="rgba-png"),
        pytest.param(picture(Image.new("L", (40, 30), 200), "PNG"), id="tiny-grey"),
        pytest.param(picture(Image.new("P", (500, 500)), "GIF"), id="palette"),
        pytest.param(picture(Image.new("CMYK", (400, 300), (0, 0, 0, 0))), id="cmyk-jpeg"),
        pytest.param(picture(Image.new("RGB", (300, 900), "white"), "WEBP"), id="tall-webp"),
    ],
)
def test_heroes_of_any_mode_and_shape_are_cover_cropped_to_the_canvas(hero):
    for key in ("og", "story"):
        spec = spec_of(key)
        image = decode(render_card(card(hero=hero), spec, layout_for(spec)))
        assert image.size == spec.size and image.mode == "RGB"


def test_hero_exif_orientation_is_applied():
    tall = Image.new("RGB", (200, 400), "white")
    ImageDraw.Draw(tall).rectangle((0, 0, 199, 199), fill="red")  # red on top
    exif = Image.Exif()
    exif[0x0112] = 3  # rotated 180 degrees: red is really at the bottom
    rotated = picture(tall, exif=exif)
    spec = spec_of("story")
    image = draw_card(card(hero=rotated), spec, layout_for(spec), text=False)
    top = image.getpixel((spec.width // 2, 5))
    assert top[0] < 200 or top[1] > 150  # not red at the top


def test_an_unreadable_hero_is_reported():
    with pytest.raises(CardError, match="hero picture is not a readable picture"):
        render_card(card(hero=b"not a picture"), spec_of("og"), layout_for(spec_of("og")))


# -------------------------------------------------------------------------- caches


def test_shared_layers_are_prepared_once_per_process():
    render.clear_caches()
    spec = spec_of("instagram")
    layout = layout_for(spec)
    for i in range(5):
        render_card(card(f"Title number {i}"), spec, layout)
    assert render._plain_layer.cache_info().misses == 1
    assert render._plain_layer.cache_info().hits == 4
    assert render._logo_layer.cache_info().misses == 1
    assert render._badge_layer.cache_info().misses == 1
    assert render.supported_codepoints.cache_info().misses <= 3  # one per font file
    sizes_loaded = render.load_font.cache_info().misses
    for i in range(5):
        render_card(card(f"Another title {i}"), spec, layout)
    assert render.load_font.cache_info().misses - sizes_loaded <= 2  # fonts reused


# ---------------------------------------------------------------------- properties


@settings(max_examples=30, deadline=None)
@given(title=st.text(max_size=300), key=st.sampled_from(["og", "story", "pinterest"]))
def test_any_unicode_title_renders_a_card_of_the_exact_size(title, key):
    spec = spec_of(key)
    layout = layout_for(spec)
    data = render_card(card(title), spec, layout)
    assert decode(data).size == spec.size
    plan = plan_card(card(title), layout)
    supported = supported_codepoints(TITLE_FONT)
    for item in plan.items:
        assert all(ord(c) in supported for c in item.text)
        assert inside(ink_on_canvas(item), layout.content.as_tuple())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_dropping_leaves_only_drawable_characters_and_single_spaces(text):
    result = drop_unsupported(text)
    supported = supported_codepoints(TITLE_FONT)
    assert all(ord(c) in supported for c in result)
    assert result == result.strip()
    assert "  " not in result
    assert drop_unsupported(result) == result


def test_layout_dataclass_is_frozen():
    layout: CardLayout = layout_for(spec_of("og"))
    with pytest.raises(AttributeError):
        layout.width = 5  # type: ignore[misc]


def test_a_cards_key_is_the_same_from_its_bytes_or_from_its_pictures_digests():
    from healthnotes.social.cards.draw import card_digest, picture_digest

    full = card(hero=WHITE_HERO)
    bare = replace(full, hero=None, logo=None)
    hero, logo = picture_digest(WHITE_HERO), picture_digest(LOGO)
    assert card_digest(full) == card_digest(bare, hero=hero, logo=logo)
    assert card_digest(replace(full, hero=None)) == card_digest(bare, logo=logo)
    assert card_digest(replace(full, hero=NOISY_HERO)) != card_digest(full)
    assert card_digest(replace(full, title="Another")) != card_digest(full)


def _pillow_line(path: str, size: int, text: str) -> np.ndarray:
    """One line drawn by Pillow in one go, cropped to its ink box (the reference)."""
    font = render.load_font(path, size)
    x0, y0, x1, y1 = (int(v) for v in font.getbbox(text, anchor="la"))
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).text((-x0, -y0), text, font=font, fill=255, anchor="la")
    return np.asarray(mask)


FONT_FILES = [render.font_path(n) for n in ("SourceSansPro-Bold.ttf", "SourceSansPro-Semibold.ttf")]


@pytest.mark.parametrize(
    ("font", "size", "text"),
    [
        # Glyphs whose ink overlaps the next one's: coverage is composited "over".
        ("SourceSansPro-Bold.ttf", 41, "heart hours"),
        ("SourceSansPro-Bold.ttf", 30, "fl lower often"),
        ("SourceSansPro-Regular.ttf", 21, "sugar Date: Heart"),
        ("SourceSansPro-Bold.ttf", 19, "pills better people wash"),
        ("SourceSansPro-Bold.ttf", 96, "Myth: “Flu shots give you the flu”"),
    ],
)
def test_a_line_from_cached_glyphs_is_pixel_identical_to_pillow_drawing_it(font, size, text):
    render.clear_caches()
    path = render.font_path(font)
    mask, offset = render._text_mask(path, size, text)
    x0, y0, _, _ = render.load_font(path, size).getbbox(text, anchor="la")
    assert offset == (int(x0), int(y0))
    assert np.array_equal(mask, _pillow_line(path, size, text))


#: A font, a size and a line of text in the fonts' scripts (one or several spaces
#: between words) for the hypothesis tests of lines drawn from cached glyphs.
LINES = (
    st.sampled_from(FONT_FILES),
    st.integers(min_value=8, max_value=140),
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789   "
        "fffijTVAWYLj.,;:!?'\"“”‘’—–-()/&%éèñüçÅ",
        min_size=1,
        max_size=40,
    ),
)


@settings(max_examples=150, deadline=None)
@given(*LINES)
def test_any_line_from_cached_glyphs_is_pixel_identical_to_pillow(path, size, text):
    text = drop_unsupported(text, path)
    if render.ink_box(path, size, text) is None:
        return
    mask, _ = render._text_mask(path, size, text)
    assert np.array_equal(mask, _pillow_line(path, size, text))


@settings(max_examples=150, deadline=None)
@given(*LINES)
def test_a_lines_ink_box_from_its_words_is_pillows(path, size, text):
    """From cached glyph metrics, one space or several between words. (At either end
    of a line Pillow's box counts a space's advance: lines never start or end so.)"""
    text = text.strip(" ")
    if not text:
        return
    font = render.load_font(path, size)
    expected = tuple(int(v) for v in font.getbbox(text, anchor="la"))
    box = render.ink_box(path, size, text)
    if box is None:
        assert expected[2] <= expected[0] or expected[3] <= expected[1]
    else:
        assert box == expected


@given(
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=1, max_value=70),
)
def test_tiling_by_doubling_is_numpys_tile(h, w, times):
    block = np.arange(h * w, dtype=np.uint8).reshape(h, w)
    assert np.array_equal(render._tiled(block, times), np.tile(block, (1, times)))
