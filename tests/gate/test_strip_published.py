"""Stripping the published pictures: what a rebuild does not read again, and what it must.

A picture hard-linked into the output from a file kept between builds (the resized
pictures' cache) is remembered by its device, inode, size and time; a change to the
file (which changes its time), or a file written just before the build looks at it,
is read again. A changed picture is never skipped.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from PIL import Image

import healthnotes.gate.pictures as gate_pictures
from healthnotes.cache.files import RACY_NS, ImageCache
from healthnotes.gate.pictures import strip_published
from healthnotes.pipeline import Caches
from healthnotes.social.media import drawn_folder

OWNER = "Jane Q. Patient"


def jpeg(*, exif: bool, shade: int = 90) -> bytes:
    buffer = io.BytesIO()
    options: dict[str, object] = {}
    if exif:
        tags = Image.Exif()
        tags[0x013B] = OWNER  # Artist
        options["exif"] = tags.tobytes()
    Image.new("RGB", (40, 30), (shade, 120, 200)).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def kept_file(folder: Path, data: bytes, *, age_ns: int = 3600 * 10**9) -> Path:
    """A file of the picture cache, last written ``age_ns`` ago."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "picture.jpg"
    path.write_bytes(data)
    then = time.time_ns() - age_ns
    os.utime(path, ns=(then, then))
    return path


def published(tmp_path: Path, kept: Path) -> tuple[Path, Path]:
    """A fresh staging folder with ``kept`` hard-linked into it (as each build makes one)."""
    output = tmp_path / f"output-{time.monotonic_ns()}"
    (output / "pictures").mkdir(parents=True)
    link = output / "pictures" / "hero-640.jpg"
    os.link(kept, link)
    return output, link


def strip(output: Path, cache: Path) -> None:
    strip_published(output, {}, cache, max_pixels=10**8)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The content of every picture file read."""
    seen: list[bytes] = []
    read_bytes = Path.read_bytes

    def counted(self: Path) -> bytes:
        data = read_bytes(self)
        if self.suffix == ".jpg":
            seen.append(data)
        return data

    monkeypatch.setattr(Path, "read_bytes", counted)
    return seen


def test_an_unchanged_linked_picture_is_not_read_again(tmp_path, reads, monkeypatch):
    cache = tmp_path / "cache"
    kept = kept_file(tmp_path / "kept", jpeg(exif=False))
    strip(published(tmp_path, kept)[0], cache)
    assert len(reads) == 1
    monkeypatch.setattr(gate_pictures, "picture_dimensions", pytest.fail)
    strip(published(tmp_path, kept)[0], cache)  # a new staging folder, the same file
    assert len(reads) == 1


def test_a_linked_picture_changed_in_place_is_stripped(tmp_path, reads):
    cache = tmp_path / "cache"
    kept = kept_file(tmp_path / "kept", jpeg(exif=False))
    strip(published(tmp_path, kept)[0], cache)
    before = kept.stat()
    with kept.open("r+b") as file:  # the same inode, new content
        file.truncate(0)
        file.write(jpeg(exif=True))
    earlier = before.st_mtime_ns - 10**9  # long enough ago to be trusted, but another time
    os.utime(kept, ns=(earlier, earlier))
    assert kept.stat().st_ino == before.st_ino
    output, link = published(tmp_path, kept)
    strip(output, cache)
    assert OWNER.encode() not in link.read_bytes()
    assert len(reads) > 1


def test_same_size_and_inode_but_another_time_is_read_again(tmp_path, reads):
    cache = tmp_path / "cache"
    kept = kept_file(tmp_path / "kept", jpeg(exif=False, shade=90))
    strip(published(tmp_path, kept)[0], cache)
    other = jpeg(exif=False, shade=91)
    stat = kept.stat()
    if len(other) != stat.st_size:
        pytest.skip("the encoder made two sizes")
    kept.write_bytes(other)
    os.utime(kept, ns=(stat.st_mtime_ns + 1000, stat.st_mtime_ns + 1000))
    strip(published(tmp_path, kept)[0], cache)
    assert reads[-1] == other


def test_a_picture_written_just_before_the_build_is_read_every_time(tmp_path, reads):
    """Within RACY_NS of the build its time may not change with its content: it is read."""
    cache = tmp_path / "cache"
    kept = kept_file(tmp_path / "kept", jpeg(exif=False), age_ns=RACY_NS // 4)
    for _ in range(2):
        strip(published(tmp_path, kept)[0], cache)
    assert len(reads) == 2


def test_a_file_written_into_the_output_is_read_every_build(tmp_path, reads):
    """One link only (written by this build): no time of it is trusted, old or not."""
    cache = tmp_path / "cache"
    for _ in range(2):
        output = tmp_path / f"output-{time.monotonic_ns()}"
        kept_file(output / "pictures", jpeg(exif=False))
        strip(output, cache)
    assert len(reads) == 2


def test_a_remembered_picture_with_metadata_is_still_stripped(tmp_path):
    """A picture found to carry metadata is stripped in every build's copy."""
    cache = tmp_path / "cache"
    source = kept_file(tmp_path / "content" / "images", jpeg(exif=True))
    for _ in range(2):
        output = tmp_path / f"output-{time.monotonic_ns()}"
        (output / "images").mkdir(parents=True)
        copy = output / "images" / "picture.jpg"
        copy.write_bytes(source.read_bytes())
        strip_published(output, {copy: source}, cache, max_pixels=10**8)
        assert OWNER.encode() not in copy.read_bytes()
    assert OWNER.encode() in source.read_bytes()  # the source itself is never touched


@pytest.mark.parametrize("which", ["cards", "slides", "picture sizes"])
def test_a_picture_the_build_made_is_not_looked_at(tmp_path, reads, monkeypatch, which):
    """Cards, carousel slides and the sizes of the posts' pictures are made without
    metadata and published as hard links to the build's cache: a site's thousands of
    them cost the stripper nothing, not even a look at their times."""
    cache = tmp_path / "cache"
    caches = Caches.at(cache)
    folder = {
        "cards": caches.cards.folder,
        "slides": drawn_folder(caches.media),
        "picture sizes": caches.picture_sizes.folder,
    }[which]
    drawn = kept_file(folder, jpeg(exif=False))
    looked_at: list[Path] = []
    unchanged = gate_pictures._unchanged
    monkeypatch.setattr(
        gate_pictures, "_unchanged", lambda copy, *a: looked_at.append(copy) or unchanged(copy, *a)
    )
    output = published(tmp_path, drawn)[0]
    strip_published(output, {}, cache, max_pixels=10**8, drawn=caches.drawn())
    assert reads == [] and looked_at == []


def test_the_folders_the_stripper_skips_are_where_the_cards_and_slides_are_kept(tmp_path):
    """The build tells the stripper where its own pictures are (the cache's folders): a
    card cache, slide store or picture-size cache that moved would otherwise be read
    picture by picture."""
    from healthnotes.social.media import _stores

    caches = Caches.at(tmp_path / "cache")
    key = "ab" * 32
    assert caches.cards.path_for(key).parent in caches.drawn()
    assert _stores(caches.media)["slides"].path_for(key).parent in caches.drawn()
    assert ImageCache(tmp_path / "cache" / "pictures").path_for(key).parent in caches.drawn()
