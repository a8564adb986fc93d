"""One question per screen, with progress, its answers, and visible Back, Skip and Prefer not to say."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, ProgressBar, Static

from quiz.model import DECLINED, Answer, Question
from quiz.ui.base import QuizScreen
from quiz.ui.choice_list import ChoiceList
from quiz.ui.key_bar import KeyBar
from quiz.ui.text import inert

HOW = {
    "single": "Press a number, or move with ↑ ↓ and press enter.",
    "scale": "Press a number, or move with ↑ ↓ and press enter.",
    "statement": "True or false? Press 1 or 2, or move with ↑ ↓ and press enter.",
    "multiple": "Tick all that apply: a number or space ticks and unticks; enter goes on.",
    "text": "Type your answer (kept only in memory) and press enter. Leave it empty to go on without.",
}


class QuestionScreen(QuizScreen):
    """Shows one question; answering hands the value to the app, which decides what comes next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b,escape", "back", "Back"),
        Binding("s", "skip", "Skip"),
        Binding("p", "decline", "Prefer not to say"),
        Binding("ctrl+s", "save", "Save and leave"),
    ]

    def __init__(self, question: Question, number: tuple[int, int], current: Answer | None,
                 *, review: bool = False) -> None:
        """Args:
            question: The question to show.
            number: (its number, visible questions in all), from the session.
            current: The answer given earlier, if any.
            review: Reached from review: Back returns there.
        """
        super().__init__()
        self.question = question
        self.number = number
        self.current = current
        self.review = review
        self._shown_bindings: tuple[bool, bool] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            with Horizontal(id="progress-row"):
                yield Static(id="progress-label")
                yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
            yield Static(id="kicker", classes="kicker")
            yield Static(id="question-text", classes="question")
            yield Static(id="help", classes="help")
            yield ChoiceList([], id="choices")
            yield Input(id="text-answer", placeholder="Your answer")
            yield Static(id="how", classes="hint")
            yield Static(id="need", classes="hint")
        with Horizontal(classes="buttons"):
            yield Button("Back", id="back")
            yield Button("Skip", id="skip")
            yield Button("Prefer not to say", id="decline")
            yield Button("Next", id="next", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()

    def show(self, question: Question, number: tuple[int, int], current: Answer | None,
             *, review: bool = False) -> None:
        """Show another question on this same screen (much cheaper than a new screen)."""
        self.question, self.number, self.current, self.review = question, number, current, review
        self._fill()

    def _fill(self) -> None:
        q = self.question
        n, total = self.number
        session = self.quiz.session
        section = session.bank.section_by_id.get(q.section) if session else None
        self.query_one("#progress-label", Static).update(Content(f"Question {n} of {total}"))
        self.query_one(ProgressBar).update(total=total, progress=n - 1 if self.current is None else n)
        self.query_one("#kicker", Static).update(inert(section.title) if section else Content(""))
        self.query_one("#question-text", Static).update(inert(q.text))
        help_text = self.query_one("#help", Static)
        help_text.update(inert(q.help))
        help_text.display = bool(q.help)
        choices = self.query_one(ChoiceList)
        field = self.query_one(Input)
        if q.kind == "text":
            choices.display = False
            field.display = True
            field.max_length = q.max_length
            field.value = self.current if isinstance(self.current, str) else ""
            field.focus(scroll_visible=False)
        else:
            field.display = False
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
        self.query_one("#how", Static).update(Content(HOW[q.kind]))
        need = self.query_one("#need", Static)
        if self.current == DECLINED:
            need.update(Content("Your answer so far: Prefer not to say."))
        elif not q.can_skip and q.kind != "text":
            need.update(Content("This question needs an answer to go on"
                                + (" (or Prefer not to say)." if q.prefer_not_to_say else ".")))
        else:
            need.update(Content(""))
        need.display = bool(need.content)
        self.query_one("#back", Button).label = "Back to review" if self.review else "Back"
        self.query_one("#skip").display = q.can_skip
        self.query_one("#decline").display = q.prefer_not_to_say
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
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
        return True

    # -- answering -----------------------------------------------------------------------------------
    def on_choice_list_picked(self, message: ChoiceList.Picked) -> None:
        message.stop()
        value, _label = self.question.choices()[message.index]
        self.quiz.answer(value)

    def on_choice_list_submitted(self, message: ChoiceList.Submitted) -> None:
        message.stop()
        self.submit_checklist(message.indices)

    def submit_checklist(self, indices: tuple[int, ...]) -> None:
        """Send a checklist's ticks; nothing ticked on a question that may be skipped skips it."""
        q = self.question
        if not indices and q.can_skip:
            self.quiz.skip()
            return
        if len(indices) < q.min_choices:
            self.notify(f"Tick at least {q.min_choices}.", severity="warning", markup=False)
            return
        if q.max_choices is not None and len(indices) > q.max_choices:
            self.notify(f"Tick at most {q.max_choices}.", severity="warning", markup=False)
            return
        choices = q.choices()
        self.quiz.answer([str(choices[i][0]) for i in indices])

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.quiz.answer(message.value)

    def action_next(self) -> None:
        """The Next button: answer with what is chosen or typed."""
        q = self.question
        if q.kind == "text":
            self.quiz.answer(self.query_one(Input).value)
            return
        choices = self.query_one(ChoiceList)
        if q.kind == "multiple":
            self.submit_checklist(choices.ticked)
        elif choices.chosen or choices.moved:
            choices.choose(choices.highlighted)
        elif self.current == DECLINED:
            self.quiz.answer(DECLINED)
        elif q.can_skip:
            self.quiz.skip()
        else:
            self.notify("Choose an answer first: press its number, or move to it and press enter.",
                        severity="warning", markup=False)

    def action_back(self) -> None:
        self.quiz.back()

    def action_skip(self) -> None:
        if self.question.can_skip:
            self.quiz.skip()

    def action_decline(self) -> None:
        if self.question.prefer_not_to_say:
            self.quiz.answer(DECLINED)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"back": self.action_back, "skip": self.action_skip,
                   "decline": self.action_decline, "next": self.action_next}
        actions[event.button.id or "next"]()

    def on_key(self, event: events.Key) -> None:
        # Number keys choose even when a button has the focus.
        if (self.question.kind != "text" and event.character is not None
                and len(event.character) == 1 and event.character.isdigit()):
            event.stop()
            number = int(event.character)
            self.query_one(ChoiceList).choose(9 if number == 0 else number - 1)

    def action_save(self) -> None:
        self.quiz.save_and_leave()
