"""Every failure a person can act on is one line: a full or read-only folder (output,
reports, cache; in the build's own process or in a worker), a cache folder that is a
file, Ctrl+C or SIGTERM, and two builds sharing a cache."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import (
    CONTENT,
    FAULTS,
    ROOT,
    SHARED_CACHE,
    running,
    settings_file,
    tree_digest,
    wait_until,
)
from healthnotes.gate.live import PROGRESS_PREFIX

FEW_PLATFORMS = "PLATFORMS = ['og', 'x', 'story']"
NOTHING_PUBLISHED = "Nothing was published; {output}/ is unchanged."
#: publishconf.py with no sign-off needed (the test site's posts are not signed).
UNSIGNED = ROOT / "tests" / "settings" / "publishconf.py"


def build_command(output: Path, cache: Path, *extra: str, settings: str | None = None) -> list:
    return [
        sys.executable,
        str(ROOT / "build.py"),
        "--settings",
        settings or str(UNSIGNED),
        "--content",
        str(CONTENT),
        "--output",
        str(output),
        "--cache",
        str(cache),
        *extra,
    ]


def build(
    output: Path,
    cache: Path,
    *extra: str,
    fault: tuple[Path, str] | None = None,
    worker_dies: str | None = None,
    **kw,
):
    """A build; with ``fault``, writing in that folder fails with that error number in
    every process of the build (workers too); with ``worker_dies`` (a function's module
    and name), a worker given that function kills itself."""
    env = dict(os.environ)
    if fault:
        env.update(PYTHONPATH=str(FAULTS), FAULT_DIR=str(fault[0]), FAULT_ERRNO=fault[1])
    if worker_dies:
        env.update(PYTHONPATH=str(FAULTS), FAULT_WORKER_DIES=worker_dies)
    return subprocess.run(
        build_command(output, cache, *extra, **kw),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def problem_lines(stderr: str) -> list[str]:
    """The lines of a failed build's message (warnings, the gate's summary and the notice
    that another build holds the shared test cache left out)."""
    return [
        line
        for line in stderr.splitlines()
        if line.strip()
        and not line.startswith(("warning:", "Safety check:", "Report:", "Done:", "pages and"))
        and not line.startswith(PROGRESS_PREFIX)
        and not line.startswith("Another build is using the cache folder ")
        and ": warning: " not in line
    ]


def assert_one_line(proc, output: Path, summary: str) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = problem_lines(proc.stderr)
    assert len(lines) == 2, proc.stderr
    assert lines[1] == f"{summary}. " + NOTHING_PUBLISHED.format(output=output)
    return lines[0]


# --- Settings the build reads before the others ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BUILD_CACHE_PATH = 5", "BUILD_CACHE_PATH: expected a folder or file path such as "),
        ("REPORT_PATH = ['r.html']", "REPORT_PATH: expected a folder or file path such as "),
    ],
)
def test_a_wrong_cache_or_report_path_setting_is_one_line_naming_it(line, expected, tmp_path):
    """The build locks its cache folder before the plugin checks the settings: a wrong
    value is a settings problem, not a traceback."""
    output = tmp_path / "output"
    conf = settings_file(tmp_path, extra=line)
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--settings",
            conf,
            "--content",
            str(CONTENT),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    line = assert_one_line(proc, output, "1 problem in the settings")
    assert line.partition(".py: ")[2].startswith(expected), line  # (the file name is masked)
    assert not output.exists()


# --- Full or read-only folders -------------------------------------------------------------


def test_a_read_only_reports_folder_is_one_line_naming_the_reports_folder(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    output = tmp_path / "output"
    proc = build(
        output, SHARED_CACHE, "--report", str(reports / "r.html"), fault=(reports, "EROFS")
    )
    line = assert_one_line(proc, output, "1 problem with the reports folder")
    assert line.startswith(f"{reports}/: cannot write into the reports folder (")
    assert "read-only" in line and "choose another with --report" in line
    assert not output.exists()


def test_a_full_disk_under_the_card_workers_is_one_line_naming_the_cache_folder(tmp_path):
    """Cards are drawn and stored in the worker processes: their error comes back
    through the process pool and is told like any other."""
    conf = settings_file(tmp_path, extra=FEW_PLATFORMS)
    cache = tmp_path / "cold-cache"
    (cache / "cards" / "images").mkdir(parents=True)
    output = tmp_path / "output"
    proc = build(output, cache, settings=conf, fault=(cache / "cards" / "images", "ENOSPC"))
    line = assert_one_line(proc, output, "1 problem with the cache folder")
    assert line.startswith(f"{cache}/: cannot write into the cache folder (No space left")
    assert "the disk is full; free some disk space and build again" in line
    assert "output folder" not in proc.stderr


def test_a_read_only_cache_is_a_problem_with_the_cache_folder_not_the_output(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    output = tmp_path / "output"
    proc = build(output, cache, fault=(cache, "EROFS"))
    line = assert_one_line(proc, output, "1 problem with the cache folder")
    assert line.startswith(f"{cache}/: cannot write into the cache folder (")
    assert "choose another with --cache" in line
    assert "output folder" not in proc.stderr


def test_a_full_output_disk_is_one_line_naming_the_output_folder(tmp_path):
    folder = tmp_path / "www"
    folder.mkdir()
    output = folder / "output"
    proc = build(output, SHARED_CACHE, fault=(folder, "ENOSPC"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    lines = problem_lines(proc.stderr)
    assert len(lines) == 2, proc.stderr
    assert "No space left on device" in lines[0] and "free some disk space" in lines[0]
    assert lines[1].startswith("1 problem with the output folder.")


@pytest.mark.parametrize(
    ("number", "kind", "expected"),
    [
        (errno.ENOSPC, "output", "the disk is full; free some disk space and build again"),
        (errno.EDQUOT, "reports", "over your disk quota; free some disk space"),
        (errno.EROFS, "cache", "read-only disk; make it writable, or choose another with --cache"),
        (errno.EACCES, "reports", "may not write in it; make it writable for you"),
        (errno.ENOTDIR, "cache", "a file is where a folder should be; move that file aside"),
    ],
)
def test_each_error_of_the_machine_names_its_folder_and_what_to_do(number, kind, expected):
    from healthnotes.runtime.failures import Place, describe

    places = [
        Place("output", Path("/site/output"), "--output"),
        Place("reports", Path("/site/reports"), "--report"),
        Place("cache", Path("/site/.cache/healthnotes"), "--cache"),
    ]
    folder = {place.kind: place.path for place in places}[kind]
    failure = describe(OSError(number, os.strerror(number), str(folder / "a" / "b")), places)
    assert failure is not None
    assert failure.line.startswith(f"{folder}/: cannot write into the {kind} folder (")
    assert expected in failure.line
    assert failure.summary == f"1 problem with the {kind} folder"


def test_an_error_that_is_no_error_of_the_machine_is_not_dressed_up():
    from healthnotes.runtime.failures import describe

    assert describe(OSError(errno.EBADF, "Bad file descriptor"), []) is None


# --- A cache folder that is a file -------------------------------------------------------


@pytest.mark.parametrize("where", ["", "cards", "cards/images"], ids=["cache", "cards", "images"])
def test_a_cache_folder_replaced_by_a_file_is_moved_aside_and_rebuilt(where, tmp_path):
    cache = tmp_path / "cache"
    blocker = cache / where if where else cache
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder")
    conf = settings_file(tmp_path, extra=FEW_PLATFORMS)
    first = build(tmp_path / "output", cache, settings=conf)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    aside = blocker.with_name(blocker.name + ".not-a-folder")
    assert f"warning: {blocker}: was a file, not a folder; it is moved aside to {aside.name}" in (
        first.stderr
    )
    assert aside.read_text() == "not a folder" and blocker.is_dir()
    again = build(tmp_path / "output", cache, settings=conf)
    assert again.returncode == 0, again.stderr
    assert "not a folder" not in again.stderr  # said once; the cache works again


def test_pelicans_content_cache_replaced_by_a_file_is_moved_aside_and_rebuilt(tmp_path):
    pelican_cache = tmp_path / "pelican-cache"
    pelican_cache.write_text("not a folder")
    conf = settings_file(tmp_path, extra=f"CACHE_PATH = {str(pelican_cache)!r}")
    first = build(tmp_path / "output", SHARED_CACHE, settings=conf)
    assert first.returncode == 0, first.stderr
    assert f"warning: {pelican_cache}: was a file, not a folder" in first.stderr
    assert "Could not save cache" not in first.stderr
    assert list(pelican_cache.glob("*-Readers"))


def test_a_file_above_the_cache_outside_the_project_is_one_line_and_kept(tmp_path):
    (tmp_path / "elsewhere").write_text("somebody's file")
    cache = tmp_path / "elsewhere" / "cache"
    output = tmp_path / "output"
    proc = build(output, cache)
    line = assert_one_line(proc, output, "1 problem with the cache folder")
    assert line.startswith(f"{tmp_path / 'elsewhere'}: is a file, not a folder, so the cache")
    assert "--cache" in line
    assert (tmp_path / "elsewhere").read_text() == "somebody's file"


# --- Ctrl+C --------------------------------------------------------------------------------


def group_members(group: int) -> list[int]:
    """Processes of process group ``group`` still running (zombies have ended)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            found.append(int(stat.parent.name))
    return [pid for pid in found if running(pid)]


def stop_a_build_while_it_draws(tmp_path: Path, send) -> tuple[subprocess.Popen, str, Path]:
    """Start a build on a cold cache (its workers busy drawing cards), call ``send(pid)``
    once a card is drawn; the build, what it printed and its output folder, whose
    content is checked unchanged."""
    conf = settings_file(tmp_path, extra=FEW_PLATFORMS)
    output = tmp_path / "output"
    assert build(output, SHARED_CACHE, settings=conf).returncode == 0
    before = tree_digest(output)
    cache = tmp_path / "cold-cache"  # every card is drawn: the workers are busy
    proc = subprocess.Popen(
        build_command(output, cache, settings=conf),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_until(lambda: any((cache / "cards" / "images").glob("*.jpg")), 300)
        assert proc.poll() is None, "the build ended before it drew a card"
        assert len(group_members(proc.pid)) > 1  # the build and its workers
        send(proc.pid)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    wait_until(lambda: not group_members(proc.pid), 10)
    assert group_members(proc.pid) == []
    assert tree_digest(output) == before
    assert not list(tmp_path.glob(".output.staging-*"))
    return proc, stderr, output


def test_ctrl_c_stops_the_build_in_one_line_and_leaves_no_worker(tmp_path):
    """Ctrl+C in a terminal interrupts every process of the build (its process group)."""
    proc, stderr, output = stop_a_build_while_it_draws(
        tmp_path, lambda pid: os.killpg(pid, signal.SIGINT)
    )
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == (
        f"Stopped (Ctrl+C). Nothing was published; {output}/ is unchanged."
    )


@pytest.mark.parametrize(
    "send",
    [
        pytest.param(lambda pid: os.kill(pid, signal.SIGTERM), id="kill-the-build"),
        pytest.param(lambda pid: os.killpg(pid, signal.SIGTERM), id="a-runner-stops-the-group"),
    ],
)
def test_sigterm_stops_the_build_in_one_line_like_ctrl_c_and_leaves_no_worker(tmp_path, send):
    """``kill`` (the build's process only) or a CI runner that stops a job (every
    process of its group): the same as Ctrl+C, with the shell's code for SIGTERM."""
    proc, stderr, output = stop_a_build_while_it_draws(tmp_path, send)
    assert proc.returncode == 143, stderr  # 128 + SIGTERM
    assert "Traceback" not in stderr and "Terminated" not in stderr, stderr
    assert problem_lines(stderr) == [  # the build's warnings before it were left out
        f"Stopped (SIGTERM). Nothing was published; {output}/ is unchanged."
    ]


# --- A worker process that dies --------------------------------------------------------


def test_a_worker_killed_while_drawing_cards_is_one_line_and_nothing_is_published(tmp_path):
    """The out-of-memory killer, or a crash inside a picture library, ends a worker at
    once: the build names what the workers were doing and how the process ended."""
    conf = settings_file(tmp_path, extra=FEW_PLATFORMS)
    output = tmp_path / "output"
    assert build(output, SHARED_CACHE, settings=conf).returncode == 0
    before = tree_digest(output)
    proc = build(
        output, tmp_path / "cold-cache", settings=conf, worker_dies="healthnotes.pipeline._draw"
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "BrokenProcessPool" not in proc.stderr
    line, summary = problem_lines(proc.stderr)
    assert line.startswith("a process working for the build ended unexpectedly while "), line
    assert "drawing cards" in line and "SIGKILL" in line and "run the build again" in line
    assert summary == "1 problem running the build. " + NOTHING_PUBLISHED.format(output=output)
    assert tree_digest(output) == before
    assert not list(tmp_path.glob(".output.staging-*"))


# --- Two builds, one cache -----------------------------------------------------------------

HOLD_CACHE = (
    "import sys, time; sys.path.insert(0, sys.argv[1])\n"
    "from pathlib import Path\n"
    "from healthnotes.cache.folders import cache_lock\n"
    "with cache_lock([Path(sys.argv[2])]):\n"
    "    print('locked', flush=True)\n"
    "    time.sleep(float(sys.argv[3]))\n"
)


def test_a_build_sharing_a_cache_with_a_running_build_waits_for_it(tmp_path):
    cache = tmp_path / "cache"
    command = [sys.executable, "-c", HOLD_CACHE, str(ROOT), str(cache), "4"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        proc = build(tmp_path / "output", cache)
        elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    assert f"Another build is using the cache folder {cache}/; waiting for it to finish." in (
        proc.stderr
    )
    assert elapsed > 3


def test_a_preview_and_a_publish_at_once_on_one_cold_cache_both_succeed(tmp_path):
    conf = settings_file(tmp_path, extra=FEW_PLATFORMS)
    cache = tmp_path / "cache"
    commands = [
        build_command(tmp_path / "published", cache, settings=conf),
        build_command(
            tmp_path / "preview", cache, "--site-url", "http://127.0.0.1:8000", settings=conf
        ),
    ]
    procs = [
        subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = [(p.communicate(timeout=600), p.returncode) for p in procs]
    for (_, stderr), code in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr
    assert any("waiting for it to finish" in stderr for (_, stderr), _ in results)
