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
import runpy
import sys
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from healthnotes.content.dates import parse_day
from healthnotes.content.model import TYPE_SPECS, PostType, display_name
from healthnotes.content.slips import type_suggestion

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
    kind: PostType, title: str, *, day: date, author: str, post_id: uuid.UUID | None = None
) -> str:
    """The new post's text; ``Id:`` (its feed id, kept when the file is renamed) is
    ``post_id`` or a new random one."""
    spec = TYPE_SPECS[kind]
    lines = [
        f"Title: {' '.join(title.split())}",
        f"Date: {day.isoformat()} {POST_TIME}",
        f"Type: {kind.value}",
        "Status: draft",
        f"Author: {author}",
        f"Id: {post_id or uuid.uuid4()}",
    ]
    for name in spec.required:
        value = day.isoformat() if name == "recall_date" else HINTS[name]
        lines.append(f"{display_name(name)}: {value}")
    lines += [f"{display_name(name)}:" for name in (*COMMON_OPTIONAL, *spec.optional)]
    return "\n".join(lines) + "\n\n" + BODIES[kind]


def new_post(kind: PostType, title: str, *, posts: Path, today: date, author: str) -> NewPost:
    """Write the new post into ``posts`` and return it."""
    if not title.strip():
        raise ValueError('a title is needed: make new TYPE=qa TITLE="Your title"')
    posts.mkdir(parents=True, exist_ok=True)
    text = render(kind, title, day=free_day(today, dated_days(posts)), author=author)
    path = free_path(posts, slugify(title))
    with path.open("x", encoding="utf-8") as handle:  # never over another file
        handle.write(text)
    return NewPost(path=path, text=text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--type", default="", help="howto, misconception, recall or qa")
    parser.add_argument("--title", default="")
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    if not args.type.strip():
        print(type_list())
        return 2
    try:
        kind = post_type(args.type)
        settings = runpy.run_path(args.settings)
        content = Path(args.settings).resolve().parent / settings.get("PATH", "content")
        folder = content / (settings.get("ARTICLE_PATHS") or ["posts"])[0]
        today = datetime.now(ZoneInfo(settings.get("TIMEZONE", "UTC"))).date()
        made = new_post(
            kind, args.title, posts=folder, today=today, author=settings.get("AUTHOR", "")
        )
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    shown = made.path.relative_to(Path.cwd()) if made.path.is_relative_to(Path.cwd()) else made.path
    print(f"Wrote {shown}")
    print("It is a draft: fill in the fields and the text, then remove the 'Status: draft' line.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
