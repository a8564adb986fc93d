"""A burst of keys acts at most once: keys inside the input guard after a screen changes never act on
the new screen, on every kind of screen; a key after the guard always acts.

The guard's clock is a ManualClock: it moves only when the test says, so a burst is keys pressed
with no time passing, and "after the guard" is `clock.advance()`.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from quiz.bank.model import Bank
from quiz.ui.app import QuizApp

from .ui_helpers import ManualClock, app_for, screen_name

TO = {
    "intro": (),
    "single": ("enter",),
    "scale": ("enter", "1"),
    "section note": ("enter", "1", "2", "1"),
    "multiple": ("enter", "1", "2", "1", "enter"),
    "statement": ("enter", "1", "2", "1", "enter", "2", "enter"),
    "reveal": ("enter", "1", "2", "1", "enter", "2", "enter", "1"),
    "text": ("enter", "1", "2", "1", "enter", "2", "enter", "1", "enter"),
    "review": ("enter", "1", "2", "1", "enter", "2", "enter", "1", "enter", "enter"),
}
"""Keys to each kind of screen of full.yaml, each pressed after the guard: intro; age (single);
worry (scale); the details section's content note; topics (multiple: Desire ticked hides pain-now);
myth (statement); its reveal; notes (text); review."""

SCREEN = {"intro": "IntroScreen", "section note": "SectionScreen", "reveal": "RevealScreen",
          "review": "ReviewScreen"}


async def keys_after_the_guard(pilot: Pilot[Any], clock: ManualClock, *keys: str) -> None:
    for key in keys:
        clock.advance()
        await pilot.press(key)
        await pilot.pause()


async def burst(pilot: Pilot[Any], clock: ManualClock, *keys: str) -> None:
    """Wait out the guard of the screen on show, then press `keys` with no time passing."""
    clock.advance()
    await pilot.press(*keys)
    await pilot.pause()


def where(app: QuizApp) -> tuple[str, str | None]:
    q = app.session.current() if app.session is not None else None
    return screen_name(app), (q.id if q is not None and screen_name(app) == "QuestionScreen" else None)


def answered(app: QuizApp) -> set[str]:
    return set(app.session.answers) if app.session is not None else set()


# (screen, burst) -> (screen and question after it, the questions answered after it)
CASES: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, str | None], set[str]]] = {
    ("intro", ("enter", "enter")): (("QuestionScreen", "age"), set()),
    ("intro", ("1", "enter", "enter")): (("QuestionScreen", "age"), set()),
    ("single", ("1", "enter", "enter")): (("QuestionScreen", "worry"), {"age"}),
    ("single", ("enter", "enter")): (("QuestionScreen", "age"), set()),
    ("scale", ("2", "2")): (("QuestionScreen", "calm"), {"age", "worry"}),
    ("scale", ("1", "enter", "enter")): (("QuestionScreen", "calm"), {"age", "worry"}),
    ("section note", ("enter", "enter")): (("QuestionScreen", "topics"), {"age", "worry", "calm"}),
    ("section note", ("2", "2")): (("SectionScreen", None), {"age", "worry", "calm"}),
    ("multiple", ("1", "enter", "enter")): (("QuestionScreen", "pain-now"),
                                            {"age", "worry", "calm", "topics"}),
    ("multiple", ("2", "2")): (("QuestionScreen", "topics"), {"age", "worry", "calm"}),
    ("statement", ("2", "2")): (("RevealScreen", None), {"age", "worry", "calm", "topics", "myth"}),
    ("statement", ("1", "enter", "enter")): (("RevealScreen", None),
                                             {"age", "worry", "calm", "topics", "myth"}),
    ("reveal", ("enter", "enter")): (("QuestionScreen", "notes"), {"age", "worry", "calm", "topics", "myth"}),
    ("text", ("enter", "enter")): (("ReviewScreen", None), {"age", "worry", "calm", "topics", "myth"}),
    ("review", ("enter", "enter")): (("QuestionScreen", "age"),
                                     {"age", "worry", "calm", "topics", "myth"}),
    ("review", ("1", "enter", "enter")): (("QuestionScreen", "age"),
                                          {"age", "worry", "calm", "topics", "myth"}),
}


@pytest.mark.parametrize(("kind", "keys"), list(CASES), ids=[f"{k}: {' '.join(b)}" for k, b in CASES])
async def test_a_burst_acts_at_most_once(full_bank: Bank, kind: str, keys: tuple[str, ...]) -> None:
    clock = ManualClock()
    app = app_for(full_bank, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys_after_the_guard(pilot, clock, *TO[kind])
        on_screen = where(app)
        assert on_screen[0] == SCREEN.get(kind, "QuestionScreen"), on_screen
        before = dict(app.session.answers) if app.session is not None else {}
        await burst(pilot, clock, *keys)
        expected_screen, expected_answered = CASES[kind, keys]
        assert where(app) == expected_screen
        assert answered(app) == expected_answered
        for qid, value in before.items():  # nothing answered before changed
            assert app.session is not None and app.session.answers.get(qid) == value
        # A key after the guard always acts: back (escape, which a text field does not take) goes elsewhere.
        shown = where(app)
        clock.advance()
        await pilot.press("escape")
        await pilot.pause()
        assert where(app) != shown


async def test_keys_before_the_first_screen_is_drawn_and_its_guard_has_passed_do_nothing(
        full_bank: Bank) -> None:
    clock = ManualClock()
    app = app_for(full_bank, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1")
        await pilot.pause()
        assert screen_name(app) == "IntroScreen" and app.session is None
        clock.advance(0.2)  # inside the guard still
        await pilot.press("enter")
        assert screen_name(app) == "IntroScreen"
        clock.advance(0.1)
        await pilot.press("enter")
        assert where(app) == ("QuestionScreen", "age")


async def test_the_quick_exit_is_never_held_back(full_bank: Bank) -> None:
    clock = ManualClock()
    app = app_for(full_bank, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
