"""bench/cards.py, in small: two trees drawn alternately, each figure against its floor.
(Speed itself is never asserted here.)"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_cards_bench_alternates_two_trees_and_prints_medians_against_the_floors():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "cards.py"), str(ROOT), str(ROOT),
         "--posts", "3", "--rounds", "2", "--slides"],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "round 1 old", "round 1 new", "round 2 new", "round 2 old",
        "old (medians)", "new (medians)",
    ]  # fmt: skip
    for line in lines[-2:]:
        for figure in ("card_ms", "card_floor_ms", "card_vs_floor", "slide_vs_floor"):
            assert f"'{figure}': " in line
