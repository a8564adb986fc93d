"""Take every shipped bank from the launcher to the results with the keyboard alone, and check the
results shown are the core's for the same answers, and the key bar whole on every screen on the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from quiz.bank.check import load_bank
from quiz.engine.session import Session
from quiz.paths import shipped_banks
from quiz.ui.app import QuizApp
from quiz.ui.launcher import in_order
from quiz.ui.question import QuestionScreen
from quiz.ui.results import ResultsScreen

from .ui_helpers import SIZE, app_for, screen_name, screen_text, settle, take_to_results_checking_key_bars


async def open_from_launcher(pilot: Pilot[Any], index: int) -> None:
    """Move down the launcher's list to bank `index` and open it with enter."""
    await settle(pilot)
    listing = pilot.app.screen.query_one(OptionList)
    for _ in range(index):
        await pilot.press("down")
    option = listing.get_option_at_index(listing.highlighted or 0)
    assert option.id == str(index)
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(pilot.app) == "IntroScreen"


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
async def test_take_bank_from_launcher_to_results_the_core_gives(path: Path) -> None:
    banks = shipped_banks()
    app = app_for(shipped=banks)
    tried = {"back": False, "skip": False}

    async def detour(pilot: Pilot[Any]) -> None:
        """Once: go back from the second question; once: skip a question that allows it."""
        screen = pilot.app.screen
        assert isinstance(screen, QuestionScreen)
        session = app.session
        assert session is not None
        n, _total = session.number()
        q = screen.question
        if not tried["back"] and n == 2:
            tried["back"] = True
            previous = session.visible[0].id
            await pilot.press("b")
            await pilot.pause()
            assert session.position == previous
            assert screen_name(app) == "QuestionScreen"
        elif not tried["skip"] and q.can_skip:
            tried["skip"] = True
            await pilot.press("s")
            await pilot.pause()
            assert q.id not in session.answers
            assert session.position != q.id

    async with app.run_test(size=SIZE) as pilot:
        await open_from_launcher(pilot, in_order(banks).index(path))  # the launcher's order
        await take_to_results_checking_key_bars(pilot, on_question=detour)
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        assert app.session is not None
        assert screen.outcome == app.session.outcome()
        expected = Session(load_bank(path), app.session.answers).outcome()
        assert screen.outcome == expected
        # Results list safety notes, then next steps, then reading.
        kinds = [s.kind for s in expected.suggestions]
        order = {"safety": 0, "next-step": 1, "reading": 2}
        assert kinds == sorted(kinds, key=order.__getitem__)
        assert tried["back"]
        text = screen_text(app)
        assert "results" in text
        assert "Quick exit" in text
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running


async def test_quick_exit_from_the_launcher_saves_nothing(tmp_path: Path) -> None:
    app = app_for(shipped=shipped_banks(), user_dir=tmp_path / "banks")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert not (tmp_path / "banks").exists()
    assert list(tmp_path.iterdir()) == []


def test_app_factory_is_shared() -> None:
    assert isinstance(app_for(), QuizApp)
