"""The example site built with the publish settings: every page, feed and link is there."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import CONTENT, Build
from healthnotes.content.model import TYPE_SPECS, PostType

POSTS = sorted(p.stem for p in (CONTENT / "posts").glob("*.md"))
PAGES = ["about", "appointments", "privacy", "medical-disclaimer"]
SITE = "https://health.maplegrovefamily.example"
SPINACH = 'Recall: "Smith & Sons" <Organic> Spinach'


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def post_page(build: Build, slug: str) -> BeautifulSoup:
    return soup(build.output / "posts" / slug / "index.html")


def jsonld(page: BeautifulSoup) -> dict:
    [script] = page.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def test_example_has_at_least_eight_posts_of_every_type():
    types = [
        next(
            line.split(":", 1)[1].strip()
            for line in (CONTENT / "posts" / f"{slug}.md").read_text().splitlines()
            if line.lower().startswith("type:")
        )
        for slug in POSTS
    ]
    assert len(POSTS) >= 8
    assert types.count("howto") >= 2 and types.count("misconception") >= 2
    assert types.count("recall") >= 2 and types.count("qa") >= 1


@pytest.mark.parametrize("slug", POSTS)
def test_every_post_has_its_page(published, slug):
    assert (published.output / "posts" / slug / "index.html").is_file()


@pytest.mark.parametrize("slug", PAGES)
def test_every_page_is_built(published, slug):
    assert (published.output / slug / "index.html").is_file()


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "archives/index.html",
        "tags/index.html",
        "categories/index.html",
        "sitemap.xml",
        "robots.txt",
        "category/how-to-guides/index.html",
        "category/misconception-of-the-week/index.html",
        "category/recall-alerts/index.html",
        "category/patient-questions/index.html",
    ],
)
def test_site_wide_pages_exist(published, path):
    assert (published.output / path).is_file()


def test_robots_txt_points_to_the_sitemap(published):
    assert f"Sitemap: {SITE}/sitemap.xml" in (published.output / "robots.txt").read_text()


def test_sitemap_lists_every_post_with_absolute_urls(published):
    sitemap = (published.output / "sitemap.xml").read_text()
    for slug in POSTS:
        assert f"<loc>{SITE}/posts/{slug}/</loc>" in sitemap


def html_files(build: Build) -> list[Path]:
    return sorted(build.output.rglob("*.html"))


def test_every_html_page_declares_its_language_and_has_a_title(published):
    for path in html_files(published):
        page = soup(path)
        assert page.html.get("lang") == "en", path
        assert page.title and page.title.string.strip(), path


@pytest.mark.parametrize("slug", POSTS)
def test_post_page_has_description_canonical_and_feed_links(published, slug):
    page = post_page(published, slug)
    description = page.find("meta", attrs={"name": "description"})
    assert description and description["content"].strip()
    assert page.find("link", rel="canonical")["href"] == f"{SITE}/posts/{slug}/"
    feeds = {link["href"]: link["type"] for link in page.find_all("link", rel="alternate")}
    assert feeds[f"{SITE}/feeds/all.rss.xml"] == "application/rss+xml"
    assert feeds[f"{SITE}/feeds/all.atom.xml"] == "application/atom+xml"


@pytest.mark.parametrize("slug", POSTS)
def test_post_page_carries_disclaimer_and_emergency_line(published, slug):
    text = post_page(published, slug).get_text(" ", strip=True)
    assert "not a substitute for professional medical advice" in text
    assert "In an emergency, call 911." in text


@pytest.mark.parametrize("slug", POSTS)
def test_post_jsonld_is_medical_web_page_with_blog_posting_and_practice(published, slug):
    graph = {node["@type"]: node for node in jsonld(post_page(published, slug))["@graph"]}
    assert set(graph) == {"MedicalWebPage", "BlogPosting", "MedicalOrganization"}
    page, article, org = graph["MedicalWebPage"], graph["BlogPosting"], graph["MedicalOrganization"]
    assert page["url"] == f"{SITE}/posts/{slug}/"
    assert page["lastReviewed"] and page["reviewedBy"]["name"]
    assert article["author"]["name"] and article["datePublished"]
    assert org["telephone"] == "(541) 555-0142"
    assert org["address"]["streetAddress"] == "2150 Orchard Lane, Suite 200"


def test_reviewed_post_shows_who_reviewed_it_and_when(published):
    text = post_page(published, "hand-washing").get_text(" ", strip=True)
    assert "Medically reviewed by Dr. Ana Patel, MD on June 3, 2026" in text


def test_title_with_quotes_ampersand_and_angle_brackets_comes_through_exactly(published):
    page = post_page(published, "spinach-recall")
    assert page.find("h1").get_text(strip=True) == SPINACH
    assert page.title.string.startswith(SPINACH)
    graph = {node["@type"]: node for node in jsonld(page)["@graph"]}
    assert graph["BlogPosting"]["headline"] == SPINACH
    raw = (published.output / "posts" / "spinach-recall" / "index.html").read_text()
    assert "<Organic>" not in raw  # escaped everywhere, never live markup
    entry = next(
        e
        for e in feedparser.parse(published.output / "feeds/all.rss.xml").entries
        if e.link.endswith("/spinach-recall/")
    )
    assert entry.title == SPINACH


def test_recall_page_links_the_official_notice_and_poison_help(published):
    page = post_page(published, "spinach-recall")
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    assert "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts" in hrefs
    assert "tel:+18002221222" in hrefs
    text = page.get_text(" ", strip=True)
    assert "1-800-222-1222" in text and "Class I" in text and "SS26224" in text


def test_misconception_pages_show_myth_fact_and_their_week_number_by_date(published):
    # flu-shot-myth is dated 2026-09-23, antibiotics-cold-myth 2026-10-14.
    for slug, number in (("flu-shot-myth", 1), ("antibiotics-cold-myth", 2)):
        text = post_page(published, slug).get_text(" ", strip=True)
        assert f"Misconception of the Week #{number}" in text  # the series, by date
        assert "Myth" in text and "Fact" in text


def test_howto_page_renders_its_steps_as_a_numbered_list(published):
    page = post_page(published, "hand-washing")
    steps = page.select(".post-body ol > li")
    assert len(steps) >= 5


def test_mental_health_post_adds_the_988_line(published):
    text = post_page(published, "winter-blues").get_text(" ", strip=True)
    assert "988" in text and "Suicide & Crisis Lifeline" in text


def test_pages_load_no_third_party_resources(published):
    for path in html_files(published):
        page = soup(path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                url = element.get(attr)
                if not url or (
                    tag == "link" and element.get("rel") in (["alternate"], ["canonical"])
                ):
                    continue
                assert url.startswith(SITE + "/") or not url.startswith(("http", "//")), (path, url)


def test_home_page_lists_the_latest_posts(published):
    page = soup(published.output / "index.html")
    links = {a["href"] for a in page.find_all("a", href=True)}
    newest = f"{SITE}/posts/winter-blues/"
    assert newest in links


def test_navigation_links_only_the_post_types_that_have_a_category_page(published):
    """A type with no published post (the test site has no urgent notice) has no category
    page, so neither the menu nor the home page's topics link it; every other type's
    category page is written and linked."""
    types = {spec.slug: spec for spec in TYPE_SPECS.values()}
    written = {slug for slug in types if (published.output / "category" / slug).is_dir()}
    assert written == set(types) - {TYPE_SPECS[PostType.ALERT].slug}
    for page in ("index.html", "about/index.html", "posts/hand-washing/index.html"):
        links = {a["href"] for a in soup(published.output / page).find_all("a", href=True)}
        linked = {slug for slug in types if f"{SITE}/category/{slug}/" in links}
        assert linked == written, page


def test_nothing_is_written_under_drafts(published):
    assert not (published.output / "drafts").exists()


def test_hero_image_has_alt_text_and_the_size_of_its_largest_copy(published):
    img = post_page(published, "hand-washing").select_one(".hero picture img")
    assert img["alt"].startswith("Flat illustration of a blue bar of soap")
    assert (img["width"], img["height"]) == ("1280", "800")  # the 1600 x 1000 original, scaled
    assert img["src"].startswith(f"{SITE}/pictures/") and img["src"].endswith("-320.jpg")


def test_404_page_is_built(published):
    assert (published.output / "404.html").is_file()


def test_every_published_file_and_folder_is_readable_by_a_web_server(published):
    for path in [published.output, *published.output.rglob("*")]:
        mode = path.stat().st_mode
        assert mode & 0o004, (path, oct(mode))  # world-readable
        if path.is_dir():
            assert mode & 0o001, (path, oct(mode))  # world-traversable
