"""Sign-off bound to the text: an edit to what the public reads asks for a new sign-off;
whitespace and private fields do not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import run_build, settings_file
from healthnotes.editorial.signoff import (
    SignOffRules,
    fingerprint,
    parse_sign_off,
    sign,
    sign_off_problem,
)

POST = """Title: Can the Flu Shot Give You the Flu?
Date: 2026-09-23 09:00
Type: misconception
Myth: You can catch the flu from the flu shot.
Fact: Flu shots cannot cause a flu infection.
Image: images/shot.png
Image_Alt: A syringe.

Many people skip the flu shot because they worry it will make them sick.

It is a common fear, but it is not true.
"""
RULES_REVIEWERS = ("Dr. Ana Patel, MD", "Dr. Marcus Lee, DO")


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, SignOffRules]:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "shot.png").write_bytes(b"picture one")
    post = tmp_path / "posts" / "flu.md"
    post.parent.mkdir()
    post.write_text(POST, encoding="utf-8")
    sign(post, "Dr. Marcus Lee, DO", date(2026, 12, 4), tmp_path)
    return post, SignOffRules(reviewers=RULES_REVIEWERS, content_root=tmp_path)


def problem(post: Path, rules: SignOffRules):
    header = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
    line = next(line for line in header.splitlines() if line.startswith("Signed_Off:"))
    found = parse_sign_off(line.partition(":")[2])
    assert not isinstance(found, str)
    return sign_off_problem(str(post), found, rules)


def test_the_sign_off_is_one_readable_line_in_the_header(signed):
    post, rules = signed
    header = post.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
    assert header[-1].startswith("Signed_Off: Dr. Marcus Lee, DO | 2026-12-04 | sha256:")
    assert problem(post, rules) is None


def test_an_edited_word_is_refused_naming_who_signed_when_and_the_command(signed):
    post, rules = signed
    post.write_text(post.read_text().replace("not true", "mostly true"), encoding="utf-8")
    found = problem(post, rules)
    assert found is not None and found.severity == "error"
    assert "edited after Dr. Marcus Lee, DO signed it off on 2026-12-04" in found.message
    assert f'make sign-off POST={post} BY="Dr. Marcus Lee, DO"' in found.message


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("Title: Can", "Title: Could"),
        lambda t: t.replace("Image_Alt: A syringe.", "Image_Alt: A needle."),
        lambda t: t.replace("Type: misconception\n", "Type: misconception\nTags: flu\n"),
        lambda t: t.replace("sick.\n\nIt is", "sick.\nIt is"),  # two paragraphs become one
    ],
)
def test_a_change_to_what_the_public_reads_is_refused(signed, edit):
    post, rules = signed
    post.write_text(edit(post.read_text()), encoding="utf-8")
    assert problem(post, rules) is not None


def test_a_changed_picture_is_refused(signed):
    post, rules = signed
    (rules.content_root / "images" / "shot.png").write_bytes(b"picture two")
    assert problem(post, rules) is not None


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("sick.\n", "sick.   \n"),
        lambda t: t.replace("\n\nIt is", "\n\n\n\nIt is"),
        lambda t: t.replace("Many people", "Many   people"),
        lambda t: t.replace("Title: ", "Title:    "),
        lambda t: t.rstrip("\n") + "\n\n\n",
    ],
)
def test_whitespace_changes_keep_the_sign_off(signed, edit):
    post, rules = signed
    post.write_text(edit(post.read_text()), encoding="utf-8")
    assert problem(post, rules) is None


@pytest.mark.parametrize(
    "line",
    [
        "Status: draft",
        "Consent: AUTH-2026-0042",
        "Exception: phone | (541) 555-0199 | Dr. Ana Patel, MD | our nurse line",
        "Date: 2026-12-07 09:00",
        "Series: myth",
    ],
)
def test_a_private_or_planning_field_keeps_the_sign_off(signed, line):
    post, rules = signed
    text = post.read_text()
    name = line.partition(":")[0]
    lines = [x for x in text.split("\n\n", 1)[0].splitlines() if not x.startswith(f"{name}:")]
    post.write_text("\n".join([*lines, line]) + "\n\n" + text.split("\n\n", 1)[1])
    assert problem(post, rules) is None


def test_a_reviewer_not_in_reviewers_is_refused(signed):
    post, rules = signed
    sign(post, "Dr. Nobody", date(2026, 12, 4), rules.content_root)
    found = problem(post, rules)
    assert found is not None and "not in REVIEWERS" in found.message


def test_signing_again_replaces_the_line(signed):
    post, rules = signed
    sign(post, "Dr. Ana Patel, MD", date(2026, 12, 5), rules.content_root)
    text = post.read_text()
    assert text.count("Signed_Off:") == 1 and "Dr. Ana Patel, MD | 2026-12-05" in text


@given(st.lists(st.sampled_from([" ", "  ", "\t", ""]), min_size=4, max_size=4))
def test_spaces_around_and_inside_lines_never_change_the_fingerprint(spaces):
    a, b, c, d = spaces
    spaced = f"Title:{a}Flu{b}\nType: qa\n\n{c}Why?{d}\n\nBecause.\n"
    assert fingerprint(spaced, None) == fingerprint(
        "Title: Flu\nType: qa\n\nWhy?\n\nBecause.\n", None
    )


def _fingerprint_as_first_defined(text: str) -> str:
    """The fingerprint as sign-offs already in posts were made: each header value and
    body line stripped, runs of space, tab and no-break space made one space."""
    import hashlib
    import re

    def normal(line: str) -> str:
        return re.sub(r"[ \t\u00a0]+", " ", line.strip())

    head, _, body = text.partition("\n\n")
    digest = hashlib.sha256()
    for name, value in sorted(
        (n.strip().lower(), v.strip()) for n, _, v in (x.partition(":") for x in head.split("\n"))
    ):
        if value:
            digest.update(f"{name}\0{normal(value)}\n".encode())
    kept: list[str] = []
    for line in body.splitlines():
        if normal(line) or (kept and kept[-1]):
            kept.append(normal(line))
    while kept and not kept[-1]:
        kept.pop()
    digest.update(b"\0body\0" + "\n".join(kept).encode())
    digest.update(b"\0picture\0")
    return "sha256:" + digest.hexdigest()


@given(st.lists(st.text(alphabet=" \t\u00a0\u2003\x0cab.", max_size=12), min_size=1, max_size=6))
def test_a_sign_off_made_before_still_matches_the_same_text(lines):
    text = "Title: Flu\nType: qa\n\n" + "\n".join(lines) + "\n"
    assert fingerprint(text, None) == _fingerprint_as_first_defined(text)


SIGNED_SITE = 'REQUIRE_SIGN_OFF = True\nREVIEWERS = ["Dr. Ana Patel, MD"]\n'


def test_the_build_publishes_signed_posts_refuses_an_edit_and_only_warns_for_scheduled(
    tmp_path, content_copy
):
    posts = sorted((content_copy / "posts").glob("*.md"))
    for post in posts:
        sign(post, "Dr. Ana Patel, MD", date(2026, 12, 4), content_copy)
    conf = settings_file(tmp_path, content_copy, SIGNED_SITE)
    scheduled = content_copy / "posts" / "later.md"
    scheduled.write_text(
        "Title: Later\nDate: 2030-01-07 09:00\nType: qa\nQuestion: Why?\n\nBecause.\n"
    )
    build = run_build(tmp_path / "output", content=content_copy, settings=conf)
    assert build.ok, build.stderr
    assert "later.md" in build.stderr and "has no medical sign-off" in build.stderr
    assert (
        "Medically reviewed by Dr. Ana Patel, MD"
        in (tmp_path / "output" / "posts" / posts[0].stem / "index.html").read_text()
    )

    edited = posts[0]
    edited.write_text(edited.read_text().replace(".", "!", 3))
    build = run_build(tmp_path / "output2", content=content_copy, settings=conf)
    assert not build.ok
    assert "edited after Dr. Ana Patel, MD signed it off on 2026-12-04" in build.stderr

    sign(edited, "Dr. Ana Patel, MD", date(2026, 12, 4), content_copy)
    assert run_build(tmp_path / "output3", content=content_copy, settings=conf).ok
