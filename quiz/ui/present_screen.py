"""The presenter's screen: one item at a time in large type, a reveal step, and live room totals."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.bank.model import Bank, Question
from quiz.engine.flow import Ask, Reveal, Walkthrough
from quiz.room.totals import Room
from quiz.safe_text import clean
from quiz.ui.totals_bars import TotalsBars

KEY_NAMES = {"right": "\u2192", "left": "\u2190", "space": "space", "enter": "enter",
             "question_mark": "?", "f1": "F1", "ctrl+q": "ctrl+q"}
"""How the help writes a key Textual names otherwise."""


class PresentScreen(Screen[None]):
    """Shows the steps of a `Walkthrough` of `bank`: each item, and its reveal before the next."""

    BINDINGS = [
        Binding("right,space,n,enter", "next", "Next/reveal"),
        Binding("left,p,b", "back", "Back/hide"),
        Binding("r", "reveal", "Reveal/hide"),
        Binding("question_mark,f1", "help", "Help"),
    ]

    def __init__(self, bank: Bank, room: Room | None = None, min_count: int = 5) -> None:
        super().__init__()
        self.bank = bank
        self.room = room
        self.min_count = min_count
        self.walk = Walkthrough(bank)

    @property
    def items(self) -> list[Question]:
        """The items shown, in order (a question that can end the bank is left out)."""
        return self.walk.items

    @property
    def revealed(self) -> bool:
        """Whether the item's reveal is shown."""
        return self.walk.revealed

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stage"):
            yield Static(id="counter")
            yield Static(id="item")
            yield Static(id="choices")
            yield Static(id="reveal")
            yield TotalsBars(id="totals")
        note = (f"Room `{self.room.name}`: anonymous totals only, shown after {self.min_count} answers."
                if self.room else "Nothing is recorded: no names, no answers.")
        notice = Static("", id="notice", markup=False)
        notice.display = False
        yield notice
        yield Static(note, id="privacy-line")
        yield Footer()

    def on_mount(self) -> None:
        self.draw()
        if self.room is not None:
            self.set_interval(1.0, self.refresh_totals)

    @property
    def current(self) -> Question:
        """The item shown."""
        return self.walk.current

    def say(self, text: str) -> None:
        """An inline notice above the privacy line, covering nothing; empty text removes it."""
        notice = self.query_one("#notice", Static)
        notice.update(text)
        notice.display = bool(text)

    def draw(self, step: Ask | Reveal | None = None) -> None:
        """Show a step of the walkthrough (the one it is at, by default); a notice goes with the step."""
        self.say("")
        step = step or self.walk.step
        q = step.question
        section = self.bank.section_by_id[q.section]
        self.query_one("#counter", Static).update(
            Text(f"{clean(section.title)}  \u00b7  item {self.walk.index + 1} of {len(self.items)}"))
        self.query_one("#item", Static).update(Text(clean(q.text), style="bold"))
        right = self.right_answer(q) if isinstance(step, Reveal) else None
        choices = Text()
        for i, (value, label) in enumerate(q.choices(), 1):
            if right is not None and value is right:
                # Marked in words and in weight and reverse video, never by colour alone (projectors
                # wash colours out, and some in the room do not see them).
                choices.append(f"\u2713 {i}. {clean(label)}  \u2190 the right answer", style="bold reverse")
                choices.append("\n")
            else:
                choices.append(f"  {i}. {clean(label)}\n", style="dim" if right is not None else "")
        self.query_one("#choices", Static).update(choices)
        reveal = self.query_one("#reveal", Static)
        if isinstance(step, Reveal):
            reveal.update(self.reveal_text(q))
            reveal.display = True
        else:
            reveal.display = False
        self.refresh_totals()

    @staticmethod
    def right_answer(q: Question) -> bool | None:
        """The option a reveal marks as right: a statement's truth (other kinds have none)."""
        return q.answer if q.kind == "statement" else None

    def reveal_text(self, q: Question) -> Text:
        t = Text()
        if q.kind == "statement":
            t.append(f"{'TRUE' if q.answer else 'FALSE'}\n", style="bold reverse")
            t.append(clean(q.explanation) + "\n")
            src = self.bank.works.get(q.source)
            if src:
                t.append(f"Source: {clean(src.citation())}\n", style="italic")
        if q.discussion:
            t.append("\nDiscuss: ", style="bold")
            t.append(clean(q.discussion))
        if not t.plain:
            t.append("Nothing to reveal for this item.")
        return t

    def refresh_totals(self) -> None:
        bars = self.query_one(TotalsBars)
        if self.room is None:
            bars.show(self.current, None, self.min_count)
            return
        right = self.right_answer(self.current) if self.revealed else None
        bars.show(self.current, self.room.totals(self.current.id, self.min_count), self.min_count, right)

    def action_next(self) -> None:
        step = self.walk.next()
        if step is None:
            self.say("That was the last item. Press ctrl+q to close.")
            return
        self.draw(step)

    def action_back(self) -> None:
        self.draw(self.walk.back())

    def action_reveal(self) -> None:
        self.draw(self.walk.toggle_reveal())

    def help_text(self) -> str:
        """Every key the presenter binds, with what it does: read from the bindings themselves, so the
        help cannot name a key that does something else."""
        lines = []
        for binding in [*self.BINDINGS, *self.app.BINDINGS]:
            assert isinstance(binding, Binding)
            keys = " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))
            lines.append(f"{keys}: {binding.description}")
        lines.append(f"Handouts: quiz export {self.bank.id} --format html --answer-key -o key.html")
        return "\n".join(lines)

    def action_help(self) -> None:
        """Show the keys inline (pressed again: hide them)."""
        text = self.help_text()
        shown = self.query_one("#notice", Static)
        self.say("" if shown.display and str(shown.content) == text else text)
