"""The cost of carousel slides and videos against their floors (``make bench``'s ``media`` case).

Run in the bench's own process, one thread, on a sample of the generated posts (every type):

* **slides**: each sampled post's three carousels (Instagram 4:5, TikTok 9:16, the
  LinkedIn document's pages), made from nothing (no cache) exactly as a build's worker
  makes them: planning, fitting the text, drawing, JPEG encoding. ``ms_per_slide`` is
  the CPU time (``time.process_time``) divided by the slides made. The floor,
  ``slide_floor_ms``, is the CPU time to JPEG-encode the same slides again from
  already-decoded pixels with the same encoder and quality; ``slide_vs_floor`` is their
  ratio (target <= 2).
* **video**: the MP4 of the first sampled posts' 9:16 slides (``VIDEO = True``), made
  as a build makes it. ``render_video`` times the encoder's own share (every
  ``encode``/``mux`` call and the trailer); ``video_vs_encoder`` is the whole video's
  time over that share (target <= 1.5): what decoding the slides, cross-fading and
  handing frames over adds to the encoder's own work. Both are also given per second
  of video.
"""

from __future__ import annotations

import runpy
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import simplejpeg

from healthnotes.config import SiteConfig
from healthnotes.content.model import Post
from healthnotes.content.post_file import read_post
from healthnotes.social.slides import carousel
from healthnotes.social.slides.plan import paragraphs_from_html
from healthnotes.social.slides.render import JPEG_QUALITY, encode
from healthnotes.social.slides.video import VideoSettings, render_video

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("instagram", "tiktok", "linkedin")


def _config(content: Path) -> SiteConfig:
    settings = runpy.run_path(str(ROOT / "publishconf.py"))
    settings["PATH"] = str(content)
    settings["REQUIRE_SIGN_OFF"] = False
    return SiteConfig.from_settings(settings)


def _load(path: Path, config: SiteConfig, today: date) -> tuple[Post, list[str]]:
    """A generated post as the build reads it: fields, then the body rendered by Markdown."""
    post, problems, html = read_post(path, config, today=today)
    if post is None:
        raise SystemExit(f"bench: {path}: " + "; ".join(p.format() for p in problems))
    return post, paragraphs_from_html(html)


def measure(content: Path, *, posts: int = 12, videos: int = 2) -> dict[str, float | int]:
    """Slide and video cost of the first ``posts`` generated posts under ``content``."""
    config = _config(content)
    today = datetime.now(ZoneInfo(config.timezone)).date()
    sample = [
        _load(path, config, today) for path in sorted((content / "posts").glob("*.md"))[:posts]
    ]

    made: list[bytes] = []
    started = time.process_time()
    nine_by_sixteen = []
    for post, paragraphs in sample:
        for fmt in FORMATS:
            slides = carousel(post, paragraphs, config, fmt)
            made += [s.jpeg for s in slides]
            if fmt == "tiktok":
                nine_by_sixteen.append(slides)
    slides_cpu = time.process_time() - started

    pixels = [np.ascontiguousarray(simplejpeg.decode_jpeg(j, colorspace="RGB")) for j in made]
    started = time.process_time()
    for p in pixels:
        encode(p, JPEG_QUALITY)
    floor_cpu = time.process_time() - started

    seconds = whole = encoder = 0.0
    for slides in nine_by_sixteen[:videos]:
        result = render_video(slides, VideoSettings())
        seconds += result.seconds
        whole += result.wall
        encoder += result.encoder

    ms_per_slide = 1000 * slides_cpu / len(made)
    floor_ms = 1000 * floor_cpu / len(made)
    return {
        "media_posts": len(sample),
        "slides": len(made),
        "ms_per_slide": round(ms_per_slide, 2),
        "slide_floor_ms": round(floor_ms, 2),
        "slide_vs_floor": round(ms_per_slide / floor_ms, 2),
        "videos": min(videos, len(nine_by_sixteen)),
        "video_seconds": round(seconds, 1),
        "video_s_per_video_s": round(whole / seconds, 3),
        "encoder_s_per_video_s": round(encoder / seconds, 3),
        "video_vs_encoder": round(whole / encoder, 2),
    }


if __name__ == "__main__":  # python bench/media.py CONTENT_FOLDER
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1])), indent=2))
