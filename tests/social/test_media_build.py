"""Carousels, the LinkedIn document and the video in a real build; card addresses that
change with the card; the staff preview."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import av
import pytest
from pypdf import PdfReader

from conftest import CONTENT, run_build, settings_file

#: The test site's pages choose their address with Slug: (allowed here as in the site).
EXTRA = "ALLOW_CONTENT_OVERRIDES = ['Slug']\n"
POSTS = ("flu-shot-myth", "spinach-recall")


def small_site(folder: Path) -> Path:
    """The test site with two posts; the recall says ``Video: no``."""
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    for post in (content / "posts").glob("*.md"):
        if post.stem not in POSTS:
            post.unlink()
    recall = content / "posts" / "spinach-recall.md"
    text = recall.read_text()
    recall.write_text(text.replace("\nType: recall\n", "\nType: recall\nVideo: no\n", 1))
    return content


def build(tmp: Path, content: Path, cache: Path, name: str, video: bool = False):
    report = tmp / "reports" / "build-report.html"
    extra = f"{EXTRA}REPORT_PATH = {str(report)!r}\n" + ("VIDEO = True\n" if video else "")
    conf = settings_file(tmp, content, extra)
    done = run_build(tmp / name, content=content, settings=conf, cache=cache, verbose=True)
    assert done.ok, done.stderr
    return done


def carousel_line(log: str) -> tuple[int, int, int]:
    found = re.search(r"Carousels: (\d+) posts, (\d+) made again, (\d+) slides drawn", log)
    assert found, log
    return tuple(int(n) for n in found.groups())  # type: ignore[return-value]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("media")
    content = small_site(tmp)
    cache = tmp / "cache"
    first = build(tmp, content, cache, "first", video=True)
    return tmp, content, cache, first


def test_a_build_has_each_posts_carousels_document_and_video(site):
    first = site[3]
    folder = first.output / "syndication" / "flu-shot-myth"
    instagram = sorted((folder / "instagram-carousel").glob("*.jpg"))
    tiktok = sorted((folder / "tiktok-carousel").glob("*.jpg"))
    assert instagram and tiktok
    assert [p.name for p in instagram] == [f"{n:02d}.jpg" for n in range(1, len(instagram) + 1)]
    data = json.loads((first.output / "syndication.json").read_text())
    [post] = [p for p in data["posts"] if p["slug"] == "flu-shot-myth"]
    pages = PdfReader(folder / "linkedin.pdf").pages
    listed = post["media"]["linkedin-document"]["files"][0]["alt"].splitlines()
    assert len(pages) == len(listed) >= 3  # one page a LinkedIn slide
    with av.open(str(folder / "video.mp4")) as container:
        [stream] = container.streams.video
        assert stream.codec_context.name == "h264"
        assert (stream.width, stream.height) == (1080, 1920)
        assert not container.streams.audio
        assert 10 <= float(container.duration / av.time_base) <= 30.5
    media = post["media"]
    assert len(media["instagram-carousel"]["files"]) == len(instagram)
    assert all(file["alt"] for item in media.values() for file in item["files"])
    assert all((first.output / f["path"]).is_file() for i in media.values() for f in i["files"])


def test_a_post_with_video_no_has_no_video(site):
    first = site[3]
    folder = first.output / "syndication" / "spinach-recall"
    assert (folder / "instagram-carousel" / "01.jpg").is_file()
    assert not (folder / "video.mp4").exists()
    data = json.loads((first.output / "syndication.json").read_text())
    [post] = [p for p in data["posts"] if p["slug"] == "spinach-recall"]
    assert "video" not in post["media"]


def test_the_bulk_csv_lists_carousels_with_every_slide_and_its_alt_text(site):
    first = site[3]
    raw = (first.output / "syndication" / "bulk-schedule.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    [row] = [
        r for r in rows if r["platform"] == "instagram-carousel" and "flu-shot" in r["image_url"]
    ]
    urls, alts = row["media_urls"].splitlines(), row["alt_text"].splitlines()
    assert len(urls) == len(alts) > 1 and urls[0].endswith("instagram-carousel/01.jpg")
    assert row["text"]


def test_a_second_build_draws_no_slide_and_a_changed_post_only_its_own(site):
    tmp, content, cache, first = site
    assert carousel_line(first.stderr) == (2, 2, carousel_line(first.stderr)[2])
    again = build(tmp, content, cache, "again", video=True)
    assert carousel_line(again.stderr) == (2, 0, 0)
    post = content / "posts" / "flu-shot-myth.md"
    first_paragraph = "Many people skip the flu shot"  # on the "Why" slides
    post.write_text(
        post.read_text().replace(first_paragraph, "Many people still skip the flu shot")
    )
    changed = build(tmp, content, cache, "changed", video=True)
    posts, made, drawn = carousel_line(changed.stderr)
    assert (posts, made) == (2, 1)
    assert 0 < drawn <= 8  # a slide or two of one post, not every slide again


def og_image(output: Path, slug: str) -> str:
    html = (output / "posts" / slug / "index.html").read_text()
    found = re.search(r'<meta property="og:image" content="([^"]+)"', html)
    assert found
    return found.group(1)


def test_the_card_address_changes_with_the_card_and_only_then(tmp_path):
    content = small_site(tmp_path)
    cache = tmp_path / "cache"
    first = build(tmp_path, content, cache, "one")
    same = build(tmp_path, content, cache, "two")
    assert og_image(first.output, "flu-shot-myth") == og_image(same.output, "flu-shot-myth")
    post = content / "posts" / "flu-shot-myth.md"
    post.write_text(post.read_text().replace("Title: Can the Flu Shot", "Title: Can a Flu Shot"))
    changed = build(tmp_path, content, cache, "three")
    assert og_image(changed.output, "flu-shot-myth") != og_image(first.output, "flu-shot-myth")
    assert og_image(changed.output, "spinach-recall") == og_image(first.output, "spinach-recall")
    # Every card referenced anywhere exists; no old card is left beside the new one.
    site_url = og_image(changed.output, "flu-shot-myth").split("/syndication/")[0]
    referenced = set()
    for page in [*changed.output.rglob("*.html"), *changed.output.rglob("*.xml")]:
        referenced |= set(
            re.findall(re.escape(site_url) + r"/(syndication/[^\"'<\s]+\.jpg)", page.read_text())
        )
    data = json.loads((changed.output / "syndication.json").read_text())
    for post_data in data["posts"]:
        referenced |= {e["image"]["path"] for e in post_data["platforms"].values()}
    assert referenced and all((changed.output / path).is_file() for path in referenced)
    cards = list((changed.output / "syndication" / "flu-shot-myth").glob("og-*.jpg"))
    assert len(cards) == 1


def test_the_preview_has_a_page_a_post_with_every_platform(site):
    folder = site[0] / "reports" / "preview"
    index = (folder / "index.html").read_text()
    assert "flu-shot-myth.html" in index
    page = (folder / "flu-shot-myth.html").read_text()
    manifest = json.loads((site[3].output / "syndication.json").read_text())
    [post] = [post for post in manifest["posts"] if post["slug"] == "flu-shot-myth"]
    platforms = re.findall(r'<section id="[^"]+" data-platform="([^"]+)"', page)
    assert platforms and platforms == list(post["platforms"])  # one per platform, in order
    assert page.count("<section") == len(platforms) and "instagram-carousel" in page
    for source in re.findall(r'src="([^"]+)"', page):
        assert (folder / source).is_file(), source
