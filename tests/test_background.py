"""healthnotes.runtime.background: work beside the build comes back exactly as if run in place."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import children_left_by_a_killed_build
from healthnotes.errors import ContentProblems, Problem, SettingsError
from healthnotes.runtime import background, fresh


def test_the_result_comes_back_from_the_child():
    pending = background.start(lambda: {"pid": os.getpid(), "posts": [1, 2, 3]})
    result = pending.result()
    assert result["posts"] == [1, 2, 3]
    assert result["pid"] != os.getpid()  # it really ran beside the build


def test_the_child_runs_at_a_lower_priority_and_the_build_keeps_its_own():
    own = os.nice(0)
    assert background.start(lambda: os.nice(0)).result() == max(own, fresh.BACKGROUND_NICENESS)
    assert os.nice(0) == own


def test_content_problems_come_back_with_every_problem():
    problems = [
        Problem(file="content/posts/a.md", field="Title", message="required", line=1),
        Problem(file="content/posts/b.md", field="", message="phone number", severity="warning"),
    ]

    def gate() -> None:
        raise ContentProblems(problems)

    with pytest.raises(ContentProblems) as caught:
        background.start(gate).result()
    assert caught.value.problems == ContentProblems(problems).problems
    assert caught.value.summary == "1 problem stops publishing (in 1 file); 1 warning"


def test_a_settings_error_keeps_its_key_and_message():
    def configure() -> None:
        raise SettingsError("BRAND", "expected a colour", settings_file="conf.py")

    with pytest.raises(SettingsError, match=r"^conf\.py: BRAND: expected a colour$"):
        background.start(configure).result()


def test_a_bug_comes_back_with_its_traceback():
    def broken() -> None:
        {}["missing"]

    with pytest.raises(background.BackgroundError, match=r"(?s)Traceback.*KeyError: 'missing'"):
        background.start(broken).result()


def test_cancel_all_stops_work_still_running(tmp_path):
    marker = tmp_path / "finished"

    def slow() -> None:
        time.sleep(5)
        marker.write_text("done")

    pending = background.start(slow)
    started = time.perf_counter()
    background.cancel_all()
    assert time.perf_counter() - started < 2
    time.sleep(0.2)
    assert not marker.exists()
    assert pending not in background._running


def background_work_then_wait(path: str) -> None:
    """In a fresh process (the build): start background work that writes its pid and
    sleeps, then wait to be killed."""

    def work() -> None:
        Path(path).write_text(str(os.getpid()))
        time.sleep(120)

    background.start(work)
    time.sleep(120)


@pytest.mark.skipif(not background.can_fork(), reason="Linux only (fork, PR_SET_PDEATHSIG)")
def test_background_work_ends_when_the_build_is_killed(tmp_path):
    assert children_left_by_a_killed_build(background_work_then_wait, tmp_path) == []
