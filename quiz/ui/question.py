"""One question per screen, with progress, its answers, and visible Back, Skip and Prefer not to say."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, OptionList, Static

from quiz.bank.model import DECLINED
from quiz.engine.flow import Ask
from quiz.engine.session import Session
from quiz.ui.actions import action_button, action_row, key_bar
from quiz.ui.base import QuizScreen, notice_line
from quiz.ui.choices import Choices, number_bindings
from quiz.ui.progress import where
from quiz.ui.text import bar, inert

if TYPE_CHECKING:
    from textual.widgets import Input

PROGRESS_WIDTH = 20
"""Cells in the progress bar beside "Question N of M"."""

HOW = {
    "single": "Press the key beside an answer, or move with ↑ ↓ and press enter.",
    "scale": "Press the key beside an answer, or move with ↑ ↓ and press enter.",
    "statement": "True or false? Press 1 or 2, or move with ↑ ↓ and press enter.",
    "multiple": "Tick all that apply: the key beside an answer, or space, ticks and unticks; "
                "enter goes on.",
    "text": "Type your answer (kept only in memory) and press enter. Leave it empty to go on without.",
}


NOTHING_CHOSEN = "Choose an answer first: press the key beside it, or move to it and press enter."


class QuestionScreen(QuizScreen):
    """Shows one question; answering hands the value to the app, which decides what comes next."""

    AUTO_FOCUS = ""
    """None: showing a question focuses its answers (or its text field) without scrolling, so a long
    list does not push the question itself out of view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b,escape", "back", "Back"),
        Binding("s", "skip", "Skip"),
        Binding("p", "decline", "Prefer not to say"),
        Binding("ctrl+s", "save", "Save and leave"),
        # The numbers choose wherever the focus is (the list, the scrolled text above it, a button).
        *number_bindings(),
    ]

    @dataclass
    class Answered(Message):
        """The person answered the question on screen."""

        value: object
        """The value chosen, ticked or typed (DECLINED for "Prefer not to say")."""

    class Skipped(Message):
        """The person left the question on screen unanswered."""

    def __init__(self, step: Ask, session: Session) -> None:
        """Show the question `step` asks (the answer given earlier, whether it was reached from
        review, where Back returns) of `session`, which says where it is in the bank."""
        super().__init__()
        self.step = step
        self.session = session
        self.question = step.question
        self.number = (step.number, step.total)
        self.current = step.answer
        self.review = step.review
        self._shown_bindings: tuple[bool, bool] | None = None
        self._field: Input | None = None
        """The text field, mounted the first time a text question is shown (most banks have none)."""

    def compose(self) -> ComposeResult:
        # The question, its progress and its help stay in view; a long list of answers scrolls
        # under them (the question scrolls on its own only when it alone is taller than half).
        with Vertical(id="body"):
            with VerticalScroll(id="question-head"):
                yield Static(id="progress")
                yield Static(id="head")
                yield Static(id="how", classes="hint")
            yield Choices(id="choices")
        yield notice_line(self)
        yield action_row(action_button("Back", "back"), action_button("Skip", "skip"),
                         action_button("Prefer not to say", "decline"),
                         action_button("Next", "next", primary=True))
        yield key_bar()

    def on_mount(self) -> None:
        self._fill()

    def _text_field(self) -> Input:
        if self._field is None:
            from textual.widgets import Input

            self._field = Input(id="text-answer", placeholder="Your answer")
            self.query_one("#body", Vertical).mount(self._field, after=self.query_one(Choices))
        return self._field

    def show(self, step: Ask) -> None:
        """Show another question on this same screen (much cheaper than a new screen)."""
        self.step, self.question, self.current, self.review = step, step.question, step.answer, step.review
        self.number = (step.number, step.total)
        self.say("")
        self.changed()
        self._fill()

    def _fill(self) -> None:
        q = self.question
        section = self.step.section
        label, done = where(self.session, q)
        progress = self.query_one("#progress", Static)
        progress.display = bool(label)
        progress.update(Content.assemble((label, "bold"), "  ", (bar(done, PROGRESS_WIDTH), "$accent")))
        head: list[Content | str | tuple[str, str]] = []
        if section is not None:
            head += [inert(section.title, "$text-muted"), "\n"]
            if section.intro and not section.content_note and self.step.opens_section:
                head += [inert(section.intro), "\n\n"]
        head.append(inert(q.text, "bold"))
        if q.help:
            head += ["\n\n", inert(q.help, "italic $text-muted")]
        self.query_one("#head", Static).update(Content.assemble(*head))
        choices = self.query_one(Choices)
        if q.kind == "text":
            choices.display = False
            field = self._text_field()
            field.display = True
            field.max_length = q.max_length
            field.value = self.current if isinstance(self.current, str) else ""
            field.focus(scroll_visible=False)
        else:
            if self._field is not None:
                self._field.display = False
            choices.display = True
            options = q.choices()
            current = self.current
            if isinstance(current, tuple):
                chosen = [i for i, (v, _) in enumerate(options) if v in current]
            else:
                chosen = [i for i, (v, _) in enumerate(options)
                          if current is not None and v == current and type(v) is type(current)]
            exclusive = [i for i, o in enumerate(q.options) if o.exclusive]
            choices.set_choices([label for _, label in options], multiple=q.kind == "multiple",
                                chosen=chosen, exclusive=exclusive)
            choices.focus(scroll_visible=False)
        if self.current == DECLINED:
            need = "Your answer so far: Prefer not to say.\n"
        elif not q.can_skip and q.kind != "text":
            need = ("This question needs an answer to go on"
                    + (" (or Prefer not to say).\n" if q.prefer_not_to_say else ".\n"))
        else:
            need = ""
        self.query_one("#how", Static).update(Content(need + HOW[q.kind]))
        self.query_one("#back", Button).label = "Back to review" if self.review else "Back"
        self.query_one("#skip", Button).display = q.can_skip
        self.query_one("#decline", Button).display = q.prefer_not_to_say
        self.query_one("#question-head", VerticalScroll).scroll_home(animate=False)
        # The footer rebuilds itself on every refresh; only ask when Skip or Prefer not to say change.
        shown = (q.can_skip, q.prefer_not_to_say)
        if shown != self._shown_bindings:
            self._shown_bindings = shown
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return self.question.can_skip
        if action == "decline":
            return self.question.prefer_not_to_say
        return super().check_action(action, parameters)

    # -- answering -----------------------------------------------------------------------------------
    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        value, _label = self.question.choices()[message.option_index]
        self.send(self.Answered(value))

    def on_choices_submitted(self, message: Choices.Submitted) -> None:
        message.stop()
        if self.question.kind == "multiple":
            self.submit_checklist(message.indices)
        else:  # enter on an answer only highlighted, never chosen: nothing is recorded
            self.say(NOTHING_CHOSEN)

    def submit_checklist(self, indices: tuple[int, ...]) -> None:
        """Send a checklist's ticks; nothing ticked on a question that may be skipped skips it."""
        q = self.question
        if not indices and q.can_skip:
            self.send(self.Skipped())
            return
        if len(indices) < q.min_choices:
            self.say(f"Tick at least {q.min_choices}.")
            return
        if q.max_choices is not None and len(indices) > q.max_choices:
            self.say(f"Tick at most {q.max_choices}.")
            return
        choices = q.choices()
        self.send(self.Answered([str(choices[i][0]) for i in indices]))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.send(self.Answered(message.value))

    def action_next(self) -> None:
        """The Next button: answer with what is chosen or typed."""
        q = self.question
        if q.kind == "text":
            self.send(self.Answered(self._text_field().value))
            return
        choices = self.query_one(Choices)
        if q.kind == "multiple":
            self.submit_checklist(choices.ticked)
        elif (choices.chosen or choices.moved) and choices.highlighted is not None:
            choices.choose(choices.highlighted)
        elif self.current == DECLINED:
            self.send(self.Answered(DECLINED))
        elif q.can_skip:
            self.send(self.Skipped())
        else:
            self.say(NOTHING_CHOSEN)

    def action_back(self) -> None:
        self.send(self.Back())

    def action_skip(self) -> None:
        if self.question.can_skip:
            self.send(self.Skipped())

    def action_decline(self) -> None:
        if self.question.prefer_not_to_say:
            self.send(self.Answered(DECLINED))

    def action_choose(self, index: int) -> None:
        """An answer's key pressed outside the list (on the text above it, or a button)."""
        if self.question.kind != "text":
            self.query_one(Choices).action_choose(index)

    def action_save(self) -> None:
        self.send(self.SaveAndLeave())
