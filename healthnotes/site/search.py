"""The site's search index, made with Pagefind at build time and published with the site.

Pagefind reads the published posts' pages (only the parts marked ``data-pagefind-body``,
which only they carry: not listings or drafts) and writes a static index and its
scripts into ``pagefind/``. It is told which files those are (:func:`pages_glob`): left
to itself it would parse every page of the site to find the marked ones, a third more
of its time on a site of 1,000 posts for the same index. The search page loads them
from the site itself: a search sends nothing anywhere. The binary comes in the
``pagefind_bin`` wheel (nothing is downloaded at build time).

Pagefind is a program of its own: the build starts it once every page is written
(:func:`start_index`) and goes on with what reads the pages without changing them
(the published scan); :meth:`Indexing.finish` waits for it where its files are needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from healthnotes.errors import SearchIndexError
from healthnotes.runtime.programs import Running, start_program

#: Where the index and Pagefind's scripts are published.
FOLDER = "pagefind"
#: Pagefind's own choice of files: every page of the site.
EVERY_PAGE = "**/*.{html}"
#: Characters that mean something in a Pagefind glob (a page named with one is not
#: spelled into a glob: the index then reads every page, as Pagefind does by itself).
_GLOB_MARKS = frozenset("*?[]{}()<>!,:$\\")


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


def pages_glob(pages: Iterable[str]) -> str:
    """The Pagefind glob of the files it should read to index ``pages`` (the published
    posts' output paths, relative and ``/`` separated): each top folder that holds one
    (``posts/**/*.html``), and a page at the top by its own name. Every page of the
    site (:data:`EVERY_PAGE`) when there is none, or when a name has a glob's marks
    (or is no name: a path that starts with ``/``, ``.`` or ``..``)."""
    found: set[str] = set()
    for page in pages:
        top, folder, _ = page.partition("/")
        if not folder and not page.endswith(".html"):
            continue  # Pagefind reads .html files only
        name = top if folder else page
        if name in ("", ".", "..") or _GLOB_MARKS.intersection(name):
            return EVERY_PAGE
        found.add(f"{name}/**/*.html" if folder else name)
    if not found:
        return EVERY_PAGE
    return found.pop() if len(found) == 1 else "{" + ",".join(sorted(found)) + "}"


def command(site: Path, glob: str, *, into: Path | None = None) -> list[str]:
    """Pagefind's command line: index the files of ``site`` that ``glob`` matches into
    ``site/pagefind/`` (or the folder ``into``)."""
    from pagefind_bin import get_executable

    where = ["--output-path", str(into)] if into else ["--output-subdir", FOLDER]
    # ``--glob=...``: a glob that starts with "-" is not read as an option
    return [str(get_executable()), "--site", str(site), f"--glob={glob}", *where, "--silent"]


def start_index(output: Path, pages: Iterable[str] = ()) -> Indexing:
    """Start indexing ``pages`` (the published posts' pages, see :func:`pages_glob`) of
    ``output`` into ``output/pagefind/``; no page (``.html`` file) of ``output`` may
    change until :meth:`Indexing.finish`."""
    return Indexing(start_program(command(output, pages_glob(pages))))
