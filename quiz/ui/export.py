"""Export results to Markdown, HTML or JSON at a path the person types; nothing is written otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static

from quiz.engine.outcome import Outcome
from quiz.store.export import ExportError, write_report
from quiz.ui.actions import key_bar
from quiz.ui.choices import Choices

FORMATS = (("md", "Markdown", ".md"), ("html", "HTML", ".html"), ("json", "JSON", ".json"))
"""(report format, label, file extension)."""

DEFAULT_PATH = "~/quiz-results.md"


class ExportScreen(ModalScreen[Path | None]):
    """Asks for a format and a path, writes on Save, and says where the file went."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # A modal hides the app's bindings (keys and footer); the quick exit and help must stay.
        Binding("ctrl+q", "app.quick_exit", "Quick exit", priority=True),
        # F1 rather than ?, which the text fields take as typing.
        Binding("f1", "app.help", "Help", key_display="F1"),
    ]

    def __init__(self, outcome: Outcome, default: str = DEFAULT_PATH) -> None:
        super().__init__()
        self.outcome = outcome
        self.default = default
        self.confirm_replace: Path | None = None
        """A file that exists and that the person has been warned about once."""
        self.format_index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Export your results"), classes="title")
            yield Static(Content("Choose a format and where to save the file. HTML is one file "
                                 "that prints well. Nothing is written until you press Save."), classes="hint")
            yield Choices([label for _fmt, label, _ext in FORMATS], chosen=[0], id="format")
            yield Label(Content("Save to (a file path):"))
            yield Input(value=self.default, id="path")
            yield Static(Content(""), id="export-error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")
        yield key_bar()

    def on_mount(self) -> None:
        # The format first (its number keys would otherwise type into the path), then the path.
        self.query_one("#format").focus()

    @property
    def fmt(self) -> str:
        """The chosen report format."""
        return FORMATS[self.format_index][0]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.format_index = event.option_index
        ext = FORMATS[event.option_index][2]
        field = self.query_one("#path", Input)
        value = field.value
        for _fmt, _label, old in FORMATS:
            if value.endswith(old):
                field.value = value[: -len(old)] + ext
                break
        self.confirm_replace = None
        field.focus()
        field.cursor_position = len(field.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.confirm_replace = None
        self.query_one("#export-error", Static).update(Content(""))

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
        """Say what went wrong, in the dialog."""
        self.query_one("#export-error", Static).update(Content.styled(message, "bold"))

    def save(self) -> None:
        """Write the file, asking once before replacing one that exists."""
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.show_error("Type a file path, for example ~/quiz-results.md.")
            return
        target = Path(raw).expanduser().absolute()
        if target.is_file() and self.confirm_replace != target:
            self.confirm_replace = target
            self.show_error(f"{target} already exists. Press Save again to replace it.")
            return
        try:
            written = write_report(self.outcome, self.fmt, Path(raw))
        except ExportError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
