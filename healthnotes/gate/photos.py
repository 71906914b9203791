"""Pictures before publishing: private metadata out, faces need a consent record.

Metadata
--------
Phones and cameras write where and when a picture was taken (GPS, dates),
who took it (Artist, CameraOwnerName), the camera's serial numbers, editing
history (XMP), captions (IPTC, comments) and small previews of the original,
uncropped picture (thumbnails, extra images after the end of the file).
:func:`strip_metadata` removes all of it; :func:`metadata_report` lists
what a picture carries, for the build report.

Stripping is *lossless*: the file is rewritten block by block and the
compressed pixels are copied byte for byte, never decoded and re-encoded.
What is kept is a short allow-list of what changes how the picture looks:

* JPEG: every segment that is not metadata (quantization and Huffman tables,
  frame and scan headers, the scan data), plus the JFIF header (without its
  thumbnail), the ICC colour profile (``APP2 ICC_PROFILE``) and the Adobe
  colour-transform marker (``APP14 Adobe``, cut to its 12 bytes). Dropped: ``APP1`` (EXIF and
  XMP), ``APP13`` (Photoshop/IPTC), every other ``APPn`` (``APP2 MPF``
  multi-picture index, maker data), comments (``COM``), reserved markers
  (``JPG0``-``JPG13``, which a reader skips and so can hold anything), and anything after
  the end-of-image marker (the other pictures of a multi-picture "MPO" file
  such as depth maps and HDR gain maps, motion-photo videos).
* PNG: an allowlist of chunks: the image (IHDR, PLTE, IDAT, IEND),
  transparency, colour (cHRM, gAMA, iCCP, sRGB, sBIT, cICP, mDCV, cLLI),
  background, physical size and animation chunks (an iCCP profile renamed "ICC
  Profile": its name is free text). Dropped: text (tEXt, zTXt,
  iTXt, which also carry XMP), eXIf, tIME and every other chunk, known or
  not (also an unknown "critical" one, which can carry anything), and
  anything after IEND.
* WebP: the image, alpha, animation and ICCP chunks; EXIF and XMP chunks are
  dropped (and their flags cleared in the VP8X header).

Orientation: a camera that was held sideways stores the picture sideways and
says so in the EXIF ``Orientation`` tag. Dropping EXIF would show such a
picture sideways, so when that tag is not 1 the pixels are turned upright
(the turn Pillow's :func:`~PIL.ImageOps.exif_transpose` makes) and the
picture is encoded again: JPEG at quality 95 with the original chroma
subsampling and progressive mode, lossy WebP at quality 95, lossless WebP and
PNG losslessly. That is the only case where pixels are re-encoded; it also
means every consumer (browsers, e-mail clients, the card renderer) shows the
picture the same way. Animated WebP and PNG are never re-encoded: their
metadata is removed, their orientation tag with it.

Only JPEG, PNG and WebP are supported; anything else raises :class:`ValueError`.
Other picture files are not published at all (:data:`REFUSED_PICTURES`): SVG can
carry scripts and links, and TIFF, GIF, HEIC and the rest carry metadata this
module does not remove.

Faces
-----
A full-face photograph is a HIPAA identifier (Safe Harbor item Q): a patient
shown in a post needs a signed authorization (45 CFR 164.508). :func:`detect_faces`
counts frontal faces offline with OpenCV's bundled Haar cascade
``haarcascade_frontalface_alt2.xml``. Parameters and why (measured with
opencv-python-headless 4.14 on the project's illustrations, scikit-image's
sample photos and 100 LFW faces / 100 LFW non-faces):

* the picture is turned upright (EXIF orientation) and made greyscale;
  transparent areas become white;
* pictures larger than :data:`MAX_SIDE` (1280 px) are scaled down first: a
  1600x1000 hero image takes about half a second;
* ``scaleFactor`` 1.1, ``minNeighbors`` 5, smallest face 3 % of the shorter
  side (at least 24 px after scaling): at 1600x1000 that finds faces from
  about 30 px wide;
* ``alt2`` rather than ``default``: on the same pictures ``default`` found
  "faces" in a photo of the moon, a retina scan and coffee foam, ``alt2``
  in none of them, with the same recall (98 of 100 LFW faces, 0 of 100
  non-faces; 0 in the flat illustrations);
* overlapping detections of one face are counted once.

It finds upright, roughly frontal faces. It misses profiles, faces turned
away or partly hidden, and pictures stored sideways without an EXIF
orientation. It is a safety net, not a guarantee: a person still decides
whether a picture shows a patient.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, JpegImagePlugin, UnidentifiedImageError

from healthnotes.content.html_text import shorten
from healthnotes.errors import Problem

if TYPE_CHECKING:  # OpenCV and NumPy are imported on first face detection only
    import cv2
    import numpy as np

#: Pictures are scaled down to at most this many pixels on their longer side.
MAX_SIDE = 1280
#: Haar cascade shipped inside opencv-python-headless (``cv2.data.haarcascades``).
CASCADE_FILE = "haarcascade_frontalface_alt2.xml"
SCALE_FACTOR = 1.1
MIN_NEIGHBORS = 5
#: Smallest face searched for, as a share of the (scaled) shorter side ...
MIN_FACE_FRACTION = 0.03
#: ... and in pixels (the cascade's window is 20x20).
MIN_FACE_PIXELS = 24
#: JPEG quality used only when a rotated picture has to be re-encoded.
JPEG_QUALITY = 95
WEBP_QUALITY = 95
#: Example of a consent record id, shown in problem messages.
CONSENT_EXAMPLE = "AUTH-2026-014"

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


#: File names of the pictures :func:`strip_metadata` cleans (JPEG's other names too).
STRIPPED_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp")

_EXPORT = "export it as JPEG (a photo) or PNG (a drawing, a screenshot) and link that instead"
#: Picture formats never published, and why (the message says how to fix it).
REFUSED_PICTURES: Mapping[str, str] = MappingProxyType(
    {
        ".svg": "an SVG drawing can carry scripts and links that run in the patient's "
        "browser; export it as PNG (Inkscape: File > Export; Illustrator: Export As > PNG) "
        "and link that instead",
        ".svgz": "a compressed SVG drawing can carry scripts and links; export it as PNG "
        "and link that instead",
        ".gif": f"GIF comments and extensions can carry hidden text; {_EXPORT}",
        ".tif": f"TIFF carries camera and GPS metadata the build cannot remove; {_EXPORT}",
        ".tiff": f"TIFF carries camera and GPS metadata the build cannot remove; {_EXPORT}",
        ".bmp": f"BMP is not a web picture; {_EXPORT}",
        ".heic": f"HEIC carries camera and GPS metadata the build cannot remove; {_EXPORT}",
        ".heif": f"HEIF carries camera and GPS metadata the build cannot remove; {_EXPORT}",
        ".avif": f"AVIF metadata cannot be removed by the build; {_EXPORT}",
        ".jxl": f"JPEG XL metadata cannot be removed by the build; {_EXPORT}",
        ".jp2": f"JPEG 2000 metadata cannot be removed by the build; {_EXPORT}",
        ".psd": f"a Photoshop file carries its layers and editing history; {_EXPORT}",
        ".ico": f"an icon file is not a picture for a page; {_EXPORT}",
    }
)


_UNPACK = (
    "the safety gate cannot read inside it; publish what it holds instead (a handout as "
    "PDF, a picture as JPEG or PNG)"
)
#: Other files never published: the safety gate cannot read what is inside them.
REFUSED_FILES: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar", ".zst", ".lz"),
            f"a compressed archive: {_UNPACK}",
        ),
        **dict.fromkeys(
            (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".pages", ".key", ".numbers"),
            f"an office document is a compressed archive: {_UNPACK}",
        ),
        **dict.fromkeys(
            (".doc", ".xls", ".ppt", ".rtf"),
            "an office document carries its author, comments and earlier versions; export "
            "it as PDF and link that instead",
        ),
    }
)


def refused_picture(name: str) -> str | None:
    """Why a published file called ``name`` may not be published: a picture of a kind
    whose metadata cannot be removed, or a file the safety gate cannot read inside."""
    suffix = PurePosixPath(name.lower()).suffix
    return REFUSED_PICTURES.get(suffix) or REFUSED_FILES.get(suffix)


def image_format(data: bytes) -> str | None:
    """``"JPEG"``, ``"PNG"`` or ``"WEBP"`` from the first bytes, else ``None``."""
    if data.startswith(_JPEG_MAGIC):
        return "JPEG"
    if data.startswith(_PNG_MAGIC):
        return "PNG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


# ---------------------------------------------------------------------------
# What a file carries: one parse per format, used by strip and report alike
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    """A picture split into what is kept and the metadata that is dropped."""

    kept: bytes  # the file without its metadata
    exif: bytes | None = None  # the EXIF (TIFF) block, without "Exif\0\0"
    xmp: int = 0  # bytes of XMP packets
    iptc: int = 0  # bytes of Photoshop / IPTC records
    comments: tuple[str, ...] = ()
    thumbnails: int = 0  # JFIF / JFXX thumbnails (EXIF's own is found in ``exif``)
    trailer: int = 0  # bytes after the end of the image
    other: tuple[str, ...] = ()  # names of other dropped blocks


def _parse(data: bytes) -> _Parsed:
    kind = image_format(data)
    if kind == "JPEG":
        return _parse_jpeg(data)
    if kind == "PNG":
        return _parse_png(data)
    if kind == "WEBP":
        return _parse_webp(data)
    raise ValueError("not a JPEG, PNG or WebP picture: convert it to one of those formats")


# -- JPEG -------------------------------------------------------------------

_SOS, _EOI, _COM = 0xDA, 0xD9, 0xFE
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-7: no length field
_EXIF_ID = b"Exif\x00\x00"
#: APPn segments that change how the picture looks: ICC profile, Adobe colour transform.
_KEPT_APP = frozenset({(0xE2, b"ICC_PROFILE\x00"), (0xEE, b"Adobe")})
_XMP_IDS = (b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xmp/extension/\x00")
#: The Adobe segment's fixed fields: "Adobe", version, two flag words, the transform.
_ADOBE_LENGTH = 12
#: Markers that make the picture (frames, tables, restart interval, scans, end, and the
#: standalone TEM and RST0-7); anything else that is not an APPn is dropped.
_JPEG_STRUCTURE = frozenset(
    {*range(0xC0, 0xC8), *range(0xC9, 0xD0), *range(0xD0, 0xD8), 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0x01}
)


@dataclass(frozen=True)
class _Segment:
    marker: int
    start: int  # offset of the 0xFF that starts the marker
    end: int  # offset after the segment (for SOS: after its entropy-coded data)
    payload: bytes  # data after the length field


def _scan_end(data: bytes, pos: int) -> int:
    """Offset of the marker that ends entropy-coded data starting at ``pos``."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)  # truncated picture: keep what there is
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed byte, restart marker
            pos += 2
        elif following == 0xFF:  # fill byte before a marker
            pos += 1
        else:
            return pos


def _jpeg_segments(data: bytes) -> tuple[list[_Segment], int]:
    """The segments after SOI, and the offset just after EOI (or the end)."""
    segments: list[_Segment] = []
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise ValueError(f"broken JPEG: no marker at byte {pos}")
        start = pos
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            break
        marker = data[pos]
        pos += 1
        if marker == _EOI:
            segments.append(_Segment(marker, start, pos, b""))
            return segments, pos
        if marker in _STANDALONE:
            segments.append(_Segment(marker, start, pos, b""))
            continue
        if marker in (0x00, 0xD8) or pos + 2 > len(data):
            raise ValueError(f"broken JPEG: unexpected marker 0x{marker:02X} at byte {start}")
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > len(data):
            raise ValueError(f"broken JPEG: segment 0x{marker:02X} at byte {start} is cut off")
        payload = data[pos + 2 : pos + length]
        pos += length
        if marker == _SOS:
            pos = _scan_end(data, pos)
        segments.append(_Segment(marker, start, pos, payload))
    return segments, len(data)


def _jfif_without_thumbnail(payload: bytes) -> bytes:
    """The APP0 JFIF segment with its thumbnail (if any) removed."""
    header = payload[:12] + b"\x00\x00"  # identifier, version, units, density; no thumbnail
    return b"\xff\xe0" + struct.pack(">H", len(header) + 2) + header


def _parse_jpeg(data: bytes) -> _Parsed:
    segments, end = _jpeg_segments(data)
    out = [data[:2]]
    exif: bytes | None = None
    xmp = iptc = thumbnails = 0
    comments: list[str] = []
    other: list[str] = []
    for seg in segments:
        raw = data[seg.start : seg.end]
        marker, payload = seg.marker, seg.payload
        if marker == 0xE0 and payload.startswith(b"JFIF\x00") and len(payload) >= 12:
            if len(payload) > 14 or payload[12:14] != b"\x00\x00":
                thumbnails += 1
                raw = _jfif_without_thumbnail(payload)
            out.append(raw)
        elif (marker, payload[:12]) in _KEPT_APP:
            out.append(raw)
        elif (marker, payload[:5]) in _KEPT_APP:  # Adobe: its 12 bytes, never more
            if len(payload) > _ADOBE_LENGTH:
                other.append("APP14 Adobe's extra bytes")
                raw = b"\xff\xee" + struct.pack(">H", _ADOBE_LENGTH + 2) + payload[:_ADOBE_LENGTH]
            out.append(raw)
        elif marker == 0xE1 and payload.startswith(_EXIF_ID):
            exif = exif or payload[len(_EXIF_ID) :]
        elif marker == 0xE1 and payload.startswith(_XMP_IDS):
            xmp += len(payload)
        elif marker == 0xED:
            iptc += len(payload)
        elif marker == _COM:
            comments.append(payload.decode("utf-8", "replace").strip("\x00 "))
        elif marker == 0xE0 and payload.startswith(b"JFXX\x00"):
            thumbnails += 1
        elif 0xE0 <= marker <= 0xEF:
            ident = payload[:16].split(b"\x00", 1)[0].decode("ascii", "replace").strip()
            other.append(f"APP{marker - 0xE0}" + (f" {ident}" if ident.isprintable() else ""))
        elif marker in _JPEG_STRUCTURE:
            out.append(raw)
        else:  # a reserved marker (JPG0-13, JPG, a DHP/EXP of no use here): can hold anything
            other.append(f"JPEG marker 0x{marker:02X}")
    return _Parsed(
        kept=b"".join(out),
        exif=exif,
        xmp=xmp,
        iptc=iptc,
        comments=tuple(comments),
        thumbnails=thumbnails,
        trailer=len(data) - end,
        other=tuple(other),
    )


# -- PNG --------------------------------------------------------------------

#: Colour and size chunks: kept, and copied over when a rotated PNG is re-encoded.
_PNG_COLOUR = frozenset({b"cHRM", b"gAMA", b"iCCP", b"sRGB", b"cICP", b"mDCV", b"cLLI", b"pHYs"})
#: Every chunk kept (an allowlist: the image, its colour, transparency and animation,
#: all fixed-format numbers); any other chunk, known or not, critical or not, is dropped.
_PNG_KEEP = _PNG_COLOUR | {
    *(b"IHDR", b"PLTE", b"IDAT", b"IEND"),
    *(b"tRNS", b"sBIT", b"bKGD", b"acTL", b"fcTL", b"fdAT"),
}


#: The name every kept colour profile is given (the name is free text: it could say
#: anything); Pillow's own, so that a PNG Pillow wrote stays as it is.
_ICCP_NAME = b"ICC Profile"


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """``(type, start, end)`` of each chunk up to and including IEND."""
    pos = len(_PNG_MAGIC)
    while pos + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            break
        yield kind, pos, end
        if kind == b"IEND":
            return
        pos = end
    raise ValueError("broken PNG: it ends before its IEND chunk")


def _parse_png(data: bytes) -> _Parsed:
    out = [_PNG_MAGIC]
    exif: bytes | None = None
    xmp = 0
    comments: list[str] = []
    other: list[str] = []
    end = len(_PNG_MAGIC)
    for kind, start, end in _png_chunks(data):
        body = data[start + 8 : end - 4]
        if kind == b"iCCP":
            _, _, profile = body.partition(b"\x00")  # its name: free text of 1-79 bytes
            out.append(_png_chunk(b"iCCP", _ICCP_NAME + b"\x00" + profile))
        elif kind in _PNG_KEEP:
            out.append(data[start:end])
        elif kind == b"eXIf":
            exif = exif or body.removeprefix(_EXIF_ID)
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            keyword = body.split(b"\x00", 1)[0].decode("latin-1")
            if keyword == "XML:com.adobe.xmp":
                xmp += len(body)
            else:
                comments.append(_png_text(kind, body))
        else:
            other.append(f"PNG {kind.decode('latin-1')}")
    return _Parsed(
        kept=b"".join(out),
        exif=exif,
        xmp=xmp,
        comments=tuple(comments),
        trailer=len(data) - end,
        other=tuple(other),
    )


def _png_text(kind: bytes, body: bytes) -> str:
    """``keyword: text`` of a PNG text chunk (compressed text is only named)."""
    keyword, _, rest = body.partition(b"\x00")
    name = keyword.decode("latin-1")
    if kind == b"tEXt":
        return f"{name}: {rest.decode('latin-1')}"
    if kind == b"iTXt" and rest[:1] == b"\x00":  # uncompressed international text
        parts = rest[2:].split(b"\x00", 2)
        if len(parts) == 3:
            return f"{name}: {parts[2].decode('utf-8', 'replace')}"
    return f"{name}: (compressed text)"


# -- WebP -------------------------------------------------------------------

_WEBP_KEEP = frozenset({b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L"})
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def _webp_chunks(data: bytes) -> tuple[list[tuple[bytes, int, int]], int]:
    """``(fourcc, start, end)`` of each chunk, and where the RIFF container ends."""
    (size,) = struct.unpack("<I", data[4:8])
    riff_end = 8 + size
    if riff_end > len(data) or size < 4:
        raise ValueError("broken WebP: the file is shorter than its RIFF header says")
    chunks: list[tuple[bytes, int, int]] = []
    pos = 12
    while pos + 8 <= riff_end:
        fourcc = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        end = pos + 8 + length
        if end > riff_end:
            raise ValueError(f"broken WebP: chunk {fourcc!r} is cut off")
        end = min(end + (length & 1), riff_end)  # chunks are padded to an even size
        chunks.append((fourcc, pos, end))
        pos = end
    return chunks, riff_end


def _parse_webp(data: bytes) -> _Parsed:
    chunks, riff_end = _webp_chunks(data)
    body: list[bytes] = []
    exif: bytes | None = None
    xmp = 0
    other: list[str] = []
    for fourcc, start, end in chunks:
        payload = data[start + 8 : end]
        if fourcc == b"VP8X" and len(payload) >= 10:
            flags = payload[0] & ~(_VP8X_EXIF | _VP8X_XMP)
            body.append(data[start : start + 8] + bytes([flags]) + payload[1:])
        elif fourcc in _WEBP_KEEP:
            body.append(data[start:end])
        elif fourcc == b"EXIF":
            (length,) = struct.unpack("<I", data[start + 4 : start + 8])
            exif = exif or data[start + 8 : start + 8 + length].removeprefix(_EXIF_ID)
        elif fourcc == b"XMP ":
            xmp += end - start - 8
        else:
            other.append(f"WebP {fourcc.decode('latin-1').strip()}")
    content = b"WEBP" + b"".join(body)
    return _Parsed(
        kept=b"RIFF" + struct.pack("<I", len(content)) + content,
        exif=exif,
        xmp=xmp,
        trailer=len(data) - riff_end,
        other=tuple(other),
    )


# ---------------------------------------------------------------------------
# EXIF contents
# ---------------------------------------------------------------------------

_IFD0, _EXIF_IFD, _GPS_IFD, _IFD1 = 0, 0x8769, 0x8825, -1
_ORIENTATION = 0x0112
_MAKER_NOTE = 0x927C
_USER_COMMENT = 0x9286
#: (IFD, tag, name) of the EXIF fields the report names: who, when, which camera.
SENSITIVE_TAGS: tuple[tuple[int, int, str], ...] = (
    (_EXIF_IFD, 0x9003, "DateTimeOriginal"),
    (_EXIF_IFD, 0x9004, "DateTimeDigitized"),
    (_IFD0, 0x0132, "DateTime"),
    (_IFD0, 0x013B, "Artist"),
    (_EXIF_IFD, 0xA430, "CameraOwnerName"),
    (_IFD0, 0x8298, "Copyright"),
    (_IFD0, 0x9C9D, "XPAuthor"),
    (_IFD0, 0x010E, "ImageDescription"),
    (_IFD0, 0x9C9B, "XPTitle"),
    (_IFD0, 0x9C9C, "XPComment"),
    (_IFD0, 0x9C9F, "XPSubject"),
    (_IFD0, 0x9C9E, "XPKeywords"),
    (_EXIF_IFD, _USER_COMMENT, "UserComment"),
    (_IFD0, 0x010F, "Make"),
    (_IFD0, 0x0110, "Model"),
    (_EXIF_IFD, 0xA431, "BodySerialNumber"),
    (_EXIF_IFD, 0xA433, "LensMake"),
    (_EXIF_IFD, 0xA434, "LensModel"),
    (_EXIF_IFD, 0xA435, "LensSerialNumber"),
    (_EXIF_IFD, 0xA420, "ImageUniqueID"),
    (_IFD0, 0x013C, "HostComputer"),
)
_VALUE_LIMIT = 60


def _load_exif(block: bytes) -> Image.Exif | None:
    exif = Image.Exif()
    try:
        exif.load(block)
    except (SyntaxError, ValueError, struct.error, OSError, KeyError, IndexError, TypeError):
        return None
    return exif


def _ifd(exif: Image.Exif, ifd: int) -> dict[int, object]:
    if ifd == _IFD0:
        return dict(exif)
    try:
        return dict(exif.get_ifd(ifd))
    except (SyntaxError, ValueError, struct.error, OSError, KeyError, IndexError, TypeError):
        return {}


def _show(tag: int, value: object) -> str:
    """A tag value as short text for the report."""
    if isinstance(value, bytes):
        if 0x9C9B <= tag <= 0x9C9F:  # Windows XP tags: UTF-16LE
            text = value.decode("utf-16-le", "replace")
        elif tag == _USER_COMMENT:  # 8-byte character code, then the text
            encoding = "utf-16-le" if value[:8].startswith(b"UNICODE") else "latin-1"
            text = value[8:].decode(encoding, "replace")
        else:
            return f"{len(value)} bytes"
        value = text.strip("\x00 ")
    return shorten(str(value), _VALUE_LIMIT)


def _gps_text(gps: dict[int, object]) -> str:
    """``"38.88972, -77.00306"`` when latitude and longitude are readable, else ``"present"``."""

    def degrees(ref_tag: int, value_tag: int, negative: str) -> float:
        d, m, s = (float(part) for part in gps[value_tag])  # type: ignore[attr-defined]
        sign = -1 if str(gps.get(ref_tag, "")).upper().startswith(negative) else 1
        return sign * (d + m / 60 + s / 3600)

    try:
        return f"{degrees(1, 2, 'S'):.5f}, {degrees(3, 4, 'W'):.5f}"
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return "present"


def _orientation(block: bytes | None) -> int:
    exif = _load_exif(block) if block else None
    value = exif.get(_ORIENTATION, 1) if exif is not None else 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


# ---------------------------------------------------------------------------
# Public API: metadata
# ---------------------------------------------------------------------------


def metadata_report(data: bytes) -> dict[str, str]:
    """What private metadata a picture carries, by name; empty when it carries none.

    Keys, in order, when present: ``GPS`` (latitude, longitude), the fields
    of :data:`SENSITIVE_TAGS` (dates, people, camera and serial numbers),
    ``MakerNote``, ``Thumbnail``, ``EXIF`` (any EXIF block, with its size),
    ``XMP``, ``IPTC``, ``Comment``, ``Trailing data`` and ``Other``.
    ``metadata_report(strip_metadata(data))`` is always ``{}``.
    Raises :class:`ValueError` for anything but JPEG, PNG or WebP.
    """
    parsed = _parse(data)
    report: dict[str, str] = {}
    thumbnails = parsed.thumbnails
    if parsed.exif is not None:
        exif = _load_exif(parsed.exif)
        if exif is not None:
            gps = _ifd(exif, _GPS_IFD)
            if gps:
                report["GPS"] = _gps_text(gps)
            ifds = {ifd: _ifd(exif, ifd) for ifd in (_IFD0, _EXIF_IFD)}
            for ifd, tag, name in SENSITIVE_TAGS:
                value = ifds[ifd].get(tag)
                if value not in (None, "", b""):
                    report[name] = _show(tag, value)
            maker_note = ifds[_EXIF_IFD].get(_MAKER_NOTE)
            if isinstance(maker_note, bytes) and maker_note:
                report["MakerNote"] = f"present ({len(maker_note)} bytes)"
            thumbnails += bool(_ifd(exif, _IFD1))
        report["EXIF"] = f"present ({len(parsed.exif)} bytes)"
    if thumbnails:
        report["Thumbnail"] = f"{thumbnails} embedded preview picture{'s' * (thumbnails > 1)}"
    if parsed.xmp:
        report["XMP"] = f"present ({parsed.xmp} bytes)"
    if parsed.iptc:
        report["IPTC"] = f"present ({parsed.iptc} bytes)"
    if parsed.comments:
        report["Comment"] = shorten("; ".join(parsed.comments), _VALUE_LIMIT)
    if parsed.trailer:
        report["Trailing data"] = (
            f"{parsed.trailer} bytes after the end of the picture "
            "(often a second picture or a motion-photo video)"
        )
    if parsed.other:
        report["Other"] = ", ".join(parsed.other)
    return report


def kept_profiles(data: bytes) -> list[bytes]:
    """The colour profiles a JPEG, PNG or WebP keeps once stripped (the ICC profile is
    kept: it changes how the picture looks), for the published scan to read their
    descriptions and copyright lines, which are free text. Empty for another file, or
    one too broken to parse."""
    kind = image_format(data)
    try:
        if kind == "JPEG":
            segments, _ = _jpeg_segments(data)
            return [
                seg.payload[14:]
                for seg in segments
                if seg.marker == 0xE2 and seg.payload.startswith(b"ICC_PROFILE\x00")
            ]
        if kind == "PNG":
            profiles = []
            for kind, start, end in _png_chunks(data):
                if kind == b"iCCP":
                    _, _, packed = data[start + 8 : end - 4].partition(b"\x00")
                    profiles.append(zlib.decompressobj().decompress(packed[1:], 1 << 22))
            return profiles
        if kind == "WEBP":
            chunks, _ = _webp_chunks(data)
            return [data[start + 8 : end] for fourcc, start, end in chunks if fourcc == b"ICCP"]
    except (ValueError, struct.error, zlib.error):
        return []
    return []


def strip_metadata(data: bytes) -> bytes:
    """The picture without any metadata, looking the same (see the module docstring).

    Lossless: compressed pixels are copied unchanged, except for a picture
    whose EXIF orientation is not 1, which is turned upright and re-encoded.
    Of a multi-picture JPEG (MPO: phones' depth maps, HDR gain maps) only the
    first picture is kept. Raises :class:`ValueError` for anything but JPEG,
    PNG or WebP, and for a file too broken to parse.
    """
    parsed = _parse(data)
    turn = _UPRIGHT.get(_orientation(parsed.exif))
    if turn is None:
        return parsed.kept
    upright = _turned(parsed.kept, turn)
    return parsed.kept if upright is None else _parse(upright).kept


T = Image.Transpose
#: EXIF orientation -> the turn that shows the picture upright (as Pillow's exif_transpose).
_UPRIGHT = {
    2: T.FLIP_LEFT_RIGHT,
    3: T.ROTATE_180,
    4: T.FLIP_TOP_BOTTOM,
    5: T.TRANSPOSE,
    6: T.ROTATE_270,
    7: T.TRANSVERSE,
    8: T.ROTATE_90,
}
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError)


def _turned(clean: bytes, turn: Image.Transpose) -> bytes | None:
    """``clean`` (already without metadata) turned and re-encoded; ``None`` if animated."""
    try:
        with Image.open(io.BytesIO(clean)) as image:
            if getattr(image, "n_frames", 1) > 1:
                return None
            kind = image.format or ""
            upright = image.transpose(turn)
            options: dict[str, object] = {"icc_profile": image.info.get("icc_profile")}
            if kind == "JPEG":
                sampling = JpegImagePlugin.get_sampling(image)
                options |= {
                    "quality": JPEG_QUALITY,
                    "subsampling": sampling if sampling != -1 else 0,
                    "progressive": bool(image.info.get("progressive")),
                    "optimize": True,
                }
            elif kind == "WEBP":
                lossless = any(chunk == b"VP8L" for chunk, _, _ in _webp_chunks(clean)[0])
                quality = 100 if lossless else WEBP_QUALITY
                options |= {"lossless": lossless, "quality": quality, "exact": True}
            buffer = io.BytesIO()
            upright.save(buffer, kind, **options)
    except _UNREADABLE as error:
        raise ValueError(f"cannot turn the picture upright: {error}") from error
    encoded = buffer.getvalue()
    return _with_png_colour(encoded, clean) if kind == "PNG" else encoded


def _with_png_colour(encoded: bytes, original: bytes) -> bytes:
    """``encoded`` with the colour and size chunks of ``original`` (Pillow drops some)."""
    colour = [original[s:e] for kind, s, e in _png_chunks(original) if kind in _PNG_COLOUR]
    chunks = list(_png_chunks(encoded))
    ihdr_end = chunks[0][2]
    rest = [encoded[s:e] for kind, s, e in chunks[1:] if kind not in _PNG_COLOUR]
    return b"".join([encoded[:ihdr_end], *colour, *rest])


# ---------------------------------------------------------------------------
# Public API: faces
# ---------------------------------------------------------------------------


@cache
def _cascade() -> cv2.CascadeClassifier:
    import cv2

    path = Path(cv2.data.haarcascades) / CASCADE_FILE
    cascade = cv2.CascadeClassifier(str(path))
    if cascade.empty():
        raise RuntimeError(f"OpenCV could not load its face model {path}")
    return cascade


def _grayscale(data: bytes) -> np.ndarray:
    import cv2
    import numpy as np

    """The picture upright, in 8-bit grey, at most :data:`MAX_SIDE` on its longer side."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format == "JPEG":
                image.draft("L", (MAX_SIDE, MAX_SIDE))  # decode at 1/2, 1/4 or 1/8: faster
            upright = ImageOps.exif_transpose(image)
    except _UNREADABLE as error:
        raise ValueError(f"cannot read the picture: {error}") from error
    if upright.mode in ("I", "F") or upright.mode.startswith("I;16"):
        values = np.asarray(upright, dtype=np.float64)
        top = values.max() or 1.0
        grey = np.clip(values * (255.0 / top), 0, 255).astype(np.uint8)
    else:
        if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
            rgba = upright.convert("RGBA")
            upright = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
        grey = np.asarray(upright.convert("L"))
    height, width = grey.shape
    scale = MAX_SIDE / max(height, width)
    if scale < 1:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    return grey


def _distinct(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Drop boxes whose centre lies inside a larger box already kept (one face, twice)."""
    kept: list[tuple[int, int, int, int]] = []
    for x, y, w, h in sorted(boxes, key=lambda b: b[2] * b[3], reverse=True):
        cx, cy = x + w / 2, y + h / 2
        if not any(kx <= cx <= kx + kw and ky <= cy <= ky + kh for kx, ky, kw, kh in kept):
            kept.append((x, y, w, h))
    return kept


def detect_faces(data: bytes) -> int:
    """How many upright frontal faces the picture shows (offline; see the module docstring).

    Raises :class:`ValueError` when the bytes are not a picture Pillow can read.
    """
    grey = _grayscale(data)
    smallest = max(MIN_FACE_PIXELS, round(MIN_FACE_FRACTION * min(grey.shape)))
    if min(grey.shape) < smallest:
        return 0
    found = _cascade().detectMultiScale(
        grey,
        scaleFactor=SCALE_FACTOR,
        minNeighbors=MIN_NEIGHBORS,
        minSize=(smallest, smallest),
    )
    return len(_distinct([tuple(int(v) for v in box) for box in found]))  # type: ignore[misc]


def photo_facts(data: bytes) -> dict[str, object]:
    """What the gate keeps of a picture: its face count and its sensitive metadata
    (``error`` instead when it cannot be read)."""
    try:
        return {"faces": detect_faces(data), "metadata": metadata_report(data)}
    except ValueError as error:
        return {"faces": 0, "metadata": {}, "error": str(error)}


def facts_of(picture: str | bytes) -> dict[str, object]:
    """:func:`photo_facts` of a picture given as a file path or as its bytes (module
    level: the build's workers run it, one picture at a time each)."""
    import cv2

    cv2.setNumThreads(1)  # parallel over pictures, not inside one
    if isinstance(picture, bytes):
        return photo_facts(picture)
    try:
        data = Path(picture).read_bytes()
    except OSError as error:
        return {"faces": 0, "metadata": {}, "error": f"cannot be read ({error.strerror})"}
    return photo_facts(data)


# ---------------------------------------------------------------------------
# Public API: problems
# ---------------------------------------------------------------------------


def photo_problems(
    *,
    source: str,
    image_path: str | None = None,
    data: bytes | None = None,
    consent: str | None,
    testimonial: bool,
    faces: int | None = None,
) -> list[Problem]:
    """Errors for people shown or quoted without a recorded authorization.

    ``faces``: the number of faces already detected in ``data`` (from a cache);
    when None and ``data`` is given, faces are detected here.

    * the picture (``data``, read from ``image_path``) shows one or more faces
      and the post has no ``Consent:``;
    * the post is a testimonial (``Testimonial: yes``) without ``Consent:``;
    * the picture cannot be read.

    ``Consent:`` holds the id of the signed HIPAA authorization. A post without
    a picture passes ``data=None``. All problems are errors on the field
    ``Consent`` (``Image`` for an unreadable picture).
    """
    problems: list[Problem] = []
    has_consent = bool(consent and consent.strip())
    record = f"record the id of the signed HIPAA authorization, e.g. 'Consent: {CONSENT_EXAMPLE}'"
    shown = image_path or "the picture"
    if faces is None and data is not None:
        try:
            faces = detect_faces(data)
        except ValueError as error:
            return [Problem(file=source, field="Image", message=f"{shown}: {error}")]
    if faces and not has_consent:
        people = f"{faces} face{'s' * (faces > 1)}"
        problems.append(
            Problem(
                file=source,
                field="Consent",
                message=(
                    f"{shown} shows {people} and the post has no Consent: a patient's "
                    f"photo needs their written authorization (45 CFR 164.508) — {record}, "
                    "or use a picture without people"
                ),
            )
        )
    if testimonial and not has_consent:
        problems.append(
            Problem(
                file=source,
                field="Consent",
                message=(
                    "Testimonial: yes needs the patient's written authorization before it is "
                    f"published (45 CFR 164.508) — {record}"
                ),
            )
        )
    return problems
