"""Pages kept from the last build: after an edit, a page whose inputs did not change is
the last published build's file again (a hard link), neither rendered nor written.

After one post is edited, almost every page of the site would come out exactly as
before: the post shows on its own page, in the related lists of a few others and in
its listings. A page's *key* says what it is made from:

- **the site** (:attr:`PageKeys.site`, once a build): this project's code and the
  installed libraries (by their files' sizes and times), every site-wide value the
  templates are given (the settings, the urgent notices, the navigation: walked to the
  bottom), every file's address, the static files (size and time: a post's picture
  sizes come from them) and the day in the site's time zone;
- the page's template (by the source of every template it can use) and its file;
- every value its templates name that is the page's own, not the site's: a post by the
  digest of its source file and, when the templates read a post's related posts (the
  name ``related`` anywhere in them: the post's page does, a listing's card does not),
  of the related posts it lists (everything the build makes of a post, its page,
  texts and cards, comes from its file and the site), a listing by its posts, a
  paginator's page by its number, its posts and its neighbours' and which posts its
  listing holds, a tag by its name and address;
- a site-wide listing a template names (``tags``, ``categories``, ...): which posts it
  holds and every post's digest.

A page whose key is the one the last build recorded for the same file, and whose file
in the published folder is still the file that build wrote (size, modification time
and inode), is linked into the new site instead of being rendered. A value this module
does not know how to digest, a template made from a string or custom Jinja2 code in the
settings: the page is rendered, as always. Keys are saved by a build that got through
its pipeline; before that, the last build's keys stay.
"""

from __future__ import annotations

import dataclasses
import enum
import errno
import marshal
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date, time, timedelta
from pathlib import Path, PurePath
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, Template, meta, nodes
from jinja2.defaults import DEFAULT_NAMESPACE
from markupsafe import Markup

from healthnotes.cache.files import Folders, atomic_write, digest
from healthnotes.cache.last_build import installed_libraries, look_at
from healthnotes.content.model import Post
from healthnotes.errors import SiteListing
from healthnotes.errors import UndigestedValue as Unknown

#: Bump when what a key covers changes: every page is rendered once.
FORMAT = 1
#: In the build's cache folder.
STORE = "kept-pages.marshal"
#: Settings that name this build's own folders (its staging folder, the retired site it
#: takes folders from); a dataclass field says so with ``metadata={"per_build": True}``.
PER_BUILD = frozenset({"OUTPUT_PATH", "RETIRED_OUTPUT"})
#: Site-wide values in the key only of the pages whose templates name them, not in the
#: site's: the search index's bundles (only the search page reads them; they change as
#: the site grows, which would render every page again).
NAMED_ONLY = frozenset({"SEARCH_BUNDLES"})


@dataclasses.dataclass(frozen=True)
class Kinds:
    """The site engine's classes a key knows (given by the plugin, since this library
    imports no Pelican): its contents (posts and pages), static files, tags, categories
    and authors (URL wrappers), paginators and their pages."""

    content: type
    static: type
    wrapper: type
    paginator: type
    page: type


def code_digest() -> str:
    """This project's code (the library and the plugin) by each file's size and times,
    and the names and versions of the installed libraries. (The templates are in each
    page's key by their sources; the settings by their values.)"""
    package = Path(__file__).resolve().parent.parent
    plugin = package.parent / "plugins" / "pelican_healthnotes"
    return look_at([package, plugin], listed=installed_libraries())


# ---------------------------------------------------------------------------
# Values, digested
# ---------------------------------------------------------------------------

_PLAIN = (str, int, float, bool, type(None), date, time, timedelta, PurePath, enum.Enum, ZoneInfo)


class PageKeys:
    """One build's keys: the site's digest, each post's, and each page's."""

    def __init__(self, code: str, context: Mapping[str, Any], today: date, kinds: Kinds) -> None:
        self.kinds = kinds
        self.context = context  # the site's context, as the first page was given it
        self._sources: dict[str, str] = {}
        self._contents = _ByIdentity()
        self._lists = _ByIdentity()
        self._shapes: dict[tuple[int, str], Shape] = {}
        self._templates: dict[int, dict[str, _TemplateFile]] = {}  # by environment
        self._everything: str | None = None
        self._listings: dict[str, str] = {}
        self._member_lists = _ByIdentity()
        self.unknown: set[str] = set()  # site-wide names no key can cover
        self.listings: set[str] = set()  # site-wide names that hold the site's posts
        self.site = self._site(code, context, today)

    # -- the site ------------------------------------------------------------

    def _site(self, code: str, context: Mapping[str, Any], today: date) -> str:
        parts = [f"format {FORMAT}", code, today.isoformat()]
        for name in sorted(context):
            if name in PER_BUILD or name in NAMED_ONLY:
                continue
            try:
                parts.append(f"{name}\0{self._stable(context[name])}")
            except SiteListing:
                self.listings.add(name)
            except (Unknown, RecursionError):
                self.unknown.add(name)
        parts.extend(self._addresses(context))
        return digest(*parts)

    def _held(self, value: Any, depth: int = 0) -> str:
        """Which contents a listing holds, in its order (names and sources)."""
        if depth > 10:
            raise Unknown  # (a listing is a list, a mapping or a list of pairs)
        if isinstance(value, self.kinds.content):
            return f"c:{value.source_path}"
        if isinstance(value, self.kinds.wrapper):
            return f"w:{value.name}:{value.url}"
        if isinstance(value, Mapping):
            items = (
                f"{self._held(k, depth + 1)}:{self._held(v, depth + 1)}" for k, v in value.items()
            )
            return "{" + ",".join(items) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(self._held(v, depth + 1) for v in value) + "]"
        return type(value).__name__

    def _members(self, items: list[Any]) -> str:
        """Which contents a listing holds, in its order (sources only), once a build."""
        found = self._member_lists.get(items)
        if found is None:
            found = self._member_lists.put(items, digest(self._held(items)))
        return found

    def _addresses(self, context: Mapping[str, Any]) -> Iterable[str]:
        """Every file's address (a body's links to other files), and every static file's
        size and time."""
        for source, item in sorted(context.get("generated_content", {}).items()):
            yield f"{source}\0{item.url}\0{item.save_as}\0{getattr(item, 'status', '')}"
        for source, item in sorted(context.get("static_content", {}).items()):
            try:
                stat = os.stat(item.source_path)  # noqa: PTH116
                yield f"{source}\0{item.url}\0{stat.st_size}\0{stat.st_mtime_ns}"
            except OSError:
                yield f"{source}\0{item.url}\0missing"

    def _stable(self, value: Any, depth: int = 0) -> str:
        """A site-wide value as text; a value that holds the site's contents raises
        :class:`SiteListing`, one this module cannot see into :class:`Unknown`."""
        plain = _plain(value, depth)
        if plain is not None:
            return plain
        kinds = self.kinds
        if isinstance(value, (kinds.content, kinds.wrapper, kinds.paginator, kinds.page)):
            raise SiteListing
        if isinstance(value, Post):
            return f"post:{self.source(value.source)}"
        if isinstance(value, (list, tuple)):
            inner = ",".join(self._stable(v, depth + 1) for v in value)
            return f"{type(value).__name__}[{inner}]"
        return _container(value, lambda item: self._stable(item, depth + 1))

    # -- posts and pages -------------------------------------------------------

    def source(self, path: str | os.PathLike[str]) -> str:
        """A source file's digest (once a build), by its path (absolute, or relative to
        the working folder, as a post names its source)."""
        key = os.fspath(path)
        found = self._sources.get(key)
        if found is None:
            try:
                found = digest(Path(key).read_bytes())
            except OSError:
                raise Unknown from None
            self._sources[key] = found
        return found

    def content(self, item: Any, *, related: bool = True) -> str:
        """A post's or page's digest: its source file, and (``related``) the related
        posts it lists."""
        remembered = self._contents.get(item, related)
        if remembered is not None:
            return remembered
        if isinstance(item, self.kinds.static):
            try:
                stat = os.stat(item.source_path)  # noqa: PTH116
            except OSError:
                raise Unknown from None
            found = digest("static", item.source_path, str(stat.st_size), str(stat.st_mtime_ns))
        else:
            if not item.source_path:
                raise Unknown
            listed = getattr(getattr(item, "extra", None), "related", ()) if related else ()
            found = digest(
                type(item).__name__,
                self.source(item.source_path),
                *(self.source(post.source) for post in listed),
            )
        return self._contents.put(item, found, related)

    def listing(self, name: str) -> str:
        """A site-wide listing's digest (once a build): which contents it holds, in its
        order, and every post's and page's digest."""
        found = self._listings.get(name)
        if found is None:
            if self._everything is None:
                contents = sorted(self.context.get("generated_content", {}).items())
                self._everything = digest(*(f"{s}\0{self.content(c)}" for s, c in contents))
            found = digest(self._everything, self._held(self.context[name]))
            self._listings[name] = found
        return found

    def own(self, value: Any, depth: int = 0, *, whole: bool = True, related: bool = True) -> str:
        """A value of the page's own (not the site's) as text. ``whole``: a paginator
        counts by the contents of its whole listing (a template can reach every page's
        posts through it); else by which posts its listing holds, in order (what
        numbers the pages). ``related``: a post counts by its related posts too (see
        :meth:`content`)."""
        plain = _plain(value, depth)
        if plain is not None:
            return plain
        kinds = self.kinds
        if isinstance(value, kinds.content):
            return f"content:{self.content(value, related=related)}"
        if isinstance(value, Post):
            return f"post:{self.source(value.source)}"
        if isinstance(value, kinds.wrapper):
            return f"{type(value).__name__}:{value.name!r}:{value.url!r}:{value.save_as!r}"
        if isinstance(value, kinds.page):
            return (
                f"page:{value.number}:{value.url!r}:{value.save_as!r}:"
                f"{self.own(value.object_list, depth + 1, related=related)}:"
                f"{self.own(value.paginator, depth + 1, whole=whole, related=related)}"
            )
        if isinstance(value, kinds.paginator):
            listing = (
                self.own(value.object_list, depth + 1, related=related)
                if whole
                else f"members:{self._members(value.object_list)}"
            )
            return (
                f"paginator:{value.name!r}:{value.url!r}:{value.per_page}:{value.orphans}:{listing}"
            )
        if isinstance(value, (list, tuple)):
            how = (whole, related)
            remembered = self._lists.get(value, how)
            if remembered is not None:
                return remembered
            inner = digest(*(self.own(v, depth + 1, whole=whole, related=related) for v in value))
            found = f"{type(value).__name__}[{inner}]"
            if len(value) > 8:  # the site's long listings, given to many pages
                self._lists.put(value, found, how)
            return found
        return _container(
            value, lambda item: self.own(item, depth + 1, whole=whole, related=related)
        )

    def key(self, template: Template, page: Mapping[str, Any]) -> str | None:
        """The key of the page rendered from ``template`` with context ``page``; None
        when it cannot be known (the page is then rendered)."""
        environment = template.environment
        if not template.name:
            return None  # a template made from a string
        where = (id(environment), template.name)
        shape = self._shapes.get(where)
        if shape is None:
            files = self._templates.setdefault(id(environment), {})
            shape = self._shapes[where] = template_shape(environment, template.name, files)
        parts = [self.site, shape.digest, str(page.get("output_file"))]
        parts.append(str(page.get("localsiteurl")))
        site = self.context
        try:
            for name in shape.names:
                value = page.get(name, _ABSENT)
                if value is _ABSENT:
                    if environment.globals.get(name, _ABSENT) is not DEFAULT_NAMESPACE.get(
                        name, _ABSENT
                    ):
                        return None  # a global added to Jinja2's own
                    parts.append(f"{name}\0-")
                elif value is site.get(name, _ABSENT) and name in NAMED_ONLY:
                    parts.append(f"{name}\0{self._stable(value)}")
                elif value is site.get(name, _ABSENT):
                    if name in self.unknown:
                        return None
                    if name in self.listings:
                        parts.append(f"{name}\0{self.listing(name)}")
                    # any other site-wide value is in the site's digest
                else:
                    own = self.own(value, whole=shape.reaches_pages, related=shape.reads_related)
                    parts.append(f"{name}\0{own}")
        except (Unknown, RecursionError, AttributeError, TypeError, ValueError):
            return None  # rendered: a mistake in a value shows as Pelican shows it
        return digest(*parts)


_ABSENT = object()


class _ByIdentity:
    """Digests of objects by identity, for one build: each object is held with its
    digest, so its ``id`` is not reused by another while remembered. ``how`` tells apart
    digests of the same object made in different ways."""

    def __init__(self) -> None:
        self._found: dict[tuple[int, object], tuple[Any, str]] = {}

    def get(self, value: Any, how: object = None) -> str | None:
        remembered = self._found.get((id(value), how))
        return remembered[1] if remembered is not None and remembered[0] is value else None

    def put(self, value: Any, found: str, how: object = None) -> str:
        self._found[id(value), how] = (value, found)
        return found


def _plain(value: Any, depth: int) -> str | None:
    """A plain value (text, number, date, path, ...) as text; None for anything else.
    Text marked safe is not plain text: Jinja2 escapes one and not the other. A value
    nested deeper than 40 levels raises :class:`Unknown`."""
    if depth > 40:
        raise Unknown
    if isinstance(value, Markup):
        return f"M{value!r}"
    if isinstance(value, _PLAIN):
        return f"{type(value).__name__}:{value!r}"
    return None


def _container(value: Any, part: Callable[[Any], str]) -> str:
    """A mapping, set or dataclass as text, each item as ``part`` writes it; any other
    value raises :class:`Unknown`."""
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{part(k)}:{part(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (set, frozenset)):
        return "<" + ",".join(sorted(part(v) for v in value)) + ">"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ",".join(
            f"{field.name}={part(getattr(value, field.name))}"
            for field in dataclasses.fields(value)
            if not field.metadata.get("per_build")
        )
        return f"{type(value).__module__}.{type(value).__qualname__}({fields})"
    raise Unknown


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Shape:
    """What a template reads: its sources and those of the templates it can use, and the
    names of the variables they read."""

    digest: str
    names: tuple[str, ...]
    #: Whether it can read posts of a listing's other pages (a paginator's ``object_list``
    #: or ``page()``, a page's ``paginator``), not only its own page's.
    reaches_pages: bool = True
    #: Whether it can read a post's related posts: the name ``related`` anywhere in it
    #: (an attribute, a key, a string).
    reads_related: bool = True


@dataclasses.dataclass(frozen=True)
class _TemplateFile:
    """One template's source and what its parsed tree reads and uses."""

    source: str
    names: frozenset[str]
    reaches_pages: bool
    reads_related: bool
    uses: tuple[str, ...]


def _template_file(environment: Environment, name: str) -> _TemplateFile:
    assert environment.loader is not None
    source, _, _ = environment.loader.get_source(environment, name)
    tree = environment.parse(source)
    uses = [
        used
        for node in tree.find_all((nodes.Extends, nodes.FromImport, nodes.Import, nodes.Include))
        for used in _used(environment, node.template)
    ]
    return _TemplateFile(
        source,
        frozenset(meta.find_undeclared_variables(tree)),
        any(_reaches_pages(node) for node in tree.find_all(nodes.Getattr)),
        any(_names_related(node) for node in tree.find_all((nodes.Getattr, nodes.Const))),
        tuple(uses),
    )


def template_shape(
    environment: Environment, name: str, files: dict[str, _TemplateFile] | None = None
) -> Shape:
    """The :class:`Shape` of template ``name``. A template it uses whose name is worked
    out when it is rendered (``{% include "types/" ~ p.type ~ ".html" %}``) could be any
    the environment can load whose name starts as written: all of those are part of it.
    ``files`` holds the templates already read for this environment (the base template
    is part of every page's shape, and parsed once)."""
    files = {} if files is None else files
    todo, seen = [name], set()
    sources: list[str] = []
    names: set[str] = set()
    reaches = related = False
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        file = files.get(current)
        if file is None:
            file = files[current] = _template_file(environment, current)
        sources.append(f"{current}\0{file.source}")
        names |= file.names
        reaches = reaches or file.reaches_pages
        related = related or file.reads_related
        todo.extend(file.uses)
    return Shape(digest(*sorted(sources)), tuple(sorted(names)), reaches, related)


def _reaches_pages(node: nodes.Getattr) -> bool:
    """Whether ``node`` can read posts of another page of a listing: anything but
    ``<x>_page.object_list`` and a paginator's counts."""
    if node.attr in ("paginator", "page", "pages", "page_range"):
        return True
    if node.attr == "object_list":
        return not (isinstance(node.node, nodes.Name) and node.node.name.endswith("_page"))
    return False


def _names_related(node: nodes.Getattr | nodes.Const) -> bool:
    """Whether ``node`` names a post's related posts: ``x.related``, or the string
    ``"related"`` (``x["related"]``, ``x|attr("related")``)."""
    if isinstance(node, nodes.Getattr):
        return node.attr == "related"
    return node.value == "related"


def _used(environment: Environment, template: nodes.Expr) -> list[str]:
    """The names of the templates an ``extends``, ``import`` or ``include`` can load."""
    if isinstance(template, nodes.Const) and isinstance(template.value, str):
        return [template.value]
    if isinstance(template, (nodes.Tuple, nodes.List)):  # the first that exists
        return [name for item in template.items for name in _used(environment, item)]
    prefix = ""
    if isinstance(template, nodes.Concat) and template.nodes:
        first = template.nodes[0]
        if isinstance(first, nodes.Const) and isinstance(first.value, str):
            prefix = first.value
    return [name for name in environment.list_templates() if name.startswith(prefix)]


# ---------------------------------------------------------------------------
# The last build's pages
# ---------------------------------------------------------------------------


class KeptPages:
    """The keys of this build's pages and of the last published build's, and the files
    linked from that build."""

    def __init__(
        self, store: Path, previous: Path, output: Path, retired: Path | None = None
    ) -> None:
        self.store = store
        self.previous = previous  # the published folder (the last build's output)
        self.output = output  # this build's staging folder
        self.folders = Folders(output, retired)  # (a page's folder taken from the retired site)
        self.last = _load(store)
        self.written: dict[str, str] = {}  # output file -> key, this build
        self.kept = 0

    def kept_file(self, name: str, key: str) -> str | None:
        """The last build's file for output file ``name`` when its key was ``key`` and the
        file is still the one it wrote; None otherwise."""
        self.written[name] = key
        last = self.last.get(name)
        if last is None or last[0] != key:
            return None
        path = os.path.join(self.previous, name)  # noqa: PTH118
        try:
            stat = os.stat(path)  # noqa: PTH116
        except OSError:
            return None
        if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != tuple(last[1:]):
            return None
        return path

    def link(self, kept: str, path: str) -> bool:
        """``kept`` linked as ``path`` (replacing what is there); False when the file
        system cannot link it (the page is then rendered)."""
        folder = os.path.dirname(path)  # noqa: PTH120
        if self.folders.take(folder, {path: kept}):  # the page alone in its folder, kept
            self.kept += 1
            return True
        self.folders.make(folder)
        try:
            os.link(kept, path)
        except FileExistsError:
            temporary = f"{path}.kept-{os.getpid()}"
            try:
                os.link(kept, temporary)
                Path(temporary).replace(path)
            except OSError:
                return False
        except OSError as error:
            if error.errno in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                return False
            raise
        self.kept += 1
        return True

    def save(self) -> None:
        """Remember this build's keys, with each written file as it is now."""
        kept: dict[str, tuple[str, int, int, int]] = {}
        for name, key in self.written.items():
            try:
                stat = os.stat(os.path.join(self.output, name))  # noqa: PTH116, PTH118
            except OSError:
                continue
            kept[name] = (key, stat.st_size, stat.st_mtime_ns, stat.st_ino)
        atomic_write(self.store, marshal.dumps({"format": FORMAT, "pages": kept}))


def _load(store: Path) -> dict[str, tuple[str, int, int, int]]:
    try:
        data = marshal.loads(store.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    pages = data.get("pages")
    if not isinstance(pages, dict):
        return {}
    return {
        name: tuple(entry)
        for name, entry in pages.items()
        if isinstance(name, str)
        and isinstance(entry, tuple)
        and len(entry) == 4
        and isinstance(entry[0], str)
        and all(isinstance(part, int) for part in entry[1:])
    }
