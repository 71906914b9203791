"""Exceptions a post acknowledges: ``Privacy_Exceptions: rule: exact text``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from healthnotes.gate.privacy.rules import RULES_BY_ID, Finding

if TYPE_CHECKING:
    pass

# ---------------------------------------------------------------------------
# Exceptions a post acknowledges
# ---------------------------------------------------------------------------

ExceptionEntry = tuple[str, str]


@dataclass(frozen=True)
class ExceptionMatch:
    """Findings split by a post's exceptions.

    ``open`` still stop the publish; ``acknowledged`` matched an exception;
    ``unused`` exceptions matched nothing (stale: worth a warning).
    """

    open: tuple[Finding, ...]
    acknowledged: tuple[Finding, ...]
    unused: tuple[ExceptionEntry, ...]


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def find_exception_match(
    findings: Iterable[Finding], exceptions: Iterable[ExceptionEntry]
) -> ExceptionMatch:
    """Acknowledge findings whose rule and exact text (white space runs
    collapsed) match an exception ``(rule, text)``."""
    wanted = list(dict.fromkeys(exceptions))
    used: set[ExceptionEntry] = set()
    open_: list[Finding] = []
    acknowledged: list[Finding] = []
    for finding in findings:
        hit = next(
            (e for e in wanted if e[0] == finding.rule and _same_text(e[1], finding.text)), None
        )
        if hit is None:
            open_.append(finding)
        else:
            acknowledged.append(finding)
            used.add(hit)
    return ExceptionMatch(
        tuple(open_), tuple(acknowledged), tuple(e for e in wanted if e not in used)
    )


def parse_exception(value: str) -> ExceptionEntry:
    """``"phone: (541) 555-0100"`` -> ``("phone", "(541) 555-0100")``.

    Raises ValueError naming the known rules when the rule is unknown or the
    text is empty.
    """
    rule, sep, text = value.partition(":")
    rule, text = rule.strip(), text.strip()
    if not sep or rule not in RULES_BY_ID or not text:
        known = ", ".join(RULES_BY_ID)
        raise ValueError(f"expected 'rule: exact text' with a rule among {known}, got {value!r}")
    return rule, text
