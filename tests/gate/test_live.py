"""Which lines the build prints as they happen and which wait for the gate
(healthnotes.gate.live), and how a line is masked when the gate has not run
(Masker.unchecked): issue 17, item 5."""

from __future__ import annotations

import importlib.util
import io
import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthnotes.gate.live import (
    LIVE,
    PROGRESS,
    PROGRESS_PREFIX,
    STEPS,
    HeldLines,
    LogProgress,
    gate_has_run,
    is_live,
)
from healthnotes.gate.messages import Masker
from healthnotes.gate.privacy.words import first_names

CARDS = "Cards: %d planned, %d rendered, %d from cache (%.2f s, %.2f s CPU)"


def record(name: str, msg: str, *args: object, **extra: object) -> logging.LogRecord:
    made = logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args or None, None)
    made.__dict__.update(extra)
    return made


# --- which lines are live: data, checked ----------------------------------------------


def test_a_line_is_live_only_with_a_listed_template_and_numbers_in_it():
    assert is_live(record("healthnotes.pipeline", CARDS, 3, 2, 1, 0.5, 0.25))
    assert is_live(record(PROGRESS, STEPS["drawing"], 120, 1000))
    # the same words with text put in, or words not listed, wait for the gate
    assert not is_live(record(PROGRESS, STEPS["drawing"], "maria", 1000))
    assert not is_live(record("healthnotes.pipeline", "Cards: %s", "maria-gonzalez"))
    assert not is_live(record("pelican.writers", 'Writing "%s"', "out/maria-gonzalez/"))


def _source(logger: str) -> str:
    spec = importlib.util.find_spec(logger)
    assert spec is not None and spec.origin, logger
    return Path(spec.origin).read_text(encoding="utf-8")


def test_every_live_template_is_the_one_its_logger_writes():
    """A template that is changed where it is logged and not in LIVE waits for the gate
    (safe, but no longer live): each listed one is found, as written, where it is logged."""
    for logger, template in LIVE:
        where = "healthnotes.gate.live" if logger == PROGRESS else logger
        assert repr(template)[1:-1] in _source(where).replace('"', "'"), (logger, template)


# --- the handler: held, live, released ------------------------------------------------


def handler() -> tuple[HeldLines, io.StringIO]:
    out = io.StringIO()
    lines = HeldLines(out)
    lines.hold()
    return lines, out


def test_live_lines_print_at_once_and_the_others_wait_for_the_gate():
    lines, out = handler()
    warning = "posts/maria-gonzalez.md:5: warning: Colour: unknown field"
    lines.emit(record("healthnotes.pipeline", warning, problem=True))
    lines.emit(record(PROGRESS, STEPS["check"], 12))
    assert out.getvalue() == f"{PROGRESS_PREFIX}checking 12 posts for patient identifiers\n"
    lines.emit(record("healthnotes.gate.done", "the gate has run", gate_found=("Maria Gonzalez",)))
    assert out.getvalue().splitlines()[1] == (
        "posts/m****-g*******.md:5: warning: Colour: unknown field"
    )
    lines.emit(record("pelican", "Writing %s", "out/maria-gonzalez/index.html"))
    assert out.getvalue().splitlines()[2] == "warning: Writing out/m****-g*******/index.html"


def test_gate_has_run_reaches_the_handler_through_logging_and_is_never_printed():
    lines, out = handler()
    root = logging.getLogger()
    root.addHandler(lines)
    try:
        logging.getLogger("healthnotes.pipeline").warning(
            "posts/maria-gonzalez.md: warning: x", extra={"problem": True}
        )
        assert out.getvalue() == ""
        gate_has_run(["Maria Gonzalez"])
    finally:
        root.removeHandler(lines)
    assert out.getvalue() == "posts/m****-g*******.md: warning: x\n"


def test_lines_held_when_the_build_stops_before_the_gate_are_masked_without_it():
    lines, out = handler()
    problem = "content/posts/maria-gonzalez-follow-up.md:3: Question: required for a qa post"
    lines.emit(record("healthnotes.pipeline", problem, problem=True))
    masker = lines.print_held()
    assert out.getvalue() == (
        "content/posts/m****-g*******-follow-up.md:3: Question: required for a qa post\n"
    )
    assert masker.checked is False


def test_cards_drawn_are_said_once_per_tenth():
    said: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    catch = Catch()
    logging.getLogger(PROGRESS).addHandler(catch)
    try:
        progress = LogProgress()
        for done in range(1, 1001):
            progress(done, 1000)
    finally:
        logging.getLogger(PROGRESS).removeHandler(catch)
    assert len(said) == 10
    assert said[0] == "drawing cards, 100 of 1000" and said[-1] == "drawing cards, 1000 of 1000"


# --- masking before the gate has run ---------------------------------------------------


def test_before_the_gate_a_file_name_keeps_its_folder_extension_and_common_words():
    unchecked = Masker.unchecked()
    assert unchecked.path("content/posts/maria-gonzalez-follow-up.md") == (
        "content/posts/m****-g*******-follow-up.md"
    )
    assert unchecked.path("content/posts/call-541-555-0199.md:4") == (
        "content/posts/call-5**-***-****.md:4"
    )
    # the folders above a file's own folder are the site's and the computer's: kept
    assert unchecked.path("/srv/tmp/msgs/content/posts/maria-gonzalez.md:3") == (
        "/srv/tmp/msgs/content/posts/m****-g*******.md:3"
    )
    # a page's address: its folder is the post's slug
    assert unchecked.plain('Writing "/srv/out/posts/maria-gonzalez/index.html"') == (
        'Writing "/srv/out/posts/m****-g*******/index.html"'
    )
    for plain in (
        "content/posts/hand-washing.md",
        "content/posts/ibuprofen-blood-pressure.md",  # a medicine is no name
        "content/posts/flu-shot-myth.md:2",
    ):
        assert unchecked.path(plain) == plain


def test_before_the_gate_the_build_s_own_file_names_and_formats_stay_readable():
    unchecked = Masker.unchecked()
    for line in (
        "pelicanconf.py: BRAND['primary']: #7fb2d9 on #ffffff has contrast 2.26:1",
        "content/posts/a.md:2: Date: write it as YYYY-MM-DD: did you mean 2026-04-12?",
        "output: is a file, not a folder; move or rename it, or choose another --output",
    ):
        assert unchecked.failure(line) == line


def test_before_the_gate_a_slug_quoted_in_a_message_is_masked():
    line = "content/posts/a.md:2: Slug: 'maria-gonzalez' is used by content/posts/b.md too"
    assert Masker.unchecked().line(line) == (
        "content/posts/a.md:2: Slug: 'm****-g*******' is used by content/posts/b.md too"
    )


def test_before_the_gate_a_word_rare_in_english_is_masked_too_the_safe_side():
    """Without the gate nothing says whether a rare word is a name: it is masked, and
    the file can still be told from the others by its first letters and lengths."""
    unchecked = Masker.unchecked()
    assert unchecked.path("content/posts/childrens-acetaminophen-recall.md") == (
        "content/posts/childrens-acetaminophen-recall.md"
    )
    assert unchecked.path("content/posts/nasal-saline-rinse.md") == (
        "content/posts/n****-s*****-r****.md"
    )


NAMES = sorted(n for n in first_names() if n.isalpha() and len(n) > 2)


@settings(max_examples=60, deadline=None)
@given(
    first=st.sampled_from(NAMES),
    last=st.sampled_from(["gonzalez", "kowalczyk", "nguyen", "okonkwo", "iaremchuk"]),
    rest=st.sampled_from(["", "-follow-up", "-question", "-2026-03-04", "-story"]),
)
def test_before_the_gate_a_patient_s_name_never_shows_in_a_file_name(first, last, rest):
    shown = Masker.unchecked().line(f"content/posts/{first}-{last}{rest}.md:1: Title: missing")
    words = shown.lower().replace("-", " ").replace("/", " ").replace(".", " ").split()
    assert first not in words and last not in words, shown
    assert shown.startswith("content/posts/") and ".md:1: Title: missing" in shown


def test_the_masked_file_names_of_held_lines_are_kept_between_builds(monkeypatch, tmp_path):
    """A site's warnings name the same files build after build (a thousand posts with
    no sources: a thousand lines): each file name is masked once and kept with the
    gate's other masked texts; a later build prints the same mask without reading it."""
    from healthnotes.cache.checks import CheckCache
    from healthnotes.gate import messages

    warning = "posts/maria-gonzalez-541-555-0199.md:5: warning: Colour: unknown field"
    printed = []
    for _build in range(2):
        kept = CheckCache(tmp_path / "checks.marshal")
        lines, out = handler()
        lines.emit(record("healthnotes.pipeline", warning, problem=True))
        found = ("Maria Gonzalez",)
        lines.emit(
            record("healthnotes.gate.done", "the gate has run", gate_found=found, gate_kept=kept)
        )
        kept.save()
        printed.append(out.getvalue())
        monkeypatch.setattr(  # the second build finds the mask kept
            messages.Masker, "path", lambda self, path: pytest.fail(f"masked again: {path}")
        )
    assert printed[0] == printed[1]
    assert printed[0] == "posts/m****-g*******-5**-***-****.md:5: warning: Colour: unknown field\n"


def test_a_later_build_without_kept_masks_masks_with_its_own_findings():
    """The devserver builds again and again with one handler: a build's kept masks know
    that build's findings only, and are never used for the next build's lines."""
    from healthnotes.cache.checks import CheckCache

    lines, out = handler()
    first = record("healthnotes.gate.done", "x", gate_found=(), gate_kept=CheckCache(None))
    lines.emit(first)
    lines.hold()
    warning = "posts/maria-gonzalez.md: warning: Colour: unknown field"
    lines.emit(record("healthnotes.pipeline", warning, problem=True))
    lines.emit(record("healthnotes.gate.done", "x", gate_found=("Maria Gonzalez",)))
    assert (
        out.getvalue().splitlines()[-1] == "posts/m****-g*******.md: warning: Colour: unknown field"
    )
