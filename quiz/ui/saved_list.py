"""Saved sessions in the sessions folder: open one to carry on, or mark several and compare them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.bank.model import Bank
from quiz.errors import counted
from quiz.safe_text import clean
from quiz.store import SavedInfo, StoreError, when_words
from quiz.ui.actions import key_bar
from quiz.ui.base import QuizScreen, notice_line
from quiz.ui.text import inert

if TYPE_CHECKING:
    from quiz.store import LoadedSession

PROTECTED = "protected save (passphrase needed)"
OPENING = "Opening the protected save: working out its key takes about a second\u2026"

T = TypeVar("T")


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
        stamp = datetime.fromtimestamp(p.stat().st_mtime, UTC)
    except OSError:
        return "?"
    return when_words(stamp.isoformat())


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
                            f"saved {when_words(i.saved_at)} · {counted(i.answered, 'answer')} · {entry.path.name}")


class SavedListScreen(QuizScreen):
    """Lists the saves; enter opens one, space marks, c compares the marked ones."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare marked"),
        Binding("b,escape", "back", "Back"),
    ]

    @dataclass
    class Resume(Message):
        """Carry on an opened save where the person left off."""

        loaded: LoadedSession

    def __init__(self, files: list[Path], find_bank: Callable[[str], Bank | None]) -> None:
        """List `files`; `find_bank` gives the bank a save was made with, by id (it may be called off
        the UI thread)."""
        super().__init__()
        self.find_bank = find_bank
        self.entries = read_saved(files)
        self.marked: set[int] = set()
        self.busy = False
        """A save is being opened off the UI thread; other actions wait for it."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Saved sessions"), classes="title", id="saved-title")
        yield Static(Content("Enter opens a save where you left off. Space marks saves of one "
                             "bank; c compares them side by side. Files are never changed here."),
                     classes="hint")
        yield OptionList(id="saves")
        yield Static(id="saved-status", classes="hint")
        yield notice_line(self)
        yield key_bar()

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

    # -- slow work ----------------------------------------------------------------------------------
    def _busy(self, what: str | None) -> None:
        """Say what is happening while a save is opened off the UI thread (None: done)."""
        self.busy = what is not None
        listing = self.query_one(OptionList)
        listing.loading = self.busy
        self.query_one("#saved-status", Static).update(Content(what or ""))

    def _in_background(self, what: str, job: Callable[[], T], done: Callable[[T], None],
                       failed: Callable[[StoreError], None]) -> None:
        """Run `job` (which may derive a passphrase's key) off the UI thread, then `done` or `failed`."""
        from quiz.ui.background import off_thread

        async def work() -> None:
            self._busy(what)
            try:
                result = await off_thread(job)
            except StoreError as exc:
                self._busy(None)
                failed(exc)
                return
            self._busy(None)
            done(result)

        self.run_worker(work(), group="saves", exclusive=True)

    def _cannot_open(self, exc: Exception) -> None:
        self.say(f"Cannot open this save: {exc}")

    # -- passphrases ----------------------------------------------------------------------------------
    def unlock(self, n: int, then: Callable[[], None], problem: str = "") -> None:
        """Ask for entry n's passphrase until it opens (or the person cancels), then call `then`."""
        from quiz.store import WrongPassphrase, read_info
        from quiz.ui.passphrase import PassphraseScreen

        entry = self.entries[n]

        def given(passphrase: str | None) -> None:
            if passphrase is None:
                return

            def opened(info: SavedInfo) -> None:
                self.entries[n] = replace(entry, info=info, passphrase=passphrase)
                self.refill()
                then()

            def failed(exc: Exception) -> None:
                if isinstance(exc, WrongPassphrase):
                    self.unlock(n, then, str(exc))
                else:
                    self._cannot_open(exc)

            self._in_background(OPENING, lambda: read_info(entry.path, passphrase), opened, failed)

        self.app.push_screen(PassphraseScreen(entry.path.name, problem), given)

    # -- actions --------------------------------------------------------------------------------------
    def action_open(self) -> None:
        self.say("")  # what was said is about the last thing tried
        n = self._highlighted()
        if n is None or self.busy:
            return
        if self.entries[n].locked:
            self.open_locked(n)
        else:
            self.open_entry(n)

    def open_locked(self, n: int, problem: str = "") -> None:
        """Ask for a protected save's passphrase and open it: one key derivation, not one to read
        its label and another to load it."""
        from quiz.ui.passphrase import PassphraseScreen

        def given(passphrase: str | None) -> None:
            if passphrase is not None:
                self.open_entry(n, passphrase)

        self.app.push_screen(PassphraseScreen(self.entries[n].path.name, problem), given)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def open_entry(self, n: int, passphrase: str | None = None) -> None:
        """Load entry n against the current bank and carry on where the person left off."""
        from quiz.store import WrongPassphrase, load_session

        entry = self.entries[n]
        passphrase = passphrase if passphrase is not None else entry.passphrase

        def loaded(session: LoadedSession) -> None:
            self.post_message(self.Resume(session))

        def failed(exc: Exception) -> None:
            if isinstance(exc, WrongPassphrase):
                self.open_locked(n, str(exc))
            else:
                self._cannot_open(exc)

        what = OPENING if entry.protected else "Opening the save\u2026"
        find = self.find_bank
        self._in_background(what, lambda: load_session(entry.path, find, passphrase), loaded, failed)

    def action_mark(self) -> None:
        self.say("")
        n = self._highlighted()
        if n is None or self.busy:
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
        from quiz.engine.compare import Column
        from quiz.store import load_session
        from quiz.ui.compare import CompareScreen

        if self.busy:
            return
        chosen = [self.entries[n] for n in sorted(self.marked)]
        infos = [e.info for e in chosen if e.info is not None]
        if len(infos) < 2:
            self.say("Mark two or more saves of one bank with space, then press c.")
            return
        if len({i.bank_id for i in infos}) > 1:
            self.say("The marked saves are of different banks; compare saves of one bank.")
            return
        bank = self.find_bank(infos[0].bank_id)
        if bank is None:
            self.say(clean(f"Cannot find the bank `{infos[0].bank_id}` these saves were made with."))
            return

        def columns() -> list[Column]:
            out = []
            for e in chosen:
                loaded = load_session(e.path, lambda _id: bank, e.passphrase)
                out.append(Column(str(e.path), loaded.label, loaded.saved_at, loaded.outcome(),
                                  loaded.changes))
            return out

        what = OPENING if any(e.protected for e in chosen) else "Opening the saves\u2026"
        def show(cols: list[Column]) -> None:
            self.app.push_screen(CompareScreen(bank, cols))

        self._in_background(what, columns, show, self._cannot_open)

    def action_back(self) -> None:
        self.app.pop_screen()
