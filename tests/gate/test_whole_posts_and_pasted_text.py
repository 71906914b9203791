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


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "From: Hidaya Ouma-Hassani <ymays@example.org> | Sent: 7/16/2024 | To: Front Desk",
            "7/16/2024",
        ),
        (
            "From: Nekesa Kariuki <nekesa49@example.org> | Sent: 20th July | To: Front Desk",
            "20th July",
        ),
        ("Q: Is my metformin recalled? — Michael (texted 8/3) A: Some lots were.", "8/3"),
    ],
)
def test_the_date_a_patient_sent_or_texted_a_message_is_theirs(allow, text, date):
    assert findings(text, allow, "date") == [date]


def test_a_date_we_sent_something_to_nobody_in_particular_is_no_finding(allow):
    assert findings("We sent 500 kits on 7/16 to the schools.", allow, "date") == []


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("Ông Gonçalves ở mã bưu chính 23721 đã mua hai hộp.", "23721"),
        ("La señora Ruiz, código postal 97402, nos llamó.", "97402"),
    ],
)
def test_a_zip_code_named_in_another_language_is_found(allow, text, zip_code):
    assert findings(text, allow, "zip") == [zip_code]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("![Teun van de Wal blowing out ninety candles](/images/cake.jpg)", "ninety"),
        ("Grandma blew out all 92 birthday candles!", "92"),
    ],
)
def test_a_birthday_s_candles_over_89_are_an_age(allow, text, age):
    assert findings(text, allow, "age_over_89") == [age]


@pytest.mark.parametrize(
    "text", ["We bought 100 candles for the vigil.", "She blew out 9 candles."]
)
def test_candles_bought_or_few_are_no_age(allow, text):
    assert findings(text, allow, "age_over_89") == []


@pytest.mark.parametrize(
    "text",
    [
        "| Patient | Visit | | simone w. beauchamp | flu shot |",
        "Q: Why do you need my SSN? — lucy q. boahen-boatemaah A: We mostly don't.",
    ],
)
def test_a_lower_case_name_with_a_middle_initial_is_a_name(allow, text):
    assert len(findings(text, allow, "name", model=False)) == 1


@pytest.mark.parametrize("text", ["take vitamin d. then rest", "we will j. walk home"])
def test_lower_case_words_around_a_letter_are_no_name(allow, text):
    assert findings(text, allow, "name", model=False) == []


@pytest.mark.parametrize(
    "text",
    [
        "Seip Etzold KG is recalling its Pulsewise blood pressure cuff (lot SP3283).",
        "Class I recall: Nebora glucose test strips, lots 51327 and 49471, may read high.",
        "Schlosser GmbH recalled Tummiora because the label left out peanuts.",
        "Recall update: the Flexiix pacemaker advisory is a software fix.",
    ],
)
def test_a_recalled_brand_is_no_name(allow, text):
    # A recall post's front matter names its product for the whole post; a brand in a
    # post of another type (or a second brand) is read from where it stands.
    assert name_findings(text, allow) == []


def test_a_patient_who_recalled_something_is_still_named(allow):
    assert name_findings("Our patient Vedran recalled his first visit fondly.", allow) == ["Vedran"]


@pytest.mark.parametrize(
    "text",
    [
        "The Heimlich maneuver and Kegel exercises were both named after the doctors.",
        "Mr. Yuk stickers still work: put one on every cleaning product under the sink.",
    ],
)
def test_an_eponym_or_a_poison_mascot_is_no_name(allow, text):
    assert name_findings(text, allow) == []


def test_a_patient_who_shares_the_eponym_s_name_is_still_named(allow):
    assert name_findings("Mr. Kegel came in with his daughter.", allow) == ["Mr. Kegel"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hey its Veronica from the 2pm appt, can i take advil w my new bp med??", "Veronica"),
        ("This is Joel, calling about my refill.", "Joel"),
        ("Q: Is my metformin recalled? — johan (texted 4/15) A: Some lots were.", "johan"),
    ],
)
def test_a_patient_introducing_or_signing_a_message_is_named(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, this is Ana from the clinic. Your results are ready.",
        "It's Tylenol, not aspirin.",
        "This is May, the month for mental health.",
        "Great question — mark (the date) on your calendar.",
    ],
)
def test_staff_introducing_themselves_a_drug_or_a_month_is_no_patient(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        (
            "What the CPAP recall means for you. Mr Nanda's machine (serial 9559-8772) was "
            "on the list.",
            "9559-8772",
        ),
        ("Device recall: alice brunet (pump serial 18402) was hospitalized.", "18402"),
    ],
)
def test_one_patient_s_device_serial_is_a_record_number_even_in_a_recall(allow, text, serial):
    assert findings(text, allow, "record_number") == [serial]


def test_a_recall_s_range_of_serials_is_no_record_number(allow):
    text = "The recall covers pumps with serial numbers PX20114 through PX20180."
    assert findings(text, allow, "record_number") == []
