"""A post file read without Pelican (the bench and the sample posts): the fields on top,
then the body through Markdown, as parse_post sees them in a build."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import config_for_test_site
from healthnotes.content.model import PostType
from healthnotes.content.post_file import read_post

TODAY = date(2026, 12, 4)
POST = """\
Title: Why Antibiotics Won't Cure a Cold
Date: 2026-10-14 09:00
Type: misconception
Myth: Antibiotics will help me get over a cold faster.
Fact: Colds are caused by viruses.
Tags: antibiotics, colds

Colds are caused by viruses, and antibiotics only kill bacteria.
"""


@pytest.fixture(scope="module")
def config():
    return config_for_test_site()


def test_the_fields_and_the_body_are_read_as_a_build_reads_them(tmp_path, config):
    path = tmp_path / "antibiotics-cold-myth.md"
    path.write_text(POST, encoding="utf-8")
    post, problems, html = read_post(path, config, today=TODAY)
    assert [p for p in problems if p.severity == "error"] == []
    assert post is not None
    assert post.title == "Why Antibiotics Won't Cure a Cold"
    assert post.type is PostType.MISCONCEPTION
    assert post.date == datetime(2026, 10, 14, 9, tzinfo=ZoneInfo(config.timezone))
    assert post.tags == ("antibiotics", "colds")
    assert post.slug == "antibiotics-cold-myth"
    assert post.url == f"{config.site_url}/posts/antibiotics-cold-myth/"
    assert html == "<p>Colds are caused by viruses, and antibiotics only kill bacteria.</p>"


def test_a_post_with_a_mistake_is_its_problems_under_the_name_given(tmp_path, config):
    path = tmp_path / "no-type.md"
    path.write_text(POST.replace("Type: misconception\n", ""), encoding="utf-8")
    post, problems, _ = read_post(path, config, today=TODAY, source="content/posts/no-type.md")
    assert post is None
    assert problems and {p.file for p in problems} == {"content/posts/no-type.md"}
