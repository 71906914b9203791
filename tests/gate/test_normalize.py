"""Text as a reader sees it (healthnotes.gate.normalize), and the way back to the text
as written."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from healthnotes.gate.normalize import INVISIBLE, normalize

ZERO_WIDTH = sorted(c for c in INVISIBLE if c not in "\u202a\u202b\u202c\u202d\u202e")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Ma\u200bria Gonza\u200blez", "Maria Gonzalez"),
        ("Mar\u2060ia Gonz\u00adalez", "Maria Gonzalez"),
        ("M\u0430ria G\u043enz\u0430lez", "Maria Gonzalez"),  # Cyrillic a and o (U+0430, U+043E)
        ("\u0399van", "Ivan"),  # Greek capital iota reads as a capital I
        ("call \u202e9910-555-145\u202c now", "call 541-555-0199 now"),
        ("call \u202e9910-555-145\nnow", "call 541-555-0199\nnow"),  # a line ends it
        ("five four one, five five five, zero one nine nine", "541 555 0199"),
        ("five four one five five five zero one nine nine", "5415550199"),
        ("cinco cuatro uno, cinco cinco cinco, cero uno nueve nueve", "541 555 0199"),
        ("Five Four One", "541"),
        ("one or two", "one or two"),  # fewer than three digit words stay words
        ("someone, nonetheless", "someone, nonetheless"),
        ("\uff15\uff14\uff11\u2010555\u20100199", "541-555-0199"),  # full width, hyphens
        # a dictation's punctuation said aloud
        (
            "to Mr Ochoa at 12 Elm St. comma 97401 period thank her",
            "to Mr Ochoa at 12 Elm St., 97401. thank her",
        ),
        (
            "call five four one dash five five five dash zero one nine nine comma ok",
            "call 541 555 0199, ok",
        ),
        ("born 3 slash 14 slash 58 comma seen today new paragraph", "born 3/14/58, seen today\n\n"),
        # prose that says one of them (a period, a dash of salt) is no dictation
        (
            "Your period may change. A dash of salt is fine.",
            "Your period may change. A dash of salt is fine.",
        ),
        ("Write a comma here.", "Write a comma here."),
    ],
)
def test_text_is_read_as_a_reader_sees_it(written, read):
    assert normalize(written).text == read


def test_a_span_of_the_reading_maps_back_to_what_was_written():
    written = "Call her at five four one, five five five, zero one nine nine today."
    seen = normalize(written)
    start = seen.text.index("541")
    end = start + len("541 555 0199")
    assert seen.original_text(start, end) == "five four one, five five five, zero one nine nine"


def test_a_number_between_dictated_punctuation_is_found_where_it_was_said(allow):
    from healthnotes.gate.privacy import scan_visible

    written = "Dictated: letter to Ms. Ferreira at 40 Oak Ln. comma 97402 period thanks"
    found = {(f.rule, f.text) for f in scan_visible(written, allow)}
    assert ("zip", "97402") in found


def test_a_reversed_number_maps_back_to_its_characters():
    written = "at \u202e9910-555-145\u202c."
    seen = normalize(written)
    start = seen.text.index("541")
    assert seen.original_text(start, start + 12) == "9910-555-145"


def test_plain_text_is_its_own_reading():
    seen = normalize("Wash your hands for 20 seconds.")
    assert seen.text == seen.original and seen.starts is None


@given(st.text())
def test_every_character_maps_inside_the_original(text):
    seen = normalize(text)
    for index in range(len(seen.text)):
        start, end = seen.original_span(index, index + 1)
        assert 0 <= start <= end <= len(text)
    start, end = seen.original_span(0, len(seen.text))
    assert 0 <= start <= end <= len(text)


@given(st.text())
def test_reading_twice_reads_the_same(text):
    once = normalize(text).text
    assert normalize(once).text == once


@given(st.text())
def test_the_reading_is_nfkc(text):
    once = normalize(text).text
    assert unicodedata.is_normalized("NFKC", once)


@given(
    st.text(st.characters(blacklist_characters=sorted(INVISIBLE))),
    st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(ZERO_WIDTH)), max_size=8),
)
def test_invisible_characters_never_change_what_is_read(text, inserts):
    disguised = text
    for at, char in inserts:
        position = at % (len(disguised) + 1)
        disguised = disguised[:position] + char + disguised[position:]
    assert normalize(disguised).text == normalize(text).text


@pytest.mark.parametrize("sign", ["\u212a", "\u017f"])  # the Kelvin sign, the long s
def test_a_letter_that_case_folds_to_ascii_is_still_read_as_a_plain_letter(sign):
    # they fold to "k" and "s" when compared ignoring case, and once skipped the reading
    # whole: "\u212aristin" stayed as written, a name in a letter no rule reads
    read = normalize(f"{sign}ristin").text
    assert read.isascii()
    assert normalize("\u212aristin").text == "Kristin"


@pytest.mark.parametrize(
    "written, read",
    [
        ("Letters 5O3-555-O229 here.", "Letters 503-555-0229 here."),
        ("Call 541-555-0l99 today.", "Call 541-555-0199 today."),
        ("Or 541.555.OI99", "Or 541.555.0199"),
    ],
)
def test_a_number_with_letters_for_digits_is_read_as_digits(written, read):
    """Red-teamed: '5O3-555-O229' (the letter O for zero) went out as a phone number a
    reader reads at once. Letter for letter: offsets hold."""
    seen = normalize(written)
    assert seen.text == read
    start = read.index(read.split()[1])
    assert seen.original_span(start, len(read.rstrip("."))) == (start, len(read.rstrip(".")))


@pytest.mark.parametrize("text", ["SKU IOO-2OO", "Oil 2020 lol", "Take 5OO mg", "in 2O21"])
def test_letters_beside_a_few_digits_stay_letters(text):
    assert normalize(text).text == text
