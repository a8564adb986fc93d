"""The answers to a choice question, and the export dialog's formats: Textual's OptionList with number keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from quiz.ui.text import inert

NUMBER_KEYS = "1234567890"
"""The keys that choose the first ten answers, in order."""


def number_bindings() -> list[BindingType]:
    """1-9 and 0 bound to `choose(0)` .. `choose(9)`, kept out of the key bar (the help lists them)."""
    return [Binding(key, f"choose({i})", f"Answer {key}", show=False)
            for i, key in enumerate(NUMBER_KEYS)]


def choice_prompt(index: int, label: str, *, multiple: bool, chosen: bool) -> Content:
    """One answer as the list shows it: its number key, a mark that reads without colour, its label."""
    key = NUMBER_KEYS[index] if index < len(NUMBER_KEYS) else " "
    if multiple:
        mark = "[x]" if chosen else "[ ]"
    else:
        mark = "(•)" if chosen else "( )"
    return Content.assemble((key, "bold"), f"  {mark} ", inert(label))


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
        *number_bindings(),
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
            # On the question screen the text above scrolls with the list, which then scrolls only
            # when taller than the screen: once the person moves, bring the whole list into view.
            self.scroll_visible(animate=False)

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
