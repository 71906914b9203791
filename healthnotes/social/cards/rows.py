"""JPEG files put together from rows encoded apart (restart markers), so rows that many
cards share are encoded once.

A baseline JPEG with a restart marker after every row of MCUs (16 pixel rows at 4:2:0)
codes each such row on its own: the DC predictions start again after every marker, and
each row's bits end on a byte. A row's coded bytes then depend only on its own pixels,
its width, the quality and the (standard) Huffman tables: they are the scan of a JPEG of
that row alone. So a card whose rows are mostly the plain background of its layout
encodes only the rows its text touches, and takes the others from the background's rows
encoded once (:func:`coded`, :func:`assemble`).

The decoded pixels are those of the same encoder (libjpeg-turbo through simplejpeg, 4:2:0,
standard tables) encoding the whole picture at once: the markers change how the bits are
laid out, not what they code. They add two bytes and at most one byte of padding a row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import numpy as np
import simplejpeg

#: Pixel rows in a row of MCUs at 4:2:0 (the rows coded apart).
ROW = 16
SOS, SOF0, EOI = 0xDA, 0xC0, b"\xff\xd9"
#: Restart markers RST0-RST7, used in turn.
RESTARTS = tuple(bytes((0xFF, 0xD0 + n)) for n in range(8))


def encode(pixels: np.ndarray, quality: int) -> bytes:
    """Baseline JPEG, standard Huffman tables, 4:2:0, no metadata (libjpeg-turbo through
    simplejpeg): the one encoder of cards and slides, whose coded rows this module puts
    together."""
    return simplejpeg.encode_jpeg(
        np.ascontiguousarray(pixels), quality=quality, colorspace="RGB", colorsubsampling="420"
    )


def _split(jpeg: bytes) -> tuple[bytes, bytes]:
    """(everything up to the scan's data, the scan's data) of one of simplejpeg's files."""
    at = 2  # after SOI
    while True:
        marker, length = jpeg[at + 1], int.from_bytes(jpeg[at + 2 : at + 4], "big")
        at += 2 + length
        if marker == SOS:
            if not jpeg.endswith(EOI):
                raise ValueError("a JPEG without its end marker")
            return jpeg[:at], jpeg[at:-2]


def row_data(strip: np.ndarray, quality: int) -> bytes:
    """The coded bytes of one row of MCUs (an (h, w, 3) uint8 array, h <= :data:`ROW`)."""
    return _split(encode(strip, quality))[1]


def row_count(height: int) -> int:
    return -(-height // ROW)


def coded(pixels: np.ndarray, quality: int) -> tuple[bytes, ...]:
    """The coded bytes of every row of MCUs of ``pixels``."""
    return tuple(
        row_data(pixels[row * ROW : (row + 1) * ROW], quality)
        for row in range(row_count(pixels.shape[0]))
    )


def touched(top: int, bottom: int, height: int) -> range:
    """The rows of MCUs that pixel rows ``top`` to ``bottom`` (exclusive) touch, within
    a picture ``height`` pixels high."""
    top, bottom = max(0, top), min(height, bottom)
    if bottom <= top:
        return range(0)
    return range(top // ROW, (bottom - 1) // ROW + 1)


def _runs(numbers: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Runs of consecutive ``numbers`` (sorted, no repeats) as (first, last + 1)."""
    start = previous = -2
    for number in numbers:
        if number != previous + 1:
            if start >= 0:
                yield start, previous + 1
            start = number
        previous = number
    if start >= 0:
        yield start, previous + 1


def redrawn(
    head: bytes,
    base: Sequence[bytes],
    dirty: Iterable[int],
    strip: Callable[[int, int], np.ndarray],
    quality: int,
    known: Mapping[int, bytes] | None = None,
) -> bytes:
    """A JPEG of ``base`` (every row of a picture, coded) with the ``known`` rows in
    place of its own and the ``dirty`` rows coded again from ``strip(top, bottom)``: the
    picture's pixel rows ``top`` to ``bottom`` as they are to be (called once per run of
    consecutive dirty rows)."""
    out = list(base)
    for row, data in (known or {}).items():
        out[row] = data
    for first, last in _runs(sorted(set(dirty))):
        pixels = strip(first * ROW, last * ROW)
        for row in range(first, last):
            at = (row - first) * ROW
            out[row] = row_data(pixels[at : at + ROW], quality)
    return assemble(head, out)


@lru_cache(maxsize=32)
def header(width: int, height: int, quality: int) -> bytes:
    """SOI to the scan header of a ``width`` x ``height`` picture at ``quality`` with a
    restart marker after every row of MCUs (simplejpeg's own header, its height set and
    a restart interval added)."""
    head, _ = _split(encode(np.zeros((ROW, width, 3), np.uint8), quality))
    out = bytearray()
    at = 2
    out += head[:2]
    while at < len(head):
        marker, length = head[at + 1], int.from_bytes(head[at + 2 : at + 4], "big")
        segment = bytearray(head[at : at + 2 + length])
        if marker == SOF0:  # precision (1 byte), then the height (2 bytes)
            segment[5:7] = height.to_bytes(2, "big")
        if marker == SOS:
            interval = -(-width // ROW)  # MCUs in a row
            out += b"\xff\xdd\x00\x04" + interval.to_bytes(2, "big")  # DRI
        out += segment
        at += 2 + length
    return bytes(out)


def assemble(head: bytes, rows: Sequence[bytes]) -> bytes:
    """A JPEG file: ``head`` (:func:`header`), then each row's coded bytes, a restart
    marker between each two."""
    parts = [head]
    last = len(rows) - 1
    for number, data in enumerate(rows):
        parts.append(data)
        if number != last:
            parts.append(RESTARTS[number % 8])
    parts.append(EOI)
    return b"".join(parts)
