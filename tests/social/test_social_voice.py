"""What each platform's text says, read from the built test site (syndication.json):
the right voice per post type, whole sentences only, and feeds whose clients post
exactly that text (feedparser and an HTML-to-text client alike)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
import regex
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CONTENT, config_for_test_site, typed_post
from healthnotes.config import SiteConfig
from healthnotes.content.model import QA, Alert, Post, PostType
from healthnotes.site.feeds import FeedItem, build_platform_feeds
from healthnotes.social.platforms import PLATFORMS
from healthnotes.social.texts import (
    ELLIPSIS,
    LINK_IN_BIO,
    SEPARATOR,
    VOICES,
    feed_safe,
    hashtags,
    platform_text,
    sentences,
    utm_link,
)

POSTS = sorted(p.stem for p in (CONTENT / "posts").glob("*.md"))
SENTENCE_END = regex.compile(r"[.!?][\"'”’»)\]]*$")
#: A question in the practice's own voice: a first-person question outside quotes.
FIRST_PERSON = regex.compile(r"(?:^|[.!?] )(?:I|My|I'm|I’m|Should I|Can I|Is it okay)\b")


def field(slug: str, name: str) -> str:
    """A ``Name: value`` line of a test-site post."""
    for line in (CONTENT / "posts" / f"{slug}.md").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(":")
        if key == name:
            return value.strip()
    return ""


@pytest.fixture(scope="module")
def manifest(published):
    return json.loads((published.output / "syndication.json").read_text(encoding="utf-8"))


def hook_of(post: dict, key: str) -> str:
    """The text's first block (what the post says), without link, tags or safety line."""
    text = post["platforms"][key]["text"]
    return "" if text.startswith("http") or text == LINK_IN_BIO else text.split(SEPARATOR)[0]


def test_every_platform_of_the_table_has_a_text_for_every_post(manifest):
    assert {p["slug"] for p in manifest["posts"]} == set(POSTS)
    for post in manifest["posts"]:
        assert set(post["platforms"]) == set(PLATFORMS)


def test_every_text_is_whole_sentences_never_cut_with_an_ellipsis(manifest):
    for post in manifest["posts"]:
        for key in PLATFORMS:
            hook = hook_of(post, key)
            assert hook, (post["slug"], key, "says nothing but the link")
            assert ELLIPSIS not in hook, (post["slug"], key, hook)
            assert SENTENCE_END.search(hook), (post["slug"], key, hook)
            for sentence in sentences(hook):
                assert SENTENCE_END.search(sentence), (post["slug"], key, sentence)


def test_qa_texts_quote_the_question_as_a_patients_and_lead_with_the_answer(manifest):
    for post in (p for p in manifest["posts"] if p["type"] == "qa"):
        for key in PLATFORMS:
            hook = hook_of(post, key)
            answer, quote, question = hook.partition("A patient asked: “")
            assert quote and question.endswith("?”"), (post["slug"], key, hook)
            assert answer.strip() and not FIRST_PERSON.search(answer), (post["slug"], key)
            # The question is the patient's words, only in quotes.
            assert question[:-1] in field(post["slug"], "Question") + "”"


def test_recall_texts_carry_product_hazard_and_what_to_do(manifest):
    for post in (p for p in manifest["posts"] if p["type"] == "recall"):
        slug = post["slug"]
        product = field(slug, "Recall_Product").split(",")[0]
        hazard = sentences(field(slug, "Recall_Reason"))[0]
        action = sentences(field(slug, "Recall_Action"))[0]
        short = field(slug, "Short")
        for key in PLATFORMS:
            hook = hook_of(post, key)
            assert hook.startswith(f"{field(slug, 'Recall_Agency')} recall: {product}"), hook
            assert (hazard in hook and action in hook) or short in hook, (slug, key, hook)
        # Where there is room, the lots too.
        lots = field(slug, "Recall_Lots")
        assert lots in post["platforms"]["linkedin"]["text"]


def test_children_acetaminophen_recall_on_x_says_stop_using_and_the_hazard(manifest):
    [post] = [p for p in manifest["posts"] if p["slug"] == "childrens-acetaminophen-recall"]
    for key in ("x", "bluesky", "og"):
        hook = hook_of(post, key)
        assert "double dose" in hook or "twice the right dose" in hook, hook
        assert "Stop using" in hook, hook


def test_misconception_texts_name_the_series_and_number_the_myth_and_the_fact(manifest):
    for post in (p for p in manifest["posts"] if p["type"] == "misconception"):
        myth = field(post["slug"], "Myth")
        for key in PLATFORMS:
            hook = hook_of(post, key)
            assert regex.match(r"Misconception of the Week #\d+\. ", hook), hook
            assert f"Myth: {myth}" in hook and "Fact: " in hook, (post["slug"], key, hook)


def test_google_business_text_has_no_link_and_no_hashtags_and_its_link_is_the_button(manifest):
    for post in manifest["posts"]:
        entry = post["platforms"]["google_business"]
        assert "http" not in entry["text"] and not regex.search(r"#\p{L}", entry["text"])
        assert len(entry["text"]) <= 1500
        assert entry["link"] == utm_link(post["url"], "google_business", post["slug"])


def test_the_build_warns_when_a_text_has_no_room_for_what_its_type_must_say(tmp_path, content_copy):
    from conftest import run_build, settings_file

    post = content_copy / "posts" / "spinach-recall.md"
    post.write_text(
        "\n".join(
            line
            for line in post.read_text(encoding="utf-8").splitlines()
            if not line.startswith("Short:")
        ),
        encoding="utf-8",
    )
    build = run_build(
        tmp_path / "out", content=content_copy, settings=settings_file(tmp_path, content_copy)
    )
    assert build.ok, build.stderr
    assert "spinach-recall.md" in build.stderr and "Short" in build.stderr
    [line] = [x for x in build.stderr.splitlines() if "the X text has no room for" in x]
    assert "spinach-recall.md" in line and "what to do" in line and "Short: " in line


# --- feeds: what a client posts is our text ---------------------------------------------------

TZ = ZoneInfo("America/Los_Angeles")
TRICKY = [
    'Smith & Sons spinach: "do not eat" it; AT&T, R&D, 5 < 7 and 9 > 3 😷👨‍👩‍👧 🇺🇸.',
    'Café & "niño" <Organic> &amp; &copy; &#38; &notice &foo; it.',
]


def _config() -> SiteConfig:
    return config_for_test_site("publishconf.py")


def _post(summary: str, slug: str) -> Post:
    return typed_post(
        slug=slug,
        url=f"https://health.maplegrovefamily.example/posts/{slug}/",
        title="Title & <b>",
        summary=summary,
        tags=("R&D", "flu"),
    )


def _feed_round_trip(posts: list[Post]) -> None:
    config = _config()
    by_platform = {}
    expected = {}
    for key in PLATFORMS:
        items = []
        for post in posts:
            text = platform_text(post, PLATFORMS[key], disclaimer="Not advice & no <tag>.")
            expected[(key, post.slug)] = text.text
            items.append(
                FeedItem(
                    post=post,
                    html="<p>x</p>",
                    description=text.text,
                    link=utm_link(post.url, key, post.slug),
                )
            )
        by_platform[key] = items
    for path, data in build_platform_feeds(by_platform, config).items():
        key = Path(path).stem
        feed = feedparser.parse(data)
        assert feed.bozo == 0, feed.get("bozo_exception")
        for entry in feed.entries:
            slug = entry.link.split("utm_campaign=")[1]
            text = expected[(key, slug)]
            assert entry.summary == entry.description == text, (key, entry.summary, text)
            assert BeautifulSoup(entry.description, "html.parser").get_text() == text


def test_feed_clients_post_texts_with_ampersands_angle_brackets_quotes_and_emoji_exactly():
    _feed_round_trip([_post(summary, f"tricky-{n}") for n, summary in enumerate(TRICKY)])


def test_markup_in_a_text_is_made_plain_so_both_kinds_of_client_read_it_alike():
    assert feed_safe("Smith & Sons <Organic> &amp; 5 < 7") == "Smith & Sons ‹Organic› & 5 < 7"
    assert feed_safe("&copy; &foo; &#38") == "© ＆foo; &"
    # an HTML parser reads "&A.;" as a reference named "A." and drops the ";" (hypothesis)
    assert feed_safe("&A.; and &x-1;") == "＆A.; and ＆x-1;"


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("&<>;#ab /\"'é😷 .ACnot")), max_size=40))
def test_any_text_reads_the_same_in_feedparser_and_as_html(text):
    safe = feed_safe(text)
    assert feed_safe(safe) == safe
    summary = safe.strip() or "Empty."
    _feed_round_trip([_post(summary + " Done.", "any")])


def test_qa_texts_never_speak_the_question_in_the_practices_voice():
    post = _post("Ask us first.", "qa")
    post = Post(**{**vars(post), "type": PostType.QA, "details": QA(question="I am 52. Can I?")})
    for key, platform in PLATFORMS.items():
        hook = platform_text(post, platform).text.split(SEPARATOR)[0]
        assert not hook.startswith("I am"), key
        assert "“I am 52. Can I?”" in hook or "“Can I?”" in hook, (key, hook)
    assert hashtags(("R&D",)) == ("#RD",)


def test_every_post_type_has_a_voice_and_an_urgent_notice_says_it_is_one():
    """An alert post (Type: alert) gets a text on every platform like any other type."""
    post = _post("The office is closed today because of snow. Call us if you need care.", "snow")
    post = replace(
        post, type=PostType.ALERT, details=Alert(expires=datetime(2026, 11, 3, 9, tzinfo=TZ))
    )
    for key, platform in PLATFORMS.items():
        hook = platform_text(post, platform).text.split(SEPARATOR)[0]
        if hook and not hook.startswith("http") and hook != LINK_IN_BIO:
            assert hook.startswith("Urgent notice: The office is closed today"), (key, hook)
    assert set(VOICES) == set(PostType)
