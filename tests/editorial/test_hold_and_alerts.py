"""The crisis hold and urgent notices, by the build's moment ``now``."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from conftest import run_build, settings_file, typed_post
from healthnotes.content.model import Alert, Post
from healthnotes.editorial.publishing import HELD, apply_hold, current_alerts
from healthnotes.editorial.settings import Hold

TZ = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 12, 4, 12, 0, tzinfo=TZ)


def post(slug: str, when: datetime, status: str = "published", details=None) -> Post:
    return typed_post(
        details,
        slug=slug,
        url=f"https://x.example/posts/{slug}/",
        guid=slug,
        title=slug,
        date=when,
        summary="s",
        status=status,
    )


def test_the_hold_keeps_back_posts_dated_after_it_began_whose_date_has_come():
    hold = Hold(since=NOW - timedelta(hours=4), reason="storm")
    before = post("before", NOW - timedelta(days=1))
    after = post("after", NOW - timedelta(hours=1))
    later = post("later", NOW + timedelta(days=1), status="scheduled")
    draft = post("draft", NOW - timedelta(hours=1), status="draft")
    statuses = {p.slug: p.status for p in apply_hold([before, after, later, draft], hold, NOW)}
    assert statuses == {
        "before": "published",
        "after": HELD,
        "later": "scheduled",
        "draft": "draft",
    }
    # once "now" passes the scheduled post's date, it is held too
    moved = apply_hold([later], hold, NOW + timedelta(days=2))
    assert moved[0].status == HELD
    assert apply_hold([after], None, NOW)[0].status == "published"


def test_an_alert_is_current_until_it_expires():
    alert = post(
        "closed", NOW - timedelta(hours=1), details=Alert(expires=NOW + timedelta(hours=5))
    )
    assert current_alerts([alert], NOW) == [alert]
    assert current_alerts([alert], NOW + timedelta(hours=5)) == []
    assert current_alerts([replace(alert, status="scheduled")], NOW) == []


def _alert(name: str, date: datetime, expires: datetime) -> str:
    return (
        f"Title: {name}\nDate: {date:%Y-%m-%d %H:%M}\nType: alert\n"
        f"Expires: {expires:%Y-%m-%d %H:%M}\nSummary: The office is closed today.\n\n"
        "The office is closed today because of snow. Call us for urgent needs.\n"
    )


def test_a_current_alert_is_a_banner_on_every_page_and_leads_every_feed(
    tmp_path, write_post, content_copy
):
    now = datetime.now(TZ)
    write_post(
        "snow-closure.md",
        _alert("Office closed: snow", now - timedelta(days=400), now + timedelta(days=1)),
    )
    write_post(
        "old-closure.md",
        _alert("Office closed: ice", now - timedelta(days=3), now - timedelta(days=2)),
    )
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.ok, build.stderr
    out = tmp_path / "output"
    for page in ("index.html", "about/index.html", "posts/hand-washing/index.html"):
        html = (out / page).read_text()
        assert 'class="alert-banner"' in html and "Office closed: snow" in html
        assert "Office closed: ice" not in html.split("<main", 1)[0]  # expired: no banner
        assert "style=" not in html.split('class="alert-banner"', 1)[1].split("</section>")[0]
        assert 'href="https://health.maplegrovefamily.example/category/urgent-notices/"' in html
    assert (out / "category" / "urgent-notices" / "index.html").is_file()
    assert (out / "posts" / "old-closure" / "index.html").is_file()  # stays in the archive
    for feed in ("feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/x.xml", "feeds/bluesky.xml"):
        text = (out / feed).read_text()
        first = text.split("<item>", 1)[-1] if "<item>" in text else text.split("<entry>", 1)[1]
        assert "Office closed: snow" in first.split("</item>")[0].split("</entry>")[0], feed


def test_after_expiry_the_banner_is_gone(tmp_path, write_post, content_copy):
    now = datetime.now(TZ)
    write_post(
        "snow-closure.md",
        _alert("Office closed: snow", now - timedelta(days=2), now - timedelta(minutes=1)),
    )
    build = run_build(tmp_path / "output", content=content_copy)
    assert build.ok, build.stderr
    assert 'class="alert-banner"' not in (tmp_path / "output" / "index.html").read_text()
    assert (tmp_path / "output" / "posts" / "snow-closure" / "index.html").is_file()


def test_a_hold_keeps_new_posts_out_of_pages_feeds_and_the_csv_and_says_so(
    tmp_path, write_post, content_copy
):
    now = datetime.now(TZ)
    since = now - timedelta(days=1)
    write_post(
        "held-news.md",
        f"Title: Held news\nDate: {now - timedelta(hours=2):%Y-%m-%d %H:%M}\nType: qa\n"
        "Question: Is this held?\n\nYes, the hold keeps it back.\n",
    )
    extra = f'HOLD = {{"since": "{since:%Y-%m-%d %H:%M}", "reason": "Local emergency"}}\n'
    conf = settings_file(tmp_path, content_copy, extra)
    build = run_build(tmp_path / "output", content=content_copy, settings=conf)
    assert build.ok, build.stderr
    out = tmp_path / "output"
    assert "CRISIS HOLD since" in build.stderr and "Local emergency" in build.stderr
    assert "held-news.md" in build.stdout + build.stderr
    assert not (out / "posts" / "held-news").exists()
    assert (out / "posts" / "hand-washing" / "index.html").is_file()  # older posts stay
    for feed in ("feeds/all.rss.xml", "feeds/qa.rss.xml", "feeds/x.xml", "syndication.json"):
        assert "Held news" not in (out / feed).read_text(), feed
    with (out / "syndication" / "bulk-schedule.csv").open() as handle:
        assert all("Held news" not in str(row) for row in csv.reader(handle))

    lifted = run_build(tmp_path / "output2", content=content_copy)
    assert lifted.ok and (tmp_path / "output2" / "posts" / "held-news" / "index.html").is_file()
