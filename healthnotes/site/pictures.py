"""Each post's picture in the sizes a screen needs: WebP and a JPEG fallback.

A page offers the browser every size (``srcset``) and lets it pick the smallest
that fills the space, so a phone does not download a 1600-pixel picture to show
it 360 pixels wide. Sizes are :data:`WIDTHS` no wider than the original (and the
original's own width when it is narrower than the smallest). They are made once,
in the build's workers, and kept in a cache by the picture's content (its sha256,
like the cards): a picture that did not change is never encoded again, and the
same picture used by two posts is made and published once.

:func:`plan` says what each post shows (names and sizes are known before a pixel
is encoded, so the pages can be written meanwhile); :func:`make` encodes what
the cache lacks; :func:`publish` puts the files into the output.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from healthnotes.cache.files import FileDigests, Folders, ImageCache, digest, store
from healthnotes.content.model import Post

#: Widths made of every picture (CSS pixels x density: a 390 px phone at 2x takes 960).
WIDTHS = (320, 640, 960, 1280)
#: Output formats, best first: the browser takes the first it supports.
FORMATS: Mapping[str, dict[str, Any]] = {
    "webp": {"mime": "image/webp", "ext": "webp", "save": {"format": "WEBP", "quality": 78}},
    "jpeg": {
        "mime": "image/jpeg",
        "ext": "jpg",
        "save": {"format": "JPEG", "quality": 80, "optimize": True, "progressive": True},
    },
}
#: Where the pictures are published.
FOLDER = "pictures"
#: Changes every key (and so every file) when how pictures are made changes.
VERSION = "1"


@dataclass(frozen=True, kw_only=True)
class Variant:
    """One file: a size in one format."""

    key: str  # the cache key
    path: str  # relative to the output folder
    width: int
    height: int
    format: str


@dataclass(frozen=True, kw_only=True)
class Picture:
    """A post's picture as its pages and listings show it."""

    source: str  # the original, relative to content/
    alt: str
    width: int  # of the largest variant: the img's width and height attributes
    height: int
    variants: tuple[Variant, ...]

    def srcset(self, fmt: str, site_url: str = "") -> str:
        """``url 320w, url 640w, …`` of one format."""
        prefix = f"{site_url}/" if site_url else ""
        return ", ".join(f"{prefix}{v.path} {v.width}w" for v in self.variants if v.format == fmt)

    def fallback(self, site_url: str = "") -> str:
        """The ``src`` for browsers without ``srcset``: the smallest JPEG."""
        prefix = f"{site_url}/" if site_url else ""
        jpeg = [v for v in self.variants if v.format == "jpeg"]
        return f"{prefix}{jpeg[0].path}"

    @property
    def mime(self) -> Mapping[str, str]:
        return {name: spec["mime"] for name, spec in FORMATS.items()}


def widths(original: int) -> tuple[int, ...]:
    """The widths made of a picture ``original`` pixels wide: never wider than it."""
    kept = tuple(w for w in WIDTHS if w <= original)
    return kept or (original,)


def plan(posts: Iterable[Post], content_root: Path, digests: FileDigests) -> dict[str, Picture]:
    """Each post's picture (by the post's source); posts without one are left out."""
    pictures: dict[str, Picture] = {}
    for post in posts:
        if not (post.image and post.image_width and post.image_height):
            continue
        sha = digests.sha256(content_root / post.image)
        name = digest(VERSION, sha)[:16]
        variants = tuple(
            Variant(
                key=digest(VERSION, sha, fmt, str(width)),
                path=f"{FOLDER}/{name}-{width}.{spec['ext']}",
                width=width,
                height=max(1, round(post.image_height * width / post.image_width)),
                format=fmt,
            )
            for width in widths(post.image_width)
            for fmt, spec in FORMATS.items()
        )
        largest = variants[-1]
        pictures[post.source] = Picture(
            source=post.image,
            alt=post.image_alt or "",
            width=largest.width,
            height=largest.height,
            variants=variants,
        )
    return pictures


def encode(original: Path, variants: Sequence[Variant]) -> dict[str, bytes]:
    """The bytes of each variant of ``original`` (by key); no metadata is copied."""
    made: dict[str, bytes] = {}
    with Image.open(original) as opened:
        picture = ImageOps.exif_transpose(opened).convert("RGB")
    for variant in variants:
        resized = (
            picture
            if variant.width == picture.width
            else picture.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
        )
        out = io.BytesIO()
        resized.save(out, **FORMATS[variant.format]["save"])
        made[variant.key] = out.getvalue()
    return made


def make_one(
    cache_root: Path, original: Path, variants: Sequence[Variant]
) -> list[tuple[str, Any]]:
    """Encode ``variants`` of ``original`` into the cache at ``cache_root`` (in a worker);
    their manifest entries, for :meth:`ImageCache.record`."""
    return [(key, store(cache_root, key, data)) for key, data in encode(original, variants).items()]


def missing(
    pictures: Mapping[str, Picture], cache: ImageCache, content_root: Path
) -> list[tuple[Path, tuple[Variant, ...]]]:
    """What the cache lacks, one job per original picture."""
    todo: dict[str, tuple[Path, list[Variant]]] = {}
    for picture in pictures.values():
        for variant in picture.variants:
            if cache.file(variant.key) is None:
                job = todo.setdefault(picture.source, (content_root / picture.source, []))
                if variant not in job[1]:
                    job[1].append(variant)
    return [(path, tuple(variants)) for path, variants in todo.values()]


def publish(
    pictures: Mapping[str, Picture],
    cache: ImageCache,
    output: Path,
    folders: Folders | None = None,
) -> None:
    """Each variant into ``output`` (a hard link to the cached file where possible;
    ``folders``: the folders made there so far)."""
    folders = folders or Folders(output)
    root = str(output)
    done: set[str] = set()
    for picture in pictures.values():
        for variant in picture.variants:
            if variant.path in done:
                continue
            done.add(variant.path)
            source = cache.file(variant.key)
            assert source is not None, f"{variant.path} was not made"
            target = f"{root}/{variant.path}"  # (strings: thousands of files a build)
            folders.link(source, target)
