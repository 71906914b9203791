#!/usr/bin/env python3
"""Card and slide CPU against their JPEG floors, two versions of the code alternating.

``python bench/cards.py OLD_TREE [NEW_TREE] [--posts 240] [--rounds 4] [--slides]``

OLD_TREE and NEW_TREE are folders holding a ``healthnotes/`` package (a ``git archive``
of a commit, a worktree; NEW_TREE defaults to this checkout). Once, ``bench/corpus.py``
writes the benchmark's posts into a temporary folder. Then, ``--rounds`` times, each
tree in turn (the order alternating) draws in a fresh process, one thread:

* **cards**: every card of the posts, as a build's worker draws them
  (``plan_cards``, ``card_groups``, ``draw_group`` writing into a cache folder: on
  tmpfs when there is one, as the file system's own noise is no part of the code), CPU
  time (``time.process_time``) per card, split into cards with and without a hero; the
  floor is ``bench/run.py``'s: each card decoded, then only Pillow's ``save(quality=90)``
  timed;
* **slides** (``--slides``): ``bench/media.py``'s case, the three carousels of the first
  12 posts, against simplejpeg re-encoding the same slides.

The machine is shared: a gain counts when it shows in every round, and the medians
printed at the end are what to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 5)
SLIDE_POSTS = 12
SLIDE_FORMATS = ("instagram", "tiktok", "linkedin")


def measure(content: Path, posts: int, cache: Path, slides: bool) -> dict[str, float]:
    """One pass in this process, with the ``healthnotes`` on ``sys.path``."""
    import numpy as np
    import simplejpeg
    from floors import jpeg_floor  # (this folder: bench/)

    from healthnotes.config import SiteConfig
    from healthnotes.content.post_file import read_post
    from healthnotes.social.cards.draw import card_groups, draw_group
    from healthnotes.social.plan import plan_cards

    settings = runpy.run_path(str(ROOT / "publishconf.py"))
    settings["PATH"] = str(content)
    settings["REQUIRE_SIGN_OFF"] = False
    config = SiteConfig.from_settings(settings)
    loaded = []
    for path in sorted((content / "posts").glob("*.md"))[:posts]:
        post, problems, html = read_post(path, config, today=TODAY)
        if post is None:
            raise SystemExit(f"{path}: " + "; ".join(p.format() for p in problems))
        loaded.append((post, html))
    cpu = {True: 0.0, False: 0.0}
    count = {True: 0, False: 0}
    for group in card_groups(plan_cards([post for post, _ in loaded], config)):
        started = time.process_time()
        for _, entry, _, message in draw_group(cache, group):
            if entry is None:
                raise SystemExit(f"bench: a card failed: {message}")
        hero = group[0].hero_file is not None
        cpu[hero] += time.process_time() - started
        count[hero] += len(group)
    floor, cards = jpeg_floor(sorted(cache.rglob("*.jpg")))
    total = count[True] + count[False]
    result = {
        "card_ms": (cpu[True] + cpu[False]) * 1000 / total,
        "hero_card_ms": cpu[True] * 1000 / max(1, count[True]),
        "plain_card_ms": cpu[False] * 1000 / max(1, count[False]),
        "card_floor_ms": floor * 1000 / cards,
    }
    if slides:
        from healthnotes.social.slides import carousel
        from healthnotes.social.slides.plan import paragraphs_from_html
        from healthnotes.social.slides.render import JPEG_QUALITY, encode

        made: list[bytes] = []
        started = time.process_time()
        for post, html in loaded[:SLIDE_POSTS]:
            paragraphs = paragraphs_from_html(html)
            for fmt in SLIDE_FORMATS:
                made += [slide.jpeg for slide in carousel(post, paragraphs, config, fmt)]
        slide_cpu = time.process_time() - started
        pixels = [simplejpeg.decode_jpeg(jpeg, colorspace="RGB") for jpeg in made]
        started = time.process_time()
        for picture in pixels:
            encode(np.ascontiguousarray(picture), JPEG_QUALITY)
        result["slide_ms"] = slide_cpu * 1000 / len(made)
        result["slide_floor_ms"] = (time.process_time() - started) * 1000 / len(made)
    return result


def _pass(tree: Path, content: Path, posts: int, slides: bool) -> dict[str, float]:
    """:func:`measure` in a fresh process with ``tree`` first on its path."""
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as cache:
        command = [sys.executable, __file__, "--measure", str(content), str(posts), cache]
        command += ["--slides"] if slides else []
        env = {**os.environ, "PYTHONPATH": str(tree)}
        done = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"bench: {tree}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def _ratios(runs: list[dict[str, float]]) -> dict[str, float]:
    out = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    out["card_vs_floor"] = statistics.median(r["card_ms"] / r["card_floor_ms"] for r in runs)
    if "slide_ms" in runs[0]:
        out["slide_vs_floor"] = statistics.median(r["slide_ms"] / r["slide_floor_ms"] for r in runs)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--measure"]:
        content, posts, cache = Path(args[1]), int(args[2]), Path(args[3])
        print(json.dumps(measure(content, posts, cache, "--slides" in args)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path, nargs="?", default=ROOT)
    parser.add_argument("--posts", type=int, default=240)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--slides", action="store_true")
    options = parser.parse_args(args)
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import make_corpus

    trees = {"old": options.old.resolve(), "new": options.new.resolve()}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        make_corpus(content, options.posts)
        for number in range(options.rounds):
            order = list(trees) if number % 2 == 0 else list(reversed(trees))
            for name in order:
                runs[name].append(_pass(trees[name], content, options.posts, options.slides))
                shown = {k: round(v, 3) for k, v in runs[name][-1].items()}
                print(f"round {number + 1} {name}: {shown}", flush=True)
    for name, done in runs.items():
        print(f"{name} (medians): { ({k: round(v, 3) for k, v in _ratios(done).items()}) }")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
