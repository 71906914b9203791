"""healthnotes.runtime.workers: the build's one process pool."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import children_left_by_a_killed_build
from healthnotes.errors import ContentProblems, Problem, SettingsError
from healthnotes.runtime.workers import NICENESS, Workers


def own_pid_and_nice(_: object = None) -> tuple[int, int]:
    return os.getpid(), os.nice(0)


def refuse(_: object = None) -> None:
    raise ContentProblems([Problem(file="a.md", field="Title", message="required")])


def wrong_setting() -> None:
    raise SettingsError("BRAND", "expected a dict")


def a_bug() -> None:
    return 1 / 0


def test_nothing_is_started_until_work_is_given():
    workers = Workers(2)
    assert not workers.started
    assert list(workers.map(own_pid_and_nice, [])) == []
    assert not workers.started
    workers.close()
    with Workers(2) as workers:
        workers.submit(own_pid_and_nice).result()
        assert workers.started


def test_work_runs_in_other_processes_at_a_lower_priority_and_the_build_keeps_its_own():
    with Workers(2) as workers:
        results = list(workers.map(own_pid_and_nice, range(6)))
    assert {pid for pid, _ in results}.isdisjoint({os.getpid()})
    assert all(nice >= NICENESS for _, nice in results)
    assert os.nice(0) < NICENESS


def test_no_concurrency_runs_the_work_here_with_the_same_results():
    workers = Workers(0)
    assert next(iter(workers.map(own_pid_and_nice, range(2))))[0] == os.getpid()
    assert not workers.started
    with pytest.raises(ContentProblems):
        workers.submit(refuse).result()


def test_a_persons_mistake_comes_back_whole_and_a_bug_as_itself():
    with Workers(1) as workers:
        with pytest.raises(ContentProblems) as problems:
            workers.submit(refuse).result()
        assert problems.value.lines() == ["a.md: Title: required"]
        with pytest.raises(SettingsError, match="BRAND: expected a dict"):
            workers.submit(wrong_setting).result()
        with pytest.raises(ZeroDivisionError):
            workers.submit(a_bug).result()


def test_close_all_stops_every_open_pool_and_its_work():
    workers = Workers(1)
    pid = workers.submit(own_pid_and_nice).result()[0]
    workers.submit(time.sleep, 30)
    Workers.close_all()
    assert not workers.started
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists()


@pytest.mark.skipif(not Path("/proc").exists(), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_end_when_the_build_that_started_them_is_killed(tmp_path):
    code = (
        "import os, time\n"
        "from healthnotes.runtime.workers import Workers\n"
        "workers = Workers(2)\n"
        "pids = {workers.submit(os.getpid).result() for _ in range(8)}\n"
        "for _ in range(2): workers.submit(time.sleep, 60)\n"
        "open(PIDS, 'w').write(' '.join(map(str, pids)))\n"
        "time.sleep(60)\n"
    )
    assert children_left_by_a_killed_build(code, tmp_path) == []
