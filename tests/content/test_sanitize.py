"""healthnotes.content.sanitize: raw HTML in posts is cleaned, and every removal reported."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pelicanconf
from conftest import shipped_examples
from healthnotes.content.sanitize import (
    ALLOWED_TAGS,
    CSP,
    TRACKERS,
    Sanitized,
    Video,
    csp_header,
    csp_header_for,
    csp_rules,
    expand_videos,
    headers_file,
    sanitize,
    style_hashes,
    tracker_for,
    video_html,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "content/posts/example.md"


def render(text: str) -> str:
    """``text`` through Python-Markdown as the site's reader runs it (pelicanconf MARKDOWN)."""
    config = dict(pelicanconf.MARKDOWN)
    extensions = [*config["extension_configs"], "markdown.extensions.meta"]
    return markdown.Markdown(extensions=extensions, **config).convert(text)


def run(text: str) -> Sanitized:
    return sanitize(render(text), source=SOURCE, source_text=text)


class Events(HTMLParser):
    """A document as html.parser reads it: tags, sorted attributes, text (entities decoded)."""

    def __init__(self, *, ignore_link_rel: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.ignore_link_rel = ignore_link_rel
        self.events: list[tuple[object, ...]] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    @classmethod
    def of(cls, html: str) -> Events:
        events = cls()
        events.feed(html)
        events.close()
        return events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = sorted(
            (n, v or "")
            for n, v in attrs
            if not (self.ignore_link_rel and tag == "a" and n == "rel")
        )
        self.events.append(("start", tag, tuple(kept)))
        self.tags.append(tag)
        self.attributes += [(tag, n, v or "") for n, v in attrs]

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + data)  # type: ignore[operator]
        else:
            self.events.append(("data", data))


def same_document(a: str, b: str) -> bool:
    return Events.of(a).events == Events.of(b).events


# --- Hostile input: removed, and reported as an error at its line -----------------------

PREAMBLE = "Title: Hostile\nDate: 2026-12-04\n\nA first paragraph.\n\n"  # the HTML is on line 6

HOSTILE = [
    ("script", "<script>alert(1)</script>", "<script", "removed <script>"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', "<iframe", "removed <iframe>"),
    ("img onerror", "Text <img src=x onerror=alert(1)> here.", "onerror", "onerror="),
    ("javascript link", '<a href="javascript:alert(1)">x</a>', "javascript:", "javascript:"),
    ("markdown javascript link", "A [x](javascript:alert(1)) link.", "javascript:", "javascript:"),
    ("svg onload", "<svg onload=alert(1)><circle r=1 /></svg>", "onload", "removed <svg>"),
    ("form", '<form action="https://evil.example/"><input name=q></form>', "<form", "<form>"),
    (
        "meta refresh",
        '<meta http-equiv="refresh" content="0;url=https://e.example/">',
        "<meta",
        "<meta>",
    ),
    ("base", '<base href="https://evil.example/">', "<base", "removed <base>"),
    ("object", '<object data="x.swf"></object>', "<object", "removed <object>"),
    ("embed", '<embed src="x.swf">', "<embed", "removed <embed>"),
    ("data link", '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:", "data: address"),
    (
        "meta pixel",
        '<img height="1" width="1" src="https://www.facebook.com/tr?id=123&ev=PageView&noscript=1"/>',
        "facebook.com",
        "Meta (Facebook) Pixel",
    ),
    (
        "tracker script",
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>',
        "googletagmanager",
        "Google Tag Manager",
    ),
    ("vbscript link", '<a href="vbscript:msgbox(1)">x</a>', "vbscript:", "vbscript:"),
    (
        "obfuscated javascript",
        '<a href="java&#x09;script:alert(1)">x</a>',
        "script:",
        "javascript:",
    ),
    (
        "remote image",
        "![A cat](https://example.com/cat.jpg)",
        "example.com",
        "download the picture",
    ),
    ("protocol-relative image", '<img src="//example.com/a.png" alt="">', "example.com", "picture"),
    ("markdown data image", "![x](data:image/png;base64,iVBORw0KGgo=)", "data:", "data: address"),
]


@pytest.mark.parametrize(
    ("body", "gone", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_hostile_html_is_removed_and_reported_as_an_error_at_its_line(body, gone, message):
    result = run(PREAMBLE + body + "\n\nThe end.\n")
    assert gone.lower() not in result.html.lower()
    errors = [p for p in result.problems if p.severity == "error"]
    assert errors, result.problems
    assert any(message in p.message for p in errors), [p.message for p in errors]
    assert all(p.line == 6 and p.file == SOURCE for p in errors), [p.format() for p in errors]
    assert "A first paragraph." in result.html and "The end." in result.html
    assert not result.ok


def test_each_occurrence_is_reported_at_its_own_line_with_a_column():
    text = (
        "Intro.\n\n<script>a()</script>\n\nMiddle.\n\n"
        "See <img src=x onerror=b()> and <script>c()</script>\n"
    )
    result = run(text)
    where = sorted((p.line, p.column) for p in result.problems)
    assert where == [(3, 1), (7, 16), (7, 33)], [p.format() for p in result.problems]
    assert result.problems[0].format().startswith(f"{SOURCE}:3:1: removed <script>")


def test_harmless_formatting_is_removed_with_a_warning_and_its_text_kept():
    text = '<p style="color:red">Red <center>centre</center> <span class="fancy">x</span></p>\n'
    result = run(text)
    assert {p.severity for p in result.problems} == {"warning"}
    assert result.ok
    messages = " | ".join(p.message for p in result.problems)
    assert "style=" in messages and "<center>" in messages and 'class "fancy"' in messages
    assert "style" not in result.html and "center" not in result.html.replace("centre", "")
    assert "Red" in result.html and "centre" in result.html


def test_a_template_element_is_said_to_go_with_its_text():
    """Red-teamed: the warning for <template> said "its text is kept"; it is dropped."""
    result = run("<template><p>Hidden words.</p></template>\n\nText.\n")
    assert "Hidden" not in result.html
    assert [p.message for p in result.problems] == [
        "removed the <template> element and everything in it: the site does not publish "
        "that tag; delete it, or write its text as Markdown"
    ]


def test_style_elements_are_removed_with_their_content():
    result = run("<style>body{display:none}</style>\n\nText.\n")
    assert "display" not in result.html and "<style" not in result.html
    assert [(p.severity, p.line) for p in result.problems] == [("warning", 1)]


def test_links_to_tracker_sites_are_fine_only_loads_are_trackers():
    result = run("Follow us on [Facebook](https://www.facebook.com/maplegrove).\n")
    assert result.problems == ()
    assert 'href="https://www.facebook.com/maplegrove"' in result.html
    assert 'rel="noopener noreferrer"' in result.html


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/tr?id=1&ev=PageView",
        "https://connect.facebook.net/en_US/fbevents.js",
        "https://www.google-analytics.com/collect?v=1",
        "https://www.googletagmanager.com/gtm.js?id=GTM-X",
        "https://stats.g.doubleclick.net/r/collect",
        "https://analytics.tiktok.com/i18n/pixel/events.js",
        "https://px.ads.linkedin.com/collect/?pid=1",
        "https://bat.bing.com/action/0?ti=1",
        "https://snap.licdn.com/li.lms-analytics/insight.min.js",
        "https://ct.pinterest.com/v3/?tid=1",
        "//www.facebook.com/tr?id=1",
    ],
)
def test_known_trackers_are_recognised(url):
    assert tracker_for(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/maplegrove",
        "https://www.cdc.gov/flu/",
        "images/x.jpg",
        "mailto:a@b",
    ],
)
def test_other_addresses_are_not_trackers(url):
    assert tracker_for(url) is None


def test_tracker_table_is_data_with_unique_hosts():
    assert len({(t.host, t.path) for t in TRACKERS}) == len(TRACKERS)
    assert all(t.host == t.host.lower() and "/" not in t.host for t in TRACKERS)


# --- What Markdown writes survives ------------------------------------------------------

EXTRA = """Title: Everything Markdown extra writes
Date: 2026-12-04

Intro about HTML and a footnote.[^1] Don't worry -- it's "fine"...

*[HTML]: Hyper Text Markup Language

| Dose | Age |
|------|-----|
| 5 ml | 2-5 |

~~~python
print("<hi> & bye")
~~~

Fever
:   A temperature of 100.4 °F or higher.

A bigger opening paragraph.
{: .lead #opening }

## Heading with `code`

1. One
2. Two

> A quote with *emphasis*, **strong** and a [link](https://www.cdc.gov/flu/ "CDC").

![Hand washing](images/hand-washing.jpg "Wash for 20 seconds")

<details><summary>More</summary>
<p>Hidden <mark>text</mark> H<sub>2</sub>O x<sup>2</sup>.</p></details>

<figure><img src="images/flu-shot.jpg" alt="A flu shot" width="600" height="400" loading="lazy">
<figcaption>Caption</figcaption></figure>

<table><thead><tr><th scope="col" colspan="2">Wide</th></tr></thead>
<tbody><tr><td rowspan="2">a</td><td>b</td></tr></tbody></table>

Call [us](tel:+15415550142) or [email](mailto:hello@example.com).
<abbr title="As soon as possible">ASAP</abbr>.

***

[^1]: The note, with a [link](#opening).
"""


def test_markdown_extra_output_survives_unchanged():
    html = render(EXTRA)
    for written in (
        'class="footnote"',
        'class="footnote-ref"',
        'class="footnote-backref"',
        'id="fnref:1"',
        "<abbr",
        "<dl>",
        'class="language-python"',
        'id="opening"',
        'id="heading-with-code"',
    ):
        assert written in html, written  # the sample really exercises each feature
    result = sanitize(html, source=SOURCE, source_text=EXTRA)
    assert result.problems == ()
    assert same_document(result.html, html), (html, result.html)


@pytest.mark.parametrize(
    "path",
    [*shipped_examples("posts"), *shipped_examples("pages")],  # as shipped, not staff's
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_example_posts_and_pages_come_out_unchanged_with_nothing_reported(path):
    text = path.read_text(encoding="utf-8")
    html = render(text)
    result = sanitize(html, source=str(path), source_text=text)
    assert result.problems == ()
    assert same_document(result.html, html)


def test_unchanged_means_the_same_document_not_the_same_bytes():
    """nh3 serialises what it parsed: entities become characters, every link gets rel."""
    html = '<p>Don&rsquo;t<br /><a href="/x">x</a></p>'
    result = sanitize(html, source=SOURCE, source_text="")
    assert result.html == '<p>Don’t<br><a href="/x" rel="noopener noreferrer">x</a></p>'
    assert result.problems == ()


def test_aligned_table_columns_lose_their_style_with_one_warning_at_the_dashes_line():
    text = "| Dose | Age |\n|:-----|----:|\n| 5 ml | 2-5 |\n| 10 ml | 6-11 |\n"
    result = run(text)
    assert "style" not in result.html
    assert [(p.severity, p.line) for p in result.problems] == [("warning", 2)]
    assert "alignment" in result.problems[0].message


# --- Properties -----------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")), max_size=200)
WRAPPERS = sorted(ALLOWED_TAGS - {"br", "hr", "img", "col", "colgroup", "table"})
TABLE_PARTS = {"caption", "thead", "tbody", "tfoot", "tr", "th", "td", "li", "dt", "dd", "pre"}


def text_of(html: str) -> str:
    events = Events.of(html)
    return "".join(e[1] for e in events.events if e[0] == "data")  # type: ignore[misc]


@settings(max_examples=150, deadline=None)
@given(text=TEXT, tag=st.sampled_from(sorted(set(WRAPPERS) - TABLE_PARTS)))
def test_text_inside_allowed_tags_survives(text, tag):
    import html as html_lib

    # nh3 (like every HTML5 parser) turns CR and CRLF into LF; a leading LF after <pre> is dropped.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = sanitize(f"<{tag}>{html_lib.escape(text)}</{tag}>", source=SOURCE, source_text="")
    assert text_of(result.html) == text
    assert result.problems == ()


PIECES = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">',
    '<a href=" JaVaScRiPt:alert(1)">',
    '<a href="java\tscript:alert(1)">',
    "<a href=&#106;avascript:alert(1)>",
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "<form action=https://evil.example><button formaction=javascript:alert(1)>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<object data=javascript:alert(1)>",
    "<embed src=x.swf>",
    "<p onclick=alert(1) style=x:expression(alert(1))>",
    "<details open ontoggle=alert(1)>",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></noscript>",
    "<style><img src=x onerror=alert(1)></style>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<a href='vbscript:x'>",
    "<img src=https://www.facebook.com/tr?id=1>",
    "<table><td background=javascript:alert(1)>",
    "</p>",
    "<p>",
    "<b>",
    '"',
    "'",
    "<",
    ">",
    "=",
]
_DANGEROUS = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | TEXT, max_size=12).map("".join))
def test_no_output_ever_runs_a_script_or_loads_from_elsewhere(html):
    result = sanitize(html, source=SOURCE, source_text=html)
    out = Events.of(result.html)
    assert "<script" not in result.html.lower()
    assert not set(out.tags) - ALLOWED_TAGS
    for tag, name, value in out.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name != "style"
        compact = "".join(c for c in value if ord(c) > 0x20)
        assert not _DANGEROUS.match(compact), (tag, name, value)
        if tag == "img" and name == "src":
            assert "//" not in compact and ":" not in compact.split("/")[0], value
    for _, _, value in out.attributes:
        assert not re.search(r"javascript:", value, re.IGNORECASE)


# --- Videos ---------------------------------------------------------------------------

VIDEO_LINE = (
    "Video: https://www.youtube.com/watch?v=abc123 | images/inhaler.jpg | How to use an inhaler"
)


def test_a_video_line_becomes_a_local_picture_linked_to_the_video_page():
    text = f"Watch this:\n\n{VIDEO_LINE}\n\nThen practise.\n"
    expanded, problems = expand_videos(text, source=SOURCE)
    assert problems == ()
    assert expanded.count("\n") == text.count("\n")  # line numbers do not move
    html = render(expanded)
    result = sanitize(html, source=SOURCE, source_text=expanded)
    assert result.problems == ()
    out = Events.of(result.html)
    assert "iframe" not in result.html
    srcs = [v for t, n, v in out.attributes if n == "src"]
    assert srcs == ["{static}/images/inhaler.jpg"]  # Pelican makes it the site's own address
    hrefs = {v for t, n, v in out.attributes if n == "href"}
    assert hrefs == {"https://www.youtube.com/watch?v=abc123"}
    assert "How to use an inhaler" in text_of(result.html)
    assert 'alt="Play video: How to use an inhaler"' in result.html


def test_video_html_escapes_what_staff_typed():
    html = video_html(
        Video(url="https://vimeo.com/1?a=1&b=2", picture="images/v.png", title="<b>&")
    )
    assert "&lt;b&gt;&amp;" in html and "a=1&amp;b=2" in html and "watch on Vimeo" in html
    assert sanitize(html, source=SOURCE, source_text="").problems == ()


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Video: https://www.youtube.com/watch?v=abc | images/a.jpg", "three parts"),
        ("Video: https://evil.example/v | images/a.jpg | T", "YouTube or Vimeo"),
        ("Video: http://www.youtube.com/watch?v=a | images/a.jpg | T", "YouTube or Vimeo"),
        ("Video: https://youtu.be/a | https://i.ytimg.com/vi/a/hq.jpg | T", "content/images/"),
        ("Video: https://youtu.be/a | images/a.txt | T", "content/images/"),
    ],
)
def test_a_wrong_video_line_is_kept_and_reported_at_its_line(line, why):
    text = f"Intro.\n\n{line}\n"
    expanded, problems = expand_videos(text, source=SOURCE)
    assert expanded == text
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    assert why in problems[0].message


def test_a_video_metadata_line_in_the_header_is_left_alone():
    text = f"Title: Inhalers\n{VIDEO_LINE}\n\nBody.\n\n{VIDEO_LINE}\n"
    expanded, problems = expand_videos(text, source=SOURCE)
    assert problems == ()
    assert expanded.splitlines()[1] == VIDEO_LINE
    assert expanded.splitlines()[5].startswith('<figure class="video">')


def test_a_video_line_inside_a_paragraph_is_reported():
    _, problems = expand_videos(f"Intro.\n{VIDEO_LINE}\n", source=SOURCE)
    assert "blank line" in problems[0].message and problems[0].line == 2


# --- Content-Security-Policy ------------------------------------------------------------


#: ``{% block name %}default{% endblock %}``: what a page that does not override it prints.
_BLOCK_DEFAULT = re.compile(r"\{% block \w+ %\}(.*?)\{% endblock %\}")
_CSP_META = '<meta http-equiv="Content-Security-Policy"'


def test_base_template_carries_the_policy_after_the_brand_style_and_before_post_content():
    base = (ROOT / "theme/templates/base.html").read_text(encoding="utf-8")
    assert base.count(_CSP_META) == 1
    line = next(line for line in base.splitlines() if _CSP_META in line)
    # The search page widens img-src and script-src through blocks; every other page
    # prints the blocks' defaults, which are exactly CSP.
    assert _BLOCK_DEFAULT.sub(r"\1", line) == f'{_CSP_META} content="{CSP}">'
    assert base.index("<style>") < base.index(line) < base.index("{% block head %}")
    assert "frame-ancestors" not in CSP  # ignored in a meta tag; it is in the header
    for directive in ("default-src 'self'", "img-src 'self'", "script-src 'none'"):
        assert directive in CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP


def test_only_the_search_page_widens_the_policy():
    templates = ROOT / "theme/templates"
    widening = {
        path.name
        for path in templates.glob("*.html")
        if re.search(r"\{% block (script_src|img_src) %\}", path.read_text(encoding="utf-8"))
    }
    assert widening == {"base.html", "search.html"}


def test_the_header_allows_the_brand_style_by_its_hash_and_forbids_framing():
    css = ":root{--primary: #1f5f8b;}"
    page = f"<head><style>{css}</style></head><body><style>p{{}}</style></body>"
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert style_hashes(page) == (f"'sha256-{digest}'",)
    header = csp_header(page)
    assert f"style-src 'self' 'sha256-{digest}';" in header
    assert header.endswith("; frame-ancestors 'none'")


def _policy_meta(template: str) -> str:
    """base.html's policy tag as ``template`` prints it (its blocks, else the defaults)."""
    templates = ROOT / "theme/templates"
    base = (templates / "base.html").read_text(encoding="utf-8")
    line = next(line for line in base.splitlines() if _CSP_META in line)
    own = dict(
        re.findall(r"\{% block (\w+) %\}(.*?)\{% endblock %\}", (templates / template).read_text())
    )
    return _BLOCK_DEFAULT.sub(lambda m: own.get(m[0].split()[2], m[1]), line)


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


@pytest.mark.parametrize(
    ("template", "script_src"),
    [("search.html", ["'self'", "'wasm-unsafe-eval'"]), ("index.html", ["'none'"])],
)
def test_a_pages_header_is_its_own_policy_so_only_the_search_page_may_run_scripts(
    template, script_src
):
    """Issue 23: a header with ``script-src 'none'`` on the search page would block
    Pagefind; the header of a page is the policy its meta tag states, plus the brand
    style's hash and frame-ancestors."""
    meta = _policy_meta(template)
    page = f"<head><style>:root{{}}</style>{meta}</head><body></body>"
    header = _directives(csp_header(page))
    assert header["script-src"] == script_src
    assert header["frame-ancestors"] == ["'none'"]
    assert header["img-src"] == _directives(re.search(r'content="([^"]*)"', meta)[1])["img-src"]


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for name, template in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        meta = _policy_meta(template)
        scripts = re.findall(
            r"<script src=.*?</script>", (ROOT / "theme/templates" / template).read_text()
        )
        head = "".join(scripts).replace("{{ SITEURL }}", "https://example.org")
        (folder / name).write_text(f"<head><style>b{{}}</style>{meta}{head}</head><body></body>")
    return folder


def test_the_host_rules_give_the_search_folder_its_own_header_and_every_other_page_none(
    tmp_path,
):
    output = _site(
        tmp_path,
        {
            "index.html": "index.html",
            "posts/a/index.html": "article.html",
            "search/index.html": "search.html",
            "404.html": "404.html",
        },
    )
    rules = csp_rules(output)
    # Pagefind's files get the search page's header too: its worker (which compiles its
    # WebAssembly) is bound by the header of its own file, not by the page's; and so does
    # the folder of the theme's script that merges the index's shelves.
    assert list(rules) == ["/*", "/search/*", "/pagefind/*", "/theme/js/*"]
    for path in ("/search/", "/pagefind/pagefind-worker.js"):
        assert _directives(csp_header_for(rules, path))["script-src"] == [
            "'self'",
            "'wasm-unsafe-eval'",
        ]
    for path in ("/", "/posts/a/", "/404.html", "/searching/"):
        assert _directives(csp_header_for(rules, path))["script-src"] == ["'none'"]
    assert headers_file(rules) == "".join(
        f"{pattern}\n  Content-Security-Policy: {rules[pattern]}\n"
        for pattern in ("/*", "/search/*", "/pagefind/*", "/theme/js/*")
    )
