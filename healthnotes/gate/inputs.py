"""What the safety gate needs of a post: :class:`PostInput` (its texts and picture, as
values) and :class:`PostFiles` (the same with the files named, not read).

Kept apart from :mod:`healthnotes.gate.check`, which loads every check and its patterns: the
build process describes its posts with these and leaves the checks to the process
that runs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from healthnotes.content.model import Post


@dataclass(frozen=True, kw_only=True)
class PostInput:
    """What the gate needs of one post, as plain values."""

    post: Post
    metadata: Mapping[str, Any]  # lower-case names; str or list[str] values
    html: str  # the body as Markdown rendered it
    source_text: str  # the Markdown file, to locate findings by line and column
    platform_texts: Mapping[str, str]  # platform key -> text
    hero: bytes | None  # the post's picture, if any
    body_text: str | None = None  # plain_text(html), when the caller already has it


@dataclass(frozen=True, kw_only=True)
class PostFiles:
    """A post for the gate with its files named, not read: small to hold for every
    post and to send to another process; :meth:`read` gives the :class:`PostInput`."""

    post: Post
    metadata: Mapping[str, Any]
    html: str
    source_path: str  # the Markdown file
    platform_texts: Mapping[str, str]
    hero_path: str | None  # the post's picture, if any
    body_text: str | None = None

    def read(self) -> PostInput:
        return PostInput(
            post=self.post,
            metadata=self.metadata,
            html=self.html,
            source_text=Path(self.source_path).read_text(encoding="utf-8-sig"),
            platform_texts=self.platform_texts,
            hero=Path(self.hero_path).read_bytes() if self.hero_path else None,
            body_text=self.body_text,
        )
