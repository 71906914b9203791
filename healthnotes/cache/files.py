"""The card cache: rendered images keyed by a hash of everything that shapes them.

``.cache/syndicate/manifest.json`` maps a key (sha256 of the card's inputs,
layout version, font and platform size) to the file that was rendered for it,
with its size, modification time, inode and sha256. An entry is used only when
its file still has that size and time; anything else — a missing or unreadable
manifest, a missing, truncated or touched file — is treated as absent and the
card is rendered again.

Like ``make`` and ``git``, the cache trusts a file whose size, time and inode
are what it recorded when it wrote or last checked the file: reading 7,000
cards back to hash them would cost a second on every build. A file that is no
longer the same file on disk (the cache was copied, restored from a backup or
moved to another disk) has a new inode: its content is checked against the
recorded sha256 once, so damage that kept the size and time is still caught
there. ``make clean`` empties the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MANIFEST_VERSION = 3  # 2: entries carry the file's sha256; 3: and its inode
_KEY = re.compile(r"[A-Za-z0-9_-]{1,128}")  # a file name, never a path
#: Cards are published by hard link: they must be readable by a web server.
FILE_MODE = 0o644
#: A file whose time is less than this before a build looks at it is not known by its
#: times alone: it may change again within one tick of the file system's clock without
#: its times changing (git's "racy" rule; the coarsest common clock is FAT's 2 s).
RACY_NS = 2_000_000_000


def trusted_link(stat: os.stat_result, started: int) -> tuple[str, str, str, str] | None:
    """What says a file the build published as a hard link to a file it keeps has not
    changed (writing to it changes its time): its device, size, time and inode; None
    for a file with one link (written in this build: read anyway) and for one whose
    time is within :data:`RACY_NS` of ``started`` (or after it)."""
    if stat.st_nlink < 2 or stat.st_mtime_ns > started - RACY_NS:
        return None
    return (str(stat.st_dev), str(stat.st_size), str(stat.st_mtime_ns), str(stat.st_ino))


def trusted_copy(
    stat: os.stat_result, source: str | Path, started: int
) -> tuple[str, str, str, str, str] | None:
    """What says a file the site engine copied from ``source`` in this build (a static
    file: ``stat`` is the copy's) is still that file: the source's path, size, time and
    inode, when the copy is the source's size (what the build writes over a copied
    picture, without its metadata, is smaller) and the source's time is not within
    :data:`RACY_NS` of ``started``; None otherwise."""
    try:
        original = os.stat(source)  # noqa: PTH116  (strings: thousands a build)
    except OSError:
        return None
    if original.st_size != stat.st_size or original.st_mtime_ns > started - RACY_NS:
        return None
    size, time, inode = str(original.st_size), str(original.st_mtime_ns), str(original.st_ino)
    return ("copy", str(source), size, time, inode)


def file_sha256(path: str | Path) -> str:
    """The hex sha256 of the file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def digest(*parts: bytes | str) -> str:
    """sha256 over length-prefixed parts (so ("ab","c") and ("a","bc") differ); one
    ``sha256`` call over the joined bytes (the same hash as updating part by part)."""
    chunks: list[bytes] = []
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        chunks.append(len(data).to_bytes(8, "big"))
        chunks.append(data)
    return hashlib.sha256(b"".join(chunks)).hexdigest()


_TEMP_NUMBERS = itertools.count()


def atomic_write(path: Path | str, data: bytes) -> os.stat_result:
    """Write ``data`` to ``path`` so a reader sees the old file or the new one, never half,
    and return the new file's ``stat`` (taken before the rename, which changes neither
    its size, its modification time nor its inode).

    The temporary file beside it is named by process and a counter (card workers
    write thousands: ``tempfile.mkstemp``'s random names and retries cost more), with
    plain strings and no system call the write does not need (the folder is made
    when it is missing, the mode set only when the umask changed it)."""
    folder, name = os.path.split(os.fspath(path))
    folder = folder or os.curdir  # "name.json": beside it, in the current folder
    tmp = f"{folder}{os.sep}.{name}.{os.getpid()}.{next(_TEMP_NUMBERS)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        try:
            fd = os.open(tmp, flags, FILE_MODE)
        except FileNotFoundError:  # the folder is made the first time only
            Path(folder).mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, flags, FILE_MODE)
        try:
            written = os.write(fd, data)
            if written < len(data):
                view = memoryview(data)[written:]
                while view:
                    view = view[os.write(fd, view) :]
            stat = os.fstat(fd)
            if stat.st_mode & 0o777 != FILE_MODE:  # whatever the umask
                os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)
        os.replace(tmp, path)  # noqa: PTH105  (strings: see the docstring)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise
    return stat


def link_or_copy(source: str, target: str) -> None:
    """``target`` as a hard link to ``source`` (a copy on another disk), replacing it."""
    for _ in range(2):
        try:
            os.link(source, target)
            return
        except FileExistsError:
            os.unlink(target)  # noqa: PTH108  (a file left from before: replaced)
        except OSError:
            break  # another disk, or no hard links here
    Path(target).write_bytes(Path(source).read_bytes())
    os.chmod(target, FILE_MODE)  # noqa: PTH101


class Folders:
    """Folders made inside a build's output folder ``root``: each made once, its parent
    first, with one ``mkdir`` (``os.makedirs`` asks about each parent again, and a
    ``mkdir`` before its parent is there fails: on a site of 1,000 posts some 7,000
    failed calls a build, each as slow as one that succeeds). Strings, not paths:
    thousands of folders a build.

    ``retired``: the site the build before last published (``.output.old-*``, see
    :mod:`healthnotes.publish`), if any. A folder of this build that holds exactly the
    files a folder there holds, the very same files (by inode: hard links to the same
    cache files, or pages kept build after build), is taken from it whole with one
    ``rename`` instead of made and filled again: on the disks measured a ``mkdir``
    costs some thirty links, and a site of 1,000 posts has some 4,700 folders."""

    def __init__(self, root: str | Path, retired: str | Path | None = None) -> None:
        self.root = os.fspath(root)
        self.made: set[str] = set()
        self.retired = os.fspath(retired) if retired is not None else None
        self.taken = 0  # folders taken from the retired site
        self._linking: dict[str, dict[str, str]] = {}  # folder -> {target: source}
        self._device: int | None = None

    def make(self, folder: str) -> None:
        """``folder`` (inside ``root``) made with its parents, unless made already; an
        error if a file is in its place."""
        if folder in self.made:
            return
        if folder == self.root:  # made when missing, with its parents
            if not os.path.isdir(folder):  # noqa: PTH112
                os.makedirs(folder, exist_ok=True)  # noqa: PTH103
            self.made.add(folder)
            return
        parent = os.path.dirname(folder)  # noqa: PTH120
        if parent != folder:
            self.make(parent)
        try:
            os.mkdir(folder)  # noqa: PTH102
        except FileExistsError:
            if not os.path.isdir(folder):  # noqa: PTH112  (a file in the way)
                raise
        self.made.add(folder)

    def link(self, source: str, target: str, whole: str | None = None) -> None:
        """``source`` linked (else copied) as ``target``, its folder made. ``whole``: a
        folder holding ``target`` whose every file this build links through here (a
        post's cards and carousels): with a retired site, its files are linked at
        :meth:`finish`, where the folder is taken whole when it can be."""
        if whole is None or self.retired is None:
            self._link_now(source, target)
        else:
            self._linking.setdefault(whole, {})[target] = source

    def finish(self) -> None:
        """Link what :meth:`link` held back, folder by folder."""
        for folder, files in self._linking.items():
            if not self.take(folder, files):
                for target, source in files.items():
                    self._link_now(source, target)
        self._linking.clear()

    def _link_now(self, source: str, target: str) -> None:
        self.make(os.path.dirname(target))  # noqa: PTH120
        link_or_copy(source, target)

    def take(self, folder: str, files: dict[str, str]) -> bool:
        """Whether ``folder`` (inside ``root``, not made yet) was taken from the retired
        site: there it holds ``files`` (``{target: source}``, targets inside ``folder``)
        and nothing else, each the very file its source is. False, and nothing changed,
        otherwise (the caller makes and fills it)."""
        if self.retired is None or folder in self.made or not folder.startswith(self.root):
            return False
        old = self.retired + folder[len(self.root) :]
        try:
            if self._device is None:  # (inodes are compared on the retired site's disk)
                self._device = os.stat(self.retired).st_dev  # noqa: PTH116
            expected: dict[str, Any] = {}
            for target, source in files.items():
                stat = os.stat(source)  # noqa: PTH116
                if stat.st_dev != self._device or not target.startswith(folder + os.sep):
                    return False
                *parents, name = target[len(folder) + 1 :].split(os.sep)  # noqa: PTH206
                level = expected
                for part in parents:
                    level = level.setdefault(part, {})
                    if not isinstance(level, dict):
                        return False
                level[name] = stat.st_ino
            inside: list[str] = []
            if not _holds_exactly(old, expected, folder, inside):
                return False
            self.make(os.path.dirname(folder))  # noqa: PTH120
            os.rename(old, folder)  # noqa: PTH104
        except OSError:
            return False
        self.made.add(folder)
        self.made.update(inside)
        self.taken += 1
        return True


def _holds_exactly(path: str, expected: dict[str, Any], named: str, inside: list[str]) -> bool:
    """Whether folder ``path`` holds the entries ``expected`` names and no other: a file
    by its inode, a folder (a mapping) the same way down; ``inside`` gets the folders
    below it, as they will be named once it is ``named``."""
    with os.scandir(path) as entries:
        found = list(entries)
    if len(found) != len(expected):
        return False
    for entry in found:
        want = expected.get(entry.name)
        if want is None:
            return False
        if isinstance(want, dict):
            below = f"{named}{os.sep}{entry.name}"
            if not entry.is_dir(follow_symlinks=False) or not _holds_exactly(
                entry.path, want, below, inside
            ):
                return False
            inside.append(below)
        elif not entry.is_file(follow_symlinks=False) or entry.inode() != want:
            return False
    return True


def image_path(root: Path, key: str) -> Path:
    """Where the cache at ``root`` keeps the image for ``key``."""
    return Path(image_file(root, key))


def image_file(root: Path, key: str) -> str:
    """:func:`image_path` as a string (one join: this runs for every card of the site
    on every build, and making a ``Path`` costs more than the file system call)."""
    return f"{root}{os.sep}images{os.sep}{key}.jpg"


def store(root: Path, key: str, data: bytes) -> dict[str, Any]:
    """Write the image for ``key`` into the cache at ``root`` and return its manifest
    entry; touches no :class:`ImageCache`, so worker processes can call it and hand the
    entry back (a few bytes instead of the image)."""
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a cache key: {key!r}")
    stat = atomic_write(image_file(root, key), data)
    return {
        "bytes": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "inode": stat.st_ino,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def load_manifest(
    path: Path, version: int, key: re.Pattern[str]
) -> tuple[dict[str, dict[str, Any]], bool]:
    """A cache manifest's entries (``{"version", "entries"}`` JSON) and whether it was
    read whole. Missing, damaged or of another version: no entries. Only well-formed
    keys are kept: a damaged manifest must never name a file outside the cache."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, False
    if not isinstance(data, dict) or data.get("version") != version:
        return {}, False
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}, False
    kept = {k: v for k, v in entries.items() if key.fullmatch(k) and isinstance(v, dict)}
    return kept, len(kept) == len(entries)


class ImageCache:
    """Rendered images on disk, found by key."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifest_path = root / "manifest.json"
        self._dirty = True  # until a manifest is read whole: then only when something changes
        self.entries: dict[str, dict[str, Any]] = self._load()
        self._found: dict[str, str] = {}  # checked in this build: not checked again

    def _load(self) -> dict[str, dict[str, Any]]:
        kept, whole = load_manifest(self.manifest_path, MANIFEST_VERSION, _KEY)
        self._dirty = not whole
        return kept

    def path_for(self, key: str) -> Path:
        return image_path(self.root, key)

    @property
    def folder(self) -> Path:
        """The folder the images themselves are in."""
        return image_path(self.root, "0").parent

    def holds(self, key: str) -> bool:
        """Whether the manifest has an entry for ``key``: whether its file is still what
        was written is for :meth:`get` to say."""
        return key in self.entries

    def get(self, key: str) -> Path | None:
        """The cached file for ``key`` if it is what was written; else None."""
        found = self.file(key)
        return None if found is None else Path(found)

    def file(self, key: str) -> str | None:
        """:meth:`get` as a string: for the loops over every card of the site, where
        making a ``Path`` for each costs more than the ``stat``."""
        found = self._found.get(key)
        if found is not None:
            return found
        entry = self.entries.get(key)
        if not isinstance(entry, dict):
            return None
        path = image_file(self.root, key)
        try:
            stat = os.stat(path)  # noqa: PTH116  (a string: see the docstring)
        except OSError:
            return None
        if stat.st_size != entry.get("bytes") or stat.st_mtime_ns != entry.get("mtime_ns"):
            return None
        if stat.st_ino != entry.get("inode"):  # another file now: check its content once
            try:
                actual = file_sha256(path)
            except OSError:
                return None
            if actual != entry.get("sha256"):
                return None
            entry["inode"] = stat.st_ino
            self._dirty = True
        if stat.st_mode & 0o777 != FILE_MODE:  # published by hard link: the web server reads it
            try:
                os.chmod(path, FILE_MODE)  # noqa: PTH101
            except OSError:
                return None
        self._found[key] = path
        return path

    def put(self, key: str, data: bytes) -> Path:
        self.record(key, store(self.root, key, data))
        return self.path_for(key)

    def record(self, key: str, entry: dict[str, Any]) -> None:
        """Remember a file :func:`store` wrote (in a worker process, say)."""
        self.entries[key] = entry
        self._dirty = True

    def save(self, keep: Iterable[str] | None = None) -> None:
        """Write the manifest if anything changed (a warm build: nothing, and 7,000
        entries are not written again); with ``keep``, forget (and delete) every
        other entry."""
        if keep is not None:
            wanted = set(keep)
            for key in list(self.entries):
                if key not in wanted:
                    del self.entries[key]
                    self._found.pop(key, None)
                    self._dirty = True
                    with contextlib.suppress(OSError):
                        self.path_for(key).unlink()
        if not self._dirty:
            return
        self._dirty = False
        payload = {"version": MANIFEST_VERSION, "entries": self.entries}
        atomic_write(self.manifest_path, json.dumps(payload, sort_keys=True).encode("utf-8"))


class FileDigests:
    """The sha256 of input files (pictures), remembered with each file's size, time and
    inode, so an unchanged file is not read and hashed again on every build: the card
    cache's own rule of trust. With ``path`` None nothing is remembered."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, list[Any]] = {}
        self.used: dict[str, list[Any]] = {}
        if path is not None:
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self.entries = data

    def sha256(self, file: str | Path) -> str:
        stat = Path(file).stat()
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        entry = self.entries.get(str(file))
        if not (isinstance(entry, list) and len(entry) == 4 and entry[:3] == stamp):
            entry = [*stamp, file_sha256(file)]
        self.used[str(file)] = entry
        return str(entry[3])

    def forget(self) -> None:
        """Trust nothing remembered: every file is read and hashed again next time."""
        self.entries, self.used = {}, {}
        if self.path is not None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def save(self) -> None:
        """Keep the files asked about in this build (when anything changed)."""
        if self.path is not None and self.used != self.entries:
            atomic_write(self.path, json.dumps(self.used, sort_keys=True).encode("utf-8"))
            self.entries = dict(self.used)
