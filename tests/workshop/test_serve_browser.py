"""`quiz serve` in a real browser: Debian's headless Chromium, driven by Playwright, reaches the first
question and answers it; the answer arrives in the room's anonymous totals."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

FULL = Path(__file__).resolve().parents[1] / "data" / "valid" / "full.yaml"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags this machine's closed network needs (see the environment notes): no background traffic.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen[bytes], seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"quiz serve exited early: {proc.stdout.read().decode() if proc.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("quiz serve did not start listening")


@pytest.mark.allow_network
def test_browser_reaches_and_answers_the_first_question(tmp_path: Path) -> None:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it with apt-get)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "quiz", "serve", str(FULL), "--port", str(port), "--room", "browser"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        _wait_port(port, proc)
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            page = browser.new_page(viewport={"width": 1100, "height": 750})
            page.goto(f"http://127.0.0.1:{port}/")
            assert "Every feature" in page.content()
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            time.sleep(2.0)  # the app process starts and draws its intro
            page.click(".textual-terminal")
            for key in ("Enter", "Enter", "1", "Enter"):  # intro, section intro, answer the first question
                page.keyboard.press(key)
                time.sleep(0.8)
            totals = _wait_totals(env, "age")
            page.screenshot(path=os.environ.get("QUIZ_SERVE_SCREENSHOT", str(tmp_path / "serve.png")))
            browser.close()
        assert totals == (1, {"adult": 1})
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_totals(env: dict[str, str], question: str, seconds: float = 20) -> tuple[int, dict[str, int]]:
    code = ("import json,sys; from quiz.room.totals import Room; r=Room('browser'); "
            f"print(json.dumps(r.all_totals().get({question!r}, [0, {{}}])))")
    end = time.monotonic() + seconds
    last = (0, {})
    while time.monotonic() < end:
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        if out.returncode == 0:
            import json

            n, counts = json.loads(out.stdout)
            last = (n, counts)
            if n:
                return last
        time.sleep(0.5)
    return last
