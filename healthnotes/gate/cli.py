"""Scan any text for patient identifiers with the site's rules: ``make scan FILE=...``.

A reply to a comment, a caption written elsewhere, a newsletter: the same rules
as the build's safety gate, with the practice's allowlist from the settings
(its phone, address and staff are public by design), on the text as a reader
sees it (:mod:`healthnotes.gate.normalize`)::

    python -m healthnotes.gate.cli scan reply.txt
    python -m healthnotes.gate.cli scan - --format json < caption.txt

One line per finding, ``file:line:column: what (rule) 'masked'``; with
``--format json`` only a JSON list of ``{"file", "line", "column", "length",
"rule", "masked"}`` (line and column 1-based, length in characters of the text as
written). Exit status: 1 when something was found, 0 when nothing was, 2 when the
command cannot run (no such file, not UTF-8 text, invalid settings).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from healthnotes.errors import SyndicateError

EXIT_CLEAN = 0
EXIT_FOUND = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Located:
    """One finding where a person finds it: 1-based line and column."""

    file: str
    line: int
    column: int
    length: int
    rule: str
    label: str
    masked: str

    def text_line(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.label} ({self.rule}) {self.masked!r}"

    def json_row(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "length": self.length,
            "rule": self.rule,
            "masked": self.masked,
        }


def scan(text: str, settings: Path, *, name: str) -> list[Located]:
    """Every identifier in ``text`` (the allowlist of the site in ``settings``)."""
    from healthnotes.gate.evaluate import example_allowlist
    from healthnotes.gate.privacy import scan_visible

    allow = example_allowlist(settings)
    found = []
    for finding in scan_visible(text, allow):
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        found.append(
            Located(
                name,
                line,
                column,
                finding.end - finding.start,
                finding.rule,
                finding.label,
                finding.masked(),
            )
        )
    return found


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m healthnotes.gate.cli",
        description="Scan text for patient identifiers with the site's safety-gate rules.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    scan_ = commands.add_parser("scan", help="scan a text file ('-' reads standard input)")
    scan_.add_argument("file", help="the text file to scan, or - for standard input")
    scan_.add_argument("--format", choices=("text", "json"), default="text")
    scan_.add_argument(
        "--settings",
        default="pelicanconf.py",
        help="settings file whose practice details are public (default: pelicanconf.py)",
    )
    return parser


def _read(file: str) -> tuple[str, str]:
    """(the name to show, the text); raises ValueError with what to do."""
    if file == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(file)
        if not path.is_file():
            raise ValueError(
                f"{file}: no such file; give the path of a text file, or - for standard input"
            )
        data = path.read_bytes()
        name = file
    try:
        return name, data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{name}: not UTF-8 text (byte {error.start}); save it as UTF-8 text"
        ) from error


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # a usage error exits 2
    settings = Path(args.settings)
    if not settings.is_file():
        print(
            f"{args.settings}: settings file not found (run from the site's folder, "
            "or pass --settings)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        name, text = _read(args.file)
        found = scan(text, settings, name=name)
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except SyndicateError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps([f.json_row() for f in found], ensure_ascii=False))
    else:
        for item in found:
            print(item.text_line())
    return EXIT_FOUND if found else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
