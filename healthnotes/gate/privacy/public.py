"""Public data: what is public by design (phones, sites, handles), from ``gate/data/``."""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def data_lines(name: str) -> tuple[str, ...]:
    """The entries of a data file: one a line, ``#`` starts a comment, blank lines skipped."""
    text = (DATA / name).read_text(encoding="utf-8")
    entries = (line.split("#")[0].strip() for line in text.splitlines())
    return tuple(entry for entry in entries if entry)


#: Public service numbers (E.164, or the short code as dialled). Toll-free
#: numbers are allowed as a class too (see Allowlist.allow_toll_free).
PUBLIC_PHONES: frozenset[str] = frozenset(data_lines("public_phones.txt"))

#: Web sites of agencies and health organisations a post may cite. A host
#: matches a domain when it is the domain or ends with "." + domain.
PUBLIC_DOMAINS: frozenset[str] = frozenset(data_lines("public_domains.txt"))

#: Host suffixes that are public by design (government, military, international).
PUBLIC_SUFFIXES: tuple[str, ...] = (".gov", ".mil", ".int")

#: Social networks and fundraising sites: a URL with a path there points at a person.
SOCIAL_HOSTS: frozenset[str] = frozenset(data_lines("social_hosts.txt"))

#: Hosting where each sub-domain is one person's site (jane.blogspot.com).
PERSONAL_SITE_SUFFIXES: tuple[str, ...] = data_lines("personal_site_suffixes.txt")

#: Path parts and query keys that point at a person on any host.
PERSONAL_PATH = re.compile(r"/(?:~|@|u/|user/|users/|profile|people/|member/)", re.IGNORECASE)
PERSONAL_QUERY_KEYS: frozenset[str] = frozenset(
    {"patient", "patientid", "mrn", "member", "memberid", "user", "userid", "uid", "email", "name"}
)

#: Agencies' and health organisations' social media handles (lower case, no "@").
PUBLIC_HANDLES: frozenset[str] = frozenset(data_lines("public_handles.txt"))

#: Toll-free NANP area codes: business lines, not a patient's phone.
TOLL_FREE_AREA_CODES: frozenset[str] = frozenset({"800", "833", "844", "855", "866", "877", "888"})
