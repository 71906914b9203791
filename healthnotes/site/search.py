"""The site's search index, made with Pagefind at build time and published with the site.

Pagefind reads the published posts' pages (only the parts marked ``data-pagefind-body``,
which only they carry: not listings or drafts) and writes a static index and its
scripts. The search page loads them from the site itself: a search sends nothing
anywhere. The binary comes in the ``pagefind_bin`` wheel (nothing is downloaded at
build time).

**Shelves.** Pagefind has no way to update an index: it reads every page it is given
and writes the whole index again, about 1.7 ms a page (1.85 s for the 1,000 posts of
the benchmark), on every build, while an edit changes one post's page. So the posts'
pages are split into *shelves* of at most about ``SEARCH_SHELF_SIZE`` pages (200 by
default; a power of two of them, so their number changes only when the site doubles;
a page's shelf is fixed by its address, :func:`shelves`), each indexed on its own
into its own Pagefind bundle: the first into ``pagefind/`` (with Pagefind's scripts),
the others into ``pagefind/shelves/2/``, ``3/``, .... The search page asks the first
bundle and merges the others into every search (Pagefind's documented ``mergeIndex``,
its way of searching several sites at once: one result list, ranked together; the
page lists the bundles, ``SEARCH_BUNDLES``). A site of up to 200 posts has one shelf,
exactly Pagefind's usual index.

A shelf whose pages are what they were at the last build (by the digest of what
Pagefind reads of each: a page whose related articles alone changed is the same page to
it) is the last published build's files again (hard links, each checked by its size, time
and inode first), not indexed again: after one edit, one shelf is (0.2 to 0.4 s
instead of the whole site's index). What a build indexed is remembered in the build's
cache (:data:`RECORD`) once it got through (:meth:`Indexing.save`).

Pagefind is a program of its own: the build starts it (once per shelf to index) when
every page is written (:func:`start_index`) and goes on with what reads the pages
without changing them (the published scan); :meth:`Indexing.finish` waits for it
where its files are needed. Each shelf's pages are given to it as a folder of hard
links beside the build's folder (so it reads those pages and nothing else, whatever
their names), removed when it is done.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from healthnotes.cache.files import Folders, atomic_write, digest
from healthnotes.errors import SearchIndexError
from healthnotes.runtime.programs import Running, start_program

#: Where the index and Pagefind's scripts are published (the first shelf's bundle).
FOLDER = "pagefind"
#: The other shelves' bundles, inside it: ``pagefind/shelves/2/``, ...
SHELVES = "shelves"
#: Posts' pages per shelf (``SEARCH_SHELF_SIZE``'s default).
SHELF_SIZE = 200
#: Pagefind's own choice of files: every page of the site (a site with no post).
EVERY_PAGE = "**/*.{html}"
#: In the build's cache: each shelf's key and files, each page's digest by its stamp.
RECORD = "search-shelves.json"
#: Bump when what a shelf's key covers changes.
FORMAT = 2
#: An element marked for Pagefind not to index, to the first end tag of its name (never
#: past its own end: what is cut is always inside it). A page that differs only there
#: (the related articles of a post whose neighbour's title was edited) gives its shelf
#: the same key.
_IGNORED = re.compile(
    rb"(<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-pagefind-ignore\b[^>]*>)(.*?</\2\s*>)", re.DOTALL
)


def _unread(match: re.Match[bytes]) -> bytes:
    """Nothing for an ignored element, unless it holds Pagefind's own attributes (a
    filter or metadata inside an ignored element is still read): then all of it."""
    return match.group(0) if b"data-pagefind-" in match.group(3) else b""


def indexed_digest(page: bytes) -> str:
    """The digest of what Pagefind may read of ``page``: its bytes without the elements
    it never reads."""
    return digest(_IGNORED.sub(_unread, page))


@dataclass(frozen=True)
class Shelf:
    """Posts' pages indexed together into one Pagefind bundle at ``folder`` (relative
    to the site, ``/`` separated)."""

    folder: str
    pages: tuple[str, ...]


def shelves(pages: Iterable[str], size: int = SHELF_SIZE) -> list[Shelf]:
    """The posts' pages (output paths, relative, ``/`` separated) on shelves of at most
    about ``size`` pages, a page on the shelf its address picks (:func:`_spot`), so an
    edit or a new post leaves the other shelves as they were. The number of shelves is
    the power of two that holds the pages: it changes only when the site doubles (each
    shelf is then split in two and every shelf indexed again once), not with every
    ``size`` posts added; a shelf holds from about half ``size`` pages to ``size``. An
    empty shelf is left out; a site with no post has one shelf with no page (Pagefind
    then reads every page, as it does by itself)."""
    unique = sorted(set(pages))
    if any(not _plain(page) for page in unique):
        return [Shelf(FOLDER, ())]  # a path that is no plain relative one: every page
    needed = max(1, math.ceil(len(unique) / size))
    count = 1 << (needed - 1).bit_length()  # a power of two: see the docstring
    groups: list[list[str]] = [[] for _ in range(count)]
    for page in unique:
        groups[_spot(page) % count].append(page)
    filled = [group for group in groups if group] or [[]]
    return [
        Shelf(FOLDER if number == 1 else f"{FOLDER}/{SHELVES}/{number}", tuple(group))
        for number, group in enumerate(filled, start=1)
    ]


def _spot(page: str) -> int:
    """A number fixed by ``page``'s address, spread evenly (a CRC-32 is not: addresses
    that differ in a digit share their low bits)."""
    return int.from_bytes(hashlib.blake2b(page.encode("utf-8"), digest_size=8).digest(), "big")


def _plain(page: str) -> bool:
    """A relative path inside the site: no empty, ``.`` or ``..`` part, not absolute."""
    return not page.startswith("/") and all(part not in ("", ".", "..") for part in page.split("/"))


def bundles(shelves_: Sequence[Shelf], site_url: str = "") -> list[str]:
    """Each shelf's bundle as the search page loads it (``{site_url}/pagefind/``, ...),
    the first one first."""
    return [f"{site_url}/{shelf.folder}/" for shelf in shelves_]


def command(site: Path, glob: str, *, into: Path) -> list[str]:
    """Pagefind's command line: index the files of ``site`` that ``glob`` matches into
    the folder ``into``."""
    from pagefind_bin import get_executable

    # ``--glob=...``: a glob that starts with "-" is not read as an option
    return [
        str(get_executable()),
        "--site",
        str(site),
        f"--glob={glob}",
        "--output-path",
        str(into),
        "--silent",
    ]


@functools.cache
def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unknown"


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


class ShelfRecord:
    """What the last build that got through indexed: each shelf's key and the stamps
    (device, inode, size, time) of its files as published, and each page's digest by
    its stamp (a page kept from the last build, a hard link, is not read again)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.shelves: dict[str, dict[str, Any]] = {}
        self.pages: dict[str, list[Any]] = {}
        self._shelves: dict[str, dict[str, Any]] = {}
        self._pages: dict[str, list[Any]] = {}
        if path is None:
            return
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == FORMAT:
                self.shelves = dict(data.get("shelves") or {})
                self.pages = dict(data.get("pages") or {})

    def key(self, site: Path, shelf: Shelf) -> str:
        """What ``shelf``'s bundle is made from: Pagefind's version, its folder and each
        page's address and what Pagefind may read of it (the digest of its bytes without
        the elements marked ``data-pagefind-ignore``)."""
        parts = [str(FORMAT), _pagefind_version(), shelf.folder]
        for page in shelf.pages:
            parts += [page, self._digest(site, page)]
        return digest(*parts)

    def _digest(self, site: Path, page: str) -> str:
        path = site / page
        stamp = _stamp(path.stat())
        entry = self.pages.get(page)
        if not (isinstance(entry, list) and len(entry) == 5 and entry[:4] == stamp):
            entry = [*stamp, indexed_digest(path.read_bytes())]
        self._pages[page] = entry
        return str(entry[4])

    def files(self, shelf: Shelf, key: str, last: Path) -> list[str] | None:
        """The files of ``shelf``'s bundle in the last published site ``last`` when they
        were made from ``key`` and are still the files that build wrote; else None."""
        entry = self.shelves.get(shelf.folder)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        files = entry.get("files")
        if not isinstance(files, dict) or not files:
            return None
        for relative, stamp in files.items():
            try:
                if _stamp((last / relative).stat()) != stamp:
                    return None
            except OSError:
                return None
        return sorted(files)

    def remember(self, shelf: Shelf, key: str, site: Path) -> None:
        """``shelf``'s bundle in ``site`` (the build's folder) was made from ``key``."""
        found: dict[str, list[int]] = {}
        top = site / shelf.folder
        for folder, subfolders, names in os.walk(top):
            if Path(folder) == top and shelf.folder == FOLDER:
                subfolders[:] = [name for name in subfolders if name != SHELVES]
            for name in names:
                path = Path(folder) / name
                found[path.relative_to(site).as_posix()] = _stamp(path.stat())
        self._shelves[shelf.folder] = {"key": key, "files": found}

    def keep(self, shelf: Shelf) -> None:
        """``shelf``'s bundle is the last build's files again (linked, the same stamps)."""
        self._shelves[shelf.folder] = self.shelves[shelf.folder]

    def save(self) -> None:
        """Keep what this build indexed (the shelves it indexed or kept, the pages it
        read) for the next build."""
        if self.path is None:
            return
        data = {"format": FORMAT, "shelves": self._shelves, "pages": self._pages}
        atomic_write(self.path, json.dumps(data, sort_keys=True).encode("utf-8"))


class Indexing:
    """Pagefind indexing the site's shelves (:func:`start_index`)."""

    def __init__(self, site: Path, record: ShelfRecord) -> None:
        self.site = site
        self.record = record
        self.running: list[tuple[Shelf, str, Running, Path | None]] = []
        #: The shelves whose bundle is the last build's, linked into the site.
        self.kept: list[Shelf] = []

    def finish(self) -> None:
        """Wait until every shelf is indexed; :class:`SearchIndexError` if Pagefind failed."""
        try:
            for shelf, key, running, _ in self.running:
                done = running.wait()
                if done.returncode != 0:
                    detail = (done.stderr or done.stdout).strip()
                    raise SearchIndexError(
                        "the search index could not be built (pagefind exited with "
                        f"{done.returncode}): {detail}; reinstall the requirements "
                        "(make venv) and build again"
                    )
                if key:
                    self.record.remember(shelf, key, self.site)
        finally:
            self._remove_pages()

    def stop(self) -> None:
        """Stop Pagefind if it still runs (the build failed before needing the index)."""
        for _, _, running, _ in self.running:
            running.stop()
        self._remove_pages()

    def save(self) -> None:
        """Remember what was indexed (call once the build got through)."""
        self.record.save()

    def _remove_pages(self) -> None:
        for _, _, _, pages in self.running:
            if pages is not None:
                shutil.rmtree(pages, ignore_errors=True)


def start_index(
    site: Path,
    shelves_: Sequence[Shelf] | None = None,
    *,
    record: ShelfRecord | None = None,
    last: Path | None = None,
) -> Indexing:
    """Start indexing each shelf of ``site`` (by default, every page of it as one) into
    its bundle; a shelf whose bundle in the last published site ``last`` was made from
    the same pages is linked from there instead. No page (``.html`` file) of ``site``
    may change until :meth:`Indexing.finish`."""
    record = record or ShelfRecord(None)
    indexing = Indexing(site, record)
    for shelf in shelves_ or [Shelf(FOLDER, ())]:
        into = site / shelf.folder
        if not shelf.pages:  # no post: Pagefind reads every page, as it does by itself
            running = start_program(command(site, EVERY_PAGE, into=into))
            indexing.running.append((shelf, "", running, None))
            continue
        key = record.key(site, shelf)
        files = record.files(shelf, key, last) if last is not None and last != site else None
        if files is not None and _link(files, last, site):
            record.keep(shelf)
            indexing.kept.append(shelf)
            continue
        shutil.rmtree(into, ignore_errors=True)  # a bundle half linked is made anew
        pages = _pages_folder(site, shelf)
        running = start_program(command(pages, "**/*.html", into=into))
        indexing.running.append((shelf, key, running, pages))
    return indexing


def _link(files: Sequence[str], last: Path, site: Path) -> bool:
    """Hard-link ``files`` (relative) from ``last`` into ``site``; False if one cannot be."""
    folders = Folders(site)
    try:
        for relative in files:
            target = f"{site}/{relative}"
            folders.make(target.rpartition("/")[0])
            os.link(f"{last}/{relative}", target)
    except OSError:
        return False
    return True


def _pages_folder(site: Path, shelf: Shelf) -> Path:
    """A folder beside ``site`` holding ``shelf``'s pages (:func:`link_pages`): what
    Pagefind reads for the shelf. Named after ``site`` (a build's staging folder), so a
    build that was killed leaves nothing the next one does not remove."""
    number = shelf.folder.rpartition("/")[2] if shelf.folder != FOLDER else "1"
    folder = site.parent / f"{site.name}-search-{number}"
    shutil.rmtree(folder, ignore_errors=True)
    link_pages(site, shelf.pages, folder)
    return folder


def link_pages(site: Path, pages: Iterable[str], folder: Path) -> None:
    """``pages`` of ``site`` (relative paths) at their places in ``folder``: hard links,
    copies where a link cannot be made."""
    folders = Folders(folder)
    for page in pages:
        folders.link(f"{site}/{page}", f"{folder}/{page}")
