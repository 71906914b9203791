"""healthnotes.cache.patterns: a pattern from the store is the pattern re.compile makes,
and a process that imports the gate's rules after another did compiles none of them."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthnotes.cache import patterns
from healthnotes.cache.patterns import PatternStore, store_for
from healthnotes.gate.privacy import rules

ROOT = Path(__file__).resolve().parents[2]

SAMPLES = [
    (r"(?P<name>[A-Z][a-z]+)\s+(?P<surname>[A-Z][a-z]+)", 0),
    (r"\b(?:fax|phone)\b[^\d\n]{0,45}$", re.IGNORECASE | re.MULTILINE),
    (r"(?x) \d{3} [-.\s]? \d{4}  # a local number", 0),
    (r"(?i:mr|mrs|ms)\.?\s+(\w+)", 0),
    (r"^[ \t]*:", re.MULTILINE),
    (r"[^\W\d_]{2}", 0),
]


def _rules_patterns() -> list[tuple[str, int]]:
    """Every pattern the rules module compiled (as the store keeps it)."""
    store = store_for(rules.__file__)
    assert store.path is not None and store.path.is_file(), "importing the rules keeps them"
    _, entries = marshal.loads(store.path.read_bytes())
    return list(entries)


def _filled(path: Path) -> PatternStore:
    store = PatternStore(path)
    for source, flags in SAMPLES:
        store.compile(source, flags)
    store.save()
    return store


def test_a_pattern_from_the_store_is_the_one_re_compile_makes(tmp_path):
    _filled(tmp_path / "p.marshal")
    again = PatternStore(tmp_path / "p.marshal")
    for source, flags in SAMPLES:
        kept = again.compile(source, flags)
        made = re.compile(source, flags)
        assert kept == made  # CPython compares the pattern, its flags and the engine's code
        assert (kept.flags, kept.groups, kept.groupindex) == (
            made.flags,
            made.groups,
            made.groupindex,
        )
    assert again.compiled == 0


def test_every_rule_of_the_gate_from_the_store_is_the_one_re_compile_makes():
    kept = _rules_patterns()
    assert len(kept) > 200
    store = store_for(rules.__file__)
    for source, flags in kept:
        made = re.compile(source, flags)
        from_store = store.compile(source, flags)
        assert from_store == made
        assert (from_store.groups, from_store.groupindex) == (made.groups, made.groupindex)
    assert store.compiled == 0


@settings(max_examples=60, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=10_000),
    text=st.text(
        alphabet=st.sampled_from("Aa Bb Zz Mr Mrs. Dr.\n\t:,-0123456789()@ lnJéñ'’"),
        max_size=120,
    ),
)
def test_a_rule_from_the_store_finds_exactly_what_the_compiled_rule_finds(index, text):
    kept = _rules_patterns()
    source, flags = kept[index % len(kept)]
    from_store = store_for(rules.__file__).compile(source, flags)
    made = re.compile(source, flags)
    found = [(m.span(), m.groups()) for m in from_store.finditer(text)]
    assert found == [(m.span(), m.groups()) for m in made.finditer(text)]


def test_a_second_process_importing_the_rules_compiles_none_of_them():
    code = "import healthnotes.gate.privacy.rules as r; print(r._PATTERNS.compiled)"
    run = [sys.executable, "-c", code]
    for _ in range(2):  # the first may write the store (after an edit of the rules)
        done = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"


def test_a_store_of_another_python_is_not_used_and_is_replaced(tmp_path):
    path = tmp_path / "p.marshal"
    _filled(path)
    _, entries = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps((("another python", 1, 4), entries)))
    other = _filled(path)
    assert other.compiled == len(SAMPLES)
    assert marshal.loads(path.read_bytes())[0] == patterns.TAG


@pytest.mark.parametrize("damage", [b"", b"not marshal", marshal.dumps([1, 2, 3])])
def test_a_damaged_store_is_compiled_anew_and_written_again(tmp_path, damage):
    path = tmp_path / "p.marshal"
    path.write_bytes(damage)
    store = _filled(path)
    assert store.compiled == len(SAMPLES)
    assert PatternStore(path).compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])


def test_an_entry_the_engine_refuses_is_compiled_by_re(tmp_path):
    path = tmp_path / "p.marshal"
    source, flags = SAMPLES[0]
    path.write_bytes(marshal.dumps((patterns.TAG, {(source, flags): (0, [999999], 0, {}, ())})))
    store = PatternStore(path)
    assert store.compile(source, flags) == re.compile(source, flags)
    assert store.compiled == 1


def test_a_wrong_pattern_fails_as_re_compile_fails(tmp_path):
    store = PatternStore(tmp_path / "p.marshal")
    with pytest.raises(re.error, match="missing \\)"):
        store.compile(r"(unclosed", 0)


def test_only_what_the_last_import_compiled_is_kept(tmp_path):
    path = tmp_path / "p.marshal"
    _filled(path)
    store = PatternStore(path)
    store.compile(*SAMPLES[0])
    store.save()
    store.compile(r"compiled at run time", 0)  # after save: not kept
    store.save()
    assert list(marshal.loads(path.read_bytes())[1]) == [SAMPLES[0]]


def test_a_store_that_cannot_be_written_only_costs_compiling(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    store = PatternStore(blocked / "__pycache__" / "p.marshal")
    assert store.compile(*SAMPLES[1]) == re.compile(*SAMPLES[1])
    store.save()  # no error
    assert blocked.is_file()


def test_the_store_is_beside_the_modules_bytecode_named_for_this_python():
    path = store_for(rules.__file__).path
    assert path is not None
    assert path.parent == Path(rules.__file__).parent / "__pycache__"
    assert path.name == f"rules.patterns.{sys.implementation.cache_tag}.marshal"
