"""Signal receivers (module level: Pelican holds receivers weakly)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import FileSystemBytecodeCache
from pelican import Pelican
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import Readers
from pelican.utils import slugify

from healthnotes.config import SiteConfig
from healthnotes.content.html_text import FACTS_KEY, HtmlFacts, html_facts
from healthnotes.content.model import (
    TYPE_SPECS,
    RawPost,
    parse_page,
    parse_posts,
    plain_metadata,
)
from healthnotes.content.safety import SAFETY
from healthnotes.content.tree import links_in, output_collisions, skipped_files
from healthnotes.errors import ContentProblems, Problem
from healthnotes.site.feeds import FeedItem, build_feeds, type_feed_path
from healthnotes.site.jsonld import post_jsonld, script_json

from .reader import PracticeMarkdownReader, display_path

log = logging.getLogger(__name__)

#: Settings keys this plugin adds; templates read them as globals.
CONFIG_KEY = "SITE"
POSTS_KEY = "PRACTICE_POSTS"
ARTICLES_KEY = "_PRACTICE_ARTICLES"  # the articles generator, for write_feeds


@dataclass(frozen=True)
class TypeNav:
    """One post type as the navigation and category pages show it."""

    type: str
    category: str
    badge: str
    description: str
    url: str
    feed_url: str


def configure(pelican: Pelican) -> None:
    """Build the frozen site configuration once and expose it to templates."""
    settings = pelican.settings
    config = SiteConfig.from_settings(
        settings, settings_file=Path(settings.get("SETTINGS_FILE", "pelicanconf.py")).name
    )
    links = links_in(Path(settings["PATH"]))
    if links:
        raise ContentProblems(links)
    settings[CONFIG_KEY] = config
    settings["SAFETY"] = SAFETY
    _keep_compiled_templates(settings)
    settings.setdefault("SITE_DESCRIPTION", f"Patient education from {config.practice.name}.")
    category_url = settings.get("CATEGORY_URL", "category/{slug}.html")
    subs = settings.get("CATEGORY_REGEX_SUBSTITUTIONS", settings.get("SLUG_REGEX_SUBSTITUTIONS"))
    settings["TYPE_NAV"] = [
        TypeNav(
            type=spec.type.value,
            category=spec.category,
            badge=spec.badge,
            description=spec.description,
            url=category_url.format(slug=slugify(spec.category, regex_subs=subs or ())),
            feed_url=type_feed_path(spec.type),
        )
        for spec in TYPE_SPECS.values()
    ]


#: Beside Pelican's content cache: the theme's templates, compiled (Jinja2 bytecode).
TEMPLATE_CACHE_FOLDER = "jinja2"


def _keep_compiled_templates(settings: dict) -> None:
    """Keep the theme's compiled templates beside Pelican's content cache: Pelican
    compiles every template for each of its generators on every build (about 0.2 s
    a generator here; loading them compiled takes a tenth of that). Jinja2 checks each
    template's source against what it compiled, so an edited template is compiled again."""
    cache_path = settings.get("CACHE_PATH")
    if not cache_path or "bytecode_cache" in settings.get("JINJA_ENVIRONMENT", {}):
        return
    folder = Path(cache_path) / TEMPLATE_CACHE_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no cache folder: templates are compiled as Pelican always does
    settings["JINJA_ENVIRONMENT"] = {
        **settings.get("JINJA_ENVIRONMENT", {}),
        "bytecode_cache": FileSystemBytecodeCache(str(folder)),
    }


def install_reader(readers: Readers) -> None:
    """Read Markdown with the reader that reports mistakes instead of dropping posts."""
    for extension in PracticeMarkdownReader.file_extensions:
        readers.reader_classes[extension] = PracticeMarkdownReader
        readers.readers[extension] = PracticeMarkdownReader(readers.settings)


def _raw_post(article: Article, config: SiteConfig) -> RawPost:
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
        url=f"{config.site_url}/{article.url}",
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


def attach_posts(generator: ArticlesGenerator) -> None:
    """Validate every post (published, scheduled and draft); stop on any error."""
    config: SiteConfig = generator.settings[CONFIG_KEY]
    articles = [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]
    raws = {id(a): _raw_post(a, config) for a in articles}
    today = datetime.now(ZoneInfo(config.timezone)).date()
    posts, problems = parse_posts(raws.values(), config, today=today)
    problems.extend(_dropped_files(generator))
    problems.extend(_file_problems(generator, articles))
    if any(p.severity == "error" for p in problems):
        raise ContentProblems(problems)
    for problem in problems:
        log.warning(problem.format(), extra={"problem": True})

    by_source = {post.source: post for post in posts}
    for article in articles:
        post = by_source[raws[id(article)].source]
        article.post = post
        # Pelican works the address out again on every use; listings use it many times.
        article.href = article.url
        article.metadata["summary"] = post.summary  # Pelican's summary = our plain text
        article.jsonld = script_json(post_jsonld(post, config))
    generator.context[POSTS_KEY] = posts
    generator.settings[ARTICLES_KEY] = generator  # write_feeds' signal has only Pelican


def _file_problems(generator: ArticlesGenerator | PagesGenerator, contents: list) -> list[Problem]:
    """Files of the posts' (pages') folders the build skips, and contents (with, for
    pages, the site's own pages and the posts) written to the same output file."""
    root, settings = Path(generator.path), generator.settings
    kind = "ARTICLE" if isinstance(generator, ArticlesGenerator) else "PAGE"
    read = [c.source_path for c in contents]
    read += [root / path for path in generator.context.get("generated_content", {})]
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
        written = [*generator.context.get("articles", ()), *generator.context.get("drafts", ())]
        outputs[:0] = [(display_path(a.source_path), a.save_as) for a in written]
    return problems + output_collisions(outputs)


def _dropped_files(generator: ArticlesGenerator) -> list[Problem]:
    """Posts Pelican itself refused to read (it only logs those and goes on)."""
    root = Path(generator.path)
    return [
        Problem(
            file=display_path(str(root / path)),
            field="",
            message="Pelican could not read this post (see the message above); fix or "
            "remove the file",
        )
        for path, content in generator.context.get("generated_content", {}).items()
        if content is None
        and Path(path).suffix in {".md", ".markdown"}
        and any(Path(path).is_relative_to(p) for p in generator.settings["ARTICLE_PATHS"])
    ]


def prepare_pages(generator: PagesGenerator) -> None:
    """Give every page a plain-text summary (for its meta description); stop on a page
    that could not be read or has no title (Pelican would publish it blank)."""
    config: SiteConfig = generator.settings[CONFIG_KEY]
    today = datetime.now(ZoneInfo(config.timezone)).date()
    pages = [*generator.pages, *generator.hidden_pages, *generator.draft_pages]
    problems: list[Problem] = _file_problems(generator, pages)
    for page in pages:
        raw = _raw_post(page, config)
        for key in ("_unparsed", "_lines", "_read_error", "_problems", "_links", FACTS_KEY):
            page.metadata.pop(key, None)
        problems.extend(parse_page(raw, config, today=today))
        if raw.read_error is None and "summary" not in page.metadata:
            facts = raw.facts or html_facts(page._content or "")
            page.metadata["summary"] = facts.first_paragraph
    if any(p.severity == "error" for p in problems):
        raise ContentProblems(problems)
    for problem in problems:
        log.warning(problem.format(), extra={"problem": True})


def write_feeds(pelican: Pelican) -> None:
    """Write the RSS/Atom feeds once every page is written (and the syndication plugin
    has given each card its file size, which a feed's enclosure carries)."""
    generator: ArticlesGenerator | None = pelican.settings.pop(ARTICLES_KEY, None)
    if generator is None:
        return
    config: SiteConfig = generator.settings[CONFIG_KEY]
    posts = {p.source: p for p in generator.context.get(POSTS_KEY, [])}
    items = [
        FeedItem(
            post=posts[source],
            html=a.content,
            image=a.social.og if getattr(a, "social", None) else None,
        )
        for a in generator.articles
        if (source := display_path(a.source_path)) in posts
    ]
    output = Path(generator.output_path)
    for relative, data in build_feeds(items, config).items():
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
