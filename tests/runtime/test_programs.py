"""Other programs a build runs: waited for, their output as text, their exit told."""

from __future__ import annotations

import sys

from healthnotes.runtime.programs import run_program


def test_a_program_is_waited_for_and_its_output_comes_back_as_text():
    done = run_program([sys.executable, "-c", "print('indexed 3 pages')"])
    assert done.returncode == 0
    assert done.stdout == "indexed 3 pages\n"


def test_a_failing_program_is_its_exit_code_and_message_not_an_exception():
    done = run_program(
        [sys.executable, "-c", "import sys; sys.stderr.write('no pages'); sys.exit(3)"]
    )
    assert done.returncode == 3
    assert done.stderr == "no pages"
