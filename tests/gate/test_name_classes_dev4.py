"""Classes of names (and of things that are no names) found on dev4, a part of the gate
evaluation set written by someone who had not read the rules. Each test uses sentences
of its own, not the set's: the classes should hold beyond the frames they came from."""

from __future__ import annotations

import pytest

from healthnotes.gate.privacy import Allowlist, scan_text


def names(text: str, allow: Allowlist) -> list[str]:
    """Names reported as findings (a public figure's is only a warning)."""
    return [f.text for f in scan_text(text, allow) if f.rule == "name" and not f.warning]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Alfonso mentioned that the new brace helps on the stairs.", "Alfonso"),
        ("Rosa reported a rash after the second dose.", "Rosa"),
        ("Jelena hasn't signed the photo release yet.", "Jelena"),
        ("Ignacio nos contó que ya duerme mejor.", "Ignacio"),
    ],
)
def test_a_first_name_before_a_verb_of_telling_or_a_negation_is_a_name(allow, text, name):
    assert name in names(text, allow)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Marisol Q. Ortega wrote in to ask about flying after a knee replacement.", "Ortega"),
        ("Tomasz Wielgosz told us the new inhaler works.", "Tomasz Wielgosz"),
    ],
)
def test_writing_in_to_the_practice_is_no_public_speech(allow, text, name):
    assert any(name in found for found in names(text, allow))


@pytest.mark.parametrize(
    "text",
    [
        "Ask Marcus: Why Do Knees Creak?",
        "A quick tip from Priya: keep a list of your medicines in your wallet.",
        "A reminder from Taylor: flu shots are walk-in on Fridays.",
    ],
)
def test_a_staff_first_name_as_the_byline_of_a_column_is_staff(allow, text):
    assert names(text, allow) == []


def test_a_staff_first_name_elsewhere_is_still_reported(allow):
    assert names("A card from Priya arrived after her knee surgery.", allow) == ["Priya"]


@pytest.mark.parametrize(
    "text",
    [
        "Pack water before you drive past Tübingen on a hot day.",
        "Our friends at Talleres Ibáñez & Asociados S.L.L. donated ice packs.",
        "Thanks to Compañía del Sol S.A. for the sunscreen samples.",
        "The Matthewfort library has free blood pressure cuffs to borrow.",
        "Join us at the Katystad farmers market on Saturday.",
    ],
)
def test_towns_and_companies_of_other_languages_are_no_names(allow, text):
    assert names(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rabbi Feldstein stopped by with soup for the front desk.", "Rabbi Feldstein"),
        ("Coach Best walked the whole 5K with a new knee.", "Coach Best"),
        ("Reverend Hale asked us about shingles shots for the choir.", "Reverend Hale"),
    ],
)
def test_a_title_of_address_before_a_surname_is_a_name(allow, text, name):
    assert name in names(text, allow)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Finished the last round of radiation! #OkonkwoStrong", "Okonkwo"),
        ("Walking for a cure this weekend #TeamIfeoma", "Ifeoma"),
        ("Hola Faith, ¡qué alegría verte!", "Faith"),
        ("Hi Hope, yes, the clinic is open on Saturday.", "Hope"),
        ("Saludos a la familia Porter de parte de todo el equipo.", "Porter"),
        ("We met the whole Ngata crew at the flu clinic.", "Ngata"),
        ("Happy holidays, and a big hello to the Bakers!", "Bakers"),
        ("The nurses sang when Liberty turned 101 last week.", "Liberty"),
        ("Reminder for Leonardo: bring your inhaler to the visit.", "Leonardo"),
        ("Ms. Ortiz never missed one of Obinna's chemo appointments.", "Obinna"),
    ],
)
def test_names_after_cues_only_a_person_fits(allow, text, name):
    assert name in names(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "#BostonStrong #MondayMotivation #Hope",
        "Hello Spring: allergy season starts early this year.",
        "We walked past the Alps on the way home!",
        "Happy birthday, America!",
    ],
)
def test_hashtags_greetings_and_groups_that_are_no_people(allow, text):
    assert names(text, allow) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our relay team (Ronnie, Holly, Johanna and Dr. Patel) raised $900.", "Holly"),
        ("Thanks to our volunteers: Vasil', Valtteri and Reed.", "Reed"),
        ("Our walkers (Minoas, Maria, Eylín and Dr. Lee) finished first.", "Maria"),
    ],
)
def test_every_person_in_a_list_of_people_is_a_name(allow, text, expected):
    assert expected in names(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "We stock Advil, Tylenol and Motrin at the front desk.",
        "Our patients drive in from Dallas, Austin and Houston.",
        "We flew to Paris, Rome and Florence last spring.",
    ],
)
def test_lists_of_drugs_and_places_are_no_people(allow, text):
    assert names(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("thanks so much dmitri, we'll tell the nurses!", "dmitri"),
        ("lol yes ingrid we saw your photo, glad you feel better", "ingrid"),
        ("walk club this morning: ingrid, valtteri and the dogs", "valtteri"),
    ],
)
def test_a_first_name_in_a_sentence_all_in_lower_case_is_found(allow, text, name):
    assert name in names(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "you may feel dizzy after the shot, so sit for fifteen minutes.",
        "sage, rosemary and thyme make low-salt food taste great.",
        "heather and ivy grow well in the shade of the clinic.",
        "jasmine rice and brown rice have about the same calories.",
        "noopener noreferrer nofollow",
        "we use a spirometer and a peak flow meter at the clinic",
    ],
)
def test_words_in_lower_case_text_are_not_read_as_names(allow, text):
    assert names(text, allow) == []


def test_a_name_in_a_list_that_begins_like_a_title_is_still_a_person(allow):
    """Only "Dr", "Mr", "Mrs", "Ms" or "Mx" before a surname is an item's title: "Drew"
    and "Msimang" are people of the list (they were taken for a title and skipped)."""
    from healthnotes.gate.privacy.rules import _named_together
    from healthnotes.gate.privacy.scan import Scan

    text = "Ronnie, Drew, Msimang and Dr. Patel walked the river trail."
    found = [text[start:end] for start, end in _named_together(Scan(text, "body", allow))]
    assert found == ["Ronnie", "Drew", "Msimang"]
