"""The search index: a Pagefind failure is one message saying what to do."""

from __future__ import annotations

import os
import subprocess
import sys

import pagefind_bin
import pytest

from healthnotes.site.search import SearchIndexError, start_index


def test_a_failing_pagefind_is_one_message_with_its_exit_code_and_what_to_do(tmp_path, monkeypatch):
    failing = tmp_path / "pagefind"
    failing.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('bad site')\n")
    failing.chmod(0o755)
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: failing)
    with pytest.raises(SearchIndexError) as error:
        start_index(tmp_path).finish()
    assert str(error.value) == (
        "the search index could not be built (pagefind exited with 1): bad site; "
        "reinstall the requirements (make venv) and build again"
    )


def test_a_build_whose_search_index_fails_says_so_in_one_line_and_publishes_nothing(tmp_path):
    from conftest import FAULTS, ROOT, SHARED_CACHE, settings_file

    failing = tmp_path / "pagefind"
    failing.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('bad site')\n")
    failing.chmod(0o755)
    output = tmp_path / "output"
    command = [
        sys.executable, str(ROOT / "build.py"), "--settings", settings_file(tmp_path),
        "--output", str(output), "--cache", str(SHARED_CACHE),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(FAULTS), "FAKE_PAGEFIND": str(failing)}
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "the search index could not be built (pagefind exited with 1): bad site" in proc.stderr
    assert not output.exists()
    assert not list(tmp_path.glob(".output.*"))  # no staging folder left behind
