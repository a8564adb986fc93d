"""Asks for the passphrase of a protected save; the answer goes back to whoever asked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input

from quiz.ui.form_dialog import FormDialog


class PassphraseScreen(FormDialog[str]):
    """One password field; enter gives it back, escape gives None."""

    TITLE_TEXT = "Passphrase needed"
    SUBMIT_LABEL = "Open"
    ERROR_ID = "passphrase-error"

    def __init__(self, name: str, problem: str = "") -> None:
        """Ask for the passphrase of the save `name`; `problem` (e.g. "wrong passphrase") is shown."""
        super().__init__()
        self.save_name = name
        self.problem = problem

    def hint(self) -> Content:
        return Content(f"{self.save_name} is protected. Type its passphrase and press enter.")

    def first_error(self) -> Content:
        return Content.styled(self.problem, "bold")

    def compose_fields(self) -> ComposeResult:
        yield Input(id="passphrase", password=True, placeholder="passphrase")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def submit(self) -> None:
        value = self.query_one("#passphrase", Input).value
        if value:
            self.dismiss(value)
