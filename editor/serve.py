#!/usr/bin/env python3
"""`make editor`: the content editor on this computer, writing into the site's folder.

Starts two servers, both on 127.0.0.1 only:

* ``decap-server`` (npm, Decap's local backend) on ``--api-port``: reads and writes
  the files under ``--site`` (``content/posts``, ``content/pages``, ``content/images``);
* the editor page on ``--port``: ``editor/index.html``, ``editor/pelican-format.js``,
  the pinned Decap CMS bundle from ``node_modules/decap-cms/dist`` and ``config.yml``,
  generated from the post types by ``python -m healthnotes.content.editor``.

Nothing is fetched from the internet. Ctrl+C stops both servers.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

DECAP_DIST = ROOT / "node_modules" / "decap-cms" / "dist"
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
HOST = "127.0.0.1"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (the base class's own class attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".yml": "text/yaml",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def lay_out(folder: Path, config_text: str) -> None:
    """The editor page's files in ``folder``: page, format, bundle (linked) and config."""
    for name in ("index.html", "pelican-format.js"):
        shutil.copyfile(HERE / name, folder / name)
    (folder / "decap").symlink_to(DECAP_DIST, target_is_directory=True)
    (folder / "config.yml").write_text(config_text, encoding="utf-8")


def wait_for_port(port: int, seconds: float, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"decap-server stopped at start (exit {process.returncode})")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"decap-server did not listen on {HOST}:{port} within {seconds:.0f} s")


@contextlib.contextmanager
def running(site: Path, *, port: int, api_port: int, settings: str) -> Iterator[str]:
    """Both servers, for as long as the block runs; yields the editor's address."""
    for path, fix in ((DECAP_DIST, "npm ci"), (DECAP_SERVER, "npm ci")):
        if not path.exists():
            raise SystemExit(f"{path.relative_to(ROOT)} is missing: run `{fix}` in {ROOT}")
    config_text = subprocess.run(
        [
            sys.executable,
            "-m",
            "healthnotes.content.editor",
            "--settings",
            settings,
            "--local-port",
            str(api_port),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="health-notes-editor-") as folder:
        lay_out(Path(folder), config_text)
        env = {
            **os.environ,
            "PORT": str(api_port),
            "BIND_HOST": HOST,
            "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(site.resolve()),
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "warn"),
        }
        backend = subprocess.Popen(["node", str(DECAP_SERVER)], cwd=ROOT, env=env)
        httpd = ThreadingHTTPServer((HOST, port), functools.partial(_Handler, directory=folder))
        httpd.daemon_threads = True
        thread = threading.Thread(target=httpd.serve_forever, name="editor-http", daemon=True)
        try:
            wait_for_port(api_port, 30, backend)
            thread.start()
            yield f"http://{HOST}:{httpd.server_port}/"
        finally:
            if thread.is_alive():
                httpd.shutdown()
            httpd.server_close()
            backend.terminate()
            try:
                backend.wait(timeout=10)
            except subprocess.TimeoutExpired:
                backend.kill()
                backend.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT), help="folder holding content/")
    parser.add_argument("--port", type=int, default=8090, help="the editor page's port")
    parser.add_argument("--api-port", type=int, default=8081, help="decap-server's port")
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "content" / "posts").is_dir():
        parser.error(f"{site}/content/posts is not a folder")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with running(site, port=args.port, api_port=args.api_port, settings=args.settings) as url:
            print(f"Editor: open {url} in your browser (writing into {site.resolve()}/content)")
            print("Press Ctrl+C to stop.", flush=True)
            stop.wait()
    except KeyboardInterrupt:
        pass
    print("Editor stopped.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
