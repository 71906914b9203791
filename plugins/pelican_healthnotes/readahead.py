"""Posts parsed ahead on the second core while Pelican reads them on the first.

In a first build Pelican parses every post one after the other, on one core, for a
good part of the build, while the other core has nothing to do yet. When at least
:data:`READ_AHEAD_FROM` posts are to be parsed (not served from Pelican's content
cache), a worker process forked from the build parses every other one of them, in
the order Pelican reads them, with the same reader; the build takes each result when
Pelican comes to that post, as Pelican's own content cache hands back a parse made
earlier, and parses the others itself. What the worker's parse logged is logged
again by the build, so warnings count the same. A post the worker could not parse
(or whose result cannot be sent back) is parsed by the build, which reports it as
always. Linux only (``fork``).
"""

from __future__ import annotations

import logging
import os
import sys
from concurrent.futures import Future
from typing import Any

from healthnotes.runtime import fresh

#: Parse ahead only when at least this many posts are to be parsed (a first build,
#: or every post changed); an edit parses one or two, and a worker would cost more.
READ_AHEAD_FROM = 16

#: A logged record as the worker sends it back: logger name, level, message, problem.
_Record = tuple[str, int, str, bool]

log = logging.getLogger(__name__)

_reader: Any = None  # the reader the worker parses with (inherited when it forks)


class _Capture(logging.Handler):
    """Keeps the worker's records to send back instead of printing them."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[_Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        problem = bool(getattr(record, "problem", False))
        self.records.append((record.name, record.levelno, record.getMessage(), problem))


_capture = _Capture()


def _start_worker() -> None:
    root = logging.getLogger()
    root.handlers = [_capture]  # the build prints them, once, when it takes the post


def _holding_settings(metadata: dict[str, Any]) -> list[Any]:
    """The metadata values (categories, tags, authors) that keep a reference to the
    build's settings."""
    found = []
    for value in metadata.values():
        for item in value if isinstance(value, list) else [value]:
            if hasattr(item, "settings") and isinstance(item.settings, dict | type(None)):
                found.append(item)
    return found


def _parse_there(path: str) -> tuple[str, dict[str, Any], list[_Record]]:
    _capture.records = []
    content, metadata = _reader.parse(path)
    for item in _holding_settings(metadata):
        if item.settings is _reader.settings:
            item.settings = None  # not sent with every post: given back by the build
    return content, metadata, list(_capture.records)


class ReadAhead:
    """A worker parsing ``paths`` (absolute, in Pelican's reading order) with ``reader``."""

    def __init__(self, reader: Any, paths: list[str]) -> None:
        global _reader
        _reader = reader
        self._settings = reader.settings
        self._pool = fresh.pool(1, initializer=_start_worker)  # Linux: forked
        self._futures: dict[str, Future[tuple[str, dict[str, Any], list[_Record]]]] = {
            path: self._pool.submit(_parse_there, path) for path in paths
        }

    def take(self, path: str) -> tuple[str, dict[str, Any]] | None:
        """The worker's parse of ``path`` (waiting for it), or None: parse it here."""
        future = self._futures.pop(path, None)
        if future is None:
            return None
        try:
            content, metadata, records = future.result()
        except Exception:  # parsed here instead, so whatever is wrong is reported as always
            return None
        for item in _holding_settings(metadata):
            if item.settings is None:
                item.settings = self._settings
        for name, level, message, problem in records:
            extra = {"problem": True} if problem else None
            logging.getLogger(name).log(level, message, extra=extra)
        return content, metadata

    def close(self) -> None:
        """Stop the worker (what was not taken is dropped) and wait for it."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._futures.clear()


def plan(files: list[str], is_cached: Any, extensions: tuple[str, ...]) -> list[str]:
    """Of ``files`` (absolute, in reading order), the ones a worker parses: every other
    Markdown file that Pelican's cache does not hold, when there are enough of them."""
    to_parse = [f for f in files if f.rsplit(".", 1)[-1] in extensions and not is_cached(f)]
    if len(to_parse) < READ_AHEAD_FROM or sys.platform != "linux" or not hasattr(os, "fork"):
        return []
    return to_parse[1::2]


#: The read-ahead of each build in progress (by its settings' id).
_active: dict[int, ReadAhead] = {}


def start(generator: Any) -> None:
    """Before Pelican reads the first article: start a worker if enough posts are to
    be parsed (receiver of ``article_generator_preread``, sent before every article)."""
    settings = generator.settings
    if getattr(generator, "_read_ahead_planned", False):  # sent before every article
        return
    if not settings.get("PARSE_AHEAD", True):  # a test's or a debugging session's choice
        return
    generator._read_ahead_planned = True
    readers = generator.readers
    reader = readers.readers.get("md")
    if reader is None or not hasattr(reader, "parse"):
        return
    # The same files, in the same order, as ArticlesGenerator.generate_context reads
    # them, and the same absolute paths as Readers.read_file (abspath, not resolve).
    found = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    files = [os.path.abspath(os.path.join(generator.path, f)) for f in found]  # noqa: PTH100, PTH118
    ahead = plan(
        files,
        lambda path: readers.get_cached_data(path, None) is not None,
        tuple(reader.file_extensions),
    )
    if ahead:
        _active[id(settings)] = ReadAhead(reader, ahead)
        log.info("Reading: %d of the posts to parse are parsed ahead by a worker", len(ahead))


def take(settings: dict[str, Any], path: str) -> tuple[str, dict[str, Any]] | None:
    """The worker's parse of ``path`` for this build, or None (parse it here)."""
    ahead = _active.get(id(settings))
    return ahead.take(path) if ahead is not None else None


def stop(generator: Any) -> None:
    """Every article is read: stop the worker (receiver of ``article_generator_finalized``)."""
    ahead = _active.pop(id(generator.settings), None)
    if ahead is not None:
        ahead.close()
