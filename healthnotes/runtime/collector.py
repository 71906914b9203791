"""How often the build's own process looks for reference cycles.

Python frees most objects as soon as they are unused; its cycle collector finds the
rest by walking live objects, and by default it starts after every 700 new container
objects, walking the whole heap again each time the heap has grown by a quarter. The
build's process holds every post, page and cache entry of the site while it creates
millions of short-lived objects (templates rendering, caches loading), so with the
default it spends its time walking the same long-lived objects again and again.

:func:`collect_less_often` makes the first threshold :data:`COLLECT_EVERY`: cycles are
still freed, in fewer and shorter collections (docs/performance.md, "Measured choices",
has the figures).
"""

from __future__ import annotations

import gc

#: New container objects between two collections of the youngest generation.
COLLECT_EVERY = 20_000


def collect_less_often() -> None:
    """Collect cycles after :data:`COLLECT_EVERY` new objects (the older generations'
    thresholds, counted in collections of the younger one, stay as they are)."""
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, middle, oldest)
