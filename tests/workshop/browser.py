"""What both browser tests share: Debian's Chromium and its flags, and `quiz serve` started in a process
whose own output says when it is ready (every wait ends on its condition, never on a sleep)."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags this machine's closed network needs (see the environment notes): no background traffic.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 30_000
"""The longest wait for the server or the page, in milliseconds; every wait ends on its condition."""


def playwright_api() -> Any:
    """Playwright's sync API, or a skip with its reason when Chromium or Playwright is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it with apt-get)")
    return pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _output(proc: subprocess.Popen[bytes]) -> queue.Queue[bytes]:
    """The server's output lines, read on a thread (so the pipe never fills); b"" when it exits."""
    lines: queue.Queue[bytes] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(b"")

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for_line(lines: queue.Queue[bytes], start: bytes) -> None:
    """Wait for the server to print a line starting with `start`."""
    said = b""
    while not said.startswith(start):
        said = lines.get(timeout=WAIT_MS / 1000)
        if not said:
            raise AssertionError("quiz serve exited before it served")


def _wait_for_port(port: int) -> None:
    """The port, which textual-serve binds in the start-up step right after its banner."""
    end = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=WAIT_MS / 1000):
                return
        except ConnectionRefusedError:
            os.sched_yield()
    raise AssertionError("quiz serve did not start listening")


@contextmanager
def serving(tmp_path: Path, bank: Path, *args: str) -> Iterator[tuple[int, dict[str, str]]]:
    """`quiz serve BANK ARGS` on a free loopback port with its own data folder, ready when entered:
    (port, environment). A room says "Press ctrl+c to stop." once its port is open; the full app's
    textual-serve prints its own banner as it binds."""
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quiz", "serve", str(bank), "--port", str(port), *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        lines = _output(proc)
        if "--room" in args:
            _wait_for_line(lines, b"Press ctrl+c to stop.")
        else:
            _wait_for_line(lines, b"Serving '")
            _wait_for_port(port)
        yield port, env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
