"""Pelican glue for the patient-safety gate.

Runs :mod:`syndicate.gate` on every post that is or will be published, after the
syndication plugin has made the per-platform texts: in a process of its own while
Pelican writes the pages into the staging folder, waited for before anything is
published (an error publishes nothing); writes the build report; strips metadata
from every published picture.
List it after ``practice`` and ``syndication`` in ``PLUGINS``.
"""

from __future__ import annotations

from blinker import signal
from pelican import signals

from .glue import (
    finish_gate,
    remember_static_files,
    run_gate,
    start_checker,
    strip_published_pictures,
)


def register() -> None:
    # Sent by the practice plugin's reader for each post parsed from its file.
    signal("practice.read_from_file").connect(start_checker)
    signals.all_generators_finalized.connect(run_gate)
    signals.finalized.connect(finish_gate)
    signals.static_generator_finalized.connect(remember_static_files)
    signals.finalized.connect(strip_published_pictures)
