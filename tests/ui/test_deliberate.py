"""A highlight is not a choice: enter on an answer nobody moved to or chose records nothing."""

from __future__ import annotations

from quiz.bank.check import load_bank

from .ui_helpers import FULL, SIZE, app_for, screen_name


async def test_enter_on_an_untouched_highlight_records_nothing() -> None:
    app = app_for(load_bank(FULL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # start
        await pilot.pause()
        assert screen_name(app) == "QuestionScreen"
        first = app.session.current() if app.session else None
        assert first is not None and first.kind == "single"
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.session is not None and app.session.answers == {}
        assert app.session.current() == first
        assert screen_name(app) == "QuestionScreen"


async def test_enter_after_moving_to_an_answer_chooses_it() -> None:
    app = app_for(load_bank(FULL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        first = app.session.current()
        assert first is not None
        await pilot.press("down", "up", "enter")
        await pilot.pause()
        assert app.session.answers.get(first.id) == first.choices()[0][0]
