"""Every published picture without its hidden metadata (GPS, dates, camera owner).

Runs on the folder about to be published, after the engine copied the static files:
whatever put a picture there, it is checked. A picture whose metadata cannot be
removed (damaged, or a kind of file the stripper does not know) is not published:
the build stops, naming the file. Pictures already found clean are remembered
(``pictures.marshal`` in the build cache), so a rebuild parses none of them again: a
copy of a static file by its source's path, size, time and inode (an unchanged
source is not read again), a hard link to a file kept between builds by its device,
inode, size and time (it is not read again: writing to it changes its time), any
other picture by its content's hash. A file written less than :data:`RACY_NS` before
the build looks at it is not remembered by its time (it could change again within
the same tick of the file system's clock, as git's index knows). Published cards,
carousel slides and the sizes of the posts' pictures are hard links to the build's
caches, made without metadata (the sizes are encoded from the pixels alone): they
are skipped.

A picture of a kind that is never published (an SVG, a TIFF, ...) is refused twice:
in the published folders of content/ while the posts are checked
(:func:`refused_in_content`, so staff get it with their other mistakes, before the
build's work), and again in the folder about to be published, whatever put it there.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from healthnotes.cache.checks import CheckCache
from healthnotes.cache.files import trusted_copy, trusted_link
from healthnotes.errors import ContentProblems, Problem
from healthnotes.gate.photos import STRIPPED_SUFFIXES, refused_picture, strip_metadata
from healthnotes.gate.pixels import picture_dimensions, pixel_problem


def refused_in_content(content: Path, folders: Iterable[str]) -> list[Problem]:
    """An error for every picture that may not be published (:func:`refused_picture`)
    in ``folders`` of ``content``, the folders whose every file is published (links
    are not followed: each is refused as a link)."""
    found: dict[Path, str] = {}
    for folder in folders:
        base = content / folder
        files = [base] if base.is_file() else []  # STATIC_PATHS may name a file
        for current, dirs, names in os.walk(base):
            dirs.sort()
            files += [Path(current) / name for name in sorted(names)]
        for path in files:
            kind = refused_picture(path.name)
            if kind:
                found[path] = kind
    return [
        Problem(file=_shown(path), field="", message=f"is not published: {kind}")
        for path, kind in found.items()
    ]


def _shown(path: Path) -> str:
    """``path`` as messages show it: from the working folder when it is inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def drawn_files(folders: Iterable[Path], device: int) -> set[int]:
    """The inodes of the files in ``folders`` (where the build keeps the pictures it drew
    itself, written without metadata) that are on ``device`` (a file copied to another
    disk is another file: it is read)."""
    inodes: set[int] = set()
    for folder in folders:
        try:
            if folder.stat().st_dev != device:
                continue
            with os.scandir(folder) as entries:
                inodes.update(entry.inode() for entry in entries)
        except OSError:
            continue
    return inodes


def _pictures(folder: str, skip: set[int]) -> Iterator[Path]:
    """Every picture file under ``folder`` whose inode is not in ``skip`` (and every
    picture that may not be published, :func:`refused_picture`)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _pictures(entry.path, skip)
            elif refused_picture(entry.name) or (
                entry.name.lower().endswith(STRIPPED_SUFFIXES)
                and entry.inode() not in skip
                and entry.is_file()
            ):
                yield Path(entry.path)


def strip_published(
    output: Path,
    copies: Mapping[Path, Path],
    cache_root: Path,
    *,
    max_pixels: int,
    drawn: Iterable[Path] = (),
) -> None:
    """Remove EXIF/XMP/IPTC from every picture under ``output`` (``copies``: output
    path -> the source the engine copied it from, for the rule of trust above); a
    picture of a kind that keeps its metadata, or larger than ``max_pixels``, stops
    the build. A published hard link to a file in one of the ``drawn`` folders (the
    cards and slides the build drew itself, without metadata) is not looked at."""
    started = time.time_ns()
    skip = drawn_files(drawn, output.stat().st_dev)
    known = CheckCache(cache_root / "pictures.marshal")
    problems = []
    for path in _pictures(str(output), skip):
        shown = f"content/{path.relative_to(output).as_posix()}"
        kind = refused_picture(path.name)
        if kind:
            problems.append(Problem(file=shown, field="", message=f"is not published: {kind}"))
            continue
        unchanged = _unchanged(path, copies.get(path), started)
        size = picture_dimensions(path) if unchanged is None else _size(known, unchanged, path)
        refused = pixel_problem(size, max_pixels)
        if refused:
            problems.append(Problem(file=shown, field="", message=refused))
            continue
        try:
            if unchanged is None or not known.get(
                "clean file", unchanged, lambda path=path: _is_clean(path.read_bytes())
            ):
                data = path.read_bytes()
                if not known.get("clean", (data,), lambda data=data: _is_clean(data)):
                    path.write_bytes(strip_metadata(data))
        except ValueError as error:
            problems.append(
                Problem(
                    file=shown,
                    field="",
                    message=f"its hidden metadata cannot be removed ({error}); export it again "
                    "as JPEG or PNG, or delete it",
                )
            )
    if problems:
        raise ContentProblems(problems)
    known.save()


def _is_clean(data: bytes) -> bool:
    """Whether the picture carries no metadata (stripping it changes nothing)."""
    return strip_metadata(data) == data


def _unchanged(copy: Path, source: Path | None, started: int) -> tuple[str, ...] | None:
    """What says ``copy`` has not changed since a build remembered it, by the rule of
    trust above: its ``source``'s path, size, time and inode when the engine copied it
    from ``source`` in this build and it is its size; else, when it is a hard link to
    another file, its own device, inode, size and time; None otherwise, and for a file
    whose time is within :data:`RACY_NS` of ``started`` (or after it)."""
    try:
        stat = copy.stat()
    except OSError:
        return None
    if source is not None:
        return trusted_copy(stat, source, started)
    linked = trusted_link(stat, started)
    return None if linked is None else ("link", *linked)


def _size(known: CheckCache, unchanged: tuple[str, ...], path: Path) -> tuple[int, int] | None:
    """:func:`picture_dimensions` of an unchanged file, as remembered."""
    size = known.get("picture size", unchanged, lambda: picture_dimensions(path))
    return (int(size[0]), int(size[1])) if isinstance(size, list | tuple) else None
