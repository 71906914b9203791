"""The rule table: one :class:`Rule` per class of identifier, its patterns and cues."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

import phonenumbers
import usaddress

from healthnotes.cache.patterns import store_for
from healthnotes.gate.normalize import INVISIBLE
from healthnotes.gate.prefilter import (
    Prefilter,
    keep_in,
    literal_prefilter,
    start_class,
)
from healthnotes.gate.privacy.public import (
    PERSONAL_PATH,
    PERSONAL_QUERY_KEYS,
    PERSONAL_SITE_SUFFIXES,
    PUBLIC_SUFFIXES,
    SOCIAL_HOSTS,
    TOLL_FREE_AREA_CODES,
)
from healthnotes.gate.privacy.words import (
    COMMON_ZIPF,
    CONDITION_NAMES,
    DRUG_NAMES,
    LOWER_FIRST_ZIPF,
    NOT_NAMES,
    OPENING_WORD_ZIPF,
    OWN_WORD_ZIPF,
    PRODUCT_MODIFIERS,
    PRODUCT_NOUNS,
    RARE_ZIPF,
    VERY_RARE_ZIPF,
    WORLD_NAME_ZIPF,
    bare_word,
    census_surnames,
    common_word,
    compound_common,
    derived_common,
    english_zipf,
    first_names,
    fold_name,
    germ_names,
    international,
    name_like,
    sentence_language,
    town_from_a_name,
    word_of_language,
    world_first_names,
    world_name,
    zipf_large,
    zipf_small,
    zipf_spanish,
)

if TYPE_CHECKING:
    from healthnotes.gate.privacy.allowlist import Allowlist
    from healthnotes.gate.privacy.scan import Scan

#: The module's patterns as the last import compiled them (:mod:`healthnotes.cache.
#: patterns`): compiling them anew cost each process about 0.3 s.
_PATTERNS = store_for(__file__)
_regex = _PATTERNS.compile

_EPONYM_AFTER = _regex(
    r"^['’]s?\s+(?:disease|syndrome|palsy|sign|test|reflex|law|lymphoma|sarcoma|ulcer|"
    r"phenomenon|maneuver|manoeuvre|tendon|ataxia|chorea|dementia|thyroiditis|score|"
    r"scale|criteria|classification|procedure|operation|method|technique|lot|lots|recall)\b",
    re.IGNORECASE,
)
_CLINICIAN_BEFORE = _regex(r"\b(?:Dr|Doctor|Nurse|nurse|Prof|Professor)\.?\s+$")

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
    #: Only ``before`` and ``after`` together are the cue (not either alone).
    both: bool = False


def _near(
    name: str, pattern: str, *, reach: int = 80, flags: int = re.IGNORECASE, names: bool = False
) -> Cue:
    regex = _regex(pattern, flags)
    return Cue(name, regex, regex, reach, reach, names)


# Singular person words; "your child" is the reader's, in general advice, so it does not count.
_PERSON_WORDS = (
    r"\bI\b|(?<!\byour )(?i:\b(?:me|my|he|she|him|her|his|patient|pt|man|woman|boy|girl|"
    r"child|kid|baby|twins|newborn|infant|toddler|teen(?:ager)?|son|daughter|mother|father|mom|dad|husband|wife|partner|"
    r"grand(?:mother|father|ma|pa|son|daughter|child)|sister|brother|aunt|uncle|niece|nephew|"
    r"cousin|neighbou?r|gentleman|lady|resident|client|caller|reviewer|mr|mrs|ms|intake)\b"
    r"(?!['’]s\s+Day\b)|"  # "Father's Day" is a holiday, no one's father
    r"paciente|se[nñ]ora?|\b(?:su|sus|ella|él)\b|\b\d{1,3}[- ]year[- ]old\b|"
    # ... in Russian and Ukrainian, and the words and titles of Chinese, Japanese and
    # Korean that stand for or after a person (she, he, Ms, Mr, patient, -sama, -san, -nim)
    r"\b(?:пациент|пацієнт)\w*|女士|先生|她|他|患者|様|さん|님|씨|환자)"
)

_CUE_LIST: tuple[Cue, ...] = (
    # a dotted number right after "version", "firmware", "build" ... is a version, not an IP
    Cue(
        "version",
        _regex(
            r"\b(?:version|firmware|software|release|build|ver\.?|(?:update|upgrade)d?\s+to)"
            r"(?:\s+is)?\s*:?\s*$",
            re.IGNORECASE,
        ),
        None,
        30,
        0,
    ),
    # fax: the word "fax" with no digits between it and the number, or "(fax)" right after
    Cue(
        "fax",
        _regex(r"\bfax(?:ed|es|ing)?\b[^\d\n]{0,45}$|(?-i:\bF)\s*:\s*$", re.IGNORECASE),
        _regex(r"^\s*[(\[]?\s*fax\b", re.IGNORECASE),
        60,
        12,
    ),
    Cue(
        "ssn",
        _regex(
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
        _regex(r"\b(?:last\s+(?:four|4)|end(?:s|ing)\s+(?:in|with))\b", re.IGNORECASE),
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
        r"fecha\s+de\s+nacimiento|dado\s+de\s+alta|dada\s+de\s+alta|atendi(?:mos|[oó])|"
        r"atendid[oa]|vimos|vino|lleg[oó]|citad[oa]|operamos|internad[oa]|hospitalizad[oa]|"
        r"in\s+memoriam|in\s+(?:loving\s+)?memory\s+of|obituary|celebration\s+of\s+life|"
        r"funeral|memorial\s+service)\b|"
        r"\bD\.O\.B\b|\bb\.\s*(?=\d)|\b(?:visit|appointment|appt|encounter|admit|procedure)\s*:",
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
        r"surgery|procedure|shot|vaccine|cita|consulta|visita|chemo|chemotherapy|radiation|"
        r"infusion|dialysis|MRI|CT|scan|biopsy|follow-?up|appt|labs|x-?ray|ultrasound|"
        r"mammogram|colonoscopy|stitches|lab|results?|bloodwork|arrived|arrival|"
        r"appointments|visits|shots|vaccines|scheduled|rescheduled|booked|paid|payment|"
        r"billed|balance|quit|quitting|sober|citas?)\b",
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
        _regex(
            r"(?i:\b(?:lots?|batch(?:es)?|UPC|NDC|SKU|codes?)\b)"
            r"(?:[\s#:,]|\band\b|\bor\b|[A-Z0-9-])*$"
        ),
        None,
        80,
        0,
    ),
    # a home network's device just before a private address: "restart the router at
    # 192.168.1.1" is its factory default, whoever reads the how-to
    Cue(
        "device",
        _regex(
            r"\b(?i:router|modem|gateway|wi-?fi|access[ \t]+point|admin[ \t]+page)\b"
            r"[^.!?\n]{0,30}$"
        ),
        None,
        50,
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
        _regex(
            r"\bour\s+(?:nurse|doctor|physician|NP|PA|MA|receptionist|medical\s+assistant|"
            r"front[- ]desk|team|staff|provider|practitioner)(?:\s+\w+)?\s*,?\s*$|"
            r"\bour\s+(?:team|staff)\b[^.!?\n]{0,40}$|\bask\s+for\s+$|"
            r"\bstaff\s+spotlight\s*:\s*$",
            re.IGNORECASE,
        ),
        _regex(
            r"^\s*,?\s*(?:(?:from|of|on|at)\s+our\s+(?:team|staff|office|clinic|practice|"
            r"front\s+desk)|(?:at|from|on)\s+the\s+front\s+desk|"
            r"our\s+(?:nurse|doctor|physician|receptionist|medical|front)|"
            r"(?:RN|NP|MD|DO|PA|MA|FNP|PA-C)\b|has\s+been\s+with\s+us\b|"
            r"(?:has\s+)?joined\s+(?:us|our\s+(?:team|staff|practice|office))\b|"
            # a name marked as staff in a pasted thread: "Sam (staff): No, it can't ..."
            r"\(\s*(?:staff|our\s+(?:nurse|doctor|team|staff|front\s+desk))\s*\))",
            re.IGNORECASE,
        ),
        40,
        40,
    ),
    # a staff member's column or note: "Ask Sam: ...", "A reminder from Priya: ..." (a
    # byline opening the sentence, then a colon)
    Cue(
        "staff_byline",
        _regex(
            r"(?:^|[.!?\n][ \t]*)(?:ask|(?:an?[ \t]+)?(?:[a-z-]+[ \t]+){0,2}(?:from|by))[ \t]+$",
            re.IGNORECASE,
        ),
        _regex(r"^[ \t]*:"),
        40,
        5,
        both=True,
    ),
    # a staff member signing a note or addressed by it: "... Thx, Jordan", "... (a dash) Marcus"
    # at its end, "Sam — Mr. Ali in room 3 is asking for you"
    Cue(
        "staff_signature",
        _regex(
            r"(?:[–—]|(?:^|[ \t])-|\b(?i:thx|thanks|thank[ \t]+you|cheers|ty|regards|best))"
            r"[ \t]*,?[ \t]*$|^[ \t]*$",
        ),
        _regex(r"^[ \t]*\.?[ \t]*(?:$|\n)|^[ \t]*[—–][ \t]"),
        20,
        5,
        both=True,
    ),
    # a local 7-digit or otherwise unvalidated number said to be a phone number
    _near(
        "phone_word",
        r"\b(?:phone|cell|mobile|number|call(?:back|ed|ing)?|text(?:ed)?|reach(?:ed)?|dial|"
        r"landline|tel|contact|voicemail|teléfono|telefone|téléphone|telefon|numerem|número|"
        r"numéro|điện\s+thoại|liên\s+lạc|ligue|llame|appelez|ph|Rückruf)\b",
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
Check = Callable[["Scan", re.Match[str]], Span | None]


@dataclass(frozen=True)
class Pattern:
    """One way a rule finds candidates.

    Exactly one of ``regex`` (the reported span is ``group``) or ``finder``
    (yields spans) is set. ``needs`` lists alternatives: the candidate counts
    when every cue of at least one alternative is near it (empty: no cue
    needed). ``unless`` cues cancel it. ``check`` validates or narrows.
    """

    regex: re.Pattern[str] | None = None
    finder: Callable[[Scan], Iterable[Span]] | None = None
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
    #: A warning, not a finding: a public figure quoted (:func:`public_attribution`).
    warning: bool = False

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


def _phones(scan: Scan) -> tuple[Span, ...]:
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
_LOOSE_PHONE = _regex(r"(?<![\d-])(?:(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}(?![\d-])")


#: Ten digits written as a North American number, the area code set off ("555-867-5309",
#: "(555) 867-5309", "555.867.5309"): a phone number with no phone word near, valid or
#: not (red-teamed: "Her daughter: 555-867-5309." went out; 555 and unassigned area
#: codes, and area codes newer than libphonenumber's data, are not valid to it).
_NANP_PHONE = _regex(r"(?<![\d-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ ]?|\d{3}[.-])\d{3}[.-]\d{4}(?![\d-])")


def as_e164(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    e164 = as_e164(text)
    if e164 is None:
        return _digits(text) in allow.phones
    if e164 in allow.phones:
        return True
    return allow.allow_toll_free and e164.startswith("+1") and e164[2:5] in TOLL_FREE_AREA_CODES


def _ssn_shape(scan: Scan, match: re.Match[str]) -> Span | None:
    """Dashed 3-2-4 numbers that can be an SSN (not 000/666/9xx, 00 or 0000 groups)."""
    area, group, serial = match.group("a"), match.group("g"), match.group("s")
    if area in ("000", "666") or area.startswith("9") or group == "00" or serial == "0000":
        return None
    return match.span()


_EMAIL_DOMAIN = _regex(r"@([\w.-]+)$")
_OBFUSCATED_AT = _regex(r"\s*[\[(]\s*at\s*[\])]\s*|\s+at\s+", re.IGNORECASE)
_OBFUSCATED_DOT = _regex(r"\s*[\[(]\s*dot\s*[\])]\s*|\s+dot\s+", re.IGNORECASE)


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


def split_url(text: str) -> tuple[str, str, str]:
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
    host, path, query = split_url(text)
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
    if PERSONAL_PATH.search(path):
        return False
    if any(key.lower() in PERSONAL_QUERY_KEYS for key, _ in parse_qsl(query)):
        return False
    if {"personal_site", "person"} <= cues:
        return False
    return not allow.strict_urls


_URL_TRAILING = ".,;:!?'\"”’)]}>*"


def _url_span(scan: Scan, match: re.Match[str]) -> Span | None:
    start, end = match.span()
    while end > start and scan.text[end - 1] in _URL_TRAILING:
        end -= 1
    if end - start < 4 or "." not in scan.text[start:end]:
        return None
    return start, end


def _ip_span(scan: Scan, match: re.Match[str]) -> Span | None:
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
    # a router's factory default in a how-to (192.168.0.1, 10.0.0.1) is tied to nobody,
    # even in a how-to for patients ("if the patient portal won't load, restart the router
    # at 192.168.1.1")
    return (
        address.version == 4 and address.is_private and ("person" not in cues or "device" in cues)
    )


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
#: A decade of life over 89: "90s", "'90s", "late nineties", "110s".
_DECADE_OVER_89 = r"(?:(?i:early|mid|late)[- ]?)?(?:['’]?(?:90|1\d0)['’]?s|(?i:nineties))"
_AGE_WORDS = r"(?:ninety|one[- ]hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
#: An age in digits or words, in the group ``age``: "97", "ninety-one".
_AGE = rf"(?P<age>\d{{2,3}}|{_AGE_WORDS})"
#: Units and times after a number that make it no age ("she is 95 percent better").
_NOT_AN_AGE_AFTER = (
    r"(?![ \t]*(?:%|percent|mg|pounds|lbs|kg|minutes|miles|degrees|°|feet|inches|"
    r"years?[ \t]+ago|times|days|weeks|months|steps|points|beats))"
)
#: Things an age is told of that are no person, heading their phrase ("the 90-year-old
#: building on Main Street"; not "a 92-year-old bridge player").
_NOT_A_PERSON_AFTER = (
    r"(?![ \t]+(?:building|barn|house|tree|oak|tradition|recipe|quilt|clock)s?"
    r"(?:[ \t]*(?:[.,;:!?)]|$)|[ \t]+(?:on|in|at|of|is|was|has|that|which|with|and|still)\b))"
)
_AGGREGATE_AFTER = _regex(
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


def _over_89(said: str) -> bool:
    """Is ``said`` ("97", "ninety-one") an age from 90 to 125?"""
    age = _age_value(said)
    return age is not None and 90 <= age <= 125


def _age_group(match: re.Match[str]) -> str:
    """The group of ``match`` that holds its age, of a pattern whose branches name it
    ``age``, ``age2`` or ``age3``."""
    return next(g for g in ("age", "age2", "age3") if match.groupdict().get(g))


def _age_over_89(scan: Scan, match: re.Match[str]) -> Span | None:
    """Ages 90 and up; "90 or older", "90+" and "90 and over" are the allowed aggregate."""
    if not _over_89(match.group("age")):
        return None
    if _AGGREGATE_AFTER.search(scan.text[match.end() : match.end() + 20]):
        return None
    return match.span()


def _candles(scan: Scan, match: re.Match[str]) -> Span | None:
    """The age of a birthday's candles, over 89."""
    group = _age_group(match)
    return match.span(group) if _over_89(match.group(group)) else None


def _the_age(scan: Scan, match: re.Match[str]) -> Span | None:
    """:func:`_age_over_89`, reporting only the age itself."""
    return match.span("age") if _age_over_89(scan, match) is not None else None


def _record_id(scan: Scan, match: re.Match[str]) -> Span | None:
    """An identifier token: at least 3 digits, and not a bare year."""
    token = match.group("id")
    digits = _digits(token)
    if len(digits) < 3 or re.fullmatch(r"(?:19|20)\d\d", token):
        return None
    return match.span("id")


def _zip_span(scan: Scan, match: re.Match[str]) -> Span | None:
    return match.span("zip")


def normal_street(text: str) -> str:
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
    street = normal_street(text)
    return any(street.startswith(part) for part in allow.streets)


def _zip_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    return text[:5] in allow.postal_codes


_HONORIFIC_PREFIX = _regex(r"^(?:mr|mrs|ms|miss|mx) ")


def allowed_form(name: str) -> str:
    """A name found, as allowlists hold names: folded, without a possessive ending."""
    folded = fold_name(name)
    for ending in (" 's", "'s", "'"):
        folded = folded.removesuffix(ending)
    return folded


def _name_allowed(text: str, allow: Allowlist, cues: frozenset[str]) -> bool:
    folded = allowed_form(text)
    if folded in allow.names:
        return True
    return bool(cues & {"staff", "staff_byline", "staff_signature"}) and any(
        folded == part for _, part in allow.staff_parts
    )


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


#: A cell or a line that opens with a US state: what stands before it is a town.
STATE_OPENING = _regex(rf"(?:{_US_STATES_RE})\b(?!\.\w)|(?i:{_STATE_NAMES_RE})\b")


def _letter_class(test: Callable[[str], bool]) -> str:
    """Latin letters (Latin-1, Extended-A/B, Extended Additional: "Phạm Thảo") that pass
    ``test``, as ranges for a regular-expression class."""
    chars = [chr(c) for c in range(0xC0, 0x250)] + [chr(c) for c in range(0x1E00, 0x1F00)]
    chosen = [ch for ch in chars if test(ch) and ch not in "×÷"]
    ranges: list[str] = []
    for ch in chosen:
        if ranges and ord(ch) == ord(ranges[-1][-1]) + 1:
            ranges[-1] = ranges[-1][0] + ch
        else:
            ranges.append(ch)
    return "".join(r if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in ranges)


_UP = "A-Z" + _letter_class(str.isupper)
_LOW = "a-z" + _letter_class(str.islower)
_CAP = (
    rf"(?:O['’])?[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:[-'’][{_UP}][{_LOW}]+){{0,2}}"
    rf"(?:['’](?!s\b)[{_LOW}]{{2,}})?"  # "Sa'idu", not "Maria's"
)
_NAME = rf"(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|[A-Z]\.))?)"
NAME_TOKEN = _regex(rf"{_CAP}|[A-Z]\.")


def title_case(sentence: str) -> bool:
    words = re.findall(rf"[{_UP}{_LOW}]{{4,}}", sentence)
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


def _not_a_name(word: str) -> bool:
    folded = fold_name(word)
    return folded in NOT_NAMES


#: Titles written right after a name in Chinese, Japanese and Korean (Ms, Mr, Mrs, Miss,
#: -sama, -san, -kun, -chan, -nim, -ssi).
_EAST_ASIAN_TITLE = (
    r"(?:女士|先生|太太|小姐|様|さま|さん|くん|ちゃん|님|씨"
    # ... and the family words that follow a name the same way ("Moreau奶奶": Grandma Moreau)
    r"|奶奶|爷爷|爺爺|阿姨|叔叔|阿公|阿嬷|外婆|外公|姥姥|姥爷|할머니|할아버지)"
)
#: Words for "patient" that a name follows in Chinese, Japanese and Korean ("患者Spencer
#: Jackson问": "the patient Spencer Jackson asks").
_EAST_ASIAN_PATIENT = r"(?:(?<=患者)|(?<=病人)|(?<=病患)|(?<=환자))"
#: Small words inside a name ("Joaquim da Luz", "Ludwig van Berg").
_PARTICLE = r"da|de|del|della|dos|das|do|van|von|der|bin|ibn|al|el|la|le"
#: A name in Latin letters beside Chinese, Japanese or Korean words: up to three
#: capitalised words, a particle allowed between ("Joaquim da Luz女士").
_EAST_ASIAN_NAME = rf"{_CAP}(?:[ \t]+(?:(?:{_PARTICLE})[ \t]+)?{_CAP}){{0,2}}"


def _name_check(strength: str) -> Check:
    """Validate a name candidate.

    ``strength`` is how much the context already says "this is a person":
    ``any`` (an honorific: any capitalised word that is not a common word),
    ``full`` (a patient or relative noun before it: a listed first name, or
    two capitalised words outside title-case text), ``list`` (weaker cues: the
    first word must be a listed first name).
    """

    def check(scan: Scan, match: re.Match[str]) -> Span | None:
        start, end = match.span("name")
        text = scan.text
        if _EPONYM_AFTER.match(text[end : end + 40]):
            return None
        tokens = list(NAME_TOKEN.finditer(text, start, end))
        if not tokens:
            return None
        names = first_names()
        if (
            strength != "any"
            and len(tokens) == 2
            and fold_name(tokens[1].group()) in names
            and fold_name(tokens[0].group()) not in names
        ):
            tokens = tokens[1:]  # "When Brianna was ...", "Email Rob at ...": the name is second
        first = tokens[0].group()
        if _HONORIFIC_WORD.match(first):
            return None  # "Mr. Mr. Mr.": an honorific is nobody's name
        if _not_a_name(first) and (strength != "any" or text.startswith("Miss", match.start())):
            return None  # after Mr., Mrs., Ms. an eponym is a surname: "Mrs. Parkinson"
            # ("Miss" is also a verb: "Don't Miss Tylenol Coupons")
        bare = bare_word(first)
        if (
            strength != "any"
            and len(tokens) == 1
            and _medical_word(bare)
            and bare not in world_first_names()  # "Allegra", "Ella": drugs and first names
        ):
            return None  # "Metformin works by ...", "Norovirus comes back": no person
        if len(tokens) > 1 and _not_a_name(tokens[1].group()):
            tokens = tokens[:1]
        start, end = tokens[0].start(), tokens[-1].end()
        if strength != "any" and _CLINICIAN_BEFORE.search(text[max(0, start - 12) : start]):
            return None  # "Dr. Maria Lopez said": a clinician, not a patient
        if strength != "any" and _company(text, start, end):
            return None  # "Thanks to Kensy KG": a company
        person = scan.model_person_at(start, end)
        listed = person or (
            name_like(tokens[0].group())
            # a sentence's first word English knows: "Telehealth visits save ..." (a
            # partner that is a name vouches for it: "Toki and Leonard met ..."); a
            # capital inside a sentence is evidence of a name
            and not (
                len(tokens) == 1
                and "other" not in match.re.groupindex
                and _known_english(tokens[0].group())
                and _opens_sentence(scan, start)
            )
        )
        level = strength
        if level in ("full", "list") and scan.title_case_at(start):
            level = "list"  # capitals say nothing in a title: a listed first name or the model
            listed = (
                bare_word(tokens[0].group()) in names
                or any(_name_in_a_title(t.group()) for t in tokens if t.group()[-1] != ".")
                or scan.model_person_at(start, end)
            )
        if level == "list" and not listed:
            return None
        if level in ("full", "cued") and not listed and len(tokens) < 2:
            return None
        whole = match.span()
        return (whole[0] if strength == "any" else start), end

    return check


_HONORIFIC = r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+"
#: Titles of address that stand before a person's surname as "Mr." does ("Pastor Best",
#: "Rabbi Klein", "Coach Davis"): any capitalised word after one is a name.
ADDRESS_TITLES: tuple[str, ...] = (
    "Pastor", "Pastora", "Reverend", "Rev", "Rabbi", "Imam", "Deacon", "Father", "Fr",
    "Coach", "Officer", "Sheriff", "Sergeant", "Sgt", "Captain", "Capt", "Chaplain",
)  # fmt: skip
_ADDRESS_TITLE = r"\b(?:" + "|".join(re.escape(t) for t in ADDRESS_TITLES) + r")\.?[ \t]+"
#: How other languages say Mr and Mrs before a name: "pani Hietala", "doña Inés", "Frau
#: Engel", "Madame Roux", "bà Lan".
FOREIGN_TITLES: tuple[str, ...] = (
    "Frau", "Herr", "Madame", "Mme", "Monsieur", "Mademoiselle", "Mlle", "Señora", "Señor",
    "Señorita", "Sra", "Srta", "doña", "Doña", "Dona", "Senhora", "Senhor", "Signora",
    "Signor", "Signorina", "Sig", "pani", "Pani", "Panna", "Mevrouw", "Meneer", "Mevr",
    "Dhr", "bà", "Bà", "ông", "Ông", "chị", "Chị", "cô", "Cô",
)  # fmt: skip
_FOREIGN_TITLE = r"(?<![\w'’])(?:" + "|".join(re.escape(t) for t in FOREIGN_TITLES) + r")\.?[ \t]+"
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
    # ... and in the languages patients write in ("Lola Isabel", "Mama James")
    r"Mama|Baba|Tita|Tito|Lola|Lolo|Abuel[ao]|T[ií][ao]|"
    r"(?:\d{1,3}|[A-Za-z]+(?:-[A-Za-z]+)?)[- ](?:year|month|week)s?[- ]old,?)[ \t]+"
)
_SHOUTOUT = (
    r"\b(?i:meet|introducing|congratulations\s+to|congrats\s+to|shout[- ]?out\s+to|"
    r"thanks\s+to|thank\s+you\s+to|kudos\s+to|happy\s+birthday(?:\s+to)?|welcome\s+back|"
    r"get\s+well\s+soon|prayers\s+for|praying\s+for|in\s+memory\s+of|remembering|"
    r"gracias\s+a|felicidades\s+a)[ \t,]+"
)
_MET = (
    r"\b(?i:met|saw|see|seeing|treated|examined|visited|helped|thanked|welcomed|hugged|"
    r"congratulated|contact|call|email|text|reach|ask\s+for|tell|remind|thank|update)[ \t]+"
)
_ROLE_AFTER = (
    r"(?=[ \t]*\((?i:patient|daughter|son|wife|husband|mother|father|mom|dad|caregiver|"
    r"guardian|parent|sister|brother|grand(?:mother|father|daughter|son)|partner)\))"
)
_VOCATIVE_AFTER = (
    r"(?=,[ \t]+(?i:we|you|thank|thanks|i|please|sorry|so|congrats|welcome|great|glad|"
    r"it['’]s|we['’]re|we['’]ll|we['’]ve|you['’]re|you['’]ll|you['’]ve)\b)"
)
#: Thanks in the other languages patients write in (Russian, Ukrainian, Spanish, French,
#: Portuguese, German, Somali, Tagalog, Amharic, Vietnamese).
_THANKS_ELSEWHERE = (
    r"спасибо|спасибі|дякуємо|дякую|gracias|merci|obrigad[oa]|danke|mahadsanid|"
    r"maraming\s+salamat|salamat|እናመሰግናለን|አመሰግናለሁ|c[ảá]m\s+ơn"
)
#: Words a note opens with to greet, thank or cheer the person it names.
_GREETING_WORDS = (
    r"dear|hi|hello|hey|hola|querid[oa]|thanks|"
    r"thank\s+you|congrats|congratulations|welcome(?:\s+back)?|get\s+well(?:\s+soon)?|"
    # ... and thanks in the other languages patients write in
    rf"{_THANKS_ELSEWHERE}"
)
_GREETING = rf"(?:^|(?<=[\n.!?;:\"“(]))[ \t]*(?i:{_GREETING_WORDS})\s*,?[ \t]+"
_VERBS = (
    r"told|tells|said|says|asked|asks|shared|shares|wrote|writes|emailed|texted|called|"
    r"messaged|came|comes|visited|visits|was\s+seen|was\s+diagnosed|was\s+admitted|"
    r"was\s+discharged|was\s+treated|is\s+recovering|recovered|has\s+been|had|has|got|gets|"
    r"felt|feels|noticed|brought|started|stopped|quit|lost|gained|finished|ran|walked|uses|"
    r"used|takes|took|agreed|gave|left|posted|thanked|credits|learned|tried|needed|wanted|"
    r"wants|loves|lives|lived|works|worked|fell|broke|went|goes|misses|missed|drives|drove|"
    r"walks|plays|played|runs|swims|weighs|weighed|waited|passed\s+away|died|rang|adopted|"
    r"mailed|wonders|wondered|refuses|moved|is\s+back|and\s+(?:his|her|their)|"
    r"mentioned|mentions|reported|reports|heard|hears|showing|showed|signed|turned|celebrated|"
    r"celebrates|remembers|remembered|forgot|hopes|hoped|thinks|thought|knows|knew|"
    r"(?:has|had|did|does|is|was|can|could|would|will)n['’]t|(?:has|had|did|does)\s+not|"
    # Spanish: "nos contó", "dijo", "llamó", "vino"
    r"nos\s+cont[oó]|nos\s+dijo|dijo|cont[oó]|llam[oó]|escribi[oó]|pregunt[oó]|vino|"
    r"lleg[oó]|est[aá]|tiene|ten[ií]a|quiere|necesita"
)
_ADVERB = r"(?:(?:also|then|later|finally|just|first|now|still|recently|never)[ \t]+)?"
_POSSESSED = (
    r"son|daughter|husband|wife|partner|mom|dad|mother|father|family|kids|children|baby|"
    r"story|blood|sugar|doctor|surgery|recovery|diagnosis|test|results|cancer|heart|knee|"
    r"hip|back|arm|leg|health|care|medicine|medicines|pills|insulin|inhaler|visit|birthday|"
    r"twins|babies|newborn|grandkids|grandson|granddaughter|grandchildren|brother|sister|"
    r"appointment|labs?|scan|MRI|x-?ray|shots?|vaccines?|fever|rash|pain|asthma|diabetes|"
    r"pressure|weight|cough|symptoms|condition|treatment|therapy|rehab|pregnancy|delivery|"
    r"labor|home|house|room|bed|stroke|fall|injury|accident|fundraiser|page|blog|journey|"
    r"records|chart|portal|call|question|upload|photo|picture|post|comment|review|email|"
    r"message|file|form|card|note|letter|radiation|chemo|chemotherapy|dialysis|infusion|"
    r"diary|log|meds|medication|prescription|refill|walker|wheelchair|cast|stitches|"
    r"checkup|check-up|physical|biopsy|transplant|caregiver|nurse|team"
)

_HONORIFIC_WORD = _regex(r"^(?:Mr|Mrs|Ms|Miss|Mx)\.?$")


def _pair_check(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "Ruth and Harold Becker": a listed first name whose partner is a listed first name too."""
    other, first = match.group("other"), match.group("name").split()[0]
    if not name_like(other) or _not_a_person_word(other) or _not_a_person_word(first):
        return None  # "Brilinta and Plavix": two drugs
    return _name_check("list")(scan, match)


_CAP_AFTER = _regex(rf"[ \t]+[{_UP}]")


def _name_then_initial(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "John D.": a listed first name, then an initial; not a common word before an
    initial and a surname ("Reader F. Wojtczuk": the name is "F. Wojtczuk")."""
    if common_word(match.group("name").split()[0]) and _CAP_AFTER.match(
        scan.text, match.end("name")
    ):
        return None
    return _name_check("list")(scan, match)


#: A surname that is also an English word counts after an initial only below this
#: frequency ("K. Miller", "T. Wells"; not "B. Call", "A. See").
SURNAME_WORD_ZIPF = 5.5
#: A common word after an initial that is followed by one of these is a verb: "types A
#: and B. Wash your hands", "B. Rest it daily".
_VERB_OBJECT_AFTER = _regex(
    r"[ \t]+(?:your|yours|the|a|an|my|our|their|his|its|it|them|this|that|these|those|"
    r"up|out|down|off|well|often|daily|every|any|all|some|more|less|at[ \t]+home)\b"
)
#: A letter on its own just before: the initial ends a list ("A, C and E.", "A or B.").
_LETTER_LIST_BEFORE = _regex(r"(?<![\w.'’-])[A-Z](?:[ \t]*,|[ \t]+(?:and|or|&))?$")
#: What may stand right before an initial that opens a name: the start of a line or a
#: quote, a dash, a bracket or a clause's punctuation.
_OPENS_BEFORE = frozenset("\n\"“‘'([—–-:,;.!?")


def _initial_and_surname(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "from B. Hart", "-- K. Miller, Google review", "Thanks to J. Smith": an initial,
    then a surname (a rare word, or a US Census surname that is not a very common word
    nor a verb with its object). Before the initial: nothing, punctuation or a function
    word, never a capitalised word ("Plan B. Call", "Group A. Strep", "Dr. J. Smith")
    nor a term ("vitamin D. Wells ...")."""
    text = scan.text
    start, end = match.span("name")
    surname = match.group("surname")
    folded = bare_word(surname)
    if _not_a_person_word(surname) or folded in NOT_NAMES:
        return None
    if common_word(surname) and (
        folded not in census_surnames()
        or zipf_small(folded) >= SURNAME_WORD_ZIPF
        or _VERB_OBJECT_AFTER.match(text, end)
    ):
        return None
    before = text[max(0, start - 30) : start].rstrip(" \t")
    if _LETTER_LIST_BEFORE.search(before):
        return None  # a list of letters: "vitamins A, C and E. Young children ..."
    if before and before[-1] not in _OPENS_BEFORE:
        word = _LOWER_WORD_BEFORE.search(before + " ")
        if word is None or (
            zipf_small(word.group(1)) < INITIAL_AFTER_ZIPF
            and word.group(1).lower() not in _REPORTING_WORDS
        ):
            return None
    return None if _vetoed(scan, start, end) else (start, end)


#: Verbs that report what someone said, before the person ("says L. Price, who ...").
_REPORTING_WORDS = frozenset(
    {"says", "said", "writes", "wrote", "asks", "asked", "adds", "added", "explains",
     "explained", "notes", "noted", "recalls", "recalled", "shares", "shared"}
)  # fmt: skip


def _patient_described(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "Ana Mitt is a new patient", "Kofi, a longtime patient, ...": a first name, or two
    name-like words; not a pharmacy or a product ("Walgreens, a patient favorite")."""
    span = _name_check("full")(scan, match)
    if span is None:
        return None
    words = [t.group() for t in NAME_TOKEN.finditer(scan.text, *span) if t.group()[-1] != "."]
    if len(words) == 1 and not (
        bare_word(words[0]) in first_names() or world_name(words[0], COMMON_ZIPF)
    ):
        return None
    return None if _vetoed(scan, *span) else span


def _name_mentions(scan: Scan) -> Iterator[Span]:
    """Every other mention of a name found in the text: once "her 6-month-old,
    Ava," is found, "Ava is fine now" is too (the surname after an honorific)."""
    words: set[str] = set()
    for start, end in scan.person_names:
        for token in NAME_TOKEN.findall(scan.text, start, end):
            if (
                not token.endswith(".")
                and not _HONORIFIC_WORD.match(token)
                and not _not_a_name(token)
                and fold_name(token) not in scan.allow.names
            ):
                words.add(token)
    for word in sorted(words):
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", scan.text):
            yield match.span()


_WORD = _regex(r"[^\W\d_][\w'’.-]*")
#: Stems of generic drug names (WHO INN stems): "metformin", "lisinopril" are not people.
_DRUG_STEM = _regex(
    r"(?:formin|pril|sartan|statin|olol|azole|mab|vir|cillin|mycin|dipine|prazole|tidine|"
    r"oxacin|cycline|gliptin|gliflozin|glutide|tide|parin|xaban|semide|thiazide|dronate|"
    r"lukast|tadine|afil|triptan|setron|codone|morphone|azepam|zolam|barbital|caine|"
    r"profen|proxen|coxib|sone|olone|terol|tropium|fen|pine|done|amide|nazole|conazole)$"
)
_CAMEL_OK = _regex(r"^(?:Mc|Mac|De|Di|Da|Le|La|Van|Von|Du|O['’])")
_PLACE_AFTER = _regex(rf"^,?[ \t]*(?:{_US_STATES_RE}|{_STATE_NAMES_RE})\b")
#: A place's facility or its people after a capitalised word ("our Thurston clinic",
#: "for Zossen seniors", "the Gateway library"): the word is the place's name.
_FACILITY_AFTER = _regex(
    r"^[ \t]+(?:clinic|office|location|branch|campus|pharmacy|partner[ \t]+pharmacy|library|"
    r"hospital|seniors|residents|senior[ \t]+center|community[ \t]+center|food[ \t]+bank|"
    r"farmers[ \t]+market|elementary|middle[ \t]+school|high[ \t]+school|fire[ \t]+station|"
    r"YMCA)\b",
    re.IGNORECASE,
)
_FACILITY_BEFORE = _regex(r"\b(?i:our|the|for|at|in|near|to)[ \t]+$")
#: A storm named like a person: "Tropical Storm Debby", "Hurricane Helene".
_STORM_BEFORE = _regex(r"\b(?:Hurricane|Tropical[ \t]+Storm|Typhoon|Cyclone)[ \t]+$")
#: The first word of a town's name before the candidate ("of New Mandy", "South Ellie",
#: "Santa Maria"): the candidate is the rest of the town's name.
_TOWN_PREFIX_BEFORE = _regex(
    r"(?<![\w.])(?:New|North|South|East|West|Port|Lake|Mount|Fort|San|Santa|Saint)[ \t]+$"
)
#: An institution named after a person, its field between ("the Joslin Diabetes Center",
#: "Dana-Farber Cancer Institute", "Shriners Children's Hospital"): a public name. Only a
#: field's word may stand between ("Maria Visits Riverbend Hospital" is no institution).
_INSTITUTION_FIELD = (
    r"(?:Diabetes|Cancer|Children|Women|Heart|Eye|Ear|Memorial|Medical|Research|Community|"
    r"Health|Rehabilitation|Kidney|Sleep|Vision|Hearing|Family|Regional|General|Veterans|"
    r"Cardiac|Cardiovascular|Orthopedic|Pediatric|Dental|Wellness|Hospice)(?:['’]s)?"
)
_INSTITUTION_AFTER = _regex(
    rf"^(?:-{_CAP})?(?:[ \t]+{_INSTITUTION_FIELD}){{0,2}}[ \t]+(?:Center|Centre|Institute|"
    r"Foundation|Hospital|Hospitals|Society|Association|University|College|Clinic|"
    r"Medical[ \t]+Center|Health[ \t]+System)\b"
)
#: A race or fair after a capitalised word names it by its town ("ran the Querfurt half
#: marathon", "the Gransee Turkey Trot").
_EVENT_AFTER = _regex(
    r"^[ \t]+(?i:half[ \t]+marathon|marathon|5K|10K|fun[ \t]+run|turkey[ \t]+trot|"
    r"triathlon|relay|county[ \t]+fair|street[ \t]+fair|fair|festival|parade|rodeo)\b"
)
_CREDENTIAL_AFTER = _regex(
    r"^,?[ \t]*(?:MD|DO|PhD|RN|NP|PA|PA-C|RD|DDS|DMD|DPT|PharmD|MPH|LCSW|CNM|FNP|MSN|"
    r"Ph\.D\.|M\.D\.)\b"
)
_EPONYM_BARE_AFTER = _regex(
    r"^\s+(?:disease|syndrome|palsy|lymphoma|sarcoma|score|sign|test|lot|lots|batch|"
    # a germ or a vaccine by its head noun: "Strep throat", "Omicron variant", "Rotavirus
    # vaccine", "Staph infections"; "Tai chi"
    r"throat|infections?|virus|bacteria|variant|strain|outbreak|vaccines?|boosters?|chi|"
    # a manoeuvre named for its doctor: "the Epley maneuver", "the Heimlich manoeuvre"
    r"maneuver|manoeuvre|technique|splint|reflex)\b",
    re.IGNORECASE,
)


#: Legal forms and words that end a company's name ("Garcia LLC", "Müller GmbH",
#: "Arana y Porras S.L.L.", "Franzese, Mocenigo e Borromini Group").
COMPANY_WORDS: tuple[str, ...] = (
    "Inc", "Incorporated", "LLC", "LLP", "LP", "Ltd", "Limited", "PLC", "plc", "Corp",
    "Corporation", "Co", "Company", "Group", "Holdings", "Associates", "Partners", "Sons",
    "Daughters", "Brothers", "Bros", "Industries", "Enterprises", "Farms", "Foods", "Labs",
    "Laboratories", "Pharma", "Pharmaceuticals", "GmbH", "mbH", "AG", "KG", "KGaA", "OHG",
    "GbR", "eG", "SE", "SA", "S.A.", "SAS", "SARL", "SNC", "SpA", "S.p.A.", "Srl", "S.r.l.",
    "S.L.", "S.L.L.", "S.L.U.", "S.L.N.E", "S.A.U.", "S.C.", "BV", "B.V.", "NV", "N.V.",
    "AB", "ASA", "AS", "A/S", "Oy", "Oyj", "ApS", "Sp. z o.o.", "Pty", "Hermanos", "e Hijos",
    "& Cie", "Cie", "Lda", "Ltda", "S/A",
    # ... and the company words of other languages ("Talleres Alcántara & Asociados",
    # "Compañía del Mediterráneo", "Fratelli Russo")
    "Asociados", "Associados", "Associati", "Associés", "Compañía", "Cía", "Companhia",
    "Compagnie", "Compagnia", "Grupo", "Gruppo", "Groupe", "Hnos", "Hijos", "Talleres",
    "Industrias", "Industrie", "Distribuciones", "Construcciones", "Transportes", "Comercial",
    "Corporación", "Inmobiliaria", "Servicios", "Sociedad", "Società", "Société",
    "Gesellschaft", "Fratelli", "Figli", "Frères",
)  # fmt: skip
_COMPANY_WORD = "|".join(re.escape(word) for word in sorted(COMPANY_WORDS, key=len, reverse=True))
#: A company word closes the run of capitalised words the candidate is in (the rest of
#: a word cut short, "GmbH" read as "Gmb", is skipped first).
_COMPANY_AFTER = _regex(
    r"^[^\s.,!?;:]*(?:[ \t]*,?[ \t]+(?:&|and|e|y|und|et|[A-Z][\w'’.-]*)){0,4}?[ \t]*,?[ \t]+"
    rf"(?:&[ \t]+)?(?:{_COMPANY_WORD})(?![\w/])"
)
_COMPANY_BEFORE = _regex(rf"(?:^|[ \t])(?:{_COMPANY_WORD})[ \t]+$")
_COMPANY_LAST = _regex(rf"[ \t](?:{_COMPANY_WORD})$")
_COMPANY_FIRST = _regex(rf"(?:{_COMPANY_WORD})(?![\w/])")
_STREET_AFTER = _regex(
    r"^[ \t]+(?:Street|Avenue|Road|Lane|Drive|Court|Boulevard|Way|Place|Terrace|Circle|"
    r"Parkway|Highway|Trail|Loop|Square|Alley|St|Ave|Rd|Ln|Blvd|Hwy)\b"
)
#: A single word the model calls a person must be at least this rare in English
#: unless it is a listed first name ("Colds", "Spinach" in a heading are not people).
SINGLE_WORD_ZIPF = 3.0


def _medical_word(bare: str) -> bool:
    """A folded word that names a drug (DRUG_NAMES, or a generic name by its stem), a
    condition or a germ, and no listed first name."""
    return (
        bare in DRUG_NAMES
        or bare in CONDITION_NAMES
        or bare in germ_names()
        or (_DRUG_STEM.search(bare) is not None and zipf_small(bare) < COMMON_ZIPF)
    ) and bare not in first_names()


def _not_a_person_word(word: str) -> bool:
    """A known non-name (NOT_NAMES), a drug (DRUG_NAMES, or a generic name by its stem),
    an acronym or a CamelCase brand."""
    bare = bare_word(word)
    if bare in NOT_NAMES:
        return True
    if _medical_word(bare):
        return True
    core = word.rstrip(".'’s")
    if len(core) > 1 and core.isupper():
        return True
    inner = core[1:]
    return any(ch.isupper() for ch in inner) and not _CAMEL_OK.match(core) and "-" not in core


def _form_label(scan: Scan, start: int, end: int) -> bool:
    """ "Callback: ..." - one English word opening a sentence or a field of a flattened
    row ("... | Organizer: Dr. Ana Patel"), then a colon."""
    word = scan.text[start:end]
    before = scan.text[scan.sentence(start)[0] : start].rstrip()
    return (
        scan.text.startswith(":", end)
        and (not before or before[-1] in "|•;—–·")
        and " " not in word
        and bare_word(word) not in first_names()
        and (zipf_large(bare_word(word)) >= 2.5 or zipf_spanish(bare_word(word)) >= 3.0)
    )


_TWO_WORDS_AFTER = _regex(r"^[ \t]+([a-z][\w'’]*)(?:[ \t]+([a-z][\w'’]*))?")
_WORDS_AFTER = _regex(r"^(?:[ \t]+[a-z][\w'’]*){1,3}")


def _product_after(after: str) -> bool:
    """ "Snorezen mouth guards", "Vitalink app", "Pulsewise blood pressure cuff": a
    product noun (after up to two modifiers) follows, so the capitalised word before is a
    brand."""
    words = _WORDS_AFTER.match(after)
    if words is None:
        return False
    for word in words.group().split():
        if word in PRODUCT_NOUNS:
            return True
        if word not in PRODUCT_MODIFIERS:
            return False
    return False


#: A recall's object: "Wilkinson LLC is recalling Calmvana", "recalled its Soothmax".
_RECALLED_BEFORE = _regex(r"\b(?i:recall(?:s|ed|ing))[ \t]+(?:(?i:its|their|the|all|some)[ \t]+)?$")


#: An object right after a sentence's first word: the word is a verb of a how-to
#: ("Unplug the pad", "Descale your kettle"), not a person.
_OBJECT_AFTER = _regex(
    r"^[ \t]+(?:the|your|a|an|this|that|these|those|all|any|it|them|each|every|some)\b"
)


_LOWER_WORD_AFTER = _regex(r"^[ \t]+[a-z]")


def _opens_how_to(scan: Scan, start: int, end: int) -> bool:
    """A single word opening a sentence that is an English word in disguise: made
    from a common word ("Unplug", "Humidifier": :func:`derived_common`; "Earwax":
    :func:`compound_common`), a plural of a word in the dictionary ("Thermometers
    with ..."), a Spanish word before Spanish ("Fecha de nacimiento"), or a verb
    before its object ("Descale the kettle")."""
    if not _opens_sentence(scan, start):
        return False
    word = scan.text[start:end]
    if derived_common(word) or compound_common(word):
        return True
    after = scan.text[end : end + 12]
    if _OBJECT_AFTER.match(after):
        return True
    if not _LOWER_WORD_AFTER.match(after):
        return False
    bare = bare_word(word)
    if bare in first_names():
        return False
    if bare.endswith("s") and bare[:-1] not in first_names() and zipf_large(bare[:-1]) >= 2.5:
        return True
    # Spanish before Spanish ("Fecha de nacimiento"), not a name before English
    # ("Alfonso mentioned ...": a Spanish name is a frequent Spanish word too)
    following = _TWO_WORDS_AFTER.match(after)
    return (
        zipf_spanish(bare) >= 4.0
        and following is not None
        and zipf_spanish(following.group(1)) > zipf_small(following.group(1))
    )


#: Words that open the name of a town ("New", "Port", "Sainte").
_PLACE_PREFIX = (
    r"(?:New|Port|Saint|Sainte|St\.?|San|Santa|Lake|Mount|Mt\.?|Fort|Ft\.?|East|West|North|"
    r"South|Upper|Lower|Great|Little|Bad|La|Le|Los|Las|El)"
)
#: Words that put a capitalised word in a town, not a person: "moved to ...", "drives
#: to ...", "the sleep lab is in ...", "patients from ...", with an optional place
#: prefix ("New", "Port", "Sainte").
_PLACE_BEFORE = _regex(
    r"(?:\b(?i:in|near|outside|around|across|past|beyond)"
    r"|\b(?i:move[ds]?|moving|drives?|drove|driving|travel(?:l?ed|s|ling)?|flew|fly|flies|"
    r"relocated|relocating|commutes?|commuted|headed|heads|heading|trips?|road[ \t]+trip)"
    r"[ \t]+(?i:to|from|in|near|into|toward)"
    r"|\b(?i:patients|people|families|residents|folks|pharmacies|clinics|hospitals|schools|"
    r"towns|cities|neighbou?rhoods|farms|stores)[ \t]+(?i:from|in|near|of|around))"
    rf"[ \t]+(?:{_PLACE_PREFIX}[ \t]+)?$"
)
_PLACE_PREFIX_WORD = _regex(rf"^{_PLACE_PREFIX}$")
_WORD_BEFORE = _regex(r"([A-Za-z][\w'’-]*)[ \t]+$")
_WORD_AFTER = _regex(r"^[ \t]+([A-Za-z][\w'’-]*)")


def _company(text: str, start: int, end: int) -> bool:
    """A company's name: a legal form or company word ends the run of capitalised
    words ("Garcia LLC", "Franzese, Mocenigo e Borromini Group"), begins it
    ("Hermanos Guillen") or is the candidate's first word ("Asociados S.L.L.")."""
    while end < len(text) and text[end].isalnum():
        end += 1  # the rest of a word the name pattern cut short: "Gmb|H"
    return bool(
        _COMPANY_AFTER.match(text[end : end + 80])
        or _COMPANY_BEFORE.search(text[max(0, start - 20) : start])
        or _COMPANY_LAST.search(text[start:end])
        or _COMPANY_FIRST.match(text, start)
    )


def _place_before(scan: Scan, start: int, end: int) -> bool:
    """A town after a word of travel or location ("moved to Carrollhaven", "is in Aue"),
    unless it is a possessive ("in Rosa's room") or an honorific stands before it."""
    if scan.text.startswith(("'s", "’s"), end):
        return False
    return bool(_PLACE_BEFORE.search(scan.text[max(0, start - 40) : start]))


def _condition_around(scan: Scan, start: int, end: int) -> bool:
    """The candidate with the word before or after it is a condition's name ("Sotos
    Sequence", "Marfan Syndrome")."""
    text = scan.text
    name = fold_name(text[start:end])
    after = _WORD_AFTER.match(text[end : end + 40])
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return bool(
        (after and f"{name} {fold_name(after.group(1))}" in CONDITION_NAMES)
        or (before and f"{fold_name(before.group(1))} {name}" in CONDITION_NAMES)
    )


#: Exercises named like people: "Tai chi", "Tai Ji Quan" ("Will Tai Chi help ...").
_EXERCISE = _regex(r"\b(?i:tai[ \t]+(?:chi|ji))\b")


#: An operation named for its first patient or its surgeon ("Tommy John surgery"): no
#: person, unless the sentence speaks of one ("pt Rosa Diaz surgery 3/14").
_TREATMENT_AFTER = _regex(r"^\s+(?i:surgery|repair|procedure|operation)\b")
_PERSON_WORD_RE = _regex(_PERSON_WORDS)


def _person_word_in_sentence(scan: Scan, start: int) -> bool:
    s_start, s_end = scan.sentence(start)
    return _PERSON_WORD_RE.search(scan.text, s_start, s_end) is not None


def _vetoed(scan: Scan, start: int, end: int) -> bool:
    """Context that says the span is not a patient's name: a form label ("Callback:"),
    a place ("Eugene, OR"), a credential ("Sarah Johnson, PhD"), an eponym or a lot
    ("Tourette syndrome", "Metformin lot"), a clinician ("Dr. Maria Lopez")."""
    text = scan.text
    after = text[end : end + 40]
    return bool(
        fold_name(text[start:end]) in CONDITION_NAMES  # "Shin Splints"
        or town_from_a_name(text[start:end])  # "the Michelleview library"
        or _form_label(scan, start, end)
        or _PLACE_AFTER.match(after)
        or _CREDENTIAL_AFTER.match(after)
        or _EPONYM_AFTER.match(after)
        or _EPONYM_BARE_AFTER.match(after)
        or (_TREATMENT_AFTER.match(after) and not _person_word_in_sentence(scan, start))
        or (
            _FACILITY_AFTER.match(after) is not None
            and _FACILITY_BEFORE.search(text[max(0, start - 8) : start]) is not None
        )
        or _STREET_AFTER.match(after)
        or (len(NAME_TOKEN.findall(text, start, end)) == 1 and _INSTITUTION_AFTER.match(after))
        or (
            len(NAME_TOKEN.findall(text, start, end)) == 1
            and _EVENT_AFTER.match(after) is not None
            and bare_word(text[start:end]) not in first_names()
        )
        or _TOWN_PREFIX_BEFORE.search(text, max(0, start - 8), start) is not None
        or _STORM_BEFORE.search(text, max(0, start - 16), start) is not None
        or _company(text, start, end)
        or _place_before(scan, start, end)
        or _condition_around(scan, start, end)
        or _product_after(after)
        or _RECALLED_BEFORE.search(text, max(0, start - 24), start) is not None
        or _CLINICIAN_BEFORE.search(text[max(0, start - 12) : start])
        or _EXERCISE.search(text, start, min(len(text), end + 4)) is not None
        or _word_of_the_sentence(scan, start, end)
    )


def _word_of_the_sentence(scan: Scan, start: int, end: int) -> bool:
    """One capitalised word that is a frequent word of the language its sentence (or,
    for a short one, its line) is written in ("Dziękujemy, pani Hietala": Polish for
    "we thank"; "¡Feliz cumpleaños")."""
    words = NAME_TOKEN.findall(scan.text, start, end)
    if len(words) != 1:
        return False
    s_start, s_end = scan.sentence(start)
    opening = not scan.text[s_start:start].strip(" \t\n¡¿\"“'‘([-—–•")
    language = sentence_language(scan.text[s_start:s_end])
    if language is None:  # a short sentence: its line says more ("Responda SIM para ...")
        line_start = scan.text.rfind("\n", 0, start) + 1
        line_end = scan.text.find("\n", end)
        language = sentence_language(
            scan.text[line_start : len(scan.text) if line_end < 0 else line_end]
        )
    return language is not None and word_of_language(
        words[0], language, OPENING_WORD_ZIPF if opening else OWN_WORD_ZIPF
    )


_HONORIFIC_TOKEN = _regex(r"^(?:Mr|Mrs|Ms|Miss|Mx)\.?$")


def _first_name(word: str) -> bool:
    """A listed first name that is not a common word, or a first name of another
    country rare in English ("Ruth", "Aoife", "Hưng"; not "Will", "Grace")."""
    bare = bare_word(word)
    return (bare in first_names() and zipf_small(bare) < COMMON_ZIPF) or world_name(word)


def _surname_after_first_name(first: str, last: str) -> bool:
    """ "Danny Miller", "Ruth Hill": a capitalised word after a first name is its
    surname even when it is an English word (never a drug, brand or eponym)."""
    return (
        last[:1].isupper()
        and not last.isupper()
        and _first_name(first)
        and not _not_a_person_word(last)
        and bare_word(last) not in NOT_NAMES
    )


#: Letters of a script other than Latin: a sentence with a few is in another language
#: (Cyrillic, Greek, Arabic, Hebrew, Ethiopic, Devanagari, Thai, Chinese, Japanese, Korean).
_OTHER_SCRIPT = _regex(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f\u1200-\u137f"
    r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)


def _other_script_person(scan: Scan, start: int, end: int) -> bool:
    """Is a span the model proposes in another script a name? The model reads English:
    in a script without capitals (Korean, Chinese, Arabic) its people are guesses, and
    in one with them (Cyrillic, Greek) only capitalised words are names, one alone not
    at a sentence's start ("Щеплення від грипу ..." is "Vaccination against flu")."""
    words = scan.text[start:end].split()
    return all(w[:1].isupper() and w[1:].islower() for w in words) and (
        len(words) >= 2 or not _opens_sentence(scan, start)
    )


def _refine_person(scan: Scan, start: int, end: int) -> Span | None:
    """Narrow a span the model calls a person to its name words, or drop it.

    Leading and trailing common words go ("Follow Rua's" -> "Rua"); a span of
    common words only, a known non-name (drug, germ, eponym: NOT_NAMES), an
    eponym ("Crohn's disease"), a clinician ("Dr. Maria Lopez") or a span with
    digits is not a patient's name.
    """
    text = scan.text
    if any(ch.isdigit() for ch in text[start:end]):
        return None
    if _OTHER_SCRIPT.search(text, start, end) and not _other_script_person(scan, start, end):
        return None
    words = [m for m in _WORD.finditer(text, start, end)]
    proposed = len(words)
    while (
        words
        and common_word(words[0].group())
        and not _HONORIFIC_TOKEN.match(words[0].group())
        and not _initial_before_name(text, words)
        and not _first_and_surname([w.group() for w in words])
    ):
        words.pop(0)
    while (
        words
        and common_word(words[-1].group())
        and not (
            len(words) >= 2 and _surname_after_first_name(words[-2].group(), words[-1].group())
        )
        and not (len(words) == 2 and _first_and_surname([w.group() for w in words]))
    ):
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
    if len(plain) == 1 and (
        not (name_like(plain[0], SINGLE_WORD_ZIPF) or world_name(plain[0], RARE_ZIPF))
        or _opens_how_to(scan, start, end)
        # one word English knows and no name list holds: the model's guess alone is no
        # evidence ("Inhaler" heading a table's column, "Colonoscopy can ...")
        or _known_english(plain[0])
    ):
        return None
    if scan.title_case_at(start) and not (
        any(_name_in_a_title(w) for w in plain)
        or (
            _first_and_surname(plain)
            # the model's span is the name itself, or it starts with a listed first name
            # ("Tai Chi Keeps Seniors Steady" is no person)
            and (len(words) == proposed or bare_word(plain[0]) in first_names())
        )
    ):
        return None
    return start, end


_INITIAL = _regex(r"^[A-Z]\.$")
_LOWER_WORD_BEFORE = _regex(r"(?<![\w'’-])([a-z]+)[ \t]+$")
#: A lower-case word before an initial is a function word ("goes to J. Silva", "from R.
#: Okafor") when at least this frequent; a rarer one makes the letter part of a term
#: ("vitamin D. Sunlight ...", "hepatitis B. Vaccines ...").
INITIAL_AFTER_ZIPF = 6.0


def _initial_before_name(text: str, words: Sequence[re.Match[str]]) -> bool:
    """ "J. Silva": an initial, then a capitalised word that is no common word, with no
    term word before the initial ("vitamin D. Sunlight" is none)."""
    if not (
        len(words) >= 2
        and _INITIAL.match(words[0].group())
        and words[1].group()[:1].isupper()
        and not common_word(words[1].group())
        and not _not_a_person_word(words[1].group())
    ):
        return False
    before = _LOWER_WORD_BEFORE.search(text[max(0, words[0].start() - 30) : words[0].start()])
    return before is None or zipf_small(before.group(1)) >= INITIAL_AFTER_ZIPF


def _first_and_surname(words: Sequence[str]) -> bool:
    """Two or three words the model calls a person whose first is a first name of some
    country, whatever its frequency ("Taylor Hunt", "Sabine Johansen", "Ya Ping Wang"):
    in title case the model's person is kept only with this or a rare word."""
    first = bare_word(words[0]) if words else ""
    if not (2 <= len(words) <= 3) or first in NOT_NAMES or first not in world_first_names():
        return False
    if any(_not_a_person_word(w) for w in words):
        return False
    # a first name of the US list may have any surname ("Lisa Walls"); a first name that
    # is also an English word only a surname that is none ("Rose Hips" is no person)
    return first in first_names() or not any(common_word(w) for w in words[1:])


#: In title-case text a capital says nothing: a word the model calls a person there must be
#: a listed first name or unknown even to wordfreq's large list, where the small one lacks
#: most words of medicine ("How to Care for Shin Splints", "Should I Worry About Heartburn?").
TITLE_UNKNOWN_ZIPF = 2.0


def _name_in_a_title(word: str) -> bool:
    bare = bare_word(word)
    return (
        bare in first_names()
        or world_name(word)
        or (name_like(word, VERY_RARE_ZIPF) and zipf_large(bare) < TITLE_UNKNOWN_ZIPF)
    )


def _model_people(scan: Scan) -> Iterator[Span]:
    """People the statistical model proposes (healthnotes.gate.ner), refined."""
    for found in scan.model_spans:
        if found.kind == "person":
            span = _refine_person(scan, found.start, found.end)
            if span is not None:
                yield span


#: An e-mail address (what the e-mail rule reports), its local part in group ``local``.
_EMAIL_ADDRESS = _regex(
    r"(?<![\w.%+-])(?P<local>[\w.%+-]++)@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])"
)
#: What stands between a name and its address: "Ana Ruiz <ana.ruiz@...>",
#: "Bhekokwakhe Lakaza — bhekokwakhe.lakaza@...", "ana.ruiz@... (Ana Ruiz)".
_BESIDE_EMAIL = r"[ \t]*(?:--|[—–|,;:<>()\[\]/-])?[ \t]*"
_EMAIL_WORD = r"[^\W\d_][\w'’-]*"
_WORDS_BEFORE_EMAIL = _regex(rf"((?:{_EMAIL_WORD}[ \t]+){{0,2}}{_EMAIL_WORD}){_BESIDE_EMAIL}\Z")
_WORDS_AFTER_EMAIL = _regex(rf"{_BESIDE_EMAIL}({_EMAIL_WORD}(?:[ \t]+{_EMAIL_WORD}){{0,2}})")
_NOT_LETTERS = _regex(r"[^a-z]+")
#: Words further than this from an address are not read with it.
EMAIL_REACH = 80


def _spelled_by_email(scan: Scan) -> Iterator[Span]:
    """A name written beside an e-mail address that spells it, whatever the words look
    like to the other rules or the model: its words are the address's words
    ("Bhekokwakhe Lakaza — bhekokwakhe.lakaza@...", "sven lund <svenlund@...>"), or its
    first initial and its surname ("Ana Ruiz, aruiz@..."). A word English uses often
    counts only when it is a listed first name or surname ("Front Desk -- frontdesk@"
    is nobody); at least one word of three letters or more must be spelled out."""
    text = scan.text
    for email in _EMAIL_ADDRESS.finditer(text):
        local = fold_name(email.group("local"))
        compact = _NOT_LETTERS.sub("", local)
        if len(compact) < 3:
            continue
        parts = set(_NOT_LETTERS.split(local)) - {""}
        line_start = text.rfind("\n", 0, email.start()) + 1
        line_end = text.find("\n", email.end())
        line_end = len(text) if line_end < 0 else line_end
        before = _WORDS_BEFORE_EMAIL.search(
            text, max(line_start, email.start() - EMAIL_REACH), email.start()
        )
        if before is not None:
            words = list(re.finditer(_EMAIL_WORD, before.group(1)))
            span = _spelled(words, parts, compact, from_end=True)
            if span is not None:
                yield before.start(1) + span[0], before.start(1) + span[1]
        after = _WORDS_AFTER_EMAIL.match(
            text, email.end(), min(line_end, email.end() + EMAIL_REACH)
        )
        if after is not None:
            words = list(re.finditer(_EMAIL_WORD, after.group(1)))
            span = _spelled(words, parts, compact, from_end=False)
            if span is not None:
                yield after.start(1) + span[0], after.start(1) + span[1]


def _spelled(
    words: list[re.Match[str]], parts: set[str], compact: str, *, from_end: bool
) -> Span | None:
    """The longest run of ``words`` next to the address (the last ones when ``from_end``,
    else the first ones) that the address spells (see :func:`_spelled_by_email`)."""
    ordered = words[::-1] if from_end else words
    taken: list[re.Match[str]] = []
    for word in ordered:
        pieces = [p for p in _NOT_LETTERS.split(fold_name(word.group())) if p]
        if not pieces or not all(p in parts or (len(p) >= 3 and p in compact) for p in pieces):
            break
        taken.append(word)
    run = taken[::-1] if from_end else taken
    if len(run) < len(ordered) and len(ordered) >= 2 and from_end:
        # "Ana Ruiz <aruiz@...>": the first initial of the word before the surname
        first, surname = words[-len(run) - 1], fold_name(run[0].group()) if run else ""
        if surname and compact == fold_name(first.group())[:1] + _NOT_LETTERS.sub("", surname):
            run = [first, *run]
    spelled = [w for w in run if len(w.group()) >= 3]
    if not spelled or any(
        bare_word(w.group()) in NOT_NAMES
        or (common_word(w.group()) and bare_word(w.group()) not in census_surnames())
        for w in run
    ):
        return None
    return run[0].start(), run[-1].end()


_CAP_RUN = _regex(rf"(?<![\w@./#-]){_CAP}(?:[ \t]+(?:{_CAP}|[A-Z]\.))*(?![\w@])")


#: A person's name has at most this many words; a longer run of capitals is a heading.
MAX_NAME_WORDS = 3


def _rare_capitals(scan: Scan) -> Iterator[Span]:
    """Capitalised words so rare in English that they are names wherever they stand
    ("Callback: Anggabaya at ..."), with the capitalised words joined to them
    ("Felicia Antwiwaa"); not inside what the model calls an organisation, place
    or product, not an eponym or a lot code, not in title-case text."""
    text = scan.text
    for match in _CAP_RUN.finditer(text):
        tokens = list(NAME_TOKEN.finditer(text, match.start(), match.end()))
        if not any(
            t.group()[-1] != "."
            and name_like(t.group(), VERY_RARE_ZIPF)
            and bare_word(t.group()) not in first_names()
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
        if _model_place_covers(scan, start, end) and not scan.model_person_at(start, end):
            continue
        # a short sentence is no heading for its name's capitals ("Both Marcus Němečková
        # and Dr. Lee ran ..."); a long run of capitals is a heading
        heading = (
            _title_case_around(scan, start, end)
            if len(tokens) <= MAX_NAME_WORDS
            else scan.title_case_at(start)
        )
        if _vetoed(scan, start, end) or heading:
            continue
        if len(tokens) == 1 and _opens_how_to(scan, start, end):
            continue
        if all(_known_english(t.group()) or common_word(t.group()) for t in tokens) and (
            len(tokens) == 1 or not scan.model_person_at(start, end)
        ):
            # words English knows, with no cue and no person the model sees, are those
            # words, capitals or not ("Colonoscopy can ...", "our Telehealth visits",
            # "the Colonoscopy Prep Guide")
            continue
        yield start, end


def _model_place_covers(scan: Scan, start: int, end: int) -> bool:
    """Does the model call the whole of [start, end) a place? ("Addis Ababa"; not
    "Yowri Kondakhchyan", whose first word alone it took for a place.)"""
    return scan.model_kind_at(start, end) == "place" and (
        len(NAME_TOKEN.findall(scan.text, start, end)) == 1
        or any(s.kind == "place" and s.start <= start and end <= s.end for s in scan.model_spans)
    )


#: A word rare in everyday English but at least this frequent in wordfreq's large list
#: is a known word (colonoscopy 2.7, telehealth 2.3, turmeric 2.9); surnames that are no
#: first name nor a Census surname are rarer (Okonkwo 1.9, Adeyemi 2.0, Lindqvist 1.7).
KNOWN_WORD_ZIPF = 2.3


def _known_english(word: str) -> bool:
    """A word of English text (wordfreq's large list) that is no first name of any
    country and no surname of the whole US Census list (Petrov, Banerjee, Okafor)."""
    bare = bare_word(word)
    return (
        zipf_large(bare) >= KNOWN_WORD_ZIPF
        and bare not in world_first_names()
        and bare not in census_surnames(None)
    )


def _opens_sentence(scan: Scan, start: int) -> bool:
    """Whether only quotes, brackets, list marks or emphasis stand between the start of
    the sentence and ``start``."""
    s_start = scan.sentence(start)[0]
    return not scan.text[s_start:start].strip(" \t\n\"“‘'(*#->•")


#: In a title the capitalised word after a first name is its surname only when rarer
#: than this ("Heidi Mason", not "Averil Beat").
TITLE_SURNAME_ZIPF = 4.5


def _unknown_surname(word: str) -> bool:
    """A capitalised word unknown even to wordfreq's large list, no drug or brand: after a
    first name, even one that is an English word, it is a surname ("Hope Uche-Adetokunbo")."""
    return (
        not word.endswith(".")
        and name_like(word, VERY_RARE_ZIPF)
        and zipf_large(bare_word(word)) < TITLE_UNKNOWN_ZIPF
        and not _not_a_person_word(word)
    )


def _title_names(scan: Scan) -> Iterator[Span]:
    """In title-case text, where capitals say nothing, a first name (:func:`_first_name`)
    and the capitalised word after it when that is its surname ("Why Heidi Mason Never
    Skips ...", "How Ifeanyi Beat ..."); never an eponym, a company or a place."""
    text = scan.text
    for match in _CAP_RUN.finditer(text):
        if not scan.title_case_at(match.start()):
            continue
        tokens = list(NAME_TOKEN.finditer(text, match.start(), match.end()))
        for index, token in enumerate(tokens):
            word = token.group()
            if (
                index + 1 < len(tokens)
                and _unknown_surname(tokens[index + 1].group())
                and bare_word(word) in world_first_names()
                and bare_word(word) not in NOT_NAMES
                and not _vetoed(scan, token.start(), tokens[index + 1].end())
            ):
                yield token.start(), tokens[index + 1].end()  # "A Day With Hope Uche-Adetokunbo"
                continue
            if word.endswith(".") or not _first_name(word) or _not_a_person_word(word):
                continue
            end = token.end()
            if index + 1 < len(tokens):
                following = tokens[index + 1].group()
                if _surname_after_first_name(word, following) and (
                    english_zipf(following) < TITLE_SURNAME_ZIPF
                ):
                    end = tokens[index + 1].end()
            if not _vetoed(scan, token.start(), end):
                yield token.start(), end


def _surname(word: str) -> bool:
    """A census surname, or a double-barrelled one whose parts all are ("Evans-Brown")."""
    return all(bare_word(part) in census_surnames() for part in word.split("-"))


def _first_names_with_surnames(scan: Scan) -> Iterator[Span]:
    """A listed first name that is no common word followed by a census surname, wherever
    it stands ("Chloe Evans-Brown was without power"): together they name a person with
    no word around them saying so. Title-case text is :func:`_title_names`' part."""
    text = scan.text
    for match in _CAP_RUN.finditer(text):
        tokens = list(NAME_TOKEN.finditer(text, match.start(), match.end()))
        if len(tokens) < 2 or len(tokens) > MAX_NAME_WORDS:
            continue
        first, last = tokens[0].group(), tokens[-1].group()
        if (
            not first.endswith(".")
            and not _not_a_person_word(first)
            and _surname(last)
            and _surname_after_first_name(first, last)  # a listed first name before it
            and not scan.title_case_at(match.start())
            and not _vetoed(scan, match.start(), match.end())
        ):
            yield match.start(), match.end()


_LIST_ITEM = rf"(?:(?:Dr|Mr|Mrs|Ms|Mx)\.?[ \t]+)?{_CAP}['’]?(?:[ \t]+{_CAP})?"
#: The title an item of a list of people may open with ("Dr. Patel"), never a name's
#: first letters ("Drew", "Msimang").
_LIST_TITLE = _regex(r"^(?:Dr|Mr|Mrs|Ms|Mx)\.?$")
#: A list of three or more people, or two and more joined by "and": "Ronnie, Holly,
#: Johanna and Dr. Patel", "Vasil', Valtteri and Reed".
_NAME_LIST = _regex(
    rf"(?<![\w'’-]){_LIST_ITEM}(?:,[ \t]+{_LIST_ITEM})+(?:,?[ \t]+(?:and|&)[ \t]+{_LIST_ITEM})?"
    r"(?![\w'’-])"
)
_LIST_ITEMS = _regex(_LIST_ITEM)


def _reads_as_listed_person(scan: Scan, words: Sequence[str], start: int, end: int) -> bool:
    """An item of a list of people that reads as one: no known non-name, a first name of
    some country or a rare word first (and not a common word unless a first name), and
    no context vetoing it."""
    first = bare_word(words[0])
    return not (
        any(bare_word(w) in NOT_NAMES or _not_a_person_word(w) for w in words)
        or not (first in world_first_names() or name_like(words[0], RARE_ZIPF))
        or (common_word(words[0]) and first not in world_first_names())
        or _vetoed(scan, start, end)
    )


def _surely_listed_person(scan: Scan, words: Sequence[str], start: int, end: int) -> bool:
    """An item that makes its list a list of people: a listed first name that is no
    common word, or a person the model sees."""
    first = bare_word(words[0])
    return (first in first_names() and not common_word(words[0])) or scan.model_person_at(
        start, end
    )


def _named_together(scan: Scan) -> Iterator[Span]:
    """Each person in a list of three or more whose every item reads as a person (a first
    name of some country, a rare word, or a title and a surname) and one of them for sure
    (a listed first name, a title, or the model's person): "Ronnie, Holly, Johanna and
    Dr. Patel" makes "Holly" a name. Never a list with a drug, a place or a common word
    ("Advil, Tylenol and Motrin", "Paris, Rome and Florence")."""
    for match in _NAME_LIST.finditer(scan.text):
        items = list(_LIST_ITEMS.finditer(scan.text, match.start(), match.end()))
        if len(items) < 3:
            continue
        anchored = False
        people: list[Span] = []
        for item in items:
            start, end = item.span()
            text = item.group().rstrip("'’")
            words = text.split()
            if len(words) > 1 and _LIST_TITLE.match(words[0]):
                anchored = True
                continue
            first = bare_word(words[0])
            if not _reads_as_listed_person(scan, words, start, start + len(text)) or (
                scan.model_kind_at(start, end) in ("place", "date")
                and not scan.model_person_at(start, end)
                and first not in first_names()
                and not name_like(words[0], WORLD_NAME_ZIPF)
            ):
                people = []
                break
            anchored = anchored or _surely_listed_person(scan, words, start, end)
            people.append((start, start + len(text)))
        if anchored:
            yield from people


#: What separates the items of a list flattened into a line: a bullet, a bar, a middle
#: dot, or a number and a period ("1. Julie Horton 2. Antonina Shestakov").
_LINE_ITEM_SEPARATOR = _regex(r"[ \t]*(?:[•|·]|:(?=[ \t])|(?<![\w.,/:])\d{1,2}\.(?=[ \t]))[ \t]*")
#: The person an item opens with, before its details ("Gemma Brown, +1 971 ...",
#: "Jayne 212.846.6268", "Brook (york@...)").
_LINE_ITEM = _regex(rf"(?P<item>{_LIST_ITEM})(?=[ \t]*(?:$|[–—(:,;]|[-+]?\(?\d))")


def _listed_in_lines(scan: Scan) -> Iterator[Span]:
    """The people of a list flattened into a line ("Sign-up sheet • Christopher Thomas •
    Peter Das • Sky Manley", "1. Julie Horton 2. June Baker"): each item that opens with
    a first name of some country, a rare word, or a title and a surname, when two items
    at least read as people and one of them surely is (as :func:`_named_together`)."""
    text = scan.text
    for line in re.finditer(r"[^\n]+", text):
        # the line's start is an item's start too ("ray johnson, 503... • Gemma Brown")
        cuts = list(_LINE_ITEM_SEPARATOR.finditer(text, line.start(), line.end()))
        if len(cuts) < 2:  # three items at least
            continue
        starts = [line.start()] + [c.end() for c in cuts]
        ends = [c.start() for c in cuts] + [line.end()]
        people: list[Span] = []
        anchored = False
        for begin, end in zip(starts, ends, strict=True):
            item = _LINE_ITEM.match(text, begin, end)  # "$" is the item's end
            if item is None:
                continue
            start, stop = item.span("item")
            words = item.group("item").rstrip("'’").split()
            if len(words) > 1 and _LIST_TITLE.match(words[0]):
                anchored = True
                people.append((start, stop))
                continue
            if not _reads_as_listed_person(scan, words, start, stop):
                continue
            anchored = anchored or _surely_listed_person(scan, words, start, stop)
            people.append((start, stop))
        if anchored and len(people) >= 2:
            yield from people


#: In a sentence with no capital at all, a first name of some country is read capitalised
#: when used as a name in many languages ("donald", "jade": :func:`international`) and rarer
#: in English than the first bound ("may", "will" are not), or when rarer than the second
#: ("caitlin", "ismail"; not "heather", "ivy", "olive": words first).
LOWER_SENTENCE_NAME_ZIPF = 5.0
LOWER_SENTENCE_RARE_ZIPF = 3.5
#: A lower-case sentence is prose (not a path, an attribute or a list of keywords) when
#: it has two different words at least this frequent ("the", "and", "we", "said").
FUNCTION_WORD_ZIPF = 6.0
_LOWER_WORD = _regex(rf"(?<![\w@#'’./-])[{_LOW}][{_LOW}'’-]+(?![\w@])")


def _lowercase_sentences(scan: Scan) -> Iterator[Span]:
    """Names in a sentence written all in lower case ("thx donald, we'll pass that on",
    "sunday walk club!! uche, ikin and the pups"): the sentence is read again with its
    first names capitalised (not words unknown to English: "spirometer"), by the model and
    every rule; the names found there are names here. Capitals say nothing of such a
    sentence, so its cues must."""
    from healthnotes.gate.privacy.scan import scan_text  # the engine runs the rules

    for s_start, s_end in scan.sentences:
        sentence = scan.text[s_start:s_end]
        if any(ch.isupper() for ch in sentence) or len(sentence.split()) < 3:
            continue
        words = {w.lower() for w in _LOWER_WORD.findall(sentence)}
        if sum(1 for w in words if zipf_small(w) >= FUNCTION_WORD_ZIPF) < 2:
            continue  # "noopener noreferrer nofollow", a path or a slug: no prose
        chars = list(sentence)
        changed = False
        for match in _LOWER_WORD.finditer(sentence):
            word = match.group()
            bare = bare_word(word)
            if (
                len(bare) >= 3
                and bare not in NOT_NAMES
                and not _not_a_person_word(word)
                and bare in world_first_names()
                and zipf_small(bare) < LOWER_SENTENCE_NAME_ZIPF
                and (international(bare) or zipf_small(bare) < LOWER_SENTENCE_RARE_ZIPF)
            ):
                chars[match.start()] = chars[match.start()].upper()
                changed = True
        recased = "".join(chars)
        if not changed or len(recased) != len(sentence):
            continue
        for finding in scan_text(recased, scan.allow, field=scan.field, model=scan.model):
            if finding.rule == "name" and not finding.warning:
                yield s_start + finding.start, s_start + finding.end


_LOWER_PAIR = _regex(r"(?<![\w@./-])([a-z][a-z'’-]+)[ \t]+([a-z][a-z'’-]+)(?![\w@])")


#: "simone w. beauchamp": three lower-case words, the middle one an initial.
_LOWER_INITIALLED = _regex(
    rf"(?<![\w@./-])([{_LOW}][{_LOW}'’-]+)[ \t]+[a-z]\.[ \t]+([{_LOW}][{_LOW}'’-]+)(?![\w@])"
)


#: A question signed with a lower-case first name after a dash: "— johan (texted 4/15)".
_LOWER_SIGNATURE = _regex(r"[—–][ \t]*([a-z][a-z'’-]+)(?=[ \t]*(?:[(,]|$))", re.MULTILINE)


def _lowercase_names(scan: Scan) -> Iterator[Span]:
    """ "marcus iaremchuk": a listed first name, not a common word, then a rare word; a
    first name of some country, not a common word, signing a question after a dash ("—
    johan (texted 4/15)"); and a first name of some country, an initial and no common word
    ("lucy q. boahen-boatemaah")."""
    for match in _LOWER_PAIR.finditer(scan.text):
        first, last = match.group(1), match.group(2)
        if (
            first in first_names()
            and zipf_small(first) < LOWER_FIRST_ZIPF
            and last not in NOT_NAMES
            and zipf_small(last) < VERY_RARE_ZIPF
        ):
            yield match.span()
    for match in _LOWER_SIGNATURE.finditer(scan.text):
        word = match.group(1)
        if word in world_first_names() and zipf_small(word) < LOWER_FIRST_ZIPF:
            yield match.span(1)
    for match in _LOWER_INITIALLED.finditer(scan.text):
        first, last = bare_word(match.group(1)), bare_word(match.group(2))
        if (
            first in world_first_names()
            and last not in NOT_NAMES
            and zipf_small(last) < COMMON_ZIPF
        ):
            yield match.span()


#: A public figure quoted: a verb of public speech right after the person ("Serena
#: Williams said", "Selena Gomez explained in an interview", "Michael J. Fox has described").
_ATTRIBUTION_AFTER = _regex(
    r"^[ \t,]*(?:(?:has|have|had|once|also|recently|publicly|often)[ \t]+)*"
    r"(?:said|says|told|tells|wrote|writes|posted|posts|announced|revealed|described|"
    r"explained|shared|spoke|spoken|talked|discussed|opened[ \t]+up)\b"
    # ... said to the practice is no public speech: "wrote in to ask", "told us"
    r"(?![ \t]+(?:in\b(?![ \t]+(?:a|an|the|her|his|their)\b)|us\b|to[ \t]+us\b|with[ \t]+us\b))"
)
#: ... or a public setting or "as" just before it ("as Michael J. Fox has described",
#: "In an interview, Tom Hanks ...").
_ATTRIBUTION_BEFORE = _regex(
    r"(?:\bas|\baccording[ \t]+to|\bin[ \t]+an[ \t]+interview,?|\bin[ \t]+a[ \t]+podcast,?|"
    r"\bin[ \t]+(?:his|her|their)[ \t]+memoir,?)[ \t]*$",
    re.IGNORECASE,
)
#: Words that put a person in the practice's care or a patient's life: with any of them in
#: the sentence a quoted person is a patient, not a public figure.
_PATIENT_CONTEXT = _regex(
    r"\b(?:patients?|our|my|we|us|diagnos\w*|visits?|visited|appointments?|clinic|office|"
    r"ages?|aged|years?[ \t-]+old|son|daughter|mom|mother|dad|father|wife|husband|"
    r"grand\w+|neighbou?r|friend|room|bed|chart|admitted|discharged|nurse|doctor|dr)\b",
    re.IGNORECASE,
)
_NAME_WORD = _regex(rf"{_CAP}")


def public_attribution(scan: Scan, start: int, end: int) -> bool:
    """Is the name at [start, end) a public figure quoted, not a patient?

    All of: the person (the model's PERSON span around it, "Michael J. Fox" for "Fox")
    has at least two capitalised names and no honorific; a verb of public speech
    follows it or a public setting or "as" precedes it; and nothing in the sentence
    speaks of care or of a patient's life (:data:`_PATIENT_CONTEXT`). Such a name is a
    warning suggesting ``Public_Figures``, not a finding."""
    for span in scan.model_spans:
        if span.kind == "person" and span.start < end and start < span.end:
            start, end = min(start, span.start), max(end, span.end)
    person = scan.text[start:end]
    if len(_NAME_WORD.findall(person)) < 2 or re.match(_HONORIFIC, person):
        return False
    s_start, s_end = scan.sentence(start)
    before = scan.text[max(s_start, start - 40) : start]
    if re.search(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]*$", before):
        return False
    after = scan.text[end : min(max(s_end, end), end + 60)]
    if not (_ATTRIBUTION_AFTER.search(after) or _ATTRIBUTION_BEFORE.search(before)):
        return False
    sentence = scan.text[s_start:start] + " " + scan.text[end:s_end]
    return _PATIENT_CONTEXT.search(sentence) is None


#: Labels of a form line whose value is a person: "Caller: ...", "Referred by: ...".
FORM_LABELS: tuple[str, ...] = (
    "patient", "patient name", "name", "full name", "from", "to", "caller", "requested by",
    "submitted by", "sent by", "guardian", "parent", "attn", "attention", "referred by",
    "emergency contact", "contact person", "client", "resident", "member", "insured",
    "subscriber", "sender", "author", "signed", "intake note", "re", "cc", "next of kin",
    "athlete", "child", "child's name", "student", "student name", "player", "camper",
    "participant", "visitor", "patient of the month", "volunteer of the month",
    "volunteer spotlight", "patient spotlight",
    # a picture's caption or description names who is in it
    "photo", "pictured", "image", "image description", "caption", "in the photo",
    "left to right", "l to r", "from left",
    "ref", "pt", "winner", "winners",
    # a form's or an export's fields
    "first name", "last name", "surname", "given name", "family name", "middle name",
    "maiden name", "preferred name", "legal name",
)  # fmt: skip
_FORM_LABEL = (
    r"(?:^|(?<=[\n.!?|:—–·\[(]))[ \t]*(?i:"
    + "|".join(re.escape(label).replace(r"\ ", r"[ \t]+") for label in FORM_LABELS)
    + r")[ \t]*:[ \t]*"
)
#: A pasted table's column headers (:mod:`.tables`, read as :func:`.tables.label_of`
#: reads them), and the identifier each says its cells are (a rule's id).
TABLE_COLUMNS: Mapping[str, str] = {
    **dict.fromkeys(
        ("name", "patient", "patient name", "full name", "first name", "last name",
         "surname", "given name", "family name", "middle name", "maiden name",
         "preferred name", "client", "client name", "member name", "resident", "guardian",
         "parent", "emergency contact", "contact name", "next of kin", "caller"),
        "name",
    ),
    **dict.fromkeys(
        ("dob", "d.o.b.", "date of birth", "birth date", "birthdate", "birthday", "born",
         "admitted", "admission date", "discharged", "discharge date", "last visit",
         "visit date", "appointment", "appointment date", "appt", "appt date",
         "date of service", "dos", "date of death", "dod", "died"),
        "date",
    ),
    **dict.fromkeys(
        ("mrn", "patient id", "patient #", "pt #", "chart", "chart #", "chart number",
         "record number", "medical record number", "account number", "acct", "acct #",
         "member id", "insurance id", "policy number", "accession", "accession #"),
        "record_number",
    ),
    **dict.fromkeys(
        ("phone", "phone number", "mobile", "cell", "cell phone", "telephone", "tel",
         "home phone", "work phone", "contact number"),
        "phone",
    ),
    "fax": "fax",
    **dict.fromkeys(("email", "e mail", "email address"), "email"),
    **dict.fromkeys(
        ("address", "street", "street address", "home address", "address 1",
         "address line 1", "mailing address"),
        "street_address",
    ),
    **dict.fromkeys(("zip", "zip code", "zipcode", "postal code", "postcode"), "zip"),
    **dict.fromkeys(("ssn", "social security number", "social security"), "ssn"),
    **dict.fromkeys(("ip", "ip address"), "ip"),
    "age": "age_over_89",
}  # fmt: skip
#: Columns only a table of people has (see :func:`.tables.about_people`).
PERSONAL_COLUMNS: frozenset[str] = frozenset(
    {
        *("patient", "patient name", "first name", "last name", "surname", "given name"),
        *("family name", "middle name", "maiden name", "dob", "d.o.b.", "date of birth"),
        *("birth date", "birthdate", "birthday", "born", "mrn", "patient id"),
        *("medical record number", "ssn", "social security number", "date of death", "dod"),
    }
)
#: Closings of a letter or note, before the writer's name on a line.
SIGN_OFFS: tuple[str, ...] = (
    "love", "best", "best wishes", "warmly", "warm regards", "kind regards", "regards",
    "sincerely", "cheers", "gratefully", "gratefully yours", "yours", "yours truly",
    "hugs", "xoxo", "with love", "with thanks", "with gratitude", "blessings", "fondly",
    "respectfully", "all the best", "take care", "signed", "thanks again", "many thanks",
)  # fmt: skip
_SIGN_OFF = (
    r"(?:^|(?<=[\n])|(?<=[.!?][ \t]))[ \t]*(?:[-—–~]+[ \t]*)?(?i:"
    + "|".join(re.escape(word).replace(r"\ ", r"[ \t]+") for word in SIGN_OFFS)
    + r")[ \t]*,[ \t]*(?:\n[ \t]*)?"  # "Best wishes,\nSiobhan"
)
#: Words that open a mailing line: who follows is the addressee.
_MAILED_TO = (
    r"\b(?i:ship|mail|send|deliver|post|return|forward|address(?:ed)?)[ \t]+(?i:it[ \t]+)?"
    r"(?i:to)[ \t]*:?[ \t]+"
)
_PREPOSITION = (
    r"\b(?i:from|for|with|of|about|to|by|courtesy[ \t]+of|on[ \t]+behalf[ \t]+of|"
    r"check[ \t]+on|care[ \t]+for)[ \t]+"
)


#: One word after a weak cue is a name only when rarer than this in English
#: (wordfreq's small list): "Zaira", "Caetana", not "Walgreens" or "Tucson".
CUED_SINGLE_ZIPF = 2.5


def _signed(check: Check) -> Check:
    """``check``, or else any first name of gender-guesser's list (but known non-names) with
    the capitalised words after it: a letter or testimonial is signed by a person ("Love,
    Hope", "— Dawn, Springfield"), whatever English word the name also is."""

    def signed(scan: Scan, match: re.Match[str]) -> Span | None:
        span = check(scan, match)
        if span is not None:
            return span
        start, end = match.span("name")
        tokens = [t.group() for t in NAME_TOKEN.finditer(scan.text, start, end)]
        if (
            not tokens
            or bare_word(tokens[0]) not in world_first_names()
            or any(
                bare_word(t) in NOT_NAMES or _not_a_person_word(t)
                for t in tokens
                if not t.endswith(".")
            )
            or _vetoed(scan, start, end)
        ):
            return None
        return start, end

    return signed


def _labelled_name(scan: Scan, match: re.Match[str]) -> Span | None:
    """:func:`_cued_name` after a form label or a sign-off: what the model calls
    an organisation or a place there is still read as a name ("Caller: Karakucak Ülker")."""
    return _cued_name(scan, match, strong=True)


def _word_then_unknown_surname(words: Sequence[str]) -> bool:
    """ "Alike Karakaxes": any first word that is no function word, then surnames unknown
    even to wordfreq's large list (not "Providence Medford", "Walgreens Pharmacy")."""
    return (
        len(words) >= 2
        and zipf_small(bare_word(words[0])) < LOWER_SURNAME_ZIPF
        and all(_unknown_surname(w) for w in words[1:])
    )


def _addressee(scan: Scan, match: re.Match[str]) -> Span | None:
    """Who a parcel or letter goes to ("Ship to Alike Karakaxes, 02463 Julia Plains ..."):
    :func:`_cued_name`, and (though the address makes the line title case) a first word
    and a surname unknown to wordfreq; not a pharmacy or hospital by its town."""
    span = _cued_name(scan, match)
    if span is not None:
        return span
    span = _name_check("cued")(scan, match)
    if span is None:
        return None
    words = [t.group() for t in NAME_TOKEN.finditer(scan.text, *span) if t.group()[-1] != "."]
    if any(_not_a_person_word(w) or bare_word(w) in NOT_NAMES for w in words):
        return None
    if _vetoed(scan, *span) or not _word_then_unknown_surname(words):
        return None
    return span


#: A handle that is a first name and digits ("@hazel", "@maría47", "@danielle16"): the
#: first name is the person's name (the name rule reports it, not the handle rule).
_FIRST_NAME_HANDLE = _regex(r"(?<![\w@.])@(?P<name>[^\W\d_]{2,})(?=[\d_]*(?![\w@.]))")
_HANDLE_OF_A_NAME = _regex(r"@(?P<name>[^\W\d_]{2,})[\d_]*")
#: A first name of another country's list as a handle only when rarer in English than
#: this ("@hazel", "@sven"; not "@hope", "@will").
HANDLE_NAME_ZIPF = 4.0


def _handle_first_name(scan: Scan, match: re.Match[str]) -> Span | None:
    """A handle's first name (:data:`_FIRST_NAME_HANDLE`), unless the handle is one the
    settings allow (the practice's own)."""
    handle = _HANDLE_OF_A_NAME.match(scan.text, match.start())  # with its digits
    if handle is not None and _url_allowed(handle.group(), scan.allow, frozenset()):
        return None
    name = bare_word(match.group("name"))
    if name in first_names() or (
        name in world_first_names() and zipf_small(name) < HANDLE_NAME_ZIPF
    ):
        return match.span("name")
    return None


def _handle_of_no_first_name(scan: Scan, match: re.Match[str]) -> Span | None:
    """A social handle, unless it is a first name and digits (:data:`_FIRST_NAME_HANDLE`)."""
    named = _HANDLE_OF_A_NAME.fullmatch(match.group())
    if named is not None and _handle_first_name(scan, named) is not None:
        return None
    return match.span()


#: Who speaks in a thread pasted into a post: one word (and a role in parentheses) before a
#: colon, opening a line or following a slash, a bar, a bullet or a colon ("... lightly
#: edited: fabián: does the flu shot ...? / Sam (staff): No, ... / okseniia: my arm ...").
_SPEAKER = _regex(
    r"(?:^|(?<=[\n/|•:]))[ \t]*(?P<name>[^\W\d_][\w'’-]*)(?:[ \t]+\([^()\n]{1,20}\))?:[ \t]+(?=\S)",
    re.MULTILINE,
)


#: Who is quoted, by a verb of saying and a colon: "💬 olive says: 'been doing ...'".
_SAYS = _regex(
    r"(?<![\w'’-])(?P<name>[^\W\d_][\w'’-]*)[ \t]+(?i:says|said|writes|wrote|asks|asked):"
)


@lru_cache(maxsize=64)
def _speakers(text: str) -> int:
    """How many speaker labels (:data:`_SPEAKER`) ``text`` holds (counted once a text)."""
    return sum(1 for _ in _SPEAKER.finditer(text))


def _speaker(scan: Scan, match: re.Match[str]) -> Span | None:
    """A speaker of a thread (:data:`_SPEAKER`; the text has two speakers at least) or
    one quoted (:data:`_SAYS`) whose word is a first name English rarely uses as a word,
    or a word no list knows."""
    if match.re is _SPEAKER and _speakers(scan.text) < 2:
        return None
    word = match.group("name")
    bare = bare_word(word)
    if bare in NOT_NAMES or _not_a_person_word(word):
        return None
    listed = bare in first_names() or bare in world_first_names()
    if (listed and zipf_small(bare) < LOWER_FIRST_ZIPF) or _unknown_lower_word(bare):
        return match.span("name")
    return None


#: A nickname in quotes between a first name and a surname: 'Galina "Pearl" Shinkarenko'.
_NICKNAMED = _regex(
    rf"(?<![\w'’-])(?P<first>{_CAP})[ \t]+[\"“‘'](?P<nick>{_CAP})[\"”’'][ \t]+(?P<last>{_CAP})\b"
)


def _nicknamed(scan: Scan) -> Iterator[Span]:
    """The three names of a person called by a nickname (:data:`_NICKNAMED`): the first
    name and the surname are no common words or known non-names; the nickname may be a
    word ("Pearl", "Daisy")."""
    for match in _NICKNAMED.finditer(scan.text):
        first, last = match.group("first"), match.group("last")
        if any(common_word(w) or _not_a_person_word(w) for w in (first, last)):
            continue
        if _vetoed(scan, match.start(), match.end()):
            continue
        yield from (match.span(part) for part in ("first", "nick", "last"))


def _titled_east_asian(scan: Scan, match: re.Match[str]) -> Span | None:
    """A name before an East Asian title: any capitalised words but a common word, a
    drug or a known non-name ("Pfizer様" is a company)."""
    words = [bare_word(w) for w in match.group("name").split()]
    if any(w in NOT_NAMES or w in DRUG_NAMES for w in words):
        return None
    return _name_check("any")(scan, match)


def _cued_name(scan: Scan, match: re.Match[str], strong: bool = False) -> Span | None:
    """A name where the frame says "person" weakly (after a preposition, a form label,
    a sign-off, before ", who"): a listed first name, a name the model calls a
    person, or (outside title-case text) two name-like words or one word too rare
    for wordfreq's small list; never a common word, a drug or a brand, nor (after a
    preposition) what the model calls a place or an organisation."""
    span = _name_check("cued")(scan, match)
    if span is None:
        return None
    start, end = span
    tokens = [t.group() for t in NAME_TOKEN.finditer(scan.text, start, end)]
    if not tokens or any(_not_a_person_word(t) for t in tokens if not t.endswith(".")):
        return None
    if _vetoed(scan, start, end):
        return None
    words = [t for t in tokens if not t.endswith(".")]
    first = bare_word(words[0])
    if strong and (
        (len(words) >= 2 and first in world_first_names() and all(name_like(w) for w in words[1:]))
        or _word_then_unknown_surname(words)
    ):
        # after a form label, a first name that is an English word and a rare surname:
        # "By: Hong Byeongceol", "Caller: Sunny Nkemdirimba"
        return span
    if (
        len(words) >= 2
        and (
            first in first_names()
            or world_name(words[0])
            or (
                world_name(words[0], COMMON_ZIPF)
                and international(first)
                and not _PLACE_PREFIX_WORD.match(words[0])
            )  # "Hanna Lie", not "Port Jeffreyborough"
        )
        and not common_word(words[0])
        and (
            strong
            or zipf_small(first) < WORLD_NAME_ZIPF
            or not _title_case_around(scan, start, end)
        )
    ):
        return span  # a first name, then a surname that may be a word: "from Ruth Hill"
    if any(common_word(t) for t in words):
        return None
    if bare_word(tokens[0]) in first_names():
        return span
    if (
        len(words) == 1
        and first in world_first_names()
        and scan.model_person_at(start, end)
        and not _title_case_around(scan, start, end)
    ):
        return span  # "Reminder for Leonardo:": a first name the model calls a person
    if len(words) == 1 and not name_like(words[0], CUED_SINGLE_ZIPF):
        return None  # "from Walgreens", "to Tucson": a known word, whatever the model says
    if len(words) == 1 and world_name(words[0]) and not _title_case_around(scan, start, end):
        return span  # "for Caetana": a first name, whatever the model says
    if scan.model_person_at(start, end) and (
        not scan.title_case_at(start) or any(_name_in_a_title(w) for w in words)
    ):
        return span
    unknown = len(words) >= 2 and all(english_zipf(t) == 0 for t in words)
    if not (strong or unknown) and scan.model_kind_at(start, end) in ("place", "org", "date"):
        return None
    if not (strong or unknown) and _title_case_around(scan, start, end):
        return None
    if len(words) >= 2 and name_like(words[0]):
        return span  # the other words are no common words (above): "Margit Jónás"
    return span if len(words) == 1 else None


_LOWER_NAME = (
    rf"[{_LOW}][{_LOW}'’-]+(?:[ \t]+(?:[a-z]\.|ó|o'|ní|nic|mac|mc|de|da|del|di|van|von|bin|ibn))?"
    rf"[ \t]+[{_LOW}][{_LOW}'’-]+"
)
#: The last word of a lower-case name is rarer than this ("sato", "yusuf", not "period").
LOWER_LAST_ZIPF = 3.5


#: Words after which a person says who they are, or who is mourned.
_INTRODUCED = (
    r"\b(?i:my[ \t]+name[ \t]+is|my[ \t]+name['’]s|this[ \t]+is|it['’]s|meet|RIP|R\.I\.P\.?)"
    r"[ \t]+"
)
#: Where a lower-case word alone is a person's first name: a greeting opening a sentence
#: before a comma or "!", a shout-out, "like ... did".
_LOWER_FIRST = r"(?P<name>[a-z][a-z'’-]*[a-z])"
_LOWER_FIRST_CUED: tuple[re.Pattern[str], ...] = (
    _regex(rf"(?:^|(?<=[.!?\n]))[ \t]*(?i:hey|hi|hello|dear)[ \t]+{_LOWER_FIRST}(?=[ \t]*[,!])"),
    _regex(
        rf"\b(?i:shout[- ]?out|congrats|kudos|thanks|thank[ \t]+you|big[ \t]+thanks)"
        rf"[ \t]+to[ \t]+{_LOWER_FIRST}\b(?![-'’])"
    ),
    _regex(rf"\b(?i:like)[ \t]+{_LOWER_FIRST}[ \t]+did\b"),
    # thanks said to someone: "thank u manabu!!"
    _regex(rf"\b(?i:thank[ \t]+(?:u|you)|thanks|thx|ty)[ \t]+{_LOWER_FIRST}(?=[ \t]*[,.!?]|$)"),
)


def _lowercase_first_cued(scan: Scan, match: re.Match[str]) -> Span | None:
    """A lower-case first name alone after a cue only a person fits: each part (of
    "ralf-peter") a listed first name no more frequent than :data:`LOWER_FIRST_ZIPF` as a
    word ("justin", "esther", not "grace" or "will"), or a word English text does not
    know ("agne"); never a drug, a condition or a known non-name."""
    word = match.group("name")
    if _known_lower_word(word):
        return None
    parts = [part for part in re.split(r"[-'’]", word) if part]
    if all(_listed_lower_first(part) or _unknown_lower_word(part) for part in parts):
        return match.span("name")
    return None


def _known_lower_word(word: str) -> bool:
    """A drug, a condition or a known non-name, written in lower case."""
    return word in NOT_NAMES or word in DRUG_NAMES or fold_name(word) in CONDITION_NAMES


#: Words a speaker fills a pause with, after their name ("hi this is mahdi um ...").
_FILLERS = frozenset({"um", "uh", "er", "erm", "uhm", "umm", "hmm", "ah", "eh", "so", "and"})
#: After "my name is", "this is", "RIP", a lower-case first name of any country's list
#: rarer than this as an English word is that person ("mahdi", "adam"; not "fine", "me").
INTRODUCED_FIRST_ZIPF = 5.0


def _introduced_first(scan: Scan, match: re.Match[str]) -> Span | None:
    """A lower-case first name after words that introduce or mourn a person: "hi this
    is mahdi um", "my name is dovydas", "RIP adam stus" (its surname when one follows)."""
    first, *rest = match.group("name").split()
    if _known_lower_word(first) or not (
        _unknown_lower_word(first)
        or (
            (first in first_names() or first in world_first_names())
            and zipf_small(first) < INTRODUCED_FIRST_ZIPF
        )
    ):
        return None
    if rest and not (
        _lower_surname(rest) and not _known_lower_word(rest[0]) and rest[0] not in _FILLERS
    ):
        return match.start("name"), match.start("name") + len(first)
    return match.span("name")


def _listed_lower_first(word: str) -> bool:
    """A listed first name no more frequent than :data:`LOWER_FIRST_ZIPF` as a word."""
    return word in first_names() and zipf_small(word) < LOWER_FIRST_ZIPF


def _unknown_lower_word(word: str) -> bool:
    """A word too rare for wordfreq's small list and rare in its large one ("agne")."""
    return zipf_small(word) == 0 and zipf_large(word) < 2.5


def _surname_first(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "Silva, Helena" after a form's label: a surname, a comma and a first name of some
    country's list that English does not use often as a word; no known non-name."""
    last, first = (word.strip() for word in match.group("name").split(","))
    if _not_a_person_word(last) or _not_a_person_word(first):
        return None
    listed = bare_word(first) in first_names() or world_name(first)
    return match.span("name") if listed and not common_word(first) else None


def _lowercase_cued(scan: Scan, match: re.Match[str]) -> Span | None:
    """A lower-case name after a cue: a listed first name (or a word too rare for
    wordfreq's small list) then a rare word, neither a drug nor a known non-name."""
    words = [w for w in match.group("name").split() if not w.endswith(".")]
    first, last = words[0], words[-1]
    if any(_known_lower_word(w) for w in words):
        return None
    listed = _listed_lower_first(first)
    if listed and international(first) and _lower_surname(words[1:]):
        return match.span("name")  # "a note from nathan butler", "the family of samantha hill"
    if any(zipf_large(w) >= 2.0 and _ENGLISH_SUFFIX.search(w) for w in words):
        return None  # "from atrial fibrillation"
    first_ok = listed or _unknown_lower_word(first)
    if not first_ok or zipf_small(last) >= LOWER_LAST_ZIPF:
        return None
    return match.span("name")


#: After a cue and a listed first name, a lower-case word is its surname when rarer than
#: this, even when it is an English word ("nathan butler", "samantha hill"); function
#: words and the commonest words are more frequent ("for maria about ...").
LOWER_SURNAME_ZIPF = 5.0
#: Endings of words that are no surnames even after a first name ("for ruby running").
_NOT_SURNAME_SUFFIX = _regex(r"(?:ing|ly|tion|sion|itis|osis|ness|ment|ity|ous|ive)$")


def _lower_surname(words: Sequence[str]) -> bool:
    """Words after a lower-case listed first name that read as its surname: letters
    only, neither function words nor words of a common English shape."""
    return bool(words) and all(
        zipf_small(w) < LOWER_SURNAME_ZIPF
        and not _NOT_SURNAME_SUFFIX.search(w)
        and not _inflected_verb(w)
        and not (w.endswith("s") and zipf_large(w[:-1]) >= 3.4)  # "lily pads"
        for w in words
    )


def _inflected_verb(word: str) -> bool:
    """ "walked", "cried": an -ed form of a common word."""
    return word.endswith("ed") and (zipf_large(word[:-2]) >= 3.4 or zipf_large(word[:-1]) >= 3.4)


#: Endings of English (and medical) words that names rarely have.
_ENGLISH_SUFFIX = _regex(
    r"(?:tion|sion|itis|osis|emia|ectomy|ology|ism|ity|ness|ment|ous|ive|ary|ory|ance|ence|"
    r"ical|ial|ing|ed|ly|er|ers)$"
)


def _title_case_around(scan: Scan, start: int, end: int) -> bool:
    """Is the sentence title case without the candidate's own words? ("Account #5 belongs
    to Helga Kostolzin." is not: its capitals are the sentence start and the name.)"""
    if scan.field.lower() == "title":
        return True
    s_start, s_end = scan.sentence(start)
    rest = scan.text[s_start:start] + " " + scan.text[end:s_end]
    return title_case(rest) or _short_title(rest)


_SHORT_WORD = _regex(rf"[{_UP}{_LOW}]{{3,}}")


def _short_title(rest: str) -> bool:
    """Too few long words for :func:`title_case`, but three or more words of three letters
    and every one capitalised: a short headline ("How The Bravos Made ...", "Ask Marcus:
    Why Do Knees ...")."""
    words = _SHORT_WORD.findall(rest)
    return len(words) >= 3 and all(word[0].isupper() for word in words)


#: "the Butlers": a capitalised plural whose singular is an English word is a family
#: only when the singular is rarer than this ("butler", "dean"; not "green", "state").
FAMILY_WORD_ZIPF = 4.8


#: A verb of visiting or greeting people right before "the": "We visited the Stones",
#: "we met the Deans", "Our nurse checked on the Hams".
_VISITED = _regex(
    r"\b(?i:visited|visiting|visit|met|meet|meeting|welcomed|welcome|hugged|congratulated|"
    r"congratulate|thanked|invited|checked[ \t]+in[ \t]+with|checked[ \t]+on|stayed[ \t]+with|"
    r"prayers[ \t]+for|praying[ \t]+for|thoughts[ \t]+are[ \t]+with)[ \t]+$"
)

#: Greetings sent to a family: "a special hello to the Smiths!", "love to the Kings."
_GREETED = _regex(
    r"\b(?i:hello|hi|greetings|love|hugs|best[ \t]+wishes|warm[ \t]+wishes)[ \t]+(?i:to)[ \t]+$"
)
#: Members of a club or creed, no family: "the Rotarians", "the Kiwanians", "the Baptists".
_MEMBERS = _regex(r"(?:arian|anian|ite|ist)$")
#: Thanks given to a family: "Thanks to the Cunhas for the cookies", "kudos to the Diazes".
_THANKED = _regex(
    r"\b(?i:thanks|thank[ \t]+you|shout-?outs?|kudos|grateful)[ \t]+(?i:to)[ \t]+(?i:the)[ \t]+$"
)
#: The end of the clause right after the family's name.
_CLAUSE_END = _regex(r"[ \t]*(?:[!?;]|\.(?:\s|$)|$)")

#: ... and a home or the family's children after it.
_AT_HOME = _regex(
    r"(?:['’])?[ \t]+(?i:at[ \t]+home|at[ \t]+their[ \t]+(?:home|house|place|farm)|"
    r"and[ \t]+their[ \t]+(?:kids|children|new|baby|twins|son|daughter|dog)|"
    r"(?:home|house)\b)"
)


def _family_name(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "the Hendersons": a plural whose singular is a rare word, not a place or team."""
    word = match.group("name")
    singular = word[:-2] if word.endswith(("ses", "zes", "xes", "ches", "shes")) else word[:-1]
    if len(singular) < 3 or _not_a_person_word(singular):
        return None
    start, end = match.span("name")
    if (
        _VISITED.search(scan.text, max(0, match.start() - 40), match.start())
        and _AT_HOME.match(scan.text, end)
        and not (scan.title_case_at(start) or bare_word(singular) in NOT_FAMILY_NAMES)
    ):
        # a family visited at home: "We visited the Stones at home", "met the Deans and
        # their new baby" (not "visited the Alps", "thanked the Marines")
        return None if _vetoed(scan, start, end) else (start, end)
    if (
        _GREETED.search(scan.text, max(0, match.start() - 40), match.start())
        and _CLAUSE_END.match(scan.text, end)
        and not (scan.title_case_at(start) or bare_word(singular) in NOT_FAMILY_NAMES)
    ):
        # a family greeted: "and a special hello to the Smiths!" (not "the Alps")
        return None if _vetoed(scan, start, end) else (start, end)
    if (
        _THANKED.search(scan.text, max(0, start - 40), start)
        and not (scan.title_case_at(start) or bare_word(singular) in NOT_FAMILY_NAMES)
        and not common_word(singular)
        and not _MEMBERS.search(singular)
    ):
        # a family thanked: "Thanks to the Cunhas for the cookies" (not "the Marines")
        return None if _vetoed(scan, start, end) else (start, end)
    if bare_word(word) not in first_names() and english_zipf(word) >= COMMON_ZIPF:
        return None  # "the Stones", "the Greens": a common plural
    if common_word(singular) and (
        scan.title_case_at(start) or zipf_small(bare_word(singular)) >= FAMILY_WORD_ZIPF
    ):
        return None  # "the Butlers", "the Deans" mid-sentence; not "the Greens" nor a title
    if scan.model_kind_at(start, end) in ("place", "org", "date") and not scan.model_person_at(
        start, end
    ):
        return None
    if _vetoed(scan, start, end):
        return None
    return start, end


#: Nouns of a family or group after its surname ("the Hill family", "the whole Lê crew").
FAMILY_NOUNS: tuple[str, ...] = ("family", "household", "crew", "clan", "gang", "bunch")
_FAMILY_NOUN = "|".join(FAMILY_NOUNS)
#: Words of other languages for "the family" before its surname ("la familia Turner").
FAMILY_BEFORE: tuple[str, ...] = (
    "la familia", "la famille", "la famiglia", "a família", "die Familie", "de familie",
)  # fmt: skip
_FAMILY_BEFORE = "|".join(w.replace(" ", r"[ \t]+") for w in FAMILY_BEFORE)

#: Words that stand between "the" and "family" and are not surnames ("the whole family").
NOT_FAMILY_NAMES = frozenset(
    {"royal", "whole", "entire", "extended", "immediate", "nuclear", "same", "host", "human",
     "blended", "military", "foster", "first", "new", "modern", "average", "typical", "american",
     "adoptive", "birth", "crime", "mint", "rose", "nightshade", "grass", "cabbage", "daisy",
     "real", "royale"}
)  # fmt: skip


def _named_patient(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "Our patient Butler says ...", "my neighbor Hill told me ...": after a patient
    or relative noun and before a verb, a capitalised word is a name even when it is an
    English word; never a drug, brand or eponym, nor in title-case text."""
    start, end = match.span("name")
    words = [t.group() for t in NAME_TOKEN.finditer(scan.text, start, end)]
    if not words or any(_not_a_person_word(w) or bare_word(w) in NOT_NAMES for w in words):
        return None
    if scan.title_case_at(start) or _vetoed(scan, start, end):
        return None
    return start, end


def _surname_familia(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "la familia Turner": :func:`_surname_family`, whatever the model calls the word
    (it reads Spanish badly)."""
    return _surname_family(scan, match, model=False)


def _surname_family(scan: Scan, match: re.Match[str], model: bool = True) -> Span | None:
    """ "the Kowalczyk family", "the Hill family": a surname before "family" or
    "household". Outside titles any capitalised word but a known non-name, an acronym,
    a brand or an adjective of families (:data:`NOT_FAMILY_NAMES`); in title case only
    a word rare in English, since every word is capitalised there."""
    word = match.group("name")
    start, end = match.span("name")
    bare = bare_word(word)
    if bare in NOT_FAMILY_NAMES or _not_a_person_word(word) or bare in first_names():
        return None
    if scan.title_case_at(start) and not name_like(word):
        return None
    if (
        model
        and scan.model_kind_at(start, end) in ("place", "org")
        and not scan.model_person_at(start, end)
    ):
        return None if common_word(word) else (start, end)
    return start, end


#: Verbs of a patient's story that follow the person in a title ("How Ifeanyi Beat Her
#: Fear ...", "Why Casey West Never Skips ..."); not verbs that things do too ("works",
#: "keeps", "helps": "How Tai Chi Keeps Seniors Steady").
_TITLE_VERBS = (
    r"asks|asked|says|said|tells|told|shares|shared|writes|wrote|wonders|wondered|beat|beats|"
    r"overcame|overcomes|fought|fights|battled|battles|survived|survives|celebrates|"
    r"celebrated|skips|skipped|misses|missed|learned|lost|quit|ran|walked|finished|chose|"
    r"returned|returns|thanked|met|wants|needs|turns[ \t]+(?=\d{2,3}\b)|turned[ \t]+(?=\d{2,3}\b)"
)
#: Words of a title before the person it is about or from ("A Question From Aroha",
#: "In Memory Of Hưng", "Meet Kwame Asante, Our Oldest Walker").
_TITLE_BEFORE = (
    r"(?i:(?:question|questions|letter|note|card|message|advice|update|thank-you|thanks|"
    r"words|tips|story|stories|lessons)[ \t]+from|in[ \t]+memory[ \t]+of|remembering|meet|"
    r"congratulations(?:,|[ \t]+to)|happy[ \t]+birthday,?|thank[ \t]+you,|get[ \t]+well[ \t]+soon,)"
)
#: Verbs that make whoever stands before them a person ("William Asks About ...").
_SPEECH_VERB = _regex(
    r"(?i:asks|asked|says|said|tells|told|shares|shared|writes|wrote|wonders|wondered)$"
)
_TITLE_CUED = _regex(
    rf"\b(?P<name>{_CAP}(?:[ \t]+{_CAP}){{0,2}})"
    rf"(?=[ \t]+(?i:{_ADVERB})(?P<verb>(?i:{_TITLE_VERBS}))\b|['’]s[ \t]+(?i:{_POSSESSED})\b)"
    rf"|\b{_TITLE_BEFORE}[ \t]+(?P<after>{_CAP}(?:[ \t]+{_CAP})?)"
    r"(?=[ \t]*(?:[:,!?.]|$|[ \t](?i:about|on|asks|and)\b))"
)


def _title_first_name(word: str, speech: bool) -> bool:
    """Can ``word`` open a person's name before a verb of a title? A listed first name, a
    first name of some country not common in English ("Kwasi", "Luz"), a word unknown
    to wordfreq ("Ifeanyi"), or before a verb of speech any first name ("William Asks")."""
    bare = bare_word(word)
    if bare in NOT_NAMES or _not_a_person_word(word):
        return False
    return (
        bare in first_names()
        or world_name(word, COMMON_ZIPF)
        or (zipf_small(bare) == 0 and zipf_large(bare) < TITLE_CUED_UNKNOWN_ZIPF)
        or (speech and bare in world_first_names())
    )


#: A word the small list lacks is a name before a verb of a story in a title when rarer
#: than this in the large list too ("Ngozi", "Mele", "Kwame").
TITLE_CUED_UNKNOWN_ZIPF = 3.0


def _english_word_name(word: str) -> bool:
    """A first name that is also a common English word ("Grant", "Dawn", "Hope"), not a
    frequent name used in many languages ("Karen")."""
    bare = bare_word(word)
    return zipf_small(bare) >= COMMON_ZIPF and not (bare in first_names() and international(bare))


def _title_cued(scan: Scan, match: re.Match[str]) -> Span | None:
    """In title case, a first name (:func:`_title_first_name`) and the capitalised words
    after it before a verb of a patient's story or a possessive ("Why Samantha Green
    Never Skips ...", "How Ifeanyi Beat ...", "Taylor's Story"); never eponyms, drugs,
    companies or places."""
    group = "name" if match.group("name") else "after"
    start = match.start(group)
    if not scan.title_case_at(start):
        return None  # capitals mean something outside titles: the other patterns read them
    speech = bool(match.group("verb")) and bool(_SPEECH_VERB.match(match.group("verb")))
    tokens = list(NAME_TOKEN.finditer(scan.text, start, match.end(group)))
    while tokens and not _title_first_name(tokens[0].group(), speech):
        tokens.pop(0)
    if not tokens or any(
        _not_a_person_word(t.group()) or bare_word(t.group()) in NOT_NAMES for t in tokens
    ):
        return None
    first, rest = tokens[0].group(), [t.group() for t in tokens[1:]]
    # a first name that is an English word needs a surname that is none
    # ("How Dawn Okafor Beat ...", not "How Grant Money Beat ...")
    if (
        not speech
        and _english_word_name(first)
        and (not rest or any(zipf_small(bare_word(w)) >= COMMON_ZIPF for w in rest))
    ):
        return None
    start, end = tokens[0].start(), tokens[-1].end()
    if _vetoed(scan, start, end):
        return None
    return start, end


#: Cues only a person fits, strong enough for a first name that is an English word
#: ("Hope", "Summer", "Patience", "Hugh"): a verb of speech or illness after it ...
_PERSON_ONLY_VERBS = (
    r"told|said|asked|wrote|emailed|texted|messaged|thanked|was[ \t]+diagnosed|"
    r"was[ \t]+admitted|was[ \t]+discharged|is[ \t]+recovering|passed[ \t]+away|died|"
    r"never[ \t]+misses|brought[ \t]+(?:his|her|their)[ \t]+(?:husband|wife|son|daughter|"
    r"kids|children|mom|dad|mother|father|grand\w+|twins|baby)|"
    r"and[ \t]+(?:his|her|their)[ \t]+(?:husband|wife|partner|son|"
    r"daughter|sons|daughters|kids|children|mom|dad|mother|father|grand\w+|twins|baby)"
)
#: ... an age after it, a greeting before it and the end of the clause after it, or
#: "heard from" before it.
_PERSON_ONLY_GREETING = (
    r"(?:^|(?<=[\n.!?;:\"“(]))[ \t]*(?i:happy[ \t]+birthday|get[ \t]+well(?:[ \t]+soon)?|"
    r"thanks|thank[ \t]+you|congrats|congratulations|good[ \t]+luck|we[ \t]+miss[ \t]+you|"
    r"hi|hello|hey|dear|hola|querid[oa]|felicidades|gracias)"
    # "Happy birthday to Honor, ...", "Congratulations to Star!"
    r"(?:[ \t]+(?i:to))?[ \t]*,?[ \t]+"
)
_WORD_NAME_CUED = _regex(
    rf"\b{_NAME}(?=[ \t]+(?:{_PERSON_ONLY_VERBS})\b|,[ \t]+\d{{2,3}},"
    rf"|[ \t]+(?:just[ \t]+)?turn(?:ed|s)[ \t]+(?:\d{{2,3}}|{_AGE_WORDS})\b)"
    rf"|{_PERSON_ONLY_GREETING}{_NAME.replace('(?P<name>', '(?P<greeted>')}(?=[ \t]*(?:[!.,?]|$))"
    rf"|\b(?i:heard[ \t]+from)[ \t]+{_NAME.replace('(?P<name>', '(?P<heard>')}",
    re.MULTILINE,
)


#: What follows a person's name and no place's: "Honor, born 19/03/2019", "Hope, who ...".
_PERSON_APPOSITION = _regex(r"[ \t]*,[ \t]+(?i:born|who|aged?|\d{1,3}[ \t]*,)")


def _word_first_name(scan: Scan, match: re.Match[str]) -> Span | None:
    """A first name that is also an English word ("Hope told us ...", "Summer, 93,",
    "Happy birthday, Patience!") where only a person fits the cue (not a possessive:
    "Summer's heart-healthy recipes"): any first name of gender-guesser's list but
    months and other known non-names, with the surname after it; never in title case,
    nor what the model calls a place ("Happy birthday, America!")."""
    group = next(g for g in ("name", "greeted", "heard") if match.group(g))
    start, end = match.span(group)
    tokens = [t for t in NAME_TOKEN.finditer(scan.text, start, end) if t.group()[-1] != "."]
    while tokens and bare_word(tokens[0].group()) in NOT_NAMES:
        tokens.pop(0)  # "When Hugh was diagnosed"
    if not tokens or scan.title_case_at(start):
        return None
    first = tokens[0].group()
    if (
        bare_word(first) not in world_first_names()
        or any(bare_word(t.group()) in NOT_NAMES or _not_a_person_word(t.group()) for t in tokens)
        or _CLINICIAN_BEFORE.search(scan.text[max(0, start - 12) : start])
    ):
        return None
    start, end = tokens[0].start(), tokens[-1].end()
    if (
        group == "greeted"
        and len(tokens) == 1
        and scan.model_kind_at(start, end) in ("place", "org")
        and not scan.model_person_at(start, end)
        and not _PERSON_APPOSITION.match(scan.text, end)
    ):
        return None  # "Happy birthday, America!" (but "Liberty turned 99" is a person, and
        # so is "Honor, born 19/03/2019, ...")
    return None if _vetoed(scan, start, end) else (start, end)


#: Words a support hashtag joins to a person's name: "#MwangiStrong", "#TeamAroha".
HASHTAG_AFTER: tuple[str, ...] = (
    "Strong", "Warrior", "Warriors", "Fighter", "Tough", "Army", "Nation", "Proud", "Forever",
    "Fund", "Crew", "Squad", "Journey", "Recovery", "Updates", "Miracle", "Brave",
)  # fmt: skip
HASHTAG_BEFORE: tuple[str, ...] = (
    "Team", "PrayFor", "PrayersFor", "Pray4", "Go", "WeLove", "StandWith", "Love", "Hugs4",
    "HugsFor", "Support", "Cheer4", "CheerFor", "Dance4", "WalkFor", "RunFor",
)  # fmt: skip
_HASHTAG_NAME = _regex(
    rf"(?<![\w#])#(?:{'|'.join(HASHTAG_BEFORE)})?(?P<name>[{_UP}][{_LOW}]+)"
    rf"(?:{'|'.join(HASHTAG_AFTER)})?(?![\w])"
)


def _hashtag_name(scan: Scan, match: re.Match[str]) -> Span | None:
    """A name in a support hashtag ("#MwangiStrong", "#TeamAroha"): a first name of some
    country or a word rare in English, never a drug, a place or a common word ("#BostonStrong",
    "#TeamUSA"); the hashtag needs its support word."""
    if match.group() == "#" + match.group("name"):
        return None  # a bare "#Aroha" says nothing
    word = match.group("name")
    bare = bare_word(word)
    if bare in NOT_NAMES or _not_a_person_word(word) or common_word(word):
        return None
    if not (bare in world_first_names() or name_like(word, CUED_SINGLE_ZIPF)):
        return None
    start, end = match.span("name")
    if scan.model_kind_at(start, end) == "place" and not scan.model_person_at(start, end):
        return None
    return start, end


_NAME_PATTERNS: tuple[Pattern, ...] = (
    Pattern(_regex(_HONORIFIC + _NAME), check=_name_check("any")),
    Pattern(_regex(_ADDRESS_TITLE + _NAME), check=_name_check("any")),
    Pattern(_regex(_FOREIGN_TITLE + _NAME), check=_name_check("any")),
    Pattern(_regex(_PATIENT_NOUN + _NAME), check=_name_check("full")),
    Pattern(_regex(r"\b(?i:named|name\s+is|name\s+was)[ \t]+" + _NAME), check=_name_check("full")),
    Pattern(_regex(_RELATIVE + _NAME), check=_name_check("full")),
    Pattern(
        _regex(rf"(?:{_PATIENT_NOUN}|{_RELATIVE})" + _NAME + rf"(?=[ \t]+{_ADVERB}(?:{_VERBS})\b)"),
        check=_named_patient,
    ),
    Pattern(_regex(_ADDRESS_TERM + _NAME), check=_name_check("list")),
    # a relative named in a note with no "her" or "my": "lives w/ niece Paige", "daughter
    # Margarita at 1-907-..."
    Pattern(
        _regex(
            r"\b(?i:son|daughter|husband|wife|mother|father|mom|dad|sister|brother|niece|"
            r"nephew|grand(?:son|daughter))[ \t]+" + _NAME
        ),
        check=_name_check("list"),
    ),
    # a name before a Japanese title in Latin letters: "Bazavluchenko-san"
    Pattern(
        _regex(rf"(?<![\w-])(?P<name>{_CAP})(?=-(?:san|sama|chan|kun)\b)"),
        check=_titled_east_asian,
    ),
    # who speaks after a chat's time: "[7:02 AM] Arjun: is it normal ...", "08:12
    # Karl-Ludwig joined"
    Pattern(
        _regex(
            r"\b\d{1,2}:\d{2}(?:[ \t]*(?i:[ap]\.?m\.?))?\]?[ \t]+" + _NAME + r"(?=:|[ \t]+joined\b)"
        ),
        check=_cued_name,
    ),
    Pattern(_regex(_SHOUTOUT + _NAME), check=_name_check("full")),
    Pattern(_regex(_MET + _NAME), check=_name_check("list")),
    # "Ask Beverly Branch how she quit ...": a person asked about something
    Pattern(
        _regex(
            r"\b(?i:ask)[ \t]+"
            + _NAME
            + r"(?=[ \t]+(?:how|what|why|whether|if|about|when|where)\b)"
        ),
        check=_name_check("full"),
    ),
    # "Ana Mitt is a new patient of ...", "Maria Lopez, a longtime patient, says ..."
    Pattern(
        _regex(
            r"\b" + _NAME + r"(?=(?:,|[ \t]+(?:is|was|has[ \t]+been|became))[ \t]+"
            r"(?:a|an|our|my|one[ \t]+of[ \t]+our)[ \t]+(?:[a-z-]+[ \t]+){0,2}?"
            r"(?:patient|client|resident)s?\b)"
        ),
        check=_patient_described,
    ),
    # "Denise Harper (daughter)"
    Pattern(_regex(r"\b" + _NAME + _ROLE_AFTER), check=_name_check("full")),
    # vocative: "Jessica, we checked ...", "... for the five stars, Brenda!", "Appt
    # reminder: Joel, you're booked ..."
    Pattern(
        _regex(
            r"(?:^|(?<=[.!?][ \t])|(?<=(?i:reminder):[ \t])|(?<=[\"“]))" + _NAME + _VOCATIVE_AFTER,
            re.MULTILINE,
        ),
        check=_name_check("list"),
    ),
    Pattern(
        _regex(r"(?<=,[ \t])" + _NAME + r"(?=[ \t]*(?:[!?.](?:\s|$)|$))", re.MULTILINE),
        check=_name_check("list"),
    ),
    # contact details follow: "Email Rob at rob@...", "call Maria on 541 ..."
    Pattern(
        _regex(r"\b" + _NAME + r"(?=[ \t]+(?:at|on|via)[ \t]+(?:[\w.+-]+@|\+?1?[ (]*\d{3}))"),
        check=_name_check("list"),
    ),
    Pattern(_regex(_GREETING + _NAME, re.MULTILINE), check=_name_check("full")),
    # a message introducing its writer: "hey its Veronica from the 2pm appt", "This is Joel."
    Pattern(
        _regex(
            r"\b(?i:it['’]?s|it[ \t]+is|this[ \t]+is)[ \t]+"
            + _NAME
            + r"(?=[ \t]+(?i:from|here|again|calling|texting|um|uh)\b|[ \t]*[,.!]|$)"
            # ... not the practice's own staff introducing themselves ("this is Ana from
            # the clinic")
            r"(?![ \t]+(?i:from)[ \t]+(?:(?i:the|our|your|Dr\.?)[ \t]+)?"
            r"(?i:clinic|office|practice|front[ \t]+desk|team|pharmacy|lab)\b)",
            re.MULTILINE,
        ),
        check=_name_check("list"),
    ),
    Pattern(
        _regex(r"\b" + _NAME + rf"(?=[ \t]+{_ADVERB}(?:{_VERBS})\b)"),
        check=_name_check("list"),
    ),
    Pattern(
        _regex(r"\b" + _NAME + rf"(?=['’]s\s+(?:{_POSSESSED})s?\b)"),
        check=_name_check("list"),
    ),
    Pattern(_regex(r"\b" + _NAME + r"(?=,\s+\d{1,3},|\s+\(\d{1,3}\))"), check=_name_check("list")),
    # "Rosa is 93 and ...", "Kwame will be 91 next month"
    Pattern(
        _regex(
            r"\b" + _NAME + rf"(?=[ \t]+(?:is|was|will[ \t]+be|just[ \t]+turned)[ \t]+"
            rf"(?:\d{{2,3}}|{_AGE_WORDS})\b)"
        ),
        check=_name_check("list"),
    ),
    # testimonial signature: "— John D., Springfield" after a quote or on its own line
    Pattern(
        _regex(
            r"(?:^|(?<=[\n\"”’'.!?)]))[ \t]*(?:[—–]|--|(?<=[\"”])[ \t]*-)[ \t]*" + _NAME,
            re.MULTILINE,
        ),
        check=_signed(_name_check("full")),
    ),
    Pattern(_regex(rf"\b(?P<name>{_CAP}[ \t]+[A-Z]\.)(?=[\s,;)]|$)"), check=_name_then_initial),
    # an initial and a surname after a cue: "from B. Hart", "-- K. Miller, Google review"
    Pattern(
        _regex(rf"(?<![\w.'’-])(?P<name>[A-Z]\.[ \t]+(?P<surname>{_CAP}))(?![\w'’-])"),
        check=_initial_and_surname,
    ),
    # two listed first names joined: "Ruth and Harold Becker", "Chris & Angela"
    Pattern(
        _regex(r"\b" + _NAME + rf"(?=[ \t]+(?:and|&)[ \t]+(?P<other>{_CAP})\b)"),
        check=_pair_check,
    ),
    Pattern(_regex(rf"\b(?P<other>{_CAP})[ \t]+(?:and|&)[ \t]+" + _NAME), check=_pair_check),
    # an address line: "Ship to Alike Karakaxes, 02463 Julia Plains ..."
    Pattern(_regex(_MAILED_TO + _NAME), check=_addressee),
    # a form label: "Caller: Ines Duarte", "Referred by: Kwame Mensah"
    Pattern(_regex(_FORM_LABEL + _NAME, re.MULTILINE), check=_labelled_name),
    # ... a surname first: "Athlete: Silva, Helena | DOB ..."
    Pattern(
        _regex(_FORM_LABEL + rf"(?P<name>{_CAP},[ \t]+{_CAP})(?=[ \t]*(?:$|[|/·;]))", re.MULTILINE),
        group="name",
        check=_surname_first,
    ),
    # a sign-off line: "Love, Aroha", "Best wishes, Ines Duarte"
    Pattern(
        _regex(_SIGN_OFF + _NAME + r"(?=[ \t]*(?:$|[.!,]|and\b|&))", re.MULTILINE),
        check=_signed(_labelled_name),
    ),
    # after a preposition: "a card from Ines Duarte", "flowers for Aroha", "the family of ..."
    Pattern(_regex(_PREPOSITION + _NAME), check=_cued_name),
    # "Vincent from the Benoits wrote ...": a person of a family
    Pattern(
        _regex(r"\b" + _NAME + rf"(?=[ \t]+from[ \t]+the[ \t]+{_CAP}s\b)"),
        check=_name_check("list"),
    ),
    # a relative clause about the person: "Ines Duarte, who was diagnosed with ..."
    Pattern(_regex(r"\b" + _NAME + r"(?=,?[ \t]+(?:who|whose)\b)"), check=_cued_name),
    # a chart line pasted in: "Ngaruiya, Idris / SSN ...", "Eriksson, Bo | DOB ..."
    Pattern(
        _regex(rf"(?m)^[ \t]*(?P<name>{_CAP},[ \t]+{_CAP})(?=[ \t]*[/|])"),
        group="name",
        check=_cued_name,
    ),
    # lower-case after the same cues: "a card from elina paronikyan", and before ", who"
    Pattern(
        _regex(
            rf"(?:{_PREPOSITION}|{_FORM_LABEL}|{_SIGN_OFF}|{_SHOUTOUT})(?P<name>{_LOWER_NAME})"
            r"(?![\w'’-])",
            re.MULTILINE,
        ),
        check=_lowercase_cued,
    ),
    Pattern(
        _regex(
            rf"(?<![\w'’-])(?P<name>{_LOWER_NAME})(?=,[ \t]+(?:who|whose|aged?)\b|"
            rf",[ \t]+\d{{1,3}},|[ \t]+{_ADVERB}(?:{_VERBS})\b)"
        ),
        check=_lowercase_cued,
    ),
    # a family by its surname: "the Hendersons", "the Nguyens"
    Pattern(_regex(rf"\b(?i:the)[ \t]+(?P<name>{_CAP}s)\b"), check=_family_name),
    # "the Kowalczyk family", "the Hill household"
    Pattern(
        _regex(
            rf"\b(?i:the)[ \t]+(?:(?i:whole|entire)[ \t]+)?(?P<name>{_CAP})"
            rf"(?=[ \t]+(?i:{_FAMILY_NOUN})\b)"
        ),
        check=_surname_family,
    ),
    # ... and in other languages: "la familia Turner", "die Familie Weber"
    Pattern(
        _regex(rf"\b(?i:{_FAMILY_BEFORE})[ \t]+(?P<name>{_CAP})\b"),
        check=_surname_familia,
    ),
    # a name in Latin letters before a Chinese, Japanese or Korean title, which follows it
    # with or without a space: "Mangede様", "感谢Ian Morris女士的来信", "Asmira Javohirov 님"
    Pattern(
        _regex(
            rf"(?<![A-Za-z\u00c0-\u024f'’-])"
            rf"(?P<name>{_EAST_ASIAN_NAME})"
            rf"[ \t]?(?={_EAST_ASIAN_TITLE})"
        ),
        check=_titled_east_asian,
    ),
    Pattern(
        _regex(
            rf"{_EAST_ASIAN_PATIENT}[ \t]?"
            rf"(?P<name>{_EAST_ASIAN_NAME})"
            r"(?![A-Za-z\u00c0-\u024f'’-])"
        ),
        check=_titled_east_asian,
    ),
    # places in a raffle or a race: "1st Gawati Salahudin, 2nd Mr. Brick, 3rd Heiðmar"
    Pattern(
        _regex(
            r"\b(?:1st|2nd|3rd|[4-9]th|10th)(?:[ \t]+(?i:place|prize))?[ \t]*[:.–-]?[ \t]+" + _NAME
        ),
        check=_labelled_name,
    ),
    # who speaks in a pasted thread: "fabián: does the flu shot ...? / okseniia: my arm ..."
    Pattern(_SPEAKER, check=_speaker),
    Pattern(_SAYS, check=_speaker),
    # a handle that is a first name: "@hazel asked ...", "Replying to @maría47"
    Pattern(_FIRST_NAME_HANDLE, check=_handle_first_name),
    # a support hashtag: "#MwangiStrong", "#TeamAroha"
    Pattern(_HASHTAG_NAME, check=_hashtag_name),
    # a first name that is an English word where only a person fits: "Hope told us ..."
    Pattern(_WORD_NAME_CUED, check=_word_first_name),
    # a lower-case first name alone where only a person fits: "Hey arthur, ...",
    # "shoutout to justin for ...", "email it like esther did"
    *(Pattern(cued, check=_lowercase_first_cued) for cued in _LOWER_FIRST_CUED),
    # who someone says they are, or who is mourned: "hi this is mahdi um", "RIP adam stus"
    Pattern(
        _regex(rf"{_INTRODUCED}(?P<name>[a-z][a-z'’-]*[a-z](?:[ \t]+[a-z][a-z'’-]*[a-z])?)"),
        check=_introduced_first,
    ),
    # in a title: "How Ifeanyi Beat Her Fear ...", "Why Casey West Never Skips ..."
    Pattern(_TITLE_CUED, check=_title_cued),
    Pattern(finder=_model_people),
    Pattern(finder=_spelled_by_email),
    Pattern(finder=_nicknamed),
    Pattern(finder=_rare_capitals),
    Pattern(finder=_title_names),
    Pattern(finder=_first_names_with_surnames),
    Pattern(finder=_lowercase_names),
    Pattern(finder=_named_together),
    Pattern(finder=_listed_in_lines),
    Pattern(finder=_lowercase_sentences),
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
_MODEL_DATE = _regex(
    r"\d.*\b(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|enero|febrero|marzo|abril|"
    r"mayo|junio|julio|agosto|sept?iembre|octubre|noviembre|diciembre)|"
    r"\b(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
    r"(?<![\d/.:-])\d{1,2}[/.-]\d{1,2}(?![\d:-])"  # not a time range ("10:30-11:10")
)


def _model_dates(scan: Scan) -> Iterator[Span]:
    for found in scan.model_spans:
        if found.kind == "date" and _MODEL_DATE.search(found.text):
            yield found.start, found.end


_YEAR = r"(?:1[89]|20)\d{2}"
#: March 3rd, Mar. 3, 2026, July 4, 1961
_MONTH_DAY = _regex(rf"\b{_MONTH}\.?\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")
#: 20 de julio de 2024, el 5 de mayo
_SPANISH_DATE = _regex(
    rf"\b(?:3[01]|[12]\d|0?[1-9])\s+de\s+{_ES_MONTH}\b(?:\s+(?:de|del)\s+{_YEAR}\b)?",
    re.IGNORECASE,
)
#: What stands before a month/day that is a date ("on 5/10", "through 7/23", "dia 5/15").
_DATE_WORD_BEFORE = _regex(
    r"(?<![\w'’])(?i:on|since|through|thru|until|till|is|was|dia|el|le|am|bis|ngày|noong|"
    r"z|em|au|op|du|del|vom|taken|stay|arrived|visit|f/u|"
    # a message's date ("Sent: 7/16/2024", "texted 8/3") and "born" in Polish ("ur. 6.09.2020")
    r"sent|texted|e-?mailed|messaged|ur\.|"
    # a chart's and a requisition's labels ("Adm. 06.10.2025 | Disch. 2025/05/22",
    # "collected 3/23", "requested 6/14", "login 11/9/2019"), "due" and "before" a date
    r"adm\.|admit(?:ted)?|disch\.|collected|drawn|requested|login|due|before)[ \t]*:?[ \t]*$|\($"
)
#: A date that closes a sentence after a comma, as a caption's or a note's date does
#: ("... holding the newest member of the family, 8/2.").
_DATELINE_BEFORE = _regex(r",[ \t]*$")
_DATELINE_AFTER = _regex(r"^[ \t]*[.!)]?[ \t]*(?:$|\n)")
#: What stands after one: a time ("at 10:40am", "às 14h", "lúc 9 giờ") or a Korean
#: particle ("8/2로").
_DATE_AFTER = _regex(
    r"^[ \t]*,?[ \t]*(?:(?i:at|@|às|a las|à|um|lúc|om)[ \t]*\d|\d{1,2}(?::\d{2})?[ \t]*"
    r"(?i:[ap]\.?m)|로|에|일)"
)
#: A field separator of a line flattened from a table, a list or a log: a bullet, a
#: bar, a middle dot, a semicolon or a dash, a slash between spaces ("Langat Dennis /
#: June 25th / ACC# ..."), or a CSV row's comma (no space after it: a comma in prose, "On
#: Tuesday, March 3, she ...", is none).
_FIELD_BEFORE = _regex(r"(?:^|[•|;–—·][ \t]*|,|[ \t]/[ \t]*)$")
_FIELD_AFTER = _regex(r"^(?:$|[ \t]*(?:[•|;–—·\n]|$)|,(?![ \t])|[ \t]*/[ \t])")


#: After a fraction: what it is a part of, or a unit ("3/4 of", "1/2 tablet").
_AMOUNT_AFTER = _regex(
    r"^[ \t]*(?i:of\b|cups?\b|tablets?\b|tabs?\b|pills?\b|doses?\b|mg\b|ml\b|tsp\b|tbsp\b|"
    r"teaspoons?\b|inch(?:es)?\b|miles?\b|%|percent\b)"
)


def _dates_about_someone(scan: Scan) -> Iterator[Span]:
    """Dates with a day (:data:`_SPECIFIC_DATES`) tied to the person a sentence names by
    where they stand: after a word that introduces a date or before a time of day, as
    one field of a line flattened from a table or log, or anywhere in a sentence in
    another language (whose words for visits and births the cues do not know)."""
    text = scan.text
    seen: set[Span] = set()
    foreign: dict[int, bool] = {}  # by sentence start: read once, however many dates it holds
    # a short message opening with thanks in another language is written in it
    thanked_elsewhere = len(text) <= ADDRESSED_CHARS and bool(
        _OPENS_BY_THANKS_ELSEWHERE.match(text)
    )

    def in_another_language(s_start: int, s_end: int) -> bool:
        if s_start not in foreign:
            foreign[s_start] = (
                len(_OTHER_SCRIPT.findall(text, s_start, s_end)) >= 2
                or sentence_language(text[s_start:s_end]) is not None
            )
        return foreign[s_start]

    for regex in _SPECIFIC_DATES:
        for match in regex.finditer(text):
            start, end = match.span("d") if "d" in regex.groupindex else match.span()
            if (start, end) in seen:
                continue
            seen.add((start, end))
            before, after = text[max(0, start - 12) : start], text[end : end + 16]
            if _AMOUNT_AFTER.match(after):
                continue  # a fraction: "5/6 of the way", "1/2 tablet"
            s_start, s_end = scan.sentence(start)
            elsewhere = thanked_elsewhere or in_another_language(s_start, s_end)
            placed = (
                _DATE_WORD_BEFORE.search(before)
                or _DATE_AFTER.match(after)
                or (_FIELD_BEFORE.search(before) and _FIELD_AFTER.match(after))
                or (_DATELINE_BEFORE.search(before) and _DATELINE_AFTER.match(after))
                or elsewhere
            )
            if placed and (
                scan.names_someone(start, end) or _addressed_before(scan, start, thanks=elsewhere)
            ):
                yield start, end


#: A short message that opens by greeting a person ("Hi Anna! Reminder: Dr. Lee, the 18th
#: of August, 2:15pm"): its dates are that person's. Longer texts are posts, not messages.
#: Thanks are no such greeting where the date's sentence can be read ("Thanks Maria for the
#: cookies! The clinic is on 10/1"); in a sentence in another language, whose words for a
#: clinic or a visit the cues do not know, a message thanking someone by name dates them
#: ("Спасибо, János, за тёплый отзыв! Выписка была 6/21").
ADDRESSED_CHARS = 320
_OPENS_BY_GREETING = _regex(
    r"[\W_]*(?i:hi|hello|hey|dear|hola|good[ \t]+(?:morning|afternoon|evening))[ \t]*,?[ \t]*"
)
_OPENS_BY_THANKS = _regex(rf"[\W_]*(?i:{_GREETING_WORDS})\s*,?[ \t]*")
_OPENS_BY_THANKS_ELSEWHERE = _regex(rf"[\W_]*(?i:{_THANKS_ELSEWHERE})\b")


def _addressed_before(scan: Scan, start: int, *, thanks: bool = False) -> bool:
    """Does the text (a short message) open by greeting someone (or, with ``thanks``,
    by thanking someone) before ``start``?"""
    if len(scan.text) > ADDRESSED_CHARS:
        return False
    opening = _OPENS_BY_THANKS if thanks else _OPENS_BY_GREETING
    for a, _ in scan.every_name:
        if a > start or a > 40:
            return False
        if opening.fullmatch(scan.text, 0, a):
            return True
    return False


_TIED = (("life_event",), ("encounter", "person"))
_TIED_TO_PERSON = (("encounter", "person"), ("life_event", "person"))

_DATE_PATTERNS: tuple[Pattern, ...] = (
    # March 3rd, Mar. 3, 2026, July 4, 1961
    Pattern(_MONTH_DAY, needs=_TIED),
    # 3 March 2026, the 3rd of March, 12 Aug 2023
    Pattern(_regex(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_FULL}\b(?:,?\s+{_YEAR}\b)?"), needs=_TIED),
    Pattern(_regex(rf"\b{_DAY}\s+{_MONTH}\.?(?:,?\s+{_YEAR})\b"), needs=_TIED),
    # Sat 19 Jul, Saturday, 20 June; 6-Oct-2026
    Pattern(
        _regex(
            rf"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\.?,?"
            rf"\s+{_DAY}\s+{_MONTH}\b\.?"
        ),
        needs=_TIED,
    ),
    Pattern(_regex(rf"\b{_DAY}-{_MONTH}-(?:{_YEAR}|\d{{2}})\b"), needs=_TIED),
    # 20 de julio de 2024, el 5 de mayo
    Pattern(_SPANISH_DATE, needs=_TIED),
    # day-first and year-first: 14/03/2024, 2024/03/14, 14.03.24
    Pattern(
        _regex(
            rf"(?<![\d/.-])(?:1[3-9]|2\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:{_YEAR}|\d{{2}})"
            r"(?![\d/-]|\.\d)"
        ),
        needs=_TIED,
    ),
    Pattern(
        _regex(
            rf"(?<![\d/.-]){_YEAR}([/.])(?:0?[1-9]|1[0-2])\1(?:3[01]|[12]\d|0?[1-9])(?![\d/]|\.\d)"
        ),
        needs=_TIED,
    ),
    # "Discharged 11/26", "Seen 7/22", "Admit date 1/7", "Follow-up visit 6/5": a short
    # date right after a word for a person's own event ties itself to that person
    Pattern(
        _regex(
            r"\b(?i:discharged|admitted|seen|visit|dob|born|died|surgery|delivered|appt|"
            r"appointment|admit[ \t]+date|check-?up)[ \t]*:?[ \t]*"
            r"(?P<d>(?:0?[1-9]|1[0-2])/(?:3[01]|[12]\d|0?[1-9])(?:/(?:\d{4}|\d{2}))?)"
            r"(?![\d/])"
        ),
        group="d",
    ),
    Pattern(
        _regex(
            r"\b(?i:date|on|since|from|until|el)[ \t]*:?[ \t]*"
            r"(?P<d>(?:0?[1-9]|1[0-2])/(?:3[01]|[12]\d|0?[1-9]))"
            r"(?![\d/])"
        ),
        group="d",
        needs=_TIED,
    ),
    # "born 1/16", "died 12/23": a bare month/day with a life event in the sentence
    Pattern(
        _regex(r"(?<![\d/.,-])(?:0?[1-9]|1[0-2])/(?:3[01]|[12]\d|0?[1-9])(?![\d/]|\.\d)"),
        needs=(("life_event",),),
    ),
    # "diagnosed 2/11", "her surgery was 12/23": a bare month/day after such a verb
    Pattern(
        _regex(
            r"\b(?:was|diagnosed|treated|seen|operated|vaccinated|tested|scanned)[ \t]+"
            r"(?P<d>(?:0?[1-9]|1[0-2])/(?:3[01]|[12]\d|0?[1-9]))(?![\d/]|\.\d)"
        ),
        group="d",
        needs=_TIED,
    ),
    # "27 Mar", "Sat 4 Jun": a day then an abbreviated month, no year
    Pattern(_regex(rf"\b{_DAY}\s+{_MONTH}\b\.?(?!\s*\d)"), needs=_TIED),
    # a date with its day, where a date stands (after "on", "noong", "le", before a time
    # of day), as a field of a flattened record ("Pickup log • 7/23 • Mr Rojas"), or in
    # a sentence written in another language, when the sentence names someone
    Pattern(finder=lambda scan: _dates_about_someone(scan)),
    # what the model calls a date, when it names a month or has a day number
    Pattern(finder=_model_dates, needs=_TIED),
    # 03/14/1958, 3-14-58, 3.14.1958
    Pattern(
        _regex(
            rf"(?<![\d/.-])(?:0?[1-9]|1[0-2])([/.-])(?:3[01]|[12]\d|0?[1-9])\1(?:{_YEAR}|\d{{2}})"
            r"(?![\d/-]|\.\d)"
        ),
        needs=_TIED,
    ),
    # "on 3/14"
    Pattern(_regex(r"(?<=\bon )(?:0?[1-9]|1[0-2])/(?:3[01]|[12]\d|0?[1-9])(?![\d/])"), needs=_TIED),
    # 1947-09-22
    Pattern(_regex(rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:3[01]|[12]\d|0[1-9])\b"), needs=_TIED),
    # June 2024
    Pattern(_regex(rf"\b{_MONTH_FULL}\.?,?\s+(?:of\s+)?{_YEAR}\b"), needs=_TIED),
    # holidays are dates
    Pattern(
        _regex(
            r"\b(?:Christmas(?:\s+(?:Eve|Day))?|Thanksgiving(?:\s+Day)?|New\s+Year['’]s\s+(?:Eve|Day)|"
            r"Easter(?:\s+Sunday)?|Halloween|Valentine['’]s\s+Day|Mother['’]s\s+Day|"
            r"Father['’]s\s+Day|Memorial\s+Day|Labor\s+Day|Independence\s+Day|"
            r"(?:the\s+)?Fourth\s+of\s+July)\b"
        ),
        needs=_TIED,
    ),
    # last Tuesday, this past Friday, Monday (not "a Monday", "every Monday", "Mondays")
    Pattern(
        _regex(
            r"(?<!\ba )(?<!\bevery )(?<!\beach )(?<!\bany )(?<!\bevery other )"
            r"(?<!\bevery first )(?<!\bevery second )(?<!\bevery third )(?<!\bevery fourth )"
            r"\b(?:(?i:last|this\s+past|next)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
            r"(?:\s+(?:morning|afternoon|evening|night))?"
            # a weekday naming a recurring event: "the Saturday flu clinic is walk-in"
            r"(?![ \t]+(?:[\w-]+[ \t]+)?(?i:clinics?|class(?:es)?|hours|groups?|sessions?|"
            r"markets?|shifts?|walk-ins?)\b)"
        ),
        needs=_TIED_TO_PERSON,
    ),
    # yesterday, this morning, two days ago
    Pattern(
        _regex(
            r"\b(?:yesterday|the\s+day\s+before\s+yesterday|last\s+(?:night|week(?:end)?|month)|"
            r"this\s+(?:morning|afternoon|evening|past\s+week(?:end)?)|earlier\s+(?:today|this\s+week)|"
            r"today|tonight|over\s+the\s+weekend|(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|"
            r"ten|a\s+few|a\s+couple(?:\s+of)?)\s+(?:days?|weeks?)\s+ago)\b",
            re.IGNORECASE,
        ),
        needs=_TIED_TO_PERSON,
    ),
    # a month alone only with a life event of a person: "she was born in March"
    Pattern(_regex(rf"\b{_MONTH_FULL}\b"), needs=(("life_event", "person"),)),
)

#: The date patterns whose dates have a day: "Apr 4", "07 May 2020", "2024.02.25",
#: "8/11" (not a weekday, a month or a holiday alone).
_SPECIFIC_DATES: tuple[re.Pattern[str], ...] = (
    _MONTH_DAY,
    _regex(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+{_YEAR}\b)?"),
    _regex(
        rf"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\.?,?"
        rf"\s+(?:{_DAY}\s+{_MONTH}\b\.?|{_MONTH_FULL}\s+{_DAY}\b)"
    ),
    _SPANISH_DATE,
    _regex(rf"\b{_DAY}-{_MONTH}-(?:{_YEAR}|\d{{2}})\b"),
    _regex(
        r"(?<![\d/.-])(?P<d>(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|"
        rf"{_YEAR}[/.-]\d{{1,2}}[/.-]\d{{1,2}}|(?:0?[1-9]|1[0-2])/(?:3[01]|[12]\d|0?[1-9])))"
        r"(?![\d/]|\.\d|-\d)"
    ),
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
_STREET_CANDIDATE = _regex(
    rf"(?<![\w.,/-])(?P<street>\d{{1,6}}[A-Z]?[ \t]+(?:{_DIRECTION}[ \t]+)?"
    rf"(?:(?:Calle|Avenida|Camino|Highway|Hwy|Route|Rte|State[ \t]+Route|County[ \t]+Road|"
    rf"US|SR|CR)\.?[ \t]+\d{{1,4}}|"
    rf"(?:[A-Z][A-Za-z'’-]+|\d{{1,3}}(?:st|nd|rd|th))(?:[ \t]+(?:[A-Z][A-Za-z'’-]+\.?|"
    rf"\d{{1,3}}(?:st|nd|rd|th))){{0,3}}){_UNIT})"
    r"(?P<after>,[ \t]*[A-Z][A-Za-z .'-]{1,30},[ \t]*[A-Z]{2}\b)?"
)
_ADDRESS_AFTER = _regex(r"^[ \t]*(?:\(?\s*zip\b|,[ \t]*(?:[A-Z][a-z]+[ \t]*)+,[ \t]*[A-Z]{2}\b)")


def _usaddress_street(scan: Scan, match: re.Match[str]) -> Span | None:
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

#: A house number, one to six capitalised words or unit parts, then (after a comma or a
#: slash, and a town perhaps) five digits: the ZIP of that street line.
_ZIP_AFTER_STREET = _regex(
    r"(?<![\w.,/-])(?P<street>\d{1,6}[A-Z]?(?:[ \t]+(?:[A-Z][A-Za-z'’-]*\.?|\d{1,3}(?:st|nd|rd|th)|"
    r"\#?\d{1,5}[A-Z]?)){1,6})[ \t]*[,/|•][ \t]*"
    r"(?:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}[ \t]*[,/|•][ \t]*(?:[A-Z]{2}[ \t]+)?)?" + _ZIP
)
_TYPED_STREET = frozenset({"StreetNamePostType", "OccupancyType", "USPSBoxType"})


def _zip_after_street(scan: Scan, match: re.Match[str]) -> Span | None:
    """The ZIP after a street line, when usaddress reads that line as a house number, a
    street name and a street type or a unit ("910 Vega Lakes"; not "2024 Vitamin D")."""
    try:
        tagged = usaddress.parse(match.group("street"))
    except Exception:  # usaddress raises on odd input; it is only a candidate
        return None
    labels = [label for _, label in tagged]
    if labels[:1] != ["AddressNumber"] or "StreetName" not in labels:
        return None
    return match.span("zip") if _TYPED_STREET.intersection(labels) else None


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
    regex = _regex(rf"\b(?:{cue})(?!\w)\.?{_FILLER}{_ID}", re.IGNORECASE)
    return Pattern(regex, group="id", check=_record_id, label=label, unless=unless)


#: (cue words, label) for numbers that identify a record, plan, account,
#: licence, vehicle or device when such a cue stands right before them.
RECORD_CUES: tuple[tuple[str, str], ...] = (
    (
        rf"MRN|medical\s+record(?:\s+{_NO})?|chart\s*{_NO}|chart(?=\s*\#)|patient\s+{_NO}|"
        r"chart(?=[ \t]+[A-Za-z]{0,3}-?\d{5,}\b)|"
        # "chart 3802-4920", never a range of years ("the chart 2020-2024")
        r"chart(?=[ \t]+(?!(?:19|20)\d\d-(?:19|20)\d\d\b)\d{3,}-\d{3,}(?:-\d+)?\b)|"
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
        rf"receipt\s*{_NO}|receipt(?=\s*\#)|account(?=[ \t]+[A-Za-z]{{0,3}}-?\d{{5,}}\b)|"
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
        rf"(?:student|employee)\s*{_NO}|ID\s*(?:number|no\.?|\#)|confirmation\s*(?:{_NO}|code)|"
        # a lab's accession number ("ACC# MG-935264"); a bare ID before a number of five
        # digits or more ("MEMBER ... ID 9248344")
        rf"acc(?:ession)?\s*(?:{_NO}|\#)|accession|(?-i:ID)(?=[ \t]+[A-Za-z]{{0,3}}-?\d{{5,}}\b)",
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
                    _regex(r"(?<![\d-])(?P<a>\d{3})-(?P<g>\d{2})-(?P<s>\d{4})(?![\d-])"),
                    check=_ssn_shape,
                ),
                Pattern(
                    _regex(r"(?<![\d-])\d{3}[ .-]?\d{2}[ .-]?\d{4}(?![\d-])"),
                    needs=(("ssn",),),
                ),
                Pattern(_regex(r"(?<![\d-])\d{4}(?![\d-])"), needs=(("ssn", "last_four"),)),
            ),
        ),
        Rule(
            "record_number",
            "record or account number",
            "H-M, R",
            "A number with a cue word right before it: MRN, medical record, chart #, chart "
            "and a number of five digits or more, receipt #, member ID, "
            "policy, health plan, beneficiary / Medicare / Medicaid ID, account / acct, licence, "
            "DEA, certificate, passport, VIN, licence plate, device serial, UDI, IMEI, Rx #, "
            "claim / case number.",
            "Lot numbers, NDCs and model numbers (no cue); serial ranges in recall context "
            "('recalled pumps with serial numbers PX20114 through ...'); bare years.",
            (
                *(
                    _record(cue, label, unless=("recall_context",) if "serial" in label else ())
                    for cue, label in RECORD_CUES
                ),
                # one device's serial in parentheses, recall or not: "Mr Nanda's machine
                # (serial 9559-8772)", "(pump serial 8969351)"; a recall's ranges are no
                # single number closing a parenthesis
                Pattern(
                    _regex(
                        rf"\((?:[a-z]+[ \t]+)?(?i:serial)(?:[ \t]*{_NO})?[ \t]*[:#]?[ \t]*{_ID}\)"
                    ),
                    group="id",
                    check=_record_id,
                    label="device serial number",
                ),
            ),
        ),
        Rule(
            "email",
            "e-mail address",
            "F",
            "E-mail addresses, also written as 'name (at) host.com' or 'name [at] host [dot] com'.",
            "The practice's address and domain; addresses at public agency domains.",
            (
                Pattern(_EMAIL_ADDRESS),
                Pattern(
                    _regex(
                        r"(?<![\w.%+-])[\w.%+-]++\s*[\[(]\s*at\s*[\])]\s*[A-Za-z0-9-]+"
                        r"(?:\s*(?:[\[(]\s*dot\s*[\])]|\.)\s*[A-Za-z0-9-]+)+",
                        re.IGNORECASE,
                    )
                ),
                Pattern(
                    _regex(
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
                Pattern(_regex(r"\bhttps?://[^\s<>()\[\]\"'`]+"), check=_url_span),
                Pattern(_regex(r"(?<![\w/.@-])www\.[^\s<>()\[\]\"'`]+"), check=_url_span),
                Pattern(
                    _regex(
                        r"(?<![\w@./:-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
                        r"(?:com|org|net|gov|edu|us|io|me|app|co|info|ly|ee|tv|social|health|"
                        r"example|int|mil|page|blog|site|biz|info|name|online)\b(?:/[^\s<>()\[\]\"'`]*)?",
                        re.IGNORECASE,
                    ),
                    check=_url_span,
                ),
                # social handles: "@tina.marsh.runs", "@gracie_grows" (not e-mail addresses)
                Pattern(
                    _regex(
                        r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?(?![\w@])"
                    ),
                    label="social media handle",
                    check=_handle_of_no_first_name,
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
            "with fewer or more than four parts, or right after 'version', 'firmware', "
            "'build', 'update to' ...",
            (
                Pattern(
                    _regex(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)"),
                    check=_ip_span,
                    unless=("version",),
                ),
                Pattern(
                    _regex(
                        r"(?<![\w:.])(?=[0-9A-Fa-f:]{0,39}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?![\w:])"
                    ),
                    check=_ip_span,
                ),
            ),
            allowed=_ip_allowed,
            informs=("person", "device"),
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
                Pattern(_NANP_PHONE, unless=("fax", "product_code")),
                Pattern(_LOOSE_PHONE, needs=(("phone_word",),), unless=("fax", "product_code")),
                # ten digits run together before an extension: "3601813416 ext. 3"
                Pattern(
                    _regex(
                        r"(?<![\d-])(?:\+?1)?\d{10}"
                        r"(?=[ \t]*(?:(?i:ext\.?|extension)[ \t]*|x)\d)"
                    ),
                    unless=("fax", "product_code"),
                ),
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
                    _regex(
                        rf"\b\d{{1,6}}[A-Z]?[ \t]+(?:{_DIRECTION}[ \t]+)?"
                        rf"(?:{_STREET_WORD}[ \t]+){{1,3}}{_SUFFIX}"
                        rf"(?:[ \t]+{_DIRECTION}(?!\w))?{_UNIT}"
                    )
                ),
                Pattern(_STREET_CANDIDATE, check=_usaddress_street),
                Pattern(
                    _regex(
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
            "'zip code' / 'postal code', after 'lives in' / 'moved to', or after a street "
            "line (910 Vega Lakes, 66704); a ZIP+4 anywhere (86089-5350).",
            "The practice's ZIP code; 5-digit numbers without an address cue (doses such as "
            "'50000 IU', counts, lot numbers).",
            (
                Pattern(
                    _regex(rf"\b(?:{_US_STATES}|{_STATE_NAMES}),?[ \t]+{_ZIP}"),
                    check=_zip_span,
                ),
                Pattern(
                    _regex(
                        rf"\b(?i:zip(?:[ \t]*code)?|zipcode|postal[ \t]+code|ZIP\+4|"
                        # ... in the languages patients write in
                        r"mã[ \t]+bưu[ \t]+(?:chính|điện)|código[ \t]+postal|kod[ \t]+pocztowy|"
                        rf"почтовый[ \t]+индекс|CEP)\b[ \t]*"
                        rf"(?i:is|was|of)?[ \t]*[:#,(\[]?[ \t]*{_ZIP}"
                    ),
                    check=_zip_span,
                ),
                Pattern(
                    _regex(
                        r"\b(?i:lives?|living|lived|moved|resides?|residing)[ \t]+(?i:in|to)[ \t]+"
                        + _ZIP
                    ),
                    check=_zip_span,
                ),
                # ZIP+4 alone: "86089-5350" (no product code has that shape; an NDC goes on)
                Pattern(
                    _regex(r"(?<![\w/.-])(?P<zip>\d{5}-\d{4})(?![\w-]|\.\d)"),
                    check=_zip_span,
                    unless=("product_code",),
                ),
                # after a street line: "910 Vega Lakes, 66704", "Sara Dixon / 78222 Christina
                # Unions Suite 809 / 24190-1666", "12 Oak St, Eugene, 97401"
                Pattern(_ZIP_AFTER_STREET, check=_zip_after_street, unless=("product_code",)),
                # after a post-office box: "PO Box 5704 | 60856", "P.O. Box 12, Bend, OR 97701"
                Pattern(
                    _regex(
                        r"\b(?i:P\.?[ \t]*O\.?[ \t]*Box)[ \t]+\d{1,6}[ \t]*[,|/•;–—][ \t]*"
                        r"(?:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}[ \t]*[,|][ \t]*"
                        r"(?:[A-Z]{2}[ \t]+)?)?" + _ZIP
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
            "a name); in a sentence that names someone (not a clinician or staff), a date "
            "with its day where a date stands (on 5/10, through 7/23, is 12/26 at 3:20), as "
            "a field of a flattened record (Pickup log • 7/23 • ...), or in a sentence "
            "written in another language.",
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
                    _regex(
                        r"\b(?P<age>\d{2,3})[- ](?:years?|yrs?)[- ](?:old|young)\b"
                        + _NOT_A_PERSON_AFTER,
                        re.IGNORECASE,
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    _regex(
                        r"\b(?P<age>(?:ninety|one[- ]hundred)(?:[- ](?:one|two|three|four|five|six|"
                        r"seven|eight|nine))?)[- ](?:years?)[- ](?:old|young)\b",
                        re.IGNORECASE,
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    _regex(
                        rf"\b(?:aged?|age\s+of)[ \t]+{_AGE}\b",
                        re.IGNORECASE,
                    ),
                    check=_age_over_89,
                ),
                # "ran her first 5K at 92!": "at" and an age that ends the clause, said of a person
                Pattern(
                    _regex(
                        rf"\b(?i:at)[ \t]+{_AGE}"
                        r"(?=[ \t]*(?:[!?;)]|\.(?:\s|$)|$))",
                        re.MULTILINE,
                    ),
                    check=_age_over_89,
                    needs=(("person",),),
                ),
                # "a patient in her 90s", "my grandfather, now in his late nineties": a
                # decade over 89 narrows the age more than the allowed "90 or older"
                Pattern(
                    _regex(
                        r"\b(?i:in|into)[ \t]+"
                        r"(?i:his|her|my|(?<=both in )their|(?<=both into )their)[ \t]+"
                        rf"(?P<decade>{_DECADE_OVER_89}(?![\w'’]))"
                    ),
                    group="decade",
                ),
                Pattern(
                    _regex(r"\b(?P<age>\d{2,3})[ \t]*(?:y/o|y\.o\.|yo)(?!\w)", re.IGNORECASE),
                    check=_age_over_89,
                ),
                Pattern(
                    _regex(
                        r"\bturn(?:ed|s|ing)?[ \t]+(?P<age>\d{2,3})\b"
                        r"(?![ \t]*(?:degrees|°|%|percent|mg|minutes|miles))",
                        re.IGNORECASE,
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    _regex(r"\b(?P<age>\d{2,3})(?:st|nd|rd|th)[ \t]+birthday\b", re.IGNORECASE),
                    check=_age_over_89,
                ),
                # "blowing out ninety candles", "92 birthday candles" (not "100 candles")
                Pattern(
                    _regex(
                        rf"\b(?i:blow\w*|blew)[ \t]+out[ \t]+(?:(?i:her|his|their|all)[ \t]+)?"
                        rf"{_AGE}[ \t]+(?i:(?:birthday[ \t]+)?candles)\b"
                        rf"|\b(?P<age2>\d{{2,3}}|{_AGE_WORDS})[ \t]+(?i:birthday[ \t]+candles)\b"
                    ),
                    check=_candles,
                ),
                # "Our oldest patient, 101,", "At 92,", "97 años", "celebrated 95 years"
                Pattern(
                    _regex(
                        rf"\b(?i:patient|resident|friend|mother|father|grandmother|grandfather|"
                        rf"neighbou?r|member|mom|dad|at)[ \t]*,?[ \t]+"
                        rf"{_AGE},"
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    _regex(rf"\b{_AGE}[ \t]+a[ñn]os\b", re.IGNORECASE),
                    check=_age_over_89,
                ),
                # a person's age in other languages: "wird 99 Jahre alt", "đã 103 tuổi",
                # "fête ses 95 ans", "ma 92 lata", "96세", "今年95岁" (a letter of a script
                # without spaces may stand right before the number: no word boundary there)
                Pattern(
                    _regex(
                        r"(?<![\d.,])(?P<age>\d{2,3})[ \t]*(?:(?i:Jahre?[ \t]+alt|tuổi|lata?\b|"
                        r"taong[ \t]+gulang|taon\b)|세|岁|歲|歳)"
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    _regex(
                        r"\b(?i:(?:a[ \t]+)?fêté[ \t]+ses|fête[ \t]+ses|a[ \t]+eu|aura|"
                        r"vient[ \t]+d['’]avoir|célèbre[ \t]+ses)[ \t]+(?P<age>\d{2,3})[ \t]+ans\b"
                    ),
                    check=_age_over_89,
                ),
                # "Made it to 97!": a birthday reached, said by or of a person
                Pattern(
                    _regex(
                        r"\b(?i:made[ \t]+it[ \t]+to|reached|turning)[ \t]+(?P<age>\d{2,3})"
                        r"(?=[ \t]*(?:!|\.(?:\s|$)|,|$)|[ \t]+(?i:today|this\s+week|years))"
                    ),
                    check=_age_over_89,
                    needs=(("person",),),
                ),
                # "a sharp-witted gentleman of 96 who ...": a person of an age
                Pattern(
                    _regex(
                        rf"\b(?i:gentleman|gentlemen|lady|woman|man|fellow|gal|guy|patient|"
                        rf"grand(?:ma|pa|mother|father)|veteran|widow(?:er)?|friend|neighbou?r)"
                        rf"[ \t]+of[ \t]+{_AGE}\b"
                        r"(?![ \t]*(?:%|percent|years|people|patients|others|us|them|minutes))"
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    _regex(
                        rf"\b(?i:celebrat\w*|marked|reached|hit)[ \t]+(?:(?:her|his|their)[ \t]+)?"
                        rf"{_AGE}"
                        r"(?:[ \t]+years|(?:st|nd|rd|th)?[ \t]+birthday)"
                    ),
                    check=_age_over_89,
                ),
                Pattern(
                    _regex(rf"\b(?i:turn(?:ed|s|ing)?)[ \t]+(?P<age>{_AGE_WORDS})\b"),
                    check=_age_over_89,
                ),
                # "my mother, who is 94,", "she's 91", "he was 96 when ...", "she will be 92"
                Pattern(
                    _regex(
                        r"\b(?i:who|she|he|I|mom|dad|mum|mother|father|grandma|grandpa|granny|"
                        r"nana|papa|grandmother|grandfather|pt|patient)"
                        r"(?:[ \t]+(?:is|was|am|will[ \t]+be)|['’][sm])[ \t]+"
                        rf"{_AGE}\b{_NOT_AN_AGE_AFTER}",
                    ),
                    check=_age_over_89,
                ),
                # "she's going on 101", "passed away at 96", "died at the age of 99"
                Pattern(
                    _regex(
                        r"\b(?i:going[ \t]+on|passed[ \t]+away[ \t]+at|died[ \t]+at)"
                        rf"[ \t]+(?:(?i:the[ \t]+age[ \t]+of)[ \t]+)?{_AGE}\b{_NOT_AN_AGE_AFTER}"
                    ),
                    check=_the_age,
                ),
                # "Our oldest flu-shot patient this season is 106!", "The oldest finisher,
                # Judith Smart, is 98": the oldest one, whoever it is, is a person of that age
                Pattern(
                    _regex(
                        r"\b(?i:oldest)\b[^.!?\n]{0,80}?\b(?i:is|was|turned|at)[ \t]+"
                        rf"{_AGE}\b{_NOT_AN_AGE_AFTER}"
                    ),
                    check=_the_age,
                    needs=(("person",),),
                ),
                # "Dad ('90s, stubborn as ever)", "Mom (late nineties)": a decade over 89 as a
                # person's age in parentheses
                Pattern(
                    _regex(rf"\((?P<decade>{_DECADE_OVER_89})(?=[ \t]*[,;)])"),
                    group="decade",
                    needs=(("person",),),
                ),
                # "Rosa is 93 and still drives", "Kwame will be 91 next month"
                Pattern(
                    _regex(
                        rf"\b(?P<name>{_CAP})[ \t]+(?:is|was|will[ \t]+be|just[ \t]+turned)"
                        rf"[ \t]+{_AGE}\b{_NOT_AN_AGE_AFTER}"
                    ),
                    check=_age_after_name,
                ),
                Pattern(
                    _regex(
                        rf"\b(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|[A-Z]\.)){{0,2}})(?:,[ \t]+"
                        rf"{_AGE}[,:]|"
                        r"[ \t]+\((?P<age2>\d{2,3})\)|"
                        # ... or the next field of a row: "Abellán | 105 |", "Njoku - 91 - lives"
                        r"[ \t]*(?P<bar>[|;]|[ \t]-|[–—])[ \t]*(?P<age3>\d{2,3})[ \t]*(?P=bar))"
                    ),
                    check=_age_in_parens,
                ),
                # a quote signed with a name and an age: "— Sofiia, 105"
                Pattern(
                    _regex(
                        rf"(?<=[—–])[ \t]*(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|[A-Z]\.)){{0,2}}),"
                        rf"[ \t]+{_AGE}\b{_NOT_AN_AGE_AFTER}"
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
            informs=("staff", "staff_byline", "staff_signature"),
        ),
    )


def _age_after_name(scan: Scan, match: re.Match[str]) -> Span | None:
    """ "Rosa is 93": the age, when the word before is a name (listed, rare or the
    model's person) and not a common word ("Route 9 is 95 ...")."""
    name = match.group("name")
    if common_word(name) or _not_a_person_word(name):
        return None
    if not (name_like(name) or scan.model_person_at(*match.span("name"))):
        return None
    return match.span("age") if _age_over_89(scan, match) else None


def _age_in_parens(scan: Scan, match: re.Match[str]) -> Span | None:
    """'Harold, 97,', 'Harold (97)' or a row's next field ('Abellán | 105 |'): the age,
    when the name is a listed first name (or the model's person)."""
    group = _age_group(match)
    if not _over_89(match.group(group)):
        return None
    if not (name_like(match.group("name").split()[0]) or scan.model_person_at(*match.span("name"))):
        return None
    return match.span(group)


#: The rule table, in priority order: when candidates overlap, the earlier
#: rule wins (an SSN is not also a phone number; an e-mail address is not
#: also a URL).
RULES: tuple[Rule, ...] = _rules()
RULES_BY_ID: Mapping[str, Rule] = {rule.id: rule for rule in RULES}


def keep_derived(folder: Path | None) -> None:
    """Call in a process before it scans: what the prefilters derive from the rules'
    patterns is read from ``folder``, where the first process to derive it kept it
    (:func:`~healthnotes.gate.prefilter.keep_in`; None: derived as each is needed)."""
    keep_in(folder, (p.regex for rule in RULES for p in rule.patterns if p.regex is not None))


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


_PATTERNS.save()  # every pattern above is compiled: kept for the next process
