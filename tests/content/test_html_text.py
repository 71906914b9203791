"""healthnotes.content.html_text: plain text from Markdown's HTML, and cutting it to a limit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from healthnotes.content.html_text import html_facts, plain_text, shorten


def test_first_paragraph_skips_headings_and_list_paragraphs():
    html = "<h1>T</h1><ul><li><p>item</p></li></ul><p>  The <a href='#'>first</a>\nline. </p>"
    assert html_facts(html).first_paragraph == "The first line."


def test_entities_are_decoded_once():
    assert plain_text("<p>&lt;Organic&gt; &amp;amp; &quot;x&quot;</p>") == '<Organic> &amp; "x"'


def test_ordered_list_items_flatten_nested_lists_into_their_step():
    html = "<ol><li>One<ul><li>detail</li></ul></li><li>Two</li></ol>"
    assert html_facts(html).steps == ("One detail", "Two")


def test_script_content_is_not_text():
    assert plain_text("<p>a<script>alert(1)</script>b</p>") == "ab"


@given(st.text(), st.integers(min_value=2, max_value=400))
def test_shorten_never_exceeds_its_limit(text, limit):
    assert len(shorten(text, limit)) <= limit


@given(
    st.lists(st.from_regex(r"[a-z]{1,12}", fullmatch=True), min_size=1, max_size=80),
    st.integers(min_value=20, max_value=300),
)
def test_shorten_cuts_between_words_not_inside_them(words, limit):
    text = " ".join(words)
    result = shorten(text, limit)
    if result == text:
        return
    assert result.endswith("…")
    kept = result.removesuffix("…").split(" ")
    # every kept word is a whole word of the original, except possibly a long single word
    assert kept[:-1] == words[: len(kept) - 1]
    assert kept[-1] == words[len(kept) - 1] or len(kept) == 1
