"""What the bench's targets leave room for: lower bounds measured in the same run.

A target is only worth chasing while the work it must include fits in it. Three costs
that no change to this project's code removes are measured here, each on this run's
machine and site:

* **the search index**: Pagefind run alone over ours' finished output (into a folder
  of its own), as the build runs it (the published posts' pages only): its wall time,
  CPU and peak memory over every post's page (the whole index, as a cold build makes
  it) and over the largest shelf of the index (``healthnotes/site/search.py``: what an
  edit indexes again; Pagefind has no incremental mode, and runs only after the
  pages are written).
* **the language model**: a fresh process that loads the gate's model
  (``healthnotes.gate.ner``) and reads the sentences the gate gives it of a sample of
  posts: load time, CPU per post, and that process's peak memory.
* **the JPEG encode** of every card and slide a cold build must make, from the encode
  floors the bench measures anyway (``encode_floor_ms``, ``slide_floor_ms``).

:func:`lower_bounds` turns them into the least each target case can cost:

* cold >= (cards x card floor + slides x slide floor + posts x the model's CPU per post
  + plain Pelican's own cold CPU) / cores;
* one edit >= plain Pelican's warm build + Pagefind alone over one shelf (for a build
  that rewrites every page, as Pelican does, and then indexes the edited post's shelf);
* peak memory of one process >= the larger of Pagefind alone and the process that
  holds the model.

Run alone for the model's part: ``python bench/floors.py model CONTENT_FOLDER POSTS``
prints JSON; ``python bench/floors.py run -- ARGV`` runs a program and prints its cost.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Cost:
    """One program's run: wall seconds, CPU seconds and peak memory (MB)."""

    wall_s: float
    cpu_s: float
    peak_mb: float


def program_cost(argv: list[str]) -> tuple[Cost, str]:
    """Run ``argv`` to its end: its cost and what it printed. It is started by a small
    process of its own (``floors.py run``), which reports the program's resource usage:
    a program started straight from the bench's process would count the bench's memory
    as its own (Linux keeps a process's peak across ``fork`` and ``exec``). A program
    that fails stops the bench with what it said."""
    wrapped = [sys.executable, str(Path(__file__).resolve()), "run", "--", *argv]
    done = subprocess.run(wrapped, capture_output=True, text=True, check=False)
    *printed, last = (done.stdout.rstrip("\n") or "{}").split("\n")
    out = "\n".join(printed) + done.stderr
    if done.returncode != 0:
        raise SystemExit(f"bench: {Path(argv[0]).name} failed ({done.returncode}): {out[-2000:]}")
    return Cost(**json.loads(last)), out


def _run(argv: list[str]) -> int:
    """(In the small process.) Run ``argv``, print what it printed, then its cost as one
    line of JSON."""
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stdout.write(done.stdout.decode("utf-8", "replace").rstrip("\n") + "\n")
    cost = Cost(
        round(wall, 3), round(usage.ru_utime + usage.ru_stime, 3), round(usage.ru_maxrss / 1024, 1)
    )
    print(json.dumps(asdict(cost)))
    return done.returncode


def jpeg_floor(paths: Iterable[Path]) -> tuple[float, int]:
    """(CPU seconds, files): each JPEG decoded, then only encoding its pixels again at
    quality 90 timed (``time.process_time``): the encode floor of cards and slides."""
    from PIL import Image

    total, count = 0.0, 0
    for path in paths:
        with Image.open(path) as image:
            image.load()
            started = time.process_time()
            image.save(io.BytesIO(), "JPEG", quality=90)
            total += time.process_time() - started
        count += 1
    return total, count


def search_index_cost(output: Path) -> tuple[Cost, Cost]:
    """Pagefind alone over ``output``'s pages marked for the index (the published posts'),
    with the build's own binary and flags: over all of them (the whole index) and over
    the largest shelf the build puts them on. Each reads a folder of hard links to the
    pages and writes into a temporary folder, so that the site is left as it is."""
    from healthnotes.site import search

    pages = {page.relative_to(output).as_posix(): page for page in output.rglob("*.html")}
    marked = [
        relative
        for relative, page in sorted(pages.items())
        if not relative.startswith(f"{search.FOLDER}/")
        and b"data-pagefind-body" in page.read_bytes()
    ]
    largest = max(search.shelves(marked), key=lambda shelf: len(shelf.pages)).pages
    with tempfile.TemporaryDirectory(prefix="bench-pagefind-", dir=output.parent) as folder:
        return (
            _pagefind_cost(output, marked, Path(folder) / "whole"),
            _pagefind_cost(output, largest, Path(folder) / "shelf"),
        )


def _pagefind_cost(output: Path, pages: Iterable[str], folder: Path) -> Cost:
    from healthnotes.site import search

    site = folder / "pages"
    search.link_pages(output, pages, site)
    return program_cost(search.command(site, "**/*.html", into=folder / "index"))[0]


def model_cost(content: Path, posts: int) -> dict[str, float | int]:
    """The gate's language model in a fresh process, over ``posts`` sample posts."""
    argv = [sys.executable, str(Path(__file__).resolve()), "model", str(content), str(posts)]
    cost, out = program_cost(argv)
    # its figures are its last line of JSON (a library's warning may come after it)
    figures = json.loads(next(line for line in reversed(out.splitlines()) if line[:1] == "{"))
    return {**figures, "process_peak_mb": cost.peak_mb, "process_wall_s": cost.wall_s}


def _model_figures(content: Path, posts: int) -> dict[str, float | int]:
    """(In the fresh process.) Load the model, then read the sample posts' sentences as
    the gate hands them over: every sentence of the title, summary and paragraphs."""
    sys.path.insert(0, str(HERE))
    from media import _config, _load  # the bench's own reading of a generated post

    from healthnotes.gate import ner
    from healthnotes.gate.privacy.scan import model_sentences

    config = _config(content)
    today = datetime.now(ZoneInfo(config.timezone)).date()
    sample = [
        _load(path, config, today) for path in sorted((content / "posts").glob("*.md"))[:posts]
    ]
    sentences = [
        sentence
        for post, paragraphs in sample
        for text in (post.title, post.summary, *paragraphs)
        for sentence in model_sentences(text)
    ]
    started = time.process_time()
    ner.model()
    loaded = time.process_time()
    ner.people_dates_places(sentences)
    read = time.process_time()
    return {
        "posts": len(sample),
        "sentences": len(sentences),
        "load_cpu_s": round(loaded - started, 3),
        "cpu_s_per_post": round((read - loaded) / len(sample), 4),
    }


def lower_bounds(
    result: dict, search: Cost, model: dict[str, float | int], cpus: int, shelf: Cost | None = None
) -> dict[str, dict[str, float]]:
    """The least each target case can cost on this machine (see the module's docstring),
    next to the most its target allows, both in seconds (or MB) and as a ratio
    (``search``: Pagefind over the whole site; ``shelf``: over one shelf, the whole site
    when not given)."""
    shelf = shelf or search
    cases = result["cases"]
    posts = result["posts"]
    cards = result["details"]["render_phase"]["cards"]
    media = result.get("media") or {}
    slides_per_post = media.get("slides", 0) / max(media.get("media_posts", 0), 1)
    plain_cold, plain_warm = cases["cold"]["pelican_s"], cases["warm"]["pelican_s"]
    plain_peak = result["peak_rss_mb"]["pelican"]
    encode_s = (
        cards * result["encode_floor_ms"]
        + posts * slides_per_post * media.get("slide_floor_ms", 0.0)
    ) / 1000
    model_s = posts * float(model["cpu_s_per_post"])
    cold = (encode_s + model_s + cases["cold"]["pelican_cpu_s"]) / cpus
    edit = plain_warm + shelf.wall_s
    peak = max(search.peak_mb, float(model["process_peak_mb"]))
    return {
        "cold": _bound(cold, plain_cold, 10.0, encode_s=encode_s, model_s=model_s, cpus=cpus),
        "edit_one": _bound(edit, plain_warm, 1.3, search_s=shelf.wall_s),
        "peak_rss": _bound(
            peak, plain_peak, 2.0, search_mb=search.peak_mb, model_mb=model["process_peak_mb"]
        ),
    }


def _bound(floor: float, plain: float, target: float, **parts: float) -> dict[str, float]:
    return {
        "floor": round(floor, 2),
        "floor_ratio": round(floor / plain, 2),
        "allowed": round(plain * target, 2),
        "target_ratio": target,
        **{name: round(float(value), 2) for name, value in parts.items()},
    }


def measure(result: dict, output: Path, content: Path, sample_posts: int) -> dict:
    """Pagefind alone, the model alone and the bounds, for ``result`` (the bench's)."""
    search, shelf = search_index_cost(output)
    model = model_cost(content, sample_posts)
    cpus = os.cpu_count() or 1
    return {
        "search_index": asdict(search),
        "search_shelf": asdict(shelf),
        "model": model,
        "cpus": cpus,
        "bounds": lower_bounds(result, search, model, cpus, shelf),
    }


if __name__ == "__main__":
    # python bench/floors.py model CONTENT_FOLDER POSTS | python bench/floors.py run -- ARGV
    if sys.argv[1:3] and sys.argv[1:3] == ["run", "--"]:
        sys.exit(_run(sys.argv[3:]))
    if sys.argv[1:2] != ["model"] or len(sys.argv) != 4:
        raise SystemExit("usage: floors.py model CONTENT_FOLDER POSTS | floors.py run -- ARGV")
    print(json.dumps(_model_figures(Path(sys.argv[2]), int(sys.argv[3]))))
