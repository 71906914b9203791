"""The search index: Pagefind reads the published posts' pages only, on shelves indexed on
their own (an edit indexes one shelf again, the others are the last site's files); a
Pagefind failure is one message saying what to do."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pagefind_bin
import pytest
from hypothesis import given
from hypothesis import strategies as st

from healthnotes.site.search import (
    SHELF_SIZE,
    SearchIndexError,
    Shelf,
    ShelfRecord,
    bundles,
    indexed_digest,
    shelves,
    start_index,
)


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


def _page(site, relative, *, marked, words="Wash your hands."):
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "<article data-pagefind-body>" if marked else "<article>"
    path.write_text(
        f"<!doctype html><html lang='en'><head><title>{relative}</title></head>"
        f"<body>{body}<h1>{relative}</h1><p>{words}</p></article></body></html>",
        encoding="utf-8",
    )


def _indexed(site, folder="pagefind"):
    entry = json.loads((site / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def _index(site, pages, size=SHELF_SIZE):
    on_shelves = shelves(pages, size)
    start_index(site, on_shelves).finish()
    return sum(_indexed(site, shelf.folder) for shelf in on_shelves)


def test_the_index_reads_the_published_posts_pages_and_no_other_file(tmp_path):
    # a listing that (wrongly) carried the marker would be indexed if Pagefind read it:
    # it is not read, so the index holds the two posts and the page at the top only
    _page(tmp_path, "posts/washing-hands/index.html", marked=True)
    _page(tmp_path, "posts/flu-shots/index.html", marked=True)
    _page(tmp_path, "special.html", marked=True)
    _page(tmp_path, "tag/hygiene/index.html", marked=True)
    _page(tmp_path, "about/index.html", marked=False)
    posts = ["posts/washing-hands/index.html", "posts/flu-shots/index.html", "special.html"]
    assert _index(tmp_path, posts) == 3
    assert not list(tmp_path.parent.glob(f"{tmp_path.name}-search-*"))  # its pages' folder


def test_pages_in_folders_with_spaces_accents_and_signs_in_their_names_are_indexed(tmp_path):
    folders = ["a b", "Über uns", "日本", "-first", "x+y", "Smith & Sons", "it's", "p%20", "h#1"]
    posts = [f"{folder}/index.html" for folder in folders] + ["{odd}.html", "we*ird/a.html"]
    for post in posts:
        _page(tmp_path, post, marked=True)
    _page(tmp_path, "tag/hygiene/index.html", marked=True)  # not read
    assert _index(tmp_path, posts) == len(posts)
    assert _index(tmp_path, posts, size=3) == len(posts)  # on four shelves


def test_a_site_with_no_published_post_is_indexed_as_pagefind_does_by_itself(tmp_path):
    _page(tmp_path, "about/index.html", marked=False)
    assert shelves([]) == [Shelf("pagefind", ())]
    assert _index(tmp_path, []) == 1  # no marked page: Pagefind reads every page's body


@pytest.mark.parametrize("odd", ["/posts/a/index.html", "../a/index.html", "a//b.html", "./a.html"])
def test_a_page_path_outside_the_site_or_not_plain_makes_one_shelf_of_every_page(odd):
    assert shelves(["posts/b/index.html", odd]) == [Shelf("pagefind", ())]


# -- shelves ---------------------------------------------------------------------------

_NAMES = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1)
_PAGES = st.lists(
    st.builds(
        lambda name: f"posts/{name}/index.html", _NAMES.filter(lambda n: n not in "..")
    ).filter(lambda page: "/./" not in page),
    unique=True,
    max_size=60,
)


def _count(pages, size):
    """How many shelves ``pages`` pages take: the power of two that holds them."""
    count = 1
    while count * size < pages:
        count *= 2
    return count


@given(_PAGES, st.integers(min_value=1, max_value=25))
def test_every_page_is_on_exactly_one_shelf_and_there_are_as_many_shelves_as_it_takes(pages, size):
    found = shelves(pages, size)
    on_shelves = [page for shelf in found for page in shelf.pages]
    assert sorted(on_shelves) == sorted(pages)
    assert len(found) <= _count(len(pages), size)  # empty shelves are left out
    assert found[0].folder == "pagefind"
    assert [shelf.folder for shelf in found[1:]] == [
        f"pagefind/shelves/{number}" for number in range(2, len(found) + 1)
    ]
    assert all(shelf.pages for shelf in found) or found == [Shelf("pagefind", ())]


@given(_PAGES.filter(lambda pages: len(pages) >= 2), st.integers(min_value=1, max_value=10))
def test_a_page_added_or_removed_changes_one_shelf_while_their_number_stays(pages, size):
    before = {shelf.pages for shelf in shelves(pages[1:], size)}
    after = {shelf.pages for shelf in shelves(pages, size)}
    if _count(len(pages), size) == _count(len(pages) - 1, size):  # as many shelves
        assert len(after - before) == 1
        assert len(before - after) <= 1  # (none when the page fills an empty shelf)


def test_a_site_of_up_to_200_posts_has_one_shelf_the_usual_pagefind_index():
    pages = [f"posts/p{number}/index.html" for number in range(200)]
    assert shelves(pages) == [Shelf("pagefind", tuple(sorted(pages)))]
    assert len(shelves([*pages, "posts/one-more/index.html"])) == 2
    # the number of shelves changes when the site doubles, not with every 200 posts
    many = [f"posts/p{number}/index.html" for number in range(1600)]
    assert len(shelves(many[:801])) == len(shelves(many)) == 8
    assert len(shelves([*many, "posts/one-more/index.html"])) == 16
    three = [Shelf("pagefind", ("a.html",)), *(Shelf(f"pagefind/shelves/{n}", ()) for n in (2, 3))]
    assert bundles(three, "https://blog.example.org") == [
        "https://blog.example.org/pagefind/",
        "https://blog.example.org/pagefind/shelves/2/",
        "https://blog.example.org/pagefind/shelves/3/",
    ]


# -- shelves kept from the last build ------------------------------------------------


def test_what_pagefind_never_reads_is_left_out_of_a_pages_digest_and_nothing_more():
    page = (
        b"<html><body><article data-pagefind-body><h1>Flu shots</h1><p>Get one.</p>"
        b"</article><aside class='related' data-pagefind-ignore><ul><li>%s</li></ul></aside>"
        b"</body></html>"
    )
    same = indexed_digest(page % b"Wash your hands")
    assert indexed_digest(page % b"Wash your hands (revised)") == same  # related titles
    assert indexed_digest(page.replace(b"Get one.", b"Get two.") % b"Wash your hands") != same
    nested = b"<div data-pagefind-ignore><div>x</div>TEXT</div>"  # cut to the first </div>
    assert indexed_digest(nested) != indexed_digest(nested.replace(b"TEXT", b"OTHER"))
    kept = b"<div data-pagefind-ignore><span data-pagefind-filter='type'>%s</span></div>"
    assert indexed_digest(kept % b"recall") != indexed_digest(kept % b"howto")  # still read


def _counting_pagefind(tmp_path):
    """Pagefind itself, each run written down in ``runs.txt`` (its output folder)."""
    runs = tmp_path / "runs.txt"
    wrapper = tmp_path / "pagefind"
    wrapper.write_text(
        f'#!/bin/sh\necho "$5" >> {runs}\nexec {pagefind_bin.get_executable()} "$@"\n'
    )
    wrapper.chmod(0o755)
    return wrapper, runs


def _site(folder, pages, changed=None):
    for page in pages:
        _page(folder, page, marked=True, words="Wash your hands." if page != changed else "Rinse.")


def _build(site, pages, record_path, last=None):
    record = ShelfRecord(record_path)
    indexing = start_index(site, shelves(pages, 2), record=record, last=last)
    indexing.finish()
    indexing.save()
    return indexing


def _built_once(tmp_path, monkeypatch, posts):
    """A first build of ``posts`` pages on shelves of 2, by Pagefind counting its runs:
    the pages, the record, the first and second sites' folders, and the runs' file."""
    wrapper, runs = _counting_pagefind(tmp_path)
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: wrapper)
    pages = [f"posts/p{number}/index.html" for number in range(posts)]
    record = tmp_path / "record.json"
    first, second = tmp_path / "first", tmp_path / "second"
    _site(first, pages)
    _build(first, pages, record)
    return pages, record, first, second, runs


def test_an_edit_indexes_its_shelf_again_and_links_the_others_from_the_last_site(
    tmp_path, monkeypatch
):
    pages, record, first, second, runs = _built_once(tmp_path, monkeypatch, 8)
    assert len(runs.read_text().split()) == len(shelves(pages, 2)) > 2  # each indexed
    edited = pages[5]
    _site(second, pages, changed=edited)
    runs.write_text("")
    indexing = _build(second, pages, record, last=first)
    shelf = next(shelf for shelf in shelves(pages, 2) if edited in shelf.pages)
    assert runs.read_text().split() == [str(second / shelf.folder)]  # that shelf only
    assert len(indexing.kept) == len(shelves(pages, 2)) - 1
    for kept in indexing.kept:
        for path in (second / kept.folder).rglob("*"):
            if path.is_file() and "shelves" not in path.relative_to(second / kept.folder).parts:
                assert path.stat().st_ino == (first / path.relative_to(second)).stat().st_ino
    assert sum(_indexed(second, shelf.folder) for shelf in shelves(pages, 2)) == 8
    assert not (second / "pagefind" / "shelves" / "pagefind-entry.json").exists()


def test_nothing_changed_links_every_shelf_and_runs_no_pagefind(tmp_path, monkeypatch):
    pages = [f"posts/p{number}/index.html" for number in range(5)]
    record = tmp_path / "record.json"
    first, second = tmp_path / "first", tmp_path / "second"
    _site(first, pages)
    _build(first, pages, record)
    _site(second, pages)
    missing = tmp_path / "no-pagefind"  # were it run, the build would fail
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: missing)
    indexing = _build(second, pages, record, last=first)
    assert len(indexing.kept) == len(shelves(pages, 2)) >= 3


def test_a_bundle_file_changed_in_the_last_site_is_never_linked_its_shelf_is_indexed_again(
    tmp_path, monkeypatch
):
    pages, record, first, second, runs = _built_once(tmp_path, monkeypatch, 4)
    entry = first / "pagefind" / "shelves" / "2" / "pagefind-entry.json"
    entry.write_text(entry.read_text() + " ")  # someone edited the published site
    _site(second, pages)
    runs.write_text("")
    indexing = _build(second, pages, record, last=first)
    assert runs.read_text().split() == [str(second / "pagefind" / "shelves" / "2")]
    assert [shelf.folder for shelf in indexing.kept] == ["pagefind"]
    assert _indexed(second, "pagefind/shelves/2") == 2


def test_without_a_record_or_a_last_site_every_shelf_is_indexed(tmp_path, monkeypatch):
    wrapper, runs = _counting_pagefind(tmp_path)
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: wrapper)
    pages = [f"posts/p{number}/index.html" for number in range(4)]
    first, second = tmp_path / "first", tmp_path / "second"
    _site(first, pages)
    _build(first, pages, tmp_path / "record.json")
    _site(second, pages)
    runs.write_text("")
    _build(second, pages, tmp_path / "other-record.json", last=first)  # no record
    assert len(runs.read_text().split()) == 2
    runs.write_text("")
    _page(tmp_path / "third", "about/index.html", marked=False)
    _build(tmp_path / "third", [], None)  # no post: one run over every page
    assert len(runs.read_text().split()) == 1


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
    assert sorted(page for shelf in shelves(pages) for page in shelf.pages) == sorted(pages)
