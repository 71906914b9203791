"""healthnotes.runtime.workers: the build's one process pool."""

from __future__ import annotations

import importlib
import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from conftest import children_left_by_a_killed_build, running
from healthnotes.errors import ContentProblems, Problem, SettingsError
from healthnotes.runtime.failures import WORK, lost_worker
from healthnotes.runtime.workers import NICENESS, WorkerLost, Workers


def own_pid_and_nice(_: object = None) -> tuple[int, int]:
    return os.getpid(), os.nice(0)


def refuse(_: object = None) -> None:
    raise ContentProblems([Problem(file="a.md", field="Title", message="required")])


def wrong_setting() -> None:
    raise SettingsError("BRAND", "expected a dict")


def a_bug() -> None:
    return 1 / 0


def die_at_once(_: object = None) -> None:
    """What the out-of-memory killer does to a worker."""
    os.kill(os.getpid(), signal.SIGKILL)


DIE_AT_ONCE = f"{die_at_once.__module__}.die_at_once"


def test_nothing_is_started_until_work_is_given():
    workers = Workers(2)
    assert not workers.started
    assert list(workers.map(own_pid_and_nice, [])) == []
    assert not workers.started
    workers.close()
    with Workers(2) as workers:
        workers.submit(own_pid_and_nice).result()
        assert workers.started


def note_ready() -> None:
    """A worker's preparation: leaves its process id where the test looks."""
    Path(os.environ["READY_NOTE"]).write_text(str(os.getpid()))


def test_started_ahead_a_worker_prepares_before_any_work_and_then_takes_it(tmp_path, monkeypatch):
    note = tmp_path / "ready"
    monkeypatch.setenv("READY_NOTE", str(note))  # the spawned worker inherits it
    with Workers(2) as workers:
        workers.start(note_ready)
        assert workers.started
        deadline = time.monotonic() + 60
        while not note.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        prepared = int(note.read_text())
        assert prepared != os.getpid()
        assert workers.submit(own_pid_and_nice).result()[0] == prepared  # the idle one
        note.unlink()
        workers.start(note_ready)  # once a pool: not given again
    assert not note.exists()  # (closing waited for all the work given)


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_work_given_one_piece_at_a_time_runs_in_one_worker():
    """One edited post gives one piece of each kind of work (its texts, its cards, its
    check): one worker does it all, in order, started and loaded once, and the other
    cores are left to the build."""
    with Workers(2) as workers:
        done = [workers.submit(pid_after, 0.2) for _ in range(4)]
        assert len({future.result() for future in done}) == 1


def test_work_expected_side_by_side_runs_in_every_worker():
    with Workers(2) as workers:
        workers.expect(4)
        done = [workers.submit(pid_after, 0.5) for _ in range(4)]
        assert len({future.result() for future in done}) == 2
    with Workers(2) as workers:  # a map says how many pieces it gives
        assert len(set(workers.map(pid_after, [0.5] * 4))) == 2
    with Workers(2) as workers:  # never more workers than CONCURRENCY
        workers.expect(10)
        assert workers.wanted == 2


def test_work_given_before_more_was_expected_stays_with_the_first_worker():
    with Workers(2) as workers:
        first = [workers.submit(pid_after, 0.2) for _ in range(2)]
        workers.expect(2)
        later = [workers.submit(pid_after, 1.0) for _ in range(2)]
        assert len({future.result() for future in first}) == 1
        assert len({future.result() for future in [*first, *later]}) == 2


def test_closing_waits_for_all_the_work_given(tmp_path):
    workers = Workers(2)
    for number in range(3):
        workers.submit(write_after, str(tmp_path / f"done-{number}"))
    workers.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["done-0", "done-1", "done-2"]


def test_closing_all_stops_every_worker_of_both_pools():
    workers = Workers(2)
    workers.expect(2)
    pids = set(workers.map(pid_after, [0.5] * 4))
    assert len(pids) == 2
    workers.submit(time.sleep, 30)
    workers.submit(time.sleep, 30)
    Workers.close_all()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)


def test_a_worker_of_the_others_that_dies_is_told_the_same_way():
    with Workers(2) as workers:
        workers.expect(2)
        dying = [workers.submit(die_at_once) for _ in range(3)]
        for future in dying:
            with pytest.raises(WorkerLost) as lost:
                future.result(timeout=60)
            assert lost.value.work == (DIE_AT_ONCE,)


def test_no_concurrency_prepares_nothing():
    workers = Workers(0)
    workers.start(pytest.fail)
    assert not workers.started


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


# --- A worker that dies ---------------------------------------------------------------------


def test_a_worker_that_dies_is_told_with_the_work_it_was_given_and_how_it_ended():
    with Workers(1) as workers, pytest.raises(WorkerLost) as lost:
        workers.submit(die_at_once).result()
    assert isinstance(lost.value, BrokenProcessPool)  # what concurrent.futures raises
    assert lost.value.work == (DIE_AT_ONCE,)
    assert lost.value.exitcode == -signal.SIGKILL


def test_a_worker_that_dies_in_a_map_is_told_the_same_way():
    with Workers(2) as workers, pytest.raises(WorkerLost) as lost:
        list(workers.map(die_at_once, range(4), chunksize=2))
    assert lost.value.work == (DIE_AT_ONCE,)
    assert lost.value.exitcode == -signal.SIGKILL


def test_work_given_after_a_worker_died_is_refused_the_same_way():
    with Workers(1) as workers:
        with pytest.raises(WorkerLost):
            workers.submit(die_at_once).result()
        with pytest.raises(WorkerLost) as lost:
            workers.submit(own_pid_and_nice).result()
    assert lost.value.work == (DIE_AT_ONCE,)


def test_work_given_while_the_pool_is_failing_names_the_work_that_died_not_its_own(
    monkeypatch,
):
    """The pool marks itself broken before it fails the work it held: work given in
    between is refused before the build is told what died. It names the work that was in
    the workers' hands and how its process ended, as that work will (it once named
    itself, 'how it ended is not known', and the build's line the wrong step)."""
    untold = Workers._tell

    def not_told_yet(self, told, pool, running):  # the pool's thread, still failing work
        if not isinstance(running.exception(), BrokenProcessPool):
            untold(self, told, pool, running)

    monkeypatch.setattr(Workers, "_tell", not_told_yet)
    with Workers(1) as workers:
        workers.submit(die_at_once)
        deadline = time.monotonic() + 30
        while not getattr(workers._pool, "_broken", False) and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(WorkerLost) as lost:
            workers.submit(own_pid_and_nice)
    assert lost.value.work == (DIE_AT_ONCE,)
    assert lost.value.exitcode == -signal.SIGKILL


def test_a_lost_worker_is_one_line_naming_the_work_and_what_to_do():
    failure = lost_worker(
        WorkerLost(("healthnotes.pipeline._draw", "healthnotes.pipeline._draw"), -signal.SIGKILL)
    )
    assert failure.line == (
        "a process working for the build ended unexpectedly while drawing cards "
        "(it was killed with SIGKILL, most often by the system when memory runs out); "
        "run the build again; if it happens again, close other programs or set "
        "CONCURRENCY lower in the settings (fewer processes use less memory)"
    )
    assert failure.summary == "1 problem running the build"


@pytest.mark.parametrize(
    ("work", "exitcode", "told"),
    [
        (
            ("healthnotes.site.pictures.make_one", "healthnotes.pipeline._draw"),
            -11,
            ("while making the pictures' sizes or drawing cards (it crashed with SIGSEGV"),
        ),
        ((DIE_AT_ONCE,), 3, "while working for the build (it ended with exit code 3)"),
        ((), None, "while working for the build (how it ended is not known)"),
    ],
)
def test_a_lost_worker_says_what_is_known(work, exitcode, told):
    assert told in lost_worker(WorkerLost(work, exitcode)).line


@pytest.mark.parametrize("name", sorted(WORK))
def test_every_work_named_in_the_table_is_a_function_of_the_build(name):
    module, _, function = name.rpartition(".")
    found = getattr(importlib.import_module(module), function)
    assert f"{found.__module__}.{found.__qualname__}" == name


def write_after(path: str) -> None:
    time.sleep(0.5)
    Path(path).write_text("done", encoding="utf-8")


def tear_down_slowly(path: str) -> int:
    """A worker whose interpreter, when it ends by itself, leaves a mark on the way out."""
    import atexit

    atexit.register(Path(path).write_text, "torn down", encoding="utf-8")
    return os.getpid()


def test_closing_waits_for_the_work_given_then_stops_the_workers_at_once(tmp_path):
    """The work given is finished before the pool closes; the workers are then stopped,
    not left to tear their interpreters down (a language model's objects: about 0.3 s a
    build waited with nothing left to do)."""
    done, torn = tmp_path / "done", tmp_path / "torn"
    workers = Workers(2)
    pid = workers.submit(tear_down_slowly, str(torn)).result()
    workers.submit(write_after, str(done))
    workers.close()
    assert done.read_text(encoding="utf-8") == "done"
    assert not running(pid)
    assert not torn.exists()
