"""Renaming a published post keeps it: its feed id stays, its old address leads to the
new one, and an address that would be lost without a word is warned about."""

from __future__ import annotations

import re
import uuid

import feedparser
import pytest

from conftest import run_build

POSTS = "posts"
OLD, NEW = "hand-washing", "wash-your-hands"


def feed_ids(build) -> dict[str, str]:
    """Link -> feed id of every item of the site's main feed."""
    feed = feedparser.parse((build.output / "feeds" / "all.rss.xml").read_bytes())
    return {entry.link: entry.id for entry in feed.entries}


def rename(content, old: str, new: str, *lines: str) -> None:
    """Rename a post's file, adding ``lines`` to its fields."""
    source = content / POSTS / f"{old}.md"
    text = source.read_text(encoding="utf-8")
    if lines:
        head, body = text.split("\n\n", 1)
        text = head + "\n" + "\n".join(lines) + "\n\n" + body
    (content / POSTS / f"{new}.md").write_text(text, encoding="utf-8")
    source.unlink()


def add_fields(content, name: str, *lines: str) -> None:
    rename(content, name, name + "-tmp", *lines)
    rename(content, name + "-tmp", name)


def link(build, slug: str) -> str:
    return next(url for url in feed_ids(build) if url.endswith(f"/posts/{slug}/"))


def test_a_post_renamed_with_previous_slugs_keeps_its_feed_id(tmp_path, content_copy):
    cache = tmp_path / "cache"
    before = run_build(tmp_path / "before", content=content_copy, cache=cache)
    assert before.ok, before.stderr
    rename(content_copy, OLD, NEW, f"Previous_Slugs: {OLD}")
    after = run_build(tmp_path / "after", content=content_copy, cache=cache)
    assert after.ok, after.stderr
    assert feed_ids(after)[link(after, NEW)] == feed_ids(before)[link(before, OLD)]
    assert set(feed_ids(after).values()) == set(feed_ids(before).values())


def test_a_post_with_an_id_keeps_its_feed_id_through_any_rename(tmp_path, content_copy):
    post_id = uuid.UUID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
    add_fields(content_copy, OLD, f"Id: {post_id}")
    first = run_build(tmp_path / "first", content=content_copy)
    rename(content_copy, OLD, NEW, f"Previous_Slugs: {OLD}")
    renamed = run_build(tmp_path / "renamed", content=content_copy)
    assert first.ok and renamed.ok, renamed.stderr
    assert feed_ids(first)[link(first, OLD)] == f"urn:uuid:{post_id}"
    assert feed_ids(renamed)[link(renamed, NEW)] == f"urn:uuid:{post_id}"


def test_posts_without_id_or_previous_slugs_keep_todays_feed_ids(published):
    from healthnotes.content.model import post_guid

    for url, guid in feed_ids(published).items():
        slug = url.rstrip("/").rsplit("/", 1)[1]
        assert guid == post_guid("https://health.maplegrovefamily.example", slug)


def test_the_old_address_leads_to_the_new_one_without_script(tmp_path, content_copy):
    rename(content_copy, OLD, NEW, f"Previous_Slugs: {OLD}")
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.ok, build.stderr
    page = (build.output / "posts" / OLD / "index.html").read_text(encoding="utf-8")
    new_url = link(build, NEW)
    assert f'<meta http-equiv="refresh" content="0; url={new_url}">' in page
    assert f'<link rel="canonical" href="{new_url}">' in page
    assert re.search(rf'<a href="{re.escape(new_url)}">[^<]+</a>', page)
    assert "<script" not in page
    sitemap = (build.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/posts/{NEW}/" in sitemap and f"/posts/{OLD}/" not in sitemap


def test_a_rename_without_previous_slugs_is_warned_about_with_its_fix(tmp_path, content_copy):
    cache = tmp_path / "cache"
    assert run_build(tmp_path / "before", content=content_copy, cache=cache).ok
    rename(content_copy, OLD, NEW)
    after = run_build(tmp_path / "after", content=content_copy, cache=cache)
    assert after.ok, after.stderr
    warnings = [line for line in after.stderr.splitlines() if f"posts/{OLD}/" in line]
    assert len(warnings) == 1, after.stderr
    assert "warning:" in warnings[0]
    assert f"add 'Previous_Slugs: {OLD}'" in warnings[0]
    again = run_build(tmp_path / "again", content=content_copy, cache=cache)
    assert f"Previous_Slugs: {OLD}" in again.stderr  # until the post says where it went
    add_fields(content_copy, NEW, f"Previous_Slugs: {OLD}")
    fixed = run_build(tmp_path / "fixed", content=content_copy, cache=cache)
    assert fixed.ok and f"posts/{OLD}/" not in fixed.stderr, fixed.stderr


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Id: not-an-id", "Id: 'not-an-id' is not an id"),
        ("Previous_Slugs: Old Name.md", "is not an address"),
        ("Previous_Slugs: flu-shot-myth", "is the address of another post now"),
    ],
)
def test_a_wrong_id_or_previous_slug_is_one_line_with_its_fix(
    line, expected, tmp_path, content_copy
):
    add_fields(content_copy, OLD, line)
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr
    assert any(f"posts/{OLD}.md" in x and expected in x for x in build.stderr.splitlines()), (
        build.stderr
    )


def test_make_new_writes_an_id():
    from datetime import date

    from healthnotes.content.model import PostType
    from healthnotes.content.new_post import render

    text = render(PostType.QA, "A question", day=date(2026, 12, 4), author="Maple Grove")
    match = re.search(r"^Id: (\S+)$", text, re.MULTILINE)
    assert match and uuid.UUID(match.group(1))


def test_a_cache_file_of_another_kind_is_no_record_of_published_addresses(tmp_path):
    """The published scan's cache once shared the record's file name: its keys
    ("fingerprint") were read as addresses and warned about as lost posts."""
    from healthnotes.cache.checks import CheckCache
    from healthnotes.content.renames import RECORD, read_record

    scan = CheckCache(tmp_path / RECORD)
    scan.get("published-file", ("html", b"<p>Hi</p>"), lambda: [])
    scan.save()
    assert read_record(tmp_path / RECORD) == {}
    guid = "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    (tmp_path / RECORD).write_text(f'{{"{OLD}": "{guid}", "Not A Slug": "{guid}"}}')
    assert read_record(tmp_path / RECORD) == {OLD: guid}


# --- taken down on purpose: a draft, or a line in content/unpublished.txt -----------


def set_draft(content, name: str) -> None:
    add_fields(content, name, "Status: draft")


def lost(build, slug: str) -> list[str]:
    """The build's warnings that ``posts/<slug>/`` is gone."""
    return [line for line in build.stderr.splitlines() if f"posts/{slug}/" in line]


def test_a_published_post_set_to_draft_is_not_warned_about_as_lost(tmp_path, content_copy):
    cache = tmp_path / "cache"
    assert run_build(tmp_path / "before", content=content_copy, cache=cache).ok
    set_draft(content_copy, OLD)
    drafted = run_build(tmp_path / "drafted", content=content_copy, cache=cache)
    assert drafted.ok, drafted.stderr
    assert lost(drafted, OLD) == [], drafted.stderr
    (content_copy / POSTS / f"{OLD}.md").unlink()  # and later deleted: it was off already
    deleted = run_build(tmp_path / "deleted", content=content_copy, cache=cache)
    assert deleted.ok and lost(deleted, OLD) == [], deleted.stderr


def test_a_deleted_post_is_warned_about_until_unpublished_txt_names_it(tmp_path, content_copy):
    cache = tmp_path / "cache"
    assert run_build(tmp_path / "before", content=content_copy, cache=cache).ok
    (content_copy / POSTS / f"{OLD}.md").unlink()
    gone = run_build(tmp_path / "gone", content=content_copy, cache=cache)
    assert gone.ok, gone.stderr
    [warning] = lost(gone, OLD)
    assert f"add the line '{OLD}' to content/unpublished.txt" in warning
    (content_copy / "unpublished.txt").write_text(
        f"# Posts taken down on purpose\nposts/{OLD}/   # the advice changed\n", "utf-8"
    )
    for name in ("listed", "again"):  # and it stays quiet on every later build
        build = run_build(tmp_path / name, content=content_copy, cache=cache)
        assert build.ok and lost(build, OLD) == [], build.stderr
        assert "unpublished.txt" not in build.stderr


@pytest.mark.parametrize(
    "line",
    [
        OLD,
        f"posts/{OLD}/",
        f"/posts/{OLD}/",
        f"https://health.maplegrovefamily.example/posts/{OLD}/",
        f"content/posts/{OLD}.md",
        f"{OLD}.md",
        f"  {OLD}  ",
    ],
)
def test_unpublished_txt_takes_an_address_as_staff_copy_it(line):
    from healthnotes.content.renames import unpublished_slug

    assert unpublished_slug(line) == OLD


def test_unpublished_txt_names_a_line_that_is_no_address_and_a_post_published_again(
    tmp_path, monkeypatch
):
    from healthnotes.content.renames import Published, published_again, read_unpublished

    monkeypatch.chdir(tmp_path)
    listed = tmp_path / "unpublished.txt"
    listed.write_text(f"# notes\n\n{OLD}\nFlu Clinic (old).md\n{NEW}  # gone\n", "utf-8")
    found = read_unpublished(listed)
    assert dict(found.slugs) == {OLD: 3, NEW: 5}
    [wrong] = found.warnings
    assert wrong.startswith("unpublished.txt:4: warning: 'Flu Clinic (old).md' is not")
    guid = "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    now = [Published(NEW, guid, f"content/posts/{NEW}.md", ())]
    assert published_again(found, listed, now) == [
        f"unpublished.txt:5: warning: '{NEW}' is published again (content/posts/{NEW}.md); "
        "delete this line"
    ]
    assert read_unpublished(tmp_path / "missing.txt").slugs == {}


def test_a_check_remembers_no_address_it_did_not_publish(tmp_path):
    """make check publishes nothing: a post checked, then deleted before it was ever
    published, is no lost address."""
    from healthnotes.content.renames import RECORD, read_record, remember

    class Post:
        source, slug, url, title = "content/posts/x.md", "x", "https://e.org/posts/x/", "X"
        guid, previous_slugs = "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", ()

    assert remember([Post()], tmp_path, save=False) == []
    assert read_record(tmp_path / RECORD) == {}
    assert remember([], tmp_path) == []
    remember([Post()], tmp_path)
    assert list(read_record(tmp_path / RECORD)) == ["x"]
