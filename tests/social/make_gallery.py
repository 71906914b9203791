"""Write the example carousels in docs/gallery/slides/ (small JPEGs, a third of full size).

Run: PYTHONPATH=. .venv/bin/python tests/social/make_gallery.py
"""

from __future__ import annotations

import io

from PIL import Image
from sample_posts import ROOT, load, site_config

from healthnotes.social.slides import carousel

GALLERY = ROOT / "docs" / "gallery" / "slides"
EXAMPLES = (("antibiotics-cold-myth", "instagram"), ("spinach-recall", "tiktok"))
SCALE = 3


def main() -> None:
    GALLERY.mkdir(parents=True, exist_ok=True)
    for old in GALLERY.glob("*.jpg"):
        old.unlink()
    lines = ["# Example carousels", ""]
    for name, platform in EXAMPLES:
        post, paragraphs = load(name)
        slides = carousel(post, paragraphs, site_config(), platform)
        lines += [f"## {name} ({platform}, {slides[0].width}x{slides[0].height})", ""]
        for number, slide in enumerate(slides, start=1):
            image = Image.open(io.BytesIO(slide.jpeg))
            small = image.resize((image.width // SCALE, image.height // SCALE), Image.LANCZOS)
            file = f"{name}-{platform}-{number:02d}.jpg"
            small.save(GALLERY / file, quality=80)
            lines.append(f"{number}. `{file}` — alt: {slide.alt}")
        lines.append("")
    (GALLERY / "README.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
