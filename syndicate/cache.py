"""The card cache: rendered images keyed by a hash of everything that shapes them.

``.cache/syndicate/manifest.json`` maps a key (sha256 of the card's inputs,
layout version, font and platform size) to the file that was rendered for it,
with its size, modification time and sha256. An entry is used only when its file
still has exactly that size, time and content (the hash is checked once per
build); anything else — a missing or unreadable manifest, a missing, truncated,
touched or silently damaged file — is treated as absent and the card is rendered
again. The cache is never trusted beyond what it can show.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MANIFEST_VERSION = 2  # 2: entries carry the file's sha256
_KEY = re.compile(r"[A-Za-z0-9_-]{1,128}")  # a file name, never a path
#: Cards are published by hard link: they must be readable by a web server.
FILE_MODE = 0o644


def digest(*parts: bytes | str) -> str:
    """sha256 over length-prefixed parts (so ("ab","c") and ("a","bc") differ)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).chmod(FILE_MODE)  # mkstemp creates 0600
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


class ImageCache:
    """Rendered images on disk, found by key."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.images = root / "images"
        self.manifest_path = root / "manifest.json"
        self.entries: dict[str, dict[str, Any]] = self._load()
        self._verified: dict[str, tuple[int, int]] = {}  # key -> (size, mtime) hashed OK

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return {}
        entries = data.get("entries")
        if not isinstance(entries, dict):
            return {}
        # Only well-formed keys: a damaged manifest must never name a file outside images/.
        return {k: v for k, v in entries.items() if _KEY.fullmatch(k) and isinstance(v, dict)}

    def path_for(self, key: str) -> Path:
        return self.images / f"{key}.jpg"

    def get(self, key: str) -> Path | None:
        """The cached file for ``key`` if it is exactly what was written; else None."""
        entry = self.entries.get(key)
        if not isinstance(entry, dict):
            return None
        path = self.path_for(key)
        try:
            stat = path.stat()
        except OSError:
            return None
        if stat.st_size != entry.get("bytes") or stat.st_mtime_ns != entry.get("mtime_ns"):
            return None
        if self._verified.get(key) != (stat.st_size, stat.st_mtime_ns):
            try:
                actual = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                return None
            if actual != entry.get("sha256"):
                return None
            self._verified[key] = (stat.st_size, stat.st_mtime_ns)
        return path

    def put(self, key: str, data: bytes) -> Path:
        path = self.path_for(key)
        atomic_write(path, data)
        stat = path.stat()
        self.entries[key] = {
            "bytes": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        self._verified[key] = (stat.st_size, stat.st_mtime_ns)
        return path

    def save(self, keep: Iterable[str] | None = None) -> None:
        """Write the manifest; with ``keep``, forget (and delete) every other entry."""
        if keep is not None:
            wanted = set(keep)
            for key in list(self.entries):
                if key not in wanted:
                    del self.entries[key]
                    with contextlib.suppress(OSError):
                        self.path_for(key).unlink()
        payload = {"version": MANIFEST_VERSION, "entries": self.entries}
        atomic_write(self.manifest_path, json.dumps(payload, sort_keys=True).encode("utf-8"))
