"""Pelican glue for syndication: cards and per-platform texts for every post.

Connects its signals and calls :mod:`syndicate.syndication`; it makes no
decisions of its own. Needs the ``practice`` plugin (listed before it), which
validates posts and builds the site configuration.
"""

from __future__ import annotations

from pelican import signals

from .glue import finish_writing, prepare_syndication, start_writing


def register() -> None:
    signals.all_generators_finalized.connect(prepare_syndication)
    signals.get_writer.connect(start_writing)
    signals.finalized.connect(finish_writing)
