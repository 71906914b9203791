"""Run a function in a fresh Python process, not one forked from the build.

A process forked from the build starts with every page of the build's memory
(about 100 MB for 1000 posts) and is measured with it. Work that loads big
libraries of its own — the card renderer (OpenCV, numpy, libjpeg-turbo), the
face detector — runs instead in a new interpreter that imports only the
function's module, and may fork its own workers from there, small.

:func:`call` pickles the function (a module-level one) and its arguments to the
new process's stdin and waits for the pickled result; an exception raised there
is raised here (a :class:`~healthnotes.errors.ContentProblems` keeps its problems).
The process is this one's child and is waited for, so its CPU time and peak
memory, and those of its own workers, are in ``getrusage(RUSAGE_CHILDREN)``.
On Linux it is killed if this process dies (``PR_SET_PDEATHSIG``), so a killed
build leaves nothing drawing behind it.

A process can also be started before its call is known (:func:`start`), importing
the modules it will need while the build is still reading posts and a core is idle;
:func:`call_in` then sends it its one call, from this process or from one forked
from it, and :meth:`Started.close` (or :func:`close_all`) lets an unused one go and
waits for it, so its CPU time counts among this process's children either way.

    python -m healthnotes.runtime.fresh PARENT_PID [MODULE ...]
    # imports the modules, reads the call on stdin, writes the result on stdout
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import importlib
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from healthnotes.errors import SyndicateError

T = TypeVar("T")

#: The folder that holds the ``syndicate`` package, for the new interpreter's path.
_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding healthnotes/
_PR_SET_PDEATHSIG = 1
#: The priority (``nice``) of every process that works beside the build: fresh ones,
#: forked ones (:mod:`healthnotes.runtime.background`) and their workers. The build's own process
#: waits for each step in turn (reading, fitting, writing pages) and keeps its priority;
#: the work beside it only has to be done by the end, so it takes the time the build
#: leaves idle instead of pushing the build off its core.
BACKGROUND_NICENESS = 10


class FreshProcessError(RuntimeError):
    """The fresh process ended without sending a result back (killed, or crashed)."""


class Started:
    """A fresh interpreter started ahead of its one call (see :func:`start`)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.owner = os.getpid()  # only the process that started it can wait for it
        self.used = False
        self.closed = False

    @property
    def usable(self) -> bool:
        """Not called yet (as far as this process knows) and not closed."""
        return not self.used and not self.closed

    def close(self) -> None:
        """Stop it and collect it, once its caller (this process or one forked from
        it) has its result or has stopped: an unused one is only waiting for its call.
        Only in the process that started it; idempotent."""
        if os.getpid() != self.owner:
            return
        self.closed = True
        _started.discard(self)
        assert self.process.stdin is not None and self.process.stdout is not None
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        self.process.stdout.close()
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        self.process.wait()


#: Started and not yet closed, so a build that stops can let them go (:func:`close_all`).
_started: set[Started] = set()


def start(*modules: str) -> Started:
    """A new Python process that imports ``modules`` now and then waits for its call."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (_ROOT, env.get("PYTHONPATH"))))
    process = subprocess.Popen(
        [sys.executable, "-m", "healthnotes.runtime.fresh", str(os.getpid()), *modules],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    if not _started:
        atexit.register(close_all)
    started = Started(process)
    _started.add(started)
    return started


def close_all() -> None:
    """:meth:`Started.close` every process this one started and has not closed."""
    for started in list(_started):
        started.close()


def call(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)``, run in a new Python process."""
    started = start()
    try:
        return call_in(started, function, *args, **kwargs)
    finally:
        started.close()


def call_early(started: Started | None, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """:func:`call_in` ``started`` when it can still take the call (not None, not used,
    not closed); else :func:`call` in a new process."""
    if started is not None and started.usable:
        return call_in(started, function, *args, **kwargs)
    return call(function, *args, **kwargs)


def call_in(started: Started, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)``, run in the process :func:`start` began (once)."""
    send(started, function, *args, **kwargs)
    return receive(started, function)


def send(started: Started, function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Give the process :func:`start` began its one call, without waiting for the answer
    (:func:`receive` takes it): the caller goes on with other work meanwhile."""
    if not started.usable:
        raise RuntimeError("a fresh process runs one call")
    started.used = True
    process = started.process
    assert process.stdin is not None
    # Pickled straight into the pipe, not into bytes first: the arguments may be
    # megabytes (every post of the site), and this process's peak memory counts.
    # The path first: the function's module is imported when the call is unpickled.
    # A process that stopped early breaks the pipe: reported by receive, as no result.
    with contextlib.suppress(BrokenPipeError), process.stdin:
        pickle.dump(sys.path, process.stdin)
        pickle.dump((function, args, kwargs), process.stdin, pickle.HIGHEST_PROTOCOL)


def receive(started: Started, function: Callable[..., T] | None = None) -> T:
    """The answer to the call :func:`send` gave (``function`` names it in an error)."""
    process = started.process
    assert process.stdout is not None
    output = process.stdout.read()
    own = os.getpid() == started.owner
    if own:  # it exits once it has answered (a forked caller leaves that to the starter)
        process.wait()
    try:
        ok, value = pickle.loads(output)
    except Exception:
        status = f"exit status {process.returncode}" if own else "killed or crashed"
        name = getattr(function, "__qualname__", "the call") if function else "the call"
        raise FreshProcessError(f"{name} ended without a result ({status})") from None
    if not ok:
        raise value
    return value


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent ``parent`` dies (and check it is
    not gone already). Not inherited by processes forked from this one: see :func:`pool`."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def pool(workers: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """Worker processes forked from this one (spawned where fork is not available), each
    killed by Linux when this one dies: a build stopped in the middle of its work (an
    error elsewhere, Ctrl-C, a kill) leaves none of them waiting behind it.
    ``initializer`` runs in each worker as it starts."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), initializer)
    )


def lower_priority() -> None:
    """Run this process (and what it starts) at :data:`BACKGROUND_NICENESS` at least;
    one already there, or lower, is left as it is (a priority is never raised)."""
    if hasattr(os, "nice"):
        current = os.nice(0)
        if current < BACKGROUND_NICENESS:
            os.nice(BACKGROUND_NICENESS - current)


def _start_worker(parent: int, initializer: Callable[[], None] | None) -> None:
    die_with_parent(parent)
    if initializer is not None:
        initializer()


def main() -> None:
    die_with_parent(int(sys.argv[1]))
    lower_priority()  # before the imports: started early, they run beside the reading
    # The result goes to the real stdout; anything the work prints goes to stderr.
    result_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    for module in sys.argv[2:]:  # imported while the build goes on; errors show at the call
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    try:
        path = pickle.load(sys.stdin.buffer)
    except EOFError:  # let go without a call
        os._exit(0)
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
