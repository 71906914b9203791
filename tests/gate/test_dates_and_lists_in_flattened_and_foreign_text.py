"""What the fourth blind round (dev7) showed the gate missing, as specs: a date with
its day where a date stands, in a field of a flattened record, or in a sentence in
another language, when the sentence names someone; ages and phones said in other
languages; the people of a list flattened into a line."""

from __future__ import annotations

import pytest

from conftest import findings, name_findings


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # where a date stands: before a time of day, after "on"
        ("Reminder for Halvard Munk: your annual physical is on Apr 4 at 9:40.", "Apr 4"),
        # a field of a flattened log or CSV row
        ("Pickup log • 7/23 • Mr Okonkwo • Rx for albuterol • picked up by a neighbor", "7/23"),
        ("Lindqvist-Aho,Karsten,27/02/2019,05880", "27/02/2019"),
        # a sentence in another language, whose words for visits the cues do not know
        ("Pani Wiesława prosi o kontakt w sprawie wyników badań z 7/30/2020.", "7/30/2020"),
        ("Salamat po kay Lola Marit sa pancit na dinala niya noong October 24th.", "October 24th"),
    ],
)
def test_a_dated_field_or_a_date_in_another_language_beside_a_person_is_a_date(allow, text, date):
    assert date in findings(text, allow, "date")


@pytest.mark.parametrize(
    "text",
    [
        "Join Dr. Lee on March 3 at 6 pm for a talk on sleep.",  # a clinician's event
        "Flu clinic • Oct 12 • 9 am to noon • Room 3",  # nobody in it
        "June is Men's Health Month, and Father's Day falls on June 15 this year.",
    ],
)
def test_a_date_beside_staff_or_nobody_or_a_holiday_s_father_is_no_date(allow, text):
    assert findings(text, allow, "date") == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Salamat po kay Lola Marit. Siya ay 95 taong gulang na!", "95"),
        ("Merci à Mr Seven. Madame a fêté ses 92 ans le mois dernier.", "92"),
    ],
)
def test_an_age_in_tagalog_or_french_is_found(allow, text, age):
    assert any(age in t for t in findings(text, allow, "age_over_89"))


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Tao Yao may need her inhaler. Her mother can be reached at 317-4782.", "317-4782"),
        ("Nhắc lịch hẹn: anh Nicanor. Số điện thoại liên lạc: 555-0197.", "555-0197"),
    ],
)
def test_a_seven_digit_number_said_to_be_a_phone_in_any_language_is_one(allow, text, phone):
    assert phone in findings(text, allow, "phone")


def test_an_account_number_with_a_prefix_is_a_record(allow):
    assert "MG-873094" in findings(
        "Account MG-873094 – Mx. Kibet – balance cleared", allow, "record_number"
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Sign-in sheet, diabetes class: 1. Julie Horton 2. Antonina Shestakov 3. Logan McVitty",
            {"Julie Horton", "Antonina Shestakov", "Logan McVitty"},
        ),
        (
            "Sign-up sheet, Saturday flu clinic • Christopher Thomas • Peter Das • Sky Manley",
            {"Christopher Thomas", "Peter Das", "Sky Manley"},
        ),
    ],
)
def test_the_people_of_a_list_flattened_into_a_line_are_found(allow, text, names):
    assert names <= set(name_findings(text, allow))


@pytest.mark.parametrize(
    "text",
    [
        "Bring • Advil • Tylenol • Motrin • water",
        "We are closed Monday for Martin Luther King Jr. Day and reopen Tuesday at 8.",
        "Mèsi anpil pou tout ekip la!",
        "Jordan from the front desk baked for the whole team.",
        "Meet the team behind our new clinic.",
    ],
)
def test_a_list_of_medicines_a_holiday_a_thank_you_or_staff_is_no_name(allow, text):
    assert name_findings(text, allow) == []


def test_meet_before_a_lower_case_name_introduces_a_person(allow):
    assert "debra smith" in name_findings("Meet debra smith. He coached Little League.", allow)
