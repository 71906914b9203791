"""Run a function in a fresh Python process, not one forked from the build.

A process forked from the build starts with every page of the build's memory
(about 100 MB for 1000 posts) and is measured with it. Work that loads big
libraries of its own — the card renderer (OpenCV, numpy, libjpeg-turbo), the
face detector — runs instead in a new interpreter that imports only the
function's module, and may fork its own workers from there, small.

:func:`call` pickles the function (a module-level one) and its arguments to the
new process's stdin and waits for the pickled result; an exception raised there
is raised here (a :class:`~syndicate.errors.ContentProblems` keeps its problems).
The process is this one's child and is waited for, so its CPU time and peak
memory, and those of its own workers, are in ``getrusage(RUSAGE_CHILDREN)``.
On Linux it is killed if this process dies (``PR_SET_PDEATHSIG``), so a killed
build leaves nothing drawing behind it.

    python -m syndicate.fresh   # reads the call on stdin, writes the result on stdout
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from syndicate.errors import SyndicateError

T = TypeVar("T")

#: The folder that holds the ``syndicate`` package, for the new interpreter's path.
_ROOT = str(Path(__file__).resolve().parent.parent)
_PR_SET_PDEATHSIG = 1


class FreshProcessError(RuntimeError):
    """The fresh process ended without sending a result back (killed, or crashed)."""


def call(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)``, run in a new Python process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (_ROOT, env.get("PYTHONPATH"))))
    with subprocess.Popen(
        [sys.executable, "-m", "syndicate.fresh", str(os.getpid())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        # Pickled straight into the pipe, not into bytes first: the arguments may be
        # megabytes (every post of the site), and this process's peak memory counts.
        # The path first: the function's module is imported when the call is unpickled.
        # A process that stopped early breaks the pipe: reported below, as no result.
        with contextlib.suppress(BrokenPipeError), process.stdin:
            pickle.dump(sys.path, process.stdin)
            pickle.dump((function, args, kwargs), process.stdin, pickle.HIGHEST_PROTOCOL)
        output = process.stdout.read()
    try:
        ok, value = pickle.loads(output)
    except Exception:
        raise FreshProcessError(
            f"{getattr(function, '__qualname__', function)} ended without a result "
            f"(exit status {process.returncode})"
        ) from None
    if not ok:
        raise value
    return value


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when the build dies (and check it is not gone)."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def main() -> None:
    _die_with_parent(int(sys.argv[1]))
    # The result goes to the real stdout; anything the work prints goes to stderr.
    result_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    path = pickle.load(sys.stdin.buffer)
    sys.path[:] = [p for p in path if p not in sys.path] + sys.path
    try:
        function, args, kwargs = pickle.load(sys.stdin.buffer)
        outcome: tuple[bool, Any] = (True, function(*args, **kwargs))
    except Exception as error:
        if not isinstance(error, SyndicateError):  # a bug: keep where it happened
            traceback.print_exc()
        outcome = (False, error)
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:
        data = pickle.dumps((False, FreshProcessError(f"the result cannot be sent: {error}")))
    with result_out:
        result_out.write(data)
    os._exit(0)  # no interpreter teardown: the work may hold big caches


if __name__ == "__main__":
    main()
