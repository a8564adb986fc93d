"""The presenter: next reveals before moving on, back steps back, totals appear only at K answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from quiz.bank.model import Bank
from quiz.room.totals import Room
from quiz.ui.present_screen import PresentScreen
from quiz.ui.presenter import PresenterApp
from quiz.ui.totals_bars import TotalsBars


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
        assert notice.display and "r: reveal" in str(notice.content)
        assert not toasts  # no toast covers the stage
        await pilot.press("right")
        assert not notice.display  # the keys went when the item changed
        for _ in range(2 * len(screen.items) + 2):
            await pilot.press("right")
        assert notice.display and "last item" in str(notice.content)
        assert not toasts
