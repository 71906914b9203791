"""`make new TYPE=... TITLE="..."`: a new post of each type that builds as it is."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, run_build, settings_file
from healthnotes.content.model import TYPE_SPECS, PostType, display_name
from healthnotes.content.new_post import (
    free_day,
    main,
    new_post,
    post_type,
    render,
    slugify,
    type_list,
)

TODAY = date(2026, 12, 4)


def test_the_type_list_has_every_type_with_its_description():
    listing = type_list()
    for spec in TYPE_SPECS.values():
        assert f"  {spec.type.value}" in listing and spec.description in listing


@pytest.mark.parametrize("kind", list(PostType))
def test_a_new_post_has_every_field_of_its_type_and_starts_as_a_draft(kind):
    text = render(kind, "A title", day=TODAY, author="Maple Grove")
    header = text.split("\n\n", 1)[0].splitlines()
    names = [line.partition(":")[0] for line in header]
    spec = TYPE_SPECS[kind]
    for name in (*spec.required, *spec.optional, "reviewed_by", "last_reviewed", "tags"):
        assert display_name(name) in names, name
    assert "Status: draft" in header and "Date: 2026-12-04 09:00" in header
    assert "Author: Maple Grove" in header


def test_slugify_makes_file_names_from_titles():
    assert slugify("Flu Shots: Why Every Year?") == "flu-shots-why-every-year"
    assert slugify("Crème brûlée & You (Final)") == "creme-brulee-you-final"
    assert slugify("???") == "new-post"


@given(st.text(max_size=80))
def test_a_slug_is_always_a_safe_file_name(title):
    slug = slugify(title)
    assert slug and all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-")


def test_an_existing_file_is_never_overwritten(tmp_path):
    first = new_post(PostType.QA, "Same title", posts=tmp_path, today=TODAY, author="A")
    second = new_post(PostType.QA, "Same title", posts=tmp_path, today=TODAY, author="A")
    assert (first.path.name, second.path.name) == ("same-title.md", "same-title-2.md")
    assert first.path.read_text() == first.text


def test_the_date_is_today_or_the_next_day_no_post_has(tmp_path):
    assert free_day(TODAY, set()) == TODAY
    new_post(PostType.QA, "One", posts=tmp_path, today=TODAY, author="A")
    (tmp_path / "other.md").write_text("Title: x\nDate: December 5, 2026\n\nx\n")
    made = new_post(PostType.QA, "Two", posts=tmp_path, today=TODAY, author="A")
    assert "Date: 2026-12-06 09:00" in made.text


def test_a_type_people_say_gets_a_did_you_mean():
    with pytest.raises(ValueError, match="Did you mean 'misconception'"):
        post_type("myth")
    assert post_type("QA") is PostType.QA


def test_every_new_post_builds_as_a_draft_and_is_listed_as_not_published(tmp_path, content_copy):
    for kind in PostType:
        new_post(
            kind, f"New {kind.value} post", posts=content_copy / "posts", today=TODAY, author="A"
        )
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.ok, build.stderr
    for kind in PostType:
        assert f"posts/new-{kind.value}-post.md: draft (Status: draft)" in build.stdout


def make_new(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    conf = settings_file(tmp_path, content=tmp_path / "content")
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.requirements-installed",
            "new",
            f"PY={sys.executable}",
            f"NEW_SETTINGS={conf}",
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_new_without_a_type_lists_the_types(tmp_path):
    done = make_new(tmp_path)
    assert done.returncode != 0
    assert "howto" in done.stdout and "Answers to questions patients ask us." in done.stdout


def test_make_new_writes_the_post_into_the_posts_folder(tmp_path):
    done = make_new(tmp_path, "TYPE=qa", "TITLE=Do I need a flu shot every year?")
    assert done.returncode == 0, done.stderr
    made = tmp_path / "content" / "posts" / "do-i-need-a-flu-shot-every-year.md"
    assert made.read_text().startswith("Title: Do I need a flu shot every year?\nDate: ")


def new_with(tmp_path, capsys, extra: str) -> tuple[int, str]:
    """``make new TYPE=qa TITLE=Flu shots`` with the test settings plus ``extra`` lines:
    its exit status and what it printed to the terminal's error stream."""
    conf = settings_file(tmp_path, content=tmp_path / "content", extra=extra)
    status = main(["--type", "qa", "--title", "Flu shots", "--settings", conf])
    return status, capsys.readouterr().err


def test_make_new_starts_a_post_while_an_unrelated_setting_is_wrong(tmp_path, capsys):
    """A brand colour or a feed size is the build's to report, not a reason to keep
    staff from starting a post."""
    status, err = new_with(tmp_path, capsys, "BRAND = {'primary': 'blueish'}\nFEED_MAX_ITEMS = 0")
    assert status == 0, err
    assert (tmp_path / "content" / "posts" / "flu-shots.md").is_file()


def test_a_wrong_time_zone_stops_make_new_with_one_line_naming_it(tmp_path, capsys):
    status, err = new_with(tmp_path, capsys, "TIMEZONE = 'Mars/Olympus'")
    assert status == 2
    assert err.splitlines() == [
        "conf.py: TIMEZONE: expected a time zone name such as 'America/Los_Angeles', "
        "got 'Mars/Olympus'"
    ]
    assert not (tmp_path / "content" / "posts").exists()
