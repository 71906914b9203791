"""The patient article page (issue 23): sources, related posts, share links, pictures in
every size cached by content, one label per type, the search index (no browser here;
tests/e2e/test_patient_pages.py looks at the pages in Chromium)."""

from __future__ import annotations

import json
import runpy
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from conftest import config_for_test_site
from healthnotes.cache.files import FileDigests, ImageCache
from healthnotes.config import SiteConfig
from healthnotes.content.model import TYPE_SPECS, PostType, RawPost, parse_post
from healthnotes.content.sanitize import csp_header_for, csp_rules
from healthnotes.content.sources import Source, parse_sources
from healthnotes.site import pictures
from healthnotes.site.jsonld import post_jsonld
from healthnotes.site.related import related_posts
from healthnotes.site.share import sharing
from healthnotes.social.texts import utm_link

ROOT = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("America/Los_Angeles")
TODAY = date(2026, 12, 4)
CDC = "Antibiotic Do's and Don'ts | CDC | https://www.cdc.gov/antibiotic-use/about/index.html"
FDA_NOTICE = "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts"


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return config_for_test_site()


def raw(slug: str = "x", **metadata: object) -> RawPost:
    base: dict[str, object] = {
        "title": f"Title {slug}",
        "date": datetime(2026, 9, 1, 9, tzinfo=TZ),
        "type": "qa",
        "question": "Can I?",
    }
    base.update(metadata)
    return RawPost(
        source=f"content/posts/{slug}.md",
        slug=slug,
        url=f"https://x.example/posts/{slug}/",
        html="<p>Opening paragraph.</p>",
        metadata=base,
        lines={"sources": 7},
    )


def recall(**metadata: object) -> RawPost:
    return raw(
        "r",
        type="recall",
        recall_product="Spinach",
        recall_agency="FDA",
        recall_reason="Listeria",
        recall_url=FDA_NOTICE,
        recall_date="2026-08-19",
        **metadata,
    )


# --- Sources ----------------------------------------------------------------------------


def test_sources_are_read_one_per_line_as_title_publisher_and_address():
    sources, problems = parse_sources(
        [CDC, "Common Cold | MedlinePlus | https://medlineplus.gov/commoncold.html"]
    )
    assert problems == []
    assert sources == (
        Source(
            title="Antibiotic Do's and Don'ts",
            publisher="CDC",
            url="https://www.cdc.gov/antibiotic-use/about/index.html",
        ),
        Source(
            title="Common Cold",
            publisher="MedlinePlus",
            url="https://medlineplus.gov/commoncold.html",
        ),
    )


def test_the_same_source_twice_is_listed_once():
    sources, _ = parse_sources([CDC, CDC.replace("index.html", "index.html/")])
    assert len(sources) == 1


@pytest.mark.parametrize(
    "line",
    ["Just a title", "Title | CDC", "Title | CDC | www.cdc.gov/x", "Title | | https://cdc.gov"],
)
def test_a_source_line_that_is_not_title_publisher_address_is_an_error_naming_the_line(
    config, line
):
    post, problems = parse_post(raw(sources=line), config, today=TODAY)
    assert post is None
    [problem] = [p for p in problems if p.severity == "error"]
    assert problem.field == "Sources" and problem.line == 7
    assert "https://" in problem.message


def test_a_post_without_sources_is_published_with_a_warning(config):
    post, problems = parse_post(raw(), config, today=TODAY)
    assert post is not None and post.sources == ()
    [warning] = [p for p in problems if p.field == "Sources"]
    assert warning.severity == "warning" and "no sources" in warning.message


def test_a_recall_without_its_official_notice_among_its_sources_warns(config):
    post, problems = parse_post(recall(sources=CDC), config, today=TODAY)
    assert post is not None
    [warning] = [p for p in problems if p.field == "Sources"]
    assert warning.severity == "warning" and FDA_NOTICE in warning.message


def test_a_recall_citing_its_notice_builds_without_warnings_and_cites_it_in_json_ld(config):
    notice = f"Recall notice | FDA | {FDA_NOTICE}"
    post, problems = parse_post(recall(sources=[notice, CDC]), config, today=TODAY)
    assert post is not None and [p for p in problems if p.field == "Sources"] == []
    page = post_jsonld(post, config)["@graph"][0]
    assert [c["url"] for c in page["citation"]] == [FDA_NOTICE, post.sources[1].url]
    assert page["citation"][0]["publisher"] == {"@type": "Organization", "name": "FDA"}


# --- Related posts -----------------------------------------------------------------------


def posts_from(config, specs):
    made = []
    for slug, tags, kind, day, extra in specs:
        fields = {"tags": tags, "date": datetime(2026, 9, day, 9, tzinfo=TZ), **extra}
        if kind == "howto":
            fields.update(type="howto")
        post, problems = parse_post(raw(slug, **fields), config, today=TODAY)
        assert post is not None, problems
        made.append(post)
    return made


def test_related_posts_are_chosen_by_shared_tags_then_type_then_newest(config):
    posts = posts_from(
        config,
        [
            ("a", "flu, vaccines", "qa", 1, {}),
            ("b", "flu, vaccines", "qa", 2, {}),  # two shared tags
            ("c", "flu", "qa", 3, {}),  # one shared tag, same type
            ("d", "flu", "qa", 4, {}),  # the same, newer
            ("e", "other", "qa", 5, {}),  # same type only
            ("f", "flu, vaccines", "qa", 6, {"status": "draft"}),  # never offered
        ],
    )
    related = related_posts(posts)
    assert [p.slug for p in related[posts[0].source]] == ["b", "d", "c"]
    assert all(p.slug != "f" for chosen in related.values() for p in chosen)
    assert related_posts(list(reversed(posts))) == related  # the same on every build


def _related_by_sorting(posts, count=3):
    """The related posts as first written: every candidate scored, then sorted."""
    from collections import Counter

    from healthnotes.content.model import newest_first
    from healthnotes.site.related import PER_TAG, TAG_WEIGHT, TYPE_WEIGHT

    published = newest_first(post for post in posts if post.is_published)
    rank = {post.source: index for index, post in enumerate(published)}
    by_tag, by_type = {}, {}
    for post in published:
        for tag in {tag.casefold() for tag in post.tags}:
            if len(by_tag.setdefault(tag, [])) < PER_TAG:
                by_tag[tag].append(post)
        if len(by_type.setdefault(post.type, [])) < PER_TAG:
            by_type[post.type].append(post)
    chosen = {}
    for post in posts:
        scores, found = Counter(), {}
        for tag in {tag.casefold() for tag in post.tags}:
            for other in by_tag.get(tag, ()):
                scores[other.source] += TAG_WEIGHT
                found[other.source] = other
        for other in by_type.get(post.type, ()):
            scores[other.source] += TYPE_WEIGHT
            found[other.source] = other
        scores.pop(post.source, None)
        best = sorted(scores, key=lambda source: (-scores[source], rank[source]))[:count]
        for newest in published:
            if len(best) >= count:
                break
            if newest.source != post.source and newest.source not in scores:
                best.append(newest.source)
                found[newest.source] = newest
        chosen[post.source] = tuple(found[source] for source in best)
    return chosen


@given(
    st.lists(
        st.tuples(
            st.sets(st.sampled_from(["flu", "Flu", "heart", "skin", "sleep"]), max_size=3),
            st.sampled_from(list(PostType)),
            st.integers(min_value=0, max_value=5),
            st.booleans(),
        ),
        max_size=25,
    )
)
def test_related_posts_are_the_best_scored_then_newest_whatever_the_posts(config, made):
    base, _ = parse_post(raw("base"), config, today=TODAY)
    posts = [
        replace(
            base,
            source=f"content/posts/p{index}.md",
            slug=f"p{index}",
            tags=tuple(sorted(tags)),
            type=post_type,
            date=base.date + timedelta(days=days),
            status="published" if published else "draft",
        )
        for index, (tags, post_type, days, published) in enumerate(made)
    ]
    assert related_posts(posts) == _related_by_sorting(posts)


def test_a_scheduled_post_is_never_offered(config):
    post, _ = parse_post(raw("s", tags="flu"), config, today=TODAY)
    later, _ = parse_post(raw("t", tags="flu"), config, today=TODAY)
    scheduled = later.__class__(**{**later.__dict__, "status": "scheduled"})
    assert related_posts([post, scheduled])[post.source] == ()


# --- Share links ---------------------------------------------------------------------------


def test_share_links_use_each_platforms_share_address_with_the_utm_tagged_post_address(config):
    post, _ = parse_post(raw("spinach", title="Spinach & you"), config, today=TODAY)
    offered = sharing(post, ("facebook", "x", "bluesky"))
    by_key = {link.key: link.href for link in offered.links}
    assert list(by_key) == ["email", "facebook", "x", "bluesky", "whatsapp"]  # no LinkedIn
    tagged = "https://x.example/posts/spinach/?utm_source=facebook&utm_medium=social&utm_campaign=spinach"
    facebook = urlsplit(by_key["facebook"])
    assert facebook.netloc == "www.facebook.com" and parse_qs(facebook.query)["u"] == [tagged]
    x = parse_qs(urlsplit(by_key["x"]).query)
    assert x["text"] == ["Spinach & you"] and "utm_source=x" in x["url"][0]
    assert by_key["email"].startswith("mailto:?subject=Spinach%20%26%20you&body=")
    assert "utm_source%3Dwhatsapp" in by_key["whatsapp"]
    assert offered.copy_url.endswith("?utm_source=link&utm_medium=social&utm_campaign=spinach")


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_a_share_text_is_the_title_and_the_tagged_address_quoted_whatever_the_title(config, title):
    post, _ = parse_post(raw("spinach"), config, today=TODAY)
    post = replace(post, title=title)
    by_key = {link.key: link.href for link in sharing(post, ("bluesky",)).links}
    tagged = utm_link(post.url, "whatsapp", post.slug)
    assert by_key["whatsapp"] == "https://wa.me/?text=" + quote(f"{title} {tagged}", safe="")
    body = parse_qs(urlsplit(by_key["email"]).query)["body"]
    assert body == [f"{title} {utm_link(post.url, 'email', post.slug)}"]


# --- Pictures ---------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=20_000))
def test_picture_sizes_are_never_wider_than_the_original(width):
    made = pictures.widths(width)
    assert made and all(w <= width for w in made)
    assert list(made) == sorted(set(made))


def test_pictures_are_made_in_every_size_as_webp_and_jpeg_and_cached_by_content(tmp_path, config):
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    Image.new("RGB", (1000, 500), (40, 120, 60)).save(images / "a.jpg")
    post, problems = parse_post(
        raw(image="images/a.jpg", image_alt="A green field"),
        SiteConfig(**{**config.__dict__, "content_root": tmp_path / "content"}),
        today=TODAY,
    )
    assert post is not None, problems
    digests = FileDigests(None)
    shown = pictures.plan([post], tmp_path / "content", digests)[post.source]
    assert (shown.width, shown.height, shown.alt) == (960, 480, "A green field")
    assert {(v.width, v.format) for v in shown.variants} == {
        (w, f) for w in (320, 640, 960) for f in ("webp", "jpeg")
    }
    cache = ImageCache(tmp_path / "cache")
    todo = pictures.missing({post.source: shown}, cache, tmp_path / "content")
    for original, variants in todo:
        for key, entry in pictures.make_one(cache.root, original, variants):
            cache.record(key, entry)
    assert pictures.missing({post.source: shown}, cache, tmp_path / "content") == []
    pictures.publish({post.source: shown}, cache, tmp_path / "out")
    for variant in shown.variants:
        with Image.open(tmp_path / "out" / variant.path) as made:
            assert made.size == (variant.width, variant.height)
            assert made.format == {"webp": "WEBP", "jpeg": "JPEG"}[variant.format]
            assert "exif" not in made.info
    # A changed picture is a new picture: new keys, new files.
    Image.new("RGB", (1000, 500), (200, 20, 20)).save(images / "a.jpg")
    again = pictures.plan([post], tmp_path / "content", FileDigests(None))[post.source]
    assert {v.key for v in again.variants}.isdisjoint({v.key for v in shown.variants})


def test_picture_sizes_carry_none_of_the_originals_metadata(tmp_path):
    """The sizes are encoded from the pixels alone: the camera's EXIF (GPS, owner), XMP
    and colour profile of the original stay behind, so the picture stripper need not
    look at them (they are published as links to the cache it skips, as cards are)."""
    from PIL import ImageCms

    from healthnotes.gate.photos import kept_profiles, strip_metadata

    tags = Image.Exif()
    tags[0x013B] = "Jane Q. Patient"  # Artist
    original = tmp_path / "original.jpg"
    Image.new("RGB", (1000, 500), (40, 120, 60)).save(
        original,
        exif=tags.tobytes(),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Jane Q. Patient</x:xmpmeta>',
    )
    assert strip_metadata(original.read_bytes()) != original.read_bytes()
    variants = [
        pictures.Variant(
            key=f"k{w}{f}", path=f"pictures/a-{w}.{f}", width=w, height=w // 2, format=f
        )
        for w in (320, 960)
        for f in pictures.FORMATS
    ]
    for data in pictures.encode(original, variants).values():
        assert strip_metadata(data) == data
        assert kept_profiles(data) == []
        assert b"Jane Q. Patient" not in data


# --- One label per type -------------------------------------------------------------------


def test_every_type_has_one_label_used_for_navigation_badges_and_category_pages(published):
    build = published
    assert "Sources:" not in build.stderr  # the example posts cite their sources
    out = build.output
    listed = [s for s in TYPE_SPECS.values() if (out / "category" / s.slug).is_dir()]
    # The test site has a post of every type but the urgent notice: no page, no link to it.
    assert [s.type for s in listed] == [t for t in TYPE_SPECS if t is not PostType.ALERT]
    home_nav = BeautifulSoup((out / "index.html").read_text(), "html.parser").select(".site-nav a")
    assert TYPE_SPECS[PostType.ALERT].label not in [a.get_text(strip=True) for a in home_nav]
    for spec in listed:
        category = BeautifulSoup(
            (out / "category" / spec.slug / "index.html").read_text(), "html.parser"
        )
        assert category.h1.get_text(strip=True) == spec.label
        badges = {b.get_text(strip=True) for b in category.select(".card .badge")}
        assert badges == {spec.label}
        nav = [a.get_text(strip=True) for a in category.select(".site-nav a")]
        assert spec.label in nav
    spinach = BeautifulSoup((out / "posts/spinach-recall/index.html").read_text(), "html.parser")
    assert spinach.select_one(".post-header .badge").get_text(strip=True) == "Recall alert"
    # The picture: WebP and JPEG in every size, width and height, not lazy above the fold.
    img = spinach.select_one(".hero picture img")
    assert img["width"] and img["height"] and "loading" not in img.attrs
    assert spinach.select_one(".hero picture source")["type"] == "image/webp"
    # Sources, related posts, share links; the index that search reads.
    assert spinach.select(".source-list a")[0]["href"] == FDA_NOTICE
    assert len(spinach.select(".related-list li")) == 3
    assert spinach.select_one(".share-facebook")["href"].startswith("https://www.facebook.com/")
    assert (out / "pagefind" / "pagefind-component-ui.js").is_file()
    home = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    for card in home.select(".card"):
        thumb = card.select_one(".thumb")
        assert thumb is not None  # a picture or the type's placeholder: never a gap
        for lazy in thumb.select("img"):
            assert lazy["loading"] == "lazy" and lazy["width"] and lazy["alt"]
    feed = json.dumps((out / "feeds" / "all.atom.xml").read_text())
    assert 'label=\\"Recall alert\\"' in feed


# --- The recommended Content-Security-Policy header, page by page ------------------------


def test_the_header_recommended_for_the_search_page_allows_its_script_and_no_other_page_any(
    published,
):
    """A host sends each page the header of its rule in csp_rules (docs/sanitize.md):
    the search page's must allow the Pagefind script it loads from the site itself;
    every other page runs no script, and its header allows none."""
    out = published.output
    site = runpy.run_path(str(Path(__file__).resolve().parents[2] / "publishconf.py"))["SITEURL"]
    rules = csp_rules(out)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        path = "/" + page.relative_to(out).as_posix().removesuffix("index.html")
        header = {d.split()[0]: d.split()[1:] for d in csp_header_for(rules, path).split(";") if d}
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = soup.find_all("script")
        run = [s for s in scripts if s.get("type") != "application/ld+json"]  # JSON-LD is data
        assert all(s.get("src") for s in run), path  # never an inline script
        if path == "/search/":
            assert [s["src"] for s in run] == [
                f"{site}/pagefind/pagefind-component-ui.js",
                f"{site}/theme/js/search.js",  # the index's shelves in one search
            ]
            assert "'self'" in header["script-src"]  # the page's own origin: SITEURL
            assert "'wasm-unsafe-eval'" in header["script-src"]  # Pagefind's WebAssembly
            assert "data:" in header["img-src"]  # Pagefind's icons
            # Its worker, which compiles the WebAssembly, has the header of its own file.
            worker = csp_header_for(rules, "/pagefind/pagefind-worker.js")
            assert "'wasm-unsafe-eval'" in worker.split("script-src", 1)[1].split(";")[0]
        else:
            assert run == [], path
            assert header["script-src"] == ["'none'"], path
        assert header["frame-ancestors"] == ["'none'"]
