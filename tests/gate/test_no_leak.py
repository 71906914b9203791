"""Messages never show what the findings mask (issue 17, item 5): the reading-level
hint, the build report and the terminal summary mask identifiers quoted from posts."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import ROOT
from healthnotes.gate import evaluate
from healthnotes.gate.privacy import Allowlist, mask_identifiers
from healthnotes.gate.readability import Readability, readability_problems
from healthnotes.gate.report import BuildReport, PostCheck, render_html, render_terminal

ALLOW = evaluate.example_allowlist(ROOT / "pelicanconf.py")
SENTENCE = "My patient Maria Gonzalez called from 541-555-0199 about her immunization."


def test_the_reading_level_hint_masks_the_hardest_sentences():
    hard = Readability(smog=12.0, fk_grade=11.0, sentences=3, words=40, hardest=(SENTENCE,))
    [problem] = readability_problems(hard, target=8, as_error=False, source="a.md", allow=ALLOW)
    assert "M**** G*******" in problem.message and "5**-***-****" in problem.message
    assert "Gonzalez" not in problem.message and "555-0199" not in problem.message
    assert "about her immunization" in problem.message  # the rest is still quoted


def test_the_report_and_the_terminal_mask_titles_notes_and_file_names():
    row = PostCheck(
        source="content/posts/call-541-555-0199.md",
        title=f"Thanks, {SENTENCE}",
        type="Q&A",
        status="published",
        notes=(f"reads above the target grade; hardest sentences: {SENTENCE}",),
        consent="My patient Maria Gonzalez signed it; her phone is 541-555-0199",
        review_due=True,
    )
    report = BuildReport(
        site="Maple Grove",
        generated=datetime(2026, 12, 4, tzinfo=UTC),
        reading_target=8,
        review_max_age_days=365,
        posts=[row],
        problems=[f"content/posts/a.md: Title: {SENTENCE}"],
    )
    for text in (render_html(report, allow=ALLOW), render_terminal(report, allow=ALLOW)):
        assert "555-0199" not in text and "Gonzalez" not in text
        assert "5**-***-****" in text


def test_masking_keeps_public_details_and_plain_text():
    text = "Call the office at (541) 555-0142 or 911. Wash your hands."
    assert mask_identifiers(text, ALLOW) == text


def test_the_build_s_own_words_are_never_masked_as_a_name():
    hard = Readability(smog=12.0, fk_grade=11.0, sentences=3, words=40, hardest=("Rest.",))
    [problem] = readability_problems(hard, target=8, as_error=False, source="a.md")
    for allow in (ALLOW, Allowlist()):  # the site's list, and build.py's last net
        assert mask_identifiers(problem.message, allow) == problem.message
        assert "SMOG 12.0 / Flesch-Kincaid 11.0" in mask_identifiers(problem.message, allow)


def test_a_known_identifier_is_masked_wherever_it_stands():
    shown = mask_identifiers("content/posts/maria-gonzalez.md", ALLOW, known=["Maria Gonzalez"])
    assert shown == "content/posts/m****-g*******.md"
