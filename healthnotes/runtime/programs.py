"""Other programs a build runs (Pagefind, for the search index; ``rm``, to remove the
previous site).

With :mod:`.workers`, the only code that starts a process: a new program to run is a
call to :func:`start_program` (it runs while the build goes on; wait for it where its
result is needed), never a ``subprocess`` import elsewhere.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence


class Running:
    """A program started by :func:`start_program`: :meth:`wait` for its end, or
    :meth:`stop` it (a build that fails meanwhile leaves no program behind)."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self._process = subprocess.Popen(
            self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self._done: subprocess.CompletedProcess[str] | None = None

    def wait(self) -> subprocess.CompletedProcess[str]:
        """Its exit code, output and errors, once it has ended (at once if it has).

        A non-zero exit is the caller's to explain (``returncode``), never an exception."""
        if self._done is None:
            stdout, stderr = self._process.communicate()
            self._done = subprocess.CompletedProcess(
                self.command, self._process.returncode, stdout, stderr
            )
        return self._done

    def stop(self) -> None:
        """End it if it still runs (nothing when it has ended)."""
        if self._done is None:
            if self._process.poll() is None:
                self._process.kill()
            self.wait()  # reaps it and closes its pipes


def start_program(command: Sequence[str]) -> Running:
    """Start ``command`` and return at once; its output is collected until it is waited for."""
    return Running(command)


def start_removing(folders: Sequence[os.PathLike[str] | str]) -> Running:
    """Start removing ``folders`` and all they hold (``rm -rf``), beside the build: a
    program of its own, so that unlinking thousands of files takes nothing from the
    build's own process. A folder it cannot remove is the caller's to try again."""
    return start_program(["rm", "-rf", "--", *(os.fspath(folder) for folder in folders)])
