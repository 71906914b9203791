"""Link previews as crawlers see them: every page's Open Graph tags read with extruct
(the X card tags with BeautifulSoup), and every preview image opened and measured
against the platform table (`healthnotes.social.platforms`)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import extruct
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from e2e.conftest import SITE, is_internal
from healthnotes.social.platforms import PLATFORMS, image_byte_limit

#: Meta tag -> the platform whose card it must carry.
CARD_TAGS = {"og:image": "og", "twitter:image": "x"}


def pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def url_of(output: Path, path: Path) -> str:
    return f"{SITE}/{path.relative_to(output).as_posix().removesuffix('index.html')}"


def read_tags(output: Path, path: Path) -> dict[str, list[str]]:
    """All og:/article: properties (extruct) and twitter: names (BeautifulSoup) of a page."""
    html = path.read_text(encoding="utf-8")
    tags: dict[str, list[str]] = defaultdict(list)
    data = extruct.extract(html, base_url=url_of(output, path), syntaxes=["opengraph"])
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            tags[name].append(value)
    for meta in BeautifulSoup(html, "lxml").find_all("meta", attrs={"name": True}):
        if meta["name"].startswith("twitter:"):
            tags[meta["name"]].append(meta.get("content", ""))
    return dict(tags)


@pytest.fixture(scope="module")
def tags(site) -> dict[str, dict[str, list[str]]]:
    return {
        path.relative_to(site.output).as_posix(): read_tags(site.output, path)
        for path in pages(site.output)
    }


def test_every_post_page_has_a_complete_link_preview(site, tags):
    posts = {k: v for k, v in tags.items() if k.startswith("posts/")}
    assert len(posts) >= 8
    for page, found in posts.items():
        single = {name: values[0] for name, values in found.items() if len(values) == 1}
        for name in ("og:title", "og:url", "og:description", "og:image", "og:image:alt"):
            assert single.get(name), (page, name, found.get(name))
        assert single["og:type"] == "article", page
        assert single["og:url"] == url_of(site.output, site.output / page), page
        assert single["og:image:secure_url"] == single["og:image"], page
        assert single["twitter:card"] == "summary_large_image", page
        assert single.get("twitter:image") and single.get("twitter:image:alt"), page


@pytest.mark.parametrize("tag", CARD_TAGS)
def test_every_preview_image_is_the_platforms_card_at_its_size_and_byte_limit(site, tags, tag):
    platform = CARD_TAGS[tag]
    spec = PLATFORMS[platform].image
    assert spec is not None
    checked = 0
    for page, found in tags.items():
        for url in found.get(tag, []):
            assert is_internal(url), (page, url)
            card = site.output / url.removeprefix(SITE + "/")
            assert card.is_file(), (page, url)
            with Image.open(card) as image:
                image.load()
                assert image.format == "JPEG", (page, url)
                assert image.size == spec.size, (page, url, image.size)
            assert card.stat().st_size <= image_byte_limit(platform), (page, url)
            if tag == "og:image":
                assert found["og:image:width"] == [str(spec.width)], page
                assert found["og:image:height"] == [str(spec.height)], page
                assert found["og:image:type"] == ["image/jpeg"], page
            checked += 1
    assert checked >= 8
