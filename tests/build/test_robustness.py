"""Bad input, broken files and a hostile machine: the build either succeeds safely or
stops with one clear line naming the file (and field), a non-zero exit, and nothing lost.

Already covered elsewhere and not repeated here: an image path outside content/ given
as ``../…`` (test_validation), a truncated hero picture, a missing logo, an unknown
platform (test_syndication_errors), a corrupt cache manifest (test_syndication_site).

"Read-only output directory" means here: the folder the site is published into cannot
be written — a read-only disk or mount, or no write permission on the folder that holds
``output/`` (publishing swaps a finished build in beside it, so that is what must be
writable). Tests run as root in CI, where permission bits do not stop writes, so as root
the test emulates a read-only mount instead (every write call under that folder fails
with EROFS, as the kernel would); as any other user it really ``chmod``s the folder 0555.
A ``output`` that is a file, and a folder above it that is a file, are tested as they are.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from conftest import (
    CONTENT,
    FAULTS,
    ROOT,
    SHARED_CACHE,
    left_beside,
    run_build,
    settings_file,
    tree_digest,
)
from healthnotes.social.platforms import PLATFORMS, image_byte_limit
from healthnotes.social.texts import count

IMAGE_PLATFORMS = [k for k, p in PLATFORMS.items() if p.image]

#: A post names its sources (a post without one is published with a warning, which
#: would be a second line about each broken post below).
SOURCES = "Sources: Common Cold | MedlinePlus | https://medlineplus.gov/commoncold.html"
QA = f"""Title: A fine question
Date: 2026-09-01 09:00
Type: qa
Question: Is this fine?
{SOURCES}

Yes, it is.
"""


def problem_lines(build, name: str) -> list[str]:
    return [line for line in build.stderr.splitlines() if name in line]


def assert_refused(build, name: str, expected: str, *, code: int = 1) -> str:
    """The build stopped with exactly one line about ``name`` holding ``expected``."""
    assert build.returncode == code, build.stderr
    lines = problem_lines(build, name)
    assert len(lines) == 1, build.stderr
    assert expected in lines[0], lines[0]
    assert "Traceback" not in build.stderr + build.stdout
    assert "Nothing was published" in build.stderr
    assert not build.output.exists()
    return lines[0]


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A published site that every failed build below must leave exactly as it was."""
    build = run_build(tmp_path_factory.mktemp("previous") / "output")
    assert build.ok, build.stderr
    return build.output, tree_digest(build.output)


# --- Posts and pages that cannot be published -------------------------------------------
#
# Every broken post goes into one content folder and one build (the build must report
# all of them at once anyway); each case then gets its own test on its own line.


def copy_content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(CONTENT, content)
    return content


NOT_A_POST = {
    "latin-1": (
        "Title: Caf\xe9\nDate: 2026-09-01 09:00\nType: qa\nQuestion: ?\n\nYes.\n".encode("latin-1"),
        "is not UTF-8 text (undecodable byte at position 10); save it as UTF-8 in your editor",
    ),
    "utf-16": (
        codecs.BOM_UTF16_LE + QA.encode("utf-16-le"),
        "is saved as UTF-16 text; save it as UTF-8 in your editor",
    ),
    "empty": (b"", "is empty; write the 'Title: …' line"),
    "blank lines only": (b"\n \n\t\n", "is empty; write the 'Title: …' line"),
    "a picture named .md": (
        (CONTENT / "images" / "logo.png").read_bytes(),
        "is not a text file (it holds binary data, e.g. a picture saved as .md)",
    ),
    "zero bytes": (b"\x00" * 512, "is not a text file (it holds binary data"),
}
NO_TEXT = {
    "qa": "Question: Is this fine?",
    "misconception": "Myth: A myth.\nFact: A fact.",
    "howto": "Time: 1 minute",
}
OUTSIDE = {
    "absolute": ("/etc/passwd", "Image: '/etc/passwd' is outside content/"),
    "dot-dot": ("images/../../README.md", "Image: 'images/../../README.md' is outside content/"),
    "static": ("{static}/../README.md", "Image: '{static}/../README.md' is outside content/"),
}
HOSTILE_IMAGE = "Image: content/images/random.jpg is not a readable picture (damaged, or not "
HOSTILE_IMAGE += "really a JPG file); export it again"
#: file name -> (bytes, the one line the build must print about it)
BROKEN_POSTS: dict[str, tuple[bytes, str]] = {
    **{f"not-a-post-{i}.md": case for i, case in enumerate(NOT_A_POST.values())},
    **{
        f"no-text-{kind}.md": (
            f"Title: Only fields\nDate: 2026-09-01 09:00\nType: {kind}\n{fields}\n"
            f"Summary: A summary is not the post.\n{SOURCES}\n".encode(),
            "has no text after the 'Field: value' lines; write the post below them",
        )
        for kind, fields in NO_TEXT.items()
    },
    **{
        f"outside-{name}.md": (
            QA.replace("Type: qa", f"Type: qa\nImage: {image}\nImage_Alt: x").encode(),
            expected,
        )
        for name, (image, expected) in OUTSIDE.items()
    },
    "random-image.md": (
        QA.replace("Type: qa", "Type: qa\nImage: images/random.jpg\nImage_Alt: x").encode(),
        HOSTILE_IMAGE,
    ),
}


@pytest.fixture(scope="module")
def broken_posts(tmp_path_factory, previous):
    content = copy_content(tmp_path_factory.mktemp("broken-posts"))
    (content / "images" / "random.jpg").write_bytes(os.urandom(40_000))
    for name, (data, _) in BROKEN_POSTS.items():
        (content / "posts" / name).write_bytes(data)
    output, _ = previous
    return run_build(output, content=content)


def test_broken_posts_stop_the_build_and_leave_the_published_site_as_it_was(broken_posts, previous):
    output, digest = previous
    assert broken_posts.returncode == 1
    count = len(BROKEN_POSTS)
    assert (
        f"\n\n{count} problems stop publishing (in {count} files). Nothing was published;"
        in broken_posts.stderr
    )
    assert "Traceback" not in broken_posts.stderr + broken_posts.stdout
    assert tree_digest(output) == digest
    assert left_beside(output) == []


@pytest.mark.parametrize("name", BROKEN_POSTS)
def test_each_broken_post_is_one_line_naming_the_file(name, broken_posts):
    _, expected = BROKEN_POSTS[name]
    [line] = problem_lines(broken_posts, name)
    assert re.match(rf"^\S*content/posts/{re.escape(name)}(:\d+)?: ", line), line
    assert expected in line, line


BROKEN_PAGES = {
    "latin-1.md": NOT_A_POST["latin-1"],
    "empty.md": NOT_A_POST["empty"],
    "picture.md": NOT_A_POST["a picture named .md"],
    "no-title.md": (b"Summary: Our hours.\n\nOpen daily.\n", "Title: required; add a line"),
}


@pytest.fixture(scope="module")
def broken_pages(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken-pages")
    content = copy_content(root)
    for name, (data, _) in BROKEN_PAGES.items():
        (content / "pages" / name).write_bytes(data)
    return run_build(root / "output", content=content)


@pytest.mark.parametrize("name", BROKEN_PAGES)
def test_a_page_that_cannot_be_read_stops_the_build_instead_of_publishing_it_blank(
    name, broken_pages
):
    _, expected = BROKEN_PAGES[name]
    assert broken_pages.returncode == 1
    [line] = problem_lines(broken_pages, name)
    assert re.match(rf"^\S*content/pages/{re.escape(name)}(:\d+)?: ", line), line
    assert expected in line, line
    assert "Traceback" not in broken_pages.stderr
    assert not broken_pages.output.exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (QA.encode(), None),
        (codecs.BOM_UTF8 + QA.encode(), None),
        ("Title: Café 🤒\n\nText\n".encode(), None),
        (b"  \n", "is empty"),
        (codecs.BOM_UTF8, "is empty"),
        (codecs.BOM_UTF16_BE + QA.encode("utf-16-be"), "is saved as UTF-16 text"),
        (b"Title: x\x00\n", "is not a text file"),
        (b"Title: \xff\n", "is not UTF-8 text (undecodable byte at position 7)"),
    ],
)
def test_the_reader_tells_a_text_post_from_everything_else(data, expected):
    from plugins.pelican_healthnotes.reader import unreadable

    found = unreadable(data)
    assert found == expected if expected is None else expected in found


def test_control_characters_are_removed_and_located():
    from plugins.pelican_healthnotes.reader import without_controls

    text, removed, line = without_controls("Title: a\x07b\n\nok\tfine\r\nx\x1b\x7fy\u0085z\n")
    assert text == "Title: ab\n\nok\tfine\r\nxyz\n"
    assert removed == ["\x07", "\x1b", "\x7f", "\x85"] and line == 1
    assert without_controls("clean\ttext\n") == ("clean\ttext\n", [], None)


# --- Posts at the edges: they publish, and every output still fits ------------------------

LONG_TITLE = ("Why does my " + "very " * 60)[:299].rstrip() + "?"
LONG_TITLE += "x" * (300 - len(LONG_TITLE))
WORDS = ("wash your hands with soap and water for twenty seconds " * 1000).split()


@pytest.fixture(scope="module")
def edge_posts(tmp_path_factory):
    root = tmp_path_factory.mktemp("edge-posts")
    content = copy_content(root)
    paragraphs = [" ".join(WORDS[i : i + 100]).capitalize() + "." for i in range(0, 10_000, 100)]
    posts = {
        "long-read.md": QA + "\n" + "\n\n".join(paragraphs) + "\n",
        "long-title.md": QA.replace("A fine question", LONG_TITLE),
        "emoji.md": QA.replace("A fine question", "🤒🤧💉"),
    }
    for name, text in posts.items():
        (content / "posts" / name).write_text(text, encoding="utf-8")
    build = run_build(root / "output", content=content)
    assert build.ok, build.stderr
    return build


def load_syndication(build) -> dict:
    return json.loads((build.output / "syndication.json").read_text(encoding="utf-8"))


def assert_everything_fits(build, slug: str) -> dict:
    """Every text fits its platform and every card has its exact size and byte limit."""
    [post] = [p for p in load_syndication(build)["posts"] if p["slug"] == slug]
    for key, entry in post["platforms"].items():
        rule = PLATFORMS[key].text
        assert entry["length"] == count(entry["text"], rule) <= rule.limit, key
        if rule.title_limit and entry.get("title"):
            assert len(entry["title"]) <= rule.title_limit, key
    for key in IMAGE_PLATFORMS:
        [card] = (build.output / "syndication" / slug).glob(f"{key}-????????.jpg")
        with Image.open(card) as image:
            image.load()
            assert image.size == PLATFORMS[key].image.size, key
        assert card.stat().st_size <= image_byte_limit(key), key
    assert (build.output / "posts" / slug / "index.html").is_file()
    return post


def test_a_10000_word_post_builds_and_every_text_still_fits(edge_posts):
    assert len(WORDS) == 10_000
    post = assert_everything_fits(edge_posts, "long-read")
    assert len(post["platforms"]["og"]["text"]) <= 200
    page = edge_posts.output / "posts" / "long-read" / "index.html"
    assert page.read_text(encoding="utf-8").count("twenty seconds") == 1000  # all of it


def test_a_300_character_title_is_published_whole_and_cut_only_where_a_platform_must(
    edge_posts,
):
    assert len(LONG_TITLE) == 300
    post = assert_everything_fits(edge_posts, "long-title")
    assert post["title"] == LONG_TITLE
    assert len(post["platforms"]["pinterest"]["title"]) <= 100
    page = edge_posts.output / "posts" / "long-title" / "index.html"
    assert f"<h1>{LONG_TITLE}</h1>" in page.read_text(encoding="utf-8")


def test_an_emoji_only_title_builds_with_cards_and_texts(edge_posts):
    post = assert_everything_fits(edge_posts, "emoji")
    assert post["title"] == "🤒🤧💉"
    feed = (edge_posts.output / "feeds" / "all.rss.xml").read_text(encoding="utf-8")
    assert "<title>🤒🤧💉</title>" in feed


# --- Pictures and links ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_a_link_in_content_to_something_outside_it_is_never_published(kind, content_copy, tmp_path):
    secret = tmp_path / "private"
    secret.mkdir()
    (secret / "notes.txt").write_text("not for the web")
    target = secret / "notes.txt" if kind == "file" else secret
    link = content_copy / "images" / ("notes.jpg" if kind == "file" else "shared")
    link.symlink_to(target)
    build = run_build(tmp_path / "output", content=content_copy)
    line = assert_refused(build, link.name, f"is a link to {target}; links are not published")
    assert "images/" in line


def test_a_link_inside_content_is_refused_too(content_copy, tmp_path):
    (content_copy / "images" / "logo-copy.png").symlink_to(content_copy / "images" / "logo.png")
    build = run_build(tmp_path / "output", content=content_copy)
    assert_refused(build, "logo-copy.png", "links are not published")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "BRAND['logo']: content/images/logo.png"),
        (b"", "BRAND['logo']: content/images/logo.png"),
    ],
    ids=["damaged", "empty"],
)
def test_a_damaged_logo_is_a_settings_error(data, expected, content_copy, tmp_path):
    (content_copy / "images" / "logo.png").write_bytes(data)
    conf = settings_file(tmp_path, content_copy)
    build = run_build(
        tmp_path / "output", content=content_copy, settings=conf, cache=tmp_path / "c"
    )
    assert build.returncode == 2, build.stderr
    [line] = [x for x in build.stderr.splitlines() if "BRAND['logo']" in x]
    assert expected in line and "export the logo again" in line
    assert "Traceback" not in build.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "BRAND = dict(BRAND, primary='blueish')",
            "BRAND['primary']: 'blueish' is not a colour; expected a hex colour like '#1f5f8b'",
        ),
        (
            "BRAND = dict(BRAND, accent='#12345')",
            "BRAND['accent']: '#12345' is not a colour; expected a hex colour",
        ),
        ("PLATFORMS = 'og'", "PLATFORMS: expected a list of platform names"),
        ("PLATFORMS = ['og', 'X']", "PLATFORMS: unknown platform 'X'"),
    ],
    ids=["colour name", "short hex", "platforms not a list", "platform wrong case"],
)
def test_a_wrong_setting_names_the_key_and_publishes_nothing(
    extra, expected, content_copy, tmp_path, previous
):
    output, digest = previous
    build = run_build(
        output, content=content_copy, settings=settings_file(tmp_path, content_copy, extra)
    )
    assert build.returncode == 2, build.stderr
    [line] = [x for x in build.stderr.splitlines() if expected in x]
    assert line.startswith("conf.py: ")
    assert "Traceback" not in build.stderr
    assert tree_digest(output) == digest


# --- The output folder -------------------------------------------------------------------


def test_an_output_that_is_a_file_is_refused_and_kept(tmp_path):
    output = tmp_path / "output"
    output.write_text("my notes, not a website")
    build = run_build(output)
    assert build.returncode == 2
    assert f"{output}: is a file, not a folder; move or rename it (it is kept)" in build.stderr
    assert "Traceback" not in build.stderr
    assert output.read_text() == "my notes, not a website"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_an_output_inside_a_file_is_refused(tmp_path):
    (tmp_path / "site").write_text("a file")
    build = run_build(tmp_path / "site" / "output")
    assert build.returncode == 2
    assert f"cannot publish into this folder (Not a directory: {tmp_path / 'site'})" in (
        build.stderr
    )
    assert "Traceback" not in build.stderr
    assert (tmp_path / "site").read_text() == "a file"


def build_in_read_only_folder(folder: Path, output: Path):
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "--settings",
        str(ROOT / "publishconf.py"),
        "--output",
        str(output),
        "--cache",
        str(SHARED_CACHE),
    ]
    env = dict(os.environ)
    if os.geteuid() == 0:  # root writes through permission bits: emulate a read-only mount
        env.update(PYTHONPATH=str(FAULTS), FAULT_DIR=str(folder), FAULT_ERRNO="EROFS")
    else:
        folder.chmod(0o555)
    try:
        return subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
        )
    finally:
        folder.chmod(0o755)


def test_a_read_only_output_folder_fails_cleanly_and_loses_nothing(tmp_path):
    folder = tmp_path / "www"
    output = folder / "output"
    first = run_build(output)
    assert first.ok, first.stderr
    digest = tree_digest(output)
    proc = build_in_read_only_folder(folder, output)
    assert proc.returncode == 2, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.startswith(f"{output}: ")]
    assert len(lines) == 1, proc.stderr
    assert "cannot create the build folder beside it (" in lines[0]
    assert re.search(r"\((Read-only file system|Permission denied): ", lines[0]), lines[0]
    assert "must exist and be writable" in lines[0]
    assert "Traceback" not in proc.stderr
    assert tree_digest(output) == digest
    assert left_beside(output) == []


def test_a_failed_swap_puts_the_previous_site_back(tmp_path, monkeypatch):
    from healthnotes import publish as publish_dir

    target = tmp_path / "output"
    target.mkdir()
    (target / "index.html").write_text("old")
    staging = publish_dir.staging_dir(target)
    (staging / "index.html").write_text("new")
    monkeypatch.setattr(publish_dir, "_exchange", lambda a, b: False)  # not Linux
    real_rename = Path.rename

    def rename(self, destination):
        if self == staging:
            raise OSError(28, "No space left on device")
        return real_rename(self, destination)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        publish_dir.swap_in(staging, target)
    assert (target / "index.html").read_text() == "old"


def test_a_second_build_waits_for_the_first_instead_of_sweeping_its_work(tmp_path):
    from healthnotes.publish import publish_lock

    output = tmp_path / "output"
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "from healthnotes.publish import publish_lock\n"
        "with publish_lock(Path(sys.argv[2])):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(3)\n"
    )
    command = [sys.executable, "-c", script, str(ROOT), str(output)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        waited = []
        started = time.monotonic()
        with publish_lock(output, waiting=lambda: waited.append(time.monotonic())):
            elapsed = time.monotonic() - started
        assert waited and elapsed > 1
    assert holder.returncode == 0


# --- The card cache ----------------------------------------------------------------------


def rendered(build) -> int:
    match = re.search(r"Cards: (\d+) planned, (\d+) rendered", build.stdout + build.stderr)
    assert match, build.stdout + build.stderr
    return int(match.group(2))


#: Fewer platforms where a test renders cold: the cache and the swap do not depend on them.
FEW_PLATFORMS = "PLATFORMS = ['og', 'x', 'story']"


@pytest.mark.parametrize(
    "manifest",
    [b"\xff\xfe{]", b"", b"[]", b'{"version": 3, "entries": ["a", "b"]}', b'{"version": 2}'],
    ids=["not UTF-8", "empty", "a list", "entries a list", "old version"],
)
def test_a_damaged_manifest_is_ignored(manifest, tmp_path):
    from healthnotes.cache.files import ImageCache

    ImageCache(tmp_path).put("k1", b"card")  # a card on disk, manifest about to be damaged
    (tmp_path / "manifest.json").write_bytes(manifest)
    cache = ImageCache(tmp_path)
    assert cache.entries == {}
    assert cache.get("k1") is None
    cache.save()  # and it can be written again


def damage_in_place(path: Path) -> None:
    """Bit rot: different bytes, same size and modification time (found by hash in a cache
    that was copied: a copy is a new file on disk, so its content is checked once)."""
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:1000])


@pytest.fixture(scope="module")
def rendered_cache(tmp_path_factory):
    """A card cache filled by one cold build (few platforms), and what it published."""
    root = tmp_path_factory.mktemp("rendered-cache")
    content = copy_content(root)
    conf = settings_file(root, content, FEW_PLATFORMS)
    cache = root / "cards"
    first = run_build(root / "output", content=content, settings=conf, cache=cache, verbose=True)
    assert first.ok, first.stderr
    return conf, content, cache, rendered(first), tree_digest(first.output / "syndication")


@pytest.mark.parametrize(
    "damage", [truncate, damage_in_place], ids=["truncated", "bit rot in a copied cache"]
)
def test_a_damaged_cached_card_is_rendered_again_and_never_published(
    damage, tmp_path, rendered_cache
):
    conf, content, pristine, planned, good = rendered_cache
    cache = tmp_path / "cards"
    shutil.copytree(pristine, cache)  # copy2: sizes and modification times are kept
    cards = sorted((cache / "cards" / "images").glob("*.jpg"))
    assert len(cards) == planned
    for card in cards[::2]:
        damage(card)
    again = run_build(tmp_path / "again", content=content, settings=conf, cache=cache, verbose=True)
    assert again.ok, again.stderr
    assert rendered(again) == len(cards[::2])
    assert tree_digest(again.output / "syndication") == good


def test_a_damaged_manifest_can_never_delete_a_file_outside_the_cache(tmp_path):
    from healthnotes.cache.files import MANIFEST_VERSION, ImageCache

    cache = tmp_path / "cards"
    (cache / "images").mkdir(parents=True)
    victim = tmp_path / "victim.jpg"
    victim.write_bytes(b"precious")
    entries = {"../../victim": {"bytes": 8, "mtime_ns": victim.stat().st_mtime_ns}}
    manifest = {"version": MANIFEST_VERSION, "entries": entries}
    (cache / "manifest.json").write_text(json.dumps(manifest))
    loaded = ImageCache(cache)
    assert loaded.entries == {}
    loaded.save(keep=set())
    assert victim.read_bytes() == b"precious"


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _half_ending_like_stop(data: bytes) -> bytes:
    """Cut short right after a byte that looks like the pickle STOP opcode ('.')."""
    return data[: data.rindex(b".", 0, len(data) // 2) + 1]


@pytest.mark.parametrize(
    ("gzip_cache", "cut", "message"),
    [
        (True, _half, "warning: removed the damaged content cache"),
        (False, _half, "warning: removed the damaged content cache"),
        (False, _half_ending_like_stop, "warning: Cannot unpickle cache"),  # Pelican's own
        (False, lambda data: b"", "warning: removed the damaged content cache"),
    ],
    ids=["gzip", "pickle", "pickle ending in '.'", "empty"],
)
def test_a_truncated_pelican_content_cache_is_removed_and_rebuilt(
    gzip_cache, cut, message, tmp_path, content_copy
):
    pelican_cache = tmp_path / "pelican-cache"
    extra = (
        f"CACHE_PATH = {str(pelican_cache)!r}\nCACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
        f"GZIP_CACHE = {gzip_cache}"
    )
    conf = settings_file(tmp_path, content_copy, extra)
    first = run_build(tmp_path / "first", content=content_copy, settings=conf)
    assert first.ok, first.stderr
    caches = sorted(pelican_cache.glob("*-Readers"))
    assert caches
    for path in caches:  # as a build killed while Pelican saved its cache leaves it
        path.write_bytes(cut(path.read_bytes()))
    again = run_build(tmp_path / "again", content=content_copy, settings=conf)
    assert again.ok, again.stderr
    assert message in again.stderr
    assert "Traceback" not in again.stderr
    assert tree_digest(again.output / "posts") == tree_digest(first.output / "posts")


# --- Killed mid-build --------------------------------------------------------------------


@pytest.mark.parametrize("had_output", [True, False], ids=["over a site", "first build"])
def test_a_build_killed_while_rendering_cards_never_half_writes_the_output(
    had_output, tmp_path, content_copy
):
    conf = settings_file(tmp_path, content_copy, FEW_PLATFORMS)
    output = tmp_path / "www" / "output"
    if had_output:
        assert run_build(output, content=content_copy, settings=conf).ok
    before = tree_digest(output)
    cache = tmp_path / "cold-cache"  # empty: every card has to be rendered
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "--settings",
        conf,
        "--output",
        str(output),
        "--cache",
        str(cache),
    ]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the card workers die with it
    )
    deadline = time.monotonic() + 300
    try:
        while not any((cache / "cards" / "images").glob("*.jpg")):
            assert proc.poll() is None, "the build ended before it rendered a card"
            assert time.monotonic() < deadline, "no card rendered in 5 minutes"
            time.sleep(0.005)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert tree_digest(output) == before  # absent, or exactly the previous site
    assert output.exists() == had_output
    assert any(p.name.startswith(".output.staging-") for p in output.parent.iterdir())

    again = run_build(output, content=content_copy, settings=conf, cache=cache)
    assert again.ok, again.stderr
    # The killed build's staging folder is gone; the site the new build replaced waits,
    # hidden, for the next build to remove it.
    left = left_beside(output)
    assert len(left) == had_output and all(name.startswith(".output.old-") for name in left)
    cards = list((output / "syndication").glob("*/*.jpg"))  # <slug>/<platform>-<hash8>.jpg
    assert cards
    for card in cards:
        platform, _ = card.stem.rsplit("-", 1)
        with Image.open(card) as image:
            image.load()
            assert image.size == PLATFORMS[platform].image.size


def test_each_build_removes_the_site_the_build_before_it_replaced(tmp_path, content_copy):
    """The previous site waits beside output/ (hidden): the next build takes folders
    from it, the build after that removes what is left while it builds. There are never
    more than two."""
    output = tmp_path / "output"
    first = run_build(output, content=content_copy)
    assert first.ok, first.stderr
    assert [name for name in left_beside(output) if name.startswith(".output.")] == []
    second = run_build(output, content=content_copy, force=True)
    assert second.ok, second.stderr
    retired = list(tmp_path.glob(".output.old-*"))
    assert len(retired) == 1 and (retired[0] / "index.html").is_file()
    third = run_build(output, content=content_copy, force=True)
    assert third.ok, third.stderr
    now = [name for name in left_beside(output) if name.startswith(".output.")]
    assert len(now) == 2 and retired[0].name in now  # what the third build did not take
    assert tree_digest(output) == tree_digest(first.output)
    fourth = run_build(output, content=content_copy, force=True)
    assert fourth.ok, fourth.stderr
    later = [name for name in left_beside(output) if name.startswith(".output.")]
    assert len(later) == 2 and retired[0].name not in later
    assert tree_digest(output) == tree_digest(first.output)


def test_a_gate_error_found_beside_the_build_still_publishes_nothing(
    tmp_path, content_copy, write_post
):
    """The gate runs in its own process while Pelican writes pages into the staging
    folder; its error stops the build before anything is swapped in."""
    output = tmp_path / "output"
    good = run_build(output, content=content_copy)
    assert good.ok, good.stderr
    before = tree_digest(output)
    post = sorted((content_copy / "posts").glob("*.md"))[0]
    text = post.read_text(encoding="utf-8")
    post.write_text(text + "\nCall the patient back at 503-555-0199.\n", encoding="utf-8")
    bad = run_build(output, content=content_copy)
    assert bad.returncode == 1
    assert "phone" in bad.stderr.lower() and "Traceback" not in bad.stderr
    assert tree_digest(output) == before
    assert not list(tmp_path.glob(".output.staging-*"))
