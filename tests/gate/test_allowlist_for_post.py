"""Allowlist.for_post: a staff member's first name and surname are allowed exactly when
the post names that person in full (whole words, as folded), whatever else it says."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from healthnotes.gate.privacy import Allowlist, staff_name_parts
from healthnotes.gate.privacy.words import fold_name

STAFF = ["Dr. Ana Patel, MD", "Priya Shah, RN", "Lee Ann Ng"]
ALLOW = Allowlist(staff_parts=frozenset(staff_name_parts(STAFF)))
PIECES = ["Ana", "Patel", "Ana Patel", "Priya Shah", "Lee Ann Ng", "Shahs", "Ann", "Ng."]
WORDS = st.sampled_from([*PIECES, "xAna Patel", "Ana Patelx", "-", " ", ", ", "ANA PATEL", "é"])


def by_rule(texts: list[str]) -> frozenset[str]:
    """The rule itself, one regular expression per full name."""
    folded = " ".join(fold_name(t) for t in texts)
    return frozenset(
        part
        for full, part in ALLOW.staff_parts
        if re.search(rf"(?<!\w){re.escape(full)}(?!\w)", folded)
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=8).map("".join), max_size=4))
def test_staff_named_in_full_are_allowed_exactly_by_the_rule(texts):
    assert ALLOW.for_post(texts).names == by_rule(texts)


def test_a_name_inside_a_longer_word_is_not_a_staff_member_named_in_full():
    assert ALLOW.for_post(["Written by xAna Patelx."]).names == frozenset()
    assert ALLOW.for_post(["Written by Ana Patel."]).names == {"ana", "patel"}


def _fold_by_decomposing(text: str) -> str:
    """fold_name as written for any text: decompose, drop the accents, then fold."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace(".", " ")
    return " ".join(plain.lower().split()).strip(" ,;:")


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_folding_plain_ascii_text_skips_nothing_decomposing_would_do(text):
    # (ASCII text has nothing to decompose: fold_name takes a shorter way for it)
    assert fold_name(text) == _fold_by_decomposing(text)


def test_a_tag_that_is_a_first_name_allows_no_name():
    """Red-teamed: 'Tags: Maria, Gonzalez' let 'Our patient Maria called' through in the
    post. A tag's words are what the post is about ('acetaminophen'), never a first name."""
    from healthnotes.gate.privacy import scan_text

    tagged = ALLOW.for_post([], topics=["Maria's story", "acetaminophen"])
    assert "acetaminophen" in tagged.names and "maria" not in tagged.names
    assert [f.text for f in scan_text("Our patient Maria called to thank us.", tagged)] == ["Maria"]


def test_a_tag_that_is_a_surname_allows_no_name():
    """Red-teamed: 'Tags: Gonzalez' let 'Gonzalez came in for a flu shot' through in the
    post. A tag that is a surname (US Census list, no common English word) allows nothing;
    a condition named after a person still reads as the condition."""
    from healthnotes.gate.privacy import scan_text

    tagged = ALLOW.for_post([], topics=["Gonzalez", "Nguyen family", "Parkinson's", "brown rice"])
    assert not {"gonzalez", "nguyen", "parkinson"} & tagged.names
    assert {"family", "brown", "rice"} <= tagged.names
    found = scan_text("Gonzalez came in for a flu shot with her son.", tagged)
    assert [f.text for f in found] == ["Gonzalez"]
    assert scan_text("Parkinson's disease affects movement and balance.", tagged) == []
