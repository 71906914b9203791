"""A practice's posts name germs, vaccines, medicines and devices at the start of a
sentence, before a verb, with a capital: none of them is a person's name. Found by
reading ordinary patient-education sentences through the gate (2026-12-07): each of
these stopped a build as "person's name" before."""

from __future__ import annotations

import pytest

from conftest import name_findings
from healthnotes.gate.privacy.words import germ_names


@pytest.mark.parametrize(
    "text",
    [
        # germs, by their short names and by the conditions named after them
        "Strep throat is common in kids.",
        "Staph infections can spread in gyms.",
        "Norovirus spreads fast in schools.",
        "Rotavirus vaccine is given by mouth.",
        "Omicron spread quickly in 2022.",
        "Giardia comes from untreated water.",
        "Campylobacter comes from undercooked chicken.",
        # vaccines, old and new
        "Tdap is recommended during every pregnancy.",
        "Gardasil protects against HPV.",
        "Prevnar 20 is a pneumococcal vaccine.",
        "Boostrix is a Tdap booster for adults.",
        "Arexvy is an RSV vaccine for older adults.",
        "Beyfortus protects babies from RSV.",
        "Hep B vaccine is given at birth.",
        # medicines before a verb that a person's name could also stand before
        "Metformin comes from a plant.",
        "Lisinopril works by relaxing blood vessels.",
        # a combination medicine (the dictionary's "buprenorphine/naloxone")
        "Suboxone can help with opioid withdrawal.",
        # a sentence's first word that English knows, though rarely: its capital is its place
        "Colonoscopy can find polyps before they turn into cancer.",
        "Telehealth visits save you the drive.",
        "Chiropractic care may help some back pain.",
        "Physiotherapy starts a week after surgery.",
        "Retinol creams can irritate the skin.",
        # inside a sentence, with no cue: words English knows, though capitalised
        "Our new Colonoscopy Prep Guide is on the portal.",
        # brands and products a health post names, which the small language model takes
        # for people (red team of 30 realistic posts, 2026-12-07)
        "Alcohol hand sanitizers like Purell don't work well against norovirus.",
        "Small sips often work better than big gulps. Pedialyte, broth, and Gatorade help.",
        "Beyfortus (nirsevimab) and Enflonsia (clesrovimab) are not vaccines.",
        "Single-use vials, such as Refresh or Systane single doses, have no preservative.",
        "Will Tai Chi or Physical Therapy Help My Balance?",
        "The program Tai Ji Quan: Moving for Better Balance was made for older adults.",
        # devices and exercise
        "The FreeStyle Libre checks glucose without finger sticks.",
        "Omnipod is a tubeless insulin pump.",
        "Invisalign aligners are clear.",
        "Tai chi improves balance.",
    ],
)
def test_germs_vaccines_medicines_and_devices_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Our patient Maria Gonzalez got her Gardasil shot.", "Maria Gonzalez"),
        ("Tai Nguyen came in for a flu shot.", "Tai Nguyen"),
        ("Susan Cross came in for a flu shot.", "Susan Cross"),  # "cross infection"
        ("Ella called to ask about her refill.", "Ella"),  # a drug, and a first name
        # first in a sentence, but no word of English text: still a name
        ("Kaamil has been coming to us for decades.", "Kaamil"),
        ("Gonzalez came in for a flu shot with her son.", "Gonzalez"),  # a Census surname
        ("Banerjee was seen on Tuesday for a rash.", "Banerjee"),  # known to English text,
        ("Petrov was seen on Tuesday for a rash.", "Petrov"),  # but on the whole Census list
        ("Toki and Leonard met in our diabetes class.", "Toki"),  # a partner vouches for it
        ("We saw Ivanova on Tuesday for a rash.", "Ivanova"),  # a capital inside, and a cue
    ],
)
def test_people_named_beside_medical_words_are_still_found(allow, text, name):
    assert name in name_findings(text, allow)


def test_germs_come_from_the_conditions_named_after_them():
    germs = germ_names()
    assert {"norovirus", "giardia", "campylobacter", "rotavirus"} <= germs
    assert not {"cross", "delta", "candida"} & germs  # a surname, a word, a first name


def test_a_table_or_a_heading_is_no_part_of_the_sentence_after_it(allow):
    """A post's text is read a line a block: a table's header cell ("Inhaler") or a row's
    first cell ("Snack") and a heading ("Tai chi") do not run into the text after them
    as if they were a first name and a surname ("Snack Hummus")."""
    from healthnotes.content.html_text import plain_text

    html = (
        "<h2>Which inhaler is which?</h2><table><tr><th>Inhaler</th><th>What it does</th>"
        "</tr><tr><td>Snack</td><td>Hummus with carrots</td></tr></table>"
        "<h2>Tai chi</h2><p>Tai chi is slow, flowing movement.</p>"
    )
    text = plain_text(html)
    assert text.splitlines() == [
        "Which inhaler is which?",
        "Inhaler",
        "What it does",
        "Snack",
        "Hummus with carrots",
        "Tai chi",
        "Tai chi is slow, flowing movement.",
    ]
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    "text",
    [
        "Pick it up at Trader Joe's or Fred Meyer.",
        "Trader Joe\u2019s, WinCo, and the farmers market all carry good basics.",
        "Welch Allyn makes validated blood pressure cuffs.",
        "Walgreens and Rite Aid give flu shots.",
        "Kaiser Permanente members can use telehealth.",
        "Ask at the Ronald McDonald House.",
    ],
)
def test_businesses_and_programmes_named_after_people_are_no_patients(allow, text):
    assert name_findings(text, allow) == []


def test_a_person_whose_name_is_close_to_a_business_is_still_found(allow):
    assert name_findings("Our patient Fred Meyers came in.", allow) == ["Fred Meyers"]


@pytest.mark.parametrize(
    "text",
    [
        "Signs your baby may be teething:\n- Fussiness\n- Drooling\n- Chewing on toys",
        "* Fussiness and crying at night are common.",
        "Fussiness at night is common in the first weeks.",
        "\u2022 Descale the kettle every month.",
        "> Descale the kettle every month.",
    ],
)
def test_a_word_made_from_a_common_word_is_no_name_after_a_list_mark_or_a_quote(allow, text):
    """ "Fussiness" is "fussy" + "-ness"; "Descale" opens a how-to step after a bullet or a
    quote mark as it does at a sentence's start."""
    assert name_findings(text, allow) == []


def test_a_patient_after_a_list_mark_is_still_found(allow):
    assert name_findings(
        "\u2022 Fussiness: Maria Gonzalez said her son cried all night.", allow
    ) == ["Maria Gonzalez"]


def test_names_the_practice_declares_public_are_no_findings_in_any_post(tmp_path):
    """PUBLIC_NAMES (pelicanconf.py): local places the language model takes for people."""
    import runpy

    from conftest import CONTENT, ROOT
    from healthnotes.config import SiteConfig
    from healthnotes.gate.privacy import Allowlist

    text = (
        "Hendricks Park has shady paths for hot days. Swim safely at Dorris Ranch "
        "this summer, Maria Gonzalez said."
    )
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    settings["PATH"] = str(CONTENT)  # the test site (its logo is the example's)
    before = Allowlist.from_config(SiteConfig.from_settings(settings))
    settings["PUBLIC_NAMES"] = ["Dorris Ranch", "Hendricks Park"]
    after = Allowlist.from_config(SiteConfig.from_settings(settings))
    places = [name for name in name_findings(text, before) if name != "Maria Gonzalez"]
    assert places and all(name in "Hendricks Park, Dorris Ranch" for name in places)
    assert name_findings(text, after) == ["Maria Gonzalez"]


@pytest.mark.parametrize(
    "text",
    [
        "The Joslin Diabetes Center publishes great meal-planning guides.",
        "The Dana-Farber Cancer Institute has a guide for families.",
        "Shriners Children's Hospital treats burns.",
    ],
)
def test_an_institution_named_after_a_person_is_no_patient(allow, text):
    assert name_findings(text, allow) == []


def test_a_patient_beside_an_institution_is_still_found(allow):
    text = "Our patient Maria Gonzalez went to the Lopez Diabetes Center."
    assert name_findings(text, allow) == ["Maria Gonzalez"]
    # a headline's capitals before "Hospital" are no institution's field
    assert name_findings("Maria Visits Riverbend Hospital After Her Fall", allow) != []
