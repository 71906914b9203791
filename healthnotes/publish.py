"""Replacing the published folder without ever leaving it half-written.

A build writes into a fresh staging folder next to the target; only when the
whole build succeeded is the staging folder swapped in. On Linux the swap is
one ``renameat2(RENAME_EXCHANGE)`` call, so at every instant ``output/`` is
either the complete old site or the complete new one. Elsewhere it falls back
to two renames (the old site is moved aside first, never deleted in place, and
moved back if the second rename fails). The previous site is kept beside the
target as ``.<target>.old-*``: the next build takes the folders it would make
again from it (:class:`~healthnotes.cache.files.Folders`), and the build after
that removes what is left of it, with any other leftovers, in the background while
it builds (so at most two are beside the target between builds).

Only one build publishes into a folder at a time: :func:`publish_lock` holds an
exclusive lock on the folder that contains it (so a second build cannot sweep
away the first one's staging folder as a leftover).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

_RENAME_EXCHANGE = 2
_NO_LOCKS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL})
_AT_FDCWD = -100


class OutputNotAFolder(Exception):
    """The publish target exists and is a file (or something else that is no folder)."""


@contextlib.contextmanager
def publish_lock(target: Path, *, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock for publishing into ``target``; wait (calling ``waiting`` once)
    while another build holds it. Released on exit, and by the system if killed."""
    if target.exists() and not target.is_dir():
        raise OutputNotAFolder(str(target))
    if target.parent.exists() and not target.parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target.parent))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as error:
            if error.errno not in _NO_LOCKS:
                raise
            # A file system without locks (some network mounts): publish unlocked, as before.
        yield
    finally:
        os.close(fd)  # releases the lock


def staging_dir(target: Path) -> Path:
    """A new empty folder beside ``target`` (same filesystem, so renames are atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp creates 0700; the published folder must be readable
    return staging


def published_folder(staging: Path) -> Path:
    """The folder a staging folder from :func:`staging_dir` is swapped into
    (``.output.staging-xyz`` -> ``output``); ``staging`` itself when it is not one."""
    name, marker, _ = staging.name.partition(".staging-")
    if not marker or len(name) < 2 or not name.startswith("."):
        return staging
    return staging.parent / name[1:]


def discard(path: Path) -> None:
    """Remove a staging or retired folder, ignoring one that is already gone."""
    shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, target: Path) -> Path | None:
    """Make ``staging`` the new ``target``.

    Returns the previous site, moved aside as ``.<target>.old-*`` beside it (None when
    there was none). Removing thousands of files takes a while, so the build leaves it
    for the next build, which removes it while it works (:func:`leftovers`).
    """
    if not target.exists():
        staging.rename(target)
        return None
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    retired.rmdir()
    if _exchange(staging, target):
        try:
            staging.rename(retired)  # now holds the previous site
        except OSError:
            discard(staging)
            return None
        return retired
    target.rename(retired)
    try:
        staging.rename(target)
    except BaseException:
        retired.rename(target)  # put the previous site back before reporting
        raise
    return retired


def leftovers(target: Path) -> list[Path]:
    """Folders beside ``target`` from earlier builds: previous sites, and staging folders
    of a build that was killed. Only call this while holding the publish lock."""
    return sorted(
        [
            *target.parent.glob(f".{target.name}.staging-*"),
            *target.parent.glob(f".{target.name}.old-*"),
        ]
    )


def latest_retired(found: list[Path]) -> Path | None:
    """Of the folders :func:`leftovers` found, the previous site the last swap moved
    aside (the one renamed last), whose folders this build may take; None when there
    is none. Any retired site would do (a folder is taken only when it holds the very
    files this build would put there); the latest holds the most."""
    retired = []
    for folder in found:
        if ".old-" in folder.name:
            with contextlib.suppress(OSError):
                retired.append((folder.stat().st_ctime_ns, folder))
    return max(retired)[1] if retired else None


def sweep_leftovers(target: Path) -> None:
    """Remove every folder :func:`leftovers` finds."""
    for leftover in leftovers(target):
        discard(leftover)
