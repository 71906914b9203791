"""The search index: a Pagefind failure is one message saying what to do."""

from __future__ import annotations

import sys

import pagefind_bin
import pytest

from healthnotes.site.search import SearchIndexError, build_index


def test_a_failing_pagefind_is_one_message_with_its_exit_code_and_what_to_do(tmp_path, monkeypatch):
    failing = tmp_path / "pagefind"
    failing.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('bad site')\n")
    failing.chmod(0o755)
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: failing)
    with pytest.raises(SearchIndexError) as error:
        build_index(tmp_path)
    assert str(error.value) == (
        "the search index could not be built (pagefind exited with 1): bad site; "
        "reinstall the requirements (make venv) and build again"
    )
