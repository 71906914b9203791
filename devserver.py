"""`make devserver`: serve the output folder and rebuild it whenever a source changes.

``python build.py --settings pelicanconf.py --output output --serve 8000`` (``--watch``
alone rebuilds without serving). Every rebuild is a normal ``build.py`` run in its own
process: a staging folder, every check, then the swap. So the output folder only ever
holds a site that passed the checks; a build that stops leaves the last good site in
place and its problems are printed once, for that change. A deleted post's page is gone
after the next build (the staging folder is built from nothing).

Watched, by polling modification times every half second: the content folder, the
theme folder and the settings file. Ctrl+C stops the server and any build under way.
"""

from __future__ import annotations

import contextlib
import functools
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: Seconds between two looks at the watched files.
POLL_SECONDS = 0.5
BUILD_SCRIPT = Path(__file__).resolve().parent / "build.py"

Snapshot = dict[str, tuple[int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Modification time and size of every file under ``paths`` (files or folders)."""
    found: Snapshot = {}
    for root in paths:
        candidates = root.rglob("*") if root.is_dir() else [root]
        for path in candidates:
            with contextlib.suppress(OSError):  # removed while we looked
                stat = path.stat()
                if path.is_file():
                    found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    paths = before.keys() | after.keys()
    return sorted(path for path in paths if before.get(path) != after.get(path))


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the output folder without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def start_server(output: Path, port: int) -> ThreadingHTTPServer:
    """Serve ``output`` at http://127.0.0.1:``port`` from a background thread.

    The folder is looked up by name for every request, so the site a build swaps in
    is served from the next request on."""
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="devserver", daemon=True).start()
    return server


def _build(command: Sequence[str]) -> int:
    """One normal build in its own process (its output goes straight to ours)."""
    sys.stdout.flush()
    process = subprocess.Popen(command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.wait()  # it got the Ctrl+C too: let it remove its staging folder
        raise


def watch(
    build_command: Sequence[str],
    watched: Sequence[Path],
    output: Path,
    port: int | None,
) -> int:
    """Build, then rebuild after every change of ``watched`` until Ctrl+C; serve
    ``output`` on ``port`` meanwhile (``None``: do not serve)."""
    server = None
    if port is not None:
        try:
            server = start_server(output, port)
        except OSError as error:
            print(
                f"Cannot serve on 127.0.0.1:{port} ({error.strerror or error}); "
                "choose another port, e.g. make devserver PORT=8001",
                file=sys.stderr,
            )
            return 2
    where = f"http://127.0.0.1:{port}/" if port is not None else f"{output}/"
    names = ", ".join(str(path) for path in watched)
    try:
        seen = snapshot(watched)
        code = _build(build_command)
        while True:
            _say_result(code, where)
            print(f"Watching {names} for changes (Ctrl+C stops).", flush=True)
            while True:
                time.sleep(POLL_SECONDS)
                now = snapshot(watched)
                if now != seen:
                    break
            files = changed(seen, now)
            seen = now
            # counted, not named: a file name may hold an identifier only the gate finds
            # (the build's own messages name it, masked)
            shown = f"{len(files)} file{'s' * (len(files) != 1)}"
            print(f"\nChanged: {shown}. Rebuilding ...", flush=True)
            code = _build(build_command)
    except KeyboardInterrupt:
        print("\nStopped.", flush=True)
        return 0
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()


def _say_result(code: int, where: str) -> None:
    if code == 0:
        print(f"Up to date: {where}", flush=True)
    else:
        print(
            f"Not published: {where} still shows the last site that passed the checks. "
            "Fix the problems above and save again.",
            flush=True,
        )
