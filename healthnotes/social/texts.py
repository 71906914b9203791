"""The text of each post on each platform, counted the way each platform counts it.

A platform text is built from parts, in this order, then *fitted* to the
platform's :class:`~healthnotes.social.platforms.TextRule`::

    <hook>                      the opening line for the post's type (see hook())

    <link>                      the post's URL with utm_* parameters (link platforms)

    #Tag #Tag …                 hashtags from the post's tags (as many as fit)

    <disclaimer>                the short disclaimer line, when one is given

    Link in bio.                instead of the link, where links are not clickable

Blocks are separated by a blank line. Decisions:

* **Counting** is delegated, never re-implemented: X's weighted length is
  ``twitter_text.parse_tweet`` (URLs 23, emoji 2, CJK 2, after NFC); Bluesky's
  graphemes are ``regex`` ``\\X`` clusters; ``chars`` are code points, and when
  the rule sets ``url_length`` every ``http(s)://`` URL counts that much
  (Mastodon only shortens URLs with a protocol; bare domains count in full).
  :func:`fits` also enforces the UTF-8 byte cap (Bluesky), characters X
  rejects (U+FEFF, U+FFFE, U+FFFF) and ``max_links`` (Threads; every URL
  twitter-text finds counts, including bare domains, to be safe).
* **Fitting** drops the lowest-priority parts first: the disclaimer (kept where the
  platform's rule has ``keep_safety_line``), then
  hashtags one by one from the end, then the hook gives way. The link and
  "Link in bio." are never shortened or dropped; if even they do not fit,
  :class:`ValueError` (impossible with the real limits).
* **The hook** says what its post type must say, in the practice's voice, as data
  (:data:`VOICES`): its parts in order and the steps by which they give way
  (a part's later sentences, a shorter form, the post's ``Short:`` line, or
  the part itself). A hook is never cut inside a sentence and never ends in "…":
  the fullest state that fits is taken, and parts are then given back as far as
  they fit. A Q&A leads with the answer and quotes the question as a patient's
  (A patient asked: “…”); a misconception names its series and number, the
  myth and the fact; a recall the agency and product, the hazard, what to do
  and, where there is room, the lots. What a text has no room for among its
  type's essential parts is in :attr:`PlatformText.left_out` (the build warns:
  add ``Short:``); when not even the shortest hook fits, the text is the link.
* **Feed-safe**: a generated text reads the same as plain text and as HTML
  (:func:`feed_safe`), so a feed client posts it character for character.
* **Shortening** (:func:`shorten`, now only for Pinterest titles) keeps whole grapheme
  clusters, cuts between words where it can, never inside a URL, a #hashtag, an
  @mention or a number, and adds "…".
* **Clean text**: every generated part is NFC-normalised, control characters,
  line breaks and other white space become single spaces, characters X
  rejects are removed, and a combining mark or joiner left without a base
  (e.g. at the start of a field) is dropped, so joining parts with spaces
  never fuses two clusters into one.
* **Link preview** (``og``, ``TextRule.description_only``): the preview *is* the
  link, so its text is the hook alone: no link, no hashtags, no disclaimer,
  no "Link in bio.".
* **No clickable links** (``links=False``: Instagram, story): no URL at all;
  the text ends with "Link in bio.".
* **Pinterest** (``title_limit``): :attr:`PlatformText.title` is the post
  title fitted to the title limit; the text is the description.
* **Overrides** (``Summary_<platform>:``) are the whole text as staff wrote
  it, used verbatim (only surrounding white space is stripped): no hook,
  hashtags or disclaimer are added. On a link platform, when the override
  does not already contain the post's URL, the UTM link is appended if it
  fits. An override must pass :func:`check_override` first; passing one that
  does not fit to :func:`platform_text` is a bug and raises ValueError.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from html.entities import html5 as _HTML5
from itertools import accumulate
from types import SimpleNamespace
from typing import Any, Literal
from urllib.parse import quote_plus, unquote_plus, urlsplit, urlunsplit

import regex

from healthnotes.content.model import Post, PostType
from healthnotes.errors import Problem
from healthnotes.social.platforms import SEPARATOR, Platform, TextRule, blocks

ELLIPSIS = "…"
LINK_IN_BIO = "Link in bio."
#: Platforms whose text is a link preview's description: the hook, nothing else.
UTM_MEDIUM = "social"

_UTM_KEYS = frozenset({"utm_source", "utm_medium", "utm_campaign"})
_GRAPHEME = regex.compile(r"\X")
#: Becomes a single space: white space, control characters, unpaired surrogates,
#: noncharacters and the byte-order mark (U+FEFF, U+FFFE and U+FFFF are rejected by X).
_TO_SPACE = regex.compile(r"[\s\p{Cc}\p{Zs}\p{Zl}\p{Zp}\p{Cs}\p{Noncharacter_Code_Point}\uFEFF]+")
_HASHTAG_WORD = regex.compile(r"[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}]*")
_LETTER = regex.compile(r"\p{L}")
#: Tokens a cut must not go inside (besides URLs): hashtags, mentions, numbers.
_UNCUTTABLE = regex.compile(r"[#@][\p{L}\p{M}\p{Nd}_]+|\p{Nd}(?:[\p{Nd}\-–.,:/()]*\p{Nd})?")
_ENDS_SENTENCE = regex.compile(r"[.!?…。！？‼⁇⁈⁉][\"'”’»)\]]*$")
#: Where one sentence may end and the next begin: end punctuation (and closing quotes),
#: white space, then what a sentence starts with.
_SENTENCE_BREAK = regex.compile(r"(?<=[.!?。！？][\"'”’»)\]]*)\s+(?=[\"“‘(\[]?[\p{Lu}\p{Nd}])")
#: Words whose period ends no sentence ("Dr. Lee"); one-letter words ("C. diff") neither.
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "no", "e.g", "i.e"})
#: What a reader of HTML would take for markup in a text: "<" before a tag name, a
#: character reference ("&amp;", "&#38;", "&name;"). See :func:`feed_safe`.
_TAG_LIKE = regex.compile(r"<([A-Za-z/!?][^<>]*)>")
_TAG_OPEN = regex.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_NAMES = frozenset(name.rstrip(";") for name in _HTML5)
_REFERENCE = regex.compile(r"&(?=#|[A-Za-z0-9][-.A-Za-z0-9]*;)|&(?=([A-Za-z][-.A-Za-z0-9]*))")
#: Trimmed from the end of a shortened text before the ellipsis.
_TRIM = frozenset(" ,;:.-–—…(/")


# --- counting ---------------------------------------------------------------------------------


def load_counting() -> None:
    """Load what counting a text needs (twitter-text) ahead of the first count."""
    _twitter()


@cache
def _twitter() -> SimpleNamespace:
    """twitter-text, imported when a text is first counted: importing it compiles a
    large emoji pattern (about half a second), which a rebuild whose texts all come
    from the cache never needs."""
    from twitter_text import extract_urls_with_indices, parse_tweet
    from twitter_text.config import config
    from twitter_text.extract_emojis import extract_emojis_with_indices
    from twitter_text.get_character_weight import get_character_weight
    from twitter_text.has_invalid_characters import has_invalid_characters

    return SimpleNamespace(
        extract_urls_with_indices=extract_urls_with_indices,
        extract_emojis_with_indices=extract_emojis_with_indices,
        get_character_weight=get_character_weight,
        parse_tweet=parse_tweet,
        config=config,
        has_invalid_characters=has_invalid_characters,
    )


@cache
def _x_options(url_length: int) -> dict[str, Any]:
    return {**_twitter().config["defaults"], "transformed_url_length": url_length}


#: Where X's plain characters are looked for: ASCII, Latin-1 and Latin Extended-A
#: letters, and typographic punctuation (dashes, quotes, ellipsis, bullet).
_X_PLAIN_CANDIDATES = (0x09, 0x0A, *range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2028))


@cache
def _x_plain_weights() -> dict[str, int]:
    """X weight (in twitter-text's scale units) of each candidate character that
    twitter-text's own emoji pattern does not find on its own. Every emoji of more than
    one character also needs one from outside the candidates (U+FE0F, U+20E3, U+200D, a
    regional indicator, a skin tone, a tag), so a text made only of these has none."""
    twitter = _twitter()
    options = twitter.config["defaults"]
    return {
        char: twitter.get_character_weight(char, options)
        for char in map(chr, _X_PLAIN_CANDIDATES)
        if not twitter.extract_emojis_with_indices(char)
    }


def _x_weighted(text: str, url_length: int) -> int:
    """X's weighted length of ``text``, exactly as twitter-text's ``parse_tweet`` counts it.

    ``parse_tweet`` looks for emoji with a pattern of thousands of alternatives, a few
    milliseconds a call, and fitting an X text counts dozens of candidates. A text made
    only of characters that cannot be emoji (:func:`_x_plain_weights`), already NFC and
    without carriage returns is counted here from the same weights and the same URLs;
    any other text goes to ``parse_tweet``."""
    weights = _x_plain_weights()
    if (
        "\r" in text
        or not weights.keys() >= set(text)
        or not unicodedata.is_normalized("NFC", text)
    ):
        return _twitter().parse_tweet(text, _x_options(url_length)).weightedLength
    scale = _twitter().config["defaults"]["scale"]
    total, position = 0, 0
    for start, end in _urls(text, without_protocol=True):
        total += sum(weights[char] for char in text[position:start]) + url_length * scale
        position = end
    total += sum(weights[char] for char in text[position:])
    return int(total / scale)


def _urls(text: str, *, without_protocol: bool) -> list[tuple[int, int]]:
    """Code-point spans of the URLs in ``text``, as twitter-text finds them.

    Found block by block (:data:`SEPARATOR`): no URL holds white space, and the line
    break before a block is to twitter-text what the start of the text is. Fitting a
    text tries dozens of versions of its hook followed by the same link, hashtags
    and safety line: those blocks are searched once (:func:`_block_urls`)."""
    return [
        (offset + start, offset + end)
        for offset, block in blocks(text)
        for start, end in _block_urls(block, without_protocol, offset > 0)
    ]


#: Every URL twitter-text finds has a dot followed by the first letter of its
#: top-level domain ("example.com", "foo.рф"); sentences end with a dot and a space.
_MAY_HOLD_URL = re.compile(r"\.[^\W\d_]")


@lru_cache(maxsize=1024)
def _block_urls(
    block: str, without_protocol: bool, after_separator: bool
) -> tuple[tuple[int, int], ...]:
    if not _MAY_HOLD_URL.search(block):
        return ()  # twitter-text's own URL pattern costs about a millisecond a text
    # Searched with what stands before it in the whole text (the separator, or the
    # start): that decides whether twitter-text takes a letter before a domain ("é").
    before = SEPARATOR if after_separator else ""
    found = _twitter().extract_urls_with_indices(
        before + block, extract_urls_without_protocol=without_protocol
    )
    shift = len(before)
    return tuple((u["indices"][0] - shift, u["indices"][1] - shift) for u in found)


def _graphemes(text: str) -> list[str]:
    return _GRAPHEME.findall(text)


def _grapheme_count(text: str) -> int:
    return len(_graphemes(text))


def count(text: str, rule: TextRule) -> int:
    """The length of ``text`` as the platform counts it."""
    if rule.counter == "x_weighted":
        return _x_weighted(text, rule.url_length or 23)
    units: dict[str, Callable[[str], int]] = {"graphemes": _grapheme_count, "chars": len}
    unit = units.get(rule.counter)
    if unit is None:
        raise ValueError(f"unknown text counter {rule.counter!r}")
    if rule.url_length is None:
        return unit(text)
    total, position = 0, 0
    for start, end in _urls(text, without_protocol=False):
        total += unit(text[position:start]) + rule.url_length
        position = end
    return total + unit(text[position:])


def _utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def fits(text: str, rule: TextRule) -> bool:
    """Whether the platform accepts ``text``: length, bytes, characters and links."""
    if count(text, rule) > rule.limit:
        return False
    if rule.max_bytes is not None and _utf8_bytes(text) > rule.max_bytes:
        return False
    if rule.counter == "x_weighted" and _twitter().has_invalid_characters(text):
        return False
    return rule.max_links is None or len(_urls(text, without_protocol=True)) <= rule.max_links


# --- the parts ----------------------------------------------------------------------------------


def utm_link(url: str, platform_key: str, campaign: str) -> str:
    """``url`` with ``utm_source=<platform>&utm_medium=social&utm_campaign=<campaign>``.

    Other query parameters are kept exactly as they were; existing utm_source,
    utm_medium and utm_campaign are replaced, not repeated. The fragment stays last.
    """
    ours = (
        f"utm_source={quote_plus(platform_key)}&utm_medium={quote_plus(UTM_MEDIUM)}"
        f"&utm_campaign={quote_plus(campaign)}"
    )
    if "?" not in url and "#" not in url:  # a post's address: nothing to keep or move
        return f"{url}?{ours}"
    parts = urlsplit(url)
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and unquote_plus(pair.partition("=")[0]) not in _UTM_KEYS
    ]
    return urlunsplit(parts._replace(query="&".join([*kept, ours])))


def _unsafe_ampersand(match: regex.Match[str]) -> str:
    name = match.group(1)
    return "＆" if name is None or name in _ENTITY_NAMES else "&"


def feed_safe(text: str) -> str:
    """``text`` as it reads the same as plain text and as HTML.

    Feed clients read an item's description either way (feedparser as plain text, a
    client that converts HTML to text as HTML), so a generated text never holds what
    HTML would read as markup: character references staff typed ("&amp;") are
    decoded; "<" before a letter becomes U+2039 (and its ">" U+203A); an "&" that would
    still start a reference becomes U+FF06 (fullwidth). Ordinary "&" and "<" ("Smith & Sons",
    "a fever < 100") stay as they are.
    """
    for _ in range(5):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    text = _TAG_OPEN.sub("‹", _TAG_LIKE.sub(r"‹\1›", text))
    return _REFERENCE.sub(_unsafe_ampersand, text)


@lru_cache(maxsize=4096)  # a post's title and summary are cleaned for every platform
def _clean(text: str) -> str:
    """One line of NFC text whose clusters cannot fuse with a space around it."""
    for _ in range(10):  # reaches a fixed point in one or two rounds
        new = unicodedata.normalize("NFC", _TO_SPACE.sub(" ", text))
        # A mark or joiner after a space, or a prepended character before one, forms one
        # cluster with the space (the padding checks the ends): keep only the space.
        new = "".join(" " if " " in g else g for g in _graphemes(f" {new} "))
        new = feed_safe(_TO_SPACE.sub(" ", new).strip())
        if new == text:
            break
        text = new
    return text


def hashtags(tags: Sequence[str], max_count: int | None = None) -> tuple[str, ...]:
    """``#CamelCase`` hashtags from tags, deduplicated case-insensitively, in order.

    Only letters, marks and digits are kept ("covid-19" -> "#Covid19", "café" ->
    "#Café"); each word's first letter is upper-cased, the rest kept as written
    ("COVID-19" -> "#COVID19"). A tag with no letter ("2026", "--") is dropped.
    """
    result: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        if max_count is not None and len(result) >= max_count:
            break
        words = _HASHTAG_WORD.findall(unicodedata.normalize("NFC", tag))
        body = _clean("".join(word[0].upper() + word[1:] for word in words))
        if not _LETTER.search(body) or body.casefold() in seen:
            continue
        seen.add(body.casefold())
        result.append(f"#{body}")
    return tuple(result)


def _sentence(text: str, end: str = ".") -> str:
    """``text`` ending in sentence punctuation (``end`` added when it has none)."""
    return text if not text or _ENDS_SENTENCE.search(text) else text + end


def sentences(text: str) -> list[str]:
    """The whole sentences of ``text``, in order. A last piece cut short ("…", as a
    summary derived from a long paragraph may be) is not a sentence and is left out;
    a text without end punctuation is one sentence."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[start : match.start()]
        word = before.rsplit(" ", 1)[-1].rstrip(".").casefold()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # "Dr. Lee", "C. diff": not the end of a sentence
        pieces.append(before)
        start = match.end()
    pieces.append(text[start:])
    pieces = [piece.strip() for piece in pieces if piece.strip()]
    if pieces and pieces[-1].endswith(ELLIPSIS):
        pieces.pop()
    return pieces


# --- what each post type says, as data ---------------------------------------------------------

#: How a part of a hook gives way when the text is too long, in a type's order:
#: "fewer": its sentences are dropped from the end, one by one, down to the first;
#: "shorter": it takes its part's shorter form (:data:`SHORTER`);
#: "short": the post's ``Short:`` line takes the place of the step's parts (when it has one);
#: "drop": it is left out.
GiveWay = Literal["fewer", "shorter", "short", "drop"]


@dataclass(frozen=True, kw_only=True)
class Part:
    """One piece of a hook: what it says (a key of :data:`SOURCES`) and how it is written."""

    name: str
    #: How it is written; ``{text}`` is the part, other names come from :data:`CONTEXT`.
    form: str = "{text}"
    #: Punctuation the text gets when it has none ("?" for a question).
    end: str = "."
    #: The post type's text is incomplete without it (see :attr:`PlatformText.left_out`).
    essential: bool = True
    #: It only names what the rest says ("Misconception of the Week #3"): never alone.
    label: bool = False


@dataclass(frozen=True, kw_only=True)
class Step:
    """One way a hook gives way: ``how`` applied to ``parts`` (see :data:`GiveWay`)."""

    parts: tuple[str, ...]
    how: GiveWay


@dataclass(frozen=True, kw_only=True)
class Voice:
    """What a post type's texts say: their parts in order, and what gives way first."""

    parts: tuple[Part, ...]
    give_way: tuple[Step, ...]


#: What each part says, read from the post.
SOURCES: Mapping[str, Callable[[Post], str]] = {
    "summary": lambda post: post.summary,
    "answer": lambda post: post.summary,
    "question": lambda post: getattr(post.details, "question", ""),
    "series": lambda post: post.heading_label,
    "myth": lambda post: getattr(post.details, "myth", ""),
    "fact": lambda post: getattr(post.details, "fact", ""),
    "product": lambda post: getattr(post.details, "product", ""),
    "hazard": lambda post: getattr(post.details, "reason", ""),
    "action": lambda post: getattr(post.details, "action", None) or RECALL_DEFAULT_ACTION,
    "lots": lambda post: ", ".join(getattr(post.details, "lots", ())),
}
#: Names a part's form may use besides ``{text}``.
CONTEXT: Mapping[str, Callable[[Post], str]] = {
    "agency": lambda post: getattr(post.details, "agency", ""),
    "label": lambda post: post.spec.label,
}
#: A part's shorter form: a product's name before its first comma (its size and flavour
#: go), a question's last sentence (the question itself, without what leads up to it).
SHORTER: Mapping[str, Callable[[str], str]] = {
    "product": lambda text: text.split(",", 1)[0].strip(),
    "question": lambda text: (sentences(text) or [text])[-1],
}
#: What a recall's texts say to do when the post has no ``Recall_Action``.
RECALL_DEFAULT_ACTION = "Check whether you have it, and see the recall notice for what to do."

VOICES: Mapping[PostType, Voice] = {
    PostType.HOWTO: Voice(
        parts=(Part(name="summary"),),
        give_way=(Step(parts=("summary",), how="fewer"), Step(parts=("summary",), how="short")),
    ),
    # The practice answers; the question is quoted as the patient's, never said in
    # the practice's voice ("I take pills for…" from the practice's account).
    PostType.QA: Voice(
        parts=(
            Part(name="answer"),
            Part(name="question", form="A patient asked: “{text}”", end="?"),
        ),
        give_way=(
            Step(parts=("answer",), how="short"),
            Step(parts=("question",), how="shorter"),
            Step(parts=("answer",), how="fewer"),
            Step(parts=("question",), how="drop"),
        ),
    ),
    PostType.MISCONCEPTION: Voice(
        parts=(
            Part(name="series", label=True),
            Part(name="myth", form="Myth: {text}"),
            Part(name="fact", form="Fact: {text}"),
        ),
        give_way=(
            Step(parts=("fact",), how="fewer"),
            Step(parts=("myth",), how="fewer"),
            Step(parts=("fact",), how="short"),
        ),
    ),
    # An urgent notice says it is one (its type's label), then what it is about.
    PostType.ALERT: Voice(
        parts=(Part(name="summary", form="{label}: {text}"),),
        give_way=(Step(parts=("summary",), how="fewer"), Step(parts=("summary",), how="short")),
    ),
    PostType.RECALL: Voice(
        parts=(
            Part(name="product", form="{agency} recall: {text}"),
            Part(name="hazard"),
            Part(name="action"),
            Part(name="lots", form="Lots: {text}", essential=False),
        ),
        give_way=(
            Step(parts=("action",), how="fewer"),
            Step(parts=("lots",), how="drop"),
            Step(parts=("hazard",), how="fewer"),
            Step(parts=("product",), how="shorter"),
            Step(parts=("hazard", "action"), how="short"),
        ),
    ),
}

#: A hook in the making: each part's text ("" = left out).
_State = tuple[tuple[str, str], ...]


def _initial(post: Post, voice: Voice) -> dict[str, str]:
    return {
        part.name: " ".join(sentences(_clean(SOURCES[part.name](post)))) for part in voice.parts
    }


def _gives_way(step: Step, state: dict[str, str], post: Post) -> Iterator[dict[str, str]]:
    """The states ``step`` leads to from ``state``, one at a time."""
    first, *rest = step.parts
    if step.how == "fewer":
        kept = sentences(state[first])
        while len(kept) > 1:
            kept.pop()
            yield {**state, first: " ".join(kept)}
    elif step.how == "shorter":
        shorter = SHORTER[first](state[first]) if state[first] else ""
        if shorter and shorter != state[first]:
            yield {**state, first: shorter}
    elif step.how == "short":
        short = _clean(post.short or "")
        if short:
            yield {**state, first: short, **dict.fromkeys(rest, "")}
    else:
        yield {**state, **dict.fromkeys(step.parts, "")}


def hook_states(post: Post) -> list[dict[str, str]]:
    """Every hook the post's type allows, fullest first: each gives way one step more."""
    voice = VOICES[post.type]
    states = [_initial(post, voice)]
    for step in voice.give_way:  # each step builds on the last state
        states.extend(_gives_way(step, states[-1], post))
    return states


def render_hook(post: Post, state: Mapping[str, str]) -> str:
    """The hook's text: its parts written in their forms, each a whole sentence."""
    context = {name: _clean(read(post)) for name, read in CONTEXT.items()}
    written = []
    said = False
    for part in VOICES[post.type].parts:
        text = state.get(part.name, "")
        if text:
            written.append(_sentence(part.form.format(text=_sentence(text, part.end), **context)))
            said = said or not part.label
    return " ".join(written) if said else ""


def hook(post: Post) -> str:
    """The fullest opening of every platform text, by post type (see :data:`VOICES`)."""
    return render_hook(post, hook_states(post)[0])


def left_out(post: Post, state: Mapping[str, str]) -> tuple[str, ...]:
    """The essential parts a hook lacks (a part the post leaves empty is not lacking)."""
    voice = VOICES[post.type]
    full = _initial(post, voice)
    short = _clean(post.short or "")
    covered = {  # parts the post's Short: line stands for
        name
        for step in voice.give_way
        if step.how == "short" and short and state.get(step.parts[0]) == short
        for name in step.parts
    }
    return tuple(
        part.name
        for part in voice.parts
        if part.essential
        and full[part.name]
        and not state.get(part.name)
        and part.name not in covered
    )


# --- fitting ------------------------------------------------------------------------------------


def _last_ok(candidates: Sequence[int], ok: Callable[[int], bool]) -> int | None:
    """The last candidate that is ok, by binary search (lengths grow with candidates).

    Counting is not strictly monotonic (X counts a text that became a URL as 23),
    so the answer may be a little short of the best, but it is always a checked one.
    """
    low, high = -1, len(candidates)
    while high - low > 1:
        middle = (low + high) // 2
        if ok(candidates[middle]):
            low = middle
        else:
            high = middle
    return candidates[low] if low >= 0 else None


def _uncuttable_offsets(text: str) -> set[int]:
    """Code-point offsets strictly inside a URL, hashtag, mention or number."""
    spans = _urls(text, without_protocol=True)
    spans += [match.span() for match in _UNCUTTABLE.finditer(text)]
    return {offset for start, end in spans for offset in range(start + 1, end)}


def _cut(graphemes: Sequence[str], keep: int) -> str:
    kept = list(graphemes[:keep])
    while kept and kept[-1] in _TRIM:
        kept.pop()
    return "".join(kept) + ELLIPSIS if kept else ""


def shorten(text: str, ok: Callable[[str], bool], *, limit: int | None = None) -> str | None:
    """The longest acceptable shortening of ``text`` ("" = none of it; None = not even that).

    See the module docstring for where a cut may go. ``limit`` (the platform's
    limit) only speeds the search up: every grapheme outside a URL counts at
    least 1 on every platform, so longer prefixes are not tried.
    """
    if ok(text):
        return text
    graphemes = _graphemes(text)
    starts = list(accumulate((len(g) for g in graphemes), initial=0))
    inside = _uncuttable_offsets(text)
    most = len(graphemes) - 1
    if limit is not None:
        spans = _urls(text, without_protocol=True)
        in_urls = {offset for start, end in spans for offset in range(start, end)}
        counted = 0
        for k, offset in enumerate(starts[:-1]):
            counted += offset not in in_urls
            if counted > limit:
                most = min(most, k)
                break

    def attempt(keep: int) -> bool:
        return ok(_cut(graphemes, keep))

    at_space = _last_ok([k for k in range(1, most + 1) if graphemes[k] == " "], attempt)
    # A cut between graphemes is only worth it when it keeps twice as much as one at a space.
    fewest = 2 * at_space + 1 if at_space is not None else 1
    between = _last_ok([k for k in range(fewest, most + 1) if starts[k] not in inside], attempt)
    if between is not None:
        return _cut(graphemes, between)
    if at_space is not None:
        return _cut(graphemes, at_space)
    return "" if ok("") else None


@dataclass(frozen=True, kw_only=True)
class PlatformText:
    """A post's text for one platform, already fitted to it."""

    platform: str
    text: str
    #: ``text``'s length as the platform counts it.
    length: int
    #: Pinterest only: the pin title, fitted to the title limit.
    title: str | None = None
    #: Essential parts of the post's type the text has no room for ("action", "question"):
    #: the post needs a ``Short:`` line for this platform.
    left_out: tuple[str, ...] = ()


def _join(*blocks: str | None) -> str:
    return SEPARATOR.join(block for block in blocks if block)


def _regrow(
    post: Post,
    states: Sequence[Mapping[str, str]],
    found: dict[str, str],
    ok: Callable[[str], bool],
) -> dict[str, str]:
    """``found`` with each part given back as much as still fits, the part that gave
    way last first (a recall whose product name got shorter may still have room for
    its lots)."""
    voice = VOICES[post.type]
    short = _clean(post.short or "")
    replaced = {  # a Short: line stands for its parts together: none of them grows back
        name
        for step in voice.give_way
        if step.how == "short" and short and found.get(step.parts[0]) == short
        for name in step.parts
    }
    order = [name for step in reversed(voice.give_way) for name in step.parts]
    for name in dict.fromkeys(n for n in order if n not in replaced):
        for value in dict.fromkeys(state[name] for state in states):
            if value == found[name]:
                break
            if ok(render_hook(post, {**found, name: value})):
                found = {**found, name: value}
                break
    return found


def _fit(
    post: Post,
    *,
    rule: TextRule,
    link: str | None = None,
    tags: Sequence[str] = (),
    note: str | None = None,
    tail: str | None = None,
) -> tuple[str, tuple[str, ...]]:
    """Compose the blocks, leaving out low-priority ones until the rule is met; the text
    and the essential parts of the hook it had to leave out.

    The safety line (``note``) goes first, unless the platform's rule says it must be
    kept (``keep_safety_line``: platforms long enough to hold it); then hashtags go;
    then the hook gives way in its type's order (:data:`VOICES`), a whole sentence or
    part at a time, never cut inside a sentence.
    """

    def text(head: str, tag_count: int, note: str | None) -> str:
        return _join(head, link, " ".join(tags[:tag_count]), note, tail)

    states = hook_states(post)
    head = render_hook(post, states[0])
    every = text(head, len(tags), note)
    if fits(every, rule):
        return every, ()
    notes = (note, None) if note and rule.keep_safety_line else (None,)
    for kept in notes:
        if fits(text(head, 0, kept), rule):
            tag_count = _last_ok(
                range(len(tags) + 1), lambda k, n=kept: fits(text(head, k, n), rule)
            )
            return text(head, tag_count or 0, kept), ()

        def ok(hook_text: str, n: str | None = kept) -> bool:
            return fits(text(hook_text, 0, n), rule)

        found = next((dict(s) for s in states if ok(render_hook(post, s))), None)
        if found is not None:
            found = _regrow(post, states, found, ok)
            return text(render_hook(post, found), 0, kept), left_out(post, found)
    # Not even the shortest hook fits: the link (and the safety line where it fits)
    # goes out without it; a description without a link is then empty.
    for kept in notes:
        bare = text("", 0, kept)
        if fits(bare, rule):
            return bare, left_out(post, {})
    raise ValueError(f"{link or tail!r} alone is over the limit of {rule}")


def _has_link(text: str, post: Post, link: str) -> bool:
    return link in text or post.url in text


def platform_text(
    post: Post,
    platform: Platform,
    *,
    disclaimer: str | None = None,
    override: str | None = None,
) -> PlatformText:
    """The post's text (and Pinterest title) for ``platform``, fitted to its rule."""
    rule = platform.text
    link = utm_link(post.url, platform.key, post.slug)
    described = platform.text.description_only
    missing: tuple[str, ...] = ()
    if override is not None:
        text = override.strip()
        problem = check_override(
            text, platform, source=post.source, field=f"Summary_{platform.key}"
        )
        if problem is not None and problem.severity == "error":
            raise ValueError(f"check overrides with check_override() first: {problem.format()}")
        if rule.links and not (described or rule.link_button) and not _has_link(text, post, link):
            with_link = _join(text, link)
            text = with_link if fits(with_link, rule) else text
    elif described:
        text, missing = _fit(post, rule=rule)
    else:
        text, missing = _fit(
            post,
            rule=rule,
            link=link if rule.links and not rule.link_button else None,
            tags=hashtags(post.tags, rule.max_hashtags),
            note=_clean(disclaimer) if disclaimer else None,
            tail=None if rule.links else LINK_IN_BIO,
        )
    title = None
    if rule.title_limit is not None:
        title_rule = replace(rule, limit=rule.title_limit, max_links=None)
        title = shorten(_clean(post.title), lambda t: fits(t, title_rule), limit=rule.title_limit)
        title = title or ""
    return PlatformText(
        platform=platform.key, text=text, length=count(text, rule), title=title, left_out=missing
    )


# --- overrides ----------------------------------------------------------------------------------


def _how_counted(platform: Platform) -> str:
    rule = platform.text
    if rule.counter == "x_weighted":
        return (
            f"weighted characters as {platform.name} counts them "
            f"(URLs count {rule.url_length or 23}; emoji and CJK characters count 2)"
        )
    notes = [f"URLs count {rule.url_length}"] if rule.url_length is not None else []
    if rule.counter == "graphemes":
        notes.append("each emoji or accented letter counts 1")
        return f"characters as {platform.name} counts them ({'; '.join(notes)})"
    return f"characters ({notes[0]})" if notes else "characters"


def check_override(
    text: str,
    platform: Platform,
    *,
    source: str,
    field: str,
    line: int | None = None,
    post: Post | None = None,
) -> Problem | None:
    """Whether a staff-written ``Summary_<platform>:`` text can be posted as written.

    Errors: empty, too long (with the count, the limit and how the platform
    counts), too many UTF-8 bytes, a character X rejects, too many links.
    With ``post``, a warning when a link platform's override lacks the post's
    link and has no room left for it to be appended (it would go out without one).
    """
    rule = platform.text

    def problem(message: str, *, warning: bool = False) -> Problem:
        return Problem(
            file=source,
            field=field,
            message=message,
            severity="warning" if warning else "error",
            line=line,
        )

    body = text.strip()
    if not body:
        return problem(f"is empty; write the {platform.name} text or remove the line")
    length = count(body, rule)
    if length > rule.limit:
        return problem(
            f"too long for {platform.name}: {length} {_how_counted(platform)}; "
            f"limit {rule.limit}. Shorten it by at least {length - rule.limit}."
        )
    size = _utf8_bytes(body)
    if rule.max_bytes is not None and size > rule.max_bytes:
        return problem(
            f"too long for {platform.name}: {size} bytes in UTF-8; limit {rule.max_bytes} bytes "
            "(emoji and accented or non-Latin letters take 2 to 4 bytes each, some emoji "
            "more). Shorten it."
        )
    if rule.counter == "x_weighted" and _twitter().has_invalid_characters(body):
        return problem(
            f"contains an invisible character {platform.name} rejects "
            "(U+FEFF, U+FFFE or U+FFFF); retype the text or delete that character"
        )
    if feed_safe(body) != body:
        return problem(
            "contains '<' before a letter or '&' written as HTML code (such as '&amp;'), "
            "which the tools that post from our feeds read differently; write '&' as '&' "
            "or 'and', and leave out '<'"
        )
    links = len(_urls(body, without_protocol=True))
    if rule.max_links is not None and links > rule.max_links:
        return problem(
            f"has {links} links (web addresses, with or without https://); "
            f"{platform.name} allows at most {rule.max_links}. Remove some."
        )
    if post is not None and rule.links and not (rule.description_only or rule.link_button):
        link = utm_link(post.url, platform.key, post.slug)
        with_link = _join(body, link)
        if not _has_link(body, post, link) and not fits(with_link, rule):
            over = count(with_link, rule) - rule.limit
            return problem(
                f"has no link to the post and no room to add one, so it would be posted "
                f"without a link. Shorten it by at least {over} {_how_counted(platform)} "
                f"or include {post.url} yourself.",
                warning=True,
            )
    return None
