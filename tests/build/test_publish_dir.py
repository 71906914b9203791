"""healthnotes.publish: the published folder is swapped whole, never half-written."""

from __future__ import annotations

from healthnotes.publish import staging_dir, swap_in, sweep_leftovers


def test_swap_in_replaces_the_old_site_with_the_new_one(tmp_path):
    target = tmp_path / "output"
    target.mkdir()
    (target / "old.html").write_text("old")
    staging = staging_dir(target)
    (staging / "new.html").write_text("new")
    retired = swap_in(staging, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]
    # The previous site waits beside it, hidden, for the next build to remove it.
    assert retired is not None and retired.name.startswith(".output.old-")
    assert sorted(p.name for p in retired.iterdir()) == ["old.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["output", retired.name])
    sweep_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_swap_in_creates_the_target_when_missing(tmp_path):
    target = tmp_path / "output"
    staging = staging_dir(target)
    (staging / "index.html").write_text("x")
    swap_in(staging, target)
    assert (target / "index.html").read_text() == "x"


def test_leftovers_of_a_killed_build_are_swept(tmp_path):
    target = tmp_path / "output"
    target.mkdir()
    staging_dir(target)
    (tmp_path / ".output.old-abc").mkdir()
    sweep_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_the_latest_retired_site_is_the_one_the_last_swap_moved_aside(tmp_path):
    """Its folders are what the next build may take; older ones and staging folders a
    killed build left are only swept."""
    from healthnotes.publish import latest_retired, leftovers

    target = tmp_path / "output"
    target.mkdir()
    (tmp_path / ".output.old-older").mkdir()
    staging_dir(target)
    staging = staging_dir(target)
    (staging / "index.html").write_text("new")
    retired = swap_in(staging, target)
    assert latest_retired(leftovers(target)) == retired
    assert latest_retired([p for p in leftovers(target) if ".staging-" in p.name]) is None
