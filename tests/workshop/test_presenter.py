"""The presenter: next reveals before moving on, back steps back, totals appear only at K answers, a
reveal marks the right answer, and every key does what its label and the help say."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Static

from quiz.bank.model import Bank
from quiz.room.totals import Room
from quiz.ui.present_screen import KEY_NAMES, PresentScreen
from quiz.ui.presenter import PresenterApp
from quiz.ui.totals_bars import TotalsBars

from ..ui.ui_helpers import screen_text


async def test_next_reveals_statement_then_moves_on(bank: Bank) -> None:
    app = PresenterApp(bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        assert "age" in bank.by_id and "age" not in [q.id for q in screen.items]  # the age gate is left out
        myth = [q.id for q in screen.items].index("myth")
        for _ in range(myth):
            await pilot.press("right")
        assert screen.current.id == "myth" and not screen.revealed
        await pilot.press("right")
        assert screen.revealed
        reveal = str(screen.query_one("#reveal").render())
        assert "FALSE" in reveal and "moderate benefits" in reveal and "Discuss" in reveal
        await pilot.press("right")
        assert screen.current.id == "notes"
        await pilot.press("left")
        assert screen.current.id == "myth" and not screen.revealed
        assert "Nothing is recorded" in str(app.screen.query_one("#privacy-line").render())


async def test_room_totals_show_only_from_k(data_home: Path, bank: Bank) -> None:
    room = Room("live", create=True, min_count=3)  # a room publishes in steps of 3
    room.bind(bank)
    app = PresenterApp(bank, room, min_count=3)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        bars = screen.query_one(TotalsBars)
        q = screen.current
        value, label = q.choices()[0]
        for n in range(1, 4):
            room.record(q.id, None, value)
            screen.refresh_totals()
            await pilot.pause()
            text = str(bars.render())
            if n < 3:
                assert "appear once 3 people" in text and label not in text
            else:
                assert label in text and "3 (100%)" in text
    room.close()


async def test_notices_are_inline_and_go_with_the_item(bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    toasts: list[str] = []
    monkeypatch.setattr(PresenterApp, "notify", lambda self, message, *a, **k: toasts.append(message))
    app = PresenterApp(bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        notice = screen.query_one("#notice", Static)
        await pilot.press("question_mark")
        assert notice.display and str(notice.content) == screen.help_text()
        assert not toasts  # no toast covers the stage
        await pilot.press("right")
        assert not notice.display  # the keys went when the item changed
        for _ in range(2 * len(screen.items) + 2):
            await pilot.press("right")
        assert notice.display and "last item" in str(notice.content)
        assert not toasts


async def to_item(pilot: Pilot[None], screen: PresentScreen, item: str) -> None:
    """Step the presenter to `item`, unrevealed, by the shortest way: back while past it or on its
    reveal, on while before it."""
    target = [q.id for q in screen.items].index(item)
    for _ in range(4 * len(screen.items)):
        index = screen.walk.index
        if index == target and not screen.revealed:
            return
        await pilot.press("b" if index > target or (index == target and screen.revealed) else "n")
    raise AssertionError(f"{item} not reached")


def choice_lines(screen: PresentScreen) -> list[Text]:
    content = screen.query_one("#choices", Static).content
    assert isinstance(content, Text)
    return [line for line in content.split() if line.plain.strip()]


async def test_reveal_marks_the_right_answer_in_words_and_style(data_home: Path, bank: Bank) -> None:
    room = Room("live", create=True, min_count=3)
    room.bind(bank)
    for value in (True, False, False):
        room.record("myth", None, value)
    app = PresenterApp(bank, room, min_count=3)
    async with app.run_test(size=(80, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        await to_item(pilot, screen, "myth")
        assert not any("right" in line.plain for line in choice_lines(screen))
        assert "right" not in str(screen.query_one(TotalsBars).render())
        await pilot.press("r")
        await pilot.pause()
        true_line, false_line = choice_lines(screen)
        # The myth is false: "False" is marked in words and with a style that is not a colour.
        assert "False" in false_line.plain and "right answer" in false_line.plain and "\u2713" in false_line.plain
        assert "right" not in true_line.plain and "\u2713" not in true_line.plain
        styles = [Style.parse(str(span.style)) for span in false_line.spans] + [Style.parse(str(false_line.style))]
        assert any(s.bold or s.reverse for s in styles)
        bars = str(screen.query_one(TotalsBars).render()).splitlines()
        assert [line for line in bars if "right" in line] == [next(line for line in bars if "False" in line)]
        await pilot.press("r")
        await pilot.pause()
        assert not any("right" in line.plain for line in choice_lines(screen))
    room.close()


async def check_effect(pilot: Pilot[None], screen: PresentScreen, key: str, description: str) -> None:
    """Press `key` twice from an unrevealed statement and check it does what `description` says."""
    await to_item(pilot, screen, "myth")
    start = screen.walk.index
    await pilot.press(key)
    if description == "Next/reveal":  # reveals first, then moves on
        assert (screen.walk.index, screen.revealed) == (start, True)
        await pilot.press(key)
        assert (screen.walk.index, screen.revealed) == (start + 1, False)
    elif description == "Back/hide":  # hides a reveal first, then steps back
        assert (screen.walk.index, screen.revealed) == (start - 1, False)
        await to_item(pilot, screen, "myth")
        await pilot.press("r", key)
        assert (screen.walk.index, screen.revealed) == (start, False)
    elif description == "Reveal/hide":  # shows the reveal, then hides it, on the same item
        assert (screen.walk.index, screen.revealed) == (start, True)
        await pilot.press(key)
        assert (screen.walk.index, screen.revealed) == (start, False)
    else:
        raise AssertionError(f"no check for a key labelled {description!r}")


async def test_every_key_does_what_its_label_and_the_help_say(bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    bindings = [b for b in [*PresentScreen.BINDINGS, *PresenterApp.BINDINGS] if isinstance(b, Binding)]
    assert len(bindings) == len(PresentScreen.BINDINGS) + len(PresenterApp.BINDINGS)
    app = PresenterApp(bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        footer = screen_text(app).splitlines()[-1]
        shown = [b.binding for b in screen.active_bindings.values() if b.binding.show]
        for binding in shown:  # what the key bar offers is there, whole
            assert binding.description in footer, binding.description
        assert {b.action for b in shown} >= {b.action for b in bindings}
        help_lines = screen.help_text().splitlines()
        notice = screen.query_one("#notice", Static)
        for binding in bindings:
            keys = [k.strip() for k in binding.key.split(",")]
            line = next(line for line in help_lines if line.endswith(f": {binding.description}"))
            assert line.split(": ")[0].split(" / ") == [KEY_NAMES.get(k, k) for k in keys]
            for key in keys:
                if binding.action == "help":
                    await pilot.press(key)  # shown inline; pressed again, hidden
                    assert notice.display and str(notice.content) == screen.help_text()
                    await pilot.press(key)
                    assert not notice.display
                elif binding.action != "quit":
                    await check_effect(pilot, screen, key, binding.description)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
