"""What went wrong with the machine, not the site, in one line a person can act on.

A full disk, a read-only folder, no permission, or a file where a folder should be:
the build stops and says which of its folders it was (the output folder, the reports
folder or a cache folder), what happened and what to do. An error raised in a worker
process comes back through :mod:`concurrent.futures` as the same :class:`OSError`
(its number and file name kept), so one table serves both.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Place:
    """One folder the build writes into: ``kind`` is how messages name it."""

    kind: str  # "output", "reports", "cache"
    path: Path
    #: How to choose another one ("--output", "--report", ...).
    choose: str


@dataclass(frozen=True)
class Reason:
    """What an error number means for a person, and what to do about it."""

    what: str
    fix: str  # "{choose}" is replaced by the place's way to choose another folder


#: Error numbers of the machine (not of the site), and what to do about each.
REASONS: dict[int, Reason] = {
    errno.ENOSPC: Reason("the disk is full", "free some disk space and build again"),
    errno.EDQUOT: Reason("you are over your disk quota", "free some disk space and build again"),
    errno.EROFS: Reason(
        "it is on a read-only disk", "make it writable, or choose another with {choose}"
    ),
    errno.EACCES: Reason(
        "you may not write in it", "make it writable for you, or choose another with {choose}"
    ),
    errno.EPERM: Reason(
        "you may not write in it", "make it writable for you, or choose another with {choose}"
    ),
    errno.EIO: Reason("the disk reported an error", "check the disk and build again"),
    errno.ENOTDIR: Reason(
        "a file is where a folder should be",
        "move that file aside, or choose another folder with {choose}",
    ),
    errno.EEXIST: Reason(
        "a file is where a folder should be",
        "move that file aside, or choose another folder with {choose}",
    ),
}


@dataclass(frozen=True)
class Failure:
    """The one line to print and the summary under it."""

    line: str
    summary: str


def place_of(error: OSError, places: Sequence[Place]) -> Place | None:
    """The place ``error``'s file is in (the innermost one), or None."""
    found: Place | None = None
    for name in (error.filename, error.filename2):
        if not isinstance(name, str | bytes):
            continue
        path = Path(name.decode() if isinstance(name, bytes) else name).absolute()
        for place in places:
            inside = path == place.path or place.path in path.parents
            if inside and (found is None or found.path in place.path.parents):
                found = place
    return found


def describe(error: OSError, places: Sequence[Place]) -> Failure | None:
    """The one-line message for ``error``, or None when it is no error of the machine
    (a bug: the caller lets it through)."""
    reason = REASONS.get(error.errno or 0)
    if reason is None:
        return None
    detail = error.strerror or str(error)
    if error.filename:
        detail = f"{detail}: {error.filename}"
    place = place_of(error, places)
    if place is None:
        fix = reason.fix.split(", or choose")[0]
        return Failure(
            f"the build could not write a file ({detail}): {reason.what}; {fix}",
            "1 problem writing a file",
        )
    fix = reason.fix.format(choose=place.choose)
    return Failure(
        f"{place.path}/: cannot write into the {place.kind} folder ({detail}): "
        f"{reason.what}; {fix}",
        f"1 problem with the {place.kind} folder",
    )
