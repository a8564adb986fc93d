"""The help screen: every key the app answers to, screen by screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.ui.actions import key_bar
from quiz.ui.base import served
from quiz.ui.choices import ANSWER_KEYS

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Everywhere", (
        ("ctrl+q or ctrl+c", "Quick exit: leave at once; nothing is saved or left on the screen"),
        ("? or F1", "This help (in a dialog, where ? is typed: F1)"),
        ("ctrl+s", "Save and leave, while taking a bank (questions, review, results)"),
        ("ctrl+p", "Command palette: this screen's actions (export, review, save and leave), quick exit, help, themes"),
        ("enter", "Go on: the main action, the highlighted button at the bottom right (in lists: open)"),
        ("tab / shift+tab", "Move between lists, answers, fields and buttons; enter presses a button"),
        ("mouse", "Click an answer, a list entry, or a button at the bottom"),
    )),
    ("Choosing a bank", (
        ("↑ ↓", "Move through the banks"),
        ("enter", "Open the highlighted bank"),
        ("o", "Open a saved session"),
    )),
    ("Saved sessions", (
        ("enter", "Open the save where you left off (asks for its passphrase if protected)"),
        ("space", "Mark or unmark a save"),
        ("c", "Compare the marked saves of one bank side by side"),
        ("b or escape", "Back"),
    )),
    ("Comparing saves", (
        ("↑ ↓, page up/down", "Scroll"),
        ("b or escape", "Back to the saved sessions"),
    )),
    ("Intro and content notes", (
        ("enter", "Start or continue"),
        ("s", "Skip the section (when none of its questions needs an answer)"),
        ("b or escape", "Back"),
    )),
    ("Questions", (
        (f"1-9, then {' '.join(ANSWER_KEYS[9:])}",
         "The key printed beside an answer: choose it and go on (tick or untick it in a checklist)"),
        ("↑ ↓ (or ← → or k j)", "Move through the answers"),
        ("space", "Tick or untick in a checklist; choose in other questions"),
        ("enter", "Go on with the highlighted answer, the ticked boxes or the typed text"),
        ("b or escape", "Back to the previous question (or to review)"),
        ("s", "Skip, when the question allows it"),
        ("p", "Prefer not to say, when offered"),
        ("ctrl+s", "Save and leave: write your answers to a file, then close"),
    )),
    ("True or false revealed", (
        ("enter", "Continue"),
        ("b or escape", "Back to the statement"),
    )),
    ("Review", (
        ("↑ ↓, enter", "Choose a question to change its answer"),
        ("r", "See the results"),
        ("ctrl+s", "Save and leave"),
        ("b or escape", "Back to the last question"),
    )),
    ("Results", (
        ("↑ ↓, page up/down", "Scroll"),
        ("e or enter", "Export to Markdown, HTML or JSON at a path you type"),
        ("r", "Review and change answers"),
        ("h", "Back to the list of banks (when the bank was opened from it)"),
        ("ctrl+s", "Save and leave"),
    )),
    ("Save and leave", (
        ("tab", "Move between label, passphrase, path and buttons"),
        ("enter", "Save (then the app closes and says where the file is)"),
        ("escape", "Cancel"),
    )),
    ("Export", (
        ("1-3", "Choose the format (Markdown, HTML, JSON); the path is next"),
        ("↑ ↓ (or ← → or k j)", "Move through the formats"),
        ("space", "Choose the highlighted format"),
        ("tab", "Move between format, path and buttons"),
        ("enter", "On a format: choose it; in the path: save"),
        ("escape", "Cancel"),
    )),
    ("Passphrase of a protected save", (
        ("enter", "Open the save"),
        ("escape", "Cancel"),
    )),
    ("This help", (
        ("↑ ↓, page up/down", "Scroll"),
        ("escape, q, ? or F1", "Close it"),
    )),
)
"""Every key, grouped by where it works."""

GROUP_OF_SCREEN = {
    "LauncherScreen": "Choosing a bank",
    "SavedListScreen": "Saved sessions",
    "CompareScreen": "Comparing saves",
    "IntroScreen": "Intro and content notes",
    "SectionScreen": "Intro and content notes",
    "QuestionScreen": "Questions",
    "RevealScreen": "True or false revealed",
    "ReviewScreen": "Review",
    "ResultsScreen": "Results",
    "SaveScreen": "Save and leave",
    "ExportScreen": "Export",
    "PassphraseScreen": "Passphrase of a protected save",
}
"""The help's group for each screen (by class name): the help opens there."""


def help_content() -> Content:
    """The key list as one block of text (for searching and for tests)."""
    parts: list[Content | str | tuple[str, str]] = []
    for group, keys in KEYS:
        if parts:
            parts.append("\n\n")
        parts.append((group, "bold underline"))
        for key, what in keys:
            parts += ["\n", (f"  {key:<20}", "bold"), what]
    return Content.assemble(*parts)


def help_cells(keys: tuple[tuple[str, str], ...]) -> Iterator[Static]:
    """One group's keys as grid cells: each key beside what it does."""
    for key, what in keys:
        yield Static(Content.styled(key, "bold"), classes="help-key")
        yield Static(Content(what), classes="help-what")


class HelpScreen(ModalScreen[None]):
    """A dialog listing every key; any of escape, q, ? or F1 closes it."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close help", key_display="esc"),
        # A modal hides the app's bindings (keys and footer); the quick exit must stay.
        Binding("ctrl+q", "app.quick_exit", "Quick exit", priority=True),
        Binding("ctrl+c", "app.quick_exit", "Quick exit", show=False, priority=True),
    ]

    def __init__(self, where: str = "") -> None:
        """Open at the group of keys for the screen named `where` (its class name), if it has one."""
        super().__init__()
        self.group = GROUP_OF_SCREEN.get(where, "")

    def compose(self) -> ComposeResult:
        hidden_save = served(self.app)
        with Vertical(id="dialog"):
            yield Static(Content("Keys"), classes="title")
            with VerticalScroll(id="help-body"):
                for n, (group, keys) in enumerate(KEYS):
                    here = " (this screen)" if group == self.group else ""
                    yield Static(Content.styled(group + here, "bold underline"), classes="help-group",
                                 id=f"help-group-{n}")
                    with Grid(classes="help-keys"):
                        # Served (`quiz serve`), saving is not offered, so its key is not listed.
                        yield from help_cells(tuple(k for k in keys if not (k[0] == "ctrl+s" and hidden_save)))
        yield key_bar()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
        names = [group for group, _keys in KEYS]
        if self.group in names:
            heading = self.query_one(f"#help-group-{names.index(self.group)}", Static)
            # Once laid out, so the scroll is measured on the final layout.
            self.call_after_refresh(self.query_one("#help-body").scroll_to_widget, heading, top=True,
                                    animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
