"""bench/peaks.py names each process of a build and keeps its memory peak."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from peaks import PeakSampler, role

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

#: A parent that forks a child holding 60 MB and busy for half a second, then idle.
TREE = """
import os, time
pid = os.fork()
if pid == 0:
    block = bytearray(60 * 2**20)
    block[::4096] = b"x" * len(block[::4096])
    busy = time.process_time() + 0.5
    while time.process_time() < busy:
        pass
    time.sleep(1)
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_sampler_names_a_forked_child_and_keeps_its_peak_and_cpu_after_it_ends():
    with subprocess.Popen([sys.executable, "-c", TREE]) as proc:
        sampler = PeakSampler(proc.pid, interval=0.05).start()
        proc.wait(timeout=30)
    time.sleep(0.1)
    peaks = sampler.stop()
    assert peaks["build > forked child"] >= 60
    assert peaks["build"] < 60  # the parent never held the block
    cpu = sampler.cpu_by_role()
    assert cpu["build > forked child"] >= 0.4 and cpu["build"] < 0.4
    kinds = sampler.kinds_by_role()  # the child's block is anonymous memory
    assert kinds["build > forked child"]["anon"] >= 60 > kinds["build"]["anon"]
    assert kinds["build > forked child"]["file"] > 0  # the interpreter's own libraries


def test_roles_of_the_builds_worker_processes():
    worker = [
        "/venv/bin/python",
        "-c",
        "from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=7)",
        "--multiprocessing-fork",
    ]
    tracker = [
        "/venv/bin/python",
        "-c",
        "from multiprocessing.resource_tracker import main;main(4)",
    ]
    assert role(worker, "build", ["/venv/bin/python", "build.py"]) == "worker"
    assert role(tracker, "build", ["/venv/bin/python", "build.py"]) == "resource tracker"
    assert role(["/venv/bin/python", "build.py"], None, None) == "/venv/bin/python build.py"


def test_role_of_a_process_that_ran_another_program_is_that_program():
    assert role(["gs", "-q"], "build", ["/venv/bin/python", "build.py"]) == "gs"
    # each run of a program is one role, whatever its arguments (the old site's folder)
    removing = ["rm", "-rf", "--", "/tmp/b/.output.old-x1"]
    assert role(removing, "build", ["/venv/bin/python", "build.py"]) == "rm"
    pagefind = ["/venv/lib/site-packages/pagefind_bin/pagefind", "--site", "/tmp/b/out"]
    assert role(pagefind, "build", ["/venv/bin/python", "build.py"]) == "pagefind"
