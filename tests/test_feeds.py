"""Feeds as a feed reader sees them: parsed with feedparser, checked item by item."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from lxml import etree

from conftest import run_build, settings_file

SITE = "https://health.maplegrovefamily.example"
TYPES = {
    "howto": "How-to",
    "misconception": "Myth vs. fact",
    "recall": "Recall alert",
    "qa": "Patient Q&A",
}


def parse(build, name):
    feed = feedparser.parse(build.output / "feeds" / name)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def test_main_rss_feed_is_rss_2_with_every_published_post_newest_first(published):
    feed = parse(published, "all.rss.xml")
    assert feed.version == "rss20"
    assert len(feed.entries) == 10
    dates = [parsedate_to_datetime(e.published) for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.feed.link == f"{SITE}/"


def test_atom_feed_has_the_same_items_in_the_same_order(published):
    rss = parse(published, "all.rss.xml")
    atom = parse(published, "all.atom.xml")
    assert atom.version == "atom10"
    assert [e.id for e in atom.entries] == [e.id for e in rss.entries]


def test_every_item_has_guid_title_link_dates_summary_content_author_categories(published):
    for entry in parse(published, "all.rss.xml").entries:
        assert entry.id.startswith("urn:uuid:") and entry.guidislink is False
        assert entry.title
        assert re.fullmatch(rf"{SITE}/posts/[a-z0-9-]+/", entry.link)
        assert parsedate_to_datetime(entry.published).tzinfo is not None
        assert entry.updated
        assert entry.summary and "<" not in entry.summary  # plain-text description
        assert entry.content[0].value.startswith("<")  # full HTML body
        assert entry.author.endswith(")")  # "email (Name)" as RSS 2.0 wants
        terms = {t.term for t in entry.tags}
        assert terms & set(TYPES.values())


def test_content_encoded_links_are_absolute(published):
    for entry in parse(published, "all.rss.xml").entries:
        for href in re.findall(r'href="([^"]+)"', entry.content[0].value):
            assert href.startswith(("http://", "https://", "mailto:", "tel:", "#")), href


@pytest.mark.parametrize(("post_type", "category"), TYPES.items())
def test_per_type_feed_holds_only_that_type(published, post_type, category):
    feed = parse(published, f"{post_type}.rss.xml")
    assert feed.entries
    for entry in feed.entries:
        assert category in {t.term for t in entry.tags}


def test_rss_xml_has_no_media_group_and_declares_guid_not_permalink(published):
    tree = etree.parse(str(published.output / "feeds" / "all.rss.xml"))
    assert tree.xpath("//item/guid/@isPermaLink") == ["false"] * 10


def test_feed_max_items_limits_every_feed(tmp_path, content_copy):
    settings = settings_file(tmp_path, content_copy, "FEED_MAX_ITEMS = 3")
    build = run_build(tmp_path / "output", content=content_copy, settings=settings)
    assert build.ok, build.stderr
    feed = parse(build, "all.rss.xml")
    assert len(feed.entries) == 3
    assert feed.entries[0].link == f"{SITE}/posts/winter-blues/"


def test_guid_is_unchanged_after_editing_the_body_title_and_date(tmp_path, content_copy):
    before = run_build(tmp_path / "before", content=content_copy)
    post = content_copy / "posts" / "hand-washing.md"
    text = post.read_text()
    text = text.replace("Date: 2026-06-03 09:00", "Date: 2026-06-10 08:30")
    text = text.replace("Title: How to Wash Your Hands the Right Way", "Title: Hand washing 101")
    post.write_text(text + "\n\nOne more paragraph added in an edit.\n")
    after = run_build(tmp_path / "after", content=content_copy)
    assert before.ok and after.ok, after.stderr

    def guid(build):
        entry = next(
            e for e in parse(build, "all.rss.xml").entries if e.link.endswith("/hand-washing/")
        )
        return entry.id, entry.title

    (id_before, title_before), (id_after, title_after) = guid(before), guid(after)
    assert title_before != title_after
    assert id_before == id_after


def test_unchanged_site_builds_byte_identical_feeds(tmp_path, published):
    again = run_build(tmp_path / "again")
    for name in ("all.rss.xml", "all.atom.xml", "recall.rss.xml"):
        assert (again.output / "feeds" / name).read_bytes() == (
            published.output / "feeds" / name
        ).read_bytes()
