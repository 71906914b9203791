"""Precision and recall of :mod:`healthnotes.gate.privacy` on labelled sets.

``python -m healthnotes.gate.evaluate`` measures every set in :data:`SETS`
separately: the FROZEN gate evaluation set, the dev gate evaluation set and the
old hand-written corpus. For each it prints a table per class (rule), the
overall (micro) figures and the share of negative sentences flagged, then (dev
and hand-written only) every miss and false alarm. It exits 1 when a set's
targets are missed: the Safe Harbor targets (:data:`SAFE_HARBOR_TARGETS`) on the
frozen set, the regression targets (:data:`RECALL_TARGETS`,
:data:`MIN_OVERALL_PRECISION`) on the hand-written corpus; the dev set has none.
The frozen set's individual misses are never printed: nobody tunes on it.
``--corpus FILE`` measures one file against the regression targets (the old
behaviour).

The gate evaluation set (``tests/data/gate_eval/``) is made by
``tools/gate_eval/generate.py``: Faker identifiers in disjoint sets of sentence
frames; the frozen part was frozen on 2026-12-04 before any tuning. ``dev2.tsv``
is a second dev part with frames written later from issue 17's classes of misses.
``dev3_tune.tsv`` and ``dev3_check.tsv`` are one more set of frames (the name misses
that remained) drawn twice: tune on the first half; the second is reported, its
errors never printed. ``dev4_tune.tsv`` and ``dev4_check.tsv`` are frames written blind
by someone who had not read the rules, split the same way; ``dev5_tune.tsv`` and
``dev5_check.tsv`` a later round written blind by another writer, measured before any
tuning on it; ``dev6_tune.tsv`` and ``dev6_check.tsv`` a third blind round by a third
writer, measured the same way; ``dev7_tune.tsv`` and ``dev7_check.tsv`` a fourth round by
a fourth writer (longer texts, flattened tables, more languages); ``dev8_tune.tsv`` and
``dev8_check.tsv`` a fifth round by a fifth writer (replies, reviews, captions, twelve
languages); ``dev9_tune.tsv`` and ``dev9_check.tsv`` a sixth by a sixth writer (whole
posts of the four types, pasted Markdown, e-mail and portal text, ten languages);
``dev10_tune.tsv`` and ``dev10_check.tsv`` a seventh by a seventh writer (text pasted
from other tools, honorifics of many languages, negatives named after people).

The corpus (``tests/data/identifier_corpus.tsv``) has one sentence per line and
a JSON list of ``[rule, "exact substring"]`` pairs. A predicted finding is a
true positive when its rule is the expected rule and its span overlaps the
expected substring (the n-th listing of the same substring is its n-th
occurrence in the sentence). Precision counts predictions, recall counts
expected identifiers. Scans use the example practice's allowlist
(``pelicanconf.py``), so the practice's own phone, address and staff are
negatives.

How the corpus was made: the first 207 rows were written before the detector;
four later rounds of new sentences (161 rows) were each first measured as
held-out data against the detector of the time, then kept and the detector
improved. The corpus is small and written by the same hands as the rules:
treat the figures as a regression guard, not as a measure on real posts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from healthnotes.config import SiteConfig
from healthnotes.gate.privacy import RULES, Allowlist, Finding, scan_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "identifier_corpus.tsv"
SETTINGS = ROOT / "pelicanconf.py"
GATE_EVAL = ROOT / "tests" / "data" / "gate_eval"
FROZEN = GATE_EVAL / "frozen.tsv"
DEV = GATE_EVAL / "dev.tsv"
DEV2 = GATE_EVAL / "dev2.tsv"
DEV3_TUNE = GATE_EVAL / "dev3_tune.tsv"
DEV3_CHECK = GATE_EVAL / "dev3_check.tsv"
DEV4_TUNE = GATE_EVAL / "dev4_tune.tsv"
DEV4_CHECK = GATE_EVAL / "dev4_check.tsv"
DEV5_TUNE = GATE_EVAL / "dev5_tune.tsv"
DEV5_CHECK = GATE_EVAL / "dev5_check.tsv"
DEV6_TUNE = GATE_EVAL / "dev6_tune.tsv"
DEV6_CHECK = GATE_EVAL / "dev6_check.tsv"
DEV7_TUNE = GATE_EVAL / "dev7_tune.tsv"
DEV7_CHECK = GATE_EVAL / "dev7_check.tsv"
DEV8_TUNE = GATE_EVAL / "dev8_tune.tsv"
DEV8_CHECK = GATE_EVAL / "dev8_check.tsv"
DEV9_TUNE = GATE_EVAL / "dev9_tune.tsv"
DEV9_CHECK = GATE_EVAL / "dev9_check.tsv"
DEV10_TUNE = GATE_EVAL / "dev10_tune.tsv"
DEV10_CHECK = GATE_EVAL / "dev10_check.tsv"

#: Minimum recall per class. Classes not listed are reported but have no target.
RECALL_TARGETS: dict[str, float] = {
    "phone": 0.95,
    "fax": 0.95,
    "email": 0.95,
    "ssn": 0.95,
    "record_number": 0.95,
    "date": 0.95,
    "age_over_89": 0.95,
    "zip": 0.95,
    "street_address": 0.95,
    "name": 0.85,
    "url": 0.85,
    "ip": 0.95,
}
#: Minimum precision over all classes together (micro average).
MIN_OVERALL_PRECISION = 0.9


@dataclass(frozen=True)
class Targets:
    """What a set must reach: recall per class (``default_recall`` for classes not
    listed; None means no target), overall precision, and at most this share of
    negative sentences with any finding (None: not checked)."""

    recall: Mapping[str, float]
    min_precision: float
    default_recall: float | None = None
    max_negatives_flagged: float | None = None

    def recall_target(self, rule: str) -> float | None:
        return self.recall.get(rule, self.default_recall)


#: The hand-written corpus's regression guard (unchanged).
REGRESSION_TARGETS = Targets(RECALL_TARGETS, MIN_OVERALL_PRECISION)
#: HIPAA Safe Harbor targets, checked on the frozen gate evaluation set only.
SAFE_HARBOR_TARGETS = Targets(
    {"name": 0.90}, min_precision=0.90, default_recall=0.95, max_negatives_flagged=0.05
)


@dataclass(frozen=True)
class EvalSet:
    """One labelled set measured by ``main``: where it is, its targets (None: report
    only), and whether its individual errors are printed."""

    name: str
    path: Path
    targets: Targets | None
    show_errors: bool


#: Every set measured, each reported separately.
SETS: tuple[EvalSet, ...] = (
    EvalSet("frozen (gate eval, never tuned on)", FROZEN, SAFE_HARBOR_TARGETS, False),
    EvalSet("dev (gate eval)", DEV, None, True),
    EvalSet("dev2 (gate eval, issue 17's classes of misses)", DEV2, None, True),
    EvalSet("dev3 tune half (gate eval, name misses)", DEV3_TUNE, None, True),
    EvalSet("dev3 check half (gate eval, name misses, never tuned on)", DEV3_CHECK, None, False),
    EvalSet("dev4 tune half (gate eval, frames written blind)", DEV4_TUNE, None, True),
    EvalSet("dev4 check half (gate eval, written blind, never tuned on)", DEV4_CHECK, None, False),
    EvalSet("dev5 tune half (gate eval, a later round written blind)", DEV5_TUNE, None, True),
    EvalSet("dev5 check half (written blind, never tuned on)", DEV5_CHECK, None, False),
    EvalSet("dev6 tune half (gate eval, a third round written blind)", DEV6_TUNE, None, True),
    EvalSet("dev6 check half (written blind, never tuned on)", DEV6_CHECK, None, False),
    EvalSet("dev7 tune half (gate eval, a fourth round written blind)", DEV7_TUNE, None, True),
    EvalSet("dev7 check half (written blind, never tuned on)", DEV7_CHECK, None, False),
    EvalSet("dev8 tune half (gate eval, a fifth round written blind)", DEV8_TUNE, None, True),
    EvalSet("dev8 check half (written blind, never tuned on)", DEV8_CHECK, None, False),
    EvalSet("dev9 tune half (gate eval, a sixth round written blind)", DEV9_TUNE, None, True),
    EvalSet("dev9 check half (written blind, never tuned on)", DEV9_CHECK, None, False),
    EvalSet("dev10 tune half (gate eval, a seventh round written blind)", DEV10_TUNE, None, True),
    EvalSet("dev10 check half (written blind, never tuned on)", DEV10_CHECK, None, False),
    EvalSet("hand-written corpus", CORPUS, REGRESSION_TARGETS, True),
)


@dataclass(frozen=True)
class Example:
    """One labelled sentence; ``expected`` holds (rule, start, end) spans."""

    line: int
    sentence: str
    expected: tuple[tuple[str, int, int], ...]


class CorpusError(ValueError):
    """A corpus line is malformed (names the line)."""


def load_corpus(path: Path = CORPUS) -> list[Example]:
    """Read the TSV corpus; comments (#) and the header line are skipped."""
    examples: list[Example] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("sentence\t"):
            continue
        sentence, tab, labels = raw.partition("\t")
        sentence = sentence.replace("\\n", "\n")  # a line break within a text (a list)
        if not tab:
            raise CorpusError(f"{path.name}:{number}: expected 'sentence<TAB>json'")
        try:
            pairs = json.loads(labels)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path.name}:{number}: bad JSON ({error})") from None
        examples.append(Example(number, sentence, _spans(sentence, pairs, f"{path.name}:{number}")))
    return examples


def _spans(sentence: str, pairs: object, where: str) -> tuple[tuple[str, int, int], ...]:
    known = {rule.id for rule in RULES}
    if not isinstance(pairs, list):
        raise CorpusError(f"{where}: expected a JSON list of [rule, text] pairs")
    spans: list[tuple[str, int, int]] = []
    seen: dict[str, int] = {}
    for pair in pairs:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            raise CorpusError(f"{where}: expected [rule, text], got {pair!r}")
        rule, text = pair
        if rule not in known:
            raise CorpusError(f"{where}: unknown rule {rule!r}")
        start = -1
        for _ in range(seen.get(text, 0) + 1):
            start = sentence.find(text, start + 1)
            if start < 0:
                raise CorpusError(f"{where}: {text!r} is not in the sentence (that often)")
        seen[text] = seen.get(text, 0) + 1
        spans.append((rule, start, start + len(text)))
    return tuple(spans)


@dataclass(frozen=True)
class ClassScore:
    """Counts for one rule: predictions that hit, all predictions, expected found, expected."""

    rule: str
    true_predictions: int
    predictions: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_predictions / self.predictions if self.predictions else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


@dataclass(frozen=True)
class Error:
    """A false alarm ("false positive") or a miss ("missed") on one corpus line."""

    kind: str
    line: int
    rule: str
    text: str
    sentence: str


@dataclass(frozen=True)
class Evaluation:
    """Scores per rule and overall, with every error."""

    scores: tuple[ClassScore, ...]
    errors: tuple[Error, ...]
    negatives: int = 0
    negatives_flagged: int = 0

    @property
    def negatives_flagged_share(self) -> float:
        return self.negatives_flagged / self.negatives if self.negatives else 0.0

    @property
    def overall(self) -> ClassScore:
        return ClassScore(
            "overall",
            sum(s.true_predictions for s in self.scores),
            sum(s.predictions for s in self.scores),
            sum(s.found for s in self.scores),
            sum(s.expected for s in self.scores),
        )

    def missed_targets(self, targets: Targets = REGRESSION_TARGETS) -> list[str]:
        """One line per target not met (empty when all are met)."""
        missed = []
        for score in self.scores:
            target = targets.recall_target(score.rule)
            if target is not None and score.expected and score.recall < target:
                missed.append(f"{score.rule}: recall {score.recall:.3f} < {target:.2f}")
        if self.overall.precision < targets.min_precision:
            missed.append(
                f"overall: precision {self.overall.precision:.3f} < {targets.min_precision:.2f}"
            )
        limit = targets.max_negatives_flagged
        if limit is not None and self.negatives_flagged_share > limit:
            missed.append(
                f"negatives flagged: {self.negatives_flagged_share:.3f} > {limit:.2f}"
                f" ({self.negatives_flagged} of {self.negatives})"
            )
        return missed


def _overlaps(finding: Finding, start: int, end: int) -> bool:
    return finding.start < end and start < finding.end


def evaluate(examples: Iterable[Example], allow: Allowlist) -> Evaluation:
    """Scan every sentence and score the findings against the labels."""
    rules = [rule.id for rule in RULES]
    true_pred = dict.fromkeys(rules, 0)
    predicted = dict.fromkeys(rules, 0)
    found = dict.fromkeys(rules, 0)
    expected = dict.fromkeys(rules, 0)
    errors: list[Error] = []
    negatives = negatives_flagged = 0
    for example in examples:
        # Warnings (a public figure quoted) stop nothing: they are not predictions.
        findings = [f for f in scan_text(example.sentence, allow) if not f.warning]
        if not example.expected:
            negatives += 1
            negatives_flagged += bool(findings)
        for finding in findings:
            predicted[finding.rule] += 1
            if any(
                rule == finding.rule and _overlaps(finding, start, end)
                for rule, start, end in example.expected
            ):
                true_pred[finding.rule] += 1
            else:
                errors.append(
                    Error(
                        "false positive", example.line, finding.rule, finding.text, example.sentence
                    )
                )
        for rule, start, end in example.expected:
            expected[rule] += 1
            if any(f.rule == rule and _overlaps(f, start, end) for f in findings):
                found[rule] += 1
            else:
                errors.append(
                    Error(
                        "missed", example.line, rule, example.sentence[start:end], example.sentence
                    )
                )
    scores = tuple(
        ClassScore(rule, true_pred[rule], predicted[rule], found[rule], expected[rule])
        for rule in rules
    )
    return Evaluation(scores, tuple(errors), negatives, negatives_flagged)


def example_allowlist(settings_file: Path = SETTINGS) -> Allowlist:
    """The allowlist of the example practice in ``pelicanconf.py``."""
    return Allowlist.from_config(SiteConfig.beside_file(settings_file))


def format_table(evaluation: Evaluation, targets: Targets | None = REGRESSION_TARGETS) -> str:
    """The per-class table, overall line last, then the negatives flagged."""
    header = f"{'class':<16}{'expected':>9}{'predicted':>10}{'precision':>10}{'recall':>8}  target"
    lines = [header, "-" * len(header)]
    for score in (*evaluation.scores, evaluation.overall):
        if score.rule == "overall":
            target = f"precision >= {targets.min_precision:.2f}" if targets else ""
            lines.append("-" * len(header))
        else:
            goal = targets.recall_target(score.rule) if targets else None
            target = f"recall >= {goal:.2f}" if goal is not None else ""
        lines.append(
            f"{score.rule:<16}{score.expected:>9}{score.predictions:>10}"
            f"{score.precision:>10.3f}{score.recall:>8.3f}  {target}".rstrip()
        )
    limit = targets.max_negatives_flagged if targets else None
    lines.append(
        f"negative sentences flagged: {evaluation.negatives_flagged} of {evaluation.negatives}"
        f" ({evaluation.negatives_flagged_share:.3f})"
        + (f"  target <= {limit:.2f}" if limit is not None else "")
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table and the errors; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(
        prog="python -m healthnotes.gate.evaluate", description=__doc__
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="measure only this labelled TSV file against the regression targets",
    )
    parser.add_argument("--settings", type=Path, default=SETTINGS, help="Pelican settings file")
    args = parser.parse_args(argv)
    allow = example_allowlist(args.settings)
    if args.corpus is not None:
        return _report(EvalSet(args.corpus.name, args.corpus, REGRESSION_TARGETS, True), allow)
    failed = 0
    for index, each in enumerate(SETS):
        if index:
            print()
        print(f"== {each.name}: {each.path.relative_to(ROOT)} ==")
        failed |= _report(each, allow, prefix=f"{each.name}: ")
    return failed


def _report(each: EvalSet, allow: Allowlist, prefix: str = "") -> int:
    """Print one set's table (and errors when shown); 1 when its targets are missed."""
    evaluation = evaluate(load_corpus(each.path), allow)
    print(format_table(evaluation, each.targets))
    if each.show_errors:
        for error in evaluation.errors:
            print(f"{each.path.name}:{error.line}: {error.kind} {error.rule} {error.text!r}")
    else:
        print(f"({len(evaluation.errors)} errors not listed: this set is never tuned on)")
    missed = evaluation.missed_targets(each.targets) if each.targets else []
    for line in missed:
        print(f"target missed: {prefix}{line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
