"""Pelican's Markdown reader, made to report mistakes instead of dropping posts.

Stock Pelican skips a post whose ``Date`` it cannot parse (or that has no
date or title) with a log line and still exits 0, so the post silently goes
missing. This subclass keeps such a post, puts a placeholder where Pelican
needs a value, and records the raw text under ``_unparsed`` so that
``syndicate.content`` reports it with file, line and what was expected.
It also sets each post's category from its ``Type``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from syndicate.content import TYPE_SPECS, PostType, metadata_lines

_PLACEHOLDER_DATE = SafeDatetime(1970, 1, 1)
_DATE_FIELDS = ("date", "modified")
_PELICAN_STATUSES = ("published", "draft", "hidden", "skip")


class PracticeMarkdownReader(MarkdownReader):
    def process_metadata(self, name: str, value: Any) -> Any:
        if name in _DATE_FIELDS:
            try:
                return super().process_metadata(name, value)
            except (ValueError, OverflowError):
                self._unparsed[name] = value if isinstance(value, str) else str(value)
                return _PLACEHOLDER_DATE
        return super().process_metadata(name, value)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        self._unparsed: dict[str, str | None] = {}
        try:
            content, metadata = super().read(source_path)
            text = Path(source_path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            return "", {
                "title": Path(source_path).stem,
                "date": _PLACEHOLDER_DATE,
                "_read_error": (
                    f"is not UTF-8 text (undecodable byte at position {exc.start}); "
                    "save it as UTF-8 in your editor"
                ),
            }
        if metadata.get("status") not in (None, *_PELICAN_STATUSES):
            self._unparsed["status"] = str(metadata["status"])
            metadata["status"] = "draft"  # never publish a post with a mistyped status
        if "title" not in metadata:
            self._unparsed["title"] = None
            metadata["title"] = Path(source_path).stem
        if "date" not in metadata and "date" not in self._unparsed:
            self._unparsed["date"] = None
            metadata["date"] = _PLACEHOLDER_DATE
        post_type = str(metadata.get("type", "")).strip().lower()
        if post_type in {t.value for t in PostType}:
            metadata["category"] = self.process_metadata(
                "category", TYPE_SPECS[PostType(post_type)].category
            )
        metadata["_unparsed"] = dict(self._unparsed)
        metadata["_lines"] = metadata_lines(text)
        return content, metadata
