"""A section's intro and content note, shown before its first question."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quiz.bank.model import Section
from quiz.ui.actions import action_button, action_row, key_bar
from quiz.ui.base import QuizScreen, notice_line
from quiz.ui.text import inert


class SectionScreen(QuizScreen):
    """Says what a section is about (and warns of sensitive content) before its questions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go_on", "Continue"),
        Binding("b,escape", "back", "Back"),
        Binding("s", "skip_section", "Skip this section"),
    ]

    class SkipSection(Message):
        """Leave every question of the section unanswered and go on after it."""

    def __init__(self, section: Section, skippable: bool, where: str = "") -> None:
        """Show `section`; `skippable` when every question in it may be left unanswered; `where`
        says where the person is ("Section 2 of 5, before question 4 of up to 20")."""
        super().__init__()
        self.section = section
        self.skippable = skippable
        self.where = where

    def compose(self) -> ComposeResult:
        s = self.section
        with VerticalScroll(id="body"):
            yield Static(Content.assemble((self.where or "Section", "$text-muted"), "\n",
                                          inert(s.title, "bold $text-primary")), classes="para", id="head")
            if s.content_note:
                yield Static(Content.assemble(("Content note. ", "bold"), inert(s.content_note)),
                             classes="para content-note")
            more: list[Content] = [inert(s.intro)] if s.intro else []
            if s.content_note:
                declinable = any(q.prefer_not_to_say for q in s.questions)
                more.append(Content.styled(
                    "You can skip this section; none of its questions needs an answer."
                    if self.skippable else
                    "Some questions in this section need an answer; where offered, you can choose "
                    "\u201cPrefer not to say\u201d." if declinable else
                    "Some questions in this section need an answer.", "$text-muted"))
            if more:
                yield Static(Content("\n\n").join(more), classes="para")
        yield notice_line(self)
        skip = [action_button("Skip this section", "skip_section")] if self.skippable else []
        yield action_row(action_button("Back", "back"), *skip,
                         action_button("Continue", "go_on", primary=True))
        yield key_bar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip_section":
            return self.skippable
        return True

    def action_go_on(self) -> None:
        self.send(self.GoOn())

    def action_back(self) -> None:
        self.send(self.Back())

    def action_skip_section(self) -> None:
        if self.skippable:
            self.send(self.SkipSection())
