"""healthnotes.content.model: the typed post model and its validation (no Pelican involved)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import config_for_test_site
from healthnotes.config import SiteConfig
from healthnotes.content.model import (
    HowTo,
    Misconception,
    PostType,
    RawPost,
    Recall,
    parse_post,
    parse_posts,
    post_guid,
)

ROOT = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("America/Los_Angeles")
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return config_for_test_site()


def raw(
    source: str = "content/posts/x.md",
    html: str = "<p>Opening paragraph.</p>",
    pelican_status: str = "published",
    **metadata: object,
) -> RawPost:
    base: dict[str, object] = {"title": "A title", "date": datetime(2026, 9, 1, 9, tzinfo=TZ)}
    base.update(metadata)
    slug = Path(source).stem
    return RawPost(
        source=source,
        slug=slug,
        url=f"https://x.example/posts/{slug}/",
        html=html,
        metadata=base,
        status=pelican_status,
        lines={"type": 3, "myth": 4},
    )


def errors(problems: list) -> list[str]:
    return [p.format() for p in problems if p.severity == "error"]


def test_qa_post_with_all_fields_parses_into_a_typed_post(config):
    post, problems = parse_post(raw(type="qa", question="Can I?"), config, today=TODAY)
    assert errors(problems) == []
    assert post is not None and post.type is PostType.QA
    assert post.details.question == "Can I?"
    assert post.summary == "Opening paragraph."


def test_unknown_type_names_file_field_and_the_valid_choices(config):
    post, problems = parse_post(raw(type="how-to"), config, today=TODAY)
    assert post is None
    [message] = errors(problems)
    assert message.startswith("content/posts/x.md:3: Type: 'how-to' is not a post type")
    assert "howto, misconception, recall, qa" in message
    assert "Did you mean 'howto'?" in message


def test_missing_type_is_an_error(config):
    _, problems = parse_post(raw(), config, today=TODAY)
    assert any("Type: required" in m for m in errors(problems))


@pytest.mark.parametrize(
    ("post_type", "fields", "missing"),
    [
        ("misconception", {"myth": "M"}, "Fact"),
        ("misconception", {"fact": "F"}, "Myth"),
        ("qa", {}, "Question"),
        (
            "recall",
            {
                "recall_agency": "FDA",
                "recall_reason": "R",
                "recall_date": "2026-08-01",
                "recall_url": "https://www.fda.gov/x",
            },
            "Recall_Product",
        ),
        (
            "recall",
            {
                "recall_product": "P",
                "recall_reason": "R",
                "recall_date": "2026-08-01",
                "recall_url": "https://www.fda.gov/x",
            },
            "Recall_Agency",
        ),
        (
            "recall",
            {
                "recall_product": "P",
                "recall_agency": "FDA",
                "recall_date": "2026-08-01",
                "recall_url": "https://www.fda.gov/x",
            },
            "Recall_Reason",
        ),
        (
            "recall",
            {
                "recall_product": "P",
                "recall_agency": "FDA",
                "recall_reason": "R",
                "recall_date": "2026-08-01",
            },
            "Recall_Url",
        ),
        (
            "recall",
            {
                "recall_product": "P",
                "recall_agency": "FDA",
                "recall_reason": "R",
                "recall_url": "https://www.fda.gov/x",
            },
            "Recall_Date",
        ),
    ],
)
def test_each_missing_required_type_field_is_reported_by_name(config, post_type, fields, missing):
    post, problems = parse_post(raw(type=post_type, **fields), config, today=TODAY)
    assert post is None
    assert [m for m in errors(problems) if f": {missing}: required" in m], errors(problems)


def test_every_problem_in_a_post_is_reported_at_once(config):
    post, problems = parse_post(
        raw(
            type="recall",
            recall_url="fda.gov",
            recall_date="19 Aug",
            recall_class="IV",
            image="images/hand-washing.jpg",
        ),
        config,
        today=TODAY,
    )
    assert post is None
    found = errors(problems)
    for field in (
        "Recall_Product",
        "Recall_Agency",
        "Recall_Reason",
        "Recall_Url",
        "Recall_Date",
        "Recall_Class",
        "Image_Alt",
    ):
        assert any(f": {field}: " in m for m in found), (field, found)


def test_unparseable_date_reports_the_text_and_the_expected_format(config):
    post, problems = parse_post(
        replace(raw(type="qa", question="Q"), unparsed={"date": "Sept 31st-ish"}),
        config,
        today=TODAY,
    )
    assert post is None
    assert errors(problems) == [
        "content/posts/x.md: Date: 'Sept 31st-ish' is not a date; expected YYYY-MM-DD "
        "(e.g. 2026-12-04), with a time if needed (2026-12-04 09:00), or written out: "
        "December 4, 2026 / 4 December 2026"
    ]


def test_missing_date_is_required(config):
    r = raw(type="qa", question="Q")
    r = replace(
        r, metadata={k: v for k, v in r.metadata.items() if k != "date"}, unparsed={"date": None}
    )
    _, problems = parse_post(r, config, today=TODAY)
    assert any(": Date: required" in m for m in errors(problems))


def with_image(config, image: str, *, alt: str = "A"):
    """A Q&A post with ``Image: <image>`` and its alt text, parsed."""
    return parse_post(raw(type="qa", question="Q", image=image, image_alt=alt), config, today=TODAY)


def test_image_without_alt_text_is_an_error(config):
    _, problems = parse_post(
        raw(type="qa", question="Q", image="images/hand-washing.jpg"), config, today=TODAY
    )
    assert any(": Image_Alt: required when a post has an Image" in m for m in errors(problems))


@pytest.mark.parametrize(
    "path", ["../pelicanconf.py", "/etc/passwd", "images/../../build.py", "{static}/../README.md"]
)
def test_image_path_outside_content_is_an_error(config, path):
    _, problems = with_image(config, path)
    assert any(": Image: " in m and "outside content/" in m for m in errors(problems))


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("images/nope.jpg", "content/images/nope.jpg does not exist"),
        ("images/fake.jpg", "content/images/fake.jpg is not a readable picture"),
    ],
)
def test_image_that_is_missing_or_not_really_a_picture_is_an_error(
    config, tmp_path, image, message
):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "fake.jpg").write_bytes(b"this is not a jpeg")
    _, problems = with_image(replace(config, content_root=content), image)
    assert any(message in m for m in errors(problems))


def test_existing_image_inside_content_is_accepted(config):
    post, problems = with_image(config, "images/hand-washing.jpg", alt="Soap")
    assert errors(problems) == []
    assert post.image == "images/hand-washing.jpg" and post.image_alt == "Soap"


def test_howto_steps_come_from_the_first_ordered_list(config):
    html = "<p>Intro.</p><ol><li>Wet <em>hands</em>.</li><li>Soap up.</li></ol><ol><li>x</li></ol>"
    post, _ = parse_post(
        raw(type="howto", html=html, time="2 minutes", supplies="soap, water, Soap"),
        config,
        today=TODAY,
    )
    assert isinstance(post.details, HowTo)
    assert post.details.steps == ("Wet hands.", "Soap up.")
    assert post.details.supplies == ("soap", "water")
    assert post.details.time == "2 minutes"


def test_howto_without_a_numbered_list_is_an_error(config):
    post, problems = parse_post(raw(type="howto", html="<ul><li>a</li></ul>"), config, today=TODAY)
    assert post is None
    assert any("numbered list" in m for m in errors(problems))


@pytest.mark.parametrize(("given", "expected"), [("I", "I"), ("class ii", "II"), ("3", "III")])
def test_recall_class_is_normalised_and_explained_in_plain_words(config, given, expected):
    post, problems = parse_post(
        raw(
            type="recall",
            recall_product="P",
            recall_agency="fda",
            recall_reason="R",
            recall_url="https://www.fda.gov/x",
            recall_date="2026-08-19",
            recall_class=given,
            recall_lots="A1, B2",
        ),
        config,
        today=TODAY,
    )
    assert errors(problems) == []
    assert isinstance(post.details, Recall)
    assert post.details.recall_class == expected
    assert post.details.class_explained.startswith(f"Class {expected}:")
    assert post.details.agency_name == "U.S. Food and Drug Administration (FDA)"
    assert post.details.lots == ("A1", "B2")
    assert post.details.date == date(2026, 8, 19)


def test_summary_is_derived_from_the_first_paragraph_as_plain_text(config):
    html = "<h2>Hi</h2><p>Wash &amp; <strong>rinse</strong>\n often.</p><p>Second.</p>"
    post, _ = parse_post(raw(type="qa", question="Q", html=html), config, today=TODAY)
    assert post.summary == "Wash & rinse often."


def test_explicit_summary_is_kept_exactly_as_plain_text(config):
    text = 'Recall: "Smith & Sons" <Organic> Spinach'
    post, _ = parse_post(raw(type="qa", question="Q", summary=text), config, today=TODAY)
    assert post.summary == text


def test_long_first_paragraph_summary_is_cut_at_a_word(config):
    html = "<p>" + "word " * 200 + "</p>"
    post, _ = parse_post(raw(type="qa", question="Q", html=html), config, today=TODAY)
    assert len(post.summary) <= 300 and post.summary.endswith("word…")


def test_reviewer_without_review_date_and_future_review_date_are_errors(config):
    _, p1 = parse_post(raw(type="qa", question="Q", reviewed_by="Dr. Lee"), config, today=TODAY)
    assert any(": Last_Reviewed: required when Reviewed_By" in m for m in errors(p1))
    _, p2 = parse_post(
        raw(type="qa", question="Q", reviewed_by="Dr. Lee", last_reviewed="2027-01-01"),
        config,
        today=TODAY,
    )
    assert any("is in the future" in m for m in errors(p2))


def test_unknown_field_is_a_warning_with_a_suggestion(config):
    post, problems = parse_post(raw(type="qa", question="Q", image_alts="x"), config, today=TODAY)
    assert post is not None
    [warning] = [p for p in problems if p.severity == "warning" and p.field != "Sources"]
    assert "unknown field, ignored; did you mean 'Image_Alt'?" in warning.format()


def test_mistyped_status_is_an_error(config):
    r = replace(raw(type="qa", question="Q"), unparsed={"status": "publish"})
    post, problems = parse_post(r, config, today=TODAY)
    assert post is None
    assert any("'publish' is not a status" in m for m in errors(problems))


def test_future_dated_post_is_scheduled_and_explicit_draft_is_draft(config):
    # Pelican marks a future-dated post "draft" without a Status line: that is "scheduled".
    scheduled, _ = parse_post(
        raw(type="qa", question="Q", pelican_status="draft"), config, today=TODAY
    )
    draft, _ = parse_post(
        raw(type="qa", question="Q", pelican_status="draft", status="draft"), config, today=TODAY
    )
    assert scheduled.status == "scheduled" and not scheduled.is_published
    assert draft.status == "draft"


def test_guid_depends_only_on_the_base_and_slug():
    assert post_guid("https://a.example", "flu") == post_guid("https://a.example", "flu")
    assert post_guid("https://a.example", "flu") != post_guid("https://a.example", "cold")
    assert post_guid("https://a.example", "flu").startswith("urn:uuid:")


def test_guid_is_unchanged_when_title_body_and_date_change(config):
    a, _ = parse_post(raw(type="qa", question="Q"), config, today=TODAY)
    b, _ = parse_post(
        raw(
            type="qa",
            question="Q",
            title="New title",
            html="<p>New</p>",
            date=datetime(2026, 10, 9, tzinfo=TZ),
        ),
        config,
        today=TODAY,
    )
    assert a.guid == b.guid


def test_series_posts_are_numbered_by_date_among_published_and_scheduled_posts(config):
    def myth(name: str, day: int, status: str = "published") -> RawPost:
        return raw(
            source=f"content/posts/{name}.md",
            type="misconception",
            myth="M",
            fact="F",
            date=datetime(2026, 9, day, tzinfo=TZ),
            pelican_status=status,
        )

    posts, _ = parse_posts(
        [
            myth("c", 20),
            myth("a", 3),
            myth("future", 25, status="draft"),  # scheduled: numbered once dated
            myth("b", 10),
        ],
        config,
        today=TODAY,
    )
    numbers = {p.slug: p.number for p in posts if isinstance(p.details, Misconception)}
    assert numbers == {"a": 1, "b": 2, "c": 3, "future": 4}
    assert next(p for p in posts if p.slug == "c").heading_label == "Misconception of the Week #3"


def test_picture_size_comes_from_the_file(config):
    post, _ = with_image(config, "images/hand-washing.jpg", alt="Soap")
    assert (post.image_width, post.image_height) == (1600, 1000)
