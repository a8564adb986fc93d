"""Every screen readable: a key beside every answer (past 9 too), long checklists keep the question in
view, notices are lines on their own screen that go with it (progress: tests/ui/test_counts.py)."""

from __future__ import annotations

import re

import pytest

from quiz.bank.check import load_bank
from quiz.paths import banks_dir
from quiz.ui.choices import answer_key
from quiz.ui.question import QuestionScreen

from .ui_helpers import app_for, screen_name, screen_text, step


async def walk_to(pilot, app, qid: str) -> QuestionScreen:  # type: ignore[no-untyped-def]
    for _ in range(200):
        screen = app.screen
        if isinstance(screen, QuestionScreen) and screen.question.id == qid:
            return screen
        await step(pilot)
        await pilot.pause()
    raise AssertionError(f"never reached {qid}")


@pytest.mark.parametrize("size", [(80, 24), (80, 23)])
async def test_the_sixteenth_answer_has_a_key_and_the_question_stays_in_view(size: tuple[int, int]) -> None:
    bank = load_bank(banks_dir() / "therapy-fit.yaml")
    longest = max((q for q in bank.questions if q.kind == "multiple"), key=lambda q: len(q.options))
    last = len(longest.options) - 1
    assert last >= 9  # the checklist whose "None of these" once had no key
    app = app_for(bank)
    async with app.run_test(size=size) as pilot:
        screen = await walk_to(pilot, app, longest.id)
        q = screen.question
        text = screen_text(app)
        assert q.text.split(",")[0][:40] in text.replace("\n  ", " ")  # the question, at the top
        assert re.search(r"Question \d+ of up to \d+", text)
        key = answer_key(last)
        assert key and key not in "bspjk"
        await pilot.press("end")  # scroll the answers, not the question
        await pilot.pause()
        text = screen_text(app)
        assert re.search(rf"^\s*{key} +\[ \] {re.escape(q.options[last].label[:30])}", text, re.M), text
        assert re.search(r"Question \d+ of up to \d+", text)
        await pilot.press(key, "enter")
        await pilot.pause()
        assert app.session is not None
        assert app.session.answers[q.id] == (str(q.options[last].value),)


async def test_a_notice_is_a_line_on_its_screen_and_goes_with_it() -> None:
    bank = load_bank(banks_dir() / "therapy-fit.yaml")
    app = app_for(bank)
    async with app.run_test(size=(80, 23)) as pilot:
        await walk_to(pilot, app, "barriers")
        await pilot.press("enter")  # nothing ticked on a question that needs one
        await pilot.pause()
        assert "Tick at least 1." in screen_text(app)
        assert screen_name(app) == "QuestionScreen"
        await pilot.press("1", "enter")
        await pilot.pause()
        assert "Tick at least 1." not in screen_text(app)


async def test_a_section_note_offers_prefer_not_to_say_only_where_its_questions_do() -> None:
    from quiz.bank.check import load_bank
    from quiz.paths import shipped_banks

    from .ui_helpers import app_for, screen_name, screen_text

    myths = next(p for p in shipped_banks() if p.stem == "myths-facts")
    app = app_for(load_bank(myths))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1")
        await pilot.pause()
        assert screen_name(app) == "SectionScreen"
        text = screen_text(app)
        assert "Content note" in text and "Prefer not to say" not in text
