"""Pelican glue for the practice blog: connects signals, converts, delegates.

Every decision lives in the ``syndicate`` library; this package only turns
Pelican objects into plain inputs, calls ``syndicate`` and puts the results
where Pelican's templates and writer expect them. Receivers are module-level
functions because Pelican's signals hold them weakly.
"""

from __future__ import annotations

from pelican import signals

from . import readahead
from .glue import attach_posts, configure, install_reader, prepare_pages, write_feeds


def register() -> None:
    signals.initialized.connect(configure)
    signals.readers_init.connect(install_reader)
    signals.article_generator_preread.connect(readahead.start)  # posts parsed ahead
    signals.article_generator_finalized.connect(readahead.stop)
    signals.article_generator_finalized.connect(attach_posts)
    signals.page_generator_finalized.connect(prepare_pages)
    signals.finalized.connect(write_feeds)  # after the syndication plugin sized the cards
