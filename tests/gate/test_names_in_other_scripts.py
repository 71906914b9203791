"""Names in text mixing Latin letters with Chinese, Japanese or Korean, which the fifth
blind round (dev8) showed: a name before the title that follows it in those languages
("Mangede様", "感谢Ian Morris女士"); and what the English language model proposes in a
script without capitals, or a capitalised word opening a Cyrillic sentence, is no name
on the model's word alone. A handle that is a first name and digits ("@hazel",
"@maría47") is reported as that name."""

from __future__ import annotations

import pytest

from conftest import name_findings
from healthnotes.gate.privacy import scan_text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mangede様、10/26のご予約の確認です。", "Mangede"),
        ("Abduazizov様、10/21のご予約の確認です。", "Abduazizov"),
        ("感谢Ian Morris女士的来信！", "Ian Morris"),
        ("感谢Joaquim da Luz女士的来信！她做完了膝盖手术。", "Joaquim da Luz"),
        ("Kowalski さん、お大事に。", "Kowalski"),
    ],
)
def test_a_name_before_an_east_asian_title_is_found(allow, text, name):
    assert name in name_findings(text, allow)


def test_a_company_before_such_a_title_is_no_name(allow):
    assert name_findings("Pfizer様のワクチンについて", allow) == []


@pytest.mark.parametrize(
    "text",
    [
        "독감 예방접종은 예약 없이 가능합니다.",
        "Щеплення від грипу вже доступне в нашій клініці.",
        "شكراً على تقييمكم الرائع!",
    ],
)
def test_the_model_s_guesses_in_another_script_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("@hazel asked under our last video whether kids can use a neti pot.", "hazel"),
        ("Replying to @maría47: yes, you can take metformin with food.", "maría"),
        ("Replying to @danielle16: yes, with food.", "danielle"),
    ],
)
def test_a_handle_that_is_a_first_name_is_reported_as_the_name(allow, text, name):
    findings = scan_text(text, allow)
    assert [(f.rule, f.text) for f in findings] == [("name", name)]


@pytest.mark.parametrize("handle", ["@front", "@hope_runs", "@tina.marsh.runs", "@gracie_grows"])
def test_any_other_handle_stays_a_handle(allow, handle):
    findings = scan_text(f"Thanks {handle} for the tip!", allow)
    assert [(f.rule, f.text) for f in findings] == [("url", handle)]


def test_a_first_name_handle_the_settings_allow_is_no_finding(allow):
    from dataclasses import replace

    ours = replace(allow, handles=allow.handles | {"hazel"})
    assert scan_text("Follow @hazel for our clinic news!", ours) == []
