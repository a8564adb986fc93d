"""Export results to Markdown, HTML or JSON at a path the person types, or served, as a download in the
participant's browser; nothing is written otherwise."""

from __future__ import annotations

import io
from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList

from quiz.engine.outcome import Outcome
from quiz.engine.report import render
from quiz.store.export import ExportError, write_report
from quiz.ui.base import served
from quiz.ui.choices import Choices
from quiz.ui.form_dialog import FormDialog

FORMATS = (("md", "Markdown", ".md"), ("html", "HTML", ".html"), ("json", "JSON", ".json"))
"""(report format, label, file extension)."""

DEFAULT_PATH = "~/quiz-results.md"

MEDIA_TYPES = {"md": "text/markdown", "html": "text/html", "json": "application/json"}
"""The download's media type for each format (served app)."""

SERVED_HINT = ("Choose a format. Your browser downloads the file; nothing is written on the computer "
               "serving this quiz.")


class ExportScreen(FormDialog[Path]):
    """Asks for a format and a path, writes on Save, and says where the file went."""

    TITLE_TEXT = "Export your results"
    HINT = ("Choose a format and where to save the file. HTML is one file that prints well. Nothing is "
            "written until you press Save.")
    SUBMIT_LABEL = "Save"
    ERROR_ID = "export-error"

    def __init__(self, outcome: Outcome, default: str = DEFAULT_PATH) -> None:
        super().__init__()
        self.outcome = outcome
        self.default = default
        self.confirm_replace: Path | None = None
        """A file that exists and that the person has been warned about once."""
        self.format_index = 0

    @property
    def served(self) -> bool:
        """Whether the app runs for a participant's browser: then the file is a download, no path."""
        return served(self.app)

    def hint(self) -> Content:
        return Content(SERVED_HINT if self.served else self.HINT)

    def compose_fields(self) -> ComposeResult:
        yield Choices([label for _fmt, label, _ext in FORMATS], chosen=[0], id="format")
        if not self.served:
            yield Label(Content("Save to (a file path):"))
            yield Input(value=self.default, id="path")

    def on_mount(self) -> None:
        if self.served:
            self.query_one("#submit", Button).label = "Download"
        # The format first (its number keys would otherwise type into the path), then the path.
        self.query_one("#format").focus()

    @property
    def fmt(self) -> str:
        """The chosen report format."""
        return FORMATS[self.format_index][0]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.format_index = event.option_index
        if self.served:
            self.query_one("#submit", Button).focus()  # the format is the only choice; Download is next
            return
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
        # FormDialog's handler (which Textual also runs) clears the error line.
        self.confirm_replace = None

    def submit(self) -> None:
        """Write the file, asking once before replacing one that exists (served: send it to the browser)."""
        if self.served:
            self.download()
            return
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

    def download(self) -> None:
        """Send the report to the participant's browser (textual-serve's delivery); closes with its name."""
        _fmt, _label, ext = FORMATS[self.format_index]
        name = f"quiz-results{ext}"
        self.app.deliver_text(io.StringIO(render(self.outcome, self.fmt)), save_filename=name,
                              open_method="download", encoding="utf-8", mime_type=MEDIA_TYPES[self.fmt])
        self.dismiss(Path(name))
