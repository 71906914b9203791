"""Everything this library reports to a person, in one place.

Hierarchy::

    SyndicateError          base class of every error raised on purpose
    ├── SettingsError       a setting in pelicanconf.py/publishconf.py is wrong;
    │                       names the key, what was expected and how to fix it
    ├── SearchIndexError    Pagefind could not index the site (an installation
    │                       to repair, not a post to fix)
    └── ContentProblems     one or more posts are invalid; carries *every*
                            Problem found in the run, so a person fixes all of
                            them at once instead of one per build

A :class:`Problem` is one line a person can act on: the file, the metadata
field, what was found and what was expected. Problems with severity
``"warning"`` are printed but do not stop a build.

Anything else that escapes this library is a bug, not a user mistake.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One actionable finding about one file."""

    file: str
    field: str
    message: str
    severity: Severity = "error"
    line: int | None = None
    column: int | None = None

    def format(self) -> str:
        """``content/posts/x.md:3: Myth: required ... — add a line "Myth: ..."``."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.line is not None and self.column is not None:
            where = f"{where}:{self.column}"
        label = "" if self.severity == "error" else "warning: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {label}{field}{self.message}"


class UndigestedValue(Exception):
    """A value a page's key cannot see into (:mod:`healthnotes.site.kept_pages`): the page
    is rendered, as always. Never shown to a person."""


class SiteListing(UndigestedValue):
    """A site-wide value that holds the site's posts (a page naming it counts them all)."""


class SyndicateError(Exception):
    """Base class for errors a person can fix."""

    exitcode = 2
    #: The last line a build prints under the error's own.
    summary = "1 problem stops publishing"


class SettingsError(SyndicateError):
    """A site setting is missing or invalid."""

    summary = "1 problem in the settings"

    def __init__(self, key: str, message: str, *, settings_file: str = "pelicanconf.py") -> None:
        self.key = key
        self.settings_file = settings_file
        self.detail = message
        super().__init__(f"{settings_file}: {key}: {message}")

    def __reduce__(self) -> tuple[object, ...]:  # pickled whole (background work)
        return (_settings_error, (self.key, self.detail, self.settings_file))


class SearchIndexError(SyndicateError):
    """Pagefind could not index the site (:mod:`healthnotes.site.search`)."""

    summary = "1 problem with the search index"


class ContentProblems(SyndicateError):
    """The content cannot be published; ``problems`` lists every reason."""

    exitcode = 1

    def __init__(self, problems: Iterable[Problem], *, identifiers: Iterable[str] = ()) -> None:
        unique = dict.fromkeys(problems)  # the same problem found twice is one line
        self.problems = tuple(sorted(unique, key=lambda p: (p.file, p.line or 0, p.field)))
        self.summary = problem_summary(self.problems)
        #: The identifiers the gate found (exact texts): never shown, every message that
        #: is printed masks them wherever they stand (healthnotes.gate.messages).
        self.identifiers = tuple(identifiers)
        # The message holds every line: `make devserver` (Pelican's autoreload) prints
        # only the exception's text.
        super().__init__("\n".join([*self.lines(), self.summary]))

    def __reduce__(self) -> tuple[object, ...]:  # pickled whole (background work)
        return (_content_problems, (self.problems, self.identifiers))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity != "error")

    def lines(self) -> list[str]:
        """Every problem that stops publishing, then every warning: one line each."""
        return [p.format() for p in (*self.errors, *self.warnings)]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def problem_summary(problems: Iterable[Problem]) -> str:
    """``2 problems stop publishing (in 1 file); 3 warnings``: warnings counted apart."""
    found = list(problems)
    errors = [p for p in found if p.severity == "error"]
    warnings = len(found) - len(errors)
    files = len({p.file for p in errors})
    verb = "stops" if len(errors) == 1 else "stop"
    summary = f"{_count(len(errors), 'problem')} {verb} publishing (in {_count(files, 'file')})"
    return f"{summary}; {_count(warnings, 'warning')}" if warnings else summary


def _content_problems(
    problems: tuple[Problem, ...], identifiers: tuple[str, ...]
) -> ContentProblems:
    return ContentProblems(problems, identifiers=identifiers)


def _settings_error(key: str, message: str, settings_file: str) -> SettingsError:
    return SettingsError(key, message, settings_file=settings_file)
