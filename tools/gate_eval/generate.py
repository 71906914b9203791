"""Generate the gate evaluation set: ``tests/data/gate_eval/frozen.tsv`` and ``dev.tsv``.

Run only when someone deliberately regenerates the set (never at build time)::

    .venv/bin/python tools/gate_eval/generate.py            # writes dev.tsv only
    .venv/bin/python tools/gate_eval/generate.py --dev2     # writes dev2.tsv only
    .venv/bin/python tools/gate_eval/generate.py --dev3     # dev3_tune.tsv, dev3_check.tsv
    .venv/bin/python tools/gate_eval/generate.py --dev4     # dev4_tune.tsv, dev4_check.tsv
    .venv/bin/python tools/gate_eval/generate.py --dev5     # dev5_tune.tsv, dev5_check.tsv
    .venv/bin/python tools/gate_eval/generate.py --dev6     # dev6_tune.tsv, dev6_check.tsv
    .venv/bin/python tools/gate_eval/generate.py --dev7     # dev7_tune.tsv, dev7_check.tsv
    .venv/bin/python tools/gate_eval/generate.py --dev8     # dev8_tune.tsv, dev8_check.tsv
    .venv/bin/python tools/gate_eval/generate.py --dev9     # dev9_tune.tsv, dev9_check.tsv
    .venv/bin/python tools/gate_eval/generate.py --dev10    # dev10_tune.tsv, dev10_check.tsv
    .venv/bin/python tools/gate_eval/generate.py --frozen   # also rewrites frozen.tsv (don't)

Why it exists: the hand-written corpus (``tests/data/identifier_corpus.tsv``) was
written by the same hands as the rules, so it measures little. Here the identifiers
themselves (names from ~45 Faker locales, addresses, ZIPs, phones, emails, sites,
dates, record numbers, SSNs, IPs) come from Faker with fixed seeds, not from the
rule author's head; the sentence frames are realistic staff writing (patient
stories, thank-you notes, Q&A credits, event recaps, replies, captions).

There are two DISJOINT template sets: ``FROZEN_TEMPLATES`` and ``DEV_TEMPLATES``
(different sentence frames, not paraphrases), and two disjoint lists of
hand-written hard negatives. The frozen file was frozen on 2026-12-04 before any
tuning: nobody may tune on it, and a test pins its content hash. The dev file is
the one to look at while improving the detector.

The dev4 part (``--dev4``) has frames written blind, by someone who had not read the
detector's rules, for variety the rule author would not think of; like dev3 it is drawn
twice, a tune half and a check half (reported, never tuned on). The dev5 part
(``--dev5``, frames in ``templates_dev5.py``) is a later round written blind the same
way, by another writer, and measured before any tuning on it; the dev6 part (``--dev6``,
``templates_dev6.py``) is a third blind round by a third writer, and the dev7 part
(``--dev7``, ``templates_dev7.py``: longer texts, flattened tables, more languages) a
fourth by a fourth writer, and the dev8 part (``--dev8``, ``templates_dev8.py``: replies
and reviews, captions and sign-up sheets, names beside their addresses, twelve
languages) a fifth by a fifth writer, and the dev9 part (``--dev9``, ``templates_dev9.py``:
whole posts of the four types, pasted Markdown, e-mail and portal text, ten languages) a
sixth by a sixth writer, and the dev10 part (``--dev10``, ``templates_dev10.py``: text
pasted from other tools (voicemail, calendar and scheduler exports, CSV rows, faxes,
referrals, dictation, OCR), honorifics of many languages, surname-first names, hashtags,
and hard negatives named after people or shaped like identifiers) a seventh by a seventh
writer, each measured the same way.

Labels are ``[rule, exact substring]``; the n-th listing of the same substring is
its n-th occurrence in the sentence. The generator records every label's true
span while it fills a frame and keeps a row only when re-finding each label by
occurrence gives back exactly those spans.

Decisions about negatives (documented here because a label is a decision):

* The practice's own staff, phone, fax and address (``pelicanconf.py``) are negatives.
* Public figures with a reporting verb ("Serena Williams said") are negatives.
* A router's factory default (192.168.0.1, 10.0.0.1) in a how-to is a negative: a
  HIPAA "IP address" is an address tied to a person; a generic private default
  tied to nobody is not. A public IPv4/IPv6 address a patient's device used is a
  positive.
* Dates not tied to a person (flu season, an FDA announcement, a clinic event
  date) are negatives; a date a patient was seen, born, admitted or died is a
  positive, including short forms like "Seen 7/22".
* Ages 89 and under are negatives; ages over 89 ("At 92,", "97 años") are positives.
* Cities appear only inside the practice's own address (Safe Harbor counts a
  patient's city, but the gate has no city rule, so patient cities are left out
  rather than mislabelled).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "tests" / "data" / "gate_eval"
SEED_FROZEN = 20261204
SEED_DEV = 20261205
SEED_DEV2 = 20261206
FROZEN_ROWS = (240, 160)  # (positive rows, negative rows)
DEV_ROWS = (360, 240)
DEV2_ROWS = (300, 150)
#: The parts drawn twice from one set of frames, a tune half and a check half of
#: SPLIT_ROWS each: the tune half's seed (the check half's is the next number). dev3 holds
#: name misses; dev4 to dev10 frames written blind, each round by another writer who had
#: not read the detector (templates_devN.py from dev5 on).
SPLIT_ROWS = (200, 100)
SPLIT_SEEDS: dict[str, int] = {
    "dev3": 20261207,
    "dev4": 20261209,
    "dev5": 20261211,
    "dev6": 20261213,
    "dev7": 20261215,
    "dev8": 20261217,
    "dev9": 20261219,
    "dev10": 20261221,
}
#: name -> ((tune file, rows, seed), (check file, rows, seed)).
SPLIT_PARTS: dict[str, tuple[tuple[str, tuple[int, int], int], ...]] = {
    name: ((f"{name}_tune", SPLIT_ROWS, seed), (f"{name}_check", SPLIT_ROWS, seed + 1))
    for name, seed in SPLIT_SEEDS.items()
}

#: Locales used for people's names. Scripts that are not Latin are romanised
#: (``faker.decode.unidecode``, or Faker's own romanised names for zh_CN/ja_JP).
#: Faker has no haw (Hawaiian) and no nb_NO (its Norwegian is no_NO); fil_PH,
#: tl_PH, en_PH and am_ET fall back to en_US names, so they are left out; Arabic
#: script (ar_*, fa_IR) romanises into unvowelled strings nobody writes, so
#: en_PK (Urdu/Arabic-origin names in Latin script) stands in for them; hi_IN is
#: Devanagari, so en_IN stands in.
NAME_LOCALES: tuple[str, ...] = (
    "en_US", "en_GB", "en_IE", "ga_IE", "en_AU", "en_NZ", "es_MX", "es_ES", "es_CO",
    "es_AR", "vi_VN", "ko_KR", "zh_CN", "zh_TW", "ja_JP", "yo_NG", "ha_NG", "ig_NG",
    "en_NG", "en_KE", "sw", "zu_ZA", "tw_GH", "no_NO", "sv_SE", "fi_FI", "da_DK",
    "is_IS", "pl_PL", "cs_CZ", "hu_HU", "ro_RO", "hr_HR", "lt_LT", "de_DE", "nl_NL",
    "fr_FR", "fr_CA", "pt_BR", "pt_PT", "it_IT", "en_IN", "en_PK", "ru_RU", "uk_UA",
    "el_GR", "hy_AM", "tr_TR", "id_ID", "uz_UZ", "et_EE",
)  # fmt: skip
#: Locales of the {N} slot (dev3): names the shipped US first-name list lacks (Irish,
#: Vietnamese, Nordic, Polish, Spanish with accents, West and East African).
NON_US_LOCALES: tuple[str, ...] = (
    "ga_IE", "en_IE", "vi_VN", "no_NO", "sv_SE", "fi_FI", "da_DK", "is_IS", "pl_PL",
    "es_ES", "es_MX", "es_CO", "es_AR", "yo_NG", "ha_NG", "ig_NG", "sw", "zu_ZA", "tw_GH",
)  # fmt: skip
#: Locales of the {W} slot (dev3): English-speaking, where surnames are often words.
WORD_SURNAME_LOCALES: tuple[str, ...] = ("en_US", "en_GB", "en_AU", "en_NZ", "en_IE")
#: A surname is "a common English word" (the {W} slot) at or above this wordfreq Zipf
#: frequency of its lower-case form.
WORD_SURNAME_ZIPF = 3.0
#: Lower-case entries of this list are English words (Debian's wamerican; proper
#: nouns in it are capitalised, so "davis" is not a word and "hill" is).
WORD_LIST = Path("/usr/share/dict/american-english")
#: First names that are also English words or months (dev4's {V}). A list, because
#: wordfreq cannot tell the word from the name ("john" is frequent for the name).
WORD_FIRST_NAMES = (
    "April", "May", "June", "August", "Hope", "Grace", "Faith", "Joy", "Summer", "Rose",
    "Sky", "Hunter", "Dawn", "Holly", "Ivy", "Iris", "Ruby", "Amber", "Crystal", "Heather",
    "Daisy", "Lily", "Violet", "Autumn", "Destiny", "Harmony", "Pearl", "Jade", "Willow",
    "Hazel", "Olive", "Sage", "Robin", "Brook", "Sandy", "Penny", "Ginger", "Misty", "Star",
    "Angel", "Patience", "Charity", "Honor", "Liberty", "Melody", "Sunny", "Wren", "Will",
    "Mark", "Frank", "Bill", "Jack", "Chase", "Grant", "Miles", "Drew", "Rich", "Pat",
    "Sue", "Guy", "Gene", "Art", "Ray", "Dean", "Wade", "Lance", "Buck", "Rusty", "Glen",
    "Reed", "Forrest", "Mason", "Price", "King", "Major", "Royal", "Sterling", "Carter",
)  # fmt: skip
#: Eponyms' surnames for {eptitle} ("Mrs. Parkinson"): the surnames of EPONYMS below.
EPONYM_SURNAMES = ("Crohn", "Parkinson", "Hodgkin", "Graves", "Bell", "Hashimoto", "Raynaud",
                   "Addison", "Cushing", "Wilson")  # fmt: skip
#: Locales whose Faker city names are real towns (en_US's are made up: "Port Jennifer").
TOWN_LOCALES: tuple[str, ...] = ("en_US", "de_DE", "fr_FR", "it_IT", "es_ES", "en_GB")
ROMANISE = frozenset({"ru_RU", "uk_UA", "el_GR", "hy_AM", "ko_KR", "zh_TW"})

STAFF_FIRST = ("Ana", "Marcus", "Jordan", "Priya", "Sam", "Taylor")
STAFF_LAST = frozenset({"Patel", "Lee", "Rivera", "Shah", "Okafor", "Brooks"})
STAFF_FORMS = (
    "Dr. Patel", "Dr. Ana Patel", "Dr. Lee", "Dr. Marcus Lee", "Jordan Rivera, NP",
    "Jordan Rivera", "Priya Shah, RN", "nurse Priya Shah", "Sam Okafor", "Taylor Brooks",
    "Dr. Ana Patel, MD", "Dr. Marcus Lee, DO",
)  # fmt: skip
PRACTICE = {
    "practice_phone": ("(541) 555-0142", "541-555-0142", "541.555.0142"),
    "practice_fax": ("(541) 555-0143", "541-555-0143"),
    "practice_addr": ("2150 Orchard Lane, Suite 200, Springfield, OR 97477",),
}
FAMOUS = (
    "Serena Williams", "Michael J. Fox", "Selena Gomez", "Simone Biles", "Tom Hanks",
    "Jimmy Carter", "Magic Johnson", "Lady Gaga", "Michael Phelps", "Venus Williams",
    "Nick Jonas", "Halle Berry", "Ozzy Osbourne", "Celine Dion", "Bruce Willis",
)  # fmt: skip
REPORTING = ("said", "has said", "told reporters", "wrote in her memoir", "has described",
             "explained in an interview", "posted")  # fmt: skip
DRUGS = ("Tylenol", "metformin", "Ozempic", "ibuprofen", "Advil", "lisinopril",
         "amoxicillin", "Zyrtec", "Wegovy", "albuterol", "Lipitor", "Paxlovid")  # fmt: skip
EPONYMS = ("Crohn's disease", "Parkinson's", "Alzheimer's", "Hodgkin lymphoma",
           "Down syndrome", "the Apgar score", "Graves' disease", "Bell's palsy",
           "Hashimoto's", "Tourette syndrome", "Lyme disease", "Raynaud's")  # fmt: skip
HOTLINES = ("988", "1-800-222-1222", "911", "1-800-232-4636", "211")
AGENCY_URLS = ("fda.gov", "https://www.cdc.gov/flu", "cdc.gov", "medlineplus.gov",
               "https://www.fda.gov/safety/recalls", "vaccines.gov", "nih.gov")  # fmt: skip
AREA_CODES = ("541", "503", "971", "458", "360", "206", "425", "415", "213", "312",
              "617", "212", "718", "305", "404", "713", "214", "602", "702", "808",
              "907", "919")  # fmt: skip
ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip
STREET_ABBR = {"Street": "St.", "Avenue": "Ave", "Road": "Rd", "Drive": "Dr.",
               "Lane": "Ln", "Court": "Ct", "Boulevard": "Blvd"}  # fmt: skip
#: Common Korean family names as they are usually spelled in English (unidecode
#: gives "Bag" for Park, "Gim" for Kim).
KOREAN_SURNAMES = {"김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung",
                   "강": "Kang", "조": "Cho", "윤": "Yoon", "장": "Jang", "임": "Lim",
                   "한": "Han", "오": "Oh", "서": "Seo", "신": "Shin", "권": "Kwon",
                   "황": "Hwang", "안": "Ahn", "송": "Song", "류": "Ryu", "홍": "Hong"}  # fmt: skip
#: Rare verbs that open how-to sentences (never labelled).
IMPERATIVES = ("Unplug", "Descale", "Defrost", "Disinfect", "Recharge", "Unscrew", "Reattach",
               "Sanitize", "Dehumidify", "Rewind")  # fmt: skip
AGE_WORDS = {90: "ninety", 91: "ninety-one", 92: "ninety-two", 95: "ninety-five",
             98: "ninety-eight", 100: "one hundred"}  # fmt: skip


# --- values ----------------------------------------------------------------------


def ordinal_suffix(n: int) -> str:
    """The English ending of the ordinal of ``n``: st, nd, rd or th."""
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    locale: str


class Source:
    """Faker-backed values, all drawn from one seeded random stream."""

    def __init__(self, seed: int) -> None:
        from faker import Faker  # only needed when regenerating
        from faker.decode import unidecode

        self.rng = random.Random(seed)
        self._unidecode = unidecode
        self.fakers: dict[str, Any] = {}
        for index, locale in enumerate(NAME_LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + index)
            self.fakers[locale] = fake
        self.us = self.fakers["en_US"]

    def _latin(self, text: str, locale: str) -> str:
        if locale in ROMANISE:
            words = self._unidecode(text).replace("`", "").replace('"', "").split()
            return " ".join(w[:1].upper() + w[1:] for w in words)
        return text

    def person(self) -> Person:
        """A person from a random locale (never with a staff member's surname, so that
        "S. Okafor" can never be the practice's Sam Okafor)."""
        while True:
            person = self._person(self.rng.choice(NAME_LOCALES))
            if not set(re.split(r"[- ]", person.last)) & STAFF_LAST:
                return person

    def _person(self, locale: str) -> Person:
        fake = self.fakers[locale]
        if locale in ("zh_CN", "ja_JP"):
            first, last = fake.first_romanized_name(), fake.last_romanized_name()
        elif locale == "vi_VN":
            given = fake.first_name_female() if self.rng.random() < 0.5 else fake.first_name_male()
            first, last = given, fake.last_name()
        elif locale == "ko_KR":
            family = fake.last_name()
            last = KOREAN_SURNAMES.get(family) or self._latin(family, locale)
            first = self._latin(fake.first_name(), locale)
        else:
            first = self._latin(fake.first_name(), locale)
            last = self._latin(fake.last_name(), locale)
        if self.rng.random() < 0.12:  # hyphenated surname
            other = self._latin(self.fakers[locale].last_name(), locale)
            if locale in ("zh_CN", "ja_JP"):
                other = fake.last_romanized_name()
            if other != last:
                last = f"{last}-{other}"
        return Person(first.strip(), last.strip(), locale)

    def non_us_person(self) -> Person:
        """A person from one of NON_US_LOCALES (dev3's {N})."""
        while True:
            person = self._person(self.rng.choice(NON_US_LOCALES))
            if not set(re.split(r"[- ]", person.last)) & STAFF_LAST:
                return person

    def word_surname_person(self) -> Person:
        """A person whose surname is also an English word (dev3's {W}: "Hill", "Young",
        "Baker"): its lower-case form is a word of Debian's American English word list
        (package wamerican, :data:`WORD_LIST`) and wordfreq rates it common."""
        from wordfreq import zipf_frequency

        if not hasattr(self, "_words"):
            if not WORD_LIST.exists():
                raise SystemExit(f"{WORD_LIST} is missing: apt-get install wamerican")
            self._words = frozenset(WORD_LIST.read_text(encoding="utf-8").split())
        while True:
            person = self._person(self.rng.choice(WORD_SURNAME_LOCALES))
            last = person.last
            if "-" in last or last in STAFF_LAST or last.lower() not in self._words:
                continue
            if zipf_frequency(last.lower(), "en", wordlist="small") >= WORD_SURNAME_ZIPF:
                return person

    def word_first_name_person(self) -> Person:
        """A person whose first name is also an English word or a month (dev4's {V}:
        one of WORD_FIRST_NAMES) and whose surname is an English-speaking locale's."""
        while True:
            person = self._person(self.rng.choice(WORD_SURNAME_LOCALES))
            if not set(re.split(r"[- ]", person.last)) & STAFF_LAST:
                return Person(self.rng.choice(WORD_FIRST_NAMES), person.last, person.locale)

    def eponym_titled(self) -> str:
        return f"{self.rng.choice(('Mr.', 'Mrs.', 'Ms.', 'Miss', 'Mr', 'Mrs'))} " + self.rng.choice(
            EPONYM_SURNAMES
        )

    def town(self) -> str:
        return self.fakers[self.rng.choice(TOWN_LOCALES)].city()

    def company(self) -> str:
        """A company name with a company word ("Garcia LLC", "Müller GmbH")."""
        while True:
            name = self.fakers[self.rng.choice(TOWN_LOCALES)].company()
            if re.search(
                r"\b(?:Inc|LLC|Ltd|PLC|plc|Group|GmbH|AG|KG|SA|SARL|SAS|S\.?p\.?A|Srl|"
                r"S\.L\.|e\.V\.|and Sons|& Sons|Cie|OHG)\b",
                name,
            ):
                return name

    def condition(self) -> str:
        """A MeSH condition name from the gate's list, title-cased (never labelled)."""
        if not hasattr(self, "_conditions"):
            path = ROOT / "healthnotes" / "gate" / "data" / "condition_names.txt"
            lines = path.read_text(encoding="utf-8").splitlines()
            self._conditions = [line for line in lines if line and not line.startswith("#")]
        return " ".join(w[:1].upper() + w[1:] for w in self.rng.choice(self._conditions).split())

    def staff_namesake(self) -> Person:
        """A patient who shares a first name with a staff member."""
        person = self.person()
        return Person(self.rng.choice(STAFF_FIRST), person.last, person.locale)

    def full(self, p: Person) -> str:
        roll = self.rng.random()
        if p.locale == "vi_VN" or (p.locale in ("zh_CN", "zh_TW", "ko_KR") and roll < 0.3):
            text = f"{p.last} {p.first}"  # family name first
        elif roll < 0.08:
            text = f"{p.first} {self.us.random_uppercase_letter()}. {p.last}"
        else:
            text = f"{p.first} {p.last}"
        return text.lower() if self.rng.random() < 0.08 else text

    def titled(self, p: Person) -> str:
        return f"{self.rng.choice(('Mr.', 'Mrs.', 'Ms.', 'Mx.', 'Mr', 'Mrs'))} {p.last}"

    def initial(self, p: Person) -> str:
        return f"{p.first[0]}. {p.last}"

    def family(self, p: Person) -> str:
        last = p.last.split("-")[0]
        return last + ("es" if last.endswith(("s", "z", "x", "ch", "sh")) else "s")

    # dates -------------------------------------------------------------------

    def day(self) -> dt.date:
        return self.us.date_between(dt.date(2019, 1, 1), dt.date(2026, 11, 30))

    def birthday(self) -> dt.date:
        return self.us.date_between(dt.date(1937, 1, 1), dt.date(2024, 12, 31))

    def some_day(self) -> dt.date:
        """A recent day seven times in ten, else a birthday."""
        return self.day() if self.rng.random() < 0.7 else self.birthday()

    def date_text(self, day: dt.date | None = None) -> str:
        d = day or self.some_day()
        n = d.day
        suffix = ordinal_suffix(n)
        forms: list[Callable[[], str]] = [
            lambda: d.strftime("%d %b %Y"),
            lambda: f"{n} {d:%B} {d.year}",
            lambda: f"{d:%B} {n}, {d.year}",
            lambda: f"{d:%b}. {n}, {d.year}",
            lambda: d.isoformat(),
            lambda: f"{d:%d/%m/%Y}",
            lambda: f"{d:%m/%d/%Y}",
            lambda: f"{d.month}/{n}/{d:%y}",
            lambda: f"{d.month}/{n}",
            lambda: f"{d.month}-{n}-{d.year}",
            lambda: f"{d:%d.%m.%Y}",
            lambda: f"{n}{suffix} of {d:%B}",
            lambda: f"the {n}{suffix} of {d:%B}",
            lambda: f"{d:%B} {n}{suffix}",
            lambda: f"{d:%A}, {d:%B} {n}",
            lambda: f"{n} de {ES_MONTHS[d.month - 1]} de {d.year}",
            lambda: f"{d:%b} {n}",
        ]
        return self.rng.choice(forms)()

    def more_date_text(self) -> str:
        """Forms date_text lacks: year-first and day-first with other separators,
        abbreviated months with ordinals, a weekday before the day."""
        d = self.some_day()
        n = d.day
        suffix = ordinal_suffix(n)
        forms: list[Callable[[], str]] = [
            lambda: f"{d.year}/{d.month:02d}/{n:02d}",
            lambda: f"{d.year}.{d.month:02d}.{n:02d}",
            lambda: f"{n:02d}-{d.month:02d}-{d.year}",
            lambda: f"{n}-{d:%b}-{d.year}",
            lambda: f"{d:%b}. {n}{suffix}",
            lambda: f"{d:%B} {n}{suffix}, {d.year}",
            lambda: f"{d:%a} {n} {d:%b}",
            lambda: f"{n}{suffix} {d:%B}",
            lambda: f"{d:%b} {n} {d.year}",
            lambda: f"{d.month}/{n}/{d.year}",
            lambda: f"{n} de {ES_MONTHS[d.month - 1]}",
        ]
        return self.rng.choice(forms)()

    def decade(self) -> str:
        return self.rng.choice(
            ("90s", "nineties", "early 90s", "late nineties", "mid-90s", "'90s", "100s")
        )

    def old_decade(self) -> str:
        return self.rng.choice(("60s", "seventies", "80s", "late 70s", "early eighties"))

    def brand(self) -> str:
        """A made-up product brand: one capitalised word no dictionary has."""
        heads = ("Neb", "Vita", "Calm", "Breath", "Sooth", "Derm", "Flexi", "Nutri", "Hydra",
                 "Dozi", "Aller", "Gluco", "Snore", "Pulse", "Tummi")  # fmt: skip
        tails = ("ora", "ix", "ease", "wise", "zen", "max", "pure", "vana", "eon")
        return self.rng.choice(heads) + self.rng.choice(tails)

    def short_date(self) -> str:
        d = self.day()
        return f"{d.month}/{d.day}"

    def es_date(self) -> str:
        d = self.day()
        return f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year}"

    def general_date(self) -> str:
        d = self.day()
        return self.rng.choice(
            [f"{d:%B} {d.year}", f"{d:%B} {d.day}, {d.year}", f"{d:%B}", f"{d.year}"]
        )

    # numbers -----------------------------------------------------------------

    def age(self) -> str:
        value = self.rng.randint(90, 106)
        if value in AGE_WORDS and self.rng.random() < 0.25:
            return AGE_WORDS[value]
        return str(value)

    def young_age(self) -> str:
        return str(self.rng.randint(2, 88))

    def _ten_digits(self) -> tuple[str, str, str]:
        area = self.rng.choice(AREA_CODES)
        if self.rng.random() < 0.5:
            return area, "555", f"01{self.rng.randint(0, 99):02d}"
        exchange = self.us.numerify("%##")
        while exchange.endswith("11") or exchange == "555":
            exchange = self.us.numerify("%##")
        return area, exchange, self.us.numerify("####")

    def phone(self) -> str:
        a, b, c = self._ten_digits()
        return self.rng.choice(
            [
                f"({a}) {b}-{c}",
                f"{a}-{b}-{c}",
                f"{a}.{b}.{c}",
                f"{a} {b} {c}",
                f"+1 {a} {b} {c}",
                f"1-{a}-{b}-{c}",
                f"{a}{b}{c}",
                f"({a}){b}-{c}",
                f"+1-{a}-{b}-{c}",
                f"{b}-{c}",  # 7-digit local
                f"{b}-{c}",
            ]
        )

    def fax(self) -> str:
        a, b, c = self._ten_digits()
        return self.rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a} {b} {c}"])

    def email(self, p: Person | None = None) -> str:
        if p is not None and self.rng.random() < 0.6:
            first = self._unidecode(p.first).lower().replace(" ", "").replace("'", "")
            last = self._unidecode(p.last).lower().replace(" ", "").replace("'", "")
            user = self.rng.choice(
                [f"{first}.{last}", f"{first[0]}{last}", f"{first}{self.rng.randint(1, 99)}",
                 f"{last}.{first}", f"{first}_{last}{self.rng.randint(50, 99)}"]
            )  # fmt: skip
            return f"{user}@{self.us.free_email_domain()}"
        return self.rng.choice(
            [self.us.email(safe=False), self.us.free_email(), self.us.company_email()]
        )

    def url(self) -> str:
        user = self.us.user_name()
        return self.rng.choice(
            [
                self.us.url().rstrip("/"),
                self.us.domain_name(),
                f"www.{self.us.domain_name()}",
                f"facebook.com/{user}",
                f"https://www.instagram.com/{user}",
                f"{user}.blogspot.com",
                f"https://{self.us.domain_word()}-{self.us.domain_word()}.net/about",
                f"gofundme.com/f/{user}-{self.us.word()}",
            ]
        )

    def ip(self) -> str:
        return self.us.ipv6() if self.rng.random() < 0.2 else self.us.ipv4_public()

    def ssn(self) -> str:
        value = self.us.ssn()
        return value.replace("-", "") if self.rng.random() < 0.2 else value

    def zip(self) -> str:
        return self.us.zipcode_plus4() if self.rng.random() < 0.25 else self.us.zipcode()

    def street(self) -> str:
        text = self.us.street_address()
        if self.rng.random() < 0.5:
            for word, abbr in STREET_ABBR.items():
                text = re.sub(rf"\b{word}\b", abbr, text)
        if self.rng.random() < 0.1:
            text = f"PO Box {self.rng.randint(10, 9999)}"
        return text

    def record(self) -> str:
        return self.rng.choice(
            [
                self.us.numerify("#######"),
                self.us.numerify("#####"),
                self.us.bothify("??######").upper(),
                self.us.numerify("###-###-####"),
                self.us.numerify("####-####"),
                self.us.bothify("MG-######"),
                self.us.numerify("00#######"),
            ]
        )

    def lot(self) -> str:
        return self.us.bothify(self.rng.choice(["??####", "#####", "L######", "##-###-??"])).upper()

    def upc(self) -> str:
        return self.us.numerify("0 ##### ##### #")

    def version(self) -> str:
        a, b, c = self.rng.randint(1, 17), self.rng.randint(0, 12), self.rng.randint(0, 9)
        return self.rng.choice([f"{a}.{b}.{c}", f"v{a}.{b}.{c}", f"version {a}.{b}"])

    def router(self) -> str:
        return self.rng.choice(["192.168.0.1", "192.168.1.1", "10.0.0.1", "192.168.1.254"])


# --- filling frames ------------------------------------------------------------------

#: Slot name -> (rule it is labelled with or None, how to draw it).
#: P and Q are the row's two people; "!" marks a slot never labelled.
SLOT = re.compile(r"\{([A-Za-z_.]+)\}")


def _slot_value(name: str, src: Source, people: dict[str, Person]) -> tuple[str, str | None]:
    head, _, part = name.partition(".")
    if head in ("P", "Q", "S", "N", "W", "V"):
        if head not in people:
            draw_person = {"S": src.staff_namesake, "N": src.non_us_person,
                           "W": src.word_surname_person,
                           "V": src.word_first_name_person}.get(head, src.person)  # fmt: skip
            people[head] = draw_person()
        p = people[head]
        match part:
            case "":
                return src.full(p), "name"
            case "first":
                return p.first, "name"
            case "lower":
                return p.first.lower(), "name"
            case "last":
                return p.last, "name"
            case "title":
                return src.titled(p), "name"
            case "initial":
                return src.initial(p), "name"
            case "family":
                return src.family(p), "name"
            case "email":
                return src.email(p), "email"
        raise KeyError(name)
    labelled: dict[str, tuple[Callable[[], str], str]] = {
        "date": (src.date_text, "date"),
        "sdate": (src.short_date, "date"),
        "esdate": (src.es_date, "date"),
        "ddate": (src.more_date_text, "date"),
        "decade": (src.decade, "age_over_89"),
        "age": (src.age, "age_over_89"),
        "phone": (src.phone, "phone"),
        "fax": (src.fax, "fax"),
        "email": (src.email, "email"),
        "url": (src.url, "url"),
        "ip": (src.ip, "ip"),
        "ssn": (src.ssn, "ssn"),
        "zip": (src.zip, "zip"),
        "street": (src.street, "street_address"),
        "record": (src.record, "record_number"),
        "eptitle": (src.eponym_titled, "name"),
    }
    if name in labelled:
        draw, rule = labelled[name]
        return draw(), rule
    plain: dict[str, Callable[[], str]] = {
        "staff": lambda: src.rng.choice(STAFF_FORMS),
        "staff_first": lambda: src.rng.choice(STAFF_FIRST),
        "famous": lambda: src.rng.choice(FAMOUS),
        "says": lambda: src.rng.choice(REPORTING),
        "drug": lambda: src.rng.choice(DRUGS),
        "eponym": lambda: src.rng.choice(EPONYMS),
        "hotline": lambda: src.rng.choice(HOTLINES),
        "agency": lambda: src.rng.choice(AGENCY_URLS),
        "gdate": src.general_date,
        "young": src.young_age,
        "adult": lambda: src.rng.choice(("40", "45", "50", "60", "65", "75")),
        "kid": lambda: src.rng.choice(("4", "6", "8", "10", "12")),
        "lot": src.lot,
        "upc": src.upc,
        "version": src.version,
        "router": src.router,
        "brand": src.brand,
        "old_decade": src.old_decade,
        "imperative": lambda: src.rng.choice(IMPERATIVES),
        "n": lambda: str(src.rng.choice((10000, 12345, 20000, 15000, 8000, 30000, 45000))),
        "practice_phone": lambda: src.rng.choice(PRACTICE["practice_phone"]),
        "practice_fax": lambda: src.rng.choice(PRACTICE["practice_fax"]),
        "practice_addr": lambda: PRACTICE["practice_addr"][0],
        "town": src.town,
        "company": src.company,
        "condition": src.condition,
    }
    return plain[name](), None


def _occurrence_labels(sentence: str, spans: Sequence[tuple[str, int, int]]) -> list[list[str]]:
    """[rule, text] pairs whose n-th listing is the n-th occurrence; raise if ambiguous."""
    pairs: list[list[str]] = []
    seen: dict[str, int] = {}
    for rule, start, end in spans:
        text = sentence[start:end]
        found = -1
        for _ in range(seen.get(text, 0) + 1):
            found = sentence.find(text, found + 1)
        if found != start:
            raise ValueError(f"label {text!r} is not its own occurrence in {sentence!r}")
        seen[text] = seen.get(text, 0) + 1
        pairs.append([rule, text])
    return pairs


def fill(template: str, src: Source) -> tuple[str, list[list[str]]]:
    """One sentence from a frame, with its labels (in order of appearance)."""
    people: dict[str, Person] = {}
    out: list[str] = []
    spans: list[tuple[str, int, int]] = []
    position = 0
    length = 0
    for match in SLOT.finditer(template):
        literal = template[position : match.start()]
        out.append(literal)
        length += len(literal)
        value, rule = _slot_value(match.group(1), src, people)
        if not out[-1] and length == 0 and value[:1].islower() and rule != "name":
            value = value[:1].upper() + value[1:]
        if rule is not None:
            spans.append((rule, length, length + len(value)))
        out.append(value)
        length += len(value)
        position = match.end()
    out.append(template[position:])
    sentence = "".join(out)
    if "\t" in sentence or "\n" in sentence:
        raise ValueError(sentence)
    return sentence, _occurrence_labels(sentence, spans)


def rows(
    templates: Sequence[str],
    negative_templates: Sequence[str],
    hand_negatives: Sequence[str],
    counts: tuple[int, int],
    seed: int,
    exclude: frozenset[str] = frozenset(),
) -> list[tuple[str, list[list[str]]]]:
    """Positive rows from the frames, negative rows from hand-written lines and frames;
    no positive row is a sentence of ``exclude`` (another half of the same frames)."""
    src = Source(seed)
    positives, negatives = counts
    made: dict[str, list[list[str]]] = {}

    def draw(frames: Sequence[str], target: int, want_labels: bool) -> None:
        start = len(made)
        order = list(frames)
        attempts = 0
        while len(made) - start < target:
            attempts += 1
            if attempts > target * 50:
                raise RuntimeError("too many rejected rows")
            if not order:
                order = list(frames)
            src.rng.shuffle(order)
            frame = order.pop()
            try:
                sentence, labels = fill(frame, src)
            except ValueError:
                continue
            if sentence in made or bool(labels) != want_labels or (labels and sentence in exclude):
                continue
            made[sentence] = labels

    for line in hand_negatives:
        made[line] = []
    draw(negative_templates, negatives - len(hand_negatives), want_labels=False)
    draw(templates, positives, want_labels=True)
    result = list(made.items())
    src.rng.shuffle(result)
    return result


def write(path: Path, table: Sequence[tuple[str, list[list[str]]]], header: Sequence[str]) -> None:
    lines = [f"# {line}" if line else "#" for line in header]
    lines.append("sentence\texpected")
    for sentence, labels in table:  # a line break within a text (a list) is written \\n
        escaped = sentence.replace("\n", "\\n")
        lines.append(f"{escaped}\t{json.dumps(labels, ensure_ascii=False)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _header(part: str, seed: int, frozen: bool) -> list[str]:
    import faker

    lines = [
        f"Gate evaluation set, {part} part (fictional people and numbers).",
        "Made by tools/gate_eval/generate.py: identifiers drawn with Faker "
        f"{faker.VERSION} (fixed seed {seed}) from {len(NAME_LOCALES)} locales,",
        f"filled into the {part} sentence frames (disjoint from the other part's frames)",
        "plus hand-written hard negatives. Columns: sentence<TAB>JSON list of"
        " [rule, exact substring];",
        "the n-th listing of a substring is its n-th occurrence. An empty list is a negative.",
        "A line break within a text is written \\n.",
    ]
    if frozen:
        lines += [
            "FROZEN on 2026-12-04 before any tuning: never tune on it, never edit it.",
            "Report it separately; tests/test_gate_eval.py pins its content hash.",
        ]
    elif part.endswith("_check"):
        tune = part.replace("_check", "_tune")
        lines.append(
            f"Check half of {part[:4]} (same frames as {tune}, other draws):"
            " report it, never tune on it."
        )
    else:
        lines.append("Dev part: look at it, tune on it; it says nothing about unseen text.")
    return lines


def _frames(prefix: str) -> tuple[Sequence[str], Sequence[str], Sequence[str]]:
    """A part's sentence frames, negative frames and hand-written negatives."""
    from tools.gate_eval import templates as t

    return (
        getattr(t, f"{prefix}_TEMPLATES"),
        getattr(t, f"{prefix}_NEGATIVE_TEMPLATES"),
        getattr(t, f"{prefix}_HAND_NEGATIVES"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write dev.tsv (dev2.tsv with --dev2, the dev3 halves with --dev3, the dev4 halves
    with --dev4, and so on for each part of :data:`SPLIT_PARTS` (--dev5 to --dev10);
    frozen.tsv with --frozen)."""
    from tools.gate_eval import templates as t

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frozen", action="store_true", help="also rewrite frozen.tsv")
    parser.add_argument(
        "--dev2", action="store_true", help="write only dev2.tsv (the second dev part)"
    )
    for name, halves in SPLIT_PARTS.items():
        files = " and ".join(f"{part}.tsv" for part, _, _ in halves)
        parser.add_argument(f"--{name}", action="store_true", help=f"write only {files}")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    parts: list[tuple[str, Path, Sequence[str], Sequence[str], Sequence[str], tuple, int]] = [
        ("dev", args.out / "dev.tsv", t.DEV_TEMPLATES, t.DEV_NEGATIVE_TEMPLATES,
         t.DEV_HAND_NEGATIVES, DEV_ROWS, SEED_DEV),
    ]  # fmt: skip
    if args.dev2:
        parts = [
            ("dev2", args.out / "dev2.tsv", t.DEV2_TEMPLATES, t.DEV2_NEGATIVE_TEMPLATES,
             t.DEV2_HAND_NEGATIVES, DEV2_ROWS, SEED_DEV2),
        ]  # fmt: skip
    for name, halves in SPLIT_PARTS.items():  # one set of frames drawn twice
        if getattr(args, name):
            parts = [
                (part, args.out / f"{part}.tsv", *_frames(name.upper()), rows, seed)
                for part, rows, seed in halves
            ]
    if args.frozen:
        parts.append(
            ("frozen", args.out / "frozen.tsv", t.FROZEN_TEMPLATES, t.FROZEN_NEGATIVE_TEMPLATES,
             t.FROZEN_HAND_NEGATIVES, FROZEN_ROWS, SEED_FROZEN)
        )  # fmt: skip
    earlier: set[str] = set()
    for part, path, frames, negative_frames, hand, counts, seed in parts:
        table = rows(frames, negative_frames, hand, counts, seed, frozenset(earlier))
        earlier |= {sentence for sentence, _ in table}
        write(path, table, _header(part, seed, part == "frozen"))
        print(f"{path}: {len(table)} rows")
    return 0


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
