"""Word lists and word frequencies the name rules read."""

from __future__ import annotations

import unicodedata
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
    return frozenset(fold_name(w) for line in text.splitlines() for w in line.split("#")[0].split())


#: Capitalised words that are never a person's name where the name rules look:
#: common words, medicine brands, germs, programmes, eponyms (``data/not_names.txt``).
NOT_NAMES: frozenset[str] = _word_list("not_names.txt")

#: Generic and brand names of the medicines patients take (``data/drug_names.txt``, made
#: by ``tools/drug_names.py`` from a maintained drug dictionary; its header says which).
DRUG_NAMES: frozenset[str] = _word_list("drug_names.txt")

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
def zipf_large(word: str) -> float:
    return zipf_frequency(word, "en", wordlist="large")


_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"))


def _inflected_common(bare: str) -> bool:
    """ "colds", "rinsing", "sanitizer": an inflection of a common word."""
    return any(
        bare.endswith(end)
        and len(bare) - len(end) >= 3
        and zipf_large(bare[: -len(end)] + add) >= 3.4
        for end, add in _INFLECTIONS
    )


def bare_word(word: str) -> str:
    folded = fold_name(word)
    for ending in ("'s", "'"):
        if folded.endswith(ending):
            return folded[: -len(ending)]
    return folded


def common_word(word: str) -> bool:
    """A common English word that is not also a listed first name ("Scan", "Follow")."""
    bare = bare_word(word)
    if bare in first_names():
        return False
    return zipf_small(bare) >= COMMON_ZIPF or _inflected_common(bare)


def name_like(word: str, rare: float = RARE_ZIPF) -> bool:
    """A listed first name, or a word rare in English (and not a known non-name)."""
    bare = bare_word(word)
    if not bare or bare in NOT_NAMES:
        return False
    if bare in first_names():
        return True
    return zipf_small(bare) < rare
