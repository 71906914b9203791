"""Syndication mistakes get one clear line naming file and field, and publish nothing."""

from __future__ import annotations

import json

import pytest

from conftest import run_build, settings_file, tree_digest


def test_too_long_platform_override_names_file_and_field(tmp_path, content_copy):
    post = content_copy / "posts" / "winter-blues.md"
    post.write_text(post.read_text().replace("Type: qa", "Type: qa\nSummary_x: " + "word " * 70))
    build = run_build(tmp_path / "out", content=content_copy)
    assert build.returncode == 1
    [line] = [x for x in build.stderr.splitlines() if "winter-blues.md" in x]
    assert "Summary_x: too long for X: 349 weighted characters" in line and "limit 280" in line
    assert not (tmp_path / "out").exists()


def test_fitting_platform_override_is_used_verbatim(tmp_path, content_copy):
    post = content_copy / "posts" / "winter-blues.md"
    mine = "Short days, low mood? You are not alone."
    post.write_text(post.read_text().replace("Type: qa", f"Type: qa\nSummary_bluesky: {mine}"))
    build = run_build(tmp_path / "out", content=content_copy)
    assert build.ok, build.stderr
    data = json.loads((build.output / "syndication.json").read_text())
    [entry] = [p for p in data["posts"] if p["slug"] == "winter-blues"]
    assert entry["platforms"]["bluesky"]["text"].startswith(mine)


def test_truncated_hero_picture_names_the_post_and_leaves_output(tmp_path, content_copy):
    previous = run_build(tmp_path / "out")
    digest = tree_digest(previous.output)
    picture = content_copy / "images" / "hand-washing.jpg"
    picture.write_bytes(picture.read_bytes()[:20000])
    build = run_build(tmp_path / "out", content=content_copy, cache=tmp_path / "cards")
    assert build.returncode == 1
    [line] = [x for x in build.stderr.splitlines() if "hand-washing.md" in x]
    assert "Image: content/images/hand-washing.jpg could not be read" in line
    assert "Traceback" not in build.stderr
    assert tree_digest(tmp_path / "out") == digest


def test_missing_logo_is_a_settings_error(tmp_path, content_copy):
    (content_copy / "images" / "logo.png").unlink()
    build = run_build(
        tmp_path / "out", content=content_copy, settings=settings_file(tmp_path, content_copy, "")
    )
    assert build.returncode == 2
    assert "BRAND['logo']: file content/images/logo.png does not exist" in build.stderr


@pytest.mark.parametrize(
    ("platforms", "expected"),
    [
        ("['og', 'tiktok']", "PLATFORMS: unknown platform 'tiktok'; known platforms: og, x,"),
        ("['bluesky']", "PLATFORMS: 'bluesky' posts with the 'og' image; add 'og' to the list"),
    ],
)
def test_unknown_or_incomplete_platform_list_is_a_settings_error(
    tmp_path, content_copy, platforms, expected
):
    conf = settings_file(tmp_path, content_copy, f"PLATFORMS = {platforms}")
    build = run_build(tmp_path / "out", content=content_copy, settings=conf)
    assert build.returncode == 2
    assert expected in build.stderr


def test_only_enabled_platforms_get_cards_texts_and_feeds(tmp_path, content_copy):
    conf = settings_file(tmp_path, content_copy, "PLATFORMS = ['og', 'bluesky', 'mastodon']")
    build = run_build(tmp_path / "out", content=content_copy, settings=conf)
    assert build.ok, build.stderr
    data = json.loads((build.output / "syndication.json").read_text())
    assert all(set(p["platforms"]) == {"og", "bluesky", "mastodon"} for p in data["posts"])
    cards = [p.name for p in (build.output / "syndication" / "flu-shot-myth").glob("*.jpg")]
    assert [name.partition("-")[0] for name in cards] == ["og"]
    assert not (build.output / "feeds" / "x.xml").exists()
    assert (build.output / "feeds" / "bluesky.xml").exists()
