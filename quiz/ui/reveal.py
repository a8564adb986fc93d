"""A true/false statement revealed: right or not, the explanation, and its source."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.bank.model import Question
from quiz.engine.session import Session
from quiz.ui.actions import action_button, action_row, key_bar
from quiz.ui.base import QuizScreen, notice_line
from quiz.ui.progress import where
from quiz.ui.text import inert

MORE = "More below: press enter to read on."
"""Said under a reveal taller than the screen until its end is in view."""


class RevealScreen(QuizScreen):
    """Shown right after a statement is answered, when the bank reveals answers at once.

    A reveal taller than the screen says that more follows, and enter scrolls to it before it goes
    on: "To think about" at the end is never skipped unseen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go_on", "Continue"),
        Binding("b,escape", "back", "Back to the statement"),
    ]

    def __init__(self, question: Question, given: bool, session: Session) -> None:
        super().__init__()
        self.question = question
        self.given = given
        self.session = session

    @property
    def right(self) -> bool:
        """Whether the answer given matches the statement's truth."""
        return self.given is self.question.answer

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(id="reveal-where", classes="hint")
            yield Static(id="verdict", classes="verdict")
            yield Static(id="reveal-text")
        yield Static(MORE, id="more", classes="hint")
        yield notice_line(self)
        yield action_row(action_button("Back", "back"), action_button("Continue", "go_on", primary=True))
        yield key_bar()

    def on_mount(self) -> None:
        self._fill()
        # Scrolled by any means (keys, wheel, enter): say "more below" only while there is more.
        self.watch(self.query_one("#body", VerticalScroll), "scroll_y",
                   lambda _y: self._mark_more(), init=False)

    def show(self, question: Question, given: bool, session: Session) -> None:
        """Reveal another statement on this same screen (the app keeps one and reuses it)."""
        self.question, self.given, self.session = question, given, session
        self.say("")
        self._fill()

    def _fill(self) -> None:
        q = self.question
        truth = "true" if q.answer else "false"
        label, _done = where(self.session, q)
        self.query_one("#reveal-where", Static).update(Content(f"{label}, revealed" if label else "Revealed"))
        verdict = self.query_one("#verdict", Static)
        verdict.update(Content.assemble(("\u2713 Right." if self.right else "\u2717 Not quite.", "bold"),
                                        f" This statement is {truth}."))
        verdict.set_class(self.right, "-right")
        verdict.set_class(not self.right, "-wrong")
        parts: list[Content | str | tuple[str, str]] = [
            inert(q.text, "bold"), "\n\n", (f"You answered: {'True' if self.given else 'False'}.", "$text-muted")]
        if q.explanation:
            parts += ["\n\n", inert(q.explanation)]
        work = self.session.bank.works.get(q.source) if q.source else None
        if work is not None:
            parts += ["\n\n", ("Source: ", "bold"), inert(work.citation())]
            if work.url:
                parts += [" ", inert(work.url, "underline")]
        if q.discussion:
            parts += ["\n\n", ("To think about: ", "bold"), inert(q.discussion)]
        self.query_one("#reveal-text", Static).update(Content.assemble(*parts))
        body = self.query_one("#body", VerticalScroll)
        body.scroll_home(animate=False)
        self.call_after_refresh(self._mark_more)

    def _at_end(self) -> bool:
        body = self.query_one("#body", VerticalScroll)
        return body.scroll_y >= body.max_scroll_y

    def _mark_more(self) -> None:
        self.query_one("#more", Static).display = not self._at_end()

    def action_go_on(self) -> None:
        if not self._at_end():
            body = self.query_one("#body", VerticalScroll)
            body.scroll_page_down(animate=False)
            self.call_after_refresh(self._mark_more)
            return
        self.send(self.GoOn())

    def action_back(self) -> None:
        self.send(self.Back())
