"""The scan engine: sentences, candidates, overlaps; :func:`scan_text`."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from healthnotes.gate import ner
from healthnotes.gate.normalize import normalize, visible
from healthnotes.gate.prefilter import (
    fold,
    matches_at,
)
from healthnotes.gate.privacy.allowlist import Allowlist
from healthnotes.gate.privacy.rules import (
    CUES,
    RULES,
    RULES_BY_ID,
    STATE_OPENING,
    Cue,
    Finding,
    Pattern,
    Rule,
    Span,
    public_attribution,
    rules_off,
    title_case,
)
from healthnotes.gate.privacy.tables import Cell, headerless_rows, looks_like, table_cells
from healthnotes.gate.privacy.words import (
    SENTENCE_LANGUAGES,
    census_surnames,
    fold_name,
    medical_word,
    name_like,
    word_of_language,
)

if TYPE_CHECKING:
    pass

# ---------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------

#: Words after which a period does not end a sentence ("Dr. Lee", "St. Helens").
_ABBREVIATION = re.compile(
    r"(?:dr|mr|mrs|ms|mx|st|ave|apt|no|vs|etc|e\.g|i\.e|jr|sr|inc|co|mt|ft|rd|ln|ct|blvd|"
    r"a\.m|p\.m|u\.s|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|approx|dept|fig|ste|pt|"
    r"adm|disch|"  # a chart's "Adm. 06.10.2025 | Disch. 2025/05/22"
    r"[a-z])"
)
#: A sentence end: a new line, or terminal punctuation (then closing quotes or brackets)
#: before white space. Tried only where a run of punctuation starts, and never given
#: back (``++``): a run of dots costs its length once, not its length squared.
_BOUNDARY = re.compile(r"\n|(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s)")


def _sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() != "\n":
            before = text[max(start, match.start() - 20) : match.start() + 1]
            word = re.search(r"([\w.]+)\.*$", before)
            prev = word.group(1).lower().rstrip(".") if word else ""
            if _ABBREVIATION.fullmatch(prev):
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _model_pieces(text: str, sentences: list[Span]) -> list[tuple[int, str]]:
    """The sentences the model reads, each with where it starts: without the white space
    around them, so that a sentence reads the same in a post's text and on its page."""
    pieces = []
    for start, end in sentences:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped and len(stripped) <= ner.MAX_CHARS:
            pieces.append((start + len(piece) - len(piece.lstrip()), stripped))
    return pieces


def model_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that :func:`scan_text` asks the model about."""
    return [piece for _, piece in _model_pieces(text, _sentences(text))]


class SpanIndex:
    """Spans (start, end), found by the range they overlap in about the logarithm of
    their number: sorted by start, with the furthest end reached so far, so a bisection
    skips every span that ends before the range and another stops at the first that
    starts after it."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda i: spans[i])
        self.starts = [spans[i][0] for i in self.order]
        self.ends = list(itertools.accumulate((spans[i][1] for i in self.order), max))

    def overlapping(self, start: int, end: int) -> Iterator[int]:
        """The indices (in ``spans``) of the spans overlapping [start, end), by start."""
        for at in range(bisect_right(self.ends, start), bisect_left(self.starts, end)):
            index = self.order[at]
            if start < self.spans[index][1]:
                yield index

    def overlaps(self, start: int, end: int) -> bool:
        return next(self.overlapping(start, end), None) is not None


@dataclass
class Scan:
    """The state of one scan_text call (sentences, name spans), built lazily."""

    text: str
    field: str
    allow: Allowlist
    _sentence_spans: list[Span] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    title_case: dict[int, bool] = field(default_factory=dict)
    #: Spans each regular-expression pattern found, by ``id(pattern)``.
    regex_found: dict[int, list[Span]] = field(default_factory=dict)
    #: Positions of each start class in the text (:meth:`positions`).
    _positions: dict[str, list[int]] = field(default_factory=dict)
    #: Whether the statistical model reads this text (prose); the rules always do.
    model: bool = True

    def __post_init__(self) -> None:
        self._sentence_spans = _sentences(self.text)
        self._sentence_starts = [start for start, _ in self._sentence_spans]

    @property
    def sentences(self) -> list[Span]:
        """The sentences' spans, in order."""
        return self._sentence_spans

    def positions(self, char_class: str) -> list[int]:
        """Where the text has a character of ``char_class`` (found once per class)."""
        found = self._positions.get(char_class)
        if found is None:
            found = [m.start() for m in _class_pattern(char_class).finditer(self.text)]
            self._positions[char_class] = found
        return found

    @cached_property
    def folded(self) -> str:
        """The text as :func:`~healthnotes.gate.prefilter.fold` lowers it."""
        return fold(self.text)

    def sentence(self, position: int) -> Span:
        index = bisect_right(self._sentence_starts, position) - 1
        if index >= 0:
            start, end = self._sentence_spans[index]
            if start <= position < end:
                return start, end
        return 0, len(self.text)

    def title_case_at(self, position: int) -> bool:
        if self.field.lower() == "title":
            return True
        start, end = self.sentence(position)
        if start not in self.title_case:
            self.title_case[start] = title_case(self.text[start:end])
        return self.title_case[start]

    @cached_property
    def model_spans(self) -> list[ner.Span]:
        """What the model proposes, sentence by sentence, in text offsets."""
        if not self.model:
            return []
        pieces = _model_pieces(self.text, self._sentence_spans)
        found = ner.people_dates_places([piece for _, piece in pieces])
        return [
            ner.Span(span.kind, start + span.start, start + span.end, span.text)
            for (start, _), spans in zip(pieces, found, strict=True)
            for span in spans
        ]

    @cached_property
    def _model_index(self) -> SpanIndex:
        """The model's spans, found by the range they overlap (a text of thousands of
        names asked about each of them once took their square)."""
        return SpanIndex([(span.start, span.end) for span in self.model_spans])

    def _model_overlapping(self, start: int, end: int) -> Iterator[ner.Span]:
        index = self._model_index
        return (self.model_spans[i] for i in index.overlapping(start, end))

    def model_kind_at(self, start: int, end: int) -> str | None:
        """The kind of the first model span overlapping [start, end), if any."""
        return next((span.kind for span in self._model_overlapping(start, end)), None)

    def model_person_at(self, start: int, end: int) -> bool:
        """Does the model call any of [start, end) a person?"""
        return any(span.kind == "person" for span in self._model_overlapping(start, end))

    @cached_property
    def person_names(self) -> list[Span]:
        """Spans of names the name rule finds (not the allowed ones), sorted."""
        spans = []
        rule = RULES_BY_ID["name"]
        # regex patterns only: later mentions are found from these names, not the reverse
        for start, end, _ in _candidates(self, rule, regex_only=True):
            if not rule.allowed(self.text[start:end], self.allow, frozenset()):
                spans.append((start, end))
        return sorted(set(spans))

    @cached_property
    def people(self) -> list[Span]:
        """:attr:`person_names` and the people the language model proposes that the name
        rule does not allow (staff, declared public figures): whom a date or an age in
        their sentence may belong to ("Reminder: Amaira, your appointment is on 2/7")."""
        rule = RULES_BY_ID["name"]
        proposed = [
            (span.start, span.end)
            for span in self.model_spans
            if span.kind == "person"
            and not rule.allowed(self.text[span.start : span.end], self.allow, frozenset())
        ]
        return sorted({*self.person_names, *proposed})

    @cached_property
    def name_candidates(self) -> list[tuple[int, int, Pattern]]:
        """The name rule's candidates, found once: for :meth:`every_name` and the scan."""
        return list(_candidates(self, RULES_BY_ID["name"]))

    @cached_property
    def every_name(self) -> list[Span]:
        """Spans of the names the name rule reports, its finders' included, sorted: its
        candidates resolved among themselves as :func:`scan_text` resolves candidates
        (longer first, none overlapping), the allowed ones (staff, a clinician) dropped
        with what they cover, and the people :attr:`people` holds. For a rule that asks
        whether a sentence names someone after the names are known (never for a name
        pattern: it would ask itself)."""
        rule = RULES_BY_ID["name"]
        found = []
        for start, end, pattern in self.name_candidates:
            cues = frozenset(c for c in rule.informs if self.cue_near(CUES[c], start, end))
            allowed = rule.allowed(self.text[start:end], self.allow, cues)
            found.append(_Candidate(0, start, end, rule, pattern.label or rule.label, allowed))
        named = {(c.start, c.end) for c in _resolved(found) if not c.allowed}
        return sorted(named | set(self.people))

    def names_someone(self, start: int, end: int) -> bool:
        """Does the sentence around [start, end) name a person outside that span (any
        pattern's name but a clinician's or a staff member's, or a person word)?"""
        s_start, s_end = self.sentence(start)
        staff = {part for _, part in self.allow.staff_parts}
        for a, b in self.every_name:
            if not (s_start <= a and b <= s_end and (b <= start or a >= end)):
                continue
            if (
                _CLINICIAN.search(self.text, max(0, a - 40), a)
                or fold_name(self.text[a:b]) in staff
            ):
                continue  # "Join Dr. Lee on March 3": the practice's own, not a patient
            return True
        return self.cue_near(_PERSON_WORD, start, end)

    @cached_property
    def _name_starts(self) -> list[int]:
        return [start for start, _ in self.people]

    def name_in(self, s_start: int, s_end: int, start: int, end: int) -> bool:
        """Is a person's name in [s_start, s_end) outside the span [start, end)?"""
        names = self.people
        for index in range(bisect_left(self._name_starts, s_start), len(names)):
            n_start, n_end = names[index]
            if n_start >= s_end:
                return False
            if n_end <= start or n_start >= end:
                return True
        return False

    def cue_near(self, cue: Cue, start: int, end: int) -> bool:
        s_start, s_end = self.sentence(start)
        before = after = False
        if cue.before is not None:
            window = self.text[max(s_start, start - cue.reach_before) : start]
            before = bool(cue.before.search(window))
        if cue.after is not None:
            window = self.text[end : min(max(s_end, end), end + cue.reach_after)]
            after = bool(cue.after.search(window))
        if (before and after) if cue.both else (before or after):
            return True
        if cue.names_count:
            return self.name_in(s_start, s_end, start, end)
        return False


#: The person cue without its names ("she", "my son", "patient"): names are weighed above.
_PERSON_WORD = replace(CUES["person"], names_count=False)
#: A clinician's title before a name or its last part ("Dr. Lee", "Dr. Ana Patel").
_CLINICIAN = re.compile(r"\b(?:Dr|Doctor|Nurse|nurse|NP|PA)\.?[ \t]+(?:[A-Z][\w'’.-]*[ \t]+){0,2}$")


def _candidates(
    scan: Scan, rule: Rule, *, regex_only: bool = False
) -> Iterator[tuple[int, int, Pattern]]:
    for pattern in rule.patterns:
        if pattern.finder is not None:
            if regex_only:
                continue
            spans: Iterable[Span] = pattern.finder(scan)
        else:
            assert pattern.regex is not None
            spans = _regex_spans(scan, pattern)
        for start, end in spans:
            if start >= end:
                continue
            if pattern.needs and not any(
                all(scan.cue_near(CUES[c], start, end) for c in option) for option in pattern.needs
            ):
                continue
            if any(scan.cue_near(CUES[c], start, end) for c in pattern.unless):
                continue
            yield start, end, pattern


@lru_cache(maxsize=64)
def _class_pattern(char_class: str) -> re.Pattern[str]:
    return re.compile(char_class)


def _regex_spans(scan: Scan, pattern: Pattern) -> list[Span]:
    """The spans ``pattern`` (a regular expression) finds in the text: found once per
    scan, as the name patterns are asked twice (for :attr:`Scan.person_names` too)."""
    found = scan.regex_found.get(id(pattern))
    if found is not None:
        return found
    assert pattern.regex is not None
    found = []
    prefilter = pattern.prefilter
    if prefilter is None or prefilter.may_match(scan.text, scan.folded):
        starts = pattern.starts
        matches = (
            pattern.regex.finditer(scan.text)
            if starts is None
            else matches_at(pattern.regex, scan.text, scan.positions(starts))
        )
        for match in matches:
            if pattern.check is None:
                found.append(match.span(pattern.group))
            elif (span := pattern.check(scan, match)) is not None:
                found.append(span)
    scan.regex_found[id(pattern)] = found
    return found


@dataclass(frozen=True)
class _Candidate:
    priority: int
    start: int
    end: int
    rule: Rule
    label: str
    allowed: bool


def _resolved(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """The candidates that stand, sorted by start, none overlapping: earlier rules first,
    then longer spans, then reportable before allowed."""
    ordered = sorted(candidates, key=lambda c: (c.priority, c.start - c.end, c.allowed, c.start))
    kept: list[_Candidate] = []
    starts: list[int] = []
    for cand in ordered:
        index = bisect_left(starts, cand.start)
        if index > 0 and kept[index - 1].end > cand.start:
            continue  # overlaps the kept span before it
        if index < len(kept) and kept[index].start < cand.end:
            continue  # overlaps the kept span after it
        kept.insert(index, cand)
        starts.insert(index, cand.start)
    return kept


def scan_text(
    text: str, allow: Allowlist, *, field: str = "body", model: bool = True
) -> list[Finding]:
    """Every identifier in ``text`` that is not public by design, in text order.

    ``field`` names where the text comes from (``body``, ``title``, ``summary``,
    ``image_alt``, ``platform:x``, ``recall_lots`` ...): :data:`FIELD_POLICIES`
    switch rules off for fields whose content is public by design, and a
    ``title`` is read as title case (capitals do not mark names there). Text in
    capitals ("OUR PATIENT MARIA GONZALEZ CAME IN") is read again in sentence case
    (:func:`unshouted`): capitals there say nothing of names either. A table pasted
    into the text is read by its header (:func:`_cell_findings`), and a row pasted
    without one by what its other cells hold (:func:`_names_in_rows`).
    """
    found = _scan_text(text, allow, field=field, model=model)
    calm = unshouted(text)
    if calm is not None:
        found = _added(
            found,
            [
                Finding(f.rule, f.label, f.start, f.end, text[f.start : f.end], warning=f.warning)
                for f in _scan_text(calm, allow, field=field, model=model)
            ],
        )
    cells = table_cells(text)
    if cells:
        read = _cell_findings(text, cells, allow, field=field, model=model)
        named = {(f.start, f.end): f for f in read}  # its column says what it is
        found = [named.get((f.start, f.end), f) for f in found]
        found = _added(found, read)
    rows = headerless_rows(text) if found else []
    if rows:
        found = _added(found, _names_in_rows(text, rows, found, allow, field=field))
    return found


#: Languages whose common words a cell of a row may not be ("Parabéns", "Спасибо").
ROW_LANGUAGES = (*SENTENCE_LANGUAGES, "ru", "uk")


def _name_cell(cell: str, *, under_a_name: bool = False) -> bool:
    """Whether a table's cell is a name by itself: one to three capitalised words, each
    a name's (:func:`_row_name_word`; under a column that says so, a common surname
    too: "Brennan", "Brown"): "Okafor", "Haddad, Walter"; not "New patient"."""
    return _NAME_CELL.fullmatch(cell) is not None and all(
        _row_name_word(word)
        or (under_a_name and word[0].isupper() and fold_name(word) in census_surnames())
        for word in re.split(r"[ ,]+", cell)
    )


def _row_name_word(word: str) -> bool:
    """A word a name in a row may be made of: capitalised, a listed first name or a
    word rare in English, and no medicine, condition or common word of another
    language (:data:`ROW_LANGUAGES`)."""
    if not word[0].isupper() or not name_like(word) or medical_word(word):
        return False
    return not any(word_of_language(word, language) for language in ROW_LANGUAGES)


#: A row of an export holds a person when this many of its cells hold an identifier.
ROW_IDENTIFIERS = 2
#: A cell of such a row that is a ZIP code: five digits (and four).
_ZIP_CELL = re.compile(r"\d{5}(?:-\d{4})?")
#: A cell of such a row that is a name by itself: up to this many words of letters.
_NAME_CELL = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:[ ,]+[^\W\d_][^\W\d_'’-]*){0,2}")


def _names_in_rows(
    text: str,
    rows: list[list[tuple[int, int]]],
    found: list[Finding],
    allow: Allowlist,
    *,
    field: str,
) -> list[Finding]:
    """Names and ZIP codes in rows pasted with no header ("Adeyemi;Peter;6/24/2020;
    264-84-2896;...;97401"): in a row where :data:`ROW_IDENTIFIERS` cells or more hold
    an identifier, a cell of five digits is a ZIP code, and a cell of one to three
    capitalised words (:func:`_row_name_word`) that the allowlist does not allow, a
    name."""
    off = rules_off(field)
    rule = RULES_BY_ID["name"]
    allow = allow.for_post([text])
    taken = SpanIndex([(f.start, f.end) for f in found])
    holds = taken.overlaps
    names: list[Finding] = []
    for cells in rows:
        if sum(holds(a, b) for a, b in cells) < ROW_IDENTIFIERS:
            continue
        for index, (a, b) in enumerate(cells):
            cell = text[a:b]
            if _ZIP_CELL.fullmatch(cell) and "zip" not in off and not holds(a, b):
                names.append(Finding("zip", RULES_BY_ID["zip"].label, a, b, cell))
                continue
            if "name" in off or not _name_cell(cell):
                continue
            after = cells[index + 1] if index + 1 < len(cells) else None
            if after is not None and STATE_OPENING.match(text, after[0]):
                continue  # a town, before its state
            if not rule.allowed(cell, allow, frozenset()):
                names.append(Finding("name", rule.label, a, b, cell))
    return names


def _added(found: list[Finding], more: Iterable[Finding]) -> list[Finding]:
    """``found`` and each of ``more`` that overlaps none of them, in text order."""
    taken = SpanIndex([(f.start, f.end) for f in found])
    kept = [f for f in more if not taken.overlaps(f.start, f.end)]
    if not kept:
        return found
    return sorted([*found, *kept], key=lambda f: (f.start, f.end))


def _cell_findings(
    text: str, cells: list[Cell], allow: Allowlist, *, field: str, model: bool
) -> list[Finding]:
    """The identifiers in a pasted table's cells (:mod:`.tables`): each cell read after
    its column's label, as a form shows it (one scan of all the cells, a line each);
    and in a table of people, a cell the rules find nothing in that looks like what its
    column names (:func:`.tables.looks_like`) and that the allowlist does not allow, as
    that identifier."""
    # a name column outside a table of people is left as written: a team's table
    # ("Name | Role", "Jordan | nurse practitioner") names staff by first name
    cells = [cell for cell in cells if cell.personal or cell.kind != "name"]
    if not cells:
        return []
    lines, starts = [], []  # each cell's line, and where its text starts in them
    length = 0
    for cell in cells:
        prefix = f"{cell.label}: "
        starts.append(length + len(prefix))
        lines.append(prefix + cell.text)
        length += len(prefix) + len(cell.text) + 1
    read: dict[int, list[Finding]] = {}
    for f in _scan_text("\n".join(lines), allow, field=field, model=model):
        index = bisect_right(starts, f.start) - 1
        if index < 0 or f.end > starts[index] + len(cells[index].text):
            continue  # in a label, or across cells
        start = cells[index].start + f.start - starts[index]
        read.setdefault(index, []).append(
            Finding(f.rule, f.label, start, start + len(f.text), f.text, warning=f.warning)
        )
    off = rules_off(field)
    allow = allow.for_post([text])
    found: list[Finding] = []
    for index, cell in enumerate(cells):
        found.extend(read.get(index, ()))
        kind = cell.kind
        if index in read or kind is None or kind in off or not cell.personal:
            continue
        rule = RULES_BY_ID[kind]
        if kind == "name":
            shaped = _name_cell(cell.text, under_a_name=True)
        else:
            shaped = looks_like(kind, cell.text)
        if shaped and not rule.allowed(cell.text, allow, frozenset()):
            found.append(Finding(kind, rule.label, cell.start, cell.end, cell.text))
    return found


#: A word of letters (an apostrophe inside: "O'BRIEN", "DON'T").
_LETTERS_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Words in capitals this many in a row (with this many letters in all) are shouting,
#: not a run of acronyms ("CDC", "FDA", "RSV").
SHOUTED_WORDS, SHOUTED_LETTERS = 3, 12


def unshouted(text: str) -> str | None:
    """``text`` with each run of words in capitals (:data:`SHOUTED_WORDS` or more) in
    sentence case, letter for letter (its offsets hold): "OUR PATIENT MARIA GONZALEZ"
    -> "Our patient maria gonzalez", which the rules read as they read lower-case
    names; None when it has no such run."""
    runs: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        letters = sum(len(m.group()) for m in run)
        if len(run) >= SHOUTED_WORDS and letters >= SHOUTED_LETTERS:
            runs.append((run[0].start(), run[-1].end()))

    for word in _LETTERS_WORD.finditer(text):
        joined = not run or "\n" not in text[run[-1].end() : word.start()]
        if word.group().isupper() and joined:
            run.append(word)
            continue
        close()
        run = [word] if word.group().isupper() else []
    close()
    if not runs:
        return None
    chars = list(text)
    for start, end in runs:
        for index in range(start, end):
            lower = chars[index].lower()
            if len(lower) == 1:
                chars[index] = lower
        before = text[:start].rstrip()
        if not before or before[-1] in '.!?:;"“(':
            chars[start] = chars[start].upper() if len(chars[start].upper()) == 1 else chars[start]
    return "".join(chars)


def _scan_text(
    text: str, allow: Allowlist, *, field: str = "body", model: bool = True
) -> list[Finding]:
    """:func:`scan_text` on ``text`` as it is written."""
    if not text or not text.strip():
        return []
    allow = allow.for_post([text])  # staff named in full here: their first names are staff
    scan = Scan(text, field, allow, model=model)
    off = rules_off(field)
    candidates: list[_Candidate] = []
    for priority, rule in enumerate(RULES):
        if rule.id in off:
            continue
        found = scan.name_candidates if rule.id == "name" else _candidates(scan, rule)
        for start, end, pattern in found:
            snippet = text[start:end]
            cues = frozenset(c for c in rule.informs if scan.cue_near(CUES[c], start, end))
            allowed = rule.allowed(snippet, allow, cues)
            candidates.append(
                _Candidate(priority, start, end, rule, pattern.label or rule.label, allowed)
            )
    kept = _resolved(candidates)
    public = _phrase_spans(text, allow.phrases)
    return [
        Finding(
            c.rule.id,
            c.label,
            c.start,
            c.end,
            text[c.start : c.end],
            warning=c.rule.id == "name" and public_attribution(scan, c.start, c.end),
        )
        for c in kept
        if not c.allowed and not any(a <= c.start and c.end <= b for a, b in public)
    ]


def _phrase_spans(text: str, phrases: frozenset[str]) -> list[Span]:
    """Where the allowlist's public phrases stand in ``text``."""
    spans: list[Span] = []
    for pattern in _phrase_patterns(phrases):
        spans.extend(m.span() for m in pattern.finditer(text))
    return spans


@lru_cache(maxsize=16)
def _phrase_patterns(phrases: frozenset[str]) -> tuple[re.Pattern[str], ...]:
    """One compiled pattern a phrase, made once per set of phrases (every text scanned
    asks for them): any spaces between its words, a straight or a curly apostrophe."""
    patterns = []
    for phrase in phrases:
        words = (re.escape(word).replace("'", "['’]") for word in phrase.split())
        joined = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
        patterns.append(re.compile(joined, re.IGNORECASE))
    return tuple(patterns)


# ---------------------------------------------------------------------------
# Text as a reader sees it; masking any text the build prints
# ---------------------------------------------------------------------------


def scan_visible(
    text: str, allow: Allowlist, *, field: str = "body", model: bool = True
) -> list[Finding]:
    """:func:`scan_text` on ``text`` as a reader sees it
    (:func:`healthnotes.gate.normalize.normalize`: invisible characters dropped,
    overrides undone, look-alike letters and spelled-out digits read), with each
    finding's span and text those of the original."""
    seen = normalize(text)
    if seen.starts is None:
        return scan_text(text, allow, field=field, model=model)
    found = []
    for finding in scan_text(seen.text, allow, field=field, model=model):
        start, end = seen.original_span(finding.start, finding.end)
        found.append(Finding(finding.rule, finding.label, start, end, text[start:end]))
    return found


def _loose(known: str) -> re.Pattern[str] | None:
    """``known`` found again with any separators between its words, in any case
    ("Maria Gonzalez" in "maria-gonzalez-541.md")."""
    words = re.findall(r"[^\W_]+", visible(known))
    if not words:
        return None
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)) + r"(?![^\W_])", re.I)


def mask_identifiers(
    text: str, allow: Allowlist, *, known: Iterable[str] = (), model: bool = True
) -> str:
    """``text`` with every identifier :func:`scan_visible` finds masked the way
    :meth:`Finding.masked` masks it (and every text of ``known``, identifiers found
    elsewhere, wherever it stands): safe for a terminal, a log or a report. Without
    ``model`` only the rules read it (no language model loaded for a message)."""
    if not text:
        return text
    spans = [(f.start, f.end) for f in scan_visible(text, allow, model=model)]
    return mask_spans(text, spans + known_spans(text, known))


def mask_known(text: str, known: Iterable[str]) -> str:
    """``text`` with every text of ``known`` masked wherever it stands, in any case and
    with any separators between its words (no rule reads it: nothing else is masked)."""
    return mask_spans(text, known_spans(text, known)) if text else text


def known_spans(text: str, known: Iterable[str]) -> list[tuple[int, int]]:
    """Where each text of ``known`` stands in ``text``, read as written and as a reader
    sees it (:func:`_loose`)."""
    spans: list[tuple[int, int]] = []
    seen = None
    for entry in known:
        pattern = _loose(entry)
        if pattern is None:
            continue
        seen = seen or normalize(text)
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
        spans.extend(seen.original_span(*m.span()) for m in pattern.finditer(seen.text))
    return spans


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span (start, end) masked as :meth:`Finding.masked` masks it."""
    spans = list(spans)
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    at = 0
    for start, end in merged:
        out.append(text[at:start])
        out.append(Finding("", "", start, end, text[start:end]).masked())
        at = end
    out.append(text[at:])
    return "".join(out)
