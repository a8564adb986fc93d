"""Save and leave: a label, an optional passphrase, and where; nothing is written until Save."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from quiz.engine.session import Session
from quiz.ui.actions import key_bar


class SaveScreen(ModalScreen[Path | None]):
    """Asks for a label, a passphrase (twice, optional) and a path; saves on Save."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # A modal hides the app's bindings (keys and footer); the quick exit and help must stay.
        Binding("ctrl+q", "app.quick_exit", "Quick exit", priority=True),
        # F1 rather than ?, which the text fields take as typing.
        Binding("f1", "app.help", "Help", key_display="F1"),
    ]

    def __init__(self, session: Session, folder: Path) -> None:
        super().__init__()
        self.session = session
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Save and leave"), classes="title")
            yield Static(Content("Your answers and place are written to one file, readable by you "
                                 "only, and the app closes. Nothing is written until you press "
                                 "Save."), classes="hint")
            yield Label(Content("Label (optional, e.g. a therapist's name):"))
            yield Input(id="label", max_length=200)
            yield Label(Content("Passphrase (optional; without one, the file is plain text):"))
            with Horizontal(id="passphrases"):
                yield Input(id="passphrase", password=True, placeholder="passphrase")
                yield Input(id="confirm", password=True, placeholder="type it again")
            yield Label(Content("Save in (a folder or a file path):"))
            yield Input(value=str(self.folder), id="path")
            yield Static(Content(""), id="save-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")
        yield key_bar()

    def on_mount(self) -> None:
        self.query_one("#label", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#save-error", Static).update(Content(""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.save()
        else:
            self.action_cancel()

    def show_error(self, message: str) -> None:
        """Say what went wrong, in the dialog; every field keeps what was typed."""
        self.query_one("#save-error", Static).update(Content.styled(message, "bold"))

    def save(self) -> None:
        """Check the fields, then write the file; on success the dialog closes with its path."""
        from quiz.store import SaveError, save_session

        label = self.query_one("#label", Input).value.strip()
        passphrase = self.query_one("#passphrase", Input).value
        confirm = self.query_one("#confirm", Input).value
        raw = self.query_one("#path", Input).value.strip()
        if passphrase != confirm:
            self.show_error("The two passphrases differ; type the same one twice.")
            return
        if not raw:
            self.show_error(f"Type a folder or file path, for example {self.folder}.")
            return
        target = Path(raw).expanduser()
        if target == self.folder:
            target_arg: Path | None = None  # the default folder: created (owner-only) if missing
        else:
            target_arg = target
        try:
            written = save_session(self.session, target_arg, label=label,
                                   passphrase=passphrase or None)
        except SaveError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
