"""The project's publishconf.py for test builds, except that posts need no medical sign-off:
tests of other features write posts no reviewer signed (tests/editorial turns it on).
run_build in tests/conftest.py uses this file in place of publishconf.py."""

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
globals().update(
    (name, value)
    for name, value in runpy.run_path(str(ROOT / "publishconf.py")).items()
    if name.isupper()
)
# Relative paths in a settings file are read from its folder: keep the project's.
PLUGIN_PATHS = [str(ROOT / "plugins")]
THEME = str(ROOT / "theme")
CACHE_PATH = str(ROOT / CACHE_PATH)  # noqa: F821 (set by the project's settings)
REQUIRE_SIGN_OFF = False
