"""Pelican's writer, rendering only the pages whose inputs changed since the last build
(:mod:`healthnotes.site.kept_pages`); every page is still written, in the same order,
and Pelican's ``content_written`` signal still sent for each."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Template
from pelican.writers import Writer

from healthnotes.config import adds_jinja_code, build_folders
from healthnotes.publish import published_folder
from healthnotes.site import kept_pages

log = logging.getLogger(__name__)


class KeepingWriter(Writer):
    """Pelican's :class:`~pelican.writers.Writer`; a page whose key is the last build's
    is that build's text again instead of being rendered."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.pages: kept_pages.KeptPages | None = None
        self._base: str | None = None

    def keeping(self, context: Mapping[str, Any]) -> kept_pages.KeptPages | None:
        """This build's :class:`~healthnotes.site.kept_pages.KeptPages` (made when the
        first page is written: by then every file's address is known); None when
        pages cannot be kept (the settings add Jinja2 code)."""
        if self.pages is None and self._base is None:
            settings = self.settings
            self._base = ""
            if adds_jinja_code(settings):
                return None
            output = Path(self.output_path)
            cache = build_folders(settings).cache
            self._base = kept_pages.digest(
                kept_pages.code_digest(), kept_pages.settings_digest(settings)
            )
            self.pages = kept_pages.KeptPages(
                cache / kept_pages.STORE,
                published_folder(output),
                output,
                base=self._base,
                links=kept_pages.links_digest(context),
            )
        return self.pages

    def write_file(  # type: ignore[override]
        self, name: str, template: Template, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        pages = self.keeping(context) if name else None
        if pages is not None:
            template = _Keeping(template, pages, context)  # type: ignore[assignment]
        super().write_file(name, template, context, *args, **kwargs)


class _Keeping:
    """A template whose ``render`` is the last build's text of an unchanged page."""

    def __init__(
        self, template: Template, pages: kept_pages.KeptPages, site: Mapping[str, Any]
    ) -> None:
        self.template = template
        self.pages = pages
        self.site = site

    def render(self, page: dict[str, Any]) -> str:
        name = str(page["output_file"])
        key = self.pages.key(self.template, page, self.site)
        if key is not None:
            self.pages.written[name] = key
            text = self.pages.text(name, key)
            if text is not None:
                self.pages.kept += 1
                return text
        return self.template.render(page)
