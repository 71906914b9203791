"""The site's search index, made with Pagefind at build time and published with the site.

Pagefind reads the written pages (only the parts marked ``data-pagefind-body``: the
published posts, not listings or drafts) and writes a static index and its scripts
into ``pagefind/``. The search page loads them from the site itself: a search sends
nothing anywhere. The binary comes in the ``pagefind_bin`` wheel (nothing is
downloaded at build time).

Pagefind is a program of its own: the build starts it once every page is written
(:func:`start_index`) and goes on with what reads the pages without changing them
(the published scan); :meth:`Indexing.finish` waits for it where its files are needed.
"""

from __future__ import annotations

from pathlib import Path

from healthnotes.errors import SearchIndexError
from healthnotes.runtime.programs import Running, start_program

#: Where the index and Pagefind's scripts are published.
FOLDER = "pagefind"


class Indexing:
    """Pagefind indexing ``output`` (:func:`start_index`)."""

    def __init__(self, running: Running) -> None:
        self._running = running

    def finish(self) -> None:
        """Wait until the index is written; :class:`SearchIndexError` if Pagefind failed."""
        done = self._running.wait()
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip()
            raise SearchIndexError(
                f"the search index could not be built (pagefind exited with {done.returncode}): "
                f"{detail}; reinstall the requirements (make venv) and build again"
            )

    def stop(self) -> None:
        """Stop Pagefind if it still runs (the build failed before needing the index)."""
        self._running.stop()


def start_index(output: Path) -> Indexing:
    """Start indexing the pages in ``output`` into ``output/pagefind/``; no page
    (``.html`` file) of ``output`` may change until :meth:`Indexing.finish`."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(output), "--output-subdir", FOLDER, "--silent"]
    return Indexing(start_program(command))
