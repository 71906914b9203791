"""healthnotes.social.slides: carousels planned from content, drawn readable and on brand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from sample_posts import load, site_config

from conftest import typed_post
from healthnotes.config import MIN_TEXT_CONTRAST
from healthnotes.content.model import QA, HowTo, Misconception, PostType
from healthnotes.social.cards.card import CardColours
from healthnotes.social.slides import ContentCache, carousel, paragraphs_from_html, render
from healthnotes.social.slides.plan import (
    ABBREVIATIONS,
    FIELDS,
    FORMATS,
    KINDS,
    MAX_WORDS_PER_SLIDE,
    PLANS,
    SLIDES_PER_BODY_PARAGRAPH,
    PlanError,
    SlideKind,
    balance,
    longest_prefix,
    min_text_px,
    plan_slides,
    sentences,
    split_units,
)
from healthnotes.social.slides.render import LAYOUT, VARIANTS, colours_for, layout_slide


@pytest.fixture(scope="module")
def config():
    return site_config()


@pytest.fixture(scope="module")
def colours(config):
    return CardColours.of(config.brand)


def fits_for(fmt):
    return lambda kind, label, body: render.fits(fmt, kind, label, body)


# ---------------------------------------------------------------------------- the tables


def test_every_post_type_has_a_plan_and_every_plan_names_known_fields_kinds_and_variants():
    assert set(PLANS) == set(PostType)
    for sources in PLANS.values():
        assert sources[0].kind is SlideKind.COVER
        for source in sources:
            assert source.field in FIELDS and source.kind in KINDS
    for spec in KINDS.values():
        assert spec.variants and all(v in VARIANTS for v in spec.variants)


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=list(FORMATS))
def test_every_text_size_is_at_least_the_minimum_for_phone_reading(fmt):
    assert min_text_px(fmt) >= 40 * fmt.width / 1080
    assert LAYOUT.label_px >= min_text_px(fmt) and LAYOUT.footer_px >= min_text_px(fmt)
    for kind in SlideKind:
        sizes = render.body_sizes(fmt, kind)
        assert sizes and min(sizes) >= min_text_px(fmt)


def test_platform_limits_are_the_documented_ones():
    assert (FORMATS["instagram"].size, FORMATS["instagram"].max_slides) == ((1080, 1350), 20)
    assert (FORMATS["tiktok"].size, FORMATS["tiktok"].max_slides) == ((1080, 1920), 35)
    tiktok = FORMATS["tiktok"].safe
    assert tiktok.top >= 220 and tiktok.bottom >= 400


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_keeps_text_and_label_contrast_on_every_background_colour(variant, colours):
    from healthnotes.config import contrast

    c = colours_for(variant, colours)
    for bg in c.backgrounds:
        assert contrast(c.text, bg) >= MIN_TEXT_CONTRAST
        assert contrast(c.label, bg) >= MIN_TEXT_CONTRAST


# ------------------------------------------------------------------------- real posts


def test_a_misconception_becomes_cover_myth_fact_why_and_closing(config):
    post, paragraphs = load("antibiotics-cold-myth")
    planned = plan_slides(
        post, paragraphs, config, FORMATS["instagram"], fits_for(FORMATS["instagram"])
    )
    kinds = [p.kind for p in planned]
    assert kinds[:3] == [SlideKind.COVER, SlideKind.MYTH, SlideKind.FACT]
    assert kinds[-1] is SlideKind.CLOSING and SlideKind.WHY in kinds
    assert planned[1].body == post.details.myth
    assert "health.maplegrovefamily.example/posts/antibiotics-cold-myth" in planned[-1].body


def test_a_recall_shows_product_lots_what_to_do_and_poison_help(config):
    post, paragraphs = load("spinach-recall")
    planned = plan_slides(post, paragraphs, config, FORMATS["tiktok"], fits_for(FORMATS["tiktok"]))
    kinds = [p.kind for p in planned]
    assert kinds == [
        SlideKind.COVER,
        SlideKind.PRODUCT,
        SlideKind.REASON,
        SlideKind.LOTS,
        SlideKind.ACTION,
        SlideKind.POISON_HELP,
        SlideKind.CLOSING,
    ]
    by_kind = {p.kind: p for p in planned}
    assert by_kind[SlideKind.LOTS].body.split("\n") == list(post.details.lots)
    assert "1-800-222-1222" in by_kind[SlideKind.POISON_HELP].body
    assert by_kind[SlideKind.ACTION].body == post.details.action


@pytest.mark.parametrize("name", ["antibiotics-cold-myth", "spinach-recall"])
@pytest.mark.parametrize("platform", ["instagram", "tiktok"])
def test_every_slide_is_in_the_safe_area_large_enough_and_in_contrast(
    name, platform, config, colours
):
    fmt = FORMATS[platform]
    post, paragraphs = load(name)
    planned = plan_slides(post, paragraphs, config, fmt, fits_for(fmt))
    for number, slide in enumerate(planned, start=1):
        drawing = layout_slide(slide, number, len(planned), fmt, colours, config.practice.name)
        background = drawing.background.astype(np.float64) / 255
        linear = np.where(
            background <= 0.04045, background / 12.92, ((background + 0.055) / 1.055) ** 2.4
        )
        luminance = linear @ np.array([0.2126, 0.7152, 0.0722])
        body_text = " ".join(r.text for r in drawing.runs if r.role in ("body", "display"))
        assert "".join(body_text.split()) == "".join(slide.body.split())  # all drawn
        drawn = set(body_text.split())  # only a web address too wide for a line is broken
        assert all(w in drawn for w in slide.body.split() if len(w) <= 24)
        for run in drawing.runs:
            x0, y0, x1, y1 = run.box
            assert run.size >= min_text_px(fmt)
            assert fmt.safe.left <= x0 and x1 <= fmt.width - fmt.safe.right, run
            assert fmt.safe.top <= y0 and y1 <= fmt.height - fmt.safe.bottom, run
            under = luminance[y0:y1, x0:x1]
            fill = np.array([int(run.fill[i : i + 2], 16) for i in (1, 3, 5)]) / 255
            fill_l = float(
                np.where(fill <= 0.04045, fill / 12.92, ((fill + 0.055) / 1.055) ** 2.4)
                @ [0.2126, 0.7152, 0.0722]
            )
            for bg_l in (under.min(), under.max()):
                hi, lo = max(fill_l, bg_l), min(fill_l, bg_l)
                assert (hi + 0.05) / (lo + 0.05) >= MIN_TEXT_CONTRAST, run


def _pillow_slide(drawing: render.SlideDrawing) -> np.ndarray:
    """The slide as ``ImageDraw`` draws it: the rule, then each line at its baseline."""
    image = Image.fromarray(drawing.background.copy())
    pen = ImageDraw.Draw(image)
    x0, y0, x1, y1 = drawing.rule
    pen.rectangle((x0, y0, x1 - 1, y1 - 1), fill=drawing.rule_fill)
    for run in drawing.runs:
        font = render._font(run.role, run.size)
        ascent, descent = font.getmetrics()
        step = run.box[3] - run.box[1]
        baseline = run.box[1] + (step - ascent - descent) // 2 + ascent
        pen.text((run.box[0], baseline), run.text, font=font, fill=run.fill, anchor="ls")
    return np.asarray(image)


_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    ".,;:!?'\"“”‘’—–-()/&%éèñüçÅfijTVAWYL",
    min_size=1,
    max_size=16,
)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["body", "display", "label", "footer"]),
    st.sampled_from(sorted({*LAYOUT.body_px, *LAYOUT.display_px, LAYOUT.label_px})),
    st.lists(_WORD, min_size=1, max_size=10),
)
def test_a_line_is_as_wide_as_its_words_and_spaces(role, size, words):
    """What lets wrapping measure each word once rather than every candidate line."""
    font = render._font(role, size)
    line = " ".join(words)
    assert font.getlength(line) == sum(map(font.getlength, words)) + font.getlength(" ") * (
        len(words) - 1
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=40), st.integers(min_value=100, max_value=900))
def test_wrapped_lines_are_the_longest_that_fit_as_pillow_measures_them(words, width):
    """Every line of several words fits; when every word fits a line, each line is the
    longest that fits (a word too wide is cut on lines of its own: found by hypothesis,
    ['0', '00:M'] at 122 px puts '0' alone though '0 00:' is 122 px)."""
    font = render._font("body", 60)
    greedy = all(font.getlength(word) <= width for word in words)
    for lines in render.wrap("body", 60, " ".join(words), width):
        for line, following in zip(lines, [*lines[1:], None], strict=True):
            if len(line.split()) > 1:
                assert font.getlength(line) <= width
            if greedy and following is not None:
                assert font.getlength(f"{line} {following.split()[0]}") > width


@pytest.mark.parametrize("platform", ["instagram", "tiktok"])
def test_a_slide_is_drawn_as_pillow_draws_it_within_one_level(platform, config, colours):
    fmt = FORMATS[platform]
    post, paragraphs = load("antibiotics-cold-myth")
    planned = plan_slides(post, paragraphs, config, fmt, fits_for(fmt))
    for number, slide in enumerate(planned, start=1):
        drawing = layout_slide(slide, number, len(planned), fmt, colours, config.practice.name)
        drawn = render.draw(drawing).astype(np.int16)
        assert np.abs(drawn - _pillow_slide(drawing)).max() <= 1, slide.kind


def test_alt_text_says_what_each_slide_says_once_within_the_limit(config):
    post, paragraphs = load("spinach-recall")
    slides = carousel(post, paragraphs, config, "instagram")
    alts = [s.alt for s in slides]
    assert len(set(alts)) == len(alts)
    for slide in slides:
        assert 0 < len(slide.alt) <= FORMATS["instagram"].alt_limit
        assert "…" not in slide.alt
        first = sentences(slide.alt)
        assert len(first) == len(set(first))  # no sentence said twice
        assert (slide.width, slide.height) == (1080, 1350)
        assert slide.jpeg[:2] == b"\xff\xd8"
    assert "Check the lot code: SS26224, SS26225, SS26226." in alts
    assert alts[0].startswith("Recall:")  # not "Recall explainer: Recall: …"


# ------------------------------------------------------------------------------ splitting

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")


@given(st.lists(_SENTENCE, min_size=1, max_size=12), st.integers(min_value=20, max_value=200))
def test_splitting_keeps_every_word_in_order_and_each_slide_within_its_limit(units, limit):
    def fits(body: str) -> bool:
        return len(body) <= limit

    for split in (split_units, balance):
        bodies = split(units, " ", fits)
        assert " ".join(bodies).split() == " ".join(units).split()
        for body in bodies:
            assert fits(body)
            assert "…" not in body


@given(
    st.lists(st.text(alphabet="ab", min_size=1, max_size=400), min_size=1, max_size=6),
    st.integers(min_value=5, max_value=60),
    st.one_of(st.none(), st.integers(min_value=1, max_value=8)),
)
def test_a_word_longer_than_a_slide_is_cut_between_characters_into_bodies_that_fit(
    words, limit, most
):
    def fits(body: str) -> bool:
        return len(body) <= limit

    text = " ".join(words)
    bodies = split_units([text], " ", fits, most)
    assert all(fits(body) for body in bodies)
    letters = "".join("".join(bodies).split())
    if most is None:
        assert letters == "".join(words)
    else:
        assert len(bodies) <= most
        assert "".join(words).startswith(letters)


@given(
    st.text(min_size=1, max_size=300),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=-5, max_value=400),
)
def test_the_longest_prefix_search_finds_the_same_length_from_any_guess(text, fitting, guess):
    calls: list[int] = []

    def ok(head: str) -> bool:
        calls.append(len(head))
        return len(head) <= fitting

    assert longest_prefix(text, ok, guess) == max(1, min(fitting, len(text)))
    assert len(calls) <= 4 * (len(text).bit_length() + 1)


@given(
    st.lists(
        _SENTENCE.filter(lambda s: s.split()[-1].casefold() not in ABBREVIATIONS),
        min_size=2,
        max_size=8,
    )
)
def test_sentences_split_where_sentences_end(units):
    assert sentences(" ".join(units)) == tuple(units)


def test_abbreviations_do_not_end_a_sentence():
    assert sentences("Ask Dr. Patel. She knows e.g. Dr. Lee.") == (
        "Ask Dr. Patel.",
        "She knows e.g. Dr. Lee.",
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    myth=st.lists(_SENTENCE, min_size=1, max_size=10).map(" ".join),
    fact=st.lists(_SENTENCE, min_size=1, max_size=30).map(" ".join),
    platform=st.sampled_from(["instagram", "tiktok"]),
)
def test_any_misconception_plans_slides_that_fit_and_keep_every_word(myth, fact, platform, config):
    fmt = FORMATS[platform]
    post = typed_post(Misconception(myth=myth, fact=fact))
    planned = plan_slides(post, [], config, fmt, fits_for(fmt))
    assert len(planned) <= fmt.max_slides
    for kind, text in ((SlideKind.MYTH, myth), (SlideKind.FACT, fact)):
        bodies = [p.body for p in planned if p.kind is kind]
        assert " ".join(bodies).split() == text.split()
    for p in planned:
        assert render.fits(fmt, p.kind, p.label, p.body)
        assert len(p.body.split()) <= MAX_WORDS_PER_SLIDE
        assert len(p.alt) <= fmt.alt_limit


def test_too_many_essential_slides_is_an_error_not_a_silent_cut(config):
    steps = tuple(f"Do thing number {n}." for n in range(1, 26))
    post = typed_post(HowTo(steps=steps))
    with pytest.raises(PlanError, match="at most 20"):
        plan_slides(post, [], config, FORMATS["instagram"], fits_for(FORMATS["instagram"]))
    planned = plan_slides(post, [], config, FORMATS["tiktok"], fits_for(FORMATS["tiktok"]))
    assert [p.label for p in planned if p.kind is SlideKind.STEP][-1] == "Step 25 of 25"


def test_optional_slides_go_first_when_there_are_too_many(config):
    paragraphs = [" ".join(["This is a sentence about the answer."] * 5)] * 3
    post = typed_post(QA(question="Why?"), title="A question")
    fmt = replace(FORMATS["instagram"], max_slides=4)
    planned = plan_slides(post, paragraphs, config, fmt, fits_for(fmt))
    assert [p.kind for p in planned] == [
        SlideKind.COVER,
        SlideKind.QUESTION,
        SlideKind.ANSWER,
        SlideKind.CLOSING,
    ]


def test_a_mental_health_post_gets_the_988_slide(config):
    post = typed_post(QA(question="Is it the winter blues?"), tags=("depression",))
    planned = plan_slides(
        post, ["Short answer."], config, FORMATS["tiktok"], fits_for(FORMATS["tiktok"])
    )
    assert any(p.kind is SlideKind.CRISIS and "988" in p.body for p in planned)


def test_paragraphs_come_from_top_level_p_elements_only():
    html = (
        "<h2>Hi</h2><p>One &amp; <a href='x'>two</a>.</p><ul><li><p>Item</p></li></ul>"
        "<blockquote><p>Q</p></blockquote><p>Three.</p>"
    )
    assert paragraphs_from_html(html) == ["One & two.", "Three."]


# ---------------------------------------------------------------------------------- cache


def test_an_unchanged_post_draws_no_slide_and_a_changed_title_redraws_only_the_cover(
    config, tmp_path, monkeypatch
):
    post = typed_post(Misconception(myth="Cold weather causes colds.", fact="Viruses cause colds."))
    first = carousel(
        post, ["Colds spread indoors."], config, "instagram", cache=ContentCache(tmp_path, ".jpg")
    )

    def no_drawing(*_a, **_k):
        raise AssertionError("drew a slide")

    with monkeypatch.context() as m:
        m.setattr(render, "draw", no_drawing)
        cache = ContentCache(tmp_path, ".jpg")
        again = carousel(post, ["Colds spread indoors."], config, "instagram", cache=cache)
    assert [s.jpeg for s in again] == [s.jpeg for s in first]
    assert (cache.hits, cache.misses) == (len(first), 0)

    cache = ContentCache(tmp_path, ".jpg")
    carousel(
        replace(post, title="A new title"),
        ["Colds spread indoors."],
        config,
        "instagram",
        cache=cache,
    )
    assert cache.misses == 1


def test_a_damaged_cache_file_is_drawn_again(config, tmp_path):
    post = typed_post(Misconception(myth="Myth.", fact="Fact."))
    cache = ContentCache(tmp_path, ".jpg")
    slides = carousel(post, [], config, "tiktok", cache=cache)
    victim = next((tmp_path / "objects").iterdir())
    victim.write_bytes(b"x" * victim.stat().st_size)
    cache = ContentCache(tmp_path, ".jpg")
    again = carousel(post, [], config, "tiktok", cache=cache)
    assert cache.misses == 1 and [s.jpeg for s in again] == [s.jpeg for s in slides]


@pytest.mark.parametrize("platform", ["instagram", "tiktok", "linkedin"])
def test_a_word_too_long_for_a_slide_is_cut_into_slides_that_each_fit(platform, config):
    fmt = FORMATS[platform]
    word = "a" * 5_000
    post = typed_post(Misconception(myth="Colds come from cold air.", fact="Viruses do."))
    planned = plan_slides(post, ["Wash your hands.", word], config, fmt, fits_for(fmt))
    why = [p.body for p in planned if p.kind is SlideKind.WHY]
    assert len(why) > 2
    assert why[0] == "Wash your hands."
    assert word.startswith("".join(why[1:]))
    for p in planned:
        assert render.fits(fmt, p.kind, p.label, p.body), p.body[:40]


def test_a_one_megabyte_word_makes_a_few_slides_not_hundreds(config):
    """What once stopped a build with Pillow's decompression-bomb error (a 1.6-gigapixel
    line of text), or drew 300 pages of a LinkedIn document."""
    post = typed_post(Misconception(myth="Colds come from cold air.", fact="Viruses do."))
    slides = carousel(post, ["Wash your hands.", "a" * 1_000_000], config, "linkedin")
    why = [s for s in slides if s.kind is SlideKind.WHY]
    assert 1 < len(why) <= 1 + SLIDES_PER_BODY_PARAGRAPH
    assert all(len(s.alt) <= FORMATS["linkedin"].alt_limit for s in slides)


def test_a_question_that_is_the_title_is_not_shown_twice(config):
    post = typed_post(QA(question="Do I need an antibiotic?"), title="Do I need an antibiotic?")
    fmt = FORMATS["instagram"]
    planned = plan_slides(post, ["Usually not."], config, fmt, fits_for(fmt))
    assert [p.kind for p in planned] == [SlideKind.COVER, SlideKind.ANSWER, SlideKind.CLOSING]
