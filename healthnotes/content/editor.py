"""The content editor's configuration (Decap CMS ``config.yml``), made from the post types.

Nothing here is written by hand per field: each post type of
:data:`healthnotes.content.model.TYPE_SPECS` becomes one collection whose form has the
type's own fields (required ones marked), then the fields every post can have
(:data:`healthnotes.content.model.COMMON_FIELDS`). Field labels are spelled the way the
README and the build's error messages spell them (:func:`display_name`), and
each field carries the README's help text as its hint. A new post type or field
in ``healthnotes/content/model.py`` is in the editor the next time ``make editor`` runs.

Posts are not YAML front matter: they are Pelican Markdown (``Field: value``
lines, one empty line, the text). ``editor/pelican-format.js`` registers that
format with the CMS as ``pelican``; its list of comma-separated and repeated
fields is checked against this module by ``tests/test_editor_config.py``.

Command line (``make editor`` uses it)::

    python -m healthnotes.content.editor [--settings pelicanconf.py] [--local-port 8081]
        [--no-local] [--backend git-gateway|github|gitlab] [--repo owner/name]
        [--branch main] [--editorial-workflow] > config.yml

Imports only ``healthnotes.content.model`` and ``healthnotes.config``, so it moves with them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from healthnotes.config import SiteConfig
from healthnotes.content.model import (
    COMMON_FIELDS,
    RECALL_AGENCIES,
    RECALL_CLASSES,
    STATUSES,
    TYPE_SPECS,
    PostType,
    TypeSpec,
    display_name,
)

#: The CMS's name for the post file format (registered by editor/pelican-format.js).
FORMAT = "pelican"
#: Folders, relative to the repository root (what the git backends and decap-server see).
POSTS_FOLDER = "content/posts"
PAGES_FOLDER = "content/pages"
MEDIA_FOLDER = "content/images"
#: How the Image field refers to a picture: relative to content/ (``images/x.jpg``).
PUBLIC_FOLDER = "images"

#: Fields every post must have (checked in ``parse_post`` itself, not in a TypeSpec).
COMMON_REQUIRED = ("title", "date", "type")
#: Fields written as ``Name: a, b, c`` and edited as a list of items.
COMMA_LIST_FIELDS = ("tags", "supplies", "recall_lots")
#: Fields written as one ``Name: …`` line per item (the line is repeated).
REPEATED_FIELDS = ("exception", "sources")

#: Order of the common fields in the form: what a writer fills first comes first.
#: A common field not named here comes last (see :func:`common_order`).
_PREFERRED_ORDER = (
    "title",
    "date",
    "type",
    # the type's own fields go here
    "summary",
    "short",
    "tags",
    "author",
    "reviewed_by",
    "last_reviewed",
    "image",
    "image_alt",
    "sources",
    "status",
    "modified",
    "consent",
    "testimonial",
    "exception",
)

_DATETIME = "YYYY-MM-DD HH:mm"
_DATE = "YYYY-MM-DD"

#: Help text under each field: docs/fields.md's "What to write", short.
HINTS: Mapping[str, str] = {
    "title": "The headline. The file name (and so the web address) is made from it "
    "when the post is first saved; it does not change afterwards.",
    "date": "When the post goes live, in the practice's time. A future date schedules the "
    "post: it appears the first time the site is published after that date.",
    "type": "The kind of post: decides the layout, the section and the feed.",
    "modified": "Date of the last real change; shown as 'Updated'. Leave empty for a new post.",
    "summary": "One plain sentence for listings, feeds and search results. Leave empty to "
    "use the first paragraph.",
    "short": "Optional. The point in one or two short sentences, for X, Bluesky and link "
    "previews when the whole text does not fit: the answer (Q&A), the fact (myth), the "
    "hazard and what to do (recall), or the summary (how-to).",
    "tags": "Topics, separated by commas, e.g. flu, vaccines, prevention. Tag a post "
    "'mental health' and the page adds the 988 crisis line.",
    "author": "Who wrote it, with credentials, e.g. Priya Shah, RN.",
    "reviewed_by": "The clinician who checked the medical content, e.g. Dr. Ana Patel, MD. "
    "Give it together with Last_Reviewed, or leave both empty.",
    "last_reviewed": "The date of that medical review; not in the future. Give it together "
    "with Reviewed_By, or leave both empty.",
    "image": "A picture at the top of the post (.jpg, .png or .webp), kept in "
    "content/images/. Its hidden location data is removed when the site is published.",
    "image_alt": "Required with an Image: what the picture shows, for people who cannot "
    "see it, e.g. Hands washing with soap at a sink.",
    "status": "'draft' keeps the post off the published site (you can still preview it). "
    "Choose 'published' when it is ready.",
    "consent": "Only for a patient's picture or words: the id of their signed HIPAA "
    "authorization, e.g. AUTH-2026-014. Never write the patient's name.",
    "testimonial": "'yes' when the post quotes or describes a patient's own experience "
    "(then Consent is required).",
    "exception": "A reviewed exception to the privacy check, one per item: "
    "rule | exact text | reviewed by | why, e.g. "
    "phone | (541) 555-0199 | Dr. Ana Patel, MD | partner's public line.",
    "sources": "What the post is based on, one per item: title | publisher | address, e.g. "
    "Common Cold | MedlinePlus | https://medlineplus.gov/commoncold.html. A recall "
    "lists its official notice.",
    "public_figures": "People the post is about on purpose (a public figure), separated by "
    "commas: the privacy check does not report their names in this post.",
    "time": "How long it takes, e.g. About 1 minute.",
    "supplies": "What you need, separated by commas, e.g. soap, clean running water, clean towel.",
    "myth": "The myth, in one sentence, e.g. Antibiotics help you get over a cold faster.",
    "fact": "The fact that answers it, in one sentence.",
    "recall_product": "Product, brand and size as on the notice.",
    "recall_agency": f"Who announced the recall: {', '.join(RECALL_AGENCIES)}, …",
    "recall_reason": "Why, in one sentence.",
    "recall_url": "The official notice: the full address, starting with https://",
    "recall_date": "The date the recall was announced.",
    "recall_class": "I is the most serious. Leave empty if the notice gives no class.",
    "recall_lots": "Lot codes, separated by commas.",
    "recall_action": "What patients should do.",
    "question": "The question, the way any patient could ask it. Never a patient's name "
    "or details.",
    "series": "The series the post counts in (a key or name from SERIES, e.g. myth), when "
    "its type does not already say.",
    "signed_off": "Written by `make sign-off` when a reviewer signs this exact text; never "
    "edit it by hand.",
    "video": "'no' leaves the post out of the short videos (made only when the site "
    "turns VIDEO on). Leave empty to include it.",
    "expires": "When the urgent notice stops showing as a banner, in the practice's time.",
    "id": "The post's permanent feed id, written by make new. Keep it as it is, also "
    "when the post is renamed.",
    "previous_slugs": "After renaming a published post: its old file names without .md, "
    "separated by commas, e.g. flu-shot-facts. The old address then leads here.",
    "body": "The text of the post in Markdown, e.g. ## for a heading, - for a bullet, "
    "1. for a numbered step.",
}

_BODY_HINTS: Mapping[PostType, str] = {
    PostType.HOWTO: "The steps are the numbered list (lines starting 1. , 2. , …); "
    "a how-to without one is refused by the build.",
    PostType.MISCONCEPTION: "Explain the myth and the evidence in plain words.",
    PostType.RECALL: "Who is at risk, symptoms to watch for, what to do.",
    PostType.QA: "The answer to the question.",
    PostType.ALERT: "What is happening, who it affects, what to do, and until when.",
}


def _select(options: Sequence[tuple[str, str]]) -> dict[str, Any]:
    return {"widget": "select", "options": [{"label": lb, "value": v} for v, lb in options]}


def _field_widget(name: str, config: SiteConfig) -> dict[str, Any]:
    """Widget settings for one metadata field (without name, label, required, hint)."""
    if name in ("date", "modified", "expires"):
        widget: dict[str, Any] = {
            "widget": "datetime",
            "format": _DATETIME,
            "date_format": _DATE,
            "time_format": "HH:mm",
            "picker_utc": False,
        }
        if name == "date":
            widget["default"] = "{{now}}"
        return widget
    if name in ("last_reviewed", "recall_date"):
        return {
            "widget": "datetime",
            "format": _DATE,
            "date_format": _DATE,
            "time_format": False,
            "picker_utc": False,
        }
    if name == "status":
        return {**_select([(s, s) for s in STATUSES]), "default": "draft"}
    if name == "recall_class":
        return _select(
            [
                (key, f"Class {key}: {text.split(': ', 1)[-1]}")
                for key, text in RECALL_CLASSES.items()
            ]
        )
    if name == "testimonial":
        return _select([("no", "no"), ("yes", "yes")])
    if name == "video":
        return _select([("yes", "yes"), ("no", "no")])
    if name in COMMA_LIST_FIELDS:
        return {"widget": "list", "allow_add": True}
    if name in REPEATED_FIELDS:
        return {
            "widget": "list",
            "allow_add": True,
            "field": {"name": name, "label": display_name(name), "widget": "string"},
        }
    if name == "image":
        return {"widget": "image", "choose_url": False}
    if name in ("summary", "myth", "fact", "question", "recall_reason", "recall_action"):
        return {"widget": "text"}
    if name == "recall_url":
        return {
            "widget": "string",
            "pattern": [r"^https?://[^\s]+\.[^\s]+$", "The full address, starting with https://"],
        }
    if name == "author" and config.default_author:
        return {"widget": "string", "default": config.default_author}
    return {"widget": "string"}


def field_config(name: str, *, required: bool, config: SiteConfig) -> dict[str, Any]:
    """One form field: ``name`` is the lower-case metadata name."""
    return {
        "name": name,
        "label": display_name(name),
        **_field_widget(name, config),
        "required": required,
        "hint": HINTS.get(name, ""),
    }


def _body(hint: str) -> dict[str, Any]:
    return {
        "name": "body",
        "label": "Text",
        "widget": "markdown",
        # editor/index.html opens this in raw Markdown (what is typed is what is saved; the
        # rich-text view re-writes Markdown in its own style); rich text is one click away.
        "modes": ["raw", "rich_text"],
        "sanitize_preview": True,
        "required": True,
        "hint": hint,
    }


def common_order() -> list[str]:
    """Every field of :data:`COMMON_FIELDS`, in the form's order."""
    known = [name for name in _PREFERRED_ORDER if name in COMMON_FIELDS]
    return known + [name for name in COMMON_FIELDS if name not in known]


def post_fields(spec: TypeSpec, config: SiteConfig) -> list[dict[str, Any]]:
    """The form of one post type: common fields with the type's own after Type."""
    type_field = {
        "name": "type",
        "label": display_name("type"),
        **_select([(spec.type.value, f"{spec.label} ({spec.type.value})")]),
        "default": spec.type.value,
        "required": True,
        "hint": HINTS["type"],
    }
    fields: list[dict[str, Any]] = []
    for name in common_order():
        if name == "type":
            fields.append(type_field)
            fields.extend(field_config(n, required=True, config=config) for n in spec.required)
            fields.extend(field_config(n, required=False, config=config) for n in spec.optional)
        else:
            fields.append(field_config(name, required=name in COMMON_REQUIRED, config=config))
    fields.append(_body(f"{HINTS['body']} {_BODY_HINTS[spec.type]}"))
    return fields


#: How the files of every collection are made: one Markdown file an entry, named by
#: its title's slug, created in the editor and never deleted there.
_FILES: Mapping[str, Any] = {
    "create": True,
    "delete": False,
    "slug": "{{slug}}",
    "identifier_field": "title",
    "extension": "md",
    "format": FORMAT,
}


def post_collection(spec: TypeSpec, config: SiteConfig) -> dict[str, Any]:
    return {
        "name": spec.type.value,
        "label": spec.label,
        "label_singular": spec.label,
        "description": spec.description,
        "folder": POSTS_FOLDER,
        "filter": {"field": "type", "value": spec.type.value},
        **_FILES,
        "summary": "{{title}} ({{status}})",
        "sortable_fields": ["date", "title"],
        "fields": post_fields(spec, config),
    }


def pages_collection() -> dict[str, Any]:
    return {
        "name": "pages",
        "label": "Pages",
        "label_singular": "Page",
        "description": "The standing pages: About, Appointments and Contact, Privacy, "
        "Medical disclaimer.",
        "folder": PAGES_FOLDER,
        **_FILES,
        "fields": [
            {
                "name": "title",
                "label": "Title",
                "widget": "string",
                "required": True,
                "hint": "The page's heading.",
            },
            {
                "name": "summary",
                "label": "Summary",
                "widget": "text",
                "required": False,
                "hint": HINTS["summary"],
            },
            _body(HINTS["body"]),
        ],
    }


def backend_config(
    name: str = "git-gateway", *, repo: str | None = None, branch: str = "main"
) -> dict[str, Any]:
    """Where saved posts go when the editor is used with a git host."""
    backend: dict[str, Any] = {"name": name, "branch": branch}
    if repo:
        backend["repo"] = repo
    if name in ("github", "gitlab", "gitea") and not repo:
        raise ValueError(f"the {name} backend needs the repository, e.g. --repo practice/site")
    return backend


def decap_config(
    config: SiteConfig,
    *,
    local_port: int | None = 8081,
    backend: Mapping[str, Any] | None = None,
    editorial_workflow: bool = False,
) -> dict[str, Any]:
    """The Decap CMS configuration: one collection per post type, then the pages.

    ``local_port``: the port of ``decap-server`` on 127.0.0.1 (``make editor``); the CMS
    then reads and writes the local folder. ``None`` leaves it out, for a git host.
    ``editorial_workflow``: on a git host, a saved post becomes a pull/merge request
    (checked by CI, merged by a person) instead of a commit to the branch.
    """
    result: dict[str, Any] = {
        "backend": dict(backend) if backend else backend_config(),
        "publish_mode": "editorial_workflow" if editorial_workflow else "simple",
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "site_url": config.site_url,
        "locale": "en",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            *(post_collection(spec, config) for spec in TYPE_SPECS.values()),
            pages_collection(),
        ],
    }
    if local_port is not None:
        result["local_backend"] = {
            "url": f"http://127.0.0.1:{local_port}/api/v1",
            "allowed_hosts": ["127.0.0.1", "localhost"],
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the editor's config.yml (Decap CMS).")
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument(
        "--local-port", type=int, default=8081, help="decap-server's port on 127.0.0.1"
    )
    parser.add_argument(
        "--no-local", action="store_true", help="leave the local backend out (for a git host)"
    )
    parser.add_argument("--backend", default="git-gateway", help="git-gateway, github, gitlab")
    parser.add_argument("--repo", default=None, help="owner/name on the git host")
    parser.add_argument("--branch", default="main", help="the branch the site is built from")
    parser.add_argument(
        "--editorial-workflow",
        action="store_true",
        help="save posts as pull/merge requests on the git host (reviewed before merging)",
    )
    args = parser.parse_args(argv)
    try:
        backend = backend_config(args.backend, repo=args.repo, branch=args.branch)
    except ValueError as error:
        parser.error(str(error))
    config = decap_config(
        SiteConfig.beside_file(args.settings),
        local_port=None if args.no_local else args.local_port,
        backend=backend,
        editorial_workflow=args.editorial_workflow,
    )
    # JSON is valid YAML 1.2: no YAML library needed, and no quoting surprises.
    sys.stdout.write(json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
