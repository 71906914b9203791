"""Hero cards drawn in YCbCr planes look like the same cards drawn in RGB.

:func:`render_card` draws a card with a hero as the JPEG encoder's own Y, Cb and Cr
planes (:func:`compose_hero_planes`); :func:`compose_card` still draws it in RGB (the
contrast checks read those pixels). Decoded, the two JPEGs may differ only by rounding
and by where chroma is averaged (on the hero rather than on the card).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
import simplejpeg
from PIL import Image, ImageDraw, ImageFilter

from healthnotes.social.cards.card import CardColours, CardInput
from healthnotes.social.cards.layout import layout_for
from healthnotes.social.cards.render import compose_card, encode_jpeg, render_card
from healthnotes.social.platforms import PLATFORMS

#: Mean absolute difference per channel (0-255) the planes may add, and the level that
#: all but one pixel in a thousand stay within.
MEAN_LEVELS = 1.0
P999_LEVELS = 10


def photo_like(size: tuple[int, int], fmt: str = "JPEG") -> bytes:
    """A smooth gradient with soft coloured shapes and grain: decodes and scales like a
    photo (a hero is a photo: random pixels are the contrast tests' worst case, not this)."""
    w, h = size
    mask = Image.linear_gradient("L").resize(size)
    image = Image.composite(
        Image.new("RGB", size, (40, 150, 90)), Image.new("RGB", size, (210, 180, 120)), mask
    )
    draw = ImageDraw.Draw(image)
    draw.ellipse((w // 5, h // 4, w // 2, h * 3 // 4), fill=(230, 60, 40))
    draw.rectangle((w * 3 // 5, h // 6, w * 9 // 10, h // 2), fill=(30, 60, 200))
    image = image.filter(ImageFilter.GaussianBlur(h // 40))
    grain = Image.effect_noise(size, 18).convert("RGB")
    image = Image.blend(image, grain, 0.08)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return buffer.getvalue()


HEROES = {
    "phone-photo": photo_like((2400, 1600)),
    "small-png": photo_like((700, 500), "PNG"),  # enlarged for every card
    "portrait": photo_like((1200, 1600)),
}


def card(hero: bytes) -> CardInput:
    return CardInput(
        title="Why antibiotics do not help a cold, and what does help you feel better",
        badge="Misconception",
        practice_name="Riverside Family Medicine",
        colours=CardColours(
            primary="#1f5f8b",
            accent="#f2b134",
            text="#1a1a1a",
            background="#ffffff",
            surface="#f4f6f8",
        ),
        hero=hero,
    )


@pytest.mark.parametrize("hero", list(HEROES), ids=list(HEROES))
@pytest.mark.parametrize("key", [k for k, p in PLATFORMS.items() if p.image is not None])
def test_a_hero_card_drawn_in_planes_decodes_within_a_few_levels_of_the_rgb_card(key, hero):
    spec = PLATFORMS[key].image
    assert spec is not None
    layout = layout_for(spec)
    item = card(HEROES[hero])
    planes = simplejpeg.decode_jpeg(render_card(item, spec, layout), colorspace="RGB")
    rgb = encode_jpeg(compose_card(item, spec, layout), layout.jpeg_quality)
    reference = simplejpeg.decode_jpeg(rgb, colorspace="RGB")
    assert planes.shape == reference.shape == (spec.height, spec.width, 3)
    difference = np.abs(planes.astype(np.int16) - reference.astype(np.int16))
    assert difference.mean() <= MEAN_LEVELS
    assert np.percentile(difference, 99.9) <= P999_LEVELS


@pytest.mark.parametrize("picture", ["flu-shot.jpg", "hand-washing.jpg", "spinach-bowl.jpg"])
def test_a_hero_card_of_odd_height_comes_out_the_same_bytes_every_time(picture):
    """LinkedIn's card is 627 pixels high: libjpeg-turbo reads 4:2:0 planes in pairs of
    rows, and read one row past the end of the Y plane's memory, so the same card came
    out as different bytes from one build to the next (on the code before, one of these
    pictures in three runs out of three)."""
    from conftest import ROOT

    spec = PLATFORMS["linkedin"].image
    assert spec.height % 2 == 1
    hero = (ROOT / "tests" / "data" / "site" / "images" / picture).read_bytes()
    made = {render_card(card(hero), spec, layout_for(spec)) for _ in range(25)}
    assert len(made) == 1
