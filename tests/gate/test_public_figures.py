"""A public figure quoted is a warning suggesting Public_Figures, never a patient's name
let through (issue 17: "Serena Williams said ..." stopped the build)."""

from __future__ import annotations

import pytest

from conftest import run_build, settings_file
from healthnotes.gate.privacy import Allowlist, scan_text


def names(text: str, allow: Allowlist) -> list[tuple[str, bool]]:
    """(name, is a warning) for each name found."""
    return [(f.text, f.warning) for f in scan_text(text, allow) if f.rule == "name"]


@pytest.mark.parametrize(
    "text",
    [
        "Serena Williams said she ignored early symptoms for weeks.",
        "In an interview, Tom Hanks talked about living with diabetes.",
        "Selena Gomez explained in an interview how lupus changed her plans.",
        "Bruce Willis has described how aphasia changed the way he speaks.",
    ],
)
def test_a_public_figure_quoted_is_a_warning(text, allow):
    found = names(text, allow)
    assert found and all(warning for _, warning in found), found


def test_the_whole_name_counts_michael_j_fox(allow):
    found = names("As Michael J. Fox has described, tremor is only one sign.", allow)
    assert found and all(warning for _, warning in found), found


@pytest.mark.parametrize(
    "text",
    [
        "My patient Maria Gonzalez said her chest hurt.",  # my, patient
        "Maria Gonzalez said her chest hurt at her last visit.",  # a visit
        "Mrs. Maria Gonzalez said the pills made her dizzy.",  # an honorific
        "Maria Gonzalez, age 54, told us the rash spread.",  # age, us
        "Our nurse says Kofi Mensah posted his glucose log.",  # our
        "Marcus said his chest hurt.",  # one name only
        "Maria Gonzalez felt dizzy after the second dose.",  # nobody quoted
    ],
)
def test_a_patient_quoted_is_still_a_finding(text, allow):
    found = names(text, allow)
    assert found and not any(warning for _, warning in found), found


def test_a_post_quoting_a_public_figure_builds_with_a_warning(tmp_path, content_copy):
    post = content_copy / "posts" / "serena.md"
    post.write_text(
        "Title: Blood clots can happen to anyone\nDate: 2026-09-01 09:00\nType: qa\n"
        "Question: Can a fit person get a blood clot?\n\n"
        "Yes. Serena Williams said she had to push her care team to check for clots.\n",
        encoding="utf-8",
    )
    build = run_build(
        tmp_path / "out", content=content_copy, settings=settings_file(tmp_path, content_copy)
    )
    assert build.ok, build.stderr
    assert "reads as a public figure quoted" in build.stderr
    assert "Public_Figures: S***** W*******" in build.stderr
    assert (tmp_path / "out" / "posts" / "serena" / "index.html").exists()


@pytest.mark.parametrize(
    "text",
    [
        "Brilinta and Plavix thin the blood.",
        "Lipitor, Crestor and Zocor lower cholesterol.",
        "Ask before mixing Jardiance with Farxiga.",
        "Entresto helps a weak heart.",
        "Trulicity is a weekly shot.",
        "Keytruda is an immunotherapy.",
    ],
)
def test_a_medicine_is_not_a_person(text, allow):
    assert names(text, allow) == []


@pytest.mark.parametrize(
    "text",
    [
        "Install firmware 4.10.2.155 on the meter.",
        "Update to 4.10.2.155 tonight.",
        "The app version is 2.14.3.9 now.",
    ],
)
def test_a_version_number_is_not_an_ip_address(text, allow):
    assert [f for f in scan_text(text, allow) if f.rule == "ip"] == []


def test_an_ip_address_without_a_version_word_is_still_found(allow):
    found = scan_text("His IP was 4.10.2.155 when he logged in.", allow)
    assert [(f.rule, f.text) for f in found] == [("ip", "4.10.2.155")]


def test_two_first_names_joined_are_still_found(allow):
    assert ("Ruth", False) in names("Ruth and Harold Becker came in.", allow)


def test_a_sign_off_fingerprint_is_not_read_as_a_phone_number():
    """The Signed_Off line's sha256 can hold ten digits in a row: it is checked by the
    sign-off rules, never scanned as text (bench posts stopped on it)."""
    from types import SimpleNamespace

    from healthnotes.gate import check

    line = "Dr. Ana Patel, MD | 2026-09-01 | sha256:ab9876543210cd"
    item = SimpleNamespace(
        body_text="Wash your hands.", html="", metadata={"signed_off": line}, platform_texts={}
    )
    assert [label for label, _ in check._texts(item)] == ["body"]
