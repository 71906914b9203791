"""healthnotes.config: settings are checked once, and a bad one names its key."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

from healthnotes.config import (
    SiteConfig,
    build_folders,
    contrast,
    new_post_settings,
    settings_beside_file,
)
from healthnotes.errors import SettingsError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def settings() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "pelicanconf.py"))


def test_example_settings_are_valid(settings):
    config = SiteConfig.from_settings(settings)
    assert config.practice.name == "Maple Grove Family Medicine"
    assert config.practice.phone_href == "+15415550142"
    assert config.feed_max_items == 20


def test_publish_settings_use_an_absolute_site_url():
    publish = runpy.run_path(str(ROOT / "publishconf.py"))
    assert publish["SITEURL"].startswith("https://")
    assert publish["RELATIVE_URLS"] is False
    assert publish["DELETE_OUTPUT_DIRECTORY"] is True
    assert publish["DRAFT_SAVE_AS"] == "" and publish["DRAFT_LANG_SAVE_AS"] == ""


def test_pelican_feeds_are_off_in_both_settings_files(settings):
    publish = runpy.run_path(str(ROOT / "publishconf.py"))
    for conf in (settings, publish):
        for key in (
            "FEED_ALL_ATOM",
            "CATEGORY_FEED_ATOM",
            "AUTHOR_FEED_ATOM",
            "AUTHOR_FEED_RSS",
            "TRANSLATION_FEED_ATOM",
            "FEED_ATOM",
            "FEED_RSS",
            "FEED_ALL_RSS",
        ):
            assert conf[key] is None, key


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("SITEURL", "", "SITEURL: expected an absolute http(s) address"),
        ("TIMEZONE", "Mars/Olympus", "TIMEZONE: expected a time zone name"),
        ("FEED_MAX_ITEMS", 0, "FEED_MAX_ITEMS: expected a whole number of at least 1"),
        ("PRACTICE", {"name": "X"}, "PRACTICE: missing 'street', 'city'"),
        ("PUBLIC_NAMES", "Willamette Valley", "PUBLIC_NAMES: expected a list of names"),
        ("PUBLIC_NAMES", ["Willamette Valley", 3], "PUBLIC_NAMES: expected each name in quotes"),
        ("PUBLIC_NAMES", ["Grace"], "PUBLIC_NAMES: 'Grace' is one word: a single word here"),
        ("SEARCH_SHELF_SIZE", 0, "SEARCH_SHELF_SIZE: expected a whole number from 1 to"),
        ("SEARCH_SHELF_SIZE", "200", "SEARCH_SHELF_SIZE: expected a whole number from 1 to"),
        ("SEARCH_SHELF_SIZE", 2.5, "SEARCH_SHELF_SIZE: expected a whole number from 1 to"),
        (
            "PAGINATED_TEMPLATES",
            {"index": None, "category": None, "author": None},
            "PAGINATED_TEMPLATES: expected it to list index, tag, category, author",
        ),
    ],
)
def test_invalid_setting_names_the_key(settings, key, value, expected):
    settings[key] = value
    with pytest.raises(SettingsError) as info:
        SiteConfig.from_settings(settings)
    assert str(info.value).startswith("pelicanconf.py: ")
    assert expected in str(info.value)


def test_invalid_colour_is_a_settings_error(settings):
    settings["BRAND"] = {**settings["BRAND"], "primary": "blueish"}
    with pytest.raises(SettingsError, match=r"BRAND\['primary'\]: 'blueish' is not a colour"):
        SiteConfig.from_settings(settings)


def test_brand_colour_below_wcag_contrast_is_a_settings_error(settings):
    settings["BRAND"] = {**settings["BRAND"], "primary": "#7fb2d9"}  # light blue on white
    with pytest.raises(SettingsError, match=r"BRAND\['primary'\]: .* contrast \d\.\d\d:1"):
        SiteConfig.from_settings(settings)


def test_unknown_brand_key_is_a_settings_error(settings):
    settings["BRAND"] = {**settings["BRAND"], "primry": "#000000"}
    with pytest.raises(SettingsError, match="unknown key"):
        SiteConfig.from_settings(settings)


def test_contrast_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# --- Settings some commands read alone -----------------------------------------------


def test_a_settings_file_s_content_folder_is_beside_it_wherever_the_command_runs(
    tmp_path, monkeypatch
):
    conf = tmp_path / "site" / "conf.py"
    conf.parent.mkdir()
    conf.write_text('PATH = "content"\n')
    monkeypatch.chdir(tmp_path)
    assert settings_beside_file(conf)["PATH"] == str(tmp_path / "site" / "content")


def test_make_new_reads_its_settings_alone_so_a_wrong_colour_does_not_stop_it(settings):
    settings["BRAND"] = {**settings["BRAND"], "primary": "blueish"}
    wanted = new_post_settings(settings)
    assert wanted.posts == Path("content", "posts").resolve()
    assert wanted.timezone == "America/Los_Angeles"
    assert wanted.author == "Maple Grove Family Medicine"


def test_make_new_writes_into_the_first_posts_folder_in_utc_when_no_time_zone_is_set():
    wanted = new_post_settings({"PATH": "/site/content", "ARTICLE_PATHS": ["news", "posts"]})
    assert (wanted.posts, wanted.timezone, wanted.author) == (
        Path("/site/content/news").resolve(),
        "UTC",
        "",
    )


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("TIMEZONE", "Mars/Olympus", "conf.py: TIMEZONE: expected a time zone name"),
        ("ARTICLE_PATHS", "posts", "conf.py: ARTICLE_PATHS: expected a list of folder names"),
    ],
)
def test_a_wrong_setting_make_new_reads_names_its_key(settings, key, value, expected):
    settings[key] = value
    with pytest.raises(SettingsError) as info:
        new_post_settings(settings, settings_file="conf.py")
    assert str(info.value).startswith(expected)


def test_the_build_s_folders_are_read_alone_and_a_wrong_one_names_its_key():
    folders = build_folders({"REPORT_PATH": "out/r.html"})
    assert (folders.cache, folders.report) == (Path(".cache/healthnotes"), Path("out/r.html"))
    with pytest.raises(SettingsError, match=r"^conf.py: BUILD_CACHE_PATH: expected a folder"):
        build_folders({"BUILD_CACHE_PATH": 5}, settings_file="conf.py")


def test_public_names_are_kept_whole_with_their_spaces_tidied(settings):
    settings["PUBLIC_NAMES"] = ["Willamette  Valley", "PeaceHealth", "Willamette Valley"]
    assert SiteConfig.from_settings(settings).public_names == ("Willamette Valley", "PeaceHealth")
