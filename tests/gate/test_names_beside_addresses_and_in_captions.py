"""Names the dev6 tune half still missed where the writing itself says "person": a name
beside the e-mail address that spells it (the model had called the name a place), and
a name after a picture's caption label ("Photo:", "[Image description: ...")."""

from __future__ import annotations

import pytest

from conftest import name_findings


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Everyone was so kind to my mom. Sent from my iPhone — Bhekokwakhe Lakaza — "
            "bhekokwakhe.lakaza@hotmail.com",
            "Bhekokwakhe Lakaza",
        ),
        ("sven lund <svenlund@yahoo.com> wrote: thanks!", "sven lund"),
        ("Write to anna.kowalski@gmail.com (Anna Kowalski) for the carpool.", "Anna Kowalski"),
        ("Questions? Ask Ana Ruiz, aruiz@gmail.com, or the front desk.", "Ana Ruiz"),
    ],
)
def test_a_name_the_address_beside_it_spells_is_found(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Front Desk -- frontdesk@example.org",
        "Billing Office: billing.office@example.org",
        "Contact info: info@example.org",
        "Send it to mike.jones@gmail.com today",
    ],
)
def test_words_of_an_office_beside_its_address_are_no_name(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "[Image description: Édith Dion cutting the ribbon on the new walking path.]",
            "Édith Dion",
        ),
        ("Photo: Édith Dion cutting the ribbon on the new walking path.", "Édith Dion"),
        ("(Pictured: Maria Gonzalez with her new walker.)", "Maria Gonzalez"),
    ],
)
def test_a_name_a_caption_labels_is_found(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Photo: Lake Merritt at sunset.",
        "Pictured: Our new exam room.",
        "Image: Flu Shot Clinic 2025",
        "Caption: Sunscreen Saves Skin",
    ],
)
def test_a_caption_of_a_place_or_a_thing_names_no_one(allow, text):
    assert name_findings(text, allow) == []
