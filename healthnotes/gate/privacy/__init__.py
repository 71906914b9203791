"""Find patient identifiers (HIPAA Safe Harbor) that a machine can find, before publishing.

Every text of a post (title, metadata, body, alt text, platform texts) goes
through :func:`scan_text`. A :class:`Finding` stops the publish unless the post
acknowledges it as an exception (:func:`find_exception_match`).

How detection works
-------------------
:data:`RULES` is a table. Each :class:`Rule` is one class of identifier with
its HIPAA Safe Harbor letter (45 CFR 164.514(b)(2)(i)), what it catches and
what it deliberately allows. A rule finds candidates with :class:`Pattern`\\ s
(a regular expression or a finder function such as Google's phone-number
matcher). A pattern may need *cues* (:data:`CUES`: words that must stand near
the candidate, in the same sentence) or be cancelled by them. Then:

1. overlapping candidates are resolved by rule order (an SSN beats a phone
   number, an e-mail address beats the URL inside it), longer spans first;
2. a candidate the :class:`Allowlist` says is public by design (the practice's
   own phone, address, staff; 911, 988, Poison Help; agency web sites) is
   dropped, but still shadows what it overlaps;
3. the field decides which rules apply (:data:`FIELD_POLICIES`: a recall's lot
   codes, dates and agency link are public by design).

What it cannot do (a person must): faces and other images (Q), biometrics
(P), "any other unique characteristic" (R) beyond numbers with a cue, the
actual-knowledge test, and names or places written without any of the cues
below. The detector finds what staff typically leak; it does not prove a
text is de-identified.

The package: :mod:`.rules` (the rule table, its cues and field policies),
:mod:`.scan` (the scan engine, :func:`scan_text`), :mod:`.allowlist`,
:mod:`.exceptions` (exceptions a post acknowledges), :mod:`.public` (public
phones, sites and handles, read from ``gate/data/``) and :mod:`.words` (word
lists and frequencies for names).
"""

from healthnotes.gate.privacy.allowlist import (
    Allowlist,
    public_figure_forms,
    staff_name_forms,
    staff_name_parts,
)
from healthnotes.gate.privacy.exceptions import (
    ExceptionEntry,
    ExceptionMatch,
    find_exception_match,
    parse_exception,
)
from healthnotes.gate.privacy.public import (
    PUBLIC_DOMAINS,
    PUBLIC_HANDLES,
    PUBLIC_PHONES,
    SOCIAL_HOSTS,
)
from healthnotes.gate.privacy.rules import (
    BRAND_FIELDS,
    CUES,
    FIELD_POLICIES,
    RULES,
    RULES_BY_ID,
    Cue,
    FieldPolicy,
    Finding,
    Pattern,
    Rule,
    keep_derived,
    rules_off,
)
from healthnotes.gate.privacy.scan import (
    known_spans,
    mask_identifiers,
    mask_known,
    mask_spans,
    scan_text,
    scan_visible,
)
from healthnotes.gate.privacy.words import first_names

__all__ = [
    "BRAND_FIELDS",
    "CUES",
    "FIELD_POLICIES",
    "PUBLIC_DOMAINS",
    "PUBLIC_HANDLES",
    "PUBLIC_PHONES",
    "RULES",
    "RULES_BY_ID",
    "SOCIAL_HOSTS",
    "Allowlist",
    "Cue",
    "ExceptionEntry",
    "ExceptionMatch",
    "FieldPolicy",
    "Finding",
    "Pattern",
    "Rule",
    "find_exception_match",
    "first_names",
    "keep_derived",
    "known_spans",
    "mask_identifiers",
    "mask_known",
    "mask_spans",
    "parse_exception",
    "public_figure_forms",
    "rules_off",
    "scan_text",
    "scan_visible",
    "staff_name_forms",
    "staff_name_parts",
]
