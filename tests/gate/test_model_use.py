"""The language model is worth its cost only where a text is new (issue 17, item 8)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, run_build

FAULTS = ROOT / "tests" / "data" / "fault_injection"


def recording_model_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file each later build's processes write a line to when they ask for the
    language model (tests/data/fault_injection); it does not exist until one does."""
    record = tmp_path / "model-uses.txt"
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(FAULTS), os.environ.get("PYTHONPATH", "")])
    )
    monkeypatch.setenv("RECORD_MODEL_LOADS", str(record))
    return record


def test_a_build_that_changed_nothing_never_asks_for_the_language_model(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = tmp_path / "cache"
    first = run_build(tmp_path / "output", content=content, cache=cache)
    assert first.ok, first.stderr

    record = recording_model_loads(tmp_path, monkeypatch)
    # forced: the whole pipeline runs (not the up-to-date stop), as after midnight
    again = run_build(tmp_path / "output", content=content, cache=cache, force=True)
    assert again.ok, again.stderr
    assert not record.exists(), f"the model was asked for by {record.read_text().splitlines()}"

    post = next((content / "posts").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\nOne new sentence.\n", encoding="utf-8")
    edited = run_build(tmp_path / "output", content=content, cache=cache)
    assert edited.ok, edited.stderr
    assert record.exists(), "a changed post must be read by the model (the probe works)"


def test_a_sentence_the_posts_check_read_is_not_read_again_by_the_build_itself(
    tmp_path, monkeypatch
):
    """The per-post check reads an edited post's sentences with the model in a worker;
    the published scan meets the same sentences on the post's page and takes the
    worker's proposals: the build's own process never loads the model for them."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = tmp_path / "cache"
    assert run_build(tmp_path / "output", content=content, cache=cache).ok

    record = recording_model_loads(tmp_path, monkeypatch)
    post = next((content / "posts").glob("*.md"))
    post.write_text(
        post.read_text(encoding="utf-8") + "\nWe read every new sentence twice before.\n",
        encoding="utf-8",
    )
    edited = run_build(tmp_path / "output", content=content, cache=cache)
    assert edited.ok, edited.stderr
    uses = record.read_text(encoding="utf-8").split()
    assert "worker" in uses, "the edited post is checked in a worker (the probe works)"
    assert "build" not in uses, "the build's own process read a sentence a worker had read"


def test_a_site_moved_to_another_folder_is_neither_checked_nor_made_again(tmp_path, monkeypatch):
    """Moving the content folder changes where each post's file is, not what it says:
    its checks, platform texts, slides and video are all kept from the build before.
    No post is checked again (the language model is never asked for), no carousel made
    again and no platform text fitted again."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = tmp_path / "cache"
    assert run_build(tmp_path / "output", content=content, cache=cache).ok
    moved = content.rename(tmp_path / "moved")
    texts = cache / "cards" / "texts.json"  # the platform texts, written when one changes
    written = texts.stat().st_mtime_ns

    record = recording_model_loads(tmp_path, monkeypatch)
    again = run_build(tmp_path / "output", content=moved, cache=cache, verbose=True)
    assert again.ok, again.stderr
    assert f"{moved}/posts/" in again.stderr  # messages name the files where they are now
    assert not record.exists(), f"the model was asked for by {record.read_text().splitlines()}"
    assert "Carousels: 10 posts, 0 made again, 0 slides drawn" in again.stderr
    assert texts.stat().st_mtime_ns == written
