"""The build report as staff read it (issue 20, item 10): newest post first, drafts and
scheduled posts with their dates, a link to each post's page and to its cards, and what
needs attention (a grade above the target, a medical review due) marked in words, not
by colour only."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import CONTENT, ROOT, SHARED_CACHE, Build, run_build, settings_file
from healthnotes.gate import evaluate
from healthnotes.gate.report import BuildReport, PostCheck, render_html
from healthnotes.publish import published_folder

ALLOW = evaluate.example_allowlist(ROOT / "pelicanconf.py")

DRAFT = """Title: Holiday Clinic Hours Draft
Date: 2026-11-20 09:00
Type: qa
Status: draft
Question: Are you open on the holidays?

We keep short hours on the holidays.
"""

SCHEDULED = """Title: Spring Allergy Questions
Date: 2027-02-15 09:30
Type: qa
Question: When should I start my allergy medicine?

Start it about two weeks before your allergies usually begin.
"""

OLD_REVIEW = """Title: Why We Ask About Your Medicines
Date: 2026-05-06 09:00
Type: qa
Question: Why do you ask about all my medicines at every visit?
Reviewed_By: Dr. Ana Patel, MD
Last_Reviewed: 2024-01-10

Some medicines do not mix well. A full list helps us keep you safe.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Path]:
    """The test site plus a draft, a scheduled post and a post reviewed long ago,
    built with the publish settings and a reading target low enough that some posts
    are above it."""
    root = tmp_path_factory.mktemp("report")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    for name, text in {
        "holiday-hours-draft.md": DRAFT,
        "spring-allergies.md": SCHEDULED,
        "why-medicines.md": OLD_REVIEW,
    }.items():
        (content / "posts" / name).write_text(text, encoding="utf-8")
    report = root / "reports" / "build-report.html"
    conf = settings_file(
        root, content, f"REPORT_PATH = {str(report)!r}\nREADING_GRADE_TARGET = 7\n"
    )
    build = run_build(root / "output", content=content, settings=conf)
    assert build.ok, build.stderr
    return build, report


def _rows(report: Path) -> list:
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    return soup.select("tbody tr")


def _text(page: Path) -> str:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()


def _title(row) -> str:
    return row.find("strong").get_text()


def _date(row) -> str:
    return row.select_one("td.when").get_text(" ", strip=True)


def test_the_newest_post_comes_first(built):
    _, report = built
    rows = _rows(report)
    dates = [
        " ".join(re.search(r"(\d{4}-\d\d-\d\d)\D+(\d\d:\d\d)", _date(r)).groups()) for r in rows
    ]
    assert dates == sorted(dates, reverse=True)
    assert _title(rows[0]) == "Spring Allergy Questions"  # scheduled: the newest date


def test_drafts_and_scheduled_posts_are_listed_with_their_dates(built):
    _, report = built
    by_title = {_title(row): row for row in _rows(report)}
    draft = by_title["Holiday Clinic Hours Draft"]
    assert _date(draft) == "Draft (not published), dated 2026-11-20 09:00"
    scheduled = by_title["Spring Allergy Questions"]
    assert _date(scheduled) == "Scheduled: goes live 2027-02-15 at 09:30"
    published = by_title["Why We Ask About Your Medicines"]
    assert _date(published) == "Published 2026-05-06 09:00"


def test_each_post_links_to_its_built_page_and_its_cards_and_the_links_resolve(built):
    build, report = built
    rows = _rows(report)
    published = [row for row in rows if _date(row).startswith("Published")]
    assert len(published) >= 10
    for row in published:
        page = row.select_one("a.page")
        cards = row.select_one("a.cards")
        assert page is not None and cards is not None, _title(row)
        page_file = (report.parent / unquote(page["href"])).resolve()
        assert page_file.is_file() and page_file.is_relative_to(build.output.resolve())
        assert _title(row) in _text(page_file)
        cards_file = (report.parent / unquote(cards["href"])).resolve()
        assert cards_file.is_file() and cards_file.parent.name == "preview"
        assert _title(row) in _text(cards_file)
    for row in rows:
        if not _date(row).startswith("Published"):  # nothing published, no page or cards
            assert row.select_one("a.cards") is None, _title(row)
            assert row.select_one("a.page") is None, _title(row)


def test_a_grade_above_the_target_and_a_review_due_are_marked_in_words(built):
    _, report = built
    text = report.read_text(encoding="utf-8")
    rows = _rows(report)
    over = [row for row in rows if row.select_one("td.over")]
    assert over, "the target of 7 leaves some example post above it"
    for row in rows:
        grades = row.find_all("td")[3].get_text(" ", strip=True)
        numbers = [float(word) for word in grades.split() if word.replace(".", "").isdigit()]
        above = bool(numbers) and numbers[0] > 7
        assert ("Above target" in grades) == above, (_title(row), grades)
        if above:
            assert "attention" in row["class"]
    old = next(row for row in rows if _title(row) == "Why We Ask About Your Medicines")
    review = old.find_all("td")[5]
    assert "due" in review["class"] and "Review due" in review.get_text()
    assert "attention" in old["class"]
    assert "Above target:" in text and "Review due:" in text  # the summary says it too


def test_a_row_is_highlighted_only_when_something_needs_attention():
    now = datetime(2026, 12, 4, 9, tzinfo=UTC)
    rows = [
        PostCheck(source="a.md", title="Fine", type="Q&A", status="published", smog=6.0),
        PostCheck(source="b.md", title="Hard", type="Q&A", status="published", smog=9.5),
        PostCheck(
            source="c.md",
            title="Old",
            type="Q&A",
            status="published",
            smog=None,
            fk_grade=5.0,
            review="review due: reviewed long ago",
            review_due=True,
        ),
    ]
    report = BuildReport(
        site="S", generated=now, reading_target=8, review_max_age_days=365, posts=rows
    )
    soup = BeautifulSoup(render_html(report, allow=ALLOW), "html.parser")
    fine, hard, old = soup.select("tbody tr")
    assert "attention" not in fine["class"] and "Above target" not in fine.get_text()
    assert "attention" in hard["class"] and "Above target" in hard.get_text()
    assert "attention" in old["class"] and "Review due" in old.get_text()
    assert "Above target" not in old.get_text()  # FK 5.0 is under 8


def test_a_link_is_masked_like_the_file_name_it_carries():
    row = PostCheck(
        source="content/posts/call-541-555-0199.md",
        title="T",
        type="Q&A",
        status="published",
        page="../output/posts/call-541-555-0199/index.html",
        preview="preview/call-541-555-0199.html",
    )
    now = datetime(2026, 12, 4, 9, tzinfo=UTC)
    report = BuildReport(
        site="S", generated=now, reading_target=8, review_max_age_days=365, posts=[row]
    )
    html = render_html(report, allow=ALLOW)
    assert "555-0199" not in html


def test_the_terminal_summary_counts_and_lists_only_checked_posts(built):
    build, _ = built
    summary = next(line for line in build.stderr.splitlines() if line.startswith("Safety check:"))
    assert summary.startswith("Safety check: 12 posts,")  # 10 + scheduled + old review
    block = build.stderr.split("Safety check:", 1)[1].split("\nReport: ", 1)[0]  # the summary
    assert "holiday-hours-draft.md" not in block


def test_the_published_folder_of_a_staging_folder():
    assert published_folder(Path("/x/.output.staging-ab12")) == Path("/x/output")
    assert published_folder(Path("/x/.preview.staging-zz")) == Path("/x/preview")
    assert published_folder(Path("/x/output")) == Path("/x/output")


NEW_SINCE = """Title: Winter Hand Care Questions
Date: 2026-11-02 09:00
Type: qa
Question: Why do my hands crack in winter?

Cold air is dry. Use a thick cream after you wash your hands.
"""


def test_make_check_says_its_page_links_open_the_last_build_and_each_one_resolves(tmp_path):
    """`make check` builds into a folder it throws away: its report's Page links open
    the last build in output/, and say so; a post new since then has none."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    report = tmp_path / "reports" / "build-report.html"
    conf = settings_file(tmp_path, content, f"REPORT_PATH = {str(report)!r}\n")
    output = tmp_path / "output"
    assert run_build(output, content=content, settings=conf).ok
    (content / "posts" / "winter-hands.md").write_text(NEW_SINCE, encoding="utf-8")
    check = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--settings", conf, "--output", str(output),
         "--cache", str(SHARED_CACHE), "--check"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert not (output / "posts" / "winter-hands").exists()  # a check publishes nothing
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    note = soup.select_one("p.links-note").get_text(" ", strip=True)
    assert "make check publishes nothing" in note and "last build in output/" in note
    rows = {_title(row): row for row in _rows(report)}
    assert rows["Winter Hand Care Questions"].select_one("a.page") is None
    assert rows["Winter Hand Care Questions"].select_one("a.cards") is not None
    pages = [row.select_one("a.page") for row in rows.values()]
    assert len([page for page in pages if page is not None]) >= 10
    for page in filter(None, pages):
        target = (report.parent / unquote(page["href"])).resolve()
        assert target.is_file() and target.is_relative_to(output.resolve()), page["href"]


def test_a_real_build_says_nothing_about_the_last_build(built):
    _, report = built
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("p.links-note") is None
