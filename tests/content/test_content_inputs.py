"""What reaches a patient's browser is only what the practice meant to publish (issue 19):
HTML is cleaned, files cannot steer where they are written, only the published folders
are published, drafts never leave `make publish`, and every refusal is one line."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import run_build

POST_FIELDS = """Title: Can I exercise with a cold?
Date: 2026-09-01 09:00
Type: qa
Question: Can I exercise with a cold?
Tags: colds"""
PAGE_FIELDS = "Title: Our team"


def _file(fields: str, extra: str, first: str, body: str) -> str:
    header = f"{fields}\n{extra}".rstrip("\n")
    return f"{header}\n\n{first}\n\n{body}\n"


def post(extra: str = "", body: str = "Rest if you have a fever.") -> str:
    """A valid Q&A post; without ``extra`` its ``body`` is on line 9."""
    first = "Light exercise is usually fine if your symptoms are above the neck."
    return _file(POST_FIELDS, extra, first, body)


def page(extra: str = "", body: str = "Call us to book a visit.") -> str:
    return _file(PAGE_FIELDS, extra, "We are a small team of doctors and nurses.", body)


def problem_lines(build, name: str) -> list[str]:
    return [line for line in build.stderr.splitlines() if name in line and ": " in line]


def assert_refused(build, name: str, expected: str) -> str:
    """The build stopped, nothing was published, and one line names ``name``."""
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    # ``expected`` in the message, not in the path (tmp_path holds the test's name).
    lines = [line for line in problem_lines(build, name) if expected in line.split(name, 1)[1]]
    assert len(lines) == 1, build.stderr
    assert not build.output.exists()
    return lines[0]


def build(content: Path, tmp_path: Path):
    return run_build(tmp_path / "output", content=content)


# --- 1. HTML is cleaned, in posts and pages ---------------------------------------------


def test_a_script_in_a_post_stops_the_build_naming_its_line(content_copy, tmp_path):
    (content_copy / "posts" / "cold.md").write_text(
        post(body="<script>alert('hi')</script>"), encoding="utf-8"
    )
    line = assert_refused(build(content_copy, tmp_path), "cold.md", "script")
    assert "content/posts/cold.md:9:" in line, line


def test_a_script_in_a_page_stops_the_build(content_copy, tmp_path):
    (content_copy / "pages" / "team.md").write_text(
        page(body='<img src="images/logo.png" alt="x" onerror="alert(1)">'), encoding="utf-8"
    )
    assert_refused(build(content_copy, tmp_path), "team.md", "onerror")


def test_a_removed_style_is_a_warning_and_never_reaches_the_page(content_copy, tmp_path):
    (content_copy / "posts" / "cold.md").write_text(
        post(body='<p style="color: red">Drink fluids.</p>'), encoding="utf-8"
    )
    done = build(content_copy, tmp_path)
    assert done.ok, done.stderr
    assert any("warning" in line and "style" in line for line in problem_lines(done, "cold.md"))
    html = (done.output / "posts" / "cold" / "index.html").read_text(encoding="utf-8")
    assert "Drink fluids." in html and "color: red" not in html


# --- 2. Files cannot choose where they are written or how ------------------------------


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ("posts", "Save_As: index.html"),
        ("posts", "Template: page"),
        ("pages", "Template: article"),
        ("pages", "URL: https://elsewhere.example/"),
    ],
)
def test_a_field_that_steers_pelican_is_refused(where, field, content_copy, tmp_path):
    text = post(extra=field) if where == "posts" else page(extra=field)
    (content_copy / where / "steer.md").write_text(text, encoding="utf-8")
    name = field.split(":")[0]
    line = assert_refused(build(content_copy, tmp_path), "steer.md", f"{name.title()}: chooses")
    assert "ALLOW_CONTENT_OVERRIDES" in line


@pytest.mark.parametrize(
    # common words: before the gate has run, a word of a file name that may be a name
    # is masked (tests/build/test_messages.py)
    "files",
    [("flu-case.md", "Flu-Case.md"), ("a/same-name.md", "b/same-name.md")],
)
def test_two_files_written_to_the_same_place_are_one_line_naming_both(
    files, content_copy, tmp_path
):
    for name in files:
        path = content_copy / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(post(), encoding="utf-8")
    done = build(content_copy, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    [line] = [line for line in done.stderr.splitlines() if "the same file as" in line]
    assert all(Path(name).as_posix() in line for name in files), line


def test_a_page_cannot_take_the_address_of_a_site_page(content_copy, tmp_path):
    (content_copy / "pages" / "archives.md").write_text(page(), encoding="utf-8")
    assert_refused(build(content_copy, tmp_path), "archives.md", "the same file as")


# --- 3. Only the published folders are published --------------------------------------


@pytest.mark.parametrize(
    ("link", "named"),
    [
        ("{static}/private/notes.txt", "content/private/notes.txt, not in a published folder"),
        ("{static}/../pelicanconf.py", "outside the content folder"),
        ("{filename}../../publishconf.py", "outside the content folder"),
    ],
)
def test_a_site_link_outside_the_published_folders_is_refused(link, named, content_copy, tmp_path):
    (content_copy / "private").mkdir()
    (content_copy / "private" / "notes.txt").write_text("staff only")
    (content_copy / "posts" / "cold.md").write_text(
        post(body=f"See [the notes]({link})."), encoding="utf-8"
    )
    line = assert_refused(build(content_copy, tmp_path), "cold.md", named)
    assert re.search(r"cold\.md:9: ", line), line


@pytest.mark.parametrize(
    ("name", "target"), [("posts-link", "../posts"), ("loop", ".."), ("copy.png", "logo.png")]
)
def test_every_link_inside_content_is_refused(name, target, content_copy, tmp_path):
    (content_copy / "images" / name).symlink_to(target)
    assert_refused(build(content_copy, tmp_path), f"images/{name}", "links are not published")


# --- 4. Drafts never leave make publish --------------------------------------------------


def test_a_draft_page_is_never_published(content_copy, tmp_path):
    (content_copy / "pages" / "team.md").write_text(page(extra="Status: draft"), "utf-8")
    done = build(content_copy, tmp_path)
    assert done.ok, done.stderr
    published = [p.relative_to(done.output).as_posix() for p in done.output.rglob("*")]
    assert not [p for p in published if "team" in p or p.startswith("drafts")]


def test_a_pages_mistyped_status_is_refused(content_copy, tmp_path):
    (content_copy / "pages" / "team.md").write_text(page(extra="Status: publsh"), "utf-8")
    assert_refused(build(content_copy, tmp_path), "team.md", "'publsh' is not a status")


# --- 5. The smaller ones -------------------------------------------------------------------


def test_yaml_front_matter_is_refused_with_how_to_write_fields(content_copy, tmp_path):
    text = '---\ntitle: "Flu shots"\ntags: [flu, vaccines]\n---\n\nGet one every fall.\n'
    (content_copy / "posts" / "front-matter.md").write_text(text, encoding="utf-8")
    line = assert_refused(build(content_copy, tmp_path), "front-matter.md", "front matter")
    assert "'Tags: flu, vaccines'" in line


def test_a_file_the_build_skips_in_the_posts_folder_is_named(content_copy, tmp_path):
    (content_copy / "posts" / "..md").write_text(post(), encoding="utf-8")
    done = build(content_copy, tmp_path)
    assert done.ok, done.stderr
    [line] = problem_lines(done, "posts/..md")
    assert "warning: is not read by the build" in line


# --- 6. Pictures ----------------------------------------------------------------------


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png(width: int, height: int) -> bytes:
    """A valid PNG header for a huge picture (the pixels are never needed)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\x00"))
        + png_chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("name", ["drawing.svg", "scan.tiff", "animation.gif"])
def test_a_picture_format_whose_metadata_stays_is_not_published(name, content_copy, tmp_path):
    path = content_copy / "images" / name
    if name.endswith(".svg"):
        path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    else:
        Image.new("RGB", (8, 8), "white").save(path)
    line = assert_refused(build(content_copy, tmp_path), f"images/{name}", "is not published")
    assert "PNG" in line


SCRIPTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def test_a_refused_picture_is_named_together_with_a_posts_mistake(content_copy, tmp_path):
    """Staff get every problem at once: the picture is refused while the posts are
    checked, not after the work the build would do for them."""
    (content_copy / "images" / "drawing.svg").write_text(SCRIPTED_SVG)
    (content_copy / "posts" / "cold.md").write_text(
        post().replace("Date: 2026-09-01 09:00", "Date: someday"), encoding="utf-8"
    )
    done = run_build(tmp_path / "output", content=content_copy, cache=tmp_path / "cache")
    assert_refused(done, "images/drawing.svg", "is not published: an SVG drawing")
    assert_refused(done, "cold.md", "is not a date")


def test_a_refused_picture_stops_the_build_before_any_card_is_drawn(content_copy, tmp_path):
    (content_copy / "images" / "scan.tiff").write_bytes(b"II*\x00")  # never opened
    cache = tmp_path / "cache"
    done = run_build(tmp_path / "output", content=content_copy, cache=cache)
    assert_refused(done, "images/scan.tiff", "is not published: TIFF carries")
    assert not list(cache.glob("cards/images/*"))  # a cold cache, and nothing drawn


def test_a_png_chunk_not_on_the_allowlist_is_removed(content_copy, tmp_path):
    path = content_copy / "images" / "chart.png"
    Image.new("RGB", (8, 8), "white").save(path)
    data = path.read_bytes()
    secret = png_chunk(b"PrIv", b"patient: Jane Roe")  # unknown, marked "critical"
    path.write_bytes(data[:33] + secret + data[33:])  # after IHDR
    done = build(content_copy, tmp_path)
    assert done.ok, done.stderr
    assert b"Jane Roe" not in (done.output / "images" / "chart.png").read_bytes()


def test_a_huge_hero_picture_is_too_large_with_its_size(content_copy, tmp_path):
    (content_copy / "images" / "huge.png").write_bytes(huge_png(30000, 30000))
    (content_copy / "posts" / "cold.md").write_text(
        post(extra="Image: images/huge.png\nImage_Alt: A chart"), encoding="utf-8"
    )
    line = assert_refused(build(content_copy, tmp_path), "cold.md", "too large")
    assert "30000 x 30000 pixels, limit 50,000,000" in line


def test_a_huge_picture_anywhere_in_the_published_folders_is_refused(content_copy, tmp_path):
    (content_copy / "images" / "bomb.png").write_bytes(huge_png(11000, 8000))
    line = assert_refused(build(content_copy, tmp_path), "images/bomb.png", "too large")
    assert "11000 x 8000 pixels" in line


def test_a_field_named_like_the_builds_own_notes_is_refused(content_copy, tmp_path):
    # Pelican would put it in place of the cleaned HTML (its attribute ``_content``).
    (content_copy / "posts" / "cold.md").write_text(
        post(extra="_Content: <script>alert(1)</script>"), encoding="utf-8"
    )
    line = assert_refused(build(content_copy, tmp_path), "cold.md", "_content: field names")
    assert "cold.md:6:" in line
