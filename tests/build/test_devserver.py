"""`make devserver` never serves a page that fails the checks (issue 17 item 4).

One devserver (``build.py --serve PORT``) runs in a subprocess on a free port over a
copy of the test site: it serves the site; a post with a patient's name and phone is
never served and its finding is printed once; fixed, it is served; deleted, it is gone.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import PATIENT, ROOT, settings_file

FIXED = PATIENT.replace("My patient Maria Gonzalez was", "Some people are").replace(
    "You can call her daughter at 541-555-0199 to hear more.\n", "Get your flu shot.\n"
)
#: How the build prints the phone finding (masked).
PHONE_FINDING = "winter-story.md:7:30: phone number (phone)"
#: What the devserver prints after each build (devserver._say_result).
DONE = ("Up to date:", "Not published:")
BUILD_SECONDS = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Devserver:
    """The devserver process and every line it printed so far."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # Ctrl+C is sent to its group, as a terminal would
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def builds(self) -> int:
        return sum(line.startswith(DONE) for line in self.lines)

    def wait_for_build(self, number: int, watch: str | None = None) -> list[int]:
        """Wait until build ``number`` has finished; the statuses of ``watch`` meanwhile."""
        seen = []
        deadline = time.monotonic() + BUILD_SECONDS
        while self.builds() < number:
            assert self.process.poll() is None, self.text
            assert time.monotonic() < deadline, self.text
            if watch:
                seen.append(status(watch))
            time.sleep(0.2)
        time.sleep(0.6)  # the "Watching ..." line and the first poll of the files
        return seen

    def stop(self) -> int:
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=60)


def test_devserver_serves_only_what_passes_the_checks(tmp_path, content_copy):
    port = free_port()
    output = tmp_path / "output"
    command = [
        sys.executable, str(ROOT / "build.py"),
        "--settings", settings_file(tmp_path, content_copy),
        "--output", str(output),
        "--report", str(tmp_path / "report.html"),
        "--serve", str(port),
    ]  # fmt: skip
    server = Devserver(command)
    site = f"http://127.0.0.1:{port}"
    page = f"{site}/posts/winter-story/"
    try:
        server.wait_for_build(1)
        assert "Up to date:" in server.lines[-2] + server.lines[-1], server.text
        assert status(f"{site}/") == 200
        assert status(f"{site}/posts/hand-washing/") == 200

        post = content_copy / "posts" / "winter-story.md"
        post.write_text(PATIENT, encoding="utf-8")
        statuses = server.wait_for_build(2, watch=page)
        assert set(statuses) <= {404}, statuses  # never served, not even during the build
        assert status(page) == 404
        assert "Not published:" in server.text
        assert server.text.count(PHONE_FINDING) == 1, server.text  # printed once
        time.sleep(2)  # no build loop: nothing more is printed without a change
        assert server.builds() == 2 and server.text.count(PHONE_FINDING) == 1

        post.write_text(FIXED, encoding="utf-8")
        server.wait_for_build(3)
        assert status(page) == 200, server.text

        (content_copy / "posts" / "hand-washing.md").unlink()
        server.wait_for_build(4)
        assert status(f"{site}/posts/hand-washing/") == 404, server.text
        assert status(page) == 200
        assert server.stop() == 0
        assert "Stopped." in server.text
    finally:
        if server.process.poll() is None:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()
        server.reader.join(timeout=10)
        assert server.process.stdout is not None
        server.process.stdout.close()


def test_devserver_says_so_when_the_port_is_taken(tmp_path, content_copy):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "--settings",
             settings_file(tmp_path, content_copy), "--output", str(tmp_path / "output"),
             "--serve", str(port)],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 2
    assert f"Cannot serve on 127.0.0.1:{port}" in done.stderr
    assert "PORT=8001" in done.stderr
    assert not Path(tmp_path / "output").exists()


def test_check_cannot_be_combined_with_watch(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--check", "--watch"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--check publishes nothing" in done.stderr
