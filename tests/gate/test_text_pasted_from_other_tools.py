"""What the seventh blind round (dev10: text pasted from other tools, voicemail and
dictation, chart pages, requisitions, spreadsheet rows) showed the gate missing: ages
said the way staff jot them ("pt is 95", "going on 101", "Njoku - 91 -"), a chart's and a
requisition's labels before a date, fields set off by slashes, accession and member ID
numbers, a phone after "ph"; and a time range it took for a date."""

from __future__ import annotations

import pytest

from conftest import findings


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Req comment field: 'pt is 95, hard stick, use butterfly'", "95"),
        ("Dictated: patient states she is going on 91 period", "91"),
        ("In memory of Donghyeon Kim, who passed away at 96 on 7-22-1999.", "96"),
        ("Google Sheet row: Espiridión Abellán | 105 | (602) 359-4861 | consent Y", "105"),
        ("sticky on the monitor: Ms. Njoku - 91 - lives w/ niece - needs ride", "91"),
    ],
)
def test_an_age_over_89_jotted_in_a_note_or_a_row_is_found(allow, text, age):
    assert any(age in found for found in findings(text, allow, "age_over_89"))


@pytest.mark.parametrize(
    "text",
    ["Route 66 - 95 - 101 are the highways to avoid.", "Room 12 | 95 | chairs", "pt is 45"],
)
def test_numbers_in_rows_that_are_no_one_s_age_are_no_finding(allow, text):
    assert findings(text, allow, "age_over_89") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("OCR text of a chart page: Pt. Romero , Jazmin | Adm. 06.10.2025 | Rm 412", "06.10.2025"),
        ("Specimen label: L. Pedersen, collected 3/23 0930", "3/23"),
        (
            "OCR text of a chart page: Pt. Eze , Okechukwu | Adm. 06.10.2025 | "
            "Disch. 2025/05/22 | Rm 4l2",
            "2025/05/22",
        ),
        ("Requisition label, typed up: Langat Dennis / June 25th / ACC# MG-935264", "June 25th"),
        ("sticky: ask Marcus if Rodolfo's mom (Esther Grijalva) can get in before 10/20", "10/20"),
    ],
)
def test_a_date_under_a_chart_or_requisition_label_or_between_slashes_is_found(allow, text, date):
    assert date in findings(text, allow, "date")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Requisition label, typed up: Langat Dennis / June 25th / ACC# MG-935264", "MG-935264"),
        ("OCR'd insurance card: MEMBER Kweli Kipkemei ID 9248344 GRP 00l23 PLAN PPO", "9248344"),
    ],
)
def test_an_accession_or_member_id_is_a_record_number(allow, text, number):
    assert findings(text, allow, "record_number") == [number]


def test_a_phone_after_ph_is_found(allow):
    text = "OCR of a handwritten note: to the nurses from Mx. Smirnoff , ph 555-0185 , re: bill"
    assert findings(text, allow, "phone") == ["555-0185"]


def test_a_time_range_is_no_date(allow):
    text = (
        "Subject: New patient visit - Teodoro Valdés | When: February 1st, 2022 10:30-11:10 "
        "| Where: Exam 4"
    )
    assert "10:30-11:10" not in findings(text, allow, "date")


def test_a_chart_s_abbreviations_are_no_names(allow):
    text = "OCR text of a chart page: Pt. Eze , Okechukwu | Adm. 06.10.2025 | Disch. 2025/05/22"
    assert "Disch" not in findings(text, allow, "name")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("sticky on the monitor: Ms. Njoku - 91 - lives w/ niece Paige - needs ride", "Paige"),
        (
            "Req comment: hard stick; daughter Margarita at 1-907-703-1648 will drive her",
            "Margarita",
        ),
        (
            "Thank-you card, translated: 'Bazavluchenko-san wishes to thank the nurses'",
            "Bazavluchenko",
        ),
        ("[2018.01.26 7:02 AM] Arjun: is it normal to feel dizzy on the new Tylenol?", "Arjun"),
        (
            "08:12 Gabriella joined / 08:13 Gabriella: can my mom get her flu shot here?",
            "Gabriella",
        ),
        ("VM 9:14 AM: yeah hi it's Valentina um I need a refill on the Paxlovid", "Valentina"),
        (
            "Salamat po kay Lola Isabel sa masarap na pancit na dinala niya noong 21st of October.",
            "Isabel",
        ),
    ],
)
def test_a_name_in_a_note_a_chat_or_a_voicemail_is_found(allow, text, name):
    assert name in findings(text, allow, "name")


@pytest.mark.parametrize(
    "text",
    [
        "The meeting starts at 10:30 Monday: bring snacks.",
        "Tell your daughter Sunday is the last day.",
    ],
)
def test_a_time_before_a_weekday_or_a_relative_before_a_day_is_no_name(allow, text):
    assert findings(text, allow, "name") == []


@pytest.mark.parametrize(
    "text",
    [
        "Susan G. Komen and the Michael J. Fox Foundation fund research, not patients' bills.",
        "Hurricane Helene and Tropical Storm Debby both closed pharmacies in 2024.",
        "Calendar export | Title: Flu clinic | When: January 2022 | Organizer: Dr. Ana Patel",
        "Lou Gehrig was a baseball player, not one of our patients.",
        "Tell the front desk if you need an interpreter for Vietnamese, Tagalog or Yoruba.",
        "Martin Luther King Jr. Day, Presidents' Day and Juneteenth are office holidays.",
        "The Lasker Awards are announced each fall.",
    ],
)
def test_charities_storms_labels_languages_and_holidays_are_no_names(allow, text):
    assert findings(text, allow, "name") == []


def test_a_patient_named_like_a_storm_is_still_named(allow):
    assert findings("Debby Ross came in after the storm.", allow, "name") == ["Debby Ross"]
