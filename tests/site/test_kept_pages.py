"""Pages are rendered again only when what they are made from changed
(healthnotes.site.kept_pages, plugins/pelican_healthnotes/writer.py).

The rule that matters: after any edit, the site a build publishes is the site a build
from nothing would publish, page for page. The unit tests pin what a page's key covers;
the build test compares a site built edit after edit with the same site built into an
empty folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pelican.contents import Article
from pelican.paginator import Paginator
from pelican.settings import read_settings
from pelican.urlwrappers import Tag

from conftest import ROOT, SHARED_CACHE, settings_file, tree_digest
from healthnotes.config import adds_jinja_code
from healthnotes.site.kept_pages import KeptPages, PageKeys, template_shape
from plugins.pelican_healthnotes.writer import pelican_kinds

# -- what a key covers --------------------------------------------------------------

TEMPLATES = {
    "base.html": (
        "{{ SITENAME }}{% for a in ALERTS %}{{ a }}{% endfor %}{% block body %}{% endblock %}"
    ),
    "article.html": (
        '{% extends "base.html" %}{% block body %}{{ article.title }}'
        '{% include "types/" ~ article.type ~ ".html" %}'
        "{% for r in article.extra.related %}{{ r.source }}{% endfor %}{% endblock %}"
    ),
    "types/recall.html": "{{ RECALL_NOTE }}",
    "types/qa.html": "{{ QUESTION_NOTE }}",
    "tag.html": "{{ tag }}{% for a in articles_page.object_list %}{{ a.title }}{% endfor %}",
    "tags.html": "{% for tag, items in tags %}{{ tag }} {{ items|length }}{% endfor %}",
    "paged-all.html": ("{% for a in articles_paginator.object_list %}{{ a.content }}{% endfor %}"),
    "tag-related.html": (
        "{% for a in articles_page.object_list %}{{ a.title }}"
        '{{ a.extra["related"]|length }}{% endfor %}'
    ),
    "search.html": (
        '{% extends "base.html" %}{% block body %}{{ SEARCH_BUNDLES|join }}{% endblock %}'
    ),
}


@dataclass(frozen=True)
class Related:
    source: str


@dataclass(frozen=True)
class Extra:
    related: tuple[Related, ...]


class Site:
    """Posts written as files, Pelican articles read from them, and the keys of one build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.settings = read_settings(None)
        self.environment = Environment(loader=DictLoader(TEMPLATES), autoescape=True)

    def post(self, name: str, text: str) -> Path:
        path = self.folder / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        return path

    def article(self, name: str, related: tuple[str, ...] = ()) -> Article:
        path = self.folder / f"{name}.md"
        article = Article(
            path.read_text(encoding="utf-8"),
            metadata={"title": name, "date": datetime(2026, 1, 1), "tags": "flu"},
            settings=self.settings,
            source_path=str(path),
        )
        article.extra = Extra(tuple(Related(str(self.folder / f"{r}.md")) for r in related))
        return article

    def keys(self, context: dict[str, Any], today: date = date(2026, 1, 5)) -> PageKeys:
        site = {"SITENAME": "Maple Grove", "ALERTS": [], **context}
        return PageKeys("code", site, today, pelican_kinds())

    def key(self, keys: PageKeys, template: str, **page: Any) -> str | None:
        values = {**keys.context, "output_file": "page.html", **page}
        return keys.key(self.environment.get_template(template), values)


def test_a_posts_page_changes_with_its_file_and_the_related_posts_it_lists(
    tmp_path: Path,
) -> None:
    site = Site(tmp_path)
    site.post("flu", "Get your flu shot.")
    site.post("colds", "Rest and fluids.")
    site.post("rsv", "RSV in babies.")
    keys = site.keys({})
    flu = site.article("flu", related=("colds",))
    key = site.key(keys, "article.html", article=flu)
    assert key is not None
    assert site.key(site.keys({}), "article.html", article=site.article("flu", ("colds",))) == key
    # what changes it
    assert site.key(site.keys({}), "article.html", article=site.article("flu", ("rsv",))) != key
    site.post("colds", "Rest, fluids and time.")
    assert site.key(site.keys({}), "article.html", article=site.article("flu", ("colds",))) != key
    site.post("flu", "Get your flu shot in October.")
    assert site.key(site.keys({}), "article.html", article=flu) != key  # (read anew each build)


def test_a_page_changes_with_the_site_the_day_and_its_own_file_name(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.post("flu", "Get your flu shot.")
    flu = site.article("flu")
    key = site.key(site.keys({}), "article.html", article=flu)
    assert site.key(site.keys({"SITENAME": "Oak Street"}), "article.html", article=flu) != key
    assert site.key(site.keys({"ALERTS": ["Closed: snow"]}), "article.html", article=flu) != key
    assert site.key(site.keys({"RECALL_NOTE": "Check"}), "article.html", article=flu) != key
    assert site.key(site.keys({}, date(2026, 1, 6)), "article.html", article=flu) != key
    moved = site.key(site.keys({}), "article.html", article=flu, output_file="b.html")
    assert moved != key
    assert site.key(site.keys({"UNREAD": 1}), "article.html", article=flu) != key  # conservative


def test_the_search_bundles_change_the_search_page_and_no_other(tmp_path: Path) -> None:
    # the search index's bundles grow in number with the site: a page that does not read
    # them is not rendered again when they change
    site = Site(tmp_path)
    site.post("flu", "Get your flu shot.")
    flu = site.article("flu")
    one, two = {"SEARCH_BUNDLES": ["/pagefind/"]}, {"SEARCH_BUNDLES": ["/pagefind/", "/b/"]}
    assert site.key(site.keys(one), "article.html", article=flu) == site.key(
        site.keys(two), "article.html", article=flu
    )
    assert site.key(site.keys(one), "search.html") != site.key(site.keys(two), "search.html")
    assert site.key(site.keys(one), "search.html") == site.key(site.keys(one), "search.html")


def _paged(
    site: Site,
    template: str,
    number: int,
    names: tuple[str, ...],
    related: dict[str, tuple[str, ...]] | None = None,
) -> str | None:
    """The key of page ``number`` of tag flu listing ``names``, one post a page
    (``related``: the related posts each lists, by name)."""
    settings = {**site.settings, "DEFAULT_PAGINATION": 1}
    posts = [site.article(name, (related or {}).get(name, ())) for name in names]
    paginator = Paginator("tag/flu.html", "tag/flu.html", posts, settings, 1)
    page = {"tag": Tag("flu", settings), "articles": posts, "articles_paginator": paginator}
    return site.key(site.keys({}), template, **page, articles_page=paginator.page(number))


def test_a_listing_page_changes_with_its_own_posts_only(tmp_path: Path) -> None:
    """A page of a tag's listing changes with the posts it shows, and with which posts
    the listing holds (they number the pages), not with another page's posts."""
    site = Site(tmp_path)
    for name in ("a", "b", "c"):
        site.post(name, f"Post {name}.")
    first, second = (_paged(site, "tag.html", n, ("a", "b")) for n in (1, 2))
    assert first is not None and second is not None and first != second
    site.post("b", "Post b, edited.")  # on the second page
    assert _paged(site, "tag.html", 1, ("a", "b")) == first
    assert _paged(site, "tag.html", 2, ("a", "b")) != second
    site.post("a", "Post a, edited.")
    assert _paged(site, "tag.html", 1, ("a", "b")) != first
    first = _paged(site, "tag.html", 1, ("a", "b"))
    assert _paged(site, "tag.html", 1, ("a", "c")) != first  # another listing


def test_a_listing_page_does_not_change_with_its_posts_related_posts(tmp_path: Path) -> None:
    """A listing's card shows a post, not the posts related to it: an edit to one post
    renders the pages of the posts that list it as related, not every listing page
    that shows one of those (the edited post's own listing pages change, as ever)."""
    site = Site(tmp_path)
    for name in ("a", "b", "rsv"):
        site.post(name, f"Post {name}.")
    related = {"a": ("rsv",)}
    first = _paged(site, "tag.html", 1, ("a", "b"), related)
    assert first is not None
    site.post("rsv", "Post rsv, with a new title.")  # related to a, on no page of the tag
    assert _paged(site, "tag.html", 1, ("a", "b"), related) == first
    assert _paged(site, "tag.html", 1, ("a", "b"), {"a": ("b",)}) == first
    # a template that names the related posts (here as a key) counts them
    named = _paged(site, "tag-related.html", 1, ("a", "b"), related)
    site.post("rsv", "Post rsv, with a third title.")
    assert _paged(site, "tag-related.html", 1, ("a", "b"), related) != named
    assert template_shape(site.environment, "tag-related.html").reads_related
    assert not template_shape(site.environment, "tag.html").reads_related


def test_a_template_that_can_reach_other_pages_posts_counts_the_whole_listing(
    tmp_path: Path,
) -> None:
    site = Site(tmp_path)
    for name in ("a", "b"):
        site.post(name, f"Post {name}.")
    first = _paged(site, "paged-all.html", 1, ("a", "b"))
    assert first is not None
    site.post("b", "Post b, edited.")  # on the second page, shown on the first
    assert _paged(site, "paged-all.html", 1, ("a", "b")) != first


def test_the_themes_listings_read_only_their_pages_posts() -> None:
    """What keeps an edit from rendering every page of every listing again."""
    from jinja2 import FileSystemLoader

    environment = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")))
    for name in ("index.html", "tag.html", "category.html", "author.html"):
        shape = template_shape(environment, name)
        assert not shape.reaches_pages, name
        assert "articles" not in shape.names and "dates" not in shape.names, name
        assert not shape.reads_related, name
    assert template_shape(environment, "article.html").reads_related
    assert template_shape(Environment(loader=DictLoader(TEMPLATES)), "paged-all.html").reaches_pages


def test_a_page_reading_a_site_wide_listing_changes_with_any_post(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.post("a", "Post a.")
    site.post("b", "Post b.")

    def tags_page() -> str | None:
        a, b = site.article("a"), site.article("b")
        tag = Tag("flu", site.settings)
        content = {"a.md": a, "b.md": b}
        keys = site.keys({"tags": [(tag, [a, b])], "generated_content": content})
        return site.key(keys, "tags.html")

    key = tags_page()
    assert key is not None and tags_page() == key
    site.post("b", "Post b, edited.")
    assert tags_page() != key


def test_text_marked_safe_and_plain_text_differ_and_strings_do_not_run_together(
    tmp_path: Path,
) -> None:
    keys = Site(tmp_path).keys({})
    assert keys.own(Markup("<b>Flu</b>")) != keys.own("<b>Flu</b>")
    assert keys.own(["ab", "c"]) != keys.own(["a", "bc"])
    assert keys.own(("a", "b")) != keys.own(["a", "b"])
    assert keys.own({"a", "b"}) == keys.own({"b", "a"})


def test_a_value_it_cannot_see_into_makes_the_page_rendered(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.post("flu", "Get your flu shot.")
    flu = site.article("flu")
    assert site.key(site.keys({}), "article.html", article=flu, RECALL_NOTE=object()) is None
    assert site.key(site.keys({"RECALL_NOTE": lambda: 1}), "article.html", article=flu) is None
    (tmp_path / "flu.md").unlink()  # a source that cannot be read
    assert site.key(site.keys({}), "article.html", article=flu) is None


def test_a_template_reads_what_it_and_every_template_it_may_use_name() -> None:
    environment = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    shape = template_shape(environment, "article.html")
    assert set(shape.names) == {"SITENAME", "ALERTS", "article", "RECALL_NOTE", "QUESTION_NOTE"}
    edited = {**TEMPLATES, "types/qa.html": "{{ QUESTION_NOTE }}!"}
    assert template_shape(Environment(loader=DictLoader(edited)), "article.html") != shape


def test_a_template_every_page_uses_is_read_once_a_build() -> None:
    """The base template is part of every page's shape: one build parses it once, and
    each template's shape is what it is when worked out alone."""
    from jinja2 import FileSystemLoader

    environment = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")))
    parsed: list[str] = []
    parse = environment.parse
    environment.parse = lambda source, *args: parsed.append(source) or parse(source, *args)  # type: ignore[method-assign]
    files: dict = {}
    names = ("index.html", "tag.html", "article.html")
    shapes = [template_shape(environment, name, files) for name in names]
    assert len(parsed) == len(set(parsed))
    alone = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")))
    assert shapes == [template_shape(alone, name) for name in names]


def test_custom_jinja_code_in_the_settings_turns_keeping_off() -> None:
    assert not adds_jinja_code({"JINJA_FILTERS": {}})
    assert adds_jinja_code({"JINJA_FILTERS": {"shout": str.upper}})
    assert adds_jinja_code({"JINJA_GLOBALS": {"now": datetime.now}})


def test_a_kept_page_must_be_the_file_the_last_build_wrote(tmp_path: Path) -> None:
    previous, output, store = tmp_path / "previous", tmp_path / "output", tmp_path / "store"
    (output / "a").mkdir(parents=True)
    (output / "a" / "index.html").write_text("<p>Flu shots</p>\r\n", encoding="utf-8")
    last = KeptPages(store, tmp_path / "older", output)
    last.written["a/index.html"] = "key"
    last.save()
    output.rename(previous)  # published

    pages = KeptPages(store, previous, tmp_path / "next")
    kept = pages.kept_file("a/index.html", "key")
    assert kept == str(previous / "a" / "index.html")
    assert pages.link(kept, str(tmp_path / "next" / "a" / "index.html"))
    assert (tmp_path / "next" / "a" / "index.html").read_bytes() == b"<p>Flu shots</p>\r\n"
    assert pages.kept_file("a/index.html", "another key") is None
    assert pages.kept_file("b/index.html", "key") is None
    (previous / "a" / "index.html").write_text("<p>Edited by hand</p>\r\n", encoding="utf-8")
    assert pages.kept_file("a/index.html", "key") is None


@pytest.mark.parametrize("same_file", [True, False])
def test_a_kept_pages_folder_is_taken_from_the_site_before_when_it_holds_that_page(
    tmp_path: Path, same_file: bool
) -> None:
    """A page kept build after build is the same file in the site before the last one:
    its folder is moved from there whole (a rename, not a mkdir and a link); a folder
    holding another file is left, and the page linked into a folder made for it."""
    previous, retired, output = tmp_path / "previous", tmp_path / "retired", tmp_path / "next"
    (previous / "a").mkdir(parents=True)
    (previous / "a" / "index.html").write_text("<p>Flu shots</p>", encoding="utf-8")
    (retired / "a").mkdir(parents=True)
    if same_file:
        os.link(previous / "a" / "index.html", retired / "a" / "index.html")
    else:
        (retired / "a" / "index.html").write_text("<p>Flu shots</p>", encoding="utf-8")
    pages = KeptPages(tmp_path / "store", previous, output, retired=retired)
    assert pages.link(str(previous / "a" / "index.html"), str(output / "a" / "index.html"))
    assert (output / "a" / "index.html").samefile(previous / "a" / "index.html")
    assert pages.kept == 1
    assert pages.folders.taken == (1 if same_file else 0)
    assert (retired / "a").exists() is not same_file


def test_a_damaged_store_keeps_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for damaged in (b"", b"\x00garbage", b"\xe9"):
        store.write_bytes(damaged)
        assert KeptPages(store, tmp_path, tmp_path).last == {}


# -- a site built edit after edit is the site built from nothing ---------------------


def _build(settings: str, content: Path, output: Path, cache: Path) -> str:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            *("--settings", settings, "--content", str(content)),
            *("--output", str(output), "--cache", str(cache), "--verbose", "--force"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def _kept(log: str) -> tuple[int, int]:
    found = re.search(r"Pages: (\d+) of (\d+) kept from the last build", log)
    assert found, log[-2000:]
    return int(found[1]), int(found[2])


def _pages(output: Path) -> dict[str, str]:
    return {name: sha for name, sha in tree_digest(output).items() if name.endswith(".html")}


def _post_files(output: Path) -> dict[str, str]:
    """Each post's cards and media (taken whole from the site before when unchanged)."""
    found = tree_digest(output / "syndication")
    return {name: sha for name, sha in found.items() if "/" in name}


def _taken(log: str) -> int:
    """Folders a build took whole from the site before the last one (pages and posts')."""
    pages = re.search(r"kept from the last build \((\d+) in folders taken whole\)", log)
    posts = re.search(r"Syndication: (\d+) posts' folders taken whole", log)
    assert pages and posts, log[-2000:]
    return int(pages[1]) + int(posts[1])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_site_built_edit_after_edit_is_the_site_built_from_nothing(
    tmp_path: Path, content_copy: Path
) -> None:
    """Each edit reaches a different set of pages: a title (its page, other posts'
    related lists, listings), a body and a post's tags, a post's picture, a page another
    page links to by ``{filename}`` moving to a new address, a post taken down, and an
    urgent notice (a banner on every page). (A setting: the unit tests above.)"""
    # (addresses come from file names; a developer may let a file choose its own;
    # two posts a page: listings of several pages)
    settings = settings_file(
        tmp_path, content_copy, extra="ALLOW_CONTENT_OVERRIDES = ['Slug']\nDEFAULT_PAGINATION = 2"
    )
    output, cache = tmp_path / "output", tmp_path / "cache"
    _build(settings, content_copy, output, cache)
    posts, pages = content_copy / "posts", content_copy / "pages"
    now = datetime.now(ZoneInfo("America/Los_Angeles"))
    alert = (
        f"Title: Office closed: snow\nDate: {now - timedelta(hours=2):%Y-%m-%d %H:%M}\n"
        f"Type: alert\nExpires: {now + timedelta(days=2):%Y-%m-%d %H:%M}\n"
        "Summary: The office is closed today.\n\nThe office is closed today because of "
        "snow. Call us for urgent needs.\n"
    )
    edits = [
        ("a title", lambda: _edit(posts / "hand-washing.md", "Title: ", "Title: Clean Hands: ")),
        (
            "a body and tags",
            lambda: (
                _edit(posts / "winter-blues.md", "\n\n", "\n\nShort days are hard.\n\n"),
                _edit(posts / "winter-blues.md", "Tags: ", "Tags: sleep, "),
            ),
        ),
        (
            "a picture",
            lambda: shutil.copyfile(
                content_copy / "images" / "spinach-bowl.jpg",
                content_copy / "images" / "hand-washing.jpg",
            ),
        ),
        (
            "a linked page's address",
            lambda: _edit(pages / "medical-disclaimer.md", "Title:", "Slug: disclaimer\nTitle:"),
        ),
        ("a post taken down", lambda: (posts / "nasal-saline-rinse.md").unlink()),
        ("an urgent notice", lambda: (posts / "snow.md").write_text(alert, encoding="utf-8")),
    ]
    taken = 0
    for number, (what, edit) in enumerate(edits):
        edit()
        log = _build(settings, content_copy, output, cache)
        kept, written = _kept(log)
        taken += _taken(log)
        fresh = tmp_path / f"fresh-{number}"
        _build(settings, content_copy, fresh, SHARED_CACHE)
        assert _pages(output) == _pages(fresh), what
        assert _post_files(output) == _post_files(fresh), what
        if what in ("a title", "a body and tags"):
            assert 0 < kept < written, what  # the edited post's page and its listings only
        if what in ("a post taken down", "an urgent notice"):
            assert kept == 0, what  # every page shows it (an address, a banner)
    assert taken > 0  # (from the third build on, the site before the last is beside it)
    about = (output / "about" / "index.html").read_text(encoding="utf-8")
    assert "/disclaimer/" in about
