"""Related posts: what to read next at the end of a post.

Each post gets up to :data:`RELATED_COUNT` other published posts, chosen by what
they share with it: each shared tag counts :data:`TAG_WEIGHT`, the same type
:data:`TYPE_WEIGHT`. Ties go to the newer post, then to the address, so the
choice is the same on every build. Drafts and scheduled posts are never offered
(their pages are not published). When fewer posts share anything, the newest
published posts fill the list, so every post ends with :data:`RELATED_COUNT`.

On a large site a tag shared by thousands of posts would make this quadratic, so
each tag offers only its newest :data:`PER_TAG` posts (and each type its newest
:data:`PER_TAG`): readers are offered recent posts first anyway.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping, Sequence

from healthnotes.content.model import Post, newest_first

RELATED_COUNT = 3
TAG_WEIGHT = 2
TYPE_WEIGHT = 1
PER_TAG = 200


def related_posts(
    posts: Sequence[Post], count: int = RELATED_COUNT
) -> Mapping[str, tuple[Post, ...]]:
    """Each post's related posts (keyed by its source), best first."""
    published = newest_first(post for post in posts if post.is_published)
    rank = {post.source: index for index, post in enumerate(published)}
    by_source = {post.source: post for post in published}
    by_tag: dict[str, list[str]] = defaultdict(list)
    by_type: dict[str, list[str]] = defaultdict(list)
    for post in published:  # newest first, so each list keeps the newest
        for tag in {tag.casefold() for tag in post.tags}:
            if len(by_tag[tag]) < PER_TAG:
                by_tag[tag].append(post.source)
        if len(by_type[post.type]) < PER_TAG:
            by_type[post.type].append(post.source)
    # A candidate's place in the choice is one number, smallest first: its rank (newest
    # first, below ``point``) less ``point`` for each point it scores, so the highest
    # score comes first and, among equal scores, the newest.
    point = len(published) + 1
    chosen: dict[str, tuple[Post, ...]] = {}
    for post in posts:
        order: dict[str, int] = {}
        for tag in {tag.casefold() for tag in post.tags}:
            for source in by_tag.get(tag, ()):
                order[source] = order.get(source, rank[source]) - TAG_WEIGHT * point
        for source in by_type.get(post.type, ()):
            order[source] = order.get(source, rank[source]) - TYPE_WEIGHT * point
        order.pop(post.source, None)
        best = heapq.nsmallest(count, order, key=order.__getitem__)
        for newest in published:
            if len(best) >= count:
                break
            if newest.source != post.source and newest.source not in order:
                best.append(newest.source)
        chosen[post.source] = tuple(by_source[source] for source in best)
    return chosen
