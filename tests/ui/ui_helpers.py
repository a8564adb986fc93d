"""Helpers for driving the app with the keyboard in Pilot tests (imported by the UI tests)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, Footer

from quiz.bank.model import Bank
from quiz.ui.app import QuizApp, make_app
from quiz.ui.guard import GUARD_SECONDS

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
FULL = DATA / "valid" / "full.yaml"
UI = DATA / "ui"
SNAPSHOT_BANK = UI / "snapshot.yaml"
SHORT = UI / "short.yaml"
HOSTILE = UI / "hostile.yaml"
USER_BANKS = UI / "user_banks"
SIZE = (80, 24)
SVG = "{http://www.w3.org/2000/svg}"
LINE = re.compile(r"-line-(\d+)\)$")


def screen_name(app: App[Any]) -> str:
    """The class name of the screen on top."""
    return type(app.screen).__name__


def screen_text(app: App[Any]) -> str:
    """What the terminal shows right now, as plain lines.

    Read from the app's public screenshot: an SVG in which each run of text is placed at its cell
    (x in character widths) on its line (the `line-N` clip path); blank runs are left out, so the
    gaps are filled back in with spaces.
    """
    root = ElementTree.fromstring(app.export_screenshot())
    width, height = app.size
    rows: list[list[tuple[int, str]]] = [[] for _ in range(height)]
    for node in root.iter(f"{SVG}text"):
        line = LINE.search(node.get("clip-path", ""))
        # A line's end is a run of its own; the SVG writes every space as a no-break space.
        text = (node.text or "").replace("\n", "").replace("\xa0", " ")
        if line is None or not text:
            continue
        char_width = float(node.get("textLength", "0")) / len(text)
        rows[int(line[1])].append((round(float(node.get("x", "0")) / char_width), text))
    lines = []
    for runs in rows:
        out = ""
        for column, text in sorted(runs):
            out = out.ljust(column) + text
        lines.append(out.ljust(width))
    return "\n".join(lines)


def static_text(app: QuizApp, selector: str) -> str:
    """The plain text of one Static on the screen (whole, however the terminal wraps it)."""
    from textual.widgets import Static

    return str(app.screen.query_one(selector, Static).content)


def action_button(app: App[Any], action: str) -> Button:
    """The button on the screen's row of actions that runs `action` (e.g. "skip")."""
    buttons = [b for b in app.screen.query("#actions Button").results(Button)
               if b.action == f"screen.{action}"]
    assert len(buttons) == 1, f"{len(buttons)} buttons run {action}"
    return buttons[0]


def action_shown(app: App[Any], action: str) -> bool:
    """Whether the screen's row of actions offers `action` (e.g. "skip")."""
    buttons = [b for b in app.screen.query("#actions Button").results(Button)
               if b.action == f"screen.{action}"]
    return bool(buttons) and buttons[0].display


async def click_action(pilot: Pilot[Any], action: str) -> None:
    """Click the button that runs `action`, as a person with a mouse would."""
    await pilot.click(action_button(pilot.app, action))
    await pilot.pause()


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for workers (the launcher checks banks in a thread) and pending refreshes."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for(pilot: Pilot[Any], holds: Callable[[], bool], tries: int = 200) -> None:
    """Let the app run until `holds()` is true: a redraw can lag a press on a busy machine. Bounded by a
    number of pauses, never by a clock; fails with the screen's text when it never holds."""
    for _ in range(tries):
        if holds():
            return
        await pilot.pause()
    raise AssertionError(f"never held on {screen_name(pilot.app)}:\n{screen_text(pilot.app)}")


def answer_keys(app: QuizApp) -> list[str]:
    """Keys that answer the question on screen with its first acceptable answer."""
    from quiz.ui.question import QuestionScreen

    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    q = screen.question
    if q.kind == "text":
        return ["enter"]
    if q.kind == "multiple":
        usable = [i for i, o in enumerate(q.options) if not o.exclusive] or [0]
        need = max(1, q.min_choices)
        return [str(i + 1) for i in usable[:need]] + ["enter"]
    return ["1"]


async def step(pilot: Pilot[Any]) -> str:
    """Take one keyboard step forward on whatever screen is showing; returns the screen's name."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    name = screen_name(app)
    if name in ("IntroScreen", "SectionScreen", "RevealScreen"):
        await pilot.press("enter")
    elif name == "QuestionScreen":
        await pilot.press(*answer_keys(app))
    elif name == "ReviewScreen":
        await pilot.press("r")
    else:
        raise AssertionError(f"no forward step from {name}")
    return name


async def take_to_results(pilot: Pilot[Any], limit: int = 500,
                          on_question: Callable[[Pilot[Any]], Any] | None = None,
                          on_screen: Callable[[Pilot[Any]], Any] | None = None) -> list[str]:
    """Press keys until the results show; returns the screens passed on the way.

    `on_screen` runs on every screen before its step (and on the results); `on_question` on every
    question before its answer, and may take the step itself.
    """
    seen: list[str] = []
    app = pilot.app
    assert isinstance(app, QuizApp)
    for _ in range(limit):
        if on_screen is not None:
            await on_screen(pilot)
        name = screen_name(app)
        if name == "ResultsScreen":
            return seen
        if name == "QuestionScreen" and on_question is not None:
            before = (app.screen, app.session.position if app.session else None)
            await on_question(pilot)
            if (app.screen, app.session.position if app.session else None) != before:
                continue  # it took the step itself: look at where it landed first
        seen.append(await step(pilot))
    raise AssertionError(f"no results after {limit} steps; stuck on {screen_name(app)}")


async def assert_key_bar_whole(pilot: Pilot[Any]) -> str:
    """The key bar fits the width, with the quick exit and help on it; returns what it shows."""
    await pilot.pause()  # the footer redraws itself after the screen's bindings change
    footer = pilot.app.screen.query_one(Footer)
    shown = " ".join(str(key.render()) for key in footer.children)
    where = screen_name(pilot.app)
    assert footer.virtual_size.width <= footer.size.width, f"{where}: key bar cut: {shown}"
    assert "^q Quick exit" in shown, f"{where}: {shown}"
    if where != "HelpScreen":
        assert "? Help" in shown or "F1 Help" in shown, f"{where}: {shown}"
    return shown


async def take_to_results_checking_key_bars(
        pilot: Pilot[Any], on_question: Callable[[Pilot[Any]], Any] | None = None,
        on_screen: Callable[[Pilot[Any]], Any] | None = None) -> None:
    """take_to_results, with the key bar whole on every screen on the way and on the results; then
    on the help (opened once, over the first question: its bar is the same over any question) and
    on the export and save dialogs over the results. Ends on the results. `on_screen` runs first on
    every screen, as in take_to_results."""
    help_seen = False

    async def check(pilot: Pilot[Any]) -> None:
        nonlocal help_seen
        if on_screen is not None:
            await on_screen(pilot)
        await assert_key_bar_whole(pilot)
        if screen_name(pilot.app) == "QuestionScreen" and not help_seen:
            help_seen = True
            await pilot.press("question_mark")
            assert screen_name(pilot.app) == "HelpScreen"
            await assert_key_bar_whole(pilot)
            await pilot.press("escape")
            assert screen_name(pilot.app) == "QuestionScreen"

    await take_to_results(pilot, on_question=on_question, on_screen=check)
    assert help_seen
    await pilot.press("e")
    assert screen_name(pilot.app) == "ExportScreen"
    await assert_key_bar_whole(pilot)
    await pilot.press("escape", "ctrl+s")
    assert screen_name(pilot.app) == "SaveScreen"
    await assert_key_bar_whole(pilot)
    await pilot.press("escape")
    assert screen_name(pilot.app) == "ResultsScreen"


class ManualClock:
    """The input guard's clock in a test: time moves only when the test says (no sleeps)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float = GUARD_SECONDS) -> None:
        """Let `seconds` pass (by default the whole guard: the next key acts)."""
        self.now += seconds


class PatientClock:
    """The clock of a person who waits out the input guard before every key: each reading is a
    second later than the one before. Tests of anything but the guard drive the app with it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def app_for(bank: Bank | None = None, **kwargs: Any) -> QuizApp:
    """The app with the person's real banks folder kept out of the tests, driven by a person who
    waits out the input guard (pass `clock=ManualClock()` to test the guard itself)."""
    kwargs.setdefault("user_dir", Path("/nonexistent/quiz-test-user/banks"))
    kwargs.setdefault("clock", PatientClock())
    return make_app(bank, **kwargs)
