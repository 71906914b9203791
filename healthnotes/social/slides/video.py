"""A short vertical video from a post's 9:16 slides: Reels, TikTok, Shorts, Facebook.

H.264 (libx264) in MP4, yuv420p, 1080x1920, silent, ``+faststart`` (the index
before the media, so playback starts before the download ends), 10 to 30 seconds.
The captions are the slides: their text is in the frames. Each slide is held for a
time from its word count (:data:`HOLD`), with a cross-fade between slides.

Made with PyAV, which bundles FFmpeg and libx264 in its wheel (no system ffmpeg).
Cost beyond the encoder is kept small: each slide is decoded and converted to
yuv420p (OpenCV, BT.601 limited range, tagged as such) once; a held slide sends the
same ``VideoFrame`` again with a new timestamp; cross-fade frames are blended in
yuv420p with ``cv2.addWeighted`` (the conversion is affine, so this equals blending
RGB). :func:`render_video` reports how much of its time was the encoder's own, so
a benchmark can compare the two.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from healthnotes.errors import SyndicateError
from healthnotes.social.slides.cache import ContentCache, digest
from healthnotes.social.slides.image import SlideImage
from healthnotes.social.slides.plan import Droppable, drop_inessential

if TYPE_CHECKING:
    import numpy as np

#: Part of the cache key: bump when anything here changes the file.
VIDEO_VERSION = "1"
WIDTH, HEIGHT = 1080, 1920


class VideoError(SyndicateError):
    """A video cannot be made from these slides (wrong size, too many for 30 s)."""


@dataclass(frozen=True, kw_only=True)
class HoldRule:
    """How long a slide is shown whole: ``base + words / words_per_second``, within
    ``shortest``..``longest`` (seconds); squeezed no lower than ``floor`` to fit."""

    base: float = 1.2
    #: 3 words a second (180 a minute): an unhurried reading pace for captions.
    words_per_second: float = 3.0
    shortest: float = 2.0
    longest: float = 5.0
    floor: float = 1.2


HOLD = HoldRule()


@dataclass(frozen=True, kw_only=True)
class VideoSettings:
    """The site's video settings (``enabled``: the per-site switch)."""

    enabled: bool = True
    fps: int = 30
    codec: str = "libx264"
    #: superfast: the presets compared (time and size) are in docs/social-formats.md.
    preset: str = "superfast"
    crf: int = 23
    #: Encoder threads: 1, since videos are made in parallel with other work.
    threads: int = 1
    crossfade: float = 0.5
    shortest: float = 10.0
    longest: float = 30.0
    hold: HoldRule = HOLD


class VideoSlide(SlideImage, Droppable, Protocol):
    @property
    def words(self) -> int: ...


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """Frames each slide is held, and frames per cross-fade."""

    holds: tuple[int, ...]
    fade: int
    fps: int

    @property
    def frames(self) -> int:
        return sum(self.holds) + self.fade * (len(self.holds) - 1)

    @property
    def seconds(self) -> float:
        return self.frames / self.fps


def timeline(slides: Sequence[VideoSlide], settings: VideoSettings) -> tuple[list[int], Timeline]:
    """Which slides go into the video (indexes) and for how long, 10-30 s in all.

    Holds come from word counts; a video that would be too short is slowed evenly; one
    too long first loses its non-essential slides (last first), then is sped up evenly
    down to the hold floor. :class:`VideoError` when even that is over the limit."""
    rule, fps = settings.hold, settings.fps
    fade = round(settings.crossfade * fps)
    if not slides:
        raise VideoError("a video needs at least one slide")

    def wanted(i: int) -> float:
        return min(
            rule.longest, max(rule.shortest, rule.base + slides[i].words / rule.words_per_second)
        )

    def short_enough(indexes: list[int]) -> bool:
        seconds = sum(wanted(i) for i in indexes) + settings.crossfade * (len(indexes) - 1)
        return seconds <= settings.longest

    chosen = drop_inessential(
        range(len(slides)), short_enough, essential=lambda i: slides[i].essential
    )
    holds = [wanted(i) for i in chosen]
    fades = settings.crossfade * (len(chosen) - 1)
    budget_low, budget_high = settings.shortest - fades, settings.longest - fades
    if sum(holds) < budget_low:
        holds = [h * budget_low / sum(holds) for h in holds]
    elif sum(holds) > budget_high:
        holds = [max(rule.floor, h * budget_high / sum(holds)) for h in holds]
    frames = [max(1, round(h * fps)) for h in holds]
    low = round(settings.shortest * fps) - fade * (len(chosen) - 1)
    high = round(settings.longest * fps) - fade * (len(chosen) - 1)
    while sum(frames) < low:  # rounding: add or take single frames from the longest holds
        frames[frames.index(min(frames))] += 1
    while sum(frames) > high:
        longest = frames.index(max(frames))
        if frames[longest] <= round(rule.floor * fps):
            raise VideoError(
                f"{len(chosen)} slides need more than {settings.longest:g} s even at "
                f"{rule.floor:g} s each; the video is made from fewer, shorter slides"
            )
        frames[longest] -= 1
    return chosen, Timeline(holds=tuple(frames), fade=fade, fps=fps)


def _yuv(jpeg: bytes) -> np.ndarray:
    import cv2
    import simplejpeg

    rgb = simplejpeg.decode_jpeg(jpeg, colorspace="RGB")
    if rgb.shape[:2] != (HEIGHT, WIDTH):
        raise VideoError(
            f"video slides must be {WIDTH}x{HEIGHT}, got {rgb.shape[1]}x{rgb.shape[0]}"
        )
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2YUV_I420)


def _frames(slides: Sequence[VideoSlide], line: Timeline) -> Iterator[tuple[object, int]]:
    """(VideoFrame, how many times to send it) in order; held frames are one object."""
    import cv2
    from av import VideoFrame

    planes = [_yuv(s.jpeg) for s in slides]
    for i, plane in enumerate(planes):
        yield VideoFrame.from_ndarray(plane, format="yuv420p"), line.holds[i]
        if i + 1 < len(planes):
            after = planes[i + 1]
            for k in range(1, line.fade + 1):
                t = k / (line.fade + 1)
                mixed = cv2.addWeighted(plane, 1.0 - t, after, t, 0.0)
                yield VideoFrame.from_ndarray(mixed, format="yuv420p"), 1


@dataclass(frozen=True, kw_only=True)
class VideoResult:
    data: bytes
    frames: int
    seconds: float  # of video
    wall: float  # time render_video took
    encoder: float  # of which inside the encoder and muxer


def _open_stream(container: object, settings: VideoSettings) -> object:
    stream = container.add_stream(settings.codec, rate=settings.fps)  # type: ignore[attr-defined]
    stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
    stream.codec_context.thread_count = settings.threads
    stream.options = {
        "preset": settings.preset,
        "crf": str(settings.crf),
        # OpenCV's RGB->I420 is BT.601, limited range; sRGB primaries are BT.709's.
        "x264-params": "colorprim=bt709:transfer=bt709:colormatrix=smpte170m:range=tv",
    }
    return stream


def render_video(slides: Sequence[VideoSlide], settings: VideoSettings) -> VideoResult:
    """Encode the video, timing the encoder's own share."""
    import av

    started = time.perf_counter()
    chosen, line = timeline(slides, settings)
    encoder = 0.0
    with tempfile.TemporaryDirectory(prefix="slides-video-") as folder:
        path = Path(folder) / "video.mp4"
        with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            stream = _open_stream(out, settings)
            pts = 0
            for frame, times in _frames([slides[i] for i in chosen], line):
                for _ in range(times):
                    frame.pts = pts  # type: ignore[attr-defined]
                    pts += 1
                    t0 = time.perf_counter()
                    out.mux(stream.encode(frame))  # type: ignore[attr-defined]
                    encoder += time.perf_counter() - t0
            t0 = time.perf_counter()
            out.mux(stream.encode(None))  # type: ignore[attr-defined]
        encoder += time.perf_counter() - t0  # the trailer: faststart moves the index
        data = path.read_bytes()
    return VideoResult(
        data=data,
        frames=line.frames,
        seconds=line.seconds,
        wall=time.perf_counter() - started,
        encoder=encoder,
    )


def video_key(slides: Sequence[VideoSlide], settings: VideoSettings) -> str:
    import hashlib

    return digest(
        "video",
        VIDEO_VERSION,
        f"av-{metadata.version('av')}",
        f"opencv-{metadata.version('opencv-python-headless')}",
        f"simplejpeg-{metadata.version('simplejpeg')}",
        repr(settings),
        *(f"{hashlib.sha256(s.jpeg).hexdigest()}:{s.words}:{s.essential}" for s in slides),
    )


def video(
    slides_9x16: Sequence[VideoSlide],
    settings: VideoSettings,
    *,
    post_enabled: bool = True,
    cache: ContentCache | None = None,
) -> bytes | None:
    """The MP4 of ``slides_9x16`` (a ``carousel(..., "tiktok")``); None when videos are
    off for the site (``settings.enabled``) or the post (``post_enabled``: ``Video: no``)."""
    if not (settings.enabled and post_enabled):
        return None
    key = video_key(slides_9x16, settings) if cache is not None else ""
    if cache is not None and (found := cache.get(key)) is not None:
        return found
    data = render_video(slides_9x16, settings).data
    if cache is not None:
        cache.put(key, data)
        cache.save()
    return data


__all__ = [
    "HOLD",
    "VideoError",
    "VideoResult",
    "VideoSettings",
    "render_video",
    "timeline",
    "video",
]
