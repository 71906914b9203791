"""Pages are rendered again only when what they are rendered from changed
(healthnotes.site.kept_pages, plugins/pelican_healthnotes/writer.py).

The rule that matters: after any edit, the site a build publishes is the site a build
from nothing would publish, page for page. The unit tests below pin what a page's key
covers; the build tests compare a site built edit after edit with the same site built
into an empty folder.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pelican.contents import Article

from conftest import ROOT, SHARED_CACHE, settings_file, tree_digest
from healthnotes.config import adds_jinja_code
from healthnotes.site import kept_pages
from healthnotes.site.kept_pages import Fingerprints, KeptPages, Unknown, template_shape

# -- what a key covers --------------------------------------------------------------


@dataclass(frozen=True)
class Related:
    title: str
    url: str


@dataclass
class Shown:
    """A mutable dataclass: digested every time, never remembered."""

    related: list[Related]


def test_equal_values_have_equal_digests_and_any_difference_shows() -> None:
    fingerprints = Fingerprints(links="links")
    value = {"title": "Flu shots", "when": date(2026, 1, 2), "tags": ["flu", "vaccines"]}
    assert fingerprints.of(value) == fingerprints.of(dict(value))
    for changed in (
        {**value, "title": "Flu shot"},
        {**value, "when": date(2026, 1, 3)},
        {**value, "tags": ["flu"]},
        {**value, "tags": ("flu", "vaccines")},  # a tuple is not a list
        {"title": "Flu shots", "when": date(2026, 1, 2)},
    ):
        assert fingerprints.of(changed) != fingerprints.of(value), changed


def test_text_marked_safe_is_not_the_same_as_plain_text() -> None:
    """Jinja2 escapes one and not the other: the page differs."""
    fingerprints = Fingerprints(links="links")
    assert fingerprints.of(Markup("<b>Flu</b>")) != fingerprints.of("<b>Flu</b>")


def test_strings_cannot_run_into_each_other() -> None:
    fingerprints = Fingerprints(links="links")
    assert fingerprints.of(["ab", "c"]) != fingerprints.of(["a", "bc"])
    assert fingerprints.of(["a\x1fs1:b"]) != fingerprints.of(["a", "b"])


def test_a_set_is_digested_whatever_its_order() -> None:
    fingerprints = Fingerprints(links="links")
    assert fingerprints.of({"b", "a", "c"}) == fingerprints.of({"c", "a", "b"})
    assert fingerprints.of(frozenset({"a"})) != fingerprints.of(frozenset({"b"}))


def test_dataclasses_are_digested_field_by_field_and_a_mutable_one_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(kept_pages, "KNOWN_MODULES", (*kept_pages.KNOWN_MODULES, __name__))
    fingerprints = Fingerprints(links="links")
    shown = Shown([Related("Flu shots", "flu.html")])
    before = fingerprints.of(shown)
    shown.related.append(Related("Colds", "colds.html"))
    assert fingerprints.of(shown) != before
    assert fingerprints.of(Related("a", "b")) != fingerprints.of(Related("a", "c"))


def test_a_value_it_cannot_see_into_makes_the_page_rendered() -> None:
    """A function, another library's object, an object of code outside this project
    (its methods may read anything)."""
    fingerprints = Fingerprints(links="links")
    for value in (lambda: "now", object(), subprocess.Popen, Related("a", "b")):
        with pytest.raises(Unknown):
            fingerprints.of({"value": value})


def test_a_body_linking_other_files_depends_on_every_files_address() -> None:
    """Pelican resolves ``{filename}`` links when the page is rendered, from the whole
    site's context (which is not digested): the digest of every address stands in."""

    def article(body: str) -> Article:
        return Article(body, metadata={"title": "A", "date": datetime(2026, 1, 1)})

    plain, linking = article("<p>No links.</p>"), article('<a href="{filename}/b.md">B</a>')
    assert Fingerprints("one").of(plain) == Fingerprints("two").of(plain)
    assert Fingerprints("one").of(linking) != Fingerprints("two").of(linking)


TEMPLATES = {
    "base.html": "{{ SITENAME }}{% block body %}{% endblock %}",
    "article.html": (
        '{% extends "base.html" %}{% block body %}{{ article.title }}'
        '{% include "types/" ~ article.type ~ ".html" %}{% endblock %}'
    ),
    "types/recall.html": "{{ RECALL_NOTE }}",
    "types/qa.html": "{{ QUESTION_NOTE }}",
    "index.html": "{% for a in articles %}{{ a.title }}{% endfor %}",
}


def test_a_template_reads_what_it_and_every_template_it_may_use_name() -> None:
    environment = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    shape = template_shape(environment, "article.html")
    assert set(shape.names) == {"SITENAME", "article", "RECALL_NOTE", "QUESTION_NOTE"}
    assert "articles" not in shape.names  # index.html is not one it can include
    edited = {**TEMPLATES, "types/qa.html": "{{ QUESTION_NOTE }}!"}
    assert template_shape(Environment(loader=DictLoader(edited)), "article.html") != shape


def _keys(tmp_path: Path, **values: object) -> str | None:
    environment = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    pages = KeptPages(tmp_path / "store", tmp_path, tmp_path, base="base", links="links")
    page = {"SITENAME": "Maple Grove", "article": None, "output_file": "a.html", **values}
    return pages.key(environment.get_template("article.html"), page, {})


def test_a_page_key_changes_with_what_its_templates_read_only(tmp_path: Path) -> None:
    key = _keys(tmp_path)
    assert key is not None
    assert _keys(tmp_path, articles=["a new post"]) == key  # not read by article.html
    assert _keys(tmp_path, SITENAME="Oak Street") != key
    assert _keys(tmp_path, RECALL_NOTE="Check your fridge") != key  # an included one's
    assert _keys(tmp_path, SITENAME=lambda: "name") is None


def test_custom_jinja_code_in_the_settings_turns_keeping_off() -> None:
    assert not adds_jinja_code({"JINJA_FILTERS": {}})
    assert adds_jinja_code({"JINJA_FILTERS": {"shout": str.upper}})
    assert adds_jinja_code({"JINJA_GLOBALS": {"now": datetime.now}})


def test_a_kept_text_must_be_the_file_the_last_build_wrote(tmp_path: Path) -> None:
    previous, output, store = tmp_path / "previous", tmp_path / "output", tmp_path / "store"
    (previous / "a").mkdir(parents=True)
    (output / "a").mkdir(parents=True)
    (output / "a" / "index.html").write_text("<p>Flu shots</p>\r\n", encoding="utf-8")
    last = KeptPages(store, tmp_path / "older", output, base="b", links="l")
    last.written["a/index.html"] = "key"
    last.save()
    (output / "a" / "index.html").rename(previous / "a" / "index.html")  # published

    pages = KeptPages(store, previous, tmp_path / "next", base="b", links="l")
    assert pages.text("a/index.html", "key") == "<p>Flu shots</p>\r\n"  # byte for byte
    assert pages.text("a/index.html", "another key") is None
    assert pages.text("b/index.html", "key") is None
    (previous / "a" / "index.html").write_text("<p>Edited by hand</p>\r\n", encoding="utf-8")
    assert pages.text("a/index.html", "key") is None


def test_a_damaged_store_keeps_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for damaged in (b"", b"\x00garbage", b"\xe9"):
        store.write_bytes(damaged)
        assert KeptPages(store, tmp_path, tmp_path, base="b", links="l").last == {}


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


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_site_built_edit_after_edit_is_the_site_built_from_nothing(
    tmp_path: Path, content_copy: Path
) -> None:
    """Each edit reaches a different set of pages: a title (its page, its neighbours'
    related lists, listings, tag pages), a post's tags, a page another page links to by
    ``{filename}`` moving to a new address, an urgent notice (a banner on every page),
    and a setting every page shows."""
    # (addresses come from file names; a developer may let a file choose its own)
    settings = settings_file(tmp_path, content_copy, extra="ALLOW_CONTENT_OVERRIDES = ['Slug']")
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
        ("tags", lambda: _edit(posts / "winter-blues.md", "Tags: ", "Tags: sleep, ")),
        (
            "a linked page's address",
            lambda: _edit(pages / "medical-disclaimer.md", "Title:", "Slug: disclaimer\nTitle:"),
        ),
        ("an urgent notice", lambda: (posts / "snow.md").write_text(alert, encoding="utf-8")),
        (
            "a setting",
            lambda: Path(settings).write_text(
                Path(settings).read_text() + "\nSITENAME = 'Oak Street Family Medicine'\n"
            ),
        ),
    ]
    for number, (what, edit) in enumerate(edits):
        edit()
        log = _build(settings, content_copy, output, cache)
        kept, written = _kept(log)
        fresh = tmp_path / f"fresh-{number}"
        _kept(_build(settings, content_copy, fresh, SHARED_CACHE))
        assert _pages(output) == _pages(fresh), what
        if what == "a title":
            assert 0 < kept < written  # the edited post's page and its listings only
        if what in ("an urgent notice", "a setting"):
            assert kept == 0, what  # every page shows it
    about = (output / "about" / "index.html").read_text(encoding="utf-8")
    assert "/disclaimer/" in about
