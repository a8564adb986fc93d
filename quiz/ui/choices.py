"""The answers to a choice question, and the export dialog's formats: Textual's OptionList with a key for each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList

from quiz.safe_text import clean

ANSWER_KEYS = "123456789acdefghilmnotuvwxyz"
"""The keys that choose the answers, in order, each printed beside its answer: 1-9, then letters.
The letters leave out those the question screen uses for itself (b back, s skip, p prefer not to
say, j and k to move) and q and r, which read as quit and results."""


def answer_key(index: int) -> str:
    """The key printed beside (and choosing) the answer at `index`; empty past the last key."""
    return ANSWER_KEYS[index] if index < len(ANSWER_KEYS) else ""


def number_bindings(keys: str = ANSWER_KEYS) -> list[BindingType]:
    """Each answer key bound to `choose(i)`, kept out of the key bar (each answer shows its key)."""
    return [Binding(key, f"choose({i})", f"Answer {key}", show=False)
            for i, key in enumerate(keys)]


def choice_prompt(index: int, label: str, *, multiple: bool, chosen: bool) -> Table:
    """One answer as the list shows it: its key, a mark that reads without colour, its label.

    A grid of three columns, so a label that wraps keeps its indent under the label (a URL moves
    to the next line whole rather than breaking).
    """
    if multiple:
        mark = "[x]" if chosen else "[ ]"
    else:
        mark = "(•)" if chosen else "( )"
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, width=1)
    grid.add_column(no_wrap=True, width=3)
    grid.add_column(ratio=1)
    grid.add_row(Text(answer_key(index), style="bold"), Text(mark), Text(clean(label)))
    return grid


class Choices(OptionList):
    """A list of answers: one to pick (single, scale, statement, a format) or several to tick (checklist).

    For one answer, enter, space, a number key or a click picks it at once (Textual's
    `OptionList.OptionSelected`); in a checklist they tick or untick it, and enter sends the ticked
    set (`Submitted`). Each answer's mark, `( )`/`(•)` or `[ ]`/`[x]`, is part of its text, so the
    state reads without colour. Not a SelectionList (Textual 8.2): its box shows the same X ticked or
    not, told apart by colour alone, and it cuts a long answer to one line with "…".
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k,left", "cursor_up", "Up", show=False),
        Binding("j,right", "cursor_down", "Down", show=False),
        Binding("space", "select", "Tick", show=False),
        Binding("enter", "submit", "Go on", show=False),
        # The digits only: the question screen binds the letters after them, which the export
        # dialog's few formats do not need.
        *number_bindings(ANSWER_KEYS[:9]),
    ]

    class Submitted(Message):
        """A checklist was sent with these ticked indices, in order."""

        def __init__(self, indices: tuple[int, ...]) -> None:
            super().__init__()
            self.indices = indices

    def __init__(self, labels: Sequence[str] = (), *, multiple: bool = False,
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
        self.moved = False
        """Whether the person has moved the highlight (so it points at an answer they mean)."""
        self._placing = False
        self.set_choices(labels, multiple=multiple, chosen=chosen, exclusive=exclusive)

    def set_choices(self, labels: Sequence[str], *, multiple: bool = False,
                    chosen: Sequence[int] = (), exclusive: Sequence[int] = ()) -> None:
        """Show another question's answers (the question screen reuses one list)."""
        self.labels = list(labels)
        self.multiple = multiple
        self.chosen = set(chosen)
        self.exclusive = set(exclusive)
        self._placing = True
        try:
            self.set_options(choice_prompt(i, label, multiple=multiple, chosen=i in self.chosen)
                             for i, label in enumerate(self.labels))
            self.highlighted = min(self.chosen) if self.chosen else (0 if self.labels else None)
        finally:
            self._placing = False
        self.moved = False

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if not self._placing:
            self.moved = True

    @property
    def ticked(self) -> tuple[int, ...]:
        """The ticked (or chosen) indices, in order."""
        return tuple(sorted(self.chosen))

    def _mark(self, before: set[int]) -> None:
        for i in before ^ self.chosen:
            self.replace_option_prompt_at_index(
                i, choice_prompt(i, self.labels[i], multiple=self.multiple, chosen=i in self.chosen))

    def toggle(self, index: int) -> None:
        """Tick or untick one checklist answer; an exclusive answer unticks the others."""
        before = set(self.chosen)
        if index in self.chosen:
            self.chosen.discard(index)
        elif index in self.exclusive:
            self.chosen = {index}
        else:
            self.chosen = (self.chosen - self.exclusive) | {index}
        self._mark(before)

    def choose(self, index: int) -> None:
        """What picking `index` does: tick it in a checklist, answer with it otherwise."""
        if 0 <= index < len(self.labels):
            self.highlighted = index
            self.action_select()

    def action_choose(self, index: int) -> None:
        self.focus()
        self.choose(index)

    def action_select(self) -> None:
        """Space, a click or a number: tick in a checklist; otherwise choose, and say so."""
        index = self.highlighted
        if index is None:
            return
        if self.multiple:
            self.toggle(index)
            return
        before = set(self.chosen)
        self.chosen = {index}
        self._mark(before)
        super().action_select()

    def action_submit(self) -> None:
        """Enter: send a checklist's ticks, or choose the highlighted answer once the person has moved
        to it (or chose it before). A highlight nobody moved is not a choice: then `Submitted` goes
        with nothing in it, and the screen says what to do."""
        if self.multiple:
            self.post_message(self.Submitted(self.ticked))
        elif self.chosen or self.moved:
            self.action_select()
        else:
            self.post_message(self.Submitted(()))
