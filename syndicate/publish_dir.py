"""Replacing the published folder without ever leaving it half-written.

A build writes into a fresh staging folder next to the target; only when the
whole build succeeded is the staging folder swapped in. On Linux the swap is
one ``renameat2(RENAME_EXCHANGE)`` call, so at every instant ``output/`` is
either the complete old site or the complete new one. Elsewhere it falls back
to two renames (the old site is moved aside first, never deleted in place).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_dir(target: Path) -> Path:
    """A new empty folder beside ``target`` (same filesystem, so renames are atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp creates 0700; the published folder must be readable
    return staging


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


def swap_in(staging: Path, target: Path) -> None:
    """Make ``staging`` the new ``target``; the old target is removed afterwards."""
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        discard(staging)  # now holds the previous site
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    staging.rename(target)
    discard(retired)


def sweep_leftovers(target: Path) -> None:
    """Remove staging folders left behind by a build that was killed."""
    for leftover in target.parent.glob(f".{target.name}.staging-*"):
        discard(leftover)
    for leftover in target.parent.glob(f".{target.name}.old-*"):
        discard(leftover)
