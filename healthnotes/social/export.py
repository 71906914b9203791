"""Files for people and tools that post by hand or in bulk.

* ``syndication.json``: every post and platform — image path, URL, size, bytes, alt
  text, the text and its length as that platform counts it.
* ``syndication/bulk-schedule.csv``: one row per post and platform, for the bulk
  upload of Hootsuite, Buffer, SocialBee, HighLevel and similar tools.

CSV columns (UTF-8 with a byte-order mark so spreadsheet programs read accents):

``date_time``  the post's date in the practice's time zone, ``YYYY-MM-DD HH:MM``
               (24-hour), rounded up to the next 5 minutes (Hootsuite's rule);
``platform``   our platform key (``x``, ``linkedin`` …);
``text``       the post text for that platform, ready to paste;
``link``       the post's address with the platform's UTM tags;
``image_url``  the platform's card image;
``title``      a title where the platform has one (Pinterest), else empty;
``guid``       the post's permanent id (to spot duplicates);
``media_urls`` every file of the row, one a line (a carousel's slides in order);
``alt_text``   the alt text of each file, one a line, in the same order.

Besides a row per platform, a post has a row per carousel, document and video
(``instagram-carousel``, ``tiktok-carousel``, ``linkedin-document``, ``video``) with
the text of the platform it goes out on.

Spreadsheet formula injection is neutralised: a cell that would start with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

CSV_COLUMNS = (
    "date_time",
    "platform",
    "text",
    "link",
    "image_url",
    "title",
    "guid",
    "media_urls",
    "alt_text",
)
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, kw_only=True)
class CardImage:
    """One rendered card as published."""

    platform: str  # the platform the image was made for (og for text platforms)
    path: str  # relative to the output folder
    url: str
    width: int
    height: int
    bytes: int | None  # the file's size; None while the card is still being drawn
    alt: str
    mime: str = "image/jpeg"

    @property
    def file_size(self) -> int:
        """``bytes``, for what needs it (feeds, exports): only once the card is drawn."""
        if self.bytes is None:
            raise ValueError(f"{self.path}: the card has not been drawn yet")
        return self.bytes


@dataclass(frozen=True, kw_only=True)
class PlatformEntry:
    """What one post gets on one platform."""

    platform: str
    text: str
    length: int
    limit: int
    counted_as: str
    link: str | None
    image: CardImage
    title: str | None = None


@dataclass(frozen=True, kw_only=True)
class MediaItem:
    """A carousel (its slides), the LinkedIn document or the video of one post."""

    output: str  # "instagram-carousel", "tiktok-carousel", "linkedin-document", "video"
    #: The platform whose text goes out with it.
    text_from: str
    files: Sequence[CardImage]


@dataclass(frozen=True, kw_only=True)
class MediaEntry:
    """A :class:`MediaItem` as exported: with the text it goes out with."""

    item: MediaItem
    text: str
    link: str | None


@dataclass(frozen=True, kw_only=True)
class PostExport:
    slug: str
    title: str
    url: str
    guid: str
    type: str
    date: datetime
    entries: Sequence[PlatformEntry]
    media: Sequence[MediaEntry] = ()


def neutralise(cell: str) -> str:
    """Make a cell safe to open in a spreadsheet (no formula execution)."""
    return f"'{cell}" if cell.startswith(_FORMULA_PREFIXES) else cell


def schedule_time(when: datetime, timezone: str) -> str:
    """Local ``YYYY-MM-DD HH:MM``, rounded up to a multiple of 5 minutes."""
    local = when.astimezone(ZoneInfo(timezone)).replace(second=0, microsecond=0)
    if when.astimezone(ZoneInfo(timezone)) > local:
        local += timedelta(minutes=1)
    local += timedelta(minutes=(-local.minute) % 5)
    return local.strftime("%Y-%m-%d %H:%M")


def syndication_json(posts: Sequence[PostExport], *, site_url: str) -> bytes:
    """The whole ``syndication.json`` (see :func:`syndication_json_chunks`)."""
    return b"".join(syndication_json_chunks(posts, site_url=site_url))


def syndication_json_chunks(posts: Sequence[PostExport], *, site_url: str) -> Iterator[bytes]:
    """``syndication.json`` a post at a time, so a big site's file is never whole in memory.

    One post per line: readable and diffable, and written by json's C encoder (an
    indented file takes its pure-Python path, several times slower on a big site)."""

    def image(card: CardImage) -> dict[str, Any]:
        return {
            "path": card.path,
            "url": card.url,
            "width": card.width,
            "height": card.height,
            "bytes": card.file_size,
            "type": card.mime,
            "alt": card.alt,
            "made_for": card.platform,
        }

    head = json.dumps({"site": site_url}, ensure_ascii=False)[:-1]
    yield f'{head}, "posts": [\n'.encode()
    for index, post in enumerate(posts):
        line = json.dumps(
            {
                "slug": post.slug,
                "title": post.title,
                "url": post.url,
                "guid": post.guid,
                "type": post.type,
                "date": post.date.isoformat(),
                "platforms": {
                    entry.platform: {
                        "text": entry.text,
                        "length": entry.length,
                        "limit": entry.limit,
                        "counted_as": entry.counted_as,
                        "link": entry.link,
                        "title": entry.title,
                        "image": image(entry.image),
                    }
                    for entry in post.entries
                },
                "media": {
                    media.item.output: {
                        "text_from": media.item.text_from,
                        "files": [image(file) for file in media.item.files],
                    }
                    for media in post.media
                },
            },
            ensure_ascii=False,
        )
        yield (f",\n{line}" if index else line).encode()
    yield b"\n]}\n"


def bulk_schedule_csv(posts: Sequence[PostExport], *, timezone: str) -> bytes:
    """The whole bulk-schedule CSV (see :func:`bulk_schedule_csv_chunks`)."""
    return b"".join(bulk_schedule_csv_chunks(posts, timezone=timezone))


def bulk_schedule_csv_chunks(posts: Sequence[PostExport], *, timezone: str) -> Iterator[bytes]:
    """The bulk-schedule CSV (UTF-8 with a byte-order mark, for Excel) a post at a time.

    Each row's cells in :data:`CSV_COLUMNS` order."""
    yield ("\ufeff" + _csv_row(CSV_COLUMNS)).encode("utf-8")
    for post in posts:
        when = schedule_time(post.date, timezone)
        rows = [
            (
                when,
                entry.platform,
                entry.text,
                entry.link or "",
                entry.image.url,
                entry.title or "",
                post.guid,
                entry.image.url,
                entry.image.alt,
            )
            for entry in post.entries
        ]
        for media in post.media:
            files = media.item.files
            rows.append(
                (
                    when,
                    media.item.output,
                    media.text,
                    media.link or "",
                    files[0].url,
                    "",
                    post.guid,
                    "\n".join(file.url for file in files),
                    "\n".join(file.alt.replace("\n", " ") for file in files),
                )
            )
        yield "".join(map(_csv_row, rows)).encode("utf-8")


def _csv_row(cells: Sequence[str]) -> str:
    """One row, neutralised, as ``csv.writer(quoting=QUOTE_ALL, lineterminator="\\r\\n")``
    writes it (every cell quoted, a quote doubled), by ``str.join`` rather than the csv
    module's loop over every character."""
    return '"' + '","'.join(neutralise(cell).replace('"', '""') for cell in cells) + '"\r\n'
