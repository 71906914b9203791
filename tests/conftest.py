"""Shared fixtures: real builds of the site, run the way `make` runs them."""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The test site: a frozen copy of the example content (posts, pages, images, extra)
#: that tests build and edit. Tests never read the shipped content/ folder, which staff
#: change every week; only the tests named in ``EXAMPLE_SITE_TESTS`` do, and those check
#: it generically ("every post builds and passes the gate"), never its names or counts.
CONTENT = ROOT / "tests" / "data" / "site"
#: With this folder on PYTHONPATH, its sitecustomize.py makes a build's writes fail where
#: ``FAULT_DIR`` says (a read-only or full disk, for tests that run as root).
FAULTS = ROOT / "tests" / "data" / "fault_injection"
#: The example site staff edit (content/): read only by ``EXAMPLE_SITE_TESTS``.
EXAMPLE_CONTENT = ROOT / "content"
EXAMPLE_SITE_TESTS = frozenset(
    {
        "tests/build/test_example_site.py",
        "tests/gate/test_readability.py",
        "tests/content/test_sanitize.py",
    }
)

#: The example posts and pages as shipped (sha256 and path under content/): tests of
#: the examples' own text check those still there unchanged, never a post staff wrote
#: or edited (``sha256sum posts/*.md pages/*.md`` in content/ after changing one).
SHIPPED_EXAMPLES = ROOT / "tests" / "data" / "shipped-examples.sha256"


def shipped_examples(folder: str) -> list[Path]:
    """The shipped example files of ``folder`` (``posts``, ``pages``) still in content/
    as shipped: staff may delete, edit or add posts, and ``make test`` still passes."""
    found = []
    for line in SHIPPED_EXAMPLES.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        path = EXAMPLE_CONTENT / name
        shipped = name.startswith(f"{folder}/") and path.is_file()
        if shipped and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            found.append(path)
    return found


sys.path.insert(0, str(ROOT))


#: A post the gate must stop: it names a patient and gives her daughter's phone number.
PATIENT = """Title: A winter story
Date: 2026-09-01 09:00
Type: qa
Question: Can the flu be serious?

Yes. My patient Maria Gonzalez was very sick last winter.
You can call her daughter at 541-555-0199 to hear more.
"""


@dataclass(frozen=True)
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path
    content: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


#: Cards are keyed by everything that shapes them, so tests can share one cache
#: safely; a test that counts renders passes a private ``cache``.
#: One per checkout: builds of other checkouts (other code) neither share it nor wait
#: for its lock; and one per pytest-xdist worker (`make test` runs one a core), since a
#: build holds its cache folder while it runs and the workers' builds would wait.
SHARED_CACHE = (
    Path(tempfile.gettempdir())
    / f"practice-blog-test-cards-{os.getuid()}-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]}"
    / os.environ.get("PYTEST_XDIST_WORKER", "main")
)


def run_build(
    output: Path,
    *,
    content: Path = CONTENT,
    settings: str = "publishconf.py",
    cache: Path = SHARED_CACHE,
    verbose: bool = False,
    force: bool = False,
) -> Build:
    """Run build.py in a subprocess, as `make publish` does (``force``: as `make publish
    FORCE=1`, even when nothing changed since the last build)."""
    unsigned = ROOT / "tests" / "settings" / settings  # the same, but no sign-off needed
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "--settings",
        str(unsigned if unsigned.is_file() else ROOT / settings),
        "--content",
        str(content),
        "--output",
        str(output),
        "--cache",
        str(cache),
    ]
    if verbose:
        command.append("--verbose")
    if force:
        command.append("--force")
    proc = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    return Build(proc.returncode, proc.stdout, proc.stderr, output, content)


def modules_loaded_after(code: str, modules: Iterable[str]) -> list[str]:
    """Which of ``modules`` a new interpreter has loaded once it has run ``code``
    (sorted): what a worker or build process started that way would hold."""
    probe = f"{code}\nimport sys\nprint(sorted(set({sorted(modules)!r}) & set(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return ast.literal_eval(done.stdout.splitlines()[-1])


def settings_file(tmp_path: Path, content: Path = CONTENT, extra: str = "") -> str:
    """A settings file for a test build: publishconf.py, reading ``content``, with no
    sign-off needed (``extra`` may turn it on), plus ``extra`` lines (plugins and theme
    by absolute path, since it lives in tmp_path)."""
    path = tmp_path / "conf.py"
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    # each pytest-xdist worker's builds have reports of their own (tests/settings/unsigned.py)
    report = ROOT / "reports" / f"test-{worker}" / "build-report.html" if worker else None
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PATH = {str(content)!r}\nREQUIRE_SIGN_OFF = False\n"
        + (f"REPORT_PATH = {str(report)!r}\n" if report else "")
        + f"{extra}\n"
    )
    return str(path)


def left_beside(output: Path) -> list[str]:
    """What is beside ``output`` (sorted names), besides the output folder itself and
    the record of its last build (``.output.last-build.json``, kept on purpose)."""
    kept = {output.name, f".{output.name}.last-build.json"}
    return sorted(p.name for p in output.parent.iterdir() if p.name not in kept)


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under root (empty when root is missing)."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def allow() -> Any:
    """The example practice's allowlist (staff, public phrases) from ``pelicanconf.py``,
    as the gate's tests read texts with it."""
    from healthnotes.gate import evaluate

    return evaluate.example_allowlist()


def findings(text: str, allow: Any, rule: str, *, model: bool = True) -> list[str]:
    """What the gate's ``rule`` finds in ``text``, in order (a warning included); with
    ``model=False``, what the rules find without the language model."""
    from healthnotes.gate.privacy import scan_text

    return [f.text for f in scan_text(text, allow, model=model) if f.rule == rule]


def name_findings(text: str, allow: Any) -> list[str]:
    """The names the gate finds in ``text`` (a public figure's warning included)."""
    return findings(text, allow, "name")


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The bundled example site, built once with the publish settings."""
    build = run_build(tmp_path_factory.mktemp("published") / "output")
    assert build.ok, build.stderr
    return build


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the example content that a test may edit."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def write_post(content_copy: Path) -> Callable[[str, str], Path]:
    """Write a Markdown post into the content copy: write_post("name.md", text)."""

    def write(name: str, text: str) -> Path:
        path = content_copy / "posts" / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def config_for_test_site(settings: str = "pelicanconf.py") -> Any:
    """The ``SiteConfig`` of the project's settings file ``settings`` for the test site
    (``PATH``: tests/data/site), read as the commands read it."""
    import runpy

    from healthnotes.config import SiteConfig

    values = runpy.run_path(str(ROOT / settings))
    values["PATH"] = str(CONTENT)
    return SiteConfig.from_settings(values)


def typed_post(details: object = None, **fields: object) -> Any:
    """A valid published ``Post`` for tests that need one but not its file: a how-to
    (``details``, whose class gives the type) called ``x``, dated 2 Nov 2026 9:00 in the
    practice's zone; any field can be given by name (``source``, ``url`` and ``guid``
    follow ``slug``)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from healthnotes.content.model import QA, Alert, HowTo, Misconception, Post, PostType, Recall

    details = details if details is not None else HowTo(steps=("a",))
    kind = {
        HowTo: PostType.HOWTO,
        Misconception: PostType.MISCONCEPTION,
        Recall: PostType.RECALL,
        QA: PostType.QA,
        Alert: PostType.ALERT,
    }[type(details)]
    slug = str(fields.get("slug", "x"))
    made: dict[str, Any] = {
        "source": f"content/posts/{slug}.md",
        "slug": slug,
        "url": f"https://health.example.org/posts/{slug}/",
        "guid": f"urn:uuid:{slug}",
        "type": kind,
        "title": "A title",
        "date": datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("America/Los_Angeles")),
        "modified": None,
        "summary": "S.",
        "tags": (),
        "author": None,
        "reviewed_by": None,
        "last_reviewed": None,
        "image": None,
        "image_alt": None,
        "status": "published",
        "details": details,
    }
    return Post(**{**made, **fields})


def calendar_post_named_for_a_patient(title: str) -> Any:
    """A calendar entry whose file name and slug carry a patient's name and phone (what
    the calendar must mask), a Q&A dated 8 Dec 2026 9:00 in the practice's zone."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from healthnotes.calendar.model import Post

    return Post(
        source="content/posts/maria-gonzalez-541-555-0199.md",
        slug="maria-gonzalez-541-555-0199",
        title=title,
        type="qa",
        date=datetime(2026, 12, 8, 9, tzinfo=ZoneInfo("America/Los_Angeles")),
    )


#: Browser, validator and accessibility-engine tests (`make e2e`): they need Chromium,
#: Java and node_modules, so they run only when tests/e2e (or a file in it) is named on
#: the command line. `make test` (plain `pytest`) leaves them out.
E2E = Path(__file__).resolve().parent / "e2e"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path != E2E:
        return None
    named = [
        (config.invocation_params.dir / arg.split("::", 1)[0]).resolve() for arg in config.args
    ]
    return None if any(p == E2E or E2E in p.parents for p in named) else True


def running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(condition: Callable[[], object], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def children_left_by_a_killed_build(code: str, tmp_path: Path) -> list[int]:
    """Run ``code`` in a new Python process standing for the build: it starts processes
    and writes their pids, one a line, into the file named by ``PIDS``. Kill it
    (``kill -9``) once they all run; the pids still running ten seconds later."""
    pids_file = tmp_path / "pids"
    build = subprocess.Popen([sys.executable, "-c", f"PIDS = {str(pids_file)!r}\n{code}"], cwd=ROOT)
    try:
        wait_until(lambda: pids_file.exists() and pids_file.read_text().strip(), 60)
        children = [int(pid) for pid in pids_file.read_text().split()]
        assert children and all(map(running, children))
    finally:
        build.kill()
        build.wait()
    wait_until(lambda: not any(map(running, children)), 10)
    return [pid for pid in children if running(pid)]
