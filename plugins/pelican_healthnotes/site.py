"""The build as Pelican runs it: one object per build, Pelican's generator for our outputs.

Pelican creates :class:`HealthNotes` once per build (it is listed by the
``get_generators`` signal, Pelican's extension point for new outputs) after its own
article and page generators and before the static one. Its methods are where the
build's steps (:func:`healthnotes.pipeline.build`) meet Pelican:

- ``__init__``: the settings are read and checked (:class:`~healthnotes.config.SiteConfig`)
  and put where the templates find them;
- :meth:`generate_context` (every post and page has been read): validate, plan, fit
  texts, start the cards and checks, and give each article what its page shows;
- :meth:`generate_output` (Pelican has written the pages): cards, feeds and
  syndication files;
- :meth:`finalized` (the static files are copied too): pictures stripped, the gate.

It also implements :class:`healthnotes.pipeline.Site`: the posts and pages as plain
inputs, and the articles' HTML for the feeds. No decision is made here.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from blinker import signal
from pelican import Pelican, signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, StaticGenerator

from healthnotes import pipeline
from healthnotes.config import SiteConfig
from healthnotes.content.html_text import FACTS_KEY, HtmlFacts, html_facts
from healthnotes.content.model import TYPE_SPECS, Post, RawPost, parse_page, plain_metadata
from healthnotes.content.safety import SAFETY
from healthnotes.content.tree import links_in, output_collisions, skipped_files
from healthnotes.errors import ContentProblems, Problem
from healthnotes.runtime.workers import Workers
from healthnotes.site.feeds import type_feed_path
from healthnotes.site.jsonld import post_jsonld, script_json
from healthnotes.site.kept_pages import KeptPages
from healthnotes.site.page import PostPage
from healthnotes.social.plan import PostSyndication

from .reader import READ_ANEW, display_path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TypeNav:
    """One post type as the navigation and category pages show it."""

    type: str
    label: str
    description: str
    url: str
    feed_url: str


def type_nav(settings: Mapping[str, Any], written: Collection[str]) -> list[TypeNav]:
    """The post types whose category page is ``written`` (slugs): a type with no published
    post has no category page, so nothing links it."""
    category_url = settings.get("CATEGORY_URL", "category/{slug}.html")
    return [
        TypeNav(
            type=spec.type.value,
            label=spec.label,
            description=spec.description,
            url=category_url.format(slug=spec.slug),
            feed_url=type_feed_path(spec.type),
        )
        for spec in TYPE_SPECS.values()
        if spec.slug in written
    ]


def searchable_pages(articles: Iterable[Any]) -> list[str]:
    """The output paths of the published articles' pages and of their translations (a
    post in a second language is written to its own address and is marked for the
    search index as well)."""
    return [
        Path(item.save_as).as_posix()
        for article in articles
        for item in (article, *getattr(article, "translations", ()))
        if getattr(item, "save_as", "")
    ]


class HealthNotes:
    """The practice site's part of one Pelican build (see the module's docstring)."""

    def __init__(
        self,
        context: dict[str, Any],
        settings: dict[str, Any],
        path: str,
        theme: str,
        output_path: str,
        **_: Any,
    ) -> None:
        self.context = context
        self.settings = settings
        self.output = Path(output_path)
        self.config = SiteConfig.from_settings(
            settings, settings_file=Path(settings.get("SETTINGS_FILE", "pelicanconf.py")).name
        )
        links = links_in(self.config.content_root)
        if links:
            raise ContentProblems(links)
        context["SITE"] = self.config
        context["SAFETY"] = SAFETY
        context["TYPE_NAV"] = []  # set once the posts are read (generate_context)
        context["ALERTS"] = []
        context["SEARCH_BUNDLES"] = []  # set once the posts are read (search_in)
        context.setdefault(
            "SITE_DESCRIPTION", f"Patient education from {self.config.practice.name}."
        )
        self.workers = Workers(self.config.concurrency)
        self._steps: Iterator[str] | None = None
        self._raw_posts: list[RawPost] | None = None
        self._copies: dict[Path, Path] = {}
        self._writer: Any = None
        # Held weakly by the signals: alive as long as Pelican holds this generator.
        signals.static_generator_finalized.connect(self.static_files_copied)
        signals.article_generator_pretaxonomy.connect(self.hold_articles)
        signals.finalized.connect(self.finalized)
        signal(READ_ANEW).connect(self.read_anew)

    # -- Pelican's generator interface -------------------------------------------

    def generate_context(self) -> None:
        categories = self.context.get("categories", ())
        self.context["TYPE_NAV"] = type_nav(self.settings, {c.slug for c, _ in categories})
        now = datetime.now(ZoneInfo(self.config.timezone))
        self._steps = pipeline.build(self, self.config, self.workers, now=now)
        self._step()

    def generate_output(self, writer: Any) -> None:
        self._writer = writer
        self._step()

    def hold_articles(self, generator: ArticlesGenerator) -> None:
        """The crisis hold (``HOLD``): a post dated after the hold began is written as a
        draft (never published), like a post whose date has not come. A copy is moved,
        so Pelican's content cache keeps the post as it was."""
        hold = self.config.editorial.hold
        if generator.settings is not self.settings or hold is None:
            return
        held = [article for article in generator.articles if hold.holds(article.date)]
        for article in held:
            generator.articles.remove(article)
            draft = copy.copy(article)
            draft.status = "draft"
            generator.drafts.append(draft)

    def read_anew(self, settings: dict[str, Any]) -> None:
        """A file Pelican's cache did not hold is being read: this build has work (texts
        to fit, cards to draw, posts to check), so a worker starts now, beside the
        reading, instead of when the first work is given (a build with nothing new,
        forced, starts none)."""
        if settings is self.settings:
            self.workers.start(pipeline.ready)

    def static_files_copied(self, generator: StaticGenerator) -> None:
        if generator.settings is not self.settings:
            return  # another build's
        output, content = Path(generator.output_path), Path(generator.path)
        self._copies = {
            output / static.save_as: content / static.source_path
            for static in generator.staticfiles
        }

    def finalized(self, pelican: Pelican) -> None:
        if pelican.settings is not self.settings or self._steps is None:
            return  # another build's
        self._step()
        self.workers.close()
        pages = getattr(self._writer, "pages", None)
        if isinstance(pages, KeptPages) and not self.config.check_only:
            pages.save()  # the build got through: its pages are the next one's to keep
            log.info(
                "Pages: %d of %d kept from the last build (%d in folders taken whole)",
                pages.kept,
                len(pages.written),
                pages.folders.taken,
            )

    def _step(self) -> None:
        """Run the pipeline up to its next hand-over to Pelican (or to its end)."""
        assert self._steps is not None
        try:
            next(self._steps, None)
        except BaseException:
            self.workers.close(cancel=True)
            raise

    # -- healthnotes.pipeline.Site ----------------------------------------------

    def _articles(self) -> list[Article]:
        return [
            *self.context.get("articles", []),
            *self.context.get("drafts", []),
            *self.context.get("hidden_articles", []),
        ]

    def posts(self) -> list[RawPost]:
        if self._raw_posts is None:
            self._raw_posts = [self._raw_post(article) for article in self._articles()]
        return self._raw_posts

    def _raw_post(self, article: Article) -> RawPost:
        metadata = dict(article.metadata)
        unparsed = metadata.pop("_unparsed", {})
        lines = metadata.pop("_lines", {})
        read_error = metadata.pop("_read_error", None)
        facts = metadata.pop(FACTS_KEY, None)
        problems, links = metadata.pop("_problems", ()), metadata.pop("_links", ())
        for name in ("date", "modified"):  # Pelican localises these on the article only
            if name in metadata and isinstance(getattr(article, name, None), datetime):
                metadata[name] = getattr(article, name)
        return RawPost(
            source=display_path(article.source_path),
            slug=article.slug,
            url=f"{self.config.site_url}/{article.url}",
            html=article._content or "",
            metadata={k: plain_metadata(v) for k, v in metadata.items()},
            status=article.status,
            unparsed=unparsed,
            lines=lines,
            read_error=read_error,
            facts=facts if isinstance(facts, HtmlFacts) else None,
            problems=tuple(problems),
            links=tuple(links),
        )

    def _pages(self) -> list[Any]:
        return [
            *self.context.get("pages", []),
            *self.context.get("hidden_pages", []),
            *self.context.get("draft_pages", []),
        ]

    def page_problems(self) -> list[Problem]:
        """Pelican could not read a post (it only logs those and goes on); files of the
        posts' and pages' folders the build skips; two files written to the same place;
        every page checked (:func:`~healthnotes.content.model.parse_page`) and given a
        plain-text summary (its meta description)."""
        problems = self._dropped_posts()
        problems += self._file_problems("ARTICLE", self._articles())
        pages = self._file_problems("PAGE", self._pages())  # posts are listed there too:
        problems += [problem for problem in pages if problem not in problems]  # said once
        today = datetime.now(ZoneInfo(self.config.timezone)).date()
        for page in self._pages():
            raw = self._raw_post(page)
            for key in ("_unparsed", "_lines", "_read_error", "_problems", "_links", FACTS_KEY):
                page.metadata.pop(key, None)
            problems.extend(parse_page(raw, self.config, today=today))
            if raw.read_error is None and "summary" not in page.metadata:
                facts = raw.facts or html_facts(page._content or "")
                page.metadata["summary"] = facts.first_paragraph
        return problems

    def _file_problems(self, kind: str, contents: Sequence[Any]) -> list[Problem]:
        """Files of the posts' (pages') folders the build skips, and contents (with, for
        pages, the site's own pages and the posts) written to the same output file."""
        root, settings = self.config.content_root, self.settings
        read = [c.source_path for c in contents]
        read += [root / path for path in self.context.get("generated_content", {})]
        problems = skipped_files(
            [root / p for p in settings[f"{kind}_PATHS"]],
            read,
            excluded=[root / p for p in settings.get(f"{kind}_EXCLUDES", ())],
        )
        outputs = [(display_path(c.source_path), c.save_as) for c in contents]
        if kind == "PAGE":
            for name in settings.get("DIRECT_TEMPLATES", ()):
                save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
                outputs.insert(0, (f"the site's {name} page", save_as))
            written = [*self.context.get("articles", ()), *self.context.get("drafts", ())]
            outputs[:0] = [(display_path(a.source_path), a.save_as) for a in written]
        return problems + output_collisions(outputs)

    def _dropped_posts(self) -> list[Problem]:
        root = self.config.content_root
        return [
            Problem(
                file=display_path(str(root / path)),
                field="",
                message="Pelican could not read this post (see the message above); fix or "
                "remove the file",
            )
            for path, content in self.context.get("generated_content", {}).items()
            if content is None
            and Path(path).suffix in {".md", ".markdown"}
            and any(Path(path).is_relative_to(p) for p in self.config.article_paths)
        ]

    def show(
        self,
        posts: Sequence[Post],
        syndicated: Sequence[PostSyndication],
        pages: Mapping[str, PostPage] | None = None,
    ) -> None:
        by_source = {post.source: post for post in posts}
        social = {item.post.source: item for item in syndicated}
        for article in self._articles():
            source = display_path(article.source_path)
            post = by_source.get(source)
            if post is None:
                continue
            if getattr(article, "post", None) is not post:
                article.post = post
                # Pelican works the address out again on every use; listings use it often.
                article.href = article.url
                article.metadata["summary"] = post.summary  # Pelican's summary = our text
                article.jsonld = script_json(post_jsonld(post, self.config))
            if source in social:
                article.social = social[source]
            if pages is not None and source in pages:
                article.extra = pages[source]

    def html(self, sources: set[str]) -> dict[str, str]:
        return {
            article.post.source: article.content
            for article in self.context.get("articles", [])
            if getattr(article, "post", None) is not None and article.post.source in sources
        }

    def static_files(self) -> Mapping[Path, Path]:
        return self._copies

    def origins(self) -> dict[str, str]:
        found = {
            Path(item.save_as).as_posix(): display_path(item.source_path)
            for item in [*self._articles(), *self._pages()]
            if getattr(item, "save_as", "")
        }
        for output, source in self._copies.items():
            found[output.relative_to(self.output).as_posix()] = display_path(str(source))
        return found

    def searchable(self) -> list[str]:
        return searchable_pages(self.context.get("articles", []))

    def announce(self, alerts: Sequence[Post]) -> None:
        self.context["ALERTS"] = list(alerts)

    def search_in(self, bundles: Sequence[str]) -> None:
        self.context["SEARCH_BUNDLES"] = list(bundles)
