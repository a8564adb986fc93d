"""The presenter's screen: one item at a time in large type, a reveal step, and live room totals."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.bank.model import Bank, Question
from quiz.room.totals import Room
from quiz.safe_text import clean
from quiz.ui.totals_bars import TotalsBars


class PresentScreen(Screen[None]):
    """Shows `bank`'s questions one by one; `next` reveals a statement's answer before moving on."""

    BINDINGS = [
        Binding("right,space,n,enter", "next", "Next / reveal"),
        Binding("left,p,b", "back", "Back"),
        Binding("r", "reveal", "Reveal"),
        Binding("question_mark,f1", "help", "Help"),
    ]

    def __init__(self, bank: Bank, room: Room | None = None, min_count: int = 5) -> None:
        super().__init__()
        self.bank = bank
        self.room = room
        self.min_count = min_count
        # A question that can end the bank (an age check) has no place in a room's discussion.
        gates = {q.id for q in bank.questions if any(o.end for o in q.options)}
        self.items: list[Question] = [q for q in bank.questions if q.id not in gates] or list(bank.questions)
        self.index = 0
        self.revealed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stage"):
            yield Static(id="counter")
            yield Static(id="item")
            yield Static(id="choices")
            yield Static(id="reveal")
            yield TotalsBars(id="totals")
        note = (f"Room `{self.room.name}`: anonymous totals only, shown after {self.min_count} answers."
                if self.room else "Nothing is recorded: no names, no answers.")
        yield Static(note, id="privacy-line")
        yield Footer()

    def on_mount(self) -> None:
        self.draw()
        if self.room is not None:
            self.set_interval(1.0, self.refresh_totals)

    @property
    def current(self) -> Question:
        return self.items[self.index]

    def draw(self) -> None:
        q = self.current
        section = self.bank.section_by_id[q.section]
        self.query_one("#counter", Static).update(
            Text(f"{clean(section.title)}  \u00b7  item {self.index + 1} of {len(self.items)}"))
        self.query_one("#item", Static).update(Text(clean(q.text), style="bold"))
        choices = Text()
        for i, (_v, label) in enumerate(q.choices(), 1):
            choices.append(f"  {i}. {clean(label)}\n")
        self.query_one("#choices", Static).update(choices)
        reveal = self.query_one("#reveal", Static)
        if self.revealed:
            reveal.update(self.reveal_text(q))
            reveal.display = True
        else:
            reveal.display = False
        self.refresh_totals()

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
        bars.show(self.current, self.room.totals(self.current.id, self.min_count), self.min_count)

    def has_reveal(self) -> bool:
        q = self.current
        return q.kind == "statement" or bool(q.discussion)

    def action_next(self) -> None:
        if self.has_reveal() and not self.revealed:
            self.revealed = True
        elif self.index + 1 < len(self.items):
            self.index += 1
            self.revealed = False
        else:
            self.notify("That was the last item. Press ctrl+q to close.", timeout=4)
            return
        self.draw()

    def action_back(self) -> None:
        if self.revealed:
            self.revealed = False
        elif self.index > 0:
            self.index -= 1
        self.draw()

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self.draw()

    def action_help(self) -> None:
        self.notify(
            "right/space/enter: next (reveals first)  left/b: back  r: reveal  ctrl+q: quit\n"
            f"Handouts: quiz export {self.bank.id} --format html --answer-key -o key.html",
            title="Presenter keys", timeout=10)
