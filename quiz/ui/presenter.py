"""The presenter app for workshops: `quiz present BANK [--room NAME]`."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from quiz.bank.model import Bank
from quiz.room.totals import Room
from quiz.ui.hangup import watch_terminal
from quiz.ui.present_screen import PresentScreen


class PresenterApp(App[None]):
    """Projector view of a bank, with optional live anonymous room totals."""

    CSS_PATH = "present.tcss"
    TITLE = "quiz present"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, bank: Bank, room: Room | None = None, min_count: int = 5) -> None:
        super().__init__()
        self.bank = bank
        self.room = room
        self.min_count = min_count
        self.sub_title = bank.title

    def on_mount(self) -> None:
        self.push_screen(PresentScreen(self.bank, self.room, self.min_count))
        watch_terminal(self)
