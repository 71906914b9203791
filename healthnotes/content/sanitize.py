"""Raw HTML in posts and pages, made safe to publish, and every removal reported.

Call :func:`sanitize` on the HTML Markdown made of a post (``Markdown.convert``),
before it reaches a page or a feed::

    result = sanitize(html, source="content/posts/x.md", source_text=markdown_text)
    result.html       # what may be published (pages and every feed)
    result.problems   # Problem per removal: errors stop the build, warnings do not

Why it exists
-------------
Markdown passes raw HTML through unchanged, so anything pasted into a post used
to be published as is: ``<script>``, frames, event handlers (``onerror=``),
``javascript:`` links (also as ``[x](javascript:...)``), forms, ``<meta>``
redirects, ``<base>``, plugins, and tracking pixels pasted from marketing copy.
HHS has warned covered entities about tracking technologies on health pages,
and the site promises none.

How
---
* The HTML goes through ``nh3`` (Python binding of Ammonia, a maintained HTML5
  sanitizer) with an allowlist for patient education (:data:`ALLOWED_TAGS`,
  :data:`ALLOWED_ATTRIBUTES`, :data:`ALLOWED_CLASSES`, :data:`URL_SCHEMES`).
  Markdown extra's own output (footnotes, tables, abbreviations, attribute
  lists, fenced code, definition lists) and the ids of the toc extension pass.
  Every link gets ``rel="noopener noreferrer"``: a patient following a link
  does not tell the other site which health page they were reading.
* What was removed is found by comparing what nh3 was given with what it
  returned, both read with the standard library's ``html.parser`` (elements,
  attributes and class names that went in and did not come out). Each removal
  is classified (:func:`_element_problem`, :func:`_attribute_problem`) and
  located in the Markdown source by searching its text (line and column of the
  first occurrence not already reported).
* What is returned is always nh3's output, never the input: the sanitizer's
  own serialisation is what a browser will parse. It is the same document as
  the input when nothing is removed, but not the same bytes (named entities
  such as ``&rsquo;`` come out as the characters, ``<br />`` as ``<br>``).

Remote images are not allowed
-----------------------------
A picture from another site is a request to that site every time a patient
opens the page: it tells the other site the patient's address, browser and
(through the Referer header or the picture's own address) which health page
they were reading. That is exactly what a tracking pixel is, and the
difference between "a pixel" and "a picture" cannot be seen from the HTML. The
site promises no third-party requests, and its Content-Security-Policy
(:data:`CSP`, ``img-src 'self'``) blocks remote pictures in the browser
anyway, so a remote picture would only show as a broken image. So an ``<img>``
whose address is not on the site itself is an error: "download the picture
into content/images/ and link it as images/…". Pictures from a known tracker
(:data:`TRACKERS`) get a message of their own.

Videos
------
No frames are allowed (an embedded player loads the video site, its cookies
and its analytics as soon as the page opens). A practice that wants a video
writes a ``Video:`` line (:func:`expand_videos`, docs/sanitize.md), which
becomes a picture from the site's own images linked to the video's page: the
video site hears nothing until the patient clicks.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

import nh3

from healthnotes.errors import Problem, Severity

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_CLASSES",
    "ALLOWED_TAGS",
    "CSP",
    "TRACKERS",
    "URL_SCHEMES",
    "Sanitized",
    "Tracker",
    "Video",
    "csp_header",
    "csp_header_for",
    "csp_rules",
    "expand_videos",
    "headers_file",
    "page_policy",
    "sanitize",
    "style_hashes",
    "tracker_for",
    "video_html",
]

# --- The allowlist -----------------------------------------------------------

#: Elements a post may contain (everything Markdown extra, sane_lists, smarty
#: and toc write, plus the few HTML-only ones useful in patient education).
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        # text and headings
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "div", "span"),
        # lists
        *("ul", "ol", "li", "dl", "dt", "dd"),
        # tables
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"),
        # emphasis and inline
        *("em", "strong", "b", "i", "u", "s", "mark", "small", "sub", "sup", "abbr"),
        *("q", "cite", "time", "del", "ins", "kbd", "code", "pre"),
        # links, pictures, disclosure
        *("a", "img", "figure", "figcaption", "details", "summary"),
    }
)

#: Attributes allowed on every element: the ids that toc puts on headings,
#: footnotes on ``<sup>``/``<li>``, attribute lists anywhere; ``title``; and
#: ``class``, whose values are filtered against :data:`ALLOWED_CLASSES`.
_GENERIC_ATTRIBUTES = frozenset({"id", "title", "class", "lang", "dir"})

#: Attributes allowed on particular elements (``rel`` on links is set, not kept).
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "*": _GENERIC_ATTRIBUTES,
        "a": frozenset({"href", "hreflang"}),
        "img": frozenset({"src", "alt", "width", "height", "title", "loading"}),
        "th": frozenset({"colspan", "rowspan", "scope", "abbr"}),
        "td": frozenset({"colspan", "rowspan"}),
        "col": frozenset({"span"}),
        "colgroup": frozenset({"span"}),
        "ol": frozenset({"start", "reversed", "type"}),
        "li": frozenset({"value"}),
        "details": frozenset({"open"}),
        "time": frozenset({"datetime"}),
        "q": frozenset({"cite"}),
        "blockquote": frozenset({"cite"}),
        "del": frozenset({"cite", "datetime"}),
        "ins": frozenset({"cite", "datetime"}),
    }
)

#: Class names that may appear inside a post body. Markdown extra's footnotes
#: write ``footnote``, ``footnote-ref`` and ``footnote-backref``; ``video`` and
#: ``video-play`` mark :func:`expand_videos`' placeholder. The theme's CSS
#: (theme/static/css/style.css) styles post bodies through ``.post-body`` and
#: element selectors; of its other classes only ``lead`` (a larger opening
#: paragraph, ``{: .lead }``) and ``visually-hidden`` (text for screen readers
#: only) make sense inside a post. Fenced code's ``language-…`` classes are
#: allowed on ``<code>`` by :data:`_LANGUAGE_CLASS`.
ALLOWED_CLASSES: frozenset[str] = frozenset(
    {"footnote", "footnote-ref", "footnote-backref", "video", "video-play"}
    | {"lead", "visually-hidden"}
)
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}\Z")

#: Address schemes allowed in links (and, through nh3, in any URL attribute).
#: ``javascript:``, ``data:`` and ``vbscript:`` are left out on purpose.
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

#: Elements removed together with everything inside them (nh3 keeps the text
#: of other removed elements).
_DROP_WITH_CONTENT = frozenset(
    {
        *("script", "noscript", "style", "template", "iframe", "frame", "frameset"),
        *("noframes", "noembed", "object", "embed", "applet", "svg", "math", "title"),
        *("textarea", "select", "video", "audio", "canvas", "portal", "fencedframe"),
    }
)

#: Elements that never have an end tag (HTML's void elements).
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr", "keygen", "frame"}
)

_URL_ATTRIBUTES = frozenset(
    {
        *("href", "src", "srcset", "action", "formaction", "poster", "background"),
        *("data", "codebase", "cite", "longdesc", "ping", "xlink:href", "manifest"),
    }
)

# --- Trackers ----------------------------------------------------------------


@dataclass(frozen=True)
class Tracker:
    """A host (and its subdomains) that serves tracking code or pixels."""

    host: str
    name: str
    path: str = ""  # only addresses whose path starts with this (empty: any)


#: Known tracker hosts. An image, script, frame or other resource from one of
#: them is reported as tracking. Sources: HHS OCR bulletin "Use of Online
#: Tracking Technologies by HIPAA Covered Entities and Business Associates"
#: (Dec 2022, updated Mar 2024; names Meta Pixel, Google Analytics and similar
#: "tracking technologies"); The Markup, "Pixel Hunt" (2022, Meta Pixel on
#: hospital sites); each vendor's own installation instructions for the tag
#: (the hosts its snippet loads from or sends to); DuckDuckGo Tracker Radar and
#: EasyPrivacy for the rest. Links *to* these sites are fine (a link is not a
#: request until clicked); only resources loaded from them are trackers.
TRACKERS: tuple[Tracker, ...] = (
    Tracker("facebook.com", "the Meta (Facebook) Pixel", "/tr"),
    Tracker("connect.facebook.net", "the Meta (Facebook) Pixel"),
    Tracker("google-analytics.com", "Google Analytics"),
    Tracker("analytics.google.com", "Google Analytics"),
    Tracker("googletagmanager.com", "Google Tag Manager"),
    Tracker("googleadservices.com", "Google Ads"),
    Tracker("googlesyndication.com", "Google Ads"),
    Tracker("doubleclick.net", "Google DoubleClick"),
    Tracker("analytics.tiktok.com", "the TikTok Pixel"),
    Tracker("px.ads.linkedin.com", "the LinkedIn Insight Tag"),
    Tracker("snap.licdn.com", "the LinkedIn Insight Tag"),
    Tracker("bat.bing.com", "Microsoft Advertising (UET)"),
    Tracker("clarity.ms", "Microsoft Clarity"),
    Tracker("ct.pinterest.com", "the Pinterest Tag"),
    Tracker("s.pinimg.com", "the Pinterest Tag", "/ct/"),
    Tracker("tr.snapchat.com", "the Snap Pixel"),
    Tracker("sc-static.net", "the Snap Pixel"),
    Tracker("static.ads-twitter.com", "the X (Twitter) Pixel"),
    Tracker("analytics.twitter.com", "the X (Twitter) Pixel"),
    Tracker("t.co", "the X (Twitter) Pixel", "/i/adsct"),
    Tracker("alb.reddit.com", "the Reddit Pixel"),
    Tracker("redditstatic.com", "the Reddit Pixel", "/ads/"),
    Tracker("hotjar.com", "Hotjar"),
    Tracker("js.hs-scripts.com", "HubSpot tracking"),
    Tracker("track.hubspot.com", "HubSpot tracking"),
    Tracker("cdn.segment.com", "Segment"),
    Tracker("api.segment.io", "Segment"),
    Tracker("mixpanel.com", "Mixpanel"),
    Tracker("amplitude.com", "Amplitude"),
    Tracker("mc.yandex.ru", "Yandex Metrica"),
    Tracker("quantserve.com", "Quantcast"),
    Tracker("criteo.com", "Criteo"),
    Tracker("criteo.net", "Criteo"),
    Tracker("taboola.com", "Taboola"),
    Tracker("outbrain.com", "Outbrain"),
    Tracker("adsrvr.org", "The Trade Desk"),
    Tracker("demdex.net", "Adobe Audience Manager"),
    Tracker("omtrdc.net", "Adobe Analytics"),
)


def tracker_for(url: str) -> Tracker | None:
    """The :data:`TRACKERS` entry ``url`` loads from, or None."""
    try:
        parts = urlsplit(_compact(url) if url.strip().startswith("//") else url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return None
    for tracker in TRACKERS:
        if (host == tracker.host or host.endswith("." + tracker.host)) and parts.path.startswith(
            tracker.path
        ):
            return tracker
    return None


# --- The result --------------------------------------------------------------


@dataclass(frozen=True)
class Sanitized:
    """What may be published, and a Problem for everything removed from it."""

    html: str
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing removed stops the build (warnings only, or nothing)."""
        return not any(p.severity == "error" for p in self.problems)


def sanitize(html: str, *, source: str, source_text: str) -> Sanitized:
    """``html`` with everything not on the allowlist removed, and what was removed.

    ``source`` is the file name problems are reported under (as shown to a
    person, e.g. ``content/posts/x.md``); ``source_text`` is that file's text,
    searched for where each removed thing was written (its line and column).
    """
    cleaned = _clean(html)
    before = _Tree.of(html)
    after = _Tree.of(cleaned)
    finder = _Finder(source_text)
    found: list[Problem] = []
    for element in before.removed_elements(after):
        found.append(_element_problem(element, source, finder))
    for element, name, value in before.removed_attributes(after):
        problem = _attribute_problem(element, name, value, source, finder)
        if problem is not None:
            found.append(problem)
    unique: dict[tuple[str, int | None, int | None], Problem] = {}
    for problem in found:
        unique.setdefault((problem.message, problem.line, problem.column), problem)
    ordered = sorted(unique.values(), key=lambda p: (p.line or 0, p.column or 0, p.message))
    return Sanitized(html=cleaned, problems=tuple(ordered))


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel="noopener noreferrer",
        url_schemes=set(URL_SCHEMES),
    )


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    """Site rules nh3 has no setting for (None removes the attribute)."""
    if name == "class":
        kept = [c for c in value.split() if _allowed_class(tag, c)]
        return " ".join(kept) if kept else None
    if tag == "img" and name == "src" and not _is_local(value):
        return None
    if name in _URL_ATTRIBUTES and _dangerous_scheme(value):
        return None  # nh3 removes these too; belt and braces
    return value


def _allowed_class(tag: str, name: str) -> bool:
    return name in ALLOWED_CLASSES or (tag == "code" and bool(_LANGUAGE_CLASS.match(name)))


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _compact(url: str) -> str:
    """``url`` as a browser reads its scheme: no whitespace or control characters."""
    return "".join(c for c in html_lib.unescape(url) if ord(c) > 0x20 and c != "\x7f")


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_compact(url))
    return match.group(1).lower() if match else None


def _dangerous_scheme(url: str) -> bool:
    return _scheme(url) in {"javascript", "data", "vbscript"}


def _is_local(url: str) -> bool:
    """An address on the site itself: relative, no scheme, not ``//host``."""
    compact = _compact(url).replace("\\", "/")
    return _scheme(url) is None and not compact.startswith("//")


# --- Reading both sides -----------------------------------------------------


@dataclass(frozen=True)
class _Element:
    tag: str
    attributes: tuple[tuple[str, str], ...]


class _Tree(HTMLParser):
    """Elements (in document order) and attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[_Element] = []
        self.dropped_depth = 0

    @classmethod
    def of(cls, html: str) -> _Tree:
        tree = cls()
        tree.feed(html)
        tree.close()
        return tree

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Inside an element dropped with its content, only that element counts.
        attributes = tuple((name, value or "") for name, value in attrs)
        if self.dropped_depth == 0:
            self.elements.append(_Element(tag, attributes))
        if tag in _DROP_WITH_CONTENT and tag not in _VOID:
            self.dropped_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = tuple((name, value or "") for name, value in attrs)
        if self.dropped_depth == 0:
            self.elements.append(_Element(tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT and self.dropped_depth:
            self.dropped_depth -= 1

    def removed_elements(self, after: _Tree) -> Iterator[_Element]:
        """Elements of this tree the other has fewer of (first ones first)."""
        missing = Counter(e.tag for e in self.elements) - Counter(e.tag for e in after.elements)
        for element in self.elements:
            if missing[element.tag] > 0 and element.tag not in ALLOWED_TAGS:
                missing[element.tag] -= 1
                yield element
        for element in self.elements:  # an allowed element lost in HTML repair
            if missing[element.tag] > 0:
                missing[element.tag] -= 1
                yield element

    def removed_attributes(self, after: _Tree) -> Iterator[tuple[_Element, str, str]]:
        """Attributes of kept elements missing from the other tree, with their element."""
        kept = {e.tag for e in after.elements}
        have = Counter((e.tag, name, value) for e in after.elements for name, value in e.attributes)
        classes = Counter(
            (e.tag, c)
            for e in after.elements
            for name, value in e.attributes
            if name == "class"
            for c in value.split()
        )
        for element in self.elements:
            if element.tag not in kept:
                continue
            for name, value in element.attributes:
                if name == "class":
                    for c in value.split():
                        if classes[(element.tag, c)] > 0:
                            classes[(element.tag, c)] -= 1
                        else:
                            yield element, "class", c
                    continue
                key = (element.tag, name, value)
                if have[key] > 0:
                    have[key] -= 1
                elif not (element.tag == "a" and name == "rel"):  # rel is set on every link
                    yield element, name, value


# --- Where it was written -----------------------------------------------------


class _Finder:
    """Line and column of things in the Markdown source, each occurrence once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.after: dict[str, int] = {}

    def find(self, *patterns: str) -> tuple[int | None, int | None]:
        for pattern in patterns:
            regex = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
            start = self.after.get(pattern, 0)
            match = regex.search(self.text, start) or regex.search(self.text)
            if match is None:
                continue
            self.after[pattern] = match.end()
            line = self.text.count("\n", 0, match.start()) + 1
            column = match.start() - (self.text.rfind("\n", 0, match.start()) + 1) + 1
            return line, column
        return None, None


def _literal(value: str) -> list[str]:
    """Patterns for an attribute value as it may have been typed."""
    forms = [value, html_lib.escape(value, quote=False), html_lib.escape(value)]
    patterns = [re.escape(f) for f in dict.fromkeys(forms) if f]
    if len(value) > 40:
        patterns.append(re.escape(value[:40]))
    return patterns


def _loose(word: str) -> str:
    """A pattern for ``word`` with blanks or character references between its letters."""
    gap = r"(?:\s|&#?\w{1,8};?)*"
    return gap.join(re.escape(c) for c in word)


# --- What to say --------------------------------------------------------------

_SCRIPT = {"script", "noscript"}
_FRAME = {"iframe", "frame", "frameset", "noframes", "portal", "fencedframe"}
_FORM = {"form", "input", "button", "select", "textarea", "option", "optgroup", "datalist"}
_OBJECT = {"object", "embed", "applet", "param", "noembed"}
_HEAD = {"meta", "base", "link"}
_DRAWING = {"svg", "math", "canvas"}
_MEDIA = {"video", "audio", "source", "track", "picture"}
_VIDEO_HINT = "for a video write a Video: line (docs/sanitize.md)"


def _problem(
    source: str,
    message: str,
    severity: Severity,
    where: tuple[int | None, int | None],
) -> Problem:
    line, column = where
    return Problem(
        file=source, field="", message=message, severity=severity, line=line, column=column
    )


def _element_problem(element: _Element, source: str, finder: _Finder) -> Problem:
    tag = element.tag
    where = finder.find(rf"<\s*{re.escape(tag)}\b")
    attributes = dict(element.attributes)
    address = next(
        (attributes[n] for n in ("src", "href", "data", "action") if attributes.get(n)), ""
    )
    tracker = tracker_for(address) if address and not _is_local(address) else None
    if tracker is not None:
        return _problem(
            source,
            f"removed <{tag}> loading {tracker.name} ({_host(address)}): the site promises no "
            "tracking on its health pages (HHS has warned about tracking technologies); "
            "delete it",
            "error",
            where,
        )
    handlers = sorted(n for n in attributes if n.startswith("on"))
    if tag in _SCRIPT:
        why, todo = "scripts never run on this site", "delete it"
    elif tag in _FRAME:
        why, todo = "a frame loads another site as soon as the page opens", _VIDEO_HINT
        todo += ", otherwise link to the page"
    elif tag in _FORM:
        why = "a form would send what patients type to another site"
        todo = "link to the practice's appointments or contact page instead"
    elif tag in _OBJECT:
        why, todo = "plugins and embedded objects are not allowed", "link to the file instead"
    elif tag in _HEAD:
        why = "it can redirect the page, load other files or change where its links go"
        todo = "delete it"
    elif tag in _DRAWING:
        why = "inline drawings can carry scripts"
        todo = (
            "save it as a picture file in content/images/ and show it with "
            "![description](images/name.svg)"
        )
    elif tag in _MEDIA:
        why, todo = "players and media load from addresses the site does not check", _VIDEO_HINT
    elif tag == "style":
        return _problem(
            source,
            "removed a <style> element: the theme styles every post, and the site's "
            "security policy blocks styles written in a page; delete it",
            "warning",
            where,
        )
    elif handlers:
        why, todo = f"{', '.join(handlers)} runs a script", "delete it"
    elif tag in ALLOWED_TAGS:
        return _problem(
            source,
            f"a <{tag}> was dropped while repairing badly nested HTML; check the HTML "
            "around it (every tag closed, in order)",
            "warning",
            where,
        )
    elif tag in _DROP_WITH_CONTENT:
        return _problem(
            source,
            f"removed the <{tag}> element and everything in it: the site does not publish "
            "that tag; delete it, or write its text as Markdown",
            "warning",
            where,
        )
    else:
        return _problem(
            source,
            f"removed the <{tag}> tag (its text is kept): the site does not publish that "
            "tag; delete it, or use Markdown formatting",
            "warning",
            where,
        )
    if handlers and tag not in _SCRIPT:
        why += f" (and it has {', '.join(handlers)}, which runs a script)"
    return _problem(source, f"removed <{tag}>: {why}; {todo}", "error", where)


def _attribute_problem(
    element: _Element, name: str, value: str, source: str, finder: _Finder
) -> Problem | None:
    tag = element.tag
    if name.startswith("on"):
        return _problem(
            source,
            f"removed {name}= from <{tag}>: event handlers run scripts; delete it",
            "error",
            finder.find(rf"\b{re.escape(name)}\s*="),
        )
    if name == "class":
        return _problem(
            source,
            f'removed class "{value}" from <{tag}>: the theme has no style for it; delete it',
            "warning",
            finder.find(rf"(?<![\w-]){re.escape(value)}(?![\w-])"),
        )
    scheme = _scheme(value) if name in _URL_ATTRIBUTES or _dangerous_scheme(value) else None
    if scheme in {"javascript", "vbscript"}:
        return _problem(
            source,
            f"removed a {scheme}: address from <{tag} {name}>: such an address runs a "
            "script; link to a web page (https://…) instead",
            "error",
            finder.find(*_literal(value), _loose(f"{scheme}:"), rf"\b{re.escape(name)}\s*="),
        )
    if scheme == "data":
        return _problem(
            source,
            f"removed a data: address from <{tag} {name}>: data: addresses can hide pages "
            "and scripts; save the file into content/images/ and link it as images/…",
            "error",
            finder.find(*_literal(value), _loose("data:"), rf"\b{re.escape(name)}\s*="),
        )
    if name in _URL_ATTRIBUTES and not _is_local(value):
        where = finder.find(*_literal(value))
        tracker = tracker_for(value)
        if tracker is not None:
            return _problem(
                source,
                f"removed a tracking pixel: {tracker.name} ({_host(value)}) in <{tag} {name}>: "
                "the site promises no tracking on its health pages (HHS has warned about "
                "tracking technologies); delete it",
                "error",
                where,
            )
        if tag == "img" or name in {"src", "srcset", "poster", "background"}:
            return _problem(
                source,
                f"removed the picture address {_short(value)} from <{tag}>: a picture from "
                "another site is a request to that site each time a patient opens the page; "
                "download the picture into content/images/ and link it as images/…",
                "error",
                where,
            )
    if name == "style":
        if tag in {"th", "td"} and re.fullmatch(r"\s*text-align:\s*\w+;?\s*", value):
            return _problem(
                source,
                "removed table column alignment (a style= the site's security policy "
                "blocks); columns use the theme's alignment; to silence this, drop the "
                'colons from the table\'s "---" line',
                "warning",
                finder.find(r"^\s*\|?\s*:?-{3,}:?\s*\|", r"\bstyle\s*="),
            )
        return _problem(
            source,
            f"removed style= from <{tag}>: the theme styles every post, and the site's "
            "security policy blocks styles written in a page; delete it",
            "warning",
            finder.find(r"\bstyle\s*="),
        )
    if name == "srcset":
        return _problem(
            source,
            "removed srcset= from <img>: give one picture with src=",
            "warning",
            finder.find(r"\bsrcset\s*="),
        )
    return _problem(
        source,
        f"removed {name}= from <{tag}>: the site does not publish that attribute; delete it",
        "warning",
        finder.find(rf"(?<![\w-]){re.escape(name)}\s*="),
    )


def _host(url: str) -> str:
    try:
        return urlsplit(_compact(url)).hostname or _short(url)
    except ValueError:
        return _short(url)


def _short(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "…"


# --- Videos -------------------------------------------------------------------


@dataclass(frozen=True)
class Video:
    """One ``Video:`` line: the video's page, a local picture, and its title."""

    url: str
    picture: str
    title: str


_VIDEO_LINE = re.compile(r"^Video:[ \t]*(?P<rest>.*?)[ \t]*$", re.MULTILINE)
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com")
_PICTURE = re.compile(r"(?:\{static\}/?)?/?images/[^\s|<>\"']+\.(?:jpe?g|png|webp)\Z", re.I)


def video_html(video: Video) -> str:
    """A click-to-load placeholder: the site's own picture, linked to the video's page.

    Nothing is requested from the video site until the patient clicks, and
    then the video's own page opens (there is no frame).
    """
    picture = video.picture
    if not picture.startswith("{static}"):
        picture = "{static}/" + picture.lstrip("/")
    title = html_lib.escape(video.title)
    url = html_lib.escape(video.url)
    return (
        f'<figure class="video"><a href="{url}">'
        f'<img src="{html_lib.escape(picture)}" alt="Play video: {title}" loading="lazy">'
        f"</a><figcaption>{title} "
        f'<a class="video-play" href="{url}">(watch on {_site(video.url)})</a>'
        "</figcaption></figure>"
    )


def expand_videos(text: str, *, source: str) -> tuple[str, tuple[Problem, ...]]:
    """Markdown ``text`` with each ``Video:`` line replaced by :func:`video_html`.

    The syntax, one line of its own (a blank line before and after)::

        Video: https://www.youtube.com/watch?v=abc123 | images/inhaler.jpg | How to use an inhaler

    the video's address (YouTube or Vimeo), the picture in content/images/ to
    show, and the title, separated by ``|``. A line that does not fit is left
    as it is and reported. Line numbers do not change (one line becomes one
    line), so problems found later still point at the right line. The metadata
    header (``Title: …`` lines before the first blank line) is left alone:
    call it on the whole file or on the body alone.
    """
    problems: list[Problem] = []
    lines = text.split("\n")
    body = _body_start(lines)
    for number, line in enumerate(lines, start=1):
        match = _VIDEO_LINE.match(line) if number > body else None
        if match is None:
            continue
        video, message = _parse_video(match.group("rest"))
        if message is None and not (
            (number == 1 or not lines[number - 2].strip())
            and (number == len(lines) or not lines[number].strip())
        ):
            message = "put a blank line before and after the Video: line"
        if video is None or message is not None:
            problems.append(
                Problem(
                    file=source,
                    field="Video",
                    message=f"{message}; write it as Video: https://www.youtube.com/watch?v=… "
                    "| images/picture.jpg | Title (see docs/sanitize.md)",
                    line=number,
                    column=1,
                )
            )
            continue
        lines[number - 1] = video_html(video)
    return "\n".join(lines), tuple(problems)


_METADATA = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")


def _body_start(lines: list[str]) -> int:
    """How many lines the metadata header takes (``Title: …`` lines up to a blank line)."""
    if not lines or not _METADATA.match(lines[0]):
        return 0
    return next((i for i, line in enumerate(lines) if not line.strip()), len(lines))


def _parse_video(rest: str) -> tuple[Video | None, str | None]:
    parts = [p.strip() for p in rest.split("|")]
    if len(parts) != 3 or not all(parts):
        return None, "a Video: line needs three parts separated by |"
    url, picture, title = parts
    try:
        address = urlsplit(url)
    except ValueError:
        return None, f"{_short(url)} is not a web address"
    host = (address.hostname or "").lower()
    if address.scheme != "https" or not any(
        host == h or host.endswith("." + h) for h in _VIDEO_HOSTS
    ):
        return None, f"{_short(url)} is not a YouTube or Vimeo address (https://…)"
    if not _PICTURE.match(picture):
        return None, (
            f"the picture {_short(picture)} must be a .jpg, .png or .webp file in "
            "content/images/, written as images/name.jpg (save a still of the video there)"
        )
    return Video(url=url, picture=picture, title=title), None


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return "Vimeo" if host.endswith("vimeo.com") else "YouTube"


# --- Content-Security-Policy --------------------------------------------------

#: The policy every page carries in a ``<meta http-equiv>`` (theme/templates/base.html):
#: everything from the site itself, nothing from anywhere else. The theme has no
#: scripts (``script-src 'none'``; JSON-LD ``<script type="application/ld+json">``
#: is data, never run, so CSP does not block it), no frames and no forms.
#: ``frame-ancestors`` is ignored in a meta tag: it is in :func:`csp_header`.
CSP = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'none'; "
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)


def style_hashes(page: str) -> tuple[str, ...]:
    """``'sha256-…'`` sources of the ``<style>`` elements in a built page's ``<head>``.

    Only the head (the theme's own): a style in the body came from content and
    must never be allowed.
    """
    head = re.split(r"</head\s*>", page, maxsplit=1, flags=re.IGNORECASE)[0]
    blocks = re.findall(r"<style\b[^>]*>(.*?)</style\s*>", head, re.IGNORECASE | re.DOTALL)
    hashes = (base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in blocks)
    return tuple(dict.fromkeys(f"'sha256-{h}'" for h in hashes))


_META_POLICY = re.compile(
    r"<meta\s+http-equiv=[\"']Content-Security-Policy[\"']\s+content=\"([^\"]*)\"", re.IGNORECASE
)


def page_policy(page: str) -> str:
    """The policy a built page states in its own ``<meta>`` tag (:data:`CSP` when it has
    none). Only the head (the theme's own) is read. The search page's allows its
    scripts (Pagefind's, from the site itself); every other page's is :data:`CSP`."""
    head = re.split(r"</head\s*>", page, maxsplit=1, flags=re.IGNORECASE)[0]
    found = _META_POLICY.search(head)
    return html_lib.unescape(found.group(1)) if found else CSP


def csp_header(page: str) -> str:
    """The ``Content-Security-Policy`` HTTP header value for pages like ``page``: the
    page's own policy (:func:`page_policy`), so the search page's header allows the
    scripts its page runs and every other page's allows none.

    The theme writes the brand colours in one ``<style>`` element before the
    meta tag (a meta policy covers only what follows it); a header covers the
    whole page, so it allows that element by its hash.
    """
    policy = page_policy(page)
    policy = policy.replace("style-src 'self'", " ".join(["style-src 'self'", *style_hashes(page)]))
    return f"{policy}; frame-ancestors 'none'"


_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.IGNORECASE)


def csp_rules(output: Path) -> dict[str, str]:
    """The header of every page of the built site in ``output``, as a host's rules by
    URL path: ``"/*"`` for every page (the home page's header), then each page whose
    header differs (the search page) by its folder, e.g. ``"/search/*"``, and the
    folder of each script that page loads (``"/pagefind/*"``) with the same header:
    a worker a script starts (Pagefind's runs its WebAssembly in one) is bound by the
    header of its own file, not by the page's. A host must send each address the
    header of its most specific rule (:func:`csp_header_for`), never both: a browser
    applies every policy it is sent, so the site-wide one, sent too, would block the
    search page's scripts."""
    site = csp_header((output / "index.html").read_text(encoding="utf-8"))
    rules = {"/*": site}

    def add(pattern: str, header: str) -> None:
        if rules.setdefault(pattern, header) != header:
            raise ValueError(f"{pattern}: pages in one folder need different policies")

    for page in sorted(output.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        header = csp_header(text)
        if header == site:
            continue
        relative = page.relative_to(output)
        top = relative.name == "index.html" and relative.parent != Path()
        add(f"/{relative.parent.as_posix()}/*" if top else f"/{relative.as_posix()}", header)
        for src in _SCRIPT_SRC.findall(text):
            folder = urlsplit(html_lib.unescape(src)).path.rsplit("/", 1)[0]
            add(f"{folder}/*", header)
    return rules


def csp_header_for(rules: Mapping[str, str], path: str) -> str:
    """The header ``rules`` (from :func:`csp_rules`) give the page at URL ``path``: the
    most specific rule's (the longest pattern that matches)."""
    matching = [
        pattern
        for pattern in rules
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1]))
    ]
    return rules[max(matching, key=len)]


def headers_file(rules: Mapping[str, str]) -> str:
    """``rules`` in the ``_headers`` file format of static hosts (a path, then its
    indented headers)."""
    return "".join(
        f"{pattern}\n  Content-Security-Policy: {header}\n" for pattern, header in rules.items()
    )


def main(argv: list[str]) -> int:
    """``python -m healthnotes.content.sanitize output/index.html``: print the page's
    header; ``... output/``: print the header rules of the whole site (``_headers`` form)."""
    usage = "usage: python -m healthnotes.content.sanitize output/index.html (or output/)"
    if len(argv) != 1:
        print(usage, file=sys.stderr)
        return 2
    target = Path(argv[0])
    if target.is_dir():
        if not (target / "index.html").is_file():
            print(f"{target}: no index.html here; build the site first ({usage})", file=sys.stderr)
            return 2
        print(headers_file(csp_rules(target)), end="")
        return 0
    if not target.is_file():
        print(f"{target}: no such page; build the site first ({usage})", file=sys.stderr)
        return 2
    print(csp_header(target.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
