"""The last build of an output folder, remembered so that a build which would change
nothing is not run again.

A build reads its inputs (the content folder, the theme, the settings files, this
project's code and the installed libraries) and the clock (a scheduled post comes due,
an urgent notice expires, a new day starts). When none of them has changed since the
last build that published into a folder, and the folder is still exactly as that build
left it, building again would write the same site: ``build.py`` prints what the last
build warned about and says the site is up to date instead.

What is compared, like ``make`` and ``git`` compare files: each file's path, size,
modification and change times (``st_ctime`` cannot be set back by any program, so an
edit that keeps the size and restores the modification time is still seen). A file
changed within :data:`RACY_NS` of the moment the build looked at it could change again
within the same tick of the file system's clock and keep all three: its content is
compared too (git's "racy clean" rule). The record lives beside the output folder
(``.output.last-build.json``), where the publish lock covers it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import sysconfig
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from stat import S_ISDIR
from typing import Any
from zoneinfo import ZoneInfo

from healthnotes.cache.files import RACY_NS, atomic_write, digest

#: Bump when what a record holds or how it is compared changes.
FORMAT = 1
#: Folders never read as inputs.
_SKIPPED = frozenset({"__pycache__", ".git", ".hypothesis", ".pytest_cache", ".ruff_cache"})
#: A path that does not exist (its times, None, are never read).
_MISSING = os.stat_result((0,) * 10)
#: The file in the build's cache folder that says when this build's site goes stale.
STALE_AT = "stale-at"


def record_path(output: Path) -> Path:
    """Where the last build of ``output`` is remembered: beside it, hidden."""
    return output.parent / f".{output.name}.last-build.json"


def look_at(
    paths: Iterable[Path], *, listed: Iterable[Path] = (), read_after_ns: int | None = None
) -> str:
    """The digest of ``paths`` (a folder: everything in it, recursively; a file:
    itself; a missing path is part of the digest as missing), and of the names only of
    what is in each folder of ``listed`` (the installed libraries). A file modified or
    changed at ``read_after_ns`` or later is read: its content is part of the digest."""
    lines: list[str] = []
    for path in sorted({Path(p) for p in paths}):
        for name, stat in _entries(path):
            if stat is _MISSING:
                lines.append(name)
                continue
            line = f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}"
            changed = max(stat.st_mtime_ns, stat.st_ctime_ns)
            if read_after_ns is not None and changed >= read_after_ns:
                line += "\0" + _content(name)
            lines.append(line)
    for folder in sorted({Path(p) for p in listed}):
        try:
            names = sorted(path.name for path in folder.iterdir())
            lines.append(f"{folder}\0" + "\0".join(names))
        except OSError:
            lines.append(f"{folder}\0missing")
    return digest("\n".join(lines))


def _content(name: str) -> str:
    try:
        return digest(Path(name).read_bytes())
    except OSError:
        return "unreadable"


def _entries(path: Path) -> Iterator[tuple[str, os.stat_result]]:
    try:
        stat = path.stat()
    except OSError:
        yield f"{path} missing", _MISSING
        return
    if S_ISDIR(stat.st_mode):
        yield from _walk(str(path), frozenset({(stat.st_dev, stat.st_ino)}))
    else:
        yield str(path), stat


def _walk(folder: str, inside: frozenset[tuple[int, int]]) -> Iterator[tuple[str, os.stat_result]]:
    """Every file under ``folder``, sorted by name, with its ``stat`` (``os.scandir``:
    one system call per file, none per folder listing entry type). A folder linked from
    inside itself (a symbolic link loop) is read once: ``inside`` holds the device and
    inode of ``folder`` and of the folders it stands in."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        yield f"{folder} missing", _MISSING
        return
    for entry in entries:
        try:
            if entry.is_dir():
                target = entry.stat()
                place = (target.st_dev, target.st_ino)
                if place in inside:
                    yield f"{entry.path} loops", target
                elif entry.name not in _SKIPPED:
                    yield from _walk(entry.path, inside | {place})
            else:
                yield entry.path, entry.stat()
        except OSError:  # removed while looked at: part of the digest as missing
            yield f"{entry.path} missing", _MISSING


def installed_libraries() -> list[Path]:
    """The folders whose listing names every installed library and its version."""
    return [Path(sysconfig.get_paths()["purelib"]), Path(sysconfig.get_paths()["platlib"])]


@dataclass(frozen=True)
class Record:
    """What the last build of an output folder was made from and left behind."""

    command: tuple[str, ...]  # the build's own arguments and the Python that ran it
    inputs: tuple[str, ...]  # the files and folders it read
    inputs_digest: str
    #: Inputs changed at this time (ns) or later were read for :attr:`inputs_digest`.
    read_after_ns: int
    output_digest: str
    built_at: str  # ISO time, aware
    stale_at: str  # ISO time, aware: the first moment the clock changes what it builds
    warnings: tuple[str, ...]  # what the build warned about, as printed (masked)
    format: int = FORMAT

    def save(self, path: Path) -> None:
        atomic_write(path, json.dumps(dataclasses.asdict(self), indent=1).encode())

    @classmethod
    def load(cls, path: Path) -> Record | None:
        """The record at ``path``; None when there is none or it cannot be read."""
        try:
            data = json.loads(path.read_bytes())
            if data.get("format") != FORMAT:
                return None
            return cls(
                command=tuple(data["command"]),
                inputs=tuple(data["inputs"]),
                inputs_digest=str(data["inputs_digest"]),
                read_after_ns=int(data["read_after_ns"]),
                output_digest=str(data["output_digest"]),
                built_at=str(data["built_at"]),
                stale_at=str(data["stale_at"]),
                warnings=tuple(str(line) for line in data["warnings"]),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def command_of(arguments: Sequence[str]) -> tuple[str, ...]:
    """What identifies a build besides its inputs: its arguments and the Python running it."""
    return (*arguments, sys.executable, sys.version)


def unchanged(path: Path, command: tuple[str, ...], output: Path, now: datetime) -> Record | None:
    """The record of the last build when building again now would change nothing: the
    same command, every input as it was, ``output`` as that build left it and the clock
    before the moment its site goes stale; otherwise None."""
    record = Record.load(path)
    if record is None or record.command != command:
        return None
    try:
        built_at = datetime.fromisoformat(record.built_at)
        stale_at = datetime.fromisoformat(record.stale_at)
    except ValueError:
        return None
    if not built_at <= now < stale_at:  # (a clock set back is not trusted either)
        return None
    inputs = look_at(
        [Path(p) for p in record.inputs],
        listed=installed_libraries(),
        read_after_ns=record.read_after_ns,
    )
    if inputs != record.inputs_digest:
        return None
    if look_at([output]) != record.output_digest:
        return None
    return record


@dataclass(frozen=True)
class Before:
    """A build's inputs as it looked at them before reading them."""

    inputs: tuple[Path, ...]
    digest: str
    read_after_ns: int

    @classmethod
    def look(cls, inputs: Iterable[Path]) -> Before:
        """Look at ``inputs`` now (every file changed within :data:`RACY_NS` is read)."""
        read_after = time.time_ns() - RACY_NS
        paths = tuple(sorted({Path(p) for p in inputs}))
        found = look_at(paths, listed=installed_libraries(), read_after_ns=read_after)
        return cls(paths, found, read_after)


def remember(
    path: Path,
    *,
    command: tuple[str, ...],
    before: Before,
    output: Path,
    built_at: datetime,
    stale_at: datetime,
    warnings: Sequence[str],
) -> None:
    """Remember a build that published into ``output`` from the inputs it looked at
    ``before`` reading them."""
    Record(
        command=command,
        inputs=tuple(str(p) for p in before.inputs),
        inputs_digest=before.digest,
        read_after_ns=before.read_after_ns,
        output_digest=look_at([output]),
        built_at=built_at.isoformat(),
        stale_at=stale_at.isoformat(),
        warnings=tuple(warnings),
    ).save(path)


def forget(path: Path) -> None:
    """No record: the next build runs in full."""
    path.unlink(missing_ok=True)


# -- When the clock changes what a build makes -----------------------------------


def stale_at(things: Iterable[Any], now: datetime, timezone: str) -> datetime:
    """The first moment after ``now`` at which a build of ``things`` (posts, the crisis
    hold: frozen dataclasses) could come out different: the next midnight in the
    practice's ``timezone`` (everything compared with today's date: the calendar,
    reviews due, the year), or any later time found in them (a scheduled post's date,
    an urgent notice's expiry, a hold's start), whichever comes first."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), zone)
    soonest = midnight
    for when in _times(things):
        if when.tzinfo is None:  # a naive time is the practice's
            when = when.replace(tzinfo=zone)
        if now < when < soonest:
            soonest = when
    return soonest


def _times(value: Any, depth: int = 0) -> Iterator[datetime]:
    """Every datetime in ``value``: dataclass fields, sequences and mappings."""
    if depth > 6:
        return
    if isinstance(value, datetime):
        yield value
    elif isinstance(value, (str, bytes, int, float, date)) or value is None:
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _times(getattr(value, field.name), depth + 1)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _times(item, depth + 1)
    elif isinstance(value, (list, tuple, frozenset, set)):
        for item in value:
            yield from _times(item, depth + 1)


def save_stale_at(cache: Path, when: datetime) -> None:
    """Tell ``build.py`` (through the build's cache folder) when this build goes stale."""
    atomic_write(cache / STALE_AT, when.isoformat().encode())


def forget_stale_at(cache: Path) -> None:
    """Before a build: what an earlier build said is not this build's."""
    (cache / STALE_AT).unlink(missing_ok=True)


def read_stale_at(cache: Path) -> datetime | None:
    """What :func:`save_stale_at` said in this build; None when it said nothing."""
    try:
        return datetime.fromisoformat((cache / STALE_AT).read_text())
    except (OSError, ValueError):
        return None
