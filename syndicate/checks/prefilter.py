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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

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


#: The only characters above ASCII that ``re.IGNORECASE`` matches to an ASCII letter
#: and whose ``lower()`` does not hold that letter (U+212A KELVIN SIGN lowers to "k",
#: U+0130 to "i" and a dot): a test checks every code point.
_FOLD_EXTRA = {0x0131: "i", 0x017F: "s"}


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
