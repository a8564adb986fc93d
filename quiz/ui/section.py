"""A section's intro and content note, shown before its first question."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from quiz.model import Section
from quiz.ui.base import QuizScreen
from quiz.ui.key_bar import KeyBar
from quiz.ui.text import inert


class SectionScreen(QuizScreen):
    """Says what a section is about (and warns of sensitive content) before its questions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go_on", "Continue"),
        Binding("b,escape", "back", "Back"),
        Binding("s", "skip_section", "Skip this section"),
    ]

    def __init__(self, section: Section, skippable: bool) -> None:
        """Show `section`; `skippable` when every question in it may be left unanswered."""
        super().__init__()
        self.section = section
        self.skippable = skippable

    def compose(self) -> ComposeResult:
        s = self.section
        with VerticalScroll(id="body"):
            yield Static(Content("Section"), classes="kicker")
            yield Static(inert(s.title), classes="title")
            if s.content_note:
                yield Static(Content.assemble(("Content note. ", "bold"), inert(s.content_note)),
                             classes="para content-note")
            if s.intro:
                yield Static(inert(s.intro), classes="para")
            if s.content_note:
                yield Static(Content(
                    "You can skip this section; none of its questions needs an answer."
                    if self.skippable else
                    "Some questions in this section need an answer; where offered, you can choose "
                    "\u201cPrefer not to say\u201d."), classes="para hint")
        with Horizontal(classes="buttons"):
            yield Button("Back", id="back")
            if self.skippable:
                yield Button("Skip this section", id="skip")
            yield Button("Continue", id="continue", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#continue").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip_section":
            return self.skippable
        return True

    def action_go_on(self) -> None:
        session = self.quiz.session
        question = session.current() if session else None
        if question is not None:
            self.quiz.show_question(question)

    def action_back(self) -> None:
        self.quiz.back()

    def action_skip_section(self) -> None:
        if self.skippable:
            self.quiz.skip_section(self.section.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"continue": self.action_go_on, "back": self.action_back,
                   "skip": self.action_skip_section}
        actions[event.button.id or "continue"]()
