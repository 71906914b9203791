"""The patient-safety gate, end to end: what stops a publish, what is allowed, what is
reported. Builds run the way `make publish` runs them."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import CONTENT, PATIENT, ROOT, run_build, settings_file, tree_digest
from healthnotes.gate.photos import metadata_report

ASTRONAUT = ROOT / "tests" / "data" / "photos" / "astronaut.jpg"


def story(fields: str = "", body: str | None = None) -> str:
    """PATIENT with ``fields`` (header lines) added and, given ``body``, its text
    (both identifying lines) replaced by it."""
    head, _, text = PATIENT.partition("\n\n")
    return f"{head}\n{fields}\n{text if body is None else body}"


def conf(tmp_path, content, extra: str = "") -> str:
    return settings_file(
        tmp_path, content, f"REPORT_PATH = {str(tmp_path / 'report.html')!r}\n{extra}"
    )


def report(tmp_path) -> BeautifulSoup:
    return BeautifulSoup((tmp_path / "report.html").read_text(encoding="utf-8"), "lxml")


def test_example_site_passes_the_gate_and_gets_a_report(tmp_path, content_copy):
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.ok, build.stderr
    page = report(tmp_path)
    assert "Passed: nothing stops publishing." in page.get_text()
    assert len(page.select("tbody tr")) == 10
    assert "Safety check: 10 posts, 0 privacy findings" in build.stdout + build.stderr


def test_patient_name_and_phone_stop_the_publish_and_leave_output_byte_for_byte(
    tmp_path, content_copy, write_post
):
    settings = conf(tmp_path, content_copy)
    before = run_build(tmp_path / "out", content=content_copy, settings=settings)
    assert before.ok, before.stderr
    digest = tree_digest(tmp_path / "out")
    write_post("winter-story.md", PATIENT)
    build = run_build(tmp_path / "out", content=content_copy, settings=settings)
    assert build.returncode == 1
    lines = [x for x in build.stderr.splitlines() if "winter-story.md" in x]
    assert any(
        x.split(" ")[0].endswith("winter-story.md:6:17:") and "(name) 'M**** G*******'" in x
        for x in lines
    ), lines
    assert any(
        x.split(" ")[0].endswith("winter-story.md:7:30:") and "(phone) '5**-***-****' in body" in x
        for x in lines
    ), lines
    assert "Maria Gonzalez" not in build.stderr and "555-0199" not in build.stderr  # masked
    assert "Traceback" not in build.stderr
    assert tree_digest(tmp_path / "out") == digest
    assert "Stopped:" in report(tmp_path).get_text()


def test_a_reviewed_exception_acknowledges_exactly_that_finding(tmp_path, content_copy, write_post):
    text = story(
        "Exception: phone | 541-555-0199 | Dr. Ana Patel, MD | the food bank's public line\n",
        "Yes. You can call her daughter at 541-555-0199 to hear more.\n",
    )
    write_post("partner-line.md", text)
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.ok, build.stderr
    row = report(tmp_path).find(string=lambda s: s and "partner-line.md" in s).find_parent("tr")
    assert "reviewed by Dr. Ana Patel, MD: the food bank's public line" in row.get_text()


def test_an_exception_for_other_text_does_not_cover_a_finding(tmp_path, content_copy, write_post):
    write_post(
        "other.md",
        story("Exception: phone | 541-555-0100 | Dr. Marcus Lee, DO | another number\n"),
    )
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.returncode == 1
    assert "(phone)" in build.stderr
    assert "'phone | 5**-***-****' matches no finding" in build.stderr  # masked too


def test_an_exception_counts_only_when_a_listed_reviewer_reviewed_it(
    tmp_path, content_copy, write_post
):
    write_post(
        "partner-line.md",
        story(
            "Exception: phone | 541-555-0199 | Front Desk | our partner's line\n",
            body="Yes. You can call the food bank at 541-555-0199 to hear more.\n",
        ),
    )
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.returncode == 1
    line = next(x for x in build.stderr.splitlines() if "partner-line.md" in x)
    assert "Exception" in line and "'Front Desk', who is not in REVIEWERS" in line, line
    assert "Traceback" not in build.stderr


def test_a_drafts_exception_lets_nothing_through_elsewhere(tmp_path, content_copy, write_post):
    """An exception holds for its own post's texts: a draft's (never published, its
    reviewer never asked) cannot clear the same address in a copied file."""
    write_post(
        "flu-questions.md",
        "Title: Questions about flu season\nDate: 2026-11-20 09:00\nType: qa\nStatus: draft\n"
        "Question: When should I get my flu shot?\n"
        "Exception: email | maria.g@gmail.com | nobody at all | because\n\nIn the fall.\n",
    )
    (content_copy / "extra" / "notes.txt").write_text("Write to maria.g@gmail.com.\n")
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.returncode == 1
    line = next(x for x in build.stderr.splitlines() if "notes.txt" in x)
    assert "(email)" in line, line
    assert "maria.g@gmail.com" not in build.stderr
    assert not (tmp_path / "out" / "extra" / "notes.txt").exists()


def test_an_identifier_in_a_platform_text_is_found_there(tmp_path, content_copy):
    post = content_copy / "posts" / "winter-blues.md"
    post.write_text(
        post.read_text().replace(
            "Type: qa\n",
            "Type: qa\nSummary_linkedin: Ask for Dr. Patel, or email jane.doe@gmail.com\n",
        )
    )
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.returncode == 1
    assert any("winter-blues.md" in x and "(email)" in x for x in build.stderr.splitlines())


def hero_post(name: str, extra: str = "") -> str:
    return (
        f"Title: Meet our team\nDate: 2026-09-01 09:00\nType: qa\nQuestion: Who are you?\n"
        f"Image: images/{name}\nImage_Alt: A person smiling\n{extra}\nWe are here to help.\n"
    )


def test_a_picture_with_a_face_needs_consent(tmp_path, content_copy, write_post):
    shutil.copy(ASTRONAUT, content_copy / "images" / "person.jpg")
    write_post("team.md", hero_post("person.jpg"))
    settings = conf(tmp_path, content_copy)
    build = run_build(tmp_path / "out", content=content_copy, settings=settings)
    assert build.returncode == 1
    assert any(
        "team.md" in x and "Consent:" in x and "face" in x for x in build.stderr.splitlines()
    )
    write_post("team.md", hero_post("person.jpg", "Consent: AUTH-2026-014\n"))
    build = run_build(tmp_path / "out", content=content_copy, settings=settings)
    assert build.ok, build.stderr


def test_a_testimonial_needs_consent(tmp_path, content_copy, write_post):
    write_post(
        "thanks.md",
        story("Testimonial: yes\n", "Yes. It helped."),
    )
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.returncode == 1
    assert any(
        "thanks.md" in x and "Testimonial: yes needs" in x for x in build.stderr.splitlines()
    )


def picture_with_metadata(colour: tuple[int, int, int] = (30, 120, 90)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = "Owner Name"  # Artist
    exif.get_ifd(0x8825)[2] = (44.0, 3.0, 0.0)  # GPSLatitude
    picture = io.BytesIO()
    Image.new("RGB", (800, 500), colour).save(picture, "JPEG", exif=exif)
    assert metadata_report(picture.getvalue())  # the source really has metadata
    return picture.getvalue()


def published_pictures(output: Path) -> list[Path]:
    return [p for p in output.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")]


def test_published_pictures_carry_no_gps_or_camera_metadata(tmp_path, content_copy, write_post):
    source = content_copy / "images" / "garden.jpg"
    source.write_bytes(picture_with_metadata())
    write_post("garden.md", hero_post("garden.jpg").replace("A person smiling", "A green field"))
    settings = conf(tmp_path, content_copy)
    for _ in range(2):  # and again when the pictures found clean before are remembered
        build = run_build(tmp_path / "out", content=content_copy, settings=settings)
        assert build.ok, build.stderr
        assert (tmp_path / "out" / "images" / "garden.jpg").is_file()
        for path in published_pictures(tmp_path / "out"):
            assert metadata_report(path.read_bytes()) == {}, path
        assert metadata_report(source.read_bytes())  # the author's own file is left as it was


def test_a_clean_picture_replaced_by_one_with_metadata_is_stripped_on_the_next_build(
    tmp_path, content_copy, write_post
):
    source = content_copy / "images" / "garden.jpg"
    clean = io.BytesIO()
    Image.new("RGB", (800, 500), (30, 120, 90)).save(clean, "JPEG")
    source.write_bytes(clean.getvalue())
    write_post("garden.md", hero_post("garden.jpg").replace("A person smiling", "A green field"))
    settings = conf(tmp_path, content_copy)
    assert run_build(tmp_path / "out", content=content_copy, settings=settings).ok
    source.write_bytes(picture_with_metadata((90, 120, 30)))

    build = run_build(tmp_path / "out", content=content_copy, settings=settings)

    assert build.ok, build.stderr
    published = tmp_path / "out" / "images" / "garden.jpg"
    assert metadata_report(published.read_bytes()) == {}
    with Image.open(published) as picture:
        assert picture.getpixel((400, 250))[0] > 60  # the new picture, not the old one


def test_old_or_missing_review_is_flagged_in_the_report(tmp_path, content_copy, write_post):
    write_post(
        "old.md",
        story("Reviewed_By: Dr. Lee\nLast_Reviewed: 2024-01-10\n", "Yes. Yes."),
    )
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.ok, build.stderr
    row = report(tmp_path).find(string=lambda s: s and "old.md" in s).find_parent("tr")
    assert "review due: reviewed 2024-01-10 by Dr. Lee" in row.get_text()


@pytest.mark.parametrize(("as_error", "code"), [(False, 0), (True, 1)])
def test_reading_level_above_target_warns_or_stops_as_configured(
    tmp_path, content_copy, as_error, code
):
    settings = conf(tmp_path, content_copy, f"READING_GRADE_AS_ERROR = {as_error}")
    build = run_build(tmp_path / "out", content=content_copy, settings=settings)
    assert build.returncode == code, build.stderr
    assert "antibiotics-cold-myth.md" in build.stderr and "SMOG 9.6" in build.stderr


def test_make_check_runs_the_gate_and_publishes_nothing(tmp_path, content_copy, write_post):
    import subprocess
    import sys

    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "--settings",
        str(ROOT / "tests" / "settings" / "publishconf.py"),  # no sign-off: see that file
        "--content",
        str(content_copy),
        "--output",
        str(tmp_path / "out"),
        "--check",
        "--report",
        str(tmp_path / "report.html"),
    ]
    ok = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "Check passed" in ok.stdout
    assert not (tmp_path / "out").exists()
    assert (tmp_path / "report.html").is_file()
    write_post("winter-story.md", PATIENT)
    bad = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "(phone)" in bad.stderr
    assert not (tmp_path / "out").exists()


def test_publish_stops_every_identifier_class_of_the_labelled_corpus(
    tmp_path, content_copy, write_post
):
    from healthnotes.gate.evaluate import load_corpus

    positives = [e for e in load_corpus() if e.expected]
    classes = {rule for e in positives for rule, _, _ in e.expected}
    body = "\n\n".join(e.sentence for e in positives)
    write_post(
        "corpus.md",
        "Title: Corpus\nDate: 2026-09-01 09:00\nType: qa\n"
        f"Question: Everything at once?\n\n{body}\n",
    )
    build = run_build(tmp_path / "out", content=content_copy, settings=conf(tmp_path, content_copy))
    assert build.returncode == 1
    found = {rule for rule in classes if f"({rule})" in build.stderr}
    assert found == classes
    assert not (tmp_path / "out").exists()


GATE_SCRIPT = """
import json, runpy, shutil, sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from healthnotes.config import SiteConfig
from healthnotes.content.model import RawPost, parse_post
from healthnotes.gate.inputs import PostFiles
from healthnotes.pipeline import Caches, check
from healthnotes.runtime.workers import Workers

root, content = Path(sys.argv[1]), Path(sys.argv[2])
settings = runpy.run_path(str(root / "pelicanconf.py"))
settings["PATH"] = str(content)
config = SiteConfig.from_settings(settings)
items = []
for number in range(int(sys.argv[3])):
    source = content / "posts" / f"p{number}.md"
    source.write_text("Title: A picture\\n\\nHello.\\n", encoding="utf-8")
    raw = RawPost(
        source=str(source), slug=f"p{number}", url=f"https://x.example/p{number}/",
        html="<p>Can you see me?</p><p>Yes.</p>",
        metadata={"title": "A picture", "type": "qa", "question": "Who is this?",
                  "image": "images/face.jpg", "image_alt": "An astronaut",
                  "date": datetime(2026, 9, 1, 9, tzinfo=ZoneInfo("America/Los_Angeles"))},
        status="published", lines={},
    )
    post, problems = parse_post(raw, config, today=date(2026, 11, 23))
    assert post is not None, [p.format() for p in problems]
    items.append(PostFiles(post=post, metadata={}, html=raw.html, source_path=str(source),
                           platform_texts={}, hero_path=str(content / "images" / "face.jpg")))
with Workers(2) as workers:
    results = check(items, config, Caches.at(Path(sys.argv[4])), workers,
                    now=datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("America/Los_Angeles"))).results()
print(json.dumps({
    "consent": [row.consent for _, row in results],
    "errors": [p.field for found, _ in results for p in found if p.severity == "error"],
    "opencv_here": "cv2" in sys.modules,
}))
"""


@pytest.mark.parametrize("posts", [1, 9], ids=["an-edit", "a-first-build"])
def test_faces_are_found_in_the_workers_never_in_the_builds_own_process(tmp_path, posts):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "posts").mkdir()
    shutil.copy(ASTRONAUT, content / "images" / "face.jpg")
    shutil.copy(CONTENT / "images" / "logo.png", content / "images" / "logo.png")
    done = subprocess.run(
        [sys.executable, "-c", GATE_SCRIPT, str(ROOT), str(content), str(posts), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["consent"] == ["MISSING: 1 face(s) in images/face.jpg"] * posts
    assert result["errors"].count("Consent") == posts
    assert result["opencv_here"] is False
