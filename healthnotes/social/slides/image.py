"""What the PDF and the video read of a drawn slide: its JPEG and its size.

:class:`~healthnotes.social.slides.Slide` has it; the PDF and the video take anything
with the parts they read, so they can be tested with plain objects.
"""

from __future__ import annotations

from typing import Protocol


class SlideImage(Protocol):
    """A drawn slide: its JPEG and its size in pixels."""

    @property
    def jpeg(self) -> bytes: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
