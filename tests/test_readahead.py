"""Posts parsed ahead by a worker: the same site, the same warnings, only sooner."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_build, settings_file, tree_digest
from plugins.pelican_healthnotes import readahead

COPIES = 2  # the ten example posts three times over: enough to parse ahead


def _many_posts(content: Path) -> int:
    """Copies of the example posts under new names (new slugs and addresses), each with
    an invisible control character in its body, which the reader warns about."""
    posts = sorted((content / "posts").glob("*.md"))
    for source in posts:
        head, _, body = source.read_text(encoding="utf-8").partition("\n\n")
        source.write_text(f"{head}\n\nRest\x07 well.\n\n{body}", encoding="utf-8")
        for n in range(COPIES):
            title = re.sub(r"^Title: ", f"Title: Copy {n}: ", head, count=1, flags=re.M)
            target = source.with_name(f"{source.stem}-copy-{n}.md")
            target.write_text(f"{title}\n\nRest\x07 well.\n\n{body}", encoding="utf-8")
    return len(posts) * (COPIES + 1)


def test_parsing_ahead_builds_the_same_site_with_the_same_warnings(tmp_path, content_copy):
    posts = _many_posts(content_copy)
    assert posts >= readahead.READ_AHEAD_FROM
    builds = {}
    for mode, extra in (("ahead", ""), ("here", "PARSE_AHEAD = False")):
        (tmp_path / mode).mkdir()
        settings = settings_file(tmp_path / mode, content_copy, extra)
        builds[mode] = run_build(
            tmp_path / mode / "out", content=content_copy, settings=settings, verbose=True
        )
        assert builds[mode].ok, builds[mode].stderr
    said = r"Reading: (\d+) of the posts to parse are parsed ahead"
    assert re.findall(said, builds["ahead"].stderr) == [str(posts // 2)], builds["ahead"].stderr
    assert "parsed ahead" not in builds["here"].stderr
    ahead, here = (tree_digest(builds[m].output) for m in ("ahead", "here"))
    ahead.pop("sitemap.xml"), here.pop("sitemap.xml")  # its dates are the build's time
    assert ahead == here
    for build in builds.values():  # every post's warning, once, wherever it was parsed
        warned = re.findall(r"^(.+\.md):\d+: .*invisible control character", build.stderr, re.M)
        assert len(warned) == len(set(warned)) == posts, build.stderr


def test_only_enough_posts_not_in_pelicans_cache_are_parsed_ahead_every_other_one():
    files = [f"/c/posts/p{i}.md" for i in range(40)] + ["/c/posts/notes.txt"]
    cached = {f"/c/posts/p{i}.md" for i in range(0, 40, 4)}  # 10 of 40 from the cache
    planned = readahead.plan(files, cached.__contains__, ("md",))
    to_parse = [f for f in files[:40] if f not in cached]
    assert planned == to_parse[1::2]
    few = files[: readahead.READ_AHEAD_FROM - 1]
    assert readahead.plan(few, lambda path: False, ("md",)) == []
