"""The example site staff edit (content/), and the tests kept apart from it.

Staff add, edit and delete posts in content/ every week; `make test` must keep
passing. Every other test builds the test site in tests/data/site. Only the tests
in ``EXAMPLE_SITE_TESTS`` read content/, and they hold for any content: every post
builds and passes the gate, whatever the posts are called and however many there are.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, EXAMPLE_CONTENT, EXAMPLE_SITE_TESTS, ROOT, run_build

TESTS = ROOT / "tests"
#: Ways a test could name the example content folder.
EXAMPLE_REFERENCES = re.compile(
    r"""EXAMPLE_CONTENT|shipped_examples\(|ROOT\s*/\s*["']content\b"""
    r"""|parents?\[?\d*\]?\s*/\s*["']content["']"""
    r"""|["']content/(posts|pages|images)/[^"']*["']\s*\)\.(read|open|glob|iterdir|exists)"""
)


def _test_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "data" not in p.relative_to(TESTS).parts)


def test_the_test_site_is_not_the_example_site():
    assert CONTENT != EXAMPLE_CONTENT
    assert CONTENT.is_relative_to(TESTS / "data")
    assert sorted(p.name for p in (CONTENT / "posts").glob("*.md"))  # a site to build


def test_only_the_example_site_tests_name_the_content_folder():
    naming = {
        path.relative_to(ROOT).as_posix()
        for path in _test_files()
        if path.name != "conftest.py" and EXAMPLE_REFERENCES.search(path.read_text("utf-8"))
    }
    assert naming <= EXAMPLE_SITE_TESTS, sorted(naming - EXAMPLE_SITE_TESTS)


def test_the_pattern_finds_each_way_of_naming_the_content_folder():
    for line in (
        'path = ROOT / "content" / "posts"',
        "files = EXAMPLE_CONTENT.glob('*.md')",
        "x = Path(__file__).parents[2] / 'content'",
        'POSTS = shipped_examples("posts")',
    ):
        assert EXAMPLE_REFERENCES.search(line), line
    assert not EXAMPLE_REFERENCES.search('source="content/posts/x.md"')  # a label only


def _repo_copy(tmp_path: Path, change_content) -> Path:
    """The repository with its own tests/ and a changed content/ (the rest linked)."""
    repo = tmp_path / "repo"
    repo.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name in {"tests", "content", ".git", ".venv"} or entry.name.startswith(
            (".cache", "output", "reports")
        ):
            continue
        (repo / entry.name).symlink_to(entry)
    shutil.copytree(TESTS, repo / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(EXAMPLE_CONTENT, repo / "content")
    change_content(repo / "content")
    return repo


def _collected(repo: Path) -> list[str]:
    ignore = [f"--ignore={name}" for name in sorted(EXAMPLE_SITE_TESTS)]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only", *ignore],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return sorted(line for line in done.stdout.splitlines() if "::" in line)


def _staff_week(content: Path) -> None:
    """What staff do: delete every example post but one, edit it, write a new one."""
    posts = sorted((content / "posts").glob("*.md"))
    for post in posts[1:]:
        post.unlink()
    kept = posts[0]
    kept.write_text(kept.read_text("utf-8").replace("Title: ", "Title: Edited: ", 1), "utf-8")
    (content / "posts" / "new-post.md").write_text(
        "Title: A new post\nDate: 2026-12-01 09:00\nType: qa\nQuestion: Is it new?\n\nYes.\n",
        "utf-8",
    )
    (content / "images" / "flu-shot.jpg").unlink()


def _nothing(content: Path) -> None:
    return None


#: A post staff may well write: the build warns (above the reading target, a style=
#: removed) and publishes it; `make test` must not fail on it.
HARD_POST = """Title: Understanding Anticoagulation Pharmacotherapy
Date: 2026-11-03 09:00
Type: qa
Question: What should I know about anticoagulation?

<p style="color: red">Anticoagulation pharmacotherapy necessitates comprehensive laboratory
monitoring, particularly international normalized ratio determinations, alongside
meticulous consideration of pharmacological interactions.</p>

Individualized therapeutic regimens accommodate physiological variability, comorbidities,
and concomitant medications administered simultaneously.
"""


def _twenty_more(content: Path) -> None:
    """20 posts added to the examples, one of them above the reading target, and one
    example edited the way staff edit (its text harder)."""
    for number in range(19):
        (content / "posts" / f"staff-post-{number}.md").write_text(
            f"Title: Staff post {number}\nDate: 2026-10-{number + 1:02d} 09:00\nType: qa\n"
            f"Question: Is this post {number} new?\n\nYes. It is new. We wrote it today.\n",
            "utf-8",
        )
    (content / "posts" / "staff-hard-post.md").write_text(HARD_POST, "utf-8")
    example = sorted((content / "posts").glob("*.md"))[0]
    example.write_text(example.read_text("utf-8") + "\n" + HARD_POST.split("\n\n", 1)[1])


def _no_examples(content: Path) -> None:
    for post in (content / "posts").glob("*.md"):
        post.unlink()


@pytest.mark.parametrize("change", [_twenty_more, _no_examples], ids=["20-more", "none"])
def test_the_example_site_tests_pass_whatever_posts_staff_keep(tmp_path, change):
    """The tests that read content/ check the shipped examples, not the posts staff
    write: 20 posts more (one above the reading target, with a style=), an example
    edited, or every example deleted, and they still pass (the build itself is
    test_every_post_in_content_builds_and_passes_the_gate, run on today's content)."""
    repo = _repo_copy(tmp_path, change)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "example_post",
         "tests/gate/test_readability.py", "tests/content/test_sanitize.py"],
        cwd=repo, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_the_suite_collects_the_same_tests_whatever_staff_do_to_content(tmp_path):
    before = _collected(_repo_copy(tmp_path / "before", _nothing))
    after = _collected(_repo_copy(tmp_path / "after", _staff_week))
    assert len(before) > 100
    assert after == before


# --- the example site itself (any content) ------------------------------------


@pytest.fixture(scope="module")
def example_build(tmp_path_factory: pytest.TempPathFactory):
    return run_build(tmp_path_factory.mktemp("example") / "output", content=EXAMPLE_CONTENT)


def test_every_post_in_content_builds_and_passes_the_gate(example_build):
    assert example_build.ok, example_build.stderr
    assert "problems stop publishing" not in example_build.stderr
