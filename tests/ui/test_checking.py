"""`quiz take`: the intro is drawn before the bank's JSON Schema pass, which must pass before anything starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from quiz.bank.check import check_file, start_check
from quiz.cli import main
from quiz.ui.app import QuizApp, make_app

from .ui_helpers import FULL, SIZE, PatientClock, screen_name

INVALID = Path(__file__).parents[1] / "data" / "invalid"
SCHEMA_ONLY = INVALID / "schema_unknown_top_key.yaml"
"""A bank the semantic checks and the builder accept and only the JSON Schema refuses."""


def test_the_two_stages_give_what_one_check_gives() -> None:
    for path in [FULL, *sorted(INVALID.glob("*.yaml"))]:
        started = start_check(path)
        result = check_file(path)
        assert (result.bank is None) == bool(result.problems)
        if result.bank is not None:
            assert started.bank == result.bank


def test_a_bank_only_the_schema_refuses_is_built_by_the_first_stage() -> None:
    # What makes the app's early intro possible; the app must still refuse it (next tests).
    assert start_check(SCHEMA_ONLY).bank is not None
    result = check_file(SCHEMA_ONLY)
    assert result.bank is None and result.problems


async def test_start_waits_for_the_check_and_a_refused_bank_leaves_with_its_problems() -> None:
    started = start_check(SCHEMA_ONLY)
    assert started.bank is not None
    app = make_app(started.bank, checking=started, clock=PatientClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # at once, maybe before the check is over: must never start the bank
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.flow is None
    assert app.return_code == 1
    assert app.problems == check_file(SCHEMA_ONLY).problems


async def test_enter_pressed_while_the_check_runs_starts_once_it_passes() -> None:
    started = start_check(FULL)
    assert started.bank is not None
    app = make_app(started.bank, checking=started, clock=PatientClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.checking is None
        assert screen_name(app) == "QuestionScreen"


def test_quiz_take_of_a_bank_the_schema_refuses_exits_1_with_located_problems(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # The real command, with the app run headless (a test has no terminal): it draws the intro, the
    # check refuses the bank, the app leaves by itself, and the problems are printed with their places.
    def headless(self: QuizApp) -> None:
        App.run(self, headless=True)

    monkeypatch.setattr(QuizApp, "run", headless)
    assert main(["take", str(SCHEMA_ONLY)]) == 1
    err = capsys.readouterr().err
    assert f"{SCHEMA_ONLY}:" in err and "Traceback" not in err
