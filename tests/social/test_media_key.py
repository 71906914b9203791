"""A post's media key: everything its carousels, document and video are made from."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sample_posts import POSTS, TODAY, site_config

from healthnotes.content.post_file import read_post
from healthnotes.social.media import INDEX_FILE, INDEX_VERSION, draw_media, post_key
from healthnotes.social.slides import ContentCache, paragraphs_from_html


def _post_and_html():
    post, problems, html = read_post(
        POSTS / "flu-shot-myth.md",
        site_config(),
        today=TODAY,
        source="content/posts/flu-shot-myth.md",
    )
    assert post is not None, [p.format() for p in problems]
    return post, html


def test_the_same_post_and_html_give_the_same_key():
    post, html = _post_and_html()
    config = site_config()
    assert post_key(post, html, config, True) == post_key(post, html, config, True)


def test_a_changed_paragraph_title_or_video_gives_another_key():
    post, html = _post_and_html()
    config = site_config()
    key = post_key(post, html, config, True)
    assert "<p>" in html
    assert post_key(post, html.replace("<p>", "<p>Also ", 1), config, True) != key
    assert post_key(replace(post, title=post.title + "!"), html, config, True) != key
    assert post_key(post, html, config, False) != key
    assert post_key(post, html, replace(config, site_url="https://other.example"), True) != key


class _Workers:
    """Records the tasks draw_media starts (none run)."""

    def __init__(self) -> None:
        self.tasks: list = []

    def expect(self, pieces: int) -> None:
        pass

    def submit(self, fn, task):
        self.tasks.append(task)
        return None


def _cached(root: Path, post, html) -> tuple[str, Path]:
    """A post whose media are in the stores and the index, as a build leaves them."""
    config = site_config()
    key = post_key(post, html, config, config.video and post.video)
    slides = ContentCache(root / "slides", ".jpg")
    documents = ContentCache(root / "documents", ".pdf")
    slide = slides.put("a" * 64, b"slide")
    documents.put("b" * 64, b"pdf")
    slides.save()
    documents.save()
    record = {
        "instagram-carousel": [["a" * 64, "alt", 1080, 1350]],
        "linkedin-document": [["b" * 64, "alt", 1080, 1350]],
    }
    index = {"version": INDEX_VERSION, "entries": {key: record}}
    (root / INDEX_FILE).write_text(json.dumps(index))
    return key, slide


def test_a_post_whose_files_are_all_cached_starts_no_task(tmp_path):
    post, html = _post_and_html()
    _cached(tmp_path, post, html)
    workers = _Workers()
    drawing = draw_media([post], {post.source: html}, site_config(), tmp_path, workers)
    assert workers.tasks == [] and len(drawing.records) == 1


def test_a_post_whose_cached_file_is_gone_is_made_again(tmp_path):
    post, html = _post_and_html()
    key, slide = _cached(tmp_path, post, html)
    slide.unlink()
    workers = _Workers()
    draw_media([post], {post.source: html}, site_config(), tmp_path, workers)
    assert [task[0] for task in workers.tasks] == [key]


def test_a_post_whose_html_changed_is_made_again_from_its_new_paragraphs(tmp_path):
    post, html = _post_and_html()
    _cached(tmp_path, post, html)
    changed = html.replace("<p>", "<p>Also ", 1)
    workers = _Workers()
    draw_media([post], {post.source: changed}, site_config(), tmp_path, workers)
    [task] = workers.tasks
    assert task[2] == tuple(paragraphs_from_html(changed)) and task[2][0].startswith("Also ")
