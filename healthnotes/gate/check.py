"""The patient-safety gate: every check, per post, before anything is written.

For each post that is or will be published (published and scheduled) it scans
every text that would go out — title, metadata fields, body, image alt text and
every per-platform text — for patient identifiers, and checks photos (faces
need ``Consent:``; metadata is reported and stripped on publish), reading level
and medical-review age. It returns the problems (errors stop the publish) and a
:class:`~healthnotes.gate.report.PostCheck` row for the report.

There is no global off switch: a post acknowledges one specific finding with an
``Exception: rule | exact text | reviewed by | why`` line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from pathlib import Path

from healthnotes.cache.checks import CheckCache, NotCached
from healthnotes.cache.files import digest, file_sha256
from healthnotes.content.html_text import plain_text
from healthnotes.content.model import display_name
from healthnotes.errors import Problem
from healthnotes.gate import ner
from healthnotes.gate.inputs import PostFiles, PostInput
from healthnotes.gate.photos import facts_of, photo_facts, photo_problems
from healthnotes.gate.privacy import (
    BRAND_FIELDS,
    RULES_BY_ID,
    Allowlist,
    Finding,
    find_exception_match,
    keep_derived,
    mask_identifiers,
    scan_text,
)
from healthnotes.gate.readability import Readability, prepare, readability_problems, score
from healthnotes.gate.report import PostCheck, review_status
from healthnotes.social.platforms import blocks

#: Metadata fields whose text is not scanned as free text (they are checked by
#: their own rules, or are allowed to hold numbers and dates by design).
_NOT_FREE_TEXT = frozenset(
    {
        "date",
        "modified",
        "last_reviewed",
        "status",
        "type",
        "slug",
        "lang",
        "category",
        "image",
        "reader",
        "consent",
        "testimonial",
        "exception",
        "template",
        "save_as",
        "url",
        "public_figures",
        "signed_off",  # reviewer | date | sha256 fingerprint: checked by the sign-off rules
    }
)


#: Metadata fields that hold a post's addresses ("Slug: maria-gonzalez-stroke", an old
#: address kept as a redirect): each is also read as a person reads it ("Maria Gonzalez
#: Stroke"), with the language model, where the post's own allowances hold (red-teamed:
#: the published scan reads addresses with the rules alone, which need a cue).
_ADDRESS_FIELDS = frozenset({"slug", "previous_slugs"})


@dataclass(frozen=True, kw_only=True)
class GateSettings:
    reading_target: float = 8.0
    reading_as_error: bool = False
    review_max_age_days: int = 365


def _read(item: PostInput | PostFiles) -> PostInput:
    return item.read() if isinstance(item, PostFiles) else item


@dataclass(frozen=True, kw_only=True)
class Located:
    finding: Finding
    field: str
    line: int | None
    column: int | None


@lru_cache(maxsize=8)
def allow_fingerprint(allow: Allowlist) -> str:
    """A stable hash of the allowlist (sets sorted), for cache keys (once per allowlist:
    the list is frozen, and turning it into text costs milliseconds)."""
    return digest(json.dumps(dataclasses.asdict(allow), sort_keys=True, default=sorted))


def shown_path(path: str, allow: Allowlist, known: Sequence[str]) -> str:
    """``path`` as messages show it: identifiers in it masked (a file name is published
    in addresses, and printed in every message about the file). Only a path with a
    digit or an "@", or one of ``known`` (identifiers found in the file), can carry
    one the rules find; others are shown as they are, unscanned."""
    if not known and not any(ch.isdigit() or ch == "@" for ch in path):
        return path
    return mask_identifiers(path, allow, known=known, model=False)


def _texts(item: PostInput) -> list[tuple[str, str]]:
    """(field label, text) for everything of the post that would be published.

    The body comes first, so a finding in a summary derived from the first
    paragraph is reported where staff wrote it: in the body.
    """
    body = item.body_text if item.body_text is not None else plain_text(item.html)
    texts: list[tuple[str, str]] = [("body", body)]
    for name, value in item.metadata.items():
        values = value if isinstance(value, list | tuple) else [value]
        if name in _ADDRESS_FIELDS:  # read as a person reads an address, with the model
            from healthnotes.gate.published import address_readings  # (it imports this)

            texts.extend(
                (display_name(name), reading)
                for v in values
                for reading in address_readings(str(v))
                if " " in reading  # one word alone is no evidence of a person
            )
        if name in _NOT_FREE_TEXT or name.startswith("_"):
            continue
        texts.extend((display_name(name), str(v)) for v in values if str(v).strip())
    texts.extend((f"text for {key}", text) for key, text in item.platform_texts.items())
    return texts


def _field_context(label: str) -> str:
    """The ``field`` argument scan_text takes (recall fields may hold lots and dates; an
    address read as words is read as a title: its capitals are the reading's)."""
    if label.lower() in _ADDRESS_FIELDS:
        return "title"
    return (
        label.lower()
        if label.lower().startswith("recall_")
        else ("platform" if label.startswith("text for ") else label.lower())
    )


def locate(source_text: str, needle: str) -> tuple[int | None, int | None]:
    """1-based line and column of ``needle`` in the source file (None when not verbatim)."""
    at = source_text.find(needle)
    if at < 0:
        return None, None
    line = source_text.count("\n", 0, at) + 1
    column = at - (source_text.rfind("\n", 0, at) + 1) + 1
    return line, column


def _scan_one(text: str, allow: Allowlist, field: str, checks: CheckCache) -> list[Finding]:
    found = checks.get(
        "scan",
        (allow_fingerprint(allow), field, text),
        lambda: [dataclasses.astuple(f) for f in scan_text(text, allow, field=field)],
    )
    return [Finding(*row) for row in found]  # type: ignore[attr-defined]


def _scan(text: str, allow: Allowlist, field: str, checks: CheckCache) -> list[Finding]:
    """Findings in ``text``. A platform text is scanned block by block (the hook, the
    link, the hashtags, the disclaimer, each written on its own): the same blocks recur
    in most platforms' texts and are scanned once a post, not once a platform."""
    if field != "platform":
        return _scan_one(text, allow, field, checks)

    def by_blocks() -> list[tuple[object, ...]]:
        return [
            dataclasses.astuple(dataclasses.replace(f, start=f.start + start, end=f.end + start))
            for start, block in blocks(text)
            for f in _scan_one(block, allow, field, checks)
        ]

    # The whole text's findings are kept too: a later build looks the text up once,
    # not block by block (and its blocks then drop out of the cache).
    found = checks.get("scan-blocks", (allow_fingerprint(allow), field, text), by_blocks)
    return [Finding(*row) for row in found]  # type: ignore[attr-defined]


def scan_post(item: PostInput, allow: Allowlist, checks: CheckCache | None = None) -> list[Located]:
    """Every identifier finding in the post, once per (rule, text), located in the file."""
    checks = checks or CheckCache(None)
    seen: dict[tuple[str, str], Located] = {}
    for label, text in _texts(item):
        for finding in _scan(text, allow, _field_context(label), checks):
            key = (finding.rule, finding.text)
            if key in seen:
                continue
            line, column = locate(item.source_text, finding.text)
            seen[key] = Located(finding=finding, field=label, line=line, column=column)
    return list(seen.values())


def _public_figure_hint(finding: Finding) -> str:
    """For a name: how to declare a public figure the post is about."""
    if finding.rule != "name":
        return ""
    return (
        "; if this is a public figure the post is about, add "
        f"'Public_Figures: {finding.masked().strip()}' (the name written in full; "
        "the log masks it)"
    )


def _public_figure_warnings(source: str, located: list[Located]) -> list[Problem]:
    """A public figure quoted ("Serena Williams said ...") stops nothing: one warning
    each, suggesting ``Public_Figures`` (or removing the name if it is a patient's)."""
    return [
        Problem(
            file=source,
            field="",
            line=found.line,
            column=found.column,
            severity="warning",
            message=f"{found.finding.label} {found.finding.masked()!r} in {found.field} reads "
            "as a public figure quoted; if the post is about them, add "
            f"'Public_Figures: {found.finding.masked().strip()}' (the name written in full; "
            "the log masks it); if it is a patient, remove the name",
        )
        for found in located
        if found.finding.warning
    ]


def check_post(
    item: PostInput,
    allow: Allowlist,
    settings: GateSettings,
    *,
    today: date,
    checks: CheckCache | None = None,
) -> tuple[list[Problem], PostCheck]:
    """Run every check on one post: (problems, the post's report row)."""
    checks = checks or CheckCache(None)
    post = item.post
    problems: list[Problem] = []
    findings: list[str] = []
    acknowledged: list[str] = []
    for exception in post.exceptions:
        if exception.rule not in RULES_BY_ID:
            problems.append(
                Problem(
                    file=shown_path(post.source, allow, []),
                    field="Exception",
                    message=f"unknown rule {exception.rule!r}; expected one of "
                    f"{', '.join(RULES_BY_ID)}",
                )
            )
    # staff named in full somewhere in the post, and the post's declared public figures
    allow = allow.for_post(
        [text for _, text in _texts(item)],
        post.public_figures,
        [str(item.metadata.get(name) or "") for name in BRAND_FIELDS],
        post.tags,
    )
    located = scan_post(item, allow, checks)
    problems.extend(_public_figure_warnings(post.source, located))
    located = [found for found in located if not found.finding.warning]
    # the file name may carry an identifier too: never printed in plain (kept with the
    # checks: masking it is most of the work of a post whose checks are all kept). It is
    # the one check keyed by where the file is: a post moved to another folder, its
    # texts' checks all kept, is masked here, not sent to a worker to be checked again
    found_texts = [f.finding.text for f in located]
    source = str(
        checks.get(
            "shown path",
            (post.source, allow_fingerprint(allow), *found_texts),
            lambda: shown_path(post.source, allow, found_texts),
            cheap=True,
        )
    )
    match = find_exception_match(
        [found.finding for found in located], [(e.rule, e.text) for e in post.exceptions]
    )
    accepted = {id(finding) for finding in match.acknowledged}
    for found in located:
        finding = found.finding
        masked = finding.masked()
        if id(finding) in accepted:
            exception = next(
                e
                for e in post.exceptions
                if e.rule == finding.rule
                and " ".join(e.text.split()) == " ".join(finding.text.split())
            )
            acknowledged.append(
                f"{finding.label} {masked!r} in {found.field} — reviewed by "
                f"{exception.reviewed_by}: {exception.why}"
            )
            continue
        where = f"{source}:{found.line}:{found.column}" if found.line else source
        findings.append(f"{where}: {finding.label} {masked!r} in {found.field}")
        problems.append(
            Problem(
                file=source,
                field="",
                line=found.line,
                column=found.column,
                message=f"{finding.label} ({finding.rule}) {masked!r} in {found.field}; "
                "remove it, or if it is meant to be public add "
                f"'Exception: {finding.rule} | <the exact text> | <who reviewed> | <why>'"
                + _public_figure_hint(finding),
            )
        )
    known = [found.finding.text for found in located]

    def quoted(text: str) -> str:
        """``text`` from the post as a message quotes it, masked; kept with the checks,
        so a build that changed nothing needs no language model for its messages."""
        parts = (text, allow_fingerprint(allow), *known)
        return str(checks.get("quoted", parts, lambda: mask_identifiers(text, allow, known=known)))

    for rule, text in match.unused:
        problems.append(
            Problem(
                file=source,
                field="Exception",
                severity="warning",
                # the exception's text is an identifier too: never printed in plain
                message=f"'{rule} | {quoted(text)}' matches no finding; remove it",
            )
        )

    notes: list[str] = []
    readability = Readability(
        **checks.get("read", (item.html,), lambda: dataclasses.asdict(score(item.html)))
    )
    for problem in readability_problems(
        readability,
        target=settings.reading_target,
        as_error=settings.reading_as_error,
        source=source,
        mask=quoted,
    ):
        problems.append(problem)
        notes.append(problem.message)

    consent = "not needed"
    if item.hero is not None and post.image:
        hero = item.hero
        photo = checks.get("photo", (hero,), lambda: photo_facts(hero))
        assert isinstance(photo, dict)
        if photo.get("error"):
            problems.append(
                Problem(file=source, field="Image", message=f"{post.image}: {photo['error']}")
            )
        faces = int(photo.get("faces") or 0)
        problems.extend(
            photo_problems(
                source=source,
                image_path=post.image,
                consent=post.consent,
                testimonial=post.testimonial,
                faces=faces,
            )
        )
        if faces:
            consent = post.consent or f"MISSING: {faces} face(s) in {post.image}"
        sensitive = photo.get("metadata") or {}
        if sensitive:
            notes.append(
                f"{post.image}: metadata removed on publish ({', '.join(sorted(sensitive))})"
            )
    elif post.testimonial:
        problems.extend(photo_problems(source=source, consent=post.consent, testimonial=True))
        consent = post.consent or "MISSING: testimonial without Consent"
    if post.testimonial and post.consent:
        consent = f"{post.consent} (testimonial)"

    review, due = review_status(
        post.last_reviewed,
        post.reviewed_by,
        today=today,
        max_age_days=settings.review_max_age_days,
    )
    row = PostCheck(
        source=source,
        title=post.title,
        type=post.spec.label,
        status=post.status,
        smog=readability.smog,
        fk_grade=readability.fk_grade,
        findings=tuple(findings),
        exceptions=tuple(acknowledged),
        review=review,
        review_due=due,
        consent=consent,
        platforms=tuple(item.platform_texts),
        notes=tuple(notes),
        identifiers=tuple(
            dict.fromkeys(f.finding.text for f in located if id(f.finding) not in accepted)
        ),
    )
    return problems, row


Result = tuple[list[Problem], PostCheck]


def _own_names(
    allow: Allowlist,
    texts: list[str],
    public_figures: list[str],
    brands: list[str],
    topics: list[str],
) -> list[str]:
    """The names one post allows beyond ``allow``'s (:meth:`Allowlist.for_post`)."""
    return sorted(allow.for_post(texts, public_figures, brands, topics).names - allow.names)


def post_allowances(
    allow: Allowlist, items: Sequence[PostInput | PostFiles], cache: CheckCache | None = None
) -> dict[str, frozenset[str]]:
    """By post source: the names the post allows for itself beyond ``allow``'s
    (:meth:`Allowlist.for_post`: staff it names in full, its declared public figures, its
    recall's brand, its tags), which the published scan grants where posts' texts are
    (posts' pages, shared files), never in a page or a copied file
    (:func:`healthnotes.gate.published.scan_output`); each post's names kept in
    ``cache`` by what they come from."""
    cache = cache if cache is not None else CheckCache(None)
    fingerprint = allow_fingerprint(allow)
    allowances: dict[str, frozenset[str]] = {}
    for item in items:
        post = item.post
        groups = (
            [post.title, post.summary, item.body_text or "", *item.platform_texts.values()],
            list(post.public_figures),
            [str(item.metadata.get(name) or "") for name in BRAND_FIELDS],
            list(post.tags),
        )
        parts = [fingerprint, *(part for group in groups for part in (str(len(group)), *group))]
        names = cache.get("post-allows", tuple(parts), partial(_own_names, allow, *groups))
        if names:
            allowances[post.source] = frozenset(names)  # type: ignore[arg-type]
    return allowances


def check_one(
    item: PostInput | PostFiles,
    allow: Allowlist,
    settings: GateSettings,
    today: date,
    known: dict[str, object],
    dictionary_folder: Path | None,
) -> tuple[Result, dict[str, object], dict[str, tuple[ner.Span, ...]]]:
    """:func:`check_post` in a worker (module level), with the cache entries ``known``
    (the post's picture facts, found beforehand): the result, the entries it used and
    the language model's proposals for the post's sentences (the published scan reads
    the same sentences on the post's pages: :func:`ner.learn`). ``dictionary_folder``
    keeps the syllable counts and the rules' prefilters between processes."""
    prepare(dictionary_folder)
    keep_derived(dictionary_folder)
    checks = CheckCache(None)
    checks.entries = known
    with ner.collecting() as proposals:
        result = check_post(_read(item), allow, settings, today=today, checks=checks)
    return result, checks.used, proposals


def cached_checks(
    items: Sequence[PostInput | PostFiles],
    allow: Allowlist,
    settings: GateSettings,
    *,
    today: date,
    checks: CheckCache,
    picture_digest: Callable[[str], str] | None = None,
) -> list[Result | None]:
    """:func:`check_post` of every item whose every check ``checks`` holds; None for
    the others (they are checked in the workers, :func:`check_one`).

    A post whose inputs are those of an earlier build (:func:`result_key`) has that
    build's result, kept whole with the keys of the checks it was made of."""
    results: list[Result | None] = []
    checks.cached_only = True
    try:
        for item in items:
            key = result_key(item, allow, settings, today, picture_digest)
            kept = _result_from(checks.entries.get(key))
            if kept is not None:
                checks.used[key] = checks.entries[key]
                checks.keep_used(checks.entries[key]["uses"])  # type: ignore[index]
                results.append(kept)
                continue
            try:
                with checks.recording() as uses:
                    result = check_post(_read(item), allow, settings, today=today, checks=checks)
            except NotCached:
                results.append(None)
                continue
            checks.entries[key] = checks.used[key] = kept_result(result, uses)
            results.append(result)
    finally:
        checks.cached_only = False
    return results


def result_key(
    item: PostInput | PostFiles,
    allow: Allowlist,
    settings: GateSettings,
    today: date,
    picture_digest: Callable[[str], str] | None = None,
) -> str:
    """The cache key of a post's whole result: the post and everything it publishes
    (its metadata, body, platform texts and picture), its Markdown file (findings are
    placed by line and column in it), the allowlist, the settings and the day (a review
    falls due). ``picture_digest`` gives a picture file's SHA-256 (else it is read)."""
    if isinstance(item, PostFiles):
        source = Path(item.source_path).read_bytes()
        hero = item.hero_path or ""
        if hero:
            hero = (picture_digest or file_sha256)(hero)
        described = dataclasses.replace(item, hero_path=None)
    else:
        source = item.source_text.encode("utf-8")
        hero = hashlib.sha256(item.hero).hexdigest() if item.hero is not None else ""
        described = dataclasses.replace(item, hero=None, source_text="")
    return CheckCache.key(
        "post-result",
        (repr(described), source, hero, allow_fingerprint(allow), repr(settings), str(today)),
    )


def kept_result(result: Result, uses: Iterable[str]) -> dict[str, object]:
    """A post's result as the cache keeps it under its :func:`result_key` (plain JSON
    values), with the keys of the checks it was made of (``uses``)."""
    problems, row = result
    return {
        "problems": [dataclasses.asdict(problem) for problem in problems],
        "row": dataclasses.asdict(row),
        "uses": sorted(set(uses)),
    }


def _result_from(entry: object) -> Result | None:
    """The result :func:`kept_result` kept (None for anything else: not kept, or kept by
    other code)."""
    try:
        row = {
            name: tuple(value) if isinstance(value, list) else value
            for name, value in entry["row"].items()  # type: ignore[index]
        }
        problems = [Problem(**problem) for problem in entry["problems"]]  # type: ignore[index]
        if not isinstance(entry["uses"], list):  # type: ignore[index]
            return None
        return problems, PostCheck(**row)
    except (TypeError, KeyError, AttributeError):
        return None


def pictures_of(items: Sequence[PostInput | PostFiles]) -> dict[str, str | bytes]:
    """The pictures of ``items`` by their cache key: the picture's file (or its bytes,
    for a :class:`PostInput`)."""
    pictures: dict[str, str | bytes] = {}
    for item in items:
        if not item.post.image:
            continue
        if isinstance(item, PostFiles):
            if item.hero_path is None:
                continue
            picture: str | bytes = item.hero_path
            data = Path(item.hero_path).read_bytes()
        elif item.hero is not None:
            picture = data = item.hero
        else:
            continue
        pictures[CheckCache.key("photo", (data,))] = picture
    return pictures


def check_posts(
    items: Sequence[PostInput | PostFiles],
    allow: Allowlist,
    settings: GateSettings,
    *,
    today: date,
    checks: CheckCache,
) -> list[Result]:
    """Every item checked in this process, in order (tests and small tools; the build
    checks in its workers: :mod:`healthnotes.pipeline`)."""
    results = cached_checks(items, allow, settings, today=today, checks=checks)
    missing = [index for index, result in enumerate(results) if result is None]
    pictures = pictures_of([items[index] for index in missing])
    for key, picture in pictures.items():
        if key not in checks.entries:
            checks.entries[key] = facts_of(picture)
    for index in missing:
        result, entries, _ = check_one(
            items[index], allow, settings, today, dict(checks.entries), None
        )
        results[index] = result
        checks.entries.update(entries)
        checks.used.update(entries)
    return [r for r in results if r is not None]
