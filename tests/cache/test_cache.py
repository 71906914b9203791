"""healthnotes.cache.files: a cached card is used only when it is still what was written."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from healthnotes.cache import files
from healthnotes.cache.files import FILE_MODE, FileDigests, ImageCache, digest, store


def test_digest_separates_parts():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"x") == digest("x")


def test_digest_is_sha256_of_length_prefixed_parts_so_cache_keys_stay_stable():
    expected = hashlib.sha256()
    for part in (b"ab", "é".encode(), b""):
        expected.update(len(part).to_bytes(8, "big"))
        expected.update(part)
    assert digest("ab", "é", b"") == expected.hexdigest()


def test_put_then_get_returns_the_file(tmp_path):
    cache = ImageCache(tmp_path)
    cache.put("k1", b"jpeg-bytes")
    cache.save()
    again = ImageCache(tmp_path)
    assert again.get("k1").read_bytes() == b"jpeg-bytes"


def test_a_stored_card_is_its_entry_and_readable_by_everyone_whatever_the_umask(tmp_path):
    old = os.umask(0o077)
    try:
        entry = store(tmp_path, "k1", b"jpeg-bytes")  # the images folder is made too
    finally:
        os.umask(old)
    path = tmp_path / "images" / "k1.jpg"
    stat = path.stat()
    assert stat.st_mode & 0o777 == FILE_MODE
    assert entry == {
        "bytes": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "inode": stat.st_ino,
        "sha256": hashlib.sha256(b"jpeg-bytes").hexdigest(),
    }
    assert sorted(p.name for p in path.parent.iterdir()) == ["k1.jpg"]  # no temporary left


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_other(tmp_path, monkeypatch):
    store(tmp_path, "k1", b"old bytes")

    def short_then_full_disk(fd: int, data: bytes) -> int:
        if len(data) > 4:
            return real_write(fd, bytes(data[:4]))  # a short write: the rest is tried again
        raise OSError(28, "No space left on device")

    real_write = os.write
    monkeypatch.setattr(files.os, "write", short_then_full_disk)
    with pytest.raises(OSError, match="No space"):
        store(tmp_path, "k1", b"new bytes, more of them")
    monkeypatch.undo()
    folder = tmp_path / "images"
    assert [p.name for p in folder.iterdir()] == ["k1.jpg"]
    assert (folder / "k1.jpg").read_bytes() == b"old bytes"


def test_a_short_write_is_completed(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(files.os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    entry = store(tmp_path, "k1", b"jpeg-bytes")
    monkeypatch.undo()
    assert (tmp_path / "images" / "k1.jpg").read_bytes() == b"jpeg-bytes"
    assert entry["bytes"] == len(b"jpeg-bytes")


def test_a_file_named_without_a_folder_is_written_through_a_temporary_beside_it(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    renamed = []
    real_replace = os.replace
    monkeypatch.setattr(
        files.os, "replace", lambda a, b: (renamed.append(Path(a).resolve()), real_replace(a, b))
    )
    files.atomic_write("plain.json", b"{}")
    monkeypatch.undo()
    assert (tmp_path / "plain.json").read_bytes() == b"{}"
    assert [name.parent for name in renamed] == [tmp_path.resolve()]


def test_missing_manifest_means_nothing_is_cached(tmp_path):
    ImageCache(tmp_path).put("k1", b"data")  # file written, manifest never saved
    assert ImageCache(tmp_path).get("k1") is None


def test_corrupt_manifest_is_ignored_not_trusted(tmp_path):
    cache = ImageCache(tmp_path)
    cache.put("k1", b"data")
    cache.save()
    (tmp_path / "manifest.json").write_text("{not json")
    assert ImageCache(tmp_path).get("k1") is None


def test_truncated_or_touched_file_is_not_trusted(tmp_path):
    cache = ImageCache(tmp_path)
    path = cache.put("k1", b"0123456789")
    cache.put("k2", b"abcdef")
    cache.save()
    path.write_bytes(b"01234")  # truncated
    stat = cache.path_for("k2").stat()
    os.utime(cache.path_for("k2"), ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    fresh = ImageCache(tmp_path)
    assert fresh.get("k1") is None
    assert fresh.get("k2") is None


def test_deleted_file_is_not_trusted(tmp_path):
    cache = ImageCache(tmp_path)
    cache.put("k1", b"data").unlink()
    assert cache.get("k1") is None


def test_save_with_keep_forgets_and_deletes_stale_entries(tmp_path):
    cache = ImageCache(tmp_path)
    cache.put("old", b"1")
    cache.put("new", b"2")
    cache.save(keep={"new"})
    assert not cache.path_for("old").exists()
    assert ImageCache(tmp_path).get("new") is not None


def test_an_unchanged_file_is_trusted_without_being_read_again(tmp_path, monkeypatch):
    cache = ImageCache(tmp_path)
    cache.put("k1", b"card")
    cache.save()

    def no_reading(self):
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert ImageCache(tmp_path).get("k1") == cache.path_for("k1")


def test_a_copied_cache_checks_each_file_against_its_hash_once(tmp_path):
    cache = ImageCache(tmp_path / "a")
    cache.put("good", b"card one")
    cache.put("rotten", b"card two")
    cache.save()
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # same sizes and times, new inodes
    rotten = tmp_path / "b" / "images" / "rotten.jpg"
    stat = rotten.stat()
    rotten.write_bytes(b"card 2wo")
    os.utime(rotten, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    copied = ImageCache(tmp_path / "b")
    assert copied.get("good") is not None
    assert copied.get("rotten") is None
    copied.save()  # the good file's new inode is recorded: the next build trusts it
    assert (
        ImageCache(tmp_path / "b").entries["good"]["inode"]
        == (tmp_path / "b" / "images" / "good.jpg").stat().st_ino
    )


def test_file_digests_read_an_unchanged_picture_once_and_a_changed_one_again(tmp_path, monkeypatch):
    picture = tmp_path / "hero.jpg"
    picture.write_bytes(b"first picture")
    memo = tmp_path / "digests.json"
    first = FileDigests(memo)
    assert first.sha256(picture) == hashlib.sha256(b"first picture").hexdigest()
    first.save()

    reads: list[Path] = []
    real_read = Path.read_bytes

    def counting(self):
        reads.append(self)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    assert FileDigests(memo).sha256(picture) == hashlib.sha256(b"first picture").hexdigest()
    assert reads == []  # same size, time and inode: trusted
    picture.write_bytes(b"second, longer picture")
    again = FileDigests(memo)
    assert again.sha256(picture) == hashlib.sha256(b"second, longer picture").hexdigest()
    assert reads == [picture]
    again.save()
    FileDigests(memo).sha256(picture)
    assert reads == [picture]


def test_file_digests_keep_only_the_files_asked_about(tmp_path):
    for name in ("a.jpg", "b.jpg"):
        (tmp_path / name).write_bytes(name.encode())
    memo = tmp_path / "digests.json"
    both = FileDigests(memo)
    both.sha256(tmp_path / "a.jpg")
    both.sha256(tmp_path / "b.jpg")
    both.save()
    one = FileDigests(memo)
    one.sha256(tmp_path / "b.jpg")
    one.save()
    assert list(FileDigests(memo).entries) == [str(tmp_path / "b.jpg")]


def test_a_damaged_digest_memo_is_ignored(tmp_path):
    memo = tmp_path / "digests.json"
    memo.write_text("{not json", encoding="utf-8")
    (tmp_path / "a.jpg").write_bytes(b"a")
    assert FileDigests(memo).sha256(tmp_path / "a.jpg") == hashlib.sha256(b"a").hexdigest()


def test_an_unchanged_cache_does_not_write_its_manifest_again(tmp_path):
    cache = ImageCache(tmp_path)
    cache.put("k1", b"card")
    cache.save()
    written = (tmp_path / "manifest.json").stat().st_mtime_ns
    again = ImageCache(tmp_path)
    assert again.get("k1") is not None
    (tmp_path / "manifest.json").unlink()  # would be written back if save wrote
    again.save()
    assert not (tmp_path / "manifest.json").exists()
    again.record("k2", again.entries["k1"])
    again.save()
    assert (tmp_path / "manifest.json").stat().st_mtime_ns >= written


def test_forgotten_file_digests_are_read_again(tmp_path):
    (tmp_path / "a.jpg").write_bytes(b"a")
    memo = tmp_path / "digests.json"
    digests = FileDigests(memo)
    digests.sha256(tmp_path / "a.jpg")
    digests.save()
    digests.forget()
    assert not memo.exists() and FileDigests(memo).entries == {}


def test_the_check_cache_fingerprint_covers_every_file_of_the_gate():
    """A change to any rule, word list or scorer re-runs the checks (the fingerprint once
    looked in a folder that no longer existed, so it covered no code at all)."""
    from healthnotes.cache.checks import GATE, fingerprinted_files

    files = {path.relative_to(GATE).as_posix() for path in fingerprinted_files()}
    assert {
        "privacy/rules.py",
        "privacy/scan.py",
        "privacy/words.py",
        "readability.py",
        "ner.py",
        "data/not_names.txt",
        "data/public_phones.txt",
    } <= files
    assert not any(name.endswith(".pyc") for name in files)


def _check_cache_builds(path: Path, keep: int, uses: list[set[str]]) -> set[str]:
    """Run one CheckCache 'build' per set in ``uses`` (each asks for those keys); the
    keys the cache file holds at the end."""
    import marshal

    from healthnotes.cache.checks import CheckCache

    for used in uses:
        cache = CheckCache(path, keep_unused=keep)
        for key in sorted(used):
            cache.get("k", (key,), lambda key=key: key.upper())
        cache.save()
    return {value for value in marshal.loads(path.read_bytes())["entries"].values()}


def test_a_check_cache_drops_what_a_build_did_not_use(tmp_path):
    assert _check_cache_builds(tmp_path / "c.marshal", 0, [{"a", "b"}, {"a"}]) == {"A"}


def test_a_check_cache_keeps_an_unused_result_for_as_many_builds_as_asked(tmp_path):
    path = tmp_path / "c.marshal"
    assert _check_cache_builds(path, 3, [{"a", "b"}, {"a"}, {"a"}]) == {"A", "B"}
    assert _check_cache_builds(path, 3, [{"a"}]) == {"A"}  # three builds without "b"


def test_a_result_used_again_is_kept_again_from_then(tmp_path):
    path = tmp_path / "c.marshal"
    assert _check_cache_builds(path, 2, [{"a", "b"}, {"a"}, {"b"}, {"a"}]) == {"A", "B"}


def test_a_kept_result_is_served_without_computing_it_again(tmp_path):
    from healthnotes.cache.checks import CheckCache

    path = tmp_path / "c.marshal"
    _check_cache_builds(path, 5, [{"a"}, set(), set()])
    cache = CheckCache(path, keep_unused=5)
    assert cache.get("k", ("a",), lambda: pytest.fail("computed again")) == "A"


def test_a_check_cache_whose_ages_are_not_numbers_keeps_only_what_it_uses(tmp_path):
    import marshal

    path = tmp_path / "c.marshal"
    _check_cache_builds(path, 5, [{"a", "b"}])
    data = marshal.loads(path.read_bytes())
    data["last_used"] = dict.fromkeys(data["last_used"], "long ago")  # not trusted
    path.write_bytes(marshal.dumps(data))
    assert _check_cache_builds(path, 5, [{"a"}]) == {"A", "B"}  # b's age: this build's


def test_a_check_cache_reads_back_what_found_nothing_and_when_each_result_was_used(tmp_path):
    from healthnotes.cache.checks import CheckCache

    path = tmp_path / "published.marshal"
    for build in range(2):
        cache = CheckCache(path, keep_unused=3)
        if build == 0:
            cache.get("k", ("clean",), list)  # found nothing
            cache.get("k", ("found",), lambda: [["phone", "541-555-0199"]])
        else:
            cache.get("k", ("found",), pytest.fail)  # "clean" is not used by this build
        cache.save()
    again = CheckCache(path, keep_unused=3)
    found, clean = CheckCache.key("k", ("found",)), CheckCache.key("k", ("clean",))
    assert again.entries == {found: [["phone", "541-555-0199"]], clean: []}
    assert again.last_used == {found: 1, clean: 0}


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short (a full disk, a killed build)
        lambda data: b"\x00" + data,  # not marshal's
        lambda data: b"{}",  # the JSON this cache was once kept as
        lambda data: data.replace(b"format", b"fxrmat"),  # another layout
    ],
    ids=["cut-short", "garbage", "old-json", "other-layout"],
)
def test_a_damaged_check_cache_is_started_again_without_a_traceback(tmp_path, damage):
    from healthnotes.cache.checks import CheckCache

    path = tmp_path / "c.marshal"
    _check_cache_builds(path, 0, [{"a"}])
    path.write_bytes(damage(path.read_bytes()))
    cache = CheckCache(path)
    assert cache.entries == {}
    assert cache.get("k", ("a",), lambda: "computed") == "computed"
    cache.save()
    assert CheckCache(path).entries == {CheckCache.key("k", ("a",)): "computed"}


def test_a_check_cache_written_by_another_python_is_not_read(tmp_path, monkeypatch):
    """``marshal``'s format is the Python version's: a cache kept by another one (an
    upgraded .venv) is started again."""
    from healthnotes.cache import checks

    path = tmp_path / "c.marshal"
    _check_cache_builds(path, 0, [{"a"}])
    assert checks.CheckCache(path).entries
    monkeypatch.setattr(checks.sys, "version", "3.99.0 (another Python)")
    assert checks.CheckCache(path).entries == {}


def test_a_check_cache_keeps_values_marshal_does_not_take_as_json_kept_them(tmp_path):
    """A result holding an enum's member or a named tuple (types ``marshal`` refuses) is
    kept as the JSON this cache was once kept in kept it: a string, a list."""
    import enum
    from typing import NamedTuple

    from healthnotes.cache.checks import CheckCache

    class Severity(enum.StrEnum):
        WARNING = "warning"

    class Place(NamedTuple):
        line: int
        column: int

    path = tmp_path / "c.marshal"
    cache = CheckCache(path)
    cache.get("k", ("a",), lambda: {"severity": Severity.WARNING, "at": Place(3, 7)})
    cache.save()
    kept = CheckCache(path).entries[CheckCache.key("k", ("a",))]
    assert kept == {"severity": "warning", "at": [3, 7]}
    assert type(kept["severity"]) is str


def _one_by_one(path: Path, keep: int, uses: list[set[str]]) -> None:
    """Like :func:`_check_cache_builds`, with the results of kind ``t`` kept one by one
    (and one result of kind ``p`` a build, kept in the file)."""
    from healthnotes.cache.checks import CheckCache

    for used in uses:
        cache = CheckCache(path, keep_unused=keep, one_by_one=("t",))
        cache.get("p", ("place",), lambda: "P")
        for key in sorted(used):
            cache.get("t", (key,), lambda key=key: [[key.upper()]])
        cache.save()


def _kept_one_by_one(path: Path, key: str) -> object:
    from healthnotes.cache.checks import CheckCache

    cache = CheckCache(path, keep_unused=1, one_by_one=("t",))
    return cache.entries.get(CheckCache.key("t", (key,)))


def test_results_kept_one_by_one_are_read_only_when_asked_for(tmp_path):
    """The published scan's texts (some 185 a post) are not loaded with its cache: a
    build that edits one post asks for a few thousand of them."""
    import marshal

    from healthnotes.cache.checks import CheckCache

    path = tmp_path / "c.marshal"
    _one_by_one(path, 5, [{"a", "b"}])
    in_file = marshal.loads(path.read_bytes())["entries"]
    assert list(in_file) == [CheckCache.key("p", ("place",))]
    assert (tmp_path / "c.sqlite").is_file()
    cache = CheckCache(path, keep_unused=5, one_by_one=("t",))
    assert list(dict.keys(cache.entries)) == list(in_file)  # nothing read yet
    assert CheckCache.key("t", ("a",)) in cache.entries
    assert cache.get("t", ("b",), lambda: pytest.fail("computed again")) == [["B"]]
    assert CheckCache.key("t", ("c",)) not in cache.entries
    assert cache.entries.get(CheckCache.key("t", ("c",)), "none") == "none"
    with pytest.raises(KeyError):
        cache.entries[CheckCache.key("t", ("c",))]
    fresh = CheckCache(path, keep_unused=5, one_by_one=("t",))
    fresh.fetch(CheckCache.key("t", (key,)) for key in "abc")  # at once
    assert set(dict.keys(fresh.entries)) == {*in_file, *(CheckCache.key("t", (k,)) for k in "ab")}


def test_results_kept_one_by_one_are_dropped_after_as_many_unused_builds_as_asked(tmp_path):
    path = tmp_path / "c.marshal"
    _one_by_one(path, 3, [{"a", "b"}, {"a"}, {"a"}])
    assert _kept_one_by_one(path, "b") == [["B"]]
    _one_by_one(path, 3, [{"a"}])  # the third build without "b"
    assert _kept_one_by_one(path, "b") is None
    assert _kept_one_by_one(path, "a") == [["A"]]


def test_results_kept_one_by_one_without_keeping_unused_ones_are_what_the_build_used(
    tmp_path,
):
    path = tmp_path / "c.marshal"
    _one_by_one(path, 0, [{"a", "b"}, {"a"}])
    assert _kept_one_by_one(path, "a") == [["A"]]
    assert _kept_one_by_one(path, "b") is None


def test_a_result_kept_one_by_one_and_used_again_is_kept_again_from_then(tmp_path):
    path = tmp_path / "c.marshal"
    _one_by_one(path, 2, [{"a", "b"}, {"a"}, {"b"}, {"a"}])
    assert _kept_one_by_one(path, "a") == [["A"]]
    assert _kept_one_by_one(path, "b") == [["B"]]


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a database" * 100),
        lambda path: path.write_bytes(path.read_bytes()[:1000]),
        lambda path: path.with_suffix(".marshal").unlink(),
        lambda path: path.with_suffix(".marshal").write_bytes(b"\x00"),
    ],
    ids=["garbage", "cut-short", "its-file-lost", "its-file-damaged"],
)
def test_a_damaged_or_orphaned_one_by_one_store_is_started_again(tmp_path, damage):
    """A store that cannot be read, or whose file beside it was lost or damaged (its
    results may be of other checks: the file holds which), is emptied: every result is
    computed again, none is wrong, and it is kept again."""
    from healthnotes.cache.checks import CheckCache

    path = tmp_path / "c.marshal"
    _one_by_one(path, 5, [{"a"}])
    damage(tmp_path / "c.sqlite")
    cache = CheckCache(path, keep_unused=5, one_by_one=("t",))
    assert cache.get("t", ("a",), lambda: "computed") == "computed"
    cache.save()
    assert _kept_one_by_one(path, "a") == "computed"


def test_a_result_an_earlier_version_kept_in_the_file_moves_to_the_store_when_used(tmp_path):
    """Before the store, every result was in the file: a build that uses one keeps it in
    the store (without computing it again), and the file keeps none of that kind."""
    import marshal

    from healthnotes.cache.checks import CheckCache

    path = tmp_path / "c.marshal"
    _check_cache_builds(path, 5, [{"a", "b"}])  # kind "k", kept in the file
    cache = CheckCache(path, keep_unused=5, one_by_one=("k",))
    assert cache.get("k", ("a",), lambda: pytest.fail("computed again")) == "A"
    cache.save()
    assert marshal.loads(path.read_bytes())["entries"] == {}
    again = CheckCache(path, keep_unused=5, one_by_one=("k",))
    assert again.get("k", ("a",), lambda: pytest.fail("computed again")) == "A"
    assert CheckCache.key("k", ("b",)) not in again.entries


def test_the_build_cache_removes_what_earlier_versions_kept_and_keeps_the_rest(tmp_path):
    """The check caches were JSON files; kept with marshal now, the old files (18 MB for
    the published scan of a 1000-post site) are removed, not left behind."""
    from healthnotes.pipeline import RETIRED, Caches

    for name in (*RETIRED, "pictures-sha256.json", "checks.marshal"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    Caches.at(tmp_path).remove_retired()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checks.marshal", "pictures-sha256.json"]
    Caches.at(tmp_path).remove_retired()  # nothing left to remove: no error


# -- folders made in an output folder ------------------------------------------------


def test_folders_are_made_parent_first_once_each_with_one_mkdir(tmp_path, monkeypatch):
    from healthnotes.cache.files import Folders

    calls: list[str] = []
    real_mkdir = os.mkdir
    monkeypatch.setattr(os, "mkdir", lambda path, *a: (calls.append(path), real_mkdir(path, *a)))
    folders = Folders(tmp_path)
    root = str(tmp_path)
    for _slide in range(8):  # a post's carousels: their slides share a folder each
        folders.make(f"{root}/syndication/a-post/instagram-carousel")
        folders.make(f"{root}/syndication/a-post/tiktok-carousel")
    folders.make(f"{root}/syndication/b-post")
    assert calls == [
        f"{root}/syndication",
        f"{root}/syndication/a-post",
        f"{root}/syndication/a-post/instagram-carousel",
        f"{root}/syndication/a-post/tiktok-carousel",
        f"{root}/syndication/b-post",
    ]  # none failed, none asked twice
    assert (tmp_path / "syndication" / "a-post" / "tiktok-carousel").is_dir()


def test_a_folder_already_there_is_taken_and_a_file_in_its_place_is_an_error(tmp_path):
    from healthnotes.cache.files import Folders

    (tmp_path / "posts" / "a").mkdir(parents=True)
    (tmp_path / "posts" / "b").write_text("a file where a folder goes")
    folders = Folders(tmp_path)
    folders.make(f"{tmp_path}/posts/a/images")
    assert (tmp_path / "posts" / "a" / "images").is_dir()
    with pytest.raises(FileExistsError):
        folders.make(f"{tmp_path}/posts/b")
    with pytest.raises(FileExistsError):
        folders.make(f"{tmp_path}/posts/b/images")  # (asked for its parent first)


def _post_folder(root, cache, names=("x.jpg", "carousel/01.jpg", "carousel/02.jpg")):
    """A post's syndication folder under ``root`` as a build links it from ``cache``."""
    for name in names:
        (root / "syndication" / "a-post" / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(cache / name.replace("/", "-"), root / "syndication" / "a-post" / name)


def _cache_files(cache, names=("x.jpg", "carousel/01.jpg", "carousel/02.jpg")):
    cache.mkdir()
    for number, name in enumerate(names):
        (cache / name.replace("/", "-")).write_bytes(b"picture %d" % number)
    return {name: str(cache / name.replace("/", "-")) for name in names}


def test_a_folder_holding_the_very_files_is_taken_from_the_retired_site_whole(tmp_path):
    """Making a folder costs some thirty links on the disks measured: a post's folder that
    the site before the last one holds with exactly these files is moved, not made."""
    from healthnotes.cache.files import Folders

    sources = _cache_files(tmp_path / "cache")
    retired, staging = tmp_path / "retired", tmp_path / "staging"
    _post_folder(retired, tmp_path / "cache")
    staging.mkdir()
    folders = Folders(staging, retired=retired)
    whole = f"{staging}/syndication/a-post"
    for name, source in sources.items():
        folders.link(source, f"{whole}/{name}", whole=whole)
    assert not (staging / "syndication").exists()  # held back until finish
    folders.finish()
    assert folders.taken == 1
    assert not (retired / "syndication" / "a-post").exists()  # moved, not copied
    for name, source in sources.items():
        assert (staging / "syndication" / "a-post" / name).samefile(source)
    folders.make(f"{whole}/carousel")  # known as made: no mkdir, no error


@pytest.mark.parametrize(
    "change",
    ["an extra file", "a missing file", "another file by the same name", "a file for a folder"],
)
def test_a_folder_that_differs_in_anything_is_made_and_filled_instead(tmp_path, change):
    from healthnotes.cache.files import Folders

    sources = _cache_files(tmp_path / "cache")
    retired, staging = tmp_path / "retired", tmp_path / "staging"
    _post_folder(retired, tmp_path / "cache")
    old = retired / "syndication" / "a-post"
    if change == "an extra file":
        (old / "carousel" / "03.jpg").write_bytes(b"a slide the post no longer has")
    elif change == "a missing file":
        (old / "carousel" / "02.jpg").unlink()
    elif change == "another file by the same name":
        (old / "x.jpg").unlink()
        (old / "x.jpg").write_bytes(b"picture 0")  # the same bytes, another file
    else:
        shutil.rmtree(old / "carousel")
        (old / "carousel").write_bytes(b"")
    staging.mkdir()
    folders = Folders(staging, retired=retired)
    whole = f"{staging}/syndication/a-post"
    for name, source in sources.items():
        folders.link(source, f"{whole}/{name}", whole=whole)
    folders.finish()
    assert folders.taken == 0
    assert old.exists()  # left where it was
    for name, source in sources.items():
        assert (staging / "syndication" / "a-post" / name).samefile(source)
    found = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
    assert found == sorted(f"syndication/a-post/{name}" for name in sources)


def test_without_a_retired_site_files_are_linked_at_once(tmp_path):
    from healthnotes.cache.files import Folders

    sources = _cache_files(tmp_path / "cache")
    folders = Folders(tmp_path / "staging")
    whole = f"{tmp_path}/staging/syndication/a-post"
    folders.link(sources["x.jpg"], f"{whole}/x.jpg", whole=whole)
    assert Path(f"{whole}/x.jpg").samefile(sources["x.jpg"])
    assert not folders.take(whole, {f"{whole}/x.jpg": sources["x.jpg"]})
