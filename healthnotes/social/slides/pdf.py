"""One PDF of a carousel's slides, a page each: LinkedIn's document post.

Made with fpdf2 (pure Python, maintained): each page is exactly one slide's JPEG,
embedded as it is (DCTDecode, no re-encoding), filling the page; the slide's alt
text goes with the image. The creation date is fixed so the same slides make the
same bytes (the file can be cached by content).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Protocol

from fpdf import FPDF

from healthnotes.social.slides.image import SlideImage

#: Page size: PDF points per slide pixel (1080 px -> 540 pt = 7.5 in).
POINTS_PER_PIXEL = 0.5
#: Written into every file instead of "now", so the bytes depend only on the slides.
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


class PdfSlide(SlideImage, Protocol):
    @property
    def alt(self) -> str: ...


def slides_pdf(slides: Sequence[PdfSlide], *, title: str = "") -> bytes:
    """The PDF bytes: one page per slide, in order."""
    if not slides:
        raise ValueError("a document needs at least one slide")
    pdf = FPDF(unit="pt")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(auto=False)
    pdf.set_margin(0)
    if title:
        pdf.set_title(title)
    pdf.set_lang("en")
    for slide in slides:
        w, h = slide.width * POINTS_PER_PIXEL, slide.height * POINTS_PER_PIXEL
        pdf.add_page(format=(w, h))
        pdf.image(io.BytesIO(slide.jpeg), x=0, y=0, w=w, h=h, alt_text=slide.alt)
    return bytes(pdf.output())
