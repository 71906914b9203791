"""make bench, in small: the harness runs both builds and writes results.json in the
issue's schema. (Speed itself is measured by `make bench`, never asserted here.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def test_bench_runs_both_builds_and_writes_the_results_schema(tmp_path):
    results = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--posts", "12", "--repeat", "1",
         "--single-bytes", "20000", "--media-posts", "4", "--media-videos", "1",
         "--results", str(results)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["posts"] == 12
    assert set(data["cases"]) == {"cold", "warm", "edit_one", "add_one"}
    for case in data["cases"].values():
        assert {"ours_s", "pelican_s", "ratio", "images_rendered"} <= set(case)
        assert case["ours_s"] > 0 and case["pelican_s"] > 0
    assert data["cases"]["cold"]["images_rendered"] == 12 * 7
    cold = data["cases"]["cold"]
    assert len(cold["ours_runs_s"]) == 1 and len(cold["pelican_runs_s"]) == 3  # each from empty
    assert cold["pelican_s"] == sorted(cold["pelican_runs_s"])[1]
    assert data["cases"]["warm"]["images_rendered"] == 0
    assert data["cases"]["edit_one"]["images_rendered"] == 7
    assert data["cases"]["add_one"]["images_rendered"] == 7
    assert data["ms_per_image"] > 0 and data["encode_floor_ms"] > 0
    ratio = data["ms_per_image"] / data["encode_floor_ms"]
    assert data["image_vs_floor"] == pytest.approx(ratio, rel=0.01)  # of rounded figures
    assert data["peak_rss_mb"]["ours"] > 0 and data["peak_rss_mb"]["pelican"] > 0
    for peaks in data["details"]["peak_rss_mb_by_case"].values():  # the build process alone
        assert 0 < peaks["ours_build_process"] <= peaks["ours"]
    by_process = data["details"]["peak_rss_mb_by_process"]  # which process a peak is
    assert by_process["build"] > 0
    assert by_process["worker"] > 0  # the workers that draw, fit and check
    assert max(by_process.values()) <= data["peak_rss_mb"]["ours"] * 1.05  # sampled, not more
    kinds = data["details"]["peak_rss_kinds_mb_by_process"]  # which kind of memory
    assert set(kinds) == set(by_process)
    assert all(k["anon"] + k["file"] <= by_process[name] + 1 for name, k in kinds.items())
    cpu = data["details"]["cold_cpu_s_by_process"]  # where the cold build's CPU goes
    assert cpu["build"] > 0 and cpu["worker"] > 0
    assert sum(cpu.values()) <= data["cases"]["cold"]["ours_cpu_s"] * 1.05
    single = data["single_post"]  # one-post sites: ordinary prose and three odd bodies
    assert single["bytes"] == 20000
    assert set(single["seconds"]) == {"normal", "dots", "honorifics", "long_word"}
    assert set(single["ratio"]) == {"dots", "honorifics", "long_word"}
    assert all(seconds > 0 for seconds in single["seconds"].values())
    media = data["media"]  # carousel slides against the JPEG floor, a video against its encoder
    assert media["media_posts"] == 4 and media["slides"] > 4 * 3 and media["videos"] == 1
    assert media["ms_per_slide"] > 0 and media["slide_floor_ms"] > 0
    ratio = media["ms_per_slide"] / media["slide_floor_ms"]
    assert media["slide_vs_floor"] == pytest.approx(ratio, rel=0.01)
    assert 10 <= media["video_seconds"] <= 30
    assert 0 < media["encoder_s_per_video_s"] <= media["video_s_per_video_s"]
    assert "slide_vs_floor <= 2.0" in proc.stdout and "video_vs_encoder <= 1.5" in proc.stdout
    assert "Targets:" in proc.stdout
    assert "odd 20,000-character post <= 3x a normal one" in proc.stdout
    floors = data["floors"]  # what the required work costs at least, beside each target
    assert floors["search_index"]["wall_s"] > 0 and floors["search_index"]["peak_mb"] > 0
    assert floors["search_shelf"]["wall_s"] > 0 and floors["search_shelf"]["peak_mb"] > 0
    assert floors["model"]["posts"] == 4 and floors["model"]["cpu_s_per_post"] > 0
    assert floors["model"]["process_peak_mb"] > 0
    assert set(floors["bounds"]) == {"cold", "edit_one", "peak_rss"}
    assert "Floors (the least the required work costs" in proc.stdout


def test_the_bench_times_this_project_compiled_as_pip_compiled_pelican(tmp_path, monkeypatch):
    """Before timing, the bench writes the bytecode of this project's modules (installed
    editable, nothing compiles them; with PYTHONDONTWRITEBYTECODE nothing ever would)."""
    import importlib.util

    sys.path.insert(0, str(ROOT / "bench"))
    import run

    copy = tmp_path / "project"
    for part in ("healthnotes/gate", "plugins/pelican_healthnotes"):
        (copy / part).mkdir(parents=True)
        (copy / part / "module.py").write_text("VALUE = 1\n", encoding="utf-8")
    (copy / "build.py").write_text("VALUE = 2\n", encoding="utf-8")
    monkeypatch.setattr(run, "ROOT", copy)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    run.compile_sources()
    for source in (
        "healthnotes/gate/module.py",
        "plugins/pelican_healthnotes/module.py",
        "build.py",
    ):
        assert Path(importlib.util.cache_from_source(str(copy / source))).is_file(), source


def test_the_floors_are_the_required_work_at_its_least():
    """Cold: every card and slide encoded at the floor, the model over every post and
    plain Pelican's own CPU, shared by the cores; one edit: plain Pelican's warm build
    then Pagefind alone; peak: the larger of Pagefind and the model's process."""
    sys.path.insert(0, str(ROOT / "bench"))
    import floors

    result = {
        "posts": 100,
        "cases": {
            "cold": {"pelican_s": 2.0, "pelican_cpu_s": 2.0},
            "warm": {"pelican_s": 1.0},
        },
        "details": {"render_phase": {"cards": 700}},
        "encode_floor_ms": 2.0,
        "media": {"slides": 48, "media_posts": 2, "slide_floor_ms": 3.0},
        "peak_rss_mb": {"pelican": 80.0},
    }
    search = floors.Cost(wall_s=0.5, cpu_s=0.9, peak_mb=230.0)
    model = {"cpu_s_per_post": 0.1, "process_peak_mb": 240.0}
    shelf = floors.Cost(wall_s=0.2, cpu_s=0.3, peak_mb=60.0)  # an edit indexes one shelf
    bounds = floors.lower_bounds(result, search, model, cpus=2, shelf=shelf)
    # (700 x 2 ms + 100 x 24 x 3 ms = 8.6 s) + 100 x 0.1 s + 2 s, over 2 cores
    assert bounds["cold"]["floor"] == pytest.approx((8.6 + 10 + 2) / 2)
    assert bounds["cold"]["floor_ratio"] == pytest.approx(10.3 / 2.0, abs=0.01)
    assert bounds["cold"]["allowed"] == 20.0
    assert bounds["edit_one"]["floor"] == 1.2 and bounds["edit_one"]["allowed"] == 1.3
    assert bounds["peak_rss"]["floor"] == 240.0 and bounds["peak_rss"]["floor_ratio"] == 3.0


def test_a_programs_peak_memory_is_its_own_not_the_benchs():
    """Linux keeps a process's peak resident set across fork and exec: a program the
    bench started straight from its own process (1.7 GB after the encode floors) was
    reported at the bench's size, Pagefind and the model alike (1739.3 MB each)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import floors

    held = bytearray(400 * 1024 * 1024)  # the bench's own memory, touched
    held[::4096] = b"x" * len(held[::4096])
    cost, printed = floors.program_cost([sys.executable, "-c", "print('hello')"])
    assert printed.strip() == "hello"
    assert 0 < cost.peak_mb < 100
    assert cost.wall_s > 0
    del held


@pytest.mark.parametrize("index", range(8))  # every post type, with and without a hero
def test_the_edit_case_changes_a_posts_title_and_nothing_else(index):
    """The bench's one edit is a headline fixed: the post's tags, fields and body stay
    as they were (a title given once changed every draw after it, tags and body too)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    name, before, _ = corpus.post_text(index)
    title = before.splitlines()[0].removeprefix("Title: ")
    edited_name, after, _ = corpus.post_text(index, title=f"{title} (Revised)")
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert edited_name == name
    assert changed == [(f"Title: {title}", f"Title: {title} (Revised)")]
