"""The build's process collects reference cycles rarely, and still collects them."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _python(code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return proc.stdout.strip()


def test_the_build_process_collects_cycles_after_twenty_thousand_new_objects_not_700():
    out = _python(
        "import gc, build\n"
        "build.main(['--settings', 'no-such-settings.py'])\n"
        "print(gc.get_threshold()[0])"
    )
    assert out.splitlines()[-1] == "20000"


def test_cycles_are_still_freed_without_anyone_asking():
    out = _python(
        "import gc, weakref\n"
        "from healthnotes.runtime.collector import COLLECT_EVERY, collect_less_often\n"
        "collect_less_often()\n"
        "class Node: pass\n"
        "a, b = Node(), Node()\n"
        "a.other, b.other = b, a\n"
        "gone = weakref.ref(a)\n"
        "del a, b\n"
        "keep = [[] for _ in range(3 * COLLECT_EVERY)]\n"
        "print(gone() is None)"
    )
    assert out == "True"
