"""Pages kept from the last build: a page is rendered again only when what it is
rendered from has changed.

After one post is edited, almost every page of the site would be rendered exactly as
before (a title shows on its own page, its neighbours' and a few listings). A page's
*key* is a digest of everything its rendering reads:

- the templates it uses (the page's template and every template it extends, includes
  or imports, by their source), the versions of Pelican and Jinja2, this project's
  code and the site's settings;
- the value of every variable those templates name, as the page is given it (the
  article, the listing's articles, the alerts, the site's settings, ...), walked to
  the bottom: plain values, lists, mappings, dataclasses, Pelican's contents (every
  attribute but the site-wide ``_context`` and ``settings``, which are covered by the
  settings' digest and, for a body with links to other files, by the digest of every
  file's address), tags, categories and paginators.

A page whose key is the one the last build recorded for the same output file, and
whose file in the last build's output is still the file that build wrote (size,
modification time and inode), is that file's text again; the writer still writes it
and tells Pelican's plugins so. A value this module does not know how to digest (a
function, an object of another library), a template named by a variable, or custom
Jinja2 filters, globals or tests in the settings: the page is rendered, as always.

The keys live in the build's cache (:data:`STORE`), saved by a build that published;
a build that stopped leaves the last published build's keys.
"""

from __future__ import annotations

import dataclasses
import decimal
import enum
import hashlib
import marshal
import os
import re
import sys
from collections.abc import Iterator, Mapping
from datetime import date, time, timedelta
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, Template, meta, nodes
from jinja2.defaults import DEFAULT_NAMESPACE

from healthnotes.cache.files import atomic_write, digest
from healthnotes.cache.last_build import look_at

#: Bump when what a key covers changes: every page is rendered once.
FORMAT = 1
#: In the build's cache folder.
STORE = "kept-pages.marshal"
#: Attributes of Pelican's contents not digested with them: the whole site's context
#: (read by a body's links to other files: see :meth:`Fingerprints.content`) and the
#: settings (in every key).
SITE_WIDE = frozenset({"_context", "settings"})
#: Settings that name this build's own folders (its staging folder): a template that
#: reads one has it in its key by value.
PER_BUILD = frozenset({"OUTPUT_PATH"})
#: Modules whose objects are digested once a build: Pelican's contents, tags, categories
#: and authors, and the paginators (one for each listing, its pages made for each page).
LASTING_MODULES = frozenset({"pelican.contents", "pelican.urlwrappers", "pelican.paginator"})
#: Modules whose objects are digested by their attributes.
KNOWN_MODULES = ("pelican.", "healthnotes.", "pelican_healthnotes.")


class Unknown(Exception):
    """A value whose digest would not say whether the page changed."""


def _hash(parts: list[str]) -> str:
    """The digest of a value's tokens (strings carry their length: no two values' tokens
    join to the same text)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Fingerprints:
    """Digests of the values pages are rendered from, for one build.

    Contents, tags, categories, frozen dataclasses and the site-wide values are digested
    once (by identity: Pelican changes none of them while it writes pages)."""

    def __init__(self, links: str) -> None:
        self._links = links  # the digest of every file's address (see content)
        self._memo: dict[int, tuple[Any, str]] = {}
        self._active: dict[int, int] = {}
        self._fields: dict[type, tuple[str, ...]] = {}  # a dataclass's fields' names

    def of(self, value: Any) -> str:
        """The digest of ``value``; :class:`Unknown` when it cannot be digested."""
        parts: list[str] = []
        self._feed(value, parts)
        return _hash(parts)

    def once(self, value: Any) -> str:
        """:meth:`of`, remembered for ``value`` (a value of the site's context)."""
        kept = self._memo.get(id(value))
        if kept is not None and kept[0] is value:
            return kept[1]
        found = self.of(value)
        self._memo[id(value)] = (value, found)
        return found

    def _feed(self, value: Any, parts: list[str]) -> None:
        """``value`` as tokens into ``parts``: strings with their length, containers with
        their size, objects as their digest."""
        kind = type(value)
        if kind is str:
            parts.append(f"s{len(value)}:{value}")
        elif kind is int or kind is bool or kind is float or value is None:
            parts.append(repr(value))
        elif kind is list or kind is tuple:
            parts.append(f"{'[' if kind is list else '('}{len(value)}")
            for item in value:
                self._feed(item, parts)
        elif kind is dict:
            parts.append(f"{{{len(value)}")
            for key, item in value.items():
                self._feed(key, parts)
                self._feed(item, parts)
        else:
            kept = self._memo.get(id(value))
            if kept is not None and kept[0] is value:
                parts.append(kept[1])
            elif isinstance(value, str):  # Markup (escaped otherwise), ...
                parts.append(f"{kind.__module__}.{kind.__qualname__}{len(value)}:{value}")
            elif isinstance(value, (date, time, timedelta, decimal.Decimal, PurePath, ZoneInfo)):
                parts.append(repr(value))
            elif isinstance(value, enum.Enum):
                parts.append(f"{kind.__module__}.{kind.__qualname__}.{value.name}")
            elif isinstance(value, (set, frozenset)):
                parts.append(f"<{len(value)}")
                parts.extend(sorted(self.of(item) for item in value))
            elif isinstance(value, (list, tuple, Mapping)):
                parts.append(kind.__qualname__)
                self._feed(dict(value) if isinstance(value, Mapping) else list(value), parts)
            else:
                parts.append(self._object(value))

    def _object(self, value: Any) -> str:
        """The digest of an object (a content, a tag, a paginator, a dataclass)."""
        key = id(value)
        if key in self._active:  # a content's translation pointing back: named by depth
            return f"@{self._active[key]}"
        kind = type(value)
        if not kind.__module__.startswith(KNOWN_MODULES):
            raise Unknown(f"{kind.__module__}.{kind.__qualname__}")
        self._active[key] = len(self._active)
        try:
            parts = [f"{kind.__module__}.{kind.__qualname__}"]
            for name, item in self._attributes(value):
                parts.append(name)
                self._feed(item, parts)
            if "_content" in getattr(value, "__dict__", ()) and _has_links(value):
                parts.append(self._links)
        finally:
            del self._active[key]
        found = _hash(parts)
        if self._lasting(value):
            self._memo[key] = (value, found)
        return found

    def _attributes(self, value: Any) -> Iterator[tuple[str, Any]]:
        kind = type(value)
        names = self._fields.get(kind)
        if names is None and dataclasses.is_dataclass(value):
            names = self._fields[kind] = tuple(f.name for f in dataclasses.fields(value))
        if names is not None:
            for name in names:
                yield name, getattr(value, name)
            return
        attributes = getattr(value, "__dict__", None)
        if attributes is None:
            raise Unknown(kind.__qualname__)
        paginator = kind.__name__ == "Paginator"
        for name, item in attributes.items():
            if name in SITE_WIDE or (paginator and name in ("_num_pages", "_count")):
                continue  # (a paginator's counts are worked out from its list, when asked)
            if callable(item) and not isinstance(item, type):
                raise Unknown(f"{kind.__qualname__}.{name}")
            yield name, item

    def _lasting(self, value: Any) -> bool:
        """Whether ``value`` is digested once: Pelican's contents and URL wrappers, and
        frozen dataclasses (the paginators' pages are made for each page)."""
        kind = type(value)
        if dataclasses.is_dataclass(value):
            return bool(kind.__dataclass_params__.frozen)  # type: ignore[attr-defined]
        return kind.__module__ in LASTING_MODULES


_INTRASITE = re.compile(r"[{|](filename|static|attach|index|tag|category|author|author)[|}]")


def _has_links(content: Any) -> bool:
    """Whether a content's body or summary links other files by Pelican's markers (its
    page then changes when one of them moves)."""
    texts = (getattr(content, "_content", None), content.metadata.get("summary"))
    return any(isinstance(text, str) and _INTRASITE.search(text) for text in texts)


def links_digest(context: Mapping[str, Any]) -> str:
    """Every file's address, as a body's links to other files are resolved."""
    found = []
    for source, content in sorted(context.get("generated_content", {}).items()):
        found.append(f"{source}\0{getattr(content, 'url', '')}")
    for source, content in sorted(context.get("static_content", {}).items()):
        found.append(f"{source}\0{getattr(content, 'url', '')}")
    return digest(*found)


def settings_digest(settings: Mapping[str, Any]) -> str:
    """The settings, read leniently: an object this module does not digest (a plugin's
    module, Jinja2's bytecode cache) counts by its type and name."""
    return digest(
        *(
            f"{name}\0{_lenient(value)}"
            for name, value in sorted(settings.items())
            if name not in PER_BUILD
        )
    )


def _lenient(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{k!r}:{_lenient(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_lenient(v) for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "<" + ",".join(sorted(_lenient(v) for v in value)) + ">"
    if isinstance(value, (str, int, float, bool, type(None), date, PurePath, enum.Enum)):
        return repr(value)
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    module = getattr(value, "__module__", None) or type(value).__module__
    return f"{module}.{name}"


def code_digest() -> str:
    """This project's code (the healthnotes package and the plugin), by each file's
    size and times, and the versions of Pelican and Jinja2."""
    package = Path(__file__).resolve().parent.parent
    plugin = package.parent / "plugins" / "pelican_healthnotes"
    versions = [f"{name} {metadata.version(name)}" for name in ("pelican", "jinja2")]
    return digest(look_at([package, plugin]), *versions, sys.version)


@dataclasses.dataclass(frozen=True)
class Shape:
    """What a template reads: its sources and those of the templates it uses, and the
    names of the variables they read."""

    digest: str
    names: tuple[str, ...]


def template_shape(environment: Environment, name: str) -> Shape:
    """The :class:`Shape` of template ``name``. A template it uses whose name is worked
    out when it is rendered (``{% include "types/" ~ p.type ~ ".html" %}``) could be any
    the environment can load whose name starts as written: all of those are part of it."""
    assert environment.loader is not None
    todo, seen = [name], set()
    sources: list[str] = []
    names: set[str] = set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source, _, _ = environment.loader.get_source(environment, current)
        sources.append(f"{current}\0{source}")
        tree = environment.parse(source)
        names |= meta.find_undeclared_variables(tree)
        for node in tree.find_all((nodes.Extends, nodes.FromImport, nodes.Import, nodes.Include)):
            todo.extend(_used(environment, node.template))
    return Shape(digest(*sorted(sources)), tuple(sorted(names)))


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


class KeptPages:
    """The keys of one build's pages, the last published build's, and the choice between
    rendering a page and taking its text from the last build's output."""

    def __init__(self, store: Path, previous: Path, output: Path, *, base: str, links: str) -> None:
        self.store = store
        self.previous = previous  # the last build's output
        self.output = output  # this build's (its staging folder)
        self.base = base  # code, settings, versions
        self.fingerprints = Fingerprints(links)
        self.last = _load(store)
        self.written: dict[str, str] = {}  # output file -> key, this build
        self.kept = 0
        self._shapes: dict[tuple[int, str], Shape] = {}

    def key(
        self, template: Template, page: Mapping[str, Any], site: Mapping[str, Any]
    ) -> str | None:
        """The key of a page rendered from ``template`` with context ``page`` (the site's
        context ``site`` with the page's own values); None when it cannot be known."""
        environment = template.environment
        if not template.name:
            return None  # a template made from a string
        where = (id(environment), template.name)
        shape = self._shapes.get(where)
        if shape is None:
            shape = self._shapes[where] = template_shape(environment, template.name)
        parts = [self.base, shape.digest, f"{page.get('localsiteurl')}"]
        try:
            for name in shape.names:
                parts.append(name)
                if name in page:
                    value = page[name]
                    shared = site.get(name, _ABSENT) is value
                    fingerprints = self.fingerprints
                    parts.append(fingerprints.once(value) if shared else fingerprints.of(value))
                elif environment.globals.get(name, _ABSENT) is not DEFAULT_NAMESPACE.get(
                    name, _ABSENT
                ):
                    return None  # a global added to Jinja2's own
                else:
                    parts.append("-")
        except (Unknown, RecursionError):
            return None
        return digest(*parts)

    def text(self, name: str, key: str) -> str | None:
        """The last build's text of output file ``name`` when its key was ``key`` and the
        file is still the one it wrote; None otherwise."""
        last = self.last.get(name)
        if last is None or last[0] != key:
            return None
        path = os.path.join(self.previous, name)  # noqa: PTH118
        try:
            with open(path, encoding="utf-8", newline="") as file:  # noqa: PTH123
                stat = os.fstat(file.fileno())
                if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != tuple(last[1:]):
                    return None
                return file.read()
        except (OSError, UnicodeDecodeError):
            return None

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


_ABSENT = object()


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
