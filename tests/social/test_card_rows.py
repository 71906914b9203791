"""Plain cards and carousel slides put together from rows of MCUs encoded apart (cards/rows.py)."""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from sample_posts import load, site_config

from healthnotes.social.cards import render, rows
from healthnotes.social.cards.card import CardColours, CardInput, CardLine
from healthnotes.social.cards.layout import VARIATIONS, layout_for
from healthnotes.social.cards.render import compose_card, encode_jpeg, render_card
from healthnotes.social.platforms import PLATFORMS
from healthnotes.social.slides import render as slides
from healthnotes.social.slides.plan import FORMATS, plan_slides

BRAND = CardColours(
    primary="#1f5f8b", accent="#a8432a", text="#1b1f23", background="#ffffff", surface="#f4f7f9"
)
IMAGE_PLATFORMS = [key for key, p in PLATFORMS.items() if p.image is not None]
DRI = 0xDD  # the restart interval marker: only a file put together by rows has one


def markers(data: bytes) -> list[int]:
    """The JPEG markers of ``data`` up to its scan."""
    found, at = [], 2
    while data[at + 1] != 0xDA:
        found.append(data[at + 1])
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return found


def pixels(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"))


def logo() -> bytes:
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, 299, 199), fill=(31, 95, 139, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


LOGO = logo()


def plain(title: str, **changes: object) -> CardInput:
    card = CardInput(
        title=title,
        badge="Myth or fact",
        practice_name="Riverside Family Medicine",
        colours=BRAND,
        logo=LOGO,
        lines=(
            CardLine(label="Myth", text="Cold weather gives you a cold."),
            CardLine(
                label="Fact", text="Viruses do; winter only brings people indoors.", priority=1
            ),
        ),
    )
    return replace(card, **changes)


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(1, 90),
    height=st.integers(1, 70),
    quality=st.sampled_from([40, 88, 95]),
    seed=st.integers(0, 2**32 - 1),
)
def test_a_picture_put_together_from_rows_decodes_to_the_pixels_of_one_encode(
    width, height, quality, seed
):
    picture = np.random.default_rng(seed).integers(0, 256, (height, width, 3), np.uint8)
    coded = rows.coded(picture, quality)
    assert len(coded) == rows.row_count(height)
    together = rows.assemble(rows.header(width, height, quality), coded)
    assert np.array_equal(pixels(together), pixels(encode_jpeg(picture, quality)))


@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
@pytest.mark.parametrize("variation", range(len(VARIATIONS)))
def test_a_plain_card_encodes_only_its_own_rows_and_shows_what_compose_card_draws(key, variation):
    spec = PLATFORMS[key].image
    layout = layout_for(spec)
    for card in (
        plain("Do cold feet give you a cold?", variation=variation),
        plain("A title " * 20, variation=variation, logo=None, lines=()),
    ):
        data = render_card(card, spec, layout)
        assert DRI in markers(data)  # put together from rows
        whole = encode_jpeg(compose_card(card, spec, layout), layout.jpeg_quality)
        assert np.array_equal(pixels(data), pixels(whole))


def test_a_plain_card_whose_text_reaches_the_footer_is_drawn_whole():
    """Where the title overlaps the practice name the order of drawing counts: such a
    card is not put together from the background's rows."""
    spec = PLATFORMS["og"].image
    layout = layout_for(spec)
    low = replace(
        layout,
        title=replace(layout.title, x1=layout.content.x1, y1=layout.content.y1),
        title_valign_plain=1.0,
    )
    card = plain("A long title that fills every line it is given " * 3, lines=())
    assert render._plain_jpeg(card, low, low.jpeg_quality) is None
    data = render_card(card, spec, low)
    assert DRI not in markers(data)
    assert np.array_equal(
        pixels(data), pixels(encode_jpeg(compose_card(card, spec, low), low.jpeg_quality))
    )


def test_the_background_rows_are_encoded_once_per_layout_and_brand_and_a_badges_once_more():
    render.clear_caches()
    spec = PLATFORMS["instagram"].image
    layout = layout_for(spec)
    for number in range(4):
        render_card(plain(f"Title number {number}"), spec, layout)
    assert render._plain_rows.cache_info().misses == 1
    assert render._badge_rows.cache_info().misses == 1
    render_card(plain("Title", badge="Recall"), spec, layout)
    assert render._plain_rows.cache_info().misses == 1
    assert render._badge_rows.cache_info().misses == 2


@pytest.mark.parametrize("name", ["antibiotics-cold-myth", "spinach-recall"])
@pytest.mark.parametrize("platform", list(FORMATS))
def test_a_slide_is_put_together_from_rows_with_the_pixels_of_one_encode(name, platform):
    config = site_config()
    colours = CardColours.of(config.brand)
    fmt = FORMATS[platform]
    post, paragraphs = load(name)
    planned = plan_slides(
        post, paragraphs, config, fmt, lambda kind, label, body: slides.fits(fmt, kind, label, body)
    )
    for number, slide in enumerate(planned, start=1):
        drawing = slides.layout_slide(
            slide, number, len(planned), fmt, colours, config.practice.name
        )
        data = slides.jpeg(drawing)
        assert DRI in markers(data)
        assert np.array_equal(pixels(data), pixels(slides.encode(slides.draw(drawing))))
