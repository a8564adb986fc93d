"""Review: every visible question with its answer; choose one to change it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from quiz.engine.count import answered_words, place
from quiz.engine.session import Session
from quiz.safe_text import clean
from quiz.ui.actions import action_button, action_row, key_bar
from quiz.ui.base import QuizScreen, notice_line


def review_line(number: int, question: str, answer: Text) -> Table:
    """One question of the review and its answer: both wrap under their own start, never under the
    number (a grid of two columns, as the answers of a question are laid out). Number 0 is a question
    before the count (an age check): it shows no number, as on its own screen."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, width=3, justify="right")
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{number}." if number else "", style="bold"), Text(clean(question)))
    grid.add_row("", Text.assemble("→ ", answer))
    return grid


def answer_words(session: Session, qid: str) -> Text:
    """The answer to one question as the person saw it, or why there is none (literal text)."""
    q = session.bank.by_id[qid]
    if qid not in session.answers:
        if q.kind == "text" or q.can_skip:
            return Text("(skipped)", style="italic")
        return Text("(needs an answer)", style="bold")
    value = session.answers[qid]
    if q.kind == "text" and isinstance(value, str):
        words = value if len(value) <= 120 else value[:117] + "..."
        return Text(clean(words))
    return Text(clean(q.label_of(value)))


class ReviewScreen(QuizScreen):
    """Lists every question shown for the answers so far; enter on one goes back to change it."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "results", "See results"),
        Binding("b,escape", "back", "Back"),
        Binding("ctrl+s", "save", "Save and leave"),
    ]

    @dataclass
    class Edit(Message):
        """Change the answer to one question."""

        question: str
        """The question's id."""

    class ShowResults(Message):
        """See the results (or the required questions still missing an answer)."""

    def __init__(self, session: Session, focus: str | None = None) -> None:
        """Review `session`; put the cursor on question `focus` if given."""
        super().__init__()
        self.session = session
        self.focus_id = focus

    def compose(self) -> ComposeResult:
        s = self.session
        yield Static(Content("Review your answers"), classes="title", id="review-title")
        missing = len(s.unanswered())
        note = answered_words(s)
        if missing:
            note += f" {missing} still need{'s' if missing == 1 else ''} an answer."
        note += " Choose a question to change its answer."
        yield Static(Content(note), classes="hint", id="review-note")
        options = []
        for q in s.visible:
            number = place(s, q).number  # the number its own screen showed
            options.append(Option(review_line(number, q.text, answer_words(s, q.id)), id=q.id))
        yield OptionList(*options, id="review-list")
        yield notice_line(self)
        yield action_row(action_button("Back", "back"),
                         action_button("See results", "results", primary=True))
        yield key_bar()

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        if self.focus_id is not None:
            try:
                listing.highlighted = listing.get_option_index(self.focus_id)
            except OptionDoesNotExist:  # hidden by the change just made
                listing.highlighted = 0
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.send(self.Edit(event.option.id))

    def action_results(self) -> None:
        self.send(self.ShowResults())

    def action_back(self) -> None:
        self.send(self.Back())

    def action_save(self) -> None:
        self.send(self.SaveAndLeave())
