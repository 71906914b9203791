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
build holds its messages until the gate is done (:mod:`healthnotes.gate.live` says which
lines carry no user text and are printed as they happen), and the gate hands its
findings on (:func:`healthnotes.gate.live.gate_has_run`, and with the problems it
raises: :attr:`~healthnotes.errors.ContentProblems.identifiers`).

When the build stops before the gate has run (a content or settings mistake, a worker
lost), nothing the gate would find is known: :meth:`Masker.unchecked` masks by the
rules and the language model read on the message itself, and in every file name or
address a message shows (a post's path, a slug) each word that may be a name (a
listed first name, or a word rare in English that is no medicine or condition): the
folder, the extension, common words and each masked word's first letter and length are
kept, so staff still find the file ("content/posts/m****-g*******-follow-up.md").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from healthnotes.content.model import PostType
from healthnotes.gate.privacy import (
    Allowlist,
    known_spans,
    mask_identifiers,
    mask_known,
    mask_spans,
    scan_visible,
)
from healthnotes.gate.privacy.words import (
    CONDITION_NAMES,
    DRUG_NAMES,
    NOT_NAMES,
    RARE_ZIPF,
    Inflection,
    bare_word,
    common_word,
    compound_common,
    derived_common,
    first_names,
    inflected_stems,
    zipf_small,
)

#: What separates the words of a file name or address (read as spaces by the rules).
_SEPARATORS = re.compile(r"[/\\\-_.+]")
#: A word of a file name or address (letters only: digits are the rules' to read).
_WORD = re.compile(r"[^\W\d_]+")
#: A file name or address inside a message: a token with a "/" or a "-" in it
#: ("content/posts/a.md", a slug "maria-gonzalez").
_ADDRESS = re.compile(r"[^\s'\"`()\[\]<>,;]*[\w.][/-][^\s'\"`()\[\]<>,;]+")
#: Words of the build's own file names and formats, never a person's: kept. With the
#: post types' names ("no-text-qa.md", "flu-howto") and the file formats a message names
#: ("is not UTF-8 text", "images/../README.md").
BUILD_WORDS: frozenset[str] = frozenset(
    {
        *("pelicanconf", "publishconf", "devserver", "healthnotes", "pagefind", "venv"),
        *("yyyy", "mm", "dd", "hh"),
        *(kind.value for kind in PostType),
        *("utf", "ascii", "readme", "json", "csv", "tsv", "rss", "html", "xml", "txt", "ics"),
        *("jpg", "jpeg", "png", "webp", "gif", "svg", "pdf", "mp4", "yml", "yaml", "toml"),
    }
)
#: A file name's extension, before any ":line:column" a message adds.
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}(?=(?::\d+)*$)")


def _maybe_a_name(word: str) -> bool:
    """A word of a file name that may be part of a person's name (the gate has not read
    the post in context): a listed first name ("grace", "mark" too), or a word rare in
    English that is no known non-name, medicine or condition, nor made of common words
    ("childrens", "earwax", "unplug")."""
    bare = bare_word(word)
    if bare in BUILD_WORDS:
        return False
    if bare in first_names():
        return True
    if bare in NOT_NAMES or bare in DRUG_NAMES or bare in CONDITION_NAMES:
        return False
    if zipf_small(bare) >= RARE_ZIPF or _inflected_common(bare):
        return False
    return not (common_word(bare) or derived_common(bare) or compound_common(bare))


#: Endings of an inflected English word in a file name, and what its stem may have
#: lost ("spaced", "slashed", "stepping", "rinses"): with a common stem, the word is no
#: name.
_INFLECTIONS: tuple[Inflection, ...] = (
    ("ing", ("", "e")),
    ("ed", ("", "e")),
    ("es", ("",)),
    ("s", ("",)),
)


def _inflected_common(bare: str) -> bool:
    stems = inflected_stems(bare, _INFLECTIONS, undouble=True)
    return any(zipf_small(stem) >= RARE_ZIPF for stem in stems)


#: Folders under which staff name the files (posts, pages, pictures, copied files) and
#: the addresses made from them: only there can a file name carry a patient's name.
CONTENT_FOLDERS: frozenset[str] = frozenset(
    {"content", "posts", "pages", "drafts", "images", "extra", "files"}
)


def _named_by_staff(address: str) -> bool:
    """Whether ``address`` may be a file or address named by staff: a bare name or slug
    (not a ``.py`` settings file), or a path through a content folder; the build's own
    folders (the output, a settings file, the computer's folders) are not."""
    parts = address.replace("\\", "/").split("/")
    if len(parts) == 1:
        return not address.casefold().endswith(".py")
    return any(part.casefold() in CONTENT_FOLDERS for part in parts[:-1])


def _address_spans(address: str) -> list[tuple[int, int]]:
    """Where ``address`` (a path, a slug) may carry a name: each word that may be one
    (:func:`_maybe_a_name`) in its last two parts (a post's file name and its folder, a
    page's folder and ``index.html``; the folders above are the site's and the
    computer's), the extension left out; nothing when staff did not name it
    (:func:`_named_by_staff`)."""
    if not _named_by_staff(address):
        return []
    extension = _EXTENSION.search(address)
    end = extension.start() if extension else len(address)
    parts = address[:end].rstrip("/\\").replace("\\", "/").split("/")
    start = len("/".join(parts[:-2])) + 1 if len(parts) > 2 else 0
    return [m.span() for m in _WORD.finditer(address, start, end) if _maybe_a_name(m.group())]


def mask_slugs(text: str, allow: Allowlist) -> str:
    """``text`` with what the rules find in each address or slug in it, read as a person
    reads a slug (:func:`~healthnotes.gate.published.address_readings`:
    "our-patient-maria-gonzalez", "pt-123-45-6789"), masked: for a message about an
    address the build no longer publishes, which no scan of this build has read."""
    from healthnotes.gate.published import address_readings  # (the scan imports this)

    spans: list[tuple[int, int]] = []
    for address in _ADDRESS.finditer(text):
        found = [
            finding.text
            for reading in address_readings(address.group())
            for finding in scan_visible(reading, allow, model=False)
        ]
        parts = {part.lower() for found_text in found for part in _PART.findall(found_text)}
        spans += [
            (address.start() + m.start(), address.start() + m.end())
            for m in _PART.finditer(address.group())
            if m.group().lower() in parts
        ]
    return mask_spans(text, spans)


#: A word or a group of digits of a slug.
_PART = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Masker:
    """Masks what the build shows: ``allow`` is what is public by design, ``known`` the
    identifiers the gate found in this build (the exact texts, longest first)."""

    allow: Allowlist = field(default_factory=Allowlist)
    known: tuple[str, ...] = ()
    #: False before the gate has run (:meth:`unchecked`): nothing it finds is known yet.
    checked: bool = True

    @classmethod
    def found(cls, allow: Allowlist, texts: Iterable[str]) -> Masker:
        """A masker for ``texts``, the identifiers found (each once, longest first)."""
        unique = {t for t in texts if t.strip()}
        return cls(allow, tuple(sorted(unique, key=lambda t: (-len(t), t))))

    @classmethod
    def unchecked(cls, allow: Allowlist | None = None) -> Masker:
        """A masker for messages shown when the gate has not run (the build stopped
        before it): the privacy scan reads each message itself, and every word of a
        file name or address that may be a name is masked."""
        return cls(allow or Allowlist(), (), checked=False)

    def quoted(self, text: object, *, model: bool = False) -> str:
        """Text quoted from a post (a title, a sentence, a note): the rules and the
        gate's findings."""
        return mask_identifiers(str(text), self.allow, known=self.known, model=model)

    def path(self, path: str) -> str:
        """A file name or address: the gate's findings, and the rules when it has a digit
        or an "@" (the rules find nothing else in a file name: a name needs a cue).
        Before the gate has run (:meth:`unchecked`): the privacy scan on its words, and
        each word that may be a name."""
        if not path:
            return path
        spans = known_spans(path, self.known)
        if not self.checked:
            words = _SEPARATORS.sub(" ", path)  # same length: the spans hold
            spans += [(f.start, f.end) for f in scan_visible(words, self.allow)]
            spans += _address_spans(path)
        elif any(ch.isdigit() or ch == "@" for ch in path):
            spans += [(f.start, f.end) for f in scan_visible(path, self.allow, model=False)]
        return mask_spans(path, spans)

    def _unchecked_text(self, text: str) -> str:
        """Text shown before the gate has run: the privacy scan on the text itself, and
        each file name or address in it as :meth:`path` masks one."""
        spans = [(f.start, f.end) for f in scan_visible(text, self.allow)]
        for found in _ADDRESS.finditer(text):
            spans += [
                (found.start() + a, found.start() + b) for a, b in _address_spans(found.group())
            ]
        return mask_spans(text, spans)

    def line(self, line: str, *, path: Callable[[str], str] | None = None) -> str:
        """One message about a file (``where: what``, :meth:`Problem.format`): the file
        name as a path (by ``path`` when given: the same masks, kept between builds),
        the rest by the gate's findings only (the build's own words are never read by
        the rules). Before the gate has run, the rest is read by the privacy scan, and
        each address in it masked as a path."""
        where, colon, rest = line.partition(": ")
        if not colon:
            return self.plain(line)
        if not self.checked:
            return self.path(where) + colon + self._unchecked_text(rest)
        return (path or self.path)(where) + colon + mask_known(rest, self.known)

    def plain(self, text: str) -> str:
        """Any other text (an engine's log line): the gate's findings only (before the
        gate has run, the privacy scan and every address in it)."""
        if not self.checked:
            return self._unchecked_text(text)
        return mask_known(text, self.known)

    def failure(self, line: str) -> str:
        """A line a failure prints (``build.py``): the rules and the language model on
        the whole line, and the gate's findings; before the gate has run, as
        :meth:`line`."""
        if not self.checked:
            return self.line(line)
        return self.quoted(line, model=True)
