"""Carousels, the LinkedIn document and the short video in the build.

For each published post, :func:`draw_media` starts one task in the build's workers
(beside the cards) that draws its Instagram (4:5) and TikTok (9:16) carousels, puts
the LinkedIn slides into one PDF and, when ``VIDEO`` is on and the post does not say
``Video: no``, encodes the video; :func:`finish_media` waits for them and links the
files into the output::

    syndication/<slug>/instagram-carousel/01.jpg ...
    syndication/<slug>/tiktok-carousel/01.jpg ...
    syndication/<slug>/linkedin.pdf
    syndication/<slug>/video.mp4

Everything is cached by content (:mod:`healthnotes.social.slides.cache`): a post
whose inputs (the post, its HTML, which its paragraphs come from, the brand, the
practice, the slides' code) are unchanged and whose files are all still in their
stores' folders is found in ``media.json`` and no task is started for it; a changed
post's task draws only the slides whose text changed. Workers never write a
manifest (two would overwrite each other's): they hand back what they stored and
this process records it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from healthnotes.cache.files import Folders, atomic_write, digest
from healthnotes.config import SiteConfig
from healthnotes.content.model import Post
from healthnotes.runtime.workers import Workers
from healthnotes.site.jsonld import absolute
from healthnotes.social.export import CardImage, MediaItem
from healthnotes.social.slides.cache import ContentCache

#: Each output: its folder or file name, the slide format it is made from, the
#: platform whose text goes with it in the exports, and its MIME type.
OUTPUTS: Mapping[str, tuple[str, str, str]] = {
    "instagram-carousel": ("instagram", "instagram", "image/jpeg"),
    "tiktok-carousel": ("tiktok", "instagram", "image/jpeg"),
    "linkedin-document": ("linkedin", "linkedin", "application/pdf"),
    "video": ("tiktok", "instagram", "video/mp4"),
}
DOCUMENT_FILE = "linkedin.pdf"
VIDEO_FILE = "video.mp4"
INDEX_FILE = "media.json"
INDEX_VERSION = 1
#: The cache folders under the build cache: (name, file suffix).
STORES: Mapping[str, str] = {"slides": ".jpg", "documents": ".pdf", "videos": ".mp4"}


class _WorkerCache(ContentCache):
    """A worker's view of a store: reads the manifest, writes files, never the manifest."""

    def save(self) -> None:
        """Nothing: the build process records what the workers stored."""


def _stores(root: Path, cls: type[ContentCache] = ContentCache) -> dict[str, ContentCache]:
    return {name: cls(root / name, suffix) for name, suffix in STORES.items()}


def drawn_folder(root: Path) -> Path:
    """The folder the slides drawn by the build are kept in (``root``: the media cache),
    written without metadata: the picture stripper need not look at them."""
    return ContentCache.objects(root / "slides")


def made_folders(root: Path) -> tuple[Path, ...]:
    """The folders of every file the build makes here (``root``: the media cache): the
    slides, the LinkedIn documents and the videos, made from texts the gate checked."""
    return tuple(ContentCache.objects(root / name) for name in STORES)


@lru_cache(maxsize=1)
def code_version() -> str:
    """The slides' code and the libraries that shape their bytes (part of each post key)."""
    from importlib import metadata

    from healthnotes.social.cards.card import renderer_version

    folder = Path(__file__).parent / "slides"
    sources = [path.read_bytes() for path in sorted(folder.glob("*.py"))]
    safety = Path(__file__).parent.parent / "content" / "safety.py"
    return digest(
        f"media-{INDEX_VERSION}",
        renderer_version(),
        f"av-{metadata.version('av')}",
        f"fpdf2-{metadata.version('fpdf2')}",
        *sources,
        safety.read_bytes(),
    )


#: One post's task: its key, the post, its paragraphs, the settings, whether to make
#: its video, and the cache folder.
MediaTask = tuple[str, Post, tuple[str, ...], SiteConfig, bool, str]


def render_post_media(task: MediaTask) -> tuple[str, dict[str, Any], dict[str, dict], int]:
    """One post's carousels, document and video into the stores (module level: workers).

    Returns the post key, its record (each output's cache keys and alt texts), what was
    stored (store -> key -> manifest entry) and how many slides were drawn."""
    from healthnotes.social.slides import carousel, carousel_pdf, video
    from healthnotes.social.slides.video import VideoSettings

    key, post, paragraphs, config, video_on, root = task
    stores = _stores(Path(root), _WorkerCache)
    slides_store = stores["slides"]
    known = {name: dict(store.entries) for name, store in stores.items()}
    record: dict[str, Any] = {}
    made: dict[str, list] = {}
    for fmt in ("instagram", "tiktok", "linkedin"):
        made[fmt] = carousel(post, list(paragraphs), config, fmt, cache=slides_store)
    by_sha = {entry["sha256"]: k for k, entry in slides_store.entries.items()}

    def slide_rows(fmt: str) -> list[list[Any]]:
        return [
            [by_sha[hashlib.sha256(s.jpeg).hexdigest()], s.alt, s.width, s.height]
            for s in made[fmt]
        ]

    record["instagram-carousel"] = slide_rows("instagram")
    record["tiktok-carousel"] = slide_rows("tiktok")
    pages = made["linkedin"]
    document_key = digest(
        "document",
        post.title,
        *(f"{s.alt}\0" for s in pages),
        *(hashlib.sha256(s.jpeg).hexdigest() for s in pages),
    )
    if stores["documents"].get(document_key) is None:
        stores["documents"].put(document_key, carousel_pdf(pages, title=post.title))
    alt = "\n".join(s.alt for s in pages)
    record["linkedin-document"] = [[document_key, alt, pages[0].width, pages[0].height]]
    if video_on:
        data = video(made["tiktok"], VideoSettings(), cache=stores["videos"])
        assert data is not None
        video_key = next(
            k
            for k, entry in stores["videos"].entries.items()
            if entry["sha256"] == hashlib.sha256(data).hexdigest()
        )
        alt = "\n".join(s.alt for s in made["tiktok"])
        record["video"] = [[video_key, alt, made["tiktok"][0].width, made["tiktok"][0].height]]
    stored = {  # what this task wrote (new keys, or files made again)
        name: {k: v for k, v in store.entries.items() if known[name].get(k) != v}
        for name, store in stores.items()
    }
    return key, record, stored, slides_store.misses


@dataclass(frozen=True, kw_only=True)
class PostMedia:
    """One post's published carousels, document and video, by output name."""

    slug: str
    items: tuple[MediaItem, ...]
    #: Each published file's cache file (for the staff preview), by output path.
    cached: Mapping[str, str]


@dataclass
class MediaDrawing:
    """Media being made in the workers: each post's key, the records already known,
    and the futures of the others."""

    posts: list[tuple[Post, str]]
    records: dict[str, dict[str, Any]]
    futures: list[Future[tuple[str, dict[str, Any], dict[str, dict], int]]]
    root: Path
    #: The stores' manifests as read when the drawing started (read once a build).
    stores: dict[str, ContentCache]
    #: ``media.json``'s entries as read (written again only when they change).
    index: dict[str, dict[str, Any]]


def post_key(post: Post, html: str, config: SiteConfig, video_on: bool) -> str:
    """Everything a post's slides, document and video are made from: its paragraphs
    come from ``html`` by the slides' code and Python's HTML parser, so the HTML
    stands for them (read only for a post whose media are made again)."""
    return digest(
        code_version(),
        sys.version,
        post.without_place(),
        html,
        repr(config.brand),
        repr(config.practice),
        config.site_url,
        f"video={video_on}",
    )


def _load_index(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _store_of(output: str) -> str:
    return {"linkedin-document": "documents", "video": "videos"}.get(output, "slides")


def _file(store: ContentCache, key: str) -> str:
    """The file of ``key``, a key in ``store``'s manifest (so a well-formed one): what
    ``store.path_for`` names, as a string (some 20,000 files a build)."""
    return f"{_objects(store.root)}/{key}{store.suffix}"


@lru_cache(maxsize=16)
def _objects(root: Path) -> str:
    return str(ContentCache.objects(root))


def _listed(store: ContentCache) -> frozenset[str]:
    """The names of the files in ``store``'s folder (one listing, not a ``stat`` a file)."""
    try:
        return frozenset(os.listdir(_objects(store.root)))  # noqa: PTH208  (names, not Paths)
    except OSError:
        return frozenset()


def _complete(
    record: object, stores: Mapping[str, ContentCache], listed: Mapping[str, frozenset[str]]
) -> bool:
    """Whether every file ``record`` names is in its store's manifest and still in its
    folder (``listed``: each store's file names). A store's files are only ever written
    whole (a temporary file, then a rename), so one that is there is the one recorded."""
    if not isinstance(record, dict):
        return False
    try:
        for output, rows in record.items():
            name = _store_of(output)
            store, names = stores[name], listed[name]
            for row in rows:
                if row[0] not in store.entries or f"{row[0]}{store.suffix}" not in names:
                    return False
    except (TypeError, IndexError, KeyError):  # a record not as this code writes them
        return False
    return True


def draw_media(
    posts: Sequence[Post],
    html: Mapping[str, str],
    config: SiteConfig,
    root: Path,
    workers: Workers,
) -> MediaDrawing:
    """Start making each published post's media the cache lacks (one task a post)."""
    from healthnotes.social.slides.plan import paragraphs_from_html

    index = _load_index(root / INDEX_FILE)
    stores = _stores(root)
    listed = {name: _listed(store) for name, store in stores.items()}
    keyed: list[tuple[Post, str]] = []
    records: dict[str, dict[str, Any]] = {}
    tasks = []
    for post in posts:
        text = html.get(post.source, "")
        video_on = config.video and post.video
        key = post_key(post, text, config, video_on)
        keyed.append((post, key))
        if _complete(index.get(key), stores, listed):
            records[key] = index[key]
        else:
            paragraphs = tuple(paragraphs_from_html(text))
            tasks.append((key, post, paragraphs, config, video_on, str(root)))
    workers.expect(len(tasks))
    futures = [workers.submit(render_post_media, task) for task in tasks]
    return MediaDrawing(
        posts=keyed, records=records, futures=futures, root=root, stores=stores, index=index
    )


def finish_media(
    drawing: MediaDrawing, output: Path, config: SiteConfig, folders: Folders | None = None
) -> list[PostMedia]:
    """Wait for the workers, record what they stored, and link every file into
    ``output`` (``folders``: the folders made there so far); the index keeps only this
    build's posts."""
    stores = drawing.stores
    drawn = 0
    for future in drawing.futures:
        key, record, stored, slides = future.result()
        drawing.records[key] = record
        drawn += slides
        for name, entries in stored.items():
            if entries:
                stores[name].entries.update(entries)
                stores[name]._dirty = True
    for store in stores.values():
        store.save()
    kept = {key: drawing.records[key] for _, key in drawing.posts}
    if kept != drawing.index:  # (as read: written again only when it changes)
        with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
            payload = {"version": INDEX_VERSION, "entries": kept}
            atomic_write(drawing.root / INDEX_FILE, json.dumps(payload, sort_keys=True).encode())
    import logging

    logging.getLogger(__name__).info(
        "Carousels: %d posts, %d made again, %d slides drawn",
        len(drawing.posts),
        len(drawing.futures),
        drawn,
    )
    folders = folders or Folders(output)
    return [
        _publish(post, kept[key], stores, output, config, folders) for post, key in drawing.posts
    ]


def _publish(
    post: Post,
    record: Mapping[str, Any],
    stores: Mapping[str, ContentCache],
    output: Path,
    config: SiteConfig,
    folders: Folders,
) -> PostMedia:
    from healthnotes.social.plan import CARD_DIR, post_folder

    items = []
    cached: dict[str, str] = {}
    root = str(output)
    for name, (_, text_from, mime) in OUTPUTS.items():
        rows = record.get(name)
        if not rows:
            continue
        store = stores[_store_of(name)]
        files = []
        for number, (key, alt, width, height) in enumerate(rows, start=1):
            if name == "linkedin-document":
                relative = f"{CARD_DIR}/{post.slug}/{DOCUMENT_FILE}"
            elif name == "video":
                relative = f"{CARD_DIR}/{post.slug}/{VIDEO_FILE}"
            else:
                relative = f"{CARD_DIR}/{post.slug}/{name}/{number:02d}.jpg"
            source = _file(store, key)
            target = f"{root}/{relative}"  # (strings: some 20,000 files a build)
            folders.link(source, target, whole=post_folder(root, post.slug))
            cached[relative] = source
            files.append(
                CardImage(
                    platform=name,
                    path=relative,
                    url=absolute(config, relative),
                    width=width,
                    height=height,
                    bytes=store.entries[key]["bytes"],
                    alt=alt,
                    mime=mime,
                )
            )
        items.append(MediaItem(output=name, text_from=text_from, files=tuple(files)))
    return PostMedia(slug=post.slug, items=tuple(items), cached=cached)
