"""The staff preview (``reports/preview/``) opened in Chromium from disk: the index and
a post's page show every enabled platform's text and picture, all loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from e2e.conftest import import_other_tests
from healthnotes.social.platforms import PLATFORMS

_media = import_other_tests("social/test_media_build")
build, small_site = _media.build, _media.small_site


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("preview-pages")
    build(tmp, small_site(tmp), tmp / "cache", "output")
    return tmp / "reports" / "preview"


def test_the_index_links_every_post_and_a_posts_page_shows_every_platform(
    preview: Path, browser: Any
) -> None:
    page = browser.new_page()
    try:
        page.goto((preview / "index.html").as_uri())
        links = page.locator("li a")
        assert links.count() == 2
        page.click("text=Can the Flu Shot Give You the Flu?")
        page.wait_for_load_state("load")
        assert page.url.endswith("flu-shot-myth.html")
        for key, platform in PLATFORMS.items():
            section = page.locator(f'section[data-platform="{key}"]')
            assert section.count() == 1, key
            assert section.locator("h2").inner_text() == platform.name
            assert section.locator("pre.text").inner_text().strip(), key
            assert " of " in section.locator(".count").inner_text()
            assert section.locator(".alt").inner_text().startswith("Alt text")
        broken = page.evaluate(
            "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
            ".map(i => i.src)"
        )
        assert not broken
        assert page.evaluate("() => document.images.length") > len(PLATFORMS)
    finally:
        page.close()
