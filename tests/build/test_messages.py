"""What a build prints (issue 17, item 5): no patient identifier, whatever stops the
build, and how far the build has got, as it goes.

Lines that may carry text from a post wait for the privacy gate (it knows what to mask);
when the build stops before the gate has run, they are masked by the privacy scan read
on the message itself and on the file names in it. Lines that cannot carry text from a
post (step names and counts) are printed as they happen."""

from __future__ import annotations

from pathlib import Path

from conftest import Build, run_build, settings_file
from healthnotes.gate.live import PROGRESS_PREFIX

#: A Q&A post with no Question (a content error: the build stops before the gate) whose
#: file name and title hold a patient's name in lower case, and a field staff misspelt.
NO_QUESTION = """Title: maria gonzalez follow-up
Date: 2026-09-01 09:00
Type: qa
Colour: blue

Wash your hands often, for twenty seconds, with soap and water.
"""
#: A post the gate stops: a patient named in its text, the file named after her.
NAMED = """Title: Hand hygiene at home
Date: 2026-09-01 09:00
Type: qa
Question: How often should I wash my hands?
Colour: blue

Wash your hands often, for twenty seconds, with soap and water.

My patient Maria Gonzalez asked us about it.
"""


def build(tmp_path: Path, content: Path, *, verbose: bool = False) -> Build:
    report = tmp_path / "reports" / "r.html"
    return run_build(
        tmp_path / "out",
        content=content,
        settings=settings_file(tmp_path, content, extra=f"REPORT_PATH = {str(report)!r}"),
        cache=tmp_path / "cache",
        verbose=verbose,
    )


def everything_printed(tmp_path: Path, done: Build) -> dict[str, str]:
    """The terminal and every file the build wrote under reports/."""
    reports = tmp_path / "reports"
    return {
        "stdout": done.stdout,
        "stderr": done.stderr,
        **{
            f"reports/{p.relative_to(reports).as_posix()}": p.read_text("utf-8", "replace")
            for p in reports.rglob("*")
            if p.is_file()
        },
    }


def test_a_patient_s_name_in_a_file_name_is_masked_when_a_content_error_stops_the_build(
    tmp_path, content_copy
):
    """The build stops reading posts, before the gate has run: the lines about the file
    are masked by the privacy scan on the lines and the file's name, and still say
    which file (its folder, the common words of its name, each masked word's first
    letter and length) and what to fix."""
    (content_copy / "posts" / "maria-gonzalez-follow-up.md").write_text(NO_QUESTION, "utf-8")
    done = build(tmp_path, content_copy)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    [line] = [x for x in done.stderr.splitlines() if "Question" in x]
    assert "posts/m****-g*******-follow-up.md:" in line, done.stderr
    assert "Colour" in done.stderr  # the misspelt field's warning: held, then masked
    for what, text in everything_printed(tmp_path, done).items():
        assert "maria" not in text.lower(), (what, text)
        assert "gonzalez" not in text.lower(), (what, text)


def test_progress_lines_are_printed_before_the_gate_has_run_and_carry_no_identifier(
    tmp_path, content_copy
):
    """A long build says what it is doing while it works: its progress lines come
    before the gate's summary; the warning about the file waits for the gate, which
    masks the name it found."""
    (content_copy / "posts" / "maria-gonzalez.md").write_text(NAMED, "utf-8")
    done = build(tmp_path, content_copy)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    summary = next(i for i, x in enumerate(lines) if x.startswith("Report: "))
    progress = [i for i, x in enumerate(lines) if x.startswith(PROGRESS_PREFIX)]
    assert progress and progress[0] < summary, done.stderr
    assert any("checking" in lines[i] and "posts" in lines[i] for i in progress), done.stderr
    [warning] = [i for i, x in enumerate(lines) if "Colour" in x]
    assert "posts/m****-g*******.md" in lines[warning]
    assert progress[-1] < warning < summary, done.stderr  # held until the gate has run
    for what, text in everything_printed(tmp_path, done).items():
        assert "maria" not in text.lower(), (what, text)
        assert "gonzalez" not in text.lower(), (what, text)


def test_verbose_info_lines_without_text_from_a_post_come_in_order_with_the_build(
    tmp_path, content_copy
):
    """With -v, the engine's counts (workers started, cards drawn) are printed when they
    happen, before the gate's summary, not all held until the end."""
    done = build(tmp_path, content_copy, verbose=True)
    assert done.ok, done.stderr
    lines = done.stderr.splitlines()
    summary = next(i for i, x in enumerate(lines) if x.startswith("Report: "))
    [cards] = [i for i, x in enumerate(lines) if x.startswith("info: Cards: ")]
    assert cards < summary, done.stderr
