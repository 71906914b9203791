"""Hostile text in a post comes out as text everywhere, never as markup, script or formula.

One post carries ``<script>`` in its title, summary, question, tags, author and alt
text, quotes of both kinds, ``&``, ``]]>``, a spreadsheet formula (``=cmd|…``, ``-2+3``)
and invisible control characters in its header and text. Each output is read with a
real parser — BeautifulSoup for pages and meta tags, ``json`` for JSON-LD and
syndication.json, feedparser and lxml for feeds, ``csv`` for the bulk CSV — and must
hold exactly the text that was written (control characters removed), with no element
that the text could have created.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import CONTENT, Build, run_build
from healthnotes.content.model import post_guid
from healthnotes.social.export import CSV_COLUMNS
from healthnotes.social.platforms import PLATFORMS

SLUG = "hostile"
TITLE = "=cmd|' /C calc'!A0 <script>alert(\"title\")</script> \"double\" 'single' & </title>"
SUMMARY = '<script>alert("summary")</script><img src=x onerror=alert(1)> "Smith & Sons" ]]>'
QUESTION = "-2+3+cmd|' /C calc'!A0 Is \"this\" <b>safe</b>? ]]>"
AUTHOR = 'Dr. "Quote" <O\'Brien>, MD'
ALT = 'An "alt" with <img src=y onerror=alert(2)> & ]]>'
TAG = "<script>tag</script>"
CONTROLS = "\x01\x07\x0b\x0c\x1b\x7f"
#: The same, as the per-platform texts carry them (the Pinterest title too): those texts
#: read the same as plain text and as HTML, so "<" before a letter is U+2039 and its ">"
#: U+203A (healthnotes.social.texts.feed_safe); everything else is kept as written.
SAFE_TITLE = "=cmd|' /C calc'!A0 ‹script›alert(\"title\")‹/script› \"double\" 'single' & ‹/title›"
SAFE_SUMMARY = '‹script›alert("summary")‹/script›‹img src=x onerror=alert(1)› "Smith & Sons" ]]>'
SAFE_QUESTION = "-2+3+cmd|' /C calc'!A0 Is \"this\" ‹b›safe‹/b›? ]]>"
#: A Q&A text answers first (the summary), then quotes the patient's question.
SAFE_QA_TEXT = f"{SAFE_SUMMARY}. A patient asked: “{SAFE_QUESTION}?”"
POST = f"""Title: {TITLE}
Date: 2026-09-02 09:00
Type: qa
Question: {QUESTION[:9]}{CONTROLS}{QUESTION[9:]}
Summary: {SUMMARY}
Tags: {TAG}, "quoted" tag
Author: {AUTHOR}
Image: images/hand-washing.jpg
Image_Alt: {ALT}

First paragraph with ]]> and control{CONTROLS} characters, and a </script> end tag.

More text with `]]>` in code and <![CDATA[ a section ]]>.
"""
SITE = "https://health.maplegrovefamily.example"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUID = post_guid(SITE, SLUG)


def build_hostile_site(root: Path) -> Build:
    """The test site with the hostile post added, built under ``root`` (also opened in the
    browser by tests/e2e/test_injection_in_browser.py)."""
    content = root / "content"
    shutil.copytree(CONTENT, content)
    (content / "posts" / f"{SLUG}.md").write_text(POST, encoding="utf-8")
    build = run_build(root / "output", content=content)
    assert build.ok, build.stderr
    return build


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Build:
    return build_hostile_site(tmp_path_factory.mktemp("injection"))


@pytest.fixture(scope="module")
def page(site) -> BeautifulSoup:
    html = (site.output / "posts" / SLUG / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml")


def test_control_characters_are_removed_with_a_warning_naming_the_file_and_line(site):
    [warning] = [x for x in site.stderr.splitlines() if "invisible control" in x]
    assert re.search(
        rf"posts/{SLUG}\.md:4: warning: removed 12 invisible control characters", warning
    )
    assert "U+0001, U+0007, U+000B, U+000C, U+001B, U+007F" in warning
    for path in site.output.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".csv"}:
            assert not CONTROL.search(path.read_text(encoding="utf-8")), path


def test_the_page_shows_every_field_as_text_and_has_no_injected_element(page):
    assert page.h1.get_text() == TITLE
    assert page.title.get_text().startswith(TITLE)
    assert QUESTION in page.get_text()
    scripts = page.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert not page.find_all("img", src=re.compile(r"^[xy]$"))
    assert not page.find_all("b", string="safe")
    handlers = [(el.name, a) for el in page.find_all(True) for a in el.attrs if a.startswith("on")]
    assert handlers == []
    [hero] = page.select(".hero picture img")  # the picture in every size
    assert hero["src"].startswith(f"{SITE}/pictures/")
    assert hero["alt"] == ALT
    assert AUTHOR in page.get_text()
    assert TAG in [a.get_text() for a in page.find_all("a", rel="tag")]
    assert "]]>" in page.get_text()


def test_meta_tags_hold_the_exact_text(page):
    def meta(**attrs) -> str:
        [tag] = page.find_all("meta", attrs=attrs)
        return tag["content"]

    assert meta(property="og:title") == TITLE
    assert page.find("meta", attrs={"name": "twitter:title"})["content"] == TITLE
    assert page.find("meta", attrs={"name": "description"})["content"] == SUMMARY
    assert ALT in meta(property="og:image:alt")
    assert TITLE in meta(property="og:image:alt")


def test_json_ld_parses_and_holds_the_exact_text(page):
    [script] = page.find_all("script", type="application/ld+json")
    raw = script.string
    assert "</" not in raw and "<!--" not in raw  # cannot end the script element early
    graph = {node["@type"]: node for node in json.loads(raw)["@graph"]}
    assert graph["BlogPosting"]["headline"] == TITLE
    assert graph["BlogPosting"]["description"] == SUMMARY
    assert graph["BlogPosting"]["author"]["name"] == AUTHOR
    assert graph["MedicalWebPage"]["name"] == TITLE
    assert TAG in graph["BlogPosting"]["keywords"]


def feed_files(site) -> list[Path]:
    return sorted(site.output.glob("feeds/*.xml"))


def platform_feed(path: Path) -> bool:
    """A per-platform feed (its items carry that platform's text), not a site feed."""
    return path.name.removesuffix(".xml") in PLATFORMS


def hostile_entries(site):
    for path in feed_files(site):
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, (path.name, feed.get("bozo_exception"))
        entries = [e for e in feed.entries if e.get("id") == GUID]
        if path.name.startswith(("all.", "qa.")) or not path.name.endswith(".rss.xml"):
            assert entries, path.name
        for entry in entries:
            yield path, entry


def test_every_feed_parses_and_carries_the_exact_title(site):
    checked = 0
    for path, entry in hostile_entries(site):
        # A pin's title is a platform text; every other feed carries the post's title.
        assert entry.title == (SAFE_TITLE if path.name == "pinterest.xml" else TITLE), path.name
        checked += 1
    assert checked >= 12


def test_atom_summary_is_plain_text_equal_to_the_summary(site):
    root = etree.parse(str(site.output / "feeds" / "all.atom.xml")).getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    [summary] = [
        e.find("a:summary", ns)
        for e in root.findall("a:entry", ns)
        if e.findtext("a:title", namespaces=ns) == TITLE
    ]
    assert summary.get("type", "text") == "text"
    assert summary.text == SUMMARY


def test_rss_descriptions_render_as_the_text_without_elements(site):
    for path in feed_files(site):
        root = etree.parse(str(path)).getroot()
        if root.tag != "rss":
            continue
        for item in root.iter("item"):
            if f"/posts/{SLUG}/" not in (item.findtext("link") or ""):
                continue
            rendered = BeautifulSoup(item.findtext("description"), "html.parser")
            assert rendered.find_all(True) == [], path.name
            if platform_feed(path):
                assert rendered.get_text().startswith(SAFE_QA_TEXT), path.name
            else:
                assert rendered.get_text() == SUMMARY, path.name


def test_rss_full_text_keeps_cdata_like_text_as_text(site):
    root = etree.parse(str(site.output / "feeds" / "all.rss.xml")).getroot()
    encoded = "{http://purl.org/rss/1.0/modules/content/}encoded"
    [body] = [
        item.findtext(encoded) for item in root.iter("item") if item.findtext("title") == TITLE
    ]
    text = BeautifulSoup(body, "html.parser").get_text()
    assert "First paragraph with ]]> and control characters" in text


@pytest.fixture(scope="module")
def syndication(site) -> dict:
    data = json.loads((site.output / "syndication.json").read_text(encoding="utf-8"))
    [post] = [p for p in data["posts"] if p["slug"] == SLUG]
    return post


def test_syndication_json_holds_the_exact_text(syndication):
    assert syndication["title"] == TITLE
    for key, entry in syndication["platforms"].items():
        assert entry["text"].startswith(SAFE_QA_TEXT), key
    assert syndication["platforms"]["pinterest"]["title"].startswith(SAFE_TITLE[:80].rstrip())


def test_bulk_csv_neutralises_formulas_and_otherwise_keeps_the_text(site, syndication):
    raw = (site.output / "syndication" / "bulk-schedule.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    mine = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:] if row]
    for row in mine:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_START), (column, cell[:40])
    hostile = [r for r in mine if r["guid"] == GUID and r["platform"] in syndication["platforms"]]
    assert len(hostile) == len(syndication["platforms"])
    for row in hostile:  # the text leads with the summary: nothing to neutralise
        assert row["text"] == syndication["platforms"][row["platform"]]["text"]
    [pin] = [r for r in hostile if r["platform"] == "pinterest"]
    assert pin["title"] == "'" + syndication["platforms"]["pinterest"]["title"]
