"""The base of the app's small dialogs (save, export, passphrase): title, hint, fields, a line for what
went wrong, Cancel and one main button."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from quiz.ui.actions import key_bar

T = TypeVar("T")


class FormDialog(ModalScreen[T | None]):
    """A dialog of fields: enter in a field or the main button submits, escape or Cancel gives None.

    Subclasses set `TITLE_TEXT`, `HINT`, `SUBMIT_LABEL` and `ERROR_ID`, yield their fields from
    `compose_fields`, and implement `submit`, which calls `dismiss(value)` or `show_error(...)`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # A modal hides the app's bindings (keys and footer); the quick exit and help must stay.
        Binding("ctrl+q", "app.quick_exit", "Quick exit", priority=True),
        Binding("ctrl+c", "app.quick_exit", "Quick exit", show=False, priority=True),
        # F1 rather than ?, which the text fields take as typing.
        Binding("f1", "app.help", "Help", key_display="F1"),
    ]

    TITLE_TEXT: ClassVar[str] = ""
    """The dialog's title line."""
    HINT: ClassVar[str] = ""
    """One short paragraph under the title: what happens, and that nothing happens until asked."""
    SUBMIT_LABEL: ClassVar[str] = "OK"
    """The main button's label."""
    ERROR_ID: ClassVar[str] = "form-error"
    """The id of the line that says what went wrong."""

    ready = False
    """Whether the fields are mounted and the first has the focus: keys typed before are kept by the
    app and sent on then (a label, Tab and a passphrase typed ahead land where they were aimed)."""

    def on_mount(self) -> None:
        # Textual runs every class's on_mount, the subclass's (which places the focus) first; this
        # waits for the layout too.
        self.call_after_refresh(self._now_ready)

    def _now_ready(self) -> None:
        self.ready = True
        release = getattr(self.app, "release_typing", None)
        if callable(release):
            release()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.TITLE_TEXT), classes="title")
            yield Static(self.hint(), classes="hint")
            yield from self.compose_fields()
            yield Static(self.first_error(), id=self.ERROR_ID)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.SUBMIT_LABEL, id="submit", variant="primary")
        yield key_bar()

    def hint(self) -> Content:
        """The hint line (HINT unless a dialog words it from its own state)."""
        return Content(self.HINT)

    def first_error(self) -> Content:
        """What the error line says when the dialog opens (usually nothing)."""
        return Content("")

    def compose_fields(self) -> ComposeResult:
        """The dialog's own fields, between the hint and the error line."""
        yield from ()

    def submit(self) -> None:
        """Act on the fields: `dismiss(value)` when done, or `show_error(...)` and stay."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        """Say what went wrong, in the dialog; every field keeps what was typed."""
        self.query_one(f"#{self.ERROR_ID}", Static).update(Content.styled(message, "bold"))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{self.ERROR_ID}", Static).update(Content(""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)
