"""``reports/calendar.html`` (a plain, accessible table by week) and terminal summary lines."""

from __future__ import annotations

from datetime import date
from html import escape

from healthnotes.calendar.build import Calendar, CalendarPost, SeriesReport
from healthnotes.calendar.model import Post
from healthnotes.calendar.slots import FilledSlot, Slot, SlotState


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _slot_when(slot: Slot) -> str:
    return f"{_day(slot.day)} {slot.start:%H:%M} {slot.start.tzname()}"


def _post_line(post: Post, state: str, number: int | None, cal: Calendar) -> str:
    num = f"#{number} " if number is not None else ""
    return (
        f"{escape(num)}{escape(post.title)} <small>({escape(state)}, "
        f"{escape(_day(post.local_date(cal.timezone)))})</small>"
    )


def _slot_cell(filled: FilledSlot, cal: Calendar, numbers: dict[str, CalendarPost]) -> str:
    label = filled.state.value
    if filled.state is SlotState.CLOSED:
        label = f"office closed: {filled.slot.closed}"
    parts = [f"<strong>{escape(_slot_when(filled.slot))}</strong>: {escape(label)}"]
    for post in filled.posts:
        cp = numbers[post.slug]
        parts.append(_post_line(post, cp.state.value, cp.number, cal))
    if filled.is_gap:
        parts[0] = f'<span class="gap">{parts[0]} (gap)</span>'
    return "<br>".join(parts)


_STYLE = """
body { font-family: system-ui, sans-serif; color: #1b1f23; margin: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #8a949e; padding: .4rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #f4f7f9; }
.gap { color: #8f2d14; font-weight: bold; }
.now th[scope=row] { background: #fff4cc; }
"""


def _summary_item(report: SeriesReport) -> str:
    s = report.series
    nxt = (
        f"next free slot {escape(_slot_when(report.next_slot))}"
        if report.next_slot
        else "no free slot found"
    )
    return (
        f"<li><strong>{escape(s.name)}</strong> ({escape(s.describe())}): "
        f"{escape(report.consistency.describe())}; {len(report.gaps)} gap(s) and "
        f"{len(report.bunches)} bunched week(s) shown; {nxt}.</li>"
    )


def calendar_html(
    cal: Calendar, *, site_name: str = "Health Notes", held: tuple[str, ...] = ()
) -> str:
    """A standalone HTML page: summary, what a crisis hold keeps back (``held``: one
    line each, the first saying why), warnings, hints and one table row per week."""
    by_slug = {cp.post.slug: cp for cp in cal.posts}
    head = [
        '<th scope="col">Week</th>',
        *(f'<th scope="col">{escape(r.series.name)}</th>' for r in cal.series),
        '<th scope="col">Other posts</th>',
        '<th scope="col">Office closed</th>',
        '<th scope="col">Health observances</th>',
    ]
    rows = []
    for week in cal.weeks:
        current = week.start <= cal.today <= week.end
        cells = [
            f'<th scope="row">{escape(_day(week.start))} – {escape(_day(week.end))}'
            + (" (this week)" if current else "")
            + "</th>"
        ]
        for report in cal.series:
            slots = week.slots.get(report.series.key, ())
            cells.append("<td>" + "<br>".join(_slot_cell(f, cal, by_slug) for f in slots) + "</td>")
        cells.append(
            "<td>"
            + "<br>".join(_post_line(cp.post, cp.state.value, None, cal) for cp in week.other_posts)
            + "</td>"
        )
        cells.append(
            "<td>"
            + "<br>".join(f"{escape(_day(d))}: {escape(reason)}" for d, reason in week.closed)
            + "</td>"
        )
        obs = []
        for occ in week.observances:
            tagged = [cp.post.title for cp in cal.posts if occ.name in cp.observances]
            line = f'<a href="{escape(occ.observance.source)}">{escape(occ.name)}</a>'
            if tagged:
                line += " — " + escape(", ".join(tagged))
            obs.append(line)
        cells.append("<td>" + "<br>".join(obs) + "</td>")
        css = ' class="now"' if current else ""
        rows.append(f"<tr{css}>" + "".join(cells) + "</tr>")

    def _list(title: str, items: tuple[str, ...]) -> str:
        if not items:
            return ""
        lis = "".join(f"<li>{escape(i)}</li>" for i in items)
        return f"<h2>{escape(title)}</h2><ul>{lis}</ul>"

    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(site_name)} — publishing calendar</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(site_name)} — publishing calendar</h1>\n"
        f"<p>Today is {escape(_day(cal.today))} {cal.today.year}; times are in "
        f"{escape(cal.timezone.key)}. This page lists unpublished titles: keep it private.</p>\n"
        "<h2>Series</h2><ul>"
        + "".join(_summary_item(r) for r in cal.series)
        + "</ul>\n"
        + _list("Crisis hold", held)
        + _list("Warnings", cal.warnings)
        + _list("Observances coming up", cal.hints)
        + _list("Posts to fix", cal.problems)
        + "\n<table>\n<caption>Posts and series slots by week, "
        f"{escape(_day(cal.first))} {cal.first.year} to {escape(_day(cal.last))} "
        f"{cal.last.year}</caption>\n<thead><tr>"
        + "".join(head)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</main>\n</body>\n</html>\n"
    )


def calendar_terminal(cal: Calendar, *, held: tuple[str, ...] = ()) -> str:
    """A few lines for the build's output: what a crisis hold keeps back, each series,
    then warnings and hints."""
    lines = [f"held: {line}" for line in held]
    for r in cal.series:
        nxt = f"next free slot {_slot_when(r.next_slot)}" if r.next_slot else "no free slot"
        lines.append(
            f"{r.series.name}: {r.consistency.describe()}; {nxt}; "
            f"{sum(1 for g in r.gaps if g.slot.day >= cal.today)} open slot(s) ahead, "
            f"{len(r.bunches)} bunched week(s)."
        )
    lines.extend(f"warning: {w}" for w in cal.warnings)
    lines.extend(f"hint: {h}" for h in cal.hints)
    lines.extend(f"problem: {p}" for p in cal.problems)
    return "\n".join(lines)
