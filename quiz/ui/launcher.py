"""The launcher: shipped banks and the person's own banks folder, each with its length and purpose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.bank.model import Bank
from quiz.engine.count import length
from quiz.ui.actions import key_bar
from quiz.ui.base import QuizScreen
from quiz.ui.text import inert

SHIPPED_ORDER = ("therapy-fit", "myths-facts", "therapist-fit")
"""The shipped banks in the order the launcher lists them: the main self-check first (file stems);
any other shipped bank follows in the order given, and the person's own banks after, by name."""


def in_order(shipped: Sequence[Path]) -> list[Path]:
    """The shipped bank files in `SHIPPED_ORDER`, others after them as given."""
    def rank(path: Path) -> int:
        return SHIPPED_ORDER.index(path.stem) if path.stem in SHIPPED_ORDER else len(SHIPPED_ORDER)

    return sorted(shipped, key=rank)


def saves_line(count: int) -> str:
    """What the launcher says of the saved sessions there are ("" for none)."""
    if count == 0:
        return ""
    what = "1 saved session" if count == 1 else f"{count} saved sessions"
    return f"{what}: press o to open"


@dataclass(frozen=True)
class Entry:
    """One bank file as the launcher lists it: the bank, or why it cannot be opened."""

    path: Path
    mine: bool
    bank: Bank | None
    problems: tuple[str, ...] = ()


def read_entries(shipped: Sequence[Path], user_dir: Path) -> list[Entry]:
    """Check every listed bank file; a broken or unreadable one becomes an entry with its problems."""
    from quiz.bank.check import check_file

    files = [(p, False) for p in in_order(shipped)]
    try:
        if user_dir.is_dir():
            files += [(p, True) for p in sorted(user_dir.iterdir())
                      if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")]
    except OSError:
        pass  # an unreadable folder lists nothing; its path is still shown
    entries = []
    for path, mine in files:
        try:
            result = check_file(path)
        except OSError as exc:  # check_file reports read errors as problems; this is belt and braces
            entries.append(Entry(path, mine, None, (f"{path}: cannot be read: {exc.strerror}",)))
            continue
        entries.append(Entry(path, mine, result.bank, tuple(p.render() for p in result.problems)))
    return entries


def entry_prompt(entry: Entry) -> Content:
    """How one bank reads in the list."""
    b = entry.bank
    mine = "  (yours)" if entry.mine else ""
    if b is None:
        count = len(entry.problems)
        first = entry.problems[0] if entry.problems else "unknown problem"
        more = f" (and {count - 1} more; run quiz validate on it)" if count > 1 else ""
        return Content.assemble((entry.path.name, "bold"), mine, "\n",
                                ("Cannot be opened: ", "bold"), inert(first), more)
    facts = length(b)  # counted as the intro and every question count: `quiz.engine.count`
    if b.minutes:
        facts += f" · about {b.minutes} min"
    parts: list[Content | str | tuple[str, str]] = [inert(b.title, "bold"), mine, "\n"]
    if b.description:
        parts += [inert(b.description), "\n"]
    parts.append((facts, "italic"))
    return Content.assemble(*parts)


class LauncherScreen(QuizScreen):
    """Lists the banks; enter opens one."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=True),
        Binding("o", "saved", "Open a saved session"),
    ]

    @dataclass
    class Open(Message):
        """Open a bank: its intro."""

        bank: Bank

    class OpenSaves(Message):
        """Show the saved sessions."""

    @dataclass
    class Listed(Message):
        """The banks that were checked and listed (the app finds a save's bank among them)."""

        banks: tuple[Bank, ...]

    def __init__(self, shipped: Sequence[Path] | None, user_dir: Path | None) -> None:
        super().__init__()
        self.shipped = shipped
        self.user_dir = user_dir
        self.entries: list[Entry] = []

    def _user_dir(self) -> Path:
        if self.user_dir is not None:
            return self.user_dir
        from quiz.paths import user_banks_dir

        return user_banks_dir()

    def compose(self) -> ComposeResult:
        yield Static(Content("Choose a bank"), classes="title", id="launcher-title")
        yield Static(Content("Move with ↑ ↓ and press enter to open one; o opens a saved session. "
                             "Nothing is stored or sent unless you choose to save or export."),
                     classes="hint")
        yield OptionList(Option(Content("Loading banks…"), disabled=True), id="banks")
        saves = Static(id="saves-line", classes="hint")
        saves.display = False
        yield saves
        folder = self._user_dir()
        state = "" if folder.is_dir() else " (not created yet)"
        yield Static(Content.assemble(("Your own banks: ", "bold"), f"put .yaml files in {folder}",
                                      state), id="user-dir", classes="hint")
        yield key_bar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Check the bank files off the UI thread, then list them."""
        from quiz.paths import shipped_banks

        shipped = list(self.shipped) if self.shipped is not None else shipped_banks()
        entries = read_entries(shipped, self._user_dir())
        self.app.call_from_thread(self.show_entries, entries)
        from quiz.store import session_files

        try:
            count = len(session_files())
        except OSError:
            count = 0  # an unreadable sessions folder: the saves list says why when opened
        self.app.call_from_thread(self.show_saves, count)

    def show_saves(self, count: int) -> None:
        """Say how many saved sessions there are, and how to open them (nothing when none)."""
        line = self.query_one("#saves-line", Static)
        line.update(Content(saves_line(count)))
        line.display = count > 0

    def show_entries(self, entries: list[Entry]) -> None:
        """Fill the list."""
        self.entries = entries
        self.post_message(self.Listed(tuple(e.bank for e in entries if e.bank is not None)))
        listing = self.query_one(OptionList)
        listing.clear_options()
        if not entries:
            listing.add_option(Option(Content("No banks found."), disabled=True))
            return
        for i, entry in enumerate(entries):
            if i:
                listing.add_option(None)
            listing.add_option(Option(entry_prompt(entry), id=str(i), disabled=entry.bank is None))
        listing.highlighted = next((i for i, o in enumerate(listing.options) if not o.disabled), None)

    def action_open(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            option = listing.get_option_at_index(listing.highlighted)
            self._open(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def _open(self, option_id: str | None) -> None:
        if option_id is None:
            return
        entry = self.entries[int(option_id)]
        if entry.bank is not None:
            self.send(self.Open(entry.bank))

    def action_saved(self) -> None:
        self.send(self.OpenSaves())
