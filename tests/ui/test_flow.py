"""Behaviour of the question flow: back, skip, prefer not to say, hidden answers, reveal, review."""

from __future__ import annotations

from pathlib import Path

from quiz.bank.check import load_bank
from quiz.bank.model import DECLINED, Bank
from quiz.ui.app import MIN_HEIGHT, MIN_WIDTH
from quiz.ui.question import QuestionScreen
from quiz.ui.results import ResultsScreen
from quiz.ui.reveal import RevealScreen
from quiz.ui.review import ReviewScreen

from .ui_helpers import (
    FULL,
    SIZE,
    action_button,
    action_shown,
    app_for,
    click_action,
    screen_name,
    screen_text,
    settle,
    take_to_results,
)


def current_id(app: object) -> str | None:
    session = getattr(app, "session", None)
    q = session.current() if session else None
    return q.id if q else None


async def test_changing_an_answer_that_hides_later_questions_says_so(full_bank: Bank,
                                                                     notes: list[str]) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        # intro (the first section has no content note), age: adult, worry: Sometimes, calm: Never
        await pilot.press("enter", "1", "2", "1")
        assert screen_name(app) == "SectionScreen"  # the details section's content note
        assert "The next questions mention pain." in screen_text(app)
        await pilot.press("enter", "1", "enter", "1")  # topics: Pain; pain-now: Yes
        assert current_id(app) == "myth"
        session = app.session
        assert session is not None
        assert {"topics", "pain-now"} <= set(session.answers)
        await pilot.press("b", "b", "b", "b")  # myth -> pain-now -> topics -> calm -> worry
        assert current_id(app) == "worry"
        await pilot.press("1")  # worry: Never hides the details section
        assert "topics" not in session.answers and "pain-now" not in session.answers
        removed = [n for n in notes if "removed" in n]
        assert removed, notes
        assert "What is on your mind?" in removed[-1] and "Is the pain new?" in removed[-1]
        assert current_id(app) == "calm"
        await pilot.press("1")
        assert screen_name(app) == "ReviewScreen"
        assert [q.id for q in session.visible] == ["age", "worry", "calm"]


async def test_skip_only_where_allowed_and_prefer_not_to_say(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert not action_shown(app, "skip")
        await pilot.press("s")  # age needs an answer: nothing happens
        assert current_id(app) == "age"
        await pilot.press("1", "2")
        assert current_id(app) == "calm"
        assert action_shown(app, "decline")
        await pilot.press("p")
        session = app.session
        assert session is not None
        assert session.answers["calm"] == DECLINED
        await pilot.press("enter")  # the details note
        assert current_id(app) == "topics"
        assert action_shown(app, "skip")
        await pilot.press("s")
        assert "topics" not in session.answers
        assert current_id(app) == "myth"


async def test_back_from_the_first_question_returns_to_the_intro(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert current_id(app) == "age"
        await pilot.press("b")
        assert screen_name(app) == "IntroScreen"
        await pilot.press("enter")
        assert screen_name(app) == "QuestionScreen"


async def test_checklist_keys_tick_and_exclusive_option(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1", "enter")
        assert current_id(app) == "topics"
        await pilot.press("1", "down", "space")  # Pain, then Desire by arrow and space
        await pilot.press("3")  # None of these unticks the others
        await pilot.press("1")  # Pain unticks None of these
        await pilot.press("enter")
        session = app.session
        assert session is not None
        assert session.answers["topics"] == ("pain",)


async def test_statement_is_revealed_at_once_with_its_source(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1", "enter", "s")
        assert current_id(app) == "myth"
        await pilot.press("1")  # True, which is wrong
        assert isinstance(app.screen, RevealScreen)
        text = screen_text(app)
        assert "Not quite. This statement is false." in text
        assert "A review of trials found moderate benefits." in text
        assert "Source: Frühauf" in text
        await pilot.press("b")  # back to the statement, answer again
        assert current_id(app) == "myth"
        await pilot.press("2")
        assert "Right. This statement is false." in screen_text(app)
        await pilot.press("enter")
        assert current_id(app) == "notes"


async def test_each_statement_is_revealed_on_the_one_reused_screen() -> None:
    from quiz.paths import banks_dir

    bank = load_bank(banks_dir() / "myths-facts.yaml")
    app = app_for(bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "enter")  # intro, adult, the first section's content note
        screens = []
        for _ in range(3):
            question = app.screen
            assert isinstance(question, QuestionScreen)
            statement = question.question
            await pilot.press("2")  # False
            await pilot.pause()
            reveal = app.screen
            assert isinstance(reveal, RevealScreen) and reveal.question is statement
            text = screen_text(app)
            assert f"This statement is {'true' if statement.answer else 'false'}." in text
            assert ("Right." in text) is (statement.answer is False)
            assert statement.text.split()[0] in text
            screens.append((question, reveal))
            for _ in range(10):  # a long reveal: enter scrolls to its end, then goes on
                if app.screen is not reveal:
                    break
                await pilot.press("enter")
                await pilot.pause()
            assert app.screen is question  # the question screen under the reveal is reused
        assert len({id(r) for _q, r in screens}) == 1  # and so is the reveal screen


async def test_reveal_at_the_end_when_the_bank_says_so(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8").replace("reveal: immediate", "reveal: end")
    (tmp_path / "end.yaml").write_text(text, encoding="utf-8")
    bank = load_bank(tmp_path / "end.yaml")
    app = app_for(bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1", "enter", "s")
        assert current_id(app) == "myth"
        await pilot.press("1")  # True: no reveal now
        assert current_id(app) == "notes"
        passed = await take_to_results(pilot)
        assert "RevealScreen" not in passed
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.outcome.statements
        await pilot.press("end")
        text = screen_text(app)
        assert "Statements: 0 of 1 right" in text
        assert "Not right." in text and "moderate benefits" in text


async def test_review_changes_one_answer_and_returns(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "1", "1")  # adult, worry Never, calm Never
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("down", "down", "enter")  # the third question: calm
        assert current_id(app) == "calm"
        assert "Back to review" in screen_text(app)
        await pilot.press("3")
        assert isinstance(app.screen, ReviewScreen)
        session = app.session
        assert session is not None
        assert session.answers["calm"] == 2
        assert "Often" in screen_text(app)


async def test_a_change_in_review_asks_the_questions_it_revealed(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "1", "1")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("down", "enter", "2")  # worry: Sometimes shows the details section
        assert screen_name(app) == "SectionScreen"  # its content note comes first
        await pilot.press("enter")
        assert current_id(app) == "myth"  # the one required question it showed
        await pilot.press("2", "enter")  # answer, then continue past the reveal
        assert isinstance(app.screen, ReviewScreen)
        assert "(needs an answer)" not in screen_text(app)
        await pilot.press("r")
        assert isinstance(app.screen, ResultsScreen)


async def test_results_wait_for_required_answers(full_bank: Bank, notes: list[str]) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "1", "1")
        assert isinstance(app.screen, ReviewScreen)
        session = app.session
        assert session is not None
        del session.answers["calm"]  # as if a required answer were still missing
        await pilot.press("r")
        assert any("1 question still needs an answer" in n for n in notes)
        assert current_id(app) == "calm"
        await pilot.press("2")
        assert isinstance(app.screen, ResultsScreen)


async def test_an_answer_that_ends_the_bank_goes_to_results(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")  # under 18
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "Safety first" in text
        assert "Support for young people" in text


async def test_mouse_works(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await click_action(pilot, "start")
        assert current_id(app) == "age"
        await pilot.click("#choices", offset=(2, 0))  # the first answer (the list has no border)
        assert current_id(app) == "worry"
        await click_action(pilot, "back")
        assert current_id(app) == "age"


async def test_next_does_not_answer_with_an_answer_only_highlighted(full_bank: Bank,
                                                                     notes: list[str]) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert current_id(app) == "age"
        await click_action(pilot, "next")  # the first answer is highlighted, never chosen
        assert current_id(app) == "age"
        assert any("Choose an answer first" in n for n in notes)
        session = app.session
        assert session is not None
        assert "age" not in session.answers


async def test_next_answers_with_the_answer_moved_to(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down", "up")  # moved to the first answer: now it is meant
        await click_action(pilot, "next")
        session = app.session
        assert session is not None
        assert session.answers["age"] == "adult"
        assert current_id(app) == "worry"


async def test_the_buttons_are_reached_with_tab_and_pressed_with_enter(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1", "enter")
        assert current_id(app) == "topics"
        await pilot.press("1")  # Pain ticked; the checklist is not sent yet
        assert current_id(app) == "topics"
        next_button = action_button(app, "next")
        for _ in range(6):
            if app.focused is next_button:
                break
            await pilot.press("tab")
        assert app.focused is next_button
        await pilot.press("enter")
        session = app.session
        assert session is not None
        assert session.answers["topics"] == ("pain",)
        assert current_id(app) == "pain-now"


async def test_a_click_ticks_a_checklist_answer_and_picks_a_single_one(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1", "enter")
        assert current_id(app) == "topics"
        await pilot.click("#choices", offset=(2, 0))  # Pain, the first answer
        assert current_id(app) == "topics"  # ticked, not sent
        assert "[x] Pain" in screen_text(app) and "[ ] Desire" in screen_text(app)
        await pilot.press("enter")
        assert current_id(app) == "pain-now"
        await pilot.click("#choices", offset=(2, 1))  # No, the second answer
        session = app.session
        assert session is not None
        assert session.answers["topics"] == ("pain",)
        assert session.answers["pain-now"] == "no"


async def test_letters_type_into_a_text_answer(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1", "enter", "s", "2", "enter")
        assert current_id(app) == "notes"
        await pilot.press(*"b s p 1?", "enter")  # typed, not taken as keys for back, skip, help
        session = app.session
        assert session is not None
        assert session.answers["notes"] == "b s p 1?"
        assert isinstance(app.screen, ReviewScreen)


async def test_help_lists_every_key_and_closes(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert screen_name(app) == "HelpScreen"
        text = screen_text(app)
        assert "Intro and content notes (this screen)" in text  # it opens at this screen's keys
        assert "^q Quick exit" in text.splitlines()[-1]
        await pilot.press("home")
        await pilot.pause()
        assert "ctrl+q" in screen_text(app)  # the keys that work everywhere head the list
        from quiz.ui.help import KEYS, help_content

        listed = help_content().plain
        for _group, keys in KEYS:
            for key, _what in keys:
                assert key in listed
        await pilot.press("escape")
        assert screen_name(app) == "IntroScreen"
        await pilot.press("f1")
        assert screen_name(app) == "HelpScreen"
        await pilot.press("f1")
        assert screen_name(app) == "IntroScreen"


async def test_too_small_terminal_says_so_and_recovers(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=(59, 20)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "TooSmallScreen"
        assert f"needs at least {MIN_WIDTH}x{MIN_HEIGHT}, now 59x20" in screen_text(app)
        await pilot.resize_terminal(70, 19)
        await pilot.pause()
        assert "now 70x19" in screen_text(app)
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await pilot.pause()
        assert screen_name(app) == "IntroScreen"


async def test_command_palette_offers_help_quick_exit_and_themes(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert screen_name(app) == "CommandPalette"
        await pilot.press(*"Help")
        await settle(pilot)  # the palette searches in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        await pilot.press("escape", "ctrl+p", *"theme")
        await settle(pilot)
        assert "Theme" in screen_text(app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Quick exit" in titles and "Theme" in titles
        assert "Screenshot" not in titles  # it would write a file the person did not place


async def test_a_section_of_skippable_questions_can_be_skipped_whole(tmp_path: Path) -> None:
    text = FULL.read_text(encoding="utf-8").replace(
        "        text: Talk therapy never helps with sexual concerns.\n",
        "        text: Talk therapy never helps with sexual concerns.\n        optional: true\n")
    (tmp_path / "optional.yaml").write_text(text, encoding="utf-8")
    app = app_for(load_bank(tmp_path / "optional.yaml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1")
        assert screen_name(app) == "SectionScreen"
        assert "You can skip this section" in screen_text(app)
        await pilot.press("s")
        assert isinstance(app.screen, ReviewScreen)
        session = app.session
        assert session is not None
        assert not {"topics", "myth", "notes"} & set(session.answers)


async def test_a_required_section_cannot_be_skipped(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1", "2", "1")
        assert screen_name(app) == "SectionScreen"
        assert not action_shown(app, "skip_section")
        await pilot.press("s")
        assert screen_name(app) == "SectionScreen"
