"""Save and leave: a label, an optional passphrase, and where; nothing is written until Save."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label

from quiz.engine.session import Session
from quiz.ui.form_dialog import FormDialog


class SaveScreen(FormDialog[Path]):
    """Asks for a label, a passphrase (twice, optional) and a path; saves on Save."""

    TITLE_TEXT = "Save and leave"
    HINT = ("Your answers and place are written to one file, readable by you only, and the app closes. "
            "Nothing is written until you press Save.")
    SUBMIT_LABEL = "Save"
    ERROR_ID = "save-error"

    def __init__(self, session: Session, folder: Path) -> None:
        super().__init__()
        self.session = session
        self.folder = folder

    def compose_fields(self) -> ComposeResult:
        yield Label(Content("Label (optional, e.g. a therapist's name):"))
        yield Input(id="label", max_length=200)
        yield Label(Content("Passphrase (optional; without one, the file is plain text):"))
        with Horizontal(id="passphrases"):
            yield Input(id="passphrase", password=True, placeholder="passphrase")
            yield Input(id="confirm", password=True, placeholder="type it again")
        yield Label(Content("Save in (a folder or a file path):"))
        yield Input(value=str(self.folder), id="path")

    def on_mount(self) -> None:
        self.query_one("#label", Input).focus()

    def submit(self) -> None:
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
