"""`make editor` in a real browser: a post of each type written through the form.

``editor/serve.py`` (what `make editor` runs) serves the editor against a temporary
copy of the site, never the real ``content/``. Headless Chromium fills each post
type's form and publishes it in Decap's local backend (decap-server writes the file);
the file must then read cleanly with the project's own reader and content model, and
the site with it must build (``build.py``, exit 0). Every request to a host other than
127.0.0.1 is recorded and blocked: the editor loads nothing from the internet.

Needs ``node_modules`` (``npm ci``: decap-cms, decap-server) and Chromium.
"""

from __future__ import annotations

import contextlib
import http.client
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import CONTENT, ROOT, run_build
from e2e.test_browser import close_site
from healthnotes.config import SiteConfig
from healthnotes.content.model import TYPE_SPECS, PostType, RawPost, parse_post, plain_metadata

SERVE = ROOT / "editor" / "serve.py"
NODE_MODULES = ROOT / "node_modules"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url_host: str, port: int) -> bool:
    with contextlib.suppress(OSError):
        connection = http.client.HTTPConnection(url_host, port, timeout=2)
        try:
            connection.request("GET", "/config.yml")
            return connection.getresponse().status == 200
        finally:
            connection.close()
    return False


@dataclass(frozen=True)
class Editor:
    url: str
    site: Path

    @property
    def content(self) -> Path:
        return self.site / "content"


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    for package in ("decap-cms", "decap-server"):
        if not (NODE_MODULES / package).is_dir():
            pytest.fail(f"node_modules/{package} not found: run `npm ci` in {ROOT}")
    site = tmp_path_factory.mktemp("editor-site")
    shutil.copytree(CONTENT, site / "content")
    port, api_port = free_port(), free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            str(SERVE),
            "--site",
            str(site),
            "--port",
            str(port),
            "--api-port",
            str(api_port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not answers("127.0.0.1", port):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.poll() is not None else ""
                pytest.fail(f"editor/serve.py did not start: {output}")
            time.sleep(0.2)
        yield Editor(url=f"http://127.0.0.1:{port}/", site=site)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
    assert not answers("127.0.0.1", port), "the editor page still answers after stopping"


#: What the test types into each type's form: field name -> value. Text fields are
#: typed; ``select:`` picks an option; lists are typed comma-separated.
POSTS: dict[PostType, dict[str, str]] = {
    PostType.HOWTO: {
        # Words the privacy gate reads as names ("Humidifier", "Unplug": rare in English,
        # capitalised) would stop the build; the gate is tested in tests/gate.
        "title": "How to Clean a Water Bottle",
        "time": "About 15 minutes",
        "supplies": "warm soapy water, bottle brush",
        "body": "A clean water bottle keeps germs out of your drinks.\n\n"
        "1. Empty the bottle and take off the lid.\n"
        "2. Fill it with warm soapy water and let it sit for 10 minutes.\n"
        "3. Scrub with a bottle brush, rinse well and let it dry.",
    },
    PostType.MISCONCEPTION: {
        "title": "Does Cold Weather Give You a Cold?",
        "myth": "Going outside with wet hair gives you a cold.",
        "fact": "Colds are caused by viruses, not by cold air or wet hair.",
        "body": "Colds are more common in winter because people spend more time indoors "
        "together, where viruses spread from person to person.",
    },
    PostType.RECALL: {
        "title": "Recall: Sunny Farms Frozen Peas",
        "recall_product": "Sunny Farms Frozen Peas, 16 oz bag",
        "recall_agency": "FDA",
        "recall_reason": "The peas may be contaminated with Listeria.",
        "recall_url": "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts",
        "recall_date": "2026-11-30",
        "recall_class": "select:Class I",
        "recall_lots": "SF1130, SF1131",
        "recall_action": "Do not eat the peas. Throw them away or return them to the store.",
        "body": "Check your freezer for these peas. If you have them, do not eat them.",
    },
    PostType.QA: {
        "title": "Can I Take Allergy Pills Every Day?",
        "question": "Is it safe to take an allergy pill every day in spring?",
        "body": "For most adults, taking a non-drowsy allergy pill each day during allergy "
        "season is safe. Ask us if you take other medicines.",
    },
    PostType.ALERT: {
        "title": "Office Closed Friday Afternoon",
        "expires": "2026-12-11T17:00",
        "body": "Our office closes at noon on Friday for staff training. "
        "For urgent needs, call our after-hours line.",
    },
}
COMMON = {
    "summary": "A short test summary written in the editor.",
    "tags": "editor test, prevention",
    "reviewed_by": "Dr. Ana Patel, MD",
    "last_reviewed": "2026-12-01",
    "status": "select:published",
}
DATE = "2026-12-01T09:00"


def field(page: Any, name: str) -> Any:
    return page.locator(f'[id^="{name}-field-"]').first


def fill_form(page: Any, values: dict[str, str]) -> None:
    field(page, "date").fill(DATE)
    for name, value in values.items():
        if name == "body":
            continue
        target = field(page, name)
        if value.startswith("select:"):
            target.click()  # a react-select: type to filter, Enter takes the first match
            page.keyboard.type(value.removeprefix("select:"))
            page.keyboard.press("Enter")
        else:
            target.fill(value)
    body = page.locator('[data-slate-editor="true"]').first
    body.click()
    page.keyboard.insert_text(values["body"])


@pytest.mark.parametrize("post_type", list(TYPE_SPECS))
def test_a_post_written_in_the_editor_reads_and_builds(editor, browser, post_type):
    outside: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith("http://127.0.0.1:"):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto(editor.url)
        page.get_by_role("button", name="Login").click()
        page.goto(f"{editor.url}#/collections/{post_type.value}/new")
        values = {**POSTS[post_type], **COMMON}
        field(page, "title").wait_for()
        assert page.evaluate("localStorage.getItem('cms.md-mode')") == "raw"
        fill_form(page, values)
        page.get_by_role("button", name="Publish").first.click()
        page.get_by_text("Publish now").click()
        page.wait_for_url("**/entries/**", timeout=15_000)
    finally:
        close_site(context)
    assert outside == []

    slug = page.url.rsplit("/", 1)[-1]
    path = editor.content / "posts" / f"{slug}.md"
    assert path.is_file(), sorted(p.name for p in (editor.content / "posts").iterdir())
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"Title: {values['title']}\n"), text
    assert f"Type: {post_type.value}\n" in text
    assert text.endswith("\n\n" + values["body"] + "\n"), text  # plain Markdown, as typed
    post = read_post(path, editor.content)
    assert post.type is post_type
    assert post.title == values["title"]
    assert post.tags == ("editor test", "prevention")
    assert post.reviewed_by == "Dr. Ana Patel, MD"
    assert post.status == "published"


def read_post(path: Path, content: Path) -> Any:
    """The post as the build sees it: the project's reader, then the content model."""
    from pelican.settings import read_settings

    from plugins.pelican_healthnotes.reader import PracticeMarkdownReader

    # The tests' pelicanconf.py: the project's, but a post needs no medical sign-off.
    settings = read_settings(
        str(ROOT / "tests" / "settings" / "pelicanconf.py"), override={"PATH": str(content)}
    )
    html, metadata = PracticeMarkdownReader(settings).read(str(path))
    raw = RawPost(
        source=path.name,
        slug=path.stem,
        url=f"/posts/{path.stem}/",
        html=html,
        metadata={k: plain_metadata(v) for k, v in metadata.items() if not k.startswith("_")},
        unparsed=metadata["_unparsed"],
        lines=metadata["_lines"],
        read_error=metadata.get("_read_error"),
        problems=tuple(metadata["_problems"]),
        links=tuple(metadata["_links"]),
    )
    post, problems = parse_post(raw, SiteConfig.from_settings(settings), today=date.today())
    errors = [p for p in problems if p.severity == "error"]
    assert post is not None and not errors, [p.format() for p in problems]
    return post


def test_the_site_with_the_editors_posts_builds(editor, tmp_path):
    written = sorted(p.name for p in (editor.content / "posts").iterdir())
    new = sorted(set(written) - {p.name for p in (CONTENT / "posts").iterdir()})
    assert len(new) == len(TYPE_SPECS), new  # one per type, from the tests above
    build = run_build(tmp_path / "output", content=editor.content, settings="pelicanconf.py")
    assert build.returncode == 0, build.stdout + build.stderr
    for name in new:
        assert (tmp_path / "output" / "posts" / Path(name).stem / "index.html").is_file()
