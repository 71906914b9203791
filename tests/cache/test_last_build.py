"""What decides that a build would change nothing (healthnotes.cache.last_build)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import typed_post
from healthnotes.cache import last_build
from healthnotes.cache.last_build import Before, Record, look_at, stale_at
from healthnotes.content.model import Alert
from healthnotes.editorial.settings import Hold

TZ = "America/Los_Angeles"
NOW = datetime(2026, 12, 4, 10, 30, tzinfo=ZoneInfo(TZ))
MIDNIGHT = datetime(2026, 12, 5, tzinfo=ZoneInfo(TZ))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "posts").mkdir(parents=True)
    (folder / "posts" / "a.md").write_text("Title: A\n\nBody.\n")
    (folder / "posts" / "b.md").write_text("Title: B\n\nBody.\n")
    return folder


def test_a_folder_looked_at_twice_unchanged_has_the_same_digest(tree: Path) -> None:
    assert look_at([tree]) == look_at([tree])


@pytest.mark.parametrize(
    "change",
    [
        lambda t: (t / "posts" / "a.md").write_text("Title: A!\n\nBody.\n"),
        lambda t: (t / "posts" / "c.md").write_text("new"),
        lambda t: (t / "posts" / "b.md").unlink(),
        lambda t: (t / "posts" / "b.md").rename(t / "posts" / "b2.md"),
        lambda t: (t / "images").mkdir() or (t / "images" / "x.png").write_bytes(b"x"),
    ],
    ids=["edited", "added", "removed", "renamed", "added in a new folder"],
)
def test_any_change_in_a_folder_changes_its_digest(tree: Path, change) -> None:
    before = look_at([tree])
    change(tree)
    assert look_at([tree]) != before


def test_an_edit_that_keeps_the_size_and_puts_the_modification_time_back_is_seen(
    tree: Path,
) -> None:
    post = tree / "posts" / "a.md"
    stat = post.stat()
    before = look_at([tree])
    post.write_text("Title: Z\n\nBody.\n")  # the same size
    os.utime(post, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert post.stat().st_size == stat.st_size and post.stat().st_mtime_ns == stat.st_mtime_ns
    assert look_at([tree]) != before  # its change time (st_ctime) moved on


def test_a_file_changed_just_before_it_was_looked_at_is_compared_by_content(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within one tick of the file system's clock, an edit can keep every time and the
    size: a file that recent is read, so two contents never look the same."""
    post = tree / "posts" / "a.md"
    same = post.stat()
    monkeypatch.setattr(last_build, "_walk", lambda folder, inside: iter([(str(post), same)]))
    racy = look_at([tree], read_after_ns=0)
    post.write_text("Title: Z\n\nBody.\n")
    assert look_at([tree], read_after_ns=0) != racy
    assert look_at([tree]) == look_at([tree])  # (without reading, the same stat looks the same)


def test_a_missing_input_is_part_of_the_digest(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    before = look_at([missing])
    missing.write_text("now it exists")
    assert look_at([missing]) != before


# -- the record ----------------------------------------------------------------


def _remembered(tmp_path: Path, tree: Path, *, stale: datetime = MIDNIGHT) -> Path:
    output = tmp_path / "output"
    output.mkdir(exist_ok=True)
    (output / "index.html").write_text("<p>site</p>")
    path = last_build.record_path(output)
    last_build.remember(
        path,
        command=("build",),
        before=Before.look([tree]),
        output=output,
        built_at=NOW,
        stale_at=stale,
        warnings=["content/posts/a.md: warning: no picture"],
    )
    return path


def test_a_record_says_the_build_is_unchanged_while_nothing_changed(
    tmp_path: Path, tree: Path
) -> None:
    path = _remembered(tmp_path, tree)
    record = last_build.unchanged(path, ("build",), tmp_path / "output", NOW + timedelta(hours=1))
    assert record is not None
    assert record.warnings == ("content/posts/a.md: warning: no picture",)


def test_a_record_is_not_used_for_another_command(tmp_path: Path, tree: Path) -> None:
    path = _remembered(tmp_path, tree)
    assert last_build.unchanged(path, ("build", "--verbose"), tmp_path / "output", NOW) is None


def test_a_record_is_not_used_once_an_input_changed(tmp_path: Path, tree: Path) -> None:
    path = _remembered(tmp_path, tree)
    (tree / "posts" / "a.md").write_text("Title: A, edited\n")
    assert last_build.unchanged(path, ("build",), tmp_path / "output", NOW) is None


def test_a_record_is_not_used_once_the_output_changed(tmp_path: Path, tree: Path) -> None:
    path = _remembered(tmp_path, tree)
    (tmp_path / "output" / "index.html").unlink()
    assert last_build.unchanged(path, ("build",), tmp_path / "output", NOW) is None


@pytest.mark.parametrize(
    "when",
    [MIDNIGHT, MIDNIGHT + timedelta(days=3), NOW - timedelta(seconds=1)],
    ids=["at the moment it goes stale", "days later", "a clock set back"],
)
def test_a_record_is_not_used_outside_its_time(tmp_path: Path, tree: Path, when) -> None:
    path = _remembered(tmp_path, tree)
    assert last_build.unchanged(path, ("build",), tmp_path / "output", when) is None


@pytest.mark.parametrize("data", [b"", b"{", b"[]", b'{"format": 1}', b'{"format": 999}'], ids=repr)
def test_a_damaged_or_foreign_record_is_no_record(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / ".output.last-build.json"
    path.write_bytes(data)
    assert Record.load(path) is None
    assert last_build.unchanged(path, ("build",), tmp_path / "output", NOW) is None


# -- when the clock alone changes what is built ------------------------------------


def test_with_nothing_dated_ahead_a_build_goes_stale_at_the_next_midnight() -> None:
    posts = [typed_post(date=NOW - timedelta(days=3))]
    assert stale_at(posts, NOW, TZ) == MIDNIGHT


def test_a_scheduled_post_makes_the_build_stale_when_it_comes_due() -> None:
    due = NOW + timedelta(hours=2)
    posts = [typed_post(date=NOW - timedelta(days=3)), typed_post(date=due, status="scheduled")]
    assert stale_at(posts, NOW, TZ) == due


def test_an_urgent_notice_makes_the_build_stale_when_it_expires() -> None:
    expires = NOW + timedelta(minutes=45)
    notice = typed_post(details=Alert(expires=expires), date=NOW - timedelta(hours=1))
    assert stale_at([notice], NOW, TZ) == expires


def test_a_hold_starting_later_today_makes_the_build_stale_when_it_starts() -> None:
    since = NOW + timedelta(hours=3)
    assert stale_at([Hold(since=since, reason="flu clinic")], NOW, TZ) == since


def test_midnight_is_the_practices_not_the_machines() -> None:
    late_utc = datetime(2026, 12, 5, 6, 0, tzinfo=UTC)  # 22:00 on the 4th in Los Angeles
    assert stale_at([], late_utc, TZ) == MIDNIGHT


def test_a_folder_linked_from_inside_itself_is_read_once(tree: Path) -> None:
    (tree / "posts" / "again").symlink_to(tree, target_is_directory=True)
    before = look_at([tree])  # no endless walk
    (tree / "posts" / "a.md").write_text("Title: A, edited\n")
    assert look_at([tree]) != before
