"""A build that would change nothing is not run again (build.py, healthnotes.cache.last_build).

Staff run `make publish` again to be sure; the second run should say at once that the
site is up to date, repeat what the first warned about, and never skip real work: an
edited post, a changed setting, a damaged output folder or `FORCE=1` builds in full.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from conftest import ROOT, settings_file, tree_digest

UP_TO_DATE = "Nothing changed since the last build"


def _build(settings: str, content: Path, output: Path, cache: Path, *extra: str):
    command = [sys.executable, str(ROOT / "build.py"), "--settings", settings]
    command += ["--content", str(content), "--output", str(output), "--cache", str(cache)]
    return subprocess.run(
        [*command, *extra], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture
def site(tmp_path: Path, content_copy: Path):
    """Build the example content once; returns a function that builds it again."""
    settings = settings_file(tmp_path, content_copy)
    output, cache = tmp_path / "output", tmp_path / "cache"

    def build(*extra: str) -> subprocess.CompletedProcess[str]:
        return _build(settings, content_copy, output, cache, *extra)

    first = build()
    assert first.returncode == 0, first.stderr
    assert UP_TO_DATE not in first.stdout
    build.first = first  # type: ignore[attr-defined]
    build.output = output  # type: ignore[attr-defined]
    build.settings = Path(settings)  # type: ignore[attr-defined]
    return build


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": warning: " in line]


def test_a_build_with_nothing_changed_says_so_and_repeats_the_warnings(site) -> None:
    site_before = tree_digest(site.output)
    again = site()
    assert again.returncode == 0, again.stderr
    assert UP_TO_DATE in again.stdout and "up to date" in again.stdout
    assert tree_digest(site.output) == site_before
    warnings = _problem_lines(site.first.stderr)
    assert warnings, "the example site warns about its empty series slots"
    assert _problem_lines(again.stderr) == warnings


def test_a_build_that_took_folders_from_the_site_before_is_still_up_to_date_after(
    site,
) -> None:
    """From the third build on, the site before the last one lends the build its folders
    (its path is a setting of that build): what the build takes is not one of its inputs,
    or no build would ever be up to date again (the bench's warm build ran in full)."""
    for _ in range(2):
        forced = site("--force")
        assert forced.returncode == 0, forced.stderr
    assert len(list(site.output.parent.glob(".output.old-*"))) == 2
    again = site()
    assert again.returncode == 0, again.stderr
    assert UP_TO_DATE in again.stdout


def test_an_edited_post_is_built_again(site, content_copy: Path) -> None:
    post = next((content_copy / "posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more sentence.\n")
    again = site()
    assert again.returncode == 0, again.stderr
    assert UP_TO_DATE not in again.stdout
    assert "One more sentence." in "".join(
        p.read_text(encoding="utf-8") for p in site.output.rglob("*.html")
    )


def test_a_changed_setting_is_built_again(site) -> None:
    site.settings.write_text(site.settings.read_text() + "\nDEFAULT_PAGINATION = 3\n")
    assert UP_TO_DATE not in site().stdout


def test_a_page_removed_from_the_output_folder_is_built_again(site) -> None:
    (site.output / "index.html").unlink()
    again = site()
    assert UP_TO_DATE not in again.stdout
    assert (site.output / "index.html").is_file()


def test_force_builds_even_when_nothing_changed(site) -> None:
    again = site("--force")
    assert again.returncode == 0, again.stderr
    assert UP_TO_DATE not in again.stdout and "Built " in again.stdout


def test_a_check_is_never_skipped(site) -> None:
    check = site("--check")
    assert check.returncode == 0, check.stderr
    assert "Check passed" in check.stdout


def test_the_record_names_when_the_clock_makes_the_site_stale(site) -> None:
    record = json.loads((site.output.parent / f".{site.output.name}.last-build.json").read_text())
    built, stale = (datetime.fromisoformat(record[key]) for key in ("built_at", "stale_at"))
    assert built < stale <= built + timedelta(days=1)  # the next midnight at the latest
    assert str(ROOT / "healthnotes") in record["inputs"]


def test_make_passes_force_to_the_build() -> None:
    makefile = (ROOT / "Makefile").read_text()
    for target in ("html:", "publish:"):
        recipe = makefile.split(f"\n{target}", 1)[1].split("\n\n", 1)[0]
        assert "$(if $(FORCE),--force)" in recipe
