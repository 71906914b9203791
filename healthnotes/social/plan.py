"""Syndication planned: for every published post and enabled platform, a card to
draw and a text that fits; then what the files that carry them say.

1. :func:`plan_cards` makes one :class:`CardJob` per post and image platform, keyed
   by a hash of everything that shapes the image (title, badge, hero and logo
   bytes, colours, practice name, platform size, and the renderer's version: layout,
   font, Pillow, libjpeg and FreeType). A post's inputs are hashed once for all its
   platforms, and jobs do not carry the picture bytes (the worker that draws reads
   them back and checks them against the hash).
2. :class:`TextCache` keeps fitted texts between builds (``texts.json`` in the card
   cache folder), keyed by a hash of the post (its overrides included) and its
   safety line, by platform, under a version that covers the code that fits them;
   :func:`fit_post` fits what it lacks (in a worker: see :mod:`healthnotes.pipeline`).
3. :func:`assemble` joins texts and cards into :class:`PostSyndication` objects that
   the templates, feeds and exports read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from types import ModuleType

from healthnotes.cache.files import (
    FileDigests,
    Folders,
    ImageCache,
    atomic_write,
    digest,
)
from healthnotes.config import SiteConfig
from healthnotes.content.html_text import shorten
from healthnotes.content.model import Post, Recall
from healthnotes.content.safety import SAFETY
from healthnotes.errors import Problem, SettingsError
from healthnotes.site.jsonld import absolute
from healthnotes.social.cards.card import CardInput, card_input, renderer_version
from healthnotes.social.cards.draw import (
    CardJob,
    card_digest,
    picture_digest,
)
from healthnotes.social.export import (
    CardImage,
    MediaEntry,
    MediaItem,
    PlatformEntry,
    PostExport,
)
from healthnotes.social.platforms import (
    PLATFORMS,
    ImageSpec,
    Platform,
    image_alt_limit,
    image_platform,
)
from healthnotes.social.texts import PlatformText, check_override, platform_text, utm_link

CARD_DIR = "syndication"

COUNTED_AS = {
    "x_weighted": "weighted characters as X counts them (URLs count 23)",
    "graphemes": "characters as Bluesky counts them (grapheme clusters)",
    "chars": "characters",
}


@dataclass(frozen=True, kw_only=True)
class RenderFailure:
    job: CardJob
    part: str  # "hero", "logo" or "card" (see CardError)
    message: str


@dataclass(frozen=True, kw_only=True)
class RenderStats:
    planned: int
    rendered: int
    reused: int
    failures: tuple[RenderFailure, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PostSyndication:
    """One post's cards and texts, by platform key."""

    post: Post
    cards: Mapping[str, CardImage]  # image platforms only
    texts: Mapping[str, PlatformText]  # every enabled platform

    def card_for(self, platform_key: str) -> CardImage:
        """The card a platform posts with (a text platform borrows another's)."""
        return self.cards[image_platform(PLATFORMS[platform_key]).key]

    @property
    def og(self) -> CardImage:
        return self.cards["og"]

    @property
    def x(self) -> CardImage:
        return self.cards.get("x") or self.cards["og"]


@lru_cache(maxsize=64)
def _repr(value: Platform | ImageSpec) -> str:
    """repr of a frozen platform or size (the same objects every time: made once)."""
    return repr(value)


def job_key(card: CardInput | str, platform: str, spec: ImageSpec) -> str:
    """The cache key of ``card`` (or of a :func:`card_digest`) drawn for ``platform``."""
    inputs = card if isinstance(card, str) else card_digest(card)
    return digest(renderer_version(), platform, _repr(spec), inputs)


def image_platforms(config: SiteConfig) -> list[Platform]:
    return [PLATFORMS[k] for k in config.platforms if PLATFORMS[k].image is not None]


#: Hex digits of a card's key in its file name: a card that changes gets a new
#: address, so platforms that keep previews by address show the new one.
ADDRESS_DIGITS = 8


def card_path(slug: str, platform: str, key: str) -> str:
    """Where a card is published: ``syndication/<slug>/<platform>-<key8>.jpg``."""
    return f"{CARD_DIR}/{slug}/{platform}-{key[:ADDRESS_DIGITS]}.jpg"


def post_folder(output: str | Path, slug: str) -> str:
    """The folder of a post's cards and media in ``output``: they alone are in it, all
    linked from the caches (taken whole from the site before when unchanged:
    :meth:`~healthnotes.cache.files.Folders.link`)."""
    return f"{output}/{CARD_DIR}/{slug}"


def plan_cards(
    posts: Iterable[Post], config: SiteConfig, files: FileDigests | None = None
) -> list[CardJob]:
    """One job per published post and image platform. Pictures count by their digest
    (``files`` remembers those of unchanged files: nothing is read for them)."""
    files = files or FileDigests(None)
    jobs: list[CardJob] = []
    platforms = image_platforms(config)
    root = config.content_root
    logo_file = str(root / config.brand.logo) if config.brand.logo else None
    logo = files.sha256(logo_file) if logo_file else picture_digest(None)
    for post in posts:
        if not post.is_published:
            continue
        card = card_input(post, config, pictures=False)
        hero_file = str(root / post.image) if post.image else None
        hero = files.sha256(hero_file) if hero_file else picture_digest(None)
        inputs = card_digest(card, hero=hero, logo=logo)  # once per post, not per platform
        for platform in platforms:
            assert platform.image is not None
            jobs.append(
                CardJob(
                    key=job_key(inputs, platform.key, platform.image),
                    slug=post.slug,
                    source=post.source,
                    image=post.image,
                    platform=platform.key,
                    card=card,
                    spec=platform.image,
                    hero_file=hero_file,
                    logo_file=logo_file,
                    card_digest=inputs,
                )
            )
    return jobs


def failure_problems(failures: Iterable[RenderFailure], config: SiteConfig) -> list[Problem]:
    """Turn render failures into lines a person can act on (one per post and cause).

    A logo that cannot be read is a settings mistake: raises SettingsError.
    """
    problems: dict[tuple[str, str], Problem] = {}
    for failure in failures:
        job = failure.job
        if failure.part == "logo":
            raise SettingsError(
                "BRAND['logo']",
                f"content/{config.brand.logo} cannot be used for the cards ({failure.message}); "
                "export the logo again as PNG",
            )
        if failure.part == "hero":
            problem = Problem(
                file=job.source,
                field="Image",
                message=f"content/{job.image} could not be read to make the social cards "
                f"({failure.message}); export the picture again from your photo editor",
            )
        else:
            problem = Problem(
                file=job.source, field="", message=f"the {job.platform} card: {failure.message}"
            )
        problems.setdefault((job.source, problem.message), problem)
    return list(problems.values())


def check_overrides(posts: Iterable[Post], config: SiteConfig) -> list[Problem]:
    """Every ``Summary_<platform>`` override must fit that platform's rule."""
    problems: list[Problem] = []
    for post in posts:
        for key, text in post.overrides:
            if key not in PLATFORMS:
                continue  # reported as an unknown field by content parsing
            problem = check_override(
                text, PLATFORMS[key], source=post.source, field=f"Summary_{key}"
            )
            if problem is not None:
                problems.append(problem)
    return problems


#: How a part a text left out is named to staff.
PART_NAMES = {
    "summary": "the summary",
    "answer": "the answer",
    "question": "the patient's question",
    "series": "the series name and number",
    "myth": "the myth",
    "fact": "the fact",
    "product": "the product",
    "hazard": "the hazard",
    "action": "what to do",
}


def left_out_problems(
    posts: Sequence[Post], texts: Mapping[str, Mapping[str, PlatformText]]
) -> list[Problem]:
    """A warning for each post whose text on a platform has no room for what its type
    must say (a recall's hazard, a Q&A's question...): write a ``Short:`` line."""
    problems = []
    for post in posts:
        for key, text in texts[post.slug].items():
            if text.left_out:
                what = ", ".join(PART_NAMES.get(name, name) for name in text.left_out)
                fix = (
                    "shorten the 'Short:' line to one short sentence"  # it is there already
                    if post.short
                    else "add a line 'Short: …' with the point in one or two short sentences"
                )
                problems.append(
                    Problem(
                        file=post.source,
                        field="Short",
                        message=f"the {PLATFORMS[key].name} text has no room for {what}; "
                        f"{fix} (or shorten the fields)",
                        severity="warning",
                    )
                )
    return problems


def safety_line(post: Post) -> str:
    """The safety text a post's social texts carry when the platform has room."""
    parts = [SAFETY.social_disclaimer]
    if post.mental_health:
        parts.append(SAFETY.social_crisis)
    if isinstance(post.details, Recall):
        parts.append(SAFETY.social_poison_help)
    return " ".join(parts)


def _first_word(text: str) -> str:
    words = text.split()
    return words[0].strip(".,:;!?\"'“”").casefold() if words else ""


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def card_alt(card: CardInput, image_alt: str | None, limit: int) -> str:
    """Alt text of a card: what it shows, in order, each thing once (the badge is left
    out when the title starts with its word: no "Recall alert: Recall: ..."), then
    what the picture behind it shows; at most ``limit`` characters."""
    parts = []
    if _first_word(card.badge) != _first_word(card.title):
        parts.append(f"{card.badge}:")
    parts.append(_sentence(card.title))
    parts += [f"{line.label}: {_sentence(line.text)}" for line in card.lines]
    if image_alt:
        parts.append(f"Picture: {_sentence(image_alt)}")
    return shorten(" ".join(parts), limit)


#: Fitted platform texts, kept beside the card cache's manifest.
TEXTS_FILE = "texts.json"
TEXTS_VERSION = 3  # 2: one entry a post, its texts by platform; 3: what each left out


def _code_closure(*names: str) -> list[str]:
    """``names`` and every ``healthnotes`` module they use, directly or not (by their
    imported modules, classes and functions)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen or name not in sys.modules:
            continue
        seen.add(name)
        for value in vars(sys.modules[name]).values():
            used = (
                value.__name__
                if isinstance(value, ModuleType)
                else getattr(value, "__module__", None)
            )
            if isinstance(used, str) and used.partition(".")[0] == "healthnotes":
                todo.append(used)
    return sorted(seen)


@lru_cache(maxsize=1)
def texts_version() -> str:
    """Everything besides a text's inputs that can change it: the code of
    :func:`platform_text` and of every ``healthnotes`` module it uses, of this module,
    and the versions of Python and of the counting libraries."""
    parts: list[bytes | str] = [
        f"texts-{TEXTS_VERSION}",
        sys.version,
        f"twitter-text-parser-{metadata.version('twitter-text-parser')}",
        f"regex-{metadata.version('regex')}",
    ]
    # platform_text and what it uses; this module (safety_line) and the safety lines.
    for name in sorted(
        {*_code_closure("healthnotes.social.texts"), __name__, "healthnotes.content.safety"}
    ):
        source = getattr(sys.modules[name], "__file__", None)
        parts += [name, Path(source).read_bytes() if source else b""]
    return digest(*parts)


class TextCache:
    """Fitted texts from the last build, by a hash of everything :func:`platform_text`
    reads: one entry a post (its repr, overrides included, and its safety line), with
    its text for each platform; the platforms' rules and the code are in the file's
    version. Saving keeps only the texts this build used; a missing, damaged or
    outdated file just means the texts are fitted again."""

    def __init__(self, root: Path | None) -> None:
        self.path = root / TEXTS_FILE if root is not None else None
        self.version = texts_version()
        self.old: dict[str, dict[str, list]] = self._load()
        self.new: dict[str, dict[str, list]] = {}
        self.found: list[dict[str, PlatformText]] = []
        self.keys: list[str] = []
        self._todo_index: list[int] = []
        self._changed = True  # until lookup() has compared what it kept with the file

    def _load(self) -> dict[str, dict[str, list]]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != self.version:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    @staticmethod
    def _stored(entry: object, platform: str) -> PlatformText | None:
        stored = entry.get(platform) if isinstance(entry, dict) else None
        if (
            isinstance(stored, list)
            and len(stored) == 4
            and isinstance(stored[0], str)
            and isinstance(stored[1], int)
            and (stored[2] is None or isinstance(stored[2], str))
            and isinstance(stored[3], list)
            and all(isinstance(name, str) for name in stored[3])
        ):
            return PlatformText(
                platform=platform,
                text=stored[0],
                length=stored[1],
                title=stored[2],
                left_out=tuple(stored[3]),
            )
        return None

    def lookup(self, posts: Sequence[Post], platforms: Sequence[str]) -> list[FitTask]:
        """What is kept of each post's texts (:attr:`found`, by post) and the texts still
        to fit: one :data:`FitTask` a post that lacks any. Called once a cache: what
        the file held is let go once compared."""
        self.found = []
        self.keys = []
        todo: list[FitTask] = []
        for post in posts:
            disclaimer = safety_line(post)
            key = digest(post.without_place(), disclaimer)
            self.keys.append(key)
            entry = self.old.get(key)
            kept = self.new.setdefault(key, {})
            texts: dict[str, PlatformText] = {}
            missing = []
            overrides = dict(post.overrides)
            for platform in platforms:
                text = self._stored(entry, platform)
                if text is None:
                    missing.append((platform, overrides.get(platform)))
                else:
                    texts[platform] = text
                    kept[platform] = entry[platform]  # type: ignore[index]  # _stored checked it
            self.found.append(texts)
            if missing:
                todo.append((post, disclaimer, missing))
                self._todo_index.append(len(self.found) - 1)
        self._changed = bool(todo) or self.new != self.old
        self.old = {}  # what the file held is no longer needed once compared
        return todo

    def complete(
        self, fitted: Sequence[Sequence[PlatformText]], platforms: Sequence[str]
    ) -> list[dict[str, PlatformText]]:
        """Every post's text for every platform, given the texts fitted for what
        :meth:`lookup` returned (in its order)."""
        for index, texts in zip(self._todo_index, fitted, strict=True):
            for text in texts:
                self.found[index][text.platform] = text
                self.new[self.keys[index]][text.platform] = [
                    text.text,
                    text.length,
                    text.title,
                    list(text.left_out),
                ]
        return [{platform: texts[platform] for platform in platforms} for texts in self.found]

    def save(self) -> None:
        if self.path is None or not self._changed:
            return
        payload = json.dumps({"version": self.version, "entries": self.new}, sort_keys=True)
        with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
            atomic_write(self.path, payload.encode("utf-8"))


#: One post's texts to fit: the post, its safety line, and (platform, override) pairs.
FitTask = tuple[Post, str, list[tuple[str, str | None]]]


def fit_post(task: FitTask) -> list[PlatformText]:
    """One post's texts for the given (platform, override) pairs (module level: workers)."""
    post, disclaimer, wanted = task
    return [
        platform_text(post, PLATFORMS[platform], disclaimer=disclaimer, override=override)
        for platform, override in wanted
    ]


def assemble(
    posts: Iterable[Post],
    jobs: Sequence[CardJob],
    config: SiteConfig,
    texts: Mapping[str, Mapping[str, PlatformText]],
) -> list[PostSyndication]:
    """Join texts and cards per post, before the cards are drawn: what the pages show
    of a card (its address, size and alt text) is known, its file size (``bytes``) is
    None until :func:`with_file_sizes`."""
    by_post: dict[str, dict[str, CardJob]] = {}
    for job in jobs:
        by_post.setdefault(job.slug, {})[job.platform] = job
    result = []
    for post in posts:
        if post.slug not in by_post:
            continue
        cards = {}
        for key, job in by_post[post.slug].items():
            alt = card_alt(job.card, post.image_alt, image_alt_limit(key))
            path = card_path(post.slug, key, job.key)
            cards[key] = CardImage(
                platform=key,
                path=path,
                url=absolute(config, path),
                width=job.spec.width,
                height=job.spec.height,
                bytes=None,
                alt=alt,
            )
        result.append(PostSyndication(post=post, cards=cards, texts=dict(texts[post.slug])))
    return result


def with_file_sizes(
    syndicated: Iterable[PostSyndication], jobs: Sequence[CardJob], cache: ImageCache
) -> list[PostSyndication]:
    """``syndicated`` (from :func:`assemble`) with each card's file size, from the
    cache's manifest once every card is drawn and checked: no file is read again."""
    keys = {(job.slug, job.platform): job.key for job in jobs}
    result = []
    for item in syndicated:
        cards = {
            key: dataclasses.replace(
                card, bytes=cache.entries[keys[(item.post.slug, key)]]["bytes"]
            )
            for key, card in item.cards.items()
        }
        result.append(dataclasses.replace(item, cards=cards))
    return result


def publish_cards(
    syndicated: Iterable[PostSyndication],
    jobs: Sequence[CardJob],
    cache: ImageCache,
    output: Path,
    folders: Folders | None = None,
) -> None:
    """Put each card into the output folder (hard link to the cache when possible;
    ``folders``: the folders made there so far).

    Cached files are readable by a web server (``ImageCache.get`` sees to it), so a
    link needs nothing more; a copy is given the same mode. Paths are strings here:
    this runs for every card of the site on every build.
    """
    keys = {(job.slug, job.platform): job.key for job in jobs}
    folders = folders or Folders(output)
    for item in syndicated:
        for key, card in item.cards.items():
            source = cache.file(keys[(item.post.slug, key)])
            assert source is not None
            target = f"{output}/{card.path}"
            folders.link(source, target, whole=post_folder(output, item.post.slug))


def platform_link(post: Post, platform_key: str) -> str:
    return utm_link(post.url, platform_key, post.slug)


def exports(
    syndicated: Sequence[PostSyndication], media: Mapping[str, Sequence[MediaItem]] | None = None
) -> list[PostExport]:
    """The rows of syndication.json and the bulk CSV (``media``: each post's carousels,
    document and video, by slug)."""
    rows = []
    for item in syndicated:
        post = item.post
        extra = []
        for made in (media or {}).get(post.slug, ()):
            text = item.texts.get(made.text_from)
            rule = PLATFORMS[made.text_from].text
            extra.append(
                MediaEntry(
                    item=made,
                    text=text.text if text else "",
                    link=platform_link(post, made.text_from) if rule.links else None,
                )
            )
        entries = []
        for key, text in item.texts.items():
            rule = PLATFORMS[key].text
            entries.append(
                PlatformEntry(
                    platform=key,
                    text=text.text,
                    length=text.length,
                    limit=rule.limit,
                    counted_as=COUNTED_AS[rule.counter],
                    link=platform_link(post, key) if rule.links else None,
                    image=item.card_for(key),
                    title=text.title,
                )
            )
        rows.append(
            PostExport(
                slug=post.slug,
                title=post.title,
                url=post.url,
                guid=post.guid,
                type=post.type.value,
                date=post.date,
                entries=entries,
                media=extra,
            )
        )
    return rows
