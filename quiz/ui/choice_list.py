"""The answers to a choice question: arrow and number keys, space to tick, enter to go on, mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message

from quiz.ui.choice_row import ChoiceRow


class ChoiceList(Vertical, can_focus=True):
    """A list of answers; one to pick (single, scale, statement) or several to tick (checklist).

    For one-answer questions a number key, enter, space or a click picks the answer at once
    (`Picked`); in a checklist they tick or untick and enter sends the ticked set (`Submitted`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k,left", "move(-1)", "Up", show=False),
        Binding("down,j,right", "move(1)", "Down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("space", "tick", "Tick", show=False),
        Binding("enter", "submit", "Go on"),
    ]

    class Picked(Message):
        """A one-answer question was answered with the choice at `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Submitted(Message):
        """A checklist was sent with these ticked indices, in order."""

        def __init__(self, indices: tuple[int, ...]) -> None:
            super().__init__()
            self.indices = indices

    def __init__(self, labels: Sequence[str], *, multiple: bool = False,
                 chosen: Sequence[int] = (), exclusive: Sequence[int] = (),
                 id: str | None = None) -> None:
        """Args:
            labels: The answers' labels, in order.
            multiple: A checklist (tick several) rather than one answer.
            chosen: Indices already chosen (an earlier answer).
            exclusive: Checklist indices that cannot be combined with others ("None of these").
        """
        super().__init__(id=id)
        self.labels: list[str] = []
        self.multiple = False
        self.chosen: set[int] = set()
        self.exclusive: set[int] = set()
        self.highlighted = 0
        self.moved = False
        """Whether the person has moved the cursor (so it points at an answer they mean)."""
        self._rows: list[ChoiceRow] = []
        """The rows in order; kept here because removed rows linger in the DOM for a moment."""
        self._set(labels, multiple, chosen, exclusive)

    def _set(self, labels: Sequence[str], multiple: bool, chosen: Sequence[int],
             exclusive: Sequence[int]) -> None:
        self.labels = list(labels)
        self.multiple = multiple
        self.chosen = set(chosen)
        self.exclusive = set(exclusive)
        self.highlighted = min(self.chosen) if self.chosen else 0
        self.moved = False

    def set_choices(self, labels: Sequence[str], *, multiple: bool = False,
                    chosen: Sequence[int] = (), exclusive: Sequence[int] = ()) -> None:
        """Show another question's answers, reusing the rows already mounted."""
        self._set(labels, multiple, chosen, exclusive)
        rows = self._rows
        for row, (i, label) in zip(rows, enumerate(self.labels), strict=False):
            row.configure(label, multiple=multiple, chosen=i in self.chosen,
                          highlighted=i == self.highlighted)
        if len(rows) > len(self.labels):
            for row in rows[len(self.labels):]:
                row.remove()
            del rows[len(self.labels):]
        elif len(rows) < len(self.labels):
            new = self._make_rows(range(len(rows), len(self.labels)))
            rows.extend(new)
            self.mount_all(new)

    def _make_rows(self, indices: range) -> list[ChoiceRow]:
        return [ChoiceRow(i, self.labels[i], multiple=self.multiple, chosen=i in self.chosen,
                          highlighted=i == self.highlighted) for i in indices]

    def compose(self) -> ComposeResult:
        self._rows = self._make_rows(range(len(self.labels)))
        yield from self._rows

    @property
    def ticked(self) -> tuple[int, ...]:
        """The ticked indices, in order."""
        return tuple(sorted(self.chosen))

    def _paint(self) -> None:
        for row in self._rows:
            row.set_state(chosen=row.index in self.chosen, highlighted=row.index == self.highlighted)

    def _scroll_to_highlight(self) -> None:
        if 0 <= self.highlighted < len(self._rows):
            self._rows[self.highlighted].scroll_visible(animate=False)

    def action_move(self, step: int) -> None:
        if self.labels:
            self.highlighted = (self.highlighted + step) % len(self.labels)
            self.moved = True
            self._paint()
            self._scroll_to_highlight()

    def action_jump(self, index: int) -> None:
        if self.labels:
            self.highlighted = index % len(self.labels)
            self.moved = True
            self._paint()
            self._scroll_to_highlight()

    def toggle(self, index: int) -> None:
        """Tick or untick one checklist answer; an exclusive answer unticks the others."""
        if index in self.chosen:
            self.chosen.discard(index)
        elif index in self.exclusive:
            self.chosen = {index}
        else:
            self.chosen = (self.chosen - self.exclusive) | {index}
        self._paint()

    def choose(self, index: int) -> None:
        """What picking `index` does: tick it in a checklist, answer with it otherwise."""
        if not 0 <= index < len(self.labels):
            return
        self.highlighted = index
        if self.multiple:
            self.toggle(index)
        else:
            self.chosen = {index}
            self._paint()
            self.post_message(self.Picked(index))

    def action_tick(self) -> None:
        self.choose(self.highlighted)

    def action_submit(self) -> None:
        if self.multiple:
            self.post_message(self.Submitted(self.ticked))
        elif self.labels:
            self.choose(self.highlighted)

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character.isdigit() and len(event.character) == 1:
            number = int(event.character)
            index = 9 if number == 0 else number - 1
            if index < len(self.labels):
                event.stop()
                event.prevent_default()
                self.focus()
                self.choose(index)

    def on_choice_row_clicked(self, message: ChoiceRow.Clicked) -> None:
        message.stop()
        self.focus()
        self.choose(message.index)
