"""The search index: Pagefind reads the published posts' pages only; a Pagefind failure
is one message saying what to do."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pagefind_bin
import pytest
from hypothesis import given
from hypothesis import strategies as st

from healthnotes.site.search import EVERY_PAGE, SearchIndexError, pages_glob, start_index


def test_a_failing_pagefind_is_one_message_with_its_exit_code_and_what_to_do(tmp_path, monkeypatch):
    failing = tmp_path / "pagefind"
    failing.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('bad site')\n")
    failing.chmod(0o755)
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: failing)
    with pytest.raises(SearchIndexError) as error:
        start_index(tmp_path).finish()
    assert str(error.value) == (
        "the search index could not be built (pagefind exited with 1): bad site; "
        "reinstall the requirements (make venv) and build again"
    )


def test_a_build_whose_search_index_fails_says_so_in_one_line_and_publishes_nothing(tmp_path):
    from conftest import FAULTS, ROOT, SHARED_CACHE, settings_file

    failing = tmp_path / "pagefind"
    failing.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('bad site')\n")
    failing.chmod(0o755)
    output = tmp_path / "output"
    command = [
        sys.executable, str(ROOT / "build.py"), "--settings", settings_file(tmp_path),
        "--output", str(output), "--cache", str(SHARED_CACHE),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(FAULTS), "FAKE_PAGEFIND": str(failing)}
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "the search index could not be built (pagefind exited with 1): bad site" in proc.stderr
    assert not output.exists()
    assert not list(tmp_path.glob(".output.*"))  # no staging folder left behind


# -- which files Pagefind reads ------------------------------------------------------


def _page(site, relative, *, marked):
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "<article data-pagefind-body>" if marked else "<article>"
    path.write_text(
        f"<!doctype html><html lang='en'><head><title>{relative}</title></head>"
        f"<body>{body}<h1>{relative}</h1><p>Wash your hands.</p></article></body></html>",
        encoding="utf-8",
    )


def _indexed(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def _index(site, pages):
    start_index(site, pages).finish()
    return _indexed(site)


def test_the_index_reads_the_published_posts_pages_and_no_other_file(tmp_path):
    # a listing that (wrongly) carried the marker would be indexed if Pagefind read it:
    # it is not read, so the index holds the two posts and the page at the top only
    _page(tmp_path, "posts/washing-hands/index.html", marked=True)
    _page(tmp_path, "posts/flu-shots/index.html", marked=True)
    _page(tmp_path, "special.html", marked=True)
    _page(tmp_path, "tag/hygiene/index.html", marked=True)
    _page(tmp_path, "about/index.html", marked=False)
    posts = ["posts/washing-hands/index.html", "posts/flu-shots/index.html", "special.html"]
    assert pages_glob(posts) == "{posts/**/*.html,special.html}"
    assert _index(tmp_path, posts) == 3


def test_pages_in_folders_with_spaces_accents_and_signs_in_their_names_are_indexed(tmp_path):
    folders = ["a b", "Über uns", "日本", "-first", "x+y", "Smith & Sons", "it's", "p%20", "h#1"]
    posts = [f"{folder}/index.html" for folder in folders]
    for post in posts:
        _page(tmp_path, post, marked=True)
    _page(tmp_path, "tag/hygiene/index.html", marked=True)  # not read
    assert _index(tmp_path, posts) == len(posts)


def test_a_site_with_no_published_post_is_indexed_as_pagefind_does_by_itself(tmp_path):
    _page(tmp_path, "about/index.html", marked=False)
    assert pages_glob([]) == EVERY_PAGE
    assert _index(tmp_path, []) == 1  # no marked page: Pagefind reads every page's body


@pytest.mark.parametrize(
    ("pages", "glob"),
    [
        (["posts/a/index.html", "posts/b/index.html"], "posts/**/*.html"),
        (["2025/12/a.html", "2026/01/b.html"], "{2025/**/*.html,2026/**/*.html}"),
        (["a.html", "b.html"], "{a.html,b.html}"),
        (["posts/a/index.html", "notes.txt"], "posts/**/*.html"),  # Pagefind reads .html only
        (["posts/a/index.html", "odd{1}.html"], EVERY_PAGE),
        (["we*ird/a/index.html"], EVERY_PAGE),
        (["a,b.html"], EVERY_PAGE),
        (["cost$/a/index.html"], EVERY_PAGE),
        (["/posts/a/index.html"], EVERY_PAGE),
        (["../a/index.html"], EVERY_PAGE),
    ],
)
def test_the_glob_names_each_top_folder_once_and_falls_back_to_every_page(pages, glob):
    assert pages_glob(pages) == glob


_NAMES = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1)


@given(st.lists(st.lists(_NAMES, min_size=1, max_size=3), max_size=6))
def test_every_page_given_is_matched_by_the_glob(paths):
    pages = ["/".join([*parts[:-1], parts[-1] + ".html"]) for parts in paths]
    glob = pages_glob(pages)
    for page in pages:
        assert _matches(glob, page)


def _matches(glob, page):
    """What the two shapes pages_glob writes mean (Pagefind's glob syntax)."""
    if glob == EVERY_PAGE:
        return page.endswith(".html")
    choices = glob[1:-1].split(",") if glob.startswith("{") else [glob]
    for choice in choices:
        if choice.endswith("/**/*.html"):
            if page.startswith(choice[: -len("**/*.html")]) and page.endswith(".html"):
                return True
        elif choice == page:
            return True
    return False


def test_the_index_is_given_every_published_post_and_its_translations():
    from types import SimpleNamespace

    from plugins.pelican_healthnotes.site import searchable_pages

    spanish = SimpleNamespace(save_as="es/lavado-de-manos.html")
    articles = [
        SimpleNamespace(save_as="posts/washing-hands/index.html", translations=[spanish]),
        SimpleNamespace(save_as="posts/flu-shots/index.html", translations=[]),
        SimpleNamespace(save_as="", translations=[]),  # not written (a save_as of "")
    ]
    pages = searchable_pages(articles)
    assert pages == [
        "posts/washing-hands/index.html",
        "es/lavado-de-manos.html",
        "posts/flu-shots/index.html",
    ]
    assert pages_glob(pages) == "{es/**/*.html,posts/**/*.html}"
