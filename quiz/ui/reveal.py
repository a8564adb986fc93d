"""A true/false statement revealed: right or not, the explanation, and its source."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.bank.model import Bank, Question
from quiz.ui.actions import action_button, action_row, key_bar
from quiz.ui.base import QuizScreen
from quiz.ui.text import inert


class RevealScreen(QuizScreen):
    """Shown right after a statement is answered, when the bank reveals answers at once."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go_on", "Continue"),
        Binding("b,escape", "back", "Back to the statement"),
    ]

    def __init__(self, question: Question, given: bool, bank: Bank) -> None:
        super().__init__()
        self.question = question
        self.given = given
        self.bank = bank

    @property
    def right(self) -> bool:
        """Whether the answer given matches the statement's truth."""
        return self.given is self.question.answer

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(id="verdict", classes="verdict")
            yield Static(id="reveal-text")
        yield action_row(action_button("Back", "back"), action_button("Continue", "go_on", primary=True))
        yield key_bar()

    def on_mount(self) -> None:
        self._fill()

    def show(self, question: Question, given: bool, bank: Bank) -> None:
        """Reveal another statement on this same screen (the app keeps one and reuses it)."""
        self.question, self.given, self.bank = question, given, bank
        self._fill()

    def _fill(self) -> None:
        q = self.question
        truth = "true" if q.answer else "false"
        verdict = self.query_one("#verdict", Static)
        verdict.update(Content.assemble(("\u2713 Right." if self.right else "\u2717 Not quite.", "bold"),
                                        f" This statement is {truth}."))
        verdict.set_class(self.right, "-right")
        verdict.set_class(not self.right, "-wrong")
        parts: list[Content | str | tuple[str, str]] = [
            inert(q.text, "bold"), "\n\n", (f"You answered: {'True' if self.given else 'False'}.", "$text-muted")]
        if q.explanation:
            parts += ["\n\n", inert(q.explanation)]
        work = self.bank.works.get(q.source) if q.source else None
        if work is not None:
            parts += ["\n\n", ("Source: ", "bold"), inert(work.citation())]
            if work.url:
                parts += [" ", inert(work.url, "underline")]
        if q.discussion:
            parts += ["\n\n", ("To think about: ", "bold"), inert(q.discussion)]
        self.query_one("#reveal-text", Static).update(Content.assemble(*parts))
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)

    def action_go_on(self) -> None:
        self.post_message(self.GoOn())

    def action_back(self) -> None:
        self.post_message(self.Back())


