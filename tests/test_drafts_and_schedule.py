"""Drafts and future-dated posts never reach the published site, anywhere."""

from __future__ import annotations

from conftest import run_build

DRAFT = """Title: Draft about zebrafruit
Date: 2026-09-01 09:00
Type: qa
Status: draft
Tags: zebrafruit-draft-tag
Question: What is DRAFTMARKER-7731?

DRAFTMARKER-7731 is only in a draft.
"""

FUTURE = """Title: Scheduled post about quokkaberry
Date: 2031-01-01 09:00
Type: misconception
Tags: quokkaberry-future-tag
Myth: FUTUREMARKER-5150 is a myth.
Fact: It is a fact.

FUTUREMARKER-5150 is only in a post dated in the future.
"""


def every_file_text(root):
    for path in root.rglob("*"):
        if path.is_file():
            yield path, path.read_bytes().decode("utf-8", errors="replace")


def test_draft_and_future_posts_appear_in_no_published_file(tmp_path, content_copy, write_post):
    write_post("zebrafruit-draft.md", DRAFT)
    write_post("quokkaberry-scheduled.md", FUTURE)
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.ok, build.stderr
    for path, text in every_file_text(build.output):
        for marker in ("DRAFTMARKER-7731", "zebrafruit", "FUTUREMARKER-5150", "quokkaberry"):
            assert marker not in text and marker not in str(path), (marker, path)
    assert not (build.output / "drafts").exists()


def test_future_post_does_not_take_a_misconception_number(tmp_path, content_copy, write_post):
    write_post(
        "quokkaberry-scheduled.md",
        FUTURE.replace("2031-01-01", "2026-01-01").replace("Date: 2026-01-01", "Date: 2031-01-01"),
    )
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.ok, build.stderr
    page = (build.output / "posts" / "flu-shot-myth" / "index.html").read_text()
    assert "Myth vs. fact #1" in page


def test_local_preview_shows_drafts_under_drafts_folder(tmp_path, content_copy, write_post):
    write_post("zebrafruit-draft.md", DRAFT)
    build = run_build(tmp_path / "output", content=content_copy, settings="pelicanconf.py")
    assert build.ok, build.stderr
    assert "DRAFTMARKER-7731" in (build.output / "drafts/zebrafruit-draft/index.html").read_text()
    feed = (build.output / "feeds" / "all.rss.xml").read_text()
    assert "DRAFTMARKER-7731" not in feed
