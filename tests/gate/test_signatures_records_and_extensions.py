"""Identifiers the fifth blind round (dev8) showed in pasted signatures and records: a ZIP
after a post-office box or a street set off by a bar ("PO Box 5704 | 60856"), a surgery
date with its year ("Surgery: 1/8/2025"), ten digits run together before an extension
("3601813416 ext. 3"), and a visit date on an intake form; a manoeuvre or an operation
named for a person ("the Epley maneuver", "Tommy John surgery") is nobody's name, and a
weekday naming a recurring event ("the Saturday flu clinic") is nobody's date, nor is a
router's default address in a how-to for patients."""

from __future__ import annotations

import pytest

from conftest import findings


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("email signature: Brian Marques | PO Box 5704 | 60856 | cell 555-0119", "60856"),
        ("P.O. Box 12, Bend, OR 97701", "97701"),
        ("Mail to 3947 Daniel Bridge | 60856", "60856"),
    ],
)
def test_a_zip_after_a_box_or_a_street_set_off_by_a_bar_is_found(allow, text, zip_code):
    assert zip_code in findings(text, allow, "zip")


def test_a_number_after_a_lot_and_a_bar_is_no_zip(allow):
    assert findings("Lot 12 | 60856 units shipped", allow, "zip") == []


def test_a_surgery_date_with_its_year_is_found(allow):
    assert findings("Surgery: 1/8/2025. Back on the golf course. Go Károly!", allow, "date") == [
        "1/8/2025"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Contact: ruiztracey@white-coleman.com / 3601813416 ext. 3 / prefers text",
        "Call 3601813416x12",
    ],
)
def test_ten_digits_before_an_extension_are_a_phone(allow, text):
    assert findings(text, allow, "phone") == ["3601813416"]


def test_ten_digits_before_a_quantity_are_no_phone(allow):
    assert findings("Order 3601813416 x 3 boxes", allow, "phone") == []


def test_a_visit_date_on_an_intake_form_is_found_and_a_form_s_date_is_not(allow):
    assert findings("Intake form: Last visit Sep. 8, 2021. Allergies: none.", allow, "date")
    assert not findings("Intake forms are on our website from March 3, 2026.", allow, "date")


@pytest.mark.parametrize(
    "text",
    [
        "Ask about the Epley maneuver if your dizziness starts when you roll over in bed.",
        "Tommy John surgery isn't just for pitchers anymore: we see it in softball too.",
    ],
)
def test_a_treatment_named_for_a_person_is_no_patient(allow, text):
    assert findings(text, allow, "name") == []


def test_a_patient_before_the_word_surgery_in_a_note_is_still_found(allow):
    assert findings("pt Rosa Diaz surgery 3/14", allow, "name") == ["Rosa Diaz"]


@pytest.mark.parametrize(
    "text",
    [
        "Re: George's question: yes, the Saturday flu clinic is walk-in, no appointment needed.",
        "Maria asked whether the Tuesday class still meets.",
    ],
)
def test_a_weekday_naming_a_recurring_event_is_no_date_of_a_person(allow, text):
    assert findings(text, allow, "date") == []


def test_a_weekday_a_patient_came_in_is_still_a_date(allow):
    assert findings("Maria came in Saturday morning with a fever.", allow, "date") == [
        "Saturday morning"
    ]


def test_a_router_s_default_address_in_a_how_to_for_patients_is_no_finding(allow):
    text = "If the patient portal won't load at home, restart the router at 192.168.1.1 first."
    assert findings(text, allow, "ip") == []


def test_a_patient_s_device_address_is_still_found(allow):
    text = "Maria's laptop at 192.168.1.44 kept dropping the portal."
    assert findings(text, allow, "ip") == ["192.168.1.44"]
