"""Classes of names (and of things that are no names) found on dev4, a part of the gate
evaluation set written by someone who had not read the rules. Each test uses sentences
of its own, not the set's: the classes should hold beyond the frames they came from."""

from __future__ import annotations

import pytest

from healthnotes.gate import evaluate
from healthnotes.gate.privacy import Allowlist, scan_text


@pytest.fixture(scope="module")
def allow() -> Allowlist:
    return evaluate.example_allowlist()


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
