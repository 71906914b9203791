"""What the fifth blind round (dev8) showed in pasted threads, quoted comments and notes
about the oldest: the speakers of a thread ("fabián: ... / okseniia: ..."), someone quoted
by a verb and a colon ("olive says: ..."), a name marked "(staff)" is staff, and the age
of "our oldest patient" or a decade over 89 in parentheses ("Dad ('90s, ...)")."""

from __future__ import annotations

import pytest

from conftest import findings, name_findings

THREAD = (
    "Thread from Instagram, lightly edited: {a}: does the flu shot make you sick?? / "
    "Sam (staff): No, it can't give you the flu. / {b}: my arm was sore for 2 days tho"
)


@pytest.mark.parametrize(("first", "second"), [("fabián", "okseniia"), ("colin", "silje")])
def test_the_speakers_of_a_pasted_thread_are_found_and_staff_is_not(allow, first, second):
    names = name_findings(THREAD.format(a=first, b=second), allow)
    assert first in names and second in names
    assert "Sam" not in names


@pytest.mark.parametrize(
    "text",
    [
        "Note: bring your card. Tip: drink water.",
        "Q: Can kids use a neti pot? A: Not under 8.",
        "Symptoms: cough / Treatment: rest / Duration: 7 days",
        "Step 1: wash. Step 2: dry.",
    ],
)
def test_labels_that_are_no_speakers_name_no_one(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("💬 olive says: 'been doing the chair yoga video every morning'", "olive"),
        ("💬 hazel says: 'knees feel 10 yrs younger'", "hazel"),
    ],
)
def test_someone_quoted_by_says_and_a_colon_is_found(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text", ["The label says: take with food.", "Everyone says: wash your hands."]
)
def test_a_thing_or_everyone_saying_something_is_no_one(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Our oldest flu-shot patient this season is 106!", "106"),
        ("The oldest finisher in the Turkey Trot, Judith Smart, is 98 and beat us.", "98"),
        ("Dad ('90s, stubborn as ever) finally let us set up his pill organizer.", "'90s"),
        ("Dad (nineties, stubborn as ever) let us set up his pill organizer.", "nineties"),
    ],
)
def test_the_oldest_one_s_age_and_a_decade_in_parentheses_are_found(allow, text, age):
    assert findings(text, allow, "age_over_89") == [age]


@pytest.mark.parametrize(
    "text",
    [
        "The oldest vaccine on the list is 90 percent effective.",
        "Our oldest exam table is 92 this year.",
        "Hits from the ('90s) played all day.",
        "The oldest patient we saw was 45.",
    ],
)
def test_no_person_s_age_over_89_is_no_finding(allow, text):
    assert findings(text, allow, "age_over_89") == []
