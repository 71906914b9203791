"""`make sign-off POST=content/posts/x.md BY="Dr. Ana Patel, MD"`: sign a post off.

Writes ``Signed_Off: <reviewer> | <today> | sha256:…`` into the post's header (see
:mod:`healthnotes.editorial.signoff`). The reviewer must be in ``REVIEWERS``.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from healthnotes.config import SiteConfig
from healthnotes.editorial.signoff import sign
from healthnotes.errors import SettingsError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--post", default="", help="the post's file, e.g. content/posts/x.md")
    parser.add_argument("--by", default="", help="the reviewer, as REVIEWERS spells them")
    args = parser.parse_args(argv)
    usage = 'make sign-off POST=content/posts/x.md BY="Dr. Ana Patel, MD"'
    try:
        config = SiteConfig.from_file(args.settings)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    reviewers = config.editorial.reviewers
    by = " ".join(args.by.split())
    post = Path(args.post)
    if not args.post or not post.is_file():
        print(f"POST={args.post!r}: no such post file; usage: {usage}", file=sys.stderr)
        return 2
    if by not in reviewers:
        close = difflib.get_close_matches(by, reviewers, n=1, cutoff=0.5)
        hint = f' Did you mean BY="{close[0]}"?' if close else ""
        print(
            f"BY={by!r} is not in REVIEWERS ({', '.join(reviewers) or 'nobody yet'}).{hint}",
            file=sys.stderr,
        )
        return 2
    today = datetime.now(ZoneInfo(config.timezone)).date()
    done = sign(post, by, today, config.content_root)
    print(f"Signed {post}: {done.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
