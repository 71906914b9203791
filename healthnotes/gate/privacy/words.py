"""Word lists and word frequencies the name rules read."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from healthnotes.gate.privacy.public import DATA

if TYPE_CHECKING:
    pass

# ---------------------------------------------------------------------------
# Word lists for names
# ---------------------------------------------------------------------------


def fold_name(text: str) -> str:
    """Lower case without accents or periods, single spaces: "José  D." -> "jose d"."""
    if text.isascii():  # nothing to decompose (most text): the same result, much sooner
        plain = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace(".", " ")
    return " ".join(plain.lower().split()).strip(" ,;:")


@cache
def first_names() -> frozenset[str]:
    """The shipped first-name list (``data/first_names.txt``), folded."""
    return _word_list("first_names.txt")


#: First names of about fifty countries in gender-guesser's package (``nam_dict.txt``,
#: Jörg Michael's first-name dictionary, GFDL 1.2), read from the installed package
#: as it is (never copied into the repository).
WORLD_NAMES_PACKAGE = "gender_guesser"
WORLD_NAMES_FILE = "data/nam_dict.txt"


@cache
def world_first_names() -> frozenset[str]:
    """First names of many countries (Irish, Nordic, Polish, Vietnamese, Spanish,
    Arabic ...), folded, with the shipped list: a weaker sign than :func:`first_names`
    (it holds "Hope", "Will", "Rose"), so callers pair it with a word-frequency bound.
    A compound written with ``+`` ("Bjarn+þór") is read joined and hyphenated."""
    from importlib.resources import files

    text = files(WORLD_NAMES_PACKAGE).joinpath(WORLD_NAMES_FILE).read_text(encoding="utf-8")
    names: set[str] = set()
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        names.add(fold_name(parts[1].replace("+", "")))
        names.add(fold_name(parts[1].replace("+", "-")))
    return frozenset(names) | first_names()


#: A name of :func:`world_first_names` counts as a first name where a cue or a title
#: says "person" only when rarer than this in English (wordfreq's small list):
#: "Aoife", "Thảo", "Wojciech", not "Hope", "Will", "Grace".
WORLD_NAME_ZIPF = 3.0


def world_name(word: str, rare: float = WORLD_NAME_ZIPF) -> bool:
    """A first name of some country that is not also a frequent English word (as
    written: "Hưng" is no "hung"); ``rare`` is the bound, higher where the context
    already says "person"."""
    bare = bare_word(word)
    return bare in world_first_names() and bare not in NOT_NAMES and english_zipf(word) < rare


#: Surnames of the 1990 US Census (public domain), in the ``names`` package's
#: ``dist.all.last`` (one a line, most frequent first, its rank last), read from the
#: installed package as it is.
SURNAMES_PACKAGE = "names"
SURNAMES_FILE = "dist.all.last"
#: The most frequent surnames kept: about 90 % of the people counted; below this rank
#: the list holds more English words than surnames ("Water", "Keep", "Ask").
SURNAME_RANKS = 10_000


@cache
def census_surnames(ranks: int | None = SURNAME_RANKS) -> frozenset[str]:
    """The ``ranks`` most frequent US surnames, folded ("miller", "hart", "wells"): many
    are English words too, so callers ask for a cue that says "person" (an initial
    before it: "B. Hart"). ``None``: all 88,799 (more words than surnames below the
    kept ranks: only to keep a word from being read as a plain English word)."""
    from importlib.resources import files

    names: set[str] = set()
    with files(SURNAMES_PACKAGE).joinpath(SURNAMES_FILE).open(encoding="ascii") as lines:
        for line in lines:  # most frequent first: read only as far as the ranks kept
            parts = line.split()
            if len(parts) != 4:
                continue
            if ranks is not None and int(parts[3]) > ranks:
                break
            names.add(parts[0].lower())
    return frozenset(names)


def english_zipf(word: str) -> float:
    """wordfreq's small-list frequency of the word as written (lower case, no
    possessive, accents kept): "Nguyễn" and "Hưng" are no English words."""
    plain = word.replace("’", "'").lower()
    for ending in ("'s", "'"):
        plain = plain.removesuffix(ending)
    return zipf_small(plain)


def _word_list(name: str) -> frozenset[str]:
    """Folded words of a data file (white space separated, # comments)."""
    text = (DATA / name).read_text(encoding="utf-8")
    return frozenset(fold_name(w) for line in text.splitlines() for w in line.split("#")[0].split())


#: Capitalised words that are never a person's name where the name rules look:
#: common words, medicine brands, germs, programmes, eponyms (``data/not_names.txt``).
NOT_NAMES: frozenset[str] = _word_list("not_names.txt")

#: Generic and brand names of the medicines patients take (``data/drug_names.txt``, made
#: by ``tools/drug_names.py`` from a maintained drug dictionary; its header says which).
DRUG_NAMES: frozenset[str] = _word_list("drug_names.txt")


def _line_list(name: str) -> frozenset[str]:
    """Folded lines of a data file (# comments): names of more than one word."""
    text = (DATA / name).read_text(encoding="utf-8")
    return frozenset(
        folded for line in text.splitlines() if (folded := fold_name(line.split("#")[0]))
    )


#: Names of conditions, one or two words ("sunburn", "shin splints"): MeSH's diseases
#: (``data/condition_names.txt``, made by ``tools/condition_names.py``; its header says how).
CONDITION_NAMES: frozenset[str] = _line_list("condition_names.txt")


@cache
def germ_names() -> frozenset[str]:
    """Germs by the conditions named after them ("norovirus infection", "giardia
    infection" -> "norovirus", "giardia"): rare words only, never a first name or a US
    Census surname ("cross infection" leaves "Cross" a surname)."""
    germs = set()
    for condition in CONDITION_NAMES:
        first, _, rest = condition.partition(" ")
        if rest in ("infection", "infections") and first.isalpha():
            germs.add(first)
    people = first_names() | world_first_names() | census_surnames()
    return frozenset(g for g in germs if g not in people and zipf_small(g) < COMMON_ZIPF)


def _product_words() -> tuple[frozenset[str], frozenset[str]]:
    """(product nouns, modifiers) from ``data/product_words.txt``."""
    text = (DATA / "product_words.txt").read_text(encoding="utf-8")
    nouns, _, modifiers = text.partition("[modifiers]")

    def words(part: str) -> frozenset[str]:
        return frozenset(
            w.lower() for line in part.splitlines() for w in line.split("#")[0].split()
        )

    return words(nouns), words(modifiers)


#: Product nouns ("app", "gummies", "oximeters") and the modifiers that may stand
#: before them ("pulse", "mouth"): a rare capitalised word before one is a brand.
PRODUCT_NOUNS, PRODUCT_MODIFIERS = _product_words()

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
def zipf_small(word: str) -> float:
    return zipf_frequency(word, "en", wordlist="small")


@lru_cache(maxsize=65536)
def _zipf_in(word: str, language: str) -> float:
    """wordfreq's small-list frequency of ``word`` in ``language``, looked up once."""
    return zipf_frequency(word, language, wordlist="small")


def zipf_spanish(word: str) -> float:
    """Spanish form labels ("Fecha de nacimiento:") are words, not names."""
    return _zipf_in(word, "es")


#: Languages a practice's posts are written in besides English, whose sentences' own
#: words are not names: "Dziękujemy, pani Hietala, ..." (Polish), "Chúc mừng sinh nhật
#: ..." (Vietnamese), "Maraming salamat po, ..." (Filipino), "herzlichen Glückwunsch".
SENTENCE_LANGUAGES = ("es", "pt", "fr", "de", "it", "pl", "vi", "fil", "nl")
#: A word at least this frequent in a language is one of its words ...
LANGUAGE_WORD_ZIPF = 3.5
#: ... and a sentence with this many such words, none of them English, is in it.
LANGUAGE_WORDS = 2
#: In such a sentence a capitalised word at least this frequent in its language is a
#: word of it (surnames are rarer: "Hietala" 0, "Kowalska" 3.0; "Glückwunsch" 4.4).
OWN_WORD_ZIPF = 4.0
#: ... and where it opens its sentence, this frequent ("Lembrete", "Recordatorio": 3.5;
#: "Kowalska przyszła ..." opens with a surname at 3.3).
OPENING_WORD_ZIPF = 3.5
_LETTER_WORDS = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=4096)
def sentence_language(sentence: str) -> str | None:
    """The language of :data:`SENTENCE_LANGUAGES` a sentence is written in, when
    :data:`LANGUAGE_WORDS` of its lower-case words are words of it that English text
    never uses; None for English (or too little to tell)."""
    words = [w for w in _LETTER_WORDS.findall(sentence) if w.islower()]
    # words English text never uses: an English sentence seldom has two, so the other
    # languages' lists (about 30 MB) are loaded only for text that may be in one of them
    foreign = [w for w in words if zipf_small(w) == 0]
    if len(foreign) < LANGUAGE_WORDS:
        return None
    best, count = None, 0
    for language in SENTENCE_LANGUAGES:
        known = sum(_zipf_in(w, language) >= LANGUAGE_WORD_ZIPF for w in foreign)
        if known > count:
            best, count = language, known
    return best if count >= LANGUAGE_WORDS else None


def word_of_language(word: str, language: str, frequent: float = OWN_WORD_ZIPF) -> bool:
    """Is ``word`` (any case) a word of ``language`` at least ``frequent`` (zipf), and
    no first name of any country's list ("Joana" is frequent in Portuguese text)?"""
    folded = fold_name(word)
    return (
        _zipf_in(word.lower(), language) >= frequent
        and folded not in first_names()
        and folded not in world_first_names()
    )


@lru_cache(maxsize=65536)
def zipf_large(word: str) -> float:
    return zipf_frequency(word, "en", wordlist="large")


#: Languages whose word lists say whether a word is a name used everywhere or an English
#: word: a first name is about as frequent in them as in English ("nathan", "maria"),
#: an English noun used as a name is not ("heather", "holly", "crystal").
OTHER_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")
#: A word at most this much more frequent in English (zipf) than in the mean of
#: :data:`OTHER_LANGUAGES` is used as a name, not as an English word.
ENGLISH_EXCESS_ZIPF = 0.4


@lru_cache(maxsize=65536)
def international(word: str) -> bool:
    """Is ``word`` (lower case) about as frequent in other languages as in English, as
    names are, unlike English words that are also names ("jasmine rice")?"""
    others = [_zipf_in(word, lang) for lang in OTHER_LANGUAGES]
    return zipf_small(word) - sum(others) / len(others) <= ENGLISH_EXCESS_ZIPF


#: An ending of an inflected English word and what its stem may have lost before it.
Inflection = tuple[str, tuple[str, ...]]
#: Inflections of words in running text ("colds", "allergies", "rinsing").
TEXT_INFLECTIONS: tuple[Inflection, ...] = (
    ("ies", ("y",)),
    ("es", ("",)),
    ("s", ("",)),
    ("ing", ("", "e")),
)


def inflected_stems(
    bare: str, inflections: Sequence[Inflection], *, undouble: bool = False
) -> list[str]:
    """The words ``bare`` (lower case) may be an inflection of, by ``inflections``, each
    stem of at least three letters ("rinsing" -> "rins", "rinse"); ``undouble``: also
    the stem without a doubled last consonant ("stepping" -> "step")."""
    found: list[str] = []
    for ending, restore in inflections:
        if bare.endswith(ending) and len(bare) - len(ending) >= 3:
            stem = bare[: -len(ending)]
            found += [stem + add for add in restore]
            if undouble and len(stem) > 3 and stem[-1] == stem[-2]:
                found.append(stem[:-1])
    return found


def _inflected_common(bare: str) -> bool:
    """ "colds", "rinsing", "sanitizer": an inflection of a common word."""
    return any(zipf_large(stem) >= 3.4 for stem in inflected_stems(bare, TEXT_INFLECTIONS))


#: Prefixes and suffixes English makes new words with: "Unplug" is "plug" undone,
#: "Humidifier" a thing that makes humid. (prefix or suffix, what replaces it).
_PREFIXES = ("un", "re", "de", "dis", "pre", "non", "mis", "over", "under", "out")
_SUFFIXES = (
    ("ifiers", ""), ("ifier", ""), ("izers", "ize"), ("izer", "ize"), ("isers", "ise"),
    ("iser", "ise"), ("able", ""), ("ment", ""), ("ness", ""), ("ize", ""), ("ise", ""),
    ("ify", ""), ("izers", "e"), ("izer", "e"), ("ize", "e"), ("iness", "y"),
)  # fmt: skip
# (not "-er": Walker, Baker, Turner are surnames made from common words)
#: A stem at least this frequent (wordfreq's large list) makes a derived word common.
DERIVED_STEM_ZIPF = 3.0


def derived_common(word: str) -> bool:
    """A word made from a common English word by a prefix or suffix ("Unplug",
    "Descale", "Humidifier", "Declutter"); listed first names never are. Stems are at
    least four letters ("Reyes" is not re + yes)."""
    bare = bare_word(word)
    if bare in first_names() or zipf_large(bare) < 1.0:
        return False
    for prefix in _PREFIXES:
        stem = bare[len(prefix) :]
        if bare.startswith(prefix) and len(stem) >= 4 and zipf_large(stem) >= DERIVED_STEM_ZIPF:
            return True
    for suffix, add in _SUFFIXES:
        stem = bare[: -len(suffix)] + add
        if bare.endswith(suffix) and len(stem) >= 4 and zipf_large(stem) >= DERIVED_STEM_ZIPF:
            return True
    return False


#: Each part of a compound ("ear" + "wax") is at least this frequent.
COMPOUND_PART_ZIPF = 3.5


def compound_common(word: str) -> bool:
    """Two common English words written as one ("Earwax", "Bedtime"); listed first
    names never are. Both parts have three letters or more."""
    bare = bare_word(word)
    if bare in first_names() or zipf_large(bare) < 1.0:
        return False
    return any(
        zipf_small(bare[:cut]) >= COMPOUND_PART_ZIPF
        and zipf_small(bare[cut:]) >= COMPOUND_PART_ZIPF
        for cut in range(3, len(bare) - 2)
    )


#: Endings of towns named after a person ("Michelleview", "Justinshire", "Katystad");
#: not "-ton" or "-son", which end many surnames ("Carlton", "Thomason").
TOWN_SUFFIXES: tuple[str, ...] = (
    "town", "land", "ville", "berg", "burgh", "borough", "bury", "view", "port", "mouth",
    "stad", "furt", "chester", "fort", "haven", "side", "shire", "field", "dale", "wood",
)  # fmt: skip


def town_from_a_name(word: str) -> bool:
    """A listed first name and a town's ending written as one word ("Michelleview",
    "Paulfort"): a town, not a person, unless the word is itself a first name."""
    bare = bare_word(word)
    if bare in world_first_names():
        return False
    return any(
        bare.endswith(suffix)
        and len(bare) - len(suffix) >= 3
        and bare[: -len(suffix)] in first_names()
        for suffix in TOWN_SUFFIXES
    )


def medical_word(word: str) -> bool:
    """A medicine's or a condition's name (:data:`DRUG_NAMES`, :data:`CONDITION_NAMES`)."""
    bare = bare_word(word)
    return bare in DRUG_NAMES or bare in CONDITION_NAMES


def bare_word(word: str) -> str:
    folded = fold_name(word)
    for ending in ("'s", "'"):
        if folded.endswith(ending):
            return folded[: -len(ending)]
    return folded


def common_word(word: str) -> bool:
    """A common English word that is not also a listed first name ("Scan", "Follow");
    a word with accents is read as written ("Hưng", not "hung")."""
    bare = bare_word(word)
    if bare in first_names():
        return False
    if not bare.isascii() or word.isascii():
        return zipf_small(bare) >= COMMON_ZIPF or _inflected_common(bare)
    return english_zipf(word) >= COMMON_ZIPF  # "Hưng" is no "hung"


def name_like(word: str, rare: float = RARE_ZIPF) -> bool:
    """A listed first name, or a word rare in English (and not a known non-name)."""
    bare = bare_word(word)
    if not bare or bare in NOT_NAMES:
        return False
    if bare in first_names():
        return True
    return zipf_small(bare) < rare
