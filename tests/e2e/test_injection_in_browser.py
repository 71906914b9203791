"""The hostile post of tests/test_injection.py, opened in Chromium: its text shows as
text, nothing it carries runs (no dialog, no script element, no error), and the pages
that list it stay accessible."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from e2e.conftest import SITE, SITE_HOST, import_other_tests, serve
from e2e.test_browser import BLOCKING_IMPACTS, close_site, open_page, site_context

_injection = import_other_tests("build/test_injection")
SLUG, TAG, TITLE = _injection.SLUG, _injection.TAG, _injection.TITLE

PAGES = {
    "post": f"/posts/{SLUG}/",
    "home": "/",
    "tag": "/tag/tag/",
    "category": "/category/patient-questions/",
}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    build = _injection.build_hostile_site(tmp_path_factory.mktemp("hostile"))
    assert (build.output / "tag" / "tag" / "index.html").is_file()
    with serve(build.output) as url:
        yield url


@pytest.mark.parametrize("name", PAGES)
def test_hostile_text_never_runs_in_the_browser(name, browser, hostile_server, reports, axe_source):
    visit = open_page(browser, hostile_server, reports, axe_source, f"hostile-{name}", PAGES[name])
    assert visit.status == 200
    assert visit.dialogs == []
    assert visit.scripts == []
    assert visit.page_errors == []
    assert visit.console_errors == []
    hosts = {urlsplit(url).hostname for url in visit.requests if url.startswith("http")}
    assert hosts == {SITE_HOST}
    blocking = [v["id"] for v in visit.violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == []


def test_the_title_and_tag_show_as_typed(browser, hostile_server):
    context = site_context(browser, hostile_server)
    page = context.new_page()
    try:
        page.goto(f"{SITE}/posts/{SLUG}/")
        assert page.inner_text("h1") == TITLE
        assert TAG in page.inner_text("main")
    finally:
        close_site(context)
