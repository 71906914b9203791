"""Every text the build shows outside the post itself, masked one way (issue 17, item 5).

The terminal (warnings, problems, the gate's summary), ``reports/`` (the build report,
the calendar) and the one-line messages a failure is turned into quote posts: a title,
a sentence, a file name. Each goes through one :class:`Masker`, which masks:

* everywhere in the text, the identifiers this build's gate found
  (:attr:`Masker.known`), whatever their case and the separators between their words:
  the gate reads a post in context and finds a name that the rules cannot tell from
  two words of a file name ("maria-gonzalez-541-555-0199.md");
* a file name, by the rules (a phone, a date, an e-mail address in it);
* text quoted from a post (titles, notes, exceptions), by the rules.

The rules read a log line without the language model (a warning loads none; the
report and the failure lines read quoted text with it, as they always did). The
build's own words are never read by the rules: a message's text after the file name
is masked by the gate's findings only (the rules took "Tgas" for a name).

A message printed before the gate has run cannot know what the gate will find: the
build holds its messages until the gate is done (``build.py``), and the gate hands its
findings on with the problems it raises
(:attr:`~healthnotes.errors.ContentProblems.identifiers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from healthnotes.gate.privacy import (
    Allowlist,
    known_spans,
    mask_identifiers,
    mask_known,
    mask_spans,
    scan_visible,
)


@dataclass(frozen=True)
class Masker:
    """Masks what the build shows: ``allow`` is what is public by design, ``known`` the
    identifiers the gate found in this build (the exact texts, longest first)."""

    allow: Allowlist = field(default_factory=Allowlist)
    known: tuple[str, ...] = ()

    @classmethod
    def found(cls, allow: Allowlist, texts: Iterable[str]) -> Masker:
        """A masker for ``texts``, the identifiers found (each once, longest first)."""
        unique = {t for t in texts if t.strip()}
        return cls(allow, tuple(sorted(unique, key=lambda t: (-len(t), t))))

    def quoted(self, text: object, *, model: bool = False) -> str:
        """Text quoted from a post (a title, a sentence, a note): the rules and the
        gate's findings."""
        return mask_identifiers(str(text), self.allow, known=self.known, model=model)

    def path(self, path: str) -> str:
        """A file name or address: the gate's findings, and the rules when it has a digit
        or an "@" (the rules find nothing else in a file name: a name needs a cue)."""
        if not path:
            return path
        spans = known_spans(path, self.known)
        if any(ch.isdigit() or ch == "@" for ch in path):
            spans += [(f.start, f.end) for f in scan_visible(path, self.allow, model=False)]
        return mask_spans(path, spans)

    def line(self, line: str) -> str:
        """One message about a file (``where: what``, :meth:`Problem.format`): the file
        name as a path, the rest by the gate's findings only (the build's own words
        are never read by the rules)."""
        where, colon, rest = line.partition(": ")
        if not colon:
            return mask_known(line, self.known)
        return self.path(where) + colon + mask_known(rest, self.known)

    def plain(self, text: str) -> str:
        """Any other text (an engine's log line): the gate's findings only."""
        return mask_known(text, self.known)
