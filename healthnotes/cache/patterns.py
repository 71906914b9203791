"""Regular expressions compiled once per Python, not once per process.

The gate's rules are a few hundred large regular expressions. Python's :mod:`re`
parses and compiles a pattern in Python code, which took about 0.3 s of every process
that imports the rules: the build's own and each of its workers, every build.
:class:`PatternStore` keeps what compiling a pattern makes (the regular expression
engine's code and the pattern's groups) in a file beside the module's bytecode, and
the next process hands it to the engine directly.

What is kept belongs to one interpreter: the file names its version and the engine's
version number (``_sre.MAGIC``), and is ignored under any other. A file that cannot be
read, an entry the engine refuses, an engine whose parts differ: the pattern is
compiled by :func:`re.compile`, as without the store. Only the patterns compiled while
a module is imported are kept (:meth:`PatternStore.save` ends that), and only those
used by the last import: the file never grows with old rules.
"""

from __future__ import annotations

import contextlib
import marshal
import re
import sys
from pathlib import Path
from typing import Any

try:  # the engine's own modules: any difference and the store is not used
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = None  # type: ignore[assignment]

from healthnotes.cache.files import atomic_write

#: What a kept entry belongs to: this interpreter and this engine.
TAG = (sys.version, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None))

_Key = tuple[str, int]
_Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _parts(source: str, flags: int) -> _Parts:
    """What :func:`re.compile` gives the engine for ``source`` (as ``re._compiler.
    compile`` does): the flags, the code, the number of groups and their names."""
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # (named constants: plain)
    names = dict(parsed.state.groupdict)
    index: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        index[number] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, names, tuple(index))


class PatternStore:
    """Patterns compiled by a module as it is imported, kept in ``path`` (None: nowhere)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._kept = self._load()
        self._used: dict[_Key, _Parts] = {}
        self._recording = _sre is not None
        #: How many patterns were compiled by :mod:`re` (not found in the store).
        self.compiled = 0

    def _load(self) -> dict[_Key, _Parts]:
        if self.path is None or _sre is None:
            return {}
        try:
            tag, entries = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return entries if tag == TAG and isinstance(entries, dict) else {}

    def compile(self, source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
        """:func:`re.compile` (``source`` a string), from the store when it holds it."""
        key = (source, int(flags))
        parts = self._kept.get(key)
        if parts is not None:
            with contextlib.suppress(Exception):  # (an entry the engine refuses)
                pattern = _sre.compile(source, *parts)
                self._use(key, parts)
                return pattern
        self.compiled += 1
        if not self._recording:
            return re.compile(source, flags)
        try:
            parts = _parts(source, key[1])
            pattern = _sre.compile(source, *parts)
        except re.error:
            raise
        except Exception:  # an engine whose parts are not these: no store
            self._recording = False
            return re.compile(source, flags)
        self._use(key, parts)
        return pattern

    def _use(self, key: _Key, parts: _Parts) -> None:
        if self._recording:
            self._used[key] = parts

    def save(self) -> None:
        """Keep the patterns compiled so far (when they are not what the file holds);
        patterns compiled later (at run time) are not kept."""
        recording, self._recording = self._recording, False
        kept, used = self._kept, self._used
        self._kept, self._used = {}, {}  # (each pattern holds its own code: not these lists)
        if not recording or self.path is None or used == kept:
            return
        with contextlib.suppress(OSError, ValueError):  # a folder that cannot be written
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, marshal.dumps((TAG, used)))


def store_for(module_file: str) -> PatternStore:
    """The store of the module whose file is ``module_file``: in its ``__pycache__``
    folder, named for this interpreter (as its bytecode is)."""
    path = Path(module_file)
    tag: Any = sys.implementation.cache_tag
    if tag is None:  # pragma: no cover - an interpreter that keeps no bytecode
        return PatternStore(None)
    return PatternStore(path.parent / "__pycache__" / f"{path.stem}.patterns.{tag}.marshal")
