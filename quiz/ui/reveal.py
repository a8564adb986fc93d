"""A true/false statement revealed: right or not, the explanation, and its source."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.model import Bank, Question
from quiz.ui.action_bar import Act, ActionBar
from quiz.ui.base import QuizScreen
from quiz.ui.key_bar import KeyBar
from quiz.ui.text import inert


class RevealScreen(QuizScreen):
    """Shown right after a statement is answered, when the bank reveals answers at once."""

    CSS_PATH = "screens.tcss"

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
        q = self.question
        truth = "true" if q.answer else "false"
        with VerticalScroll(id="body"):
            verdict = "✓ Right." if self.right else "✗ Not quite."
            yield Static(Content.assemble((verdict, "bold"), f" This statement is {truth}."),
                         id="verdict", classes="verdict " + ("-right" if self.right else "-wrong"))
            yield Static(inert(q.text), classes="question")
            yield Static(Content(f"You answered: {'True' if self.given else 'False'}."),
                         classes="hint")
            if q.explanation:
                yield Static(inert(q.explanation), classes="para")
            work = self.bank.works.get(q.source) if q.source else None
            if work is not None:
                yield Static(Content.assemble(("Source: ", "bold"), inert(work.citation()),
                                              *((" ", inert(work.url, "underline")) if work.url
                                                else ())),
                             classes="para source")
            if q.discussion:
                yield Static(Content.assemble(("To think about: ", "bold"), inert(q.discussion)),
                             classes="para")
        yield ActionBar([Act("back", "Back"), Act("go_on", "Continue", primary=True)])
        yield KeyBar()

    def action_go_on(self) -> None:
        self.quiz.after(self.question)

    def action_back(self) -> None:
        self.quiz.back_to(self.question)


