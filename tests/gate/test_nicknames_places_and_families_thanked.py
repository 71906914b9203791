"""Names the fifth blind round (dev8) showed in a practice's community posts: a person
called by a nickname in quotes ('Galina "Pearl" Shinkarenko': all three names), the
places of a raffle ("1st Gawati Salahudin, 2nd Mr. Brick, 3rd Heiðmar"), a record line
after "Ref:" with the surname first, and a family thanked by its plural ("Thanks to the
Cunhas for the cookies"); a first name that is a word where only a person fits ("Happy
birthday to Honor, born ...", "Reed brought her mother in ...")."""

from __future__ import annotations

import pytest

from conftest import name_findings


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            'Galina "Pearl" Shinkarenko turned 80 this spring and still plays pickleball.',
            ["Galina", "Pearl", "Shinkarenko"],
        ),
        ('Antigone "Daisy" Gkagka turned 80 this spring.', ["Antigone", "Daisy", "Gkagka"]),
    ],
)
def test_a_person_called_by_a_nickname_is_found_by_all_three_names(allow, text, names):
    assert name_findings(text, allow) == names


def test_a_nickname_in_a_phrase_is_no_name(allow):
    assert name_findings('The "Big" Apple is fun.', allow) == []


def test_the_places_of_a_raffle_are_names(allow):
    text = "Raffle drawn by Jordan Rivera, NP: 1st Gawati Salahudin, 2nd Mr. Brick, 3rd Heiðmar."
    assert {"Gawati Salahudin", "Mr. Brick", "Heiðmar"} <= set(name_findings(text, allow))


@pytest.mark.parametrize(
    "text",
    [
        "The 2nd Street clinic opens on the 3rd Monday.",
        "Our 1st Aid class is full; 2nd Floor is closed.",
        "She placed 3rd in her age group.",
    ],
)
def test_ordinals_before_places_and_things_are_no_names(allow, text):
    assert name_findings(text, allow) == []


def test_a_referenced_record_with_the_surname_first_is_found(allow):
    names = " ".join(name_findings("Ref: Dinu, Octav | DOB Tue 10 Nov | MRN 5601-2413", allow))
    assert "Dinu" in names and "Octav" in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks to the Cunhas for the cookies.", "Cunhas"),
        ("Thanks to the Diazes for the cookies.", "Diazes"),
    ],
)
def test_a_family_thanked_by_its_plural_is_found(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text", ["Thanks to the Marines for the toys.", "Thanks to the Baptists for the coats."]
)
def test_a_group_thanked_is_no_family(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Happy birthday to Honor, born 19/03/2019, who brings donuts to every visit.", "Honor"),
        ("Reed brought her mother in for a second opinion, and we're so glad.", "Reed"),
    ],
)
def test_a_first_name_that_is_a_word_is_found_where_only_a_person_fits(allow, text, name):
    assert name_findings(text, allow) == [name]


def test_a_country_greeted_is_no_name(allow):
    assert name_findings("Happy birthday to America!", allow) == []
