"""A question before something that cannot be undone: two buttons, and escape keeps things as they are."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from quiz.ui.actions import key_bar


class ConfirmScreen(ModalScreen[bool]):
    """Asks before an action that loses something; True only when the person chose to go ahead.

    The safe choice has the focus, so enter (or escape, or a burst of keys) keeps things as they are.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "Keep"),
        Binding("ctrl+q", "app.quick_exit", "Quick exit", priority=True),
        Binding("ctrl+c", "app.quick_exit", "Quick exit", show=False, priority=True),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, title: str, text: str, go_label: str, keep_label: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.go_label = go_label
        self.keep_label = keep_label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), classes="title")
            yield Static(Content(self.text), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.keep_label, id="keep", variant="primary")
                yield Button(self.go_label, id="go")
        yield key_bar()

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "go")

    def action_keep(self) -> None:
        self.dismiss(False)
