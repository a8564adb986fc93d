"""The app says one count for every shipped bank: the launcher's line, the intro, the first question,
every question after it and the review agree, with the numbers plain mode says (tests/test_counts.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import OptionList

from quiz.bank.check import load_bank
from quiz.engine.count import counted, length, varies
from quiz.paths import shipped_banks
from quiz.ui.question import QuestionScreen

from .ui_helpers import SIZE, app_for, screen_name, settle, static_text, step

LABEL = re.compile(r"^(Question|Statement) (\d+) of (up to )?(\d+)")
ANSWERED = re.compile(r"^(\d+) of (\d+) (questions?|statements?) answered\.")


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
async def test_launcher_intro_questions_and_review_say_one_count(path: Path) -> None:
    bank = load_bank(path)
    words = length(bank)
    total = len(counted(bank))
    banks = shipped_banks()
    app = app_for(shipped=banks)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        entry = next(p for p in prompts if p.startswith(bank.title))
        assert words in entry
        for _ in range(next(i for i, p in enumerate(prompts) if p.startswith(bank.title))):
            await pilot.press("down")  # the launcher's own order (the main bank first), not the files
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "IntroScreen"
        assert words in static_text(app, "#head")
        numbers: list[int] = []
        for _ in range(200):
            name = screen_name(app)
            if name == "ReviewScreen":
                break
            if name == "QuestionScreen":
                screen = app.screen
                assert isinstance(screen, QuestionScreen)
                shown = static_text(app, "#progress")
                label = LABEL.match(shown)
                if label is None:
                    assert numbers == [], f"an unnumbered question after the count began: {shown!r}"
                else:
                    kind, n, up_to, of = label.groups()
                    assert kind.lower() + "s" == words.split()[-1] or total == 1
                    assert int(of) == total and bool(up_to) is varies(bank)
                    numbers.append(int(n))
            await step(pilot)
            await pilot.pause()
        assert screen_name(app) == "ReviewScreen"
        assert numbers[0] == 1 and numbers == list(range(1, len(numbers) + 1))
        note = ANSWERED.match(static_text(app, "#review-note"))
        assert note is not None, static_text(app, "#review-note")
        assert int(note.group(1)) == int(note.group(2)) == numbers[-1] <= total
        await pilot.press("ctrl+q")
        await pilot.pause()
