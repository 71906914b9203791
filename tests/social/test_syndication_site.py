"""Syndication as the clients see it: cards opened with Pillow, feeds read with feedparser
and XPath, Open Graph read with extruct, the CSV with the csv module."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import extruct
import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

from conftest import CONTENT, run_build
from healthnotes.social.platforms import PLATFORMS, image_byte_limit
from healthnotes.social.texts import count, fits

POSTS = sorted(p.stem for p in (CONTENT / "posts").glob("*.md"))
IMAGE_PLATFORMS = [k for k, p in PLATFORMS.items() if p.image]
SITE = "https://health.maplegrovefamily.example"
MEDIA = "http://search.yahoo.com/mrss/"


def local(build, url: str) -> Path:
    assert url.startswith(SITE + "/"), url
    return build.output / url.removeprefix(SITE + "/")


@pytest.fixture(scope="module")
def manifest(published):
    return json.loads((published.output / "syndication.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("platform", IMAGE_PLATFORMS)
@pytest.mark.parametrize("slug", POSTS)
def test_every_card_opens_at_exactly_its_platform_size_under_its_byte_limit(
    published, slug, platform
):
    [path] = (published.output / "syndication" / slug).glob(f"{platform}-????????.jpg")
    spec = PLATFORMS[platform].image
    with Image.open(path) as image:
        image.load()
        assert image.format == "JPEG"
        assert image.size == (spec.width, spec.height)
        assert not image.getexif()
    assert path.stat().st_size <= image_byte_limit(platform)


def test_syndication_json_lists_every_post_and_platform_with_fitting_texts(published, manifest):
    assert {p["slug"] for p in manifest["posts"]} == set(POSTS)
    for post in manifest["posts"]:
        assert set(post["platforms"]) == set(PLATFORMS)
        for key, entry in post["platforms"].items():
            rule = PLATFORMS[key].text
            assert entry["length"] == count(entry["text"], rule) <= rule.limit
            assert fits(entry["text"], rule)
            image = entry["image"]
            file = published.output / image["path"]
            assert file.stat().st_size == image["bytes"]
            with Image.open(file) as picture:
                assert picture.size == (image["width"], image["height"])
            assert image["alt"]


def test_instagram_texts_carry_no_link_and_x_texts_carry_the_utm_link(manifest):
    for post in manifest["posts"]:
        insta = post["platforms"]["instagram"]["text"]
        assert "http" not in insta and "Link in bio" in insta
        x = post["platforms"]["x"]
        assert x["link"] in x["text"]
        assert f"utm_source=x&utm_medium=social&utm_campaign={post['slug']}" in x["link"]


@pytest.mark.parametrize("slug", POSTS)
def test_open_graph_and_twitter_tags_point_to_real_cards(published, slug):
    html = (published.output / "posts" / slug / "index.html").read_text(encoding="utf-8")
    [found] = extruct.extract(html, base_url=f"{SITE}/posts/{slug}/", syntaxes=["opengraph"])[
        "opengraph"
    ]
    og = dict(found["properties"])
    assert og["og:type"] == "article" and og["og:url"] == f"{SITE}/posts/{slug}/"
    assert og["og:title"] and og["og:description"] and og["og:image:alt"]
    with Image.open(local(published, og["og:image"])) as card:
        assert card.size == (int(og["og:image:width"]), int(og["og:image:height"])) == (1200, 630)
    assert og["og:image:type"] == "image/jpeg"
    assert og["article:published_time"]
    twitter = dict(re.findall(r'<meta name="(twitter:[a-z:]+)" content="([^"]*)"', html))
    assert twitter["twitter:card"] == "summary_large_image"
    with Image.open(local(published, twitter["twitter:image"])) as card:
        assert card.size == (1200, 600)
    assert twitter["twitter:image:alt"]


def test_main_feed_items_carry_the_og_card_as_enclosure_and_media_content(published):
    tree = etree.parse(str(published.output / "feeds" / "all.rss.xml"))
    items = tree.xpath("//item")
    assert items
    for item in items:
        [enclosure] = item.xpath("enclosure")
        file = local(published, enclosure.get("url"))
        assert int(enclosure.get("length")) == file.stat().st_size
        assert enclosure.get("type") == "image/jpeg"
        [media] = item.xpath("m:content", namespaces={"m": MEDIA})  # directly under <item>
        assert (media.get("width"), media.get("height"), media.get("medium")) == (
            "1200",
            "630",
            "image",
        )
        assert media.xpath("m:description/text()", namespaces={"m": MEDIA})[0]
    assert not tree.xpath("//m:group", namespaces={"m": MEDIA})
    feed = feedparser.parse(published.output / "feeds" / "all.rss.xml")
    assert feed.bozo == 0
    assert all(e.enclosures and e.media_content for e in feed.entries)


@pytest.mark.parametrize("platform", list(PLATFORMS))
def test_platform_feed_items_carry_exactly_that_platforms_text_and_card(
    published, manifest, platform
):
    path = published.output / "feeds" / f"{platform}.xml"
    by_url = {p["url"]: p for p in manifest["posts"]}
    # In the XML, each item's description is the platform text itself (escaped once, as
    # XML requires), marked as plain text.
    for item in etree.parse(str(path)).xpath("//item"):
        post = by_url[item.findtext("link").split("?")[0]]
        assert item.findtext("description") == post["platforms"][platform]["text"]
        assert item.find("description").get("type") == "text"
        assert item.findtext("guid") == post["guid"]
    # What a feed client posts is the text, character for character: feedparser
    # (feed2toot, feediverse) and a client that reads the description as HTML alike.
    feed = feedparser.parse(path)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert len(feed.entries) == len(manifest["posts"])
    for entry in feed.entries:
        expected = by_url[entry.link.split("?")[0]]["platforms"][platform]
        assert entry.summary == entry.description == expected["text"]
        assert BeautifulSoup(entry.description, "html.parser").get_text() == expected["text"]
        [media] = entry.media_content
        assert media["url"] == expected["image"]["url"]
        assert (int(media["width"]), int(media["height"])) == (
            expected["image"]["width"],
            expected["image"]["height"],
        )


def test_bulk_csv_has_one_row_per_post_and_platform_and_per_carousel_and_document(
    published, manifest
):
    text = (published.output / "syndication" / "bulk-schedule.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    media = ("instagram-carousel", "tiktok-carousel", "linkedin-document")  # VIDEO is off
    assert len(rows) == len(manifest["posts"]) * (len(PLATFORMS) + len(media))
    assert {r["platform"] for r in rows} == {*PLATFORMS, *media}
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:[0-5][05]", row["date_time"])
        assert row["image_url"].startswith(SITE + "/syndication/")


def renders(build) -> tuple[int, int]:
    match = re.search(r"Cards: (\d+) planned, (\d+) rendered", build.stdout + build.stderr)
    assert match, build.stdout + build.stderr
    return int(match.group(1)), int(match.group(2))


def test_cache_renders_nothing_when_unchanged_and_only_the_edited_posts_cards(
    tmp_path, content_copy
):
    cache = tmp_path / "cards"
    first = run_build(tmp_path / "out", content=content_copy, cache=cache, verbose=True)
    assert first.ok, first.stderr
    planned, rendered = renders(first)
    assert planned == rendered == len(POSTS) * len(IMAGE_PLATFORMS)

    written = (cache / "cards" / "manifest.json").stat().st_mtime_ns
    # (forced: with nothing changed the build would stop before the cards, see test_up_to_date)
    again = run_build(tmp_path / "out", content=content_copy, cache=cache, verbose=True, force=True)
    assert renders(again) == (planned, 0)
    manifest = cache / "cards" / "manifest.json"
    assert manifest.stat().st_mtime_ns == written  # nothing to write again
    assert "Workers: started" not in again.stderr  # nothing to do: no process started

    post = content_copy / "posts" / "hand-washing.md"
    post.write_text(post.read_text().replace("Title: How to Wash", "Title: How to Really Wash"))
    edited = run_build(tmp_path / "out", content=content_copy, cache=cache, verbose=True)
    assert renders(edited) == (planned, len(IMAGE_PLATFORMS))
    # The edited post's cards, texts and checks started the workers, once: as Pelican read
    # the edited post, before the posts were checked (a worker takes seconds to start).
    assert edited.stderr.count("Workers: started") == 1, edited.stderr
    assert edited.stderr.index("Workers: started") < edited.stderr.index(" posts (published"), (
        edited.stderr
    )

    (cache / "cards" / "manifest.json").write_text("garbage")
    # (forced too: a damaged card cache alone leaves the published site as it should be)
    corrupt = run_build(
        tmp_path / "out", content=content_copy, cache=cache, verbose=True, force=True
    )
    assert corrupt.ok and renders(corrupt) == (planned, planned)


def test_texts_long_enough_carry_the_safety_lines(manifest):
    from healthnotes.content.safety import SAFETY

    keeps = [k for k, p in PLATFORMS.items() if p.text.keep_safety_line]
    assert {"linkedin", "mastodon", "threads", "facebook", "instagram", "pinterest"} <= set(keeps)
    for post in manifest["posts"]:
        for key in keeps:
            text = post["platforms"][key]["text"]
            assert SAFETY.social_disclaimer in text, (post["slug"], key)
            if post["slug"] == "winter-blues":  # tagged "mental health"
                assert SAFETY.social_crisis in text, key
            if post["type"] == "recall":
                assert SAFETY.social_poison_help in text, (post["slug"], key)


def test_fitting_texts_keeps_twitter_text_out_of_the_build_process(tmp_path):
    """twitter-text costs about 15 MB and half a second to import: texts are fitted in
    forked processes, and the build process (the largest) never loads it."""
    root = Path(__file__).resolve().parents[2]
    unsigned = "tests/settings/publishconf.py"  # posts need no sign-off (see conftest.run_build)
    code = (
        "import sys; sys.path.insert(0, '.'); import build; "
        f"code = build.main(['--settings', {unsigned!r}, '--content', {str(CONTENT)!r}, "
        f"'--output', {str(tmp_path / 'out')!r}, '--cache', {str(tmp_path / 'cards')!r}]); "
        "print(code, 'twitter_text' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=600
    )
    assert done.stdout.split()[-2:] == ["0", "False"], done.stdout + done.stderr
    assert (tmp_path / "out" / "syndication.json").exists()
