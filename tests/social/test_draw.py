"""Drawing cards into the cache: the groups workers draw, and what a drawing process loads."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from conftest import modules_loaded_after
from healthnotes.cache.checks import CheckCache
from healthnotes.cache.files import ImageCache
from healthnotes.social.cards.card import CardColours, CardInput
from healthnotes.social.cards.draw import (
    PLAIN_GROUP,
    CardJob,
    card_digest,
    card_groups,
    draw_group,
    picture_digest,
)
from healthnotes.social.platforms import PLATFORMS, image_platform

ROOT = Path(__file__).resolve().parents[2]
BRAND = CardColours(
    primary="#1f5f8b", accent="#a8432a", text="#1b1f23", background="#ffffff", surface="#f4f7f9"
)
IMAGE_KEYS = [key for key, p in PLATFORMS.items() if p.image is not None]


def jpeg(size: tuple[int, int] = (1600, 1000)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def jobs_for(slug: str, hero_file: Path | None = None) -> list[CardJob]:
    card = CardInput(title=f"Post {slug}", badge="How-to", practice_name="Clinic", colours=BRAND)
    hero = picture_digest(hero_file.read_bytes()) if hero_file else None
    inputs = card_digest(card, hero=hero)
    return [
        CardJob(
            key=f"{slug}-{key}",
            slug=slug,
            source=f"content/posts/{slug}.md",
            image=hero_file.name if hero_file else None,
            platform=key,
            card=card,
            spec=image_platform(PLATFORMS[key]).image,
            hero_file=str(hero_file) if hero_file else None,
            card_digest=inputs,
        )
        for key in IMAGE_KEYS
    ]


def test_card_groups_keep_a_pictures_cards_together_and_plain_cards_by_platform(tmp_path):
    hero = tmp_path / "hero.jpg"
    hero.write_bytes(jpeg())
    plain_posts = PLAIN_GROUP + 5  # one platform needs two groups
    jobs = [job for i in range(plain_posts) for job in jobs_for(f"plain-{i}")]
    jobs += jobs_for("pictured", hero)

    groups = card_groups(jobs)

    drawn = [job.key for group in groups for job in group]
    assert sorted(drawn) == sorted(job.key for job in jobs)  # each card once
    [pictured] = [g for g in groups if any(job.slug == "pictured" for job in g)]
    assert {job.platform for job in pictured} == set(IMAGE_KEYS)
    assert {job.slug for job in pictured} == {"pictured"}
    plain = [g for g in groups if g is not pictured]
    assert all(len({job.platform for job in group}) == 1 for group in plain)
    assert all(len(group) <= PLAIN_GROUP for group in plain)
    assert len(plain) == 2 * len(IMAGE_KEYS)


def test_an_unreadable_picture_fails_only_its_own_cards_in_a_group(tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(jpeg()[:2000])
    fine = tmp_path / "fine.jpg"
    fine.write_bytes(jpeg())
    jobs = [*jobs_for("broken", broken)[:2], *jobs_for("fine", fine)[:2], *jobs_for("plain")[:1]]
    cache = ImageCache(tmp_path / "cache")

    results = draw_group(cache.root, jobs)

    by_key = {key: (entry, part, message) for key, entry, part, message in results}
    for job in jobs:
        entry, part, message = by_key[job.key]
        if job.slug == "broken":
            assert entry is None and part == "hero" and "not a readable picture" in message
        else:
            assert entry is not None and part == "" and message == ""
            cache.record(job.key, entry)
            with Image.open(cache.get(job.key)) as card:
                assert card.size == (job.spec.width, job.spec.height)


def test_a_drawing_process_loads_no_build_side_modules():
    build_side = (
        "pelican",
        "markdown",
        "twitter_text",
        "healthnotes.config",
        "healthnotes.content.model",
    )
    loaded = modules_loaded_after(
        "import healthnotes.social.cards.draw, healthnotes.social.cards.render",
        [*build_side, "healthnotes.social.plan", "healthnotes.social.texts"],
    )
    assert loaded == []


def test_a_worker_keeps_only_what_the_next_cards_share(tmp_path):
    from healthnotes.social.cards import render

    hero = tmp_path / "hero.jpg"
    hero.write_bytes(jpeg())
    root = ImageCache(tmp_path / "cache").root
    draw_group(root, jobs_for("plain")[:2])
    assert render._plain_layer.cache_info().currsize > 0
    draw_group(root, jobs_for("pictured", hero)[:2])
    assert render._hero_pixels.cache_info().currsize == 1
    assert render._plain_layer.cache_info().currsize == 0  # megabytes a hero card never uses
    draw_group(root, jobs_for("plain-again")[:1])
    assert render._hero_pixels.cache_info().currsize == 0
    assert render._scaled_hero.cache_info().currsize == 0


def test_a_worker_drops_the_last_posts_hero_before_it_decodes_the_next(tmp_path, monkeypatch):
    from healthnotes.social.cards import render

    first, second = tmp_path / "first.jpg", tmp_path / "second.jpg"
    first.write_bytes(jpeg((1600, 1000)))
    second.write_bytes(jpeg((1500, 1000)))
    root = ImageCache(tmp_path / "cache").root
    draw_group(root, jobs_for("first", first)[:1])
    held_when_decoding = []
    decode = render._plain_jpeg_pixels
    monkeypatch.setattr(
        render,
        "_plain_jpeg_pixels",
        lambda data: (
            held_when_decoding.append(render._hero_pixels.cache_info().currsize) or decode(data)
        ),
    )
    draw_group(root, jobs_for("second", second)[:1])
    assert held_when_decoding == [0]  # never two decoded heroes at once


def test_a_card_that_does_not_share_the_scaled_hero_drops_it(tmp_path):
    from healthnotes.social.cards import render

    hero = tmp_path / "hero.jpg"
    hero.write_bytes(jpeg((1600, 1000)))
    root = ImageCache(tmp_path / "cache").root
    jobs = {job.platform: job for job in jobs_for("pictured", hero)}
    draw_group(root, [jobs["og"], jobs["x"]])  # one scale: the hero scaled once, kept
    assert render._scaled_hero.cache_info().currsize == 1
    draw_group(root, [jobs["og"], jobs["story"]])  # a story card scales its own crop
    assert render._scaled_hero.cache_info().currsize == 0


def test_cards_the_cache_lacks_are_drawn_in_the_workers_and_held_cards_whose_file_changed_again(
    tmp_path,
):
    from healthnotes.cache.files import FileDigests
    from healthnotes.pipeline import Caches, draw_cards, finish_cards
    from healthnotes.runtime.workers import Workers

    def build_caches() -> Caches:  # (a build's caches, the card cache in "cache")
        cards, pictures = ImageCache(tmp_path / "cache"), ImageCache(tmp_path / "pictures")
        return Caches(tmp_path, cards, FileDigests(None), CheckCache(None), pictures)

    caches = build_caches()
    kept, lost, touched = jobs_for("kept")[:2], jobs_for("lost")[:2], jobs_for("touched")[:2]
    with Workers(2) as workers:
        drawing = draw_cards([*kept, *lost, *touched], caches.cards, workers)
        assert len(drawing.todo) == 6
        finish_cards(drawing, [*kept, *lost, *touched], [], caches, config=None)
    caches.cards.path_for(lost[0].key).unlink()
    caches.cards.path_for(touched[0].key).write_bytes(b"not the card that was drawn")
    new = jobs_for("new")[:2]

    # the next build
    caches = build_caches()
    jobs = [*kept, *lost, *touched, *new]
    with Workers(2) as workers:
        drawing = draw_cards(jobs, caches.cards, workers)
        assert set(drawing.todo) == {job.key for job in new}  # no file is read to plan
        finish_cards(drawing, jobs, [], caches, config=None)

    for job in jobs:
        with Image.open(caches.cards.get(job.key)) as card:
            assert card.size == (job.spec.width, job.spec.height)
    assert caches.cards.file(lost[0].key) and caches.cards.file(touched[0].key)
