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


# --- what the gate found, masked wherever a message or report quotes it -------------
# A file name or title in lower case ("maria-gonzalez.md") is no name to the rules read
# alone; the gate finds the name reading the post ("My patient Maria Gonzalez ..."). Every
# channel is given those findings and masks them, whatever their case and separators.

FOUND = ("Maria Gonzalez", "541-555-0199")


def test_a_line_about_a_file_masks_the_file_name_and_what_the_gate_found():
    from healthnotes.gate.messages import Masker

    masker = Masker.found(ALLOW, FOUND)
    line = "content/posts/maria-gonzalez.md: warning: Colour: unknown field (maria gonzalez)"
    assert masker.line(line) == (
        "content/posts/m****-g*******.md: warning: Colour: unknown field (m**** g*******)"
    )
    # without the gate's findings the rules still mask a phone in a file name
    assert Masker(ALLOW).line("posts/call-541-555-0199.md: warning: x") == (
        "posts/call-5**-***-****.md: warning: x"
    )


def test_the_build_s_own_words_after_the_file_name_are_not_read_by_the_rules():
    from healthnotes.gate.messages import Masker

    line = "content/posts/a.md: warning: Tgas Ghent and Lyme: reads above the target grade"
    assert Masker(ALLOW).line(line) == line
    assert Masker.found(ALLOW, FOUND).line(line) == line


def test_the_report_and_the_terminal_mask_what_the_gate_found_in_lower_case():
    row = PostCheck(
        source="content/posts/maria-gonzalez.md",
        title="maria gonzalez beat the flu",
        type="Q&A",
        status="published",
        notes=("reads above the target grade; hardest sentences: maria gonzalez rested",),
        findings=("content/posts/maria-gonzalez.md:3:1: Name 'M**** G*******' in body",),
    )
    report = BuildReport(
        site="Maple Grove",
        generated=datetime(2026, 12, 4, tzinfo=UTC),
        reading_target=8,
        review_max_age_days=365,
        posts=[row],
        problems=["content/posts/maria-gonzalez.md:3:1: Name (name) 'M**** G*******' in body"],
    )
    html = render_html(report, allow=ALLOW, known=FOUND)
    terminal = render_terminal(report, allow=ALLOW, known=FOUND)
    for text in (html, terminal):
        assert "maria" not in text.lower(), text
        assert "m****-g*******.md" in text


def test_the_reading_level_hint_masks_a_name_the_post_s_scan_found_in_context():
    sentence = "maria gonzalez rested notwithstanding considerable apprehension."
    hard = Readability(smog=12.0, fk_grade=11.0, sentences=3, words=40, hardest=(sentence,))
    [problem] = readability_problems(
        hard, target=8, as_error=False, source="a.md", allow=ALLOW, known=FOUND
    )
    assert "maria" not in problem.message.lower()
    assert "m**** g******* rested" in problem.message


def test_the_calendar_masks_titles_file_names_and_slugs():
    from conftest import calendar_post_named_for_a_patient
    from healthnotes.calendar import build_calendar
    from healthnotes.calendar.ics import calendar_ics
    from healthnotes.calendar.report import calendar_html, calendar_terminal
    from healthnotes.calendar.site import masked_posts
    from healthnotes.gate.messages import Masker

    mine = calendar_post_named_for_a_patient("maria gonzalez (541-555-0199) beat the flu")
    shown = masked_posts([mine], Masker.found(ALLOW, FOUND))
    today = datetime(2026, 12, 4).date()
    cal = build_calendar(shown, (), today, "America/Los_Angeles", {}, ())
    stamp = datetime(2026, 12, 4, tzinfo=UTC)
    for text in (
        calendar_html(cal, site_name="Maple Grove"),
        calendar_ics(cal, domain="example.org", generated_at=stamp).decode("utf-8"),
        calendar_terminal(cal),
    ):
        assert "maria" not in text.lower() and "0199" not in text, text
    assert "m**** g******* (5**-***-****) beat the flu" in calendar_html(cal, site_name="x")
    # without a gate (make calendar) the rules still mask the phone
    [alone] = masked_posts([mine], Masker(ALLOW))
    assert "0199" not in alone.title + alone.source + alone.slug
