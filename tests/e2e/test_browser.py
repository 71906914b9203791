"""The published site in headless Chromium: the home page, one post of each type, a
standing page, a category and a tag page load without a console error or a failed
request, load nothing from another host, link only to pages that exist, and pass
axe-core's WCAG 2.2 AA rules with no serious or critical violation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from e2e.conftest import SITE, SITE_HOST, http_status, is_internal, local_url

PAGES = {
    "home": "/",
    "howto": "/posts/hand-washing/",
    "misconception": "/posts/flu-shot-myth/",
    "recall": "/posts/spinach-recall/",
    "qa": "/posts/office-or-urgent-care/",
    "page": "/appointments/",
    "category": "/category/recall-alerts/",
    "tag": "/tag/flu/",
    "search": "/search/",
    "archives": "/archives/",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = ("serious", "critical")

# Every <img> is made to load (lazy ones too) and decoded; the ones that fail are returned.
BROKEN_IMAGES_JS = """
async () => {
  const images = Array.from(document.images);
  const results = await Promise.all(images.map((img) => {
    img.loading = "eager";
    return img.decode().then(() => null, () => img.currentSrc || img.src);
  }));
  return results.filter((src) => src !== null);
}
"""
AXE_RUN_JS = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}
"""


#: The scripts a page runs, by page name (none unless listed).
SCRIPTS = {
    "search": [
        f'<script src="{SITE}/pagefind/pagefind-component-ui.js"></script>',
        f'<script src="{SITE}/theme/js/search.js" data-bundles="{SITE}/pagefind/"></script>',
    ],
}


@dataclass
class Visit:
    """Everything one page load showed."""

    name: str
    url: str
    status: int = 0
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # every <script> except JSON-LD
    failed_requests: list[str] = field(default_factory=list)
    error_responses: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    violations: list[dict[str, Any]] = field(default_factory=list)
    screenshot: Path | None = None


#: What Playwright says when a routed request's page, context or response is gone.
GONE = ("has been disposed", "has been closed", "context disposed")


def site_context(browser: Any, server: str, *, bypass_csp: bool = False) -> Any:
    """A fresh browser context in which the site's https addresses are served by the
    local server and every other host is blocked (and still reported as a request).

    ``bypass_csp``: the pages' Content-Security-Policy (``script-src 'none'``) is not
    applied, so that a test can inject a script (axe) into them."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="block", bypass_csp=bypass_csp
    )

    def route(route: Any) -> None:
        url = route.request.url
        try:
            if is_internal(url):
                response = route.fetch(url=local_url(server, url), max_redirects=0)
                route.fulfill(response=response)
            else:
                route.abort("blockedbyclient")  # never leaves the machine
        except PlaywrightError as error:
            # A test that closed its page or context while a request was still routed:
            # nothing is left to answer (the error would surface in the next test's call).
            if not any(word in str(error) for word in GONE):
                raise

    context.route("**/*", route)
    return context


def close_site(context: Any) -> None:
    """Close a context from :func:`site_context`: its routes first, ignoring requests
    still in flight (Playwright's advice; otherwise a request the page left unanswered
    fails later, in whatever test runs next: "Request context disposed")."""
    try:
        context.unroute_all(behavior="ignoreErrors")
    finally:
        context.close()


def open_page(browser: Any, server: str, reports: Path, axe: Path, name: str, path: str) -> Visit:
    visit = Visit(name=name, url=SITE + path)
    context = site_context(browser, server, bypass_csp=True)  # axe is injected below
    page = context.new_page()
    page.on(
        "console",
        lambda m: (
            visit.console_errors.append(f"{m.text} at {m.location}") if m.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))

    def dialog(d: Any) -> None:  # alert(), confirm(), prompt(): only a script opens one
        visit.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on(
        "requestfailed",
        lambda request: visit.failed_requests.append(f"{request.url}: {request.failure}"),
    )
    page.on(
        "response",
        lambda response: (
            visit.error_responses.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    try:
        response = page.goto(visit.url, wait_until="load")
        visit.status = response.status if response else 0
        visit.broken_images = page.evaluate(BROKEN_IMAGES_JS)
        page.wait_for_load_state("networkidle")
        visit.screenshot = reports / f"{name}.png"
        page.screenshot(path=str(visit.screenshot), full_page=True)
        visit.links = page.eval_on_selector_all("a[href]", "els => els.map((e) => e.href)")
        visit.ids = set(page.eval_on_selector_all("[id]", "els => els.map((e) => e.id)"))
        visit.scripts = page.eval_on_selector_all(
            'script:not([type="application/ld+json"])', "els => els.map((e) => e.outerHTML)"
        )
        page.add_script_tag(path=str(axe))
        visit.violations = page.evaluate(AXE_RUN_JS, AXE_TAGS)
    finally:
        close_site(context)
    return visit


@pytest.fixture(scope="module", params=list(PAGES), ids=list(PAGES))
def visit(request, browser, server, reports, axe_source) -> Visit:
    return open_page(browser, server, reports, axe_source, request.param, PAGES[request.param])


def test_page_loads_without_console_errors_or_failed_requests(visit):
    assert visit.status == 200, visit.url
    assert visit.console_errors == []
    assert visit.page_errors == []
    assert visit.dialogs == []
    # The site runs no JavaScript, except the search page: Pagefind's, from the site itself.
    expected = SCRIPTS.get(visit.name, [])
    assert visit.scripts == expected
    assert visit.failed_requests == []
    assert visit.error_responses == []
    assert visit.screenshot is not None and visit.screenshot.stat().st_size > 0


def test_every_image_on_the_page_loads(visit):
    assert visit.broken_images == []


def test_page_loads_nothing_from_another_host(visit):
    hosts = {urlsplit(url).hostname for url in visit.requests if url.startswith("http")}
    others = {url for url in visit.requests if not url.startswith(("http", "data:"))}
    assert hosts == {SITE_HOST}, sorted(u for u in visit.requests if SITE_HOST not in u)
    assert others == set()


def test_every_internal_link_on_the_page_returns_200(visit, server):
    checked: dict[str, int] = {}
    for href in visit.links:
        target, fragment = urldefrag(href)
        if not is_internal(target):
            continue
        if target not in checked:
            checked[target] = http_status(local_url(server, target))
        if fragment and target == urldefrag(visit.url)[0]:
            assert fragment in visit.ids, f"{href}: no element with id {fragment!r}"
    assert checked, "the page has no internal links"
    assert {url: status for url, status in checked.items() if status != 200} == {}


def test_no_serious_or_critical_accessibility_violations(visit):
    blocking = [v for v in visit.violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], "\n".join(
        f"{v['impact']}: {v['id']}: {v['help']} ({', '.join(v['nodes'])})" for v in blocking
    )


# Every securitypolicyviolation event, recorded from before the page's first byte (an
# init script runs through the browser's DevTools, which the page's policy does not cover).
CSP_LISTENER_JS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


def test_no_built_page_breaks_its_content_security_policy(site, browser, hosted):
    """Every page of the built site, opened with its policy applied (no bypass), in its
    meta tag and in the header docs/sanitize.md recommends for it: nothing on it is
    blocked (the brand <style>, the stylesheet, pictures, cards, the search page's
    scripts all allowed)."""
    pages = sorted(site.output.rglob("*.html"))
    assert len(pages) > 10
    context = site_context(browser, hosted)
    context.add_init_script(CSP_LISTENER_JS)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    found: dict[str, list[str]] = {}
    try:
        for path in pages:
            relative = path.relative_to(site.output).as_posix()
            url = f"{SITE}/{relative.removesuffix('index.html')}"
            console.clear()
            response = page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.querySelector('meta[http-equiv]') !== null"), url
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"], url
            violations = page.evaluate("window.__cspViolations") + console
            if violations:
                found[relative] = violations
    finally:
        close_site(context)
    assert found == {}
