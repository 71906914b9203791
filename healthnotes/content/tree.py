"""The content folder as a whole: what is in it that must not be published, and files
that would overwrite each other.

* :func:`links_in`: every symbolic link under content/ is refused. Pelican follows
  links when it reads and copies content, so a link publishes whatever it points to:
  a file from elsewhere on the computer, the posts' Markdown with its drafts
  (``images/posts -> ../posts``), or the whole folder again and again (``loop -> ..``).
* :func:`skipped_files`: files in the posts' or pages' folders that the build does
  not read (``..md``, ``notes.txt``, ``post.md.bak``), named so nobody waits for them.
* :func:`output_collisions`: two files that would be written to the same output
  file (``flucase.md`` and ``FluCase.md``; ``a/x.md`` and ``b/x.md``), compared
  without case (macOS and Windows file systems do not tell them apart).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from healthnotes.errors import Problem

__all__ = ["links_in", "output_collisions", "skipped_files"]


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def links_in(content: Path) -> list[Problem]:
    """An error for every symbolic link under ``content`` (links to folders are named,
    not entered)."""
    root = Path(content).absolute()
    problems = []
    for folder, dirs, files in os.walk(root):  # os.walk does not enter linked folders
        for name in sorted([*dirs, *files]):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            try:
                target = f"a link to {path.resolve(strict=False)}"
            except (OSError, RuntimeError):
                target = "a link that never ends"
            problems.append(
                Problem(
                    file=_shown(path),
                    field="",
                    message=f"is {target}; links are not published (they would publish "
                    "what they point to, drafts and private files included): delete the "
                    "link and copy the file itself into content/",
                )
            )
    return problems


def skipped_files(
    folders: Iterable[Path], read: Iterable[Path], *, excluded: Iterable[Path] = ()
) -> list[Problem]:
    """A warning for each file under ``folders`` that is not in ``read`` (the files the
    build read as posts or pages), outside the ``excluded`` folders."""
    real: dict[Path, Path] = {}  # each folder resolved once (a file's own link is refused)

    def resolved(path: Path) -> Path:
        folder = path.parent
        if folder not in real:
            real[folder] = folder.resolve()
        return real[folder] / path.name

    done = {resolved(Path(p)) for p in read}
    skip = [Path(p).resolve() for p in excluded]
    problems = []
    for folder in folders:
        base = Path(folder).resolve()
        for current, dirs, files in os.walk(base):
            here = Path(current)
            dirs[:] = sorted(d for d in dirs if here / d not in skip)
            for name in sorted(files):
                path = here / name
                if path in done or path.is_symlink():
                    continue
                problems.append(
                    Problem(
                        file=_shown(path),
                        field="",
                        message="is not read by the build (only files named like "
                        "'my-post.md' are), so it is not published; rename it to end in .md "
                        "with a name before it, or move it out of this folder",
                        severity="warning",
                    )
                )
    return problems


def output_collisions(outputs: Iterable[tuple[str, str]]) -> list[Problem]:
    """An error for each ``(source, output file)`` whose output file another source
    already writes (compared without case); an empty output file is never written."""
    first: dict[str, tuple[str, str]] = {}
    problems = []
    for source, save_as in outputs:
        if not save_as:
            continue
        key = str(PurePosixPath(os.path.normpath(save_as))).casefold()
        if key not in first:
            first[key] = (source, save_as)
            continue
        other, other_save_as = first[key]
        if other == source:
            continue
        same = "" if other_save_as == save_as else f" (as {other_save_as})"
        problems.append(
            Problem(
                file=source,
                field="",
                message=f"would be written to {save_as}, the same file as {other}{same}; "
                "rename one of the two files",
            )
        )
    return problems
