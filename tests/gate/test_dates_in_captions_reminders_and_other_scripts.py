"""Dates tied to a person that the fifth blind round (dev8) showed the gate missing: a
date closing a caption after a comma, after "taken", "stay", "arrived", "f/u" or in
parentheses, a day-month-year with dashes, and any such date in a sentence written in
Cyrillic, Chinese, Japanese or Korean (whose words for births and visits the cues do
not know), where a patient or "she", "Ms", "-sama", "-nim" is named; Tagalog words of
thanks are nobody."""

from __future__ import annotations

import pytest

from conftest import findings, name_findings


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Caption: Chinedu Madu holding the newest member of the family, 8/2.", "8/2"),
        ("(Photo taken 2/28, the morning of Caleb's last chemo.)", "2/28"),
        ("Hospital stay 8/4–9/11; discharge went smoothly and she's already back.", "8/4"),
        ("Baby Salvador arrived 1/15 (7 lb 2 oz), and mom Zlatoslava is doing great.", "1/15"),
        ("Sticky note on the monitor: pt Malik f/u 1/16 re BP", "1/16"),
        ("Вітаємо Jungsu з днем народження (2/6)!", "2/6"),
        ("感谢Ian Morris女士的来信！她7/23做完了膝盖手术，现在恢复得很好。", "7/23"),
        ("Abduazizov様、10/21のご予約の確認です。", "10/21"),
        ("Asmira Javohirov 님, July 2nd 예약을 잊지 마세요.", "July 2nd"),
        ("Карта пациента: Vladislav Kozak, дата рождения 2-Aug-2025.", "2-Aug-2025"),
    ],
)
def test_a_date_placed_as_a_person_s_own_is_found(allow, text, date):
    dates = findings(text, allow, "date")
    assert any(date in found for found in dates), dates


@pytest.mark.parametrize(
    "text",
    [
        "Our flu clinic runs 10/1 to 10/31, walk-ins welcome.",
        "Mix 1/2 cup of water with the powder.",
        "The fair is on, 3/4.",
        "Прививки от гриппа начинаются 10/1.",
        "流感疫苗从10/1开始供应。",
    ],
)
def test_a_date_no_one_is_named_beside_is_no_finding(allow, text):
    assert findings(text, allow, "date") == []


@pytest.mark.parametrize(
    "text", ["Maraming salamat, Zakariyo! Kita-kits sa 1/2.", "Maraming salamat po!"]
)
def test_tagalog_words_of_thanks_are_no_names(allow, text):
    assert not {"Maraming", "Kita"} & set(name_findings(text, allow))
