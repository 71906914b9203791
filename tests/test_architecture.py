"""The shape issue 18 asked for, kept: each rule of docs/developers.md's "one place" list
read from the source, so a change that breaks one fails here with the file and line.

Where the code does not hold a rule yet, the places are named in a ``KNOWN`` set with
why; a new place fails, and a place that is fixed must leave its set (so the sets only
shrink)."""

from __future__ import annotations

import ast
import re
import runpy
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT

LIBRARY = ROOT / "healthnotes"
PLUGINS = ROOT / "plugins"
PLUGIN = PLUGINS / "pelican_healthnotes"
CONFIG = LIBRARY / "config.py"
RUNTIME = LIBRARY / "runtime"


def sources(*roots: Path) -> Iterator[tuple[str, ast.Module]]:
    """Each Python file under ``roots`` (or each file named), as its path from the root
    of the repository and its syntax tree."""
    for root in roots:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def imported(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Each module ``tree`` imports (at any depth, lazy imports too), with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


# ---------------------------------------------------------------------------
# The library never imports Pelican
# ---------------------------------------------------------------------------

KNOWN_PELICAN_IMPORTS: set[str] = set()


def test_the_library_never_imports_pelican():
    found = {
        f"{path}:{line}: {module}"
        for path, tree in sources(LIBRARY)
        for line, module in imported(tree)
        if is_within(module, "pelican")
    }
    assert {place.split(":")[0] for place in found} == KNOWN_PELICAN_IMPORTS, sorted(found)


# ---------------------------------------------------------------------------
# Only runtime/ starts processes, pools or changes priority
# ---------------------------------------------------------------------------

#: Modules whose import means starting processes or pools.
PROCESS_MODULES = ("subprocess", "multiprocessing", "concurrent.futures.ProcessPoolExecutor")
POOL_NAMES = {"ProcessPoolExecutor", "ThreadPoolExecutor", "Pool"}
#: ``os`` functions that fork, spawn, run a shell or change the priority.
OS_PROCESS_CALLS = re.compile(
    r"^(fork|forkpty|nice|setpriority|system|popen|posix_spawnp?|spawn[lv]p?e?|exec[lv]p?e?)$"
)


def process_code(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for line, module in imported(tree):
        if any(is_within(module, m) for m in PROCESS_MODULES) or (
            module.rsplit(".", 1)[-1] in POOL_NAMES
        ):
            yield line, f"imports {module}"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
            and OS_PROCESS_CALLS.match(node.attr)
        ):
            yield node.lineno, f"os.{node.attr}"
        elif isinstance(node, ast.Name) and node.id in POOL_NAMES:
            yield node.lineno, node.id


def test_only_runtime_starts_processes_pools_or_changes_priority():
    found = [
        f"{path}:{line}: {what}"
        for path, tree in sources(LIBRARY, PLUGINS, ROOT / "build.py")
        if not path.startswith("healthnotes/runtime/")
        for line, what in process_code(tree)
    ]
    assert found == []


def test_the_guard_sees_a_process_started_outside_runtime():
    tree = ast.parse("import subprocess\nimport os\nos.nice(5)\n")
    assert [what for _, what in process_code(tree)] == ["imports subprocess", "os.nice"]


# ---------------------------------------------------------------------------
# Every setting is read in the configuration layer
# ---------------------------------------------------------------------------

#: Where SiteConfig.from_settings reads: config.py and the editorial part it calls.
CONFIGURATION = {"healthnotes/config.py", "healthnotes/editorial/settings.py"}
SETTING = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{4,}$")
#: Reads of a key SiteConfig also reads, outside it, still to move (file, key).
KNOWN_SETTING_READS: set[tuple[str, str]] = set()


def setting_keys(tree: ast.Module) -> set[str]:
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if SETTING.match(node.value)
    }


def settings_reads(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """``settings[KEY]`` and ``settings.get(KEY)`` (any name holding ``settings``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            holder, key = node.value, node.slice
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
        ):
            holder, key = node.func.value, node.args[0]
        else:
            continue
        name = getattr(holder, "id", None) or getattr(holder, "attr", "")
        if "settings" in name.lower() and isinstance(key, ast.Constant):
            yield node.lineno, str(key.value)


def test_no_key_the_configuration_reads_is_read_anywhere_else():
    keys: set[str] = set()
    for _, tree in sources(*(ROOT / p for p in sorted(CONFIGURATION))):
        keys |= setting_keys(tree)
    assert {"SITEURL", "CONCURRENCY", "PATH", "REVIEWERS"} <= keys  # the scan sees them
    found = {
        (path, key)
        for path, tree in sources(LIBRARY, PLUGINS, ROOT / "build.py")
        if path not in CONFIGURATION
        for _, key in settings_reads(tree)
        if key in keys
    }
    assert found - KNOWN_SETTING_READS == set(), "read outside config.py"
    assert KNOWN_SETTING_READS - found == set(), "fixed: remove from KNOWN_SETTING_READS"


def test_the_guard_sees_a_setting_read_outside_the_configuration():
    tree = ast.parse("x = self.settings['CONCURRENCY']\ny = settings.get('REVIEWERS', ())\n")
    assert list(settings_reads(tree)) == [(1, "CONCURRENCY"), (2, "REVIEWERS")]


# ---------------------------------------------------------------------------
# One Pelican plugin, one object per build, no run state in modules
# ---------------------------------------------------------------------------


def test_there_is_one_plugin_and_the_settings_load_it_once():
    packages = sorted(p.name for p in PLUGINS.iterdir() if (p / "__init__.py").is_file())
    assert packages == ["pelican_healthnotes"]
    for settings in ("pelicanconf.py", "publishconf.py"):
        plugins = runpy.run_path(str(ROOT / settings))["PLUGINS"]
        ours = [p for p in plugins if not is_within(p, "pelican.plugins")]
        assert ours == ["pelican_healthnotes"], settings


def test_register_connects_pelican_signals_to_one_generator_per_build():
    """Pelican makes the generator :func:`generators` returns once per build; the
    per-build state lives on it, so ``register`` connects only module functions that
    hold none (the reader, the template cache, the generator's class)."""
    tree = ast.parse((PLUGIN / "__init__.py").read_text(encoding="utf-8"))
    register = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "register")
    connected = [
        call.args[0].id
        for call in ast.walk(register)
        if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "connect"
    ]
    assert connected == ["keep_compiled_templates", "install_reader", "generators", "writer"]
    generators = next(n for n in tree.body if getattr(n, "name", "") == "generators")
    returned = [n.value for n in ast.walk(generators) if isinstance(n, ast.Return)]
    assert [ast.unparse(v) for v in returned] == ["HealthNotes"]


def test_no_module_keeps_run_state_by_the_settings_identity():
    found = [
        f"{path}:{node.lineno}"
        for path, tree in sources(LIBRARY, PLUGINS, ROOT / "build.py")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "id"
        and "settings" in ast.unparse(node.args[0]).lower()
    ]
    assert found == []


def test_no_module_level_mutable_state_in_the_plugin():
    found = [
        f"{path}:{node.lineno}: {ast.unparse(node)[:60]}"
        for path, tree in sources(PLUGIN)
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and isinstance(node.value, ast.Dict | ast.List | ast.Set | ast.Call)
        and not _frozen(node.value)
    ]
    assert found == []


def _frozen(value: ast.expr) -> bool:
    """A module-level value that cannot change: a compiled pattern, frozenset, tuple..."""
    return isinstance(value, ast.Call) and ast.unparse(value.func) in {
        "re.compile",
        "frozenset",
        "tuple",
        "SafeDatetime",
        "logging.getLogger",
    }


# ---------------------------------------------------------------------------
# One pipeline; one exception hierarchy; an installed package
# ---------------------------------------------------------------------------


def test_the_plugin_runs_the_build_through_the_one_pipeline_function():
    site = (PLUGIN / "site.py").read_text(encoding="utf-8")
    tree = ast.parse(site)
    calls = sorted(
        {
            ast.unparse(n.func)
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and ast.unparse(n.func).startswith("pipeline.")
        }
    )
    assert calls == ["pipeline.build"]


#: Exception classes defined beside errors.py, still to move there.
KNOWN_EXCEPTIONS_ELSEWHERE = {
    "healthnotes/cache/checks.py:NotCached",
    "healthnotes/cache/folders.py:NotAFolder",
    "healthnotes/calendar/model.py:CalendarSettingsError",
    "healthnotes/gate/evaluate.py:CorpusError",
    # private: a file read by its lines is read whole instead; it never leaves the module
    "healthnotes/gate/published.py:_NotByLines",
    "healthnotes/publish.py:OutputNotAFolder",
    "healthnotes/social/cards/card.py:CardError",
    "healthnotes/social/slides/plan.py:PlanError",
    "healthnotes/social/slides/video.py:VideoError",
    # a BrokenProcessPool, so that what catches concurrent.futures' error catches it
    "healthnotes/runtime/workers.py:WorkerLost",
}


EXCEPTION_BASE = re.compile(r"(Error|Exception|BrokenProcessPool)$")


def test_exceptions_are_defined_in_errors_py():
    found = {
        f"{path}:{node.name}"
        for path, tree in sources(LIBRARY)
        if path != "healthnotes/errors.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(EXCEPTION_BASE.search(ast.unparse(base)) for base in node.bases)
    }
    assert found - KNOWN_EXCEPTIONS_ELSEWHERE == set(), "define it in healthnotes/errors.py"
    assert KNOWN_EXCEPTIONS_ELSEWHERE - found == set(), "moved: remove from the list"


def test_nothing_edits_sys_path_to_find_the_library():
    found = [
        f"{path}:{node.lineno}"
        for path, tree in sources(
            LIBRARY, PLUGINS, *(ROOT / f for f in ("build.py", "pelicanconf.py", "publishconf.py"))
        )
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and ast.unparse(node) == "sys.path"
    ]
    assert found == []
