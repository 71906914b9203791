"""What went wrong with the machine, not the site, in one line a person can act on.

A full disk, a read-only folder, no permission, or a file where a folder should be:
the build stops and says which of its folders it was (the output folder, the reports
folder or a cache folder), what happened and what to do. An error raised in a worker
process comes back through :mod:`concurrent.futures` as the same :class:`OSError`
(its number and file name kept), so one table serves both.

A worker process that ends in the middle of its work (:class:`WorkerLost`: the
system's out-of-memory killer, a crash inside a picture library) is told the same
way: what the workers were doing (:data:`WORK`), how the process ended (:data:`ENDINGS`)
and what to do.
"""

from __future__ import annotations

import errno
import signal
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from healthnotes.runtime.workers import WorkerLost


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


#: The work the build gives its worker processes (``module.name`` of the function a
#: task runs), as a message names it: "... ended unexpectedly while drawing cards".
WORK: dict[str, str] = {
    "healthnotes.social.plan.fit_post": "fitting the posts' texts to each platform",
    "healthnotes.pipeline._draw": "drawing cards",
    "healthnotes.site.pictures.make_one": "making the pictures' sizes",
    "healthnotes.gate.photos.facts_of": "looking for faces in the pictures",
    "healthnotes.gate.check.check_one": "checking the posts for patient information",
    "healthnotes.social.media.render_post_media": "drawing carousels and videos",
    "healthnotes.gate.published._scan_chunk": "checking the published files for patient "
    "information",
    "healthnotes.pipeline.ready": "starting up",
    "healthnotes.pipeline.warm_model": "loading the safety check's language model",
}
_MEMORY = (
    "close other programs or set CONCURRENCY lower in the settings "
    "(fewer processes use less memory)"
)
_CRASH = (
    "tell whoever looks after the build, with this line (a library the build uses "
    "crashed on something in the site: the last post or picture you added is a good "
    "place to look)"
)
#: How a worker ended (its exit code, -N: killed by signal N), and what to do if it
#: happens again.
ENDINGS: dict[int, Reason] = {
    -signal.SIGKILL: Reason(
        "it was killed with SIGKILL, most often by the system when memory runs out", _MEMORY
    ),
    -signal.SIGSEGV: Reason("it crashed with SIGSEGV", _CRASH),
    -signal.SIGBUS: Reason("it crashed with SIGBUS", _CRASH),
    -signal.SIGABRT: Reason("it crashed with SIGABRT", _CRASH),
    -signal.SIGILL: Reason("it crashed with SIGILL", _CRASH),
    -signal.SIGFPE: Reason("it crashed with SIGFPE", _CRASH),
}
_UNKNOWN = Reason("how it ended is not known", _MEMORY)


def lost_worker(error: BrokenProcessPool) -> Failure:
    """The one line for a worker process that ended in the middle of its work."""
    work = error.work if isinstance(error, WorkerLost) else ()
    exitcode = error.exitcode if isinstance(error, WorkerLost) else None
    doing = list(dict.fromkeys(WORK[name] for name in work if name in WORK))
    doing = doing or ["working for the build"]
    if exitcode in ENDINGS:
        reason = ENDINGS[exitcode]
    elif exitcode is None:
        reason = _UNKNOWN
    elif exitcode < 0:
        reason = Reason(f"it was stopped with {_signal_name(-exitcode)}", _MEMORY)
    else:
        reason = Reason(f"it ended with exit code {exitcode}", _CRASH)
    return Failure(
        f"a process working for the build ended unexpectedly while {' or '.join(doing)} "
        f"({reason.what}); run the build again; if it happens again, {reason.fix}",
        "1 problem running the build",
    )


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
