"""`make scan` / `python -m healthnotes.gate.cli scan`: any text, the gate's rules."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

REPLY = (
    "Thanks! My patient Maria Gonzalez will call you back.\n"
    "Or ring five four one, five five five, zero one nine nine.\n"
    "Our office: (541) 555-0142.\n"
)


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "healthnotes.gate.cli", "scan", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_each_finding_is_one_line_with_where_what_and_the_masked_text(tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text(REPLY, encoding="utf-8")
    done = cli(str(reply))
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        f"{reply}:1:20: person's name (name) 'M**** G*******'",
        f"{reply}:2:9: phone number (phone) 'f*** f*** o**, f*** f*** f***, z*** o** n*** n***'",
    ]  # the practice's own number is public by design
    assert "Gonzalez" not in done.stdout + done.stderr


def test_json_lists_every_finding_and_nothing_else():
    done = cli("-", "--format", "json", stdin=REPLY)
    assert done.returncode == 1
    assert json.loads(done.stdout) == [
        {
            "file": "<stdin>",
            "line": 1,
            "column": 20,
            "length": 14,
            "rule": "name",
            "masked": "M**** G*******",
        },
        {
            "file": "<stdin>",
            "line": 2,
            "column": 9,
            "length": 49,
            "rule": "phone",
            "masked": "f*** f*** o**, f*** f*** f***, z*** o** n*** n***",
        },
    ]


def test_disguised_text_is_read_as_it_shows():
    done = cli("-", "--format", "json", stdin="Call \u202e9910-555-145\u202c today.\n")
    assert done.returncode == 1
    [found] = json.loads(done.stdout)  # the reversed digits, shown as 541-555-0199
    assert (found["rule"], found["column"], found["length"]) == ("phone", 7, 12)


def test_nothing_found_exits_0_and_prints_nothing():
    done = cli("-", stdin="Wash your hands for 20 seconds. Call us at (541) 555-0142.\n")
    assert (done.returncode, done.stdout) == (0, "")
    done = cli("-", "--format", "json", stdin="Wash your hands.\n")
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


def test_a_usage_error_exits_2_and_says_what_to_do(tmp_path):
    missing = cli(str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    assert cli(str(binary)).returncode == 2
    assert cli().returncode == 2  # no file given
    assert cli("-", "--format", "xml", stdin="x").returncode == 2


def test_make_scan_runs_it_and_refuses_without_a_file(tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text(REPLY, encoding="utf-8")
    make = ["make", "-s", "-o", ".venv/.requirements-installed", f"PY={sys.executable}"]
    done = subprocess.run(
        [*make, "scan", f"FILE={reply}", "FORMAT=json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode != 0  # make reports any failed command as its own 2
    assert [f["rule"] for f in json.loads(done.stdout)] == ["name", "phone"]
    usage = subprocess.run([*make, "scan"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    assert "usage: make scan FILE=" in usage.stderr
