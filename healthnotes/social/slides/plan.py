"""Which slides a post becomes, as data, and how text too long for one slide is split.

A carousel is planned from three tables:

* :data:`FORMATS` — each slide format (Instagram 4:5, TikTok photo mode 9:16, the
  LinkedIn document): pixel size, most slides, safe area, alt-text limit.
* :data:`KINDS` — each kind of slide: its label, whether it may be left out when a
  carousel (or a video) has too many slides, and its background variations in turn.
* :data:`PLANS` — for each post type, the sequence of slide kinds and the post field
  that fills each (:data:`FIELDS`); :data:`SAFETY_SLIDES` adds slides by condition.

Text that does not fit one slide (at the format's minimum text size, and within its
alt-text limit, since a slide's alt text is what the slide says) is split across
slides at sentence boundaries; a single sentence too long for a slide is split at
clause boundaries, then between words. Words are never cut and nothing is elided,
except a word too long for a whole slide (cut between characters) and a body
paragraph past :data:`SLIDES_PER_BODY_PARAGRAPH` slides (the article has the rest).

This module measures nothing itself: the renderer passes a ``fits`` function, so the
plan can be computed and tested without the drawing libraries.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from html.parser import HTMLParser
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from healthnotes.config import SiteConfig
from healthnotes.content.model import QA, HowTo, Misconception, Post, PostType, Recall
from healthnotes.content.safety import SAFETY
from healthnotes.errors import SyndicateError
from healthnotes.social.cards.card import DEFAULT_RECALL_ACTION  # what a recall slide says

_T = TypeVar("_T")

# ----------------------------------------------------------------------------- formats


@dataclass(frozen=True, kw_only=True)
class SafeArea:
    """Bands (px) along each edge that the platform's own interface may cover."""

    top: int
    bottom: int
    left: int
    right: int


@dataclass(frozen=True, kw_only=True)
class SlideFormat:
    key: str
    name: str
    width: int
    height: int
    max_slides: int
    #: Longest alt text a slide may carry (characters); the slide's text must fit it.
    alt_limit: int
    safe: SafeArea

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)


#: Smallest text on any slide, in px at 1080 px wide (scaled with the width): a
#: 1080 px slide is shown about 390 pt wide on a phone, so 42 px is about 15 pt,
#: the size of body text in iOS and Android apps. The brief asks for >= 40 px.
MIN_TEXT_PX_AT_1080 = 42

#: Instagram carousel: up to 20 slides (Aug 2024); 4:5 1080x1350; alt text up to
#: 1,000 characters. Nothing covers the picture, but the profile grid shows a 3:4
#: crop (Jan 2025): 34 px off each side of a 4:5 slide, inside the 80 px margin.
_INSTAGRAM = SlideFormat(
    key="instagram",
    name="Instagram carousel",
    width=1080,
    height=1350,
    max_slides=20,
    alt_limit=1000,
    safe=SafeArea(top=80, bottom=80, left=80, right=80),
)

#: Sources: /work/shared/reference/platforms.md (re-checked 2026-12) and the issue
#: "Social posts that go out unchanged"; see docs/social-formats.md.
FORMATS: Mapping[str, SlideFormat] = {
    f.key: f
    for f in (
        _INSTAGRAM,
        # TikTok photo mode: up to 35 images at 9:16 1080x1920. TikTok's (and Reels')
        # interface covers about the top 220 px and the bottom 400 px (caption, sound,
        # buttons) and a column of buttons on the right (about 120 px). TikTok has no
        # per-photo alt text: the limit is ours, the same as Instagram's, so the same
        # text can go to a scheduler's description field.
        SlideFormat(
            key="tiktok",
            name="TikTok photo mode",
            width=1080,
            height=1920,
            max_slides=35,
            alt_limit=_INSTAGRAM.alt_limit,
            safe=SafeArea(top=220, bottom=400, left=80, right=140),
        ),
        # LinkedIn document post: one PDF, shown page by page in the feed (up to 300
        # pages, 100 MB per LinkedIn's help pages); Instagram's 4:5 pages fill a phone's
        # feed best. Page alt text is kept in the PDF (tagged images); the limit is our
        # own cap, Instagram's.
        replace(_INSTAGRAM, key="linkedin", name="LinkedIn document", max_slides=300),
    )
}


def min_text_px(fmt: SlideFormat) -> int:
    """The smallest text size allowed on a slide of ``fmt``."""
    return -(-MIN_TEXT_PX_AT_1080 * fmt.width // 1080)


# ------------------------------------------------------------------------------- kinds


class SlideKind(StrEnum):
    COVER = "cover"
    MYTH = "myth"
    FACT = "fact"
    WHY = "why"
    SUPPLIES = "supplies"
    STEP = "step"
    PRODUCT = "product"
    REASON = "reason"
    LOTS = "lots"
    ACTION = "action"
    POISON_HELP = "poison_help"
    CRISIS = "crisis"
    QUESTION = "question"
    ANSWER = "answer"
    CLOSING = "closing"


@dataclass(frozen=True, kw_only=True)
class KindSpec:
    #: Text above the body; ``{n}``/``{count}`` number repeated kinds (steps).
    label: str
    #: Kept when a carousel or video has more slides than it may: never dropped.
    essential: bool = True
    #: Background variations (keys of ``render.VARIANTS``), in turn for repeated slides.
    variants: tuple[str, ...] = ("surface",)
    #: Body at title sizes (the cover) rather than body sizes.
    display: bool = False


KINDS: Mapping[SlideKind, KindSpec] = {
    SlideKind.COVER: KindSpec(label="{badge}", variants=("deep",), display=True),
    SlideKind.MYTH: KindSpec(label="Myth", variants=("accent",)),
    SlideKind.FACT: KindSpec(label="Fact", variants=("primary",)),
    SlideKind.WHY: KindSpec(label="Why", essential=False, variants=("surface", "white")),
    SlideKind.SUPPLIES: KindSpec(label="You will need", variants=("white",)),
    SlideKind.STEP: KindSpec(label="Step {n} of {count}", variants=("surface", "white")),
    SlideKind.PRODUCT: KindSpec(label="Recalled", variants=("accent",)),
    SlideKind.REASON: KindSpec(label="Why it was recalled", variants=("surface",)),
    SlideKind.LOTS: KindSpec(label="Check the lot code", variants=("white",)),
    SlideKind.ACTION: KindSpec(label="What to do", variants=("primary",)),
    SlideKind.POISON_HELP: KindSpec(label="Poison Help", variants=("deep",)),
    SlideKind.CRISIS: KindSpec(label="In crisis?", variants=("deep",)),
    SlideKind.QUESTION: KindSpec(label="Question", variants=("accent",)),
    SlideKind.ANSWER: KindSpec(label="Answer", essential=False, variants=("surface", "white")),
    SlideKind.CLOSING: KindSpec(label="{practice}", variants=("primary",)),
}

# ------------------------------------------------------------------------------ fields


@dataclass(frozen=True, kw_only=True)
class Text:
    """One piece of a post that fills one or more slides: split into ``units``
    (sentences, or list items) that a slide boundary may fall between."""

    units: tuple[str, ...]
    #: Between units on a slide: " " for sentences, "\n" for lines and list items.
    joiner: str = " "
    #: A list's items are read out as one sentence ("a, b, c."), lines one by one.
    is_list: bool = False
    #: Most slides this text may fill; the rest of it is left out (body paragraphs:
    #: the closing slide sends readers to the article for the whole of it).
    most: int | None = None


#: How many of the body's first paragraphs fill the "why" of a misconception and the
#: answer of a Q&A (the rest of the post is for the site).
BODY_PARAGRAPHS: Mapping[SlideKind, int] = {SlideKind.WHY: 2, SlideKind.ANSWER: 3}
#: Most slides one of those paragraphs fills (the example posts' longest fills 3).
SLIDES_PER_BODY_PARAGRAPH = 5

#: Abbreviations a sentence does not end after (case-insensitive, with the dot).
ABBREVIATIONS = frozenset(
    {"dr.", "mr.", "mrs.", "ms.", "st.", "vs.", "e.g.", "i.e.", "etc.", "no.", "u.s.", "approx."}
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")
_CLAUSE_END = re.compile(r"[,;:—–][\"”’)\]]*$")
_STARTS_SENTENCE = re.compile(r"^[\"“‘(\[]*[A-Z0-9]")


def _sentence_boundary(word: str, following: str) -> bool:
    return (
        bool(_SENTENCE_END.search(word))
        and word.casefold() not in ABBREVIATIONS
        and bool(_STARTS_SENTENCE.match(following))
    )


def _clause_boundary(word: str, following: str) -> bool:
    return bool(_CLAUSE_END.search(word)) or _sentence_boundary(word, following)


def _split_words(text: str, boundary: Callable[[str, str], bool]) -> tuple[str, ...]:
    words = text.split()
    pieces: list[str] = []
    start = 0
    for i, word in enumerate(words):
        if i + 1 == len(words) or boundary(word, words[i + 1]):
            pieces.append(" ".join(words[start : i + 1]))
            start = i + 1
    return tuple(pieces)


def sentences(text: str) -> tuple[str, ...]:
    """``text`` cut between sentences (whitespace collapsed)."""
    return _split_words(text, _sentence_boundary)


def _clauses(text: str) -> tuple[str, ...]:
    return _split_words(text, _clause_boundary)


def _prose(*texts: str | None) -> tuple[Text, ...]:
    return tuple(Text(units=sentences(t)) for t in texts if t and t.strip())


def _body(post: Post, paragraphs: Sequence[str], kind: SlideKind) -> tuple[Text, ...]:
    return tuple(
        replace(text, most=SLIDES_PER_BODY_PARAGRAPH)
        for text in _prose(*paragraphs[: BODY_PARAGRAPHS[kind]])
    )


def _details(post: Post, kind: type[_T]) -> _T:
    if not isinstance(post.details, kind):
        raise PlanError(f"{post.source}: a {post.type} post has no {kind.__name__} details")
    return post.details


def _supplies(post: Post) -> tuple[Text, ...]:
    howto = _details(post, HowTo)
    units = tuple(howto.supplies)
    if howto.time:
        units = (f"Time: {howto.time}", *units)
    return (Text(units=units, joiner="\n", is_list=not howto.time),) if units else ()


def _product(post: Post) -> tuple[Text, ...]:
    recall = _details(post, Recall)
    when = f"{recall.date:%B} {recall.date.day}, {recall.date.year}"
    notice = f"Recall announced {when} by the {recall.agency}."
    grade = f"Class {recall.recall_class} recall." if recall.recall_class else None
    units = (recall.product, notice, *((grade,) if grade else ()))
    return (Text(units=units, joiner="\n"),)


def _closing(post: Post, config: SiteConfig) -> tuple[Text, ...]:
    parts = urlsplit(post.url)
    where = f"{parts.netloc}{parts.path}".rstrip("/")
    units = ("Read the whole article at", where, SAFETY.social_disclaimer)
    return (Text(units=units, joiner="\n"),)


FieldReader = Callable[[Post, Sequence[str], SiteConfig], tuple[Text, ...]]

#: Post field -> the texts it fills slides with (each text: one or more slides).
FIELDS: Mapping[str, FieldReader] = {
    "title": lambda post, _p, _c: (Text(units=(post.title,)),),
    "myth": lambda post, _p, _c: _prose(_details(post, Misconception).myth),
    "fact": lambda post, _p, _c: _prose(_details(post, Misconception).fact),
    "why": lambda post, paragraphs, _c: _body(post, paragraphs, SlideKind.WHY),
    "supplies": lambda post, _p, _c: _supplies(post),
    "steps": lambda post, _p, _c: _prose(*_details(post, HowTo).steps),
    "recall_product": lambda post, _p, _c: _product(post),
    "recall_reason": lambda post, _p, _c: _prose(_details(post, Recall).reason),
    "recall_lots": lambda post, _p, _c: (
        (Text(units=_details(post, Recall).lots, joiner="\n", is_list=True),)
        if _details(post, Recall).lots
        else ()
    ),
    "recall_action": lambda post, _p, _c: _prose(
        _details(post, Recall).action or DEFAULT_RECALL_ACTION
    ),
    "poison_help": lambda _post, _p, _c: _prose(SAFETY.poison_help),
    "crisis": lambda _post, _p, _c: _prose(SAFETY.crisis),
    "question": lambda post, _p, _c: _prose(_details(post, QA).question),
    "answer": lambda post, paragraphs, _c: _body(post, paragraphs, SlideKind.ANSWER),
    "closing": lambda post, _p, config: _closing(post, config),
}

# ------------------------------------------------------------------------------- plans


@dataclass(frozen=True, kw_only=True)
class Source:
    kind: SlideKind
    field: str


def _row(*pairs: tuple[SlideKind, str]) -> tuple[Source, ...]:
    return tuple(Source(kind=k, field=f) for k, f in pairs)


_COVER = (SlideKind.COVER, "title")
_CLOSING = (SlideKind.CLOSING, "closing")

#: The slides of each post type, in order: (kind, field that fills it).
PLANS: Mapping[PostType, tuple[Source, ...]] = {
    PostType.MISCONCEPTION: _row(
        _COVER, (SlideKind.MYTH, "myth"), (SlideKind.FACT, "fact"), (SlideKind.WHY, "why")
    ),
    PostType.HOWTO: _row(_COVER, (SlideKind.SUPPLIES, "supplies"), (SlideKind.STEP, "steps")),
    PostType.RECALL: _row(
        _COVER,
        (SlideKind.PRODUCT, "recall_product"),
        (SlideKind.REASON, "recall_reason"),
        (SlideKind.LOTS, "recall_lots"),
        (SlideKind.ACTION, "recall_action"),
        (SlideKind.POISON_HELP, "poison_help"),
    ),
    PostType.QA: _row(_COVER, (SlideKind.QUESTION, "question"), (SlideKind.ANSWER, "answer")),
    PostType.ALERT: _row(_COVER, (SlideKind.ANSWER, "answer")),
}

#: Safety slides added before the closing slide of any post they apply to.
SAFETY_SLIDES: tuple[tuple[Callable[[Post], bool], Source], ...] = (
    (lambda post: post.mental_health, Source(kind=SlideKind.CRISIS, field="crisis")),
)
#: Every carousel ends with this.
CLOSING = Source(kind=_CLOSING[0], field=_CLOSING[1])

# ------------------------------------------------------------------------------ output


class PlanError(SyndicateError):
    """A post cannot become a carousel (e.g. more essential slides than allowed)."""


@dataclass(frozen=True, kw_only=True)
class PlannedSlide:
    kind: SlideKind
    label: str
    #: What the slide says; "\n" separates lines (list items, closing lines).
    body: str
    variant: str
    essential: bool
    is_list: bool = False

    @property
    def alt(self) -> str:
        return alt_text(self.label, self.body, is_list=self.is_list)

    @property
    def words(self) -> int:
        return len(f"{self.label} {self.body}".split())


def alt_text(label: str, body: str, *, is_list: bool = False) -> str:
    """What a slide says, as one line: the label (unless the body starts with its first
    word, as "Recall: …" under "Recall explainer"), then the body's lines as sentences
    or, for a list, its items as one ("SS26224, SS26225.")."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if is_list:
        text = ", ".join(lines) + "."
    else:
        text = " ".join(
            line if line[-1] in ".!?:" else f"{line}:" if line.endswith(" at") else f"{line}."
            for line in lines
        )
    first = label.split()[0].strip(".:!?").casefold() if label.split() else ""
    if text.split()[0].strip('.:!?"“').casefold() == first:
        return text
    return f"{label}: {text}"


#: ``fits(kind, label, body)``: whether a slide of ``kind`` with this text fits at the
#: format's minimum text size (the renderer's measure).
Fits = Callable[[SlideKind, str, str], bool]

#: Most words on one slide, whatever fits: a slide is read at a glance (and a video
#: holds it for a few seconds). Longer text goes on to the next slide.
MAX_WORDS_PER_SLIDE = 40


def longest_prefix(text: str, ok: Callable[[str], bool], guess: int = 1) -> int:
    """The length of the longest prefix of ``text`` for which ``ok`` holds (at least 1,
    so a caller cutting ``text`` into pieces always moves on), searched from ``guess``
    (the last piece's length): a few calls of ``ok`` whatever the length of ``text``,
    and none on a prefix much longer than the answer."""
    guess = min(max(guess, 1), len(text))
    if ok(text[:guess]):
        low, high = guess, guess + 1
        while high <= len(text) and ok(text[:high]):  # gallop up from the guess
            low, high = high, guess + 2 * (high - guess)
        high = min(high, len(text) + 1)
    else:
        low, high = 0, guess
        while high > 1 and not ok(text[: high // 2]):  # gallop down
            high //= 2
        low = high // 2
    while high - low > 1:  # ok(text[:low]) (or low == 0), not ok(text[:high])
        middle = (low + high) // 2
        if ok(text[:middle]):
            low = middle
        else:
            high = middle
    return max(low, 1)


def _cut_word(word: str, fits: Callable[[str], bool], most: int | None) -> list[str]:
    """``word`` (which fits no slide) cut between characters into pieces that each fit,
    at most ``most`` of them."""
    pieces: list[str] = []
    rest, guess = word, 1
    while rest and (most is None or len(pieces) < most):
        if fits(rest):
            pieces.append(rest)
            break
        guess = longest_prefix(rest, fits, guess)
        pieces.append(rest[:guess])
        rest = rest[guess:]
    return pieces


def split_units(
    units: Sequence[str], joiner: str, fits: Callable[[str], bool], most: int | None = None
) -> list[str]:
    """Pack ``units`` greedily into as few bodies as fit; a unit that fits no slide alone
    is split at clauses, then between words, and a single word that fits no slide alone
    (nothing a person writes: a 1,000-character run of letters) between characters.

    ``most``: stop after that many bodies. Text past them could never be shown (a
    carousel has a most slides), and cutting a megabyte into slides would take minutes.
    """
    bodies: list[str] = []
    current: list[str] = []
    for unit in units:
        if most is not None and len(bodies) >= most:
            break
        if fits(joiner.join([*current, unit])):
            current.append(unit)
            continue
        if current:
            bodies.append(joiner.join(current))
            current = []
        if fits(unit):
            current = [unit]
            continue
        left = None if most is None else max(1, most - len(bodies))
        pieces = _clauses(unit)
        if len(pieces) == 1:
            pieces = tuple(unit.split())
        if len(pieces) == 1:
            *full, last = _cut_word(unit, fits, left)
        else:
            *full, last = split_units(pieces, " ", fits, left)
        bodies.extend(full)
        current = [last]
        if most is not None and len(bodies) + 1 >= most:
            break  # (``last`` may end where the limit cut the unit short)
    if current:
        bodies.append(joiner.join(current))
    return bodies if most is None else bodies[:most]


def balance(
    units: Sequence[str], joiner: str, fits: Callable[[str], bool], most: int | None = None
) -> list[str]:
    """:func:`split_units`, then the same number of slides with the units spread as
    evenly as fits (fewest words on the fullest slide), so no slide is left with one
    short sentence after a full one."""
    greedy = split_units(units, joiner, fits, most)
    if joiner == " ":  # sentences (a sentence too long for a slide: greedy stays)
        pieces = list(sentences(" ".join(greedy)))
    else:
        pieces = [u for body in greedy for u in body.split(joiner)]
    k, n = len(greedy), len(pieces)
    if k < 2 or n > 40:
        return greedy
    words = [len(p.split()) for p in pieces]
    best: dict[tuple[int, int], tuple[int, list[int]] | None] = {}

    def solve(start: int, parts: int) -> tuple[int, list[int]] | None:
        """(max words of a slide, cut points) for pieces[start:] in ``parts`` slides."""
        if (start, parts) in best:
            return best[(start, parts)]
        result: tuple[int, list[int]] | None = None
        if parts == 1:
            body = joiner.join(pieces[start:])
            result = (sum(words[start:]), []) if fits(body) else None
        else:
            for end in range(start + 1, n - parts + 2):
                body = joiner.join(pieces[start:end])
                if not fits(body):
                    break
                rest = solve(end, parts - 1)
                if rest is not None:
                    score = max(sum(words[start:end]), rest[0])
                    if result is None or score < result[0]:
                        result = (score, [end, *rest[1]])
        best[(start, parts)] = result
        return result

    found = solve(0, k)
    if found is None:
        return greedy
    cuts = [0, *found[1], n]
    return [joiner.join(pieces[a:b]) for a, b in itertools.pairwise(cuts)]


def plan_slides(
    post: Post,
    paragraphs: Sequence[str],
    config: SiteConfig,
    fmt: SlideFormat,
    fits: Fits,
) -> list[PlannedSlide]:
    """The slides of ``post`` for ``fmt``, in order."""
    sources = [
        *PLANS[post.type],
        *(source for applies, source in SAFETY_SLIDES if applies(post)),
        CLOSING,
    ]
    slides: list[PlannedSlide] = []
    seen: set[str] = set()
    for source in sources:
        spec = KINDS[source.kind]
        texts = FIELDS[source.field](post, paragraphs, config)
        for n, text in enumerate(texts, start=1):
            label = spec.label.format(
                n=n, count=len(texts), badge=post.heading_label, practice=config.practice.name
            )

            def fitting(
                body: str, kind: SlideKind = source.kind, label: str = label, t: Text = text
            ) -> bool:
                return (
                    len(body.split()) <= MAX_WORDS_PER_SLIDE
                    and len(alt_text(label, body, is_list=t.is_list)) <= fmt.alt_limit
                    and fits(kind, label, body)
                )

            # Bodies past the format's most slides are left out below (or the plan fails).
            most = max(1, fmt.max_slides + 1 - len(slides))
            most = min(most, text.most) if text.most is not None else most
            for body in balance(text.units, text.joiner, fitting, most):
                if body.casefold() in seen:  # e.g. a Q&A whose question is its title
                    continue
                if source.kind is SlideKind.COVER:
                    seen.add(body.casefold())
                same = sum(1 for s in slides if s.kind is source.kind)
                slides.append(
                    PlannedSlide(
                        kind=source.kind,
                        label=label,
                        body=body,
                        variant=spec.variants[same % len(spec.variants)],
                        essential=spec.essential,
                        is_list=text.is_list,
                    )
                )
    return fit_count(slides, fmt.max_slides, what=f"{post.source}: {fmt.name}")


class Droppable(Protocol):
    """A slide that may be left out when there are too many (``essential``: never)."""

    @property
    def essential(self) -> bool: ...


def drop_inessential(
    items: Sequence[_T], fits: Callable[[list[_T]], bool], essential: Callable[[_T], bool]
) -> list[_T]:
    """``items`` without as many non-essential ones, last first, as it takes to make
    ``fits`` true (a carousel's slide count, a video's length); the essential ones are
    all kept, so the result may still not fit."""
    kept = list(items)
    for i in reversed(range(len(kept))):
        if fits(kept):
            break
        if not essential(kept[i]):
            del kept[i]
    return kept


_S = TypeVar("_S", bound=Droppable)


def fit_count(slides: Sequence[_S], limit: int, *, what: str) -> list[_S]:
    """``slides`` without as many non-essential ones (last first) as needed to keep
    at most ``limit``; :class:`PlanError` if the essential ones alone are too many."""
    kept = drop_inessential(slides, lambda kept: len(kept) <= limit, lambda s: s.essential)
    if len(kept) > limit:
        raise PlanError(
            f"{what}: at least {len(kept)} slides are needed and at most {limit} are allowed; "
            "shorten the post's steps or fields"
        )
    return kept


# --------------------------------------------------------------------------- paragraphs


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._depth = 0  # inside a <p>
        self._nested = 0  # inside blockquote/li/table etc.: not the article's own prose

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("blockquote", "li", "table", "aside", "figure"):
            self._nested += 1
        elif tag == "p" and not self._nested:
            self._depth += 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("blockquote", "li", "table", "aside", "figure"):
            self._nested = max(0, self._nested - 1)
        elif tag == "p" and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.found[-1] += data


def paragraphs_from_html(html: str) -> list[str]:
    """The top-level ``<p>`` paragraphs of a post's HTML as plain text, in order."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    return [text for p in parser.found if (text := " ".join(p.split()))]
