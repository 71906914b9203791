"""Sign-off bound to the text: a reviewer signs this exact post, and any later change
to what the public reads asks for a new sign-off.

``make sign-off POST=content/posts/x.md BY="Dr. Ana Patel, MD"`` writes one plain line
into the post's header::

    Signed_Off: Dr. Ana Patel, MD | 2026-12-04 | sha256:3f2a…

The fingerprint (:func:`fingerprint`) covers what the public sees: every field of the
header except the private ones (:data:`UNSIGNED_FIELDS`, each with the reason), the
body, and the bytes of the post's picture (``Image:``). Whitespace does not count:
lines are compared stripped, with runs of spaces and of empty lines made one, so
re-indenting or an extra empty line keeps the sign-off; a changed word, field or
picture does not.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from healthnotes.cache.files import file_sha256
from healthnotes.errors import Problem

FIELD = "signed_off"
PREFIX = "sha256:"

#: Fields outside the fingerprint: changing them does not change what the reviewer
#: approved. Field -> why.
UNSIGNED_FIELDS: Mapping[str, str] = {
    "signed_off": "the sign-off itself",
    "status": "publishing a draft is not an edit",
    "date": "rescheduling does not change the text",
    "modified": "the date of an edit, not the edit",
    "series": "which series a post counts in is planning",
    "exception": "a privacy exception is the privacy reviewer's record, never shown",
    "consent": "the id of a signed authorization, never shown",
    "testimonial": "a flag for the privacy scan, never shown",
    "public_figures": "a note for the privacy scan, never shown",
    "reviewed_by": "shown from the sign-off when there is one",
    "last_reviewed": "shown from the sign-off when there is one",
}

_SPACES = re.compile(r"[ \t\u00a0]+")
_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True, kw_only=True)
class SignOff:
    """One ``Signed_Off:`` line."""

    by: str
    on: date
    fingerprint: str

    def line(self) -> str:
        return f"Signed_Off: {self.by} | {self.on.isoformat()} | {self.fingerprint}"


def parse_sign_off(text: str) -> SignOff | str:
    """The sign-off a ``Signed_Off:`` value records, or what is wrong with it."""
    parts = [" ".join(part.split()) for part in str(text).split("|")]
    expected = (
        "expected 'Signed_Off: reviewer | YYYY-MM-DD | sha256:…' as `make sign-off` "
        "writes it; ask for a new sign-off instead of editing the line"
    )
    if len(parts) != 3 or not parts[0]:
        return expected
    try:
        on = date.fromisoformat(parts[1])
    except ValueError:
        return expected
    if not _FINGERPRINT.fullmatch(parts[2]):
        return expected
    return SignOff(by=parts[0], on=on, fingerprint=parts[2])


def split_post(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The header's (field, value) pairs (field lower-case, continuation lines joined)
    and the body's lines."""
    lines = text.lstrip("\ufeff").splitlines()
    header: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        if not line.strip():
            return header, lines[index + 1 :]
        if line[0].isspace() and header:
            name, value = header[-1]
            header[-1] = (name, f"{value} {line.strip()}")
            continue
        name, sep, value = line.partition(":")
        if not sep:
            return header, lines[index:]
        header.append((name.strip().lower(), value.strip()))
    return header, []


def _normal(text: str) -> str:
    text = text.strip()
    if "  " in text or "\t" in text or "\xa0" in text:  # (most lines have nothing to join)
        return _SPACES.sub(" ", text)
    return text


def _body(lines: Sequence[str]) -> str:
    kept: list[str] = []
    for line in lines:
        line = _normal(line)
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def fingerprint(text: str, picture_sha256: str | None) -> str:
    """``sha256:…`` of what the public reads of the post ``text`` and its picture (the
    hex sha256 of its bytes; None when it has none)."""
    header, body = split_post(text)
    digest = hashlib.sha256()
    for name, value in sorted(header):
        if name in UNSIGNED_FIELDS or not value:
            continue
        digest.update(f"{name}\0{_normal(value)}\n".encode())
    digest.update(b"\0body\0" + _body(body).encode())
    digest.update(f"\0picture\0{picture_sha256 or ''}".encode())
    return PREFIX + digest.hexdigest()


def picture_of(text: str, content_root: Path) -> Path | None:
    """The picture file a post's ``Image:`` names (None when it has none)."""
    header, _ = split_post(text)
    image = dict(header).get("image", "")
    if not image:
        return None
    return content_root / image.removeprefix("{static}").lstrip("/")


def post_fingerprint(
    path: Path, content_root: Path, digest: Callable[[Path], str] = file_sha256
) -> str:
    """:func:`fingerprint` of the post file at ``path``; ``digest`` hashes its picture
    (the build passes its cache of picture digests)."""
    text = path.read_text(encoding="utf-8")
    picture = picture_of(text, content_root)
    sha = digest(picture) if picture is not None and picture.is_file() else None
    return fingerprint(text, sha)


def sign(path: Path, by: str, on: date, content_root: Path) -> SignOff:
    """Write (or replace) the post's ``Signed_Off:`` line; return the sign-off."""
    text = path.read_text(encoding="utf-8")
    done = SignOff(by=by, on=on, fingerprint=post_fingerprint(path, content_root))
    lines = text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    kept = [
        line
        for line in lines[:end]
        if line.partition(":")[0].strip().lower() != FIELD or line[:1].isspace()
    ]
    newline = "\r\n" if text.count("\r\n") > text.count("\n") // 2 else "\n"
    signed = [*kept, done.line() + newline, *lines[end:]]
    path.write_text("".join(signed), encoding="utf-8", newline="")
    return done


@dataclass(frozen=True, kw_only=True)
class SignOffRules:
    """What a publishing post's sign-off must meet."""

    reviewers: tuple[str, ...]
    content_root: Path
    digest: Callable[[Path], str] = file_sha256


def command(source: str, by: str = "REVIEWER") -> str:
    return f'make sign-off POST={source} BY="{by}"'


def sign_off_problem(
    source: str,
    sign_off: SignOff | None,
    rules: SignOffRules,
    *,
    line: int | None = None,
    severity: str = "error",
) -> Problem | None:
    """Why the post at ``source`` may not publish as signed (None when it may)."""

    def problem(message: str) -> Problem:
        return Problem(
            file=source, field="Signed_Off", message=message, severity=severity, line=line
        )

    if sign_off is None:
        return problem(
            "has no medical sign-off (REQUIRE_SIGN_OFF is on); a reviewer signs this text "
            f"with: {command(source)}, one of: {', '.join(rules.reviewers)}"
        )
    if sign_off.by not in rules.reviewers:
        return problem(
            f"{sign_off.by!r} is not in REVIEWERS ({', '.join(rules.reviewers)}); ask one of "
            f"them: {command(source)}"
        )
    path = Path(source)
    if post_fingerprint(path, rules.content_root, rules.digest) != sign_off.fingerprint:
        return problem(
            f"edited after {sign_off.by} signed it off on {sign_off.on.isoformat()}; ask for "
            f"a new sign-off: {command(source, sign_off.by)}"
        )
    return None
