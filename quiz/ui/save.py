"""Save and leave: a label, an optional passphrase, and where; nothing is written until Save."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label

from quiz.bank.model import Bank
from quiz.engine.session import Session
from quiz.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from quiz.store import LoadedSession


@dataclass(frozen=True)
class Saved:
    """What a save wrote, and the lines to print once the app has closed."""

    path: Path
    lines: tuple[str, ...]


def bank_ref(bank: Bank) -> str:
    """How to name the bank on the command line: its id when `quiz take ID` finds it, else its file."""
    from quiz.paths import resolve_bank

    return bank.id if resolve_bank(bank.id).exists() else bank.file


def resume_line(bank: Bank, path: Path) -> str:
    """How to carry on from a save, as plain mode says it."""
    return f"Carry on later with: quiz take {bank_ref(bank)} --resume {path} (or run quiz and press o)"


class SaveScreen(FormDialog[Saved]):
    """Asks for a label, a passphrase (twice, optional) and a path; saves on Save.

    After a resume the label is the earlier save's, and a box offers to replace the earlier file:
    ticked, it is deleted once the new one is written; left, what stays behind is said.
    """

    TITLE_TEXT = "Save and leave"
    HINT = ("Your answers and place are written to one file, readable by you only, and the app closes. "
            "Nothing is written until you press Save.")
    SUBMIT_LABEL = "Save"
    ERROR_ID = "save-error"

    def __init__(self, session: Session, folder: Path, earlier: LoadedSession | None = None) -> None:
        """Args:
            session: What to save.
            folder: The default place (the sessions folder).
            earlier: The save this session was resumed from, if any.
        """
        super().__init__()
        self.session = session
        self.folder = folder
        self.earlier = earlier

    def compose_fields(self) -> ComposeResult:
        yield Label(Content("Label (optional, e.g. a therapist's name):"))
        yield Input(value=self.earlier.label if self.earlier else "", id="label", max_length=200)
        yield Label(Content("Passphrase (optional; without one, the file is plain text):"))
        with Horizontal(id="passphrases"):
            yield Input(id="passphrase", password=True, placeholder="passphrase")
            yield Input(id="confirm", password=True, placeholder="type it again")
        yield Label(Content("Save in (a folder or a file path):"))
        yield Input(value=str(self.folder), id="path")
        if self.earlier is not None:
            from quiz.store import when_words

            kind = "protected" if self.earlier.protected else "unprotected"
            # One line, so the dialog still fits 80x24 with its buttons.
            yield Checkbox(f"Replace the earlier save ({kind}, {when_words(self.earlier.saved_at)})",
                           value=True, id="replace", compact=True)

    def hint(self) -> Content:
        if self.earlier is not None:  # a line shorter: the box to replace the earlier save needs it
            return Content("Written to one file, readable by you only; then the app closes. Nothing is "
                           "written until you press Save.")
        return Content(self.HINT)

    def on_mount(self) -> None:
        self.query_one("#label", Input).focus()

    def submit(self) -> None:
        """Check the fields, then write the file; on success the dialog closes with what it wrote."""
        from quiz.store import SaveError, remove_earlier, save_session

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
        lines = [f"Saved to {written}" + (" (protected by your passphrase)." if passphrase else "."),
                 resume_line(self.session.bank, written)]
        earlier = self.earlier
        if earlier is not None and earlier.path.resolve() != written.resolve():
            if self.query_one("#replace", Checkbox).value:
                try:
                    remove_earlier(earlier.path, written)
                    lines.append(f"The earlier save {earlier.path} was deleted: this one replaces it.")
                except SaveError as exc:
                    lines.append(f"The earlier save was kept: {exc}.")
            elif earlier.protected:
                lines.append(f"The earlier save is still at {earlier.path}, as it was then.")
            else:
                lines.append(f"The earlier save is still at {earlier.path}, unprotected: anyone who "
                             "can read your files can read it. Delete it if you no longer want it.")
        self.dismiss(Saved(written, tuple(lines)))
