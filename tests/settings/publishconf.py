"""The project's publishconf.py for test builds, with no sign-off needed (see unsigned.py)."""

import runpy
from pathlib import Path

globals().update(
    runpy.run_path(str(Path(__file__).with_name("unsigned.py")))["unsigned"]("publishconf.py")
)
