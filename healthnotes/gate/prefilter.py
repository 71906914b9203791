"""Literal prefilters: skip a pattern on a text that cannot hold a match.

Most identifier patterns are anchored on words ("MRN", "member", "Rx", "born",
a weekday) that most texts never contain, yet Python's ``re`` tries every
pattern at every position of every text: 61 patterns over the body and a dozen
platform texts of each post were most of the safety gate's time. For each
pattern, :func:`literal_prefilter` derives from its parsed form a set of
literal strings at least one of which every match must contain: looking for
them with ``str`` substring search is many times cheaper than trying the pattern,
and where none occurs the pattern cannot match, so it is not tried. A pattern
without such literals (every part optional, or only character classes) gets no
prefilter and always runs.

Only what the pattern *requires* is used: a sequence requires what any of its
parts requires, an alternation one of what each branch requires, a repeat what its
body requires when it must occur at least once; lookarounds, anchors, classes of
more than a few characters and back-references require nothing. When any part of
the pattern ignores case, ASCII literals are looked for in the text lowered
(:func:`fold`, which also maps the two non-ASCII letters ``re`` matches to ASCII
ones that ``lower()`` keeps), and a pattern with other literals gets no prefilter.
Tests check on real and generated texts that no match is ever skipped.

Second, where a match can start: :func:`start_class` derives from the parsed form
the characters the first character of every match is one of (zero-width parts such
as ``\b`` and look-behinds skipped, optional parts followed). When those are rare
in text (capitals, digits, "@"; never lower-case letters or white space), the
pattern is tried only at their positions (:func:`matches_at`), which are found once
per text for all the patterns sharing the class. Tested to yield exactly what
``finditer`` yields.

Deriving both for the hundred patterns of the rules takes about half a second, in
every process that scans a text (the build's and each worker's, for one edited post
too). :func:`keep_in` keeps what was derived in a file between processes (``marshal``,
named by this module's code and the Python version, whose parser it reads), by each
pattern's text and flags: a process reads it in a few milliseconds.
"""

from __future__ import annotations

import contextlib
import marshal
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from healthnotes.cache.files import atomic_write, digest

#: A character class of at most this many single characters counts as a literal choice.
CLASS_CHOICES_MAX = 4
_Literals = frozenset[str]


def _sequence(items: list[tuple[Any, Any]]) -> _Literals | None:
    """Literals one of which a match of the sequence ``items`` contains (None: unknown)."""
    candidates: list[_Literals] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        required = _node(op, av)
        if required is not None:
            candidates.append(required)
    if run:
        candidates.append(frozenset({"".join(run)}))
    if not candidates:
        return None
    # The most selective choice: the longest shortest literal, then the fewest literals.
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _node(op: Any, av: Any) -> _Literals | None:
    if op is sre.SUBPATTERN:
        return _sequence(av[-1].data)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            required = _sequence(branch.data)
            if required is None:
                return None  # a branch that requires nothing: the alternation neither
            union |= required
        return frozenset(union)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(body.data) if low >= 1 else None
    # [Rr]: one of a few characters.
    if op is sre.IN and 0 < len(av) <= CLASS_CHOICES_MAX and all(k is sre.LITERAL for k, _ in av):
        return frozenset(chr(value) for _, value in av)
    return None  # anchors, lookarounds, other classes, back-references: nothing required


def _subsequences(op: Any, av: Any) -> list[list[tuple[Any, Any]]]:
    """The sequences nested in one parsed node (groups, branches, repeats, lookarounds)."""
    if op is sre.SUBPATTERN:
        return [av[-1].data]
    if op is sre.ATOMIC_GROUP:
        return [av.data]
    if op is sre.BRANCH:
        return [branch.data for branch in av[1]]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return [av[2].data]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1].data]
    return []


def _ignores_case(items: list[tuple[Any, Any]]) -> bool:
    """Whether any group in ``items`` turns case-insensitive matching on."""
    for op, av in items:
        if op is sre.SUBPATTERN and av[1] & sre.SRE_FLAG_IGNORECASE:
            return True
        if any(_ignores_case(nested) for nested in _subsequences(op, av)):
            return True
    return False


def required_literals(pattern: re.Pattern[str]) -> tuple[frozenset[str], bool] | None:
    """The literals one of which every match of ``pattern`` contains, and whether they
    are to be found case-insensitively; None when the pattern requires none."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    literals = _sequence(parsed.data)
    if not literals:
        return None
    flags = parsed.state.flags
    return literals, bool(flags & sre.SRE_FLAG_IGNORECASE) or _ignores_case(parsed.data)


#: The characters above ASCII that ``re.IGNORECASE`` matches to an ASCII letter (a
#: test checks every code point): dotted and dotless i, the Kelvin sign, the long s.
_IGNORECASE_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
#: Those whose ``lower()`` does not hold their letter (U+212A lowers to "k", U+0130 to
#: "i" and a dot): :func:`fold` maps them to it.
_FOLD_EXTRA = {
    ord(char): letter
    for letter, chars in _IGNORECASE_EXTRA.items()
    for char in chars
    if letter not in char.lower()
}


def fold(text: str) -> str:
    """``text`` lowered so that it contains an ASCII literal wherever a
    case-insensitive pattern can find that literal in ``text``."""
    return text.lower().translate(_FOLD_EXTRA)


@dataclass(frozen=True)
class Prefilter:
    """Literals one of which must occur: in the text itself, or (``folded``) in its
    :func:`fold`, for a pattern that ignores case."""

    literals: tuple[str, ...]
    folded: bool

    def may_match(self, text: str, folded: str) -> bool:
        """False only when the pattern cannot match ``text`` (``folded``: its fold)."""
        haystack = folded if self.folded else text
        return any(map(haystack.__contains__, self.literals))


@cache
def literal_prefilter(pattern: re.Pattern[str]) -> Prefilter | None:
    """The :class:`Prefilter` of ``pattern``, or None (always try the pattern):
    substring searches, several times cheaper than a regular expression of them."""
    kept = _kept.get((pattern.pattern, pattern.flags))
    if kept is not None:
        literals, folded, _ = kept
        return None if literals is None else Prefilter(literals, folded)
    return _literal_prefilter(pattern)


def _literal_prefilter(pattern: re.Pattern[str]) -> Prefilter | None:
    found = required_literals(pattern)
    if found is None:
        return None
    literals, ignore_case = found
    if ignore_case:
        if not all(literal.isascii() for literal in literals):
            return None  # case rules beyond ASCII are the regular expression's own
        literals = frozenset(literal.lower() for literal in literals)
    # Longest first: the rarer ones, and any() stops at the first found.
    return Prefilter(tuple(sorted(literals, key=lambda s: (-len(s), s))), ignore_case)


# ---------------------------------------------------------------------------
# Where a match can start
# ---------------------------------------------------------------------------

#: A class item: a character ``(c, c)``, a range ``(low, high)``, or ``("\\d", "")``.
_Item = tuple[str, str]
#: What a part of a pattern can start with, and whether it can also match nothing
#: (then what follows it can start the match too).
_First = tuple[frozenset[_Item], bool]
_DIGITS: _Item = ("\\d", "")


def _chars(char: str, ignore_case: bool) -> set[_Item] | None:
    """``char`` and, ignoring case, every character re matches to it (None: unknown)."""
    if not ignore_case or not char.isalpha():
        return {(char, char)}
    if not char.isascii():
        return None
    lower = char.lower()
    return {(c, c) for c in (lower, lower.upper(), *_IGNORECASE_EXTRA.get(lower, ""))}


def _class_items(av: Any, ignore_case: bool) -> set[_Item] | None:
    items: set[_Item] = set()
    for op, value in av:
        if op is sre.LITERAL:
            chars = _chars(chr(value), ignore_case)
            if chars is None:
                return None
            items |= chars
        elif op is sre.RANGE:
            low, high = chr(value[0]), chr(value[1])
            if ignore_case and not (low.isascii() and high.isascii()):
                return None
            items.add((low, high))
            if ignore_case:  # every character of an ASCII range, in every case
                for code in range(value[0], value[1] + 1):
                    items |= _chars(chr(code), True) or set()
        elif op is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            items.add(_DIGITS)
        else:
            return None  # negated classes, \w, \s ...: nearly every position
    return items


def _first_of_sequence(items: list[tuple[Any, Any]], ignore_case: bool) -> _First | None:
    found: set[_Item] = set()
    for op, av in items:
        first = _first_of(op, av, ignore_case)
        if first is None:
            return None
        found |= first[0]
        if not first[1]:
            return frozenset(found), False
    return frozenset(found), True


def _first_of(op: Any, av: Any, ignore_case: bool) -> _First | None:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset(), True  # zero-width: the match starts at what follows
    if op is sre.LITERAL:
        chars = _chars(chr(av), ignore_case)
        return None if chars is None else (frozenset(chars), False)
    if op is sre.IN:
        items = _class_items(av, ignore_case)
        return None if items is None else (frozenset(items), False)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        ignore_case = bool(
            (ignore_case or add_flags & sre.SRE_FLAG_IGNORECASE)
            and not del_flags & sre.SRE_FLAG_IGNORECASE
        )
        return _first_of_sequence(body.data, ignore_case)
    if op is sre.ATOMIC_GROUP:
        return _first_of_sequence(av.data, ignore_case)
    if op is sre.BRANCH:
        found: set[_Item] = set()
        nullable = False
        for branch in av[1]:
            first = _first_of_sequence(branch.data, ignore_case)
            if first is None:
                return None
            found |= first[0]
            nullable = nullable or first[1]
        return frozenset(found), nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = av
        first = _first_of_sequence(body.data, ignore_case)
        return None if first is None else (first[0], first[1] or low == 0)
    return None  # any character, back-references, conditionals: anything


def _common(item: _Item) -> bool:
    """Lower-case letters and white space are a large share of any text: a class
    holding them would be tried at too many positions to save anything."""
    if item == _DIGITS:
        return False
    low, high = item
    return any(c.islower() or c.isspace() for c in {low, high}) or (low <= "a" <= high)


@cache
def start_class(pattern: re.Pattern[str]) -> str | None:
    """A character class (``"[A-Z\\d]"``) holding the first character of every match of
    ``pattern``, when that class is rare in text (capitals, digits, a few signs); None
    otherwise, and for a pattern that may match the empty string.

    Trying the pattern only where the class occurs (:func:`matches_at`) finds the same
    matches as ``finditer`` for a fraction of the work: Python's ``re`` skips ahead by
    itself only when a pattern starts with a plain class, and most identifier patterns
    start with ``\\b`` or a look-behind."""
    kept = _kept.get((pattern.pattern, pattern.flags))
    if kept is not None:
        return kept[2]
    return _start_class(pattern)


def _start_class(pattern: re.Pattern[str]) -> str | None:
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    first = _first_of_sequence(parsed.data, bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE))
    if first is None or first[1] or not first[0] or any(map(_common, first[0])):
        return None
    parts = sorted(
        item[0]
        if item == _DIGITS
        else re.escape(item[0])
        if item[0] == item[1]
        else f"{re.escape(item[0])}-{re.escape(item[1])}"
        for item in first[0]
    )
    return "[" + "".join(parts) + "]"


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields (for a pattern whose matches are never
    empty), trying the pattern only at ``starts``: every position of its
    :func:`start_class` in ``text``, ascending."""
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            end = match.end()
            yield match


# ---------------------------------------------------------------------------
# What was derived, kept between processes
# ---------------------------------------------------------------------------

#: Version of the kept file's format (part of its name).
KEPT_FORMAT = 1
#: What each pattern (its text, its flags) was found to need: the prefilter's literals
#: (None: no prefilter), whether they are looked for folded, and the start class.
_Derived = tuple[tuple[str, ...] | None, bool, str | None]
_kept: dict[tuple[str, int], _Derived] = {}
#: The folders this process read a kept file from (each read once).
_read_from: set[Path] = set()


def kept_file(folder: Path) -> Path:
    """The file in ``folder`` that holds what this code, on this Python, derived."""
    code = Path(__file__).read_bytes()
    return folder / f"prefilters-{KEPT_FORMAT}-{digest(code, sys.version)[:20]}.marshal"


def _derive(pattern: re.Pattern[str]) -> _Derived:
    prefilter = _literal_prefilter(pattern)
    literals = None if prefilter is None else prefilter.literals
    return literals, prefilter is not None and prefilter.folded, _start_class(pattern)


def _valid(loaded: object) -> dict[tuple[str, int], _Derived]:
    """The entries of a kept file that have the right shape (any other is derived again)."""
    if not isinstance(loaded, dict):
        return {}
    return {
        key: value
        for key, value in loaded.items()
        if isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], str)
        and type(key[1]) is int
        and isinstance(value, tuple)
        and len(value) == 3
        and (
            value[0] is None
            or (isinstance(value[0], tuple) and all(isinstance(x, str) for x in value[0]))
        )
        and type(value[1]) is bool
        and (value[2] is None or isinstance(value[2], str))
    }


def keep_in(folder: Path | None, patterns: Iterable[re.Pattern[str]]) -> None:
    """Read what an earlier process derived for ``patterns`` from its file in ``folder``
    (once a process); derive what it lacks and write the file again (once: the first
    process to need a pattern the file lacks). A file that cannot be read is derived
    again, one that cannot be written is not kept; with no folder, nothing is read or
    kept."""
    if folder is None:
        return
    if folder not in _read_from:  # once a process (a worker checks many posts)
        _read_from.add(folder)
        try:
            loaded: object = marshal.loads(kept_file(folder).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            loaded = None
        _kept.update(_valid(loaded))
    missing = {(p.pattern, p.flags): p for p in patterns if (p.pattern, p.flags) not in _kept}
    if not missing:
        return
    for key, pattern in missing.items():
        _kept[key] = _derive(pattern)
    with contextlib.suppress(OSError):
        atomic_write(kept_file(folder), marshal.dumps(_kept))
