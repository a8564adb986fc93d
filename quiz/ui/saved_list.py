"""Saved sessions in the sessions folder: open one to carry on, or mark several and compare them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.store import SavedInfo
from quiz.ui.base import QuizScreen
from quiz.ui.key_bar import KeyBar
from quiz.ui.text import inert

PROTECTED = "protected save (passphrase needed)"


@dataclass(frozen=True)
class SavedEntry:
    """One file of the sessions folder: what it says about itself, or why it cannot be read."""

    path: Path
    protected: bool = False
    info: SavedInfo | None = None
    passphrase: str | None = None
    problem: str = ""

    @property
    def locked(self) -> bool:
        """Protected and not yet opened with its passphrase."""
        return self.protected and self.info is None


def read_saved(files: list[Path]) -> list[SavedEntry]:
    """Describe each file without changing it; protected ones stay locked."""
    from quiz.store import StoreError, read_info, sniff

    out = []
    for p in files:
        kind = sniff(p)
        if kind == "protected":
            out.append(SavedEntry(p, protected=True))
            continue
        try:
            out.append(SavedEntry(p, info=read_info(p)))
        except StoreError as exc:
            out.append(SavedEntry(p, problem=str(exc)))
    return out


def _modified(p: Path) -> str:
    try:
        return datetime.fromtimestamp(p.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return "?"


def saved_prompt(entry: SavedEntry, marked: bool) -> Content:
    """How one save reads in the list."""
    box = "[x] " if marked else "[ ] "
    if entry.problem:
        return Content.assemble((entry.path.name, "bold"), "\n", ("Cannot be opened: ", "bold"),
                                inert(entry.problem))
    if entry.info is None:
        return Content.assemble(box, (PROTECTED, "bold"), "\n    ",
                                f"{entry.path.name} · modified {_modified(entry.path)}")
    i = entry.info
    label = inert(i.label, "bold") if i.label else Content.styled("(no label)", "bold italic")
    lock = " (protected)" if entry.protected else ""
    return Content.assemble(box, label, " · ", inert(i.bank_title or i.bank_id), lock, "\n    ",
                            f"saved {i.saved_at} · {i.answered} answer(s) · {entry.path.name}")


class SavedListScreen(QuizScreen):
    """Lists the saves; enter opens one, space marks, c compares the marked ones."""

    CSS_PATH = "screens.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare marked"),
        Binding("b,escape", "back", "Back"),
    ]

    def __init__(self, files: list[Path]) -> None:
        super().__init__()
        self.entries = read_saved(files)
        self.marked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Static(Content("Saved sessions"), classes="title", id="saved-title")
        yield Static(Content("Enter opens a save where you left off. Space marks saves of one "
                             "bank; c compares them side by side. Files are never changed here."),
                     classes="hint")
        yield OptionList(id="saves")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refill()
        self.query_one(OptionList).focus()

    def refill(self) -> None:
        """Draw the list again, keeping the highlight."""
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.clear_options()
        if not self.entries:
            listing.add_option(Option(Content("No saved sessions."), disabled=True))
            return
        for n, entry in enumerate(self.entries):
            listing.add_option(Option(saved_prompt(entry, n in self.marked), id=str(n),
                                      disabled=bool(entry.problem)))
        enabled = [n for n, e in enumerate(self.entries) if not e.problem]
        listing.highlighted = keep if keep in enabled else (enabled[0] if enabled else None)

    def _highlighted(self) -> int | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        if option_id is None or self.entries[int(option_id)].problem:
            return None
        return int(option_id)

    # -- passphrases ----------------------------------------------------------------------------------
    def unlock(self, n: int, then: Callable[[], None], problem: str = "") -> None:
        """Ask for entry n's passphrase until it opens (or the person cancels), then call `then`."""
        from quiz.ui.passphrase import PassphraseScreen

        entry = self.entries[n]

        def given(passphrase: str | None) -> None:
            from quiz.store import StoreError, WrongPassphrase, read_info

            if passphrase is None:
                return
            try:
                info = read_info(entry.path, passphrase)
            except WrongPassphrase as exc:
                self.unlock(n, then, str(exc))
                return
            except StoreError as exc:
                self.notify(str(exc), title="Cannot open this save", severity="error",
                            markup=False)
                return
            self.entries[n] = replace(entry, info=info, passphrase=passphrase)
            self.refill()
            then()

        self.app.push_screen(PassphraseScreen(entry.path.name, problem), given)

    # -- actions --------------------------------------------------------------------------------------
    def action_open(self) -> None:
        n = self._highlighted()
        if n is None:
            return
        if self.entries[n].locked:
            self.unlock(n, lambda: self.open_entry(n))
        else:
            self.open_entry(n)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def open_entry(self, n: int) -> None:
        """Load entry n against the current bank and carry on where the person left off."""
        from quiz.store import StoreError, load_session

        entry = self.entries[n]
        try:
            loaded = load_session(entry.path, self.quiz.lookup_bank, entry.passphrase)
        except StoreError as exc:
            self.notify(str(exc), title="Cannot open this save", severity="error", markup=False,
                        timeout=12)
            return
        self.app.call_later(self.quiz.resume, loaded)

    def action_mark(self) -> None:
        n = self._highlighted()
        if n is None:
            return
        if n in self.marked:
            self.marked.discard(n)
            self.refill()
        elif self.entries[n].locked:
            self.unlock(n, lambda: self._mark(n))
        else:
            self._mark(n)

    def _mark(self, n: int) -> None:
        self.marked.add(n)
        self.refill()

    def action_compare(self) -> None:
        from quiz.compare import Column
        from quiz.store import StoreError, load_session
        from quiz.ui.compare import CompareScreen

        chosen = [self.entries[n] for n in sorted(self.marked)]
        infos = [e.info for e in chosen if e.info is not None]
        if len(infos) < 2:
            self.notify("Mark two or more saves of one bank with space, then press c.",
                        markup=False)
            return
        if len({i.bank_id for i in infos}) > 1:
            self.notify("The marked saves are of different banks; compare saves of one bank.",
                        severity="warning", markup=False)
            return
        bank = self.quiz.lookup_bank(infos[0].bank_id)
        if bank is None:
            self.notify(f"Cannot find the bank `{infos[0].bank_id}` these saves were made with.",
                        severity="error", markup=False)
            return
        columns = []
        for e in chosen:
            try:
                loaded = load_session(e.path, lambda _id: bank, e.passphrase)
            except StoreError as exc:
                self.notify(str(exc), title="Cannot open this save", severity="error",
                            markup=False)
                return
            columns.append(Column(str(e.path), loaded.label, loaded.saved_at, loaded.outcome(),
                                  loaded.changes))
        self.app.push_screen(CompareScreen(bank, columns))

    def action_back(self) -> None:
        self.app.pop_screen()
