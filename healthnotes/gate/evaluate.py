"""Precision and recall of :mod:`healthnotes.gate.privacy` on the labelled corpus.

``python -m healthnotes.gate.evaluate`` prints a table per class (rule) and
the overall (micro) figures, then every miss and false alarm, and exits 1 when
a target in :data:`RECALL_TARGETS` or :data:`MIN_OVERALL_PRECISION` is missed.

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
import runpy
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from healthnotes.config import SiteConfig
from healthnotes.gate.privacy import RULES, Allowlist, Finding, scan_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "identifier_corpus.tsv"
SETTINGS = ROOT / "pelicanconf.py"

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

    @property
    def overall(self) -> ClassScore:
        return ClassScore(
            "overall",
            sum(s.true_predictions for s in self.scores),
            sum(s.predictions for s in self.scores),
            sum(s.found for s in self.scores),
            sum(s.expected for s in self.scores),
        )

    def missed_targets(self) -> list[str]:
        """One line per target not met (empty when all are met)."""
        missed = []
        for score in self.scores:
            target = RECALL_TARGETS.get(score.rule)
            if target is not None and score.recall < target:
                missed.append(f"{score.rule}: recall {score.recall:.3f} < {target:.2f}")
        if self.overall.precision < MIN_OVERALL_PRECISION:
            missed.append(
                f"overall: precision {self.overall.precision:.3f} < {MIN_OVERALL_PRECISION:.2f}"
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
    for example in examples:
        findings = scan_text(example.sentence, allow)
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
    return Evaluation(scores, tuple(errors))


def example_allowlist(settings_file: Path = SETTINGS) -> Allowlist:
    """The allowlist of the example practice in ``pelicanconf.py``."""
    settings = runpy.run_path(str(settings_file))
    settings["PATH"] = str(settings_file.parent / str(settings.get("PATH") or "content"))
    return Allowlist.from_config(SiteConfig.from_settings(settings))


def format_table(evaluation: Evaluation) -> str:
    """The per-class table, overall line last."""
    header = f"{'class':<16}{'expected':>9}{'predicted':>10}{'precision':>10}{'recall':>8}  target"
    lines = [header, "-" * len(header)]
    for score in (*evaluation.scores, evaluation.overall):
        if score.rule == "overall":
            target = f"precision >= {MIN_OVERALL_PRECISION:.2f}"
            lines.append("-" * len(header))
        else:
            goal = RECALL_TARGETS.get(score.rule)
            target = f"recall >= {goal:.2f}" if goal is not None else ""
        lines.append(
            f"{score.rule:<16}{score.expected:>9}{score.predictions:>10}"
            f"{score.precision:>10.3f}{score.recall:>8.3f}  {target}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table and the errors; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(
        prog="python -m healthnotes.gate.evaluate", description=__doc__
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="labelled TSV corpus")
    parser.add_argument("--settings", type=Path, default=SETTINGS, help="Pelican settings file")
    args = parser.parse_args(argv)
    evaluation = evaluate(load_corpus(args.corpus), example_allowlist(args.settings))
    print(format_table(evaluation))
    for error in evaluation.errors:
        print(f"{args.corpus.name}:{error.line}: {error.kind} {error.rule} {error.text!r}")
    missed = evaluation.missed_targets()
    for line in missed:
        print(f"target missed: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
