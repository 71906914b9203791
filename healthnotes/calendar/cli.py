"""`make calendar`: the publishing calendar without building the site.

``python -m healthnotes.calendar.cli --settings pelicanconf.py`` reads only the posts'
``Field: value`` lines (title, date, type, status, series, tags), prints a summary
(each series, the crisis hold, warnings) and writes ``reports/calendar.html`` and
``reports/calendar.ics``. A build writes the same files from the posts it validated.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from healthnotes.calendar.model import Post
from healthnotes.calendar.site import masked_posts, site_calendar, summary, write_calendar
from healthnotes.config import SiteConfig
from healthnotes.content.dates import parse_when
from healthnotes.editorial.publishing import hold_lines
from healthnotes.editorial.signoff import split_post
from healthnotes.errors import SettingsError
from healthnotes.gate.messages import Masker
from healthnotes.gate.privacy import Allowlist


def header_posts(config: SiteConfig) -> list[Post]:
    """Every post file's header as a calendar post (files without a readable title,
    date or type are left to the build, which explains what is wrong)."""
    tz = ZoneInfo(config.timezone)
    posts = []
    for folder in config.article_paths:
        for path in sorted((config.content_root / folder).rglob("*.md")):
            try:
                header, _ = split_post(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            fields = dict(header)
            when = parse_when(fields.get("date", ""))
            if not (fields.get("title") and fields.get("type")) or not isinstance(when, datetime):
                continue
            shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
            posts.append(
                Post(
                    source=str(shown),
                    slug=path.stem,
                    title=fields["title"],
                    type=fields["type"].lower(),
                    date=when.replace(tzinfo=tz),
                    status=fields.get("status") or "published",
                    series=fields.get("series") or None,
                    tags=tuple(t.strip() for t in fields.get("tags", "").split(",") if t.strip()),
                )
            )
    return posts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    try:
        config = SiteConfig.from_file(args.settings)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    now = datetime.now(ZoneInfo(config.timezone))
    posts = header_posts(config)
    hold = config.editorial.hold
    held = [
        post
        for post in posts
        if hold is not None
        and post.status.lower() == "published"
        and hold.holds(post.date)
        and post.date <= now
    ]
    lines = hold_lines(hold, held)
    # no gate runs here: the rules mask what the calendar quotes of the posts
    masker = Masker(Allowlist.from_config(config))
    cal = site_calendar(masked_posts(posts, masker), config, now.date())
    files = write_calendar(cal, config, now, held=lines)
    print(summary(cal, files, held=lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
