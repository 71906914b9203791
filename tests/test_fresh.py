"""healthnotes.runtime.fresh: work run in a new interpreter, its result or error brought back."""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

import pytest

from conftest import children_left_by_a_killed_build
from healthnotes.errors import ContentProblems, Problem
from healthnotes.runtime import fresh


def modules_loaded(names: list[str]) -> list[str]:
    return [name for name in names if name in sys.modules]


def parent_and_self() -> tuple[int, int]:
    return os.getppid(), os.getpid()


def fail_with_problems() -> None:
    raise ContentProblems([Problem(file="content/posts/a.md", field="Title", message="empty")])


def divide_by_zero() -> float:
    return 1 / 0


def busy(seconds: float) -> float:
    end = resource.getrusage(resource.RUSAGE_SELF).ru_utime + seconds
    while resource.getrusage(resource.RUSAGE_SELF).ru_utime < end:
        pass
    return seconds


def exit_abruptly() -> None:
    os._exit(3)


def print_to_stdout() -> str:
    print("a stray print")
    return "the result"


def test_the_function_runs_in_a_new_child_process_that_loaded_only_what_it_needs():
    import pelican  # noqa: F401  (loaded here: the child must not inherit it)

    parent, child = fresh.call(parent_and_self)
    assert parent == os.getpid() and child != os.getpid()
    assert fresh.call(modules_loaded, ["pelican", "cv2", "healthnotes.social.cards.render"]) == []


def niceness() -> int:
    return os.nice(0)


def test_work_beside_the_build_runs_at_a_lower_priority_and_the_build_keeps_its_own():
    own = os.nice(0)
    assert fresh.call(niceness) == max(own, fresh.BACKGROUND_NICENESS)
    started = fresh.start("json")  # started early: its imports already run lower
    try:
        assert fresh.call_in(started, niceness) == max(own, fresh.BACKGROUND_NICENESS)
    finally:
        started.close()
    assert os.nice(0) == own


def test_content_problems_come_back_with_every_problem():
    with pytest.raises(ContentProblems) as raised:
        fresh.call(fail_with_problems)
    [problem] = raised.value.problems
    assert (problem.file, problem.field) == ("content/posts/a.md", "Title")
    assert problem.message == "empty"


def test_a_bug_comes_back_as_its_own_exception():
    with pytest.raises(ZeroDivisionError):
        fresh.call(divide_by_zero)


def test_a_process_that_dies_without_a_result_is_an_error_naming_the_function():
    with pytest.raises(fresh.FreshProcessError, match=r"exit_abruptly .*exit status 3"):
        fresh.call(exit_abruptly)


def test_prints_do_not_spoil_the_result():
    assert fresh.call(print_to_stdout) == "the result"


def test_its_cpu_time_is_counted_among_this_processs_children():
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    assert fresh.call(busy, 0.3) == 0.3
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before >= 0.3


def test_a_started_process_imports_its_modules_before_its_call_comes():
    started = fresh.start("healthnotes.social.cards.render")
    try:
        loaded = fresh.call_in(
            started, modules_loaded, ["healthnotes.social.cards.render", "cv2", "pelican"]
        )
    finally:
        started.close()
    assert loaded == ["healthnotes.social.cards.render", "cv2"]
    assert started.process.returncode == 0


def test_a_started_process_runs_one_call_only():
    started = fresh.start()
    try:
        assert fresh.call_in(started, print_to_stdout) == "the result"
        with pytest.raises(RuntimeError, match="one call"):
            fresh.call_in(started, print_to_stdout)
    finally:
        started.close()


def test_an_unused_started_process_is_stopped_and_collected():
    started = fresh.start("healthnotes.social.cards.render")
    started.close()
    assert started.process.returncode is not None
    assert started not in fresh._started
    started.close()  # idempotent


def test_a_process_forked_after_the_start_can_make_the_call_and_the_starter_collects_its_cpu():
    from healthnotes.runtime import background

    started = fresh.start()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    pending = background.start(lambda: fresh.call_in(started, busy, 0.3))
    assert pending.result() == 0.3
    started.close()  # the forked child cannot wait for its sibling: the starter does
    assert started.process.returncode is not None  # exited, or stopped once it answered
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before >= 0.3


def test_close_all_stops_every_started_process():
    started = [fresh.start(), fresh.start()]
    fresh.close_all()
    assert all(s.process.returncode is not None for s in started)
    assert not fresh._started


def test_the_drawing_process_is_started_once_per_build_and_not_reused_once_closed():
    from plugins.pelican_healthnotes import syndication as glue

    settings: dict[str, object] = {}
    glue.start_drawer("content/posts/a.md", settings=settings)
    first = glue._drawers[id(settings)]
    glue.start_drawer("content/posts/b.md", settings=settings)  # same build: the same one
    assert glue._drawers[id(settings)] is first and first.usable
    first.close()  # what build.py does to what a stopped build left
    assert not first.usable
    glue.start_drawer("content/posts/c.md", settings=settings)  # the next build
    second = glue._drawers.pop(id(settings))
    try:
        assert second is not first and second.usable
    finally:
        second.close()


def test_an_early_call_goes_to_the_started_process_while_it_can_take_it_else_to_a_new_one():
    started = fresh.start()
    try:
        _, first = fresh.call_early(started, parent_and_self)
        assert first == started.process.pid
        _, second = fresh.call_early(started, parent_and_self)  # used: a new process
        assert second != first
    finally:
        started.close()
    assert fresh.call_early(None, print_to_stdout) == "the result"


def pool_workers_then_wait(path: str) -> None:
    """In a fresh process: start a pool's workers, write their pids, wait to be killed."""
    import multiprocessing
    import time

    pool = fresh.pool(2)
    list(pool.map(abs, range(8)))
    pids = [child.pid for child in multiprocessing.active_children()]
    Path(path).write_text(" ".join(map(str, pids)))
    time.sleep(120)


@pytest.mark.skipif(sys.platform != "linux", reason="Linux kills the workers (PR_SET_PDEATHSIG)")
def test_pool_workers_end_when_the_process_that_started_them_is_killed(tmp_path):
    assert children_left_by_a_killed_build(pool_workers_then_wait, tmp_path) == []


def test_a_fresh_process_imports_the_standard_library_not_a_package_folder_of_ours():
    import calendar  # healthnotes/calendar/ must not stand in for it

    assert fresh.call(calendar.isleap, 2028) is True
