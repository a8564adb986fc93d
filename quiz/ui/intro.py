"""The intro: what a bank is and is not, its disclaimer, and the privacy promise."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quiz.bank.model import Bank
from quiz.engine.count import length
from quiz.ui.actions import action_button, action_row, key_bar
from quiz.ui.base import QuizScreen, notice_line, served
from quiz.ui.text import inert

PRIVACY = ("Nothing is stored or sent unless you choose to save or export. Answers stay in memory "
           "and are gone when you leave, unless you save them (ctrl+s); ctrl+q leaves at once.")
SERVED_PRIVACY = ("Nothing is stored: answers stay in memory and are gone when you leave; ctrl+q leaves at "
                  "once. Export… on the results downloads them to this browser.")
"""The privacy line of a served app (`quiz serve`), where saving is not offered."""
WHAT_IT_IS = "one question at a time, and results that say why each suggestion appears."
WHAT_IT_IS_NOT = "a diagnosis, therapy, or a test you can fail."


class IntroScreen(QuizScreen):
    """The first screen of a bank."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("b,escape", "back", "Back to the list"),
    ]

    class Start(Message):
        """Start answering (or carry on)."""

    def __init__(self, bank: Bank, *, resuming: bool = False, can_go_back: bool = False) -> None:
        """Args:
            bank: The bank to introduce.
            resuming: Answers were given already: the main action reads Continue.
            can_go_back: Opened from the list of banks, which Back returns to.
        """
        super().__init__()
        self.bank = bank
        self.resuming = resuming
        self.can_go_back = can_go_back

    def compose(self) -> ComposeResult:
        b = self.bank
        with VerticalScroll(id="body"):
            facts = [length(b)]
            if b.minutes:
                facts.append(f"about {b.minutes} minutes")
            if b.min_age:
                facts.append(f"for adults ({b.min_age}+)")
            head: list[Content | str | tuple[str, str]] = [inert(b.title, "bold $text-primary"), "\n\n"]
            if b.description:
                head += [inert(b.description), "\n\n"]
            head.append((" · ".join(facts), "italic $text-muted"))
            yield Static(Content.assemble(*head), classes="para", id="head")
            yield Static(Content.assemble(("Privacy: ", "bold"),
                                          SERVED_PRIVACY if served(self.app) else PRIVACY), classes="para privacy")
            yield Static(Content.assemble(("What this is: ", "bold"), WHAT_IT_IS, " ",
                                          ("What it is not: ", "bold"), WHAT_IT_IS_NOT),
                         classes="para")
            yield Static(Content.assemble(("Please note: ", "bold"), inert(b.disclaimer)),
                         classes="para disclaimer")
        yield notice_line(self)
        back = [action_button("Back", "back")] if self.can_go_back else []
        yield action_row(*back, action_button("Continue" if self.resuming else "Start", "start", primary=True))
        yield key_bar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.can_go_back
        return True

    def action_start(self) -> None:
        self.send(self.Start())

    def action_back(self) -> None:
        if self.can_go_back:
            self.send(self.Home())
