"""Literal prefilters never skip a pattern on a text it matches."""

from __future__ import annotations

import functools
import marshal
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT
from healthnotes.gate import prefilter
from healthnotes.gate.evaluate import load_corpus
from healthnotes.gate.prefilter import (
    _IGNORECASE_EXTRA,
    fold,
    literal_prefilter,
    matches_at,
    required_literals,
    start_class,
)
from healthnotes.gate.privacy import RULES, Allowlist, scan_text

PATTERNS = [p.regex for rule in RULES for p in rule.patterns if p.regex is not None]
PREFILTERED = [rx for rx in PATTERNS if literal_prefilter(rx) is not None]
STARTING = [rx for rx in PATTERNS if start_class(rx) is not None]
#: Texts hypothesis builds from each pattern (some constructs make it slow or picky).
PER_PATTERN = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _may_match(pattern: re.Pattern[str], text: str) -> bool:
    prefilter = literal_prefilter(pattern)
    return prefilter is None or prefilter.may_match(text, fold(text))


def _texts() -> list[str]:
    texts = [example.sentence for example in load_corpus()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((CONTENT / "posts").glob("*.md"))]
    return texts


def test_most_identifier_patterns_get_a_prefilter():
    assert len(PREFILTERED) >= len(PATTERNS) // 3, (len(PREFILTERED), len(PATTERNS))


def test_no_pattern_is_skipped_on_a_corpus_sentence_or_example_post_it_matches():
    texts = _texts()
    matched = 0
    for pattern in PATTERNS:
        for text in texts:
            if pattern.search(text):
                matched += 1
                assert _may_match(pattern, text), (pattern.pattern[:80], text[:80])
    assert matched > 300  # the corpus exercises the patterns


@pytest.mark.parametrize("pattern", PREFILTERED, ids=[f"{i}" for i in range(len(PREFILTERED))])
@PER_PATTERN
@given(data=st.data())
def test_every_text_a_pattern_matches_passes_its_prefilter(pattern, data):
    """Texts made to contain a match (hypothesis builds them from the pattern itself),
    in upper, lower and mixed case, and around other words."""
    try:
        strategy = st.from_regex(pattern, fullmatch=False)
        text = data.draw(strategy)
    except Exception as error:  # a construct hypothesis cannot generate from
        pytest.skip(f"hypothesis cannot build texts for it: {error}")
    for variant in (text, text.upper(), text.lower(), text.swapcase()):
        if pattern.search(variant):
            assert _may_match(pattern, variant), (pattern.pattern[:80], variant)


def letter(ascii_letter: str, char: str) -> bool:
    return re.fullmatch(f"(?i){ascii_letter}", char) is not None


@functools.cache
def non_ascii_ignorecase_letters() -> list[tuple[str, str]]:
    """(character above ASCII, the ASCII letter re.IGNORECASE matches it to), for every
    code point."""
    letters = re.compile("(?i)[a-z]")
    return [
        (chr(code), next(a for a in "abcdefghijklmnopqrstuvwxyz" if letter(a, chr(code))))
        for code in range(128, sys.maxunicode + 1)
        if letters.fullmatch(chr(code))
    ]


def test_folding_keeps_every_ascii_letter_that_ignorecase_matches():
    for char, ascii_letter in non_ascii_ignorecase_letters():
        assert ascii_letter in fold(char), hex(ord(char))


@pytest.mark.parametrize(
    ("pattern", "literals", "ignore_case"),
    [
        (r"\bMRN\s*#?\d{6,}", {"MRN"}, False),
        # The most telling choice: the longer words, not "ID".
        (r"(?i:member|subscriber)\s+(?:number|ID)", {"member", "subscriber"}, True),
        (r"\b(?:born|DOB)\b", {"born", "DOB"}, False),
        (r"(?:Mrs?|Dr)\.?\s+[A-Z]\w+", {"Mr", "Dr"}, False),  # "Mrs" holds "Mr"
    ],
)
def test_required_literals_are_what_every_match_must_contain(pattern, literals, ignore_case):
    found = required_literals(re.compile(pattern))
    assert found is not None
    assert set(found[0]) == literals and found[1] is ignore_case


@pytest.mark.parametrize(
    "pattern",
    [r"\d{3}\s?\d{4}", r"(?:MRN)?\s*\d+", r"(?<=MRN )\d+", r"[A-Z][a-z]+\s[A-Z]\w+", r"(\w+)\s\1"],
)
def test_a_pattern_that_requires_no_literal_gets_no_prefilter(pattern):
    assert literal_prefilter(re.compile(pattern)) is None


def test_a_text_without_the_required_words_skips_the_pattern():
    pattern = re.compile(r"\b(?i:medical\s+record|chart)\s+(?:number|no\.?)\s*\d+")
    prefilter = literal_prefilter(pattern)
    assert prefilter is not None
    assert not prefilter.may_match("Wash your hands.", fold("Wash your hands."))
    text = "Her MEDICAL RECORD number 123456 was on the form."
    assert pattern.search(text) and prefilter.may_match(text, fold(text))


# --- start classes ---------------------------------------------------------------


def spans_tried_at_starts(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    char_class = start_class(pattern)
    assert char_class is not None
    starts = [m.start() for m in re.finditer(char_class, text)]
    return [m.span() for m in matches_at(pattern, text, starts)]


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "char_class"),
    [
        (r"(?<![\d-])\d{3}-\d{2}", r"[\d]"),
        (r"\b(?:Mrs?|Dr)\.?\s+[A-Z]", "[DM]"),
        (r"\b(?:O')?[A-Z][a-z]+", "[A-ZO]"),  # the optional O', or the capital
        (r"(?:\bon\s+)?[A-Z]\w+", None),  # may start with a lower-case "o": too common
        (r"(?i:mrn)\s*\d+", None),  # case ignored: "m" is one of the starts
        (r"\s+\d", None),  # white space: nearly everywhere
        (r"\d*", None),  # may match nothing
        (r".\d", None),  # anything
    ],
)
def test_start_class_holds_the_first_character_of_every_match_when_it_is_rare(pattern, char_class):
    assert start_class(re.compile(pattern)) == char_class


def test_the_name_and_number_patterns_get_a_start_class():
    assert len(STARTING) >= 20, len(STARTING)


def test_ignorecase_extras_are_every_non_ascii_character_matching_an_ascii_letter():
    found = non_ascii_ignorecase_letters()
    assert found  # the Kelvin sign at least
    for char, ascii_letter in found:
        assert char in _IGNORECASE_EXTRA.get(ascii_letter, ""), hex(ord(char))


def test_trying_a_pattern_only_at_its_start_class_finds_what_finditer_finds_on_real_texts():
    texts = _texts()
    found = 0
    for pattern in STARTING:
        for text in texts:
            expected = spans(pattern, text)
            found += len(expected)
            assert spans_tried_at_starts(pattern, text) == expected, pattern.pattern[:80]
    assert found > 200  # the corpus exercises the patterns


@pytest.mark.parametrize("pattern", STARTING, ids=[f"{i}" for i in range(len(STARTING))])
@PER_PATTERN
@given(data=st.data(), before=st.text(max_size=8), after=st.text(max_size=8))
def test_trying_a_pattern_only_at_its_start_class_finds_what_finditer_finds(
    pattern, data, before, after
):
    """Texts made to contain matches (hypothesis builds them from the pattern), twice,
    in several cases, after and before other characters."""
    try:
        text = data.draw(st.from_regex(pattern, fullmatch=False))
    except Exception as error:  # a construct hypothesis cannot generate from
        pytest.skip(f"hypothesis cannot build texts for it: {error}")
    for variant in (text, text.upper(), text.lower(), text.swapcase()):
        whole = before + variant + after + variant
        assert spans_tried_at_starts(pattern, whole) == spans(pattern, whole)


# ---------------------------------------------------------------------------
# What was derived is kept between processes
# ---------------------------------------------------------------------------


def _derived_now(pattern: re.Pattern[str]) -> tuple[object, object]:
    """What this code derives for ``pattern``, past every cache."""
    return prefilter._literal_prefilter(pattern), prefilter._start_class(pattern)


def _read_kept(pattern: re.Pattern[str]) -> tuple[object, object]:
    """What ``literal_prefilter`` and ``start_class`` give, past their per-process cache."""
    return literal_prefilter.__wrapped__(pattern), start_class.__wrapped__(pattern)


def _another_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a fresh process holds: nothing kept, no kept file read yet."""
    monkeypatch.setattr(prefilter, "_kept", {})
    monkeypatch.setattr(prefilter, "_read_from", set())


def _no_deriving(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a kept pattern was derived again")

    monkeypatch.setattr(prefilter, "_literal_prefilter", refuse)
    monkeypatch.setattr(prefilter, "_start_class", refuse)


def test_prefilters_kept_in_a_folder_are_read_back_without_deriving_any_again(
    tmp_path, monkeypatch
):
    _another_process(monkeypatch)
    prefilter.keep_in(tmp_path, PATTERNS)
    assert prefilter.kept_file(tmp_path).is_file()
    expected = {p: _derived_now(p) for p in PATTERNS}

    _another_process(monkeypatch)
    _no_deriving(monkeypatch)
    prefilter.keep_in(tmp_path, PATTERNS)
    assert {p: _read_kept(p) for p in PATTERNS} == expected


def test_a_fresh_process_finds_with_the_kept_prefilters_what_a_process_deriving_them_finds(
    tmp_path,
):
    """The build's workers are fresh processes: one that reads the kept file (and may not
    derive anything again) finds in a text exactly what the rules find here."""
    text = (
        "Seen on March 3, 2026 by Dr. Lee: Maria Gonzalez (MRN 0042-7731), 541-555-0199, "
        "maria.g@example.com, 14 Oak Street, Springfield."
    )
    findings = [(f.rule, f.start, f.end) for f in scan_text(text, Allowlist(), field="body")]
    assert findings  # the text holds what the rules find
    prefilter.keep_in(tmp_path, PATTERNS)
    program = f"""
from pathlib import Path
from healthnotes.gate import prefilter
from healthnotes.gate.privacy import Allowlist, keep_derived, scan_text
keep_derived(Path({str(tmp_path)!r}))
def refuse(*args):
    raise AssertionError("a kept pattern was derived again")
prefilter._literal_prefilter = prefilter._start_class = refuse
found = scan_text({text!r}, Allowlist(), field="body")
print(repr([(f.rule, f.start, f.end) for f in found]))
"""
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr(findings)


@pytest.mark.parametrize(
    "damage",
    [b"", b"not marshal", marshal.dumps([1, 2]), marshal.dumps({("x", 0): ("bad",)})],
    ids=["empty", "garbage", "a list", "wrong shapes"],
)
def test_a_damaged_kept_file_is_derived_again_and_replaced(tmp_path, monkeypatch, damage):
    path = prefilter.kept_file(tmp_path)
    path.write_bytes(damage)
    _another_process(monkeypatch)
    prefilter.keep_in(tmp_path, PATTERNS)
    assert {p: _read_kept(p) for p in PATTERNS} == {p: _derived_now(p) for p in PATTERNS}
    kept = marshal.loads(path.read_bytes())
    assert {(p.pattern, p.flags) for p in PATTERNS} <= kept.keys()
    assert ("x", 0) not in kept


def test_a_kept_file_that_lacks_a_pattern_gets_it_and_keeps_the_others(tmp_path, monkeypatch):
    _another_process(monkeypatch)
    prefilter.keep_in(tmp_path, PATTERNS[:10])
    _another_process(monkeypatch)
    prefilter.keep_in(tmp_path, PATTERNS)
    kept = marshal.loads(prefilter.kept_file(tmp_path).read_bytes())
    assert kept.keys() == {(p.pattern, p.flags) for p in PATTERNS}


def test_a_folder_that_cannot_be_written_keeps_nothing_and_stops_nothing(tmp_path, monkeypatch):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    _another_process(monkeypatch)
    prefilter.keep_in(not_a_folder, PATTERNS)
    assert {p: _read_kept(p) for p in PATTERNS} == {p: _derived_now(p) for p in PATTERNS}
    prefilter.keep_in(None, PATTERNS)  # no folder: nothing read or kept


def test_the_kept_file_is_named_by_this_code_and_the_python_that_parses_the_patterns(
    tmp_path, monkeypatch
):
    name = prefilter.kept_file(tmp_path).name
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert prefilter.kept_file(tmp_path).name != name
    code = prefilter.Path(prefilter.__file__).read_bytes()
    monkeypatch.setattr(prefilter.Path, "read_bytes", lambda self: code + b"\n# changed")
    monkeypatch.setattr(sys, "version", sys.version.removesuffix(" (another build)"))
    assert prefilter.kept_file(tmp_path).name != name


def test_a_process_reads_the_kept_file_once(tmp_path, monkeypatch):
    """A worker checks many posts, each asking for the prefilters: the file is read once."""
    _another_process(monkeypatch)
    prefilter.keep_in(tmp_path, PATTERNS)
    _another_process(monkeypatch)
    reads = []
    read_bytes = prefilter.Path.read_bytes

    def counted(self):
        if self.suffix == ".marshal":
            reads.append(self)
        return read_bytes(self)

    monkeypatch.setattr(prefilter.Path, "read_bytes", counted)
    for _ in range(3):
        prefilter.keep_in(tmp_path, PATTERNS)
    assert len(reads) == 1
