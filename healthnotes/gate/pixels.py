"""How many pixels a picture has, read from its header, before anything decodes it.

A picture file a few kilobytes long can say it is 30000 x 30000 pixels: decoding it
takes gigabytes. Pillow refuses only pictures above twice its own limit, and calls
them damaged. Here the size is read from the header alone (Pillow's format readers,
without its check), so a picture over the site's limit (``MAX_PICTURE_PIXELS``,
:data:`healthnotes.config.DEFAULT_MAX_PICTURE_PIXELS`) is reported with its size.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

_PREFIX = 16


def picture_dimensions(path: Path) -> tuple[int, int] | None:
    """(width, height) from the picture's header; None when no Pillow reader knows it."""
    Image.init()
    try:
        with path.open("rb") as fp:
            prefix = fp.read(_PREFIX)
            for name in Image.ID:
                factory, accept = Image.OPEN[name]
                if accept is not None and not accept(prefix):
                    continue
                fp.seek(0)
                try:
                    # The format's reader reads the header only; Image.open would also
                    # run the decompression-bomb check this module replaces.
                    with factory(fp, str(path)) as picture:
                        return picture.size
                except (SyntaxError, OSError, ValueError, IndexError, TypeError):
                    fp.seek(0)
    except OSError:
        return None
    return None


def pixel_problem(size: tuple[int, int] | None, limit: int) -> str | None:
    """What to tell a person whose picture of ``size`` is over ``limit`` pixels."""
    if size is None or size[0] * size[1] <= limit:
        return None
    return (
        f"is too large ({size[0]} x {size[1]} pixels, limit {limit:,}); make it smaller "
        "in a photo editor (2400 pixels on its longer side is plenty for a web page), "
        "or raise MAX_PICTURE_PIXELS in pelicanconf.py"
    )
