"""`make preview`: the published site with its address set to the local server, so a
browser on the staff's computer shows it with its styles, logo and working links."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import CONTENT, ROOT, SHARED_CACHE
from e2e.conftest import http_status
from e2e.test_browser import close_site


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The two commands `make preview` runs (its recipe is checked in
    test_readme_and_makefile.py), on the test site and a free port."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    folder = tmp_path_factory.mktemp("preview") / "preview"
    build = subprocess.run(
        [
            sys.executable,
            "build.py",
            "--settings",  # publishconf.py, but the test site's posts need no sign-off
            str(ROOT / "tests" / "settings" / "publishconf.py"),
            "--content",
            str(CONTENT),
            "--output",
            str(folder),
            "--cache",
            str(SHARED_CACHE),
            "--site-url",
            url,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
            "--directory",
            str(folder),
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if http_status(url + "/") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_preview_home_page_loads_its_styles_and_logo_from_the_local_server(
    preview: str, browser: Any
) -> None:
    context = browser.new_context()
    elsewhere: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(preview)
            else (elsewhere.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    loaded: dict[str, int] = {}
    page.on("response", lambda response: loaded.__setitem__(response.url, response.status))
    try:
        page.goto(preview + "/", wait_until="load")
        stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
        assert stylesheet.startswith(preview + "/"), stylesheet
        assert loaded.get(stylesheet) == 200
        rules = page.evaluate(
            "[...document.styleSheets].filter(s => s.href).map(s => s.cssRules.length)"
        )
        assert rules and all(rules), rules  # the theme's stylesheet was read, not just named
        logo = page.locator("img.brand-logo")
        assert logo.get_attribute("src").startswith(preview + "/")
        assert page.evaluate("document.querySelector('img.brand-logo').naturalWidth") > 0

        post_link = page.locator("a[href*='/posts/']").first
        href = post_link.get_attribute("href")
        assert href.startswith(preview + "/posts/"), href
        post_link.click()
        page.wait_for_load_state("load")
        assert page.url == href
        assert loaded.get(href) == 200
        assert page.locator("h1").first.inner_text().strip()
        assert elsewhere == []
    finally:
        close_site(context)


def test_the_preview_keeps_the_published_feed_ids(preview: str, tmp_path: Path) -> None:
    from healthnotes.content.model import post_guid

    feed = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import urllib.request; print(urllib.request.urlopen("
            f"{preview + '/feeds/all.atom.xml'!r}).read().decode())",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "no_proxy": "*"},
    ).stdout
    assert post_guid("https://health.maplegrovefamily.example", "hand-washing") in feed
    assert f"{preview}/posts/hand-washing/" in feed
