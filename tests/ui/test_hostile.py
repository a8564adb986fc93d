"""A bank whose texts carry markup, action links and escape sequences is shown as plain text."""

from __future__ import annotations

from textual.widgets import OptionList

from quiz.bank.check import load_bank
from quiz.ui.text import inert

from .ui_helpers import HOSTILE, app_for, screen_name, screen_text, settle

BIG = (120, 40)


def assert_inert(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


async def test_hostile_bank_renders_inertly_on_every_screen() -> None:
    app = app_for(shipped=[HOSTILE])
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]Hostile[/] [@click=app.quit]bank[/]" in text
        assert "[link=https://example.com]Click me[/link] [31mred[0m" in text
        assert_inert(text)
        assert app.screen.query_one(OptionList).option_count == 1

        await pilot.press("enter")  # intro
        assert screen_name(app) == "IntroScreen"
        text = screen_text(app)
        assert "[@click=app.quit]Quit now[/] [2J is not a diagnosis." in text
        assert_inert(text)

        await pilot.press("enter")  # the section note
        assert screen_name(app) == "SectionScreen"
        text = screen_text(app)
        assert "[reverse]Section[/reverse]" in text
        assert "[@click=screen.dismiss]Intro[/]" in text
        assert "[blink]x[/]" in text
        assert_inert(text)
        await pilot.click("#body")  # clicking near an "action link" does nothing
        assert app.is_running and screen_name(app) == "SectionScreen"

        await pilot.press("enter")
        assert screen_name(app) == "QuestionScreen"
        text = screen_text(app)
        assert "[@click=app.quit]Which?[/] [31mred[0m" in text
        assert "[@click=app.quit]A[/]" in text and "[bold]B[/bold] [41mbg[0m" in text
        assert "[dim]help[/dim]" in text
        assert_inert(text)
        await pilot.click("#head")
        assert app.is_running and screen_name(app) == "QuestionScreen"

        await pilot.press("1", "2")  # pick A; the statement: False (wrong) to see the reveal
        assert screen_name(app) == "RevealScreen"
        text = screen_text(app)
        assert "[@click=app.quit]Because[/] [31mred[0m" in text
        assert "[b]Author[/b]" in text and "[@click=app.bell]Source[/]" in text
        assert "[u]Discuss[/u]" in text
        assert_inert(text)
        await pilot.click("#body")
        assert app.is_running

        await pilot.press("enter")
        assert screen_name(app) == "ReviewScreen"
        text = screen_text(app)
        assert "[@click=app.quit]Statement[/]" in text and "→ [@click=app.quit]A[/]" in text
        assert_inert(text)

        await pilot.press("r")
        assert screen_name(app) == "ResultsScreen"
        text = screen_text(app)
        for literal in ("[@click=app.quit]Safety[/]", "[b]text[/b] [31mred[0m",
                        "[@click=app.quit]because[/]", "[@click=app.quit]Helpline[/]",
                        "[5m0800 000[0m", "[link=https://evil.example]Read[/link]",
                        "[i]Book[/i] [1mbold[0m", "[@click=app.quit]Known[/]", "[red]No[/]"):
            assert literal in text, literal
        assert_inert(text)
        await pilot.press("end")
        assert "[@click=app.quit]Quit now[/] [2J is not a diagnosis." in screen_text(app)
        await pilot.click("#body")
        assert app.is_running and screen_name(app) == "ResultsScreen"


def test_inert_content_has_no_markup_spans_or_links() -> None:
    bank = load_bank(HOSTILE)
    for text in (bank.title, bank.description, bank.disclaimer, bank.questions[0].text):
        content = inert(text)
        assert content.spans == [] or all(not str(s.style).startswith("@") for s in content.spans)
        assert "\x1b" not in content.plain
        assert "[" in content.plain
