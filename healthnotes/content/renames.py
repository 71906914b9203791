"""A renamed post keeps its feed id and its old address.

A post's address comes from its file name, and its feed id (``guid``) used to come
from its address: renaming the file made feed readers and social tools post it again
and old links return 404. Three things keep a post whole across a rename:

- ``Id:`` (a UUID, written by ``make new``): the feed id, whatever the file is called.
  Posts without one keep the id made from their address, so existing feeds do not change.
- ``Previous_Slugs: old-name, older-name``: each old address serves a small page that
  sends the reader to the new one (no script: a refresh ``meta``, which the site's
  Content-Security-Policy allows, a canonical link and a visible link); without ``Id:``
  the feed id is made from the first (original) one.
- The build keeps the addresses it published (``published.json`` in the build cache,
  address -> feed id) and warns when one of them is gone without a ``Previous_Slugs``
  entry naming it, saying which line to add to which file.

A post taken down on purpose is not lost: one kept as a draft (or scheduled, or held)
is still in the posts folder and the build's last lines say why it is not published;
one whose file was deleted is written, one address a line, in ``content/unpublished.txt``
(:data:`UNPUBLISHED`), a plain text file staff edit and commit with the posts, so every
computer that builds the site knows. Either way the build stops warning about it.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from healthnotes.cache.files import atomic_write

#: A slug as the site makes them from file names.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The record of published addresses, in the build cache.
RECORD = "published.json"
#: How every feed id begins (see :func:`guid_for`): what a record's values look like.
FEED_ID = "urn:uuid:"
#: The file, in the content folder, naming the addresses taken down on purpose.
UNPUBLISHED = "unpublished.txt"


def guid_for(guid_base: str, slug: str, post_id: str | None, previous: Sequence[str]) -> str:
    """The feed id: from ``Id:`` when given, else from the first (original) address."""
    if post_id:
        return f"{FEED_ID}{uuid.UUID(post_id)}"
    original = previous[0] if previous else slug
    return f"{FEED_ID}{uuid.uuid5(uuid.NAMESPACE_URL, f'{guid_base}/posts/{original}')}"


class Fields(Protocol):
    """What :func:`fields` needs of the post's field checker (content.model)."""

    def text(self, name: str) -> str | None: ...

    def items(self, name: str) -> tuple[str, ...]: ...

    def problem(self, name: str, message: str) -> None: ...


def fields(check: Fields, slug: str) -> tuple[str | None, tuple[str, ...]]:
    """The post's ``Id:`` and ``Previous_Slugs:`` (oldest first), each mistake reported."""
    post_id = check.text("id")
    if post_id and (wrong := id_problem(post_id)):
        check.problem("id", wrong)
        post_id = None
    previous = []
    for value in check.items("previous_slugs"):
        wrong = slug_problem(value, slug)
        if wrong:
            check.problem("previous_slugs", wrong)
        else:
            previous.append(value)
    return post_id, tuple(previous)


def id_problem(value: str) -> str | None:
    """What is wrong with an ``Id:`` value (None: it is a UUID)."""
    try:
        uuid.UUID(value)
    except ValueError:
        return (
            f"{value!r} is not an id such as 'Id: 1b4e28ba-2fa1-11d2-883f-0016d3cca427'; "
            "keep the line 'make new' wrote, or delete it"
        )
    return None


def slug_problem(value: str, slug: str) -> str | None:
    """What is wrong with one ``Previous_Slugs:`` entry (None: fine)."""
    if not SLUG.fullmatch(value):
        return (
            f"{value!r} is not an address: write the old file name without '.md', "
            "in lower case with dashes, e.g. 'Previous_Slugs: flu-shot-facts'"
        )
    if value == slug:
        return f"{value!r} is this post's own address; delete it from the line"
    return None


@dataclass(frozen=True)
class Redirect:
    """An old address that sends readers to the post's new one."""

    old_slug: str
    source: str
    url: str  # the new address, absolute
    title: str


def redirect_html(redirect: Redirect) -> str:
    """The page served at the old address."""
    url = html.escape(redirect.url, quote=True)
    title = html.escape(redirect.title)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        f'<link rel="canonical" href="{url}">\n'
        "</head>\n<body>\n"
        f'<p>This page has moved: <a href="{url}">{title}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def collisions(redirects: Iterable[Redirect], slugs: Iterable[str]) -> list[tuple[str, str]]:
    """(source, old slug) of each redirect whose old address is a post's address now, or
    another post's old address too."""
    taken = set(slugs)
    seen: set[str] = set()
    found = []
    for redirect in redirects:
        if redirect.old_slug in taken or redirect.old_slug in seen:
            found.append((redirect.source, redirect.old_slug))
        seen.add(redirect.old_slug)
    return found


def write_redirects(output: Path, redirects: Iterable[Redirect]) -> None:
    """Each old address's page, ``posts/<old-slug>/index.html``."""
    for redirect in redirects:
        target = output / "posts" / redirect.old_slug / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_html(redirect), encoding="utf-8")


@dataclass(frozen=True)
class Published:
    """One post this build publishes, as the record keeps it."""

    slug: str
    guid: str
    source: str
    previous: tuple[str, ...]


def lost_addresses(
    record: Mapping[str, str], now: Sequence[Published], accounted: Collection[str] = ()
) -> list[str]:
    """A warning for each address published before that this build neither publishes
    nor redirects, nor is ``accounted`` for (a draft's, one in ``unpublished.txt``):
    naming the old address, the post (if its feed id shows which) and the line to add."""
    slugs = {post.slug for post in now}
    kept = {old for post in now for old in post.previous}
    by_guid = {post.guid: post for post in now}
    warnings = []
    for old_slug, guid in sorted(record.items()):
        if old_slug in slugs or old_slug in kept or old_slug in accounted:
            continue
        post = by_guid.get(guid)
        if post is not None:
            warnings.append(
                f"{post.source}: warning: this post was published at posts/{old_slug}/, "
                f"which will return 'not found'; add 'Previous_Slugs: {old_slug}' to "
                f"{post.source} so the old address leads here"
            )
        else:
            warnings.append(
                f"posts/{old_slug}/: warning: was published and is gone now (its links will "
                f"return 'not found'); if the post was renamed, add 'Previous_Slugs: "
                f"{old_slug}' to its new file in the posts folder; if you took it down on "
                f"purpose, add the line '{old_slug}' to content/{UNPUBLISHED}"
            )
    return warnings


@dataclass(frozen=True)
class Unpublished:
    """What ``content/unpublished.txt`` says: the addresses taken down on purpose
    (``slugs``, each with its line number) and a warning per line that is none."""

    slugs: Mapping[str, int]
    warnings: tuple[str, ...] = ()


def unpublished_slug(line: str) -> str | None:
    """The address a line of ``unpublished.txt`` names, written as staff may copy it:
    ``flu-clinic``, ``posts/flu-clinic/``, ``https://…/posts/flu-clinic/`` or
    ``content/posts/flu-clinic.md``; None when it names none."""
    text = line.strip().removesuffix("/").removesuffix(".md")
    text = text.rsplit("/", 1)[-1]
    return text if SLUG.fullmatch(text) else None


def read_unpublished(path: Path) -> Unpublished:
    """``unpublished.txt`` read (nothing when it does not exist): one address a line;
    empty lines and text after ``#`` are notes for people."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Unpublished({})
    except (OSError, UnicodeDecodeError) as error:
        return Unpublished(
            {},
            (
                f"{_shown(path)}: warning: cannot be read ({error}); save it "
                "as plain UTF-8 text, one address a line",
            ),
        )
    slugs: dict[str, int] = {}
    warnings = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        slug = unpublished_slug(line)
        if slug is None:
            warnings.append(
                f"{_shown(path)}:{number}: warning: {line!r} is not a post's address; write "
                "the old file name without '.md', one a line, e.g. 'flu-clinic-2026'"
            )
        else:
            slugs.setdefault(slug, number)
    return Unpublished(slugs, tuple(warnings))


def published_again(unpublished: Unpublished, path: Path, now: Sequence[Published]) -> list[str]:
    """A warning for each address ``unpublished.txt`` names that a post publishes now."""
    named = unpublished.slugs
    return [
        f"{_shown(path)}:{named[post.slug]}: warning: '{post.slug}' is published again "
        f"({post.source}); delete this line"
        for post in now
        if post.slug in named
    ]


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when inside it."""
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def read_record(path: Path) -> dict[str, str]:
    """The addresses published before (empty when there is no usable record)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        slug: guid
        for slug, guid in data.items()
        if isinstance(slug, str)
        and SLUG.fullmatch(slug)
        and isinstance(guid, str)
        and guid.startswith(FEED_ID)
    }


def save_record(
    path: Path,
    record: Mapping[str, str],
    now: Sequence[Published],
    accounted: Collection[str] = (),
) -> None:
    """Remember this build's addresses (and keep the old ones still unaccounted for, so
    the warning is repeated until the post says where it went, or ``accounted`` names
    it: a draft, or a line of ``unpublished.txt``)."""
    kept = {post.slug: post.guid for post in now}
    accounted = {*kept, *accounted} | {old for post in now for old in post.previous}
    kept.update({slug: guid for slug, guid in record.items() if slug not in accounted})
    atomic_write(path, json.dumps(kept, sort_keys=True, indent=1).encode("utf-8"))


class _Post(Protocol):
    """What this module reads of a post (content.model.Post)."""

    source: str
    slug: str
    url: str
    guid: str
    title: str
    previous_slugs: tuple[str, ...]


def redirects_of(posts: Iterable[_Post]) -> list[Redirect]:
    """Every old address of ``posts``."""
    return [
        Redirect(old_slug=old, source=post.source, url=post.url, title=post.title)
        for post in posts
        for old in post.previous_slugs
    ]


def redirect_problems(posts: Sequence[_Post]) -> list[tuple[str, str]]:
    """(file, message) for each old address that is taken: by a post now, or twice."""
    return [
        (
            source,
            f"{old!r} is the address of another post now (or named twice in "
            "'Previous_Slugs:'); delete it from this line",
        )
        for source, old in collisions(redirects_of(posts), (post.slug for post in posts))
    ]


def remember(
    posts: Sequence[_Post],
    cache_root: Path,
    *,
    kept_back: Iterable[str] = (),
    content_root: Path | None = None,
    save: bool = True,
) -> list[str]:
    """Compare this build's addresses with those published before; remember them
    (unless not ``save``: a check publishes nothing). ``kept_back`` are the addresses of
    the posts this build does not publish (drafts, scheduled, held): taken down on
    purpose, like those ``content_root``'s ``unpublished.txt`` names. Returns a warning
    for each address lost without a word, and for each line of that file to fix."""
    path = cache_root / RECORD
    record = read_record(path)
    now = [Published(p.slug, p.guid, p.source, tuple(p.previous_slugs)) for p in posts]
    listed = content_root / UNPUBLISHED if content_root is not None else None
    unpublished = read_unpublished(listed) if listed is not None else Unpublished({})
    accounted = {*kept_back, *unpublished.slugs}
    warnings = [*unpublished.warnings, *lost_addresses(record, now, accounted)]
    if listed is not None:
        warnings += published_again(unpublished, listed, now)
    if save:
        save_record(path, record, now, accounted)
    return warnings
