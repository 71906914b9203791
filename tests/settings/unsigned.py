"""The project's settings for test builds, except that posts need no medical sign-off:
tests of other features write posts no reviewer signed (tests/editorial turns it on).

run_build in tests/conftest.py uses pelicanconf.py and publishconf.py of this folder in
place of the project's; each is :func:`unsigned` of its namesake."""

import os
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def unsigned(project_file: str) -> dict[str, object]:
    """The UPPER-CASE settings of the project's ``project_file``, for a test build."""
    settings = {
        name: value
        for name, value in runpy.run_path(str(ROOT / project_file)).items()
        if name.isupper()
    }
    # Relative paths in a settings file are read from its folder: keep the project's.
    settings["PLUGIN_PATHS"] = [str(ROOT / "plugins")]
    settings["THEME"] = str(ROOT / "theme")
    settings["CACHE_PATH"] = str(ROOT / str(settings["CACHE_PATH"]))
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        # `make test` runs a build in each worker at once: a build holds Pelican's cache
        # folder (the others would wait) and rewrites reports/preview/ (one could remove
        # a page another just wrote), so each worker has its own of both
        settings["CACHE_PATH"] += f"-{worker}"
        settings["REPORT_PATH"] = str(ROOT / "reports" / f"test-{worker}" / "build-report.html")
    settings["REQUIRE_SIGN_OFF"] = False
    return settings
