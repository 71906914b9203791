#!/usr/bin/env python3
"""Build the site: `python build.py [--settings publishconf.py] [--output output]`.

Runs Pelican (with the practice plugin) into a staging folder and swaps it in
as the output folder only when everything succeeded. A content or settings
mistake prints one line per problem and exits non-zero; the previous output
folder is left exactly as it was. `make html` and `make publish` call this.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gzip
import logging
import os
import pickle
import signal
import sys
import time
import zlib
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican import Pelican
from pelican.log import init as init_logging
from pelican.settings import read_settings

import healthnotes
from healthnotes.cache import last_build
from healthnotes.cache.folders import NotAFolder, cache_lock, clear_the_way
from healthnotes.config import BuildFolders, build_folders, build_inputs, content_folder
from healthnotes.errors import ContentProblems, SettingsError, SyndicateError
from healthnotes.publish import (
    OutputNotAFolder,
    discard,
    latest_retired,
    leftovers,
    publish_lock,
    staging_dir,
    swap_in,
)
from healthnotes.runtime.collector import collect_less_often
from healthnotes.runtime.failures import Place, describe, lost_worker
from healthnotes.runtime.programs import start_removing
from healthnotes.runtime.workers import Workers

if TYPE_CHECKING:
    from healthnotes.gate.live import HeldLines
    from healthnotes.gate.messages import Masker

log = logging.getLogger("build")


_lines: HeldLines | None = None  # every log line, held until the gate has run


def _hold() -> None:
    if _lines is not None:
        _lines.hold()


def _release(identifiers: tuple[str, ...] | None = None) -> Masker:
    """Print the lines held; ``identifiers``: what the gate found (None: not known here,
    masked as the gate said when it ran, or without it when it did not)."""
    from healthnotes.gate.messages import Masker
    from healthnotes.gate.privacy import Allowlist

    if _lines is None:
        return Masker.found(Allowlist(), identifiers) if identifiers else Masker.unchecked()
    masker = _lines.print_held(identifiers or None)
    return Masker.found(masker.allow, identifiers) if identifiers else masker


def _check_plugins_loaded(wanted: list[str], loaded: list[str], settings_file: str) -> None:
    """Pelican only logs a plugin that fails to load and builds on without it;
    a site without its safety and syndication plugins must not be published."""
    missing = [name for name in wanted if name not in loaded]
    if missing:
        raise SettingsError(
            "PLUGINS",
            f"could not load {', '.join(missing)} (the reason is printed above); "
            "nothing was built without it",
            settings_file=settings_file,
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py", help="settings file")
    parser.add_argument("--content", default=None, help="content folder (default: PATH setting)")
    parser.add_argument("--output", default="output", help="folder to publish into")
    parser.add_argument(
        "--cache",
        default=None,
        help="the build's cache folder: cards, texts, checks (default: .cache/healthnotes)",
    )
    parser.add_argument(
        "--report", default=None, help="build report path (default: reports/build-report.html)"
    )
    parser.add_argument(
        "--site-url",
        default=None,
        help="the address the site is served from, instead of SITEURL (make preview); "
        "FEED_GUID_BASE is never changed",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="run every check and write the report, but publish nothing (make check)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="rebuild whenever the content, theme or settings change (Ctrl+C stops)",
    )
    parser.add_argument(
        "--serve",
        type=int,
        metavar="PORT",
        default=None,
        help="serve the output folder at http://127.0.0.1:PORT while watching (make devserver)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="build even when nothing changed since the last build (make publish FORCE=1)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show Pelican's info log")
    args = parser.parse_args(argv)
    if args.serve is not None:
        args.watch = True
    if args.watch and args.check:
        parser.error("--check publishes nothing: it cannot be combined with --watch or --serve")
    return args


def fail(
    lines: list[str], summary: str, output: Path, code: int, identifiers: tuple[str, ...] = ()
) -> int:
    """Print the lines held so far, then ``lines``, each masked (:meth:`Masker.failure`):
    a message may quote a post (a field's value, a file name) and goes to a terminal or
    a CI log. With what the gate found (``identifiers``) when it has run; when the build
    stopped before it, by the privacy scan on each line and its file names."""
    masker = _release(identifiers)
    for line in lines:
        print(masker.failure(line), file=sys.stderr)
    print(f"\n{summary}. Nothing was published; {output}/ is unchanged.", file=sys.stderr)
    return code


OUTPUT_PROBLEM = "1 problem with the output folder"
NOT_A_FOLDER = "is a file, not a folder; move or rename it (it is kept), or choose another --output"


class _OutputError(Exception):
    """The output folder cannot be written; the message says why and what to do."""


class _EnvironmentFailure(Exception):
    """A folder of the build cannot be written: one line and its summary."""

    def __init__(self, line: str, summary: str) -> None:
        super().__init__(line)
        self.line = line
        self.summary = summary


#: Folders inside each cache that the build makes (a file there is moved aside).
_BUILD_CACHE_FOLDERS = ("cards", "cards/images")
_PELICAN_CACHE_FOLDERS = ("jinja2",)  # the theme's compiled templates (the plugin's)
#: The signals that stop a build, and how it says so; its exit code is a shell's for
#: a program stopped by the signal (128 + its number: 130 for Ctrl+C, 143 for SIGTERM).
STOPS: dict[int, str] = {signal.SIGINT: "Stopped (Ctrl+C)", signal.SIGTERM: "Stopped (SIGTERM)"}


class _Stopped(KeyboardInterrupt):
    """The build was asked to stop (by Ctrl+C, or SIGTERM from ``kill`` or a CI runner)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_once(signum: int, frame: object) -> None:
    """Ctrl+C or SIGTERM: stop the build and ignore any further one while the build
    cleans up (its workers, its staging folder)."""
    for stop in STOPS:
        signal.signal(stop, signal.SIG_IGN)
    raise _Stopped(signum)


def _output_error(error: OSError, what: str, hint: str | None = None) -> _OutputError:
    reason = error.strerror or str(error)
    if error.filename:
        reason = f"{reason}: {error.filename}"
    return _OutputError(f"{what} ({reason}); {_HINTS.get(error.errno, hint or _HINT)}")


_HINT = "the folder that holds it must exist and be writable, or choose another --output"
_HINTS = {
    errno.ENOSPC: "free some disk space and build again",
    errno.EDQUOT: "free some disk space (you are over your quota) and build again",
}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    collect_less_often()  # the process holds the whole site: fewer walks over it
    global _lines
    from healthnotes.gate.live import HeldLines

    _lines = HeldLines()
    init_logging(level=logging.INFO if args.verbose else logging.WARNING, handler=_lines)
    settings_path = Path(args.settings).resolve()
    output = Path(args.output).resolve()
    if not settings_path.is_file():
        return fail([f"{args.settings}: settings file not found"], "1 problem", output, 2)
    if args.watch:
        return _watch(args, settings_path, output)
    for stop in STOPS:
        signal.signal(stop, _stop_once)
    try:
        return _locked_build(args, settings_path, output)
    except KeyboardInterrupt as stopped:
        Workers.close_all()
        signum = getattr(stopped, "signum", signal.SIGINT)
        return fail([], STOPS[signum], output, 128 + signum)


def _locked_build(args: argparse.Namespace, settings_path: Path, output: Path) -> int:
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(publish_lock(output, waiting=lambda: _waiting(output)))
        except OutputNotAFolder:
            return fail([f"{args.output}: {NOT_A_FOLDER}"], OUTPUT_PROBLEM, output, 2)
        except OSError as error:
            message = str(_output_error(error, "cannot publish into this folder"))
            return fail([f"{args.output}: {message}"], OUTPUT_PROBLEM, output, 2)
        if not (args.check or args.force) and _unchanged(args, settings_path, output):
            return 0
        try:
            return _build(args, settings_path, output)
        except _OutputError as error:
            return fail([f"{args.output}: {error}"], OUTPUT_PROBLEM, output, 2)
        except _EnvironmentFailure as failure:
            return fail([failure.line], failure.summary, output, 2)


def _command(args: argparse.Namespace, settings_path: Path, output: Path) -> tuple[str, ...]:
    """What names a build besides its inputs (:func:`last_build.command_of`)."""
    chosen = [args.content, args.cache, args.report]
    paths = [str(Path(p).resolve()) if p else "" for p in chosen]
    shown = [args.site_url or "", "verbose" if args.verbose else ""]
    return last_build.command_of([str(Path.cwd()), str(settings_path), str(output), *paths, *shown])


def _unchanged(args: argparse.Namespace, settings_path: Path, output: Path) -> bool:
    """When building again would change nothing (:mod:`healthnotes.cache.last_build`): say
    again what the last build warned about, and that the site is up to date."""
    command = _command(args, settings_path, output)
    now = datetime.now(UTC)
    record = last_build.unchanged(last_build.record_path(output), command, output, now)
    if record is None:
        return False
    for line in record.warnings:
        print(line, file=sys.stderr)
    built = datetime.fromisoformat(record.built_at).astimezone()
    print(
        f"Nothing changed since the last build ({settings_path.name}, {built:%Y-%m-%d %H:%M}): "
        f"{args.output}/ is up to date. Add FORCE=1 to build it again anyway."
    )
    return True


def _code() -> list[Path]:
    """This project's code, and every module loaded so far from outside the standard
    library and the installed libraries (what the settings file imported)."""
    package = Path(healthnotes.__file__).resolve().parent  # read whole, as a folder
    known = {package, *(Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix))}
    code = [package, Path(__file__).resolve()]
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if not name:
            continue
        path = Path(name).resolve()
        if not any(path.is_relative_to(folder) for folder in known):
            code.append(path)
    return code


def _remember(
    args: argparse.Namespace,
    settings_path: Path,
    output: Path,
    folders: BuildFolders,
    before: last_build.Before,
    built_at: datetime,
) -> None:
    """Remember the build that just published into ``output``; a record that cannot be
    written only means the next build runs in full."""
    path = last_build.record_path(output)
    stale_at = last_build.read_stale_at(folders.cache.absolute())
    try:
        if stale_at is None:
            last_build.forget(path)
            return
        last_build.remember(
            path,
            command=_command(args, settings_path, output),
            before=before,
            output=output,
            built_at=built_at,
            stale_at=stale_at,
            warnings=_lines.problems if _lines is not None else [],
        )
    except OSError:
        with contextlib.suppress(OSError):
            last_build.forget(path)


def _watch(args: argparse.Namespace, settings_path: Path, output: Path) -> int:
    """``--watch`` / ``--serve``: rebuild with this script on every change (devserver.py)."""
    import devserver

    try:
        settings = read_settings(str(settings_path))
    except Exception as error:  # the settings file's own mistake, shown in one line
        return fail([f"{args.settings}: {error}"], "1 problem in the settings", output, 2)
    content = Path(args.content).resolve() if args.content else content_folder(settings)
    theme = Path(settings["THEME"]).resolve()
    watched = [content, settings_path] + ([theme] if theme.is_dir() else [])
    site_url = args.site_url or (f"http://127.0.0.1:{args.serve}" if args.serve else None)
    command = [sys.executable, str(Path(__file__).resolve()), "--settings", str(settings_path)]
    command += ["--output", str(output)]
    for flag, value in (
        ("--content", args.content),
        ("--cache", args.cache),
        ("--report", args.report),
        ("--site-url", site_url),
    ):
        if value:
            command += [flag, str(value)]
    if args.verbose:
        command.append("--verbose")
    return devserver.watch(command, watched, output, args.serve)


def _drop_unreadable_content_cache(settings: dict[str, Any]) -> None:
    """Pelican stops with a traceback on a cache file that is cut short (EOFError), e.g.
    after a killed build. A cache is never trusted: a file whose data is damaged is
    removed, and Pelican reads the content again. Only the container is checked (the
    pickled objects name plugin classes that cannot be imported before Pelican runs):
    gzip's length and checksum, or a pickle's last byte (its STOP opcode; a pickle cut
    short anywhere else raises an error Pelican itself handles: it warns and reads the
    content again)."""
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return
    for path in Path(settings["CACHE_PATH"]).glob("*-Readers"):
        try:
            if settings.get("GZIP_CACHE", True):
                with gzip.open(path, "rb") as handle:
                    handle.read()  # checks the length and CRC gzip keeps at the end
            else:
                with path.open("rb") as handle:
                    handle.seek(-1, os.SEEK_END)
                    if handle.read(1) != pickle.STOP:
                        raise EOFError("no STOP opcode at the end")
        except (OSError, EOFError, ValueError, zlib.error):
            log.warning("removed the damaged content cache %s; it is rebuilt", path)
            path.unlink(missing_ok=True)


def _waiting(output: Path) -> None:
    print(
        f"Another build is publishing into {output}/; waiting for it to finish.",
        file=sys.stderr,
        flush=True,
    )


def _waiting_for_cache(folder: Path) -> None:
    print(
        f"Another build is using the cache folder {folder}/; waiting for it to finish.",
        file=sys.stderr,
        flush=True,
    )


def _places(
    output: Path, staging: Path, settings: dict[str, Any] | None, folders: BuildFolders | None
) -> list[Place]:
    """The folders the build writes into, as its messages name them."""
    places = [Place("output", output, "--output"), Place("output", staging, "--output")]
    if settings is None or folders is None:
        return places
    places.append(Place("reports", folders.report.absolute().parent, "--report"))
    for folder, choose in _caches(settings, folders):
        places.append(Place("cache", folder, choose))
    return places


def _caches(settings: dict[str, Any], folders: BuildFolders) -> list[tuple[Path, str]]:
    """The build's cache and Pelican's content cache, with how to choose another."""
    caches = [(folders.cache.absolute(), "--cache (BUILD_CACHE_PATH)")]
    if settings.get("CACHE_PATH"):
        caches.append((Path(settings["CACHE_PATH"]).absolute(), "CACHE_PATH in the settings"))
    return caches


def _prepare_caches(
    settings: dict[str, Any], folders: BuildFolders, stack: contextlib.ExitStack
) -> None:
    """Files in the way of the cache folders moved aside (they are rebuilt); then the
    cache folders held by this build alone (another build sharing them waits)."""
    caches = _caches(settings, folders)
    for index, (folder, choose) in enumerate(caches):
        inside = _BUILD_CACHE_FOLDERS if index == 0 else _PELICAN_CACHE_FOLDERS
        try:
            clear_the_way(folder, inside, project=Path.cwd())
        except NotAFolder as error:
            raise _EnvironmentFailure(
                f"{error.path}: is a file, not a folder, so the cache folder {error.cache}/ "
                f"cannot be made in it; move the file aside, or choose another cache folder "
                f"with {choose}",
                "1 problem with the cache folder",
            ) from error
    stack.enter_context(cache_lock([f for f, _ in caches], waiting=_waiting_for_cache))


def _build(args: argparse.Namespace, settings_path: Path, output: Path) -> int:
    """Build into a staging folder and swap it in; the caller holds the publish lock.

    The folders of the previous site (kept beside the output by the last build) the
    build may take from it are left to it; the sites before and any folder a killed
    build left are removed in the background meanwhile."""
    try:
        old = leftovers(output)
        staging = staging_dir(output)
    except OSError as error:
        raise _output_error(error, "cannot create the build folder beside it") from error
    retired = latest_retired(old)  # (what the build does not take goes with the next one)
    old = [folder for folder in old if folder != retired]
    sweeping = start_removing(old) if old else None
    try:
        return _build_into(args, settings_path, output, staging, retired)
    finally:
        if sweeping is not None:
            sweeping.wait()  # a folder it could not remove is removed next time


def _build_into(
    args: argparse.Namespace,
    settings_path: Path,
    output: Path,
    staging: Path,
    retired: Path | None = None,
) -> int:
    started = time.perf_counter()
    built_at = datetime.now(UTC)
    before: last_build.Before | None = None
    settings: dict[str, Any] | None = None
    folders: BuildFolders | None = None
    stack = contextlib.ExitStack()  # the cache lock, held until the build is done
    _hold()  # every log line waits for the gate's findings (they mask it)
    try:
        override = {"OUTPUT_PATH": str(staging), "SETTINGS_FILE": settings_path.name}
        if args.content:
            override["PATH"] = str(Path(args.content).resolve())
        if args.cache:
            override["BUILD_CACHE_PATH"] = str(Path(args.cache).resolve())
        if args.report:
            override["REPORT_PATH"] = str(Path(args.report).resolve())
        if args.site_url:
            override["SITEURL"] = args.site_url.rstrip("/")
        if args.check:
            override["CHECK_ONLY"] = True  # the report links to the last build (output/)
        if retired is not None:
            override["RETIRED_OUTPUT"] = str(retired)
        settings = read_settings(str(settings_path), override=override)
        folders = build_folders(settings, settings_file=settings_path.name)
        _prepare_caches(settings, folders, stack)
        _drop_unreadable_content_cache(settings)
        if not args.check:  # the inputs as they are before the build reads them
            written = [output, staging, folders.report, *(f for f, _ in _caches(settings, folders))]
            if retired is not None:  # (its folders are taken: written, not read)
                written.append(retired)
            inputs = [*build_inputs(settings, settings_path, written=written), *_code()]
            before = last_build.Before.look(inputs)
            last_build.forget_stale_at(folders.cache.absolute())
        wanted = list(settings.get("PLUGINS") or [])
        pelican = Pelican(settings)
        _check_plugins_loaded(wanted, pelican.settings.get("PLUGINS") or [], settings_path.name)
        try:
            pelican.run()
        finally:
            Workers.close_all()  # work beside a build that stopped stops with it
    except ContentProblems as problems:
        discard(staging)
        return fail(
            problems.lines(), problems.summary, output, problems.exitcode, problems.identifiers
        )
    except SyndicateError as error:
        discard(staging)
        return fail([str(error)], error.summary, output, error.exitcode)
    except BrokenProcessPool as error:  # a worker ended in the middle of its work
        discard(staging)
        failure = lost_worker(error)
        return fail([failure.line], failure.summary, output, 1)
    except OSError as error:
        discard(staging)
        failure = describe(error, _places(output, staging, settings, folders))
        if failure is None:
            raise
        raise _EnvironmentFailure(failure.line, failure.summary) from error
    except BaseException:
        discard(staging)
        raise
    finally:
        stack.close()
        _release()  # (the gate or a failure released them already)
    if args.check:
        discard(staging)  # a check publishes nothing
        print(f"Check passed: nothing stops publishing ({settings_path.name}).")
        return 0
    try:
        swap_in(staging, output)
    except OSError as error:
        discard(staging)
        raise _output_error(error, "could not put the new site in place") from error
    if before is not None and folders is not None:
        _remember(args, settings_path, output, folders, before, built_at)
    elapsed = time.perf_counter() - started
    print(f"Built {settings_path.name} into {args.output}/ in {elapsed:.1f} s.")
    return 0


def exit_now(code: int) -> None:
    """End the process once everything is written, without tearing the interpreter down:
    freeing the objects of a thousand posts one by one takes a third of a second, and
    nothing is left to do (the publish lock is released by the system)."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
