"""The build's worker processes: standard process pools, started when first needed.

Work that costs CPU and needs nothing of the build's memory (fitting texts, drawing
cards, checking posts, finding faces, reading names with the language model) goes to
:class:`Workers`: :class:`concurrent.futures.ProcessPoolExecutor` pools with the
``spawn`` start method, so each worker is a new interpreter that imports only what its
work needs (not a copy of the build's memory). The first worker is started on the
first call, or as soon as the build knows it has work (:meth:`Workers.start`), so a
build with nothing to do starts no process; the others when the build gives more work
than one worker should do alone (:meth:`Workers.expect`); one ``CONCURRENCY`` setting
sizes them.

Each worker runs at a lower priority (:data:`NICENESS`): the build's own process,
which Pelican's page writing runs in, goes first. On Linux each worker is killed when
the build's process dies (``PR_SET_PDEATHSIG``), so a build that is killed or stops
with an error leaves nothing working behind it. A worker ignores Ctrl+C (the
terminal sends it to every process of the build): the build's own process stops
them (:meth:`Workers.close_all`) and says so in one line.

A worker that ends in the middle of its work (the out-of-memory killer, a crash in a
picture library) breaks the whole pool: every unfinished result is then
:class:`WorkerLost` (a :class:`~concurrent.futures.process.BrokenProcessPool`), which
names the work that was unfinished and how the process ended, for the build's one
line (:func:`healthnotes.runtime.failures.lost_worker`).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, InvalidStateError, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from concurrent.futures.process import BrokenProcessPool
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


class WorkerLost(BrokenProcessPool):
    """A worker process ended in the middle of the build's work."""

    def __init__(self, work: tuple[str, ...], exitcode: int | None) -> None:
        super().__init__(f"a worker ended (exit code {exitcode}) while running {work}")
        #: The functions whose work was in the workers' hands (``module.name``, once each).
        self.work = work
        #: The ended process's exit code (``-N``: killed by signal N), if known.
        self.exitcode = exitcode


def work_name(function: Callable[..., Any]) -> str:
    """``module.name`` of the function a task runs (a partial's own function)."""
    while isinstance(function, functools.partial):
        function = function.func
    return f"{function.__module__}.{function.__qualname__}"


def _run_chunk(function: Callable[[U], T], items: list[U]) -> list[T]:
    return [function(item) for item in items]


def _ended(processes: Iterable[multiprocessing.process.BaseProcess]) -> int | None:
    """The exit code of a process that ended by itself (the pool then stops the others
    with SIGTERM; that is told only when nothing else is known)."""
    codes = []
    for process in processes:
        with contextlib.suppress(ValueError, OSError):  # closed meanwhile
            if multiprocessing.connection.wait([process.sentinel], timeout=0):
                process.join(timeout=1)  # ending: its exit code is there at once
            codes.append(process.exitcode)
    known = [code for code in codes if code is not None]
    by_itself = [code for code in known if code != -signal.SIGTERM]
    return (by_itself or known or [None])[0]


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


def _new_pool(size: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        size,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


class Workers:
    """Up to ``concurrency`` worker processes, started on first use.

    One worker runs the work until the build says it has more that can run side by
    side (:meth:`expect`; :meth:`map` says so itself), and the others start then: each
    worker starts a Python, imports the build's work and loads what it needs (the
    language model alone costs a second or more), so the work of one edited post (its
    texts, cards, carousel and check: one piece of each) costs one worker's start
    instead of every core's, and leaves the other cores to the build. (Two standard
    pools: the first of one worker, the second of the others; a standard pool starts
    a new worker whenever it is given work while its workers are busy.)

    ``concurrency=0`` runs everything in this process, one call after the other
    (a debugging session's choice; results are the same).
    """

    #: Every pool not closed yet (a build that stops in the middle closes them all).
    _open: ClassVar[weakref.WeakSet[Workers]] = weakref.WeakSet()

    def __init__(self, concurrency: int) -> None:
        self.concurrency = concurrency
        self._pool: ProcessPoolExecutor | None = None  # the first worker's
        self._more: ProcessPoolExecutor | None = None  # the others', once expected
        #: The work given and not finished (oldest first): its future -> its function's name.
        self._unfinished: dict[Future[Any], str] = {}
        #: How many pieces of that work each pool holds (by the pool's id).
        self._held: dict[int, int] = {}
        self._counting = threading.Lock()  # (the pools' threads tell what is done)
        self._lost: WorkerLost | None = None
        #: How many workers the work given so far can use (:meth:`expect`).
        self.wanted = min(1, concurrency)
        Workers._open.add(self)

    def expect(self, pieces: int) -> None:
        """The build is about to give ``pieces`` of work that can run side by side: as
        many workers as that (``concurrency`` at most) run the work from now on."""
        self.wanted = max(self.wanted, min(pieces, self.concurrency))

    @classmethod
    def close_all(cls) -> None:
        """Stop every pool still open: the build stopped (an error, Ctrl-C)."""
        for workers in list(cls._open):
            workers.close(cancel=True)

    @property
    def started(self) -> bool:
        return self._pool is not None

    def _pools(self) -> list[ProcessPoolExecutor]:
        return [pool for pool in (self._pool, self._more) if pool is not None]

    def _executor(self) -> ProcessPoolExecutor:
        """The pool to give the next piece of work to: the first worker's, until more
        are wanted; then the one that holds the least work for its workers."""
        if self._pool is None:
            log.info("Workers: started the first of %d worker processes", self.concurrency)
            self._pool = _new_pool(1 if self.concurrency > 1 else self.concurrency)
        if self.wanted > 1 and self._more is None:
            log.info("Workers: started %d more worker processes", self.concurrency - 1)
            self._more = _new_pool(self.concurrency - 1)
        if self._more is None:
            return self._pool
        first = self._held.get(id(self._pool), 0)
        more = self._held.get(id(self._more), 0) / (self.concurrency - 1)
        return self._pool if first <= more else self._more

    def start(self, prepare: Callable[[], object]) -> None:
        """Start a worker now, given ``prepare`` (a module-level function: unpickling it
        imports its module, the build's work, and it loads what the first work needs): a
        worker takes seconds to start and import it, spent beside the build's own
        process rather than waiting in it when the first work is given. The pool starts
        the others when more work is given at once than the started ones take. Once per
        pool."""
        if self.concurrency == 0 or self._pool is not None:
            return
        self._submit(work_name(prepare), prepare)

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``function(*args)`` in a worker (a module-level function: it is pickled)."""
        if self.concurrency == 0:
            future: Future[T] = Future()
            try:
                future.set_result(function(*args))
            except Exception as error:  # handed to the caller by result()
                future.set_exception(error)
            return future
        return self._submit(work_name(function), function, *args)

    def map(
        self, function: Callable[[U], T], items: Iterable[U], *, chunksize: int = 1
    ) -> Iterator[T]:
        """``function`` over ``items`` in the workers, results in order (no items: no
        worker is started)."""
        items = list(items)
        if self.concurrency == 0 or not items:
            return map(function, items)
        name = work_name(function)
        starts = range(0, len(items), chunksize)
        self.expect(len(starts))
        futures = [
            self._submit(name, _run_chunk, function, items[start : start + chunksize])
            for start in starts
        ]
        return (result for future in futures for result in future.result())

    def _submit(self, name: str, function: Callable[..., T], *args: Any) -> Future[T]:
        """``function(*args)`` in a worker, as the work called ``name``: its result, or
        :class:`WorkerLost` if a worker ended before it was done."""
        if self._lost is not None:  # a worker ended: the build stops, nothing more is given
            raise self._lost
        with _interrupts_held():
            pool = self._executor()
            try:
                running = pool.submit(function, *args)
            except BrokenProcessPool as error:  # a worker ended before this was given
                raise self._lost or self._lost_before(pool, name) from error
        told: Future[T] = Future()
        self._unfinished[running] = name
        with self._counting:
            self._held[id(pool)] = self._held.get(id(pool), 0) + 1
        running.add_done_callback(functools.partial(self._tell, told, pool))
        return told

    def _lost_before(self, pool: ProcessPoolExecutor, name: str) -> WorkerLost:
        """The pool broke before work ``name`` was given, and the work it held is not told
        yet (the pool marks itself broken before it fails that work): what was in the
        workers' hands then and how the process ended, not the work refused."""
        given = [n for f, n in list(self._unfinished.items()) if f.running()]
        work = tuple(dict.fromkeys(given or self._unfinished.values())) or (name,)
        lost = WorkerLost(work, _ended(list(getattr(pool, "_processes", {}).values())))
        if pool in self._pools():
            self._lost = lost  # every unfinished result is this one
        return lost

    def _tell(self, told: Future[T], pool: ProcessPoolExecutor, running: Future[T]) -> None:
        """Hand ``running``'s outcome to ``told`` (a broken pool as :class:`WorkerLost`).
        Runs in the pool's thread when the pool breaks, before it stops the others."""
        name = self._unfinished.pop(running, None)
        with self._counting:
            self._held[id(pool)] = self._held.get(id(pool), 1) - 1
        with contextlib.suppress(InvalidStateError):  # ``told`` was cancelled meanwhile
            if running.cancelled():
                told.cancel()
            elif (error := running.exception()) is None:
                told.set_result(running.result())
            elif isinstance(error, BrokenProcessPool):
                lost = self._lost if pool in self._pools() else None  # not a closed pool's
                if lost is None:
                    # the pool fails the oldest first: it was running; of the others,
                    # those handed to the workers (running, or next in line)
                    given = [n for f, n in list(self._unfinished.items()) if f.running()]
                    work = tuple(dict.fromkeys(n for n in [name, *given] if n))
                    processes = list(getattr(pool, "_processes", {}).values())
                    lost = WorkerLost(work, _ended(processes))
                    lost.__cause__ = error
                    if pool in self._pools():
                        self._lost = lost  # every unfinished result is this one
                told.set_exception(lost)
            else:
                told.set_exception(error)

    def close(self, *, cancel: bool = False) -> None:
        """Wait for the work given to finish (with ``cancel``, not), then stop the workers
        at once: a worker left to end by itself tears its interpreter down first (a
        language model's objects: about 0.3 s the build waited, with nothing left to do)."""
        pools = self._pools()
        self._pool = self._more = self._lost = None
        with self._counting:
            self._held.clear()  # (by the pools' ids, which new pools may take again)
        Workers._open.discard(self)
        if not pools:
            return
        if not cancel:
            wait_for(list(self._unfinished))
        for pool in pools:
            for process in list(getattr(pool, "_processes", {}).values()):
                with contextlib.suppress(Exception):
                    process.kill()
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self.close(cancel=error is not None)
