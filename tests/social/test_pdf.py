"""healthnotes.social.slides.pdf: the LinkedIn document, read back with pypdf."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sample_posts import load, site_config

from healthnotes.social.slides import carousel, carousel_pdf


def alt_texts(node) -> list[str]:
    """Every /Alt in a tagged PDF's structure tree, in document order."""
    node = node.get_object() if hasattr(node, "get_object") else node
    found: list[str] = []
    if isinstance(node, list):
        for child in node:
            found += alt_texts(child)
    elif isinstance(node, dict):
        if "/Alt" in node:
            found.append(str(node["/Alt"]))
        if "/K" in node:
            found += alt_texts(node["/K"])
    return found


def test_the_document_has_one_page_per_slide_at_the_slides_ratio_with_their_alt_text():
    post, paragraphs = load("spinach-recall")
    slides = carousel(post, paragraphs, site_config(), "linkedin")
    data = carousel_pdf(slides, title=post.title)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(slides)
    for page, slide in zip(reader.pages, slides, strict=True):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width / height - slide.width / slide.height) < 1e-6
        [xobject] = page["/Resources"]["/XObject"].values()
        image = xobject.get_object()
        assert image["/Filter"] == "/DCTDecode"
        assert image.get_data() == slide.jpeg  # embedded as it is, not re-encoded
    assert reader.metadata.title == post.title
    assert alt_texts(reader.trailer["/Root"]["/StructTreeRoot"]) == [s.alt for s in slides]
    assert carousel_pdf(slides, title=post.title) == data  # same slides, same bytes
