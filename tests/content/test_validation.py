"""Content mistakes: one line per problem, non-zero exit, no traceback, output/ untouched."""

from __future__ import annotations

import pytest

from conftest import left_beside, run_build, settings_file, tree_digest

GOOD_QA = """Title: A fine question
Date: 2026-09-01 09:00
Type: qa
Question: Is this fine?
Sources: When and How to Wash Your Hands | CDC | https://www.cdc.gov/clean-hands/about/index.html

Yes, it is.
"""

CASES = {
    "unknown type": (
        "Type: qa",
        "Type: faq",
        "Type: 'faq' is not a post type; expected one of howto, misconception, recall, qa",
    ),
    "missing required field": ("Question: Is this fine?\n", "", "Question: required"),
    "unparseable date": (
        "Date: 2026-09-01 09:00",
        "Date: the first of autumn",
        "Date: 'the first of autumn' is not a date; expected YYYY-MM-DD",
    ),
    "image without alt text": (
        "Type: qa\n",
        "Type: qa\nImage: images/hand-washing.jpg\n",
        "Image_Alt: required when a post has an Image",
    ),
    "image outside content": (
        "Type: qa\n",
        "Type: qa\nImage: ../README.md\nImage_Alt: x\n",
        "Image: '../README.md' is outside content/",
    ),
}


@pytest.fixture
def previous_output(tmp_path):
    """A previously published site that a failed build must leave as it was."""
    build = run_build(tmp_path / "output")
    assert build.ok, build.stderr
    return build.output, tree_digest(build.output)


@pytest.mark.parametrize("case", CASES)
def test_content_error_fails_with_file_field_expected_and_leaves_output(
    case, content_copy, write_post, previous_output
):
    old, new, expected = CASES[case]
    write_post("broken.md", GOOD_QA.replace(old, new, 1))
    output, digest = previous_output
    build = run_build(output, content=content_copy)
    assert build.returncode == 1
    lines = [line for line in build.stderr.splitlines() if "broken.md" in line]
    assert len(lines) == 1, build.stderr
    assert "posts/broken.md:" in lines[0] and expected in lines[0], lines[0]
    assert "Traceback" not in build.stderr + build.stdout
    assert "Nothing was published" in build.stderr
    assert tree_digest(output) == digest
    assert not [name for name in left_beside(output) if name.startswith(".output.")]


def test_all_problems_in_all_posts_are_reported_in_one_run(content_copy, write_post, tmp_path):
    for n, (old, new, _) in enumerate(CASES.values()):
        write_post(f"broken-{n}.md", GOOD_QA.replace(old, new, 1))
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.returncode == 1
    for n, (_, _, expected) in enumerate(CASES.values()):
        assert any(
            f"broken-{n}.md" in line and expected in line for line in build.stderr.splitlines()
        ), (n, build.stderr)
    assert f"{len(CASES)} problems stop publishing (in {len(CASES)} files)" in build.stderr
    assert not (tmp_path / "output").exists()


def test_error_line_gives_the_line_number_of_the_field(content_copy, write_post, tmp_path):
    write_post("broken.md", GOOD_QA.replace("Type: qa", "Type: faq"))
    build = run_build(tmp_path / "output", content=content_copy)
    assert "posts/broken.md:3: Type:" in build.stderr


def test_settings_error_names_the_key_and_leaves_output(tmp_path, previous_output):
    settings = settings_file(tmp_path, extra="BRAND = dict(BRAND, primary='#aacce0')")
    output, digest = previous_output
    build = run_build(output, settings=settings)
    assert build.returncode == 2
    assert "BRAND['primary']" in build.stderr and "contrast" in build.stderr
    assert "Traceback" not in build.stderr
    assert tree_digest(output) == digest


def test_warnings_do_not_stop_the_build(content_copy, write_post, tmp_path):
    write_post("typo.md", GOOD_QA.replace("Type: qa", "Type: qa\nTgas: flu"))
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.ok, build.stderr
    assert "Tgas: unknown field, ignored; did you mean 'Tags'?" in build.stderr + build.stdout


def test_exception_text_carries_every_line_for_the_devserver():
    # A caller that prints only str(exception) (Pelican's own command) shows every line.
    from healthnotes.errors import ContentProblems, Problem

    error = ContentProblems(
        [
            Problem(file="content/posts/b.md", field="Myth", message="required"),
            Problem(file="content/posts/a.md", field="Date", message="not a date", line=2),
        ]
    )
    assert str(error).splitlines() == [
        "content/posts/a.md:2: Date: not a date",
        "content/posts/b.md: Myth: required",
        "2 problems stop publishing (in 2 files)",
    ]


def test_warnings_are_counted_apart_and_listed_after_the_problems():
    from healthnotes.errors import ContentProblems, Problem

    error = ContentProblems(
        [
            Problem(
                file="content/posts/a.md", field="", message="hard to read", severity="warning"
            ),
            Problem(file="content/posts/b.md", field="Type", message="not a type"),
            Problem(
                file="content/posts/c.md", field="", message="hard to read", severity="warning"
            ),
        ]
    )
    assert error.summary == "1 problem stops publishing (in 1 file); 2 warnings"
    assert error.lines() == [
        "content/posts/b.md: Type: not a type",
        "content/posts/a.md: warning: hard to read",
        "content/posts/c.md: warning: hard to read",
    ]


def test_one_error_beside_reading_warnings_is_one_problem_and_each_warning_prints_once(
    content_copy, write_post, tmp_path
):
    # The test site has two posts above the reading target (warnings); one privacy finding.
    write_post("broken.md", GOOD_QA.replace("Is this fine?", "Is 541-555-0199 my number?"))
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.returncode == 1
    assert "\n1 problem stops publishing (in 1 file); 2 warnings." in build.stderr, build.stderr
    for post in ("antibiotics-cold-myth.md", "spinach-recall.md"):
        assert build.stderr.count(f"{post}: warning: reads above the target grade") == 1
        assert build.stderr.count("reads above the target grade") == 2
        assert build.stderr.index(f"{post}: warning:") > build.stderr.index("broken.md:4:")
