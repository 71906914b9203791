"""healthnotes.social.export: the bulk-schedule CSV and syndication.json are safe to open."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from healthnotes.social.export import (
    CSV_COLUMNS,
    CardImage,
    PlatformEntry,
    PostExport,
    bulk_schedule_csv,
    neutralise,
    schedule_time,
    syndication_json,
)

TZ = "America/Los_Angeles"
CARD = CardImage(
    platform="og",
    path="syndication/a/og.jpg",
    url="https://x.example/og.jpg",
    width=1200,
    height=630,
    bytes=1234,
    alt="Alt",
)


def export(text: str, title: str = "T") -> PostExport:
    entry = PlatformEntry(
        platform="x",
        text=text,
        length=len(text),
        limit=280,
        counted_as="characters",
        link="https://x.example/a/?utm_source=x",
        image=CARD,
    )
    return PostExport(
        slug="a",
        title=title,
        url="https://x.example/a/",
        guid="urn:uuid:1",
        type="qa",
        date=datetime(2026, 9, 1, 9, 2, tzinfo=ZoneInfo(TZ)),
        entries=[entry],
    )


def read_csv(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize("cell", ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell).startswith("'")


def test_csv_has_the_documented_columns_and_neutralises_a_formula_title():
    rows = read_csv(bulk_schedule_csv([export('=HYPERLINK("http://evil")')], timezone=TZ))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["text"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["platform"] == "x" and rows[0]["image_url"] == CARD.url


@given(st.text())
def test_any_text_round_trips_through_the_csv_without_starting_a_formula(text):
    [row] = read_csv(bulk_schedule_csv([export(text)], timezone=TZ))
    value = row["text"]
    assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert value in (
        text.replace("\r\n", "\n").replace("\r", "\n"),
        "'" + text.replace("\r\n", "\n").replace("\r", "\n"),
        text,
        "'" + text,
    )


def test_schedule_time_is_local_24_hour_rounded_up_to_5_minutes():
    when = datetime(2026, 9, 1, 16, 2, 30, tzinfo=ZoneInfo("UTC"))
    assert schedule_time(when, TZ) == "2026-09-01 09:05"
    assert schedule_time(datetime(2026, 9, 1, 9, 0, tzinfo=ZoneInfo(TZ)), TZ) == "2026-09-01 09:00"


def test_syndication_json_keeps_text_exactly_and_escapes_nothing_into_markup():
    title = '<script>alert(1)</script> "Smith & Sons" ]]>'
    data = json.loads(syndication_json([export(title, title=title)], site_url="https://x"))
    post = data["posts"][0]
    assert post["title"] == title
    entry = post["platforms"]["x"]
    assert entry["text"] == title and entry["image"]["bytes"] == 1234


@given(st.lists(st.text(), min_size=1, max_size=9))
def test_a_csv_row_is_what_the_csv_module_writes_of_the_neutralised_cells(cells):
    from healthnotes.social.export import _csv_row

    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow(
        [neutralise(cell) for cell in cells]
    )
    assert _csv_row(cells) == buffer.getvalue()
    [row] = csv.reader(io.StringIO(_csv_row(cells), newline=""))
    assert row == [neutralise(cell) for cell in cells]
