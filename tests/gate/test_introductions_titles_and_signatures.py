"""Names the third blind round (dev6) showed by how people write them: introduced in a
voicemail or a chat ("my name is ..."), after another language's Mr or Mrs, in a form
line surname first; a staff member's first name signing a note stays staff; race
towns, vaccine makers and a practice's rooms and councils are no one; numbers after
"chart" or "receipt #" are records."""

from __future__ import annotations

import pytest

from conftest import name_findings
from healthnotes.gate.privacy import scan_text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Voicemail: hi this is kasimir um calling about my son's forms", "kasimir"),
        ("Chat: my name is dovydas and I need my shot records", "dovydas"),
        ("thank u manabu!! see u at the next check up", "manabu"),
        ("RIP adam stus 🕊️", "adam stus"),
    ],
)
def test_a_lower_case_name_someone_introduces_or_mourns_is_found(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "this is ridiculous, thanks everyone!",
        "thanks so much! this is amazing. it's great.",
        "Thank you doctor, it's fine.",
    ],
)
def test_ordinary_words_after_those_cues_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dziękujemy, pani Hietala, za miłą opinię!", "pani Hietala"),
        ("¡Feliz cumpleaños, doña Lars! Todo el equipo le manda un abrazo.", "doña Lars"),
        ("Madame Dupont nous a écrit une belle carte.", "Madame Dupont"),
        ("Chúc mừng sinh nhật bà Lan!", "bà Lan"),
    ],
)
def test_a_name_after_another_language_s_mr_or_mrs_is_found(allow, text, name):
    assert name in name_findings(text, allow)


def test_a_form_line_with_the_surname_first_gives_both_names(allow):
    names = name_findings("Sports physical — Athlete: Silva, Helena | DOB 3/3/2012", allow)
    assert "Silva" in " ".join(names) and "Helena" in " ".join(names)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Diann, your results are back and look normal. Have a great weekend! – Marcus",
        "Can someone call the pharmacy back re: the refill? Thx, Jordan",
        "Sam — the patient in room 3 is asking for you.",
        "Ask Sam at the front desk about our sliding-scale fees.",
    ],
)
def test_a_staff_first_name_signing_or_addressed_by_a_note_is_staff(allow, text):
    assert not {"Marcus", "Jordan", "Sam"} & set(name_findings(text, allow))


def test_a_staff_first_name_said_of_a_patient_is_still_found(allow):
    assert "Marcus" in name_findings("Marcus said his chest hurt, so he went to the ER.", allow)


@pytest.mark.parametrize(
    "text",
    [
        "Taylor Brooks ran the Querfurt half marathon this weekend!",
        "We ran out of the Pfizer and Moderna boosters by noon.",
        "Support group: second Wednesdays, 6:30 pm, Room B.",
        "Meet the new Patient Advisory Council at our open house.",
    ],
)
def test_a_race_town_a_vaccine_maker_a_room_or_a_council_is_no_one(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("note to self: chart XI658515 is the other Mrs. Frolova", "XI658515"),
        ("ATTN billing: paid $120 cash on 2/7, receipt #32091.", "32091"),
    ],
)
def test_a_number_after_chart_or_receipt_is_a_record(allow, text, number):
    assert number in [f.text for f in scan_text(text, allow) if f.rule == "record_number"]


def test_a_chart_with_a_year_or_a_small_number_is_no_record(allow):
    for text in ("See the growth chart 2024 edition.", "The chart 12 shows it."):
        assert [f for f in scan_text(text, allow) if f.rule == "record_number"] == []
