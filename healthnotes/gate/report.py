"""The build report: what the safety gate found, per post, for the practice's staff.

``reports/build-report.html`` (outside ``output/``, never published) and a short
terminal summary. Per post: type, reading grades, privacy findings (masked) and
reviewed exceptions, medical-review status, photo consent status, platforms made;
newest first, drafts and scheduled posts with their dates, links to each post's page
and to its cards, and what needs attention (a grade above the target, a review due)
marked in words as well as colour.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from jinja2 import Environment, select_autoescape

if TYPE_CHECKING:
    from healthnotes.cache.checks import CheckCache
    from healthnotes.gate.messages import Masker
    from healthnotes.gate.privacy import Allowlist


@dataclass(frozen=True, kw_only=True)
class PostCheck:
    """One post's line in the report."""

    source: str
    title: str
    type: str
    status: str  # published | scheduled | draft
    smog: float | None = None
    fk_grade: float | None = None
    findings: tuple[str, ...] = ()  # formatted, masked; each one stops the publish
    exceptions: tuple[str, ...] = ()  # acknowledged findings, with reviewer and reason
    review: str = ""
    review_due: bool = False
    consent: str = "not needed"
    platforms: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # warnings (readability, stripped photo metadata …)
    #: The identifiers found in the post (exact texts; never shown): every message and
    #: report masks them wherever they stand (healthnotes.gate.messages).
    identifiers: tuple[str, ...] = ()
    date: datetime | None = None  # when it goes (or went) live
    page: str | None = None  # link from the report to the built page
    preview: str | None = None  # link from the report to its cards and texts

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def grade(self) -> float | None:
        """The grade compared with the target: SMOG, or Flesch-Kincaid if too short."""
        return self.fk_grade if self.smog is None else self.smog

    @property
    def when(self) -> str:
        """Its status in words, with its date (a scheduled post: the go-live time)."""
        if self.date is None:
            return STATUS_WORDS.get(self.status, self.status)
        shown = STATUS_DATES.get(self.status, "{status}, dated {day} {time}")
        return shown.format(
            status=self.status, day=f"{self.date:%Y-%m-%d}", time=f"{self.date:%H:%M}"
        )


#: A post's status in the report, without and with its date.
STATUS_WORDS = {
    "published": "Published",
    "scheduled": "Scheduled",
    "draft": "Draft (not published)",
    "held": "Held by the crisis hold",
}
STATUS_DATES = {
    "published": "Published {day} {time}",
    "scheduled": "Scheduled: goes live {day} at {time}",
    "draft": "Draft (not published), dated {day} {time}",
    "held": "Held by the crisis hold, dated {day} {time}",
}


@dataclass(frozen=True, kw_only=True)
class BuildReport:
    site: str
    generated: datetime
    reading_target: float
    review_max_age_days: int
    posts: Sequence[PostCheck]
    problems: Sequence[str] = field(default_factory=tuple)  # every error line of the run
    #: Said above the list when its Page links are not to this build's pages (make check).
    links_note: str | None = None

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def review_due(self) -> list[PostCheck]:
        return [p for p in self.posts if p.review_due]

    def over_target(self, post: PostCheck) -> bool:
        return post.grade is not None and post.grade > self.reading_target

    @property
    def above_target(self) -> list[PostCheck]:
        return [p for p in self.posts if self.over_target(p)]


def review_status(
    last_reviewed: date | None, reviewed_by: str | None, *, today: date, max_age_days: int
) -> tuple[str, bool]:
    """("reviewed … (N days ago)" or why a review is due, is a review due?)."""
    if last_reviewed is None:
        return "never medically reviewed: add Reviewed_By and Last_Reviewed", True
    age = (today - last_reviewed).days
    text = f"reviewed {last_reviewed.isoformat()} by {reviewed_by} ({age} days ago)"
    if age > max_age_days:
        return f"review due: {text}, more than {max_age_days} days", True
    return text, False


_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Build report — {{ report.site }}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; color: #1b1f23; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; }
h1 { font-size: 1.6rem; } table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: .5rem; text-align: left; vertical-align: top; }
th { background: #f4f7f9; } .bad { color: #a40e26; font-weight: 600; }
.due, .over { background: #fff4d6; color: #5c3900; }
.flag { display: inline-block; border: 2px solid #5c3900; border-radius: .3rem;
        padding: 0 .3rem; color: #5c3900; background: #fff4d6; }
.flag::before { content: "\\26A0\\FE0E  "; }
tr.attention td:first-child { border-left: .35rem solid #b06f00; }
tr.draft, tr.scheduled, tr.held { background: #f7f7fb; }
td a { margin-right: .75rem; } td.when { min-width: 11rem; }
.ok { color: #1a6b34; } ul { margin: 0; padding-left: 1.2rem; } code { font-size: .95em; }
.status { padding: .75rem 1rem; border-radius: .4rem; font-weight: 600; }
.status.pass { background: #e6f4ea; color: #1a6b34; }
.status.fail { background: #fde7ea; color: #a40e26; }
</style>
</head>
<body>
<h1>Build report — {{ report.site }}</h1>
<p>Generated {{ report.generated.strftime('%Y-%m-%d %H:%M %Z') }}. This file is for the
practice's staff and is never published.</p>
{% if report.passed %}
<p class="status pass">Passed: nothing stops publishing.</p>
{% else %}
<p class="status fail">Stopped: {{ report.problems|length }} problem(s); nothing was published.</p>
<ul>{% for line in report.problems %}<li><code>{{ mask(line) }}</code></li>{% endfor %}</ul>
{% endif %}
<p>Reading level target: grade {{ report.reading_target }}. Medical review is due after
{{ report.review_max_age_days }} days. Newest post first; drafts and scheduled posts
included.</p>
{% if report.links_note %}<p class="links-note">{{ report.links_note }}</p>{% endif %}
<ul class="summary">
<li>{% if report.above_target %}<strong class="flag">Above target:</strong>
{{ report.above_target|length }} post(s) read above grade {{ report.reading_target }}{%
else %}No post reads above grade {{ report.reading_target }}{% endif %}.</li>
<li>{% if report.review_due %}<strong class="flag">Review due:</strong>
{{ report.review_due|length }} post(s) due for medical review{%
else %}No post is due for medical review{% endif %}.</li>
</ul>
<table>
<thead><tr><th scope="col">Post</th><th scope="col">Date</th><th scope="col">Type</th>
<th scope="col">Reading grade (SMOG / FK)</th><th scope="col">Privacy</th>
<th scope="col">Medical review</th><th scope="col">Photo consent</th>
<th scope="col">Platforms</th></tr></thead>
<tbody>
{% for post in report.posts %}
{% set over = report.over_target(post) %}
<tr class="{{ post.status }}{{ ' attention' if over or post.review_due else '' }}">
<td><strong>{{ mask(post.title) }}</strong><br><code>{{ mask(post.source, path=True) }}</code>
{% if post.page or post.preview %}<br>{% endif %}
{% if post.page %}<a class="page" href="{{ mask(post.page, path=True) }}">Page</a>{% endif %}
{% if post.preview %}<a class="cards" href="{{ mask(post.preview, path=True) }}">Cards and texts</a>
{%- endif %}
{% if post.notes %}<ul>{% for note in post.notes %}<li>{{ mask(note) }}</li>{% endfor %}</ul>
{% endif %}</td>
<td class="when">{{ post.when }}</td>
<td>{{ post.type }}</td>
<td class="{{ 'over' if over else '' }}">{% if over %}<strong class="flag">Above target</strong>
<br>{% endif %}
{% if post.smog is not none %}{{ '%.1f'|format(post.smog) }}{% else %}–{% endif %} /
{% if post.fk_grade is not none %}{{ '%.1f'|format(post.fk_grade) }}{% else %}–{% endif %}</td>
<td>{% if post.findings %}<ul class="bad">{% for f in post.findings %}<li>{{ mask(f) }}</li>
{% endfor %}</ul>
{% elif post.status == 'draft' %}not checked yet{% else %}<span class="ok">clean</span>{% endif %}
{% if post.exceptions %}<p>Reviewed exceptions:</p>
<ul>{% for e in post.exceptions %}<li>{{ mask(e) }}</li>
{% endfor %}</ul>{% endif %}</td>
<td class="{{ 'due' if post.review_due else '' }}">{% if post.review_due %}<strong
class="flag">Review due</strong><br>{% endif %}{{ post.review }}</td>
<td class="{{ 'bad' if post.consent.startswith('MISSING') else '' }}">{{ mask(post.consent) }}</td>
<td>{{ post.platforms|join(', ') }}</td>
</tr>
{% endfor %}
</tbody>
</table>
</body>
</html>
"""

_ENV = Environment(autoescape=select_autoescape(default=True), trim_blocks=True)


def _masker(
    allow: Allowlist | None, known: Sequence[str], cache: CheckCache | None = None
) -> Callable[..., str]:
    """Masks identifiers in a text quoted from a post (its title, a note quoting its
    sentences; its file name or address with ``path=True``, as :meth:`Masker.path`
    does): the report and the terminal never show one in plain. ``known`` are the
    identifiers this build's gate found, masked wherever they stand
    (:class:`healthnotes.gate.messages.Masker`). Each text is masked once; with a
    ``cache`` (the checks' cache) the masked text is kept by the text, the allowlist
    and ``known``, so a build that changed nothing scans none of them again."""
    from healthnotes.gate.messages import Masker
    from healthnotes.gate.privacy import Allowlist

    return kept_masks(Masker.found(allow if allow is not None else Allowlist(), known), cache)


def kept_masks(masker: Masker, cache: CheckCache | None = None) -> Callable[..., str]:
    """``mask(value, path=False)``: ``value`` masked by ``masker`` as a text quoted from a
    post (:meth:`Masker.quoted`, with the language model) or, with ``path=True``, as a
    file name or address (:meth:`Masker.path`); each text once, and with a ``cache`` kept
    by the text, the allowlist and what the gate found, between builds."""
    from healthnotes.gate.check import allow_fingerprint

    context = (allow_fingerprint(masker.allow), *masker.known) if cache is not None else ()
    done: dict[tuple[str, str], str] = {}

    def mask(value: object, *, path: bool = False) -> str:
        text = str(value)
        kind = "report-path" if path else "report-quoted"
        if (kind, text) not in done:
            # a file name or address has no sentence for the language model to read
            masked = (
                (lambda: masker.path(text)) if path else (lambda: masker.quoted(text, model=True))
            )
            done[kind, text] = str(
                masked() if cache is None else cache.get(kind, (text, *context), masked)
            )
        return done[kind, text]

    return mask


def render_html(
    report: BuildReport,
    *,
    allow: Allowlist | None = None,
    known: Sequence[str] = (),
    cache: CheckCache | None = None,
) -> str:
    """The report as a self-contained HTML page (every value escaped; identifiers in
    text quoted from posts masked, with the site's ``allow`` list, and ``known``, the
    identifiers the gate found, wherever they stand; masked texts kept in ``cache``)."""
    mask = _masker(allow, known, cache)
    return _ENV.from_string(_TEMPLATE).render(report=report, mask=mask)


def render_terminal(
    report: BuildReport,
    *,
    limit: int = 20,
    reported: Collection[str] = (),
    allow: Allowlist | None = None,
    known: Sequence[str] = (),
    cache: CheckCache | None = None,
) -> str:
    """A short summary: totals, then the posts that need attention (at most ``limit``);
    identifiers in text quoted from posts masked. ``reported`` are messages printed as
    problems or warnings anyway: a post's note that is one of them is left out here, so
    nothing is printed twice. ``known`` and ``cache`` as for :func:`render_html`. Drafts (listed in
    the HTML report, never checked) are left out: the build's last lines already say
    what it leaves out."""
    mask = _masker(allow, known, cache)
    posts = [p for p in report.posts if p.status != "draft"]
    shown = {p.source: tuple(note for note in p.notes if note not in reported) for p in posts}
    attention = [p for p in posts if p.findings or p.review_due or shown[p.source]]
    grades = [p.smog if p.smog is not None else p.fk_grade for p in posts]
    scored = [g for g in grades if g is not None]
    lines = [
        f"Safety check: {len(posts)} posts, "
        f"{sum(len(p.findings) for p in posts)} privacy findings, "
        f"{sum(len(p.exceptions) for p in posts)} reviewed exceptions, "
        f"{sum(p.review_due for p in posts)} due for medical review"
        + (f", reading grades {min(scored):.1f}–{max(scored):.1f}" if scored else "")
        + ".",
    ]
    for post in attention[:limit]:
        flags = []
        if post.findings:
            flags.append(f"{len(post.findings)} finding(s)")
        if post.review_due:
            flags.append("review due")
        flags.extend(mask(note) for note in shown[post.source])
        lines.append(f"  {mask(post.source, path=True)}: {'; '.join(flags)}")
    if len(attention) > limit:
        lines.append(f"  … and {len(attention) - limit} more (see the report)")
    return "\n".join(lines)
