"""schema.org structured data for post pages (JSON-LD).

One ``@graph`` per post page: a ``MedicalWebPage`` (audience: patients,
``lastReviewed``, ``reviewedBy``) whose main entity is a ``BlogPosting``
(author, dates, image), both published by the practice as a
``MedicalOrganization`` with its address and phone from the settings.
"""

from __future__ import annotations

import json
from typing import Any

from healthnotes.config import SiteConfig
from healthnotes.content.model import QA, Post, Recall

# Characters that could end or confuse an HTML <script> element; JSON allows
# them escaped as \uXXXX with the same meaning.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: Any) -> str:
    """JSON text that is safe to place verbatim inside ``<script>…</script>``."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def absolute(config: SiteConfig, path: str) -> str:
    """Absolute URL of a site-relative path."""
    return f"{config.site_url}/{path.lstrip('/')}"


def organization(config: SiteConfig) -> dict[str, Any]:
    practice = config.practice
    org: dict[str, Any] = {
        "@type": "MedicalOrganization",
        "@id": f"{config.site_url}/#organization",
        "name": practice.name,
        "url": f"{config.site_url}/",
        "telephone": practice.phone,
        "email": practice.email,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": practice.street,
            "addressLocality": practice.city,
            "addressRegion": practice.region,
            "postalCode": practice.postal_code,
            "addressCountry": practice.country,
        },
    }
    if practice.fax:
        org["faxNumber"] = practice.fax
    if config.brand.logo:
        org["logo"] = absolute(config, config.brand.logo)
    return org


def _person(name: str) -> dict[str, str]:
    return {"@type": "Person", "name": name}


def post_jsonld(post: Post, config: SiteConfig) -> dict[str, Any]:
    """The structured-data graph of one post page."""
    org = organization(config)
    page_id, article_id = f"{post.url}#webpage", f"{post.url}#article"
    page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "@id": page_id,
        "url": post.url,
        "name": post.title,
        "description": post.summary,
        "inLanguage": config.language,
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "mainEntity": {"@id": article_id},
        "publisher": {"@id": org["@id"]},
    }
    if post.last_reviewed:
        page["lastReviewed"] = post.last_reviewed.isoformat()
    if post.reviewed_by:
        page["reviewedBy"] = _person(post.reviewed_by)
    if isinstance(post.details, Recall):
        page["about"] = {"@type": "Product", "name": post.details.product}
    citations = citation(post)
    if citations:
        page["citation"] = citations

    article: dict[str, Any] = {
        "@type": "BlogPosting",
        "@id": article_id,
        "headline": post.title,
        "description": post.summary,
        "datePublished": post.date.isoformat(),
        "dateModified": post.updated.isoformat(),
        "author": _person(post.author) if post.author else {"@id": org["@id"]},
        "publisher": {"@id": org["@id"]},
        "mainEntityOfPage": {"@id": page_id},
        "articleSection": post.spec.label,
        "inLanguage": config.language,
    }
    if post.tags:
        article["keywords"] = list(post.tags)
    if post.image:
        article["image"] = {
            "@type": "ImageObject",
            "url": absolute(config, post.image),
            "description": post.image_alt or post.title,
        }
    if isinstance(post.details, QA):
        article["about"] = {"@type": "Question", "name": post.details.question}
    return {"@context": "https://schema.org", "@graph": [page, article, org]}


def citation(post: Post) -> list[dict[str, Any] | str]:
    """The post's sources as schema.org ``CreativeWork`` items; a recall's official
    notice is always among them."""
    works: list[dict[str, Any] | str] = [
        {
            "@type": "CreativeWork",
            "name": source.title,
            "url": source.url,
            "publisher": {"@type": "Organization", "name": source.publisher},
        }
        for source in post.sources
    ]
    if isinstance(post.details, Recall) and post.details.url not in {
        source.url for source in post.sources
    }:
        works.append(post.details.url)
    return works
