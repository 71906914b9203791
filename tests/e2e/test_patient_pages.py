"""The patient article page in Chromium (issue 23): search that works offline, a light
post page, no layout shift from pictures, a phone header, and the gallery screenshots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, SHARED_CACHE, settings_file
from e2e.conftest import SITE, serve
from e2e.test_browser import close_site, site_context
from healthnotes.content.sanitize import csp_rules

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "docs" / "gallery"
POST = "/posts/spinach-recall/"
PHONE = {"width": 390, "height": 844}

CLS_JS = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})
"""


def _watched(context):
    """A new page of ``context``, with the addresses it asks for and its console errors."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return page, requests, errors


def test_typing_spinach_on_the_search_page_finds_the_recall_with_nothing_sent_away(browser, hosted):
    context = site_context(browser, hosted)  # the real CSP applies: meta tag and header
    page, requests, errors = _watched(context)
    page.goto(f"{SITE}/search/")
    page.fill("pagefind-input input", "spinach")
    page.wait_for_selector("pagefind-results a[href*='spinach-recall']", timeout=15_000)
    assert all(url.startswith(SITE) for url in requests), requests
    assert errors == []
    close_site(context)


def test_a_search_finds_posts_on_every_shelf_of_an_index_split_in_shelves(browser, tmp_path):
    # the test site with shelves of 3 posts' pages: its 10 posts on 4 bundles, which
    # the search page merges into one search (Pagefind's mergeIndex), under the real CSP
    output = tmp_path / "output"
    command = [
        sys.executable, str(ROOT / "build.py"),
        "--settings", settings_file(tmp_path, CONTENT, extra="SEARCH_SHELF_SIZE = 3"),
        "--output", str(output), "--cache", str(SHARED_CACHE),
    ]  # fmt: skip
    built = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    entries = sorted(output.glob("pagefind/**/pagefind-entry.json"))
    assert len(entries) == 4
    posts = {path.parent.name for path in output.glob("posts/*/index.html")}
    with serve(output, csp=csp_rules(output)) as server:
        context = site_context(browser, server)
        page, requests, errors = _watched(context)
        page.goto(f"{SITE}/search/")
        page.fill("pagefind-input input", "the")  # a word of every post
        summary = page.locator("pagefind-summary")  # (the CSP allows no eval: polled here)
        for _ in range(75):
            if f"{len(posts)} results for the" in summary.inner_text():
                break
            page.wait_for_timeout(200)
        shown = summary.inner_text()
        close_site(context)
    assert f"{len(posts)} results for the" in shown  # every post, whichever its shelf
    for entry in entries:  # each shelf's bundle was asked
        assert f"{SITE}/{entry.relative_to(output).as_posix()}" in {
            url.partition("?")[0] for url in requests
        }
    assert all(url.startswith(SITE) for url in requests), requests
    assert errors == []


def test_a_post_page_without_its_picture_weighs_under_100_kb_and_nothing_moves(browser, server):
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        context = site_context(browser, server)
        page = context.new_page()
        page.set_viewport_size(viewport)
        sizes: dict[str, int] = {}

        def sized(response, sizes=sizes):
            body = response.body() if response.status == 200 else b""
            sizes[response.url] = len(body)

        page.on("response", sized)
        page.goto(f"{SITE}{POST}", wait_until="networkidle")
        shift = page.evaluate(CLS_JS)
        assert shift == 0, f"layout shift {shift} at {viewport}"
        for img in page.query_selector_all("img"):
            assert img.get_attribute("width") and img.get_attribute("height")
        pictures = {url: n for url, n in sizes.items() if "/pictures/" in url}
        assert len(pictures) == 1  # one size of the picture, the one the screen needs
        weight = sum(n for url, n in sizes.items() if url not in pictures)
        assert weight < 100_000, sizes
        close_site(context)


def test_on_a_phone_the_menu_is_one_disclosure_and_the_post_starts_on_the_first_screen(
    browser, server
):
    context = site_context(browser, server)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{SITE}{POST}")
    assert not page.is_visible(".site-nav")
    heading = page.locator("h1").bounding_box()
    assert heading is not None and heading["y"] + heading["height"] < PHONE["height"] / 2
    page.focus(".nav-menu summary")
    page.keyboard.press("Enter")  # a keyboard opens it
    assert page.is_visible(".nav-menu a:text('Recall alert')")
    page.keyboard.press("Enter")
    assert not page.is_visible(".nav-menu a:text('Recall alert')")
    close_site(context)


def test_gallery_screenshots_of_a_post_page_desktop_and_phone(browser, server):
    GALLERY.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("post-desktop", {"width": 1280, "height": 900}), ("post-phone", PHONE)):
        context = site_context(browser, server)
        page = context.new_page()
        page.set_viewport_size(viewport)
        page.goto(f"{SITE}{POST}", wait_until="networkidle")
        page.screenshot(path=str(GALLERY / f"{name}.png"))
        close_site(context)
