"""Messages the fifth blind round (dev8) showed: an appointment reminder that greets a
patient ("Hi Anna! Reminder: Dr. Lee, the 18th of August, 2:15pm": the date is Anna's),
a reminder addressing someone after its label ("Appt reminder: Joel, you're booked ..."),
and thanks in the languages patients write in ("Спасибо, Gregory, за ...")."""

from __future__ import annotations

import pytest

from conftest import findings, name_findings


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hi Anna! Reminder: Dr. Marcus Lee, the 18th of August, 2:15pm. Reply Y.", "August"),
        ("Hi Sunja! Reminder: Dr. Marcus Lee, 9th of May, 2:15pm. Reply Y to confirm.", "May"),
    ],
)
def test_a_short_message_greeting_a_patient_dates_that_patient(allow, text, date):
    assert any(date in d for d in findings(text, allow, "date"))


@pytest.mark.parametrize(
    "text",
    [
        "Thanks Maria for the cookies! Our flu clinic is on 10/1 at 9am.",
        "Hi everyone! Our flu clinic is on 10/1 at 9am.",
    ],
)
def test_a_clinic_date_beside_thanks_or_a_greeting_to_all_is_no_finding(allow, text):
    assert findings(text, allow, "date") == []


def test_a_reminder_addressing_a_patient_gives_the_name_and_the_date(allow):
    text = "Appt reminder: Joel, you're booked with Dr. Marcus Lee on the 31st of July at 10:40 AM."
    assert findings(text, allow, "name") == ["Joel"]
    assert findings(text, allow, "date")


def test_a_label_then_a_thing_is_no_vocative(allow):
    assert name_findings("Note: Sunscreen, you're going to need it.", allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Спасибо, Gregory, за тёплый отзыв!", "Gregory"),
        ("Gracias, Marisol, por su reseña.", "Marisol"),
        ("Mahadsanid Iva! Ballantaada xigta waa 4/3.", "Iva"),
    ],
)
def test_a_person_thanked_in_another_language_is_found(allow, text, name):
    assert name_findings(text, allow) == [name]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Спасибо, Gregory, за тёплый отзыв! Выписка была 10/29.", "10/29"),
        ("Mahadsanid Brendan! Ballantaada xigta waa 4/8.", "4/8"),
        ("Maraming salamat, Zakariyo! Kita-kits sa 1/2.", "1/2"),
        ("እናመሰግናለን Mark! ቀጠሮዎ 9/13 ነው።", "9/13"),
        ("Gracias, Marisol, por su reseña. Su próxima cita es el 4/12.", "4/12"),
    ],
)
def test_a_short_message_thanking_a_patient_in_another_language_dates_that_patient(
    allow, text, date
):
    # Its words for a discharge or the next appointment are ones the cues do not read.
    assert findings(text, allow, "date") == [date]


def test_thanks_to_all_in_another_language_leaves_a_clinic_date_alone(allow):
    text = "Gracias a todos por venir! La clínica de vacunas es el 10/1."
    assert findings(text, allow, "date") == []
