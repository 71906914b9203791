"""The practice blog's one Pelican plugin."""

from __future__ import annotations

from blinker import signal
from pelican import signals

from . import outscan, practice, readahead, safety, syndication


def register() -> None:
    signals.initialized.connect(practice.configure)
    signals.readers_init.connect(practice.install_reader)
    signals.article_generator_preread.connect(readahead.start)
    signals.article_generator_finalized.connect(readahead.stop)
    signals.article_generator_finalized.connect(practice.attach_posts)
    signals.page_generator_finalized.connect(practice.prepare_pages)
    signal("practice.read_from_file").connect(syndication.start_drawer)
    signal("practice.read_from_file").connect(safety.start_checker)
    signals.all_generators_finalized.connect(syndication.prepare_syndication)
    signals.all_generators_finalized.connect(safety.run_gate)
    signals.all_generators_finalized.connect(outscan.remember_sources)
    signals.article_writer_finalized.connect(syndication.finish_cards)
    signals.finalized.connect(practice.write_feeds)
    signals.finalized.connect(safety.finish_gate)
    signals.finalized.connect(outscan.scan_staging)  # after the per-post gate: the last line
    signals.static_generator_finalized.connect(safety.remember_static_files)
    signals.finalized.connect(safety.strip_published_pictures)
