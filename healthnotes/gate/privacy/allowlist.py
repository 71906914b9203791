"""What is public by design: the practice's identity, staff, public figures."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from healthnotes.gate.privacy.public import (
    PUBLIC_DOMAINS,
    PUBLIC_HANDLES,
    PUBLIC_PHONES,
    data_lines,
)
from healthnotes.gate.privacy.rules import NAME_TOKEN, as_e164, normal_street, split_url
from healthnotes.gate.privacy.words import (
    COMMON_ZIPF,
    census_surnames,
    fold_name,
    world_first_names,
    zipf_small,
)

if TYPE_CHECKING:
    from healthnotes.config import SiteConfig

# ---------------------------------------------------------------------------
# Allowlist
# ---------------------------------------------------------------------------


#: Phrases that hold people's names but are never a patient's (``data/public_phrases.txt``):
#: businesses and programmes a post names ("Fred Meyer", "Ronald McDonald House"), and
#: the build's own words ("reads above the target grade: SMOG 9.6 / Flesch-Kincaid 6.2").
PUBLIC_PHRASES: frozenset[str] = frozenset(data_lines("public_phrases.txt"))


@dataclass(frozen=True)
class Allowlist:
    """What is public by design: never reported.

    ``phones`` are E.164 strings (or short codes as dialled); ``names`` are
    folded forms (lower case, no accents or periods); ``streets`` are
    normalised street lines without the unit ("2150 orchard lane");
    ``url_hosts`` are hosts (sub-domains included) of the practice's sites.
    Extend one with :func:`dataclasses.replace`, e.g. ``replace(allow,
    names=allow.names | {"grace"})`` for a team member who is not in the settings.
    """

    phones: frozenset[str] = PUBLIC_PHONES
    emails: frozenset[str] = frozenset()
    email_domains: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    streets: frozenset[str] = frozenset()
    postal_codes: frozenset[str] = frozenset()
    url_hosts: frozenset[str] = frozenset()
    public_domains: frozenset[str] = PUBLIC_DOMAINS
    #: Social media handles (lower case, without "@") that are public: the practice's own
    #: accounts and agencies'.
    handles: frozenset[str] = PUBLIC_HANDLES
    #: Toll-free numbers are business lines (a recalling firm's hotline), not a patient's.
    allow_toll_free: bool = True
    #: Report every URL whose host is not public or the practice's, cue or not.
    strict_urls: bool = False
    #: Staff first names and surnames alone (folded): staff only where the text says
    #: so ("Ana from our team", "our nurse Priya") or the post names that person in
    #: full (:meth:`for_post`); "Marcus said his chest hurt" is a patient.
    staff_parts: frozenset[tuple[str, str]] = frozenset()
    #: Phrases that are public by design (the practice's series names, "Ask Me Anything
    #: Wednesday"): nothing inside one is a finding (matched whole words, any case).
    phrases: frozenset[str] = PUBLIC_PHRASES

    def for_post(
        self,
        texts: Iterable[str],
        public_figures: Iterable[str] = (),
        brands: Iterable[str] = (),
        topics: Iterable[str] = (),
    ) -> Allowlist:
        """This allowlist for one post: the first names and surnames of staff the post
        names in full, every form of the post's declared ``Public_Figures``, the
        capitalised words of ``brands`` (a recall's product and firm), and the words of
        its ``topics`` (its tags: "acetaminophen" is what the post is about, not a
        person) but a first name (red-teamed: "Tags: Maria" let "our patient Maria" out)."""
        folded = " ".join(fold_name(t) for t in texts)
        names = set(self.names)
        named: dict[str, bool] = {}  # each full name looked for once (it has several parts)
        for full, part in self.staff_parts:
            if full not in named:
                # the plain substring test first: most posts name no one of the staff in full
                named[full] = full in folded and _whole_words(full).search(folded) is not None
            if named[full]:
                names.add(part)
        for figure in public_figures:
            names.update(public_figure_forms(figure))
        for brand in brands:
            names.update(fold_name(word) for word in NAME_TOKEN.findall(brand) if word[0].isupper())
        for topic in topics:  # a tag that is a first name or a surname allows no name
            words = (fold_name(word) for word in re.findall(r"[^\W\d_]{3,}", topic))
            names.update(word for word in words if not _a_persons_name(word))
        if names == self.names:
            return self
        return replace(self, names=frozenset(names))

    @property
    def address_parts(self) -> frozenset[str]:
        """Street lines and postal codes together."""
        return self.streets | self.postal_codes

    @property
    def urls(self) -> frozenset[str]:
        """Hosts that are public by design (the practice's and the public domains)."""
        return self.url_hosts | self.public_domains

    @classmethod
    def from_config(cls, config: SiteConfig) -> Allowlist:
        """The practice's public identity from the site settings, plus the public defaults."""
        practice = config.practice
        phones = {p for p in (as_e164(practice.phone), as_e164(practice.fax or "")) if p}
        email = practice.email.strip().lower()
        domain = email.rpartition("@")[2]
        hosts = {domain} if domain else set()
        for url in (practice.booking_url, config.site_url, config.guid_base):
            if url:
                host = split_url(url)[0]
                if host:
                    hosts.add(host)
        names = set(staff_name_forms(practice.staff))
        parts = frozenset(staff_name_parts(practice.staff))
        words = fold_name(practice.name).split()  # "Thanks to Maple Grove!" is the practice
        names.update(
            " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        )
        names.add(fold_name(practice.city))
        street = practice.street.split(",")[0]
        return cls(
            phones=PUBLIC_PHONES | phones,
            emails=frozenset({email}),
            email_domains=frozenset({domain}) if domain else frozenset(),
            names=frozenset(names),
            streets=frozenset({normal_street(street)}),
            postal_codes=frozenset({practice.postal_code.strip()[:5]}),
            url_hosts=frozenset(hosts),
            staff_parts=parts,
            phrases=PUBLIC_PHRASES
            | {series.name for series in config.editorial.series}
            | set(config.public_names),
        )


_CREDENTIAL = re.compile(r",.*$")
_TITLE = re.compile(r"^(?:Dr|Doctor|Nurse|Prof|Professor|Mr|Mrs|Ms|Mx|Miss)\.?\s+", re.IGNORECASE)


def staff_name_forms(staff: Sequence[str]) -> Iterator[str]:
    """Every usual way to write each staff member, by person, folded.

    "Dr. Ana Patel, MD" gives "dr ana patel, md", "dr ana patel", "ana patel",
    "dr patel" (and "ana patel md"); "Sam Okafor" gives "sam okafor". The first
    name or surname alone is *not* included (see :func:`staff_name_parts`): a
    patient may share it ("Ana Gutierrez", "Marcus said his chest hurt"). Nor is
    an honorific form such as "Mrs. Okafor".
    """
    for entry in staff:
        yield fold_name(entry)
        yield fold_name(entry.replace(",", " "))
        bare = _CREDENTIAL.sub("", entry).strip()
        yield fold_name(bare)
        plain = _TITLE.sub("", bare).strip()
        tokens = plain.split()
        if not tokens:
            continue
        yield fold_name(plain)
        for title in ("dr", "doctor"):
            yield f"{title} {fold_name(tokens[-1])}"
            yield f"{title} {fold_name(plain)}"


def staff_name_parts(staff: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(full name, first name or surname) pairs, folded: "Dr. Ana Patel, MD" gives
    ("ana patel", "ana") and ("ana patel", "patel")."""
    for entry in staff:
        plain = _TITLE.sub("", _CREDENTIAL.sub("", entry).strip()).strip()
        tokens = fold_name(plain).split()
        if len(tokens) > 1:
            full = " ".join(tokens)
            yield full, tokens[0]
            yield full, tokens[-1]


def public_figure_forms(figure: str) -> set[str]:
    """Folded forms of a declared public figure: "Michael J. Fox" gives "michael j
    fox", "michael fox", "michael j", "michael" and "fox"."""
    tokens = fold_name(_CREDENTIAL.sub("", figure)).split()
    if not tokens:
        return set()
    forms = {" ".join(tokens), tokens[0], tokens[-1], f"{tokens[0]} {tokens[-1]}"}
    if len(tokens) > 2:
        forms.add(" ".join(tokens[:2]))
    return forms


@cache
def _whole_words(text: str) -> re.Pattern[str]:
    """``text`` as whole words (not inside a longer word)."""
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def _a_persons_name(word: str) -> bool:
    """A folded tag word that names a person: a first name of some country ("maria"), or
    a US Census surname that is no common English word ("gonzalez", "nguyen"; not
    "brown" nor "rice"). Red-teamed: "Tags: Gonzalez" let "Gonzalez came in" out."""
    return word in world_first_names() or (
        word in census_surnames() and zipf_small(word) < COMMON_ZIPF
    )
