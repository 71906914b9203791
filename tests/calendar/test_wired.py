"""The calendar as builds and `make calendar`/`make new SERIES=` use it."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from conftest import ROOT, run_build, settings_file

TZ = ZoneInfo("America/Los_Angeles")


def _next(weekday: int, now: datetime) -> datetime:
    """The next such weekday strictly after today."""
    days = (weekday - now.weekday()) % 7 or 7
    return now + timedelta(days=days)


def test_a_build_writes_the_calendar_beside_its_report_and_warns_once_per_empty_slot(
    tmp_path, write_post, content_copy
):
    now = datetime.now(TZ)
    monday = _next(0, now)
    write_post(
        "next-myth.md",
        f"Title: Next myth\nDate: {monday:%Y-%m-%d} 09:00\nType: misconception\n"
        "Myth: Cold weather causes colds.\nFact: Viruses cause colds.\n\nViruses do.\n",
    )
    if now.weekday() == 0:  # a Monday: today's slot is open too, all day (slots are by day)
        write_post(
            "todays-myth.md",
            f"Title: Today's myth\nDate: {now:%Y-%m-%d} 09:00\nType: misconception\n"
            "Myth: Sugar makes kids hyper.\nFact: Studies find no link.\n\nIt does not.\n",
        )
    reports = tmp_path / "reports"
    conf = settings_file(tmp_path, content_copy, f"REPORT_PATH = {str(reports / 'r.html')!r}\n")
    build = run_build(tmp_path / "output", content=content_copy, settings=conf)
    assert build.ok, build.stderr
    assert build.stderr.count("Ask Me Anything Wednesday: the slot on") <= 1
    assert "Misconception of the Week: the slot on" not in build.stderr  # filled
    assert not (tmp_path / "output" / "calendar.ics").exists()
    cal = icalendar.Calendar.from_ical((reports / "calendar.ics").read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    mine = events["post-next-myth@health.maplegrovefamily.example"]
    assert "[Scheduled] Misconception of the Week #" in str(mine["SUMMARY"])
    assert mine.decoded("DTSTART").astimezone(TZ).strftime("%H:%M") == "09:00"
    assert any(str(e["SUMMARY"]) == "Open slot: Ask Me Anything Wednesday" for e in events.values())
    assert "Next myth" in (reports / "calendar.html").read_text()


def test_make_calendar_runs_without_building_and_make_new_dates_a_post_at_the_next_slot(
    tmp_path, content_copy
):
    conf = tmp_path / "conf.py"
    conf.write_text(
        "import runpy\n"
        f"settings = runpy.run_path({str(ROOT / 'pelicanconf.py')!r})\n"
        "globals().update((k, v) for k, v in settings.items() if k.isupper())\n"
        f"PATH = {str(content_copy)!r}\nREPORT_PATH = {str(tmp_path / 'reports' / 'r.html')!r}\n"
    )

    def run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", module, *args, "--settings", str(conf)]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)

    made = run("healthnotes.content.new_post", "--series", "myth", "--title", "Myth")
    path = content_copy / "posts" / "myth.md"
    assert path.is_file(), made.stderr
    header = path.read_text().split("\n\n")[0].splitlines()
    assert "Series: myth" in header and "Type: misconception" in header
    when = datetime.strptime(header[1].removeprefix("Date: "), "%Y-%m-%d %H:%M")
    assert when.weekday() == 0 and when.strftime("%H:%M") == "09:00"
    assert when.date() > datetime.now(TZ).date() - timedelta(days=1)

    shown = run("healthnotes.calendar.cli")
    assert "Misconception of the Week:" in shown.stdout
    assert (tmp_path / "reports" / "calendar.ics").is_file()
    # the new post is a draft in the calendar, so the next `make new` takes the week after
    run("healthnotes.content.new_post", "--series", "myth", "--title", "Myth two")
    second = (content_copy / "posts" / "myth-two.md").read_text().split("\n\n")[0].splitlines()
    later = datetime.strptime(second[1].removeprefix("Date: "), "%Y-%m-%d %H:%M")
    assert later > when
