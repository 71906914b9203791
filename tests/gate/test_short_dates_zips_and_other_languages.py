"""What the third blind round (dev6) showed the gate missing, as specs: a month/day
where a date stands in a sentence about a person, a ZIP code after a street line or
in ZIP+4 form, an age said in another language, and the ordinary words of a sentence
written in another language (which are no names)."""

from __future__ import annotations

import pytest

from conftest import findings, name_findings


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mr. Abernathy, your lisinopril refill went to the pharmacy on 3/14.", "3/14"),
        ("Hi, this is the clinic: Oksana's allergy recheck is 11/2 at 9:15.", "11/2"),
        ("Please excuse Tobias Wren from gym class through 4/30.", "4/30"),
        ("Lembrete: Joana, sua consulta é dia 6/21. Responda SIM.", "6/21"),
        ("Do-hyun Baek님, 예약이 9/3로 확정되었습니다.", "9/3"),
    ],
)
def test_a_month_and_day_where_a_date_stands_in_a_sentence_about_a_person_is_a_date(
    allow, text, date
):
    assert date in findings(text, allow, "date")


@pytest.mark.parametrize(
    "text",
    [
        "Take 1/2 tablet at bedtime if the cough keeps you up.",
        "About 3/4 of adults over 65 had a flu shot last year.",
        "He is 5/6 of the way to his step goal.",
        "Join us on 5/10 at 10am for the health fair.",  # nobody's date
        "Maria cut her sugar intake by 1/3 this year.",
    ],
)
def test_a_fraction_or_a_date_tied_to_nobody_is_no_date(allow, text):
    assert findings(text, allow, "date") == []


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("New address on file for Nora Quill: 418 Heron Shores, 97405.", "97405"),
        (
            "Mail the release to Abel Stroud / 77 Birch Point Apt 4 / 97470-1234 today.",
            "97470-1234",
        ),
        ("Pickup for Mrs. Lindqvist at 12 Alder Loop, 97401-5521, Thursday.", "97401-5521"),
    ],
)
def test_a_zip_after_a_street_line_or_in_zip_plus_4_form_is_found(allow, text, zip_code):
    assert zip_code in findings(text, allow, "zip")


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 Vitamin D, 50000 IU a week was a common dose.",  # no street line
        "Lot 12345-6789 was part of the recall.",
        "NDC 12345-6789-01 is printed on the box.",
        "Visit us at 2150 Orchard Lane, Suite 200, Springfield, OR 97477.",  # the practice
    ],
)
def test_numbers_that_only_look_like_a_zip_are_none(allow, text):
    assert findings(text, allow, "zip") == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Frau Engel wird heute 92 Jahre alt!", "92"),
        ("Chúc mừng sinh nhật bà Lan! Bà đã 101 tuổi rồi.", "101"),
        ("Madame Roux fête ses 95 ans aujourd'hui !", "95"),
        ("Our oldest patient this year? A cheerful lady of 97 who still gardens.", "97"),
    ],
)
def test_an_age_over_89_said_in_another_language_or_as_of_n_is_found(allow, text, age):
    assert any(age in t for t in findings(text, allow, "age_over_89"))


def test_an_age_under_90_or_a_count_of_years_is_no_age(allow):
    assert findings("A man of 45 came in with a sprained wrist.", allow, "age_over_89") == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Dziękujemy, pani Hietala, za miłą opinię!", "Dziękujemy"),
        ("Maraming salamat po, Mr Wambua, sa inyong review!", "Maraming"),
        ("Frau Mocanu wird heute 91 Jahre alt – herzlichen Glückwunsch!", "Glückwunsch"),
        ("Lembrete: Tamara, sua consulta é dia 5/15. Responda SIM para confirmar.", "Responda"),
        ("¡Feliz cumpleaños, doña Inés! Todo el equipo le manda un abrazo.", "Feliz"),
    ],
)
def test_a_word_of_the_language_a_sentence_is_written_in_is_no_name(allow, text, word):
    assert word not in name_findings(text, allow)


def test_a_surname_in_an_english_sentence_is_still_a_name(allow):
    # "Kowalski" is a frequent word of Polish text (a surname), but this is English
    assert "Kowalski" in name_findings("Kowalski came in today with a sprained wrist.", allow)
