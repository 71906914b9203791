"""Cards that carry the post's content: what each type's card shows, its alt text,
its brand variation, readable sizes and contrast, and a picture left visible."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render import IMAGE_PLATFORMS, NOISY_HERO, WHITE_HERO, card, measured_contrasts, spec_of

from healthnotes.social.cards.card import CardLine
from healthnotes.social.cards.layout import (
    LAYOUT_RULES,
    READABLE_MIN,
    VARIATIONS,
    layout_for,
    variation_for,
)
from healthnotes.social.cards.render import draw_card, plan_card
from healthnotes.social.plan import card_alt
from healthnotes.social.platforms import PLATFORMS, image_alt_limit

MYTH = (
    CardLine(label="Myth", text="You can catch the flu from the flu shot.", priority=0),
    CardLine(
        label="Fact",
        text="Flu shots are made with killed virus or one piece of it, so they cannot "
        "cause the flu. A sore arm for a day is your body building protection.",
        priority=1,
    ),
)
RECALL = (
    CardLine(label="Product", text="Smith & Sons Organic Baby Spinach, 5 oz", priority=0),
    CardLine(label="Why", text="It may carry Listeria, a germ that can make you ill.", priority=2),
    CardLine(label="Lots", text="SS26224, SS26225, SS26226", priority=3),
    CardLine(label="Do this", text="Do not eat it. Throw it away.", priority=1),
)


def shown(item, key):
    plan = plan_card(item, layout_for(spec_of(key)))
    return plan, [t.text for t in plan.items if t.role == "label"]


@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
def test_the_misconception_card_shows_the_myth_and_the_fact(key):
    _, labels = shown(card("Can the Flu Shot Give You the Flu?", lines=MYTH), key)
    assert labels == ["Myth:", "Fact:"]


@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
def test_the_recall_card_always_shows_the_product_and_what_to_do(key):
    _, labels = shown(card("Recall: Spinach", badge="Recall alert", lines=RECALL), key)
    assert {"Product:", "Do this:"} <= set(labels)
    assert labels == sorted(labels, key=["Product:", "Why:", "Lots:", "Do this:"].index)


@pytest.mark.parametrize("key", IMAGE_PLATFORMS)
@pytest.mark.parametrize("hero", [None, WHITE_HERO], ids=["plain", "hero"])
def test_no_text_on_a_card_is_below_the_readable_size(key, hero):
    plan, _ = shown(card("How to wash your hands", lines=MYTH, hero=hero), key)
    width = spec_of(key).width
    for item in plan.items:
        if item.role in ("title", "label", "detail"):
            assert item.size >= round(READABLE_MIN * width), item


def test_every_layout_rule_keeps_content_at_a_readable_size():
    for rule in LAYOUT_RULES:
        assert min(rule.title_min, rule.detail_min) >= READABLE_MIN, rule.orientation


@pytest.mark.parametrize("variation", range(len(VARIATIONS)))
@pytest.mark.parametrize("key", ["og", "instagram", "story"])
@pytest.mark.parametrize("hero", [None, NOISY_HERO], ids=["plain", "noisy-hero"])
def test_content_lines_contrast_at_least_4_5_on_every_variation(key, variation, hero):
    item = card("Can the Flu Shot Give You the Flu?", lines=MYTH, variation=variation, hero=hero)
    for label, ratio in measured_contrasts(item, key):
        assert ratio >= 4.5, f"{label}: {ratio:.2f}"


def test_posts_get_different_brand_variations_the_same_on_every_build():
    slugs = [f"post-{n}" for n in range(40)]
    assert {variation_for(s) for s in slugs} == set(range(len(VARIATIONS)))
    assert [variation_for(s) for s in slugs] == [variation_for(s) for s in slugs]
    og = spec_of("og")
    first, second = (draw_card(card(variation=v), og, layout_for(og)) for v in (0, 1))
    assert first.getpixel((5, 5)) != second.getpixel((5, 5))


@pytest.mark.parametrize("key", ["og", "instagram", "story"])
def test_a_picture_stays_clear_away_from_the_text(key):
    spec = spec_of(key)
    image = draw_card(card("Short title", lines=MYTH, hero=WHITE_HERO), spec, layout_for(spec))
    corner = (spec.width - 10, spec.safe_top + 10)  # top right: no text there
    assert image.getpixel(corner) == (255, 255, 255)


def test_the_alt_text_does_not_repeat_the_badge_when_the_title_starts_with_it():
    item = card('Recall: "Smith & Sons" Spinach', badge="Recall alert", lines=RECALL)
    alt = card_alt(item, "A bowl of spinach.", 1000)
    assert not alt.startswith("Recall alert: Recall")
    assert alt.startswith('Recall: "Smith & Sons" Spinach. Product: Smith & Sons')
    assert "Do this: Do not eat it." in alt and alt.endswith("Picture: A bowl of spinach.")
    myth = card_alt(card("Can the Flu Shot Give You the Flu?", badge="Myth vs fact"), None, 420)
    assert myth == "Myth vs fact: Can the Flu Shot Give You the Flu?"


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(min_size=1, max_size=300),
    text=st.text(max_size=2000),
    picture=st.none() | st.text(max_size=1000),
)
def test_alt_text_is_within_every_platforms_alt_limit(title, text, picture):
    item = replace(card(title), lines=(CardLine(label="Fact", text=text or "x"),))
    for key in IMAGE_PLATFORMS:
        limit = image_alt_limit(key)
        assert len(card_alt(item, picture, limit)) <= limit
        assert limit <= min(p.alt_limit for p in PLATFORMS.values() if p.key == key)
