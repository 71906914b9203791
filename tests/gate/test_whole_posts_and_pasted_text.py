"""What the sixth blind round (dev9: whole posts of the four types, pasted Markdown, e-mail
and portal text, ten languages) showed the gate missing: a first name and a surname with
no word around them saying "person", a name in Latin letters inside Chinese text, ages in
Chinese and after a quote's signature, a chart number written with a dash, and a patient
who "heard" something."""

from __future__ import annotations

import pytest

from conftest import findings, name_findings


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "How to store insulin when the power goes out. Chloe Evans-Brown was without "
            "power for three days during the ice storm.",
            "Chloe Evans-Brown",
        ),
        ("The storm left Chloe Evans without power for three days.", "Chloe Evans"),
    ],
)
def test_a_first_name_with_a_surname_is_a_name_wherever_it_stands(allow, text, name):
    assert findings(text, allow, "name", model=False) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Christian Dior made perfume, not medicine.",
        "We read the Mayo Clinic handout together.",
    ],
)
def test_a_common_word_before_a_surname_is_no_such_name(allow, text):
    assert findings(text, allow, "name", model=False) == []


def test_a_patient_who_heard_something_is_named(allow):
    text = "Vedran heard this from his grandmother, who has never had a flu shot."
    assert name_findings(text, allow) == ["Vedran"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Emmanuel Moreau奶奶今年94岁，她问：还需要打流感疫苗吗？", "Emmanuel Moreau"),
        ("患者Spencer Jackson问：降压药可以和西柚一起吃吗？", "Spencer Jackson"),
    ],
)
def test_a_name_in_latin_letters_beside_chinese_words_for_grandma_or_patient(allow, text, name):
    assert name_findings(text, allow) == [name]


def test_a_drug_after_the_chinese_word_for_patient_is_no_name(allow):
    assert name_findings("患者Tylenol过量怎么办？", allow) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("张奶奶今年94岁了。", "94岁"),
        ("“I’m too old for the RSV vaccine.” — Sofiia, 105", "105"),
    ],
)
def test_an_age_in_chinese_or_after_a_signed_quote_is_found(allow, text, age):
    assert findings(text, allow, "age_over_89") == [age]


@pytest.mark.parametrize(
    "text", ["张奶奶今年89岁了。", "产品编号2094岁", "— Maria, 100% sure it helped"]
)
def test_no_age_in_chinese_under_ninety_in_a_longer_number_or_a_percentage(allow, text):
    assert findings(text, allow, "age_over_89") == []


def test_a_chart_number_with_a_dash_is_a_record_number(allow):
    text = "I. Shashkov (chart 3802-4920) wrote in asking about vinegar."
    assert findings(text, allow, "record_number") == ["3802-4920"]


def test_a_chart_of_years_is_no_record_number(allow):
    assert findings("See the chart 2020-2024 for the trend.", allow, "record_number") == []
