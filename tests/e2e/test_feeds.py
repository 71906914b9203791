"""Every feed the site publishes, read the way feed readers and social tools read it
(feedparser), with every item checked: a permanent id, a correctly formatted date,
absolute links, and a card whose declared byte length is the file's real length."""

from __future__ import annotations

import email.utils
import re
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

from e2e.conftest import SITE, is_internal
from healthnotes.content.model import PostType
from healthnotes.social.plan import ADDRESS_DIGITS
from healthnotes.social.platforms import PLATFORMS, image_platform

ATOM = "{http://www.w3.org/2005/Atom}"
RSS_FEEDS = [
    "feeds/all.rss.xml",
    *(f"feeds/{t.value}.rss.xml" for t in PostType),
    *(f"feeds/{key}.xml" for key in PLATFORMS),
]
ATOM_FEEDS = ["feeds/all.atom.xml"]
#: The test site has no urgent notice (Type: alert). Its type's feed is written all the
#: same, empty: a reader can subscribe before the first notice, at an address that stays.
EMPTY_ON_THE_TEST_SITE = {f"feeds/{PostType.ALERT.value}.rss.xml"}
#: RFC 822 (with RFC 1123's four-digit year), as RSS 2.0 requires for pubDate.
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (0[1-9]|[12]\d|3[01]) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d ([+-]\d{4}|GMT|UT)$"
)
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
SLUG_LINK = re.compile(rf"^{re.escape(SITE)}/posts/([a-z0-9-]+)/(\?utm_source=[a-z_]+&.*)?$")


def local_file(output: Path, url: str) -> Path:
    assert is_internal(url), f"{url} is not on the site"
    return output / url.removeprefix(SITE + "/")


def parse(output: Path, relative: str) -> feedparser.FeedParserDict:
    data = (output / relative).read_bytes()
    feed = feedparser.parse(data)
    assert feed.bozo == 0, f"{relative}: {feed.get('bozo_exception')}"
    return feed


def test_the_site_publishes_exactly_the_documented_feeds(site):
    found = sorted(p.relative_to(site.output).as_posix() for p in site.output.glob("feeds/*"))
    assert found == sorted(RSS_FEEDS + ATOM_FEEDS)


def absolute_links_in(html: str) -> list[str]:
    page = BeautifulSoup(html, "lxml")
    return [
        element.get(attribute)
        for element in page.find_all(["a", "img"])
        for attribute in ("href", "src")
        if element.get(attribute)
    ]


@pytest.mark.parametrize("relative", RSS_FEEDS)
def test_rss_feed_parses_and_every_item_is_complete(site, relative):
    feed = parse(site.output, relative)
    assert feed.version == "rss20"
    raw_items = etree.parse(str(site.output / relative)).getroot().findall("channel/item")
    assert len(feed.entries) == len(raw_items)
    assert (len(raw_items) == 0) == (relative in EMPTY_ON_THE_TEST_SITE), relative
    assert feed.feed.get("title") and is_internal(feed.feed.get("link", "")), relative
    guids = set()
    for entry, raw in zip(feed.entries, raw_items, strict=True):
        where = f"{relative}: {entry.get('title')!r}"
        assert entry.get("id", "").startswith("urn:uuid:"), where
        assert raw.find("guid").get("isPermaLink") == "false", where
        guids.add(entry.id)
        pub_date = raw.findtext("pubDate")
        assert pub_date and RFC822.match(pub_date), (where, pub_date)
        assert email.utils.parsedate_to_datetime(pub_date).tzinfo is not None, where
        assert SLUG_LINK.match(entry.link), (where, entry.link)
        for url in absolute_links_in(entry.get("content", [{}])[0].get("value", "")):
            assert url.startswith(("https://", "tel:", "mailto:")), (where, url)

        [enclosure] = entry.enclosures
        card = local_file(site.output, enclosure.href)
        assert int(enclosure.length) == card.stat().st_size, (where, enclosure.href)
        assert enclosure.type == "image/jpeg"
        [media] = entry.media_content
        assert media["url"] == enclosure.href
        assert int(media["filesize"]) == card.stat().st_size, where
        with Image.open(card) as image:
            assert image.format == "JPEG"
            assert image.size == (int(media["width"]), int(media["height"])), where
    assert len(guids) == len(feed.entries), f"{relative}: duplicate guids"


@pytest.mark.parametrize("relative", ATOM_FEEDS)
def test_atom_feed_parses_and_every_entry_has_an_id_dates_and_absolute_links(site, relative):
    feed = parse(site.output, relative)
    assert feed.version == "atom10"
    raw_entries = etree.parse(str(site.output / relative)).getroot().findall(f"{ATOM}entry")
    assert len(feed.entries) == len(raw_entries) > 0
    for entry, raw in zip(feed.entries, raw_entries, strict=True):
        where = f"{relative}: {entry.get('title')!r}"
        assert entry.id.startswith("urn:uuid:"), where
        for name in ("published", "updated"):
            value = raw.findtext(f"{ATOM}{name}")
            assert value and RFC3339.match(value), (where, name, value)
            assert datetime.fromisoformat(value).tzinfo is not None
        for link in entry.links:
            assert link.href.startswith(SITE + "/"), (where, link.href)
        [media] = entry.media_content
        card = local_file(site.output, media["url"])
        assert int(media["filesize"]) == card.stat().st_size, where


@pytest.mark.parametrize("relative", ATOM_FEEDS)
def test_atom_entries_link_to_the_post_and_carry_the_card_as_an_enclosure(site, relative):
    feed = parse(site.output, relative)
    for entry in feed.entries:
        where = f"{relative}: {entry.get('title')!r}"
        assert SLUG_LINK.match(entry.link), (where, entry.link)
        assert [link.rel for link in entry.links].count("alternate") == 1, where
        [enclosure] = entry.enclosures
        card = local_file(site.output, enclosure.href)
        assert int(enclosure.length) == card.stat().st_size, where
        assert enclosure.type == "image/jpeg", where


@pytest.mark.parametrize("key", list(PLATFORMS))
def test_platform_feed_cards_are_that_platforms_card(site, key):
    owner = image_platform(PLATFORMS[key])
    image_key, spec = owner.key, owner.image
    assert spec is not None
    feed = parse(site.output, f"feeds/{key}.xml")
    # A card's file name carries its key, so a changed card gets a new address.
    card_name = re.compile(
        rf"/syndication/[a-z0-9-]+/{image_key}-[0-9a-f]{{{ADDRESS_DIGITS}}}\.jpg$"
    )
    assert feed.entries, key
    for entry in feed.entries:
        [enclosure] = entry.enclosures
        assert card_name.search(enclosure.href), (key, enclosure.href)
        with Image.open(local_file(site.output, enclosure.href)) as image:
            assert image.size == spec.size, (key, enclosure.href)
