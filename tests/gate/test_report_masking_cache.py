"""The report's masked quotes are kept with the checks: a build that changed nothing
scans none of them again, and a change to what the gate found masks them anew."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conftest import ROOT, typed_post
from healthnotes.cache.checks import CheckCache
from healthnotes.gate import check as gate_check
from healthnotes.gate import evaluate
from healthnotes.gate.inputs import PostInput
from healthnotes.gate.messages import Masker
from healthnotes.gate.report import BuildReport, PostCheck, render_html, render_terminal

ALLOW = evaluate.example_allowlist(ROOT / "pelicanconf.py")
SENTENCE = "My patient Maria Gonzalez called from 541-555-0199 about her immunization."


def report(title: str) -> BuildReport:
    row = PostCheck(
        source="content/posts/a-question.md",
        title=title,
        type="Q&A",
        status="published",
        notes=(f"reads above the target grade; hardest sentences: {SENTENCE}",),
        review_due=True,
    )
    return BuildReport(
        site="Maple Grove",
        generated=datetime(2026, 12, 4, tzinfo=UTC),
        reading_target=8,
        review_max_age_days=365,
        posts=[row],
    )


def both(built: BuildReport, cache: CheckCache | None, known: tuple[str, ...] = ()) -> list[str]:
    return [
        render_html(built, allow=ALLOW, known=known, cache=cache),
        render_terminal(built, allow=ALLOW, known=known, cache=cache),
    ]


def test_a_second_report_from_the_cache_scans_nothing_and_is_the_same(tmp_path, monkeypatch):
    cache = CheckCache(tmp_path / "checks.marshal")
    built = report("Questions from Maria Gonzalez")
    first = both(built, cache)
    cache.save()
    assert "Gonzalez" not in "".join(first)

    def no_scan(*args: object, **kwargs: object) -> str:
        raise AssertionError("scanned again")

    monkeypatch.setattr(Masker, "quoted", no_scan)
    monkeypatch.setattr(Masker, "path", no_scan)  # file names are kept too
    again = CheckCache(tmp_path / "checks.marshal")
    assert both(built, again) == first


def test_each_text_is_masked_once_per_report(monkeypatch):
    calls: list[str] = []
    quoted = Masker.quoted

    def counted(self: Masker, text: object, *, model: bool = False) -> str:
        calls.append(str(text))
        return quoted(self, text, model=model)

    monkeypatch.setattr(Masker, "quoted", counted)
    render_html(report("Same title"), allow=ALLOW, cache=CheckCache(None))
    assert len(calls) == len(set(calls))


@pytest.mark.parametrize("cache", [False, True])
def test_what_the_gate_found_is_masked_even_when_the_text_was_kept(tmp_path, cache):
    """``known`` is in the key: a text kept unmasked is masked once the gate finds it."""
    kept = CheckCache(tmp_path / "checks.marshal") if cache else None
    built = report("How to make lemonade at home")
    assert "lemonade" in both(built, kept)[0]
    for text in both(built, kept, known=("lemonade",)):
        assert "lemonade" not in text


def test_a_posts_file_name_is_masked_the_same_when_its_checks_are_kept(monkeypatch):
    """The file name as messages show it is kept with the post's checks: a build that
    changed nothing masks it without scanning it, exactly as the first build did."""
    item = PostInput(
        post=typed_post(source="content/posts/call-541-555-0199.md"),
        metadata={},
        html="<p>Wash your hands often with soap and water.</p>",
        source_text="",
        platform_texts={},
        hero=None,
    )
    checks = CheckCache(None)
    settings = gate_check.GateSettings()
    first = gate_check.check_post(item, ALLOW, settings, today=date(2026, 12, 5), checks=checks)
    assert "555-0199" not in first[1].source and "5**-***-****" in first[1].source

    def no_scan(*args: object) -> str:
        raise AssertionError("the file name was scanned again")

    monkeypatch.setattr(gate_check, "shown_path", no_scan)
    checks.cached_only = True  # as the build checks a post whose checks are all kept
    again = gate_check.check_post(item, ALLOW, settings, today=date(2026, 12, 5), checks=checks)
    assert again == first


def test_the_calendar_s_file_names_and_slugs_are_masked_once_and_kept(tmp_path, monkeypatch):
    """A build writes the calendar every time: its posts' file names and slugs come from
    the checks' cache once masked, as the report's do (masking each again cost about a
    second a build at 1000 posts)."""
    from dataclasses import replace as with_fields

    from conftest import calendar_post_named_for_a_patient, config_for_test_site
    from healthnotes.calendar.site import PlannedCalendar

    config = config_for_test_site()
    config = with_fields(config, report_path=tmp_path / "reports" / "build-report.html")
    post = calendar_post_named_for_a_patient("Beat the flu")
    planned = PlannedCalendar((post,), config, datetime(2026, 12, 4, tzinfo=UTC))
    masker = Masker.found(ALLOW, ())
    cache = CheckCache(tmp_path / "checks.marshal")
    first = planned.write(masker, cache)
    html = first.html.read_text(encoding="utf-8")
    assert "0199" not in html and "gonzalez" not in html.lower()
    cache.save()

    def no_scan(*args: object, **kwargs: object) -> str:
        raise AssertionError("masked again")

    monkeypatch.setattr(Masker, "path", no_scan)
    again = planned.write(masker, CheckCache(tmp_path / "checks.marshal"))
    assert again.html.read_text(encoding="utf-8") == html
