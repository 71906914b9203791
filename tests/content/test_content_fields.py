"""Field values that would publish something other than what they seem to say (issue 19):
recall links to look-alike sites, invisible or direction-changing characters, dates no
post can have, tags without an address, fields that replace Pelican's own data."""

from __future__ import annotations

import runpy
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CONTENT
from healthnotes.config import SiteConfig
from healthnotes.content.model import RawPost, parse_post
from healthnotes.errors import SettingsError

ROOT = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("America/Los_Angeles")
TODAY = date(2026, 12, 4)


def settings(**extra: object) -> dict:
    values = runpy.run_path(str(ROOT / "pelicanconf.py"))
    values["PATH"] = str(CONTENT)
    return {**values, **extra}


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return SiteConfig.from_settings(settings())


def raw(**metadata: object) -> RawPost:
    base: dict[str, object] = {
        "title": "A title",
        "date": datetime(2026, 9, 1, 9, tzinfo=TZ),
        "type": "qa",
        "question": "Can I?",
    }
    base.update(metadata)
    return RawPost(
        source="content/posts/x.md",
        slug="x",
        url="https://x.example/posts/x/",
        html="<p>Opening paragraph.</p>",
        metadata=base,
        lines={"title": 1, "recall_url": 7},
    )


def recall(url: str, agency: str = "FDA") -> RawPost:
    return raw(
        type="recall",
        recall_product="Baby spinach",
        recall_agency=agency,
        recall_reason="Listeria",
        recall_url=url,
        recall_date="2026-09-01",
    )


def errors(post: RawPost, config: SiteConfig) -> list[str]:
    _, problems = parse_post(post, config, today=TODAY)
    return [p.format() for p in problems if p.severity == "error"]


# --- Recall_Url ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agency", "url"),
    [
        ("FDA", "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts"),
        ("FDA", "https://fda.gov/x"),
        ("USDA FSIS", "https://www.fsis.usda.gov/recalls-alerts/x"),
        ("CPSC", "https://www.cpsc.gov/Recalls/2026/x"),
        ("NHTSA", "https://www.nhtsa.gov/recalls"),
        ("EPA", "https://www.epa.gov/x"),
        ("CDC", "https://www.cdc.gov/listeria/outbreaks/x"),
    ],
)
def test_a_recall_link_on_its_agencys_site_is_accepted(agency, url, config):
    assert errors(recall(url, agency), config) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://www.fda.gov/safety/recalls",  # not https
        "https://www.fda.gov.recalls-safety-alerts.example/x",  # look-alike
        "https://fda.gov-recalls.example/x",
        "https://notfda.gov/x",
        "https://www.cpsc.gov/x",  # another agency's site
        "https://www.fda.gov@evil.example/x",
    ],
)
def test_a_recall_link_off_the_agencys_domain_is_refused(url, config):
    [message] = errors(recall(url), config)
    assert message.startswith("content/posts/x.md:7: Recall_Url: ")
    assert "expected https:// on fda.gov" in message


# --- Invisible characters ------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200f", "\u00ad", "\ufeff"])
def test_invisible_or_direction_characters_in_a_title_are_refused(char, config):
    [message] = errors(raw(title=f"Flu {char}shots"), config)
    assert f"U+{ord(char):04X}" in message and "Title: contains invisible" in message


@given(st.text(alphabet="\u200b\u3164\u2800 \u00a0\u200d\u2060", min_size=1))
def test_a_title_of_only_invisible_characters_is_refused(title):
    config = SiteConfig.from_settings(settings())
    assert any("Title: " in m for m in errors(raw(title=title), config))


def test_an_emoji_title_with_a_joiner_is_fine(config):
    assert errors(raw(title="Health workers \U0001f469\u200d\u2695\ufe0f"), config) == []


def test_alt_text_of_only_invisible_characters_is_refused(config):
    post = raw(image="images/logo.png", image_alt="\u3164\u3164")
    assert any("Image_Alt: has no visible characters" in m for m in errors(post, config))


# --- Dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", datetime(1, 1, 1, tzinfo=TZ)),
        ("date", datetime(9999, 12, 31, tzinfo=TZ)),
        ("modified", datetime(9999, 1, 1, tzinfo=TZ)),
        ("last_reviewed", "1989-12-31"),
        ("last_reviewed", "0001-01-01"),
    ],
)
def test_a_date_outside_the_plausible_range_is_refused(field, value, config):
    extra = {"reviewed_by": "Dr. Ana Patel, MD"} if field == "last_reviewed" else {}
    messages = errors(raw(**{field: value}, **extra), config)
    assert any("is not a plausible date; expected a date from 1990-01-01" in m for m in messages)


def test_a_recall_date_ten_years_ahead_is_refused(config):
    post = recall("https://www.fda.gov/x")
    post = RawPost(**{**post.__dict__, "metadata": {**post.metadata, "recall_date": "2040-01-01"}})
    assert any("Recall_Date: 2040-01-01 is not a plausible" in m for m in errors(post, config))


# --- Tags ----------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["✓✓", "!!!", "💉", "---"])
def test_a_tag_without_an_address_is_refused_by_name(tag, config):
    [message] = errors(raw(tags=["flu", tag]), config)
    assert f"the tag {tag!r} has no letter or digit" in message


# --- Fields Pelican would use as its own ------------------------------------------------


@pytest.mark.parametrize(
    "field",
    ["save_as", "url", "template", "slug", "lang", "translation", "override_url", "path"],
)
def test_a_field_choosing_the_output_is_refused_unless_allowed(field, config):
    [message] = errors(raw(**{field: "x"}), config)
    assert "chooses the file's address" in message
    allowed = SiteConfig.from_settings(settings(ALLOW_CONTENT_OVERRIDES=[field.title()]))
    assert errors(raw(**{field: "x"}), allowed) == []


@pytest.mark.parametrize("field", ["settings", "content", "get_content", "timezone", "social"])
def test_a_field_named_like_pelicans_own_data_is_refused(field, config):
    [message] = errors(raw(**{field: "x"}), config)
    assert "is a name Pelican uses for its own data" in message


def test_the_refused_names_cover_every_attribute_of_pelicans_contents():
    from pelican.contents import Article, Page

    from healthnotes.config import CONTENT_OVERRIDES
    from healthnotes.content.model import COMMON_FIELDS, PELICAN_ATTRIBUTES

    names = {n.lower() for c in (Article, Page) for n in dir(c) if not n.startswith("_")}
    assert names - {*PELICAN_ATTRIBUTES, *CONTENT_OVERRIDES, *COMMON_FIELDS} == set()


@pytest.mark.parametrize("value", ["Template", ["Template", "Bogus"], [1]])
def test_allow_content_overrides_is_checked(value):
    with pytest.raises(SettingsError, match="ALLOW_CONTENT_OVERRIDES"):
        SiteConfig.from_settings(settings(ALLOW_CONTENT_OVERRIDES=value))


@pytest.mark.parametrize("value", [0, -5, "big", True, 1.5])
def test_max_picture_pixels_is_checked(value):
    with pytest.raises(SettingsError, match="MAX_PICTURE_PIXELS"):
        SiteConfig.from_settings(settings(MAX_PICTURE_PIXELS=value))
