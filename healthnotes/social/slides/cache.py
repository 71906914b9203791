"""A content-addressed folder cache: files named by a hash of their inputs, with a manifest.

``root/objects/<key><suffix>`` holds the bytes made from the inputs hashed into
``key``; ``root/manifest.json`` records each file's size and sha256. A file is used
only when it is listed and still has its recorded size (the card cache's rule: trust
size and time; here size, and the sha256 when the file is read). Writes are atomic
(temporary file, then rename), so a reader never sees half a file, and two
processes making the same key write the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from healthnotes.cache.files import atomic_write, digest, load_manifest

MANIFEST_VERSION = 1
_KEY = re.compile(r"[0-9a-f]{64}")

__all__ = ["ContentCache", "digest"]


class ContentCache:
    """Bytes on disk, found by the hash of what made them."""

    def __init__(self, root: Path, suffix: str) -> None:
        self.root = Path(root)
        self.suffix = suffix
        self.manifest_path = self.root / "manifest.json"
        self.entries: dict[str, dict[str, Any]] = self._load()
        self.hits = 0
        self.misses = 0
        self._dirty = False

    def _load(self) -> dict[str, dict[str, Any]]:
        return load_manifest(self.manifest_path, MANIFEST_VERSION, _KEY)[0]

    def path_for(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.objects(self.root) / f"{key}{self.suffix}"

    @staticmethod
    def objects(root: Path) -> Path:
        """The folder of the bytes of the store at ``root`` (its manifest is not read)."""
        return root / "objects"

    def get(self, key: str) -> bytes | None:
        """The bytes stored for ``key`` if they are what was written; else None."""
        entry = self.entries.get(key)
        path = self.path_for(key)
        try:
            if entry is None or os.stat(path).st_size != entry.get("bytes"):  # noqa: PTH116
                self.misses += 1
                return None
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> Path:
        path = self.path_for(key)
        atomic_write(path, data)
        self.entries[key] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        self._dirty = True
        return path

    def save(self) -> None:
        """Write the manifest (atomically) if anything was added."""
        if self._dirty:
            payload = {"version": MANIFEST_VERSION, "entries": self.entries}
            atomic_write(self.manifest_path, json.dumps(payload, sort_keys=True).encode())
            self._dirty = False
