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
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

import phonenumbers
import usaddress
from wordfreq import zipf_frequency

from healthnotes.gate import ner
from healthnotes.gate.normalize import INVISIBLE, normalize, visible
from healthnotes.gate.prefilter import (
    Prefilter,
    fold,
    literal_prefilter,
    matches_at,
    start_class,
)

if TYPE_CHECKING:
    from healthnotes.config import SiteConfig

DATA = Path(__file__).resolve().parent / "data"

# ---------------------------------------------------------------------------
# Public data: what is public by design
# ---------------------------------------------------------------------------

#: Phrases that are people's names but never a patient's: the build's own messages say
#: them ("reads above the target grade: SMOG 9.6 / Flesch-Kincaid 6.2").
PUBLIC_PHRASES: frozenset[str] = frozenset({"Flesch-Kincaid"})

#: Public service numbers (E.164, or the short code as dialled). Toll-free
#: numbers are allowed as a class too (see Allowlist.allow_toll_free).
PUBLIC_PHONES: frozenset[str] = frozenset(
    {
        "911",  # emergency
        "988",  # 988 Suicide & Crisis Lifeline (call or text)
        "211",  # community services
        "711",  # relay services
        "+18002221222",  # Poison Help
        "+18003321088",  # FDA MedWatch, 1-800-FDA-1088
        "+18884636332",  # FDA consumer line, 1-888-INFO-FDA
        "+18002324636",  # CDC-INFO
        "+18886746854",  # USDA Meat and Poultry Hotline, 1-888-MPHotline
        "+18006382772",  # CPSC hotline
        "+18006334227",  # 1-800-MEDICARE
        "+18006624357",  # SAMHSA National Helpline
        "+18002738255",  # former National Suicide Prevention Lifeline number
        "+18007997233",  # National Domestic Violence Hotline
        "+18009855990",  # Disaster Distress Helpline
    }
)

#: Web sites of agencies and health organisations a post may cite. A host
#: matches a domain when it is the domain or ends with "." + domain.
PUBLIC_DOMAINS: frozenset[str] = frozenset(
    {
        # US agencies (most are also covered by the .gov suffix)
        "fda.gov",
        "cdc.gov",
        "nih.gov",
        "usda.gov",
        "fsis.usda.gov",
        "cpsc.gov",
        "hhs.gov",
        "medlineplus.gov",
        "foodsafety.gov",
        "recalls.gov",
        "vaccines.gov",
        "covid.gov",
        "nhtsa.gov",
        "epa.gov",
        "cms.gov",
        "medicare.gov",
        "healthcare.gov",
        "samhsa.gov",
        "988lifeline.org",
        "poisonhelp.org",
        "poison.org",
        # international and professional bodies, patient-education sites
        "who.int",
        "heart.org",
        "stroke.org",
        "cancer.org",
        "diabetes.org",
        "lung.org",
        "kidney.org",
        "arthritis.org",
        "alz.org",
        "nami.org",
        "aap.org",
        "healthychildren.org",
        "acog.org",
        "aafp.org",
        "familydoctor.org",
        "acponline.org",
        "ama-assn.org",
        "redcross.org",
        "mayoclinic.org",
        "clevelandclinic.org",
        "hopkinsmedicine.org",
        "kidshealth.org",
        "immunize.org",
        "vaccineinformation.org",
        # citations
        "doi.org",
        "pubmed.ncbi.nlm.nih.gov",
        "cochranelibrary.com",
        "jamanetwork.com",
        "nejm.org",
        "thelancet.com",
        "bmj.com",
        "uspreventiveservicestaskforce.org",
    }
)

#: Host suffixes that are public by design (government, military, international).
PUBLIC_SUFFIXES: tuple[str, ...] = (".gov", ".mil", ".int")

#: Social networks and fundraising sites: a URL with a path there points at a person.
SOCIAL_HOSTS: frozenset[str] = frozenset(
    {
        "facebook.com",
        "fb.com",
        "m.facebook.com",
        "instagram.com",
        "x.com",
        "twitter.com",
        "tiktok.com",
        "linkedin.com",
        "youtube.com",
        "youtu.be",
        "threads.net",
        "threads.com",
        "bsky.app",
        "pinterest.com",
        "reddit.com",
        "snapchat.com",
        "tumblr.com",
        "medium.com",
        "nextdoor.com",
        "github.com",
        "gofundme.com",
        "caringbridge.org",
        "venmo.com",
        "cash.app",
        "paypal.me",
        "linktr.ee",
        "patreon.com",
        "mastodon.social",
        "flickr.com",
        "vimeo.com",
    }
)

#: Hosting where each sub-domain is one person's site (jane.blogspot.com).
PERSONAL_SITE_SUFFIXES: tuple[str, ...] = (
    ".blogspot.com",
    ".wordpress.com",
    ".substack.com",
    ".tumblr.com",
    ".wixsite.com",
    ".weebly.com",
    ".github.io",
    ".neocities.org",
    ".carrd.co",
)

#: Path parts and query keys that point at a person on any host.
_PERSONAL_PATH = re.compile(r"/(?:~|@|u/|user/|users/|profile|people/|member/)", re.IGNORECASE)
_PERSONAL_QUERY_KEYS: frozenset[str] = frozenset(
    {"patient", "patientid", "mrn", "member", "memberid", "user", "userid", "uid", "email", "name"}
)

#: Agencies' and health organisations' social media handles (lower case, no "@").
PUBLIC_HANDLES: frozenset[str] = frozenset(
    {
        "cdcgov",
        "cdc",
        "us_fda",
        "fda",
        "nih",
        "hhsgov",
        "who",
        "usdafoodsafety",
        "usda",
        "cpscgov",
        "988lifeline",
        "poisonhelp",
        "americanheart",
        "americancancer",
        "amdiabetesassn",
        "aafp",
        "aap",
        "medlineplus",
    }
)

#: Toll-free NANP area codes: business lines, not a patient's phone.
TOLL_FREE_AREA_CODES: frozenset[str] = frozenset({"800", "833", "844", "855", "866", "877", "888"})

# ---------------------------------------------------------------------------
# Word lists for names
# ---------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case without accents or periods, single spaces: "José  D." -> "jose d"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace(".", " ")
    return " ".join(plain.lower().split()).strip(" ,;:")


@cache
def first_names() -> frozenset[str]:
    """The shipped first-name list (``data/first_names.txt``), folded."""
    return _word_list("first_names.txt")


def _word_list(name: str) -> frozenset[str]:
    """Folded words of a data file (white space separated, # comments)."""
    text = (DATA / name).read_text(encoding="utf-8")
    return frozenset(_fold(w) for line in text.splitlines() for w in line.split("#")[0].split())


#: Capitalised words that are never a person's name where the name rules look:
#: common words, medicine brands, germs, programmes, eponyms (``data/not_names.txt``).
NOT_NAMES: frozenset[str] = _word_list("not_names.txt")

#: Zipf frequency (log10 per billion words, wordfreq's small English list) at or
#: above which a word is a common English word, not a name, unless it is a
#: listed first name ("Grace" is both).
COMMON_ZIPF = 4.0
#: Below this a capitalised word is rare enough in English to be read as a name
#: where the context says "person" (Anggabaya, Londiwe, Sjöberg).
RARE_ZIPF = 3.6
#: A lower-case listed first name below this, then a rare word, is a name ("marcus
#: iaremchuk"); "will", "may", "mark" are above it.
LOWER_FIRST_ZIPF = 4.5
#: Below this a capitalised word is read as a name with no cue at all.
VERY_RARE_ZIPF = 2.2


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en", wordlist="small")


@lru_cache(maxsize=65536)
def _zipf_large(word: str) -> float:
    return zipf_frequency(word, "en", wordlist="large")


_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"))


def _inflected_common(bare: str) -> bool:
    """ "colds", "rinsing", "sanitizer": an inflection of a common word."""
    return any(
        bare.endswith(end)
        and len(bare) - len(end) >= 3
        and _zipf_large(bare[: -len(end)] + add) >= 3.4
        for end, add in _INFLECTIONS
    )


def _bare(word: str) -> str:
    folded = _fold(word)
    for ending in ("'s", "'"):
        if folded.endswith(ending):
            return folded[: -len(ending)]
    return folded


def common_word(word: str) -> bool:
    """A common English word that is not also a listed first name ("Scan", "Follow")."""
    bare = _bare(word)
    if bare in first_names():
        return False
    return _zipf(bare) >= COMMON_ZIPF or _inflected_common(bare)


def name_like(word: str, rare: float = RARE_ZIPF) -> bool:
    """A listed first name, or a word rare in English (and not a known non-name)."""
    bare = _bare(word)
    if not bare or bare in NOT_NAMES:
        return False
    if bare in first_names():
        return True
    return _zipf(bare) < rare


_EPONYM_AFTER = re.compile(
    r"^['’]s?\s+(?:disease|syndrome|palsy|sign|test|reflex|law|lymphoma|sarcoma|ulcer|"
    r"phenomenon|maneuver|manoeuvre|tendon|ataxia|chorea|dementia|thyroiditis|score|"
    r"scale|criteria|classification|procedure|operation|method|technique|lot|lots|recall)\b",
    re.IGNORECASE,
)
_CLINICIAN_BEFORE = re.compile(r"\b(?:Dr|Doctor|Nurse|nurse|Prof|Professor)\.?\s+$")

# ---------------------------------------------------------------------------
# Cues: words that must (or must not) stand near a candidate
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """Words searched in the candidate's sentence, before and/or after it.

    ``before`` is searched in up to ``reach_before`` characters before the
    candidate (so a pattern ending in ``$`` must touch it); ``after`` in up
    to ``reach_after`` characters after it (``^`` must touch it). With
    ``names_count`` a person's name found by the name rule in the same
    sentence also counts.
    """

    name: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    reach_before: int = 80
    reach_after: int = 80
    names_count: bool = False


def _near(
    name: str, pattern: str, *, reach: int = 80, flags: int = re.IGNORECASE, names: bool = False
) -> Cue:
    regex = re.compile(pattern, flags)
    return Cue(name, regex, regex, reach, reach, names)


# Singular person words; "your child" is the reader's, in general advice, so it does not count.
_PERSON_WORDS = (
    r"\bI\b|(?<!\byour )(?i:\b(?:me|my|he|she|him|her|his|patient|pt|man|woman|boy|girl|"
    r"child|kid|baby|twins|newborn|infant|toddler|teen(?:ager)?|son|daughter|mother|father|mom|dad|husband|wife|partner|"
    r"grand(?:mother|father|ma|pa|son|daughter|child)|sister|brother|aunt|uncle|niece|nephew|"
    r"cousin|neighbou?r|gentleman|lady|resident|client|caller|reviewer|mr|mrs|ms)\b|"
    r"paciente|se[nñ]ora?|\b\d{1,3}[- ]year[- ]old\b)"
)

_CUE_LIST: tuple[Cue, ...] = (
    # fax: the word "fax" with no digits between it and the number, or "(fax)" right after
    Cue(
        "fax",
        re.compile(r"\bfax(?:ed|es|ing)?\b[^\d\n]{0,45}$|(?-i:\bF)\s*:\s*$", re.IGNORECASE),
        re.compile(r"^\s*[(\[]?\s*fax\b", re.IGNORECASE),
        60,
        12,
    ),
    Cue(
        "ssn",
        re.compile(
            r"(?:\bssn\b|\bss\s*#|\bss\s*no\b\.?|\bsocial\s+security\b|\bsoc\.?\s*sec\b\.?)"
            r"[^\d\n]{0,25}$",
            re.IGNORECASE,
        ),
        None,
        60,
        0,
    ),
    Cue(
        "last_four",
        re.compile(r"\b(?:last\s+(?:four|4)|end(?:s|ing)\s+(?:in|with))\b", re.IGNORECASE),
        None,
        60,
        0,
    ),
    # a date is tied to a person by a life event (birth, admission, discharge, death) ...
    _near(
        "life_event",
        r"\b(?:DOB|date\s+of\s+(?:birth|death|admission|discharge|service|visit)|"
        r"birth\s*date|birthday|born|admitted|admission|discharged|discharge\s+date|died|"
        r"passed\s+away|deceased|death|DOD|delivered|gave\s+birth|due\s+date|"
        r"turn(?:ed|s)\s+\d{1,3}|admit(?:ted)?\s+date|seen|surgery\s+date|visit\s+date|"
        r"nac(?:i[oó]|imiento)|naci[oó]|ingres[oó]|operad[oa]|falleci[oó]|muri[oó]|"
        r"fecha\s+de\s+nacimiento|dado\s+de\s+alta|dada\s+de\s+alta)\b|"
        r"\bD\.O\.B\b|\bb\.\s*(?=\d)",
    ),
    # ... or by an encounter verb together with a person word
    _near(
        "encounter",
        r"\b(?:saw|seen|visit(?:ed|s)?|came|comes|stopped\s+by|dropped\s+by|walked\s+in|"
        r"checked\s+in|presented|examined|treated|diagnosed|tested|admitted|discharged|"
        r"appointment|appt|called|phoned|emailed|messaged|texted|wrote|told|asked|brought|"
        r"fell|broke|injured|hurt|collapsed|fainted|started|began|got|had|rushed|went|"
        r"ended\s+up|delivered|gave\s+birth|passed\s+away|died|woke|felt|noticed|swallowed|"
        r"stopped|seeing|met|meeting|clinic|office|ER|hospital|check-?up|exam|wait|stay|"
        r"surgery|procedure|shot|vaccine|cita|consulta|visita)\b",
    ),
    _near("person", _PERSON_WORDS, flags=0, names=True),
    # recall notices list serial ranges: not a person's device
    _near(
        "recall_context",
        r"\b(?:recall(?:s|ed)?|affected|lots?|batch(?:es)?|models?|ranges?|starting\s+with|"
        r"beginning\s+with|through)\b",
        reach=120,
    ),
    # the number is in a list of product codes: "lots 2023041512 and 2023041513"
    Cue(
        "product_code",
        re.compile(
            r"(?i:\b(?:lots?|batch(?:es)?|UPC|NDC|SKU|codes?)\b)"
            r"(?:[\s#:,]|\band\b|\bor\b|[A-Z0-9-])*$"
        ),
        None,
        80,
        0,
    ),
    # a site noun near a person word: "his wife started a blog about his recovery at ..."
    _near(
        "personal_site",
        r"\b(?:blog|vlog|website|site|page|profile|account|channel|feed|fundraiser|journal|"
        r"handle|podcast|journey|link|story|updates)\b",
        reach=60,
    ),
)

_CUE_LIST += (
    # a bare staff first name said as staff: "Ana from our team", "our nurse Priya"
    Cue(
        "staff",
        re.compile(
            r"\bour\s+(?:nurse|doctor|physician|NP|PA|MA|receptionist|medical\s+assistant|"
            r"front[- ]desk|team|staff|provider|practitioner)(?:\s+\w+)?\s*,?\s*$|"
            r"\bour\s+(?:team|staff)\b[^.!?\n]{0,40}$",
            re.IGNORECASE,
        ),
        re.compile(
            r"^\s*,?\s*(?:(?:from|of|on|at)\s+our\s+(?:team|staff|office|clinic|practice|"
            r"front\s+desk)|our\s+(?:nurse|doctor|physician|receptionist|medical|front)|"
            r"(?:RN|NP|MD|DO|PA|MA|FNP|PA-C)\b)",
            re.IGNORECASE,
        ),
        40,
        40,
    ),
    # a local 7-digit or otherwise unvalidated number said to be a phone number
    _near(
        "phone_word",
        r"\b(?:phone|cell|mobile|number|call(?:back|ed|ing)?|text(?:ed)?|reach|dial|"
        r"landline|tel|contact|voicemail)\b",
        reach=60,
    ),
)

#: Cues by name, for the patterns below.
CUES: Mapping[str, Cue] = {cue.name: cue for cue in _CUE_LIST}

# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

Span = tuple[int, int]
#: A check sees the whole text and the match; it returns the span to report
#: (possibly narrowed) or None to drop the candidate.
Check = Callable[["_Scan", re.Match[str]], Span | None]


@dataclass(frozen=True)
class Pattern:
    """One way a rule finds candidates.

    Exactly one of ``regex`` (the reported span is ``group``) or ``finder``
    (yields spans) is set. ``needs`` lists alternatives: the candidate counts
    when every cue of at least one alternative is near it (empty: no cue
    needed). ``unless`` cues cancel it. ``check`` validates or narrows.
    """

    regex: re.Pattern[str] | None = None
    finder: Callable[[_Scan], Iterable[Span]] | None = None
    group: int | str = 0
    needs: tuple[tuple[str, ...], ...] = ()
    unless: tuple[str, ...] = ()
    check: Check | None = None
    label: str | None = None  # overrides the rule's label for what this pattern finds

    @cached_property
    def prefilter(self) -> Prefilter | None:
        """Skips ``regex`` on a text without the literals it needs (derived once, when
        first needed: a build whose checks all come from the cache never needs it)."""
        return literal_prefilter(self.regex) if self.regex is not None else None

    @cached_property
    def starts(self) -> str | None:
        """The class of characters every match starts with, when rare in text (capitals,
        digits): the pattern is tried only there (see ``prefilter.start_class``)."""
        return start_class(self.regex) if self.regex is not None else None


@dataclass(frozen=True)
class Rule:
    """One class of identifier: what it catches, what it allows, how it finds it."""

    id: str
    label: str
    hipaa: str  # Safe Harbor letter(s), 45 CFR 164.514(b)(2)(i)
    catches: str
    allows: str
    patterns: tuple[Pattern, ...]
    #: True when the candidate text is public by design for this allowlist.
    allowed: Callable[[str, Allowlist, frozenset[str]], bool] = lambda text, allow, cues: False
    #: Cue names whose presence is passed to ``allowed`` (e.g. "personal_site").
    informs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One identifier found: rule id, label, and where it is in the scanned text."""

    rule: str
    label: str
    start: int
    end: int
    text: str

    def masked(self) -> str:
        """The text with every letter after the first of each word, and every digit
        after the first digit, replaced by ``*``: "Maria Gonzalez" -> "M**** G*******",
        "(541) 555-0199" -> "(5**) ***-****". Safe to print in a build log."""
        out: list[str] = []
        seen_digit = False
        in_word = False
        for ch in self.text:
            if ch in INVISIBLE:  # shows nothing: "Ma<ZWSP>ria" is one word
                out.append(ch)
            elif ch.isdigit():
                out.append("*" if seen_digit else ch)
                seen_digit = True
                in_word = False
            elif ch.isalpha():
                out.append("*" if in_word else ch)
                in_word = True
            else:
                out.append(ch)
                in_word = False
        return "".join(out)

    def message(self) -> str:
        """One line for a build report: ``phone number "(5**) ***-****"``."""
        return f'{self.label} "{self.masked()}"'


# --- helpers used by the rule table -----------------------------------------


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _phones(scan: _Scan) -> tuple[Span, ...]:
    return _phone_spans(scan.text)


@lru_cache(maxsize=64)
def _phone_spans(text: str) -> tuple[Span, ...]:
    """Phone numbers by Google's libphonenumber (region US, leniency POSSIBLE),
    kept only when the number is valid for its region."""
    spans = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        if phonenumbers.is_valid_number(match.number):
            spans.append((match.start, match.end))
    return tuple(spans)


#: Numbers libphonenumber does not validate (7-digit local numbers, 555 and other
#: reserved exchanges) are phone numbers when a phone word is near.
_LOOSE_PHONE = re.compile(
    r"(?<![\d-])(?:(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?![\d-])"
)


def _e164(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    e164 = _e164(text)
    if e164 is None:
        return _digits(text) in allow.phones
    if e164 in allow.phones:
        return True
    return allow.allow_toll_free and e164.startswith("+1") and e164[2:5] in TOLL_FREE_AREA_CODES


def _ssn_shape(scan: _Scan, match: re.Match[str]) -> Span | None:
    """Dashed 3-2-4 numbers that can be an SSN (not 000/666/9xx, 00 or 0000 groups)."""
    area, group, serial = match.group("a"), match.group("g"), match.group("s")
    if area in ("000", "666") or area.startswith("9") or group == "00" or serial == "0000":
        return None
    return match.span()


_EMAIL_DOMAIN = re.compile(r"@([\w.-]+)$")
_OBFUSCATED_AT = re.compile(r"\s*[\[(]\s*at\s*[\])]\s*|\s+at\s+", re.IGNORECASE)
_OBFUSCATED_DOT = re.compile(r"\s*[\[(]\s*dot\s*[\])]\s*|\s+dot\s+", re.IGNORECASE)


def _plain_email(text: str) -> str:
    text = _OBFUSCATED_AT.sub("@", text, count=1)
    return _OBFUSCATED_DOT.sub(".", text).lower()


def _host_matches(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _is_public_host(host: str, allow: Allowlist) -> bool:
    return (
        host.endswith(PUBLIC_SUFFIXES)
        or _host_matches(host, allow.public_domains)
        or _host_matches(host, allow.url_hosts)
    )


def _email_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    email = _plain_email(text)
    if email in allow.emails:
        return True
    found = _EMAIL_DOMAIN.search(email)
    domain = found.group(1) if found else ""
    return domain in allow.email_domains or _is_public_host(domain, allow)


def _split_url(text: str) -> tuple[str, str, str]:
    """(host without www., path, query) of a URL with or without a scheme."""
    parts = urlsplit(text if "://" in text else "//" + text)
    host = (parts.hostname or "").lower()
    host = host.removeprefix("www.")
    return host, parts.path, parts.query


#: The platforms' own share addresses (host, path prefix): a share link the site makes
#: points at no person (its query, the post's own address and title, is read apart).
SHARE_ENDPOINTS: tuple[tuple[str, str], ...] = (
    ("facebook.com", "/sharer/"),
    ("x.com", "/intent/"),
    ("twitter.com", "/intent/"),
    ("linkedin.com", "/sharing/"),
    ("bsky.app", "/intent/"),
    ("wa.me", "/"),
    ("api.whatsapp.com", "/send"),
)


def _url_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    if text.startswith("@"):
        handle = text[1:].lower()
        return handle in allow.handles or ("." in handle and _is_public_host(handle, allow))
    host, path, query = _split_url(text)
    if _is_public_host(host, allow):
        return True
    if any(
        _host_matches(host, (domain,))
        and (path or "/").startswith(prefix)
        and (prefix != "/" or path.strip("/") == "")
        for domain, prefix in SHARE_ENDPOINTS
    ):
        return True
    if _host_matches(host, SOCIAL_HOSTS) and path.strip("/"):
        return False
    if host.endswith(PERSONAL_SITE_SUFFIXES):
        return False
    if _PERSONAL_PATH.search(path):
        return False
    if any(key.lower() in _PERSONAL_QUERY_KEYS for key, _ in parse_qsl(query)):
        return False
    if {"personal_site", "person"} <= cues:
        return False
    return not allow.strict_urls


_URL_TRAILING = ".,;:!?'\"”’)]}>*"


def _url_span(scan: _Scan, match: re.Match[str]) -> Span | None:
    start, end = match.span()
    while end > start and scan.text[end - 1] in _URL_TRAILING:
        end -= 1
    if end - start < 4 or "." not in scan.text[start:end]:
        return None
    return start, end


def _ip_span(scan: _Scan, match: re.Match[str]) -> Span | None:
    try:
        ipaddress.ip_address(match.group(0))
    except ValueError:
        return None
    return match.span()


def _ip_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    if address.is_loopback or address.is_unspecified:
        return True
    # a router's factory default in a how-to (192.168.0.1, 10.0.0.1) is tied to nobody
    return address.version == 4 and address.is_private and "person" not in cues


_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_AGE_WORDS = r"(?:ninety|one[- ]hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
_AGGREGATE_AFTER = re.compile(
    r"^\s*(?:\+|plus\b|or\s+(?:older|over|above|more)\b|and\s+(?:older|over|above|up)\b)",
    re.IGNORECASE,
)


def _age_value(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    words = re.split(r"[- ]+", text)
    if words[0] == "ninety":
        return 90 + _NUMBER_WORDS.get(words[1], 0) if len(words) > 1 else 90
    if words[:2] == ["one", "hundred"]:
        return 100
    return None


def _age_over_89(scan: _Scan, match: re.Match[str]) -> Span | None:
    """Ages 90 and up; "90 or older", "90+" and "90 and over" are the allowed aggregate."""
    age = _age_value(match.group("age"))
    if age is None or not 90 <= age <= 125:
        return None
    if _AGGREGATE_AFTER.search(scan.text[match.end() : match.end() + 20]):
        return None
    return match.span()


def _record_id(scan: _Scan, match: re.Match[str]) -> Span | None:
    """An identifier token: at least 3 digits, and not a bare year."""
    token = match.group("id")
    digits = _digits(token)
    if len(digits) < 3 or re.fullmatch(r"(?:19|20)\d\d", token):
        return None
    return match.span("id")


def _zip_span(scan: _Scan, match: re.Match[str]) -> Span | None:
    return match.span("zip")


def _normal_street(text: str) -> str:
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    return " ".join(_STREET_SUFFIXES.get(w, w) for w in words)


_STREET_SUFFIXES = {
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "rd": "road",
    "ln": "lane",
    "dr": "drive",
    "ct": "court",
    "blvd": "boulevard",
    "pl": "place",
    "ter": "terrace",
    "cir": "circle",
    "pkwy": "parkway",
    "hwy": "highway",
    "trl": "trail",
    "sq": "square",
    "n": "north",
    "s": "south",
    "e": "east",
    "w": "west",
}


def _street_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    street = _normal_street(text)
    return any(street.startswith(part) for part in allow.streets)


def _zip_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    return text[:5] in allow.postal_codes


_HONORIFIC_PREFIX = re.compile(r"^(?:mr|mrs|ms|miss|mx) ")


def _name_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    folded = _fold(text)
    for ending in (" 's", "'s", "'"):
        folded = folded.removesuffix(ending)
    if folded in allow.names:
        return True
    return "staff" in cues and any(folded == part for _, part in allow.staff_parts)


# --- names -------------------------------------------------------------------

_US_STATES_RE = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI"
)
_STATE_NAMES_RE = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|Puerto Rico"
)

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_CAP = rf"(?:O['’])?[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:[-'’][{_UP}][{_LOW}]+){{0,2}}"
_NAME = rf"(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|[A-Z]\.))?)"
_TOKEN = re.compile(rf"{_CAP}|[A-Z]\.")


def _title_case(sentence: str) -> bool:
    words = re.findall(rf"[{_UP}{_LOW}]{{4,}}", sentence)
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


def _not_a_name(word: str) -> bool:
    folded = _fold(word)
    return folded in NOT_NAMES


def _name_check(strength: str) -> Check:
    """Validate a name candidate.

    ``strength`` is how much the context already says "this is a person":
    ``any`` (an honorific: any capitalised word that is not a common word),
    ``full`` (a patient or relative noun before it: a listed first name, or
    two capitalised words outside title-case text), ``list`` (weaker cues: the
    first word must be a listed first name).
    """

    def check(scan: _Scan, match: re.Match[str]) -> Span | None:
        start, end = match.span("name")
        text = scan.text
        if _EPONYM_AFTER.match(text[end : end + 40]):
            return None
        tokens = list(_TOKEN.finditer(text, start, end))
        if not tokens:
            return None
        names = first_names()
        if (
            strength != "any"
            and len(tokens) == 2
            and _fold(tokens[1].group()) in names
            and _fold(tokens[0].group()) not in names
        ):
            tokens = tokens[1:]  # "When Brianna was ...", "Email Rob at ...": the name is second
        if _not_a_name(tokens[0].group()):
            return None
        if len(tokens) > 1 and _not_a_name(tokens[1].group()):
            tokens = tokens[:1]
        start, end = tokens[0].start(), tokens[-1].end()
        if strength != "any" and _CLINICIAN_BEFORE.search(text[max(0, start - 12) : start]):
            return None  # "Dr. Maria Lopez said": a clinician, not a patient
        listed = name_like(tokens[0].group()) or scan.model_person_at(start, end)
        level = strength
        if level == "full" and scan.title_case_at(start):
            level = "list"
        if level == "list" and not listed:
            return None
        if level == "full" and not listed and len(tokens) < 2:
            return None
        whole = match.span()
        return (whole[0] if strength == "any" else start), end

    return check


_HONORIFIC = r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+"
_PATIENT_NOUN = (
    r"\b(?i:(?:my|our|a|the|this|one|your)\s+(?:[a-z]+\s+){0,2}?(?:patient|client|resident|reviewer)"
    r"(?:\s+named|\s+called)?)\s*,?[ \t]+"
)
_RELATIVE = (
    r"\b(?i:(?:my|his|her|their|our|a|the\s+patient['’]s)\s+"
    r"(?:(?:little|baby|older|younger|oldest|youngest|teenage|adult|twin)\s+)?"
    r"(?:son|daughter|husband|wife|partner|mother|father|mom|dad|"
    r"grand(?:mother|father|ma|pa|son|daughter|child|kid)|sister|brother|aunt|uncle|niece|"
    r"nephew|cousin|neighbou?r|friend|boss|coworker|caregiver|fianc[ée]e?|boyfriend|"
    r"girlfriend|kid|child|baby|twin)s?)\s*,?[ \t]+"
)
_ADDRESS_TERM = (
    r"\b(?:[Gg]randpa|[Gg]randma|Granny|Nana|Papa|Uncle|Aunt|Auntie|[Ll]ittle|[Bb]aby|Cousin|"
    r"(?:\d{1,3}|[A-Za-z]+(?:-[A-Za-z]+)?)[- ](?:year|month|week)s?[- ]old,?)[ \t]+"
)
_SHOUTOUT = (
    r"\b(?i:meet|introducing|congratulations\s+to|congrats\s+to|shout[- ]?out\s+to|"
    r"thanks\s+to|thank\s+you\s+to|kudos\s+to|happy\s+birthday(?:\s+to)?|welcome\s+back|"
    r"get\s+well\s+soon|prayers\s+for|praying\s+for|in\s+memory\s+of|remembering)[ \t,]+"
)
_MET = (
    r"\b(?i:met|saw|see|seeing|treated|examined|visited|helped|thanked|welcomed|hugged|"
    r"congratulated|contact|call|email|text|reach|ask\s+for)[ \t]+"
)
_ROLE_AFTER = (
    r"(?=[ \t]*\((?i:patient|daughter|son|wife|husband|mother|father|mom|dad|caregiver|"
    r"guardian|parent|sister|brother|grand(?:mother|father|daughter|son)|partner)\))"
)
_VOCATIVE_AFTER = (
    r"(?=,[ \t]+(?i:we|you|thank|thanks|i|please|sorry|so|congrats|welcome|great|glad|"
    r"it['’]s|we['’]re|we['’]ll|we['’]ve)\b)"
)
_GREETING = (
    r"(?:^|(?<=[\n.!?;:\"“(]))[ \t]*(?i:dear|hi|hello|hey|thanks|thank\s+you|congrats|"
    r"congratulations|welcome(?:\s+back)?|get\s+well(?:\s+soon)?)\s*,?[ \t]+"
)
_VERBS = (
    r"told|tells|said|says|asked|asks|shared|shares|wrote|writes|emailed|texted|called|"
    r"messaged|came|comes|visited|visits|was\s+seen|was\s+diagnosed|was\s+admitted|"
    r"was\s+discharged|was\s+treated|is\s+recovering|recovered|has\s+been|had|has|got|gets|"
    r"felt|feels|noticed|brought|started|stopped|quit|lost|gained|finished|ran|walked|uses|"
    r"used|takes|took|agreed|gave|left|posted|thanked|credits|learned|tried|needed|wanted|"
    r"wants|loves|lives|lived|works|worked|fell|broke|went|goes|and\s+(?:his|her|their)"
)
_ADVERB = r"(?:(?:also|then|later|finally|just|first|now|still|recently|never)[ \t]+)?"
_POSSESSED = (
    r"son|daughter|husband|wife|partner|mom|dad|mother|father|family|kids|children|baby|"
    r"story|blood|sugar|doctor|surgery|recovery|diagnosis|test|results|cancer|heart|knee|"
    r"hip|back|arm|leg|health|care|medicine|medicines|pills|insulin|inhaler|visit|birthday|"
    r"twins|babies|newborn|grandkids|grandson|granddaughter|grandchildren|brother|sister|"
    r"appointment|labs?|scan|MRI|x-?ray|shots?|vaccines?|fever|rash|pain|asthma|diabetes|"
    r"pressure|weight|cough|symptoms|condition|treatment|therapy|rehab|pregnancy|delivery|"
    r"labor|home|house|room|bed|stroke|fall|injury|accident"
)

_HONORIFIC_WORD = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx)\.?$")


def _pair_check(scan: _Scan, match: re.Match[str]) -> Span | None:
    """ "Ruth and Harold Becker": a listed first name whose partner is a listed first name too."""
    if not name_like(match.group("other")):
        return None
    return _name_check("list")(scan, match)


def _name_mentions(scan: _Scan) -> Iterator[Span]:
    """Every other mention of a name found in the text: once "her 6-month-old,
    Ava," is found, "Ava is fine now" is too (the surname after an honorific)."""
    words: set[str] = set()
    for start, end in scan.person_names:
        for token in _TOKEN.findall(scan.text, start, end):
            if (
                not token.endswith(".")
                and not _HONORIFIC_WORD.match(token)
                and not _not_a_name(token)
                and _fold(token) not in scan.allow.names
            ):
                words.add(token)
    for word in sorted(words):
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", scan.text):
            yield match.span()


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: Stems of generic drug names (WHO INN stems): "metformin", "lisinopril" are not people.
_DRUG_STEM = re.compile(
    r"(?:formin|pril|sartan|statin|olol|azole|mab|vir|cillin|mycin|dipine|prazole|tidine|"
    r"oxacin|cycline|gliptin|gliflozin|glutide|tide|parin|xaban|semide|thiazide|dronate|"
    r"lukast|tadine|afil|triptan|setron|codone|morphone|azepam|zolam|barbital|caine|"
    r"profen|proxen|coxib|sone|olone|terol|tropium|fen|pine|done|amide|nazole|conazole)$"
)
_CAMEL_OK = re.compile(r"^(?:Mc|Mac|De|Di|Da|Le|La|Van|Von|Du|O['’])")
_PLACE_AFTER = re.compile(rf"^,?[ \t]*(?:{_US_STATES_RE}|{_STATE_NAMES_RE})\b")
_CREDENTIAL_AFTER = re.compile(
    r"^,?[ \t]*(?:MD|DO|PhD|RN|NP|PA|PA-C|RD|DDS|DMD|DPT|PharmD|MPH|LCSW|CNM|FNP|MSN|"
    r"Ph\.D\.|M\.D\.)\b"
)
_EPONYM_BARE_AFTER = re.compile(
    r"^\s+(?:disease|syndrome|palsy|lymphoma|sarcoma|score|sign|test|lot|lots|batch)\b",
    re.IGNORECASE,
)


_COMPANY_AFTER = re.compile(
    r"^[ \t]*(?:&|and)[ \t]+(?:Sons|Daughters|Co|Company|Associates|Partners)\b"
)
_STREET_AFTER = re.compile(
    r"^[ \t]+(?:Street|Avenue|Road|Lane|Drive|Court|Boulevard|Way|Place|Terrace|Circle|"
    r"Parkway|Highway|Trail|Loop|Square|Alley|St|Ave|Rd|Ln|Blvd|Hwy)\b"
)
#: A single word the model calls a person must be at least this rare in English
#: unless it is a listed first name ("Colds", "Spinach" in a heading are not people).
SINGLE_WORD_ZIPF = 3.0


def _not_a_person_word(word: str) -> bool:
    """A known non-name (NOT_NAMES), a generic drug name, an acronym or a CamelCase brand."""
    bare = _bare(word)
    if bare in NOT_NAMES or (_DRUG_STEM.search(bare) and _zipf(bare) < COMMON_ZIPF):
        return bare not in first_names() or bare in NOT_NAMES
    core = word.rstrip(".'’s")
    if len(core) > 1 and core.isupper():
        return True
    inner = core[1:]
    return any(ch.isupper() for ch in inner) and not _CAMEL_OK.match(core) and "-" not in core


def _form_label(scan: _Scan, start: int, end: int) -> bool:
    """ "Callback: ..." - one English word opening a sentence, then a colon."""
    word = scan.text[start:end]
    return (
        scan.text.startswith(":", end)
        and not scan.text[scan.sentence(start)[0] : start].strip()
        and " " not in word
        and _bare(word) not in first_names()
        and _zipf_large(_bare(word)) >= 2.5
    )


def _vetoed(scan: _Scan, start: int, end: int) -> bool:
    """Context that says the span is not a patient's name: a form label ("Callback:"),
    a place ("Eugene, OR"), a credential ("Sarah Johnson, PhD"), an eponym or a lot
    ("Tourette syndrome", "Metformin lot"), a clinician ("Dr. Maria Lopez")."""
    text = scan.text
    after = text[end : end + 40]
    return bool(
        _form_label(scan, start, end)
        or _PLACE_AFTER.match(after)
        or _CREDENTIAL_AFTER.match(after)
        or _EPONYM_AFTER.match(after)
        or _EPONYM_BARE_AFTER.match(after)
        or _STREET_AFTER.match(after)
        or _COMPANY_AFTER.match(after)
        or _CLINICIAN_BEFORE.search(text[max(0, start - 12) : start])
    )


_HONORIFIC_TOKEN = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx)\.?$")


def _refine_person(scan: _Scan, start: int, end: int) -> Span | None:
    """Narrow a span the model calls a person to its name words, or drop it.

    Leading and trailing common words go ("Follow Rua's" -> "Rua"); a span of
    common words only, a known non-name (drug, germ, eponym: NOT_NAMES), an
    eponym ("Crohn's disease"), a clinician ("Dr. Maria Lopez") or a span with
    digits is not a patient's name.
    """
    text = scan.text
    if any(ch.isdigit() for ch in text[start:end]):
        return None
    words = [m for m in _WORD.finditer(text, start, end)]
    while words and common_word(words[0].group()) and not _HONORIFIC_TOKEN.match(words[0].group()):
        words.pop(0)
    while words and common_word(words[-1].group()):
        words.pop()
    if not words:
        return None
    start, end = words[0].start(), words[-1].end()
    for ending in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(ending):
            end -= len(ending)
            break
    plain = [w.group() for w in words if not _HONORIFIC_TOKEN.match(w.group())]
    if not plain or _not_a_person_word(plain[0]) or all(_not_a_person_word(w) for w in plain):
        return None
    if _vetoed(scan, start, end):
        return None
    if all(w[:1].islower() for w in plain):
        return None  # lower-case names are left to _lowercase_names
    if len(plain) == 1 and not name_like(plain[0], SINGLE_WORD_ZIPF):
        return None
    if scan.title_case_at(start) and not any(
        _bare(w) in first_names() or name_like(w, VERY_RARE_ZIPF) for w in plain
    ):
        return None
    return start, end


def _model_people(scan: _Scan) -> Iterator[Span]:
    """People the statistical model proposes (healthnotes.gate.ner), refined."""
    for found in scan.model_spans:
        if found.kind == "person":
            span = _refine_person(scan, found.start, found.end)
            if span is not None:
                yield span


_CAP_RUN = re.compile(rf"(?<![\w@./#-]){_CAP}(?:[ \t]+(?:{_CAP}|[A-Z]\.))*(?![\w@])")


def _rare_capitals(scan: _Scan) -> Iterator[Span]:
    """Capitalised words so rare in English that they are names wherever they stand
    ("Callback: Anggabaya at ..."), with the capitalised words joined to them
    ("Felicia Antwiwaa"); not inside what the model calls an organisation, place
    or product, not an eponym or a lot code, not in title-case text."""
    text = scan.text
    for match in _CAP_RUN.finditer(text):
        tokens = list(_TOKEN.finditer(text, match.start(), match.end()))
        if not any(
            t.group()[-1] != "."
            and name_like(t.group(), VERY_RARE_ZIPF)
            and _bare(t.group()) not in first_names()
            for t in tokens
        ):
            continue
        while tokens and (common_word(tokens[0].group()) or _not_a_person_word(tokens[0].group())):
            tokens.pop(0)
        while tokens and (
            common_word(tokens[-1].group()) or _not_a_person_word(tokens[-1].group())
        ):
            tokens.pop()
        if not tokens:
            continue
        start, end = tokens[0].start(), tokens[-1].end()
        if scan.model_kind_at(start, end) == "place" and not scan.model_person_at(start, end):
            continue
        if _vetoed(scan, start, end) or scan.title_case_at(start):
            continue
        yield start, end


_LOWER_PAIR = re.compile(r"(?<![\w@./-])([a-z][a-z'’-]+)[ \t]+([a-z][a-z'’-]+)(?![\w@])")


def _lowercase_names(scan: _Scan) -> Iterator[Span]:
    """ "marcus iaremchuk": a listed first name, not a common word, then a rare word."""
    for match in _LOWER_PAIR.finditer(scan.text):
        first, last = match.group(1), match.group(2)
        if (
            first in first_names()
            and _zipf(first) < LOWER_FIRST_ZIPF
            and last not in NOT_NAMES
            and _zipf(last) < VERY_RARE_ZIPF
        ):
            yield match.span()


_NAME_PATTERNS: tuple[Pattern, ...] = (
    Pattern(re.compile(_HONORIFIC + _NAME), check=_name_check("any")),
    Pattern(re.compile(_PATIENT_NOUN + _NAME), check=_name_check("full")),
    Pattern(
        re.compile(r"\b(?i:named|name\s+is|name\s+was)[ \t]+" + _NAME), check=_name_check("full")
    ),
    Pattern(re.compile(_RELATIVE + _NAME), check=_name_check("full")),
    Pattern(re.compile(_ADDRESS_TERM + _NAME), check=_name_check("list")),
    Pattern(re.compile(_SHOUTOUT + _NAME), check=_name_check("full")),
    Pattern(re.compile(_MET + _NAME), check=_name_check("list")),
    # "Denise Harper (daughter)"
    Pattern(re.compile(r"\b" + _NAME + _ROLE_AFTER), check=_name_check("full")),
    # vocative: "Jessica, we checked ...", "... for the five stars, Brenda!"
    Pattern(
        re.compile(r"(?:^|(?<=[.!?][ \t])|(?<=[\"“]))" + _NAME + _VOCATIVE_AFTER, re.MULTILINE),
        check=_name_check("list"),
    ),
    Pattern(
        re.compile(r"(?<=,[ \t])" + _NAME + r"(?=[ \t]*(?:[!?.](?:\s|$)|$))", re.MULTILINE),
        check=_name_check("list"),
    ),
    # contact details follow: "Email Rob at rob@...", "call Maria on 541 ..."
    Pattern(
        re.compile(r"\b" + _NAME + r"(?=[ \t]+(?:at|on|via)[ \t]+(?:[\w.+-]+@|\+?1?[ (]*\d{3}))"),
        check=_name_check("list"),
    ),
    Pattern(re.compile(_GREETING + _NAME, re.MULTILINE), check=_name_check("full")),
    Pattern(
        re.compile(r"\b" + _NAME + rf"(?=[ \t]+{_ADVERB}(?:{_VERBS})\b)"),
        check=_name_check("list"),
    ),
    Pattern(
        re.compile(r"\b" + _NAME + rf"(?=['’]s\s+(?:{_POSSESSED})\b)"), check=_name_check("list")
    ),
    Pattern(
        re.compile(r"\b" + _NAME + r"(?=,\s+\d{1,3},|\s+\(\d{1,3}\))"), check=_name_check("list")
    ),
    # testimonial signature: "— John D., Springfield" after a quote or on its own line
    Pattern(
        re.compile(
            r"(?:^|(?<=[\n\"”’'.!?)]))[ \t]*(?:[—–]|--|(?<=[\"”])[ \t]*-)[ \t]*" + _NAME,
            re.MULTILINE,
        ),
        check=_name_check("full"),
    ),
    Pattern(
        re.compile(rf"\b(?P<name>{_CAP}[ \t]+[A-Z]\.)(?=[\s,;)]|$)"), check=_name_check("list")
    ),
    # two listed first names joined: "Ruth and Harold Becker", "Chris & Angela"
    Pattern(
        re.compile(r"\b" + _NAME + rf"(?=[ \t]+(?:and|&)[ \t]+(?P<other>{_CAP})\b)"),
        check=_pair_check,
    ),
    Pattern(re.compile(rf"\b(?P<other>{_CAP})[ \t]+(?:and|&)[ \t]+" + _NAME), check=_pair_check),
    Pattern(finder=_model_people),
    Pattern(finder=_rare_capitals),
    Pattern(finder=_lowercase_names),
    Pattern(finder=_name_mentions),
)

# --- dates -------------------------------------------------------------------

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_ES_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    r"noviembre|diciembre)"
)
_MODEL_DATE = re.compile(
    r"\d.*\b(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|enero|febrero|marzo|abril|"
    r"mayo|junio|julio|agosto|sept?iembre|octubre|noviembre|diciembre)|"
    r"\b(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
    r"\d{1,2}[/.-]\d{1,2}"
)


def _model_dates(scan: _Scan) -> Iterator[Span]:
    for found in scan.model_spans:
        if found.kind == "date" and _MODEL_DATE.search(found.text):
            yield found.start, found.end


_YEAR = r"(?:1[89]|20)\d{2}"
_TIED = (("life_event",), ("encounter", "person"))
_TIED_TO_PERSON = (("encounter", "person"), ("life_event", "person"))

_DATE_PATTERNS: tuple[Pattern, ...] = (
    # March 3rd, Mar. 3, 2026, July 4, 1961
    Pattern(re.compile(rf"\b{_MONTH}\.?\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"), needs=_TIED),
    # 3 March 2026, the 3rd of March, 12 Aug 2023
    Pattern(re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_FULL}\b(?:,?\s+{_YEAR}\b)?"), needs=_TIED),
    Pattern(re.compile(rf"\b{_DAY}\s+{_MONTH}\.?(?:,?\s+{_YEAR})\b"), needs=_TIED),
    # 20 de julio de 2024, el 5 de mayo
    Pattern(
        re.compile(
            rf"\b(?:3[01]|[12]\d|0?[1-9])\s+de\s+{_ES_MONTH}\b(?:\s+(?:de|del)\s+{_YEAR}\b)?",
            re.IGNORECASE,
        ),
        needs=_TIED,
    ),
    # day-first and year-first: 14/03/2024, 2024/03/14, 14.03.24
    Pattern(
        re.compile(
            rf"(?<![\d/.-])(?:1[3-9]|2\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:{_YEAR}|\d{{2}})"
            r"(?![\d/-]|\.\d)"
        ),
        needs=_TIED,
    ),
    Pattern(
        re.compile(
            rf"(?<![\d/.-]){_YEAR}([/.])(?:0?[1-9]|1[0-2])\1(?:3[01]|[12]\d|0?[1-9])(?![\d/]|\.\d)"
        ),
        needs=_TIED,
    ),
    # "Discharged 11/26", "Seen 7/22", "Admit date 1/7": a short date right after the cue
    Pattern(
        re.compile(
            r"\b(?i:discharged|admitted|seen|date|visit|dob|born|died|surgery|delivered|"
            r"on|since|from|until|el)[ \t]*:?[ \t]*"
            r"(?P<d>(?:0?[1-9]|1[0-2])/(?:3[01]|[12]\d|0?[1-9]))"
            r"(?![\d/])"
        ),
        group="d",
        needs=_TIED,
    ),
    # what the model calls a date, when it names a month or has a day number
    Pattern(finder=_model_dates, needs=_TIED),
    # 03/14/1958, 3-14-58, 3.14.1958
    Pattern(
        re.compile(
            rf"(?<![\d/.-])(?:0?[1-9]|1[0-2])([/.-])(?:3[01]|[12]\d|0?[1-9])\1(?:{_YEAR}|\d{{2}})"
            r"(?![\d/-]|\.\d)"
        ),
        needs=_TIED,
    ),
    # "on 3/14"
    Pattern(
        re.compile(r"(?<=\bon )(?:0?[1-9]|1[0-2])/(?:3[01]|[12]\d|0?[1-9])(?![\d/])"), needs=_TIED
    ),
    # 1947-09-22
    Pattern(re.compile(rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:3[01]|[12]\d|0[1-9])\b"), needs=_TIED),
    # June 2024
    Pattern(re.compile(rf"\b{_MONTH_FULL}\.?,?\s+(?:of\s+)?{_YEAR}\b"), needs=_TIED),
    # holidays are dates
    Pattern(
        re.compile(
            r"\b(?:Christmas(?:\s+(?:Eve|Day))?|Thanksgiving(?:\s+Day)?|New\s+Year['’]s\s+(?:Eve|Day)|"
            r"Easter(?:\s+Sunday)?|Halloween|Valentine['’]s\s+Day|Mother['’]s\s+Day|"
            r"Father['’]s\s+Day|Memorial\s+Day|Labor\s+Day|Independence\s+Day|"
            r"(?:the\s+)?Fourth\s+of\s+July)\b"
        ),
        needs=_TIED,
    ),
    # last Tuesday, this past Friday, Monday (not "a Monday", "every Monday", "Mondays")
    Pattern(
        re.compile(
            r"(?<!\ba )(?<!\bevery )(?<!\beach )(?<!\bany )"
            r"\b(?:(?i:last|this\s+past|next)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
            r"(?:\s+(?:morning|afternoon|evening|night))?"
        ),
        needs=_TIED_TO_PERSON,
    ),
    # yesterday, this morning, two days ago
    Pattern(
        re.compile(
            r"\b(?:yesterday|the\s+day\s+before\s+yesterday|last\s+(?:night|week(?:end)?|month)|"
            r"this\s+(?:morning|afternoon|evening|past\s+week(?:end)?)|earlier\s+(?:today|this\s+week)|"
            r"today|tonight|over\s+the\s+weekend|(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|"
            r"ten|a\s+few|a\s+couple(?:\s+of)?)\s+(?:days?|weeks?)\s+ago)\b",
            re.IGNORECASE,
        ),
        needs=_TIED_TO_PERSON,
    ),
    # a month alone only with a life event of a person: "she was born in March"
    Pattern(re.compile(rf"\b{_MONTH_FULL}\b"), needs=(("life_event", "person"),)),
)

# --- addresses ---------------------------------------------------------------

_US_STATES = _US_STATES_RE
_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|Puerto Rico"
)
_ZIP = r"(?P<zip>\d{5}(?:-\d{4})?)(?![\d-])"
_SUFFIX = (
    r"(?:(?:Street|Avenue|Road|Lane|Drive|Court|Boulevard|Way|Place|Terrace|Circle|Parkway|"
    r"Highway|Trail|Loop|Square|Alley|Crescent|Ridge)\b|"
    r"(?:St|Ave|Rd|Ln|Dr|Ct|Blvd|Pl|Ter|Cir|Pkwy|Hwy|Trl|Sq)\b\.?)"
)
_DIRECTION = r"(?:(?:NE|NW|SE|SW|N|S|E|W)\b\.?|North|South|East|West)"
_STREET_WORD = r"(?:[A-Z][A-Za-z'’-]+|\d{1,3}(?:st|nd|rd|th))"
_UNIT = (
    r"(?:,?[ \t]+(?:Apt\.?|Apartment|Unit|Suite|Ste\.?|\#|Space|Spc\.?|Lot|Bldg\.?|Building|"
    r"Room|Rm\.?|Floor|Fl\.?)[ \t]*\#?[ \t]*[A-Za-z0-9-]{1,6}\b)?"
)

#: A house number, then up to four capitalised words (or Calle/Highway forms), then
#: an optional unit: the candidates usaddress (a CRF trained on US addresses) reads.
_STREET_CANDIDATE = re.compile(
    rf"(?<![\w.,/-])(?P<street>\d{{1,6}}[A-Z]?[ \t]+(?:{_DIRECTION}[ \t]+)?"
    rf"(?:(?:Calle|Avenida|Camino|Highway|Hwy|Route|Rte|State[ \t]+Route|County[ \t]+Road|"
    rf"US|SR|CR)\.?[ \t]+\d{{1,4}}|"
    rf"(?:[A-Z][A-Za-z'’-]+|\d{{1,3}}(?:st|nd|rd|th))(?:[ \t]+(?:[A-Z][A-Za-z'’-]+\.?|"
    rf"\d{{1,3}}(?:st|nd|rd|th))){{0,3}}){_UNIT})"
    r"(?P<after>,[ \t]*[A-Z][A-Za-z .'-]{1,30},[ \t]*[A-Z]{2}\b)?"
)
_ADDRESS_AFTER = re.compile(
    r"^[ \t]*(?:\(?\s*zip\b|,[ \t]*(?:[A-Z][a-z]+[ \t]*)+,[ \t]*[A-Z]{2}\b)"
)


def _usaddress_street(scan: _Scan, match: re.Match[str]) -> Span | None:
    """A street line when usaddress tags a house number, a street name and a street
    type or a unit ("018 Quinn Expressway Suite 841", "1363 Garcia Junctions"), or a
    street name followed by a city and state ("640 Hayden Village, Salem, OR")."""
    street = match.group("street")
    try:
        tagged = usaddress.parse(street)
    except Exception:  # usaddress raises on odd input; it is only a candidate
        return None
    labels = [label for _, label in tagged]
    if not labels or labels[0] != "AddressNumber":
        return None
    if not any(label.startswith("StreetName") for label in labels):
        return None
    typed = any(
        label in ("StreetNamePostType", "OccupancyType", "StreetNamePreType", "USPSBoxType")
        for label in labels
    )
    if not typed and not (
        match.group("after") or _ADDRESS_AFTER.match(scan.text[match.end("street") :])
    ):
        return None
    end = match.end("street")
    last = street.rstrip(".").split()[-1].lower()
    if street.endswith(".") and last not in _STREET_SUFFIXES and last not in _UNIT_ABBREVIATIONS:
        end -= 1  # the sentence's period, not an abbreviation's
    return match.start("street"), end


_UNIT_ABBREVIATIONS = frozenset({"apt", "ste", "spc", "bldg", "rm", "fl", "no"})


# --- record numbers ----------------------------------------------------------

_NO = r"(?:number|no\.?|num|\#|ID|identifier)"
_FILLER = (
    r"[ \t]*[:#]?[ \t]*(?:(?:is|was|reads|shows|ending\s+in|ends\s+in)[ \t]+|"
    r"[^\d\n.:;]{1,40}:[ \t]*)?[:#]?[ \t]*"
)
_ID = (
    r"(?P<id>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{1,24}[A-Za-z0-9]"
    r"(?:[ \t]\d{2,6}(?![\w-])){0,4})(?![\w-])"
)


def _record(cue: str, label: str, *, unless: tuple[str, ...] = ()) -> Pattern:
    regex = re.compile(rf"\b(?:{cue})(?!\w)\.?{_FILLER}{_ID}", re.IGNORECASE)
    return Pattern(regex, group="id", check=_record_id, label=label, unless=unless)


#: (cue words, label) for numbers that identify a record, plan, account,
#: licence, vehicle or device when such a cue stands right before them.
RECORD_CUES: tuple[tuple[str, str], ...] = (
    (
        rf"MRN|medical\s+record(?:\s+{_NO})?|chart\s*{_NO}|chart(?=\s*\#)|patient\s+{_NO}|"
        rf"record\s+{_NO}|hospital\s+{_NO}",
        "medical record number",
    ),
    (
        rf"member\s*{_NO}|subscriber\s+{_NO}|policy(?:\s+{_NO})?|group\s+{_NO}|"
        rf"health\s+plan\s+{_NO}|beneficiary\s+{_NO}|"
        rf"Medicare\s+(?:beneficiary\s+identifier|{_NO}|card\s+{_NO})|Medicaid\s+{_NO}|MBI|"
        rf"insurance\s+{_NO}",
        "health plan number",
    ),
    (
        rf"account\s*{_NO}|acct\.?(?:\s*{_NO})?|account(?=\s*\#)|billing\s+{_NO}|invoice\s*{_NO}|"
        r"card\s+(?:number|ending)",
        "account number",
    ),
    (
        rf"(?:driver['’]?s?|driving)\s+licen[cs]e(?:\s+{_NO})?|licen[cs]e\s*{_NO}|DL\s*{_NO}|"
        rf"certificate\s+{_NO}|DEA(?:\s+{_NO}|\s+registration)?|passport(?:\s+{_NO})?",
        "licence or certificate number",
    ),
    (
        rf"VIN|vehicle\s+identification\s+number|licen[cs]e\s+plate(?:\s+{_NO})?|plate\s*{_NO}",
        "vehicle identifier",
    ),
    (
        rf"serial\s*{_NO}s?|S/N|device\s+(?:ID|identifier|serial)|UDI|IMEI|"
        rf"implant\s+(?:ID|card\s+{_NO})",
        "device serial number",
    ),
    (
        rf"Rx\s*{_NO}|Rx(?=\s*\#)|prescription\s*{_NO}|claim\s*{_NO}|case\s*{_NO}|"
        rf"(?:student|employee)\s*{_NO}|ID\s*(?:number|no\.?|\#)|confirmation\s*(?:{_NO}|code)",
        "identifying number",
    ),
)


def _rules() -> tuple[Rule, ...]:
    return (
        Rule(
            "ssn",
            "Social Security number",
            "G",
            "3-2-4 digit numbers shaped like an SSN (123-45-6789); 9 digits, or the last four, "
            "after 'SSN' / 'social security'.",
            "Numbers that cannot be an SSN (000-, 666-, 9xx- areas, 00 group, 0000 serial).",
            (
                Pattern(
                    re.compile(r"(?<![\d-])(?P<a>\d{3})-(?P<g>\d{2})-(?P<s>\d{4})(?![\d-])"),
                    check=_ssn_shape,
                ),
                Pattern(
                    re.compile(r"(?<![\d-])\d{3}[ .-]?\d{2}[ .-]?\d{4}(?![\d-])"),
                    needs=(("ssn",),),
                ),
                Pattern(re.compile(r"(?<![\d-])\d{4}(?![\d-])"), needs=(("ssn", "last_four"),)),
            ),
        ),
        Rule(
            "record_number",
            "record or account number",
            "H-M, R",
            "A number with a cue word right before it: MRN, medical record, chart #, member ID, "
            "policy, health plan, beneficiary / Medicare / Medicaid ID, account / acct, licence, "
            "DEA, certificate, passport, VIN, licence plate, device serial, UDI, IMEI, Rx #, "
            "claim / case number.",
            "Lot numbers, NDCs and model numbers (no cue); serial ranges in recall context "
            "('recalled pumps with serial numbers PX20114 through ...'); bare years.",
            tuple(
                _record(cue, label, unless=("recall_context",) if "serial" in label else ())
                for cue, label in RECORD_CUES
            ),
        ),
        Rule(
            "email",
            "e-mail address",
            "F",
            "E-mail addresses, also written as 'name (at) host.com' or 'name [at] host [dot] com'.",
            "The practice's address and domain; addresses at public agency domains.",
            (
                Pattern(
                    re.compile(r"(?<![\w.%+-])[\w.%+-]++@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])")
                ),
                Pattern(
                    re.compile(
                        r"(?<![\w.%+-])[\w.%+-]++\s*[\[(]\s*at\s*[\])]\s*[A-Za-z0-9-]+"
                        r"(?:\s*(?:[\[(]\s*dot\s*[\])]|\.)\s*[A-Za-z0-9-]+)+",
                        re.IGNORECASE,
                    )
                ),
                Pattern(
                    re.compile(
                        r"(?<![\w.-])[\w.-]++\s+at\s+[A-Za-z0-9-]+\s+dot\s+(?:com|net|org|edu|us|me)\b",
                        re.IGNORECASE,
                    )
                ),
            ),
            allowed=_email_allowed,
        ),
        Rule(
            "url",
            "personal web address",
            "N",
            "URLs that point at a person: social-network profiles and fundraisers "
            "(facebook.com/name, tiktok.com/@name, gofundme.com/f/...), personal blogs "
            "(name.blogspot.com), profile paths (/~name, /u/, /@name), patient or user "
            "query parameters, any URL introduced as someone's blog, page or profile, and "
            "social media handles (@name).",
            "The practice's own site, booking and e-mail hosts; public health and government "
            "sites (PUBLIC_DOMAINS, *.gov); other sites cited without a person cue (set "
            "Allowlist.strict_urls to flag every unknown site); handles of agencies "
            "(PUBLIC_HANDLES) and in Allowlist.handles.",
            (
                Pattern(re.compile(r"\bhttps?://[^\s<>()\[\]\"'`]+"), check=_url_span),
                Pattern(re.compile(r"(?<![\w/.@-])www\.[^\s<>()\[\]\"'`]+"), check=_url_span),
                Pattern(
                    re.compile(
                        r"(?<![\w@./:-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
                        r"(?:com|org|net|gov|edu|us|io|me|app|co|info|ly|ee|tv|social|health|"
                        r"example|int|mil|page|blog|site|biz|info|name|online)\b(?:/[^\s<>()\[\]\"'`]*)?",
                        re.IGNORECASE,
                    ),
                    check=_url_span,
                ),
                # social handles: "@tina.marsh.runs", "@gracie_grows" (not e-mail addresses)
                Pattern(
                    re.compile(
                        r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?(?![\w@])"
                    ),
                    label="social media handle",
                ),
            ),
            allowed=_url_allowed,
            informs=("personal_site", "person"),
        ),
        Rule(
            "ip",
            "IP address",
            "O",
            "IPv4 and IPv6 addresses (validated).",
            "Loopback and unspecified addresses (127.0.0.1, ::1, 0.0.0.0); version numbers "
            "with fewer or more than four parts.",
            (
                Pattern(
                    re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)"), check=_ip_span
                ),
                Pattern(
                    re.compile(
                        r"(?<![\w:.])(?=[0-9A-Fa-f:]{0,39}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?![\w:])"
                    ),
                    check=_ip_span,
                ),
            ),
            allowed=_ip_allowed,
            informs=("person",),
        ),
        Rule(
            "fax",
            "fax number",
            "E",
            "A phone number (see phone) with 'fax' before it (no other number between) or "
            "'(fax)' right after it.",
            "The practice's fax; public and toll-free numbers; numbers in a list of lot or "
            "product codes.",
            (
                Pattern(finder=_phones, needs=(("fax",),), unless=("product_code",)),
                Pattern(_LOOSE_PHONE, needs=(("fax",),), unless=("product_code",)),
            ),
            allowed=_phone_allowed,
        ),
        Rule(
            "phone",
            "phone number",
            "D",
            "Phone numbers found by libphonenumber (region US, leniency POSSIBLE) that are "
            "valid numbers: (541) 555-0199, 541.555.0199, +1 541 555 0199, 5415550199.",
            "The practice's phone and fax; 911, 988, Poison Help 1-800-222-1222 and other "
            "public lines (PUBLIC_PHONES); every toll-free number (800/833/844/855/866/877/888: "
            "business lines, e.g. a recalling firm's hotline); 10-digit codes in a list after "
            "'lot(s)', 'batch', 'UPC', 'NDC', 'SKU' or 'code(s)'.",
            (
                Pattern(finder=_phones, unless=("fax", "product_code")),
                Pattern(_LOOSE_PHONE, needs=(("phone_word",),), unless=("fax", "product_code")),
            ),
            allowed=_phone_allowed,
        ),
        Rule(
            "street_address",
            "street address",
            "B",
            "A house number, up to three capitalised words and a street suffix, with an "
            "optional unit (1847 Willow Creek Road; 312 N 5th St; 77 Maple Avenue, Apt 4B); "
            "PO boxes.",
            "The practice's own street address; street names without a house number "
            "('turn left on Orchard Lane').",
            (
                Pattern(
                    re.compile(
                        rf"\b\d{{1,6}}[A-Z]?[ \t]+(?:{_DIRECTION}[ \t]+)?"
                        rf"(?:{_STREET_WORD}[ \t]+){{1,3}}{_SUFFIX}"
                        rf"(?:[ \t]+{_DIRECTION}(?!\w))?{_UNIT}"
                    )
                ),
                Pattern(_STREET_CANDIDATE, check=_usaddress_street),
                Pattern(
                    re.compile(
                        r"\b(?:P\.?[ \t]?O\.?[ \t]*|Post[ \t]+Office[ \t]+)Box[ \t]+\#?\d{1,6}\b",
                        re.IGNORECASE,
                    )
                ),
            ),
            allowed=_street_allowed,
        ),
        Rule(
            "zip",
            "ZIP code",
            "B",
            "5-digit and ZIP+4 codes after a state (OR 97401, Oregon 97426), after 'ZIP' / "
            "'zip code' / 'postal code', or after 'lives in' / 'moved to'.",
            "The practice's ZIP code; 5-digit numbers without an address cue (doses such as "
            "'50000 IU', counts, lot numbers).",
            (
                Pattern(
                    re.compile(rf"\b(?:{_US_STATES}|{_STATE_NAMES}),?[ \t]+{_ZIP}"),
                    check=_zip_span,
                ),
                Pattern(
                    re.compile(
                        rf"\b(?i:zip(?:[ \t]*code)?|zipcode|postal[ \t]+code|ZIP\+4)\b[ \t]*"
                        rf"(?i:is|was|of)?[ \t]*[:#,]?[ \t]*{_ZIP}"
                    ),
                    check=_zip_span,
                ),
                Pattern(
                    re.compile(
                        r"\b(?i:lives?|living|lived|moved|resides?|residing)[ \t]+(?i:in|to)[ \t]+"
                        + _ZIP
                    ),
                    check=_zip_span,
                ),
            ),
            allowed=_zip_allowed,
        ),
        Rule(
            "date",
            "date tied to a person",
            "C",
            "Dates more specific than the year (March 3rd, 03/14/1958, 1947-09-22, June 2024, "
            "Christmas Eve, last Tuesday, yesterday, two days ago) in a sentence with a life "
            "event (DOB, born, admitted, discharged, died) or with an encounter verb (saw, came "
            "in, diagnosed, called ...) and a person word (patient, she, my son, a 34-year-old, "
            "a name).",
            "Dates in general health text ('flu season starts in October', 'the FDA announced "
            "the recall on August 19, 2026', 'we are open Monday to Friday'); years alone; a "
            "month alone unless a person's birth, admission or death is in the sentence.",
            _DATE_PATTERNS,
        ),
        Rule(
            "age_over_89",
            "age over 89",
            "C",
            "Ages 90 and up said of one person: 93-year-old, ninety-four-year-old, aged 91, "
            "age 95, 92 years old, 96 y/o, turned 100, 90th birthday, 'Harold, 97,'.",
            "The aggregate '90 or older' / '90 and over' / '90+'; ages under 90 ('patients "
            "over 65'); 'adults over 90' (a group, not an age of a person).",
            (
                Pattern(
                    re.compile(r"\b(?P<age>\d{2,3})[- ](?:years?|yrs?)[- ]old\b", re.IGNORECASE),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(
                        r"\b(?P<age>(?:ninety|one[- ]hundred)(?:[- ](?:one|two|three|four|five|six|"
                        r"seven|eight|nine))?)[- ](?:years?)[- ]old\b",
                        re.IGNORECASE,
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(r"\b(?:aged?|age\s+of)[ \t]+(?P<age>\d{2,3})\b", re.IGNORECASE),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(r"\b(?P<age>\d{2,3})[ \t]*(?:y/o|y\.o\.|yo)(?!\w)", re.IGNORECASE),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(
                        r"\bturn(?:ed|s|ing)?[ \t]+(?P<age>\d{2,3})\b"
                        r"(?![ \t]*(?:degrees|°|%|percent|mg|minutes|miles))",
                        re.IGNORECASE,
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(r"\b(?P<age>\d{2,3})(?:st|nd|rd|th)[ \t]+birthday\b", re.IGNORECASE),
                    check=_age_over_89,
                ),
                # "Our oldest patient, 101,", "At 92,", "97 años", "celebrated 95 years"
                Pattern(
                    re.compile(
                        rf"\b(?i:patient|resident|friend|mother|father|grandmother|grandfather|"
                        rf"neighbou?r|member|mom|dad|at)[ \t]*,?[ \t]+"
                        rf"(?P<age>\d{{2,3}}|{_AGE_WORDS}),"
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(rf"\b(?P<age>\d{{2,3}}|{_AGE_WORDS})[ \t]+a[ñn]os\b", re.IGNORECASE),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(
                        rf"\b(?i:celebrat\w*|marked|reached|hit)[ \t]+(?:(?:her|his|their)[ \t]+)?"
                        rf"(?P<age>\d{{2,3}}|{_AGE_WORDS})"
                        r"(?:[ \t]+years|(?:st|nd|rd|th)?[ \t]+birthday)"
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(rf"\b(?i:turn(?:ed|s|ing)?)[ \t]+(?P<age>{_AGE_WORDS})\b"),
                    check=_age_over_89,
                ),
                # "my mother, who is 94,", "she's 91", "he was 96 when ..."
                Pattern(
                    re.compile(
                        r"\b(?i:who|she|he|I)(?:[ \t]+(?:is|was|am)|['’][sm])[ \t]+"
                        r"(?P<age>\d{2,3})\b(?![ \t]*(?:%|percent|mg|pounds|lbs|kg|minutes|miles|"
                        r"degrees|feet|inches|years?[ \t]+ago|times|days|weeks|months))",
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    re.compile(
                        rf"\b(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|[A-Z]\.)){{0,2}})(?:,[ \t]+"
                        rf"(?P<age>\d{{2,3}}|{_AGE_WORDS})[,:]|"
                        r"[ \t]+\((?P<age2>\d{2,3})\))"
                    ),
                    check=_age_in_parens,
                ),
            ),
        ),
        Rule(
            "name",
            "person's name",
            "A",
            "Names in patient context: after Mr./Mrs./Ms./Miss/Mx.; after 'my patient', "
            "'a patient named', a relative ('her son Kevin', 'his wife Angela'), 'Grandpa' / "
            "'Little'; in a greeting ('Thank you, Karen,', 'Hi Denise'); before a reporting or "
            "care verb ('Maria told us', 'Evelyn said'), a possessive ('Tom's son'), an age "
            "('Harold, 97,') or a role ('Denise Harper (daughter)'); after 'meet', 'thanks to', "
            "'we saw', 'call'; as a vocative ('Jessica, we checked ...', '..., Brenda!'); "
            "testimonial signatures ('— John D., Springfield'); listed first names with an "
            "initial ('Rosa M.'); then every later mention of a name found ('Ava is fine now').",
            "Staff names from the settings in every usual form (Dr. Patel, Dr. Ana Patel, "
            "Ana Patel, Ana); any 'Dr.' / 'Nurse' name; drug and brand names, germs and "
            "eponyms (Advil, Tylenol, Listeria, Addison's disease: NOT_NAMES); first names "
            "not on the shipped list unless a strong cue is there (two capitalised words after "
            "'my patient' or a relative noun; any word after Mr./Mrs.); in a title (field "
            "'title' or title-case text) only listed first names.",
            _NAME_PATTERNS,
            allowed=_name_allowed,
            informs=("staff",),
        ),
    )


def _age_in_parens(scan: _Scan, match: re.Match[str]) -> Span | None:
    """'Harold, 97,' or 'Harold (97)': the age, when the name is a listed first name."""
    group = "age" if match.group("age") else "age2"
    age = _age_value(match.group(group)) or 0
    if not 90 <= age <= 125:
        return None
    if not (name_like(match.group("name").split()[0]) or scan.model_person_at(*match.span("name"))):
        return None
    return match.span(group)


#: The rule table, in priority order: when candidates overlap, the earlier
#: rule wins (an SSN is not also a phone number; an e-mail address is not
#: also a URL).
RULES: tuple[Rule, ...] = _rules()
RULES_BY_ID: Mapping[str, Rule] = {rule.id: rule for rule in RULES}


@dataclass(frozen=True)
class FieldPolicy:
    """Rules that do not apply to a field (glob on the lower-case field name)."""

    field: str
    off: frozenset[str]
    why: str


FIELD_POLICIES: tuple[FieldPolicy, ...] = (
    FieldPolicy(
        "recall_lots",
        frozenset(
            {"phone", "fax", "ssn", "record_number", "zip", "street_address", "date", "age_over_89"}
        ),
        "lot codes are the recall's public data, and look like numbers",
    ),
    FieldPolicy(
        "recall_date",
        frozenset({"date", "phone", "fax", "ssn", "record_number", "zip"}),
        "the recall date is public",
    ),
    FieldPolicy("recall_url", frozenset({"url"}), "the agency's or firm's notice"),
    FieldPolicy(
        "recall_product", frozenset({"name"}), "a recalled product's brand looks like a name"
    ),
    FieldPolicy(
        "recall_*",
        frozenset({"phone", "fax", "record_number", "date"}),
        "recall notices quote the firm's hotline, serial and lot ranges and dates",
    ),
)


#: Fields that name a recalled product and its maker: their capitalised words are
#: brands in the rest of the post (see Allowlist.for_post).
BRAND_FIELDS: tuple[str, ...] = ("recall_product", "recall_firm")


def rules_off(field_name: str) -> frozenset[str]:
    """Rule ids that :func:`scan_text` skips for ``field_name``."""
    name = field_name.lower()
    off: set[str] = set()
    for policy in FIELD_POLICIES:
        if fnmatchcase(name, policy.field):
            off |= policy.off
    return frozenset(off)


# ---------------------------------------------------------------------------
# Allowlist
# ---------------------------------------------------------------------------


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
        person)."""
        folded = " ".join(_fold(t) for t in texts)
        names = set(self.names)
        for full, part in self.staff_parts:
            if re.search(rf"(?<!\w){re.escape(full)}(?!\w)", folded):
                names.add(part)
        for figure in public_figures:
            names.update(public_figure_forms(figure))
        for brand in brands:
            names.update(_fold(word) for word in _TOKEN.findall(brand) if word[0].isupper())
        for topic in topics:
            names.update(_fold(word) for word in re.findall(r"[^\W\d_]{3,}", topic))
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
        phones = {p for p in (_e164(practice.phone), _e164(practice.fax or "")) if p}
        email = practice.email.strip().lower()
        domain = email.rpartition("@")[2]
        hosts = {domain} if domain else set()
        for url in (practice.booking_url, config.site_url, config.guid_base):
            if url:
                host = _split_url(url)[0]
                if host:
                    hosts.add(host)
        names = set(staff_name_forms(practice.staff))
        parts = frozenset(staff_name_parts(practice.staff))
        words = _fold(practice.name).split()  # "Thanks to Maple Grove!" is the practice
        names.update(
            " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        )
        names.add(_fold(practice.city))
        street = practice.street.split(",")[0]
        return cls(
            phones=PUBLIC_PHONES | phones,
            emails=frozenset({email}),
            email_domains=frozenset({domain}) if domain else frozenset(),
            names=frozenset(names),
            streets=frozenset({_normal_street(street)}),
            postal_codes=frozenset({practice.postal_code.strip()[:5]}),
            url_hosts=frozenset(hosts),
            staff_parts=parts,
            phrases=PUBLIC_PHRASES | {series.name for series in config.editorial.series},
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
        yield _fold(entry)
        yield _fold(entry.replace(",", " "))
        bare = _CREDENTIAL.sub("", entry).strip()
        yield _fold(bare)
        plain = _TITLE.sub("", bare).strip()
        tokens = plain.split()
        if not tokens:
            continue
        yield _fold(plain)
        for title in ("dr", "doctor"):
            yield f"{title} {_fold(tokens[-1])}"
            yield f"{title} {_fold(plain)}"


def staff_name_parts(staff: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(full name, first name or surname) pairs, folded: "Dr. Ana Patel, MD" gives
    ("ana patel", "ana") and ("ana patel", "patel")."""
    for entry in staff:
        plain = _TITLE.sub("", _CREDENTIAL.sub("", entry).strip()).strip()
        tokens = _fold(plain).split()
        if len(tokens) > 1:
            full = " ".join(tokens)
            yield full, tokens[0]
            yield full, tokens[-1]


def public_figure_forms(figure: str) -> set[str]:
    """Folded forms of a declared public figure: "Michael J. Fox" gives "michael j
    fox", "michael fox", "michael j", "michael" and "fox"."""
    tokens = _fold(_CREDENTIAL.sub("", figure)).split()
    if not tokens:
        return set()
    forms = {" ".join(tokens), tokens[0], tokens[-1], f"{tokens[0]} {tokens[-1]}"}
    if len(tokens) > 2:
        forms.add(" ".join(tokens[:2]))
    return forms


# ---------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------

#: Words after which a period does not end a sentence ("Dr. Lee", "St. Helens").
_ABBREVIATION = re.compile(
    r"(?:dr|mr|mrs|ms|mx|st|ave|apt|no|vs|etc|e\.g|i\.e|jr|sr|inc|co|mt|ft|rd|ln|ct|blvd|"
    r"a\.m|p\.m|u\.s|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|approx|dept|fig|ste|pt|"
    r"[a-z])"
)
_BOUNDARY = re.compile(r"\n|[.!?]+[\"”’')\]]*(?=\s)")


def _sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() != "\n":
            before = text[max(start, match.start() - 20) : match.start() + 1]
            word = re.search(r"([\w.]+)\.*$", before)
            prev = word.group(1).lower().rstrip(".") if word else ""
            if _ABBREVIATION.fullmatch(prev):
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@dataclass
class _Scan:
    """The state of one scan_text call (sentences, name spans), built lazily."""

    text: str
    field: str
    allow: Allowlist
    _sentence_spans: list[Span] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    _title_case: dict[int, bool] = field(default_factory=dict)
    #: Spans each regular-expression pattern found, by ``id(pattern)``.
    regex_found: dict[int, list[Span]] = field(default_factory=dict)
    #: Positions of each start class in the text (:meth:`positions`).
    _positions: dict[str, list[int]] = field(default_factory=dict)
    #: Whether the statistical model reads this text (prose); the rules always do.
    model: bool = True

    def __post_init__(self) -> None:
        self._sentence_spans = _sentences(self.text)
        self._sentence_starts = [start for start, _ in self._sentence_spans]

    def positions(self, char_class: str) -> list[int]:
        """Where the text has a character of ``char_class`` (found once per class)."""
        found = self._positions.get(char_class)
        if found is None:
            found = [m.start() for m in _class_pattern(char_class).finditer(self.text)]
            self._positions[char_class] = found
        return found

    @cached_property
    def folded(self) -> str:
        """The text as :func:`~healthnotes.gate.prefilter.fold` lowers it."""
        return fold(self.text)

    def sentence(self, position: int) -> Span:
        index = bisect_right(self._sentence_starts, position) - 1
        if index >= 0:
            start, end = self._sentence_spans[index]
            if start <= position < end:
                return start, end
        return 0, len(self.text)

    def title_case_at(self, position: int) -> bool:
        if self.field.lower() == "title":
            return True
        start, end = self.sentence(position)
        if start not in self._title_case:
            self._title_case[start] = _title_case(self.text[start:end])
        return self._title_case[start]

    @cached_property
    def model_spans(self) -> list[ner.Span]:
        """What the model proposes, sentence by sentence, in text offsets."""
        if not self.model:
            return []
        pieces = [
            (start, self.text[start:end])
            for start, end in self._sentence_spans
            if end - start <= ner.MAX_CHARS
        ]
        found = ner.people_dates_places([piece for _, piece in pieces])
        return [
            ner.Span(span.kind, start + span.start, start + span.end, span.text)
            for (start, _), spans in zip(pieces, found, strict=True)
            for span in spans
        ]

    def model_kind_at(self, start: int, end: int) -> str | None:
        """The kind of the first model span overlapping [start, end), if any."""
        for span in self.model_spans:
            if span.start < end and start < span.end:
                return span.kind
        return None

    def model_person_at(self, start: int, end: int) -> bool:
        """Does the model call any of [start, end) a person?"""
        return any(s.kind == "person" and s.start < end and start < s.end for s in self.model_spans)

    @cached_property
    def person_names(self) -> list[Span]:
        """Spans of names the name rule finds (not the allowed ones), sorted."""
        spans = []
        rule = RULES_BY_ID["name"]
        # regex patterns only: later mentions are found from these names, not the reverse
        for start, end, _ in _candidates(self, rule, regex_only=True):
            if not rule.allowed(self.text[start:end], self.allow, frozenset()):
                spans.append((start, end))
        return sorted(set(spans))

    @cached_property
    def _name_starts(self) -> list[int]:
        return [start for start, _ in self.person_names]

    def name_in(self, s_start: int, s_end: int, start: int, end: int) -> bool:
        """Is a person's name in [s_start, s_end) outside the span [start, end)?"""
        first = bisect_left(self._name_starts, s_start)
        for n_start, n_end in self.person_names[first:]:
            if n_start >= s_end:
                return False
            if n_end <= start or n_start >= end:
                return True
        return False

    def cue_near(self, cue: Cue, start: int, end: int) -> bool:
        s_start, s_end = self.sentence(start)
        if cue.before is not None:
            window = self.text[max(s_start, start - cue.reach_before) : start]
            if cue.before.search(window):
                return True
        if cue.after is not None:
            window = self.text[end : min(max(s_end, end), end + cue.reach_after)]
            if cue.after.search(window):
                return True
        if cue.names_count:
            return self.name_in(s_start, s_end, start, end)
        return False


def _candidates(
    scan: _Scan, rule: Rule, *, regex_only: bool = False
) -> Iterator[tuple[int, int, Pattern]]:
    for pattern in rule.patterns:
        if pattern.finder is not None:
            if regex_only:
                continue
            spans: Iterable[Span] = pattern.finder(scan)
        else:
            assert pattern.regex is not None
            spans = _regex_spans(scan, pattern)
        for start, end in spans:
            if start >= end:
                continue
            if pattern.needs and not any(
                all(scan.cue_near(CUES[c], start, end) for c in option) for option in pattern.needs
            ):
                continue
            if any(scan.cue_near(CUES[c], start, end) for c in pattern.unless):
                continue
            yield start, end, pattern


@lru_cache(maxsize=64)
def _class_pattern(char_class: str) -> re.Pattern[str]:
    return re.compile(char_class)


def _regex_spans(scan: _Scan, pattern: Pattern) -> list[Span]:
    """The spans ``pattern`` (a regular expression) finds in the text: found once per
    scan, as the name patterns are asked twice (for :attr:`_Scan.person_names` too)."""
    found = scan.regex_found.get(id(pattern))
    if found is not None:
        return found
    assert pattern.regex is not None
    found = []
    prefilter = pattern.prefilter
    if prefilter is None or prefilter.may_match(scan.text, scan.folded):
        starts = pattern.starts
        matches = (
            pattern.regex.finditer(scan.text)
            if starts is None
            else matches_at(pattern.regex, scan.text, scan.positions(starts))
        )
        for match in matches:
            if pattern.check is None:
                found.append(match.span(pattern.group))
            elif (span := pattern.check(scan, match)) is not None:
                found.append(span)
    scan.regex_found[id(pattern)] = found
    return found


@dataclass(frozen=True)
class _Candidate:
    priority: int
    start: int
    end: int
    rule: Rule
    label: str
    allowed: bool


def scan_text(
    text: str, allow: Allowlist, *, field: str = "body", model: bool = True
) -> list[Finding]:
    """Every identifier in ``text`` that is not public by design, in text order.

    ``field`` names where the text comes from (``body``, ``title``, ``summary``,
    ``image_alt``, ``platform:x``, ``recall_lots`` ...): :data:`FIELD_POLICIES`
    switch rules off for fields whose content is public by design, and a
    ``title`` is read as title case (capitals do not mark names there).
    """
    if not text or not text.strip():
        return []
    allow = allow.for_post([text])  # staff named in full here: their first names are staff
    scan = _Scan(text, field, allow, model=model)
    off = rules_off(field)
    candidates: list[_Candidate] = []
    for priority, rule in enumerate(RULES):
        if rule.id in off:
            continue
        for start, end, pattern in _candidates(scan, rule):
            snippet = text[start:end]
            cues = frozenset(c for c in rule.informs if scan.cue_near(CUES[c], start, end))
            allowed = rule.allowed(snippet, allow, cues)
            candidates.append(
                _Candidate(priority, start, end, rule, pattern.label or rule.label, allowed)
            )
    # Earlier rules first, then longer spans, then reportable before allowed.
    candidates.sort(key=lambda c: (c.priority, c.start - c.end, c.allowed, c.start))
    kept: list[_Candidate] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for cand in candidates:
        index = bisect_left(starts, cand.start)
        if index > 0 and kept[index - 1].end > cand.start:
            continue  # overlaps the kept span before it
        if index < len(kept) and kept[index].start < cand.end:
            continue  # overlaps the kept span after it
        kept.insert(index, cand)
        starts.insert(index, cand.start)
    public = _phrase_spans(text, allow.phrases)
    return [
        Finding(c.rule.id, c.label, c.start, c.end, text[c.start : c.end])
        for c in kept
        if not c.allowed and not any(a <= c.start and c.end <= b for a, b in public)
    ]


def _phrase_spans(text: str, phrases: frozenset[str]) -> list[Span]:
    """Where the allowlist's public phrases stand in ``text``."""
    spans: list[Span] = []
    for phrase in phrases:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"
        spans.extend(m.span() for m in re.finditer(pattern, text, re.IGNORECASE))
    return spans


# ---------------------------------------------------------------------------
# Exceptions a post acknowledges
# ---------------------------------------------------------------------------

ExceptionEntry = tuple[str, str]


@dataclass(frozen=True)
class ExceptionMatch:
    """Findings split by a post's exceptions.

    ``open`` still stop the publish; ``acknowledged`` matched an exception;
    ``unused`` exceptions matched nothing (stale: worth a warning).
    """

    open: tuple[Finding, ...]
    acknowledged: tuple[Finding, ...]
    unused: tuple[ExceptionEntry, ...]


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def find_exception_match(
    findings: Iterable[Finding], exceptions: Iterable[ExceptionEntry]
) -> ExceptionMatch:
    """Acknowledge findings whose rule and exact text (white space runs
    collapsed) match an exception ``(rule, text)``."""
    wanted = list(dict.fromkeys(exceptions))
    used: set[ExceptionEntry] = set()
    open_: list[Finding] = []
    acknowledged: list[Finding] = []
    for finding in findings:
        hit = next(
            (e for e in wanted if e[0] == finding.rule and _same_text(e[1], finding.text)), None
        )
        if hit is None:
            open_.append(finding)
        else:
            acknowledged.append(finding)
            used.add(hit)
    return ExceptionMatch(
        tuple(open_), tuple(acknowledged), tuple(e for e in wanted if e not in used)
    )


def parse_exception(value: str) -> ExceptionEntry:
    """``"phone: (541) 555-0100"`` -> ``("phone", "(541) 555-0100")``.

    Raises ValueError naming the known rules when the rule is unknown or the
    text is empty.
    """
    rule, sep, text = value.partition(":")
    rule, text = rule.strip(), text.strip()
    if not sep or rule not in RULES_BY_ID or not text:
        known = ", ".join(RULES_BY_ID)
        raise ValueError(f"expected 'rule: exact text' with a rule among {known}, got {value!r}")
    return rule, text


# ---------------------------------------------------------------------------
# Text as a reader sees it; masking any text the build prints
# ---------------------------------------------------------------------------


def scan_visible(
    text: str, allow: Allowlist, *, field: str = "body", model: bool = True
) -> list[Finding]:
    """:func:`scan_text` on ``text`` as a reader sees it
    (:func:`healthnotes.gate.normalize.normalize`: invisible characters dropped,
    overrides undone, look-alike letters and spelled-out digits read), with each
    finding's span and text those of the original."""
    seen = normalize(text)
    if seen.starts is None:
        return scan_text(text, allow, field=field, model=model)
    found = []
    for finding in scan_text(seen.text, allow, field=field, model=model):
        start, end = seen.original_span(finding.start, finding.end)
        found.append(Finding(finding.rule, finding.label, start, end, text[start:end]))
    return found


def _loose(known: str) -> re.Pattern[str] | None:
    """``known`` found again with any separators between its words, in any case
    ("Maria Gonzalez" in "maria-gonzalez-541.md")."""
    words = re.findall(r"[^\W_]+", visible(known))
    if not words:
        return None
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)) + r"(?![^\W_])", re.I)


def mask_identifiers(text: str, allow: Allowlist, *, known: Iterable[str] = ()) -> str:
    """``text`` with every identifier :func:`scan_visible` finds masked the way
    :meth:`Finding.masked` masks it (and every text of ``known``, identifiers found
    elsewhere, wherever it stands): safe for a terminal, a log or a report."""
    if not text:
        return text
    spans = [(f.start, f.end) for f in scan_visible(text, allow)]
    seen = normalize(text)
    for entry in known:
        pattern = _loose(entry)
        if pattern is None:
            continue
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
        spans.extend(seen.original_span(*m.span()) for m in pattern.finditer(seen.text))
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    at = 0
    for start, end in merged:
        out.append(text[at:start])
        out.append(Finding("", "", start, end, text[start:end]).masked())
        at = end
    out.append(text[at:])
    return "".join(out)
