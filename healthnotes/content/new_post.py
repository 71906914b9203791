"""`make new TYPE=qa TITLE="Do I need a flu shot every year?"`: start a post.

Writes ``content/posts/<title as a file name>.md`` with every field of that type: the
required ones filled with a hint to replace, the optional ones empty (an empty
``Field:`` line is read as "not given", so the post builds as it is). The post starts
as ``Status: draft``: it is never published until that line is removed. Its date is
today at 09:00, or the next day no other post is dated; its author is the site's
default author (``AUTHOR`` in pelicanconf.py). An existing file is never overwritten:
the name gets ``-2``, ``-3``, ….
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from healthnotes.config import new_post_settings, settings_beside_file
from healthnotes.content.dates import parse_day
from healthnotes.content.model import TYPE_SPECS, PostType, display_name
from healthnotes.content.slips import type_suggestion
from healthnotes.errors import SettingsError

#: What to write in each required field (the post builds with these as they are).
HINTS: Mapping[str, str] = {
    "myth": "The myth in one sentence, as patients say it.",
    "fact": "What the evidence says instead, in one or two sentences.",
    "question": "The question in the patient's own words?",
    "recall_product": "Product name, size and package (as on the notice)",
    "recall_agency": "FDA",
    "recall_reason": "Why it is recalled, in plain words.",
    "recall_url": "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts",
}
#: Required fields filled from the post's day instead of a hint.
DATED: Mapping[str, str] = {"recall_date": "{day}", "expires": "{day} 17:00"}
#: Fields every post may have, left empty for the writer to fill or leave.
COMMON_OPTIONAL = ("summary", "tags", "reviewed_by", "last_reviewed", "image", "image_alt")
#: The text below the fields, per type.
BODIES: Mapping[PostType, str] = {
    PostType.HOWTO: "One or two sentences on why this matters.\n\n"
    "1. The first step.\n2. The next step.\n3. The last step.\n\n"
    "## When to call us\n\nWhen to call the office instead.\n",
    PostType.MISCONCEPTION: "Why people believe it, and what is true instead.\n\n"
    "## What to do\n\nWhat to do instead.\n",
    PostType.RECALL: "## What happened\n\nWhat is recalled and why.\n\n"
    "## What to do\n\nCheck, throw away or return; when to call us.\n",
    PostType.QA: "The short answer first.\n\n## More detail\n\nThe longer answer.\n",
    PostType.ALERT: "What is happening and who it affects, in one or two sentences.\n\n"
    "## What to do\n\nWhat to do, and whom to call.\n",
}
POST_TIME = "09:00"


@dataclass(frozen=True)
class NewPost:
    path: Path
    text: str


def type_list() -> str:
    """The types, one line each: what `make new` prints when TYPE is missing."""
    width = max(len(t.value) for t in TYPE_SPECS)
    lines = ['Post types (make new TYPE=<type> TITLE="..."):']
    lines += [
        f"  {spec.type.value:<{width}}  {spec.label}: {spec.description}"
        for spec in TYPE_SPECS.values()
    ]
    return "\n".join(lines)


def post_type(value: str) -> PostType:
    """``value`` as a post type; a ValueError that names the choices otherwise."""
    text = value.strip().lower()
    try:
        return PostType(text)
    except ValueError:
        close = type_suggestion(text, [t.value for t in PostType])
        hint = f" Did you mean '{close}'?" if close else ""
        raise ValueError(f"{value!r} is not a post type.{hint}\n{type_list()}") from None


def slugify(title: str) -> str:
    """A file name from a title: ``Flu Shots: Why Every Year?`` -> ``flu-shots-why-every-year``."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "new-post"


def free_path(folder: Path, slug: str) -> Path:
    """``folder/slug.md``, or ``slug-2.md``, ``slug-3.md`` … when taken."""
    path = folder / f"{slug}.md"
    number = 2
    while path.exists():
        path = folder / f"{slug}-{number}.md"
        number += 1
    return path


def dated_days(folder: Path) -> set[date]:
    """The days the posts in ``folder`` are dated (their ``Date:`` line)."""
    days = set()
    for path in folder.glob("*.md"):
        try:
            header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        except (OSError, UnicodeDecodeError):
            continue
        for line in header.splitlines():
            if line.lower().startswith("date:"):
                day = parse_day(line.partition(":")[2])
                if isinstance(day, date):
                    days.add(day)
    return days


def free_day(today: date, taken: set[date]) -> date:
    day = today
    while day in taken:
        day += timedelta(days=1)
    return day


def render(
    kind: PostType,
    title: str,
    *,
    day: date,
    author: str,
    at: str = POST_TIME,
    series: str | None = None,
    post_id: uuid.UUID | None = None,
) -> str:
    """The new post's text; ``Id:`` (its feed id, kept when the file is renamed) is
    ``post_id`` or a new random one."""
    spec = TYPE_SPECS[kind]
    lines = [
        f"Title: {' '.join(title.split())}",
        f"Date: {day.isoformat()} {at}",
        f"Type: {kind.value}",
        *([f"Series: {series}"] if series else []),
        "Status: draft",
        f"Author: {author}",
        f"Id: {post_id or uuid.uuid4()}",
    ]
    for name in spec.required:
        value = DATED[name].format(day=day.isoformat()) if name in DATED else HINTS[name]
        lines.append(f"{display_name(name)}: {value}")
    lines += [f"{display_name(name)}:" for name in (*COMMON_OPTIONAL, *spec.optional)]
    return "\n".join(lines) + "\n\n" + BODIES[kind]


def new_post(
    kind: PostType,
    title: str,
    *,
    posts: Path,
    today: date,
    author: str,
    slot: datetime | None = None,
    series: str | None = None,
) -> NewPost:
    """Write the new post into ``posts`` and return it: dated at ``slot`` (a series'
    next empty slot) when given, else on the next day no post is dated."""
    if not title.strip():
        raise ValueError('a title is needed: make new TYPE=qa TITLE="Your title"')
    posts.mkdir(parents=True, exist_ok=True)
    if slot is not None:
        text = render(
            kind, title, day=slot.date(), at=f"{slot:%H:%M}", author=author, series=series
        )
    else:
        text = render(kind, title, day=free_day(today, dated_days(posts)), author=author)
    path = free_path(posts, slugify(title))
    with path.open("x", encoding="utf-8") as handle:  # never over another file
        handle.write(text)
    return NewPost(path=path, text=text)


def series_slot(settings: Mapping[str, object], key: str, today: date) -> tuple[datetime, str, str]:
    """The start of the series ``key``'s next empty slot, its key and its post type
    (a ValueError naming the series when there is none)."""
    from healthnotes.calendar.cli import header_posts
    from healthnotes.calendar.closed import office_closed_days
    from healthnotes.calendar.series import find_series
    from healthnotes.calendar.slots import next_free_slot
    from healthnotes.config import SiteConfig

    config = SiteConfig.from_settings(settings)
    declared = config.editorial.series
    series = find_series(key, declared)
    if series is None:
        known = ", ".join(f"{s.key} ({s.name})" for s in declared) or "none declared"
        raise ValueError(f"SERIES={key!r} is not a series in SERIES; use one of: {known}")
    editorial = config.editorial
    closed = office_closed_days(
        range(today.year, today.year + 3), editorial.holidays, editorial.closed_days
    )
    slot = next_free_slot(
        series,
        header_posts(config),
        today,
        closed,
        tz=ZoneInfo(config.timezone),
        all_series=declared,
    )
    if slot is None:
        raise ValueError(f"{series.name} has no free slot in the coming months")
    return slot.start, series.key, series.type or ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--type", default="", help="howto, misconception, recall or qa")
    parser.add_argument("--title", default="")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--series", default="", help="a key of SERIES: date it at its next slot")
    args = parser.parse_args(argv)
    if not args.type.strip() and not args.series.strip():
        print(type_list())
        return 2
    try:
        settings = settings_beside_file(args.settings)
        wanted = new_post_settings(settings, settings_file=Path(args.settings).name)
        today = datetime.now(ZoneInfo(wanted.timezone)).date()
        slot, key, series_type = (
            series_slot(settings, args.series, today) if args.series.strip() else (None, None, "")
        )
        kind = post_type(args.type if args.type.strip() else series_type)
        made = new_post(
            kind,
            args.title,
            posts=wanted.posts,
            today=today,
            author=wanted.author,
            slot=slot,
            series=key,
        )
    except (ValueError, SettingsError) as error:
        print(error, file=sys.stderr)
        return 2
    shown = made.path.relative_to(Path.cwd()) if made.path.is_relative_to(Path.cwd()) else made.path
    print(f"Wrote {shown}")
    print("It is a draft: fill in the fields and the text, then remove the 'Status: draft' line.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
