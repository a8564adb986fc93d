"""Asks for the passphrase of a protected save; the answer goes back to whoever asked."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from quiz.ui.actions import key_bar


class PassphraseScreen(ModalScreen[str | None]):
    """One password field; enter gives it back, escape gives None."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # A modal hides the app's bindings (keys and footer); the quick exit and help must stay.
        Binding("ctrl+q", "app.quick_exit", "Quick exit", priority=True),
        # F1 rather than ?, which the text fields take as typing.
        Binding("f1", "app.help", "Help", key_display="F1"),
    ]

    def __init__(self, name: str, problem: str = "") -> None:
        """Ask for the passphrase of the save `name`; `problem` (e.g. "wrong passphrase") is shown."""
        super().__init__()
        self.save_name = name
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Passphrase needed"), classes="title")
            yield Static(Content(f"{self.save_name} is protected. Type its passphrase and press "
                                 "enter."), classes="hint")
            yield Input(id="passphrase", password=True, placeholder="passphrase")
            yield Static(Content.styled(self.problem, "bold"), id="passphrase-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Open", id="open", variant="primary")
        yield key_bar()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._give()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open":
            self._give()
        else:
            self.action_cancel()

    def _give(self) -> None:
        value = self.query_one("#passphrase", Input).value
        if value:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
