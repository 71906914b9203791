"""healthnotes.social.texts: each post's text per platform, counted and fitted its way."""

from __future__ import annotations

import html
import unicodedata
from dataclasses import replace
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from twitter_text import extract_urls, parse_tweet

from conftest import typed_post
from healthnotes.content.model import QA, Alert, HowTo, Misconception, Post, PostType, Recall
from healthnotes.social.platforms import PLATFORMS, Platform, TextRule
from healthnotes.social.texts import (
    ELLIPSIS,
    LINK_IN_BIO,
    RECALL_DEFAULT_ACTION,
    SEPARATOR,
    check_override,
    count,
    fits,
    hashtags,
    hook,
    platform_text,
    sentences,
    shorten,
    utm_link,
)

TZ = ZoneInfo("America/Los_Angeles")
URL = "https://health.example.org/posts/cold-weather-myth/"
DISCLAIMER = "General information, not medical advice."
X, BLUESKY, MASTODON = PLATFORMS["x"], PLATFORMS["bluesky"], PLATFORMS["mastodon"]

FAMILY = "👨\u200d👩\u200d👧"  # man ZWJ woman ZWJ girl
FLAG = "🇺🇸"
THUMBS_UP_DARK = "👍🏿"
#: Clusters that are easy to cut wrongly, and loose pieces of them.
TRICKY = [
    FAMILY,
    FLAG,
    THUMBS_UP_DARK,
    "🏳️\u200d🌈",
    "e\u0301",
    "\u0301",
    "\u200d",
    "🇫",
    "\U0001f3fd",
    "क्षि",
    "\u0600",
    "中文",
    "😷",
    "#",
    "…",
    "1-800-222-1222",
    "https://cdc.gov/flu",
    "\ufeff",
]


def make_post(
    details: HowTo | Misconception | Recall | QA | Alert | None = None,
    *,
    summary: str = "Most colds are caught indoors, from other people.",
    title: str = "Does cold weather give you a cold?",
    tags: tuple[str, ...] = ("colds", "winter health"),
    slug: str = "cold-weather-myth",
    url: str = URL,
    series_name: str | None = None,
    number: int | None = None,
) -> Post:
    return typed_post(
        details or QA(question="Does cold weather give you a cold?"),
        summary=summary,
        title=title,
        tags=tags,
        slug=slug,
        url=url,
        author="Dr. Ana Patel",
        series_name=series_name,
        number=number,
    )


def graphemes(text: str) -> list[str]:
    return regex.findall(r"\X", text)


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


# --- counting ---------------------------------------------------------------------------------


def test_x_counts_every_url_as_23_whatever_its_length():
    short, long = "https://a.co", URL + "?utm_source=x&utm_medium=social&utm_campaign=" + "c" * 80
    assert count(short, X.text) == count(long, X.text) == 23
    assert count(f"Read {long}", X.text) == 5 + 23


def test_x_counts_a_url_on_a_domain_it_does_not_know_in_full_as_it_would_not_link_it():
    unknown = "https://health.maplegrovefamily.example/posts/a/"
    assert count(unknown, X.text) == len(unknown)


def test_x_counts_emoji_and_cjk_as_two_and_latin_as_one():
    assert count("😷", X.text) == 2
    assert count(FAMILY, X.text) == 2
    assert count("中文", X.text) == 4
    assert count("é", X.text) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=10), st.sampled_from(TRICKY)), max_size=30))
def test_x_count_is_twitter_texts_weighted_length(pieces):
    text = "".join(pieces)
    assert count(text, X.text) == parse_tweet(text).weightedLength


PLAIN_PIECES = st.sampled_from(
    [
        *"abcXYZ019#*@._-/:?&=% \n\t'\"",
        *"éñüßĀœ–—‘’“”•…†",
        "©",  # an emoji on its own: the text takes twitter-text's path
        "#\ufe0f\u20e3",  # a keycap: the same
        URL,
        "https://a.co",
        "fda.gov",
        "www.example.com/x",
        "e\u0301",  # not NFC
        "\r\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PLAIN_PIECES, max_size=60))
def test_x_count_of_plain_text_is_twitter_texts_weighted_length(pieces):
    # The fast path for text without emoji must agree with twitter-text everywhere,
    # around links, digits, hashtags and typographic punctuation included.
    text = "".join(pieces)
    assert count(text, X.text) == parse_tweet(text).weightedLength


URL_PIECES = st.sampled_from(
    [
        *"abcXYZ019#*@._-/:?&=%$ \n\t'\"()",
        SEPARATOR,
        SEPARATOR,
        "é",
        "рф",
        "中文",
        "😷",
        URL,
        "https://a.co",
        "http://",
        "fda.gov",
        "Example.COM",
        "www.example.com/x",
        "foo.xn--p1ai",
        "foo.рф",
        "e.g. U.S. 3.5 mg",
        "a@b.com",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(URL_PIECES, max_size=40), st.booleans())
@example(pieces=["\n\n", "é", "fda.gov"], without_protocol=True)  # a letter before a domain
def test_urls_found_block_by_block_are_the_urls_twitter_text_finds_in_the_whole_text(
    pieces, without_protocol
):
    from twitter_text import extract_urls_with_indices

    from healthnotes.social.texts import _urls

    text = "".join(pieces)
    whole = extract_urls_with_indices(text, extract_urls_without_protocol=without_protocol)
    assert _urls(text, without_protocol=without_protocol) == [
        tuple(url["indices"]) for url in whole
    ]


def test_x_counts_plain_text_without_twitter_texts_emoji_pass(monkeypatch):
    from healthnotes.social import texts as text_module

    plain = f"Flu shots are here — book today… #flu #health {URL}"
    expected = parse_tweet(plain).weightedLength
    twitter = text_module._twitter()

    def refuse(*args, **kwargs):
        raise AssertionError("parse_tweet was called for plain text")

    monkeypatch.setattr(twitter, "parse_tweet", refuse)
    assert count(plain, X.text) == expected


def test_bluesky_counts_a_family_emoji_a_flag_and_an_accented_letter_as_one_each():
    assert count(FAMILY, BLUESKY.text) == 1
    assert count(FLAG, BLUESKY.text) == 1
    assert count(THUMBS_UP_DARK, BLUESKY.text) == 1
    assert count("e\u0301", BLUESKY.text) == 1
    assert count(f"{FAMILY} {FLAG}", BLUESKY.text) == 3


def test_bluesky_text_over_3000_utf8_bytes_does_not_fit_even_under_300_graphemes():
    heavy = "a" + "\u0301" * 20  # one grapheme, 41 bytes
    text = heavy * 80
    assert count(text, BLUESKY.text) == 80
    assert not fits(text, BLUESKY.text)
    assert fits(heavy * 70, BLUESKY.text)


def test_mastodon_counts_each_link_as_23_but_a_bare_domain_in_full():
    link = URL + "?utm_source=mastodon&utm_medium=social&utm_campaign=cold-weather-myth"
    assert count(f"See {link}", MASTODON.text) == 4 + 23
    assert count("See cdc.gov", MASTODON.text) == len("See cdc.gov")


def test_plain_platforms_count_code_points_and_urls_in_full():
    linkedin = PLATFORMS["linkedin"].text
    assert count(f"{FAMILY} {URL}", linkedin) == len(FAMILY) + 1 + len(URL)


def test_threads_text_with_more_than_five_links_does_not_fit():
    threads = PLATFORMS["threads"].text
    links = " ".join(f"https://example.com/{n}" for n in range(5))
    assert fits(links, threads)
    assert not fits(links + " https://example.com/6", threads)


def test_x_text_with_a_character_x_rejects_does_not_fit():
    assert not fits("Stay warm\ufeff", X.text)


def test_an_unknown_counter_is_a_bug_not_a_silent_miscount():
    with pytest.raises(ValueError, match="unknown text counter"):
        count("text", TextRule(limit=10, counter="words"))  # type: ignore[arg-type]


# --- hashtags, links, hooks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("mental health", "#MentalHealth"),
        ("food safety", "#FoodSafety"),
        ("covid-19", "#Covid19"),
        ("COVID-19", "#COVID19"),
        ("café", "#Café"),
        ("cafe\u0301", "#Café"),
        ("heart_disease", "#HeartDisease"),
        ("  flu   season! ", "#FluSeason"),
        ("über-gesund", "#ÜberGesund"),
    ],
)
def test_hashtags_are_camel_case_letters_and_digits(tag, expected):
    assert hashtags([tag]) == (expected,)


def test_hashtags_drop_duplicates_ignoring_case_empty_tags_and_tags_that_are_only_digits():
    tags = ["Flu", "flu", "FLU season", "flu-season", "2026", "19-20", "--", "", "🤧", "Flu 2026"]
    assert hashtags(tags) == ("#Flu", "#FLUSeason", "#Flu2026")


def test_hashtags_stop_at_max_count():
    assert hashtags(["a", "b", "c", "d"], max_count=2) == ("#A", "#B")
    assert hashtags(["a", "b"], max_count=0) == ()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.sampled_from(TRICKY)), max_size=12))
def test_every_hashtag_is_one_whole_hashtag_with_a_letter(tags):
    result = hashtags(tags)
    for tag in result:
        body = tag[1:]
        assert tag.startswith("#") and body
        assert regex.fullmatch(r"[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}]*", body)
        assert regex.search(r"\p{L}", body)
        assert graphemes(" " + tag + " ") == [" ", *graphemes(tag), " "]
    assert len({t.casefold() for t in result}) == len(result)


def test_utm_link_adds_source_medium_and_campaign():
    link = utm_link(URL, "x", "cold-weather-myth")
    assert link == URL + "?utm_source=x&utm_medium=social&utm_campaign=cold-weather-myth"


@given(
    slug=st.text(min_size=1, max_size=40),
    campaign=st.text(min_size=1, max_size=40),
    query=st.sampled_from(["", "?", "?a=1", "#top", "?a=1&utm_campaign=x#top"]),
)
def test_utm_link_reads_back_as_exactly_the_three_utm_values(slug, campaign, query):
    from urllib.parse import parse_qsl, quote

    url = f"https://c.example/posts/{quote(slug)}/{query}"
    parts = urlsplit(utm_link(url, "bluesky", campaign))
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    assert [p for p in pairs if p[0].startswith("utm_")] == [
        ("utm_source", "bluesky"),
        ("utm_medium", "social"),
        ("utm_campaign", campaign),
    ]
    assert [p for p in pairs if not p[0].startswith("utm_")] == (
        [("a", "1")] if "a=1" in query else []
    )
    assert parts.fragment == ("top" if "#top" in query else "")
    assert parts.path == urlsplit(url).path


def test_utm_link_keeps_existing_parameters_and_fragment_and_replaces_old_utm_values():
    link = utm_link("https://c.example/p/?lang=es&q=a%20b&utm_source=old#steps", "x", "mi post")
    parts = urlsplit(link)
    assert parts.fragment == "steps"
    assert parts.query.startswith("lang=es&q=a%20b&")
    assert parse_qs(parts.query) == {
        "lang": ["es"],
        "q": ["a b"],
        "utm_source": ["x"],
        "utm_medium": ["social"],
        "utm_campaign": ["mi post"],
    }


def test_howto_hook_is_the_summary():
    post = make_post(HowTo(steps=("Wash", "Dry")), summary="Wash your hands  for\n20 seconds.")
    assert hook(post) == "Wash your hands for 20 seconds."


#: The weekly series a misconception counts in (``SERIES``; numbered by the build).
WEEKLY = "Misconception of the Week"


def test_an_urgent_notice_says_it_is_one_then_what_it_is_about():
    closed = Alert(expires=datetime(2026, 11, 3, 9, tzinfo=TZ))
    post = make_post(closed, summary="The office is closed today. Call us for urgent needs.")
    assert hook(post) == "Urgent notice: The office is closed today. Call us for urgent needs."
    for platform in PLATFORMS.values():  # every platform has a text for it
        assert platform_text(post, platform).text


def test_every_post_type_has_a_text_on_every_platform():
    samples = [
        HowTo(steps=("Wash",)),
        Misconception(myth="Cold weather gives you a cold.", fact="Viruses cause colds."),
        Recall(
            product="Acme Peanut Butter",
            agency="FDA",
            agency_name="U.S. Food and Drug Administration (FDA)",
            reason="Possible Salmonella contamination.",
            url="https://www.fda.gov/recall",
            date=date(2026, 11, 1),
        ),
        QA(question="Does cold weather give you a cold?"),
        Alert(expires=datetime(2026, 11, 3, 9, tzinfo=TZ)),
    ]
    assert {make_post(details).type for details in samples} == set(PostType)
    for details in samples:
        for platform in PLATFORMS.values():
            assert platform_text(make_post(details), platform).text, (details, platform.key)


def test_misconception_hook_names_the_series_and_number_then_myth_then_fact():
    post = make_post(
        Misconception(myth="Cold weather gives you a cold", fact="Viruses cause colds."),
        series_name=WEEKLY,
        number=3,
    )
    assert hook(post) == (
        "Misconception of the Week #3. Myth: Cold weather gives you a cold. "
        "Fact: Viruses cause colds."
    )


RECALL = Recall(
    product="Acme Peanut Butter, 16 oz",
    agency="FDA",
    agency_name="U.S. Food and Drug Administration (FDA)",
    reason="Possible Salmonella contamination.",
    url="https://www.fda.gov/recall",
    date=date(2026, 11, 1),
    lots=("A1", "B2"),
    action="Do not eat it; return it to the store.",
)


def test_recall_hook_names_agency_and_product_the_hazard_what_to_do_and_the_lots():
    assert hook(make_post(RECALL)) == (
        "FDA recall: Acme Peanut Butter, 16 oz. Possible Salmonella contamination. "
        "Do not eat it; return it to the store. Lots: A1, B2."
    )
    no_action = replace(RECALL, action=None, lots=())
    assert hook(make_post(no_action)) == (
        "FDA recall: Acme Peanut Butter, 16 oz. Possible Salmonella contamination. "
        f"{RECALL_DEFAULT_ACTION}"
    )


def test_qa_hook_leads_with_the_answer_and_quotes_the_question_as_a_patients():
    post = make_post(QA(question="Can I exercise with a cold"), summary="Gently, yes.")
    assert hook(post) == "Gently, yes. A patient asked: “Can I exercise with a cold?”"


def test_sentences_split_at_sentence_ends_not_at_abbreviations_and_drop_a_cut_piece():
    text = "Dr. Lee saw C. diff twice. Call us! Is it 5.5 mg? Most people…"
    assert sentences(text) == ["Dr. Lee saw C. diff twice.", "Call us!", "Is it 5.5 mg?"]
    assert sentences("No end punctuation") == ["No end punctuation"]


# --- platform texts -----------------------------------------------------------------------------


def test_x_text_never_exceeds_280_weighted_chars_and_drops_whole_sentences_never_cuts_one():
    summary = " ".join(f"Wash your hands before meal number {n}." for n in range(40))
    post = make_post(HowTo(steps=("a",)), summary=summary)
    result = platform_text(post, X, disclaimer=DISCLAIMER)
    head, link = result.text.split(SEPARATOR)
    assert result.length == parse_tweet(result.text).weightedLength <= 280
    assert link == utm_link(URL, "x", post.slug)
    assert summary.startswith(head) and head.endswith(".") and ELLIPSIS not in head
    assert DISCLAIMER not in result.text and result.left_out == ()


def test_a_single_sentence_too_long_for_the_platform_is_left_out_not_cut():
    post = make_post(HowTo(steps=("a",)), summary=words(200, "handwashing"))
    result = platform_text(post, X, disclaimer=DISCLAIMER)
    assert result.text == utm_link(URL, "x", post.slug)
    assert result.left_out == ("summary",)
    short = replace(post, short="Wash your hands for 20 seconds.")
    assert platform_text(short, X).text.startswith("Wash your hands for 20 seconds.\n\n")


def test_disclaimer_goes_first_then_hashtags_from_the_end_before_the_hook_is_cut():
    tags = ("colds", "flu", "winter health")
    post = make_post(HowTo(steps=("a",)), summary="Short hook.", tags=tags)
    link = utm_link(URL, "x", post.slug)
    assert platform_text(post, X, disclaimer=DISCLAIMER).text == SEPARATOR.join(
        ["Short hook.", link, "#Colds #Flu #WinterHealth", DISCLAIMER]
    )
    # Room for the hook, link and two hashtags, not the third nor the disclaimer.
    summary = "Stay home " + "x" * (280 - 10 - 2 - 23 - 2 - len("#Colds #Flu") - 4) + "."
    result = platform_text(replace(post, summary=summary), X, disclaimer=DISCLAIMER)
    assert result.text == SEPARATOR.join([summary, link, "#Colds #Flu"])


def test_long_form_platforms_carry_link_hashtags_and_disclaimer():
    post = make_post(tags=("winter health",))
    for key in ("linkedin", "facebook", "mastodon", "threads"):
        result = platform_text(post, PLATFORMS[key], disclaimer=DISCLAIMER)
        assert result.text == SEPARATOR.join(
            [hook(post), utm_link(URL, key, post.slug), "#WinterHealth", DISCLAIMER]
        )


@pytest.mark.parametrize("key", ["instagram", "instagram_portrait", "story"])
def test_instagram_text_has_no_url_and_ends_with_link_in_bio(key):
    post = make_post(tags=("winter health",))
    result = platform_text(post, PLATFORMS[key], disclaimer=DISCLAIMER)
    assert "http" not in result.text and "example.org" not in result.text
    assert result.text.endswith(LINK_IN_BIO)
    assert "#WinterHealth" in result.text


def test_instagram_keeps_at_most_5_hashtags():
    post = make_post(tags=tuple(f"tag{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(40)))
    text = platform_text(post, PLATFORMS["instagram"]).text
    assert text.count("#") == 5


@pytest.mark.parametrize("key", [k for k, p in PLATFORMS.items() if not p.text.description_only])
def test_thousands_of_tags_make_at_most_the_platforms_hashtag_cap(key):
    tags = tuple(f"topic{n}" for n in range(2000))
    post = make_post(tags=tags)
    rule = PLATFORMS[key].text
    text = platform_text(post, PLATFORMS[key], disclaimer=DISCLAIMER).text
    assert text.count("#") <= rule.max_hashtags <= 5
    assert count(text, rule) <= rule.limit


def test_og_text_is_the_hook_alone_within_200_chars():
    post = make_post(HowTo(steps=("a",)), summary="Vaccines work. " * 30, tags=("flu",))
    result = platform_text(post, PLATFORMS["og"], disclaimer=DISCLAIMER)
    assert len(result.text) <= 200 and result.text.endswith("Vaccines work.")
    assert ELLIPSIS not in result.text
    assert "http" not in result.text and "#" not in result.text and SEPARATOR not in result.text
    assert LINK_IN_BIO not in result.text and DISCLAIMER not in result.text


def test_pinterest_title_is_cut_to_100_and_description_has_the_link():
    post = make_post(title=words(40, "Winter"))
    result = platform_text(post, PLATFORMS["pinterest"])
    assert result.title is not None and len(result.title) <= 100
    assert result.title.endswith("Winter" + ELLIPSIS)
    assert utm_link(URL, "pinterest", post.slug) in result.text
    assert len(result.text) <= 500
    assert all(
        platform_text(post, p).title is None for p in PLATFORMS.values() if p.key != "pinterest"
    )


FLU_FACT = (
    "Flu shots are made with killed virus or a single piece of the virus, so they cannot "
    "cause a flu infection. A sore arm or a low fever for a day or two is your body "
    "building protection."
)


def test_a_misconception_keeps_series_myth_and_fact_and_drops_the_facts_later_sentences():
    post = make_post(
        Misconception(myth="You can catch the flu from the flu shot.", fact=FLU_FACT),
        series_name=WEEKLY,
        number=1,
    )
    assert platform_text(post, PLATFORMS["og"]).text == (
        "Misconception of the Week #1. Myth: You can catch the flu from the flu shot. "
        "Fact: Flu shots are made with killed virus or a single piece of the virus, so they "
        "cannot cause a flu infection."
    )


def test_a_misconception_with_no_room_for_its_fact_uses_its_short_line_never_the_myth_alone():
    post = make_post(
        Misconception(myth="Cold weather gives you a cold.", fact=words(100, "virus")),
        series_name=WEEKLY,
        number=2,
    )
    result = platform_text(post, X)
    assert "Myth" not in result.text and result.left_out == ("series", "myth", "fact")
    short = platform_text(replace(post, short="Viruses cause colds."), X)
    assert short.text.split(SEPARATOR)[0] == (
        "Misconception of the Week #2. Myth: Cold weather gives you a cold. "
        "Fact: Viruses cause colds."
    )
    assert short.left_out == ()


def test_a_recall_on_x_keeps_product_hazard_and_action_and_gives_up_lots_and_detail_first():
    recall = replace(
        RECALL,
        product="Acme Peanut Butter, 16 oz jar, creamy, sold in 12 states " + "x" * 60,
        reason="It may carry Salmonella, a germ that can make you very sick. More " + words(40),
        action="Do not eat it. Throw it away, then wash anything it touched. More " + words(40),
        lots=tuple(f"LOT{n:04}" for n in range(20)),
    )
    result = platform_text(make_post(recall), X)
    head = result.text.split(SEPARATOR)[0]
    assert head.startswith("FDA recall: Acme Peanut Butter")
    assert "It may carry Salmonella, a germ that can make you very sick." in head
    assert "Do not eat it." in head and head.endswith(".")
    assert "Lots" not in head and "More word" not in head and ELLIPSIS not in head
    assert result.left_out == ()


def test_a_qa_on_a_short_platform_keeps_the_quoted_question_and_the_answers_short_line():
    post = make_post(
        QA(question="I take pills for high blood pressure. Is it okay to take ibuprofen?"),
        summary=words(60, "ibuprofen") + ".",
    )
    post = replace(post, short="Ask us first.")
    head = platform_text(post, BLUESKY).text.split(SEPARATOR)[0]
    assert head == (
        "Ask us first. A patient asked: "
        "“I take pills for high blood pressure. Is it okay to take ibuprofen?”"
    )
    assert not head.startswith("I ")


def test_shortening_a_title_never_splits_an_emoji_sequence():
    title = (FAMILY + THUMBS_UP_DARK + FLAG) * 120
    short = shorten(title, lambda t: fits(t, replace(X.text, limit=100)), limit=100)
    assert short is not None and short.endswith(ELLIPSIS)
    kept = graphemes(short[: -len(ELLIPSIS)])
    assert kept == [FAMILY, THUMBS_UP_DARK, FLAG] * (len(kept) // 3) + kept[: len(kept) % 3]


def test_shortening_does_not_cut_inside_a_phone_number_or_a_link():
    phone = "1-800-222-1222"
    text = "Call" + "x" * 190 + phone + "now"  # one long "word": no space to cut at
    short = shorten(text, lambda t: len(t) <= 200, limit=200)
    assert short is not None and ("1-800" not in short or phone in short)
    link = "https://cdc.gov/flu/" + "a" * 300
    assert shorten(f"See {link} " + words(100), lambda t: len(t) <= 200, limit=200) == "See…"


def test_a_link_that_cannot_fit_at_all_is_an_error_not_a_cut_link():
    tiny = Platform(key="tiny", name="Tiny", text=TextRule(limit=30))
    with pytest.raises(ValueError, match="over the limit"):
        platform_text(make_post(), tiny)


# --- overrides ----------------------------------------------------------------------------------


def test_too_long_x_override_names_file_field_count_limit_and_how_x_counts():
    text = "Stay warm! " * 26 + URL  # 286 + a URL that counts 23
    problem = check_override(text, X, source="content/posts/cold.md", field="Summary_x", line=7)
    assert problem is not None and problem.severity == "error"
    n = parse_tweet(text).weightedLength
    assert problem.format() == (
        f"content/posts/cold.md:7: Summary_x: too long for X: {n} weighted characters as X "
        "counts them (URLs count 23; emoji and CJK characters count 2); limit 280. "
        f"Shorten it by at least {n - 280}."
    )


def test_too_long_bluesky_override_counts_graphemes_and_then_bytes():
    too_many = check_override(FLAG * 301, BLUESKY, source="p.md", field="Summary_bluesky")
    assert too_many is not None and "301 characters as Bluesky counts them" in too_many.message
    assert "limit 300" in too_many.message
    heavy = check_override(("a" + "\u0301" * 20) * 80, BLUESKY, source="p.md", field="f")
    assert heavy is not None and "3280 bytes in UTF-8; limit 3000 bytes" in heavy.message


def test_override_with_too_many_links_or_nothing_in_it_is_an_error():
    links = " ".join(f"https://example.com/{n}" for n in range(6))
    problem = check_override(links, PLATFORMS["threads"], source="p.md", field="Summary_threads")
    assert (
        problem is not None and "has 6 links" in problem.message and "at most 5" in problem.message
    )
    empty = check_override("  ", X, source="p.md", field="Summary_x")
    assert empty is not None and "is empty" in empty.message


def test_override_that_fits_is_used_verbatim_with_the_link_added_when_missing():
    post = make_post()
    text = "Cold air is not the culprit 🦠 — viruses are."
    assert check_override(text, X, source=post.source, field="Summary_x", post=post) is None
    result = platform_text(post, X, override=text, disclaimer=DISCLAIMER)
    assert result.text == SEPARATOR.join([text, utm_link(URL, "x", post.slug)])
    with_link = f"Why colds peak in winter: {URL}"
    assert platform_text(post, X, override=with_link).text == with_link
    instagram = platform_text(post, PLATFORMS["instagram"], override=text)
    assert instagram.text == text


def test_override_without_room_for_the_link_is_a_warning_and_goes_out_as_written():
    post = make_post()
    text = words(55, "warm")  # 274 characters: no room for a blank line and a link
    problem = check_override(text, X, source=post.source, field="Summary_x", post=post)
    assert problem is not None and problem.severity == "warning"
    assert "no link" in problem.message and "Shorten it by at least 19" in problem.message
    assert platform_text(post, X, override=text).text == text


def test_an_unchecked_override_that_does_not_fit_is_a_bug():
    with pytest.raises(ValueError, match="Summary_x: too long for X"):
        platform_text(make_post(), X, override=words(100, "warm"))


# --- properties over random Unicode -------------------------------------------------------------

WORDS = ["cold", "virus", "handwashing", "Ärztin", "fever", "COVID-19", "shots", "niño", "a"]
_fragment = st.one_of(
    st.text(max_size=6),
    st.sampled_from(TRICKY),
    st.sampled_from([" ", " ", " ", "\n\n", "\t"]),
    st.sampled_from(WORDS),
)
unicode_text = st.lists(_fragment, max_size=60).map("".join)
long_text = st.lists(_fragment, min_size=40, max_size=160).map("".join)
any_text = st.one_of(unicode_text, long_text)


@st.composite
def posts(draw: st.DrawFn) -> Post:
    details = draw(
        st.one_of(
            st.builds(HowTo, steps=st.just(("Step",))),
            st.builds(Misconception, myth=any_text, fact=any_text),
            st.builds(QA, question=any_text),
            st.builds(
                Recall,
                product=unicode_text,
                agency=st.just("FDA"),
                agency_name=st.just("U.S. Food and Drug Administration (FDA)"),
                reason=any_text,
                url=st.just("https://www.fda.gov/recall"),
                date=st.just(date(2026, 11, 1)),
                action=st.none() | any_text,
            ),
        )
    )
    return make_post(
        details,
        title=draw(any_text),
        summary=draw(any_text),
        tags=tuple(draw(st.lists(st.one_of(unicode_text, st.sampled_from(TRICKY)), max_size=12))),
        slug=draw(st.sampled_from(["a", "cold-weather-myth", "flu-shots-2026", "x" * 80])),
    )


def _is_shortening(part: str, full: str) -> bool:
    """``part`` is ``full`` with graphemes left out and "…" put in, none of them split."""
    remaining = iter(graphemes(full))
    return all(g in remaining for g in graphemes(part) if g != ELLIPSIS)


def _blocks(post: Post, platform: Platform, text: str) -> tuple[str, bool, str | None]:
    """Split a platform text into its blocks, checking each is whole and in place.

    Returns (the hook part, whether the disclaimer is there, the link or None).
    """
    rule = platform.text
    rest = text.split(SEPARATOR) if text else []
    assert all(rest), "no empty block"
    if platform.key == "og":
        assert len(rest) <= 1
        return (rest[0] if rest else ""), False, None
    if not rule.links:
        assert rest.pop() == LINK_IN_BIO
    note = bool(rest) and rest[-1] == DISCLAIMER
    if note:
        rest.pop()
    tags = hashtags(post.tags, rule.max_hashtags)
    if rest and rest[-1] in {" ".join(tags[:k]) for k in range(1, len(tags) + 1)}:
        rest.pop()
    link = None
    if rule.links and not rule.link_button:
        link = rest.pop()
        assert link == utm_link(post.url, platform.key, post.slug)
    assert len(rest) <= 1
    return (rest[0] if rest else ""), note, link


@settings(max_examples=40, deadline=None)
@given(posts())
def test_every_platform_text_fits_keeps_its_link_and_hashtags_whole_and_splits_no_grapheme(post):
    full_hook = hook(post)
    for platform in PLATFORMS.values():
        rule = platform.text
        result = platform_text(post, platform, disclaimer=DISCLAIMER)
        text = result.text
        assert fits(text, rule), (platform.key, result.length, text)
        assert result.length == count(text, rule)
        # Blocks never fuse with the blank lines between them into one cluster.
        assert graphemes(text) == [
            g
            for i, block in enumerate(text.split(SEPARATOR))
            for g in (["\n", "\n"] * bool(i)) + graphemes(block)
        ]
        head, _, link = _blocks(post, platform, text)
        # Whole sentences only: never cut with "…", always ending on sentence punctuation.
        assert head == full_hook or head.count(ELLIPSIS) <= full_hook.count(ELLIPSIS)
        assert not head or regex.search(r"[.!?…。！？‼⁇⁈⁉][\"'”’»)\]]*$", head), head
        if link is not None:
            assert text.count(link) == 1
            if rule.counter == "x_weighted" or rule.url_length:
                assert link in extract_urls(text)  # the platform sees the whole link
        else:
            assert post.url not in text or post.url in full_hook
        if platform.key in ("linkedin", "facebook"):
            assert DISCLAIMER in text
        if result.title is not None:
            assert fits(result.title, replace(rule, limit=rule.title_limit))
            title = graphemes(post.title) + graphemes(unicodedata.normalize("NFC", post.title))
            assert set(graphemes(result.title)) <= {*title, " ", ELLIPSIS, "‹", "›", "＆"}


@settings(max_examples=40, deadline=None)
@given(posts())
def test_a_hook_only_contains_whole_graphemes_of_the_post_and_its_labels(post):
    details = post.details
    fields = [post.summary, *(str(v) for v in vars(details).values() if isinstance(v, str))]
    labels = "Misconception of the Week #0123456789 Myth: Fact: recall: Lots: , .?“” ‹›＆ "
    labels += f"{RECALL_DEFAULT_ACTION} A patient asked:"
    allowed = {g for f in [*fields, labels] for g in graphemes(f)}
    allowed |= {g for f in fields for g in graphemes(unicodedata.normalize("NFC", f))}
    allowed |= {g for f in fields for g in graphemes(html.unescape(f))}
    text = hook(post)
    assert text == text.strip() and "  " not in text and "\n" not in text
    assert all(g in allowed for g in graphemes(text)), [
        g for g in graphemes(text) if g not in allowed
    ]


@settings(max_examples=40, deadline=None)
@given(post=posts(), override=any_text)
def test_an_override_is_either_rejected_with_a_problem_or_used_verbatim(post, override):
    for platform in PLATFORMS.values():
        problem = check_override(override, platform, source=post.source, field="Summary_x")
        if problem is not None:
            with pytest.raises(ValueError):
                platform_text(post, platform, override=override)
            continue
        result = platform_text(post, platform, override=override)
        assert result.text.startswith(override.strip())
        assert fits(result.text, platform.text)


def test_a_myth_too_long_to_show_whole_and_without_a_fact_goes_out_as_the_link_alone():
    """Found by hypothesis: cutting the myth to under half leaves nothing safe to show
    (a myth standing alone misinforms), so the text is the link, not an error."""
    family = "👨\u200d👩\u200d👧"
    myth = "0" * 85 + " " + "0" * 9 + family * 2 + "1-800-222-1222coldcoldhandwashing"
    myth += family + "handwashing" * 3 + "0" * 9
    post = make_post(Misconception(myth=myth, fact=""), title="", summary="", tags=())
    result = platform_text(post, PLATFORMS["bluesky"], disclaimer=DISCLAIMER)
    assert result.text == utm_link(post.url, "bluesky", post.slug)
    assert "Myth" not in result.text and fits(result.text, PLATFORMS["bluesky"].text)
    # A description without a link (the Open Graph one) is then empty, not an error.
    myth = (
        "000000000±3000000000}1\x1c" + "0" * 67 + " " + "0" * 15 + "\u200c0000"
        "🈲\u200d🈁🈯\u200d🈲\u200d🈁🈯\u200d🈲" + family + "000000"
        "1-800-222-1222" + "handwashing" * 4 + "00000"
    )
    post = make_post(Misconception(myth=myth, fact=""), title="", summary="", tags=(), slug="a")
    assert platform_text(post, PLATFORMS["og"], disclaimer=DISCLAIMER).text == ""


def test_texts_fitted_in_the_workers_are_the_ones_fitted_here(tmp_path):
    from healthnotes.runtime.workers import Workers
    from healthnotes.social.plan import TextCache, fit_post

    posts = [
        make_post(slug=f"post-{n}", title=f"Does cold weather give you a cold? ({n})")
        for n in range(3)
    ]
    platforms = list(PLATFORMS)
    here_cache = TextCache(None)
    here = here_cache.complete(
        [fit_post(t) for t in here_cache.lookup(posts, platforms)], platforms
    )
    with Workers(2) as workers:
        cache = TextCache(tmp_path)
        fitted = list(workers.map(fit_post, cache.lookup(posts, platforms)))
        assert workers.started
    assert cache.complete(fitted, platforms) == here
    assert {p: t.platform for p, t in here[0].items()} == {p: p for p in platforms}


def test_kept_texts_are_reused_and_only_what_changed_is_fitted_again(tmp_path, monkeypatch):
    import dataclasses

    from healthnotes.social import plan as syndication
    from healthnotes.social.plan import TextCache

    fitted: list[tuple[str, list[str]]] = []
    posts = [
        make_post(slug=f"post-{n}", title=f"Is a cold caught from the cold? ({n})")
        for n in range(3)
    ]

    def build(posts, platforms):
        cache = TextCache(tmp_path)
        tasks = cache.lookup(posts, platforms)
        fitted.extend((post.slug, [p for p, _ in wanted]) for post, _, wanted in tasks)
        texts = cache.complete([syndication.fit_post(task) for task in tasks], platforms)
        cache.save()
        return texts

    first = build(posts, ["x", "bluesky"])
    assert sorted(fitted) == [(f"post-{n}", ["x", "bluesky"]) for n in range(3)]
    fitted.clear()
    assert build(posts, ["x", "bluesky"]) == first and fitted == []  # nothing changed

    posts[1] = dataclasses.replace(posts[1], overrides=(("x", "Our own words for X."),))
    again = build(posts, ["x", "bluesky", "mastodon"])
    assert sorted(fitted) == [
        ("post-0", ["mastodon"]),
        ("post-1", ["x", "bluesky", "mastodon"]),  # its override changed: the post's texts
        ("post-2", ["mastodon"]),
    ]
    assert again[1]["x"].text.startswith("Our own words for X.")
    assert again[0]["x"] == first[0]["x"] and again[2]["bluesky"] == first[2]["bluesky"]

    saved = tmp_path / syndication.TEXTS_FILE
    written = saved.stat().st_mtime_ns, saved.stat().st_ino
    fitted.clear()
    build(posts, ["x", "bluesky", "mastodon"])
    assert fitted == [] and (saved.stat().st_mtime_ns, saved.stat().st_ino) == written
    build(posts, ["x"])  # nothing to fit, but the file now keeps only X's texts
    assert fitted == [] and (saved.stat().st_mtime_ns, saved.stat().st_ino) != written
    build(posts, ["x", "bluesky"])
    assert sorted(fitted) == [(f"post-{n}", ["bluesky"]) for n in range(3)]


def test_a_text_with_no_room_asks_for_a_short_line_or_a_shorter_one():
    """A post whose X text has no room for its type's point is told to add a 'Short:'
    line; one that has a 'Short:' line already is told to shorten it (seen on a
    realistic post: 'add a line Short' when it had one)."""
    from healthnotes.social.plan import left_out_problems
    from healthnotes.social.texts import PlatformText

    bare = make_post(slug="no-short")
    briefed = replace(make_post(slug="with-short"), short="Cold air does not give you a cold.")
    full = PlatformText(platform="x", text="…", length=1, left_out=("question",))
    texts = {post.slug: {"x": full} for post in (bare, briefed)}
    messages = {p.file: p.message for p in left_out_problems([bare, briefed], texts)}
    assert "add a line 'Short: …'" in messages[bare.source]
    assert "shorten the 'Short:' line" in messages[briefed.source]
    assert "add a line" not in messages[briefed.source]
