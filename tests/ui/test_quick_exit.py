"""ctrl+q leaves at once from every screen, is shown in every footer, and leaves nothing behind."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quiz.bank.check import load_bank

from .ui_helpers import FULL, ROOT, SIZE, app_for, screen_name, screen_text, settle, wait_for

PATHS = {
    "LauncherScreen": (),
    "IntroScreen": ("enter",),
    "QuestionScreen": ("enter", "enter"),
    "SectionScreen": ("enter", "enter", "1", "2", "1"),
    "RevealScreen": ("enter", "enter", "1", "2", "1", "enter", "s", "1"),
    "ReviewScreen": ("enter", "enter", "1", "1", "1"),
    "ResultsScreen": ("enter", "enter", "1", "1", "1", "r"),
    "ExportScreen": ("enter", "enter", "1", "1", "1", "r", "e"),
    "HelpScreen": ("enter", "enter", "question_mark"),
}
"""Keys from the launcher (listing full.yaml) to each screen."""


@pytest.mark.parametrize("screen", list(PATHS))
async def test_ctrl_q_leaves_from_every_screen(screen: str, tmp_path: Path) -> None:
    app = app_for(shipped=[FULL], user_dir=tmp_path / "banks")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*PATHS[screen])
        assert screen_name(app) == screen
        await wait_for(pilot, lambda: "^q Quick exit" in screen_text(app).splitlines()[-1])
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running
    assert list(tmp_path.iterdir()) == []


async def test_ctrl_q_leaves_while_typing_a_text_answer() -> None:
    app = app_for(load_bank(FULL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1", "enter", "s", "2", "enter")
        assert screen_name(app) == "QuestionScreen"
        await pilot.press("h", "i", "ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_ctrl_q_leaves_while_the_terminal_is_too_small() -> None:
    app = app_for(load_bank(FULL))
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "TooSmallScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("key", [b"\x11", b"\x03"], ids=["ctrl+q", "ctrl+c"])
def test_the_terminal_keeps_no_quiz_text_after_quick_exit(key: bytes) -> None:
    """ctrl+q, or the ctrl+c a panicking person presses, leaves at once and clears the terminal
    itself, so nothing stays in view where there is no alternate screen (GNU screen's default)."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    proc = subprocess.Popen([sys.executable, "-m", "quiz", "take", str(FULL)], stdin=slave,
                            stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True)
    os.close(slave)
    raw = b""

    def read_until(needle: bytes, timeout: float = 30) -> None:
        nonlocal raw
        deadline = time.monotonic() + timeout
        while needle not in ANSI.sub("", raw.decode("utf-8", "replace")).encode():
            assert time.monotonic() < deadline, f"{needle!r} never appeared"
            if select.select([master], [], [], 0.1)[0]:
                raw += os.read(master, 65536)

    def press_until(key: bytes, needle: bytes, timeout: float = 30) -> None:
        """Press `key` until `needle` shows: a key inside the input guard after a screen is drawn
        does nothing, so it is pressed again (while reading) until it acts."""
        nonlocal raw
        deadline = time.monotonic() + timeout
        while needle not in ANSI.sub("", raw.decode("utf-8", "replace")).encode():
            assert time.monotonic() < deadline, f"{needle!r} never appeared"
            os.write(master, key)
            end = time.monotonic() + 0.2
            while time.monotonic() < end:
                if select.select([master], [], [], 0.05)[0]:
                    raw += os.read(master, 65536)

    try:
        read_until(b"What this is")
        # The first section's intro is shown above its first question.
        press_until(b"\r", b"Are you 18 or older?")
        os.write(master, key)
        deadline = time.monotonic() + 10
        while proc.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    raw += os.read(master, 65536)
                except OSError:
                    break
        assert proc.wait(timeout=10) == 0
        while select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            raw += chunk
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    # Everything was drawn on the alternate screen; after leaving it, nothing more is printed.
    leave = raw.rfind(b"\x1b[?1049l")
    assert leave != -1, "the app did not leave the alternate screen"
    after = ANSI.sub("", raw[leave:].decode("utf-8", "replace"))
    assert after.strip() == ""
    assert b"\x1b[2J" in raw[leave:] and b"\x1b[3J" in raw[leave:]  # cleared after leaving, too
    before_enter = raw[: raw.find(b"\x1b[?1049h")]
    assert ANSI.sub("", before_enter.decode("utf-8", "replace")).strip() == ""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("command", [["take", str(FULL)], ["present", str(FULL)]])
def test_a_terminal_that_hangs_up_ends_the_program(command: list[str]) -> None:
    """Closing the terminal window (or losing the connection) ends quiz, rather than leaving it
    running at full speed with the answers in memory."""
    import fcntl
    import struct
    import termios

    from quiz.ui.hangup import EXIT_HANGUP

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    proc = subprocess.Popen([sys.executable, "-m", "quiz", *command], stdin=slave, stdout=slave,
                            stderr=slave, env=env, cwd=ROOT, start_new_session=True)
    os.close(slave)
    try:
        raw = b""
        deadline = time.monotonic() + 30
        while b"Quick exit" not in raw and b"Quit" not in raw:
            assert time.monotonic() < deadline, "the app never drew"
            if select.select([master], [], [], 0.1)[0]:
                raw += os.read(master, 65536)
        os.close(master)  # the terminal goes away
        master = -1
        assert proc.wait(timeout=15) == EXIT_HANGUP
    finally:
        if proc.poll() is None:
            proc.kill()
        if master != -1:
            os.close(master)
