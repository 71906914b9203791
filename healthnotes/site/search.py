"""The site's search index, made with Pagefind at build time and published with the site.

Pagefind reads the written pages (only the parts marked ``data-pagefind-body``: the
published posts, not listings or drafts) and writes a static index and its scripts
into ``pagefind/``. The search page loads them from the site itself: a search sends
nothing anywhere. The binary comes in the ``pagefind_bin`` wheel (nothing is
downloaded at build time).
"""

from __future__ import annotations

from pathlib import Path

from healthnotes.runtime.programs import run_program

#: Where the index and Pagefind's scripts are published.
FOLDER = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def build_index(output: Path) -> None:
    """Index the pages in ``output`` into ``output/pagefind/``."""
    from pagefind_bin import get_executable

    command = [str(get_executable()), "--site", str(output), "--output-subdir", FOLDER, "--silent"]
    done = run_program(command)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()
        raise SearchIndexError(
            f"the search index could not be built (pagefind exited with {done.returncode}): "
            f"{detail}; reinstall the requirements (make venv) and build again"
        )
