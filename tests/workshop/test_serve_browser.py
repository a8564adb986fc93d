"""`quiz serve` of the full app in a real browser: Debian's headless Chromium, driven by Playwright, reaches
the first question and answers it (a room's light page has its own browser test, test_room_page_browser)."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

FULL = Path(__file__).resolve().parents[1] / "data" / "valid" / "full.yaml"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags this machine's closed network needs (see the environment notes): no background traffic.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 30_000
"""The longest wait for the server or the page, in milliseconds; every wait ends on its condition."""


def _free_port() -> int:
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


def _wait_listening(port: int, lines: queue.Queue[bytes]) -> None:
    """Wait for textual-serve's banner, which it prints as it binds the port, then for the port."""
    said = b""
    while not said.startswith(b"Serving '"):
        said = lines.get(timeout=WAIT_MS / 1000)
        if not said:
            raise AssertionError("quiz serve exited before it served")
    end = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < end:  # the bind follows the banner within the same start-up step
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=WAIT_MS / 1000):
                return
        except ConnectionRefusedError:
            os.sched_yield()
    raise AssertionError("quiz serve did not start listening")


class Terminal:
    """What the app draws in the page's terminal, read from the bytes its websocket receives.

    textual-serve draws on a canvas, so the page's DOM holds no text to wait for; the bytes are the
    terminal output itself, where each screen's plain words appear between escape sequences.
    """

    def __init__(self, websocket: Any) -> None:
        self.websocket = websocket
        self.drawn = bytearray()
        websocket.on("framereceived", self.add)

    def add(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.drawn += payload

    def wait_for(self, text: str, since: int = 0, timeout_ms: float = WAIT_MS) -> None:
        """Wait until `text` has been drawn after byte `since` of the output."""
        marker = text.encode()

        def drawn(payload: bytes | str) -> bool:
            return marker in self.drawn[since:] or (isinstance(payload, bytes) and marker in payload)

        if marker not in self.drawn[since:]:
            self.websocket.wait_for_event("framereceived", predicate=drawn, timeout=timeout_ms)

    def press(self, page: Any, key: str, then: str) -> None:
        """Press `key` and wait for the screen it leads to, which shows `then`. A key inside the app's
        input guard just after a screen is drawn does nothing, so it is pressed again until it acts."""
        from playwright.sync_api import TimeoutError as NotYet

        for _attempt in range(10):
            since = len(self.drawn)
            page.keyboard.press(key)
            try:
                self.wait_for(then, since, timeout_ms=1000)
                return
            except NotYet:
                continue
        raise AssertionError(f"{then!r} never appeared after pressing {key}")


@pytest.mark.allow_network
def test_browser_reaches_and_answers_the_first_question(tmp_path: Path) -> None:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it with apt-get)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "quiz", "serve", str(FULL), "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        _wait_listening(port, _output(proc))
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            page = browser.new_page(viewport={"width": 1100, "height": 750})
            with page.expect_websocket(timeout=WAIT_MS) as opened:
                page.goto(f"http://127.0.0.1:{port}/")
            terminal = Terminal(opened.value)
            assert "Every feature" in page.content()
            terminal.wait_for("Every feature")  # the app process started and drew its intro
            page.click(".textual-terminal")
            terminal.press(page, "Enter", then="Are you 18 or older?")
            terminal.press(page, "1", then="How often does this worry you?")  # answered: the next question
            page.screenshot(path=os.environ.get("QUIZ_SERVE_SCREENSHOT", str(tmp_path / "serve.png")))
            browser.close()
        assert not (tmp_path / "data").exists(), "the served app wrote nothing on the host"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
