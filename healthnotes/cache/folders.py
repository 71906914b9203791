"""The build's cache folders: cleared of files in the way, and used by one build at a time.

A cache only saves time, so a file where a cache folder should be (a folder replaced
by a file, a copy gone wrong) never stops a build: :func:`clear_the_way` moves the file
aside, says so, and the cache is built again. A file in the way *above* a cache folder
and outside the project is somebody else's: that is a :class:`NotAFolder` problem.

Two builds sharing a cache (``make preview`` beside ``make publish``) would evict each
other's cards and read each other's half-written files: :func:`cache_lock` makes the
second one wait, as :func:`healthnotes.publish.publish_lock` does for the output.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

#: What a file in the way is renamed to, beside where it was.
ASIDE_SUFFIX = ".not-a-folder"
_NO_LOCKS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL})


class NotAFolder(Exception):
    """A file outside the project stands where a cache folder's parent should be."""

    def __init__(self, path: Path, cache: Path) -> None:
        super().__init__(str(path))
        self.path = path
        self.cache = cache


def clear_the_way(cache: Path, inside: Iterable[str] = (), *, project: Path) -> list[Path]:
    """Make sure ``cache`` and its ``inside`` folders can be folders: a file at one of
    them, or at a parent of ``cache`` inside ``project``, is moved aside (a warning
    says where). Returns the files moved. Raises :class:`NotAFolder` for a file in the
    way outside ``project``."""
    cache = cache.absolute()
    project = project.absolute()
    wanted = [*reversed(cache.parents), cache, *(cache / part for part in inside)]
    moved = []
    for folder in wanted:
        if not os.path.lexists(folder) or folder.is_dir():
            continue
        ours = folder == cache or cache in folder.parents or project in folder.parents
        if not ours:
            raise NotAFolder(folder, cache)
        aside = _free_name(folder)
        folder.rename(aside)
        moved.append(aside)
        log.warning(
            "%s: was a file, not a folder; it is moved aside to %s and the cache is built "
            "again (remove that file if nothing in it is yours)",
            folder,
            aside.name,
        )
    return moved


def _free_name(path: Path) -> Path:
    for number in itertools.count(1):
        suffix = ASIDE_SUFFIX if number == 1 else f"{ASIDE_SUFFIX}-{number}"
        candidate = path.with_name(path.name + suffix)
        if not os.path.lexists(candidate):
            return candidate
    raise AssertionError("unreachable")


@contextlib.contextmanager
def cache_lock(
    folders: Iterable[Path], *, waiting: Callable[[Path], None] | None = None
) -> Iterator[None]:
    """Hold each cache folder (created if missing) for this build; wait while another
    build holds one (calling ``waiting`` with it once). Always taken in the same order,
    so two builds never wait for each other. Released on exit, and by the system if
    the build is killed."""
    with contextlib.ExitStack() as stack:
        for folder in sorted({f.absolute() for f in folders}):
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            stack.callback(os.close, fd)  # closing it releases the lock
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting:
                    waiting(folder)
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError as error:
                if error.errno not in _NO_LOCKS:
                    raise
        yield
