"""Other programs a build runs to their end (Pagefind, for the search index).

With :mod:`.workers`, the only code that starts a process: a new program to run is a
call to :func:`run_program`, never a ``subprocess`` import elsewhere.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence


def run_program(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` and wait for it; its output and errors come back as text.

    A non-zero exit is the caller's to explain (``returncode``), never an exception."""
    return subprocess.run(list(command), capture_output=True, text=True, check=False)
