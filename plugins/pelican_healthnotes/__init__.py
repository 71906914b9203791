"""The practice blog's one Pelican plugin.

``register`` connects Pelican's signals: the Markdown reader that reports mistakes
(:mod:`.reader`), the theme's compiled-template cache, the writer that keeps unchanged
pages from the last build (:mod:`.writer`), and :class:`.site.HealthNotes`,
Pelican's generator for everything the practice site adds, created once per build and
holding that build's state. Every decision lives in the ``healthnotes`` library.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import Pelican, signals
from pelican.readers import Readers

from .reader import PracticeMarkdownReader
from .site import HealthNotes
from .writer import KeepingWriter


def register() -> None:
    signals.initialized.connect(keep_compiled_templates)
    signals.readers_init.connect(install_reader)
    signals.get_generators.connect(generators)
    signals.get_writer.connect(writer)


def generators(pelican: Pelican) -> type[HealthNotes]:
    """Pelican's extension point for new outputs: our generator, once per build."""
    return HealthNotes


def writer(pelican: Pelican) -> type[KeepingWriter]:
    """Pelican's writer, rendering only the pages whose inputs changed."""
    return KeepingWriter


def install_reader(readers: Readers) -> None:
    """Read Markdown with the reader that reports mistakes instead of dropping posts."""
    for extension in PracticeMarkdownReader.file_extensions:
        readers.reader_classes[extension] = PracticeMarkdownReader
        readers.readers[extension] = PracticeMarkdownReader(readers.settings)


#: Beside Pelican's content cache: the theme's templates, compiled (Jinja2 bytecode).
TEMPLATE_CACHE_FOLDER = "jinja2"


def keep_compiled_templates(pelican: Pelican) -> None:
    """Keep the theme's compiled templates beside Pelican's content cache: Pelican
    compiles every template for each of its generators on every build (about 0.2 s
    a generator here; loading them compiled takes a tenth of that). Jinja2 checks each
    template's source against what it compiled, so an edited template is compiled again."""
    settings: dict[str, Any] = pelican.settings
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
