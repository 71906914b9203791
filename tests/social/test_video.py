"""healthnotes.social.slides.video: a short vertical MP4, probed with PyAV."""

from __future__ import annotations

import importlib
import io
import struct
from dataclasses import dataclass, replace

import av
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sample_posts import site_config

from conftest import typed_post
from healthnotes.content.model import Misconception
from healthnotes.social.slides import ContentCache, carousel, video
from healthnotes.social.slides.video import VideoError, VideoSettings, render_video, timeline

SETTINGS = VideoSettings()
#: The module (the package exports its function of the same name).
video_module = importlib.import_module("healthnotes.social.slides.video")


@pytest.fixture(scope="module")
def slides():
    post = typed_post(
        Misconception(myth="Cold weather gives you a cold.", fact="Viruses cause colds."),
        title="Does cold weather cause colds?",
    )
    return carousel(post, ["Colds spread indoors, where people gather."], site_config(), "tiktok")


@pytest.fixture(scope="module")
def result(slides):
    return render_video(slides, SETTINGS)


def top_level_boxes(data: bytes) -> list[str]:
    boxes, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8 : offset + 16])[0]
        boxes.append(kind.decode("latin-1"))
        if size < 8:
            break
        offset += size
    return boxes


def test_the_video_is_h264_yuv420p_1080x1920_silent_and_10_to_30_seconds(result):
    with av.open(io.BytesIO(result.data)) as container:
        assert not container.streams.audio and len(container.streams) == 1
        [stream] = container.streams.video
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        assert (stream.codec_context.width, stream.codec_context.height) == (1080, 1920)
        fps = stream.average_rate
        assert fps == SETTINGS.fps
        duration = float(stream.duration * stream.time_base)
        assert 10 <= duration <= 30
        frames = sum(1 for _ in container.decode(stream))
    assert frames == round(duration * fps) == result.frames


def test_the_index_comes_before_the_media_faststart(result):
    boxes = top_level_boxes(result.data)
    assert boxes[0] == "ftyp" and "moov" in boxes and "mdat" in boxes
    assert boxes.index("moov") < boxes.index("mdat")


def test_the_encoders_share_of_the_time_is_recorded_for_the_bench(result):
    """make bench compares a video's time with the encoder's own share (no timing here)."""
    assert 0 < result.encoder <= result.wall


def test_a_slide_is_in_the_frames_so_its_text_is_burned_in(result, slides):
    import numpy as np
    import simplejpeg

    first = simplejpeg.decode_jpeg(slides[0].jpeg).astype(np.int16)
    with av.open(io.BytesIO(result.data)) as container:
        frame = next(container.decode(video=0)).to_ndarray(format="rgb24").astype(np.int16)
    assert np.abs(frame - first).mean() < 6  # the cover, give or take the encoder


def test_video_is_off_by_site_setting_or_by_post(slides):
    assert video(slides, replace(SETTINGS, enabled=False)) is None
    assert video(slides, SETTINGS, post_enabled=False) is None


def test_an_unchanged_video_is_not_encoded_again(slides, result, tmp_path, monkeypatch):
    cache = ContentCache(tmp_path, ".mp4")
    monkeypatch.setattr(video_module, "render_video", lambda *_a: result)
    data = video(slides, SETTINGS, cache=cache)
    assert data == result.data

    def no_encoding(*_a):
        raise AssertionError("encoded again")

    monkeypatch.setattr(video_module, "render_video", no_encoding)
    assert video(slides, SETTINGS, cache=ContentCache(tmp_path, ".mp4")) == result.data


def test_slides_of_another_size_are_refused(result):
    post = typed_post(Misconception(myth="A.", fact="B."))
    wrong = carousel(post, [], site_config(), "instagram")
    with pytest.raises(VideoError, match="1080x1920"):
        render_video(wrong, SETTINGS)


@dataclass(frozen=True)
class FakeSlide:
    words: int
    essential: bool
    jpeg: bytes = b""
    width: int = 1080
    height: int = 1920


@given(st.lists(st.tuples(st.integers(0, 120), st.booleans()), min_size=1, max_size=40))
def test_any_slides_make_10_to_30_seconds_keeping_every_essential_one_or_an_error(specs):
    slides = [FakeSlide(words=w, essential=e) for w, e in specs]
    try:
        chosen, line = timeline(slides, SETTINGS)
    except VideoError:
        essential = sum(1 for s in slides if s.essential)
        assert essential * SETTINGS.hold.floor + (essential - 1) * SETTINGS.crossfade > 29
        return
    assert 10 <= line.seconds <= 30
    assert line.frames == sum(line.holds) + line.fade * (len(chosen) - 1)
    assert all(i in chosen for i, s in enumerate(slides) if s.essential)
    assert chosen == sorted(chosen)
    assert min(line.holds) >= 1
