"""Site configuration: built once from Pelican's settings, frozen, passed down.

:func:`SiteConfig.from_settings` is the one place that reads the settings a
practice edits (``PRACTICE``, ``BRAND``, ``FEED_MAX_ITEMS``, …), fills in
defaults and checks them. A bad value raises :class:`SettingsError` naming
the key, what was expected and how to fix it.
"""

from __future__ import annotations

import os
import runpy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from healthnotes.editorial.settings import Editorial, editorial_settings
from healthnotes.errors import SettingsError
from healthnotes.site.search import SHELF_SIZE
from healthnotes.social.platforms import PLATFORMS, image_platform

#: WCAG 2.2 AA minimum contrast for normal-size text (success criterion 1.4.3).
MIN_TEXT_CONTRAST = 4.5

DEFAULT_FEED_MAX_ITEMS = 20
#: Where the build keeps cards, fitted texts and check results between runs.
DEFAULT_CACHE_PATH = ".cache/healthnotes"
DEFAULT_REPORT_PATH = "reports/build-report.html"

#: Largest picture (width x height) the build opens: a small file can hold a huge
#: picture that takes gigabytes to decode. ``MAX_PICTURE_PIXELS`` changes it.
DEFAULT_MAX_PICTURE_PIXELS = 50_000_000

#: Pelican's per-file fields that choose where a file is written, under which address,
#: in which language or with which template. A post or page may not write them unless
#: ``ALLOW_CONTENT_OVERRIDES`` names the field.
CONTENT_OVERRIDES = (
    "save_as",
    "url",
    "override_save_as",
    "override_url",
    "template",
    "slug",
    "lang",
    "translation",
    "path",
)

_BRAND_DEFAULTS: Mapping[str, str] = {
    "primary": "#1f5f8b",
    "accent": "#a8432a",
    "text": "#1b1f23",
    "background": "#ffffff",
    "surface": "#f4f7f9",
}

#: (foreground, background) pairs the theme draws text with; each must reach
#: MIN_TEXT_CONTRAST. "white" is the text colour on primary/accent bars.
_CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("primary", "background"),
    ("primary", "surface"),
    ("accent", "background"),
    ("accent", "surface"),
    ("#ffffff", "primary"),
    ("#ffffff", "accent"),
)

_PRACTICE_REQUIRED = ("name", "street", "city", "region", "postal_code", "phone", "email")


@dataclass(frozen=True, kw_only=True)
class Practice:
    """The practice's public identity (allowed on every page)."""

    name: str
    street: str
    city: str
    region: str
    postal_code: str
    country: str
    phone: str
    email: str
    fax: str | None = None
    booking_url: str | None = None
    hours: tuple[str, ...] = ()
    staff: tuple[str, ...] = ()

    @property
    def one_line_address(self) -> str:
        return f"{self.street}, {self.city}, {self.region} {self.postal_code}"

    @property
    def phone_href(self) -> str:
        """``tel:`` link target: digits only, with a leading + kept."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        if self.phone.strip().startswith("+"):
            return f"+{digits}"
        return f"+1{digits}" if len(digits) == 10 and self.country == "US" else digits


@dataclass(frozen=True, kw_only=True)
class Brand:
    """Colours (CSS hex) and logo (path relative to the content folder)."""

    primary: str
    accent: str
    text: str
    background: str
    surface: str
    logo: str | None = None


@dataclass(frozen=True, kw_only=True)
class SiteConfig:
    """Everything the library needs from the settings, validated."""

    site_url: str
    site_name: str
    language: str
    timezone: str
    practice: Practice
    brand: Brand
    feed_max_items: int
    guid_base: str
    content_root: Path
    static_paths: tuple[str, ...]
    default_author: str | None = None
    #: Enabled syndication platforms (keys of healthnotes.social.platforms.PLATFORMS), in order.
    platforms: tuple[str, ...] = ()
    #: The safety gate: reading grade target, whether above it is an error, review age.
    reading_target: float = 8.0
    reading_as_error: bool = False
    review_max_age_days: int = 365
    #: Where the build keeps what it made between runs, and writes its report.
    cache_path: Path = Path(DEFAULT_CACHE_PATH)
    report_path: Path = Path(DEFAULT_REPORT_PATH)
    #: Worker processes for fitting, drawing and checking (0: everything in the build's own).
    concurrency: int = 1
    article_paths: tuple[str, ...] = ("posts",)
    page_paths: tuple[str, ...] = ("pages",)
    #: Fields of :data:`CONTENT_OVERRIDES` a post or page may write (lower-case).
    allow_content_overrides: frozenset[str] = frozenset()
    max_picture_pixels: int = DEFAULT_MAX_PICTURE_PIXELS
    #: The publishing calendar and the editorial rules (healthnotes.calendar, .editorial).
    editorial: Editorial = field(default_factory=lambda: Editorial())
    #: ``VIDEO``: make each post's short vertical video (``video.mp4``); off by default
    #: (seconds of encoding a post on a cold build). A post opts out with ``Video: no``.
    video: bool = False
    #: ``PUBLIC_NAMES``: names that are public where the practice is and never a patient's
    #: (local places, businesses, programmes, products); the safety gate finds no person,
    #: place or other identifier inside one, in any post.
    public_names: tuple[str, ...] = ()
    #: ``SEARCH_SHELF_SIZE``: posts' pages per shelf of the search index, each indexed on
    #: its own so an edit indexes one shelf again (healthnotes.site.search).
    search_shelf_size: int = SHELF_SIZE
    #: ``CHECK_ONLY`` (set by ``make check``, not by hand): this build publishes nothing,
    #: so its report links to the last build in the output folder and it records no address.
    check_only: bool = False
    #: ``RETIRED_OUTPUT`` (set by ``build.py``, not by hand): the site the build before
    #: last published, whose folders this build may take instead of making them again
    #: (:class:`healthnotes.cache.files.Folders`). Not what any page is made from.
    retired_output: Path | None = field(default=None, metadata={"per_build": True})

    @property
    def published_paths(self) -> tuple[str, ...]:
        """The folders of content/ whose files can be published."""
        return (*self.static_paths, *self.article_paths, *self.page_paths)

    @classmethod
    def from_file(cls, path: str) -> SiteConfig:
        """The configuration of the settings file at ``path`` (a command's ``--settings``)."""
        return cls.from_settings(runpy.run_path(path), settings_file=Path(path).name)

    @classmethod
    def beside_file(cls, path: str | Path) -> SiteConfig:
        """The configuration of the settings file at ``path``, its ``PATH`` taken from the
        file's folder as Pelican takes it (:func:`settings_beside_file`)."""
        return cls.from_settings(settings_beside_file(path), settings_file=Path(path).name)

    @classmethod
    def from_settings(
        cls, settings: Mapping[str, Any], *, settings_file: str = "pelicanconf.py"
    ) -> SiteConfig:
        """Build and check the configuration from a Pelican settings mapping."""

        def fail(key: str, message: str) -> SettingsError:
            return SettingsError(key, message, settings_file=settings_file)

        site_url = str(settings.get("SITEURL") or "").rstrip("/")
        if not _is_http_url(site_url):
            raise fail(
                "SITEURL",
                f"expected an absolute http(s) address such as 'https://blog.example.org', "
                f"got {site_url!r}. Feeds and link previews need absolute links.",
            )

        practice = _practice(settings.get("PRACTICE"), fail)
        brand = _brand(settings.get("BRAND"), fail)

        timezone = _timezone(settings, "", fail)

        max_items = settings.get("FEED_MAX_ITEMS")
        if max_items is None:
            max_items = DEFAULT_FEED_MAX_ITEMS
        if isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 1:
            raise fail(
                "FEED_MAX_ITEMS", f"expected a whole number of at least 1, got {max_items!r}"
            )

        guid_base = str(settings.get("FEED_GUID_BASE") or site_url).rstrip("/")
        if not _is_http_url(guid_base):
            raise fail(
                "FEED_GUID_BASE",
                f"expected an absolute http(s) address, got {guid_base!r}",
            )

        platforms = _platforms(settings.get("PLATFORMS"), fail)
        _paginated_listings(settings.get("PAGINATED_TEMPLATES"), fail)
        content_root = content_folder(settings)
        if brand.logo and not (content_root / brand.logo).is_file():
            raise fail(
                "BRAND['logo']",
                f"file content/{brand.logo} does not exist; put the logo (PNG) in the content "
                "folder or remove the 'logo' line",
            )

        reading_target = _number(
            settings, "READING_GRADE_TARGET", 8, fail, low=1, high=20, what="a school grade"
        )
        reading_as_error = _flag(settings, "READING_GRADE_AS_ERROR", False, fail)
        review_days = int(
            _number(settings, "REVIEW_MAX_AGE_DAYS", 365, fail, low=1, high=3650, whole=True)
        )
        concurrency = int(
            _number(
                settings, "CONCURRENCY", default_concurrency(), fail, low=0, high=64, whole=True
            )
        )
        folders = build_folders(settings, settings_file=settings_file)
        overrides = _content_overrides(settings.get("ALLOW_CONTENT_OVERRIDES"), fail)
        max_pixels = settings.get("MAX_PICTURE_PIXELS")
        if max_pixels is None:
            max_pixels = DEFAULT_MAX_PICTURE_PIXELS
        if isinstance(max_pixels, bool) or not isinstance(max_pixels, int) or max_pixels < 1:
            raise fail(
                "MAX_PICTURE_PIXELS",
                f"expected a whole number of pixels (width x height), e.g. 50_000_000, "
                f"got {max_pixels!r}",
            )

        return cls(
            editorial=editorial_settings(settings, fail),
            reading_target=float(reading_target),
            reading_as_error=reading_as_error,
            review_max_age_days=review_days,
            cache_path=folders.cache.resolve(),
            report_path=folders.report.resolve(),
            concurrency=concurrency,
            platforms=platforms,
            article_paths=_folders(settings, "ARTICLE_PATHS", ("posts",), fail),
            page_paths=_folders(settings, "PAGE_PATHS", ("pages",), fail),
            allow_content_overrides=overrides,
            max_picture_pixels=max_pixels,
            video=_flag(settings, "VIDEO", False, fail),
            public_names=_public_names(settings.get("PUBLIC_NAMES"), fail),
            check_only=_flag(settings, "CHECK_ONLY", False, fail),
            retired_output=_retired(settings.get("RETIRED_OUTPUT")),
            search_shelf_size=int(
                _number(
                    settings,
                    "SEARCH_SHELF_SIZE",
                    SHELF_SIZE,
                    fail,
                    low=1,
                    high=1_000_000,
                    whole=True,
                )
            ),
            site_url=site_url,
            site_name=str(settings.get("SITENAME") or practice.name),
            language=str(settings.get("DEFAULT_LANG") or "en"),
            timezone=timezone,
            practice=practice,
            brand=brand,
            feed_max_items=max_items,
            guid_base=guid_base,
            content_root=content_root,
            static_paths=tuple(str(p) for p in settings.get("STATIC_PATHS") or ("images",)),
            default_author=settings.get("AUTHOR") or None,
        )


def settings_beside_file(path: str | Path) -> dict[str, Any]:
    """What the settings file at ``path`` sets, with ``PATH`` (the content folder) taken
    from the file's folder, as Pelican takes it, so a command finds the content wherever
    it is run from."""
    settings = runpy.run_path(str(path))
    settings["PATH"] = str(Path(path).resolve().parent / str(settings.get("PATH") or "content"))
    return settings


def content_folder(settings: Mapping[str, Any]) -> Path:
    """``PATH``, the content folder (Pelican's settings hold it absolute)."""
    return Path(str(settings.get("PATH") or "content")).resolve()


def build_inputs(
    settings: Mapping[str, Any], settings_path: Path, *, written: Iterable[Path]
) -> list[Path]:
    """Every file and folder a build reads besides this project's code: the settings
    file's folder (its files, not its sub-folders nor hidden files: the settings and what
    they import), the content folder, and every existing absolute path a setting names
    (the theme, the plugins' folders, ...), except what the build writes (``written``:
    its output, caches and report) and any folder that holds the project itself. A path
    too many only costs a build that could have been skipped."""
    home = settings_path.resolve().parent
    skipped = {Path(path).resolve() for path in written}
    inputs = [path for path in home.iterdir() if path.is_file() and path.name[0] != "."]
    inputs.append(content_folder(settings))
    for value in settings.values():
        names = value if isinstance(value, (list, tuple)) else [value]
        for name in names:
            if not isinstance(name, str) or not name.startswith("/"):
                continue
            path = Path(name).resolve()
            if path in home.parents or path == home or not path.exists():
                continue
            if not any(path == folder or path.is_relative_to(folder) for folder in skipped):
                inputs.append(path)
    return inputs


@dataclass(frozen=True, kw_only=True)
class BuildFolders:
    """The folders a build writes besides its output: ``BUILD_CACHE_PATH`` and the
    report's (``REPORT_PATH``), as the settings give them (made absolute by the caller)."""

    cache: Path
    report: Path


def build_folders(
    settings: Mapping[str, Any], *, settings_file: str = "pelicanconf.py"
) -> BuildFolders:
    """The build's folders, read alone: ``build.py`` locks the cache and names these
    folders in its messages before the plugin checks the other settings."""

    def fail(key: str, message: str) -> SettingsError:
        return SettingsError(key, message, settings_file=settings_file)

    return BuildFolders(
        cache=_path(settings, "BUILD_CACHE_PATH", DEFAULT_CACHE_PATH, fail),
        report=_path(settings, "REPORT_PATH", DEFAULT_REPORT_PATH, fail),
    )


@dataclass(frozen=True, kw_only=True)
class NewPostSettings:
    """What ``make new`` needs: the folder new posts go in (the first of
    ``ARTICLE_PATHS``), the time zone that says what day it is, the default author."""

    posts: Path
    timezone: str
    author: str


def new_post_settings(
    settings: Mapping[str, Any], *, settings_file: str = "pelicanconf.py"
) -> NewPostSettings:
    """The settings ``make new`` uses, checked alone: starting a post does not wait for
    an unrelated setting (a brand colour, a feed size) to be fixed; the build reports
    those. ``TIMEZONE`` may be left out here (UTC)."""

    def fail(key: str, message: str) -> SettingsError:
        return SettingsError(key, message, settings_file=settings_file)

    folders = _folders(settings, "ARTICLE_PATHS", ("posts",), fail) or ("posts",)
    return NewPostSettings(
        posts=content_folder(settings) / folders[0],
        timezone=_timezone(settings, "UTC", fail),
        author=str(settings.get("AUTHOR") or ""),
    )


def default_concurrency() -> int:
    """The number of cores this process may run on (``CONCURRENCY``'s default)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _number(
    settings: Mapping[str, Any],
    key: str,
    default: float,
    fail: Any,
    *,
    low: float,
    high: float,
    whole: bool = False,
    what: str = "a number",
) -> float:
    """A number setting within [low, high] (a whole number when ``whole``)."""
    value = settings.get(key, default)
    if value is None:
        value = default
    kind = "a whole number" if whole else what
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (whole and not isinstance(value, int))
        or not low <= value <= high
    ):
        raise fail(key, f"expected {kind} from {low:g} to {high:g}, got {value!r}")
    return value


def _retired(value: object) -> Path | None:
    """``RETIRED_OUTPUT``: a folder, given by ``build.py`` only (anything else: none)."""
    return Path(value) if isinstance(value, (str, os.PathLike)) and os.fspath(value) else None


def _flag(settings: Mapping[str, Any], key: str, default: bool, fail: Any) -> bool:
    value = settings.get(key, default)
    if not isinstance(value, bool):
        raise fail(key, f"expected True or False, got {value!r}")
    return value


def _path(settings: Mapping[str, Any], key: str, default: str, fail: Any) -> Path:
    value = settings.get(key) or default
    if not isinstance(value, str | Path) or not str(value).strip():
        raise fail(key, f"expected a folder or file path such as {default!r}, got {value!r}")
    return Path(value)


#: The theme's listings: each shows its page's posts (``articles_page``), so each must be
#: paginated (Pelican's default; ``None`` means ``DEFAULT_PAGINATION``, which may be off:
#: then one page holds them all).
LISTING_TEMPLATES = ("index", "tag", "category", "author")


def _paginated_listings(value: Any, fail: Any) -> None:
    if value is None:
        return  # Pelican's default lists them all
    missing = [
        name for name in LISTING_TEMPLATES if not isinstance(value, Mapping) or name not in value
    ]
    if missing:
        raise fail(
            "PAGINATED_TEMPLATES",
            f"expected it to list {', '.join(LISTING_TEMPLATES)} (the theme's listings show "
            f"their page's posts; None for each means DEFAULT_PAGINATION), but "
            f"{', '.join(missing)} is not listed; add it, e.g. {{'{missing[0]}': None}}",
        )


def _timezone(settings: Mapping[str, Any], default: str, fail: Any) -> str:
    timezone = str(settings.get("TIMEZONE") or default)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise fail(
            "TIMEZONE",
            f"expected a time zone name such as 'America/Los_Angeles', got {timezone!r}",
        ) from None
    return timezone


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio between two CSS colours (1.0 to 21.0)."""
    from coloraide import Color  # the processes that only read a Post never need it

    return float(Color(foreground).contrast(Color(background), method="wcag21"))


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _folders(
    settings: Mapping[str, Any], key: str, default: tuple[str, ...], fail: Any
) -> tuple[str, ...]:
    raw = settings.get(key)
    if raw is None:
        return default
    if isinstance(raw, str) or not all(isinstance(p, str) for p in raw):
        raise fail(key, f"expected a list of folder names inside content/, e.g. {list(default)}")
    return tuple(raw)


def _content_overrides(raw: Any, fail: Any) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if isinstance(raw, str) or not all(isinstance(k, str) for k in raw):
        raise fail(
            "ALLOW_CONTENT_OVERRIDES",
            "expected a list of field names, e.g. ['Template'] (or [] for none)",
        )
    unknown = [k for k in raw if k.lower() not in CONTENT_OVERRIDES]
    if unknown:
        known = ", ".join("_".join(p.capitalize() for p in k.split("_")) for k in CONTENT_OVERRIDES)
        raise fail(
            "ALLOW_CONTENT_OVERRIDES",
            f"unknown field {', '.join(map(repr, unknown))}; fields that can be allowed: {known}",
        )
    return frozenset(k.lower() for k in raw)


def _public_names(raw: Any, fail: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    example = "e.g. ['Willamette Valley', 'Riverside Community Center'] (or [] for none)"
    if isinstance(raw, str) or not isinstance(raw, (list, tuple, set, frozenset)):
        raise fail("PUBLIC_NAMES", f"expected a list of names in quotes, {example}")
    for name in raw:
        if not isinstance(name, str) or not any(c.isalpha() for c in name):
            raise fail("PUBLIC_NAMES", f"expected each name in quotes, {example}; got {name!r}")
        if len(name.split()) < 2 and not any(c.isupper() for c in name[1:]):
            raise fail(
                "PUBLIC_NAMES",
                f"{name!r} is one word: a single word here would hide every patient who has "
                "it as a name; write the whole name (e.g. 'Willamette Valley'), or clear one "
                "post's finding with an Exception: line",
            )
    return tuple(dict.fromkeys(" ".join(name.split()) for name in raw))


def _platforms(raw: Any, fail: Any) -> tuple[str, ...]:
    if raw is None:
        return tuple(PLATFORMS)
    if isinstance(raw, str) or not all(isinstance(k, str) for k in raw):
        raise fail("PLATFORMS", "expected a list of platform names, e.g. ['og', 'x', 'bluesky']")
    unknown = [k for k in raw if k not in PLATFORMS]
    if unknown:
        raise fail(
            "PLATFORMS",
            f"unknown platform {', '.join(map(repr, unknown))}; known platforms: "
            f"{', '.join(PLATFORMS)}",
        )
    chosen = tuple(dict.fromkeys(raw))
    for key in chosen:  # a text platform needs the platform whose image it attaches
        source = image_platform(PLATFORMS[key]).key
        if source not in chosen:
            raise fail(
                "PLATFORMS",
                f"{key!r} posts with the {source!r} image; add {source!r} to the list",
            )
    return chosen


def _practice(raw: Any, fail: Any) -> Practice:
    if not isinstance(raw, Mapping):
        raise fail("PRACTICE", "expected a dict with the practice's name, address, phone and email")
    missing = [k for k in _PRACTICE_REQUIRED if not str(raw.get(k) or "").strip()]
    if missing:
        raise fail(
            "PRACTICE",
            f"missing {', '.join(repr(k) for k in missing)}; "
            "every page shows the practice's name, address, phone and email",
        )
    booking = raw.get("booking_url")
    if booking and not _is_http_url(str(booking)):
        raise fail("PRACTICE['booking_url']", f"expected an http(s) address, got {booking!r}")
    for key in ("hours", "staff"):
        value = raw.get(key, ())
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise fail(f"PRACTICE[{key!r}]", "expected a list of strings")
    return Practice(
        name=str(raw["name"]).strip(),
        street=str(raw["street"]).strip(),
        city=str(raw["city"]).strip(),
        region=str(raw["region"]).strip(),
        postal_code=str(raw["postal_code"]).strip(),
        country=str(raw.get("country") or "US").strip(),
        phone=str(raw["phone"]).strip(),
        email=str(raw["email"]).strip(),
        fax=(str(raw["fax"]).strip() or None) if raw.get("fax") else None,
        booking_url=str(booking) if booking else None,
        hours=tuple(raw.get("hours", ())),
        staff=tuple(raw.get("staff", ())),
    )


def _brand(raw: Any, fail: Any) -> Brand:
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise fail("BRAND", "expected a dict of colours, e.g. {'primary': '#1f5f8b'}")
    unknown = sorted(set(raw) - {*_BRAND_DEFAULTS, "logo"})
    if unknown:
        raise fail(
            "BRAND",
            f"unknown key(s) {', '.join(map(repr, unknown))}; "
            f"known keys: {', '.join([*_BRAND_DEFAULTS, 'logo'])}",
        )
    from coloraide import Color  # imported here: every process that reads a Post imports this

    colours: dict[str, str] = {}
    for key, default in _BRAND_DEFAULTS.items():
        value = str(raw.get(key, default)).strip()
        try:
            Color(value)
        except ValueError:
            raise fail(
                f"BRAND[{key!r}]",
                f"{value!r} is not a colour; expected a hex colour like '#1f5f8b'",
            ) from None
        colours[key] = Color(value).convert("srgb").to_string(hex=True)
    for fg, bg in _CONTRAST_PAIRS:
        fg_colour, bg_colour = colours.get(fg, fg), colours[bg]
        ratio = contrast(fg_colour, bg_colour)
        if ratio < MIN_TEXT_CONTRAST:
            key = fg if fg in colours else bg
            raise fail(
                f"BRAND[{key!r}]",
                f"{fg_colour} on {bg_colour} has contrast {ratio:.2f}:1; WCAG 2.2 AA needs "
                f"at least {MIN_TEXT_CONTRAST}:1 for text. Pick a darker or lighter shade.",
            )
    logo = raw.get("logo")
    return Brand(logo=str(logo) if logo else None, **colours)


def adds_jinja_code(settings: Mapping[str, Any]) -> bool:
    """Whether the settings add Jinja2 filters, globals or tests (``JINJA_FILTERS``,
    ``JINJA_GLOBALS``, ``JINJA_TESTS``): code that pages run while they are rendered,
    which a page's key cannot see into (:mod:`healthnotes.site.kept_pages`)."""
    return any(settings.get(name) for name in ("JINJA_FILTERS", "JINJA_GLOBALS", "JINJA_TESTS"))
