"""Pelican glue for syndication: cards and per-platform texts for every post.

Connects its signals and calls :mod:`syndicate.syndication`; it makes no
decisions of its own. Needs the ``practice`` plugin (listed before it), which
validates posts and builds the site configuration.

When every post is read, the texts are fitted and attached with the cards' addresses;
the cards the cache lacks are drawn and the syndication files written in a process of
their own while Pelican writes the pages; once the article pages are written the
cards are waited for (a card that cannot be drawn stops the build) and sized.
"""

from __future__ import annotations

from blinker import signal
from pelican import signals

from .glue import finish_cards, prepare_syndication, start_drawer


def register() -> None:
    # Sent by the practice plugin's reader for each post parsed from its file.
    signal("practice.read_from_file").connect(start_drawer)
    signals.all_generators_finalized.connect(prepare_syndication)
    signals.article_writer_finalized.connect(finish_cards)
