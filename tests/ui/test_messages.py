"""Screens say what the person did by posting messages; the app alone acts on them (harlequin's way)."""

from __future__ import annotations

from textual.message import Message

from quiz.bank.check import load_bank
from quiz.engine.flow import Ask, Review
from quiz.ui.base import QuizScreen
from quiz.ui.intro import IntroScreen
from quiz.ui.launcher import LauncherScreen
from quiz.ui.question import QuestionScreen
from quiz.ui.review import ReviewScreen

from .ui_helpers import FULL, SIZE, app_for, settle

SCREEN_MESSAGES = (IntroScreen.Start, QuestionScreen.Answered, QuestionScreen.Skipped, QuizScreen.Back,
                   QuizScreen.GoOn, QuizScreen.Home, QuizScreen.SaveAndLeave, ReviewScreen.Edit,
                   ReviewScreen.ShowResults, LauncherScreen.Listed, LauncherScreen.Open)
"""What screens post to the app."""


def posted(messages: list[Message]) -> list[Message]:
    """The screens' messages among everything the app saw, in order, once each (they bubble)."""
    seen: list[Message] = []
    for m in messages:
        if isinstance(m, SCREEN_MESSAGES) and not any(m is s for s in seen):
            seen.append(m)
    return seen


async def test_screens_post_what_the_person_did_and_the_app_follows_the_flow() -> None:
    messages: list[Message] = []
    app = app_for(load_bank(FULL))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await pilot.press("enter", "1", "b", "2")  # start, adult, back, then under 18 ends the bank
        await pilot.pause()
        said = posted(messages)
        kinds = [type(m) for m in said]
        assert kinds == [IntroScreen.Start, QuestionScreen.Answered, QuizScreen.Back,
                         QuestionScreen.Answered]
        answered = [m for m in said if isinstance(m, QuestionScreen.Answered)]
        assert [m.value for m in answered] == ["adult", "minor"]
        assert app.screen.__class__.__name__ == "ResultsScreen"


async def test_review_posts_edit_with_the_question_and_results() -> None:
    messages: list[Message] = []
    app = app_for(load_bank(FULL))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await pilot.press("enter", "1", "1", "1")  # adult, worry Never, calm Never: review
        assert isinstance(app.screen, ReviewScreen)
        assert app.flow is not None and isinstance(app.flow.step, Review)
        await pilot.press("down", "enter")
        edits = [m for m in posted(messages) if isinstance(m, ReviewScreen.Edit)]
        assert [m.question for m in edits] == ["worry"]
        assert isinstance(app.flow.step, Ask) and app.flow.step.review


async def test_the_launcher_hands_its_banks_to_the_app() -> None:
    messages: list[Message] = []
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        listed = [m for m in posted(messages) if isinstance(m, LauncherScreen.Listed)]
        assert [b.id for m in listed for b in m.banks] == ["full-fixture"]
        assert app.lookup_bank("full-fixture") is listed[0].banks[0]  # a save's bank is found among them
