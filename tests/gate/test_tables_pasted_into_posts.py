"""A table pasted into a post: its header says what each column's cells are.

Staff paste rows from a spreadsheet, a scheduler or a sign-up export ("last_name,
first_name,dob,phone" and a row a patient): a bare surname or birth date has none of
the cues the rules read, but its column's header names it. The gate reads each cell
under its column's label, and in a table of people reports a cell that looks like
what its column names (healthnotes/gate/privacy/tables.py).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import findings
from healthnotes.gate.privacy import scan_text
from healthnotes.gate.privacy.tables import table_cells

ROWS = (
    "last_name,first_name,dob,phone\n"
    "Okafor,Chinedu,03/14/1958,503-555-0168\n"
    "Brennan,Siobhan,11/2/1961,503-555-0177"
)


def kinds(text: str, allow) -> set[tuple[str, str]]:
    return {(f.rule, f.text) for f in scan_text(text, allow)}


def named(found: set[tuple[str, str]], *names: str) -> bool:
    """Whether each of ``names`` is in a name found (a row's cells may be one name)."""
    return all(any(rule == "name" and name in shown for rule, shown in found) for name in names)


def test_every_patient_in_a_pasted_spreadsheet_export_is_found(allow):
    found = kinds(f"The flu clinic list from the front desk:\n{ROWS}\n\nThanks all!", allow)
    assert named(found, "Okafor", "Chinedu", "Brennan", "Siobhan")
    assert {("date", "03/14/1958"), ("date", "11/2/1961")} <= found
    assert {("phone", "503-555-0168"), ("phone", "503-555-0177")} <= found


def test_rows_copied_from_a_spreadsheet_are_split_at_tabs(allow):
    text = "Surname\tGiven name\tCell\nIbikunle\tAderopo\t(541) 555-0190\n"
    found = kinds(text, allow)
    assert named(found, "Ibikunle", "Aderopo")
    assert ("phone", "(541) 555-0190") in found


def test_a_markdown_table_of_patients_names_them_their_great_age_and_zip(allow):
    text = (
        "| Patient | Age | ZIP |\n|---|---|---|\n"
        "| Tomasz Wierzbicki | 93 | 97402 |\n| Lena Holt | 45 | 97401 |\n"
    )
    found = kinds(text, allow)
    assert named(found, "Tomasz Wierzbicki", "Lena Holt")
    assert {("age_over_89", "93"), ("zip", "97402"), ("zip", "97401")} <= found
    assert ("age_over_89", "45") not in found


def test_rows_flattened_into_one_line_and_a_header_after_a_lead_in_are_read(allow):
    text = "Scheduler export: patient id;surname;postal code / 0047172;Marchetti;97405"
    found = kinds(text, allow)
    assert named(found, "Marchetti")
    assert {("record_number", "0047172"), ("zip", "97405")} <= found


def test_quoted_cells_keep_their_commas(allow):
    text = 'name,dob\n"Okafor, Chinedu","March 14, 1958"\n'
    found = kinds(text, allow)
    assert named(found, "Okafor", "Chinedu")
    assert any(rule == "date" and "1958" in shown for rule, shown in found)


def test_a_team_table_before_a_patient_table_leaves_each_read_as_its_own(allow):
    """The team's name column is left as written; the patients' cells are found where
    they stand (each finding's text is the text at its place)."""
    text = (
        "| Name | Role |\n|---|---|\n| Jordan | nurse |\n\n"
        "last name,first name,dob\nHaddad,Walter,4/2/1949\n"
    )
    found = scan_text(text, allow)
    assert all(text[f.start : f.end] == f.text for f in found)
    assert {(f.rule, f.text) for f in found} >= {
        ("name", "Haddad"),
        ("name", "Walter"),
        ("date", "4/2/1949"),
    }
    assert not any("Jordan" in f.text for f in found)


def test_a_number_its_column_calls_a_record_is_reported_as_one(allow):
    """A record number shaped like a phone number: the column says which it is."""
    text = "mrn,surname\n541-880-2231,Haddad\n"
    assert findings(text, allow, "record_number") == ["541-880-2231"]
    assert findings(text, allow, "phone") == []


@pytest.mark.parametrize(
    "text",
    [
        "drug,dose,how often\namoxicillin,500 mg,three times a day\nibuprofen,200 mg,as needed",
        "| Name | What it does |\n|---|---|\n| Ibuprofen | eases pain |\n| Zyrtec | allergies |",
        "date,topic,where\n12/5,Flu shots,Main office\n12/12,Blood pressure checks,Library",
        "name,role\nDr. Ana Patel,physician",
        "| Name | Role |\n|---|---|\n| Dr. Ana Patel | physician |\n| Jordan | nurse |",
        "| Patient | Visit length |\n|---|---|\n| New patient | 60 minutes |\n| Returning | 30 |",
        "last name,first name,dob\nN/A,unknown,-\n",
        "The export has these columns: mrn,last_name,first_name,dob,zip (no rows pasted).",
    ],
    ids=[
        "medicines",
        "a drug table",
        "events",
        "staff",
        "a team table",
        "kinds of patient",
        "empty cells",
        "a header alone",
    ],
)
def test_tables_that_name_no_patient_are_no_finding(allow, text):
    assert scan_text(text, allow) == []


def test_a_line_of_commas_in_prose_is_no_table():
    text = "Bring your name, date of birth, and phone number.\nWe will call you back."
    assert table_cells(text) == []


def test_names_in_a_row_pasted_without_its_header_are_found_beside_its_identifiers(allow):
    """No header says which cell is a name, but a row of an export that holds two
    identifiers or more is a person's: its cells of name-like words are names."""
    text = "From the old chart system: Haddad;Walter;4/2/1949;319-42-7781;Rm 12"
    found = kinds(text, allow)
    assert named(found, "Haddad", "Walter")  # a first name alone in its cell
    assert {("date", "4/2/1949"), ("ssn", "319-42-7781")} <= found
    assert named(kinds("Sign-in export row: Lindqvist,Anna,,4/2/1949,,541-880-1234", allow), "Anna")


def test_five_digits_alone_in_a_persons_row_are_a_zip_code(allow):
    text = "Recall list export: Lindqvist|Anna|4/2/49|97405|541-880-1234|due"
    assert findings(text, allow, "zip") == ["97405"]
    assert findings("Order list: gloves|masks|12500|boxes", allow, "zip") == []


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("Flu shots;Main office;12/5/2026 for Rosa Diaz;541-880-1234", "Main office"),
        ("Mail it to Rosa Diaz, PO Box 88, Marcola, OR 97454.", "Marcola"),
        ("Obrigado, Rosemary! Você ligou no dia 3/4/2025, 541-880-1234.", "Obrigado"),
        ("Ozempic,0.5 mg,3/4/2025,541-880-1234,Rosa Diaz", "Ozempic"),
    ],
    ids=["plain words", "a town before its state", "another language", "a medicine"],
)
def test_cells_of_such_a_row_that_are_no_name_stay_unreported(allow, text, not_a_name):
    assert not any(not_a_name in shown for shown in findings(text, allow, "name"))


_SURNAMES = ["Okafor", "Brennan", "Haddad", "Marchetti", "Wierzbicki", "Nakamura", "Osei"]
_GIVEN = ["Chinedu", "Siobhan", "Rania", "Paolo", "Tomasz", "Hideki", "Amara"]


@settings(max_examples=40, deadline=None)
@given(
    delimiter=st.sampled_from([",", "\t", ";", "|"]),
    rows=st.lists(st.tuples(st.sampled_from(_SURNAMES), st.sampled_from(_GIVEN)), min_size=1),
    flattened=st.booleans(),
)
def test_every_name_under_a_name_column_is_found_however_the_rows_are_pasted(
    allow, delimiter, rows, flattened
):
    rows = rows[:6]
    end = " / " if flattened else "\n"
    lines = [delimiter.join(["last name", "first name", "visit"])]
    lines += [delimiter.join([surname, first, "annual physical"]) for surname, first in rows]
    found = {("name", shown) for shown in findings(end.join(lines), allow, "name")}
    assert named(found, *(name for row in rows for name in row))


def test_a_pasted_table_of_thousands_of_rows_costs_time_in_proportion_to_its_rows(allow):
    """Each cell is one identifier to weigh, so a table costs more a character than
    prose; but twice the rows cost about twice the time, not four times (a step that
    compared each name with every name the model proposed once did)."""
    import time

    def seconds(rows: int) -> float:
        text = "patient,dob\n" + "".join(
            f"{_GIVEN[n % 7]} {_SURNAMES[n // 7 % 7]},3/{n % 28 + 1}\n" for n in range(rows)
        )
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            scan_text(text, allow)
            best = min(best, time.perf_counter() - started)
        return best

    seconds(50)  # the model and the rules loaded
    assert seconds(1600) <= 3.0 * seconds(800)
