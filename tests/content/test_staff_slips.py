"""Slips staff make (issue 20): nothing left out silently, dates read one way only,
the same case rules and suggestions for every value with a fixed set of choices."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_content_model import errors, raw

from conftest import config_for_test_site, run_build
from healthnotes.config import SiteConfig
from healthnotes.content.dates import DateProblem, parse_day, parse_when
from healthnotes.content.model import RawPost, metadata_lines, parse_post
from healthnotes.content.slips import fields_in_first_paragraph, hashtag_tags, ignored_files

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return config_for_test_site()


def warnings(problems: list) -> list[str]:
    return [p.format() for p in problems if p.severity == "warning"]


# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-04", datetime(2026, 12, 4)),
        ("2026-12-04 09:00", datetime(2026, 12, 4, 9)),
        ("2026-12-04T09:30", datetime(2026, 12, 4, 9, 30)),
        ("December 4, 2026", datetime(2026, 12, 4)),
        ("4 December 2026", datetime(2026, 12, 4)),
        ("Dec 4, 2026 9:00 am", datetime(2026, 12, 4, 9)),
        ("4 December 2026 2:30 pm", datetime(2026, 12, 4, 14, 30)),
        ("december 4 2026 14:30", datetime(2026, 12, 4, 14, 30)),
    ],
)
def test_every_documented_date_form_is_read_one_way(text, expected):
    assert parse_when(text) == expected


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("04/12/2026", "did you mean 2026-04-12 or 2026-12-04?"),
        ("12/03/2026", "did you mean 2026-12-03 or 2026-03-12?"),
        ("13/04/2026", "did you mean 2026-04-13?"),
        ("04.12.2026 09:00", "did you mean 2026-04-12 09:00 or 2026-12-04 09:00?"),
    ],
)
def test_a_date_in_numbers_in_another_order_is_never_guessed(text, offered):
    problem = parse_when(text)
    assert isinstance(problem, DateProblem) and problem.numeric
    assert offered in problem.message


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_both_readings_of_a_slashed_date_are_offered_and_the_real_one_is_among_them(day):
    problem = parse_day(f"{day.month:02d}/{day.day:02d}/{day.year}")
    assert isinstance(problem, DateProblem)
    assert day.isoformat() in problem.message


@pytest.mark.parametrize("name", ["last_reviewed", "recall_date"])
def test_day_fields_take_the_same_forms_as_date(config, name):
    extra = {"type": "qa", "question": "Q?", "reviewed_by": "Dr. A"}
    if name == "recall_date":
        extra = {
            "type": "recall",
            "recall_product": "P",
            "recall_agency": "FDA",
            "recall_reason": "R",
            "recall_url": "https://www.fda.gov/x",
        }
    _, problems = parse_post(raw(**extra, **{name: "October 3, 2026"}), config, today=TODAY)
    assert errors(problems) == []
    _, problems = parse_post(raw(**extra, **{name: "12/03/2026"}), config, today=TODAY)
    assert any("did you mean 2026-12-03 or 2026-03-12?" in m for m in errors(problems))


# --- header slips ------------------------------------------------------------------


def test_a_field_name_with_a_space_published_as_text_is_a_problem(config):
    html = "<p>Reviewed By: Dr. Ana Patel, MD Last_Reviewed: 2026-10-14</p><p>Body.</p>"
    post, problems = parse_post(
        raw_with_lines(html=html, type="qa", question="Q?", lines={"_body": 9}), config, today=TODAY
    )
    assert post is None
    [message] = errors(problems)
    assert message.startswith("content/posts/x.md:9: Reviewed By: 'Reviewed By:', ")
    assert "write 'Reviewed_By:', 'Last_Reviewed:'" in message


def raw_with_lines(**kwargs) -> RawPost:
    lines = kwargs.pop("lines", {})
    post = raw(**kwargs)
    return RawPost(**{**post.__dict__, "lines": lines})


def test_a_sentence_with_a_colon_is_not_a_field():
    assert fields_in_first_paragraph("Note: wash your hands.", {"tags"}) == []
    assert fields_in_first_paragraph("Good news: Tags: are fine", {"tags"}) == []
    assert [f.field for f in fields_in_first_paragraph("Tags: flu, colds", {"tags"})] == ["tags"]


def test_metadata_lines_give_the_line_markdown_stops_reading_fields_at():
    text = "Title: T\nDate: 2026-12-01\nReviewed By: Dr. A\nLast_Reviewed: 2026-11-01\n\nBody\n"
    assert metadata_lines(text)["_body"] == 3
    assert metadata_lines("Title: T\n\nTags: flu\n")["_body"] == 3


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("draft", "yes", "Draft: is not a field here; write 'Status: draft'"),
        ("reviewed-by", "Dr. A", "write the field name as 'Reviewed_By'"),
    ],
)
def test_a_near_miss_field_is_a_problem_with_its_fix(config, field, value, expected):
    post, problems = parse_post(
        raw(type="qa", question="Q?", **{field: value}), config, today=TODAY
    )
    assert post is None
    assert any(expected in m for m in errors(problems)), problems


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [
        ("myth", "misconception"),
        ("FAQ", "qa"),
        ("Question", "qa"),
        ("recall alert", "recall"),
        ("How to", "howto"),
    ],
)
def test_a_type_people_say_gets_a_did_you_mean(config, value, suggestion):
    _, problems = parse_post(raw(type=value, question="Q?"), config, today=TODAY)
    assert any(f"Did you mean '{suggestion}'?" in m for m in errors(problems))


@pytest.mark.parametrize("value", ["Draft", "DRAFT", "draft"])
def test_status_is_read_in_any_case(config, value):
    post, problems = parse_post(
        raw(type="qa", question="Q?", status=value, pelican_status="draft"), config, today=TODAY
    )
    assert errors(problems) == [] and post.status == "draft"


def test_an_unknown_platform_gets_a_did_you_mean(config):
    _, problems = parse_post(
        raw(type="qa", question="Q?", summary_twitter="Hi"), config, today=TODAY
    )
    assert any("did you mean 'Summary_x'?" in m for m in warnings(problems))


def test_a_picture_in_another_case_is_named(config, tmp_path):
    _, problems = parse_post(
        raw(type="qa", question="Q?", image="images/Flu-Shot.JPG", image_alt="A"),
        config,
        today=TODAY,
    )
    assert any("did you mean images/flu-shot.jpg?" in m for m in errors(problems)), problems


def test_hashtags_are_split_into_tags():
    assert hashtag_tags("#flu #flu-shots #kids") == ("flu", "flu-shots", "kids")
    assert hashtag_tags("flu, colds") is None


def test_a_file_name_that_changes_names_its_address(config):
    _, problems = parse_post(
        RawPost(
            **{
                **raw(type="qa", question="Q?").__dict__,
                "source": "content/posts/Flu Season Tips (Final).md",
                "slug": "flu-season-tips-final",
                "url": "",
            }
        ),
        config,
        today=TODAY,
    )
    assert any(
        "becomes the address /posts/flu-season-tips-final/; rename the file to "
        "'flu-season-tips-final.md'" in m
        for m in warnings(problems)
    )


def test_files_pelican_never_reads_are_found_with_their_fix(tmp_path):
    for name in ("a.txt", "b.docx", "c.MD", "d.md", "e.pages", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    found = {path.name: fix for path, fix in ignored_files(tmp_path)}
    assert sorted(found) == ["a.txt", "b.docx", "c.MD", "e.pages"]
    assert "save it as .md" in found["a.txt"]


# --- through the real build --------------------------------------------------------

GOOD = "Title: {title}\nDate: {date}\nType: qa\nQuestion: Is it fine?\n{extra}\nYes, it is.\n"


def test_slips_in_a_real_build_stop_it_with_their_fixes(tmp_path, content_copy, write_post):
    write_post("spaced.md", GOOD.format(title="S", date="2026-11-01", extra="Reviewed By: Dr. A\n"))
    write_post("draft-yes.md", GOOD.format(title="D", date="2026-11-01", extra="Draft: yes\n"))
    write_post("slashed.md", GOOD.format(title="N", date="04/12/2026", extra=""))
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.returncode == 1
    err = build.stderr
    assert "spaced.md:5: Reviewed By: 'Reviewed By:' would be published as the post's text" in err
    assert "draft-yes.md:5: Draft: is not a field here; write 'Status: draft'" in err
    assert "slashed.md:2: Date: '04/12/2026' can be read more than one way" in err
    assert "did you mean 2026-04-12 or 2026-12-04?" in err
    assert "3 problems stop publishing (in 3 files)" in err


def test_a_build_ends_with_every_post_it_leaves_out(tmp_path, content_copy, write_post):
    write_post("later.md", GOOD.format(title="L", date="2031-12-10 09:00", extra=""))
    write_post("kept.md", GOOD.format(title="K", date="2026-11-01", extra="Status: Draft\n"))
    write_post("tags.md", GOOD.format(title="T", date="December 1, 2026", extra="Tags: #a #b\n"))
    (content_copy / "posts" / "notes.txt").write_text("Title: notes\n")
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.ok, build.stderr
    tail = build.stdout.split("Not published this time (3):\n", 1)[1].splitlines()
    assert tail[0].endswith("posts/kept.md: draft (Status: draft); remove that line to publish it")
    assert "posts/later.md: scheduled for December 10, 2031 at 9:00 am (its Date)" in tail[1]
    assert "posts/notes.txt: ignored: not a post file; save it as .md" in tail[2]
    after = [line for line in tail[3:] if not line.startswith(("Done: ", "pages and "))]
    assert after[0].startswith("Built ")  # nothing of ours after the list (Pelican's count aside)
    assert "Tags: '#a #b' read as the tags a, b" in build.stderr
    assert not (tmp_path / "output" / "posts" / "kept").exists()
    tags = (tmp_path / "output" / "posts" / "tags" / "index.html").read_text()
    assert "/tag/a/" in tags and "/tag/b/" in tags
