"""healthnotes.gate.pictures.refused_in_content: a picture of a kind that is never
published is named while the content is checked, from the folders that are published."""

from __future__ import annotations

from pathlib import Path

from healthnotes.gate.pictures import refused_in_content


def test_every_refused_picture_in_the_published_folders_is_named_once(tmp_path: Path):
    content = tmp_path / "content"
    for name in ("images/a.svg", "images/deep/b.TIFF", "images/ok.png", "extra/icon.ico"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(b"")
    (content / "posts").mkdir()
    (content / "posts" / "not-published.gif").write_bytes(b"")  # not a published folder
    problems = refused_in_content(content, ["images", "images/deep", "extra/icon.ico"])
    named = [Path(p.file).relative_to(content).as_posix() for p in problems]
    assert named == ["images/a.svg", "images/deep/b.TIFF", "extra/icon.ico"]
    assert all(
        p.severity == "error" and p.message.startswith("is not published: ") for p in problems
    )
    assert "SVG drawing can carry scripts" in problems[0].message


def test_a_missing_published_folder_names_nothing(tmp_path: Path):
    assert refused_in_content(tmp_path, ["images"]) == []


def test_an_archive_or_office_document_is_never_published(tmp_path: Path):
    """Red-teamed: a .zip or .gz in content/extra went out unread (the gate cannot see
    inside it). Such a file is refused with what to publish instead."""
    content = tmp_path / "content"
    (content / "extra").mkdir(parents=True)
    for name in ("notes.zip", "visit.txt.gz", "handout.docx", "old.doc", "handout.pdf"):
        (content / "extra" / name).write_bytes(b"")
    problems = refused_in_content(content, ["extra"])
    named = sorted(Path(p.file).name for p in problems)
    assert named == ["handout.docx", "notes.zip", "old.doc", "visit.txt.gz"]
    by_name = {Path(p.file).name: p.message for p in problems}
    assert "compressed archive: the safety gate cannot read inside it" in by_name["notes.zip"]
    assert "export it as PDF" in by_name["old.doc"]
