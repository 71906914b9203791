#!/usr/bin/env python3
"""Build the site: `python build.py [--settings publishconf.py] [--output output]`.

Runs Pelican (with the practice plugin) into a staging folder and swaps it in
as the output folder only when everything succeeded. A content or settings
mistake prints one line per problem and exits non-zero; the previous output
folder is left exactly as it was. `make html` and `make publish` call this.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from pelican import Pelican  # noqa: E402
from pelican.log import init as init_logging  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from syndicate.errors import ContentProblems, SettingsError, SyndicateError  # noqa: E402
from syndicate.publish_dir import discard, staging_dir, swap_in, sweep_leftovers  # noqa: E402


class _PlainFormatter(logging.Formatter):
    """One plain line per record; our content problems print exactly as formatted."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if getattr(record, "problem", False):
            return message
        return f"{record.levelname.lower()}: {message}"


def _check_plugins_loaded(wanted: list[str], loaded: list[str], settings_file: str) -> None:
    """Pelican only logs a plugin that fails to load and builds on without it;
    a site without its safety and syndication plugins must not be published."""
    missing = [name for name in wanted if name not in loaded]
    if missing:
        raise SettingsError(
            "PLUGINS",
            f"could not load {', '.join(missing)} (the reason is printed above); "
            "nothing was built without it",
            settings_file=settings_file,
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py", help="settings file")
    parser.add_argument("--content", default=None, help="content folder (default: PATH setting)")
    parser.add_argument("--output", default="output", help="folder to publish into")
    parser.add_argument(
        "--cache", default=None, help="cache folder for cards (default: .cache/syndicate)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show Pelican's info log")
    return parser.parse_args(argv)


def fail(lines: list[str], summary: str, output: Path, code: int) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    print(f"\n{summary}. Nothing was published; {output}/ is unchanged.", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_PlainFormatter())
    init_logging(level=logging.INFO if args.verbose else logging.WARNING, handler=handler)
    settings_path = Path(args.settings).resolve()
    output = Path(args.output).resolve()
    if not settings_path.is_file():
        return fail([f"{args.settings}: settings file not found"], "1 problem", output, 2)

    sweep_leftovers(output)
    staging = staging_dir(output)
    started = time.perf_counter()
    try:
        override = {"OUTPUT_PATH": str(staging), "SETTINGS_FILE": settings_path.name}
        if args.content:
            override["PATH"] = str(Path(args.content).resolve())
        if args.cache:
            override["SYNDICATION_CACHE_PATH"] = str(Path(args.cache).resolve())
        settings = read_settings(str(settings_path), override=override)
        wanted = list(settings.get("PLUGINS") or [])
        pelican = Pelican(settings)
        _check_plugins_loaded(wanted, pelican.settings.get("PLUGINS") or [], settings_path.name)
        pelican.run()
    except ContentProblems as problems:
        discard(staging)
        return fail(problems.lines(), problems.summary, output, problems.exitcode)
    except SyndicateError as error:
        discard(staging)
        return fail([str(error)], "1 problem in the settings", output, error.exitcode)
    except BaseException:
        discard(staging)
        raise
    swap_in(staging, output)
    elapsed = time.perf_counter() - started
    print(f"Built {settings_path.name} into {args.output}/ in {elapsed:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
