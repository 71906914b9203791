"""Other programs a build runs: waited for or run beside the build, their output as text,
their exit told."""

from __future__ import annotations

import signal
import sys

from healthnotes.runtime.programs import start_program, start_removing


def test_a_program_is_waited_for_and_its_output_comes_back_as_text():
    done = start_program([sys.executable, "-c", "print('indexed 3 pages')"]).wait()
    assert done.returncode == 0
    assert done.stdout == "indexed 3 pages\n"


def test_a_failing_program_is_its_exit_code_and_message_not_an_exception():
    done = start_program(
        [sys.executable, "-c", "import sys; sys.stderr.write('no pages'); sys.exit(3)"]
    ).wait()
    assert done.returncode == 3
    assert done.stderr == "no pages"


def test_a_started_program_runs_while_the_caller_goes_on(tmp_path):
    go = tmp_path / "go"
    # the program can only end after the caller, having got control back, writes "go"
    waits = (
        f"import pathlib, time\nwhile not pathlib.Path({str(go)!r}).exists():\n time.sleep(0.01)\n"
    )
    running = start_program([sys.executable, "-c", waits + "print('indexed')"])
    go.write_text("")
    done = running.wait()
    assert (done.returncode, done.stdout) == (0, "indexed\n")
    assert running.wait() is done  # waiting again is the same result


def test_a_stopped_program_is_ended_and_reaped():
    running = start_program([sys.executable, "-c", "import time; time.sleep(600)"])
    running.stop()
    assert running.wait().returncode == -signal.SIGKILL  # ended and reaped, not left behind
    running.stop()  # stopping again is nothing


def test_folders_are_removed_beside_the_caller_whole_and_a_missing_one_is_no_error(tmp_path):
    old = tmp_path / ".output.old-1"
    (old / "posts" / "a").mkdir(parents=True)
    (old / "posts" / "a" / "index.html").write_text("<p>old</p>")
    (old / "link").symlink_to(tmp_path / "kept")  # a link is removed, not followed
    (tmp_path / "kept").mkdir()
    start_removing([old, tmp_path / ".output.staging-gone"]).wait()
    assert not old.exists() and (tmp_path / "kept").is_dir()
