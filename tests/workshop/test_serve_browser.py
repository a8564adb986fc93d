"""`quiz serve` of the full app in a real browser: Debian's headless Chromium, driven by Playwright, reaches
the first question and answers it (a room's light page has its own browser test, test_room_page_browser)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .browser import CHROMIUM, FLAGS, WAIT_MS, playwright_api, serving

FULL = Path(__file__).resolve().parents[1] / "data" / "valid" / "full.yaml"


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
    sync_api = playwright_api()
    with serving(tmp_path, FULL) as (port, _env), sync_api.sync_playwright() as p:
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
