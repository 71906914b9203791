"""The build's worker processes: one standard process pool, started when first needed.

Work that costs CPU and needs nothing of the build's memory (fitting texts, drawing
cards, checking posts, finding faces, reading names with the language model) goes to
:class:`Workers`: a :class:`concurrent.futures.ProcessPoolExecutor` with the ``spawn``
start method, so each worker is a new interpreter that imports only what its work
needs (not a copy of the build's memory). It is started on the first call, so a build
with nothing to do starts no process; one ``CONCURRENCY`` setting sizes it.

Each worker runs at a lower priority (:data:`NICENESS`): the build's own process,
which Pelican's page writing runs in, goes first. On Linux each worker is killed when
the build's process dies (``PR_SET_PDEATHSIG``), so a build that is killed or stops
with an error leaves nothing working behind it. A worker ignores Ctrl+C (the
terminal sends it to every process of the build): the build's own process stops
them (:meth:`Workers.close_all`) and says so in one line.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import weakref
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, ClassVar, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
U = TypeVar("U")

#: How much lower than the build the workers run (nice value).
NICENESS = 10
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when ``parent`` dies (and stop if it is gone)."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def lower_priority() -> None:
    """Run this process at :data:`NICENESS` at least (a priority is never raised)."""
    if hasattr(os, "nice"):
        current = os.nice(0)
        if current < NICENESS:
            os.nice(NICENESS - current)


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    lower_priority()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build stops its workers itself
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # the pool stops one with SIGTERM


#: The signals that stop a build (Ctrl+C, SIGTERM), held back while workers start.
_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl+C (and SIGTERM) back while workers may be started (they start inside
    ``submit``): a new worker inherits the held signals and ignores Ctrl+C from its
    first line of its own (:func:`_start_worker`) instead of printing a traceback; this
    process gets them as soon as the workers are started."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class Workers:
    """A pool of ``concurrency`` worker processes, started on first use.

    ``concurrency=0`` runs everything in this process, one call after the other
    (a debugging session's choice; results are the same).
    """

    #: Every pool not closed yet (a build that stops in the middle closes them all).
    _open: ClassVar[weakref.WeakSet[Workers]] = weakref.WeakSet()

    def __init__(self, concurrency: int) -> None:
        self.concurrency = concurrency
        self._pool: ProcessPoolExecutor | None = None
        Workers._open.add(self)

    @classmethod
    def close_all(cls) -> None:
        """Stop every pool still open: the build stopped (an error, Ctrl-C)."""
        for workers in list(cls._open):
            workers.close(cancel=True)

    @property
    def started(self) -> bool:
        return self._pool is not None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            log.info("Workers: started %d worker processes", self.concurrency)
            self._pool = ProcessPoolExecutor(
                self.concurrency,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._pool

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``function(*args)`` in a worker (a module-level function: it is pickled)."""
        if self.concurrency == 0:
            future: Future[T] = Future()
            try:
                future.set_result(function(*args))
            except Exception as error:  # handed to the caller by result()
                future.set_exception(error)
            return future
        with _interrupts_held():
            return self._executor().submit(function, *args)

    def map(
        self, function: Callable[[U], T], items: Iterable[U], *, chunksize: int = 1
    ) -> Iterator[T]:
        """``function`` over ``items`` in the workers, results in order (no items: no
        worker is started)."""
        items = list(items)
        if self.concurrency == 0 or not items:
            return map(function, items)
        with _interrupts_held():
            return self._executor().map(function, items, chunksize=chunksize)

    def close(self, *, cancel: bool = False) -> None:
        """Wait for the workers to finish (or, with ``cancel``, stop them now)."""
        pool, self._pool = self._pool, None
        Workers._open.discard(self)
        if pool is None:
            return
        if cancel:
            for process in list(getattr(pool, "_processes", {}).values()):
                with contextlib.suppress(Exception):
                    process.kill()
        pool.shutdown(wait=True, cancel_futures=cancel)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self.close(cancel=error is not None)
