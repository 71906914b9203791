"""Work that runs beside the build, in a forked process, and is waited for before the site
is published.

Pelican writes pages on one core. Work that only needs what is known once every post
is read — the safety gate, the syndication files — can run at the same time on
another core: :func:`start` forks, runs the function in the child and returns at
once; :meth:`Pending.result` waits for the child and returns what the function
returned, or raises what it raised (a :class:`~healthnotes.errors.ContentProblems` keeps
its problems). The build writes into a staging folder that is published only after
every result is in, so a failure found in the background still publishes nothing.

Where ``fork`` is not available or not safe (Windows, macOS), the function simply
runs at once, in the build's own process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from healthnotes.errors import SyndicateError
from healthnotes.runtime import fresh

T = TypeVar("T")


def can_fork() -> bool:
    return sys.platform == "linux" and hasattr(os, "fork")


class BackgroundError(RuntimeError):
    """The background work failed in a way that cannot be sent back as it was."""


class Pending(Generic[T]):
    """The result of :func:`start`: call :meth:`result` (once) to wait for it."""

    def __init__(
        self,
        *,
        pid: int | None = None,
        fd: int | None = None,
        value: T | None = None,
        error: BaseException | None = None,
    ) -> None:
        self._pid, self._fd, self._value, self._error = pid, fd, value, error

    def result(self) -> T:
        if self._pid is not None and self._fd is not None:
            self._value, self._error = self._collect(self._pid, self._fd)
            self._pid = self._fd = None
            _running.discard(self)
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    @staticmethod
    def _collect(pid: int, fd: int) -> tuple[T | None, BaseException | None]:
        with os.fdopen(fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        try:
            kind, payload = pickle.loads(data)
        except Exception:  # the child died before it could answer
            code = os.waitstatus_to_exitcode(status)
            return None, BackgroundError(f"the background work stopped unexpectedly ({code})")
        if kind == "value":
            return payload, None
        return None, payload

    def cancel(self) -> None:
        """Stop waiting: the child is killed (used when the build stops for another reason)."""
        if self._pid is not None and self._fd is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, 9)
            os.close(self._fd)
            os.waitpid(self._pid, 0)
            self._pid = self._fd = None
            _running.discard(self)


#: Children started and not yet waited for (so a build that stops can stop them too).
_running: set[Pending[object]] = set()


def cancel_all() -> None:
    """Stop every background job still running (the build is stopping)."""
    for pending in list(_running):
        pending.cancel()


def done(value: T) -> Pending[T]:
    """A result that is already there (for code that waits on a :class:`Pending`)."""
    return Pending(value=value)


def start(
    function: Callable[[], T], *, quiet: Sequence[str] = (), cancellable: bool = True
) -> Pending[T]:
    """Run ``function()`` in a forked child; returns at once (or after running it here).

    ``quiet`` names loggers the child silences: messages the build's own process logs
    anyway (e.g. Pelican's, about a link, when both render a post) are printed once.
    A job that is not ``cancellable`` is left alone by :func:`cancel_all`.
    """
    if not can_fork():
        try:
            return Pending(value=function())
        except Exception as error:  # handed to the caller by result()
            return Pending(error=error)
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the build
        fresh.die_with_parent(parent)  # a build killed outright leaves no child working
        fresh.lower_priority()  # the build's own process goes first
        os.close(read_end)
        for name in quiet:
            logging.getLogger(name).disabled = True
        code = 0
        try:
            answer: tuple[str, object] = ("value", function())
        except SyndicateError as error:  # a person's mistake: its message is the point
            answer = ("error", error)
        except BaseException as error:  # a bug: keep where it happened
            answer = ("error", BackgroundError("".join(traceback.format_exception(error))))
        try:
            data = pickle.dumps(answer)
        except Exception as error:  # e.g. a value that cannot be pickled
            text = "".join(traceback.format_exception(error))
            data = pickle.dumps(("error", BackgroundError(text)))
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            code = 1
        os._exit(code)  # no atexit handlers: they belong to the build's process
    os.close(write_end)
    pending: Pending[T] = Pending(pid=pid, fd=read_end)
    if cancellable:
        _running.add(pending)  # type: ignore[arg-type]
    return pending
