"""Take every shipped bank from the launcher to the results with the keyboard alone, and check the
results shown are the core's for the same answers, the key bar whole on every screen on the way, and one
count said everywhere: the launcher's line, the intro, every question's label and the review agree with
the numbers plain mode says (tests/test_counts.py). One walk per bank checks all three: each walk of
myths-facts costs seconds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from quiz.bank.check import load_bank
from quiz.engine.count import counted, is_check, length, varies
from quiz.engine.session import Session
from quiz.paths import shipped_banks
from quiz.ui.app import QuizApp
from quiz.ui.launcher import in_order
from quiz.ui.question import QuestionScreen
from quiz.ui.results import ResultsScreen

from .ui_helpers import (
    SIZE,
    app_for,
    screen_name,
    screen_text,
    settle,
    static_text,
    take_to_results_checking_key_bars,
)

LABEL = re.compile(r"^(Question|Statement) (\d+) of (up to )?(\d+)")
ANSWERED = re.compile(r"^(\d+) of (\d+) (questions?|statements?) answered\.")


async def open_from_launcher(pilot: Pilot[Any], index: int, words: str = "") -> None:
    """Move down the launcher's list to bank `index` and open it with enter; its line and the intro
    say `words` (the bank's length)."""
    await settle(pilot)
    listing = pilot.app.screen.query_one(OptionList)
    assert words in str(listing.get_option_at_index(index).prompt)
    for _ in range(index):
        await pilot.press("down")
    option = listing.get_option_at_index(listing.highlighted or 0)
    assert option.id == str(index)
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(pilot.app) == "IntroScreen"
    assert isinstance(pilot.app, QuizApp)
    assert words in static_text(pilot.app, "#head")


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
async def test_take_bank_from_launcher_to_results_the_core_gives(path: Path) -> None:
    banks = shipped_banks()
    bank = load_bank(path)
    words, total = length(bank), len(counted(bank))
    app = app_for(shipped=banks)
    tried = {"back": False, "skip": False}
    numbers: dict[str, int] = {}  # question id -> the number its label said
    review_notes: list[str] = []

    async def count(pilot: Pilot[Any]) -> None:
        """Each question's label: its number, the one total, "up to" where answers hide questions."""
        name = screen_name(app)
        if name == "ReviewScreen":
            review_notes.append(static_text(app, "#review-note"))
        if name != "QuestionScreen":
            return
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        shown = static_text(app, "#progress")
        label = LABEL.match(shown)
        if label is None:
            assert is_check(screen.question), f"an unnumbered question in the count: {shown!r}"
            return
        kind, n, up_to, of = label.groups()
        assert kind.lower() + "s" == words.split()[-1] or total == 1
        assert int(of) == total and bool(up_to) is varies(bank)
        assert numbers.setdefault(screen.question.id, int(n)) == int(n), "a question renumbered on return"

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
        await open_from_launcher(pilot, in_order(banks).index(path), words)  # the launcher's order
        await take_to_results_checking_key_bars(pilot, on_question=detour, on_screen=count)
        shown = sorted(numbers.values())
        assert shown == list(range(1, len(shown) + 1)) and shown[-1] <= total
        assert review_notes, "the walk passed no review"
        note = ANSWERED.match(review_notes[-1])
        assert note is not None, review_notes[-1]
        answered, of = int(note.group(1)), int(note.group(2))
        assert of == shown[-1] and answered == of - (1 if tried["skip"] else 0)
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
