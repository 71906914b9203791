"""Dates, ages and ZIP codes that belong to a person, in the kinds of text a blind
writer produced (the dev5 round): reminders, memorials, billing lines pasted into a
post, Spanish reminders, birthday shout-outs. And the general dates that stay no
finding."""

from __future__ import annotations

import pytest

from healthnotes.gate.privacy import scan_text


def found(text: str, allow) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in scan_text(text, allow) if f.rule != "name"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the person is one the language model proposes, not one a pattern finds
        ("Reminder: Amaira, your appointment with Dr. Ana Patel is on 2/7.", "2/7"),
        ("Perry family: your flu shots are scheduled for Mon 3 Jan.", "Mon 3 Jan"),
        (
            "Account #74521: balance of $45.00 for Ansora Lazizov was paid on 05.12.2021.",
            "05.12.2021",
        ),
        ("We're so proud of Galih Najmudin, who quit smoking on 09 Sep 2021.", "09 Sep 2021"),
        # a memorial is a death
        ("IN MEMORIAM: Dora Torres (09.09.1984 to 20th October)", "09.09.1984"),
        ("In loving memory of Ikenna Obi (5/5/20 to Feb 9 2026)", "Feb 9 2026"),
        # Spanish: "su cita" is someone's appointment
        ("Su próxima cita de seguimiento es el 10 de julio de 2026.", "10 de julio de 2026"),
    ],
)
def test_a_date_with_a_person_and_what_happened_to_them_is_found(allow, text, date):
    dates = [t for rule, t in found(text, allow) if rule == "date"]
    assert any(date in t for t in dates), dates


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("A note from Mrs. Olaiya's daughter: “Mom is 91 and says your nurses are great.”", "91"),
        ("“Mom is ninety-one and still drives,” her son told us.", "ninety-one"),
        ("🎉 90 YEARS YOUNG 🎉 Happy birthday Sterling Martinez!", "90"),
        ("Joel Newton and Ian Harris, both in their mid-90s, still walk every day.", "mid-90s"),
        ("Manabu Kimura and Mandla Dube are both in their '90s.", "'90s"),
    ],
)
def test_an_age_over_89_said_of_a_person_is_found(allow, text, age):
    ages = [t for rule, t in found(text, allow) if rule == "age_over_89"]
    assert any(age in t for t in ages), ages


def test_a_zip_code_in_brackets_after_zip_is_found(allow):
    text = "Sent Ms. Moore the forms; her ZIP (52300) is outside our service area."
    assert ("zip", "52300") in found(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "The mobile clinic drives to Sternberg every second Thursday.",
        "Flu shots are scheduled for October at every school in the district.",
        "Patients in their 90s need a lower dose of many medicines.",
        "Such visits are usually paid by insurance.",
    ],
)
def test_general_dates_and_ages_are_no_findings(allow, text):
    assert found(text, allow) == []


@pytest.mark.parametrize(
    "text",
    [
        "The 90-year-old building on Main Street is our new pharmacy.",
        "We love the 100-year-old oak.",
    ],
)
def test_the_age_of_a_thing_is_no_finding(allow, text):
    assert found(text, allow) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("A 95 year old home cook shared her recipe.", "95 year old"),
        ("Our 92-year-old bridge player won again.", "92-year-old"),
        ("A 91-year-old house painter fell off a ladder.", "91-year-old"),
    ],
)
def test_a_person_described_by_a_thing_is_still_an_age_finding(allow, text, age):
    assert ("age_over_89", age) in found(text, allow)
