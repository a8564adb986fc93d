"""One answer in a list of choices: its number key, a tick or dot that shows without colour, its label."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quiz.ui.text import inert


class ChoiceRow(Static):
    """A clickable row of a `ChoiceList`."""

    class Clicked(Message):
        """The row was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, label: str, *, multiple: bool, chosen: bool,
                 highlighted: bool) -> None:
        super().__init__(classes="choice")
        self.index = index
        self.label = label
        self.multiple = multiple
        self.chosen = chosen
        self.highlighted = highlighted
        self._paint()

    def configure(self, label: str, *, multiple: bool, chosen: bool, highlighted: bool) -> None:
        """Reuse the row for another answer (cheaper than a new widget when questions change)."""
        self.label, self.multiple, self.chosen, self.highlighted = label, multiple, chosen, highlighted
        self._paint()

    def set_state(self, *, chosen: bool, highlighted: bool) -> None:
        """Show whether the row is chosen (ticked) and highlighted (the cursor is on it)."""
        if (chosen, highlighted) != (self.chosen, self.highlighted):
            self.chosen, self.highlighted = chosen, highlighted
            self._paint()

    def _paint(self) -> None:
        key = str(self.index + 1) if self.index < 9 else ("0" if self.index == 9 else " ")
        if self.multiple:
            mark = "[x]" if self.chosen else "[ ]"
        else:
            mark = "(•)" if self.chosen else "( )"
        cursor = "›" if self.highlighted else " "
        self.set_class(self.highlighted, "-highlight")
        self.set_class(self.chosen, "-chosen")
        self.update(Content.assemble(f"{cursor} ", (key, "bold"), f"  {mark} ", inert(self.label)))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.index))
