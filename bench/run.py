#!/usr/bin/env python3
"""Benchmark the site build against plain Pelican: `make bench` (`BENCH_POSTS=10000 make bench`).

In one run, in a temporary folder:

1. ``bench/corpus.py`` writes a deterministic content folder of N posts
   (``BENCH_POSTS``, default 1000; ~600 words, the four post types, a hero
   picture on every third post, the real site's pages and logo).
2. Two builders build it, each into its own output and cache folders:

   * **ours**: ``build.py`` with ``publishconf.py`` (what ``make publish``
     runs: every plugin, all seven image platforms). The settings file used is
     a two-line wrapper of ``publishconf.py`` that only points Pelican's
     content cache (``CACHE_PATH``) into the temporary folder and gives the
     theme and plugin folders as absolute paths. The medical sign-off is on, as
     in the example site: every generated post is signed by its reviewer.
   * **plain**: the ``pelican`` command of the same Pelican, with a minimal
     settings file: the same ``PATH``, ``PLUGINS = []``, Pelican's default
     theme and defaults, and its content cache on (``CACHE_CONTENT`` and
     ``LOAD_CONTENT_CACHE``, its own ``CACHE_PATH``): the fastest warm
     rebuild plain Pelican has. Our metadata (Type, Myth, Recall_*) is just
     unused metadata to it.

3. The cases, ours and plain alternating: **cold** (empty caches; plain Pelican's
   cold build, about 10 s, is run three times from empty and its median taken, as
   one run of it swings by 10-15 % on this shared machine; ours, about 85 s, once), then
   ``--repeat`` times (default 3, fewer when another round would take the whole run
   past ``--budget`` seconds, default 600): **warm** (nothing changed), **edit_one**
   (one post's title edited: a post with a hero, a different one each time),
   **add_one** (one new post, dated newest, with a hero picture). A case's
   time is the median over its repeats.

4. **single_post** (``--single-bytes``, default ``BENCH_SINGLE_BYTES`` or 1,000,000;
   0 skips it): four one-post sites, each built once from empty caches: a post whose
   body is that many characters of ordinary prose, and three of what once made the
   gate quadratic: a run of dots, ``"Mr. "`` repeated, one enormous word
   (``corpus.SINGLE_BODIES``). Each must build within 3x the normal one.

Measured per build (each build runs in a fresh process, ``bench/driver.py``):
wall time; CPU time of the build and every process it started
(``RUSAGE_CHILDREN`` delta around the subprocess: the card workers are
included); peak RSS of the largest single process (the build or one of its
workers, see driver.py), and which process it was: the peak of each kind of
process (the build, the card drawer and its workers, the safety checker, ...)
sampled from /proc while the build runs (bench/peaks.py), in results.json's
``details.peak_rss_mb_by_process``, split into anonymous and file-backed memory in
``details.peak_rss_kinds_mb_by_process`` (and the cold build's CPU by kind of process
in ``details.cold_cpu_s_by_process``); cards rendered, from the line ``Cards: N planned,
M rendered, K from cache (W s, C s CPU)`` that ``build.py --verbose`` prints.

The image cost: ``ms_per_image`` is the CPU of the cold build's rendering
phase (the CPU time the workers spent drawing each group of cards, summed:
the C of the line above) divided by the cards it rendered. The encode
floor ``encode_floor_ms`` is the CPU time to encode the same final cards again
from already-decoded pixels: each card in the output is decoded once, then
only ``img.save(BytesIO(), "JPEG", quality=90)`` is timed (``time.process_time``,
one process). ``image_vs_floor`` = ms_per_image / encode_floor_ms. With more than
1000 posts the floor is measured on every card of an evenly spread subset of
1000 posts (a stride coprime with 12 keeps the type and hero mix).

Then the floors (``bench/floors.py``): Pagefind alone over ours' output and the gate's
language model alone in a fresh process, and from them and the encode floors the least
the cold, one-edit and peak-memory cases can cost on this machine, printed beside their
targets (``floors`` in results.json): a target below its floor needs a change of what is
built, not faster code.

Prints a table and writes ``bench/results.json`` (``--results`` to change).
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DRIVER = HERE / "driver.py"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import floors  # noqa: E402
import media  # noqa: E402
from peaks import PeakSampler  # noqa: E402

CASES = ("cold", "warm", "edit_one", "add_one")
#: What build.py prints when it skips a build that would change nothing.
UNCHANGED = "Nothing changed since the last build"
CARDS = re.compile(
    r"Cards: (\d+) planned, (\d+) rendered, \d+ from cache \(([\d.]+) s, ([\d.]+) s CPU\)"
)
IMAGE_PLATFORMS = 7
FLOOR_MAX_POSTS = 1000

#: The issue's targets (ratios to plain Pelican; the machine is shared and noisy).
TARGETS = {
    "warm": 1.1,  # x plain Pelican warm, and 0 cards rendered
    "edit_one": 1.3,  # x plain Pelican warm, and exactly the edited post's 7 cards
    "cold": 10.0,  # x plain Pelican cold (the gate's language model is worth two more)
    "image_vs_floor": 2.0,
    "peak_rss": 2.0,  # x plain Pelican's
    "single_post": 3.0,  # an odd 1 MB post (dots, "Mr. " repeated, one word) x a normal one
    "slide_vs_floor": 2.0,  # CPU per carousel slide x the JPEG encode of its pixels
    "video_vs_encoder": 1.5,  # a video's time x the encoder's own share of it
}
SINGLE_DEFAULT_BYTES = 1_000_000


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    maxrss_kb: int
    #: The build's own process alone (the rest of maxrss_kb is its largest child).
    maxrss_self_kb: int = 0
    #: The peak of each kind of process of the build, in MB (bench/peaks.py).
    peaks_mb: dict[str, float] = field(default_factory=dict)
    #: CPU seconds of each kind of process of the build (bench/peaks.py).
    cpu_by_role: dict[str, float] = field(default_factory=dict)
    #: Anonymous and file-backed MB of each kind's largest process (bench/peaks.py).
    kinds_by_role: dict[str, dict[str, float]] = field(default_factory=dict)
    rendered: int | None = None
    planned: int | None = None
    render: dict | None = None


@dataclass
class Case:
    ours: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)


def _peaks_by_role(runs: list[Run]) -> dict[str, float]:
    """The largest peak of each kind of process over ``runs``, largest first."""
    peaks: dict[str, float] = {}
    for run in runs:
        for name, mb in run.peaks_mb.items():
            peaks[name] = max(peaks.get(name, 0.0), mb)
    return dict(sorted(peaks.items(), key=lambda item: -item[1]))


def _kinds_by_role(runs: list[Run]) -> dict[str, dict[str, float]]:
    """For each kind of process, the anonymous and file-backed memory of its largest
    process over ``runs`` (from the run where that kind peaked highest)."""
    best: dict[str, tuple[float, dict[str, float]]] = {}
    for run in runs:
        for name, kinds in run.kinds_by_role.items():
            peak = run.peaks_mb.get(name, 0.0)
            if name not in best or peak > best[name][0]:
                best[name] = (peak, kinds)
    return {name: kinds for name, (_, kinds) in sorted(best.items(), key=lambda i: -i[1][0])}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Bench:
    def __init__(self, work: Path, posts: int) -> None:
        self.work = work
        self.posts = posts
        self.content = work / "content"
        self.ours_out = work / "ours" / "output"
        self.ours_cards = work / "ours" / "cards"
        self.plain_out = work / "plain" / "output"
        self.plain_cache = work / "plain" / "cache"  # its content cache (CACHE_PATH)
        self.ours_settings = work / "ours_settings.py"
        self.plain_settings = work / "plain_settings.py"
        self.builds = 0

    def write_settings(self) -> None:
        self.ours_settings.write_text(
            "\n".join(
                (
                    '"""publishconf.py, with Pelican\'s content cache in the benchmark folder."""',
                    "import sys",
                    f"sys.path.insert(0, {str(ROOT)!r})",
                    "from publishconf import *  # noqa: F403",
                    f"THEME = {str(ROOT / 'theme')!r}",
                    f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
                    f"CACHE_PATH = {str(self.work / 'ours' / 'pelican-cache')!r}",
                    "",
                )
            ),
            encoding="utf-8",
        )
        self.plain_settings.write_text(
            "\n".join(
                (
                    '"""Plain Pelican: no plugins, default theme, its content cache on."""',
                    f"PATH = {str(self.content)!r}",
                    "PLUGINS = []",
                    'SITENAME = "Plain Pelican"',
                    'TIMEZONE = "America/Los_Angeles"',
                    "CACHE_CONTENT = True",
                    "LOAD_CONTENT_CACHE = True",
                    f"CACHE_PATH = {str(self.plain_cache)!r}",
                    "",
                )
            ),
            encoding="utf-8",
        )

    def _run(self, kind: str, argv: list[str]) -> tuple[Run, str]:
        self.builds += 1
        report = self.work / f"report-{self.builds}.json"
        command = [sys.executable, str(DRIVER), str(report), kind, "--", *argv]
        cpu0 = _children_cpu()
        started = time.perf_counter()
        # In the benchmark folder: files a build leaves in its working folder (reports/)
        # stay out of the project.
        with subprocess.Popen(
            command, cwd=self.work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        ) as proc:
            sampler = PeakSampler(proc.pid).start()  # which process a memory peak is
            stdout, stderr = proc.communicate()
        wall = time.perf_counter() - started
        peaks = sampler.stop()
        cpu = _children_cpu() - cpu0
        if proc.returncode != 0:
            sys.stderr.write(stdout + stderr)
            raise SystemExit(f"bench: the {kind} build failed (exit {proc.returncode})")
        data = json.loads(report.read_text(encoding="utf-8"))
        run = Run(
            wall_s=wall,
            cpu_s=cpu,
            maxrss_kb=int(data["maxrss_kb"]),
            maxrss_self_kb=int(data.get("maxrss_self_kb", 0)),
            peaks_mb=peaks,
            cpu_by_role=sampler.cpu_by_role(),
            kinds_by_role=sampler.kinds_by_role(),
        )
        return run, stdout + stderr

    def ours(self) -> Run:
        run, log = self._run(
            "ours",
            [
                "--settings", str(self.ours_settings),
                "--content", str(self.content),
                "--output", str(self.ours_out),
                "--cache", str(self.ours_cards),
                "--verbose",
            ],
        )  # fmt: skip
        found = CARDS.findall(log)
        if not found and UNCHANGED in log:  # skipped: nothing drawn, nothing planned
            run.planned, run.rendered = 0, 0
            run.render = {"wall_s": 0.0, "cpu_s": 0.0}
            return run
        if not found:
            raise SystemExit("bench: build.py --verbose printed no 'Cards: N planned, ...' line")
        planned, rendered, wall_s, cpu_s = found[-1]
        run.planned, run.rendered = int(planned), int(rendered)
        run.render = {"wall_s": float(wall_s), "cpu_s": float(cpu_s)}
        return run

    def single(self, body: str, size: int) -> Run:
        """Build a one-post site (``corpus.make_single``) from empty caches."""
        folder = self.work / "single" / body
        corpus_step("single", folder / "content", size, body)
        run, _ = self._run(
            "ours",
            [
                "--settings", str(self.ours_settings),
                "--content", str(folder / "content"),
                "--output", str(folder / "output"),
                "--cache", str(folder / "cards"),
            ],
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)
        return run

    def forget_plain(self) -> None:
        """Empty plain Pelican's output and content cache: its next build is cold."""
        for folder in (self.plain_out, self.plain_cache):
            shutil.rmtree(folder, ignore_errors=True)

    def plain(self) -> Run:
        run, _ = self._run("plain", ["-s", str(self.plain_settings), "-o", str(self.plain_out)])
        return run


def corpus_step(command: str, content: Path, number: int, *extra: str) -> None:
    """Run a corpus change in its own process (see ``corpus.main``)."""
    subprocess.run(
        [sys.executable, str(HERE / "corpus.py"), command, str(content), str(number), *extra],
        check=True,
    )


#: Plain Pelican's cold build is short enough to run more than once (see the docstring).
PLAIN_COLD_RUNS = 3


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _edited_post(posts: int, repeat: int) -> int:
    """A post with a hero (index % 3 == 0) near the middle; a different one each repeat."""
    return min(posts - 1, 3 * (posts // 6) + 3 * repeat) // 3 * 3


def measure(bench: Bench, repeat: int, deadline: float) -> dict[str, Case]:
    """Cold once, then warm/edit_one/add_one ``repeat`` times, or fewer (at least once)
    when another round would end after ``deadline`` (a ``time.perf_counter`` value)."""
    cases = {name: Case() for name in CASES}
    _progress(f"bench: cold builds of {bench.posts} posts ...")
    cases["cold"].ours.append(bench.ours())
    for _ in range(PLAIN_COLD_RUNS):
        bench.forget_plain()
        cases["cold"].plain.append(bench.plain())
    for r in range(repeat):
        if r:
            last = sum(c.ours[-1].wall_s + c.plain[-1].wall_s for c in list(cases.values())[1:])
            if time.perf_counter() + last > deadline:
                _progress(f"bench: stopping after {r} round(s) to stay within the time budget")
                break
        _progress(f"bench: warm, edit_one, add_one ({r + 1}/{repeat}) ...")
        cases["warm"].ours.append(bench.ours())
        cases["warm"].plain.append(bench.plain())
        corpus_step("edit", bench.content, _edited_post(bench.posts, r))
        cases["edit_one"].ours.append(bench.ours())
        cases["edit_one"].plain.append(bench.plain())
        corpus_step("add", bench.content, bench.posts + r)
        cases["add_one"].ours.append(bench.ours())
        cases["add_one"].plain.append(bench.plain())
    return cases


def measure_single(bench: Bench, size: int) -> dict:
    """Build each of ``corpus.SINGLE_BODIES`` once; each odd one's time over the normal one's."""
    _progress(f"bench: one-post sites of {size:,} characters ...")
    seconds = {}
    for body in corpus.SINGLE_BODIES:
        # Pelican's content cache is shared by the settings: each site starts from empty.
        shutil.rmtree(bench.work / "ours" / "pelican-cache", ignore_errors=True)
        seconds[body] = round(bench.single(body, size).wall_s, 2)
    normal = seconds["normal"]
    return {
        "bytes": size,
        "seconds": seconds,
        "ratio": {body: round(s / normal, 2) for body, s in seconds.items() if body != "normal"},
    }


def _floor_allowance(posts: int) -> float:
    """Seconds kept for the encode floor at the end (about 10 ms per card)."""
    return 0.01 * IMAGE_PLATFORMS * len(_floor_posts(posts))


def _floor_posts(posts: int) -> list[int]:
    """Every post up to FLOOR_MAX_POSTS; beyond, an evenly spread subset (stride coprime
    with 12, so post types (i % 4) and heroes (i % 3) keep their mix)."""
    if posts <= FLOOR_MAX_POSTS:
        return list(range(posts))
    stride = math.ceil(posts / FLOOR_MAX_POSTS)
    while math.gcd(stride, 12) != 1:
        stride += 1
    return list(range(0, posts, stride))


def encode_floor(output: Path, posts: int) -> tuple[float, int]:
    """(CPU ms per card, cards): encode each final card again from decoded pixels at q90."""
    total, count = floors.jpeg_floor(
        path
        for index in _floor_posts(posts)
        for path in sorted(
            (output / "syndication" / Path(corpus.post_text(index)[0]).stem).glob("*.jpg")
        )
    )
    if not count:
        raise SystemExit(f"bench: no cards found under {output}/syndication")
    return total * 1000 / count, count


def _rendered(runs: list[Run]) -> int | list[int] | None:
    values = [r.rendered for r in runs]
    if not values or values[0] is None:
        return None
    return values[0] if len(set(values)) == 1 else values


def summarise(bench: Bench, cases: dict[str, Case], floor_ms: float, floor_cards: int) -> dict:
    result: dict = {"posts": bench.posts, "cases": {}}
    for name, case in cases.items():
        ours = _median([r.wall_s for r in case.ours])
        plain = _median([r.wall_s for r in case.plain])
        result["cases"][name] = {
            "ours_s": round(ours, 2),
            "pelican_s": round(plain, 2),
            "ratio": round(ours / plain, 2),
            "images_rendered": _rendered(case.ours),
            "ours_cpu_s": round(_median([r.cpu_s for r in case.ours]), 2),
            "pelican_cpu_s": round(_median([r.cpu_s for r in case.plain]), 2),
            "ours_runs_s": [round(r.wall_s, 2) for r in case.ours],
            "pelican_runs_s": [round(r.wall_s, 2) for r in case.plain],
        }
    cold = cases["cold"].ours[0]
    render = cold.render or {}
    rendered = cold.rendered or 0
    render_cpu = render.get("cpu_s", 0.0)
    ms_per_image = render_cpu * 1000 / rendered if rendered else None
    result["ms_per_image"] = round(ms_per_image, 2) if ms_per_image else None
    result["encode_floor_ms"] = round(floor_ms, 2)
    result["image_vs_floor"] = round(ms_per_image / floor_ms, 2) if ms_per_image else None
    ours_runs = [r for c in cases.values() for r in c.ours]
    ours_rss = max(r.maxrss_kb for r in ours_runs) / 1024
    plain_rss = max(r.maxrss_kb for c in cases.values() for r in c.plain) / 1024
    result["peak_rss_mb"] = {"ours": round(ours_rss, 1), "pelican": round(plain_rss, 1)}
    plain_warm = result["cases"]["warm"]["pelican_s"]
    result["details"] = {
        "render_phase": {
            "cards": rendered,
            "cpu_s": round(render_cpu, 2),
            "wall_s": round(render.get("wall_s", 0.0), 2),
        },
        "encode_floor_cards": floor_cards,
        "peak_rss_mb_by_case": {
            name: {
                "ours": round(max(r.maxrss_kb for r in c.ours) / 1024, 1),
                "ours_build_process": round(max(r.maxrss_self_kb for r in c.ours) / 1024, 1),
                "pelican": round(max(r.maxrss_kb for r in c.plain) / 1024, 1),
            }
            for name, c in cases.items()
        },
        "peak_rss_mb_by_process": _peaks_by_role(ours_runs),
        # Its anonymous and file-backed parts (shared libraries and fonts count in the
        # second: more of them resident in some runs than in others).
        "peak_rss_kinds_mb_by_process": _kinds_by_role(ours_runs),
        "cold_cpu_s_by_process": cold.cpu_by_role,  # where the cold build's CPU goes
        "vs_plain_warm": {
            name: round(result["cases"][name]["ours_s"] / plain_warm, 2)
            for name in ("warm", "edit_one", "add_one")
        },
        "repeats": len(cases["warm"].ours),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "loadavg_end": [round(v, 2) for v in os.getloadavg()],
        },
    }
    return result


def targets(result: dict) -> list[tuple[str, str, bool]]:
    cases = result["cases"]
    plain_warm = cases["warm"]["pelican_s"]
    rows = []
    warm = cases["warm"]
    rows.append(
        (
            "warm <= 1.1x plain warm, 0 cards",
            f"{warm['ratio']:.2f}x, {warm['images_rendered']} cards",
            warm["ratio"] <= TARGETS["warm"] and warm["images_rendered"] == 0,
        )
    )
    edit = cases["edit_one"]
    edit_vs = edit["ours_s"] / plain_warm
    rows.append(
        (
            "edit_one <= 1.3x plain warm, 7 cards",
            f"{edit_vs:.2f}x, {edit['images_rendered']} cards",
            edit_vs <= TARGETS["edit_one"] and edit["images_rendered"] == IMAGE_PLATFORMS,
        )
    )
    ivf = result["image_vs_floor"]
    rows.append(
        (
            "image_vs_floor <= 2.0",
            f"{ivf:.2f}" if ivf else "n/a",
            bool(ivf) and ivf <= TARGETS["image_vs_floor"],
        )
    )
    cold = cases["cold"]
    rows.append(
        (
            "cold <= 10x plain cold",
            f"{cold['ratio']:.2f}x",
            cold["ratio"] <= TARGETS["cold"],
        )
    )
    rss = result["peak_rss_mb"]
    rows.append(
        (
            "peak RSS <= 2x plain",
            f"{rss['ours'] / rss['pelican']:.2f}x",
            rss["ours"] <= TARGETS["peak_rss"] * rss["pelican"],
        )
    )
    media = result.get("media")
    if media:
        rows.append(
            (
                "slide_vs_floor <= 2.0",
                f"{media['slide_vs_floor']:.2f}",
                media["slide_vs_floor"] <= TARGETS["slide_vs_floor"],
            )
        )
        rows.append(
            (
                "video_vs_encoder <= 1.5",
                f"{media['video_vs_encoder']:.2f}",
                media["video_vs_encoder"] <= TARGETS["video_vs_encoder"],
            )
        )
    if result.get("single_post_failed"):
        rows.append(("odd one-post sites build", result["single_post_failed"], False))
    single = result.get("single_post")
    if single:
        ratios = single["ratio"]
        rows.append(
            (
                f"odd {single['bytes']:,}-character post <= 3x a normal one",
                ", ".join(f"{body} {ratio:.2f}x" for body, ratio in ratios.items()),
                max(ratios.values()) <= TARGETS["single_post"],
            )
        )
    return rows


def print_table(result: dict) -> None:
    print(f"\nBenchmark: {result['posts']} posts, ours (build.py, publishconf) vs plain Pelican")
    print(
        f"{'case':<10} {'ours s':>8} {'plain s':>8} {'ratio':>6} "
        f"{'ours cpu':>9} {'plain cpu':>9} {'cards':>6}"
    )
    for name, c in result["cases"].items():
        print(
            f"{name:<10} {c['ours_s']:>8.2f} {c['pelican_s']:>8.2f} {c['ratio']:>5.2f}x "
            f"{c['ours_cpu_s']:>9.2f} {c['pelican_cpu_s']:>9.2f} {c['images_rendered']!s:>6}"
        )
    print(
        f"\nimage cost {result['ms_per_image']} ms/card (cold render phase, CPU incl. workers); "
        f"encode floor {result['encode_floor_ms']} ms/card (JPEG q90 from pixels); "
        f"image_vs_floor {result['image_vs_floor']}"
    )
    rss = result["peak_rss_mb"]
    print(f"peak RSS: ours {rss['ours']} MB (largest single process), plain {rss['pelican']} MB")
    media = result.get("media")
    if media:
        print(
            f"slides: {media['ms_per_slide']} ms CPU/slide over {media['slides']} slides of "
            f"{media['media_posts']} posts; floor {media['slide_floor_ms']} ms (JPEG from pixels); "
            f"slide_vs_floor {media['slide_vs_floor']}"
        )
        print(
            f"video: {media['video_s_per_video_s']} s per second of video, of which the encoder "
            f"{media['encoder_s_per_video_s']} s; video_vs_encoder {media['video_vs_encoder']}"
        )
    bounds = result.get("floors")
    if bounds:
        _print_floors(bounds)
    single = result.get("single_post")
    if single:
        times = ", ".join(f"{body} {s:.2f} s" for body, s in single["seconds"].items())
        print(f"one-post sites of {single['bytes']:,} characters, cold: {times}")
    print("\nTargets:")
    for label, value, met in targets(result):
        print(f"  [{'met' if met else 'NOT met'}] {label}: {value}")


FLOOR_LINES = {
    "cold": "cold: encode {encode_s} s + model {model_s} s + Pelican's CPU, on {cpus:.0f} cores",
    "edit_one": "one edit: plain Pelican's warm build + Pagefind alone on one shelf ({search_s} s)",
    "peak_rss": "peak of one process: Pagefind alone {search_mb} MB, the model's {model_mb} MB",
}


def _print_floors(floors_: dict) -> None:
    """What the required work costs at least (bench/floors.py), against each target."""
    print("\nFloors (the least the required work costs on this machine, see bench/floors.py):")
    for case, bound in floors_["bounds"].items():
        within = "within" if bound["floor"] <= bound["allowed"] else "OUT OF REACH of"
        line = FLOOR_LINES[case].format(**bound)
        print(
            f"  {line}: at least {bound['floor']} = {bound['floor_ratio']:.2f}x, "
            f"{within} the target {bound['target_ratio']}x ({bound['allowed']})"
        )


def compile_sources() -> None:
    """Compile this project's modules to bytecode before any build is timed, as pip
    compiles Pelican's when it installs it: this project is installed editable, so
    where ``PYTHONDONTWRITEBYTECODE`` is set (this sandbox sets it) no process ever
    writes its ``.pyc`` files, and every build and every worker would compile about
    29,000 lines from source (0.2 s a process) that plain Pelican never does."""
    for folder in ("healthnotes", "plugins"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(ROOT / "build.py", quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--posts", type=int, default=int(os.environ.get("BENCH_POSTS", "1000")),
        help="posts in the corpus (default: $BENCH_POSTS or 1000)",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="most rounds of warm/edit/add")
    parser.add_argument(
        "--budget", type=float, default=float(os.environ.get("BENCH_BUDGET", "600")),
        help="seconds: no further round once one would end later (default 600; 1 round always)",
    )  # fmt: skip
    parser.add_argument(
        "--single-bytes", type=int,
        default=int(os.environ.get("BENCH_SINGLE_BYTES", str(SINGLE_DEFAULT_BYTES))),
        help="body size of the one-post sites (default: $BENCH_SINGLE_BYTES or 1,000,000; 0 skips)",
    )  # fmt: skip
    parser.add_argument(
        "--media-posts", type=int, default=12,
        help="posts whose carousels are timed against the JPEG floor (0 skips)",
    )  # fmt: skip
    parser.add_argument("--media-videos", type=int, default=2, help="videos timed (of those)")
    parser.add_argument("--results", default=str(HERE / "results.json"), help="JSON output")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.posts < 6 or args.repeat < 1:
        parser.error("--posts must be at least 6 and --repeat at least 1")

    compile_sources()
    work = Path(tempfile.mkdtemp(prefix="practice-bench-"))
    started = time.perf_counter()
    load_start = [round(v, 2) for v in os.getloadavg()]  # the machine is shared: say how busy
    try:
        bench = Bench(work, args.posts)
        _progress(f"bench: writing {args.posts} posts into {work} ...")
        corpus_step("make", bench.content, args.posts)
        bench.write_settings()
        cases = measure(bench, args.repeat, started + args.budget - _floor_allowance(args.posts))
        _progress("bench: encode floor ...")
        floor_ms, floor_cards = encode_floor(bench.ours_out, args.posts)
        result = summarise(bench, cases, floor_ms, floor_cards)
        if args.media_posts > 0:
            _progress("bench: carousel slides and videos ...")
            result["media"] = media.measure(
                bench.content, posts=args.media_posts, videos=args.media_videos
            )
        _progress("bench: floors (Pagefind alone, the language model alone) ...")
        result["floors"] = floors.measure(
            result, bench.ours_out, bench.content, max(args.media_posts, 4)
        )
        if args.single_bytes > 0:
            try:
                result["single_post"] = measure_single(bench, args.single_bytes)
            except SystemExit as stopped:  # a failed build: keep the other figures
                result["single_post_failed"] = str(stopped)
        result["details"]["bench_wall_s"] = round(time.perf_counter() - started, 1)
        result["details"]["machine"]["loadavg_start"] = load_start
    finally:
        if args.keep:
            _progress(f"bench: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    Path(args.results).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_table(result)
    print(f"\nWrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
