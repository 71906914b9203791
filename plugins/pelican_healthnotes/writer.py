"""Pelican's writer, rendering only the pages whose inputs changed since the last build
(:mod:`healthnotes.site.kept_pages`): an unchanged page is the published site's file,
linked into the new site. Pelican's bookkeeping (a file written twice) and its
``content_written`` signal are as for a written page."""

from __future__ import annotations

import io
import logging
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from jinja2 import Template
from pelican.contents import Content, Static
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from healthnotes.config import SiteConfig, adds_jinja_code
from healthnotes.publish import published_folder
from healthnotes.site.kept_pages import STORE, KeptPages, Kinds, PageKeys, code_digest

log = logging.getLogger(__name__)


def pelican_kinds() -> Kinds:
    """Pelican's classes, as a page's key knows them."""
    return Kinds(content=Content, static=Static, wrapper=URLWrapper, paginator=Paginator, page=Page)


class KeepingWriter(Writer):
    """Pelican's :class:`~pelican.writers.Writer`; a page whose key is the last build's
    is that build's file again instead of being rendered and written."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.pages: KeptPages | None = None
        self.keys: PageKeys | None = None
        self._started = False
        self._linked: str | None = None  # the file just linked, for _open_w

    def keeping(self, context: dict[str, Any]) -> bool:
        """Whether pages can be kept in this build (decided when the first page is
        written, when every file's address is known): not when the settings add Jinja2
        code, nor in a site this project's plugin does not build."""
        if not self._started:
            self._started = True
            config = context.get("SITE")
            if isinstance(config, SiteConfig) and not adds_jinja_code(self.settings):
                today = datetime.now(ZoneInfo(config.timezone)).date()
                self.keys = PageKeys(code_digest(), context, today, pelican_kinds())
                output = Path(self.output_path)
                self.pages = KeptPages(
                    config.cache_path / STORE,
                    published_folder(output),
                    output,
                    retired=config.retired_output,
                )
                if self.keys.unknown:
                    log.debug("Kept pages: not digested: %s", ", ".join(sorted(self.keys.unknown)))
        return self.pages is not None

    def write_file(  # type: ignore[override]
        self, name: str, template: Template, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        if name and self.keeping(context):
            template = _Keeping(template, self)  # type: ignore[assignment]
        super().write_file(name, template, context, *args, **kwargs)

    def kept(self, template: Template, page: dict[str, Any]) -> bool:
        """Link the last build's file of ``page`` into the new site when it is unchanged."""
        assert self.keys is not None and self.pages is not None
        name = str(page["output_file"])
        key = self.keys.key(template, page)
        if key is None:
            return False
        kept = self.pages.kept_file(name, key)
        path = sanitised_join(self.output_path, name)
        if kept is None or path in self._overridden_files or not self.pages.link(kept, path):
            return False
        self._linked = path
        return True

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> IO[str]:
        if filename != self._linked:
            return super()._open_w(filename, encoding, override)
        self._linked = None
        # Pelican's bookkeeping, without opening the file: it is linked already.
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already '
                "written to it previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return io.StringIO()


class _Keeping:
    """A template whose ``render`` links an unchanged page instead (and returns nothing
    for Pelican to write)."""

    def __init__(self, template: Template, writer: KeepingWriter) -> None:
        self.template = template
        self.writer = writer

    def render(self, page: dict[str, Any]) -> str:
        if self.writer.kept(self.template, page):
            return ""
        return self.template.render(page)
