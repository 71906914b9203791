"""Preview pages are written again only when their text changed (or the file did)."""

from __future__ import annotations

import os
from pathlib import Path

from healthnotes.social import preview
from healthnotes.social.preview import Pages


def _build(folder, pages: dict[str, str]) -> None:
    writer = Pages(folder)
    for name, text in pages.items():
        writer.write(name, text)
    writer.save()


def test_an_unchanged_page_is_not_written_again(tmp_path, monkeypatch):
    _build(tmp_path, {"a.html": "one", "b.html": "two"})
    opened = []

    def recording_open(path, *args, **kwargs):
        opened.append(Path(path).name)
        return Path(path).open(*args, **kwargs)

    monkeypatch.setattr(preview, "open", recording_open, raising=False)
    _build(tmp_path, {"a.html": "one", "b.html": "two, changed"})
    assert opened == ["b.html"]
    assert (tmp_path / "a.html").read_text() == "one"


def test_a_changed_page_is_written(tmp_path):
    _build(tmp_path, {"a.html": "one"})
    _build(tmp_path, {"a.html": "one, changed"})
    assert (tmp_path / "a.html").read_text() == "one, changed"


def test_a_page_changed_or_removed_by_hand_is_written_again(tmp_path):
    _build(tmp_path, {"a.html": "one", "b.html": "two"})
    (tmp_path / "a.html").write_text("edited")
    (tmp_path / "b.html").unlink()
    _build(tmp_path, {"a.html": "one", "b.html": "two"})
    assert (tmp_path / "a.html").read_text() == "one"
    assert (tmp_path / "b.html").read_text() == "two"


def test_a_page_with_the_same_size_but_a_new_time_is_written_again(tmp_path):
    _build(tmp_path, {"a.html": "one"})
    (tmp_path / "a.html").write_text("eno")
    stat = (tmp_path / "a.html").stat()
    os.utime(tmp_path / "a.html", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    _build(tmp_path, {"a.html": "one"})
    assert (tmp_path / "a.html").read_text() == "one"


def test_a_lost_record_writes_every_page_again(tmp_path):
    _build(tmp_path, {"a.html": "one"})
    (tmp_path / "a.html").write_text("eno")
    (tmp_path / ".written.json").unlink()
    _build(tmp_path, {"a.html": "one"})
    assert (tmp_path / "a.html").read_text() == "one"
