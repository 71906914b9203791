"""Which lines the build prints as they happen, and which wait for the gate (issue 17,
item 5).

A line that may carry text from a post (a file name, a title, a field's value) waits
until the privacy gate has run: only then is it known what to mask
(:class:`~healthnotes.gate.messages.Masker`). If the build stops before the gate runs,
the lines held are printed masked by :meth:`Masker.unchecked
<healthnotes.gate.messages.Masker.unchecked>`.

A line that cannot carry text from a post is printed as it happens, so that a long
build shows it is working. That is decided by data, not by the code that logs: a line
is live when its logger and template are in :data:`LIVE` (words written by this
project or Pelican) and every value put into it is a number (:func:`is_live`).
Everything else waits.

The pipeline says how far it has got with :func:`progress` (one of :data:`STEPS`), and
that the gate has run, with what it found, with :func:`gate_has_run`;
:class:`HeldLines` is the handler ``build.py`` prints every log line through.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from numbers import Real
from typing import TYPE_CHECKING, TextIO

from healthnotes.gate.messages import Masker

if TYPE_CHECKING:
    from healthnotes.cache.checks import CheckCache

#: The logger of the build's progress lines (shown at every verbosity).
PROGRESS = "healthnotes.progress"
#: How a progress line starts (tests and tools that read the build's messages skip it).
PROGRESS_PREFIX = "Building: "
#: What the build says as it goes, by step: numbers only are put into these.
STEPS: dict[str, str] = {
    "read": "read %d posts (published, scheduled and drafts)",
    "cards": "%d cards to draw, %d in all",
    "drawing": "drawing cards, %d of %d",
    "check": "checking %d posts for patient identifiers",
    "scan": "scanning everything about to be published",
}
#: (logger, template) of every line that is printed as it happens (its values numbers).
LIVE: frozenset[tuple[str, str]] = frozenset(
    {
        *((PROGRESS, template) for template in STEPS.values()),
        (
            "healthnotes.pipeline",
            "Cards: %d planned, %d rendered, %d from cache (%.2f s, %.2f s CPU)",
        ),
        ("healthnotes.social.media", "Carousels: %d posts, %d made again, %d slides drawn"),
        ("healthnotes.runtime.workers", "Workers: started the first of %d worker processes"),
        ("healthnotes.runtime.workers", "Workers: started %d more worker processes"),
        ("pelican.generators", "Generating source files..."),
    }
)
#: The logger that tells :class:`HeldLines` the gate has run (never printed).
GATE_DONE = "healthnotes.gate.done"

_progress = logging.getLogger(PROGRESS)
_progress.setLevel(logging.INFO)
_gate_done = logging.getLogger(GATE_DONE)
_gate_done.setLevel(logging.INFO)
_gate_done.addHandler(logging.NullHandler())  # no handler: not printed at all


def is_live(record: logging.LogRecord) -> bool:
    """Whether ``record`` can carry no text from a post: its template is in :data:`LIVE`
    and every value in it is a number."""
    if (record.name, record.msg) not in LIVE:
        return False
    values = record.args.values() if isinstance(record.args, dict) else record.args or ()
    return all(isinstance(v, Real) and not isinstance(v, bool) for v in values)


def progress(step: str, *counts: int) -> None:
    """Say how far the build has got (:data:`STEPS`), as it happens."""
    _progress.info(STEPS[step], *counts)


class LogProgress:
    """Cards drawn so far, one line per tenth (where no progress bar can be drawn: CI, a
    log file)."""

    def __init__(self, steps: int = 10) -> None:
        self.steps = steps
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        step = self.steps * done // max(total, 1)
        if step > self.shown:
            self.shown = step
            progress("drawing", done, total)


def gate_has_run(identifiers: Iterable[str], kept: CheckCache | None = None) -> None:
    """The gate has run and found ``identifiers``: the lines held are printed, masked
    with them, and every later line is printed as it happens. With ``kept``, the masked
    file names of the lines are kept there between builds (a site's warnings name the
    same files build after build)."""
    _gate_done.info("the gate has run", extra={"gate_found": tuple(identifiers), "gate_kept": kept})


class HeldLines(logging.StreamHandler):  # type: ignore[type-arg]
    """Prints the build's log lines, one plain masked line each: our content problems
    as formatted (``where: what``), the engine's lines as ``level: text``.

    While :meth:`hold` is on, a line that may carry text from a post waits until the
    gate has run (:func:`gate_has_run`), and is then printed with what the gate found
    masked; a live line (:func:`is_live`) is printed at once. Lines still held when the
    build stops (:meth:`print_held`) are masked without the gate
    (:meth:`Masker.unchecked`)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(stream or sys.stderr)
        self.masker = Masker.unchecked()
        #: How a file name is masked: by the masker, or kept (:meth:`print_held`).
        self.path: Callable[[str], str] | None = None
        self.held: list[logging.LogRecord] | None = None
        #: Every problem line printed (masked), to say again when nothing changed.
        self.problems: list[str] = []

    def hold(self) -> None:
        """Hold lines from now until the gate has run (or :meth:`print_held`)."""
        self.held = []
        self.masker = Masker.unchecked()
        self.path = None

    def emit(self, record: logging.LogRecord) -> None:
        found = getattr(record, "gate_found", None)
        if found is not None:
            self.print_held(found, kept=getattr(record, "gate_kept", None))
        elif self.held is not None and not is_live(record):
            self.held.append(record)
        else:
            super().emit(record)

    def print_held(
        self, identifiers: Iterable[str] | None = None, *, kept: CheckCache | None = None
    ) -> Masker:
        """Print the lines held and stop holding; ``identifiers`` are what the gate found
        (None: the gate has not run), ``kept`` where masked file names are kept between
        builds. Returns the masker for the lines still to come."""
        if identifiers is not None:
            from healthnotes.gate.privacy import Allowlist

            self.masker = Masker.found(Allowlist(), identifiers)
            self.path = None  # (a kept mask of an earlier build knows other findings)
            if kept is not None:
                from healthnotes.gate.report import kept_masks

                mask = kept_masks(self.masker, kept)
                self.path = lambda text: mask(text, path=True)
        held, self.held = self.held or [], None
        for record in held:
            super().emit(record)
        return self.masker

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if is_live(record):  # no text from a post in it: nothing to mask
            if record.name == PROGRESS:
                return PROGRESS_PREFIX + message
            return f"{record.levelname.lower()}: {message}"
        if getattr(record, "problem", False):
            line = self.masker.line(message, path=self.path)
            self.problems.append(line)
            return line
        return f"{record.levelname.lower()}: {self.masker.plain(message)}"
