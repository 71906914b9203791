"""Tables pasted into a text: a header row says what each column's cells are.

Staff paste rows from spreadsheets, schedulers and sign-up exports into a post or a
note ("last_name,first_name,dob,phone" and a row a patient; a Markdown table with a
"Patient" column). A bare cell ("Okafor", "03/14/1958", "97401") carries none of the
cues the rules read around an identifier, but its column's header says what it is.

:func:`table_cells` finds such tables: a line of two or more short cells separated by
a comma, a tab, a pipe or a semicolon, at least one of them a label of
:data:`~healthnotes.gate.privacy.rules.TABLE_COLUMNS`, followed by one or more rows
with as many cells (rows are lines, or parts of a line between `` / ``, as rows
flattened into one line read; a Markdown table's ``|---|`` line is skipped). The scan
reads each cell under a labelled column after its label, as a form shows it
("dob: 03/14/1958"), and, in a table about people (:func:`about_people`), reports a
cell its column names as an identifier even when the rules see none in it ("first
name: Chinedu"). Linear in the text: each line is tried as a header once a delimiter
and read as a row at most once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from healthnotes.gate.privacy.rules import PERSONAL_COLUMNS, TABLE_COLUMNS

#: What separates the cells of a row.
DELIMITERS = (",", "\t", "|", ";")
#: A row ends at a new line, or at " / " (rows flattened into one line).
_ROW_END = re.compile(r"\n| / ")
#: A header cell: a few words of letters (``last_name``, ``Date of birth``, ``Pt #``).
_HEADER_CELL = re.compile(r"[^\W\d_][\w .#'()/-]{0,40}")
#: A Markdown table's line under its header (``|---|:--:|``).
_RULE_CELL = re.compile(r":?-{2,}:?")
#: What a header may follow on its line ("the export: mrn,name,dob").
_LEAD = re.compile(r".*:[ \t]+")
#: Cells that hold nothing.
EMPTY = frozenset({"", "-", "--", "n/a", "na", "none", "null", "unknown", "tbd", "?"})


#: What a cell under a column of each kind looks like, for it to be reported as that
#: kind when the rules find nothing in it (``search``; a name: the scan's own test).
LOOKS_LIKE: Mapping[str, re.Pattern[str]] = {
    "date": re.compile(r"^(?=.*\d).{1,30}$"),
    "record_number": re.compile(r"^(?=(?:\D*\d){3}).{1,30}$"),
    "phone": re.compile(r"^(?=(?:\D*\d){7}).{1,30}$"),
    "fax": re.compile(r"^(?=(?:\D*\d){7}).{1,30}$"),
    "email": re.compile(r"@"),
    "street_address": re.compile(r"^\d+\w*\s+[^\W\d_].{0,80}$"),
    "zip": re.compile(r"^\d{5}(?:-\d{4})?$"),
    "ssn": re.compile(r"^\d{3}-?\d{2}-?\d{4}$"),
    "ip": re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$"),
    "age_over_89": re.compile(r"^(?:9\d|1[0-2]\d)$"),
}


def looks_like(kind: str, cell: str) -> bool:
    """Whether ``cell`` looks like an identifier of ``kind`` (:data:`LOOKS_LIKE`)."""
    shape = LOOKS_LIKE.get(kind)
    return shape is not None and shape.search(cell.strip()) is not None


@dataclass(frozen=True)
class Cell:
    """A cell under a labelled column: where it stands in the text, its text, its
    column's label (as :func:`label_of` reads it) and what the column says it holds
    (a rule's id; None for a label that only cues the rules)."""

    start: int
    end: int
    text: str
    label: str
    kind: str | None
    #: Whether its table is about people (:func:`about_people`).
    personal: bool


def label_of(cell: str) -> str:
    """A header cell as a label: lower case, ``_`` and ``-`` as spaces, one space."""
    return " ".join(cell.strip().strip("\"'*`").lower().replace("_", " ").replace("-", " ").split())


def about_people(labels: Mapping[int, str]) -> bool:
    """Whether a header's labels say its rows are people: a column only a person has
    (a first name, a birth date, a record number) or two kinds of identifier."""
    kinds = {TABLE_COLUMNS.get(label) for label in labels.values()} - {None}
    return any(label in PERSONAL_COLUMNS for label in labels.values()) or len(kinds) >= 2


def table_cells(text: str) -> list[Cell]:
    """Every cell of ``text`` that stands under a labelled column of a table (see the
    module's docstring), in text order."""
    if "\n" not in text and " / " not in text:
        return []
    if not any(delimiter in text for delimiter in DELIMITERS):
        return []
    lines = list(_lines(text))
    found: list[Cell] = []
    index = 0
    while index < len(lines):
        index = _table_at(text, lines, index, found)
    return found


#: A row with no header: this many cells at least.
ROW_CELLS = 3


def headerless_rows(text: str) -> list[list[tuple[int, int]]]:
    """The cells of each line of ``text`` that reads as a row of an export (at least
    :data:`ROW_CELLS` cells split by one delimiter; the one that splits it most), as
    spans; what the line opens with before a colon ("Copied row: ...") is no cell."""
    if not any(delimiter in text for delimiter in DELIMITERS):
        return []
    rows = []
    for start, end in _lines(text):
        line = text[start:end]
        best: list[tuple[int, int]] = []
        lead = _LEAD.match(line)
        first = start + (lead.end() if lead else 0)
        for delimiter in DELIMITERS:
            if line.count(delimiter) < ROW_CELLS - 1:
                continue
            cells = _cells(text, first, end, delimiter)
            if len(cells) > len(best):
                best = cells
        if len(best) >= ROW_CELLS:
            rows.append(best)
    return rows


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for end in _ROW_END.finditer(text):
        yield start, end.start()
        start = end.end()
    yield start, len(text)


def _table_at(text: str, lines: list[tuple[int, int]], index: int, found: list[Cell]) -> int:
    """The table whose header is line ``index``, if any: its cells into ``found``; the
    index of the next line to try."""
    start, end = lines[index]
    line = text[start:end]
    lead = _LEAD.match(line) if any(d in line for d in DELIMITERS) else None
    offset = start + (lead.end() if lead else 0)
    for delimiter in DELIMITERS:
        if delimiter not in line:
            continue
        header = _cells(text, offset, end, delimiter)
        labels = _labels(text, header)
        if labels is None:
            continue
        personal = about_people(labels)
        row = index + 1
        while row < len(lines):
            cells = _cells(text, *lines[row], delimiter)
            if all(_RULE_CELL.fullmatch(text[a:b]) for a, b in cells) and row == index + 1:
                row += 1
                continue
            if len(cells) != len(header):
                break
            for column, label in labels.items():
                a, b = cells[column]
                if text[a:b].lower() not in EMPTY:
                    kind = TABLE_COLUMNS.get(label)
                    found.append(Cell(a, b, text[a:b], label, kind, personal))
            row += 1
        if row > index + 1:
            return row
    return index + 1


def _labels(text: str, header: list[tuple[int, int]]) -> dict[int, str] | None:
    """The labelled columns of a header (by index), None when it is no header."""
    if len(header) < 2:
        return None
    labels = {}
    for column, (a, b) in enumerate(header):
        cell = text[a:b]
        if not _HEADER_CELL.fullmatch(cell) or len(cell.split()) > 4:
            return None
        label = label_of(cell)
        if label in TABLE_COLUMNS:
            labels[column] = label
    return labels or None


def _cells(text: str, start: int, end: int, delimiter: str) -> list[tuple[int, int]]:
    """The cells of ``text[start:end]`` split at ``delimiter`` (not inside double
    quotes), each trimmed of spaces and its quotes; a Markdown row's outer pipes are
    not cells."""
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    if delimiter == "|" and start < end and text[start] == "|":
        start += 1
    if delimiter == "|" and end > start and text[end - 1] == "|":
        end -= 1
    spans = []
    if '"' not in text[start:end]:
        cell = start
        for part in text[start:end].split(delimiter):
            spans.append(_trimmed(text, cell, cell + len(part)))
            cell += len(part) + 1
        return spans
    cell, quoted = start, False
    for position in range(start, end + 1):
        char = text[position] if position < end else delimiter
        if char == '"':
            quoted = not quoted
        elif char == delimiter and (not quoted or position == end):
            spans.append(_trimmed(text, cell, position))
            cell = position + 1
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\"'":
        start += 1
    while end > start and text[end - 1] in " \t\"'\r":
        end -= 1
    return start, end
