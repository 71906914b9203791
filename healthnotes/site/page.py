"""What a post's page and its listings show besides the post itself: its picture in
every size, the related posts, the share links (sources are the post's own)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from healthnotes.content.model import Post
from healthnotes.site.pictures import Picture
from healthnotes.site.related import related_posts
from healthnotes.site.share import Sharing, sharing


@dataclass(frozen=True, kw_only=True)
class PostPage:
    picture: Picture | None
    related: tuple[Post, ...]
    sharing: Sharing


def post_pages(
    posts: Sequence[Post], platforms: Sequence[str], pictures: Mapping[str, Picture]
) -> dict[str, PostPage]:
    """Each post's :class:`PostPage`, by the post's source."""
    related = related_posts(posts)
    return {
        post.source: PostPage(
            picture=pictures.get(post.source),
            related=related[post.source],
            sharing=sharing(post, platforms),
        )
        for post in posts
    }
