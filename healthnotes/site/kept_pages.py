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

import copyreg
import dataclasses
import enum
import functools
import hashlib
import io
import marshal
import os
import pickle
import re
import sys
import types
from collections.abc import Mapping
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from jinja2 import Environment, Template, meta, nodes
from jinja2.defaults import DEFAULT_NAMESPACE

from healthnotes.cache.files import atomic_write, digest
from healthnotes.cache.last_build import installed_libraries, look_at

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


class Unknown(Exception):
    """A value that cannot be digested (pickle cannot write it)."""


def _hash(parts: list[str]) -> str:
    """The digest of a value's tokens (strings carry their length: no two values' tokens
    join to the same text)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Fingerprints:
    """Digests of the values pages are rendered from, for one build.

    A value is written out with :mod:`pickle` and hashed: its C code walks strings,
    numbers, containers and objects (a dataclass by its fields), with no call into
    Python for each. The classes in ``shared`` (Pelican's contents, tags, categories,
    authors and paginators) are written as the digest of their attributes but the
    site-wide ones, each worked out once a build (by identity: Pelican changes none of
    them while it writes pages). A value pickle cannot write (an open file, a cycle) or
    a function written in Python (a page could call it) cannot be digested; a class,
    or a function of Python's own, is written by its name. Two builds may write the
    same value differently (a set's order): the page is then rendered, never wrongly
    kept."""

    def __init__(self, links: str, shared: tuple[type, ...] = ()) -> None:
        self._links = links  # the digest of every file's address (see _shared)
        self._memo: dict[int, tuple[Any, str]] = {}
        self._active: dict[int, int] = {}
        self.shared = frozenset(shared)

    def of(self, value: Any) -> str:
        """The digest of ``value``; :class:`Unknown` when it cannot be digested."""
        out = io.BytesIO()
        try:
            _Writing(out, self).dump(value)
        except _CANNOT as error:
            raise Unknown(str(error)) from error
        return hashlib.sha256(out.getvalue()).hexdigest()

    def once(self, value: Any) -> str:
        """:meth:`of`, remembered for ``value`` (a value of the site's context)."""
        kept = self._memo.get(id(value))
        if kept is not None and kept[0] is value:
            return kept[1]
        found = self.of(value)
        self._memo[id(value)] = (value, found)
        return found

    def digested(self, value: Any) -> tuple[Any, tuple[str, ...]]:
        """How pickle writes one of the ``shared`` objects: its digest."""
        key = id(value)
        kept = self._memo.get(key)
        if kept is not None and kept[0] is value:
            return (_digested, (kept[1],))
        if key in self._active:  # a content's translation pointing back: named by depth
            return (_digested, (f"@{self._active[key]}",))
        kind = type(value)
        skipped = SITE_WIDE | _COUNTS if kind.__name__ == "Paginator" else SITE_WIDE
        attributes = {k: v for k, v in vars(value).items() if k not in skipped}
        if "_content" in attributes and _has_links(value):
            attributes["(every file's address)"] = self._links
        self._active[key] = len(self._active)
        try:
            found = self.of((f"{kind.__module__}.{kind.__qualname__}", attributes))
        finally:
            del self._active[key]
        self._memo[key] = (value, found)
        return (_digested, (found,))


#: What pickle raises for a value it cannot write (a cycle: ValueError, in fast mode).
_CANNOT = (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError)
#: A paginator's counts, worked out from its list when they are first asked for.
_COUNTS = frozenset({"_num_pages", "_count"})


def _digested(digest: str) -> str:
    """Stands for a shared object in a pickled value (never called: only hashed)."""
    return digest


#: Code written in Python that a value may hold (a page could call it): not digested.
_CODE = (types.FunctionType, types.MethodType, functools.partial)
#: Python functions pickle itself writes values with.
_PICKLING = frozenset({copyreg.__newobj__, copyreg.__newobj_ex__, copyreg._reconstructor})


class _Writing(pickle.Pickler):
    """Pickle, without a memo (the same bytes whatever is shared; a cycle is an error),
    writing the shared objects as their digest and refusing functions."""

    def __init__(self, file: io.BytesIO, fingerprints: Fingerprints) -> None:
        super().__init__(file, protocol=5)
        self.fast = True
        self.fingerprints = fingerprints

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) in self.fingerprints.shared:
            return self.fingerprints.digested(obj)
        if isinstance(obj, _CODE) and obj is not _digested and obj not in _PICKLING:
            raise Unknown(f"code: {getattr(obj, '__qualname__', obj)!r}")
        return NotImplemented


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
    size and times, and the names and versions of the installed libraries."""
    package = Path(__file__).resolve().parent.parent
    plugin = package.parent / "plugins" / "pelican_healthnotes"
    return digest(look_at([package, plugin], listed=installed_libraries()), sys.version)


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

    def __init__(
        self,
        store: Path,
        previous: Path,
        output: Path,
        *,
        base: str,
        links: str,
        shared: tuple[type, ...] = (),
    ) -> None:
        self.store = store
        self.previous = previous  # the last build's output
        self.output = output  # this build's (its staging folder)
        self.base = base  # code, settings, versions
        self.fingerprints = Fingerprints(links, shared)
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
