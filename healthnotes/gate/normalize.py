"""Text as a reader sees it, for the identifier scan, with a way back to the original.

A name with a zero-width space inside, a Cyrillic letter that looks Latin, a
phone number reversed with a right-to-left override (it renders the right way
round) or spelled out in words all look like the identifier on screen, yet slip
past a scan of the raw characters. :func:`normalize` undoes each, in order:

1. direction overrides: the text between a right-to-left override (U+202E) and
   its pop (U+202C, or the end of the line) is shown reversed, so it is read
   reversed; then every direction control and invisible character
   (:data:`INVISIBLE`) is dropped;
2. Unicode NFKC (full-width digits, ligatures, circled numbers ...);
3. look-alike letters and punctuation folded to ASCII with Unicode's own
   confusables table (``confusables.json`` of the pinned ``confusable_homoglyphs``
   package, built from https://www.unicode.org/Public/security/latest/confusables.txt);
   NFKC and folding repeat until nothing changes;
4. in a dictation, punctuation said aloud written as punctuation
   (:data:`SPOKEN_PUNCTUATION`): "Apt. 961 comma 20662 period" -> "Apt. 961, 20662.";
5. runs of three or more spelled-out digits (English and Spanish, :data:`DIGIT_WORDS`)
   read as digits: "five four one, five five five, zero one nine nine" -> "541 555 0199".

:class:`Normalized` keeps, for every character of the result, the span of the
original it came from, so a finding is reported on the text as written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Characters that show nothing (or only steer direction): removed before scanning.
INVISIBLE: frozenset[str] = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]  # zero-width space, joiners, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # embeddings, overrides, pop
    + [chr(c) for c in range(0x2060, 0x2065)]  # word joiner, invisible operators
    + [chr(c) for c in range(0x2066, 0x206A)]  # isolates
    + ["\ufeff", "\u00ad", "\u061c", "\u180e", "\u034f"]  # BOM, soft hyphen, ALM, MVS, CGJ
)

#: Direction controls: (opens a group, shown reversed); U+202C and U+2069 close one.
_OPENERS: dict[str, bool] = {
    "\u202a": False,  # left-to-right embedding
    "\u202b": False,  # right-to-left embedding: letters keep their order
    "\u202d": False,  # left-to-right override
    "\u202e": True,  # right-to-left override: every character shown reversed
    "\u2066": False,
    "\u2067": False,
    "\u2068": False,
}
_CLOSERS = frozenset({"\u202c", "\u2069"})
_LINE_ENDS = frozenset({"\n", "\r", "\u2029", "\x1c", "\x1d", "\x1e", "\x85"})

#: Spelled-out digits, by language (lower case). "oh" reads as zero inside a run.
DIGIT_WORDS: dict[str, str] = {
    # English
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    # Spanish
    "cero": "0",
    "uno": "1",
    "una": "1",
    "dos": "2",
    "tres": "3",
    "cuatro": "4",
    "cinco": "5",
    "seis": "6",
    "siete": "7",
    "ocho": "8",
    "nueve": "9",
}
#: Fewer words in a row than this stay words ("one or two", "dos veces").
MIN_DIGIT_RUN = 3

_WORD = "(?:" + "|".join(sorted(DIGIT_WORDS, key=len, reverse=True)) + ")"
_GAP = r"(?:[ \t]*[,;:/\-–][ \t]*|[ \t]+)"
_RUN = re.compile(rf"\b{_WORD}(?:{_GAP}{_WORD}\b){{{MIN_DIGIT_RUN - 1},}}(?!\w)", re.IGNORECASE)
_ONE_WORD = re.compile(rf"\b{_WORD}\b", re.IGNORECASE)

#: Unicode's confusables make capital I and small l one prototype ("l"); a capital
#: look-alike folds to the capital.
_CAPITAL_PROTOTYPE = {"l": "I"}

Span = tuple[int, int]


@dataclass(frozen=True)
class Normalized:
    """Normalised ``text``; ``starts[i]``/``ends[i]`` is the span of the original
    that character ``i`` came from (both None: the text is the original)."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> Span:
        """The span of the original that shows the normalised ``text[start:end]``."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return min(self.starts[start:end]), max(self.ends[start:end])

    def original_text(self, start: int, end: int) -> str:
        first, last = self.original_span(start, end)
        return self.original[first:last]


@cache
def confusables() -> dict[int, str]:
    """``str.translate`` table: each non-ASCII character that Unicode lists as
    confusable with one printable ASCII character, to that character."""
    data = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    table: dict[int, str] = {}
    for char, glyphs in json.loads(data.read_text(encoding="utf-8")).items():
        if len(char) != 1 or char.isascii():
            continue
        for glyph in glyphs:
            target = glyph.get("c", "")
            if len(target) == 1 and target.isascii() and target.isprintable() and target != " ":
                if char.isupper() and target in _CAPITAL_PROTOTYPE:
                    target = _CAPITAL_PROTOTYPE[target]
                table[ord(char)] = target
                break
    return table


# A stage works on parallel lists: characters and their original spans.
_Chars = list[str]
_Spans = list[Span]


def _reorder(chars: _Chars, spans: _Spans) -> tuple[_Chars, _Spans]:
    """Reverse what a right-to-left override shows reversed; drop invisible characters."""
    # each group: (reversed?, characters, spans); the first is the paragraph
    stack: list[tuple[bool, _Chars, _Spans]] = [(False, [], [])]

    def close() -> None:
        reverse, group_chars, group_spans = stack.pop()
        if reverse:
            group_chars.reverse()
            group_spans.reverse()
        stack[-1][1].extend(group_chars)
        stack[-1][2].extend(group_spans)

    for char, span in zip(chars, spans, strict=True):
        if char in _OPENERS:
            stack.append((_OPENERS[char], [], []))
        elif char in _CLOSERS:
            if len(stack) > 1:
                close()
        elif char in INVISIBLE:
            continue
        else:
            if char in _LINE_ENDS:
                while len(stack) > 1:
                    close()
            stack[-1][1].append(char)
            stack[-1][2].append(span)
    while len(stack) > 1:
        close()
    return stack[0][1], stack[0][2]


def _nfkc(chars: _Chars, spans: _Spans) -> tuple[_Chars, _Spans]:
    """NFKC, chunk by chunk (a starter and what composes with it): each output
    character maps to its whole chunk."""
    out_chars: _Chars = []
    out_spans: _Spans = []
    chunk = ""
    first = 0
    for index, char in enumerate(chars):
        if chunk and (
            unicodedata.combining(char)
            or unicodedata.normalize("NFKC", chunk + char)
            != unicodedata.normalize("NFKC", chunk) + unicodedata.normalize("NFKC", char)
        ):
            chunk += char
            continue
        if chunk:
            _emit(chunk, spans[first:index], out_chars, out_spans)
        chunk, first = char, index
    if chunk:
        _emit(chunk, spans[first:], out_chars, out_spans)
    return out_chars, out_spans


def _emit(chunk: str, spans: _Spans, out_chars: _Chars, out_spans: _Spans) -> None:
    normal = unicodedata.normalize("NFKC", chunk)
    if normal == chunk:
        out_chars.extend(chunk)
        out_spans.extend(spans)
        return
    whole = (min(s for s, _ in spans), max(e for _, e in spans))
    out_chars.extend(normal)
    out_spans.extend([whole] * len(normal))


def _digits(text: str, spans: _Spans) -> tuple[str, _Spans]:
    """Runs of spelled-out digits as digits; a gap with punctuation becomes one space."""
    out: list[str] = []
    out_spans: _Spans = []
    at = 0
    for run in _RUN.finditer(text):
        out.append(text[at : run.start()])
        out_spans.extend(spans[at : run.start()])
        previous_end = None
        for word in _ONE_WORD.finditer(text, run.start(), run.end()):
            if previous_end is not None:
                gap = text[previous_end : word.start()]
                if gap.strip():  # punctuation between words: a group ends
                    out.append(" ")
                    out_spans.append((spans[previous_end][0], spans[word.start() - 1][1]))
            out.append(DIGIT_WORDS[word.group().lower()])
            out_spans.append((spans[word.start()][0], spans[word.end() - 1][1]))
            previous_end = word.end()
        at = run.end()
    out.append(text[at:])
    out_spans.extend(spans[at:])
    return "".join(out), out_spans


#: A number written with letters for digits ("5O3-555-O229": the letter O for zero, I or
#: l for one): groups of digits and such letters, at least :data:`LETTER_DIGITS_MIN` of
#: them digits, as a reader reads it.
_LETTER_NUMBER = re.compile(r"(?<![\w-])[0-9OoIl]{1,4}(?:[-. ]?[0-9OoIl]{2,4}){2,}(?![\w-])")
_AS_DIGITS = str.maketrans("OoIl", "0011")
LETTER_DIGITS_MIN = 6


def _letter_digits(text: str) -> str:
    """Each number written with letters for digits, read as digits (letter for letter:
    offsets hold)."""

    def read(match: re.Match[str]) -> str:
        number = match.group()
        digits = sum(ch.isdigit() for ch in number)
        return number.translate(_AS_DIGITS) if digits >= LETTER_DIGITS_MIN else number

    return _LETTER_NUMBER.sub(read, text)


#: Punctuation said aloud, as speech-to-text writes a dictation down ("... Apt. 961 comma
#: 20662 period"), and what it stands for; ``True``: it joins the words on both sides
#: ("130 slash 80", "541 dash 555").
SPOKEN_PUNCTUATION: dict[str, tuple[str, bool]] = {
    "comma": (",", False),
    "period": (".", False),
    "full stop": (".", False),
    "exclamation point": ("!", False),
    "exclamation mark": ("!", False),
    "question mark": ("?", False),
    "new line": ("\n", False),
    "next line": ("\n", False),
    "new paragraph": ("\n\n", False),
    "open paren": (" (", False),
    "open parenthesis": (" (", False),
    "close paren": (")", False),
    "close parenthesis": (")", False),
    "slash": ("/", True),
    "dash": ("-", True),
    "hyphen": ("-", True),
}
#: A text is read as a dictation when it says this many punctuation marks aloud, one of
#: them one that prose does not say (prose about a period, a dash of salt or a slash in
#: prices says the others).
SPOKEN_MIN = 2
_SPOKEN_ENDS = frozenset(SPOKEN_PUNCTUATION) - {"period", "slash", "dash", "hyphen"}
_SPOKEN = re.compile(
    r"[ \t]*(?<![\w-])(?P<word>"
    + "|".join(
        word.replace(" ", r"[ \t]+") for word in sorted(SPOKEN_PUNCTUATION, key=len, reverse=True)
    )
    + r")(?![\w-])(?P<after>[ \t]*)",
    re.IGNORECASE,
)


def _spoken(text: str, spans: _Spans) -> tuple[str, _Spans]:
    """A dictation's punctuation said aloud (:data:`SPOKEN_PUNCTUATION`) as written, when
    the text says at least :data:`SPOKEN_MIN` of them, one ending a phrase."""
    said = list(_SPOKEN.finditer(text))
    words = [" ".join(match.group("word").lower().split()) for match in said]
    if len(said) < SPOKEN_MIN or not _SPOKEN_ENDS.intersection(words):
        return text, spans
    out: list[str] = []
    out_spans: _Spans = []
    at = 0
    for match, word in zip(said, words, strict=True):
        mark, joins = SPOKEN_PUNCTUATION[word]
        end = match.end() if joins else match.end("word")
        out.append(text[at : match.start()])
        out_spans.extend(spans[at : match.start()])
        whole = (spans[match.start()][0], spans[end - 1][1])
        out.append(mark)
        out_spans.extend([whole] * len(mark))
        at = end
    out.append(text[at:])
    out_spans.extend(spans[at:])
    return "".join(out), out_spans


_NEEDS_WORK = re.compile(
    # the non-ASCII class is case-sensitive: under IGNORECASE the Kelvin sign and the long
    # s fold to "k" and "s" and slipped past it (found by hypothesis)
    "["
    + "".join(sorted(INVISIBLE))
    + r"]|(?-i:[^\x00-\x7f])|(?-i:\d[OoIl]|[OoIl]\d)|"
    + _WORD
    + r"|\b(?:comma|full stop|new line|next line|new paragraph|exclamation|question mark|"
    + r"open paren)",
    re.IGNORECASE,
)


def normalize(text: str) -> Normalized:
    """``text`` as a reader sees it (see the module's docstring), with the map back."""
    if not _NEEDS_WORK.search(text):
        return Normalized(text, text)
    chars: _Chars = list(text)
    spans: _Spans = [(i, i + 1) for i in range(len(text))]
    if any(c in INVISIBLE for c in text):
        chars, spans = _reorder(chars, spans)
    table = confusables()
    for _ in range(4):  # NFKC and folding, until neither changes anything
        joined = "".join(chars)
        folded = joined.translate(table)
        if folded != joined:
            chars = list(folded)
        if unicodedata.is_normalized("NFKC", folded):
            break
        chars, spans = _nfkc(chars, spans)
    result, spans = _spoken("".join(chars), spans)
    result, spans = _digits(result, spans)
    result = _letter_digits(result)
    if result == text:
        return Normalized(text, text)
    return Normalized(text, result, tuple(s for s, _ in spans), tuple(e for _, e in spans))


def visible(text: str) -> str:
    """``text`` normalised (for matching, e.g. a finding's text in a source file)."""
    return normalize(text).text
